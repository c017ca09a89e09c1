// Internals shared by the resolver's entity and event passes. Not part of
// the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/facts.h"
#include "core/status.h"

namespace cairn::resolve::internal {

// What the entity pass hands the event pass.
struct Resolved {
  std::vector<const Document*> docs;            // in resolution order
  std::vector<std::vector<int32_t>> entity_of;  // [doc][local] -> index into facts.entities, -1
};

// Receives one batch's events and conflicts (Resolver::ResolveInBatches).
using BatchSink =
    std::function<Status(std::vector<EventRecord>* events, std::vector<ConflictRecord>* conflicts)>;

// Fuses the event mentions of `r.docs` into facts->events and finds
// facts->conflicts, for batches of subjects of about `batch_claims` claims
// at a time (the facts do not depend on it; see Options::fusion_batch_claims).
// With a `sink`, each batch's events and conflicts, in their final order,
// go to it instead and are then dropped: facts->events and
// facts->conflicts hold one batch at a time. Returns the sink's first error.
// The sources' quotes are left empty for FillQuotes.
// REQUIRES: facts->entities is filled, r.entity_of matches.
Status BuildEvents(const Resolved& r, FactBase* facts, size_t batch_claims,
                   const BatchSink* sink = nullptr);

// 64-bit FNV-1a as 16 hex digits; stable across platforms and runs.
std::string HashHex(std::string_view s);

// Orders "e2" before "e10": by length then bytes when both are prefix+number.
bool NaturalLess(std::string_view a, std::string_view b);

}  // namespace cairn::resolve::internal
