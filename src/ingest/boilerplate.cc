#include "ingest/boilerplate.h"

#include <array>
#include <cctype>
#include <string>
#include <unordered_set>

#include "core/data.h"
#include "core/ascii.h"

namespace cairn::ingest {
namespace {

// Lines with more words than this are prose for the prefix and weak rules.
constexpr size_t kShortWords = 14;

struct Cues {
  std::unordered_set<std::string> line;
  std::unordered_set<std::string> nav;
  std::vector<std::string> prefix;
  std::vector<std::string> contains;
  std::vector<std::string> weak;
  std::unordered_set<std::string> appeal;  // single words
  std::vector<std::string> action;
  // `contains` and `weak` phrases by first byte, for ContainsAny.
  std::array<std::vector<const std::string*>, 256> contains_by_first, weak_by_first;
};

const Cues& LoadCues() {
  static const Cues* const cues = [] {
    auto* c = new Cues;
    auto text = data::Get("boilerplate.tsv");
    if (!text) return c;
    for (const auto& row : data::ParseTsv(*text)) {
      if (row.size() < 2 || row[1].empty()) continue;
      std::string phrase(row[1]);
      if (row[0] == "line") c->line.insert(phrase);
      else if (row[0] == "nav") c->nav.insert(phrase);
      else if (row[0] == "prefix") c->prefix.push_back(phrase);
      else if (row[0] == "contains") c->contains.push_back(phrase);
      else if (row[0] == "weak") c->weak.push_back(phrase);
      else if (row[0] == "appeal") c->appeal.insert(phrase);
      else if (row[0] == "action") c->action.push_back(phrase);
    }
    for (const std::string& p : c->contains) {
      c->contains_by_first[static_cast<unsigned char>(p.front())].push_back(&p);
    }
    for (const std::string& p : c->weak) {
      c->weak_by_first[static_cast<unsigned char>(p.front())].push_back(&p);
    }
    return c;
  }();
  return *cues;
}

// <cctype> in the "C" locale, inline (these run on every byte of a page).
bool IsSpaceC(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
unsigned char LowerC(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
bool IsAlnumC(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsAsciiPunct(unsigned char c) {
  return std::ispunct(c) != 0 && c != '\'' && c != '&' && c != '#' && c != '@';
}

// Lower-cased, white space squashed, ASCII punctuation and spaces trimmed at
// both ends; U+00A0 and U+2019 are folded to ' ' and '\''.
std::string Normalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      space = true;
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && s[i + 1] == '\x80' &&
        (s[i + 2] == '\x99' || s[i + 2] == '\x98')) {
      c = '\'';
      i += 2;
    }
    if (IsSpaceC(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(static_cast<char>(LowerC(c)));
  }
  size_t b = 0, e = out.size();
  while (b < e && (out[b] == ' ' || IsAsciiPunct(static_cast<unsigned char>(out[b])))) ++b;
  while (e > b && (out[e - 1] == ' ' || IsAsciiPunct(static_cast<unsigned char>(out[e - 1])))) --e;
  return out.substr(b, e - b);
}

bool IsWordByte(char c) {
  return IsAlnumC(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80);
}

// `phrase` occurs in `s` at word boundaries.
bool ContainsPhrase(const std::string& s, const std::string& phrase) {
  size_t pos = 0;
  while ((pos = s.find(phrase, pos)) != std::string::npos) {
    bool left = pos == 0 || !IsWordByte(s[pos - 1]) || !IsWordByte(phrase.front());
    size_t e = pos + phrase.size();
    bool right = e >= s.size() || !IsWordByte(s[e]) || !IsWordByte(phrase.back());
    if (left && right) return true;
    ++pos;
  }
  return false;
}

// Some phrase of `phrases` (also given by first byte) occurs in `s` at word
// boundaries: ContainsPhrase for each, in one pass. A phrase that starts
// with a word byte can only match where a word starts.
bool ContainsAny(const std::string& s, const std::vector<std::string>& phrases,
                 const std::array<std::vector<const std::string*>, 256>& by_first) {
  for (const std::string& p : phrases) {
    if (!IsWordByte(p.front()) && ContainsPhrase(s, p)) return true;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsWordByte(s[i]) || (i > 0 && IsWordByte(s[i - 1]))) continue;
    for (const std::string* p : by_first[static_cast<unsigned char>(s[i])]) {
      if (s.compare(i, p->size(), *p) != 0) continue;
      size_t e = i + p->size();
      if (e >= s.size() || !IsWordByte(s[e]) || !IsWordByte(p->back())) return true;
    }
  }
  return false;
}

bool StartsWithPhrase(const std::string& s, const std::string& phrase) {
  if (s.compare(0, phrase.size(), phrase) != 0) return false;
  return s.size() == phrase.size() || !IsWordByte(s[phrase.size()]) || !IsWordByte(phrase.back());
}

// Lines with more words than this are never judged an appeal.
constexpr size_t kAppealWords = 30;

bool EndsWithPhrase(const std::string& s, const std::string& phrase) {
  if (s.size() < phrase.size() || s.compare(s.size() - phrase.size(), phrase.size(), phrase) != 0) {
    return false;
  }
  size_t b = s.size() - phrase.size();
  return b == 0 || !IsWordByte(s[b - 1]) || !IsWordByte(phrase.front());
}

// A fundraising appeal: a short line holding an appeal word ("donation")
// that starts or ends with a call to action ("Donate now", "Give today").
// Prose that merely mentions a donation has no call to action at its edge.
bool IsAppeal(const Cues& cues, const std::string& norm, size_t words) {
  if (words > kAppealWords || cues.appeal.empty()) return false;
  bool appeal = false;
  size_t i = 0;
  while (i < norm.size() && !appeal) {
    while (i < norm.size() && !std::isalpha(static_cast<unsigned char>(norm[i]))) ++i;
    size_t e = i;
    while (e < norm.size() && std::isalpha(static_cast<unsigned char>(norm[e]))) ++e;
    if (e > i && cues.appeal.count(norm.substr(i, e - i))) appeal = true;
    i = e;
  }
  if (!appeal) return false;
  for (const std::string& a : cues.action) {
    if (StartsWithPhrase(norm, a) || EndsWithPhrase(norm, a)) return true;
  }
  return false;
}

bool EndsWithI(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) {
      return false;
    }
  }
  return true;
}

bool LooksLikeImageName(std::string_view t) {
  if (t.size() < 3 || t.size() > 80) return false;
  for (char c : t) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || u >= 0x80) return false;
  }
  static const char* const kExt[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif",
                                     ".tiff", ".svg", ".heic"};
  for (const char* e : kExt) {
    if (EndsWithI(t, e)) return true;
  }
  // A name glued with underscores: "family_photo_3", "IMG_1234".
  bool has_underscore = t.find('_') != std::string_view::npos;
  bool all_word = true;
  for (char c : t) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') all_word = false;
  }
  return has_underscore && all_word;
}

}  // namespace

LineKind ClassifyLine(std::string_view raw) {
  std::string_view line = ascii::Trim(raw);
  if (line.empty()) return LineKind::kText;
  if (LooksLikeImageName(line)) return LineKind::kImageName;
  const Cues& cues = LoadCues();
  std::string norm = Normalize(line);
  if (norm.empty()) return LineKind::kText;
  if (cues.nav.count(norm)) return LineKind::kNav;
  if (cues.line.count(norm)) return LineKind::kBoilerplate;
  if (ContainsAny(norm, cues.contains, cues.contains_by_first)) return LineKind::kBoilerplate;
  size_t words = ascii::WordCount(norm);
  if (IsAppeal(cues, norm, words)) return LineKind::kBoilerplate;
  if (words <= kShortWords) {
    for (const std::string& p : cues.prefix) {
      if (StartsWithPhrase(norm, p)) return LineKind::kBoilerplate;
    }
    if (ContainsAny(norm, cues.weak, cues.weak_by_first)) return LineKind::kWeak;
  }
  return LineKind::kText;
}

std::vector<bool> BoilerplateMask(const std::vector<std::string_view>& lines) {
  std::vector<bool> drop(lines.size(), false);
  std::vector<LineKind> kinds(lines.size(), LineKind::kText);
  for (size_t i = 0; i < lines.size(); ++i) {
    kinds[i] = ClassifyLine(lines[i]);
    if (kinds[i] == LineKind::kBoilerplate || kinds[i] == LineKind::kImageName ||
        kinds[i] == LineKind::kNav) {
      drop[i] = true;
    }
  }
  // The tail: walk back over furniture and short lines to the last prose
  // line; from the first strong furniture line in that run, everything goes.
  size_t i = lines.size();
  size_t first_furniture = lines.size();
  while (i > 0) {
    std::string_view l = ascii::Trim(lines[i - 1]);
    if (!l.empty()) {
      LineKind k = kinds[i - 1];
      // Weak cues never start the run (prose may share their words); they,
      // like other short lines, only let the walk go on past them.
      bool strong = k == LineKind::kBoilerplate || k == LineKind::kImageName ||
                    k == LineKind::kNav;
      if (!strong && k != LineKind::kWeak && ascii::WordCount(l) > kShortWords) break;
      if (strong) first_furniture = i - 1;
    }
    --i;
  }
  // A page of short lines only (a list, a poem) has no prose to stop the
  // walk: the tail rule then applies only within the last half of the page.
  if (first_furniture < lines.size() && first_furniture < lines.size() / 2 && i == 0) {
    first_furniture = lines.size();
  }
  for (size_t j = first_furniture; j < lines.size(); ++j) {
    if (!ascii::Trim(lines[j]).empty()) drop[j] = true;
  }
  return drop;
}

}  // namespace cairn::ingest
