// Datelines, bylines and quoted-source lines: the short lines of a page that
// carry its metadata.
//
// Pure functions over one line of text; thread-safe. Used by ingest to find a
// document's publication date, its author, and the parts of a page (posts
// and quoted sources); exposed so their rules can be tested one by one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace cairn::ingest {

// A full calendar date written in a line, with its byte range in the line.
struct FoundDate {
  Day day = 0;
  size_t begin = 0;
  size_t end = 0;
};

// Every full date (day, month and year) in `line`, in order: "May 20, 2005",
// "Dec. 11, 2014", "11 December 2014", "29th October 2004", "2014-12-11",
// "2014/12/11". Dates that do not exist (February 30) are skipped.
std::vector<FoundDate> FindDates(std::string_view line);

// The date when `line` is a dateline: nothing but a date, optionally after
// "Posted on", "Published:", "Updated", "Date:" or a weekday, and optionally
// followed by a time of day or by a byline ("Posted on June 2, 2022 by Jane
// Doe"). Never a date inside running prose.
std::optional<Day> ParseDateLine(std::string_view line);

// The date of a page's header line, a wider net than ParseDateLine for the
// lines a page opens with: fields separated by '|', '·' or '•' of which one
// is a dateline ("Published 8 May 2021 | Interview by Jane Doe | Review",
// "By Jane Doe | May 8, 2021, 20:41 KST", "May 8, 2021 · 3 min read"); a
// post line whose byline is an organization or runs on ("Posted on May 8,
// 2021 by the Editorial Team", "... by Jane Doe in Books, Asia"); a date
// after a place or a label ending in a comma ("Geneva, 8 May 2021",
// "SEOUL, May 8, 2021", "Meeting No. 12, Tuesday, May 8, 2021"). The first
// field that has a date wins; an "Updated" field only when no other has one.
// Never a date inside running prose: a field
// holds only its date, lead, time of day and byline.
std::optional<Day> ParseHeaderDate(std::string_view line);

// The date of a labelled date line, a net for the layouts the rules above
// leave out, tried after them: a label naming what the date is ("First
// published on", "Last modified on", "Filed", "Date of hearing:",
// "Determination promulgated:", "This page was last edited on"), maybe an
// abbreviated weekday ("Wed 3 Mar 2021 06.00 EST"), the date, then nothing
// but a time of day or "in Category". Dates may also be written
// "2018.04.15", "2018. 4. 15.", "2019년 3월 14일" or "22/06/2020" (day first
// only when the day is above 12, so never ambiguous); a field of a '|' line
// may hold the date alone ("Seoul Daily | 2018.04.15"). `update` when the
// label says the page was changed (updated, modified, edited), which gives
// way to any other date; `bare` when there is no label at all. Never a date
// of birth or death, never prose ("He was released on 4 May 2010").
struct LabelledDate {
  Day day = 0;
  bool update = false;
  bool bare = false;
};
std::optional<LabelledDate> ParseLabelledDate(std::string_view line);

// The name when `line` is a byline: "By Name", "Posted by Name",
// "Written by Name", "Author: Name", or a dateline ending in "by Name"
// ("Posted on June 2, 2022 by Name"). The name is one to five words, each
// starting with a capital letter (or Hangul); "and" and initials allowed.
std::optional<std::string> ParseByline(std::string_view line);

// The date of a news dateline opening a paragraph: a place in capitals, a
// full date, maybe an agency in parentheses, then a dash and the story
// ("SEOUL, March 14, 2019 — Officials said ...", "NEW YORK, 2 May 2005
// (Reuters) -- ..."). Nothing for prose.
std::optional<Day> ParseNewsDateline(std::string_view paragraph);

// A line that introduces quoted material from another outlet:
// "From: Some Blog ( 29th October 2004", "Source: X, <date>",
// "Original publication in Some Review October 28, 2004",
// "Originally published in X on <date>".
struct QuotedSourceLine {
  std::string source;        // the outlet, "" when the line names none
  std::optional<Day> date;   // the date on the line, when any
  bool original = false;     // "Original(ly) publi..." lines
};
std::optional<QuotedSourceLine> ParseQuotedSourceLine(std::string_view line);

}  // namespace cairn::ingest
