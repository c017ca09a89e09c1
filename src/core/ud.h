// Universal Dependencies tag sets: the part-of-speech and relation labels the
// syntax stage assigns and every later stage (extract, annotate) reads.
//
// Labels are small integer ids into fixed tables, so a token's syntax costs
// eight bytes; the names are exactly UD's (https://universaldependencies.org/u/
// for UPOS and relations, Penn Treebank tags for XPOS as English treebanks use
// them). The tables hold the relations of UD English EWT and PUD, old and new
// (obl:tmod and obl:unmarked alike). Id 0 is "unknown" in every table.
// Thread-safe: the tables are immutable.
#pragma once

#include <cstdint>
#include <string_view>

namespace cairn::ud {

enum class Upos : uint8_t {
  kUnknown = 0,
  kAdj, kAdp, kAdv, kAux, kCconj, kDet, kIntj, kNoun, kNum,
  kPart, kPron, kPropn, kPunct, kSconj, kSym, kVerb, kX,
};
inline constexpr int kUposCount = 18;  // including kUnknown

// "ADJ", "PROPN", ...; "_" for kUnknown.
std::string_view UposName(Upos u);
// kUnknown when `name` is not a UPOS tag.
Upos UposFromName(std::string_view name);

// Relation ids: 0 is unknown ("_"); DeprelName(DeprelId("nsubj:pass")) ==
// "nsubj:pass". DeprelId returns 0 for a label not in the table.
int DeprelCount();
std::string_view DeprelName(uint8_t id);
uint8_t DeprelId(std::string_view name);
// The universal part of a relation: "nsubj" for "nsubj:pass".
std::string_view DeprelBase(uint8_t id);

// Penn Treebank tags (XPOS in English UD): 0 is unknown ("_").
int XposCount();
std::string_view XposName(uint8_t id);
uint8_t XposId(std::string_view name);

}  // namespace cairn::ud
