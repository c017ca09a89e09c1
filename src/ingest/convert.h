// Format detection and conversion of decoded text to blocks of plain lines.
//
// Plain and wiki-style text keep every line verbatim (only whole lines are
// dropped: heading markup becomes a heading block holding the heading text);
// Markdown loses its markup; HTML is parsed with Gumbo, its furniture
// elements skipped and its block elements turned into paragraphs.
// Thread-safe: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace cairn::ingest {

// One paragraph: its lines in order; a heading when heading_level > 0.
struct Block {
  std::vector<std::string> lines;
  int heading_level = 0;
};

struct Converted {
  std::vector<Block> blocks;
  // Metadata the format states outright (wiki "= Title =", <title>, <meta>).
  std::string title;
  std::optional<Day> date;
  std::string author;
};

// "html", "markdown", "wiki" or "text", judged from the file name's
// extension and from the content.
std::string DetectFormat(std::string_view name, std::string_view text);

Converted ConvertText(std::string_view text);      // plain text and wiki text
Converted ConvertMarkdown(std::string_view text);
Converted ConvertHtml(std::string_view text);

// Strips Markdown inline markup from one line: images dropped, [text](url)
// -> text, emphasis and code markers removed.
std::string StripMarkdownInline(std::string_view line);

}  // namespace cairn::ingest
