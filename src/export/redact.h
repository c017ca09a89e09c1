// Redaction: the facts with protected identities withheld.
//
// Redact() returns a copy of a FactBase in which every protected entity's
// name becomes "[withheld <id>]", its aliases are dropped, and every source
// quote, claim and explanation has each of its names masked with '*' of the
// same byte length, so offsets still point at the right sentence of the
// original document. Document titles are masked the same way. Pure function.
#pragma once

#include <vector>

#include "core/facts.h"
#include "store/store.h"

namespace cairn::exporter {

FactBase Redact(const FactBase& facts);
// Masks the protected names in document titles.
std::vector<store::DocumentInfo> RedactDocuments(const std::vector<store::DocumentInfo>& docs,
                                                 const FactBase& facts);

}  // namespace cairn::exporter
