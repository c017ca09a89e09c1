// Annotate: Cairn's reading of a document in standard annotation formats, so
// analysts can review it in their own tools (brat, INCEpTION, a CoNLL-U
// viewer) and each layer can be scored against public benchmarks.
//
//   conllu  CoNLL-U: one line per token, UPOS, XPOS, HEAD and DEPREL from
//           Document::syntax ("_" when it is empty), entity tags in MISC as
//           NER=B-PER / I-PER / B-LOC / B-ORG / B-MISC (works), SpaceAfter=No
//           where the text has no white space after the token
//   brat    brat standoff (.ann) over Document::text as the .txt: T lines for
//           mentions (Person, Place, Organization, Work), timexes (Timex, with
//           the TimeML value as an AnnotatorNotes line) and event triggers
//           (typed by event type), E lines for events with their roles
//           (Subject, Place, From, To, Via, Object, Date), A lines for Hedged;
//           unasserted triggers as E lines without roles, A Negated / Irrealis.
//           Offsets are Unicode code points, as brat counts them, not bytes.
//   timeml  ISO-TimeML as TempEval-3 reads it: the text, XML-escaped, with
//           inline <TIMEX3 tid type value> and the creation time in <DCT>
//   json    everything Cairn knows of the document, one object
//
// ReadConllu builds a Document from CoNLL-U: its words become the tokens,
// its sentences the sentences, its annotation columns are ignored; the text
// is the words joined as SpaceAfter says (a space, none with SpaceAfter=No,
// a line break between sentences, a blank line before # newpar / # newdoc).
//
// Stateless functions over immutable inputs: safe from several threads.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/document.h"
#include "core/status.h"

namespace cairn::annotate {

enum class Format { kConllu, kBrat, kTimeml, kJson };

// "conllu" -> kConllu, ...; nullopt for an unknown name.
std::optional<Format> FormatFromName(std::string_view name);
// The file extension written for `f` with an output folder: "conllu", "ann",
// "tml", "json".
const char* FormatExtension(Format f);

struct WriteOptions {
  // The document creation time for TimeML (<DCT>); the document's own date
  // when unset. Relative expressions were resolved by extraction, against
  // whatever date the Document held then.
  std::optional<Day> dct;
  // Sentence ids for CoNLL-U (# sent_id), one per sentence, as read by
  // ReadConllu; "<name>-<n>" when empty.
  const std::vector<std::string>* sent_ids = nullptr;
};

// Writes `doc` in `format` to `out`. REQUIRES: doc segmented; syntax empty or
// one entry per token. Brat writes the .ann only (the .txt is Document::text).
Status Write(const Document& doc, Format format, const WriteOptions& options, std::ostream& out);

// The ISO-TimeML type ("DATE", "DURATION", ...) and value ("2004-10", "199",
// "P5M", "1998-SU", "XXXX" when unresolved) of a temporal expression.
struct TimexValue {
  std::string type;
  std::string value;
};
TimexValue TimemlValue(const Document& doc, const Timex& t);

// The code point offset of every byte offset into `text`, for formats that
// count characters. REQUIRES: text is valid UTF-8.
class CodePoints {
 public:
  explicit CodePoints(std::string_view text);
  // The number of code points in text[0, byte). REQUIRES: byte <= text.size().
  uint32_t At(uint32_t byte) const;

 private:
  std::string_view text_;
  std::vector<uint32_t> checkpoints_;  // code points before byte k * kStride
};

// A CoNLL-U file read into a Document.
struct ConlluDocument {
  Document doc;
  std::vector<std::string> sent_ids;  // one per sentence ("" when the file gave none)
};

// Parses CoNLL-U `content`; `name` is Document::name and starts every error,
// which names the line: "x.conllu:12: expected 10 tab-separated columns".
Result<ConlluDocument> ReadConllu(std::string_view name, std::string_view content);

}  // namespace cairn::annotate
