// Cross-document resolution: per-document extraction results -> FactBase.
//
// Input: Documents with their annotations (LocalEntity clusters, event
// mentions), analysts' corrections, and the links of the previous run.
// Output: resolved entities, fused events, conflicts, and the new links from
// every (document, local entity) to its entity id.
//
// Entities
//   * Persons link by their FULLEST name key (romanize.h): every local entity
//     whose fullest name keys the same ("Kim Jong Il", "Kim Jong-il", "김정일")
//     is one person. Two full names that differ beyond spelling variants are
//     never merged.
//   * A person known in its document only by a short form (surname alone,
//     given name alone, one word) links to a full-named person only when
//       - a full-named person in the same document is the only compatible one
//         (extraction normally clusters those already), or
//       - exactly one full-named person in the whole corpus is compatible AND
//         context agrees: the two share a co-mentioned full-named person, a
//         specific (city-level) place that few documents (<= 5) mention, or
//         a birth date known to within two years; birth dates that cannot
//         both hold veto the link.
//     Otherwise it stays its own entity: a bare "Jang" in one document is not
//     assumed to be a "Jang" of another.
//   * Places link by gazetteer id, else by normalized name; organizations and
//     works by normalized name.
//   * Corrections are applied in order after linking: merge folds b's entity
//     into a's; split takes a document's local entities out of an entity.
//     Each names its entities by the keys EntityKey() gives (stable across
//     renumbering), falling back to the entity ids of the previous links.
//   * Ids: an entity keeps the id most of its local entities had in
//     `previous`; new entities get "e<N>" after the largest numeric id seen.
//     The same input always yields the same output.
//
// Events (fusion and conflicts), per (person, event type); how often a type
// happens in a life is its occurrence in data/event_types.tsv:
//   * Claims agree when their date intervals overlap (a wider interval
//     containing a narrower one agrees) and every role (place, from, to, via,
//     object) is compatible: the same entity, or one side unknown, or places
//     in the same country of which at most one is specific (city, facility...).
//   * Agreeing claims fuse into one EventRecord with several sources when
//       - the type happens once in a life (birth, death), or usually once
//         (enlistment, discharge, defection, engagement, divorce,
//         crime_victim, trafficking, family_punishment) and the claims come
//         from different documents, or
//       - for repeatable types (employment, relocation, border_crossing,
//         marriage, founding, sentencing, illness, meeting, arrest,
//         publication, ...) they come from different
//         documents and name the same object, the same destination/place,
//         the same route (via), or the same detail.
//     Claims of one sentence always fuse; other claims within one document
//     stay separate events (a document listing two jobs means two jobs).
//   * A marriage, engagement or divorce whose object is a person is the
//     spouse's event too, with the subject as its object.
//   * Conflicts come only from different documents:
//       - birth/death: events with disjoint dates (field "date") or, with
//         agreeing dates, incompatible places (field "place");
//       - usually-once types: disjoint dates between events that are each the
//         only claim of that type for that person in their document (so the
//         two documents likely describe the same occurrence) and that name no
//         different objects;
//       - usually-once types, same date (or undated): destinations ("to")
//         or places in different countries (a city inside the other's
//         country agrees);
//       - repeatable types: disjoint dates between events naming the same
//         object (the same book published in two different years).
//     A quote that also writes a date fitting the other side is no conflict
//     (the extractor may have taken the wrong one), unless that date dates
//     another event of the same sentence or the claim states no date.
//     A claim dated only by its dateline (its date is the day of the post or
//     quoted source it sits in, and that date is not written in the quote)
//     takes no part in conflicts.
//     One ConflictRecord per (person, type, field), one claim per position,
//     with a sentence quoting both sides.
//   * Event ids hash subject, type and first source; conflict ids hash
//     subject, type and field.
//
// Resolver is stateless and thread-compatible; Resolve() may run on many
// threads with different inputs.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/facts.h"
#include "core/status.h"
#include "store/store.h"

namespace cairn::resolve {

struct Options {
  // Link short forms to the single compatible corpus person when context
  // agrees (see above). Off: short forms link only within their document.
  bool link_short_forms_by_context = true;
  // Events of different persons never fuse: fusion reads, fuses and frees
  // the claims of one batch of persons of about this many claims at a time
  // (a person's claims are never split), so a large document's claims are
  // not held at once. The facts are the same for any value.
  size_t fusion_batch_claims = 4096;
  // Sources (of events and conflicts) copy their quotes from the text. Off:
  // their quotes stay empty until FillQuotes, so a caller can free the
  // documents' annotations first (UpdateStore does: a large document's
  // quotes are about its size).
  bool copy_quotes = true;
};

class Resolver {
 public:
  explicit Resolver(Options options = {}) : options_(options) {}

  // Resolves `docs` (each with id and annotations). `links` receives one link
  // per local entity that took part (persons, places, organizations, works).
  // REQUIRES: document ids are unique.
  FactBase Resolve(const std::vector<const Document*>& docs,
                   const std::vector<store::Correction>& corrections,
                   const std::vector<store::EntityLink>& previous,
                   std::vector<store::EntityLink>* links) const;

  // Resolve's facts in pieces, for a caller that stores them as they are
  // made (UpdateStore), so that a large document's fused events are never
  // all held: `entities` is called once with the facts' entities (its
  // argument holds no events or conflicts; *links is filled by then), then
  // `batch` with the events and conflicts of each batch of persons in turn
  // (Options::fusion_batch_claims), in Resolve's order, which it may change
  // (ids, quotes) before they are dropped. Quotes are copied as Resolve
  // copies them (Options::copy_quotes). Stops at, and returns, the first
  // error of either.
  using EntitiesSink = std::function<Status(const FactBase& entities)>;
  using BatchSink = std::function<Status(std::vector<EventRecord>* events,
                                         std::vector<ConflictRecord>* conflicts)>;
  Status ResolveInBatches(const std::vector<const Document*>& docs,
                          const std::vector<store::Correction>& corrections,
                          const std::vector<store::EntityLink>& previous,
                          std::vector<store::EntityLink>* links, const EntitiesSink& entities,
                          const BatchSink& batch) const;

 private:
  Options options_;
};

// The key that names an entity in a Correction: stable across runs as long as
// the entity's name is. "P|k:kim|jong-il" for a full-named person,
// "P@d3|k:jang|" for a short-form person (tied to its document),
// "L|g123" or "L|yanji" for places, "O|..." and "W|..." for others.
std::string EntityKey(const EntityRecord& e);

// Builds corrections with their keys filled from the current facts.
// NotFound when an id is not in `facts`.
Result<store::Correction> MakeMerge(const FactBase& facts, std::string_view keep_id,
                                    std::string_view fold_id);
Result<store::Correction> MakeSplit(const FactBase& facts, std::string_view entity_id,
                                    std::string_view doc_id);

// Ids that outlive changes: entities whose id the resolver carried over from
// `previous` keep it; an entity with a new id takes back the id its key
// (EntityKey) was given before (its document got a new version, which drops
// the document's links) when free, else an id never given out (`registry`
// holds every id ever issued). References in events, conflicts and `links`
// follow. `issued` receives (id, key) of every entity, for the registry.
void AssignStableIds(const std::vector<store::EntityLink>& previous,
                     const std::vector<store::EntityIdRecord>& registry, FactBase* facts,
                     std::vector<store::EntityLink>* links,
                     std::vector<store::EntityIdRecord>* issued);

// Gives every source of `facts` (events' and conflicts') with an empty quote
// the slice of its document's text it points at; sources of documents not
// in `docs` are left as they are. Only the documents' ids and texts are read.
void FillQuotes(const std::vector<const Document*>& docs, FactBase* facts);

// `--protect-all`: every person with a name is protected, except those any
// of whose names (name or alias) has the name key (romanize.h) of a name in
// `allow`, whatever its romanization, script or order. Persons the text
// protects stay protected.
void ProtectAll(FactBase* facts, const std::vector<std::string>& allow);

// Analysts' `cairn protect` / `unprotect` (Store::LoadProtections), by
// EntityKey: they have the last word over the text's cues and protect-all.
void ApplyProtections(FactBase* facts,
                      const std::vector<std::pair<std::string, bool>>& protections);

// Loads every document with annotations, the corrections, the previous
// links and the id registry from `store` in one read snapshot, resolves,
// and replaces the store's facts and links, if no other process changed the
// documents or corrections meanwhile (then it resolves again, up to a few
// times). The facts then stop being stale (Store::FactsStale). The write
// (Store::BeginReplaceFacts) begins before fusion and takes each batch of
// events as it is fused (ResolveInBatches), all in one transaction.
Status UpdateStore(store::Store* store, const Options& options = {});

}  // namespace cairn::resolve
