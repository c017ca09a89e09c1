// brat standoff (https://brat.nlplab.org/standoff.html) over Document::text.
//
// Asserted events (Document::events) get their roles; triggers the text does
// not assert (Document::unasserted: "did not cross", "planned to flee") get
// an E line without roles and a Negated or Irrealis attribute.
#include <cctype>
#include <map>
#include <tuple>

#include "annotate/internal.h"

namespace cairn::annotate {
namespace {

struct Writer {
  const Document& doc;
  std::ostream& out;
  CodePoints cp;
  int next_t = 1, next_e = 1, next_a = 1, next_note = 1;
  std::map<std::tuple<std::string, uint32_t, uint32_t>, int> t_ids;  // (type, begin, end) -> T

  Writer(const Document& d, std::ostream& o) : doc(d), out(o), cp(d.text) {}

  // A text-bound annotation; spans crossing line breaks or tabs become
  // fragments, as brat wants (its text field is the fragments joined by a
  // space). Returns the T number (the same for the same type and span).
  int T(const std::string& type, Span span) {
    auto key = std::make_tuple(type, span.begin, span.end);
    if (auto it = t_ids.find(key); it != t_ids.end()) return it->second;
    int id = next_t++;
    t_ids[key] = id;
    out << 'T' << id << '\t' << type << ' ';
    std::string shown;
    uint32_t frag = span.begin;
    bool first = true;
    for (uint32_t i = span.begin; i <= span.end; ++i) {
      if (i == span.end || doc.text[i] == '\n' || doc.text[i] == '\t' || doc.text[i] == '\r') {
        if (i > frag) {
          if (!first) out << ';';
          out << cp.At(frag) << ' ' << cp.At(i);
          if (!first) shown += ' ';
          shown += doc.text.substr(frag, i - frag);
          first = false;
        }
        frag = i + 1;
      }
    }
    out << '\t' << shown << '\n';
    return id;
  }

  void Note(int t, const std::string& note) {
    out << '#' << next_note++ << "\tAnnotatorNotes T" << t << '\t' << note << '\n';
  }
};

const char* MentionType(EntityType t) {
  switch (t) {
    case EntityType::kPerson:
      return "Person";
    case EntityType::kPlace:
      return "Place";
    case EntityType::kOrganization:
      return "Organization";
    case EntityType::kWork:
      return "Work";
  }
  return "Entity";
}

bool WordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || (static_cast<unsigned char>(c) & 0x80);
}

// The trigger word's span: its first whole-word, case-insensitive occurrence
// in the event's quote (EventMention keeps the word, not its offsets).
Span TriggerSpan(const Document& doc, const EventMention& ev) {
  std::string_view q = doc.Slice(ev.quote);
  const std::string& w = ev.trigger;
  if (w.empty() || q.size() < w.size()) return {};
  for (size_t i = 0; i + w.size() <= q.size(); ++i) {
    bool same = true;
    for (size_t k = 0; k < w.size() && same; ++k)
      same = std::tolower(static_cast<unsigned char>(q[i + k])) ==
             std::tolower(static_cast<unsigned char>(w[k]));
    if (!same) continue;
    if (i > 0 && WordChar(q[i - 1])) continue;
    if (i + w.size() < q.size() && WordChar(q[i + w.size()])) continue;
    return Span{ev.quote.begin + static_cast<uint32_t>(i),
                ev.quote.begin + static_cast<uint32_t>(i + w.size())};
  }
  return {};
}

// The mention of `entity` that best stands for it in sentence `sentence`:
// one in that sentence (closest to `near`), else the closest before it, else
// its first. -1 when the entity has none (places inferred from a border pair).
int MentionFor(const Document& doc, int entity, uint32_t sentence, uint32_t near) {
  if (entity < 0 || static_cast<size_t>(entity) >= doc.entities.size()) return -1;
  int best = -1;
  long best_score = 0;
  for (uint32_t m : doc.entities[entity].mentions) {
    if (m >= doc.mentions.size()) continue;
    const Mention& mm = doc.mentions[m];
    long dist = std::labs(static_cast<long>(mm.span.begin) - static_cast<long>(near));
    long score = mm.sentence == sentence ? dist
                 : mm.span.begin < near  ? (1L << 40) + dist
                                         : (1L << 50) + dist;
    if (best < 0 || score < best_score) {
      best = static_cast<int>(m);
      best_score = score;
    }
  }
  return best;
}

}  // namespace

void WriteBrat(const Document& doc, std::ostream& out) {
  Writer w(doc, out);
  std::vector<int> mention_t(doc.mentions.size(), -1);
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    const Mention& mm = doc.mentions[m];
    if (mm.span.empty() || mm.span.end > doc.text.size()) continue;
    mention_t[m] = w.T(MentionType(mm.type), mm.span);
  }
  std::vector<int> timex_t(doc.timexes.size(), -1);
  for (size_t i = 0; i < doc.timexes.size(); ++i) {
    const Timex& t = doc.timexes[i];
    if (t.span.empty() || t.span.end > doc.text.size()) continue;
    timex_t[i] = w.T("Timex", t.span);
    TimexValue v = TimemlValue(doc, t);
    w.Note(timex_t[i], "type=" + v.type + " value=" + v.value);
  }
  for (const EventMention& ev : doc.events) {
    Span trig = TriggerSpan(doc, ev);
    if (trig.empty()) continue;  // a trigger not in its quote (never expected)
    int t = w.T(ev.type, trig);
    int e = w.next_e++;
    out << 'E' << e << '\t' << ev.type << ":T" << t;
    auto role = [&](const char* name, int entity) {
      int m = MentionFor(doc, entity, ev.sentence, trig.begin);
      if (m >= 0 && mention_t[m] >= 0) out << ' ' << name << ":T" << mention_t[m];
    };
    role("Subject", ev.subject);
    role("Place", ev.place);
    role("From", ev.from);
    role("To", ev.to);
    role("Via", ev.via);
    role("Object", ev.object);
    if (ev.date.known()) {
      // The timex of the event's sentence that states its date, else the
      // nearest earlier one with that value (a narrative date).
      int best = -1;
      for (size_t i = 0; i < doc.timexes.size(); ++i) {
        const Timex& tx = doc.timexes[i];
        if (timex_t[i] < 0 || tx.span.begin > ev.quote.end) continue;
        bool same = tx.value.earliest == ev.date.earliest && tx.value.latest == ev.date.latest;
        if (!same && !(!ev.date.text.empty() && doc.Slice(tx.span) == ev.date.text)) continue;
        if (best < 0 || tx.sentence == ev.sentence || doc.timexes[best].sentence != ev.sentence)
          best = static_cast<int>(i);
      }
      if (best >= 0) out << " Date:T" << timex_t[best];
    }
    out << '\n';
    if (ev.hedged) out << 'A' << w.next_a++ << "\tHedged E" << e << '\n';
  }
  for (const EventMention& ev : doc.unasserted) {
    Span trig = TriggerSpan(doc, ev);
    if (trig.empty()) continue;
    // A movement whose type the destination would have decided: "move-escape".
    std::string type = ev.type;
    for (char& c : type)
      if (c == ':') c = '-';
    int t = w.T(type, trig);
    int e = w.next_e++;
    out << 'E' << e << '\t' << type << ":T" << t << '\n';
    const char* attr = ev.modality == EventMention::Modality::kNegated ? "Negated" : "Irrealis";
    out << 'A' << w.next_a++ << '\t' << attr << " E" << e << '\n';
  }
}

}  // namespace cairn::annotate
