#include "server/server.h"

#include <httplib.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "cli/ingest_runner.h"
#include "core/event_types.h"
#include "resolve/resolve.h"
#include "server/people_table.h"
#include "server/redaction.h"
#include "server/users.h"
#include "store/store.h"
#include "views/views.h"

#ifndef CAIRN_WEB_DIR
#define CAIRN_WEB_DIR "web"
#endif

namespace cairn::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Every response: nothing may be loaded from or sent to another origin.
constexpr const char kCsp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
std::string Dump(const nlohmann::ordered_json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A date at the precision the evidence has ("1998", "2003-03"), as the views
// print it; other intervals as FormatInterval gives them.
std::string Display(const DateInterval& d) {
  if (d.closed()) {
    const std::string a = FormatDay(*d.earliest), b = FormatDay(*d.latest);
    if (a == b) return a;
    if (a.substr(0, 4) == b.substr(0, 4) && a.substr(5) == "01-01" && b.substr(5) == "12-31")
      return a.substr(0, 4);
    if (a.substr(0, 7) == b.substr(0, 7) && a.substr(8) == "01" &&
        *d.latest - *d.earliest + 1 ==
            DaysInMonth(std::stoi(a.substr(0, 4)), std::stoi(a.substr(5, 2))))
      return a.substr(0, 7);
  }
  return FormatInterval(d);
}

json DateJson(const DateInterval& d) {
  if (!d.known() && d.text.empty()) return nullptr;
  return {{"text", d.text.empty() ? json(nullptr) : json(d.text)},
          {"earliest", d.earliest ? json(FormatDay(*d.earliest)) : json(nullptr)},
          {"latest", d.latest ? json(FormatDay(*d.latest)) : json(nullptr)},
          {"display", Display(d)}};
}

json SourcesJson(const std::vector<SourceRef>& sources) {
  json out = json::array();
  for (const SourceRef& s : sources)
    out.push_back({{"doc", s.doc}, {"start", s.start}, {"end", s.end}, {"quote", s.quote}});
  return out;
}

// A person's answers to the person page's four API calls, as sent:
// /api/person/ID, /api/timeline/ID, /api/route/ID, /api/conflicts?person=ID.
struct PersonAnswers {
  struct Body {
    std::string plain;
    std::string gzip;  // the same compressed, when it is large (Options::gzip_min_bytes)
  };
  Body person, timeline, route, conflicts;
};

// `text` in gzip's format (RFC 1952); "" if zlib fails.
std::string Gzip(std::string_view text) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return "";
  std::string out(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int r = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return r == Z_STREAM_END ? out : std::string();
}

// The resolved facts as served, with the indexes the pages need. Immutable
// once built; replaced as a whole after every change.
struct Snapshot {
  FactBase original;        // as stored: keys for decisions, protected names for masking
  FactBase served;          // what responses show (redacted when the server redacts)
  FactBase protected_only;  // original's protected entities: masks document text
  bool redact = false;
  std::string secret;  // the store's redaction key (pseudonyms), when redacting
  std::unordered_map<std::string, size_t> entity_index;  // id -> served.entities
  std::unordered_map<std::string, std::vector<size_t>> events_by_doc;
  // served.events[i]'s documents as numbers ("d12" -> 12), each once: the
  // search filters mark them in a bitmap instead of a set of strings.
  std::vector<std::vector<uint32_t>> event_doc_numbers;
  uint32_t max_doc_number = 0;
  std::unordered_map<std::string, std::vector<size_t>> events_by_place;
  std::unordered_map<std::string, std::unordered_map<int32_t, std::string>> links;
  std::vector<store::DocumentInfo> documents;  // titles masked when redacting
  std::unordered_map<std::string, size_t> document_index;
  std::vector<store::ConflictDecision> decisions;  // in force, oldest first
  // Accepted sides of conflicts: event id -> the decision ("r3"). The events
  // of the other sides are rejected: marked in every view, left out of routes.
  std::unordered_map<std::string, std::string> accepted, rejected;
  FactBase decided;  // served without the rejected events (routes)

  // Each person's events and conflicts (indexes into served), in their order.
  std::unordered_map<std::string, std::vector<size_t>> events_by_subject;
  std::unordered_map<std::string, std::vector<size_t>> conflicts_by_subject;
  // The people list's rows, counted, sorted and printed once (precompute).
  std::optional<PeopleTable> people;
  // Every person, in entity order: the order the answers are warmed in.
  std::vector<std::string> person_ids;
  // What each person's answers are computed from (PersonFingerprint): equal
  // fingerprints in two snapshots mean equal answers, so a change carries
  // the answers of everyone it did not touch over to the next snapshot.
  std::unordered_map<std::string, uint64_t> fingerprints;

  // Each person's four answers (person, timeline, route, conflicts), by
  // person id: computed once, by the warming thread or the first request.
  mutable std::mutex answers_mu;  // guards answers and answers_computing
  mutable std::unordered_map<std::string, std::shared_ptr<const PersonAnswers>> answers;
  mutable std::unordered_map<std::string, std::shared_future<std::shared_ptr<const PersonAnswers>>>
      answers_computing;

  // Responses that depend on the snapshot alone, by request target.
  mutable std::mutex cache_mu;  // guards cache, cache_bytes and computing
  struct Answer {
    std::string body;
    std::string total;  // X-Total-Count of a paged list; "" when none
  };
  mutable std::unordered_map<std::string, Answer> cache;
  // The bytes of the cached answers: at most kMaxCacheBytes, then the cache
  // starts again (targets made unique by any ignored parameter would fill
  // it without bound: 20,000 people pages of 25 KB each are 500 MB).
  mutable size_t cache_bytes = 0;
  static constexpr size_t kMaxCacheBytes = 64u << 20;
  // Answers being computed: later requests for the same target wait for
  // them; other targets are computed meanwhile.
  mutable std::unordered_map<std::string, std::shared_future<Result<Answer>>> computing;

  // Search answers by request target, valid while the store's generation
  // (Store::Generation: bumped by every stored document, from any process)
  // is the one they were computed at. A query being computed is computed
  // once: later requests for it wait for that answer.
  struct SearchAnswer {
    uint64_t generation = 0;
    std::string body;
  };
  mutable std::mutex search_mu;  // guards search_cache and search_running
  mutable std::unordered_map<std::string, SearchAnswer> search_cache;
  mutable std::unordered_map<std::string, std::shared_future<Result<std::string>>> search_running;

  const EntityRecord* Entity(const std::string& id) const {
    auto it = entity_index.find(id);
    return it == entity_index.end() ? nullptr : &served.entities[it->second];
  }
  std::string Name(const std::string& id) const {
    const EntityRecord* e = Entity(id);
    return e ? e->name : std::string();
  }
  json Ref(const std::string& id) const {
    if (id.empty()) return nullptr;
    const EntityRecord* e = Entity(id);
    json r = {{"id", id}, {"name", e ? e->name : id}};
    if (e && e->type == EntityType::kPlace) {
      r["country"] = e->country;
      r["kind"] = e->place_kind;
      if (e->lat && e->lon) r["geo"] = {*e->lat, *e->lon};
    }
    return r;
  }
  json EventJson(const EventRecord& ev) const {
    json j = EventJsonUndecided(ev);
    if (auto a = accepted.find(ev.id); a != accepted.end()) j["accepted"] = a->second;
    if (auto r = rejected.find(ev.id); r != rejected.end()) j["rejected"] = r->second;
    return j;
  }
  json EventJsonUndecided(const EventRecord& ev) const {
    return {{"id", ev.id},
            {"type", ev.type},
            {"subject", Ref(ev.subject)},
            {"date", DateJson(ev.date)},
            {"place", Ref(ev.place)},
            {"from", Ref(ev.from)},
            {"to", Ref(ev.to)},
            {"via", Ref(ev.via)},
            {"object", Ref(ev.object)},
            {"detail", ev.detail.empty() ? json(nullptr) : json(ev.detail)},
            {"hedged", ev.hedged},
            {"sources", SourcesJson(ev.sources)}};
  }
  // The key a decision on conflict `c` is stored under: stable across
  // re-resolution as long as the subject's name is.
  std::string ConflictKey(const ConflictRecord& c) const {
    std::string subject = c.subject;
    for (const EntityRecord& e : original.entities) {
      if (e.id == c.subject) {
        subject = resolve::EntityKey(e);
        break;
      }
    }
    return subject + "|" + c.type + "|" + c.field;
  }
  // Marks each event of a view's "events" as accepted or rejected by a
  // decision ({"accepted": "r3"} / {"rejected": "r3"}).
  template <typename Json>
  void MarkDecided(Json& events) const {
    if (!events.is_array()) return;
    for (Json& ev : events) {
      const std::string id = ev.value("id", "");
      if (auto a = accepted.find(id); a != accepted.end()) ev["accepted"] = a->second;
      if (auto r = rejected.find(id); r != rejected.end()) ev["rejected"] = r->second;
    }
  }
  const store::ConflictDecision* DecisionFor(const ConflictRecord& c) const {
    const std::string key = ConflictKey(c);
    const store::ConflictDecision* found = nullptr;
    for (const store::ConflictDecision& d : decisions) {
      if (d.conflict_key == key) found = &d;  // the latest wins
    }
    return found;
  }
};

json DecisionJson(const store::ConflictDecision* d) {
  if (d == nullptr) return nullptr;
  return {{"id", "r" + std::to_string(d->id)},
          {"decision", d->decision},
          {"value", d->value},
          {"note", d->note},
          {"author", d->author},
          {"created_at", d->created_at}};
}

// ---- the person page's answers ----
// Each takes `f`, the snapshot's served facts or one person's slice of them
// (SliceOf): a person's answer is the same from either.

Result<std::string> PersonBody(const Snapshot& s, const FactBase& f, const std::string& ref) {
  // The views' JSON values, decorated: no printing and parsing again (a
  // person stated in hundreds of documents answers hundreds of KB).
  auto j = views::PersonJson(f, ref);
  if (!j.ok()) return j.status();
  s.MarkDecided((*j)["events"]);
  for (auto& c : (*j)["conflicts"]) {
    for (const ConflictRecord& rec : f.conflicts)
      if (rec.id == c.value("id", "")) c["decision"] = DecisionJson(s.DecisionFor(rec));
  }
  return Dump(*j);
}

Result<std::string> TimelineBody(const Snapshot& s, const FactBase& f, const std::string& ref) {
  auto j = views::TimelineJson(f, ref);
  if (!j.ok()) return j.status();
  // The map needs each place's kind: a country is drawn as its shape.
  s.MarkDecided((*j)["events"]);
  for (auto& ev : (*j)["events"]) {
    for (const char* role : {"place", "from", "to", "via"}) {
      if (!ev.contains(role) || !ev[role].is_object()) continue;
      const EntityRecord* e = s.Entity(ev[role].value("id", ""));
      if (e != nullptr) ev[role]["kind"] = e->place_kind;
    }
  }
  return Dump(*j);
}

// `decided`: `served` without the rejected events.
Result<std::string> RouteBody(const Snapshot& s, const FactBase& served, const FactBase& decided,
                              const std::string& ref, bool geojson) {
  // The route follows the accepted side of a decided conflict; the
  // rejected events are listed apart.
  auto r = views::Route(decided, ref, true, geojson);
  // A person without movements has an empty route, not a missing one.
  if (!r.ok() && r.status().code() == Status::Code::kNotFound) {
    auto e = views::FindEntity(served, ref);
    if (e.ok()) r = Dump(json{{"person", s.Ref((*e)->id)}, {"stops", json::array()}});
  }
  if (!r.ok() || geojson) return r;
  json j = json::parse(*r, nullptr, false);
  auto e = views::FindEntity(served, ref);
  if (!j.is_object() || !e.ok()) return r;
  json rejected = json::array();
  for (const EventRecord& ev : served.events) {
    auto it = s.rejected.find(ev.id);
    if (ev.subject != (*e)->id || it == s.rejected.end()) continue;
    rejected.push_back(s.EventJson(ev));
  }
  j["rejected"] = rejected;
  return Dump(j);
}

Result<std::string> ConflictsBody(const Snapshot& s, const FactBase& f, const std::string& person) {
  auto body = views::Conflicts(f, person, true);
  if (!body.ok()) return body;
  json j = json::parse(*body, nullptr, false);
  for (json& c : j) {
    for (const ConflictRecord& rec : f.conflicts)
      if (rec.id == c.value("id", "")) c["decision"] = DecisionJson(s.DecisionFor(rec));
  }
  return Dump(j);
}

// The entities an event names.
template <typename Fn>
void ForEachRole(const EventRecord& e, Fn fn) {
  for (const std::string* id :
       {&e.subject, &e.place, &e.from, &e.to, &e.via, &e.object, &e.attributed_to})
    fn(*id);
}

// What one person's answers are made of: the person, the entities its events
// name, its events and its conflicts, each in the snapshot's order. The
// views scan every event and index every entity of what they are given;
// given the slice, they scan only the person's.
struct PersonSlice {
  FactBase served, decided;
};
PersonSlice SliceOf(const Snapshot& s, const std::string& id) {
  PersonSlice out;
  std::set<size_t> entities;
  auto add = [&](const std::string& e) {
    if (auto it = s.entity_index.find(e); it != s.entity_index.end()) entities.insert(it->second);
  };
  add(id);
  if (auto it = s.events_by_subject.find(id); it != s.events_by_subject.end()) {
    for (size_t i : it->second) {
      const EventRecord& ev = s.served.events[i];
      out.served.events.push_back(ev);
      ForEachRole(ev, add);
      if (!s.rejected.count(ev.id)) out.decided.events.push_back(ev);
    }
  }
  if (auto it = s.conflicts_by_subject.find(id); it != s.conflicts_by_subject.end())
    for (size_t i : it->second) out.served.conflicts.push_back(s.served.conflicts[i]);
  for (size_t i : entities) out.served.entities.push_back(s.served.entities[i]);
  out.decided.entities = out.served.entities;
  out.decided.conflicts = out.served.conflicts;
  return out;
}

// A 64-bit digest of values, each with its length, so that no two different
// sequences of values run together into the same bytes.
class Digest {
 public:
  void Add(std::string_view v) {
    Mix(v.size());
    Mix(std::hash<std::string_view>{}(v));
  }
  void Add(uint64_t v) { Mix(v); }
  void Add(const std::optional<double>& v) {
    Mix(v.has_value());
    if (v) Mix(std::hash<double>{}(*v));
  }
  void Add(const std::optional<Day>& v) {
    Mix(v.has_value());
    if (v) Mix(static_cast<uint64_t>(*v));
  }
  uint64_t value() const { return h_; }

 private:
  void Mix(uint64_t v) {  // splitmix64's finalizer over the running value
    uint64_t z = (h_ ^ v) + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    h_ = z ^ (z >> 31);
  }
  uint64_t h_ = 0;
};

void AddEntity(Digest& d, const EntityRecord* e) {
  d.Add(e != nullptr);
  if (e == nullptr) return;
  d.Add(e->id);
  d.Add(static_cast<uint64_t>(e->type));
  d.Add(e->name);
  d.Add(e->aliases.size());
  for (const std::string& a : e->aliases) d.Add(a);
  d.Add(e->docs.size());
  for (const std::string& doc : e->docs) d.Add(doc);
  d.Add(e->country);
  d.Add(e->place_kind);
  d.Add(e->lat);
  d.Add(e->lon);
  d.Add(e->protected_identity);
}

void AddSources(Digest& d, const std::vector<SourceRef>& sources) {
  d.Add(sources.size());
  for (const SourceRef& r : sources) {
    d.Add(r.doc);
    d.Add(r.start);
    d.Add(r.end);
    d.Add(r.quote);
    d.Add(static_cast<uint64_t>(r.page));
    d.Add(r.ocr);
  }
}

// Everything a person's answers are computed from (PersonBody ...
// ConflictsBody over SliceOf, with the snapshot's decisions): every field of
// the person, of its events and conflicts, of each entity they name, each
// event's accepted or rejected mark and each conflict's decision.
uint64_t PersonFingerprint(const Snapshot& s, const std::string& id) {
  Digest d;
  AddEntity(d, s.Entity(id));
  auto mark = [&](const std::unordered_map<std::string, std::string>& m, const std::string& ev) {
    auto it = m.find(ev);
    d.Add(it == m.end() ? std::string_view("-") : std::string_view(it->second));
  };
  if (auto it = s.events_by_subject.find(id); it != s.events_by_subject.end()) {
    d.Add(it->second.size());
    for (size_t i : it->second) {
      const EventRecord& e = s.served.events[i];
      d.Add(e.id);
      d.Add(e.type);
      d.Add(e.date.earliest);
      d.Add(e.date.latest);
      d.Add(e.date.text);
      d.Add(static_cast<uint64_t>(e.date.precision));
      ForEachRole(e, [&](const std::string& role) {
        d.Add(role);
        if (!role.empty()) AddEntity(d, s.Entity(role));
      });
      d.Add(e.detail);
      d.Add(e.hedged);
      AddSources(d, e.sources);
      mark(s.accepted, e.id);
      mark(s.rejected, e.id);
    }
  }
  if (auto it = s.conflicts_by_subject.find(id); it != s.conflicts_by_subject.end()) {
    d.Add(it->second.size());
    for (size_t i : it->second) {
      const ConflictRecord& c = s.served.conflicts[i];
      d.Add(c.id);
      d.Add(c.subject);
      d.Add(c.type);
      d.Add(c.field);
      d.Add(c.explanation);
      d.Add(c.claims.size());
      for (const ConflictRecord::Claim& claim : c.claims) {
        d.Add(claim.value);
        d.Add(claim.events.size());
        for (const std::string& ev : claim.events) d.Add(ev);
        AddSources(d, claim.sources);
      }
      d.Add(Dump(DecisionJson(s.DecisionFor(c))));
    }
  }
  return d.value();
}

// The four answers of person `id`, from its slice; nullptr if any failed
// (the request then computes it the long way and reports the error).
// Answers of `gzip_min` bytes or more are kept compressed too.
std::shared_ptr<const PersonAnswers> ComputeAnswers(const Snapshot& s, const std::string& id,
                                                    size_t gzip_min) {
  const PersonSlice slice = SliceOf(s, id);
  auto person = PersonBody(s, slice.served, id);
  auto timeline = TimelineBody(s, slice.served, id);
  auto route = RouteBody(s, slice.served, slice.decided, id, false);
  auto conflicts = ConflictsBody(s, slice.served, id);
  if (!person.ok() || !timeline.ok() || !route.ok() || !conflicts.ok()) return nullptr;
  auto a = std::make_shared<PersonAnswers>();
  a->person.plain = std::move(*person);
  a->timeline.plain = std::move(*timeline);
  a->route.plain = std::move(*route);
  a->conflicts.plain = std::move(*conflicts);
  for (PersonAnswers::Body* b : {&a->person, &a->timeline, &a->route, &a->conflicts})
    if (b->plain.size() >= gzip_min && b->plain.size() < (1u << 31)) b->gzip = Gzip(b->plain);
  return a;
}

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kAmbiguous:
      return 409;
    case Status::Code::kInvalidArgument:
      return 400;
    default:
      return 500;
  }
}

bool SafeEqual(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.size() ? b.size() : 1)]);
  return diff == 0 && !b.empty();
}

const char* ContentType(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  return "application/octet-stream";
}

// "d12" -> 12; nullopt for anything else (and for numbers past 2^31).
std::optional<uint32_t> DocNumber(std::string_view id) {
  uint32_t n = 0;
  if (id.size() < 2 || id.size() > 11 || id[0] != 'd') return std::nullopt;
  auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
  if (ec != std::errc() || p != id.data() + id.size() || n > (1u << 31)) return std::nullopt;
  return n;
}

int IntParam(const httplib::Request& req, const char* name, int fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  int n = 0;
  const char* end = v.data() + v.size();
  if (v.size() > 9) return fallback;
  auto [p, ec] = std::from_chars(v.data(), end, n);
  return ec == std::errc() && p == end ? n : fallback;
}

// One upload from the browser, ingested in the background. Its fields are
// guarded by `mu`; `cv` is notified when it finishes.
struct IngestJob {
  std::string id;     // "i3"
  std::string actor;  // who uploaded it
  fs::path dir;       // the private folder holding the uploads
  struct File {
    std::string name;  // as uploaded (base name, made unique in the job)
    std::string path;  // the canonical path it was ingested from
    std::string sha256;
    uint64_t bytes = 0;
    std::string outcome;  // "", "new", "new version", "unchanged", "failed"
    std::string error;    // the problem, when failed
    std::string doc;      // the document it became (or already was)
  };

  mutable std::mutex mu;
  std::condition_variable cv;
  std::vector<File> files;       // in the order they are ingested
  std::string state = "queued";  // queued, running, finished
  size_t done = 0;
  std::vector<std::string> errors;  // "name: problem", and a store failure
  cli::IngestSummary summary;
  bool finished = false;

  // REQUIRES: mu not held.
  json Json(bool with_files = true) const {
    std::lock_guard<std::mutex> lock(mu);
    json j = {
        {"id", id},
        {"state", state},
        {"author", actor},
        {"total", files.size()},
        {"done", done},
        {"current", !finished && done < files.size() && state == "running" ? json(files[done].name)
                                                                           : json(nullptr)},
        {"finished", finished},
        {"errors", errors},
        {"added", summary.added},
        {"updated", summary.updated},
        {"unchanged", summary.unchanged},
        {"failed", summary.failed}};
    if (with_files) {
      json fs = json::array();
      for (const File& f : files)
        fs.push_back({{"file", f.name},
                      {"bytes", f.bytes},
                      {"outcome", f.outcome.empty() ? json(nullptr) : json(f.outcome)},
                      {"error", f.error.empty() ? json(nullptr) : json(f.error)},
                      {"doc", f.doc.empty() ? json(nullptr) : json(f.doc)}});
      j["files"] = fs;
    }
    return j;
  }
};

class ServerImpl final : public Server {
 public:
  explicit ServerImpl(Options o) : options_(std::move(o)) {}
  ~ServerImpl() override { Stop(); }

  Status Init() {
    if (options_.web_root.empty()) options_.web_root = CAIRN_WEB_DIR;
    if (!options_.users_file.empty()) {
      auto users = Users::Load(options_.users_file);
      if (!users.ok()) return users.status();
      users_ = std::make_shared<const Users>(std::move(*users));
      std::error_code ec;
      users_mtime_ = fs::last_write_time(options_.users_file, ec);
      users_checked_ = std::chrono::steady_clock::now();
    }
    auto s = store::Store::Open(options_.db);
    if (!s.ok()) return s.status();
    writer_ = std::move(*s);
    CAIRN_RETURN_IF_ERROR(Reload());
    Routes();
    http_.new_task_queue = [n = options_.threads] {
      return new httplib::ThreadPool(static_cast<size_t>(std::max(2, n)));
    };
    http_.set_payload_max_length(options_.max_upload_bytes);
    // With a users file, only its users read: every API request but
    // /api/info (which says who is signed in) needs a listed user's token.
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (options_.users_file.empty() || !req.path.starts_with("/api/") || req.path == "/api/info")
        return httplib::Server::HandlerResponse::Unhandled;
      if (Identify(req)) return httplib::Server::HandlerResponse::Unhandled;
      SendError(res, 401, "sign in: this server needs a user's token (X-Cairn-Token)");
      return httplib::Server::HandlerResponse::Handled;
    });
    // httplib refuses an oversized body before any handler sees it; say why.
    http_.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
      if (res.status == 413 && res.body.empty())
        SendError(res, 413,
                  "the upload is larger than " + std::to_string(options_.max_upload_bytes >> 20) +
                      " MB (cairn serve --max-upload)");
    });
    http_.set_keep_alive_max_count(100000);
    // Headers and body are two writes: without TCP_NODELAY, Nagle's algorithm
    // and the client's delayed ACK held every keep-alive response 40 ms.
    http_.set_tcp_nodelay(true);
    http_.set_default_headers({{"Content-Security-Policy", kCsp},
                               {"X-Content-Type-Options", "nosniff"},
                               {"Referrer-Policy", "no-referrer"},
                               {"X-Frame-Options", "DENY"},
                               {"Cross-Origin-Opener-Policy", "same-origin"},
                               {"Cross-Origin-Resource-Policy", "same-origin"}});
    int port = options_.port;
    if (port == 0) {
      port = http_.bind_to_any_port(options_.bind);
      if (port < 0) return Status::IOError(options_.bind + ": cannot listen on any port");
    } else if (!http_.bind_to_port(options_.bind, port)) {
      return Status::IOError(options_.bind + ":" + std::to_string(port) +
                             ": cannot listen (in use, or not an address of this machine)");
    }
    port_ = port;
    if (options_.precompute) warm_thread_ = std::thread([this] { WarmLoop(); });
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    return Status::OK();
  }

  int port() const override { return port_; }

  void Stop() override {
    if (stopped_.exchange(true)) return;
    // A running ingest ends after its current file (what it stored is kept
    // and resolved); queued ones are not started.
    {
      std::lock_guard<std::mutex> lock(jobs_mu_);
      ingest_stop_ = true;
      ingest_interrupt_ = true;
    }
    http_.stop();
    if (thread_.joinable()) thread_.join();
    jobs_cv_.notify_all();
    if (ingest_thread_.joinable()) ingest_thread_.join();
    {
      std::lock_guard<std::mutex> lock(warm_mu_);
      warm_stop_ = true;
    }
    warm_cv_.notify_all();
    if (warm_thread_.joinable()) warm_thread_.join();
  }

  Warmth WaitUntilWarm() override {
    Warmth w;
    if (options_.precompute) {
      std::unique_lock<std::mutex> lock(warm_mu_);
      warm_cv_.wait(lock, [&] { return warm_stop_ || warmed_ == reloads_; });
      w.carried_over = carried_;
    }
    w.persons = Current()->person_ids.size();
    w.computed = computed_.load();
    return w;
  }

 private:
  // ---- store connections: at most kMaxReaders, shared by the requests ----
  // A request borrows one for its store work and gives it back; when all are
  // out, it waits. Few connections stay warm (their page caches, prepared
  // statements) where one per request thread (32) each read the index cold,
  // and more readers than cores only take turns on them.
  struct Lease {
    ServerImpl* owner;
    std::unique_ptr<store::Store> store;
    Lease(ServerImpl* o, std::unique_ptr<store::Store> s) : owner(o), store(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (store) owner->GiveBack(std::move(store));
    }
  };
  // A request waiting for a connection. Waiters are served first come, first
  // served: a connection given back goes straight to the oldest waiter, so no
  // request waits while later ones overtake it (with a plain condition
  // variable, newcomers took the connections first and a few requests waited
  // for hundreds of milliseconds under load).
  struct Waiter {
    std::condition_variable cv;
    std::unique_ptr<store::Store> got;  // a connection handed over
    bool may_open = false;              // or a slot to open one in
  };
  // REQUIRES: pool_mu_ held.
  void HandToOldest(std::unique_ptr<store::Store> s) {
    Waiter* w = waiters_.front();
    waiters_.pop_front();
    if (s) {
      w->got = std::move(s);
    } else {
      ++pool_open_;
      w->may_open = true;
    }
    w->cv.notify_one();  // under the lock: `w` lives until it has woken
  }
  void GiveBack(std::unique_ptr<store::Store> s) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!waiters_.empty())
      HandToOldest(std::move(s));
    else
      pool_.push_back(std::move(s));
  }
  // REQUIRES: the caller holds no other Lease (a second one could wait for
  // itself).
  Result<Lease> Borrow() {
    {
      std::unique_lock<std::mutex> lock(pool_mu_);
      if (waiters_.empty() && !pool_.empty()) {
        auto s = std::move(pool_.back());
        pool_.pop_back();
        return Lease(this, std::move(s));
      }
      if (waiters_.empty() && pool_open_ < kMaxReaders) {
        ++pool_open_;
      } else {
        Waiter w;
        waiters_.push_back(&w);
        w.cv.wait(lock, [&] { return w.got != nullptr || w.may_open; });
        if (w.got) return Lease(this, std::move(w.got));
      }
    }
    auto s = store::Store::Open(options_.db);
    // Mapped, the readers share the system's cached pages of the index.
    if (s.ok()) {
      if (Status m = (*s)->MapForReading(kReaderMapBytes); !m.ok()) s = m;
    }
    if (!s.ok()) {
      std::lock_guard<std::mutex> lock(pool_mu_);
      --pool_open_;
      if (!waiters_.empty()) HandToOldest(nullptr);  // let the next one try
      return s.status();
    }
    return Lease(this, std::move(*s));
  }

  std::shared_ptr<const Snapshot> Current() const {
    std::lock_guard<std::mutex> lock(snap_mu_);
    return snap_;
  }

  // Rebuilds the snapshot from the store. REQUIRES: write_mu_ held or init.
  Status Reload() {
    auto snap = std::make_shared<Snapshot>();
    auto facts = writer_->LoadFacts();
    if (!facts.ok()) return facts.status();
    snap->original = std::move(*facts);
    snap->redact = options_.redact;
    if (options_.redact) {
      auto key = writer_->LoadRedaction();
      if (!key.ok()) return key.status();
      snap->secret = std::move(key->secret);
    }
    for (const EntityRecord& e : snap->original.entities) {
      if (e.protected_identity) snap->protected_only.entities.push_back(e);
    }
    snap->served = options_.redact ? Redact(snap->original, snap->secret) : snap->original;
    for (size_t i = 0; i < snap->served.entities.size(); ++i)
      snap->entity_index.emplace(snap->served.entities[i].id, i);
    for (size_t i = 0; i < snap->served.events.size(); ++i) {
      const EventRecord& ev = snap->served.events[i];
      std::set<std::string> docs;
      for (const SourceRef& s : ev.sources) docs.insert(s.doc);
      for (const std::string& d : docs) snap->events_by_doc[d].push_back(i);
      std::vector<uint32_t>& numbers = snap->event_doc_numbers.emplace_back();
      for (const std::string& d : docs) {
        if (auto n = DocNumber(d)) {
          numbers.push_back(*n);
          snap->max_doc_number = std::max(snap->max_doc_number, *n);
        }
      }
      std::set<std::string> places;
      for (const std::string* p : {&ev.place, &ev.from, &ev.to, &ev.via})
        if (!p->empty()) places.insert(*p);
      for (const std::string& p : places) snap->events_by_place[p].push_back(i);
    }
    auto links = writer_->LoadLinks();
    if (!links.ok()) return links.status();
    for (const store::EntityLink& l : *links) snap->links[l.doc_id][l.local] = l.entity_id;
    auto docs = writer_->ListDocuments();
    if (!docs.ok()) return docs.status();
    snap->documents = std::move(*docs);
    if (options_.redact) {
      std::vector<std::string> texts;
      for (const auto& d : snap->documents) {
        texts.push_back(d.title);
        texts.push_back(d.author);
      }
      Redact(snap->protected_only, snap->secret, &texts);
      for (size_t i = 0; i < snap->documents.size(); ++i) {
        snap->documents[i].title = texts[2 * i];
        snap->documents[i].author = texts[2 * i + 1];
      }
    }
    for (size_t i = 0; i < snap->documents.size(); ++i)
      snap->document_index.emplace(snap->documents[i].id, i);
    auto decisions = writer_->ListDecisions();
    if (!decisions.ok()) return decisions.status();
    for (auto& d : *decisions)
      if (d.undone_at.empty()) snap->decisions.push_back(std::move(d));
    for (const ConflictRecord& c : snap->original.conflicts) {
      const store::ConflictDecision* d = snap->DecisionFor(c);
      if (d == nullptr || d->decision != "accept") continue;
      const std::string rid = "r" + std::to_string(d->id);
      for (const ConflictRecord::Claim& claim : c.claims)
        for (const std::string& ev : claim.events)
          (claim.value == d->value ? snap->accepted : snap->rejected)[ev] = rid;
    }
    snap->decided = snap->served;
    std::erase_if(snap->decided.events,
                  [&](const EventRecord& e) { return snap->rejected.count(e.id) > 0; });
    if (options_.precompute) snap->people.emplace(snap->served);
    for (size_t i = 0; i < snap->served.events.size(); ++i)
      snap->events_by_subject[snap->served.events[i].subject].push_back(i);
    for (size_t i = 0; i < snap->served.conflicts.size(); ++i)
      snap->conflicts_by_subject[snap->served.conflicts[i].subject].push_back(i);
    for (const EntityRecord& e : snap->served.entities) {
      if (e.type != EntityType::kPerson) continue;
      snap->person_ids.push_back(e.id);
      snap->fingerprints.emplace(e.id, PersonFingerprint(*snap, e.id));
    }
    // The answers of everyone the change did not touch stay as they were.
    size_t carried = 0;
    if (auto old = Current(); old != nullptr && options_.precompute) {
      std::lock_guard<std::mutex> lock(old->answers_mu);
      for (const auto& [id, answers] : old->answers) {
        auto now = snap->fingerprints.find(id);
        auto before = old->fingerprints.find(id);
        if (now == snap->fingerprints.end() || before == old->fingerprints.end() ||
            now->second != before->second)
          continue;
        snap->answers.emplace(id, answers);
        ++carried;
      }
    }
    {
      std::lock_guard<std::mutex> lock(snap_mu_);
      snap_ = std::move(snap);
    }
    {
      std::lock_guard<std::mutex> lock(warm_mu_);
      ++reloads_;
      carried_ = carried;
    }
    warm_cv_.notify_all();
    return Status::OK();
  }

  // The precomputed answers of `id` in `s`, computed here if no one has yet
  // (once: others asking meanwhile wait for them); nullptr when `id` is not
  // a person's id or the server does not precompute.
  std::shared_ptr<const PersonAnswers> AnswersFor(const Snapshot& s, const std::string& id) {
    if (!options_.precompute) return nullptr;
    const EntityRecord* e = s.Entity(id);
    if (e == nullptr || e->type != EntityType::kPerson) return nullptr;
    std::promise<std::shared_ptr<const PersonAnswers>> mine;
    std::shared_future<std::shared_ptr<const PersonAnswers>> answer;
    std::unique_lock<std::mutex> lock(s.answers_mu);
    if (auto it = s.answers.find(id); it != s.answers.end()) return it->second;
    if (auto it = s.answers_computing.find(id); it != s.answers_computing.end()) {
      answer = it->second;
      lock.unlock();
      return answer.get();
    }
    s.answers_computing.emplace(id, mine.get_future().share());
    // Not under the lock: other persons' answers are looked up and computed
    // meanwhile.
    lock.unlock();
    std::shared_ptr<const PersonAnswers> computed = ComputeAnswers(s, id, options_.gzip_min_bytes);
    computed_.fetch_add(1, std::memory_order_relaxed);
    lock.lock();
    s.answers_computing.erase(id);
    if (computed) s.answers.emplace(id, computed);
    lock.unlock();
    mine.set_value(computed);
    return computed;
  }

  // The warming thread: after every reload, computes the answers of every
  // person the reload did not carry over, at a lower priority than requests.
  void WarmLoop() {
    // Linux: a thread's nice value is its own.
    setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
    uint64_t done = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(warm_mu_);
        warm_cv_.wait(lock, [&] { return warm_stop_ || reloads_ != done; });
        if (warm_stop_) return;
        done = reloads_;
      }
      auto snap = Current();
      for (const std::string& id : snap->person_ids) {
        {
          std::lock_guard<std::mutex> lock(warm_mu_);
          if (warm_stop_ || reloads_ != done) break;  // a newer snapshot: warm that
        }
        AnswersFor(*snap, id);
      }
      {
        std::lock_guard<std::mutex> lock(warm_mu_);
        if (reloads_ == done) warmed_ = done;
      }
      warm_cv_.notify_all();
    }
  }

  // Masks protected names in texts when redacting.
  void Mask(const Snapshot& snap, std::vector<std::string>* texts) const {
    if (snap.redact) Redact(snap.protected_only, snap.secret, texts);
  }

  // ---- responses ----
  static void SendJson(httplib::Response& res, const std::string& body, int status = 200) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(body, "application/json; charset=utf-8");
  }
  using AnswerOf = const PersonAnswers::Body PersonAnswers::*;  // which of a person's answers
  // A precomputed answer, written from where it is kept: a person's answer
  // of hundreds of KB is not copied (nor its pages faulted in) per request;
  // compressed when the client accepts gzip and it was kept so.
  static void SendPrecomputed(const httplib::Request& req, httplib::Response& res,
                              std::shared_ptr<const PersonAnswers> a, AnswerOf field) {
    res.status = 200;
    res.set_header("Cache-Control", "no-store");
    const PersonAnswers::Body& b = (*a).*field;
    const bool gzip = !b.gzip.empty() && AcceptsGzip(req);
    if (!b.gzip.empty()) res.set_header("Vary", "Accept-Encoding");
    if (gzip) res.set_header("Content-Encoding", "gzip");
    const std::string* body = gzip ? &b.gzip : &b.plain;
    res.set_content_provider(
        body->size(), "application/json; charset=utf-8",
        [a = std::move(a), body](size_t offset, size_t length, httplib::DataSink& sink) {
          return sink.write(body->data() + offset, length);
        });
  }
  // Whether Accept-Encoding names gzip (with a q-value other than 0).
  static bool AcceptsGzip(const httplib::Request& req) {
    const std::string v = req.get_header_value("Accept-Encoding");
    for (size_t at = 0; at < v.size();) {
      size_t end = v.find(',', at);
      if (end == std::string::npos) end = v.size();
      std::string item = v.substr(at, end - at);
      at = end + 1;
      std::erase(item, ' ');
      for (char& c : item)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (item == "gzip" ||
          (item.starts_with("gzip;q=") && item.find_first_not_of("0.", 7) != std::string::npos))
        return true;
    }
    return false;
  }
  static void SendError(httplib::Response& res, const Status& s) {
    SendJson(res, Dump(json{{"error", s.message()}}), HttpStatus(s));
  }
  static void SendError(httplib::Response& res, int status, const std::string& msg) {
    SendJson(res, Dump(json{{"error", msg}}), status);
  }

  // A GET answered from the snapshot alone: computed once per snapshot.
  using Compute = std::function<Result<std::string>(const Snapshot&, const httplib::Request&)>;
  using ComputeAnswer =
      std::function<Result<Snapshot::Answer>(const Snapshot&, const httplib::Request&)>;
  // With `field`, a request whose `person_of` is a person's id is answered
  // from that person's precomputed answers (AnswersFor).
  using PersonOf = std::function<std::string(const httplib::Request&)>;
  void CachedGet(const std::string& pattern, Compute compute, AnswerOf field = nullptr,
                 PersonOf person_of = {}) {
    CachedGetAnswer(
        pattern,
        [compute = std::move(compute)](const Snapshot& s,
                                       const httplib::Request& req) -> Result<Snapshot::Answer> {
          auto body = compute(s, req);
          if (!body.ok()) return body.status();
          return Snapshot::Answer{std::move(*body), ""};
        },
        field, std::move(person_of));
  }
  static void SendAnswer(httplib::Response& res, const Snapshot::Answer& a) {
    if (!a.total.empty()) res.set_header("X-Total-Count", a.total);
    SendJson(res, a.body);
  }
  void CachedGetAnswer(const std::string& pattern, ComputeAnswer compute, AnswerOf field = nullptr,
                       PersonOf person_of = {}) {
    http_.Get(pattern, [compute = std::move(compute), field, person_of = std::move(person_of),
                        this](const httplib::Request& req, httplib::Response& res) {
      auto snap = Current();
      if (field != nullptr) {
        if (auto a = AnswersFor(*snap, person_of(req))) return SendPrecomputed(req, res, a, field);
      }
      const std::string& key = req.target;
      // 32 clients missing the cache together would otherwise each build
      // the same answer: the first computes it, the others wait for it.
      std::promise<Result<Snapshot::Answer>> mine;
      std::shared_future<Result<Snapshot::Answer>> answer;
      bool compute_here = false;
      {
        std::lock_guard<std::mutex> lock(snap->cache_mu);
        auto it = snap->cache.find(key);
        if (it != snap->cache.end()) return SendAnswer(res, it->second);
        auto running = snap->computing.find(key);
        if (running != snap->computing.end()) {
          answer = running->second;
        } else {
          answer = mine.get_future().share();
          snap->computing.emplace(key, answer);
          compute_here = true;
        }
      }
      if (compute_here) {
        Result<Snapshot::Answer> computed = compute(*snap, req);
        std::lock_guard<std::mutex> lock(snap->cache_mu);
        snap->computing.erase(key);
        if (computed.ok()) {
          if (snap->cache.size() > 20000 || snap->cache_bytes > Snapshot::kMaxCacheBytes) {
            snap->cache.clear();
            snap->cache_bytes = 0;
          }
          if (snap->cache.emplace(key, *computed).second)
            snap->cache_bytes += key.size() + computed->body.size();
        }
        mine.set_value(std::move(computed));
      }
      const Result<Snapshot::Answer>& done = answer.get();
      if (!done.ok()) return SendError(res, done.status());
      SendAnswer(res, *done);
    });
  }

  // Who sent `req`: the user of a users file whose token it carries, or
  // the holder of --editor-token (named by X-Cairn-User, else "editor").
  struct Who {
    std::string name;
    Role role = Role::kViewer;
  };
  std::optional<Who> Identify(const httplib::Request& req) const {
    const std::string token = req.get_header_value("X-Cairn-Token");
    if (token.empty()) return std::nullopt;
    auto users = CurrentUsers();
    if (const User* u = users->Find(token)) return Who{u->name, u->role};
    if (SafeEqual(token, options_.editor_token)) {
      std::string who = req.get_header_value("X-Cairn-User");
      if (who.size() > 80) who.resize(80);
      for (char& c : who)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      return Who{who.empty() ? "editor" : who, Role::kEditor};
    }
    return std::nullopt;
  }
  // Whether anyone may change anything: an editor token, or an editor in
  // the users file.
  bool Editable() const {
    if (!options_.editor_token.empty()) return true;
    for (const User& u : CurrentUsers()->all())
      if (u.role == Role::kEditor) return true;
    return false;
  }

  // The checks every change passes: the same origin, an editor's token.
  bool AllowWrite(const httplib::Request& req, httplib::Response& res) const {
    if (!Editable()) {
      SendError(res, 403,
                "read-only: start cairn serve with --editor-token or --users to allow changes");
      return false;
    }
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    if (!site.empty() && site != "same-origin" && site != "none") {
      SendError(res, 403, "cross-site request refused");
      return false;
    }
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && origin != "http://" + req.get_header_value("Host")) {
      SendError(res, 403, "request from another origin refused");
      return false;
    }
    auto who = Identify(req);
    if (!who) {
      SendError(res, 401, "a valid editor token (X-Cairn-Token) is required");
      return false;
    }
    if (who->role != Role::kEditor) {
      SendError(res, 403, who->name + " is a viewer: changes need an editor");
      return false;
    }
    return true;
  }

  // The name a change is recorded under. REQUIRES: AllowWrite(req) passed.
  std::string Actor(const httplib::Request& req) const {
    auto who = Identify(req);
    return who ? who->name : "editor";
  }

  // Runs a change under the write lock, audits it, re-resolves when asked,
  // and reloads the snapshot.
  using Change = std::function<Result<json>(store::Store&)>;
  void Write(const httplib::Request& req, httplib::Response& res, const std::string& action,
             bool re_resolve, const Change& change) {
    if (!AllowWrite(req, res)) return;
    std::lock_guard<std::mutex> lock(write_mu_);
    auto out = change(*writer_);
    if (!out.ok()) return SendError(res, out.status());
    Status s;
    if (re_resolve) s = resolve::UpdateStore(writer_.get());
    if (s.ok()) {
      s = writer_->AppendAudit(store::AuditEntry{0, "", Actor(req), action, Dump(*out)});
    }
    if (s.ok()) s = Reload();
    if (!s.ok()) return SendError(res, s);
    SendJson(res, Dump(*out));
  }

  static Result<json> Body(const httplib::Request& req) {
    json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return Status::InvalidArgument("the request body must be a JSON object");
    return j;
  }
  static std::string Field(const json& j, const char* name) {
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  void Routes();
  void StaticRoutes();
  Result<std::string> DocumentJson(const Snapshot& snap, const std::string& ref);
  Result<std::string> SearchJson(const Snapshot& snap, const httplib::Request& req);

  Options options_;
  httplib::Server http_;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
  int port_ = 0;

  // Precomputed answers: reloads_ counts snapshots, warmed_ is the last one
  // whose every person's answers are computed.
  std::mutex warm_mu_;  // guards the four fields below
  std::condition_variable warm_cv_;
  uint64_t reloads_ = 0, warmed_ = 0;
  size_t carried_ = 0;  // answers the last reload carried over
  bool warm_stop_ = false;
  std::atomic<uint64_t> computed_{0};  // persons' answers computed since the start
  std::thread warm_thread_;

  std::mutex write_mu_;  // serializes changes; guards writer_
  std::unique_ptr<store::Store> writer_;
  mutable std::mutex snap_mu_;  // guards snap_ (the pointer, not the snapshot)
  std::shared_ptr<const Snapshot> snap_;
  static constexpr int kMaxReaders = 4;
  static constexpr uint64_t kReaderMapBytes = 1ull << 30;
  std::mutex pool_mu_;                               // guards the three fields below
  std::vector<std::unique_ptr<store::Store>> pool_;  // idle connections
  std::deque<Waiter*> waiters_;                      // oldest first
  int pool_open_ = 0;                                // connections opened
  // The users file, read again when it changes (looked at once a second at
  // most); a file that no longer parses keeps the users read before, and
  // says why on stderr.
  std::shared_ptr<const Users> CurrentUsers() const {
    std::lock_guard<std::mutex> lock(users_mu_);
    if (options_.users_file.empty()) return users_;
    const auto now = std::chrono::steady_clock::now();
    if (now - users_checked_ < std::chrono::seconds(1)) return users_;
    users_checked_ = now;
    std::error_code ec;
    const auto mtime = fs::last_write_time(options_.users_file, ec);
    if (ec || mtime == users_mtime_) return users_;
    users_mtime_ = mtime;
    auto users = Users::Load(options_.users_file);
    if (users.ok())
      users_ = std::make_shared<const Users>(std::move(*users));
    else
      std::fprintf(stderr, "cairn: %s (the users read before stay in force)\n",
                   users.status().message().c_str());
    return users_;
  }
  mutable std::mutex users_mu_;  // guards the three fields below
  mutable std::shared_ptr<const Users> users_ = std::make_shared<const Users>();
  mutable fs::file_time_type users_mtime_;
  mutable std::chrono::steady_clock::time_point users_checked_;

  // Ingest jobs: queued by POST /api/ingest, run one at a time by
  // ingest_thread_ (started with the first job).
  Result<std::shared_ptr<IngestJob>> QueueIngest(const httplib::Request& req);
  void IngestLoop();
  void RunJob(IngestJob& job);
  std::mutex jobs_mu_;  // guards the fields below
  std::condition_variable jobs_cv_;
  std::deque<std::shared_ptr<IngestJob>> jobs_;   // the latest kMaxJobs, oldest first
  std::deque<std::shared_ptr<IngestJob>> queue_;  // waiting to run
  int64_t next_job_ = 1;
  bool ingest_stop_ = false;
  std::atomic<bool> ingest_interrupt_{false};  // RunIngest's stop flag
  std::thread ingest_thread_;
  static constexpr size_t kMaxJobs = 50;
};

// ---- the API ----

Result<std::string> ServerImpl::DocumentJson(const Snapshot& snap, const std::string& ref) {
  auto lease = Borrow();
  if (!lease.ok()) return lease.status();
  auto doc = lease->store->LoadDocument(ref, /*with_annotations=*/true);
  if (!doc.ok()) return doc.status();
  auto versions = lease->store->ListVersions(doc->id);
  if (!versions.ok()) return versions.status();
  std::vector<std::string> texts = {doc->text, doc->title, doc->author};
  Mask(snap, &texts);
  const std::string& text = texts[0];

  // Annotations as byte ranges; the text is cut at every boundary into
  // segments, each with what covers it, so the browser never converts
  // UTF-8 byte offsets into UTF-16 string indexes.
  struct Mark {
    uint32_t begin, end;
    std::string kind, entity, event;
    int sentence = -1;
  };
  std::vector<Mark> marks;
  const auto& doc_links = snap.links.count(doc->id) ? snap.links.at(doc->id)
                                                    : std::unordered_map<int32_t, std::string>{};
  for (const Mention& m : doc->mentions) {
    std::string entity;
    if (m.entity >= 0) {
      auto it = doc_links.find(m.entity);
      if (it != doc_links.end()) entity = it->second;
    }
    marks.push_back({m.span.begin, m.span.end, EntityTypeName(m.type), entity, "", -1});
  }
  for (const Timex& t : doc->timexes)
    marks.push_back({t.span.begin, t.span.end, "date", "", "", -1});
  json events = json::array();
  if (auto it = snap.events_by_doc.find(doc->id); it != snap.events_by_doc.end()) {
    for (size_t i : it->second) {
      const EventRecord& ev = snap.served.events[i];
      events.push_back(snap.EventJson(ev));
      for (const SourceRef& s : ev.sources)
        if (s.doc == doc->id) marks.push_back({s.start, s.end, "event", "", ev.id, -1});
    }
  }
  for (size_t i = 0; i < doc->sentences.size(); ++i) {
    const Span& sp = doc->sentences[i].span;
    marks.push_back({sp.begin, sp.end, "sentence", "", "", static_cast<int>(i)});
  }
  std::vector<uint32_t> cuts = {0, static_cast<uint32_t>(text.size())};
  for (const Mark& m : marks) {
    if (m.begin < m.end && m.end <= text.size()) {
      cuts.push_back(m.begin);
      cuts.push_back(m.end);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  json segments = json::array();
  for (size_t c = 0; c + 1 < cuts.size(); ++c) {
    const uint32_t b = cuts[c], e = cuts[c + 1];
    json seg = {{"o", b}, {"t", text.substr(b, e - b)}};
    std::set<std::string> kinds, evs;
    std::string entity;
    int sentence = -1;
    for (const Mark& m : marks) {
      if (m.begin > b || m.end < e || m.begin >= m.end) continue;
      if (m.kind == "sentence") {
        sentence = m.sentence;
        continue;
      }
      kinds.insert(m.kind);
      if (!m.entity.empty()) entity = m.entity;
      if (!m.event.empty()) evs.insert(m.event);
    }
    if (!kinds.empty()) seg["k"] = kinds;
    if (!entity.empty()) seg["e"] = entity;
    if (!evs.empty()) seg["ev"] = evs;
    if (sentence >= 0) seg["s"] = sentence;
    segments.push_back(std::move(seg));
  }
  json vs = json::array();
  std::vector<std::string> vtitles;
  for (const auto& v : *versions) vtitles.push_back(v.title);
  Mask(snap, &vtitles);
  for (size_t i = 0; i < versions->size(); ++i) {
    const auto& v = (*versions)[i];
    vs.push_back({{"version", v.version},
                  {"sha256", v.sha256},
                  {"title", vtitles[i]},
                  {"date", v.date ? json(FormatDay(*v.date)) : json(nullptr)},
                  {"format", v.format},
                  {"bytes", v.text_bytes},
                  {"ingested_at", v.ingested_at}});
  }
  json out = {{"id", doc->id},
              {"name", doc->name},
              {"title", texts[1]},
              {"author", texts[2]},
              {"date", doc->date ? json(FormatDay(*doc->date)) : json(nullptr)},
              {"language", doc->language},
              {"format", doc->format},
              {"encoding", doc->encoding},
              {"sha256", doc->sha256},
              {"bytes", doc->text.size()},
              {"versions", vs},
              {"segments", segments},
              {"events", events}};
  return Dump(out);
}

Result<std::string> ServerImpl::SearchJson(const Snapshot& snap, const httplib::Request& req) {
  const std::string q = req.get_param_value("q");
  const int limit = std::clamp(IntParam(req, "limit", 20), 1, 200);
  const std::string person = req.get_param_value("person");
  const std::string type = req.get_param_value("type");
  const int from = IntParam(req, "from", -100000), to = IntParam(req, "to", 100000);
  const bool filtered =
      !person.empty() || !type.empty() || req.has_param("from") || req.has_param("to");
  // Filters keep the documents that state a matching event: a bitmap by
  // document number.
  std::vector<char> allowed;
  std::string person_id;
  if (!person.empty()) {
    auto e = views::FindEntity(snap.served, person);
    if (!e.ok()) return e.status();
    person_id = (*e)->id;
  }
  if (filtered) {
    const Day lo = DayFromCivil(from, 1, 1), hi = DayFromCivil(to, 12, 31);
    allowed.assign(snap.max_doc_number + 1, 0);
    for (size_t i = 0; i < snap.served.events.size(); ++i) {
      const EventRecord& ev = snap.served.events[i];
      if (!person_id.empty() && ev.subject != person_id) continue;
      if (!type.empty() && ev.type != type) continue;
      if (req.has_param("from") || req.has_param("to")) {
        if (!ev.date.known()) continue;
        if (ev.date.latest && *ev.date.latest < lo) continue;
        if (ev.date.earliest && *ev.date.earliest > hi) continue;
      }
      for (uint32_t d : snap.event_doc_numbers[i]) allowed[d] = 1;
    }
  }
  auto is_allowed = [&](const std::string& doc) {
    auto n = DocNumber(doc);
    return n && *n < allowed.size() && allowed[*n];
  };
  json hits = json::array();
  int64_t total = 0;
  bool exact = true;
  const int offset = std::clamp(IntParam(req, "offset", 0), 0, 100000);
  if (!q.empty()) {
    auto lease = Borrow();
    if (!lease.ok()) return lease.status();
    store::SearchOptions o;
    o.limit = limit;
    o.offset = offset;
    if (filtered) o.keep = is_allowed;
    auto found = lease->store->SearchPage(q, o);
    if (!found.ok()) return found.status();
    total = found->total;
    exact = found->total_exact;
    std::vector<std::string> texts;
    for (const store::SearchHit& h : found->hits) {
      hits.push_back({{"doc", h.doc_id},
                      {"name", h.name},
                      {"title", h.title},
                      {"snippet", h.snippet},
                      {"rank", h.rank}});
      texts.push_back(h.title);
      texts.push_back(h.snippet);
    }
    Mask(snap, &texts);
    for (size_t i = 0; i < hits.size(); ++i) {
      hits[i]["title"] = texts[2 * i];
      hits[i]["snippet"] = texts[2 * i + 1];
    }
  } else if (filtered) {  // filters alone: the matching documents
    for (const auto& d : snap.documents) {
      if (!is_allowed(d.id)) continue;
      if (total++ < offset || static_cast<int>(hits.size()) >= limit) continue;
      hits.push_back(
          {{"doc", d.id}, {"name", d.name}, {"title", d.title}, {"snippet", ""}, {"rank", 0}});
    }
  } else {
    return Status::InvalidArgument("search: give words (q) or a filter");
  }
  return Dump(json{{"query", q},
                   {"fts", store::ToFtsQuery(q)},
                   {"offset", offset},
                   {"total", total},
                   {"total_exact", exact},
                   {"hits", hits}});
}

Result<std::shared_ptr<IngestJob>> ServerImpl::QueueIngest(const httplib::Request& req) {
  if (!req.is_multipart_form_data())
    return Status::InvalidArgument("ingest: send files as multipart/form-data (field \"files\")");
  if (req.files.empty()) return Status::InvalidArgument("ingest: no files in the upload");
  auto job = std::make_shared<IngestJob>();
  job->actor = Actor(req);
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    if (ingest_stop_) return Status::Unsupported("ingest: the server is stopping");
    job->id = "i" + std::to_string(next_job_++);
  }
  // The uploads land in a private folder under their own base names (made
  // unique), are ingested like files given to `cairn ingest`, then removed.
  std::error_code ec;
  job->dir =
      fs::temp_directory_path(ec) / ("cairn-upload-" + std::to_string(::getpid()) + "-" + job->id);
  fs::remove_all(job->dir, ec);
  fs::create_directories(job->dir, ec);
  if (ec) return Status::IOError(job->dir.string() + ": " + ec.message());
  fs::permissions(job->dir, fs::perms::owner_all, ec);
  std::set<std::string> taken;
  for (const auto& [field, file] : req.files) {
    std::string name = fs::path(file.filename).filename().string();
    if (name.empty() || name[0] == '.') name = "upload" + name;
    for (int n = 2; !taken.insert(name).second; ++n)
      name = std::to_string(n) + "-" + fs::path(file.filename).filename().string();
    const fs::path p = job->dir / name;
    std::ofstream out(p, std::ios::binary);
    out.write(file.content.data(), static_cast<std::streamsize>(file.content.size()));
    out.close();
    if (!out) {
      fs::remove_all(job->dir, ec);
      return Status::IOError(name + ": cannot store the upload in " + job->dir.string());
    }
    IngestJob::File f;
    f.name = name;
    f.path = fs::weakly_canonical(p, ec).string();
    f.sha256 = TokenSha256(file.content);
    f.bytes = file.content.size();
    job->files.push_back(std::move(f));
  }
  // The runner takes files in path order; list them so.
  std::sort(job->files.begin(), job->files.end(),
            [](const IngestJob::File& a, const IngestJob::File& b) { return a.path < b.path; });
  {
    std::lock_guard<std::mutex> lock(jobs_mu_);
    queue_.push_back(job);
    jobs_.push_back(job);
    while (jobs_.size() > kMaxJobs && jobs_.front()->Json(false)["finished"].get<bool>())
      jobs_.pop_front();
    if (!ingest_thread_.joinable()) ingest_thread_ = std::thread([this] { IngestLoop(); });
  }
  jobs_cv_.notify_all();
  return job;
}

void ServerImpl::IngestLoop() {
  for (;;) {
    std::shared_ptr<IngestJob> job;
    {
      std::unique_lock<std::mutex> lock(jobs_mu_);
      jobs_cv_.wait(lock, [&] { return ingest_stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      job = queue_.front();
      queue_.pop_front();
      // Stopping: the jobs still queued finish without being run.
      if (ingest_stop_) ingest_interrupt_ = true;
    }
    RunJob(*job);
  }
}

void ServerImpl::RunJob(IngestJob& job) {
  {
    std::lock_guard<std::mutex> lock(job.mu);
    job.state = "running";
  }
  // Reports each file to the job as the runner finishes it.
  struct Sink : cli::ProgressSink {
    IngestJob& job;
    std::string dir;
    explicit Sink(IngestJob& j) : job(j), dir(j.dir.string() + "/") {}
    IngestJob::File* Find(const std::string& path) {
      for (auto& f : job.files)
        if (f.path == path || dir + f.name == path) return &f;
      return nullptr;
    }
    void Start(size_t, uint64_t) override {}
    void FileDone(const std::string& path, uint64_t, cli::FileOutcome o) override {
      static const char* kNames[] = {"new", "new version", "unchanged", "failed"};
      std::lock_guard<std::mutex> lock(job.mu);
      if (IngestJob::File* f = Find(path)) f->outcome = kNames[static_cast<int>(o)];
      ++job.done;
    }
    void Error(const std::string& line) override {
      // "cairn: <path>: <problem>" -> the file's name and the problem.
      std::string rest = line.starts_with("cairn: ") ? line.substr(7) : line;
      std::lock_guard<std::mutex> lock(job.mu);
      for (auto& f : job.files) {
        for (const std::string& p : {f.path + ": ", dir + f.name + ": "}) {
          if (rest.starts_with(p)) {
            f.error = rest.substr(p.size());
            job.errors.push_back(f.name + ": " + f.error);
            return;
          }
        }
      }
      if (rest.starts_with(dir)) rest = rest.substr(dir.size());
      job.errors.push_back(rest);
    }
    void Finish(const cli::IngestSummary&) override {}
  } sink(job);

  std::vector<std::string> paths;
  for (const auto& f : job.files) paths.push_back(f.path);
  Result<cli::IngestSummary> sum = Status::Internal("not run");
  if (ingest_interrupt_) {
    sum = Status::Unsupported("the server stopped before this upload was ingested");
  } else {
    // A connection of its own: the store's lock makes this the one writer
    // while requests go on reading their snapshot.
    auto st = store::Store::Open(options_.db);
    if (!st.ok()) {
      sum = st.status();
    } else {
      cli::IngestOptions io;
      io.max_file_bytes = options_.max_file_bytes;
      cli::RunOptions run;
      run.stop = &ingest_interrupt_;
      sum = cli::RunIngest(**st, paths, cli::DefaultStages(io), sink, run);
    }
  }
  std::error_code ec;
  fs::remove_all(job.dir, ec);

  // The new facts are served from here on; the job is audited.
  Status s;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    s = Reload();
    json detail = {{"job", job.id}};
    if (sum.ok())
      detail.update({{"files", job.files.size()},
                     {"added", sum->added},
                     {"updated", sum->updated},
                     {"unchanged", sum->unchanged},
                     {"failed", sum->failed}});
    else
      detail["error"] = sum.status().message();
    Status a = writer_->AppendAudit(store::AuditEntry{0, "", job.actor, "ingest", Dump(detail)});
    if (s.ok()) s = a;
  }
  auto snap = Current();
  std::lock_guard<std::mutex> lock(job.mu);
  if (sum.ok()) job.summary = *sum;
  if (!sum.ok()) job.errors.push_back(sum.status().message());
  if (!s.ok()) job.errors.push_back(s.message());
  // Each file's document: by its path, or (unchanged bytes stored from
  // elsewhere) by its digest.
  for (auto& f : job.files) {
    if (f.outcome.empty() || f.outcome == "failed") continue;
    for (const auto& d : snap->documents)
      if (d.path == f.path) f.doc = d.id;
    if (f.doc.empty())
      for (const auto& d : snap->documents)
        if (d.sha256 == f.sha256) f.doc = d.id;
  }
  job.state = "finished";
  job.finished = true;
  job.cv.notify_all();
}

void ServerImpl::Routes() {
  // What the server allows, and who the request's token belongs to (with a
  // users file, the counts only for a signed-in user).
  http_.Get("/api/info", [this](const httplib::Request& req, httplib::Response& res) {
    auto snap = Current();
    auto who = Identify(req);
    json j = {{"name", "cairn"},
              {"editable", Editable()},
              {"redact", options_.redact},
              {"login", !options_.users_file.empty()},
              {"user", who ? json(who->name) : json(nullptr)},
              {"role", who ? json(RoleName(who->role)) : json(nullptr)}};
    if (options_.users_file.empty() || who) {
      j["documents"] = snap->documents.size();
      j["entities"] = snap->served.entities.size();
      j["events"] = snap->served.events.size();
      j["conflicts"] = snap->served.conflicts.size();
    }
    SendJson(res, Dump(j));
  });
  // The event types and what each is (data/event_types.tsv through
  // core/event_types.h): the front end's type filter and its route's
  // movements come from here, not from lists of its own.
  http_.Get("/api/event-types", [](const httplib::Request&, httplib::Response& res) {
    static const std::string kBody = [] {
      // The words of the table's occurrence column.
      auto occurrence = [](Occurrence o) {
        switch (o) {
          case Occurrence::kOnce:
            return "once";
          case Occurrence::kUsuallyOnce:
            return "usually_once";
          case Occurrence::kRepeatable:
            break;
        }
        return "many";
      };
      json out = json::array();
      for (const EventTypeInfo& t : EventTypes())
        out.push_back({{"type", t.type},
                       {"occurrence", occurrence(t.occurrence)},
                       {"movement", t.movement},
                       {"state", t.state},
                       {"shared", t.shared},
                       {"roles", t.roles},
                       {"verb", t.verb}});
      return Dump(out);
    }();
    SendJson(res, kBody);
  });
  // A page of people (?offset=&limit=, default 100, 0 for all; ?filter=,
  // ?sort=events|docs|conflicts|name, ?reverse=1): the CLI's shape, the
  // number the filter keeps in X-Total-Count.
  CachedGetAnswer("/api/people",
                  [](const Snapshot& s, const httplib::Request& req) -> Result<Snapshot::Answer> {
                    views::PeopleQuery q;
                    q.filter = req.get_param_value("filter");
                    if (req.has_param("sort")) q.sort = req.get_param_value("sort");
                    q.reverse = req.get_param_value("reverse") == "1";
                    q.offset = static_cast<size_t>(std::max(0, IntParam(req, "offset", 0)));
                    q.limit = static_cast<size_t>(std::max(0, IntParam(req, "limit", 100)));
                    size_t total = 0;
                    auto body = s.people ? s.people->Page(q, &total)
                                         : views::People(s.served, true, q, &total);
                    if (!body.ok()) return body.status();
                    return Snapshot::Answer{std::move(*body), std::to_string(total)};
                  });
  // The person page's four calls: a person's id is answered from the
  // person's precomputed answers; a name, another entity or ?geojson is
  // computed here (and cached by the request's target).
  auto path_id = [](const httplib::Request& req) { return req.matches[1].str(); };
  CachedGet(R"(/api/person/([^/]+))",
            [](const Snapshot& s, const httplib::Request& req) {
              return PersonBody(s, s.served, req.matches[1].str());
            },
            &PersonAnswers::person, path_id);
  CachedGet(R"(/api/timeline/([^/]+))",
            [](const Snapshot& s, const httplib::Request& req) {
              return TimelineBody(s, s.served, req.matches[1].str());
            },
            &PersonAnswers::timeline, path_id);
  CachedGet(R"(/api/route/([^/]+))",
            [](const Snapshot& s, const httplib::Request& req) {
              return RouteBody(s, s.served, s.decided, req.matches[1].str(),
                               req.has_param("geojson"));
            },
            &PersonAnswers::route,
            [](const httplib::Request& req) {
              return req.has_param("geojson") ? std::string() : req.matches[1].str();
            });
  CachedGet(
      "/api/conflicts",
      [](const Snapshot& s, const httplib::Request& req) {
        return ConflictsBody(s, s.served, req.get_param_value("person"));
      },
      &PersonAnswers::conflicts,
      [](const httplib::Request& req) { return req.get_param_value("person"); });
  CachedGet("/api/documents", [](const Snapshot& s, const httplib::Request&) {
    json out = json::array();
    for (const auto& d : s.documents) {
      auto ev = s.events_by_doc.find(d.id);
      out.push_back({{"id", d.id},
                     {"name", d.name},
                     {"title", d.title},
                     {"date", d.date ? json(FormatDay(*d.date)) : json(nullptr)},
                     {"version", d.version},
                     {"format", d.format},
                     {"bytes", d.text_bytes},
                     {"events", ev == s.events_by_doc.end() ? 0 : ev->second.size()}});
    }
    return Result<std::string>(Dump(out));
  });
  CachedGet(R"(/api/document/([^/]+))", [this](const Snapshot& s, const httplib::Request& req) {
    return DocumentJson(s, req.matches[1].str());
  });
  CachedGet("/api/places", [](const Snapshot& s, const httplib::Request&) {
    json out = json::array();
    for (const EntityRecord& e : s.served.entities) {
      if (e.type != EntityType::kPlace) continue;
      auto ev = s.events_by_place.find(e.id);
      json p = s.Ref(e.id);
      p["events"] = ev == s.events_by_place.end() ? 0 : ev->second.size();
      p["docs"] = e.docs.size();
      out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
      return a["events"].get<size_t>() > b["events"].get<size_t>();
    });
    return Result<std::string>(Dump(out));
  });
  CachedGet(R"(/api/place/([^/]+))", [](const Snapshot& s, const httplib::Request& req) {
    const EntityRecord* e = s.Entity(req.matches[1].str());
    if (e == nullptr || e->type != EntityType::kPlace)
      return Result<std::string>(Status::NotFound(req.matches[1].str() + ": no such place"));
    json out = s.Ref(e->id);
    out["aliases"] = e->aliases;
    out["docs"] = e->docs;
    json evs = json::array();
    if (auto it = s.events_by_place.find(e->id); it != s.events_by_place.end())
      for (size_t i : it->second) evs.push_back(s.EventJson(s.served.events[i]));
    out["events"] = evs;
    return Result<std::string>(Dump(out));
  });
  http_.Get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
    auto snap = Current();
    uint64_t generation = 0;
    {
      auto lease = Borrow();
      if (!lease.ok()) return SendError(res, lease.status());
      auto g = lease->store->Generation();
      if (!g.ok()) return SendError(res, g.status());
      generation = *g;
    }
    const std::string& key = req.target;
    std::promise<Result<std::string>> mine;
    std::shared_future<Result<std::string>> answer;
    bool compute = false;
    {
      std::lock_guard<std::mutex> lock(snap->search_mu);
      auto hit = snap->search_cache.find(key);
      if (hit != snap->search_cache.end() && hit->second.generation == generation)
        return SendJson(res, hit->second.body);
      auto running = snap->search_running.find(key);
      if (running != snap->search_running.end()) {
        answer = running->second;
      } else {
        answer = mine.get_future().share();
        snap->search_running.emplace(key, answer);
        compute = true;
      }
    }
    if (compute) {
      Result<std::string> body = SearchJson(*snap, req);
      std::lock_guard<std::mutex> lock(snap->search_mu);
      snap->search_running.erase(key);
      if (body.ok()) {
        if (snap->search_cache.size() >= 10000) snap->search_cache.clear();
        snap->search_cache[key] = Snapshot::SearchAnswer{generation, *body};
      }
      mine.set_value(std::move(body));
    }
    const Result<std::string>& body = answer.get();
    if (!body.ok()) return SendError(res, body.status());
    SendJson(res, *body);
  });
  http_.Get("/api/corrections", [this](const httplib::Request&, httplib::Response& res) {
    auto lease = Borrow();
    if (!lease.ok()) return SendError(res, lease.status());
    auto cs = lease->store->ListCorrections();
    if (!cs.ok()) return SendError(res, cs.status());
    auto ds = lease->store->ListDecisions();
    if (!ds.ok()) return SendError(res, ds.status());
    // Who undid what, from the audit log.
    auto log = lease->store->ListAudit(100000);
    if (!log.ok()) return SendError(res, log.status());
    std::map<std::string, std::string> undone_by;
    for (const auto& e : *log) {
      if (e.action != "undo") continue;
      json d = json::parse(e.detail, nullptr, false);
      if (d.is_object() && d.contains("undone") && d["undone"].is_string())
        undone_by.emplace(d["undone"].get<std::string>(), e.actor);
    }
    auto by = [&](const std::string& id) {
      auto it = undone_by.find(id);
      return it == undone_by.end() ? json(nullptr) : json(it->second);
    };
    auto snap = Current();
    json out = json::array();
    for (const auto& r : *cs) {
      const auto& c = r.correction;
      bool merge = c.kind == store::Correction::Kind::kMerge;
      out.push_back({{"id", "c" + std::to_string(r.id)},
                     {"kind", merge ? "merge" : "split"},
                     {"entity", snap->Ref(c.a)},
                     {"other", merge ? snap->Ref(c.b) : json(nullptr)},
                     {"doc", merge ? json(nullptr) : json(c.doc)},
                     {"author", c.author},
                     {"created_at", r.created_at},
                     {"undone_at", r.undone_at.empty() ? json(nullptr) : json(r.undone_at)},
                     {"undone_by", by("c" + std::to_string(r.id))}});
    }
    for (const auto& d : *ds) {
      json j = DecisionJson(&d);
      j["kind"] = "decision";
      j["conflict"] = d.conflict_id;
      j["undone_at"] = d.undone_at.empty() ? json(nullptr) : json(d.undone_at);
      j["undone_by"] = by(j["id"].get<std::string>());
      std::vector<std::string> texts = {j["value"], j["note"]};
      Mask(*snap, &texts);
      j["value"] = texts[0];
      j["note"] = texts[1];
      out.push_back(std::move(j));
    }
    // Newest first; within one second, the later made first.
    std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
      return a["created_at"].get<std::string>() < b["created_at"].get<std::string>();
    });
    std::reverse(out.begin(), out.end());
    SendJson(res, Dump(out));
  });
  http_.Get("/api/audit", [this](const httplib::Request&, httplib::Response& res) {
    auto lease = Borrow();
    if (!lease.ok()) return SendError(res, lease.status());
    auto log = lease->store->ListAudit(500);
    if (!log.ok()) return SendError(res, log.status());
    json out = json::array();
    for (const auto& e : *log)
      out.push_back({{"at", e.at}, {"actor", e.actor}, {"action", e.action}, {"detail", e.detail}});
    SendJson(res, Dump(out));
  });

  // ---- changes ----
  http_.Post("/api/merge", [this](const httplib::Request& req, httplib::Response& res) {
    Write(req, res, "merge", true, [&](store::Store& st) -> Result<json> {
      auto body = Body(req);
      if (!body.ok()) return body.status();
      auto snap = Current();
      auto a = views::FindEntity(snap->original, Field(*body, "a"));
      if (!a.ok()) return a.status();
      auto b = views::FindEntity(snap->original, Field(*body, "b"));
      if (!b.ok()) return b.status();
      auto c = resolve::MakeMerge(snap->original, (*a)->id, (*b)->id);
      if (!c.ok()) return c.status();
      c->author = Actor(req);
      CAIRN_RETURN_IF_ERROR(st.AddCorrection(*c));
      return json{{"merged", c->b}, {"into", c->a}};
    });
  });
  http_.Post("/api/split", [this](const httplib::Request& req, httplib::Response& res) {
    Write(req, res, "split", true, [&](store::Store& st) -> Result<json> {
      auto body = Body(req);
      if (!body.ok()) return body.status();
      auto snap = Current();
      auto a = views::FindEntity(snap->original, Field(*body, "entity"));
      if (!a.ok()) return a.status();
      auto doc = st.FindDocument(Field(*body, "doc"));
      if (!doc.ok()) return doc.status();
      auto c = resolve::MakeSplit(snap->original, (*a)->id, doc->id);
      if (!c.ok()) return c.status();
      c->author = Actor(req);
      CAIRN_RETURN_IF_ERROR(st.AddCorrection(*c));
      return json{{"split", c->a}, {"doc", c->doc}};
    });
  });
  http_.Post("/api/decision", [this](const httplib::Request& req, httplib::Response& res) {
    Write(req, res, "decision", false, [&](store::Store& st) -> Result<json> {
      auto body = Body(req);
      if (!body.ok()) return body.status();
      auto snap = Current();
      const std::string id = Field(*body, "conflict");
      const ConflictRecord* c = nullptr;
      for (const ConflictRecord& rec : snap->original.conflicts)
        if (rec.id == id) c = &rec;
      if (c == nullptr) return Status::NotFound(id + ": no such conflict");
      store::ConflictDecision d;
      d.conflict_key = snap->ConflictKey(*c);
      d.conflict_id = c->id;
      d.decision = Field(*body, "decision");
      d.value = Field(*body, "value");
      d.note = Field(*body, "note");
      d.author = Actor(req);
      if (d.decision == "accept") {
        bool known = false;
        for (const auto& claim : c->claims) known |= claim.value == d.value;
        if (!known)
          return Status::InvalidArgument("accept: \"" + d.value + "\" is not a side of " + id);
      }
      auto n = st.AddDecision(d);
      if (!n.ok()) return n.status();
      return json{{"id", "r" + std::to_string(*n)}, {"conflict", id}, {"decision", d.decision}};
    });
  });
  http_.Post("/api/undo", [this](const httplib::Request& req, httplib::Response& res) {
    auto body = Body(req);
    const std::string id = body.ok() ? Field(*body, "id") : std::string();
    const bool decision = !id.empty() && id[0] == 'r';
    Write(req, res, "undo", !decision, [&](store::Store& st) -> Result<json> {
      if (!body.ok()) return body.status();
      if (id.size() < 2 || (id[0] != 'c' && id[0] != 'r') ||
          id.find_first_not_of("0123456789", 1) != std::string::npos || id.size() > 15)
        return Status::InvalidArgument("undo: \"" + id + "\" is not a correction id (c3, r2)");
      const int64_t n = std::stoll(id.substr(1));
      CAIRN_RETURN_IF_ERROR(decision ? st.UndoDecision(n) : st.UndoCorrection(n));
      return json{{"undone", id}};
    });
  });
  // Uploads: stored in a private folder, queued, ingested in the background
  // (IngestLoop); the answer names the job to poll.
  http_.Post("/api/ingest", [this](const httplib::Request& req, httplib::Response& res) {
    if (!AllowWrite(req, res)) return;
    auto job = QueueIngest(req);
    if (!job.ok()) return SendError(res, job.status());
    if (req.has_param("wait")) {  // scripts: answer when the job is done
      std::unique_lock<std::mutex> lock((*job)->mu);
      (*job)->cv.wait(lock, [&] { return (*job)->finished; });
    }
    SendJson(res, Dump((*job)->Json()), req.has_param("wait") ? 200 : 202);
  });
  http_.Get("/api/ingest", [this](const httplib::Request&, httplib::Response& res) {
    json out = json::array();
    std::lock_guard<std::mutex> lock(jobs_mu_);
    for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) out.push_back((*it)->Json(false));
    SendJson(res, Dump(out));
  });
  http_.Get(R"(/api/ingest/(i[0-9]{1,9}))",
            [this](const httplib::Request& req, httplib::Response& res) {
              std::shared_ptr<IngestJob> job;
              {
                std::lock_guard<std::mutex> lock(jobs_mu_);
                for (const auto& j : jobs_)
                  if (j->id == req.matches[1].str()) job = j;
              }
              if (!job) return SendError(res, 404, req.matches[1].str() + ": no such ingest job");
              SendJson(res, Dump(job->Json()));
            });
  StaticRoutes();
}

void ServerImpl::StaticRoutes() {
  const fs::path root = options_.web_root;
  // Vendored libraries from npm (web/node_modules), under fixed names.
  static const std::map<std::string, std::string> kVendor = {
      {"/vendor/d3.js", "node_modules/d3/dist/d3.min.js"},
      {"/vendor/topojson-client.js", "node_modules/topojson-client/dist/topojson-client.min.js"},
      {"/vendor/countries-110m.json", "node_modules/world-atlas/countries-110m.json"},
  };
  auto send_file = [](const fs::path& p, httplib::Response& res) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      res.status = 404;
      res.set_content("not found", "text/plain");
      return;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    res.set_header("Cache-Control", "no-cache");
    res.set_content(ss.str(), ContentType(p));
  };
  http_.Get("/", [root, send_file](const httplib::Request&, httplib::Response& res) {
    send_file(root / "index.html", res);
  });
  http_.Get(R"(/vendor/([A-Za-z0-9._-]+))",
            [root, send_file](const httplib::Request& req, httplib::Response& res) {
              auto it = kVendor.find(req.path);
              if (it == kVendor.end()) {
                res.status = 404;
                return;
              }
              send_file(root / it->second, res);
            });
  http_.Get(R"(/src/([A-Za-z0-9_-]+\.(js|css)))",
            [root, send_file](const httplib::Request& req, httplib::Response& res) {
              send_file(root / "src" / req.matches[1].str(), res);
            });
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Start(const Options& options) {
  auto s = std::make_unique<ServerImpl>(options);
  CAIRN_RETURN_IF_ERROR(s->Init());
  return std::unique_ptr<Server>(std::move(s));
}

}  // namespace cairn::server
