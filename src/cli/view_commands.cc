#include "cli/view_commands.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "resolve/resolve.h"
#include "views/views.h"

namespace cairn::cli {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitNotFound = 1;
constexpr int kExitStore = 3;

int Fail(const Status& st, int code) {
  std::fprintf(stderr, "cairn: %s\n", st.message().empty() ? st.ToString().c_str()
                                                           : st.message().c_str());
  return code;
}

// A lookup that finds nothing, or finds several, is the user's answer, not a
// store failure: exit 1 with the message (the candidates when ambiguous).
int LookupFailure(const Status& st) {
  if (st.code() == Status::Code::kNotFound || st.code() == Status::Code::kAmbiguous)
    return Fail(st, kExitNotFound);
  return Fail(st, kExitStore);
}

Result<std::unique_ptr<store::Store>> OpenExisting(const std::string& db) {
  if (db.empty()) return Status::InvalidArgument("no store given: use --db DB or set CAIRN_DB");
  std::error_code ec;
  if (!std::filesystem::exists(db, ec))
    return Status::NotFound(db + ": no such store (create it with `cairn ingest --db " + db +
                            " PATH...`)");
  return store::Store::Open(db);
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
                   bool geojson) {
  auto st = OpenExisting(db);
  if (!st.ok()) return Fail(st.status(), kExitStore);
  auto facts = (*st)->LoadFacts();
  if (!facts.ok()) return Fail(facts.status(), kExitStore);
  Result<std::string> out = Status::Internal("no view");
  switch (view) {
    case View::kPerson: out = views::Person(*facts, name, json); break;
    case View::kTimeline: out = views::Timeline(*facts, name, json); break;
    case View::kRoute: out = views::Route(*facts, name, json, geojson); break;
    case View::kConflicts: out = views::Conflicts(*facts, name, json); break;
    case View::kPeople: out = views::People(*facts, json); break;
  }
  if (!out.ok()) return LookupFailure(out.status());
  std::fwrite(out->data(), 1, out->size(), stdout);
  if (!out->empty() && out->back() != '\n') std::fputc('\n', stdout);
  return kExitOk;
}

int RunMergeCommand(const std::string& db, const std::string& keep, const std::string& fold) {
  auto st = OpenExisting(db);
  if (!st.ok()) return Fail(st.status(), kExitStore);
  auto facts = (*st)->LoadFacts();
  if (!facts.ok()) return Fail(facts.status(), kExitStore);
  auto a = EntityIdFor(*facts, keep);
  if (!a.ok()) return LookupFailure(a.status());
  auto b = EntityIdFor(*facts, fold);
  if (!b.ok()) return LookupFailure(b.status());
  if (*a == *b) return Fail(Status::InvalidArgument(keep + " and " + fold + " are one entity already"), 2);
  auto c = resolve::MakeMerge(*facts, *a, *b);
  if (!c.ok()) return LookupFailure(c.status());
  Status s = (*st)->AddCorrection(*c);
  if (s.ok()) s = resolve::UpdateStore(st->get());
  if (!s.ok()) return Fail(s, kExitStore);
  std::printf("merged %s into %s\n", b->c_str(), a->c_str());
  return kExitOk;
}

int RunSplitCommand(const std::string& db, const std::string& entity, const std::string& doc) {
  auto st = OpenExisting(db);
  if (!st.ok()) return Fail(st.status(), kExitStore);
  auto facts = (*st)->LoadFacts();
  if (!facts.ok()) return Fail(facts.status(), kExitStore);
  auto id = EntityIdFor(*facts, entity);
  if (!id.ok()) return LookupFailure(id.status());
  auto info = (*st)->FindDocument(doc);
  if (!info.ok()) return LookupFailure(info.status());
  auto c = resolve::MakeSplit(*facts, *id, info->id);
  if (!c.ok()) return LookupFailure(c.status());
  Status s = (*st)->AddCorrection(*c);
  if (s.ok()) s = resolve::UpdateStore(st->get());
  if (!s.ok()) return Fail(s, kExitStore);
  std::printf("split %s's mentions in %s (%s) into their own entity\n", id->c_str(),
              info->id.c_str(), info->name.c_str());
  return kExitOk;
}

Status WriteRoutesGeojson(store::Store& store, std::ostream& out) {
  auto facts = store.LoadFacts();
  if (!facts.ok()) return facts.status();
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
