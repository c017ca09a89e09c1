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

#include <cstdint>
#include <vector>

#include "core/document.h"

namespace cairn::extract {

// REQUIRES: doc segmented, mentions and entities filled (names.h).
void MarkProtected(Document* doc);

// A person mention as MarkProtected reads it: its sentence and entity.
struct PersonMention {
  uint32_t sentence = 0;
  int32_t entity = -1;
};

// The same for a document whose mentions are not held (a large document's
// passages, handed to the store as they were extracted): `persons` are its
// person mentions in the mentions' order. REQUIRES: doc segmented,
// entities filled; every entity index in `persons` is < doc->entities.size().
void MarkProtected(Document* doc, const std::vector<PersonMention>& persons);

}  // namespace cairn::extract
