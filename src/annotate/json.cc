// JSON: everything Cairn read in one document, as one object. Offsets are
// UTF-8 byte offsets into "text" (begin, end), with code point offsets beside
// them (char_begin, char_end) for tools that count characters.
#include <nlohmann/json.hpp>

#include "annotate/internal.h"
#include "core/ud.h"

namespace cairn::annotate {
namespace {

using nlohmann::json;

json Interval(const DateInterval& d) {
  json j;
  j["text"] = d.text.empty() ? json(nullptr) : json(d.text);
  j["earliest"] = d.earliest ? json(FormatDay(*d.earliest)) : json(nullptr);
  j["latest"] = d.latest ? json(FormatDay(*d.latest)) : json(nullptr);
  static constexpr const char* kPrecision[] = {"unknown", "decade", "year",
                                               "season",  "month",  "day"};
  j["precision"] = kPrecision[static_cast<int>(d.precision)];
  return j;
}

const char* TimexKind(Timex::Kind k) {
  switch (k) {
    case Timex::Kind::kDate:
      return "date";
    case Timex::Kind::kRelative:
      return "relative";
    case Timex::Kind::kAge:
      return "age";
    case Timex::Kind::kDuration:
      return "duration";
  }
  return "date";
}

}  // namespace

void WriteJson(const Document& doc, const WriteOptions& options, std::ostream& out) {
  CodePoints cp(doc.text);
  auto span = [&](json& j, Span s) {
    j["begin"] = s.begin;
    j["end"] = s.end;
    j["char_begin"] = cp.At(s.begin);
    j["char_end"] = cp.At(s.end);
  };
  auto entity = [](int32_t e) { return e < 0 ? json(nullptr) : json(e); };
  json d;
  d["name"] = doc.name;
  d["path"] = doc.path;
  d["format"] = doc.format;
  d["title"] = doc.title.empty() ? json(nullptr) : json(doc.title);
  d["date"] = doc.date ? json(FormatDay(*doc.date)) : json(nullptr);
  std::optional<Day> dct = options.dct ? options.dct : doc.date;
  d["dct"] = dct ? json(FormatDay(*dct)) : json(nullptr);
  d["author"] = doc.author.empty() ? json(nullptr) : json(doc.author);
  d["language"] = doc.language;
  d["text"] = doc.text;

  std::vector<std::string> ner = EntityTags(doc);
  json sentences = json::array();
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sen = doc.sentences[s];
    json js;
    js["id"] = options.sent_ids != nullptr && s < options.sent_ids->size() &&
                       !(*options.sent_ids)[s].empty()
                   ? (*options.sent_ids)[s]
                   : doc.name + "-" + std::to_string(s + 1);
    span(js, sen.span);
    js["paragraph"] = sen.paragraph;
    json tokens = json::array();
    for (uint32_t t = sen.first_token; t < sen.end_token && t < doc.tokens.size(); ++t) {
      json jt;
      jt["index"] = t;
      jt["form"] = std::string(doc.Slice(doc.tokens[t].span));
      span(jt, doc.tokens[t].span);
      if (!doc.syntax.empty()) {
        const TokenSyntax& sx = doc.syntax[t];
        jt["upos"] = std::string(ud::UposName(static_cast<ud::Upos>(sx.upos)));
        jt["xpos"] = std::string(ud::XposName(sx.xpos));
        jt["head"] = sx.head < 0 ? json(nullptr) : json(sx.head);
        jt["deprel"] = std::string(ud::DeprelName(sx.deprel));
      }
      jt["ner"] = ner[t].empty() ? json(nullptr) : json(ner[t]);
      tokens.push_back(std::move(jt));
    }
    js["tokens"] = std::move(tokens);
    sentences.push_back(std::move(js));
  }
  d["sentences"] = std::move(sentences);

  json mentions = json::array();
  for (const Mention& m : doc.mentions) {
    json jm;
    jm["type"] = EntityTypeName(m.type);
    jm["text"] = std::string(doc.Slice(m.span));
    span(jm, m.span);
    jm["sentence"] = m.sentence;
    jm["entity"] = entity(m.entity);
    jm["partial"] = m.partial;
    mentions.push_back(std::move(jm));
  }
  d["mentions"] = std::move(mentions);

  json entities = json::array();
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const LocalEntity& le = doc.entities[e];
    json je;
    je["index"] = e;
    je["type"] = EntityTypeName(le.type);
    je["name"] = le.name;
    je["aliases"] = le.aliases;
    je["mentions"] = le.mentions;
    if (le.type == EntityType::kPlace) {
      je["country"] = le.country.empty() ? json(nullptr) : json(le.country);
      je["place_kind"] = le.place_kind.empty() ? json(nullptr) : json(le.place_kind);
      je["lat"] = le.lat ? json(*le.lat) : json(nullptr);
      je["lon"] = le.lon ? json(*le.lon) : json(nullptr);
    }
    if (le.type == EntityType::kPerson) {
      je["is_author"] = le.is_author;
      je["is_topic"] = le.is_topic;
      je["protected"] = le.protected_identity;
    }
    entities.push_back(std::move(je));
  }
  d["entities"] = std::move(entities);

  json timexes = json::array();
  for (const Timex& t : doc.timexes) {
    json jt;
    jt["kind"] = TimexKind(t.kind);
    jt["text"] = std::string(doc.Slice(t.span));
    span(jt, t.span);
    jt["sentence"] = t.sentence;
    jt["value"] = Interval(t.value);
    TimexValue v = TimemlValue(doc, t);
    jt["timeml_type"] = v.type;
    jt["timeml_value"] = v.value;
    jt["age_years"] = t.age_years >= 0 ? json(t.age_years) : json(nullptr);
    jt["duration_days"] = t.duration_days >= 0 ? json(t.duration_days) : json(nullptr);
    jt["anchored"] = t.anchored;
    timexes.push_back(std::move(jt));
  }
  d["timexes"] = std::move(timexes);

  json events = json::array();
  for (const EventMention& ev : doc.events) {
    json je;
    je["type"] = ev.type;
    je["trigger"] = ev.trigger;
    je["subject"] = entity(ev.subject);
    je["date"] = Interval(ev.date);
    je["place"] = entity(ev.place);
    je["from"] = entity(ev.from);
    je["to"] = entity(ev.to);
    je["via"] = entity(ev.via);
    je["object"] = entity(ev.object);
    je["detail"] = ev.detail.empty() ? json(nullptr) : json(ev.detail);
    json q;
    q["text"] = std::string(doc.Slice(ev.quote));
    span(q, ev.quote);
    je["quote"] = std::move(q);
    je["sentence"] = ev.sentence;
    je["attributed_to"] = entity(ev.attributed_to);
    je["hedged"] = ev.hedged;
    events.push_back(std::move(je));
  }
  d["events"] = std::move(events);
  json unasserted = json::array();
  for (const EventMention& ev : doc.unasserted) {
    json je;
    je["type"] = ev.type;
    je["trigger"] = ev.trigger;
    je["modality"] = ev.modality == EventMention::Modality::kNegated ? "negated" : "irrealis";
    json q;
    q["text"] = std::string(doc.Slice(ev.quote));
    span(q, ev.quote);
    je["quote"] = std::move(q);
    je["sentence"] = ev.sentence;
    unasserted.push_back(std::move(je));
  }
  d["unasserted_events"] = std::move(unasserted);
  out << d.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace cairn::annotate
