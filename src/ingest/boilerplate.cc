#include "ingest/boilerplate.h"

#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_set>

#include "core/ascii.h"
#include "core/data.h"
#include "core/swar.h"

namespace cairn::ingest {
namespace {

// Lines with more words than this are prose for the prefix and weak rules.
constexpr size_t kShortWords = 14;

// Byte classes for Normalize.
enum ByteClass : uint8_t {
  kPlain,    // copied (lower-cased)
  kWhite,    // ' ', '\t' .. '\r'
  kSpecial,  // 0xC2, 0xE2: may start U+00A0 or U+2018/U+2019
};

// <cctype> in the "C" locale, as tables (these run on every byte of a page).
struct ByteTables {
  bool word[256] = {};   // [A-Za-z0-9] and every byte of a UTF-8 sequence
  bool alpha[256] = {};  // [A-Za-z]
  unsigned char lower[256] = {};
  uint8_t cls[256] = {};
  constexpr ByteTables() {
    for (int c = 0; c < 256; ++c) {
      cls[c] = c == ' ' || (c >= '\t' && c <= '\r') ? kWhite
               : c == 0xC2 || c == 0xE2               ? kSpecial
                                                      : kPlain;
      alpha[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      word[c] = alpha[c] || (c >= '0' && c <= '9') || c >= 0x80;
      lower[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
  }
};
constexpr ByteTables kBytes;

bool IsWordByte(char c) { return kBytes.word[static_cast<unsigned char>(c)]; }

// Eight bytes at a time (SWAR; words are loaded little-endian, byte k of a
// line in bits 8k..8k+7). Masks below hold bit 7 of each byte.
constexpr bool kSwar = std::endian::native == std::endian::little;
using swar::CountMarks;
using swar::kHigh;
using swar::kLow7;
using swar::kOnes;
using swar::Load8;
// Bytes of `w` (all below 0x80) in [lo, hi]. No carries cross bytes.
uint64_t InRange(uint64_t w, unsigned lo, unsigned hi) {
  return (w + kOnes * (0x80 - lo)) & ~(w + kOnes * (0x7F - hi)) & kHigh;
}
// Bytes of `w` (all below 0x80) equal to zero, exactly.
uint64_t ZeroBytes(uint64_t w) { return ~(((w & kLow7) + kLow7) | w | kLow7); }
// Word bytes (see IsWordByte).
uint64_t WordBytes(uint64_t w) {
  const uint64_t h = w & kLow7;
  return (w & kHigh) | InRange(h, 'a', 'z') | InRange(h, 'A', 'Z') | InRange(h, '0', '9');
}
bool IsAlphaC(char c) { return kBytes.alpha[static_cast<unsigned char>(c)]; }

// Phrases matched at word boundaries, with a filter on their first four
// bytes (hashed) so that most places in a line are rejected by one bit test.
struct PhraseSet {
  std::vector<std::string> phrases;
  std::vector<const std::string*> loose;  // not starting with a word byte, or shorter than 4
  std::array<std::vector<const std::string*>, 256> by_first;
  std::bitset<65536> first_four;

  static uint32_t Key(const char* p) {
    uint32_t w;
    std::memcpy(&w, p, sizeof w);
    return (w * 2654435761u) >> 16;
  }
  void Index() {
    for (const std::string& p : phrases) {
      if (!IsWordByte(p.front()) || p.size() < 4) {
        loose.push_back(&p);
        continue;
      }
      by_first[static_cast<unsigned char>(p[0])].push_back(&p);
      first_four.set(Key(p.data()));
    }
  }
};

struct Cues {
  std::unordered_set<std::string> line;
  std::unordered_set<std::string> nav;
  size_t longest_line_or_nav = 0;  // longer lines match neither set
  std::vector<std::string> prefix;
  std::array<std::vector<const std::string*>, 256> prefix_by_first;
  PhraseSet contains;
  PhraseSet weak;
  std::vector<std::string> appeal_words;
  std::unordered_set<std::string_view> appeal;  // single words, views of appeal_words
  size_t appeal_min = SIZE_MAX, appeal_max = 0;  // their lengths
  std::vector<std::string> action;
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
      else if (row[0] == "contains") c->contains.phrases.push_back(phrase);
      else if (row[0] == "weak") c->weak.phrases.push_back(phrase);
      else if (row[0] == "appeal") c->appeal_words.push_back(phrase);
      else if (row[0] == "action") c->action.push_back(phrase);
    }
    for (const auto* set : {&c->line, &c->nav}) {
      for (const std::string& p : *set) {
        c->longest_line_or_nav = std::max(c->longest_line_or_nav, p.size());
      }
    }
    for (const std::string& p : c->prefix) {
      c->prefix_by_first[static_cast<unsigned char>(p.front())].push_back(&p);
    }
    c->contains.Index();
    c->weak.Index();
    for (const std::string& w : c->appeal_words) {
      c->appeal.insert(w);
      c->appeal_min = std::min(c->appeal_min, w.size());
      c->appeal_max = std::max(c->appeal_max, w.size());
    }
    return c;
  }();
  return *cues;
}


bool IsAsciiPunct(unsigned char c) {
  return std::ispunct(c) != 0 && c != '\'' && c != '&' && c != '#' && c != '@';
}

// Lower-cased, white space squashed, ASCII punctuation and spaces trimmed at
// both ends; U+00A0 and U+2019 are folded to ' ' and '\''. Written into
// *out (its buffer reused from line to line); returns its number of words.
size_t Normalize(std::string_view s, std::string* out) {
  out->resize(s.size());
  char* const o0 = out->data();
  char* o = o0;
  size_t spaces = 0;
  const size_t n = s.size();
  size_t i = 0;
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < n) {
    // Eight printable ASCII bytes whose spaces are single and inside them
    // (most of a line of prose): copied lower-cased at once.
    while (kSwar && i + 8 <= n) {
      const uint64_t w = Load8(s.data() + i);
      if ((w & kHigh) != 0 || swar::HasByteBelow(w, 0x20) != 0) break;  // >= 0x80, < 0x20
      const uint64_t sp = ZeroBytes(w ^ (kOnes * ' '));
      if ((sp & 0x80) != 0 || (sp >> 63) != 0 || (sp & (sp << 8)) != 0) break;
      const uint64_t upper = InRange(w, 'A', 'Z');
      const uint64_t lowered = w | (upper >> 2);
      std::memcpy(o, &lowered, sizeof lowered);
      o += 8;
      i += 8;
      spaces += CountMarks(sp);
    }
    // A run of bytes copied as they are, lower-cased.
    while (i < n && kBytes.cls[at(i)] == kPlain) {
      *o++ = static_cast<char>(kBytes.lower[at(i)]);
      ++i;
    }
    if (i == n) break;
    const unsigned char c = at(i);
    if (kBytes.cls[c] == kWhite || (c == 0xC2 && i + 1 < n && at(i + 1) == 0xA0)) {
      // A run of white space (U+00A0 included): one space before what follows.
      while (i < n) {
        if (kBytes.cls[at(i)] == kWhite) {
          ++i;
        } else if (at(i) == 0xC2 && i + 1 < n && at(i + 1) == 0xA0) {
          i += 2;
        } else {
          break;
        }
      }
      if (i < n && o != o0) {
        *o++ = ' ';
        ++spaces;
      }
      continue;
    }
    if (c == 0xE2 && i + 2 < n && s[i + 1] == '\x80' &&
        (s[i + 2] == '\x99' || s[i + 2] == '\x98')) {
      *o++ = '\'';
      i += 3;
      continue;
    }
    *o++ = static_cast<char>(c);  // 0xC2 or 0xE2 starting another character
    ++i;
  }
  size_t b = 0, e = static_cast<size_t>(o - o0);
  while (b < e && (o0[b] == ' ' || IsAsciiPunct(static_cast<unsigned char>(o0[b])))) {
    spaces -= o0[b] == ' ' ? 1 : 0;
    ++b;
  }
  while (e > b && (o0[e - 1] == ' ' || IsAsciiPunct(static_cast<unsigned char>(o0[e - 1])))) {
    spaces -= o0[e - 1] == ' ' ? 1 : 0;
    --e;
  }
  out->resize(e);
  if (b > 0) out->erase(0, b);
  // Spaces are single and none is at either end: words are spaces + 1.
  return e > b ? spaces + 1 : 0;
}

// `phrase` occurs in `s` at word boundaries.
bool ContainsPhrase(std::string_view s, std::string_view phrase) {
  size_t pos = 0;
  while ((pos = s.find(phrase, pos)) != std::string_view::npos) {
    bool left = pos == 0 || !IsWordByte(s[pos - 1]) || !IsWordByte(phrase.front());
    size_t e = pos + phrase.size();
    bool right = e >= s.size() || !IsWordByte(s[e]) || !IsWordByte(phrase.back());
    if (left && right) return true;
    ++pos;
  }
  return false;
}

// Some phrase of `set` occurs in `s` at word boundaries: ContainsPhrase for
// each, in one pass. A phrase that starts with a word byte can only match
// where a word starts.
bool ContainsAny(std::string_view s, const PhraseSet& set) {
  for (const std::string* p : set.loose) {
    if (ContainsPhrase(s, *p)) return true;
  }
  const size_t n = s.size();
  auto at_start = [&](size_t i) {  // s[i] starts a word
    if (i + 4 > n || !set.first_four.test(PhraseSet::Key(s.data() + i))) return false;
    for (const std::string* p : set.by_first[static_cast<unsigned char>(s[i])]) {
      if (s.compare(i, p->size(), *p) != 0) continue;
      size_t e = i + p->size();
      if (e >= n || !IsWordByte(s[e]) || !IsWordByte(p->back())) return true;
    }
    return false;
  };
  size_t i = 0;
  bool prev_word = false;  // s[i - 1] is a word byte
  while (kSwar && i + 8 <= n) {
    const uint64_t word = WordBytes(Load8(s.data() + i));
    uint64_t starts = word & ~((word << 8) | (prev_word ? 0x80 : 0));
    prev_word = (word >> 63) != 0;
    while (starts != 0) {
      if (at_start(i + static_cast<size_t>(std::countr_zero(starts)) / 8)) return true;
      starts &= starts - 1;
    }
    i += 8;
  }
  for (; i < n; ++i) {
    const bool word = IsWordByte(s[i]);
    if (word && !prev_word && at_start(i)) return true;
    prev_word = word;
  }
  return false;
}

bool StartsWithPhrase(std::string_view s, std::string_view phrase) {
  if (s.compare(0, phrase.size(), phrase) != 0) return false;
  return s.size() == phrase.size() || !IsWordByte(s[phrase.size()]) || !IsWordByte(phrase.back());
}

// Lines with more words than this are never judged an appeal.
constexpr size_t kAppealWords = 30;

bool EndsWithPhrase(std::string_view s, std::string_view phrase) {
  if (s.size() < phrase.size() || s.compare(s.size() - phrase.size(), phrase.size(), phrase) != 0) {
    return false;
  }
  size_t b = s.size() - phrase.size();
  return b == 0 || !IsWordByte(s[b - 1]) || !IsWordByte(phrase.front());
}

// A fundraising appeal: a short line holding an appeal word ("donation")
// that starts or ends with a call to action ("Donate now", "Give today").
// Prose that merely mentions a donation has no call to action at its edge.
bool IsAppeal(const Cues& cues, std::string_view norm, size_t words) {
  if (words > kAppealWords || cues.appeal.empty()) return false;
  bool appeal = false;
  size_t i = 0;
  while (i < norm.size() && !appeal) {
    while (i < norm.size() && !IsAlphaC(norm[i])) ++i;
    size_t e = i;
    while (e < norm.size() && IsAlphaC(norm[e])) ++e;
    if (e - i >= cues.appeal_min && e - i <= cues.appeal_max &&
        cues.appeal.count(norm.substr(i, e - i))) {
      appeal = true;
    }
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

// A line the tail rule never sweeps away unless a cue of its own says so: a
// sentence (five words or more, ending like one). Footers are short labels
// ("Tags: news", "Posted by admin"); a short sentence after a cue in
// mid-document ("He was arrested in Yanji in 2002.") is text.
bool LooksLikeProse(std::string_view line) {
  const size_t words = ascii::WordCount(line);
  if (words > kShortWords) return true;
  if (words < 5) return false;
  std::string_view t = line;
  // Closing quotes and brackets after the full stop.
  while (!t.empty()) {
    const unsigned char c = static_cast<unsigned char>(t.back());
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      t.remove_suffix(1);
    } else if (t.size() >= 3 && t.substr(t.size() - 3) == "\xE2\x80\x9D") {  // ”
      t.remove_suffix(3);
    } else {
      break;
    }
  }
  return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?');
}

}  // namespace

LineKind ClassifyLine(std::string_view raw) {
  std::string_view line = ascii::Trim(raw);
  if (line.empty()) return LineKind::kText;
  if (LooksLikeImageName(line)) return LineKind::kImageName;
  const Cues& cues = LoadCues();
  thread_local std::string norm_buffer;
  const size_t words = Normalize(line, &norm_buffer);
  const std::string& norm = norm_buffer;
  if (norm.empty()) return LineKind::kText;
  if (norm.size() <= cues.longest_line_or_nav) {
    if (cues.nav.count(norm)) return LineKind::kNav;
    if (cues.line.count(norm)) return LineKind::kBoilerplate;
  }
  if (ContainsAny(norm, cues.contains)) return LineKind::kBoilerplate;
  if (IsAppeal(cues, norm, words)) return LineKind::kBoilerplate;
  if (words <= kShortWords) {
    for (const std::string* p : cues.prefix_by_first[static_cast<unsigned char>(norm[0])]) {
      if (StartsWithPhrase(norm, *p)) return LineKind::kBoilerplate;
    }
    if (ContainsAny(norm, cues.weak)) return LineKind::kWeak;
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
  // A cue takes its own line; in the tail also the labels around it, but
  // never a sentence that no cue marks.
  for (size_t j = first_furniture; j < lines.size(); ++j) {
    std::string_view l = ascii::Trim(lines[j]);
    if (l.empty()) continue;
    if (kinds[j] == LineKind::kText && LooksLikeProse(l)) continue;
    drop[j] = true;
  }
  return drop;
}

}  // namespace cairn::ingest
