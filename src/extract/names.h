// Names: persons, places, organizations and works, and their within-document
// clusters.
//
// NameFinder fills Document::mentions and Document::entities for a segmented
// Document. Knowledge is data: Korean surnames with their romanization
// variants (data/surnames.tsv), given-name syllables (data/given_syllables.tsv),
// common Western given names (data/western_names.tsv), the gazetteer
// (data/gazetteer.tsv, see gazetteer.h), organization heads and known
// organizations (data/organizations.tsv), honorifics and non-name words
// (data/name_stopwords.tsv). Capitalization and context do the rest:
//   persons: Korean names in every romanization style (Kim Jong Il,
//     Kim Jong-il, Thae Yong-ho, Lee Myung-Bak, Ri Sol-ju), Hangul names,
//     Western and mixed names (Minji Lim), given-name-only and surname-only
//     references, titles (Mr., Dr., General), names in quotes or parentheses,
//     interview speaker labels ("Name: ..."), bylines;
//     never months, places, organizations, sentence-initial capitals;
//   places: gazetteer names in one pass, plus unknown capitalized names in
//     place contexts ("in X", "X Province", "X County");
//   organizations: known ones and capitalized spans ending in a head
//     (Department, Ministry, Institute, Service, Party, ...), media outlets;
//   works: titles in quotes or italics or after "autobiography called",
//     "book", "memoir", "poem", and Title: Subtitle forms.
// Clustering links "Kim Myong-hui", "Myong-hui" and "Kim" in one document
// to one LocalEntity whose name is the fullest form; a pseudonym introduced
// as such ("under the pseudonym X", "pen name X") becomes an alias.
// Immutable after construction: share one instance across threads.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace cairn::extract {

// A part-of-speech tagger for one sentence's words: fills `upos` with one
// ud::Upos per word (extract::Options::tag).
using TagWords =
    std::function<void(const std::vector<std::string_view>& words, std::vector<uint8_t>* upos)>;

class NameFinder {
 public:
  // The process-wide finder built from the embedded data files.
  static const NameFinder& Default();
  // REQUIRES: doc has been segmented. Replaces doc->mentions and doc->entities.
  void Run(Document* doc) const;
  // The same, and proper-noun runs: a run of capitalized words that no
  // surface rule named, in a sentence `tag` tags (or Document::syntax holds
  // tags for, when `tag` is null), is a person when the tagger reads every
  // word of it as PROPN and Korean-name structure or a person cue beside it
  // says so (FindTaggedNames in names.cc). Only such sentences are tagged.
  void Run(Document* doc, const TagWords* tag) const;
};

}  // namespace cairn::extract
