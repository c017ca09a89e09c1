// Protect: marks persons whose identity the text says must be withheld.
//
// A sentence that says a name is not real, was changed, or is withheld for
// safety ("not her real name", "names have been changed to protect their
// families", "spoke on condition of anonymity") marks the persons it names,
// or, for a document-wide note, every person of the document who is not its
// author or interviewer. The cues live in data/protection_cues.tsv.
// Sets LocalEntity::protected_identity; resolution carries it to the entity
// and `cairn export --redact` withholds it. Stateless; thread-safe.
#pragma once

#include "core/document.h"

namespace cairn::extract {

// REQUIRES: doc segmented, mentions and entities filled (names.h).
void MarkProtected(Document* doc);

}  // namespace cairn::extract
