// Corpus-level facts: resolved entities, fused events and conflicts.
//
// These are the records the export contract (../shared/spec/facts-format.md)
// describes; resolve/ builds them from per-document extraction results, the
// store keeps them, export/ and the views print them. Plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/document.h"

namespace cairn {

// Where a fact is stated: UTF-8 byte offsets into a document's extracted text,
// and `quote` is exactly that slice.
struct SourceRef {
  std::string doc;  // document id
  uint32_t start = 0;
  uint32_t end = 0;
  std::string quote;
  int page = 0;      // 1-based page of the document holding `start`; 0 when it has no pages
  bool ocr = false;  // that page's text was read by OCR
};

struct EntityRecord {
  std::string id;
  EntityType type = EntityType::kPerson;
  std::string name;                  // canonical display name: the fullest form seen
  std::vector<std::string> aliases;  // other surface forms; never pronouns
  std::vector<std::string> docs;     // document ids
  std::string country;               // places: ISO 3166-1 alpha-2, "" when unknown
  std::string place_kind;            // places: country, province, city, ...
  std::optional<double> lat, lon;
  bool protected_identity = false;
};

struct EventRecord {
  std::string id;
  std::string type;
  std::string subject;  // entity id
  DateInterval date;
  std::string place, from, to, via, object;  // entity ids, "" when absent
  std::string detail;
  std::vector<SourceRef> sources;
  std::string attributed_to;  // entity id, "" when none
  bool hedged = false;
};

struct ConflictRecord {
  struct Claim {
    std::string value;                // the position, as a person reads it
    std::vector<std::string> events;  // event ids
    std::vector<SourceRef> sources;
  };
  std::string id;
  std::string subject;  // entity id
  std::string type;     // event type
  std::string field;    // date, place, to, from, object, detail
  std::vector<Claim> claims;
  std::string explanation;
};

// The whole resolved knowledge base, as export and the views read it.
struct FactBase {
  std::vector<EntityRecord> entities;
  std::vector<EventRecord> events;
  std::vector<ConflictRecord> conflicts;
};

}  // namespace cairn
