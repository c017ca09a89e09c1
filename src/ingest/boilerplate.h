// Boilerplate: the furniture of web pages (comment forms, newsletter and
// donation prompts, share bars, cookie notices, logo strips, image names)
// that must not reach extraction.
//
// Rules are data: data/boilerplate.tsv lists cue phrases by kind (whole
// line, line start, anywhere, weak tail cue, lone navigation word). Lines
// are judged whole and dropped whole; nothing inside a kept line changes.
// Thread-safe: the cue table is loaded once and immutable.
#pragma once

#include <string_view>
#include <vector>

namespace cairn::ingest {

enum class LineKind {
  kText,         // keep
  kBoilerplate,  // furniture wherever it stands
  kWeak,         // furniture only after a strong cue in the run ending a page
  kNav,          // a lone navigation or category word ("blog", "news")
  kImageName,    // a stray image file name ("IMG_1234.jpg", "family_photo_3")
};

// Judges one line on its own.
LineKind ClassifyLine(std::string_view line);

// Marks which of `lines` to drop: each line judged alone, plus the tail rule
// (once a run of furniture begins at the end of the page, the rest goes:
// from the first strong furniture line of the final run of furniture and
// short lines). Blank lines are never marked. Returns one flag per line.
std::vector<bool> BoilerplateMask(const std::vector<std::string_view>& lines);

}  // namespace cairn::ingest
