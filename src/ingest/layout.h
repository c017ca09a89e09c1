// Reading order of positioned words (a PDF page's text layer): columns by
// recursive cuts at common vertical gutters (XY-cut), lines, paragraphs,
// hyphenation at line ends joined, running headers and footers dropped.
// Internal to ingest/. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace cairn::ingest {

// A word on a page; y grows downwards.
struct PlacedWord {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;
  bool space_after = true;
};

// A line of a page in reading order.
struct PlacedLine {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double height = 0;  // median word height: the font size, roughly
  int column = 0;     // lines of one column (leaf of the cuts) share it
  std::string text;
};

// The words of one page as lines in reading order: columns left to right
// inside each horizontal region, top to bottom.
std::vector<PlacedLine> ReadingOrder(std::vector<PlacedWord> words);

// Drops running headers and footers: among each page's two top and two
// bottom lines, those whose text (digits ignored) recurs in that place on
// at least half of the pages and on two or more, and lone page numbers
// ("7", "- 7 -", "Page 7 of 20").
void DropRunningLines(std::vector<std::vector<PlacedLine>>* pages);

// One paragraph of a page; heading_level 1 or 2 for lines set clearly larger
// than the page's body text.
struct LaidParagraph {
  std::string text;
  int heading_level = 0;
};

// Groups a page's lines into paragraphs (a gap wider than a line, a change
// of size, a short line ending a sentence, a new column) and joins each
// paragraph's lines into one, words hyphenated at line ends rejoined.
std::vector<LaidParagraph> Paragraphs(const std::vector<PlacedLine>& lines);

// Joins lines of one paragraph: "exam-" + "ple" -> "example", "North-" +
// "Korean" -> "North-Korean", others with one space.
std::string JoinWrappedLines(const std::vector<std::string>& lines);

// Paragraphs of plain lines (OCR output): blank lines separate them, the
// lines inside are joined by JoinWrappedLines.
std::vector<std::string> BlankLineParagraphs(const std::string& text);

}  // namespace cairn::ingest
