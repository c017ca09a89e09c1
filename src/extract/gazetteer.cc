#include "extract/gazetteer.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "core/data.h"

namespace cairn::extract {
namespace {

// Base letters of U+0100..U+017F (Latin Extended-A), lower-cased.
constexpr std::string_view kLatinExtA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkkllllllllllnnnnnnnnn"
    "oooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// Decodes one UTF-8 code point at s[*i], advancing *i; invalid bytes decode
// as themselves.
char32_t Decode(std::string_view s, size_t* i) {
  auto b = static_cast<unsigned char>(s[*i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  if (*i + static_cast<size_t>(len) > s.size()) len = 1;
  char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]) & 0x3F);
  *i += static_cast<size_t>(len);
  return cp;
}

// Folds a Latin letter to its ASCII base letter, 0 when not a Latin letter.
char FoldLatin(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp - 'A' + 'a');
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return static_cast<char>(cp);
    return 0;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    static constexpr char kLatin1[] =
        "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
        "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";
    char c = kLatin1[cp - 0xC0];
    return c;
  }
  if (cp >= 0x100 && cp <= 0x17F) return kLatinExtA[cp - 0x100];
  return 0;
}

bool IsJoiner(char32_t cp) {
  switch (cp) {
    case '\'': case '.': case '-': case '`':
    case 0x2018: case 0x2019: case 0x02BC: case 0x02BB: case 0x2010: case 0x2011:
    case 0x00B7:
      return true;
    default:
      return false;
  }
}

bool IsSeparator(char32_t cp) {
  if (cp < 0x80) return !(cp >= '0' && cp <= '9') && !(cp >= 'a' && cp <= 'z') && !(cp >= 'A' && cp <= 'Z');
  // General punctuation, spaces, dashes, quotes, CJK punctuation.
  return (cp >= 0x2000 && cp <= 0x206F) || cp == 0x00A0 || (cp >= 0x3000 && cp <= 0x303F) ||
         cp == 0x00AB || cp == 0x00BB || (cp >= 0xFF01 && cp <= 0xFF0F);
}

bool IsAllCapsSpelling(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return letters > 0;
}

double ParseDouble(std::string_view s) {
  std::string tmp(s);
  return std::strtod(tmp.c_str(), nullptr);
}

}  // namespace

std::vector<std::string_view> SplitBar(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t bar = s.find('|');
    std::string_view part = s.substr(0, bar);
    if (!part.empty()) out.push_back(part);
    if (bar == std::string_view::npos) break;
    s.remove_prefix(bar + 1);
  }
  return out;
}

bool AppendNormalizedWord(std::string_view word, std::string* out) {
  // Every code point folds to at most as many bytes as it is written in
  // (ß, two bytes, becomes "ss"; a lone trailing 0xDF byte may add one):
  // write in place, then trim.
  const size_t before = out->size();
  out->resize(before + word.size() + 1);
  char* const base = out->data() + before;
  size_t n = 0;
  size_t i = 0;
  while (i < word.size()) {
    auto byte = static_cast<unsigned char>(word[i]);
    if (byte < 0x80) {
      // ASCII: letters and digits kept (lower-cased), everything else is a
      // joiner or a separator and dropped.
      if (byte >= 'A' && byte <= 'Z') base[n++] = static_cast<char>(byte - 'A' + 'a');
      else if ((byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9')) base[n++] = static_cast<char>(byte);
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = Decode(word, &i);
    if (char c = FoldLatin(cp)) {
      base[n++] = c;
      if (cp == 0xDF) base[n++] = 's';  // ß -> ss
    } else if (IsJoiner(cp) || IsSeparator(cp)) {
      // dropped inside a word
    } else {
      for (size_t k = start; k < i; ++k) base[n++] = word[k];
    }
  }
  out->resize(before + n);
  return n > 0;
}

std::string Gazetteer::Normalize(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  size_t i = 0;
  size_t word_start = 0;
  auto flush = [&](size_t end) {
    if (end > word_start) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      size_t mark = out.size();
      if (!AppendNormalizedWord(name.substr(word_start, end - word_start), &out) && mark > 0) {
        out.pop_back();  // remove the space we added
      }
    }
  };
  while (i < name.size()) {
    size_t start = i;
    char32_t cp = Decode(name, &i);
    if (IsSeparator(cp) && !IsJoiner(cp)) {
      flush(start);
      word_start = i;
    }
  }
  flush(name.size());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Gazetteer Gazetteer::FromTsv(std::string_view tsv) {
  Gazetteer g;
  for (const auto& row : data::ParseTsv(tsv)) {
    if (row.size() < 2 || row[1].empty()) continue;
    GazetteerEntry e;
    e.id = std::string(row[0]);
    e.name = std::string(row[1]);
    if (row.size() > 2) e.hangul = std::string(row[2]);
    if (row.size() > 3)
      for (auto v : SplitBar(row[3])) e.variants.emplace_back(v);
    if (row.size() > 4) e.kind = std::string(row[4]);
    if (row.size() > 5) e.country = std::string(row[5]);
    if (row.size() > 6) e.lat = ParseDouble(row[6]);
    if (row.size() > 7) e.lon = ParseDouble(row[7]);
    auto index = static_cast<int32_t>(g.entries_.size());
    auto add = [&](std::string_view spelling, bool canonical) {
      std::string key = Normalize(spelling);
      if (key.empty()) return;
      int words = 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
      g.max_words_ = std::max(g.max_words_, words);
      for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
        g.prefixes_.emplace(key.substr(0, sp), true);
      g.prefixes_.emplace(key, true);
      Slot& slot = g.index_[key];
      if (!IsAllCapsSpelling(spelling)) slot.caps_only = false;
      if (spelling[0] >= 'a' && spelling[0] <= 'z') slot.lower_ok = true;
      auto& v = slot.entries;
      if (std::find(v.begin(), v.end(), index) != v.end()) return;
      v.push_back(index);
      if (canonical) std::rotate(v.begin(), v.end() - 1, v.end());
    };
    add(e.name, true);
    if (!e.hangul.empty()) add(e.hangul, false);
    for (const auto& v : e.variants) add(v, false);
    g.entries_.push_back(std::move(e));
  }
  // Among namesakes, the entry whose own name begins the key comes first
  // ("gangwon province" -> the row named Gangwon).
  for (auto& [index_key, slot] : g.index_) {
    if (slot.entries.size() < 2) continue;
    // A named reference: clang 14 cannot capture a structured binding.
    const std::string& key = index_key;
    std::stable_sort(slot.entries.begin(), slot.entries.end(), [&](int32_t a, int32_t b) {
      auto own = [&](int32_t i) {
        std::string n = Normalize(g.entries_[static_cast<size_t>(i)].name);
        return key.compare(0, n.size(), n) == 0 && (key.size() == n.size() || key[n.size()] == ' ');
      };
      return own(a) && !own(b);
    });
  }
  return g;
}

const Gazetteer& Gazetteer::Default() {
  static const Gazetteer* g = [] {
    auto contents = data::Get("gazetteer.tsv");
    return new Gazetteer(FromTsv(contents ? *contents : std::string_view()));
  }();
  return *g;
}

std::span<const int32_t> Gazetteer::FindKey(std::string_view key) const {
  auto it = index_.find(key);
  if (it == index_.end()) return {};
  return it->second.entries;
}

std::span<const int32_t> Gazetteer::Find(std::string_view name) const {
  return FindKey(Normalize(name));
}

const GazetteerEntry* Gazetteer::Lookup(std::string_view name) const {
  auto found = Find(name);
  return found.empty() ? nullptr : &entries_[static_cast<size_t>(found.front())];
}

bool Gazetteer::KeyNeedsCaps(std::string_view key) const {
  auto it = index_.find(key);
  return it != index_.end() && it->second.caps_only;
}

bool Gazetteer::IsKeyPrefix(std::string_view words) const {
  return prefixes_.find(words) != prefixes_.end();
}

bool Gazetteer::KeyAllowsLowercase(std::string_view key) const {
  auto it = index_.find(key);
  return it != index_.end() && it->second.lower_ok;
}

Result<PlaceCues> PlaceCues::FromTsv(std::string_view file_name, std::string_view tsv) {
  PlaceCues cues;
  for (const data::TsvRow& row : data::ParseTsvRows(tsv)) {
    const std::vector<std::string_view>& cols = row.fields;
    auto bad = [&](const char* column, std::string_view value, const char* want) {
      return data::BadTsvValue(file_name, row.line, column, value, want);
    };
    if (cols[0] != "demonym" && cols[0] != "agent")
      return bad("kind", cols[0], "one of demonym|agent");
    if (cols.size() < 2 || cols[1].empty()) return bad("word", "", "present");
    for (char c : cols[1])
      if (c >= 'A' && c <= 'Z') return bad("word", cols[1], "in lower case");
    if (cols[0] == "agent") {
      cues.agents.emplace(cols[1]);
      continue;
    }
    std::string_view cc = cols.size() > 2 ? cols[2] : std::string_view();
    if (cc.size() != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
      return bad("country", cc, "an ISO 3166-1 alpha-2 code");
    int words = 1 + static_cast<int>(std::count(cols[1].begin(), cols[1].end(), ' '));
    cues.max_demonym_words = std::max(cues.max_demonym_words, words);
    cues.demonyms.emplace(std::string(cols[1]), std::string(cc));
  }
  return cues;
}

const PlaceCues& PlaceCues::Default() {
  static const PlaceCues* cues = [] {
    auto contents = data::Get("demonyms.tsv");
    auto built = FromTsv("data/demonyms.tsv", contents ? *contents : std::string_view());
    // The embedded table is checked by the tests; one that fails is reported and left out.
    if (!built.ok()) {
      std::fprintf(stderr, "cairn: %s\n", built.status().message().c_str());
      return new PlaceCues();
    }
    return new PlaceCues(std::move(built.value()));
  }();
  return *cues;
}

}  // namespace cairn::extract
