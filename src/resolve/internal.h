// Internals shared by the resolver's entity and event passes. Not part of
// the public API.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/facts.h"

namespace cairn::resolve::internal {

// What the entity pass hands the event pass.
struct Resolved {
  std::vector<const Document*> docs;            // in resolution order
  std::vector<std::vector<int32_t>> entity_of;  // [doc][local] -> index into facts.entities, -1
};

// Fuses the event mentions of `r.docs` into facts->events and finds
// facts->conflicts, for batches of subjects of about `batch_claims` claims
// at a time (the facts do not depend on it; see Options::fusion_batch_claims).
// The sources' quotes are left empty for FillQuotes.
// REQUIRES: facts->entities is filled, r.entity_of matches.
void BuildEvents(const Resolved& r, FactBase* facts, size_t batch_claims);

// 64-bit FNV-1a as 16 hex digits; stable across platforms and runs.
std::string HashHex(std::string_view s);

// Orders "e2" before "e10": by length then bytes when both are prefix+number.
bool NaturalLess(std::string_view a, std::string_view b);

}  // namespace cairn::resolve::internal
