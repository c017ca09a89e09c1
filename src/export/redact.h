// Redaction: the facts with protected identities withheld.
//
// Redact() returns a copy of a FactBase in which every protected entity's
// name becomes its pseudonym ("Person-7KQ2XM", see Pseudonym), its aliases
// are dropped, and every source quote, claim and explanation has each of its
// names masked with '*' of the same byte length, so offsets still point at
// the right sentence of the original document. Document titles are masked the
// same way. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/facts.h"
#include "store/store.h"

namespace cairn::exporter {

// The pseudonym of entity `id` keyed by `secret` (the store's redaction key,
// Store::LoadRedaction): "Person-" and `digits` Crockford base-32 digits of
// HMAC-SHA256(secret, id). The same store gives an entity the same pseudonym
// in every output and after every re-ingest (entity ids are stable); without
// the secret it cannot be traced back to the entity, and another store gives
// other pseudonyms. An empty secret stands for a random key drawn once per
// process (safe, not stable).
std::string Pseudonym(std::string_view secret, std::string_view id, EntityType type,
                      size_t digits = 6);

// `secret` as for Pseudonym. Two protected entities whose pseudonyms would
// be equal are told apart by more digits for the one with the later id.
FactBase Redact(const FactBase& facts, std::string_view secret);
// Masks every form of the protected names in `text` (a document's text or
// sentence, a search snippet), byte for byte.
std::string RedactText(std::string_view text, const FactBase& facts);
// RedactText for a search snippet, whose ends may cut a name in two.
std::string RedactSnippet(std::string_view snippet, const FactBase& facts);
// Masks the protected names in document titles, authors, names and paths.
std::vector<store::DocumentInfo> RedactDocuments(const std::vector<store::DocumentInfo>& docs,
                                                 const FactBase& facts);

}  // namespace cairn::exporter
