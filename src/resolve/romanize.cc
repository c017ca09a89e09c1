#include "resolve/romanize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/data.h"

namespace cairn::resolve {
namespace {

constexpr UChar32 kHangulFirst = 0xAC00;
constexpr UChar32 kHangulLast = 0xD7A3;

bool IsHangul(UChar32 c) { return c >= kHangulFirst && c <= kHangulLast; }

// Calls f(c) for each well-formed code point of s; ill-formed bytes are skipped.
template <typename F>
void ForEachCodePoint(std::string_view s, F f) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c >= 0) f(c);
  }
}

void AppendUtf8(std::string* out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(buf, n, 4, c, err);
  if (!err) out->append(buf, static_cast<size_t>(n));
}

// Revised Romanization tables, by jamo index.
constexpr std::array<const char*, 19> kInitials = {
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
constexpr std::array<const char*, 21> kVowels = {
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
// Finals as pronounced at the end of a syllable (names are romanized
// syllable by syllable: 박 -> bak, 철 -> cheol).
constexpr std::array<const char*, 28> kFinals = {
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
    "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

std::string RomanizeSyllable(UChar32 c) {
  int idx = c - kHangulFirst;
  std::string s = kInitials[static_cast<size_t>(idx / 588)];
  s += kVowels[static_cast<size_t>((idx % 588) / 28)];
  s += kFinals[static_cast<size_t>(idx % 28)];
  return s;
}

// ---------------------------------------------------------------- syllables

const std::unordered_map<std::string_view, std::string_view>& NucleusTable() {
  static const auto* t = new std::unordered_map<std::string_view, std::string_view>{
      {"a", "a"},    {"ae", "ae"},  {"ai", "ae"},   {"ya", "ya"},   {"yae", "yae"},
      {"eo", "o"},   {"o", "o"},    {"ou", "o"},    {"e", "e"},     {"yeo", "yo"},
      {"yo", "yo"},  {"you", "yo"}, {"ye", "ye"},   {"wa", "wa"},   {"wae", "we"},
      {"oe", "we"},  {"oi", "we"},  {"we", "we"},   {"wo", "wo"},   {"weo", "wo"},
      {"wi", "wi"},  {"yu", "yu"},  {"yoo", "yu"},  {"u", "u"},     {"oo", "u"},
      {"eu", "u"},   {"ui", "i"},   {"eui", "i"},   {"yi", "i"},    {"i", "i"},
      {"ee", "i"},   {"ie", "i"},   {"woo", "u"},   {"wu", "u"}};
  return *t;
}

// Initial consonant -> class (before the r/l rule).
const std::unordered_map<std::string_view, std::string_view>& InitialTable() {
  static const auto* t = new std::unordered_map<std::string_view, std::string_view>{
      {"", ""},   {"g", "g"},   {"k", "g"},   {"kk", "g"},  {"gg", "g"},   {"kh", "g"},
      {"n", "n"}, {"d", "d"},   {"t", "d"},   {"tt", "d"},  {"th", "d"},   {"dd", "d"},
      {"r", "r"}, {"l", "r"},   {"rh", "r"},  {"lh", "r"},  {"m", "m"},    {"b", "b"},
      {"p", "b"}, {"pp", "b"},  {"ph", "b"},  {"bb", "b"},  {"s", "s"},    {"ss", "s"},
      {"sh", "s"}, {"j", "j"},  {"jj", "j"},  {"ch", "j"},  {"tch", "j"},  {"c", "j"},
      {"chh", "j"}, {"tj", "j"}, {"h", "h"}};
  return *t;
}

const std::unordered_map<std::string_view, std::string_view>& CodaTable() {
  static const auto* t = new std::unordered_map<std::string_view, std::string_view>{
      {"", ""},   {"k", "k"},  {"g", "k"},  {"kk", "k"}, {"ck", "k"}, {"n", "n"},
      {"t", "t"}, {"d", "t"},  {"s", "t"},  {"ss", "t"}, {"l", "l"},  {"r", "l"},
      {"ll", "l"}, {"m", "m"}, {"p", "p"},  {"b", "p"},  {"ng", "ng"}, {"h", ""}};
  return *t;
}

std::string ClassOf(std::string_view ini, std::string_view nuc, std::string_view coda) {
  std::string_view i = InitialTable().at(ini);
  std::string n(NucleusTable().at(nuc));
  std::string_view c = CodaTable().at(coda);
  // Breves are often dropped: ŏ and ŭ before a final read as o and u, so
  // fold u to o before ng and l (Sung = Sŏng, Chul = Ch'ŏl), and yu to yo
  // before k and n after a consonant (Hyuk = Hyŏk, Hyun = Hyŏn).
  if (n == "u" && (c == "ng" || c == "l")) n = "o";
  if (n == "yu" && (c == "ng" || ((c == "k" || c == "n") && !i.empty()))) n = "yo";
  std::string out;
  if (i == "r") {
    // DPRK keeps an initial r the South drops (Ri/I, Ryong/Yong) or turns to
    // n (Ro/No).
    if (!(n[0] == 'i' || n[0] == 'y')) out = "n";
  } else {
    out = std::string(i);
  }
  out += n;
  out += c;
  return out;
}

bool IsAsciiLower(std::string_view s) {
  for (char ch : s) {
    if (ch < 'a' || ch > 'z') return false;
  }
  return !s.empty();
}

// `rare_coda`, when given, is set for finals that romanizations of names
// rarely write (g, d, b, s, h, kk, ss, ll, ck: RR writes final k, t, p), so a
// split of "Hageun" prefers ha + geun over hag + eun.
std::string ComputeSyllableClass(std::string_view syl, bool* rare_coda = nullptr) {
  if (!IsAsciiLower(syl) || syl.size() > 8) return {};
  const auto& it = InitialTable();
  const auto& nt = NucleusTable();
  const auto& ct = CodaTable();
  // Longest initial first, then longest nucleus.
  for (size_t i = std::min<size_t>(3, syl.size()) + 1; i-- > 0;) {
    if (!it.count(syl.substr(0, i))) continue;
    for (size_t j = syl.size(); j > i; --j) {
      if (!nt.count(syl.substr(i, j - i))) continue;
      if (!ct.count(syl.substr(j))) continue;
      if (rare_coda) {
        std::string_view coda = syl.substr(j);
        *rare_coda = !(coda.empty() || coda == "k" || coda == "t" || coda == "p" || coda == "n" ||
                       coda == "m" || coda == "l" || coda == "ng");
      }
      return ClassOf(syl.substr(0, i), syl.substr(i, j - i), syl.substr(j));
    }
  }
  return {};
}

// ------------------------------------------------------------------ tables

struct Tables {
  std::unordered_map<std::string, std::pair<std::string, int>> surname;  // folded variant -> (class, rank)
  std::unordered_set<std::string> double_surnames;                      // Hangul
  std::unordered_set<std::string> common;                               // syllable classes
};

const Tables& GetTables() {
  static const Tables* t = [] {
    auto* tb = new Tables;
    auto contents = data::Get("romanization.tsv");
    if (!contents) return tb;
    int rank = 0;
    for (const auto& row : data::ParseTsv(*contents)) {
      if (row.empty()) continue;
      if (row[0] == "surname" && row.size() >= 3) {
        std::string cls(row[1]);
        for (size_t k = 2; k < row.size(); ++k) {
          std::string v = FoldLatin(row[k]);
          v.erase(std::remove(v.begin(), v.end(), '-'), v.end());
          tb->surname.emplace(v, std::make_pair(cls, rank));
        }
        ++rank;
      } else if (row[0] == "double_surname" && row.size() >= 2) {
        tb->double_surnames.emplace(row[1]);
      } else if (row[0] == "common_syllable") {
        for (size_t k = 1; k < row.size(); ++k) {
          std::string c = ComputeSyllableClass(FoldLatin(row[k]));
          if (!c.empty()) tb->common.insert(c);
        }
      }
    }
    return tb;
  }();
  return *t;
}

// (class, rank) of a surname as written, or nullptr.
const std::pair<std::string, int>* LookupSurname(std::string_view folded) {
  const auto& t = GetTables().surname;
  auto it = t.find(std::string(folded));
  return it == t.end() ? nullptr : &it->second;
}

// Splits one hyphen-free, ASCII-lowercase part into syllable classes,
// preferring frequent syllables, then fewer syllables, then a longer first
// syllable ("jongil" -> jong + il, "yukyung" -> yu + kyung).
bool SegmentPart(std::string_view part, std::vector<std::string>* out) {
  if (part.empty() || part.size() > 24) return false;
  std::string whole = ComputeSyllableClass(part);
  if (!whole.empty() && part.size() <= 6) {
    out->push_back(std::move(whole));
    return true;
  }
  const auto& common = GetTables().common;
  size_t n = part.size();
  constexpr int kInf = 1 << 20;
  std::vector<int> best(n + 1, kInf);
  std::vector<size_t> next(n + 1, 0);
  std::vector<std::string> cls(n + 1);
  best[n] = 0;
  for (size_t i = n; i-- > 0;) {
    for (size_t len = std::min<size_t>(7, n - i); len >= 1; --len) {
      if (best[i + len] >= kInf) continue;
      bool rare_coda = false;
      std::string c = ComputeSyllableClass(part.substr(i, len), &rare_coda);
      if (c.empty()) continue;
      int cost = (common.count(c) ? 2 : 5) + (rare_coda ? 4 : 0) + best[i + len];
      if (cost < best[i]) {
        best[i] = cost;
        next[i] = i + len;
        cls[i] = std::move(c);
      }
    }
  }
  if (best[0] >= kInf) return false;
  for (size_t i = 0; i < n; i = next[i]) out->push_back(cls[i]);
  return true;
}

// Splits a given name as written ("Jong-il", "Jong Il", "Yeonmi") into
// syllable classes; false when some part is not Korean.
bool SplitGiven(const std::vector<std::string>& tokens, std::vector<std::string>* out) {
  out->clear();
  for (const std::string& tok : tokens) {
    size_t start = 0;
    while (start <= tok.size()) {
      size_t dash = tok.find('-', start);
      if (dash == std::string::npos) dash = tok.size();
      std::string_view part(tok.data() + start, dash - start);
      if (!part.empty() && !SegmentPart(part, out)) return false;
      start = dash + 1;
    }
  }
  return !out->empty() && out->size() <= 3;
}

std::vector<UChar32> CodePoints(std::string_view s) {
  std::vector<UChar32> cps;
  ForEachCodePoint(s, [&](UChar32 c) { cps.push_back(c); });
  return cps;
}

bool HasHangul(std::string_view s) {
  bool found = false;
  ForEachCodePoint(s, [&](UChar32 c) { found = found || IsHangul(c); });
  return found;
}

// Folds and splits a name into words: letters, digits, hyphens inside words.
std::vector<std::string> Tokenize(std::string_view name) {
  std::string f = FoldLatin(name);
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    while (!cur.empty() && cur.back() == '-') cur.pop_back();
    size_t lead = 0;
    while (lead < cur.size() && cur[lead] == '-') ++lead;
    cur.erase(0, lead);
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < f.size(); ++i) {
    unsigned char ch = static_cast<unsigned char>(f[i]);
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80) {
      cur += f[i];
    } else if (ch == '-') {
      cur += '-';
    } else {
      flush();
    }
  }
  flush();
  // Titles are not part of the name.
  static const std::unordered_set<std::string> kTitles = {"mr", "mrs", "ms", "miss", "dr", "prof",
                                                          "sir", "madam", "mister"};
  std::vector<std::string> kept;
  for (auto& w : out) {
    if (!kTitles.count(w)) kept.push_back(std::move(w));
  }
  return kept;
}

std::string SurnameClassOf(std::string_view folded) {
  std::string f(folded);
  f.erase(std::remove(f.begin(), f.end(), '-'), f.end());
  if (const auto* s = LookupSurname(f)) return s->first;
  return {};
}

// Keys a name written in Hangul only: surname first, 2-4 syllables.
bool KeyHangul(const std::vector<std::string>& tokens, NameKey* key) {
  std::vector<UChar32> all;
  std::vector<size_t> breaks;  // syllable counts per token
  for (const auto& t : tokens) {
    auto cps = CodePoints(t);
    for (UChar32 c : cps) {
      if (!IsHangul(c)) return false;
    }
    all.insert(all.end(), cps.begin(), cps.end());
    breaks.push_back(cps.size());
  }
  if (all.empty() || all.size() > 5) return false;
  auto to_utf8 = [](const std::vector<UChar32>& v, size_t b, size_t e) {
    std::string s;
    for (size_t i = b; i < e; ++i) AppendUtf8(&s, v[i]);
    return s;
  };
  size_t sur_len = 1;
  if (all.size() >= 3 && GetTables().double_surnames.count(to_utf8(all, 0, 2))) sur_len = 2;
  if (tokens.size() >= 2) sur_len = breaks[0];
  if (all.size() == 1) {
    // One syllable alone: a surname when it is one, else a given name.
    std::string r = RomanizeSyllable(all[0]);
    std::string s = SurnameClassOf(r);
    key->kind = NameKey::Kind::kKorean;
    if (!s.empty()) {
      key->surname = s;
    } else {
      key->given.push_back(ComputeSyllableClass(r));
    }
    return true;
  }
  std::string sur_rom;
  for (size_t i = 0; i < sur_len; ++i) sur_rom += RomanizeSyllable(all[i]);
  std::string s = SurnameClassOf(sur_rom);
  if (s.empty()) s = sur_len == 1 ? ComputeSyllableClass(sur_rom) : sur_rom;
  key->kind = NameKey::Kind::kKorean;
  key->surname = s;
  for (size_t i = sur_len; i < all.size(); ++i) {
    key->given.push_back(ComputeSyllableClass(RomanizeSyllable(all[i])));
  }
  return true;
}

}  // namespace

// ------------------------------------------------------------------ public

bool NameKey::full() const {
  if (kind == Kind::kKorean) return !surname.empty() && !given.empty();
  if (kind == Kind::kOther) return words.size() >= 2;
  return false;
}

std::string NameKey::GivenString() const {
  std::string s;
  for (size_t i = 0; i < given.size(); ++i) {
    if (i) s += '-';
    s += given[i];
  }
  return s;
}

std::string NameKey::str() const {
  switch (kind) {
    case Kind::kNone:
      return {};
    case Kind::kKorean:
      return "k:" + surname + "|" + GivenString();
    case Kind::kOther: {
      std::string s = "x:";
      for (size_t i = 0; i < words.size(); ++i) {
        if (i) s += ' ';
        s += words[i];
      }
      return s;
    }
  }
  return {};
}

std::string FoldLatin(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  std::string out;
  out.reserve(s.size());
  ForEachCodePoint(s, [&](UChar32 c) {
    if (c < 0x80) {
      if (c == '\'' || c == '`') return;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      return;
    }
    // Apostrophe-like marks (MR aspiration): ’ ‘ ʼ ʻ ´.
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BB || c == 0x00B4) return;
    if (c == 0x2010 || c == 0x2011 || c == 0x2013) {  // hyphens and dashes
      out += '-';
      return;
    }
    if (IsHangul(c)) {
      AppendUtf8(&out, c);
      return;
    }
    c = u_tolower(c);
    icu::UnicodeString dec;
    if (U_SUCCESS(err) && nfd->getDecomposition(c, dec) && dec.length() > 0) {
      UChar32 base = dec.char32At(0);
      bool breve = false;
      for (int32_t k = U16_LENGTH(base); k < dec.length(); ++k) {
        UChar mark = dec.charAt(k);
        if (mark == 0x0306 || mark == 0x030C) breve = true;  // breve, or a caron used for one
      }
      if (breve && (base == 'o' || base == 'u')) {
        out += base == 'o' ? "eo" : "eu";
      } else {
        AppendUtf8(&out, base);
      }
      return;
    }
    if (u_charType(c) == U_NON_SPACING_MARK) return;
    AppendUtf8(&out, c);
  });
  return out;
}

std::string RomanizeHangul(std::string_view s, std::string_view sep) {
  std::string out;
  bool prev_hangul = false;
  ForEachCodePoint(s, [&](UChar32 c) {
    if (IsHangul(c)) {
      if (prev_hangul) out += sep;
      out += RomanizeSyllable(c);
      prev_hangul = true;
    } else {
      AppendUtf8(&out, c);
      prev_hangul = false;
    }
  });
  return out;
}

std::string SyllableClass(std::string_view syl) { return ComputeSyllableClass(syl); }

NameKey KeyName(std::string_view name, std::string_view surname_hint, std::string_view given_hint) {
  NameKey key;
  std::vector<std::string> tokens = Tokenize(name);
  if (tokens.empty()) return key;
  key.words = tokens;

  // The extractor's own split, when it gave one.
  if (!surname_hint.empty() || !given_hint.empty()) {
    NameKey h;
    h.words = tokens;
    bool ok = true;
    if (!surname_hint.empty()) {
      std::vector<std::string> st = Tokenize(surname_hint);
      if (st.size() == 1 && HasHangul(st[0])) st[0] = RomanizeHangul(st[0]);
      if (st.size() != 1) {
        ok = false;
      } else {
        h.surname = SurnameClassOf(st[0]);
        if (h.surname.empty()) ok = false;  // not a Korean surname: key by words below
      }
    }
    if (ok && !given_hint.empty()) {
      std::vector<std::string> gt = Tokenize(given_hint);
      for (auto& g : gt) {
        if (HasHangul(g)) g = RomanizeHangul(g, "-");
      }
      ok = SplitGiven(gt, &h.given);
    }
    if (ok) {
      h.kind = NameKey::Kind::kKorean;
      return h;
    }
  }

  bool all_hangul = true;
  for (const auto& t : tokens) {
    if (!HasHangul(t)) all_hangul = false;
  }
  if (all_hangul) {
    if (KeyHangul(tokens, &key)) return key;
  }
  for (auto& t : tokens) {
    if (HasHangul(t)) t = RomanizeHangul(t, "-");
  }

  const size_t n = tokens.size();
  std::vector<std::string> given;
  if (n == 1) {
    const std::string& t = tokens[0];
    if (t.find('-') == std::string::npos) {
      std::string s = SurnameClassOf(t);
      if (!s.empty()) {
        key.kind = NameKey::Kind::kKorean;
        key.surname = s;
        return key;
      }
    }
    if (SplitGiven(tokens, &given)) {
      key.kind = NameKey::Kind::kKorean;
      key.given = std::move(given);
      return key;
    }
    key.kind = NameKey::Kind::kOther;
    return key;
  }

  // Surname first, or given first ("Minji Lim"); the more common surname
  // wins when both ends could be one.
  auto rank_of = [](const std::string& t) -> int {
    if (t.find('-') != std::string::npos) return -1;
    const auto* s = LookupSurname(t);
    return s ? s->second : -1;
  };
  int first = rank_of(tokens[0]);
  int last = rank_of(tokens[n - 1]);
  std::vector<std::string> g_first, g_last;
  bool ok_first = first >= 0 &&
                  SplitGiven(std::vector<std::string>(tokens.begin() + 1, tokens.end()), &g_first);
  bool ok_last = last >= 0 &&
                 SplitGiven(std::vector<std::string>(tokens.begin(), tokens.end() - 1), &g_last);
  if (ok_first && ok_last) {
    if (last < first) ok_first = false;
    else ok_last = false;
  }
  if (ok_first) {
    key.kind = NameKey::Kind::kKorean;
    key.surname = SurnameClassOf(tokens[0]);
    key.given = std::move(g_first);
    return key;
  }
  if (ok_last) {
    key.kind = NameKey::Kind::kKorean;
    key.surname = SurnameClassOf(tokens[n - 1]);
    key.given = std::move(g_last);
    return key;
  }
  key.kind = NameKey::Kind::kOther;
  return key;
}

bool SameName(std::string_view a, std::string_view b) {
  NameKey ka = KeyName(a), kb = KeyName(b);
  return ka.full() && kb.full() && ka.str() == kb.str();
}

bool ShortFormOf(const NameKey& s, const NameKey& f) {
  if (!f.full() || s.full() || s.empty()) return false;
  if (s.kind == NameKey::Kind::kKorean && f.kind == NameKey::Kind::kKorean) {
    if (!s.surname.empty()) return s.given.empty() && s.surname == f.surname;
    return !s.given.empty() && s.given == f.given;
  }
  if (f.kind == NameKey::Kind::kOther && s.words.size() == 1) {
    return s.words[0] == f.words.front() || s.words[0] == f.words.back();
  }
  return false;
}

std::string NormalizeLabel(std::string_view s) {
  std::string f = FoldLatin(s);
  std::string out;
  bool space = false;
  for (char ch : f) {
    unsigned char u = static_cast<unsigned char>(ch);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += ch;
    } else {
      space = true;
    }
  }
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  return out;
}

}  // namespace cairn::resolve
