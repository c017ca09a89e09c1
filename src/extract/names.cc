// NameFinder: a cascade over "units" (tokens glued without white space by a
// hyphen or an apostrophe: "Myong-hui", "P'yongyang"), each stage claiming
// the units it names so later stages never see them:
//   1. works after a trigger ("autobiography called X", "his 2014 book, X")
//   2. known organizations and gazetteer places, longest match in one pass
//   3. organizations by head word ("... Institute", "Ministry of ...")
//   4. unknown places by head word ("X Province", "X County")
//   5. persons: speaker labels, bylines, Korean names by structure, Western
//      names, titles; then bare surnames and given names that repeat a full
//      name found in the document; Hangul names; pseudonyms.
//   6. proper-noun runs no rule above explained, read by the tagger, that
//      Korean-name structure or a person cue makes persons (FindTaggedNames).
// Then mentions are clustered into LocalEntity values.
#include "extract/names.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/data.h"
#include "core/ud.h"
#include "extract/gazetteer.h"

namespace cairn::extract {
namespace {

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StrSet = std::unordered_set<std::string, SvHash, std::equal_to<>>;
template <typename V>
using StrMap = std::unordered_map<std::string, V, SvHash, std::equal_to<>>;

// Stopword categories (data/name_stopwords.tsv).
enum StopBits : uint8_t {
  kStopTitle = 1,
  kStopMonth = 2,
  kStopWeekday = 4,
  kStopWord = 8,
  kStopDemonym = 16,
  kStopAmbiguous = 32,
};
constexpr uint8_t kStopHard = kStopMonth | kStopWeekday | kStopWord | kStopDemonym;

// What the lexicons say about one normalized word, gathered in one map so a
// unit costs one hash lookup (WordFacts::bits).
enum WordBits : uint16_t {
  kWordSurname = 1,
  kWordWestern = 2,
  kWordOrgHead = 4,
  kWordGazFirst = 8,     // first word of some gazetteer key (or a one-word key)
  kWordOrgFirst = 16,    // first word of some known organization key
  kWordWorkTrigger = 32, // "book", "memoir", "called" (kWorkTriggers)
  kWordPlaceHead = 64,   // "province", "county", "river" (kPlaceHeads)
  kWordGazLowerFirst = 128,  // first word of a multi-word gazetteer key that may match in
                             // lower case ("demilitarized zone")
};
struct WordFacts {
  uint8_t stop = 0;
  uint16_t bits = 0;
};

// Given-name syllables packed into a uint64 (they are at most 8 bytes and
// never contain NUL, so packing is one-to-one) in an open-addressing table:
// SyllableCount probes every substring of a capitalized word.
class PackedSet {
 public:
  static bool Pack(std::string_view s, uint64_t* out) {
    if (s.empty() || s.size() > 8) return false;
    uint64_t v = 0;
    for (size_t i = 0; i < s.size(); ++i) v |= uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
    *out = v;
    return true;
  }
  void Insert(std::string_view s) {
    uint64_t v;
    if (!Pack(s, &v)) return;
    if ((count_ + 1) * 2 > table_.size()) Grow();
    Put(v);
  }
  bool Contains(uint64_t v) const {
    if (table_.empty()) return false;
    for (size_t i = Slot(v);; i = (i + 1) & (table_.size() - 1)) {
      if (table_[i] == v) return true;
      if (table_[i] == 0) return false;
    }
  }

 private:
  size_t Slot(uint64_t v) const {
    return static_cast<size_t>((v * 0x9E3779B97F4A7C15ull) >> 40) & (table_.size() - 1);
  }
  void Put(uint64_t v) {
    for (size_t i = Slot(v);; i = (i + 1) & (table_.size() - 1)) {
      if (table_[i] == v) return;
      if (table_[i] == 0) {
        table_[i] = v;
        ++count_;
        return;
      }
    }
  }
  void Grow() {
    std::vector<uint64_t> old = std::move(table_);
    table_.assign(old.empty() ? 64 : old.size() * 2, 0);
    count_ = 0;
    for (uint64_t v : old)
      if (v) Put(v);
  }
  std::vector<uint64_t> table_;
  size_t count_ = 0;
};

std::string Norm(std::string_view s) { return Gazetteer::Normalize(s); }

// Words after which a title may follow ("his book X", "a poem called X").
constexpr std::array<std::string_view, 22> kWorkTriggers = {
    "autobiography", "memoir", "memoirs", "book", "novel", "novella", "poem", "poems",
    "collection", "film", "documentary", "titled", "entitled", "called", "essay",
    "song", "album", "play", "anthology", "biography", "movie", "series"};

// Head words of unknown places ("X Province"); FindPlacesByHead maps them to a kind.
constexpr std::array<std::string_view, 15> kPlaceHeads = {
    "province", "prefecture", "state", "county", "city", "district", "town", "village",
    "river", "camp", "prison", "airport", "island", "mountain", "mountains"};

// The lexicons, built once from the embedded data files.
struct Lexicon {
  StrMap<std::string> surnames;  // normalized romanization -> Hangul
  StrSet hangul_surnames;
  StrSet syllables;
  PackedSet packed_syllables;  // the same syllables, for SyllableCount
  StrMap<WordFacts> facts;     // every word any lexicon knows
  StrSet western;
  StrMap<uint8_t> stop;
  StrSet org_heads;
  StrMap<int> org_keys;  // normalized name or alias -> index into org_names
  StrSet org_prefixes;   // word prefixes of org_keys (and the keys)
  StrSet org_caps_only;  // keys spelled only in capitals ("AP", "UN")
  std::vector<std::string> org_names;
  int org_max_words = 1;
  // The parts of a romanized syllable (data/syllable_shapes.tsv).
  StrSet shape_initials{""}, shape_vowels, shape_finals{""};
  // Person cues of the tagged-name rule: verbs of saying after a name, role
  // nouns and posts beside it, phrases before it (data/person_cues.tsv,
  // data/job_titles.tsv, word_classes.tsv speech_verb).
  StrSet cue_verbs, cue_roles;
  StrSet not_person_heads;  // "hotel", "street", "day": a run holding one is no person
  std::vector<std::vector<std::string>> cue_before;  // each phrase's words
  const Gazetteer* gaz = nullptr;

  static const Lexicon& Get() {
    static const Lexicon* lex = new Lexicon();
    return *lex;
  }

  Lexicon() {
    gaz = &Gazetteer::Default();
    auto rows = [](const char* name) {
      auto contents = data::Get(name);
      return data::ParseTsv(contents ? *contents : std::string_view());
    };
    for (const auto& r : rows("surnames.tsv")) {
      if (r.size() < 2) continue;
      hangul_surnames.emplace(r[0]);
      for (auto v : SplitBar(r[1])) surnames.emplace(Norm(v), std::string(r[0]));
    }
    for (const auto& r : rows("given_syllables.tsv")) {
      if (r.empty()) continue;
      std::string key = Norm(r[0]);
      packed_syllables.Insert(key);
      syllables.insert(std::move(key));
    }
    for (const auto& r : rows("syllable_shapes.tsv")) {
      if (r.size() < 2) continue;
      StrSet* set = r[0] == "initial" ? &shape_initials
                    : r[0] == "vowel" ? &shape_vowels
                    : r[0] == "final" ? &shape_finals
                                      : nullptr;
      if (set) set->insert(std::string(r[1]));
    }
    for (const auto& r : rows("western_names.tsv")) {
      if (!r.empty()) western.insert(Norm(r[0]));
    }
    for (const auto& r : rows("name_stopwords.tsv")) {
      if (r.size() < 2) continue;
      uint8_t bit = r[0] == "title"     ? kStopTitle
                    : r[0] == "month"   ? kStopMonth
                    : r[0] == "weekday" ? kStopWeekday
                    : r[0] == "demonym" ? kStopDemonym
                    : r[0] == "ambiguous" ? kStopAmbiguous
                                          : kStopWord;
      stop[Norm(r[1])] |= bit;
    }
    for (const auto& r : rows("organizations.tsv")) {
      if (r.size() < 2) continue;
      if (r[0] == "head") {
        org_heads.insert(Norm(r[1]));
      } else if (r[0] == "org") {
        int index = static_cast<int>(org_names.size());
        org_names.emplace_back(r[1]);
        std::vector<std::string_view> spellings{r[1]};
        if (r.size() > 2)
          for (auto a : SplitBar(r[2])) spellings.push_back(a);
        for (auto sp : spellings) {
          std::string key = Norm(sp);
          if (key.empty()) continue;
          bool caps = std::none_of(sp.begin(), sp.end(), [](char c) { return c >= 'a' && c <= 'z'; });
          org_keys.emplace(key, index);
          for (size_t at = key.find(' '); at != std::string::npos; at = key.find(' ', at + 1))
            org_prefixes.insert(key.substr(0, at));
          org_prefixes.insert(key);
          if (caps) org_caps_only.insert(key);
          int words = 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
          org_max_words = std::max(org_max_words, words);
        }
      }
    }
    for (const auto& r : rows("person_cues.tsv")) {
      if (r.size() < 2) continue;
      if (r[0] == "verb") {
        cue_verbs.insert(Norm(r[1]));
      } else if (r[0] == "role") {
        cue_roles.insert(Norm(r[1]));
      } else if (r[0] == "not") {
        not_person_heads.insert(Norm(r[1]));
      } else if (r[0] == "before") {
        std::vector<std::string> words;
        std::string_view w = r[1];
        while (!w.empty()) {
          const size_t sp = w.find(' ');
          if (sp != 0) words.push_back(Norm(w.substr(0, sp)));
          w = sp == std::string_view::npos ? std::string_view() : w.substr(sp + 1);
        }
        if (!words.empty()) cue_before.push_back(std::move(words));
      }
    }
    for (const auto& r : rows("job_titles.tsv"))
      if (!r.empty()) cue_roles.insert(Norm(r[0]));
    for (const auto& r : rows("word_classes.tsv")) {
      if (r.size() < 2 || r[0] != "speech_verb") continue;
      for (auto v : SplitBar(r[1])) cue_verbs.insert(Norm(v));
    }
    for (const auto& [k, bits] : stop) facts[k].stop = bits;
    for (const auto& [k, h] : surnames) facts[k].bits |= kWordSurname;
    for (const auto& k : western) facts[k].bits |= kWordWestern;
    for (const auto& k : org_heads) facts[k].bits |= kWordOrgHead;
    for (const auto& k : org_prefixes)
      if (k.find(' ') == std::string::npos) facts[k].bits |= kWordOrgFirst;
    for (size_t i = 0; i < gaz->size(); ++i) {
      const GazetteerEntry& e = gaz->entry(static_cast<int32_t>(i));
      std::vector<std::string_view> spellings{e.name};
      if (!e.hangul.empty()) spellings.push_back(e.hangul);
      for (const auto& v : e.variants) spellings.push_back(v);
      for (auto sp : spellings) {
        std::string key = Norm(sp);
        std::string first = key.substr(0, key.find(' '));
        if (!first.empty() && gaz->IsKeyPrefix(first)) facts[first].bits |= kWordGazFirst;
        if (first.size() < key.size() && gaz->KeyAllowsLowercase(key))
          facts[first].bits |= kWordGazLowerFirst;
      }
    }
    for (auto k : kWorkTriggers) facts[std::string(k)].bits |= kWordWorkTrigger;
    for (auto k : kPlaceHeads) facts[std::string(k)].bits |= kWordPlaceHead;
  }

  uint8_t Stop(std::string_view key) const {
    auto it = stop.find(key);
    return it == stop.end() ? 0 : it->second;
  }
  bool IsSurname(std::string_view key) const { return surnames.count(key) > 0; }
  bool IsSyllable(std::string_view key) const { return syllables.count(key) > 0; }
  WordFacts Facts(std::string_view key) const {
    auto it = facts.find(key);
    return it == facts.end() ? WordFacts{} : it->second;
  }

  // True when `key` has the shape of one romanized Korean syllable: an
  // initial, a vowel and a final from syllable_shapes.tsv ("sop", "phyong").
  bool IsShapedSyllable(std::string_view key) const {
    if (key.empty() || key.size() > 8) return false;
    for (char c : key)
      if (c < 'a' || c > 'z') return false;
    for (size_t i = 0; i <= 3 && i < key.size(); ++i) {
      if (!shape_initials.count(key.substr(0, i))) continue;
      for (size_t j = key.size(); j > i; --j) {
        if (shape_vowels.count(key.substr(i, j - i)) && shape_finals.count(key.substr(j)))
          return true;
      }
    }
    return false;
  }

  // Number of given-name syllables `key` splits into (fewest), 0 when it
  // does not split into 1..max_parts known syllables.
  int SyllableCount(std::string_view key, int max_parts) const {
    if (key.empty() || key.size() > 18) return 0;
    std::array<int, 19> best;  // only [0, key.size()] is used
    best[0] = 0;
    for (size_t i = 1; i <= key.size(); ++i) best[i] = 100;
    for (size_t i = 0; i < key.size(); ++i) {
      if (best[i] >= 100) continue;
      uint64_t packed = 0;
      for (size_t len = 1; len <= 6 && i + len <= key.size(); ++len) {
        packed |= uint64_t{static_cast<unsigned char>(key[i + len - 1])} << (8 * (len - 1));
        if (packed_syllables.Contains(packed)) best[i + len] = std::min(best[i + len], best[i] + 1);
      }
    }
    int n = best[key.size()];
    return n <= max_parts ? n : 0;
  }
};

// A word or a run of tokens glued by hyphens/apostrophes ("Myong-hui").
// Units are one per word, so their size is most of extraction's memory: 24
// bytes each. The span and sentence are read from the tokens (Pass::USpan,
// Pass::USentence), the key from one shared buffer, the flags are bits.
struct Unit {
  uint32_t tok_begin = 0, tok_end = 0;
  // The normalized key: bytes [key_off, key_off + key_len) of Pass::keys_.
  uint32_t key_off = 0, key_len = 0;
  uint8_t word_parts = 0;  // word tokens inside (2 for "Myong-hui")
  // Lexicon facts about `key`, looked up once.
  uint8_t stop = 0;
  int8_t syllables = 0;     // given-name syllables it splits into (<= 3), 0 when none
  uint16_t word_bits = 0;   // WordFacts::bits of `key` (any case)
  bool hyphen : 1 = false;  // glued by a hyphen
  bool word : 1 = false;
  bool number : 1 = false;
  bool upper : 1 = false;  // first letter upper case
  bool allcaps : 1 = false;
  bool hangul : 1 = false;
  bool sent_start : 1 = false;
  bool line_start : 1 = false;
  bool surname : 1 = false;
  bool western : 1 = false;
  bool org_head : 1 = false;
  bool hyphen_given : 1 = false;  // IsHyphenGiven, computed once
};

enum Claim : uint8_t { kFree = 0, kClaimOrg, kClaimPlace, kClaimWork, kClaimPerson };

// A person mention before clustering.
struct PersonCand {
  uint32_t ub = 0, ue = 0;  // units [ub, ue)
  // Surface parts (spans of the text) and their normalized keys (views into
  // Pass::keys_ or the text): no string copies per mention.
  Span surname, given;
  std::string_view surname_key, given_key;
  bool full = false;        // surname and given both present
  bool partial = false;
  bool speaker = false;
  bool author = false;
  bool pseudonym = false;
  bool hangul = false;
  int32_t attach_to = -1;   // Hangul alias: index of the PersonCand it names
  int32_t cluster = -1;
};

struct OtherCand {
  EntityType type = EntityType::kPlace;
  uint32_t ub = 0, ue = 0;
  int32_t gaz = -1;
  int32_t org = -1;
  std::string kind;  // places not in the gazetteer
  std::string key;   // cluster key
};

bool IsHyphenTok(std::string_view t) {
  return t == "-" || t == "\u2010" || t == "\u2011";
}
bool IsApostropheTok(std::string_view t) {
  return t == "'" || t == "\u2019" || t == "\u02BC" || t == "\u2018";
}
bool IsClitic(std::string_view t) {
  return t == "s" || t == "t" || t == "re" || t == "ll" || t == "ve" || t == "d" || t == "m" ||
         t == "S" || t == "T";
}
bool IsSkippablePunct(std::string_view t) {
  return t == "." || t == "," || IsApostropheTok(t) || IsHyphenTok(t) || t == "\u2013" ||
         t == "\u2014";
}
bool IsOpenQuote(std::string_view t) {
  return t == "\"" || t == "\u201C" || t == "\u2018" || t == "'" || t == "\u00AB";
}
bool IsCloseQuote(std::string_view t) {
  return t == "\"" || t == "\u201D" || t == "\u2019" || t == "'" || t == "\u00BB";
}

int HangulSyllables(std::string_view s) {
  // U+AC00..U+D7A3 are encoded EA B0 80 .. ED 9E A3: three bytes each.
  if (s.size() % 3 != 0) return -1;
  for (size_t i = 0; i < s.size(); i += 3) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0xEA || b > 0xED) return -1;
  }
  return static_cast<int>(s.size() / 3);
}

class Pass {
 public:
  Pass(const Lexicon& lex, Document* doc, const TagWords* tag = nullptr)
      : lex_(lex), doc_(doc), tag_(tag) {}

  void Go() {
    doc_->mentions.clear();
    doc_->entities.clear();
    if (doc_->tokens.empty()) return;
    BuildUnits();
    // At most about one candidate per unit: reserved once, its untouched
    // pages cost nothing, where doubling held the old and new arrays at once.
    persons_.reserve(units_.size());
    claim_.assign(units_.size(), kFree);
    FindWorks();
    FindKnown(/*places=*/false);
    FindOrgsByHead();
    FindKnown(/*places=*/true);
    FindOrgAcronyms();
    FindNumberedFacilities();
    FindPlacesByHead();
    FindSpeakersAndBylines();
    FindPersons();
    FindNamedSurnames();
    FindHangulNames();
    FindTaggedNames();
    ClusterPersons();
    LinkPartials();
    ResolvePseudonyms();
    Emit();
  }

 private:
  std::string_view Tok(uint32_t t) const { return doc_->Slice(doc_->tokens[t].span); }
  Span SpanOf(const Unit& x) const {
    return Span{doc_->tokens[x.tok_begin].span.begin, doc_->tokens[x.tok_end - 1].span.end};
  }
  Span USpan(uint32_t u) const { return SpanOf(units_[u]); }
  uint32_t USentence(uint32_t u) const { return doc_->tokens[units_[u].tok_begin].sentence; }
  std::string_view Text(uint32_t u) const { return doc_->Slice(USpan(u)); }
  std::string_view Text(uint32_t ub, uint32_t ue) const {
    const uint32_t b = doc_->tokens[units_[ub].tok_begin].span.begin;
    return std::string_view(doc_->text)
        .substr(b, doc_->tokens[units_[ue - 1].tok_end - 1].span.end - b);
  }
  bool Free(uint32_t u) const { return claim_[u] == kFree; }
  bool SameSentence(uint32_t a, uint32_t b) const { return USentence(a) == USentence(b); }
  bool NameLike(uint32_t u) const {
    const Unit& x = units_[u];
    return x.word && x.upper && !x.hangul && Free(u);
  }
  uint8_t Stop(uint32_t u) const { return units_[u].stop; }
  // The unit's key as a view: comparisons with literals check the size first.
  std::string_view Key(uint32_t u) const { return KeyOf(units_[u]); }
  std::string_view KeyOf(const Unit& x) const {
    return std::string_view(keys_).substr(x.key_off, x.key_len);
  }

  void BuildUnits() {
    const auto& toks = doc_->tokens;
    const std::string& text = doc_->text;
    units_.reserve(toks.size());
    // A key is at most as long as its unit's text: keys_ never reallocates,
    // so views into it stay valid.
    keys_.reserve(text.size() + toks.size());
    for (uint32_t i = 0; i < toks.size();) {
      Unit& u = units_.emplace_back();
      u.tok_begin = i;
      uint32_t j = i + 1;
      u.word_parts = toks[i].Has(kTokWord) ? 1 : 0;
      if (toks[i].Has(kTokWord) || toks[i].Has(kTokNumber)) {
        while (j + 1 < toks.size() && !toks[j].Has(kTokSpaceBefore) &&
               !toks[j + 1].Has(kTokSpaceBefore) && toks[j].sentence == toks[i].sentence &&
               toks[j + 1].Has(kTokWord)) {
          std::string_view mid = Tok(j);
          if (IsHyphenTok(mid)) {
            u.hyphen = true;
          } else if (!(IsApostropheTok(mid) && !IsClitic(Tok(j + 1)))) {
            break;
          }
          ++u.word_parts;
          j += 2;
        }
      }
      u.tok_end = j;
      const Span span{toks[i].span.begin, toks[j - 1].span.end};
      std::string_view s = doc_->Slice(span);
      u.key_off = static_cast<uint32_t>(keys_.size());
      AppendNormalizedWord(s, &keys_);
      u.key_len = static_cast<uint32_t>(keys_.size()) - u.key_off;
      const std::string_view key = KeyOf(u);
      u.word = toks[i].Has(kTokWord);
      u.number = toks[i].Has(kTokNumber);
      u.hangul = toks[i].Has(kTokHangul);
      u.upper = toks[i].Has(kTokUpper) || (!s.empty() && s[0] >= 'A' && s[0] <= 'Z');
      int letters = 0;
      bool lower = false;
      for (char c : s) {
        if (c >= 'A' && c <= 'Z') ++letters;
        if (c >= 'a' && c <= 'z') lower = true;
      }
      u.allcaps = letters >= 2 && !lower;
      u.sent_start = toks[i].Has(kTokSentStart);
      uint32_t b = span.begin;
      while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t')) --b;
      u.line_start = b == 0 || text[b - 1] == '\n' || text[b - 1] == '\r';
      // Only capitalized words can start or be part of a name.
      if ((u.word || u.number) && !key.empty()) {
        WordFacts f = lex_.Facts(key);
        u.word_bits = f.bits;
        if (u.word && !u.hangul && u.upper) {
          u.stop = f.stop;
          u.syllables = static_cast<int8_t>(lex_.SyllableCount(key, 3));
          u.surname = f.bits & kWordSurname;
          u.western = f.bits & kWordWestern;
          u.org_head = f.bits & kWordOrgHead;
        }
      }
      u.hyphen_given = HyphenGiven(u);
      i = j;
    }
  }

  void ClaimRange(uint32_t ub, uint32_t ue, Claim c) {
    for (uint32_t k = ub; k < ue; ++k) claim_[k] = c;
  }

  // Records a non-person candidate over units [ub, ue) and claims them.
  // Returns it for the caller to fill in type-specific fields.
  OtherCand& AddOther(EntityType type, uint32_t ub, uint32_t ue, std::string key, Claim claim) {
    OtherCand& c = others_.emplace_back();
    c.type = type;
    c.ub = ub;
    c.ue = ue;
    c.key = std::move(key);
    ClaimRange(ub, ue, claim);
    return c;
  }

  // ---- works ----------------------------------------------------------
  static bool IsFunctionWord(std::string_view k) {
    static const std::array<std::string_view, 48> kWords = {
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "in", "at", "on",
        "of", "for", "from", "to", "by", "with", "and", "but", "or", "this", "that", "these",
        "those", "during", "after", "before", "since", "under", "according", "despite", "when",
        "while", "as", "if", "then", "also", "both", "all", "some", "many", "each", "every",
        "other", "into", "through"};
    return std::find(kWords.begin(), kWords.end(), k) != kWords.end();
  }
  static bool IsTitleFunctionWord(std::string_view k) {
    static const std::array<std::string_view, 16> kWords = {
        "of", "the", "a", "an", "on", "in", "for", "to", "and", "with", "from", "at", "by",
        "is", "my", "or"};
    return std::find(kWords.begin(), kWords.end(), k) != kWords.end();
  }

  void FindWorks() {
    for (uint32_t u = 0; u + 1 < units_.size(); ++u) {
      if (!units_[u].word || !(units_[u].word_bits & kWordWorkTrigger)) continue;
      // A capitalized trigger only heads a list item ("- Memoirs Crossing");
      // never a surname ("Song Ji-yeon").
      if (units_[u].upper &&
          (units_[u].surname || u == 0 || !(Text(u - 1) == "-" || Text(u - 1) == "*")))
        continue;
      uint32_t s = u + 1;
      // "his 2014 book, Title", "autobiography called Title", "poem: Title"
      while (s < units_.size() && SameSentence(s, u) &&
             (Text(s) == "," || Text(s) == ":" || Key(s) == "called" ||
              Key(s) == "titled" || Key(s) == "entitled") &&
             s - u <= 2)
        ++s;
      if (s >= units_.size() || !SameSentence(s, u)) continue;
      uint32_t e = s;
      if (IsOpenQuote(Text(s))) {
        e = s + 1;
        while (e < units_.size() && SameSentence(e, s) && !IsCloseQuote(Text(e)) && e - s < 30) ++e;
        if (e >= units_.size() || !IsCloseQuote(Text(e)) || e == s + 1) continue;
        if (!units_[s + 1].upper && !units_[s + 1].number && !units_[s + 1].hangul) continue;
        AddWork(s + 1, e);
        u = e;
        continue;
      }
      if (!units_[s].word || !units_[s].upper) continue;
      if (lex_.Stop(Key(s)) & (kStopMonth | kStopWeekday)) continue;
      e = s + 1;
      while (e < units_.size() && SameSentence(e, s) && e - s < 30) {
        const Unit& x = units_[e];
        if ((x.word && x.upper) || x.number) {
          ++e;
          continue;
        }
        // Function words and title punctuation continue the title only when a
        // capitalized word follows.
        bool joiner = (x.word && IsTitleFunctionWord(KeyOf(x))) || Text(e) == ":" ||
                      Text(e) == "," || Text(e) == "-" || Text(e) == "\u2013" ||
                      Text(e) == "\u2014";
        if (!joiner) break;
        uint32_t n = e + 1;
        while (n < units_.size() && SameSentence(n, e) && units_[n].word &&
               IsTitleFunctionWord(Key(n)))
          ++n;
        if (n < units_.size() && SameSentence(n, e) && units_[n].word && units_[n].upper &&
            !(Text(e) == "," && e + 1 == n && units_[n].sent_start)) {
          e = n + 1;
          continue;
        }
        break;
      }
      // A single capitalized word after "book" is too weak unless a title
      // trigger named it ("called", "titled") or it is longer.
      if (e - s == 1 && !(Key(s - 1) == "called" || Key(s - 1) == "titled" ||
                          Key(s - 1) == "entitled" || Key(u) == "memoirs" ||
                          Key(u) == "memoir"))
        continue;
      if (e - s == 1 && (lex_.Stop(Key(s)) & kStopWord)) continue;
      // "a memoir Hye Jin Kang wrote": the words name its author, not the work.
      PersonCand author;
      if (ParseName(s, e, &author) && author.ue == e && author.full) continue;
      AddWork(s, e);
      u = e - 1;
    }
  }

  void AddWork(uint32_t ub, uint32_t ue) {
    for (uint32_t k = ub; k < ue; ++k)
      if (!Free(k)) return;
    AddOther(EntityType::kWork, ub, ue, Norm(Text(ub, ue)), kClaimWork);
  }

  // ---- known organizations and gazetteer places ------------------------
  // Extends an n-gram of unit keys from unit u one word at a time (glue
  // punctuation skipped, "People's" read as "peoples"), while the words are
  // a prefix of some key; records every full key match as (end unit, words).
  template <typename IsKey, typename IsPrefix>
  void Matches(uint32_t u, IsKey is_key, IsPrefix is_prefix, std::string* key,
               std::vector<uint32_t>* ends) const {
    key->clear();
    ends->clear();
    int words = 0;
    for (uint32_t k = u; k < units_.size() && SameSentence(k, u); ++k) {
      const Unit& x = units_[k];
      if (KeyOf(x).empty()) {
        if (words == 0 || !IsSkippablePunct(Text(k))) return;
        continue;
      }
      if (!Free(k)) return;
      std::string_view t = Text(k);
      bool possessive = KeyOf(x) == "s" && words > 0 && t.size() > 1 && t[0] != 's' && t[0] != 'S';
      if (words > 0 && !possessive) key->push_back(' ');
      key->append(KeyOf(x));
      if (!possessive) ++words;
      if (is_key(*key)) ends->push_back(k + 1);
      if (!is_prefix(*key) || words >= 12) return;
    }
  }

  void FindKnown(bool places_pass) {
    const Gazetteer& gaz = *lex_.gaz;
    std::string key;
    std::vector<uint32_t> ends;
    for (uint32_t u = 0; u < units_.size(); ++u) {
      const Unit& x = units_[u];
      if (!Free(u) || KeyOf(x).empty() || !(x.word || x.number)) continue;
      bool starts_upper = x.upper || x.hangul || x.number;
      // A word that begins no key cannot begin a match.
      if (!(x.word_bits & (places_pass ? kWordGazFirst : kWordOrgFirst))) continue;
      // A lower-case start only matches a multi-word key allowed in lower case.
      if (places_pass && !starts_upper && !(x.word_bits & kWordGazLowerFirst)) continue;
      if (places_pass) {
        Matches(
            u, [&](std::string_view k) { return !gaz.FindKey(k).empty(); },
            [&](std::string_view k) { return gaz.IsKeyPrefix(k); }, &key, &ends);
      } else {
        if (!starts_upper) continue;
        Matches(
            u, [&](std::string_view k) { return lex_.org_keys.count(k) > 0; },
            [&](std::string_view k) { return lex_.org_prefixes.count(k) > 0; }, &key, &ends);
      }
      for (size_t m = ends.size(); m-- > 0;) {
        uint32_t end = ends[m];
        // Rebuild the key of this match (ends are few and short).
        std::string mkey;
        int words = 0;
        for (uint32_t k = u; k < end; ++k) {
          if (Key(k).empty()) continue;
          std::string_view t = Text(k);
          bool possessive = Key(k) == "s" && words > 0 && t.size() > 1 && t[0] != 's' && t[0] != 'S';
          if (words > 0 && !possessive) mkey.push_back(' ');
          mkey.append(Key(k));
          ++words;
        }
        bool all_caps_surface = true;
        for (uint32_t k = u; k < end; ++k)
          if (units_[k].word && !units_[k].allcaps && !(Key(k).size() == 1 && units_[k].upper))
            all_caps_surface = false;
        if (!places_pass) {
          if (lex_.org_caps_only.count(mkey) && !all_caps_surface) continue;
          const int org = lex_.org_keys.find(mkey)->second;
          AddOther(EntityType::kOrganization, u, end, "#" + std::to_string(org), kClaimOrg).org = org;
          u = end - 1;
          break;
        }
        auto places = gaz.FindKey(mkey);
        bool multi = mkey.find(' ') != std::string::npos;
        if (!(starts_upper || (multi && gaz.KeyAllowsLowercase(mkey)))) continue;
        if (gaz.KeyNeedsCaps(mkey) && !all_caps_surface) continue;
        // "North Hamgyong Province", "Chongjin City": absorb the head.
        if (end < units_.size() && SameSentence(end, u) && units_[end].upper && Free(end)) {
          const std::string_view head = Key(end);
          if (head == "province" || head == "county" || head == "city" || head == "prefecture" ||
              head == "district" || head == "region" || head == "state" || head == "island")
            ++end;
        }
        const int32_t place = ChoosePlace(places, u);
        AddOther(EntityType::kPlace, u, end, "@" + std::to_string(place), kClaimPlace).gaz = place;
        u = end - 1;
        break;
      }
    }
  }

  // Among places sharing a name (Gangwon in both Koreas), prefers the one
  // whose country was named most recently in this or the previous sentence.
  int32_t ChoosePlace(std::span<const int32_t> places, uint32_t u) const {
    if (places.size() == 1) return places[0];
    const Gazetteer& gaz = *lex_.gaz;
    // A river and a town of one name (the Tumen and Tumen City): English names a river
    // with "the" ("crossed the Tumen") and a town without ("held in Tumen").
    if (u > 0 && SameSentence(u - 1, u)) {
      const std::string_view before = Key(u - 1);
      const bool article = before == "the";
      const bool bare = !article && (before == "in" || before == "at" || before == "near" ||
                                     before == "outside" || before == "from" || before == "to");
      for (int32_t p : places) {
        const bool river = gaz.entry(p).kind == "river";
        if ((article && river) || (bare && !river)) {
          bool other = false;  // only where the two readings differ in kind
          for (int32_t q : places) other = other || (gaz.entry(q).kind == "river") != river;
          if (other) return p;
        }
      }
    }
    uint32_t sent = USentence(u);
    for (auto it = others_.rbegin(); it != others_.rend(); ++it) {
      if (it->type != EntityType::kPlace || it->gaz < 0) continue;
      if (USentence(it->ub) + 1 < sent) break;
      const std::string& country = gaz.entry(it->gaz).country;
      for (int32_t p : places)
        if (gaz.entry(p).country == country) return p;
    }
    return places[0];
  }

  // ---- organizations by head ------------------------------------------
  void FindOrgsByHead() {
    for (uint32_t h = 0; h < units_.size(); ++h) {
      if (!NameLike(h) || !units_[h].org_head) continue;
      // Walk back over capitalized words, possessive glue ("Workers'", "People's").
      uint32_t b = h;
      while (b > 0 && SameSentence(b - 1, h)) {
        uint32_t p = b - 1;
        std::string_view t = Text(p);
        if (NameLike(p) || (units_[p].number && Free(p))) {
          b = p;
        } else if ((IsApostropheTok(t) || Key(p) == "s") && p > 0 && NameLike(p - 1)) {
          b = p;
        } else {
          break;
        }
      }
      // Drop leading function words ("The", "In", "His").
      while (b < h && (!units_[b].word || IsFunctionWord(Key(b)) || (Stop(b) & kStopMonth)) &&
             !units_[b].org_head)
        ++b;
      uint32_t e = h + 1;
      // "Ministry of Unification", "University of California".
      if (b == h && e + 1 < units_.size() && Key(e) == "of" && SameSentence(e, h)) {
        uint32_t n = e + 1;
        if (n < units_.size() && Key(n) == "the") ++n;
        uint32_t m = n;
        while (m < units_.size() && SameSentence(m, h) &&
               ((units_[m].word && units_[m].upper && claim_[m] != kClaimOrg && claim_[m] != kClaimWork) ||
                (Key(m) == "and" && m + 1 < units_.size() && units_[m + 1].upper)))
          ++m;
        if (m > n) e = m;
      }
      int words = 0;
      for (uint32_t k = b; k < e; ++k) words += units_[k].word || units_[k].number;
      if (words < 2) continue;
      AddOther(EntityType::kOrganization, b, e, Norm(Text(b, e)), kClaimOrg);
      h = e - 1;
    }
  }

  // "(NIS)" after an organization: the acronym names the same organization,
  // and so does every later bare use of it.
  void FindOrgAcronyms() {
    StrMap<std::string> acronyms;  // acronym key -> org cluster key
    size_t n = others_.size();
    for (size_t i = 0; i < n; ++i) {
      if (others_[i].type != EntityType::kOrganization) continue;
      uint32_t p = others_[i].ue;
      if (p + 2 < units_.size() && Text(p) == "(" && units_[p + 1].allcaps && Free(p + 1) &&
          Text(p + 2) == ")") {
        acronyms[std::string(Key(p + 1))] = others_[i].key;
      } else if (p + 2 < units_.size() && Text(p) == "(" && units_[p + 1].word && Free(p + 1) &&
                 Text(p + 2) == ")") {
        // Mixed case acronyms such as "LiNK": at least two capitals.
        std::string_view t = Text(p + 1);
        int caps = 0;
        for (char ch : t) caps += ch >= 'A' && ch <= 'Z';
        if (caps >= 2 && t.size() <= 8) acronyms[std::string(Key(p + 1))] = others_[i].key;
      }
    }
    if (acronyms.empty()) return;
    for (uint32_t u = 0; u < units_.size(); ++u) {
      if (!Free(u) || !units_[u].word) continue;
      auto it = acronyms.find(Key(u));
      if (it == acronyms.end()) continue;
      std::string_view t = Text(u);
      int caps = 0;
      for (char ch : t) caps += ch >= 'A' && ch <= 'Z';
      if (caps < 2) continue;
      AddOther(EntityType::kOrganization, u, u + 1, it->second, kClaimOrg);
    }
  }

  // ---- numbered facilities ----------------------------------------------
  // Rule numbered-facility: North Korean camps and prisons are known by number: "Prison
  // No. 6", "Camp No. 25", "the No. 18 camp". One the gazetteer lacks is a facility.
  static bool FacilityHead(std::string_view k) {
    return k == "camp" || k == "prison" || k == "kyohwaso" || k == "kwalliso" || k == "kwanliso";
  }
  // The unit after "No" / "No." at n when it is a number, else 0.
  uint32_t NumberAfterNo(uint32_t n) const {
    if (n >= units_.size() || Key(n) != "no" || !Free(n)) return 0;
    uint32_t k = n + 1;
    if (k < units_.size() && Text(k) == ".") ++k;
    if (k < units_.size() && units_[k].number && Free(k) && SameSentence(n, k)) return k;
    return 0;
  }
  void FindNumberedFacilities() {
    for (uint32_t u = 0; u + 2 < units_.size(); ++u) {
      if (FacilityHead(Key(u)) && NameLike(u) && SameSentence(u, u + 1)) {
        if (uint32_t num = NumberAfterNo(u + 1)) {
          AddOther(EntityType::kPlace, u, num + 1, Norm(Text(u, num + 1)), kClaimPlace).kind =
              "facility";
          u = num;
          continue;
        }
      }
      if (uint32_t num = units_[u].upper ? NumberAfterNo(u) : 0) {
        if (num + 1 < units_.size() && FacilityHead(Key(num + 1)) && Free(num + 1) &&
            SameSentence(u, num + 1)) {
          AddOther(EntityType::kPlace, u, num + 2, Norm(Text(u, num + 2)), kClaimPlace).kind =
              "facility";
          u = num + 1;
        }
      }
    }
  }

  // ---- unknown places by head ------------------------------------------
  void FindPlacesByHead() {
    for (uint32_t h = 1; h < units_.size(); ++h) {
      if (!(units_[h].word_bits & kWordPlaceHead) || !NameLike(h)) continue;
      const std::string_view k = Key(h);
      const char* kind = nullptr;
      if (k == "province" || k == "prefecture" || k == "state") kind = "province";
      else if (k == "county" || k == "city" || k == "district" || k == "town" || k == "village") kind = "city";
      else if (k == "river") kind = "river";
      else if (k == "camp" || k == "prison" || k == "airport") kind = "facility";
      else if (k == "island" || k == "mountain" || k == "mountains") kind = "other";
      if (!kind) continue;
      uint32_t b = h;
      while (b > 0 && h - b < 3 && SameSentence(b - 1, h) && NameLike(b - 1) &&
             !(Stop(b - 1) & (kStopWord | kStopMonth | kStopWeekday | kStopTitle)))
        --b;
      if (b == h) continue;
      AddOther(EntityType::kPlace, b, h + 1, Norm(Text(b, h + 1)), kClaimPlace).kind = kind;
    }
  }

  // ---- persons ----------------------------------------------------------
  // True when unit u is a hyphenated given name: two or three parts, each one
  // known syllable ("Myong-hui", "Kwang-Chol", "Jong-il").
  bool IsHyphenGiven(uint32_t u) const { return units_[u].hyphen_given; }
  // A part may be a syllable the list lacks ("Dong-sop", "Tae-phyong") when it
  // has a syllable's shape and another part is a listed syllable.
  bool HyphenGiven(const Unit& x) {
    if (!x.hyphen || x.word_parts < 2 || x.word_parts > 3 || !x.upper) return false;
    int listed = 0;
    for (uint32_t t = x.tok_begin; t < x.tok_end; ++t) {
      if (!doc_->tokens[t].Has(kTokWord)) continue;
      part_.clear();
      AppendNormalizedWord(Tok(t), &part_);
      if (lex_.SyllableCount(part_, 1) == 1) {
        ++listed;
      } else if (!lex_.IsShapedSyllable(part_)) {
        return false;
      }
    }
    return listed > 0;
  }
  // Unit u is one word shaped like a romanized syllable ("Sop"); asked only
  // beside a surname, so computed on demand and kept.
  bool Shaped(uint32_t u) const {
    if (shaped_.size() != units_.size()) shaped_.assign(units_.size(), -1);
    if (shaped_[u] < 0) shaped_[u] = lex_.IsShapedSyllable(Key(u)) ? 1 : 0;
    return shaped_[u] == 1;
  }
  // Unit u can be one spaced given-name syllable: listed or shaped, one word.
  bool IsSpacedSyllable(uint32_t u) const {
    const Unit& x = units_[u];
    return x.word && x.upper && !x.allcaps && !x.hyphen && x.word_parts == 1 &&
           (x.syllables == 1 || Shaped(u));
  }
  // A listed syllable that is no ordinary word.
  bool IsStrongSyllable(uint32_t u) const {
    return IsSpacedSyllable(u) && units_[u].syllables == 1 && !(Stop(u) & kStopHard);
  }
  // "Pak Min Do", "Oh Jin Song": two spaced syllables after surname unit
  // p. Each a listed or shaped syllable, at least one listed and no ordinary
  // word; a surname that is also an ordinary word ("Oh", "So") needs both
  // listed and no sentence start. A third word that is a surname and no
  // listed syllable makes the first two a given name instead ("Hye Jin Kang").
  bool SpacedGivenAfter(uint32_t p, uint32_t limit) const {
    auto ok = [&](uint32_t k) { return k < limit && NameLike(k); };
    if (!ok(p + 1) || !ok(p + 2) || !IsSpacedSyllable(p + 1) || !IsSpacedSyllable(p + 2))
      return false;
    if (p + 3 < units_.size() && units_[p + 3].number && SameSentence(p + 3, p)) return false;
    if (IsSurnameUnit(p + 2) && units_[p + 2].syllables != 1) return false;
    bool strong1 = IsStrongSyllable(p + 1), strong2 = IsStrongSyllable(p + 2);
    if (Stop(p) & kStopHard) {
      if (units_[p].sent_start || units_[p].line_start) return false;
      return units_[p + 1].syllables == 1 && units_[p + 2].syllables == 1 && (strong1 || strong2);
    }
    return strong1 || strong2;
  }
  // A joined given name: one capitalized word splitting into 1..3 syllables.
  bool IsJoinedGiven(uint32_t u, int max_parts) const {
    const Unit& x = units_[u];
    return x.word && x.upper && !x.allcaps && x.word_parts == 1 && x.syllables > 0 &&
           x.syllables <= max_parts;
  }
  bool IsSurnameUnit(uint32_t u) const {
    const Unit& x = units_[u];
    return x.word && x.upper && x.word_parts == 1 && KeyOf(x).size() >= 2 && x.surname;
  }

  // Rule name-initials. EXAMPLE: "John F. Delaney", "Mr T. Albright", "Dr.
  // J. K. Rowe": one or two capital letters, each with its full stop, from
  // unit k, then a capitalized word of the same sentence: that word's unit,
  // else 0.
  uint32_t SurnameAfterInitials(uint32_t k) const {
    const uint32_t first = k;
    while (k + 1 < units_.size() && k - first < 4 && SameSentence(k, first) && NameLike(k) &&
           !units_[k].hyphen && Key(k).size() == 1 && Text(k + 1) == "." &&
           SameSentence(k + 1, first))
      k += 2;
    if (k == first || k >= units_.size() || !SameSentence(k, first) || !NameLike(k) ||
        Key(k).size() < 2 || (Stop(k) & (kStopHard | kStopWord | kStopMonth | kStopWeekday)))
      return 0;
    return k;
  }

  // Rule given-first-spaced. EXAMPLE: "Song Hwa Choe", "Kang Mi Yoon": two
  // spaced syllables, the first also a surname, then a surname that is no
  // given-name syllable and ends the name: the surname is the third word, so
  // the first two are no "Surname Given" name of their own.
  bool SurnameEndsSpacedGiven(uint32_t p, uint32_t limit) const {
    auto ok = [&](uint32_t k) { return k < limit && NameLike(k); };
    return ok(p + 2) && IsSpacedSyllable(p) && IsSpacedSyllable(p + 1) &&
           units_[p].syllables == 1 && units_[p + 1].syllables == 1 && IsSurnameUnit(p + 2) &&
           units_[p + 2].syllables != 1 && !(Stop(p + 2) & kStopHard) &&
           !(ok(p + 3) && (IsHyphenGiven(p + 3) || IsSpacedSyllable(p + 3)));
  }

  // Tries to read a person's name starting at unit p, ending no later than
  // `limit`. Fills *c and returns true.
  bool ParseName(uint32_t p, uint32_t limit, PersonCand* c) const {
    auto ok = [&](uint32_t k) { return k < limit && NameLike(k); };
    if (!ok(p)) return false;
    uint8_t sp = Stop(p);
    // Korean, surname first.
    if (IsSurnameUnit(p)) {
      if (ok(p + 1) && IsHyphenGiven(p + 1)) return Fill(c, p, p + 2, p, p + 1, p + 2);
      if (SpacedGivenAfter(p, limit)) return Fill(c, p, p + 3, p, p + 1, p + 3);
      if (!(sp & kStopHard) && !SurnameEndsSpacedGiven(p, limit)) {
        if (ok(p + 1) && IsJoinedGiven(p + 1, 3) && !(Stop(p + 1) & kStopHard) &&
            !IsSurnameFollowedByGiven(p + 1, limit))
          return Fill(c, p, p + 2, p, p + 1, p + 2);
      }
    }
    // A rare surname the list lacks: one romanized syllable right before a hyphenated
    // given name ("Taek Eun-ji"). The syllable shape keeps English words out.
    if (!IsSurnameUnit(p) && units_[p].syllables == 1 && !units_[p].hyphen &&
        !(sp & (kStopHard | kStopWord | kStopMonth | kStopWeekday)) && ok(p + 1) &&
        IsHyphenGiven(p + 1))
      return Fill(c, p, p + 2, p, p + 1, p + 2);
    // Korean given name first in two spaced syllables ("Hye Jin Kang").
    if (!IsSurnameUnit(p) || units_[p].syllables == 1) {
      if (ok(p + 2) && IsSpacedSyllable(p) && IsSpacedSyllable(p + 1) && IsSurnameUnit(p + 2) &&
          !(Stop(p + 2) & kStopHard) && units_[p].syllables == 1 && units_[p + 1].syllables == 1 &&
          (IsStrongSyllable(p) || IsStrongSyllable(p + 1) ||
           !(units_[p].sent_start || units_[p].line_start)) &&
          !(ok(p + 3) && (IsHyphenGiven(p + 3) || IsSpacedSyllable(p + 3))))
        return Fill(c, p, p + 3, p + 2, p, p + 2);
    }
    // Korean given name first ("Minji Lim", "Myong-hui Kim").
    if ((IsHyphenGiven(p) || (IsJoinedGiven(p, 3) && !(sp & kStopHard))) && ok(p + 1) &&
        IsSurnameUnit(p + 1) && !(Stop(p + 1) & kStopHard) &&
        !(ok(p + 2) && (IsHyphenGiven(p + 2) || IsJoinedGiven(p + 2, 3))))
      return Fill(c, p, p + 2, p + 1, p, p + 1);
    // Western given name + family name(s).
    if (units_[p].western && !(sp & (kStopWord | kStopMonth | kStopWeekday))) {
      if (uint32_t k = SurnameAfterInitials(p + 1)) return Fill(c, p, k + 1, k, p, p + 1);
      uint32_t e = p + 1;
      while (ok(e) && e - p < 3 && !(Stop(e) & kStopHard) && !units_[e].western) ++e;
      // Rule western-given-korean-surname. EXAMPLE: "Timothy Oh", "Grace An":
      // a Korean surname that is also an English word ends the name when
      // nothing capitalized follows it.
      if (e == p + 1 && ok(p + 1) && IsSurnameUnit(p + 1) && !ok(p + 2)) e = p + 2;
      // "Beverly Hills", "Victoria Station": a place or building named after a person.
      for (uint32_t k = p + 1; k <= e && k < limit; ++k)
        if (k < units_.size() && units_[k].upper && lex_.not_person_heads.count(Key(k)))
          return false;
      if (e > p + 1) return Fill(c, p, e, e - 1, p, e - 1);
      if (!(sp & kStopAmbiguous) && !units_[p].allcaps) {
        Fill(c, p, p + 1, p + 1, p, p + 1);
        c->partial = true;
        c->full = false;
        return true;
      }
    }
    // A hyphenated given name alone ("Kwang-chol").
    if (IsHyphenGiven(p)) {
      Fill(c, p, p + 1, p + 1, p, p + 1);
      c->partial = true;
      c->full = false;
      return true;
    }
    return false;
  }

  // "In Kap-san, the mine closed" where the document also says "sent to
  // Kap-san": a sentence-initial surname that is also an English word, whose
  // "given name" follows a locative preposition elsewhere, is a place.
  bool PlaceAfterPreposition(const PersonCand& c) {
    if (!c.full || c.ue != c.ub + 2 || !units_[c.ub].sent_start || !(Stop(c.ub) & kStopWord))
      return false;
    if (locative_keys_.empty()) {
      locative_keys_.insert("");  // computed once
      for (uint32_t k = 1; k < units_.size(); ++k) {
        const std::string_view w = Key(k - 1);
        if (units_[k].upper && !units_[k - 1].upper &&
            (w == "to" || w == "in" || w == "from" || w == "near" || w == "at" || w == "into"))
          locative_keys_.insert(std::string(Key(k)));
      }
    }
    return locative_keys_.count(Key(c.ub + 1)) > 0;
  }

  // Rule named-after-person. EXAMPLE: "Kim Il Sung Square", "Kim Jong Suk
  // Street", "Park Chung-hee Stadium": a full name followed by a capitalized
  // head noun of places, buildings, events or laws (person_cues.tsv "not")
  // names that thing, not the person. A head that is itself a surname
  // opening the next name ("... Kim Song-hui Park Ji-won") does not count.
  bool NamesAPlaceOrThing(const PersonCand& c) const {
    const uint32_t h = c.ue;
    if (!c.full || h >= units_.size() || !SameSentence(h, c.ub) || !units_[h].upper ||
        !lex_.not_person_heads.count(Key(h)))
      return false;
    if (IsSurnameUnit(h) && h + 1 < units_.size() && SameSentence(h + 1, h) && NameLike(h + 1))
      return false;
    return true;
  }

  bool IsSurnameFollowedByGiven(uint32_t p, uint32_t limit) const {
    return IsSurnameUnit(p) && p + 1 < limit && NameLike(p + 1) && IsHyphenGiven(p + 1);
  }

  // Name spans: [ub, ue); surname unit s (ue when none); given units [gb, ge).
  bool Fill(PersonCand* c, uint32_t ub, uint32_t ue, uint32_t s, uint32_t gb, uint32_t ge) const {
    *c = PersonCand();
    c->ub = ub;
    c->ue = ue;
    if (s < ue) {
      c->surname = USpan(s);
      c->surname_key = Key(s);
    }
    if (ge > gb) {
      c->given = Span{USpan(gb).begin, USpan(ge - 1).end};
      // The units' keys lie back to back in keys_: their concatenation.
      const uint32_t off = units_[gb].key_off;
      c->given_key = std::string_view(keys_).substr(
          off, units_[ge - 1].key_off + units_[ge - 1].key_len - off);
    }
    c->full = c->surname.size() > 0 && c->given.size() > 0;
    return true;
  }

  void AddPerson(PersonCand c) {
    ClaimRange(c.ub, c.ue, kClaimPerson);
    persons_.push_back(std::move(c));
  }

  // "Anna: ..." at line start, "By Name", "Posted by Name".
  void FindSpeakersAndBylines() {
    // Count the labels first: a label used twice is a speaker whatever the name.
    StrMap<int> label_count;
    std::vector<std::pair<uint32_t, uint32_t>> labels;
    for (uint32_t u = 0; u < units_.size(); ++u) {
      if (!units_[u].line_start || !NameLike(u)) continue;
      uint32_t e = u;
      while (e < units_.size() && e - u < 4 && NameLike(e) && SameSentence(e, u)) ++e;
      if (e < units_.size() && e > u && Text(e) == ":" ) {
        if (Stop(u) & (kStopWord | kStopMonth | kStopWeekday | kStopDemonym)) continue;
        labels.emplace_back(u, e);
        ++label_count[Norm(Text(u, e))];
      }
    }
    for (auto [u, e] : labels) {
      PersonCand c;
      bool parsed = ParseName(u, e, &c) && c.ue == e;
      if (!parsed) {
        if (label_count[Norm(Text(u, e))] < 2) continue;
        c = PersonCand();
        c.ub = u;
        c.ue = e;
      }
      c.speaker = true;
      c.partial = false;
      AddPerson(std::move(c));
    }
    for (uint32_t u = 0; u + 1 < units_.size(); ++u) {
      if (Key(u) != "by") continue;
      bool at_line = units_[u].line_start ||
                     (u > 0 && units_[u - 1].line_start &&
                      (Key(u - 1) == "posted" || Key(u - 1) == "written" ||
                       Key(u - 1) == "photos" || Key(u - 1) == "story"));
      if (!at_line) continue;
      uint32_t b = u + 1;
      uint32_t e = b;
      while (e < units_.size() && e - b < 4 && NameLike(e) && SameSentence(e, b) &&
             !(Stop(e) & (kStopWord | kStopMonth | kStopWeekday)))
        ++e;
      if (e == b) continue;
      PersonCand c;
      if (!(ParseName(b, e, &c) && c.ue == e)) {
        // An unknown name: first and last words as given and surname.
        Fill(&c, b, e, e - 1, b, e - 1);
      }
      c.author = true;
      c.partial = false;
      AddPerson(std::move(c));
    }
  }

  void FindPersons() {
    for (uint32_t u = 0; u < units_.size(); ++u) {
      if (!NameLike(u)) continue;
      uint32_t limit = u;
      while (limit < units_.size() && SameSentence(limit, u) && NameLike(limit)) ++limit;
      // Titles: "Mr. Kim", "General Pak", "Dr. John Smith".
      if ((Stop(u) & kStopTitle)) {
        uint32_t n = u + 1;
        if (n < units_.size() && Text(n) == "." && SameSentence(n, u)) ++n;
        if (n < units_.size() && NameLike(n) &&
            (!(Stop(n) & kStopHard) || SurnameAfterInitials(n))) {
          uint32_t lim = n;
          while (lim < units_.size() && SameSentence(lim, n) && NameLike(lim)) ++lim;
          PersonCand c;
          if (uint32_t k = SurnameAfterInitials(n)) {
            Fill(&c, n, k + 1, k, n, n + 1);  // "Mr T. Albright"
          } else if (!ParseName(n, lim, &c)) {
            uint32_t e = n + 1;
            while (e < lim && e - n < 3 && !(Stop(e) & kStopHard)) ++e;
            if (IsSurnameUnit(n) && e == n + 1) {
              Fill(&c, n, e, n, e, e);
              c.partial = true;
            } else {
              Fill(&c, n, e, e - 1, n, e - 1);
            }
          }
          u = c.ue - 1;
          AddPerson(std::move(c));
          continue;
        }
      }
      PersonCand c;
      if (ParseName(u, limit, &c)) {
        if (PlaceAfterPreposition(c)) continue;
        if (NamesAPlaceOrThing(c)) {
          u = c.ue;  // the name and its head word
          continue;
        }
        u = c.ue - 1;
        AddPerson(std::move(c));
      }
    }
  }

  // "gave only his surname, Oh", "whose family name is Kang": a
  // surname from the list, even one that is also an English word.
  void FindNamedSurnames() {
    for (uint32_t u = 0; u + 1 < units_.size(); ++u) {
      // "gave her name as Jung", "gave his name only as Ri": the surname a
      // witness chose to give.
      const bool name_as =
          Key(u) == "as" && u > 0 &&
          (Key(u - 1) == "name" || (Key(u - 1) == "only" && u > 1 && Key(u - 2) == "name"));
      if (Key(u) != "surname" && !(Key(u) == "name" && u > 0 && Key(u - 1) == "family") && !name_as)
        continue;
      uint32_t n = u + 1;
      while (n < units_.size() && SameSentence(n, u) && n - u <= 2 &&
             (Text(n) == "," || Text(n) == ":" || Key(n) == "is" || Key(n) == "was"))
        ++n;
      if (n >= units_.size() || !SameSentence(n, u) || !Free(n) || !IsSurnameUnit(n)) continue;
      if (n + 1 < units_.size() && SameSentence(n + 1, n) && NameLike(n + 1)) continue;
      PersonCand c;
      Fill(&c, n, n + 1, n, n + 1, n + 1);
      c.partial = true;
      AddPerson(std::move(c));
    }
  }

  // Hangul names: in parentheses right after a romanized person they name
  // that person; standalone three-syllable names with a surname are persons.
  void FindHangulNames() {
    static const std::array<std::string_view, 14> kParticles = {
        "을", "를", "이", "가", "은", "는", "의", "에", "도", "와", "과", "고", "다", "로"};
    for (uint32_t u = 0; u < units_.size(); ++u) {
      const Unit& x = units_[u];
      if (!x.hangul || !Free(u)) continue;
      std::string_view t = Text(u);
      int n = HangulSyllables(t);
      if (n < 2 || n > 4) continue;
      bool surname = lex_.hangul_surnames.count(t.substr(0, 3)) ||
                     (n >= 3 && lex_.hangul_surnames.count(t.substr(0, 6)));
      if (!surname) continue;
      // In parentheses after a person?
      int32_t owner = -1;
      for (uint32_t k = u; k > 0 && u - k < 6; --k) {
        if (Text(k - 1) == ")") break;
        if (Text(k - 1) == "(") {
          uint32_t before = k - 1;
          for (size_t i = persons_.size(); i-- > 0;) {
            if (persons_[i].ue == before) {
              owner = static_cast<int32_t>(i);
              break;
            }
          }
          break;
        }
      }
      std::string_view last = t.substr(t.size() - 3);
      bool particle = std::find(kParticles.begin(), kParticles.end(), last) != kParticles.end();
      // Standalone: a three-syllable name set in non-Korean text (no Hangul
      // word beside it); inside Korean prose we do not guess.
      bool hangul_neighbor = (u > 0 && SameSentence(u - 1, u) && units_[u - 1].hangul) ||
                             (u + 1 < units_.size() && SameSentence(u + 1, u) && units_[u + 1].hangul);
      if (owner < 0 && (n != 3 || particle || hangul_neighbor)) continue;
      PersonCand c;
      c.ub = u;
      c.ue = u + 1;
      c.hangul = true;
      c.attach_to = owner;
      const Span xs = SpanOf(x);
      c.surname = Span{xs.begin, xs.begin + 3};
      c.given = Span{xs.begin + 3, xs.end};
      c.surname_key = t.substr(0, 3);
      c.given_key = t.substr(3);
      c.full = owner < 0;
      AddPerson(std::move(c));
    }
  }

  // ---- proper-noun runs (issue 8) -------------------------------------------
  // Rule tagged-name. EXAMPLE: "journalist Ines Moreau", "Tomas Lindqvist said",
  // "Kwak Seongchol, a former soldier,". A run of two or three capitalized words
  // that no rule above named, none of them a known non-name word, place or
  // organization head, is tagged (only such sentences are): when the tagger reads
  // every word as PROPN, and Korean-name structure (a listed surname beside
  // syllable-shaped words) or a person cue beside the run (PersonCueBefore /
  // PersonCueAfter) says so, it is a person. Western order (surname last) unless
  // the surname comes first in Korean structure.
  void FindTaggedNames() {
    if (!tag_ && doc_->syntax.size() != doc_->tokens.size()) return;
    for (uint32_t u = 0; u < units_.size(); ++u) {
      if (!NameLike(u)) continue;
      uint32_t e = u;
      while (e < units_.size() && SameSentence(e, u) && NameLike(e)) ++e;
      const uint32_t run_end = e;
      // Leading words that are no names ("The", "In", "Yesterday", "President").
      uint32_t b = u;
      while (b < e && (Stop(b) & (kStopHard | kStopTitle))) ++b;
      u = run_end - 1;
      // A capitalized role noun heading the run is a cue ("Photographer X Y left").
      bool role_first = false;
      if (e - b >= 3 && lex_.cue_roles.count(Key(b))) {
        ++b;
        role_first = true;
      }
      if (e - b < 2 || e - b > 3 || !TaggableRun(b, e)) continue;
      // Surname first: Korean structure, or a listed surname before a hyphenated
      // given name of two parts ("Lee Cook-jong").
      const bool korean_first =
          KoreanStructure(b, e, /*surname_first=*/true) ||
          (e == b + 2 && IsSurnameUnit(b) && units_[b + 1].hyphen && units_[b + 1].word_parts == 2);
      const bool korean = korean_first || KoreanStructure(b, e, /*surname_first=*/false);
      if (!korean && !role_first && !PersonCueBefore(b) && !PersonCueAfter(e)) {
        TraceName(b, e, "no Korean structure and no person cue");
        continue;
      }
      if (!AllProperNouns(b, e)) {
        TraceName(b, e, "not every word tagged PROPN");
        continue;
      }
      TraceName(b, e, korean ? "person by Korean structure" : "person by a cue");
      PersonCand c;
      if (korean_first) {
        Fill(&c, b, e, b, b + 1, e);
      } else {
        Fill(&c, b, e, e - 1, b, e - 1);
      }
      AddPerson(std::move(c));
    }
  }

  // CAIRN_TRACE_EVENTS=1: the tagged-name rule's decision on units [b, e).
  void TraceName(uint32_t b, uint32_t e, const char* why) const {
    static const bool trace = std::getenv("CAIRN_TRACE_EVENTS") != nullptr;
    if (!trace) return;
    const std::string run(Text(b, e));
    std::fprintf(stderr, "cairn: names: %s s%u \"%s\": tagged-name: %s\n", doc_->name.c_str(),
                 USentence(b), run.c_str(), why);
  }

  // Units [b, e) may be a name: plain capitalized words (no capitals-only
  // heading word, no number), none a stop word, an organization or place head,
  // a work trigger or a demonym, not after "the" or a locative preposition
  // ("the Hanawon Center", "in Upper Mesa"), and no organization or place head
  // right after ("Sunrise Valley Institute" is claimed before; "X Y Foundation"
  // in lower-case heads is not).
  bool TaggableRun(uint32_t b, uint32_t e) const {
    for (uint32_t k = b; k < e; ++k) {
      const Unit& x = units_[k];
      if (x.allcaps || x.number || x.org_head || KeyOf(x).size() < 2) return false;
      if (Stop(k) & (kStopHard | kStopTitle)) return false;
      if (x.word_bits & (kWordPlaceHead | kWordWorkTrigger | kWordOrgHead)) return false;
      if (lex_.not_person_heads.count(KeyOf(x))) return false;
    }
    if (b > 0 && SameSentence(b - 1, b)) {
      const std::string_view w = Key(b - 1);
      if (w == "the" || w == "in" || w == "at" || w == "from" || w == "near" || w == "into" ||
          w == "via" || w == "across" || w == "of" || w == "on" || w == "through")
        return false;
    }
    if (e < units_.size() && SameSentence(e, b) &&
        ((units_[e].word_bits & (kWordOrgHead | kWordPlaceHead)) ||
         lex_.not_person_heads.count(Key(e))))
      return false;
    return true;
  }

  // A listed surname first (or last) and every other word one or two
  // syllables by shape or by the list: "Kwak Seongchol", "Seongchol Kwak".
  bool KoreanStructure(uint32_t b, uint32_t e, bool surname_first) const {
    const uint32_t s = surname_first ? b : e - 1;
    if (!IsSurnameUnit(s)) return false;
    for (uint32_t k = b; k < e; ++k) {
      if (k == s) continue;
      const Unit& x = units_[k];
      if (x.hyphen_given || x.syllables > 0) continue;
      if (x.hyphen || x.word_parts != 1) return false;
      // A joined name of two shaped syllables ("Seongchol" = seong + chol).
      const std::string_view key = KeyOf(x);
      bool split = Shaped(k);
      for (size_t i = 1; !split && i < key.size(); ++i)
        split = lex_.IsShapedSyllable(key.substr(0, i)) && lex_.IsShapedSyllable(key.substr(i));
      if (!split) return false;
    }
    return true;
  }

  // A cue right before unit b: a role noun or post ("journalist", "the former
  // ambassador", "her lawyer, X Y"), a verb of saying (", said X Y"), or a phrase
  // ("according to").
  bool PersonCueBefore(uint32_t b) const {
    if (b == 0 || !SameSentence(b - 1, b)) return false;
    const uint32_t p = b - 1;
    if (units_[p].word && !units_[p].upper &&
        (lex_.cue_roles.count(Key(p)) || lex_.cue_verbs.count(Key(p))))
      return true;
    // A name in parentheses after a speaker label: "MODERATOR (X Y):", "Q (X Y, radio):".
    if (Text(p) == "(" && p > 0 && SameSentence(p - 1, b) && units_[p - 1].line_start &&
        units_[p - 1].word && (units_[p - 1].allcaps || KeyOf(units_[p - 1]).size() == 1))
      return true;
    // An apposition after a role noun: "her lawyer, X Y, said".
    if (Text(p) == "," && p > 0 && SameSentence(p - 1, b) && units_[p - 1].word &&
        !units_[p - 1].upper && lex_.cue_roles.count(Key(p - 1)))
      return true;
    for (const auto& phrase : lex_.cue_before) {
      if (phrase.size() > b) continue;
      bool match = true;
      for (size_t i = 0; match && i < phrase.size(); ++i) {
        const uint32_t k = b - static_cast<uint32_t>(phrase.size()) + static_cast<uint32_t>(i);
        match = SameSentence(k, b) && Key(k) == phrase[i];
      }
      if (match) return true;
    }
    return false;
  }

  // A cue right after the run ending before unit e: a verb of saying ("X Y
  // said", "X Y, 45, said"), an age (", 45,"), a relative "who", or an
  // apposition headed by a role noun or post (", a former guard,").
  bool PersonCueAfter(uint32_t e) const {
    auto at = [&](uint32_t k) { return k < units_.size() && SameSentence(k, e); };
    if (!at(e)) return false;
    if (units_[e].word && lex_.cue_verbs.count(Key(e))) return true;
    if (Text(e) != ",") return false;
    const uint32_t n = e + 1;
    if (!at(n)) return false;
    if (Key(n) == "who") return true;
    if (units_[n].number && at(n + 1) && Text(n + 1) == ",") return true;
    if (Key(n) != "a" && Key(n) != "an" && Key(n) != "the") return false;
    // The apposition's words up to its comma: a role noun among them.
    for (uint32_t k = n + 1; at(k) && k - n <= 6; ++k) {
      if (Text(k) == "," || Text(k) == ".") break;
      if (units_[k].word && !units_[k].upper && lex_.cue_roles.count(Key(k))) return true;
    }
    return false;
  }

  // Whether the tagger reads the first word of every unit of [b, e) as PROPN.
  bool AllProperNouns(uint32_t b, uint32_t e) {
    const uint32_t sent = USentence(b);
    if (sent >= doc_->sentences.size()) return false;
    if (!TagSentence(sent)) return false;
    const uint32_t first = doc_->sentences[sent].first_token;
    for (uint32_t k = b; k < e; ++k) {
      const uint32_t t = units_[k].tok_begin - first;
      if (t >= tags_.size() || tags_[t] != static_cast<uint8_t>(ud::Upos::kPropn)) return false;
    }
    return true;
  }

  // Fills tags_ with sentence `sent`'s UPOS, once: by the tagger on demand, else
  // from Document::syntax (false when that sentence was never analysed).
  bool TagSentence(uint32_t sent) {
    if (tagged_sentence_ == sent) return !tags_.empty();
    tagged_sentence_ = sent;
    tags_.clear();
    const Sentence& s = doc_->sentences[sent];
    if (s.end_token > doc_->tokens.size() || s.first_token >= s.end_token) return false;
    if (tag_) {
      tag_words_.clear();
      for (uint32_t t = s.first_token; t < s.end_token; ++t) tag_words_.push_back(Tok(t));
      (*tag_)(tag_words_, &tags_);
      if (tags_.size() != tag_words_.size()) tags_.clear();
      return !tags_.empty();
    }
    bool any = false;
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      tags_.push_back(doc_->syntax[t].upos);
      any = any || doc_->syntax[t].upos != 0;
    }
    if (!any) tags_.clear();
    return any;
  }

  // Full names form clusters keyed by surname and given name (the order they
  // were written in does not matter; case and hyphens do not either).
  void ClusterPersons() {
    std::sort(persons_.begin(), persons_.end(),
              [](const PersonCand& a, const PersonCand& b) { return a.ub < b.ub; });
    // Hangul aliases were recorded with indices before sorting: re-find owners.
    for (auto& p : persons_) {
      if (!p.hangul || p.attach_to < 0) continue;
      p.attach_to = -1;
      for (size_t i = 0; i < persons_.size(); ++i) {
        if (!persons_[i].hangul && persons_[i].ue + 1 <= p.ub && persons_[i].ue + 6 >= p.ub) {
          p.attach_to = static_cast<int32_t>(i);
        }
      }
    }
    MarkPseudonyms();
    StrMap<int32_t> by_key;
    for (auto& p : persons_) {
      if (p.pseudonym || p.attach_to >= 0 || p.partial) continue;
      // A short form with a name key ("Ri:" as a speaker label) joins its full name in
      // LinkPartials rather than starting a cluster of its own.
      if (!p.full && (!p.surname_key.empty() || !p.given_key.empty() || p.speaker)) continue;
      std::string key;
      if (p.full) {
        key.append(p.surname_key).append("|").append(p.given_key);
      } else {
        key = "=" + Norm(Text(p.ub, p.ue));
      }
      auto [it, added] = by_key.emplace(key, static_cast<int32_t>(clusters_.size()));
      if (added) clusters_.emplace_back();
      p.cluster = it->second;
    }
  }

  // "under the pseudonym X", "pen name X", "known as X", "alias X".
  void MarkPseudonyms() {
    for (auto& p : persons_) {
      if (p.ub == 0 || p.hangul) continue;
      for (uint32_t k = p.ub; k > 0 && p.ub - k < 5; --k) {
        const std::string_view w = Key(k - 1);
        if (!SameSentence(k - 1, p.ub)) break;
        if (w == "pseudonym" || w == "alias" || w == "aka" || w == "penname" || w == "pseudonyms" ||
            (w == "name" && k >= 2 &&
             (Key(k - 2) == "pen" || Key(k - 2) == "real" || Key(k - 2) == "birth" ||
              Key(k - 2) == "assumed" || Key(k - 2) == "borrowed" || Key(k - 2) == "stage")) ||
            (w == "as" && k >= 2 && Key(k - 2) == "known")) {
          p.pseudonym = true;
          break;
        }
        if (!units_[k - 1].word && Text(k - 1) != "," && Text(k - 1) != "\"" &&
            Text(k - 1) != "\u201C")
          break;
      }
    }
  }

  // How much a full mention over units [ub, ue) makes its person the topic.
  int MentionSalience(uint32_t ub, uint32_t ue) const {
    uint32_t b = ub;
    if (b > 0 && (Stop(b - 1) & kStopTitle)) --b;
    if (b > 0 && Text(b - 1) == "." && b > 1 && (Stop(b - 2) & kStopTitle)) b -= 2;
    if (b > 0 && Key(b - 1) == "of") return 0;
    if (ue + 1 < units_.size() && IsApostropheTok(Text(ue)) && Key(ue + 1) == "s") return 0;
    int score = 1;
    if (units_[b].sent_start || units_[b].line_start) ++score;
    if (ue + 1 < units_.size() && Text(ue) == "," && units_[ue + 1].number) ++score;
    return score;
  }

  // Given names alone, surnames alone and other bare references join the
  // full name they repeat: the only one, else the most recent one.
  void LinkPartials() {
    StrMap<std::vector<int32_t>> by_given, by_surname;  // key -> persons_ indices (full)
    for (size_t i = 0; i < persons_.size(); ++i) {
      const auto& p = persons_[i];
      if (!p.full || p.pseudonym || p.cluster < 0 || p.hangul) continue;
      by_given[std::string(p.given_key)].push_back(static_cast<int32_t>(i));
      by_surname[std::string(p.surname_key)].push_back(static_cast<int32_t>(i));
    }
    // Salience of each cluster's full mentions (after Lappin and Leass): a
    // sentence subject or a name given with an age ("Kang Min-jun, 36,")
    // weighs more, a possessive or an "of" phrase ("the son of Kang Dae-ho",
    // "Kang Dae-ho's daughter") nothing.
    std::unordered_map<int32_t, int> salience;
    const PersonCand* first = nullptr;
    for (const auto& p : persons_) {
      if (!p.full || p.pseudonym || p.cluster < 0 || p.hangul) continue;
      salience[p.cluster] += MentionSalience(p.ub, p.ue);
      // (not a byline's author: "By Jane Roe")
      const bool byline = p.ub > 0 && units_[p.ub - 1].line_start && Key(p.ub - 1) == "by";
      if (!byline && (!first || p.ub < first->ub)) first = &p;
    }
    // The first person a text names in full is its topic (a news lead, a biography's
    // first line): "When Kim Ha-neul sits down ... songs for a leader, Kim Ok-bong ... Kim
    // said" is Kim Ha-neul's word.
    if (first) salience[first->cluster] += 1;
    auto pick = [&](const std::vector<int32_t>& cands, uint32_t at) -> int32_t {
      int32_t cluster = -1;
      bool one = true;
      for (int32_t i : cands) {
        if (cluster >= 0 && persons_[static_cast<size_t>(i)].cluster != cluster) one = false;
        cluster = persons_[static_cast<size_t>(i)].cluster;
      }
      if (one) return cluster;
      // The most salient cluster; among equals, the most recent before `at`.
      int top = -1;
      for (int32_t i : cands)
        top = std::max(top, salience[persons_[static_cast<size_t>(i)].cluster]);
      int32_t best = -1;
      for (int32_t i : cands) {
        const auto& q = persons_[static_cast<size_t>(i)];
        if (salience[q.cluster] == top && q.ub < at) best = q.cluster;
      }
      if (best >= 0) return best;
      for (int32_t i : cands) {
        const auto& q = persons_[static_cast<size_t>(i)];
        if (salience[q.cluster] == top) return q.cluster;
      }
      return persons_[static_cast<size_t>(cands.front())].cluster;
    };
    // Partial person candidates found by structure (given names alone).
    StrMap<int32_t> by_surface;  // normalized surface -> cluster, for bare names
    for (const auto& p : persons_)
      if (p.cluster >= 0 && !p.full) by_surface.emplace(Norm(Text(p.ub, p.ue)), p.cluster);
    for (auto& p : persons_) {
      if (p.cluster >= 0 || p.pseudonym || p.attach_to >= 0) continue;
      auto it = by_given.find(p.given_key);
      auto sn = by_surname.find(p.surname_key);
      if (!p.given_key.empty() && it != by_given.end()) {
        p.cluster = pick(it->second, p.ub);
      } else if (p.given_key.empty() && !p.surname_key.empty() && sn != by_surname.end()) {
        p.cluster = pick(sn->second, p.ub);
      } else if (auto s2 = by_surname.find(Norm(Text(p.ub, p.ue))); s2 != by_surname.end()) {
        p.cluster = pick(s2->second, p.ub);  // a one-word label that is a known surname
      } else if (auto g2 = by_given.find(Norm(Text(p.ub, p.ue))); g2 != by_given.end()) {
        p.cluster = pick(g2->second, p.ub);
      } else {
        auto [it2, added] = by_surface.emplace(Norm(Text(p.ub, p.ue)), -1);
        if (added) {
          it2->second = static_cast<int32_t>(clusters_.size());
          clusters_.emplace_back();
        }
        p.cluster = it2->second;
      }
    }
    // A surname given with a title ("Ms. Seo", "Mr. Choi") and never in full: later bare
    // repeats of it ("Seo was sold ...") are that person.
    std::unordered_set<std::string> titled;
    for (size_t i = 0; i < persons_.size(); ++i) {
      const auto& p = persons_[i];
      if (p.full || p.pseudonym || p.hangul || p.cluster < 0 || p.surname_key.empty() ||
          !p.given_key.empty() || p.ub == 0)
        continue;
      uint32_t t = p.ub - 1;
      if (Text(t) == "." && t > 0) --t;
      if (!(Stop(t) & kStopTitle)) continue;
      const std::string key(p.surname_key);
      if (by_surname.count(key) && !titled.count(key)) continue;  // a full name has it
      by_surname[key].push_back(static_cast<int32_t>(i));
      titled.insert(key);
    }
    // Bare words repeating a surname or a one-word given name of a full name.
    if (by_given.empty() && by_surname.empty()) return;
    for (uint32_t u = 0; u < units_.size(); ++u) {
      if (!NameLike(u) || units_[u].word_parts != 1 || units_[u].allcaps) continue;
      if (Stop(u) & (kStopMonth | kStopWeekday)) continue;
      const std::string_view k = Key(u);
      const std::vector<int32_t>* cands = nullptr;
      bool is_surname = false;
      if (auto it = by_surname.find(k); it != by_surname.end()) {
        cands = &it->second;
        is_surname = true;
      } else if (auto g = by_given.find(k); g != by_given.end()) {
        cands = &g->second;
      }
      if (!cands) continue;
      // A capital that is an ordinary word at a sentence start is not a name, unless a
      // verb's past follows, which the word could not start ("Do reached Seoul in 2002").
      if ((Stop(u) & kStopWord) && units_[u].sent_start) {
        const bool past_next = u + 1 < units_.size() && SameSentence(u + 1, u) &&
                               units_[u + 1].word && !units_[u + 1].upper &&
                               Key(u + 1).size() > 3 && Key(u + 1).ends_with("ed");
        if (!past_next) continue;
      }
      PersonCand c;
      c.ub = u;
      c.ue = u + 1;
      c.partial = true;
      if (is_surname) {
        c.surname = USpan(u);
        c.surname_key = k;
      } else {
        c.given = USpan(u);
        c.given_key = k;
      }
      c.cluster = pick(*cands, u);
      claim_[u] = kClaimPerson;
      persons_.push_back(std::move(c));
    }
    std::sort(persons_.begin(), persons_.end(),
              [](const PersonCand& a, const PersonCand& b) { return a.ub < b.ub; });
  }

  // A pseudonym names the person the sentence is about: the first other
  // person in its sentence, else the most recent person before it.
  void ResolvePseudonyms() {
    for (size_t i = 0; i < persons_.size(); ++i) {
      auto& p = persons_[i];
      if (p.hangul && p.cluster < 0) {
        int32_t owner = -1;
        for (size_t j = 0; j < persons_.size(); ++j)
          if (!persons_[j].hangul && persons_[j].ue <= p.ub && persons_[j].ue + 6 >= p.ub &&
              persons_[j].cluster >= 0)
            owner = persons_[j].cluster;
        if (owner < 0) {
          owner = static_cast<int32_t>(clusters_.size());
          clusters_.emplace_back();
        }
        p.cluster = owner;
      }
      if (!p.pseudonym) continue;
      int32_t owner = -1;
      for (const auto& q : persons_) {
        if (&q == &p || q.pseudonym || q.cluster < 0 || q.hangul) continue;
        if (SameSentence(q.ub, p.ub)) {
          owner = q.cluster;
          break;
        }
      }
      if (owner < 0) {
        for (size_t j = i; j-- > 0;) {
          if (!persons_[j].pseudonym && persons_[j].cluster >= 0) {
            owner = persons_[j].cluster;
            break;
          }
        }
      }
      if (owner < 0) {
        owner = static_cast<int32_t>(clusters_.size());
        clusters_.emplace_back();
      }
      p.cluster = owner;
    }
  }

  // ---- output -------------------------------------------------------------
  // Memory: one small reference per mention while sorting, the mentions
  // themselves written once into a vector of their exact size, and each
  // entity's distinct surface forms (not one copy per mention) for choosing
  // its name and aliases, so a name repeated a hundred thousand times costs
  // its mentions and nothing more.
  void Emit() {
    // Text order (stable, persons before others at one offset): sort small
    // references, not the mentions.
    struct Ref {
      uint32_t begin;
      uint32_t index;  // < persons_.size(): a person; else others_[index - persons_.size()]
    };
    const uint32_t np = static_cast<uint32_t>(persons_.size());
    std::vector<Ref> order;
    size_t count = others_.size();
    for (const auto& p : persons_) count += p.cluster >= 0 ? 1 : 0;
    order.reserve(count);
    for (uint32_t i = 0; i < np; ++i)
      if (persons_[i].cluster >= 0) order.push_back(Ref{USpan(persons_[i].ub).begin, i});
    for (uint32_t i = 0; i < others_.size(); ++i)
      order.push_back(Ref{USpan(others_[i].ub).begin, np + i});
    std::stable_sort(order.begin(), order.end(),
                     [](const Ref& a, const Ref& b) { return a.begin < b.begin; });

    // One entry per distinct (form, rank, candidate) of an entity, in the
    // order first seen: the choice below gives what one entry per mention
    // gave, since a repeat never beats its first occurrence.
    struct Surface {
      Span span;
      int rank;
      bool candidate;
    };
    struct SurfaceKey {
      int32_t entity;
      int rank;
      bool candidate;
      std::string_view text;
      bool operator==(const SurfaceKey& o) const {
        return entity == o.entity && rank == o.rank && candidate == o.candidate && text == o.text;
      }
    };
    struct SurfaceKeyHash {
      size_t operator()(const SurfaceKey& k) const {
        size_t h = std::hash<std::string_view>{}(k.text);
        return h ^ (static_cast<size_t>(k.entity) * 0x9E3779B97F4A7C15ull) ^
               (static_cast<size_t>(k.rank) << 1) ^ (k.candidate ? 0x5555u : 0u);
      }
    };
    std::unordered_set<SurfaceKey, SurfaceKeyHash> seen;
    std::vector<std::vector<Surface>> surfaces;
    std::vector<StrMap<int>> uses;  // per entity: form -> its mentions
    std::vector<int32_t> entity_of_person(clusters_.size(), -1);
    StrMap<int32_t> entity_of_other;
    auto& ents = doc_->entities;
    auto& mentions = doc_->mentions;
    mentions.reserve(order.size());
    std::string other_key;
    for (const Ref& r : order) {
      Mention m;
      int rank = 0;
      bool candidate = true, speaker = false, author = false;
      const OtherCand* o = r.index >= np ? &others_[r.index - np] : nullptr;
      int32_t* slot = nullptr;
      if (!o) {
        const PersonCand& p = persons_[r.index];
        m.type = EntityType::kPerson;
        m.span = Span{USpan(p.ub).begin, USpan(p.ue - 1).end};
        m.sentence = USentence(p.ub);
        m.surname = std::string(doc_->Slice(p.surname));
        m.given = std::string(doc_->Slice(p.given));
        m.partial = p.partial;
        candidate = !p.pseudonym && !p.hangul;
        rank = (p.full ? 100 : 0) + static_cast<int>(m.span.size());
        speaker = p.speaker;
        author = p.author;
        slot = &entity_of_person[static_cast<size_t>(p.cluster)];
      } else {
        m.type = o->type;
        m.span = Span{USpan(o->ub).begin, USpan(o->ue - 1).end};
        m.sentence = USentence(o->ub);
        m.gazetteer = o->gaz;
        rank = static_cast<int>(m.span.size());
        other_key.assign(1, static_cast<char>('A' + static_cast<int>(o->type)));
        other_key += o->key;
        slot = &entity_of_other.try_emplace(other_key, -1).first->second;
      }
      if (*slot < 0) {
        *slot = static_cast<int32_t>(ents.size());
        LocalEntity e;
        e.type = m.type;
        ents.push_back(std::move(e));
        surfaces.emplace_back();
        uses.emplace_back();
      }
      const int32_t ei = *slot;
      auto& e = ents[static_cast<size_t>(ei)];
      m.entity = ei;
      e.mentions.push_back(static_cast<uint32_t>(mentions.size()));
      if (speaker || author) e.is_author = true;
      if (m.type == EntityType::kPlace) {
        if (m.gazetteer >= 0) {
          const auto& g = lex_.gaz->entry(m.gazetteer);
          if (e.name.empty()) {
            e.name = g.name;
            e.country = g.country;
            e.place_kind = g.kind;
            e.lat = g.lat;
            e.lon = g.lon;
            e.gazetteer = m.gazetteer;
          }
        } else if (e.place_kind.empty()) {
          e.place_kind = o->kind;
        }
      } else if (o && m.type == EntityType::kOrganization && o->key.size() > 1 &&
                 o->key[0] == '#' && e.name.empty()) {
        e.name = lex_.org_names[static_cast<size_t>(std::stoi(o->key.substr(1)))];
      }
      const std::string_view text = doc_->Slice(m.span);
      if (seen.insert(SurfaceKey{ei, rank, candidate, text}).second)
        surfaces[static_cast<size_t>(ei)].push_back(Surface{m.span, rank, candidate});
      StrMap<int>& used = uses[static_cast<size_t>(ei)];
      if (auto it = used.find(text); it != used.end()) {
        ++it->second;
      } else {
        used.emplace(std::string(text), 1);
      }
      mentions.push_back(std::move(m));
    }
    for (size_t i = 0; i < ents.size(); ++i) {
      auto& e = ents[i];
      const auto& sf = surfaces[i];
      auto form = [&](const Surface& s) { return doc_->Slice(s.span); };
      if (e.name.empty()) {
        // A full name, the form the document uses most, the first seen on
        // ties ("Pak Sun-hui ... also romanized Park Soon-hee": Pak Sun-hui);
        // else the longest form; pseudonyms and Hangul only when nothing else.
        const StrMap<int>& used = uses[i];
        auto uses_of = [&](const Surface& s) {
          auto it = used.find(form(s));
          return it == used.end() ? 0 : it->second;
        };
        // Rule name-case: a heading's "TESTIMONY OF SOHN MYUNG-HEE" names
        // the person as the prose's "Sohn Myung-hee" does, in its case.
        auto capitals = [&](const Surface& s) {
          std::string_view t = form(s);
          return std::any_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
                 std::none_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
        };
        auto better = [&](const Surface& a, const Surface& b) {
          bool fa = a.rank >= 100, fb = b.rank >= 100;
          if (fa != fb) return fa;
          if (fa && capitals(a) != capitals(b)) return !capitals(a);
          if (fa) return uses_of(a) > uses_of(b);
          return a.rank > b.rank;
        };
        const Surface* best = nullptr;
        for (const auto& s : sf)
          if (s.candidate && (!best || better(s, *best))) best = &s;
        if (!best) best = &sf.front();
        e.name = std::string(form(*best));
      }
      for (const auto& s : sf) AddAlias(&e, form(s));
    }
    MarkAuthors();
  }

  static void AddAlias(LocalEntity* e, std::string_view a) {
    if (a.empty() || a == e->name) return;
    if (std::find(e->aliases.begin(), e->aliases.end(), a) == e->aliases.end())
      e->aliases.emplace_back(a);
  }

  void MarkAuthors() {
    std::vector<std::string> authors;
    if (!doc_->author.empty()) authors.push_back(Norm(doc_->author));
    for (const auto& part : doc_->parts)
      if (!part.author.empty()) authors.push_back(Norm(part.author));
    if (authors.empty()) return;
    for (auto& e : doc_->entities) {
      if (e.type != EntityType::kPerson) continue;
      auto matches = [&](const std::string& name) {
        std::string k = Norm(name);
        return std::find(authors.begin(), authors.end(), k) != authors.end();
      };
      if (matches(e.name) || std::any_of(e.aliases.begin(), e.aliases.end(), matches)) e.is_author = true;
    }
  }

  const Lexicon& lex_;
  Document* doc_;
  const TagWords* tag_ = nullptr;  // tagging on demand, or null
  // The sentence TagsOf tagged last and its tokens' UPOS.
  uint32_t tagged_sentence_ = UINT32_MAX;
  std::vector<uint8_t> tags_;
  std::vector<std::string_view> tag_words_;
  std::vector<Unit> units_;
  std::string keys_;                    // every unit's normalized key, back to back (Unit::key_off)
  mutable std::vector<int8_t> shaped_;  // Shaped() per unit: -1 not yet known
  StrSet locative_keys_;                // words after "to", "in", "from" ...
  std::vector<uint8_t> claim_;
  std::string part_;  // scratch for HyphenGiven
  std::vector<OtherCand> others_;
  std::vector<PersonCand> persons_;
  std::vector<char> clusters_;  // one slot per person cluster
};

}  // namespace

const NameFinder& NameFinder::Default() {
  static const NameFinder finder;
  Lexicon::Get();
  return finder;
}

void NameFinder::Run(Document* doc) const {
  Pass(Lexicon::Get(), doc).Go();
}

void NameFinder::Run(Document* doc, const TagWords* tag) const {
  Pass(Lexicon::Get(), doc, tag && *tag ? tag : nullptr).Go();
}

}  // namespace cairn::extract
