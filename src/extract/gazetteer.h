// Gazetteer: the places Cairn knows, looked up by any of their names.
//
// Built once from data/gazetteer.tsv (countries, North Korean provinces,
// cities, counties and camps, border crossings and rivers, Chinese border
// regions, third-country routes, South Korean cities and facilities). Each
// entry has a canonical name, its Hangul, romanization variants (Revised
// Romanization, McCune-Reischauer with and without breves and apostrophes,
// common spellings), a kind from the export spec's place_kind vocabulary,
// an ISO 3166-1 alpha-2 country and approximate coordinates.
//
// Lookups go through Normalize(): lower case, Latin diacritics folded
// (ŏ -> o, ŭ -> u, é -> e), apostrophes, periods and hyphens inside a word
// dropped ("P'yŏngyang" -> "pyongyang", "U.S." -> "us",
// "Hamgyŏng-pukto" -> "hamgyongpukto"), other punctuation and white space
// collapsed to single spaces. Hangul is kept as is.
//
// One name may name several places (Gangwon/Kangwon is a province of both
// Koreas): Find() returns every candidate, the preferred one first (the
// entry whose own canonical name has that spelling, then file order).
// Immutable after construction: share one instance across threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace cairn::extract {

struct GazetteerEntry {
  std::string id;                     // stable slug, e.g. "kp-chongjin"
  std::string name;                   // canonical English name
  std::string hangul;                 // "" when none
  std::vector<std::string> variants;  // other spellings, as written in the data
  std::string kind;     // country, province, city, river, border, facility, other
  std::string country;  // ISO 3166-1 alpha-2, "" when none (a peninsula)
  double lat = 0;
  double lon = 0;
};

class Gazetteer {
 public:
  // The process-wide gazetteer built from the embedded data/gazetteer.tsv.
  static const Gazetteer& Default();
  // Builds from TSV text with the columns of data/gazetteer.tsv.
  static Gazetteer FromTsv(std::string_view tsv);

  // The lookup key of a name (see the file comment).
  static std::string Normalize(std::string_view name);

  // Indices of the entries named `name` (any spelling; normalized here),
  // preferred first; empty when unknown.
  std::span<const int32_t> Find(std::string_view name) const;
  // Same for an already normalized key.
  std::span<const int32_t> FindKey(std::string_view key) const;
  // The preferred entry named `name`, or nullptr.
  const GazetteerEntry* Lookup(std::string_view name) const;
  // True when the key was written in the data only in capitals ("US",
  // "DMZ", "UK"): such a name matches text only when written in capitals,
  // so that "us" the pronoun is not the United States.
  bool KeyNeedsCaps(std::string_view key) const;
  // True when some spelling of the key in the data starts in lower case
  // ("demilitarized zone"): such a key may match lower-case text.
  bool KeyAllowsLowercase(std::string_view key) const;

  // True when some key begins with these whole words ("north" for "north
  // korea"); a key is its own prefix. Lets a matcher stop extending early.
  bool IsKeyPrefix(std::string_view words) const;

  const GazetteerEntry& entry(int32_t i) const { return entries_[static_cast<size_t>(i)]; }
  size_t size() const { return entries_.size(); }
  // The most words any key has (for n-gram matching).
  int max_words() const { return max_words_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Slot {
    std::vector<int32_t> entries;
    bool caps_only = true;
    bool lower_ok = false;
  };
  std::vector<GazetteerEntry> entries_;
  std::unordered_map<std::string, Slot, Hash, std::equal_to<>> index_;
  std::unordered_map<std::string, bool, Hash, std::equal_to<>> prefixes_;
  int max_words_ = 1;
};

// Words that tie an event's agent to a country (data/demonyms.tsv): demonyms
// ("chinese" -> CN, "south korean" -> KR) and the agent nouns they must modify
// ("police", "court", "border guards"). Immutable: share one instance.
struct PlaceCues {
  std::unordered_map<std::string, std::string> demonyms;  // lower case -> ISO country
  std::unordered_set<std::string> agents;                 // lower case nouns
  int max_demonym_words = 1;

  // The process-wide table built from the embedded data/demonyms.tsv.
  static const PlaceCues& Default();
  // Builds from TSV text with the columns of data/demonyms.tsv; a bad row is an
  // error naming `file_name`, the line and the value.
  static Result<PlaceCues> FromTsv(std::string_view file_name, std::string_view tsv);
};

// Shared by the name finder and the gazetteer: appends the normalized form of
// one UTF-8 word (no spaces inside) to *out. Returns false when nothing was
// appended.
bool AppendNormalizedWord(std::string_view word, std::string* out);

// The non-empty parts of a '|'-separated data field ("Kim|Gim|Ghim").
std::vector<std::string_view> SplitBar(std::string_view s);

}  // namespace cairn::extract
