// Assembly of a Document from converted blocks: boilerplate removal, the
// final text with its line structure, sections, title, date, author, parts.
//
// Rules (each tested in tests/ingest/):
// - Title: what the format states (wiki "= X =", Markdown "# X", HTML
//   og:title/<title>/<h1>); else the first kept line when it looks like a
//   heading (at most 16 words, no sentence-final full stop, not a date or a
//   byline; lone navigation words were already dropped as boilerplate);
//   else, for an encyclopedia lead "NAME (...) is/was a ...", NAME.
// - Date: HTML metadata; else a dateline (a line that is only a date, maybe
//   after "Posted on"/"Published:") among the first 12 non-empty lines; else
//   a labelled date line (ParseLabelledDate: "First published on Wed 3 Mar
//   2021", "Date of hearing: ...", "Seoul Daily | 2018.04.15") near the top,
//   or one with its label among the last six lines ("This page was last
//   edited on ..."); else the first post's date. Dates inside prose never
//   count.
// - Author: HTML metadata; else the first byline ("By X", "Posted by X").
// - Parts: with two or more datelines, one Part per post (title = the short
//   line just before its dateline, author = its byline). A quoted-source line
//   ("From: X ( <date>", "Original publication in X <date>") opens a quoted
//   Part running to the next part or the end; two such lines together make
//   one part dated by the original publication.
// Thread-safe: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/document.h"
#include "ingest/convert.h"

namespace cairn::ingest {

// Fills doc->text, sections, title, date, author and parts from `conv`.
void BuildDocument(const Converted& conv, Document* doc);

// The same, consuming *conv (its blocks are filtered in place), and
// doc->text may be built in the buffer of *source, the text `conv` was
// converted from, whose contents are lost: the text of a document is then
// held once, not twice. REQUIRES: conv's lines are views into *source or
// into conv->arena; source may be null.
void BuildDocument(Converted* conv, std::string* source, Document* doc);

// "ko" when Hangul letters are more than half of all letters, else "en".
std::string DetectLanguage(std::string_view text);

// True for a line that reads as a heading or title: at most 16 words and
// 150 bytes, holds a letter, and does not end like a sentence or a clause
// (".", ",", ";", ":").
bool LooksLikeHeading(std::string_view line);

}  // namespace cairn::ingest
