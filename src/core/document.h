// The one document object every pipeline stage reads and annotates.
//
// A Document owns its extracted plain text (UTF-8) and flat arrays of
// annotations whose offsets are UTF-8 byte offsets into that text, after
// spaCy's Doc. Stages run in a fixed order, each filling its own arrays:
//
//   ingest  -> name, bytes' sha256, format, text, title, date, author,
//              language, sections, parts, pages, attachments
//   text    -> paragraphs, sentences, tokens
//   syntax  -> syntax (part of speech and dependencies, one per token)
//   extract -> mentions, entities, timexes, events
//   store   -> id (assigned when stored)
//
// A Document is a plain value: not thread-safe to mutate, safe to read from
// many threads once built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace cairn {

// [begin, end) in UTF-8 bytes of Document::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(uint32_t off) const { return off >= begin && off < end; }
};

// A heading and the stretch of text it governs.
struct Section {
  std::string heading;
  int level = 1;  // 1 = top
  Span span;      // from the heading's first body byte to the next heading of <= level
};

// A part of the document with its own date and voice: one post of a page
// holding several dated posts, or a quoted source ("From: X, 29th October
// 2004"). Relative dates inside a part resolve against the part's date.
struct Part {
  Span span;
  std::optional<Day> date;  // the part's own date, when stated
  std::string title;        // "" when none
  std::string author;       // byline of this part, "" when none
  bool quoted = false;      // true for a quoted source inside a page
  std::string source;       // the quoted outlet ("Asia Weekly Review"), "" when none
};

// One page of a paged document (PDF, scanned image): the stretch of
// Document::text that came from it. Pages are in order, 1-based by position
// (pages[0] is page 1); a page that gave no text has an empty span.
struct Page {
  Span span;
  bool ocr = false;         // the text was read from an image by OCR
  float confidence = -1;    // OCR: the engine's mean word confidence, 0..100; -1 otherwise
};

struct Paragraph {
  Span span;
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;  // index into Document::tokens
  uint32_t end_token = 0;    // one past the last token
  uint32_t paragraph = 0;    // index into Document::paragraphs
};

// Token shape flags, set by the text stage.
enum TokenFlag : uint16_t {
  kTokWord = 1 << 0,     // letters (any script)
  kTokNumber = 1 << 1,   // digits
  kTokPunct = 1 << 2,    // punctuation or symbol
  kTokUpper = 1 << 3,    // first letter is uppercase
  kTokAllCaps = 1 << 4,  // every letter uppercase, at least two letters
  kTokHangul = 1 << 5,   // contains Hangul syllables
  kTokSpaceBefore = 1 << 6,  // white space precedes this token
  kTokSentStart = 1 << 7,    // first token of its sentence
};

struct Token {
  Span span;
  uint16_t flags = 0;
  uint32_t sentence = 0;
  bool Has(TokenFlag f) const { return (flags & f) != 0; }
};

// A token's part of speech and dependency, set by the syntax stage (tagger
// and parser) and parallel to Document::tokens. Ids are core/ud.h's.
struct TokenSyntax {
  uint8_t upos = 0;    // ud::Upos
  uint8_t xpos = 0;    // ud::XposId
  uint8_t deprel = 0;  // ud::DeprelId
  int32_t head = -1;   // index into Document::tokens of the head; -1 for the root
};

enum class EntityType : uint8_t { kPerson = 0, kPlace, kOrganization, kWork };
const char* EntityTypeName(EntityType t);  // "person", "place", ...

// One stretch of text that names an entity. Pronouns are never mentions.
struct Mention {
  EntityType type = EntityType::kPerson;
  Span span;
  uint32_t sentence = 0;
  int32_t entity = -1;  // index into Document::entities (within-document cluster)
  // Persons: the surname and given-name parts when the name has that shape.
  std::string surname;
  std::string given;
  // Places: index into the gazetteer, -1 when the place is not in it.
  int32_t gazetteer = -1;
  // Set for references resolved by context rather than by the name itself
  // (a bare surname, a given name alone, a title plus surname).
  bool partial = false;
};

// An entity as one document knows it: a within-document cluster of mentions.
// Cross-document resolution (resolve/) links these to corpus entities.
struct LocalEntity {
  EntityType type = EntityType::kPerson;
  std::string name;                  // the fullest form seen in this document
  std::vector<std::string> aliases;  // every other surface form; never pronouns
  std::vector<uint32_t> mentions;    // indices into Document::mentions
  // Places.
  std::string country;     // ISO 3166-1 alpha-2, "" when unknown
  std::string place_kind;  // country, province, city, river, border, facility, other
  std::optional<double> lat, lon;
  int32_t gazetteer = -1;
  // Persons.
  bool is_author = false;   // the document's byline author or interview speaker
  bool is_topic = false;    // the person the document is about
  bool protected_identity = false;
};

// A temporal expression with its normalized interval.
struct Timex {
  enum class Kind : uint8_t {
    kDate,      // a point or period on the calendar: "April 27, 1997", "the 1990s"
    kRelative,  // resolved against a reference: "a year later", "last year"
    kAge,       // an age: "63-year-old", "aged 44", "at age eight"
    kDuration,  // a length of time: "for five months", "three months of dating"
  };
  Kind kind = Kind::kDate;
  Span span;
  uint32_t sentence = 0;
  DateInterval value;       // the calendar interval; unknown ends when unresolved
  int age_years = -1;       // kAge: the age stated
  int duration_days = -1;   // kDuration: approximate length
  bool anchored = false;    // kRelative/kAge: the reference date was known
};

// One event as one sentence states it. Roles are indices into
// Document::entities, -1 when absent.
struct EventMention {
  std::string type;  // the spec's vocabulary: birth, border_crossing, ...
  int32_t subject = -1;
  DateInterval date;
  int32_t place = -1;
  int32_t from = -1;
  int32_t to = -1;
  int32_t via = -1;
  int32_t object = -1;
  std::string detail;
  Span quote;                  // exactly the sentence or clause that states it
  uint32_t sentence = 0;
  int32_t attributed_to = -1;  // "according to X"
  bool hedged = false;         // "alleged", "reportedly", "claimed"
  std::string trigger;         // the word that signalled it, for explanations
  // Why the text does not assert it; kAsserted on every Document::events entry.
  enum class Modality : uint8_t { kAsserted = 0, kNegated, kIrrealis };
  Modality modality = Modality::kAsserted;
};

struct Document {
  // Set by the store.
  std::string id;
  // Set by ingest.
  std::string name;    // base file name as ingested
  std::string path;    // the path given on the command line
  std::string sha256;  // hex digest of the ingested bytes
  std::string format;  // "text", "markdown", "html", "wiki", "pdf", "pdf+ocr", "image",
                       // "docx", "odt", "email"
  std::string encoding = "UTF-8";  // what the bytes were decoded from
  std::string text;    // the extracted plain text every offset refers to
  std::string title;   // "" when none
  std::optional<Day> date;  // the document's own publication date
  std::string author;       // byline, "" when none
  std::string language = "en";
  std::vector<Section> sections;
  std::vector<Part> parts;
  std::vector<Page> pages;  // empty when the format has no pages
  // Documents read from inside this one (an e-mail's attachments): each is
  // stored as a document of its own, named "<this name>/<file name>", with
  // `parent` naming this document.
  std::vector<Document> attachments;
  std::string parent;                   // the containing document's name, "" when none
  std::vector<std::string> recipients;  // e-mail: To and Cc addresses
  // Parts that could not be read while the document itself could (an
  // attachment that failed, attachments over the cap), one line each
  // "<file>: <problem>"; ingest reports them and counts them as failures.
  std::vector<std::string> problems;
  // Set by text.
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  // Set by syntax: empty, or one entry per token.
  std::vector<TokenSyntax> syntax;
  // Set by extract.
  std::vector<Mention> mentions;
  std::vector<LocalEntity> entities;
  std::vector<Timex> timexes;
  std::vector<EventMention> events;
  // Triggers the text mentions but does not assert ("did not cross": negated;
  // "planned to flee": irrealis), for annotation output only: type, trigger,
  // sentence, quote and modality set, no roles. Never stored or resolved.
  std::vector<EventMention> unasserted;

  std::string_view Slice(Span s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  // The part (post or quoted source) that holds byte `off`, or nullptr.
  const Part* PartAt(uint32_t off) const;
  // The reference date for relative expressions at byte `off`: the innermost
  // part's date, else the document's date.
  std::optional<Day> ReferenceDateAt(uint32_t off) const;
  // The 1-based page holding byte `off`, or 0 when the document has no pages.
  int PageAt(uint32_t off) const;
  // The page record holding byte `off`, or nullptr.
  const Page* PageRecordAt(uint32_t off) const;
  // Index of the sentence holding byte `off`, or -1.
  int SentenceAt(uint32_t off) const;
};

}  // namespace cairn
