// Format detection and conversion of decoded text to blocks of plain lines.
//
// Plain and wiki-style text keep every line verbatim (only whole lines are
// dropped: heading markup becomes a heading block holding the heading text);
// Markdown loses its markup; HTML is parsed with libxml2's HTML parser
// through its SAX interface in chunks (no tree), its furniture elements
// skipped and its block elements turned into paragraphs. Lines are
// views, not copies: a document's text is held once while it is converted.
// Thread-safe: pure functions.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/document.h"

namespace cairn::ingest {

// Owns the text of lines that are not slices of the converted input
// (Markdown lines that lost their markup, HTML text). Text is kept in chunks
// that never move, so the views Add returns stay valid as it grows and when
// the arena is moved. Not thread-safe.
class LineArena {
 public:
  // A copy of `s` owned by the arena.
  std::string_view Add(std::string_view s);
  // Bytes held, for memory accounting.
  size_t bytes() const { return held_; }

 private:
  std::vector<std::unique_ptr<char[]>> chunks_;
  size_t used_ = 0, capacity_ = 0, held_ = 0;
};

// A line of converted text: a view that also converts to std::string, so
// code may read it as the owned string it once was.
struct LineView : std::string_view {
  using std::string_view::string_view;
  LineView(std::string_view v) : std::string_view(v) {}  // NOLINT: implicit by design
  operator std::string() const { return std::string(data(), size()); }
};

// One paragraph: its lines in order; a heading when heading_level > 0. The
// lines are views into the text given to the Convert function (which must
// outlive the Converted) or into Converted::arena.
struct Block {
  std::vector<LineView> lines;
  int heading_level = 0;
  int page = 0;  // paged formats: the 1-based page the block comes from; 0 otherwise
};

struct Converted {
  std::vector<Block> blocks;
  LineArena arena;
  // Metadata the format states outright (wiki "= Title =", <title>, <meta>).
  std::string title;
  std::optional<Day> date;
  std::string author;
  // Paged formats: how many pages, with their OCR marks (Document::pages is
  // filled from the blocks' pages). Empty otherwise.
  std::vector<Page> pages;
};

// "html", "markdown", "wiki" or "text", judged from the file name's
// extension and from the content.
std::string DetectFormat(std::string_view name, std::string_view text);

Converted ConvertText(std::string_view text);      // plain text and wiki text
Converted ConvertMarkdown(std::string_view text);

// ConvertMarkdown that writes the lines that lose markup over themselves in
// *text (a line never grows) instead of into the arena.
Converted ConvertMarkdown(std::string* text);
Converted ConvertHtml(std::string_view text);

// ConvertHtml that may keep the lines in *text's own buffer, overwriting the
// markup already parsed: the input is then no longer needed, and a page is
// held about once while it is converted.
Converted ConvertHtml(std::string* text);

// Strips Markdown inline markup from one line: images dropped, [text](url)
// -> text, emphasis and code markers removed.
std::string StripMarkdownInline(std::string_view line);

}  // namespace cairn::ingest
