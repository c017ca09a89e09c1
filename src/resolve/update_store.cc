// Glue between the store and the pure resolver.
#include <memory>
#include <string>
#include <vector>

#include "resolve/resolve.h"

namespace cairn::resolve {

Status UpdateStore(store::Store* store, const Options& options) {
  if (store == nullptr) return Status::InvalidArgument("resolve: no store");
  auto infos = store->ListDocuments();
  if (!infos.ok()) return infos.status();
  std::vector<Document> docs;
  docs.reserve(infos->size());
  for (const store::DocumentInfo& info : *infos) {
    // A document stored without extraction (ingest --no-extract) has no
    // entity or event to resolve: its text need not be read.
    if (!info.has_extraction) continue;
    auto doc = store->LoadDocument(info.id, /*with_annotations=*/true);
    if (!doc.ok()) return doc.status();
    docs.push_back(std::move(doc).value());
    if (docs.back().id.empty()) docs.back().id = info.id;
  }
  auto corrections = store->LoadCorrections();
  if (!corrections.ok()) return corrections.status();
  auto previous = store->LoadLinks();
  if (!previous.ok()) return previous.status();

  std::vector<const Document*> ptrs;
  ptrs.reserve(docs.size());
  for (const Document& d : docs) ptrs.push_back(&d);
  std::vector<store::EntityLink> links;
  FactBase facts = Resolver(options).Resolve(ptrs, *corrections, *previous, &links);
  return store->ReplaceFacts(facts, links);
}

}  // namespace cairn::resolve
