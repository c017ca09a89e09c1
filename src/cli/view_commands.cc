#include "cli/view_commands.h"

#include <cctype>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/common.h"
#include "export/redact.h"
#include "resolve/resolve.h"
#include "views/views.h"

namespace cairn::cli {
namespace {

// A lookup that finds nothing, or finds several, is the user's answer, not a
// store failure: exit 1 with the message (the candidates when ambiguous).
int LookupFailure(const Status& st) {
  if (st.code() == Status::Code::kNotFound || st.code() == Status::Code::kAmbiguous)
    return Fail(st, kExitInputs);
  return Fail(st, kExitStore);
}

// An entity id as given, or the entity a name or spelling denotes.
Result<std::string> EntityIdFor(const FactBase& facts, const std::string& ref) {
  for (const EntityRecord& e : facts.entities)
    if (e.id == ref) return e.id;
  auto found = views::FindEntity(facts, ref);
  if (!found.ok()) return found.status();
  return (*found)->id;
}

}  // namespace

int RunViewCommand(const std::string& db, View view, const std::string& name, bool json,
                   bool geojson, bool redact, const views::PeopleQuery& people) {
  auto st = OpenStoreForReading(db);
  if (!st.ok()) return StoreFailure(st.status());
  auto loaded = (*st)->LoadFacts();
  if (!loaded.ok()) return StoreFailure(loaded.status());
  FactBase facts = std::move(*loaded);
  std::string ref = name;
  if (redact) {
    auto key = (*st)->LoadRedaction();
    if (!key.ok()) return StoreFailure(key.status());
    // The analyst names the person as the store knows it; what is printed
    // withholds every protected identity.
    if (!ref.empty()) {
      auto id = EntityIdFor(facts, ref);
      if (!id.ok()) return LookupFailure(id.status());
      ref = *id;
    }
    facts = exporter::Redact(facts, key->secret);
  }
  Result<std::string> out = Status::Internal("no view");
  switch (view) {
    case View::kPerson: out = views::Person(facts, ref, json); break;
    case View::kTimeline: out = views::Timeline(facts, ref, json); break;
    case View::kRoute: out = views::Route(facts, ref, json, geojson); break;
    case View::kConflicts: out = views::Conflicts(facts, ref, json); break;
    case View::kPeople: out = views::People(facts, json, people); break;
  }
  if (!out.ok()) return LookupFailure(out.status());
  std::fwrite(out->data(), 1, out->size(), stdout);
  if (!out->empty() && out->back() != '\n') std::fputc('\n', stdout);
  return kExitOk;
}

int RunMergeCommand(const std::string& db, const std::string& keep, const std::string& fold) {
  auto st = OpenStore(db, /*must_exist=*/true);
  if (!st.ok()) return StoreFailure(st.status());
  auto facts = (*st)->LoadFacts();
  if (!facts.ok()) return StoreFailure(facts.status());
  auto a = EntityIdFor(*facts, keep);
  if (!a.ok()) return LookupFailure(a.status());
  auto b = EntityIdFor(*facts, fold);
  if (!b.ok()) return LookupFailure(b.status());
  if (*a == *b) {
    return Fail(Status::InvalidArgument(keep + " and " + fold + " are one entity already"),
                kExitUsage);
  }
  auto c = resolve::MakeMerge(*facts, *a, *b);
  if (!c.ok()) return LookupFailure(c.status());
  Status s = (*st)->AddCorrection(*c);
  if (s.ok()) s = resolve::UpdateStore(st->get());
  if (!s.ok()) return StoreFailure(s);
  std::printf("merged %s into %s\n", b->c_str(), a->c_str());
  return kExitOk;
}

int RunSplitCommand(const std::string& db, const std::string& entity, const std::string& doc) {
  auto st = OpenStore(db, /*must_exist=*/true);
  if (!st.ok()) return StoreFailure(st.status());
  auto facts = (*st)->LoadFacts();
  if (!facts.ok()) return StoreFailure(facts.status());
  auto id = EntityIdFor(*facts, entity);
  if (!id.ok()) return LookupFailure(id.status());
  auto info = (*st)->FindDocument(doc);
  if (!info.ok()) return LookupFailure(info.status());
  auto c = resolve::MakeSplit(*facts, *id, info->id);
  if (!c.ok()) return LookupFailure(c.status());
  Status s = (*st)->AddCorrection(*c);
  if (s.ok()) s = resolve::UpdateStore(st->get());
  if (!s.ok()) return StoreFailure(s);
  std::printf("split %s's mentions in %s (%s) into their own entity\n", id->c_str(),
              info->id.c_str(), info->name.c_str());
  return kExitOk;
}

int RunCorrectionsCommand(const std::string& db, bool json) {
  auto st = OpenStore(db, /*must_exist=*/true);
  if (!st.ok()) return StoreFailure(st.status());
  auto corrections = (*st)->ListCorrections();
  if (!corrections.ok()) return StoreFailure(corrections.status());
  auto decisions = (*st)->ListDecisions();
  if (!decisions.ok()) return StoreFailure(decisions.status());
  nlohmann::json out = nlohmann::json::array();
  for (const store::CorrectionRecord& r : *corrections) {
    const store::Correction& c = r.correction;
    bool merge = c.kind == store::Correction::Kind::kMerge;
    out.push_back({{"id", "c" + std::to_string(r.id)},
                   {"kind", merge ? "merge" : "split"},
                   {"entity", c.a},
                   {"other", merge ? nlohmann::json(c.b) : nlohmann::json(nullptr)},
                   {"doc", merge ? nlohmann::json(nullptr) : nlohmann::json(c.doc)},
                   {"author", c.author},
                   {"created_at", r.created_at},
                   {"undone_at", r.undone_at.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(r.undone_at)}});
  }
  for (const store::ConflictDecision& d : *decisions) {
    out.push_back({{"id", "r" + std::to_string(d.id)},
                   {"kind", "decision"},
                   {"conflict", d.conflict_id},
                   {"conflict_key", d.conflict_key},
                   {"decision", d.decision},
                   {"value", d.value},
                   {"note", d.note},
                   {"author", d.author},
                   {"created_at", d.created_at},
                   {"undone_at", d.undone_at.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(d.undone_at)}});
  }
  if (json) {
    std::string s = out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::printf("%s\n", s.c_str());
    return kExitOk;
  }
  for (const auto& r : out) {
    std::string what;
    if (r["kind"] == "merge") {
      what = "merge " + r["other"].get<std::string>() + " into " + r["entity"].get<std::string>();
    } else if (r["kind"] == "split") {
      what = "split " + r["doc"].get<std::string>() + " out of " + r["entity"].get<std::string>();
    } else {
      what = "conflict " + r["conflict"].get<std::string>() + ": " +
             r["decision"].get<std::string>();
      if (!r["value"].get<std::string>().empty()) what += " \"" + r["value"].get<std::string>() + "\"";
      if (!r["note"].get<std::string>().empty()) what += " (" + r["note"].get<std::string>() + ")";
    }
    std::string who = r["author"].get<std::string>();
    std::printf("%s\t%s\t%s\t%s%s\n", r["id"].get<std::string>().c_str(),
                r["created_at"].get<std::string>().c_str(), who.empty() ? "-" : who.c_str(),
                what.c_str(),
                r["undone_at"].is_null()
                    ? ""
                    : ("\tundone " + r["undone_at"].get<std::string>()).c_str());
  }
  if (out.empty()) std::fprintf(stderr, "cairn: no corrections\n");
  return kExitOk;
}

int RunUndoCommand(const std::string& db, const std::string& id) {
  auto st = OpenStore(db, /*must_exist=*/true);
  if (!st.ok()) return StoreFailure(st.status());
  bool decision = !id.empty() && (id[0] == 'r' || id[0] == 'R');
  std::string digits = id.substr(!id.empty() && !std::isdigit(static_cast<unsigned char>(id[0])) &&
                                         (id[0] == 'c' || id[0] == 'C' || decision)
                                     ? 1
                                     : 0);
  int64_t n = 0;
  bool ok = !digits.empty() && digits.size() < 18;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) ok = false;
    else n = n * 10 + (c - '0');
  }
  if (!ok) {
    return Fail(Status::InvalidArgument(id + ": not a correction id (c3, r2; see cairn corrections)"),
                kExitUsage);
  }
  Status s = decision ? (*st)->UndoDecision(n) : (*st)->UndoCorrection(n);
  if (s.code() == Status::Code::kNotFound || s.code() == Status::Code::kInvalidArgument) {
    return Fail(s, kExitInputs);
  }
  if (s.ok() && !decision) s = resolve::UpdateStore(st->get());
  if (!s.ok()) return StoreFailure(s);
  std::printf("undid %s%lld\n", decision ? "r" : "c", static_cast<long long>(n));
  return kExitOk;
}

int RunProtectCommand(const std::string& db, const std::string& name, bool is_protected) {
  auto st = OpenStore(db, /*must_exist=*/true);
  if (!st.ok()) return StoreFailure(st.status());
  auto facts = (*st)->LoadFacts();
  if (!facts.ok()) return StoreFailure(facts.status());
  auto id = EntityIdFor(*facts, name);
  if (!id.ok()) return LookupFailure(id.status());
  const EntityRecord* e = nullptr;
  for (const EntityRecord& r : facts->entities)
    if (r.id == *id) e = &r;
  if (e == nullptr) return LookupFailure(Status::NotFound(name + ": no such entity"));
  Status s = (*st)->SetProtection(resolve::EntityKey(*e), is_protected);
  if (s.ok()) s = resolve::UpdateStore(st->get());
  if (!s.ok()) return StoreFailure(s);
  std::printf("%s %s\n", is_protected ? "protected" : "unprotected", id->c_str());
  return kExitOk;
}

Status WriteRoutesGeojson(store::Store& store, std::ostream& out, bool redact) {
  exporter::ExportOptions options;
  options.redact = redact;
  return WriteRoutesGeojson(store, out, options);
}

Status WriteRoutesGeojson(store::Store& store, std::ostream& out,
                          const exporter::ExportOptions& options) {
  std::vector<store::DocumentInfo> docs;
  FactBase loaded;
  CAIRN_RETURN_IF_ERROR(exporter::LoadForExport(store, options, &docs, &loaded));
  const FactBase* facts = &loaded;
  nlohmann::json all = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
  for (const EntityRecord& e : facts->entities) {
    if (e.type != EntityType::kPerson) continue;
    auto route = views::Route(*facts, e.id, /*json=*/true, /*geojson=*/true);
    if (!route.ok()) continue;  // no movements
    nlohmann::json fc = nlohmann::json::parse(*route, nullptr, /*allow_exceptions=*/false);
    if (!fc.is_object() || !fc.contains("features")) continue;
    for (auto& f : fc["features"]) all["features"].push_back(std::move(f));
  }
  out << all.dump() << '\n';
  if (!out) return Status::IOError("write failed");
  return Status::OK();
}

}  // namespace cairn::cli
