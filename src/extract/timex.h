// Temporal tagging, after HeidelTime: patterns, normalization and the
// reference time kept apart.
//
// TimeTagger finds every temporal expression in a segmented Document and
// fills Document::timexes with its normalized [earliest, latest] interval,
// as tight as the text allows and no tighter:
//   full and partial dates ("April 27, 1997", "April 1997", "29th October 2004")
//   years, decades ("the 1990s", "the mid-'90s"), seasons ("the winter of 1996"),
//   early/mid/late ("early 1998", "late April 2015"), ranges and alternatives
//   ("1970-1971", "1957/1958", "c. 1970"), "as of June 2015",
//   deictic relatives resolved against Document::ReferenceDateAt(offset)
//   ("last year", "this past April", "this year", "yesterday", "recently"),
//   anaphoric relatives resolved against the previous dated expression in the
//   same part ("a year later", "five months later", "two years into ...",
//   "four months later", "the following year"), left unresolved (unknown ends,
//   anchored = false) when no reference exists,
//   ages ("63-year-old", "Forty-four-year-old", "aged 44", "at age eight",
//   "at the age of 20") with age_years set; the interval of an age Timex is the
//   date the age held (the reference date) when known,
//   durations ("for five months", "three months of dating") with duration_days.
// The lexicon (month names, number words, seasons, cue words) lives in
// data/timex.tsv. The tagger is immutable after construction: share one
// instance across threads.
#pragma once

#include <optional>
#include <string_view>

#include "core/date.h"
#include "core/document.h"

namespace cairn::extract {

class TimeTagger {
 public:
  // The process-wide tagger built from the embedded data/timex.tsv.
  static const TimeTagger& Default();

  // REQUIRES: doc has been segmented (tokens and sentences filled).
  // Replaces doc->timexes, ordered by position.
  void Run(Document* doc) const;

  // Normalizes one stand-alone absolute expression ("May 20, 2005",
  // "29th October 2004", "1957/1958", "the winter of 1996"); nullopt when the
  // text is not an absolute date expression.
  std::optional<DateInterval> ParseAbsolute(std::string_view text) const;

  // The birth interval implied by `age` years held on reference day `on`:
  // [on - (age+1) years + 1 day, on - age years].
  static DateInterval BirthFromAge(int age, Day on);
  // The same when the age held at some day within [on.earliest, on.latest].
  static DateInterval BirthFromAge(int age, const DateInterval& on);
};

}  // namespace cairn::extract
