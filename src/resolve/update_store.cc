// Glue between the store and the pure resolver: a consistent read, stable
// entity ids, and a write that only lands when nothing changed meanwhile.
#include <charconv>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "resolve/resolve.h"

namespace cairn::resolve {
namespace {

// 12 for "e12"; 0 for anything else.
uint64_t IdNumber(const std::string& id) {
  if (id.size() < 2 || id[0] != 'e') return 0;
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
  return ec == std::errc() && p == id.data() + id.size() ? n : 0;
}

struct Input {
  uint64_t generation = 0;
  std::vector<Document> docs;
  std::vector<store::Correction> corrections;
  std::vector<store::EntityLink> previous;
  std::vector<store::EntityIdRecord> registry;
  std::vector<std::pair<std::string, bool>> protections;
  store::RedactionSettings redaction;
};

// Everything resolution reads, from one snapshot of the store.
Status Load(store::Store* store, Input* in) {
  auto gen = store->Generation();
  if (!gen.ok()) return gen.status();
  in->generation = *gen;
  auto infos = store->ListDocuments();
  if (!infos.ok()) return infos.status();
  in->docs.reserve(infos->size());
  for (const store::DocumentInfo& info : *infos) {
    // A document stored without extraction (ingest --no-extract) has no
    // entity or event to resolve: its text need not be read.
    if (!info.has_extraction) continue;
    // Only what resolution reads: a large document's mentions without a
    // name split are never loaded (Store::LoadForResolution).
    auto doc = store->LoadForResolution(info.id);
    if (!doc.ok()) return doc.status();
    in->docs.push_back(std::move(doc).value());
    if (in->docs.back().id.empty()) in->docs.back().id = info.id;
  }
  auto corrections = store->LoadCorrections();
  if (!corrections.ok()) return corrections.status();
  in->corrections = std::move(*corrections);
  auto previous = store->LoadLinks();
  if (!previous.ok()) return previous.status();
  in->previous = std::move(*previous);
  auto registry = store->LoadEntityIds();
  if (!registry.ok()) return registry.status();
  in->registry = std::move(*registry);
  auto protections = store->LoadProtections();
  if (!protections.ok()) return protections.status();
  in->protections = std::move(*protections);
  auto redaction = store->LoadRedaction();
  if (!redaction.ok()) return redaction.status();
  in->redaction = std::move(*redaction);
  return Status::OK();
}

}  // namespace

namespace {

using Renames = std::unordered_map<std::string, std::string>;

// AssignStableIds' choice: the resolver's ids to change (to their stable
// ones) and, in `issued` when not null, (stable id, key) of every entity.
Renames StableRenames(const std::vector<store::EntityLink>& previous,
                      const std::vector<store::EntityIdRecord>& registry,
                      const std::vector<EntityRecord>& entities,
                      std::vector<store::EntityIdRecord>* issued) {
  std::set<std::string> kept_ids;  // ids the resolver carried over from `previous`
  uint64_t max_num = 0;
  for (const store::EntityLink& l : previous) {
    kept_ids.insert(l.entity_id);
    max_num = std::max(max_num, IdNumber(l.entity_id));
  }
  // The first id (in numeric order) each key was given.
  std::map<std::string, std::pair<uint64_t, std::string>> id_of_key;
  std::set<std::string> known;
  for (const store::EntityIdRecord& r : registry) {
    known.insert(r.id);
    const uint64_t n = IdNumber(r.id);
    max_num = std::max(max_num, n);
    if (r.key.empty()) continue;
    auto [it, inserted] = id_of_key.emplace(r.key, std::make_pair(n, r.id));
    if (!inserted && n < it->second.first) it->second = {n, r.id};
  }
  std::set<std::string> used;
  for (const EntityRecord& e : entities) {
    if (kept_ids.contains(e.id)) used.insert(e.id);
  }
  Renames rename;
  if (issued != nullptr) issued->clear();
  for (const EntityRecord& e : entities) {
    std::string key = EntityKey(e);
    std::string id = e.id;
    if (!kept_ids.contains(e.id)) {
      // A new id from the resolver: the id this entity had before its
      // document changed, when there is one, else one never given out.
      auto it = id_of_key.find(key);
      if (it != id_of_key.end() && !used.contains(it->second.second)) {
        id = it->second.second;
      } else {
        do {
          id = "e" + std::to_string(++max_num);
        } while (known.contains(id) || used.contains(id));
      }
      used.insert(id);
      rename.emplace(e.id, id);
    }
    if (issued != nullptr) issued->push_back(store::EntityIdRecord{std::move(id), std::move(key)});
  }
  return rename;
}

void Rename(const Renames& rename, std::string* ref) {
  if (ref->empty()) return;
  auto it = rename.find(*ref);
  if (it != rename.end()) *ref = it->second;
}

// The references of events and conflicts (not the entities' own ids).
void RenameRefs(const Renames& rename, std::vector<EventRecord>* events,
                std::vector<ConflictRecord>* conflicts) {
  if (rename.empty()) return;
  for (EventRecord& ev : *events) {
    for (std::string* ref :
         {&ev.subject, &ev.place, &ev.from, &ev.to, &ev.via, &ev.object, &ev.attributed_to})
      Rename(rename, ref);
  }
  for (ConflictRecord& c : *conflicts) Rename(rename, &c.subject);
}

}  // namespace

void AssignStableIds(const std::vector<store::EntityLink>& previous,
                     const std::vector<store::EntityIdRecord>& registry, FactBase* facts,
                     std::vector<store::EntityLink>* links,
                     std::vector<store::EntityIdRecord>* issued) {
  const Renames rename = StableRenames(previous, registry, facts->entities, issued);
  if (rename.empty()) return;
  for (EntityRecord& e : facts->entities) Rename(rename, &e.id);
  RenameRefs(rename, &facts->events, &facts->conflicts);
  if (links != nullptr) {
    for (store::EntityLink& l : *links) Rename(rename, &l.entity_id);
  }
}

void FillQuotes(const std::vector<const Document*>& docs, FactBase* facts) {
  std::unordered_map<std::string_view, const Document*> by_id;
  for (const Document* d : docs) {
    if (d != nullptr) by_id.emplace(d->id, d);
  }
  auto fill = [&](std::vector<SourceRef>& sources) {
    for (SourceRef& s : sources) {
      if (!s.quote.empty() || s.end <= s.start) continue;
      auto it = by_id.find(s.doc);
      if (it == by_id.end() || s.end > it->second->text.size()) continue;
      s.quote = std::string(it->second->Slice(Span{s.start, s.end}));
    }
  };
  for (EventRecord& e : facts->events) fill(e.sources);
  for (ConflictRecord& c : facts->conflicts) {
    for (ConflictRecord::Claim& cl : c.claims) fill(cl.sources);
  }
}

Status UpdateStore(store::Store* store, const Options& options) {
  if (store == nullptr) return Status::InvalidArgument("resolve: no store");
  // Another process may store documents while this one resolves: the facts
  // are written only when the store is still at the generation they were
  // computed from. Otherwise the other writer resolves again after its own
  // commit (or, if it died, the store stays marked stale for the next one);
  // this one tries again a few times so its own caller sees fresh facts.
  constexpr int kAttempts = 5;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    // What an ingest's write left (its page cache, the heap's free pieces
    // of a large document's extraction) goes back before the load, which
    // would otherwise grow beside it.
    CAIRN_RETURN_IF_ERROR(store->ReleaseMemory());
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    Input in;
    CAIRN_RETURN_IF_ERROR(store->BeginRead());
    Status loaded = Load(store, &in);
    Status ended = store->EndRead();
    CAIRN_RETURN_IF_ERROR(loaded);
    CAIRN_RETURN_IF_ERROR(ended);
    // The pages just read (and an ingest's written ones) leave the cache:
    // the fusion's arrays below reuse their memory instead of adding to it.
    CAIRN_RETURN_IF_ERROR(store->ReleaseMemory());
#ifdef __GLIBC__
    // And what the heap holds free (a large document's freed arrays, in
    // pieces the fusion's larger arrays cannot reuse) goes back to the system.
    malloc_trim(0);
#endif

    std::vector<const Document*> ptrs;
    ptrs.reserve(in.docs.size());
    for (const Document& d : in.docs) ptrs.push_back(&d);
    std::vector<store::EntityLink> links;
    // The facts go to the store as they are made: the entities first (with
    // their stable ids and protection), then each batch of persons' fused
    // events and conflicts, quoted, renamed and written as soon as the
    // batch is fused, and dropped; all in one transaction, which begins
    // only if no other writer changed the store since the read. So a large
    // document's events are never all held, and its annotations are held
    // only beside one batch of them.
    Renames rename;
    std::unique_ptr<store::FactsWrite> write;
    bool changed = false;  // another writer changed the store since the read
    auto begin = [&](const FactBase& resolved) -> Status {
      FactBase head;
      head.entities = resolved.entities;
      std::vector<store::EntityIdRecord> issued;
      rename = StableRenames(in.previous, in.registry, head.entities, &issued);
      for (EntityRecord& e : head.entities) Rename(rename, &e.id);
      for (store::EntityLink& l : links) Rename(rename, &l.entity_id);
      if (in.redaction.protect_all) ProtectAll(&head, in.redaction.allow);
      // Analysts' protect / unprotect have the last word over the text's
      // cues and protect-all.
      if (!in.protections.empty()) {
        std::unordered_map<std::string, bool> by_key(in.protections.begin(), in.protections.end());
        for (size_t i = 0; i < head.entities.size(); ++i) {
          auto it = by_key.find(issued[i].key);
          if (it != by_key.end()) head.entities[i].protected_identity = it->second;
        }
      }
      auto begun = store->BeginReplaceFacts(in.generation, head, links, issued);
      if (!begun.ok()) return begun.status();
      if (*begun == nullptr) {
        changed = true;
        return Status::Internal("resolve: the store changed during resolution");
      }
      write = std::move(*begun);
      return Status::OK();
    };
    auto append = [&](std::vector<EventRecord>* events, std::vector<ConflictRecord>* conflicts) {
      RenameRefs(rename, events, conflicts);
      return write->Append(*events, *conflicts);
    };
    Options quoted = options;
    quoted.copy_quotes = true;
    Status resolved =
        Resolver(quoted).ResolveInBatches(ptrs, in.corrections, in.previous, &links, begin, append);
    if (changed) continue;  // nothing written; read the new state
    CAIRN_RETURN_IF_ERROR(resolved);
    ptrs = {};
    in.docs = {};
    auto committed = write->Commit();
    if (!committed.ok()) return committed.status();
    if (*committed) return Status::OK();
  }
  return Status::OK();
}

}  // namespace cairn::resolve
