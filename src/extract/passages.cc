// Passages: a large document segmented, analysed and extracted a bounded
// stretch at a time (extract.h, RunInPassages).
//
// Why: the stages before the store hold per-word and per-mention records
// (16-byte tokens, 8-byte syntax entries, the name finder's and the event
// finder's scratch space) whose total is many times the text. Run on one
// passage at a time, only one passage's worth of them is alive; what the
// document keeps is what the store writes: paragraphs, sentences, mentions,
// entities, timexes and events.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "extract/extract.h"
#include "extract/protect.h"

namespace cairn::extract {
namespace {

bool IsBlankLine(std::string_view text, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    const char c = text[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

// The cut in [from, limit) just after a line end with the widest gap of
// blank lines before it (two or more: the end of a piece; one: a
// paragraph gap; none: a line end), the first of the widest;
// npos when the window holds no line end.
size_t CutAfter(std::string_view text, size_t from, size_t limit) {
  size_t line = from == 0 ? 0 : text.rfind('\n', from - 1);
  line = line == std::string_view::npos || from == 0 ? 0 : line + 1;
  size_t best = std::string_view::npos;
  int best_gap = -1, gap = 0;  // gap: blank lines just before `line`
  for (size_t nl = text.find('\n', line); nl != std::string_view::npos && nl < limit;
       nl = text.find('\n', nl + 1)) {
    gap = IsBlankLine(text, line, nl) ? std::min(gap + 1, 2) : 0;
    line = nl + 1;
    if (line > from && gap > best_gap) {
      best = line;
      best_gap = gap;
      if (gap == 2) break;
    }
  }
  return best;
}

// Within a single overlong line: the last space or tab before `limit` and
// after `from`, else the last UTF-8 character boundary before `limit`.
size_t CutInLine(std::string_view text, size_t from, size_t limit) {
  for (size_t i = limit; i > from; --i) {
    if (text[i - 1] == ' ' || text[i - 1] == '\t') return i;
  }
  size_t i = limit;
  while (i > from && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i > from ? i : limit;
}

// Makes room for `add` more entries in `v`. The document's arrays grow
// passage by passage; doubling would leave up to half of each unused (and
// hold old and new copies at each doubling), so room is made for what the
// rest of the text will likely need: the entries so far scaled by
// `scale` (the text's size over the bytes done), plus a tenth.
template <typename T>
void MakeRoom(std::vector<T>* v, size_t add, double scale) {
  const size_t need = v->size() + add;
  if (need <= v->capacity()) return;
  v->reserve(std::max(need, static_cast<size_t>(static_cast<double>(need) * scale * 1.1)));
}

template <typename T>
void ShiftSpan(T* x, uint32_t by) {
  x->span.begin += by;
  x->span.end += by;
}

// The passage's view of the document: its text and everything the stages
// read besides (title, date, author, parts and sections clipped to it).
Document SubDocument(const Document& doc, Span p) {
  Document sub;
  sub.name = doc.name;
  sub.path = doc.path;
  sub.format = doc.format;
  sub.encoding = doc.encoding;
  sub.title = doc.title;
  sub.date = doc.date;
  sub.author = doc.author;
  sub.language = doc.language;
  sub.text.assign(doc.text, p.begin, p.size());
  auto clip = [&](Span s, Span* out) {
    const uint32_t b = std::max(s.begin, p.begin), e = std::min(s.end, p.end);
    if (b >= e) return false;
    *out = Span{b - p.begin, e - p.begin};
    return true;
  };
  for (const Part& part : doc.parts) {
    Part x = part;
    if (clip(part.span, &x.span)) sub.parts.push_back(std::move(x));
  }
  for (const Section& section : doc.sections) {
    Section x = section;
    if (clip(section.span, &x.span)) sub.sections.push_back(std::move(x));
  }
  for (const Page& page : doc.pages) {
    Page x = page;
    if (!clip(page.span, &x.span)) x.span = Span{};
    sub.pages.push_back(x);
  }
  return sub;
}

// Appends the results of `sub`, the passage starting at byte `at`, to `doc`.
// Entities of the same type and name are one entity of the document, as
// the name finder makes them one within a passage.
class Merger {
 public:
  // With `streaming`, each passage's mentions, timexes and events go to
  // Output() instead of the document.
  Merger(Document* doc, bool streaming) : doc_(doc), streaming_(streaming) {
    doc_->paragraphs.clear();
    doc_->sentences.clear();
    doc_->tokens.clear();
    doc_->syntax.clear();
    doc_->mentions.clear();
    doc_->entities.clear();
    doc_->timexes.clear();
    doc_->events.clear();
    doc_->unasserted.clear();
  }

  Document& Output() { return out_; }
  const std::vector<PersonMention>& Persons() const { return persons_; }

  // REQUIRES: passages are added in order; `at` + sub.text.size() bytes of
  // the document's text are done with this one.
  void Add(Document& sub, uint32_t at) {
    const double scale =
        static_cast<double>(doc_->text.size()) / std::max<double>(1, at + sub.text.size());
    MakeRoom(&doc_->paragraphs, sub.paragraphs.size(), scale);
    MakeRoom(&doc_->sentences, sub.sentences.size(), scale);
    Document* into = doc_;
    if (streaming_) {
      out_ = Document();
      into = &out_;
    } else {
      MakeRoom(&doc_->mentions, sub.mentions.size(), scale);
      MakeRoom(&doc_->timexes, sub.timexes.size(), scale);
      MakeRoom(&doc_->events, sub.events.size(), scale);
    }
    const auto para0 = static_cast<uint32_t>(doc_->paragraphs.size());
    const auto sent0 = static_cast<uint32_t>(doc_->sentences.size());
    const auto mention0 = mentions_;
    for (Paragraph p : sub.paragraphs) {
      ShiftSpan(&p, at);
      doc_->paragraphs.push_back(p);
    }
    uint32_t tokens = static_cast<uint32_t>(sub.tokens.size());
    for (Sentence s : sub.sentences) {
      tokens = std::max(tokens, s.end_token);
      ShiftSpan(&s, at);
      s.first_token += tokens_;
      s.end_token += tokens_;
      s.paragraph += para0;
      doc_->sentences.push_back(s);
    }
    tokens_ += tokens;
    std::vector<int32_t> map(sub.entities.size(), -1);
    for (size_t i = 0; i < sub.entities.size(); ++i)
      map[i] = AddEntity(std::move(sub.entities[i]), mention0);
    auto remap = [&](int32_t e) {
      return e >= 0 && static_cast<size_t>(e) < map.size() ? map[static_cast<size_t>(e)] : -1;
    };
    mentions_ += static_cast<uint32_t>(sub.mentions.size());
    for (Mention& m : sub.mentions) {
      ShiftSpan(&m, at);
      m.sentence += sent0;
      m.entity = remap(m.entity);
      if (m.type == EntityType::kPerson && m.entity >= 0)
        persons_.push_back(PersonMention{m.sentence, m.entity});
      into->mentions.push_back(std::move(m));
    }
    for (Timex& t : sub.timexes) {
      ShiftSpan(&t, at);
      t.sentence += sent0;
      into->timexes.push_back(std::move(t));
    }
    for (auto* events : {&sub.events, &sub.unasserted}) {
      for (EventMention& e : *events) {
        e.quote.begin += at;
        e.quote.end += at;
        e.sentence += sent0;
        for (int32_t* role :
             {&e.subject, &e.place, &e.from, &e.to, &e.via, &e.object, &e.attributed_to})
          *role = remap(*role);
        (events == &sub.events ? into->events : into->unasserted).push_back(std::move(e));
      }
    }
  }

 private:
  int32_t AddEntity(LocalEntity&& e, uint32_t mention0) {
    for (uint32_t& m : e.mentions) m += mention0;
    auto [it, added] = index_.try_emplace(std::make_pair(e.type, e.name),
                                          static_cast<int32_t>(doc_->entities.size()));
    if (added) {
      doc_->entities.push_back(std::move(e));
      return it->second;
    }
    LocalEntity& into = doc_->entities[static_cast<size_t>(it->second)];
    for (std::string& a : e.aliases) {
      if (std::find(into.aliases.begin(), into.aliases.end(), a) == into.aliases.end())
        into.aliases.push_back(std::move(a));
    }
    into.mentions.insert(into.mentions.end(), e.mentions.begin(), e.mentions.end());
    if (into.country.empty()) into.country = std::move(e.country);
    if (into.place_kind.empty()) into.place_kind = std::move(e.place_kind);
    if (!into.lat) into.lat = e.lat;
    if (!into.lon) into.lon = e.lon;
    if (into.gazetteer < 0) into.gazetteer = e.gazetteer;
    into.is_author = into.is_author || e.is_author;
    into.is_topic = into.is_topic || e.is_topic;
    into.protected_identity = into.protected_identity || e.protected_identity;
    return it->second;
  }

  Document* doc_;
  bool streaming_;
  Document out_;                        // streaming: the last passage's mentions, timexes, events
  uint32_t mentions_ = 0;               // mentions of the passages so far
  uint32_t tokens_ = 0;                 // tokens of the passages so far (none kept)
  std::vector<PersonMention> persons_;  // every person mention so far, in order
  std::map<std::pair<EntityType, std::string>, int32_t> index_;
};

}  // namespace

std::vector<Span> SplitPassages(std::string_view text, size_t passage_bytes) {
  std::vector<Span> out;
  const size_t target = std::max<size_t>(passage_bytes, 1);
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.size();
    if (text.size() - b > target) {
      // Whole lines, cut at a paragraph gap when there is one within twice
      // the target, else at a line end, else (one overlong line) at a space.
      const size_t limit = std::min(text.size(), b + 2 * target);
      e = CutAfter(text, b + target, limit);
      if (e == std::string_view::npos)
        e = limit == text.size() ? limit : CutInLine(text, b + target, limit);
    }
    out.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    b = e;
  }
  return out;
}

Status RunInPassages(Document* doc, const std::function<Status(Document*)>& stages,
                     const PassageOptions& options) {
  if (doc == nullptr) return Status::InvalidArgument("passages: no document");
  if (doc->text.size() > UINT32_MAX / 2)
    return Status::InvalidArgument(doc->name + ": text too large to analyse");
  const std::vector<Span> passages = SplitPassages(doc->text, options.passage_bytes);
  const bool streaming = static_cast<bool>(options.on_output);
  Merger merged(doc, streaming);
  for (const Span& p : passages) {
    Document sub = SubDocument(*doc, p);
    if (Status st = stages(&sub); !st.ok()) return st;
    if (options.on_passage) options.on_passage(sub);
    merged.Add(sub, p.begin);
    if (streaming) {
      Document& out = merged.Output();
      if (Status st = options.on_output(out); !st.ok()) return st;
      out = Document();  // freed before the next passage
    }
  }
  // A document-wide protection note ("names have been changed") protects
  // every person of the document, not only those of its passage; a note
  // whose person was named in the passage before finds that person. The
  // merged person mentions and entities give MarkProtected the whole
  // document (whose mentions, when streamed, are in the store already).
  MarkProtected(doc, merged.Persons());
  return Status::OK();
}

}  // namespace cairn::extract
