// Redaction: the facts with protected identities withheld.
//
// Redact() returns a copy of a FactBase in which every protected entity's
// name becomes "[withheld <id>]", its aliases are dropped, and every source
// quote, claim and explanation has each of its names masked with '*' of the
// same byte length, so offsets still point at the right sentence of the
// original document. Document titles are masked the same way. Pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/facts.h"
#include "store/store.h"

namespace cairn::exporter {

FactBase Redact(const FactBase& facts);
// Masks every form of the protected names in `text` (a document's text or
// sentence, a search snippet), byte for byte.
std::string RedactText(std::string_view text, const FactBase& facts);
// RedactText for a search snippet, whose ends may cut a name in two.
std::string RedactSnippet(std::string_view snippet, const FactBase& facts);
// Masks the protected names in document titles, authors, names and paths.
std::vector<store::DocumentInfo> RedactDocuments(const std::vector<store::DocumentInfo>& docs,
                                                 const FactBase& facts);

}  // namespace cairn::exporter
