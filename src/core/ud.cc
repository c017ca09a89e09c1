#include "core/ud.h"

#include <array>

namespace cairn::ud {
namespace {

constexpr std::array<std::string_view, kUposCount> kUpos = {
    "_",    "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET",  "INTJ", "NOUN",
    "NUM",  "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM",  "VERB", "X",
};

// UD English relations (EWT and PUD, UD 2.x, including subtypes that older
// releases used and newer ones renamed).
constexpr std::string_view kDeprels[] = {
    "_",           "acl",          "acl:relcl",    "advcl",       "advcl:relcl",
    "advmod",      "amod",         "appos",        "aux",         "aux:pass",
    "case",        "cc",           "cc:preconj",   "ccomp",       "clf",
    "compound",    "compound:prt", "conj",         "cop",         "csubj",
    "csubj:outer", "csubj:pass",   "dep",          "det",         "det:predet",
    "discourse",   "dislocated",   "expl",         "fixed",       "flat",
    "flat:foreign", "goeswith",    "iobj",         "list",        "mark",
    "nmod",        "nmod:desc",    "nmod:npmod",   "nmod:poss",   "nmod:tmod",
    "nmod:unmarked", "nsubj",      "nsubj:outer",  "nsubj:pass",  "nummod",
    "obj",         "obl",          "obl:agent",    "obl:npmod",   "obl:tmod",
    "obl:unmarked", "orphan",      "parataxis",    "punct",       "reparandum",
    "root",        "vocative",     "xcomp",        "det:poss",    "expl:pv",
};

constexpr std::string_view kXpos[] = {
    "_",   "#",   "$",    "''",  ",",   "-LRB-", "-RRB-", ".",   ":",   "ADD", "AFX",
    "CC",  "CD",  "DT",   "EX",  "FW",  "GW",    "HYPH",  "IN",  "JJ",  "JJR", "JJS",
    "LS",  "MD",  "NFP",  "NN",  "NNP", "NNPS",  "NNS",   "PDT", "POS", "PRP", "PRP$",
    "RB",  "RBR", "RBS",  "RP",  "SYM", "TO",    "UH",    "VB",  "VBD", "VBG", "VBN",
    "VBP", "VBZ", "WDT",  "WP",  "WP$", "WRB",   "``",
};

template <size_t N>
uint8_t Find(const std::string_view (&table)[N], std::string_view name) {
  for (size_t i = 1; i < N; ++i) {
    if (table[i] == name) return static_cast<uint8_t>(i);
  }
  return 0;
}

}  // namespace

std::string_view UposName(Upos u) {
  auto i = static_cast<size_t>(u);
  return i < kUpos.size() ? kUpos[i] : kUpos[0];
}

Upos UposFromName(std::string_view name) {
  for (size_t i = 1; i < kUpos.size(); ++i) {
    if (kUpos[i] == name) return static_cast<Upos>(i);
  }
  return Upos::kUnknown;
}

int DeprelCount() { return static_cast<int>(std::size(kDeprels)); }

std::string_view DeprelName(uint8_t id) {
  return id < std::size(kDeprels) ? kDeprels[id] : kDeprels[0];
}

uint8_t DeprelId(std::string_view name) { return Find(kDeprels, name); }

std::string_view DeprelBase(uint8_t id) {
  std::string_view name = DeprelName(id);
  return name.substr(0, name.find(':'));
}

int XposCount() { return static_cast<int>(std::size(kXpos)); }

std::string_view XposName(uint8_t id) {
  return id < std::size(kXpos) ? kXpos[id] : kXpos[0];
}

uint8_t XposId(std::string_view name) { return Find(kXpos, name); }

}  // namespace cairn::ud
