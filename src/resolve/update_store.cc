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

void AssignStableIds(const std::vector<store::EntityLink>& previous,
                     const std::vector<store::EntityIdRecord>& registry, FactBase* facts,
                     std::vector<store::EntityLink>* links,
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
  for (const EntityRecord& e : facts->entities) {
    if (kept_ids.contains(e.id)) used.insert(e.id);
  }
  std::unordered_map<std::string, std::string> rename;
  std::vector<std::string> keys(facts->entities.size());
  for (size_t i = 0; i < facts->entities.size(); ++i) {
    EntityRecord& e = facts->entities[i];
    keys[i] = EntityKey(e);
    if (kept_ids.contains(e.id)) continue;
    // A new id from the resolver: the id this entity had before its
    // document changed, when there is one, else one never given out.
    std::string id;
    auto it = id_of_key.find(keys[i]);
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
  auto fix = [&](std::string& ref) {
    if (ref.empty()) return;
    auto it = rename.find(ref);
    if (it != rename.end()) ref = it->second;
  };
  if (!rename.empty()) {
    for (EntityRecord& e : facts->entities) fix(e.id);
    for (EventRecord& ev : facts->events) {
      fix(ev.subject);
      fix(ev.place);
      fix(ev.from);
      fix(ev.to);
      fix(ev.via);
      fix(ev.object);
      fix(ev.attributed_to);
    }
    for (ConflictRecord& c : facts->conflicts) fix(c.subject);
    if (links != nullptr) {
      for (store::EntityLink& l : *links) fix(l.entity_id);
    }
  }
  if (issued != nullptr) {
    issued->clear();
    for (size_t i = 0; i < facts->entities.size(); ++i) {
      issued->push_back(store::EntityIdRecord{facts->entities[i].id, keys[i]});
    }
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
    // The sources' quotes are copied only once the documents' annotations
    // are freed: a large document's quotes are about its size.
    Options lean = options;
    lean.copy_quotes = false;
    FactBase facts = Resolver(lean).Resolve(ptrs, in.corrections, in.previous, &links);
    for (Document& d : in.docs) {
      Document text_only;
      text_only.id = std::move(d.id);
      text_only.text = std::move(d.text);
      d = std::move(text_only);
    }
    FillQuotes(ptrs, &facts);
    // The facts hold their own copies (quotes, names): the documents are
    // not needed for the write, which would otherwise add to their peak.
    ptrs = {};
    in.docs = {};
    std::vector<store::EntityIdRecord> issued;
    AssignStableIds(in.previous, in.registry, &facts, &links, &issued);
    if (in.redaction.protect_all) ProtectAll(&facts, in.redaction.allow);
    // Analysts' protect / unprotect have the last word over the text's cues
    // and protect-all.
    if (!in.protections.empty()) {
      std::unordered_map<std::string, bool> by_key(in.protections.begin(), in.protections.end());
      for (size_t i = 0; i < facts.entities.size(); ++i) {
        auto it = by_key.find(issued[i].key);
        if (it != by_key.end()) facts.entities[i].protected_identity = it->second;
      }
    }
    auto written = store->ReplaceFactsIfCurrent(in.generation, facts, links, issued);
    if (!written.ok()) return written.status();
    if (*written) return Status::OK();
  }
  return Status::OK();
}

}  // namespace cairn::resolve
