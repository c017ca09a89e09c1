#include "views/views.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/event_types.h"
#include "resolve/describe.h"
#include "resolve/romanize.h"

namespace cairn::views {
namespace {

using Json = nlohmann::ordered_json;
using resolve::DescribeDate;

std::string Dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

class Index {
 public:
  explicit Index(const FactBase& f) : f_(f) {
    for (size_t i = 0; i < f.entities.size(); ++i) by_id_.emplace(f.entities[i].id, i);
  }
  const EntityRecord* Get(const std::string& id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &f_.entities[it->second];
  }
  std::string Name(const std::string& id) const {
    const EntityRecord* e = Get(id);
    return e ? e->name : id;
  }
  // "Chongjin (KP)" for places with a country, else the name.
  std::string Label(const std::string& id) const {
    const EntityRecord* e = Get(id);
    if (!e) return id;
    if (e->type == EntityType::kPlace && !e->country.empty() && e->place_kind != "country") {
      return e->name + " (" + e->country + ")";
    }
    return e->name;
  }

 private:
  const FactBase& f_;
  std::unordered_map<std::string, size_t> by_id_;
};

bool IsMovement(const std::string& t) {
  const EventTypeInfo* info = EventType(t);
  return info && info->movement;
}

std::string Plural(size_t n, const char* one) {
  return std::to_string(n) + " " + one + (n == 1 ? "" : "s");
}

Json DateJson(const DateInterval& d) {
  Json j;
  j["text"] = d.text.empty() ? Json(nullptr) : Json(d.text);
  j["earliest"] = d.earliest ? Json(FormatDay(*d.earliest)) : Json(nullptr);
  j["latest"] = d.latest ? Json(FormatDay(*d.latest)) : Json(nullptr);
  j["display"] = DescribeDate(d);
  return j;
}

Json RefJson(const Index& ix, const std::string& id) {
  if (id.empty()) return nullptr;
  Json j;
  j["id"] = id;
  const EntityRecord* e = ix.Get(id);
  j["name"] = e ? e->name : id;
  if (e && e->type == EntityType::kPlace) {
    j["country"] = e->country.empty() ? Json(nullptr) : Json(e->country);
    if (e->lat && e->lon) j["geo"] = {*e->lat, *e->lon};
  }
  return j;
}

Json SourceJson(const SourceRef& s) {
  Json j{{"doc", s.doc},     {"start", s.start}, {"end", s.end},
         {"quote", s.quote}, {"page", s.page > 0 ? Json(s.page) : Json(nullptr)}};
  if (s.ocr) j["ocr"] = true;
  return j;
}

Json EventJson(const Index& ix, const EventRecord& e, bool with_subject) {
  Json j;
  j["id"] = e.id;
  j["type"] = e.type;
  if (with_subject) j["subject"] = RefJson(ix, e.subject);
  j["date"] = DateJson(e.date);
  j["place"] = RefJson(ix, e.place);
  j["from"] = RefJson(ix, e.from);
  j["to"] = RefJson(ix, e.to);
  j["via"] = RefJson(ix, e.via);
  j["object"] = RefJson(ix, e.object);
  j["detail"] = e.detail.empty() ? Json(nullptr) : Json(e.detail);
  j["attributed_to"] = RefJson(ix, e.attributed_to);
  j["hedged"] = e.hedged;
  Json src = Json::array();
  for (const auto& s : e.sources) src.push_back(SourceJson(s));
  j["sources"] = src;
  return j;
}

// "place: Chongjin (KP); to: China; cleaner" for a line of text.
std::string Roles(const Index& ix, const EventRecord& e) {
  std::string out;
  auto add = [&](const char* label, const std::string& id) {
    if (id.empty()) return;
    if (!out.empty()) out += "; ";
    out += label;
    out += ix.Label(id);
  };
  add("place: ", e.place);
  add("from: ", e.from);
  add("to: ", e.to);
  add("via: ", e.via);
  add("with: ", e.object);
  if (!e.detail.empty()) {
    if (!out.empty()) out += "; ";
    out += e.detail;
  }
  if (!e.attributed_to.empty()) {
    if (!out.empty()) out += "; ";
    out += "according to " + ix.Name(e.attributed_to);
  }
  if (e.hedged) out += out.empty() ? "(hedged)" : " (hedged)";
  return out;
}

// Pads to `w` bytes, always leaving at least one space after the text.
std::string Pad(std::string s, size_t w) {
  s.append(s.size() < w ? w - s.size() : 1, ' ');
  return s;
}

// `doc: "quote..."` lines for sources, each after `indent`; `doc p. 3:`
// for a paged document, `doc p. 3 (OCR):` when the page was read by OCR.
std::string SourceLines(const std::vector<SourceRef>& sources, const char* indent) {
  std::string out;
  for (const auto& s : sources) {
    out += indent;
    out += s.doc;
    if (s.page > 0) out += " p. " + std::to_string(s.page);
    if (s.ocr) out += " (OCR)";
    out += ": \"" + resolve::Abbreviate(s.quote, 110) + "\"\n";
  }
  return out;
}

// "  <date>  [<subject>]  <type>  <roles>", trailing spaces trimmed, no newline.
std::string EventLine(const Index& ix, const EventRecord& e, bool with_subject) {
  std::string line = "  " + Pad(DescribeDate(e.date), 24);
  if (with_subject) line += Pad(ix.Name(e.subject), 22);
  line += Pad(e.type, 18) + Roles(ix, e);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

// Events of `subject` ("" = everyone) in timeline order: dated events by
// date; an undated event right after the event that precedes it in its
// first document, else at the end in document order.
std::vector<const EventRecord*> Ordered(const FactBase& f, const std::string& subject) {
  std::vector<const EventRecord*> dated, undated;
  for (const auto& e : f.events) {
    if (!subject.empty() && e.subject != subject) continue;
    (e.date.known() ? dated : undated).push_back(&e);
  }
  auto key = [](const EventRecord* e) {
    Day a = e->date.earliest ? *e->date.earliest : *e->date.latest;
    Day b = e->date.latest ? *e->date.latest : a;
    return std::make_pair(a, b);
  };
  std::stable_sort(dated.begin(), dated.end(),
                   [&](const EventRecord* a, const EventRecord* b) { return key(a) < key(b); });
  auto first_src = [](const EventRecord* e) -> const SourceRef* {
    return e->sources.empty() ? nullptr : &e->sources.front();
  };
  std::stable_sort(undated.begin(), undated.end(), [&](const EventRecord* a, const EventRecord* b) {
    const SourceRef* sa = first_src(a);
    const SourceRef* sb = first_src(b);
    if (!sa || !sb) return sa != nullptr && sb == nullptr;
    if (sa->doc != sb->doc) return sa->doc.size() != sb->doc.size() ? sa->doc.size() < sb->doc.size() : sa->doc < sb->doc;
    return sa->start < sb->start;
  });
  std::vector<const EventRecord*> out = dated;
  for (const EventRecord* u : undated) {
    const SourceRef* su = first_src(u);
    size_t at = out.size();
    if (su) {
      // After the last event (in current order) from the same document that
      // starts before it.
      for (size_t i = out.size(); i-- > 0;) {
        bool anchor = false;
        for (const auto& s : out[i]->sources) {
          if (s.doc == su->doc && s.start <= su->start) anchor = true;
        }
        if (anchor) {
          at = i + 1;
          break;
        }
      }
    }
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(at), u);
  }
  return out;
}

std::string Candidates(const std::vector<const EntityRecord*>& c) {
  std::string out;
  for (size_t i = 0; i < c.size(); ++i) {
    if (i) out += "; ";
    out += c[i]->id + " " + c[i]->name + " (" + Plural(c[i]->docs.size(), "document") + ")";
  }
  return out;
}

}  // namespace

Result<const EntityRecord*> FindEntity(const FactBase& f, std::string_view name) {
  if (name.empty()) return Status::InvalidArgument("no name given");
  for (const auto& e : f.entities) {
    if (e.id == name) return &e;
  }
  const std::string label = resolve::NormalizeLabel(name);
  const resolve::NameKey q = resolve::KeyName(name);
  const std::string qk = q.str();
  for (int pass = 0; pass < 2; ++pass) {
    // Pass 0: persons; pass 1: everything else, by exact label.
    std::vector<const EntityRecord*> hits;
    for (const auto& e : f.entities) {
      bool person = e.type == EntityType::kPerson;
      if (person != (pass == 0)) continue;
      bool hit = false;
      auto check = [&](const std::string& n) {
        if (hit || n.empty()) return;
        if (resolve::NormalizeLabel(n) == label) {
          hit = true;
          return;
        }
        if (!person || q.empty()) return;
        resolve::NameKey k = resolve::KeyName(n);
        if (k.str() == qk) hit = true;
        else if (!q.full() && resolve::ShortFormOf(q, k)) hit = true;
      };
      check(e.name);
      for (const auto& a : e.aliases) check(a);
      if (hit) hits.push_back(&e);
    }
    if (hits.size() == 1) return hits.front();
    if (hits.size() > 1) {
      return Status::Ambiguous("\"" + std::string(name) + "\" may be any of: " + Candidates(hits));
    }
  }
  return Status::NotFound("no person or entity named \"" + std::string(name) + "\"");
}

Result<Json> PersonJson(const FactBase& f, std::string_view name) {
  auto found = FindEntity(f, name);
  if (!found.ok()) return found.status();
  const EntityRecord& p = **found;
  Index ix(f);
  Json j;
  j["id"] = p.id;
  j["type"] = EntityTypeName(p.type);
  j["name"] = p.name;
  j["aliases"] = p.aliases;
  j["docs"] = p.docs;
  j["protected"] = p.protected_identity;
  if (p.type == EntityType::kPlace) {
    j["country"] = p.country.empty() ? Json(nullptr) : Json(p.country);
    j["place_kind"] = p.place_kind.empty() ? Json(nullptr) : Json(p.place_kind);
    j["geo"] = p.lat && p.lon ? Json{*p.lat, *p.lon} : Json(nullptr);
  }
  Json ev = Json::array();
  for (const auto* e : Ordered(f, p.id)) ev.push_back(EventJson(ix, *e, false));
  j["events"] = std::move(ev);
  Json cj = Json::array();
  for (const auto& c : f.conflicts) {
    if (c.subject != p.id) continue;
    cj.push_back(
        Json{{"id", c.id}, {"type", c.type}, {"field", c.field}, {"explanation", c.explanation}});
  }
  j["conflicts"] = std::move(cj);
  return j;
}

Result<std::string> Person(const FactBase& f, std::string_view name, bool json) {
  if (json) {
    auto j = PersonJson(f, name);
    if (!j.ok()) return j.status();
    return Dump(*j);
  }
  auto found = FindEntity(f, name);
  if (!found.ok()) return found.status();
  const EntityRecord& p = **found;
  Index ix(f);
  std::vector<const EventRecord*> events = Ordered(f, p.id);
  std::vector<const ConflictRecord*> conflicts;
  for (const auto& c : f.conflicts) {
    if (c.subject == p.id) conflicts.push_back(&c);
  }
  std::string out = p.name + "  [" + p.id + ", " + EntityTypeName(p.type) + "]\n";
  if (p.type == EntityType::kPlace && !p.country.empty()) out += "country: " + p.country + "\n";
  if (p.protected_identity) out += "protected: identity withheld in --redact output\n";
  if (!p.aliases.empty()) {
    out += "aliases: ";
    for (size_t i = 0; i < p.aliases.size(); ++i) out += (i ? ", " : "") + p.aliases[i];
    out += "\n";
  }
  out += "documents: ";
  for (size_t i = 0; i < p.docs.size(); ++i) out += (i ? ", " : "") + p.docs[i];
  out += "\n";
  out += "events (" + std::to_string(events.size()) + "):\n";
  for (const auto* e : events) {
    out += EventLine(ix, *e, false) + "\n";
    out += SourceLines(e->sources, "      ");
  }
  if (!conflicts.empty()) {
    out += "conflicts (" + std::to_string(conflicts.size()) + "):\n";
    for (const auto* c : conflicts) out += "  " + c->type + " " + c->field + ": " + c->explanation + "\n";
  }
  return out;
}

Result<Json> TimelineJson(const FactBase& f, std::string_view name) {
  const EntityRecord* p = nullptr;
  if (!name.empty()) {
    auto found = FindEntity(f, name);
    if (!found.ok()) return found.status();
    p = *found;
  }
  Index ix(f);
  Json arr = Json::array();
  for (const auto* e : Ordered(f, p ? p->id : std::string())) arr.push_back(EventJson(ix, *e, true));
  Json j;
  j["person"] = p ? Json{{"id", p->id}, {"name", p->name}} : Json(nullptr);
  j["events"] = std::move(arr);
  return j;
}

Result<std::string> Timeline(const FactBase& f, std::string_view name, bool json) {
  if (json) {
    auto j = TimelineJson(f, name);
    if (!j.ok()) return j.status();
    return Dump(*j);
  }
  std::string subject;
  const EntityRecord* p = nullptr;
  if (!name.empty()) {
    auto found = FindEntity(f, name);
    if (!found.ok()) return found.status();
    p = *found;
    subject = p->id;
  }
  Index ix(f);
  std::vector<const EventRecord*> events = Ordered(f, subject);
  std::string out = p ? "Timeline of " + p->name + " [" + p->id + "]\n" : "Timeline\n";
  for (const auto* e : events) {
    out += EventLine(ix, *e, !p) + "  [";
    std::set<std::string> docs;
    std::string ds;
    for (const auto& s : e->sources) {
      if (docs.insert(s.doc).second) ds += (ds.empty() ? "" : ", ") + s.doc;
    }
    out += ds + "]\n";
  }
  if (events.empty()) out += "  (no events)\n";
  return out;
}

Result<std::string> Route(const FactBase& f, std::string_view name, bool json, bool geojson) {
  auto found = FindEntity(f, name);
  if (!found.ok()) return found.status();
  const EntityRecord& p = **found;
  Index ix(f);
  struct Stop {
    std::string place;  // entity id
    const EventRecord* event = nullptr;
    std::string role;  // from, via, to, place
  };
  std::vector<Stop> stops;
  for (const EventRecord* e : Ordered(f, p.id)) {
    if (!IsMovement(e->type)) continue;
    auto push = [&](const std::string& id, const char* role) {
      if (id.empty()) return;
      if (!stops.empty() && stops.back().place == id) return;
      stops.push_back({id, e, role});
    };
    push(e->from, "from");
    push(e->via, "via");
    push(e->to.empty() ? e->place : e->to, e->to.empty() ? "place" : "to");
  }
  if (geojson) {
    Json features = Json::array();
    Json line = Json::array();
    for (const auto& s : stops) {
      const EntityRecord* pl = ix.Get(s.place);
      if (pl && pl->lat && pl->lon) line.push_back({*pl->lon, *pl->lat});
    }
    if (line.size() >= 2) {
      features.push_back(Json{{"type", "Feature"},
                              {"geometry", {{"type", "LineString"}, {"coordinates", line}}},
                              {"properties", {{"person", p.name}, {"id", p.id}}}});
    }
    for (size_t i = 0; i < stops.size(); ++i) {
      const EntityRecord* pl = ix.Get(stops[i].place);
      if (!pl || !pl->lat || !pl->lon) continue;
      Json props{{"order", i + 1},
                 {"name", pl->name},
                 {"country", pl->country.empty() ? Json(nullptr) : Json(pl->country)},
                 {"role", stops[i].role},
                 {"event", stops[i].event->type},
                 {"date", DescribeDate(stops[i].event->date)}};
      features.push_back(Json{{"type", "Feature"},
                              {"geometry", {{"type", "Point"}, {"coordinates", {*pl->lon, *pl->lat}}}},
                              {"properties", props}});
    }
    return Dump(Json{{"type", "FeatureCollection"}, {"features", features}});
  }
  if (json) {
    Json arr = Json::array();
    for (size_t i = 0; i < stops.size(); ++i) {
      const EntityRecord* pl = ix.Get(stops[i].place);
      Json s{{"order", i + 1}, {"place", RefJson(ix, stops[i].place)}, {"role", stops[i].role},
             {"event", stops[i].event->id}, {"type", stops[i].event->type},
             {"date", DateJson(stops[i].event->date)}};
      if (pl) s["place_kind"] = pl->place_kind.empty() ? Json(nullptr) : Json(pl->place_kind);
      arr.push_back(s);
    }
    return Dump(Json{{"person", {{"id", p.id}, {"name", p.name}}}, {"stops", arr}});
  }
  std::string out = "Route of " + p.name + " [" + p.id + "]\n";
  for (size_t i = 0; i < stops.size(); ++i) {
    const EntityRecord* pl = ix.Get(stops[i].place);
    std::string line = "  " + std::to_string(i + 1) + ". " + Pad(ix.Label(stops[i].place), 28);
    if (pl && pl->lat && pl->lon) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.4f, %.4f", *pl->lat, *pl->lon);
      line += Pad(buf, 22);
    } else {
      line += Pad("", 22);
    }
    line += stops[i].event->type + " " + DescribeDate(stops[i].event->date);
    if (stops[i].role == "via") line += " (via)";
    out += line + "\n";
  }
  if (stops.empty()) out += "  (no movements)\n";
  return out;
}

Result<std::string> Conflicts(const FactBase& f, std::string_view name, bool json) {
  std::string subject;
  if (!name.empty()) {
    auto found = FindEntity(f, name);
    if (!found.ok()) return found.status();
    subject = (*found)->id;
  }
  Index ix(f);
  std::vector<const ConflictRecord*> list;
  for (const auto& c : f.conflicts) {
    if (subject.empty() || c.subject == subject) list.push_back(&c);
  }
  if (json) {
    Json arr = Json::array();
    for (const auto* c : list) {
      Json claims = Json::array();
      for (const auto& cl : c->claims) {
        Json src = Json::array();
        for (const auto& s : cl.sources) src.push_back(SourceJson(s));
        claims.push_back(Json{{"value", cl.value}, {"events", cl.events}, {"sources", src}});
      }
      arr.push_back(Json{{"id", c->id},
                         {"subject", RefJson(ix, c->subject)},
                         {"type", c->type},
                         {"field", c->field},
                         {"claims", claims},
                         {"explanation", c->explanation}});
    }
    return Dump(arr);
  }
  std::string out;
  for (const auto* c : list) {
    out += ix.Name(c->subject) + " [" + c->subject + "]: " + c->type + " " + c->field + "\n";
    for (const auto& cl : c->claims) {
      out += "  - " + cl.value + "\n";
      out += SourceLines(cl.sources, "      ");
    }
    out += "  " + c->explanation + "\n";
  }
  if (list.empty()) out = "no conflicts\n";
  return out;
}

Result<std::string> People(const FactBase& f, bool json) { return People(f, json, {}); }

namespace {

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

Result<std::string> People(const FactBase& f, bool json, const PeopleQuery& q, size_t* total) {
  struct Row {
    const EntityRecord* e;
    size_t events = 0, conflicts = 0;
  };
  enum class Key { kEvents, kDocs, kConflicts, kName };
  Key key;
  if (q.sort == "events" || q.sort.empty())
    key = Key::kEvents;
  else if (q.sort == "docs")
    key = Key::kDocs;
  else if (q.sort == "conflicts")
    key = Key::kConflicts;
  else if (q.sort == "name")
    key = Key::kName;
  else
    return Status::InvalidArgument("people: cannot sort by \"" + q.sort +
                                   "\" (events, docs, conflicts or name)");
  const std::string needle = AsciiLower(q.filter);
  // Contains the needle, ignoring ASCII case (no lowered copy of every name).
  auto has = [&](const std::string& hay) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                       [&](char a, char b) { return lower(a) == b; }) != hay.end();
  };
  auto keeps = [&](const EntityRecord& e) {
    if (needle.empty() || has(e.name)) return true;
    for (const std::string& a : e.aliases)
      if (has(a)) return true;
    return false;
  };
  std::unordered_map<std::string, size_t> ev, cf;
  for (const auto& e : f.events) ++ev[e.subject];
  for (const auto& c : f.conflicts) ++cf[c.subject];
  std::vector<Row> rows;
  for (const auto& e : f.entities) {
    if (e.type != EntityType::kPerson || !keeps(e)) continue;
    rows.push_back({&e, ev[e.id], cf[e.id]});
  }
  // Most first (A to Z by name), then the usual order: events, documents, name.
  auto usual = [](const Row& a, const Row& b) {
    if (a.events != b.events) return a.events > b.events;
    if (a.e->docs.size() != b.e->docs.size()) return a.e->docs.size() > b.e->docs.size();
    return a.e->name < b.e->name;
  };
  auto before = [&](const Row& a, const Row& b) {
    switch (key) {
      case Key::kDocs:
        if (a.e->docs.size() != b.e->docs.size()) return a.e->docs.size() > b.e->docs.size();
        break;
      case Key::kConflicts:
        if (a.conflicts != b.conflicts) return a.conflicts > b.conflicts;
        break;
      case Key::kName:
        if (a.e->name != b.e->name) return a.e->name < b.e->name;
        break;
      case Key::kEvents:
        break;
    }
    return usual(a, b);
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
    return q.reverse ? before(b, a) : before(a, b);
  });
  if (total != nullptr) *total = rows.size();
  const size_t from = std::min(q.offset, rows.size());
  const size_t to = q.limit == 0 ? rows.size() : std::min(rows.size(), from + q.limit);
  rows = std::vector<Row>(rows.begin() + static_cast<std::ptrdiff_t>(from),
                          rows.begin() + static_cast<std::ptrdiff_t>(to));
  if (json) {
    Json arr = Json::array();
    for (const auto& r : rows) {
      arr.push_back(Json{{"id", r.e->id},
                         {"name", r.e->name},
                         {"aliases", r.e->aliases},
                         {"docs", r.e->docs.size()},
                         {"events", r.events},
                         {"conflicts", r.conflicts},
                         {"protected", r.e->protected_identity}});
    }
    return Dump(arr);
  }
  std::string out = Pad("id", 8) + Pad("name", 30) + Pad("docs", 6) + Pad("events", 8) + "conflicts\n";
  for (const auto& r : rows) {
    out += Pad(r.e->id, 8) + Pad(r.e->name, 30) + Pad(std::to_string(r.e->docs.size()), 6) +
           Pad(std::to_string(r.events), 8) + std::to_string(r.conflicts) +
           (r.e->protected_identity ? "  protected" : "") + "\n";
  }
  return out;
}

}  // namespace cairn::views
