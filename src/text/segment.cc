#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/data.h"
#include "core/swar.h"
#include "text/ascii_words.h"

namespace cairn::text {
namespace {

enum class AbbrevKind { kTitle, kOther };

// Lets the table be searched with a std::string_view into the text, no copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using AbbrevTable = std::unordered_map<std::string, AbbrevKind, StringHash, std::equal_to<>>;

// data/abbreviations.tsv, loaded once: abbreviation (UTF-8, with its full
// stop) -> kind.
const AbbrevTable& Abbreviations() {
  static const auto* const table = [] {
    auto* t = new AbbrevTable;
    auto text = data::Get("abbreviations.tsv");
    if (!text) return t;
    for (const auto& row : data::ParseTsv(*text)) {
      if (row.empty() || row[0].empty()) continue;
      (*t)[std::string(row[0])] =
          row.size() > 1 && row[1] == "title" ? AbbrevKind::kTitle : AbbrevKind::kOther;
    }
    return t;
  }();
  return *table;
}

// Character classes of ASCII, one table look-up per byte.
enum : uint8_t { kSpace = 1, kUpper = 2, kLower = 4, kDigit = 8 };
constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> c{};
  for (int i = 0x09; i <= 0x0D; ++i) c[i] = kSpace;  // ASCII White_Space
  c[' '] = kSpace;
  for (int i = 'A'; i <= 'Z'; ++i) c[i] = kUpper;
  for (int i = 'a'; i <= 'z'; ++i) c[i] = kLower;
  for (int i = '0'; i <= '9'; ++i) c[i] = kDigit;
  return c;
}();

bool IsSpace(UChar32 c) {
  if (c < 0x80) return kAsciiClass[static_cast<size_t>(c)] == kSpace;
  return u_isUWhiteSpace(c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

bool IsOpeningPunct(UChar32 c) {
  return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == 0x201C || c == 0x2018 ||
         c == 0x00AB;
}

bool IsHangulSyllable(UChar32 c) { return c >= 0xAC00 && c <= 0xD7A3; }

// The character starting at s[*i] (*i < end), moving *i past it. Bytes that
// are not UTF-8 give U+FFFD, one per maximal ill-formed subsequence, as
// ICU's own conversions and its UTF-8 UText do.
UChar32 NextChar(const char* s, int32_t* i, int32_t end) {
  int32_t k = *i;
  UChar32 c;
  U8_NEXT(s, k, end, c);
  *i = k;
  return c < 0 ? 0xFFFD : c;
}

// The character ending at s[*i] (*i > start), moving *i to its first byte.
UChar32 PrevChar(const char* s, int32_t start, int32_t* i) {
  int32_t k = *i - 1;
  UChar32 c = static_cast<unsigned char>(s[k]);
  if (c >= 0x80) {  // U8_PREV without its C-style cast
    c = utf8_prevCharSafeBody(reinterpret_cast<const uint8_t*>(s), start, &k, c, -1);
  }
  *i = k;
  return c < 0 ? 0xFFFD : c;
}

// The glued-sentence rule looks at single characters around a full stop as
// UTF-16 units: a character outside the BMP shows it a surrogate, which
// none of its tests match. These keep that behaviour on code points.
UChar32 AsUnitBefore(UChar32 c) { return c > 0xFFFF ? 0xDC00 : c; }  // a trail surrogate
UChar32 AsUnitAt(UChar32 c) { return c > 0xFFFF ? 0xD800 : c; }      // a lead surrogate

// The first non-space byte of s[b, e).
int32_t SkipSpaces(const char* s, int32_t b, int32_t e) {
  while (b < e) {
    unsigned char c = static_cast<unsigned char>(s[b]);
    if (c < 0x80) {
      if (kAsciiClass[c] != kSpace) break;
      ++b;
      continue;
    }
    int32_t k = b;
    if (!IsSpace(NextChar(s, &k, e))) break;
    b = k;
  }
  return b;
}

// One past the last non-space byte of s[b, e).
int32_t TrimSpacesBack(const char* s, int32_t b, int32_t e) {
  while (e > b) {
    unsigned char c = static_cast<unsigned char>(s[e - 1]);
    if (c < 0x80) {
      if (kAsciiClass[c] != kSpace) break;
      --e;
      continue;
    }
    int32_t k = e;
    if (!IsSpace(PrevChar(s, b, &k))) break;
    e = k;
  }
  return e;
}

// The word that ends just before s[end] ('.' included), from the previous
// white space (not before `begin`), without opening punctuation.
std::string_view WordBefore(const char* s, int32_t begin, int32_t end) {
  int32_t b = end;
  while (b > begin) {
    unsigned char c = static_cast<unsigned char>(s[b - 1]);
    if (c < 0x80) {
      if (kAsciiClass[c] == kSpace) break;
      --b;
      continue;
    }
    int32_t k = b;
    if (IsSpace(PrevChar(s, begin, &k))) break;
    b = k;
  }
  while (b < end) {
    int32_t k = b;
    if (!IsOpeningPunct(NextChar(s, &k, end))) break;
    b = k;
  }
  return std::string_view(s + b, static_cast<size_t>(end - b));
}

// True when the full stop at s[dot] ends an abbreviation that never ends a
// sentence ("Mr.", "Gen.", "c."), so a break after it is wrong.
bool IsTitleAbbreviation(const char* s, int32_t begin, int32_t dot) {
  std::string_view w = WordBefore(s, begin, dot + 1);
  if (w.size() < 2) return false;
  const AbbrevTable& abbr = Abbreviations();
  auto it = abbr.find(w);
  return it != abbr.end() && it->second == AbbrevKind::kTitle;
}

bool IsAnyAbbreviation(const char* s, int32_t begin, int32_t dot) {
  const AbbrevTable& abbr = Abbreviations();
  return abbr.find(WordBefore(s, begin, dot + 1)) != abbr.end();
}

// Closed-class words that open a sentence after a capital letter and its
// full stop ("... in Block C. The guards ..."): determiners, prepositions
// and pronouns from data/word_classes.tsv.
const std::unordered_set<std::string, StringHash, std::equal_to<>>& SentenceOpeners() {
  static const auto* const set = [] {
    auto* out = new std::unordered_set<std::string, StringHash, std::equal_to<>>;
    auto text = data::Get("word_classes.tsv");
    if (!text) return out;
    for (const auto& row : data::ParseTsv(*text)) {
      if (row.size() < 2) continue;
      if (row[0] != "determiner" && row[0] != "preposition" && row[0] != "nominative_pronoun" &&
          row[0] != "possessive_pronoun" && row[0] != "aux")
        continue;
      std::string_view words = row[1];
      while (!words.empty()) {
        size_t bar = words.find('|');
        out->emplace(words.substr(0, bar));
        words = bar == std::string_view::npos ? std::string_view() : words.substr(bar + 1);
      }
    }
    return out;
  }();
  return *set;
}

// Rule name-initial. EXAMPLE: "John F. Delaney said", "Mr T. Albright",
// "J. K. Rowe": the full stop at s[dot] ends a capital letter standing alone
// after a capitalized word, and the word after the break at `next` is a
// capitalized name or another initial, not a closed-class word that opens a
// sentence ("Plan B. The ..."): an initial, never a sentence end.
bool IsNameInitial(const char* s, int32_t begin, int32_t dot, int32_t next, int32_t end) {
  std::string_view w = WordBefore(s, begin, dot + 1);
  if (w.size() != 2 || w[0] < 'A' || w[0] > 'Z') return false;
  const int32_t prev_end = TrimSpacesBack(s, begin, dot - 1);
  if (prev_end <= begin || prev_end == dot - 1) return false;
  std::string_view prev = WordBefore(s, begin, prev_end);
  if (prev.empty() || prev[0] < 'A' || prev[0] > 'Z') return false;
  int32_t nb = SkipSpaces(s, next, end), ne = nb;
  while (ne < end && static_cast<unsigned char>(s[ne]) < 0x80 &&
         (std::isalpha(static_cast<unsigned char>(s[ne])) || s[ne] == '.'))
    ++ne;
  std::string_view nw(s + nb, static_cast<size_t>(ne - nb));
  if (nw.size() < 2 || nw[0] < 'A' || nw[0] > 'Z') return false;
  const bool initial = nw.size() == 2 && nw[1] == '.';
  if (!initial && !(nw[1] >= 'a' && nw[1] <= 'z')) return false;
  std::string low(nw);
  for (char& c : low) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return initial || !SentenceOpeners().count(low);
}

// The shape flags of the token s[b, e) (kTokSpaceBefore and kTokSentStart aside).
uint16_t ShapeFlags(const char* s, int32_t b, int32_t e) {
  int letters = 0, upper = 0, digits = 0;
  bool first_letter_upper = false, hangul = false;
  for (int32_t k = b; k < e;) {
    unsigned char byte = static_cast<unsigned char>(s[k]);
    if (byte < 0x80) {  // ASCII: no ICU property look-ups
      ++k;
      uint8_t cls = kAsciiClass[byte];
      if (cls & (kUpper | kLower)) {
        bool up = cls == kUpper;
        if (letters == 0) first_letter_upper = up;
        ++letters;
        if (up) ++upper;
      } else if (cls == kDigit) {
        ++digits;
      }
      continue;
    }
    UChar32 c = NextChar(s, &k, e);
    if (IsHangulSyllable(c)) {  // a letter, neither upper nor title case
      ++letters;
      hangul = true;
    } else if (u_isalpha(c)) {
      if (letters == 0) first_letter_upper = u_isupper(c) || u_istitle(c);
      ++letters;
      if (u_isupper(c)) ++upper;
      UErrorCode err = U_ZERO_ERROR;
      if (uscript_getScript(c, &err) == USCRIPT_HANGUL) hangul = true;
    } else if (u_isdigit(c)) {
      ++digits;
    }
  }
  uint16_t f = letters > 0 ? kTokWord : digits > 0 ? kTokNumber : kTokPunct;
  if (letters > 0 && digits > 0) f |= kTokNumber;
  if (first_letter_upper) f |= kTokUpper;
  if (letters >= 2 && upper == letters) f |= kTokAllCaps;
  if (hangul) f |= kTokHangul;
  return f;
}

// True when s[b, e) is all white space.
bool IsBlank(const char* s, int32_t b, int32_t e) { return SkipSpaces(s, b, e) == e; }

// Where a possessive "'s" ('s or ’s) starts when it ends the word s[b, e)
// after a letter ("Jang's" -> "Jang", "'s"), else e.
int32_t PossessiveCut(const char* s, int32_t b, int32_t e) {
  if (e - b < 3 || (s[e - 1] != 's' && s[e - 1] != 'S')) return e;
  int32_t a;
  if (s[e - 2] == '\'') {
    a = e - 2;
  } else if (e - b >= 5 && std::memcmp(s + e - 4, "\xE2\x80\x99", 3) == 0) {  // U+2019
    a = e - 4;
  } else {
    return e;
  }
  int32_t k = a;
  return u_isalpha(AsUnitBefore(PrevChar(s, b, &k))) ? a : e;
}

// kTokSpaceBefore when white space precedes s[b], else 0.
uint16_t SpaceBefore(const char* s, int32_t b) {
  if (b == 0) return 0;
  unsigned char c = static_cast<unsigned char>(s[b - 1]);
  if (c < 0x80) return kAsciiClass[c] == kSpace ? kTokSpaceBefore : 0;
  return IsSpace(PrevChar(s, 0, &b)) ? kTokSpaceBefore : 0;
}

// Where a document's tokens go: appended to *tokens, or only counted when
// tokens is null (SegmentOptions::keep_tokens = false). Tokens are gathered
// a block at a time so that adding one is a store, not a call into
// std::vector's growth path; Flush() before reading tokens.
class TokenSink {
 public:
  explicit TokenSink(std::vector<Token>* tokens) : tokens_(tokens) {}

  bool keep() const { return tokens_ != nullptr; }
  uint32_t count() const { return count_; }  // tokens found so far, kept or not
  void StartSentence(uint32_t sentence) {
    sentence_ = sentence;
    first_ = count_;
  }
  void Count(uint32_t n) { count_ += n; }
  void Add(int32_t b, int32_t e, uint16_t flags) {
    if (count_ == first_) flags |= kTokSentStart;
    block_[pending_++] =
        Token{Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)}, flags, sentence_};
    ++count_;
    if (pending_ == kBlock) Flush();
  }
  void Flush() {
    tokens_->insert(tokens_->end(), block_.begin(),
                    block_.begin() + static_cast<std::ptrdiff_t>(pending_));
    pending_ = 0;
  }

 private:
  static constexpr size_t kBlock = 64;
  std::vector<Token>* tokens_;
  uint32_t count_ = 0;
  uint32_t sentence_ = 0;
  uint32_t first_ = 0;
  size_t pending_ = 0;
  std::array<Token, kBlock> block_;
};

// ShapeFlags of the ASCII token s[b, e), given the union of its characters'
// classes (ForEachAsciiWordSegment): most tokens need no second look.
uint16_t AsciiShapeFlags(const char* s, int32_t b, int32_t e, uint16_t classes) {
  using internal::AsciiClass;
  const bool upper = classes & internal::kAsciiUpper, lower = classes & internal::kAsciiLower;
  const bool digit = classes & internal::kAsciiDigit;
  if (!upper && !lower) return digit ? kTokNumber : kTokPunct;
  uint16_t f = digit ? kTokWord | kTokNumber : kTokWord;
  if (!upper) return f;
  // Is the first letter upper case?
  int32_t k = b;
  while (!(AsciiClass(s[k]) & (internal::kAsciiUpper | internal::kAsciiLower))) ++k;
  if (AsciiClass(s[k]) & internal::kAsciiUpper) f |= kTokUpper;
  if (!lower) {  // all capitals: at least two letters?
    for (++k; k < e; ++k) {
      if (AsciiClass(s[k]) & internal::kAsciiUpper) {
        f |= kTokAllCaps;
        break;
      }
    }
  }
  return f;
}

// The tokens of the ASCII sentence s[sb, se), without ICU (the word
// boundaries are ICU's; tests/text).
void AsciiTokens(const char* s, int32_t sb, int32_t se, TokenSink* sink) {
  internal::ForEachAsciiWordSegment(s + sb, se - sb, [&](int32_t b, int32_t e, uint16_t classes) {
    // A segment is all white space (a run of spaces, CR LF, one control) or
    // has none: its classes tell which.
    constexpr uint16_t kWhite = internal::kAsciiSp | internal::kAsciiParaSep;
    if (classes & kWhite) return;
    int32_t tb = b + sb, te = e + sb;
    // Split a possessive "'s" off its word: "Jang's" -> "Jang", "'s".
    bool possessive =
        te - tb >= 3 && (s[te - 1] == 's' || s[te - 1] == 'S') && s[te - 2] == '\'' &&
        (internal::AsciiClass(s[te - 3]) & (internal::kAsciiUpper | internal::kAsciiLower));
    if (!sink->keep()) {
      sink->Count(possessive ? 2 : 1);
      return;
    }
    // Inside the sentence the byte before is ASCII; before it, anything.
    uint16_t space = tb > sb ? ((internal::AsciiClass(s[tb - 1]) & kWhite) ? kTokSpaceBefore : 0)
                             : SpaceBefore(s, tb);
    if (!possessive) {
      sink->Add(tb, te, static_cast<uint16_t>(AsciiShapeFlags(s, tb, te, classes) | space));
      return;
    }
    // The word without "'s" (whose classes the union no longer tells), then
    // "'s": one letter after a letter, a word, upper case when 'S'.
    sink->Add(tb, te - 2, static_cast<uint16_t>(ShapeFlags(s, tb, te - 2) | space));
    sink->Add(te - 2, te, s[te - 1] == 'S' ? kTokWord | kTokUpper : kTokWord);
  });
}

// The first of '.', '?' and '!' in s[i, end), or end; eight bytes at a time.
int32_t FindStop(const char* s, int32_t i, int32_t end) {
  using swar::HasByte;
  for (; i + 8 <= end; i += 8) {
    const uint64_t w = swar::Load8(s + i);
    if (HasByte(w, '.') | HasByte(w, '?') | HasByte(w, '!')) {
      break;
    }
  }
  for (; i < end; ++i) {
    if (s[i] == '.' || s[i] == '?' || s[i] == '!') return i;
  }
  return end;
}

}  // namespace

struct Segmenter::Impl {
  std::unique_ptr<icu::BreakIterator> sentences;
  std::unique_ptr<icu::BreakIterator> words;
  bool ok = false;
  // Scratch space reused across paragraphs and documents: the boundaries of
  // one paragraph, never anything the size of the text.
  UText sentence_text = UTEXT_INITIALIZER;
  UText word_text = UTEXT_INITIALIZER;
  std::vector<int32_t> bounds;
  std::vector<int32_t> kept;
  std::vector<int32_t> all;
  std::vector<int32_t> ascii_bounds;
  std::vector<int32_t> stops;  // of an ASCII paragraph: its '.', '!' and '?', relative
  std::vector<int32_t> word_bounds;
  std::vector<std::pair<int32_t, int32_t>> sents;

  ~Impl() {
    utext_close(&sentence_text);
    utext_close(&word_text);
  }

  Impl() {
    UErrorCode err = U_ZERO_ERROR;
    sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), err));
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), err));
    ok = U_SUCCESS(err) && sentences && words;
  }

  // The tokens of the sentence s[sb, se), which is not all ASCII: ICU's word
  // iterator over its UTF-8 bytes (whose indexes are byte offsets).
  void OtherTokens(const char* s, int32_t sb, int32_t se, TokenSink* sink) {
    word_bounds.clear();
    UErrorCode err = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(&word_text, s + sb, se - sb, &err);
    words->setText(ut, err);
    if (U_FAILURE(err)) return;
    for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) {
      word_bounds.push_back(b);
    }
    for (size_t w = 1; w < word_bounds.size(); ++w) {
      int32_t tb = word_bounds[w - 1] + sb, te = word_bounds[w] + sb;
      if (IsBlank(s, tb, te)) continue;
      // Split a possessive "'s" off its word: "Jang's" -> "Jang", "'s".
      int32_t cut = PossessiveCut(s, tb, te);
      if (!sink->keep()) {
        sink->Count(cut < te ? 2 : 1);
        continue;
      }
      sink->Add(tb, cut, static_cast<uint16_t>(ShapeFlags(s, tb, cut) | SpaceBefore(s, tb)));
      if (cut < te) {
        sink->Add(cut, te, static_cast<uint16_t>(ShapeFlags(s, cut, te) | SpaceBefore(s, cut)));
      }
    }
  }

  // Sentence spans [b, e) in bytes of s for the paragraph s[pb, pe), into
  // sents. Returns whether the paragraph is ASCII.
  bool SplitSentences(const char* s, int32_t pb, int32_t pe) {
    sents.clear();
    bounds.assign(1, pb);
    const char* para = s + pb;
    const bool ascii = internal::IsAscii(para, pe - pb);
    if (ascii) {
      // The same boundaries as ICU's sentence iterator (tests/text).
      ascii_bounds.clear();
      stops.clear();
      internal::AsciiSentenceBounds(para, pe - pb, &ascii_bounds, &stops);
      for (int32_t b : ascii_bounds) {
        if (b + pb > bounds.back()) bounds.push_back(b + pb);
      }
    } else {
      // The paragraph as ICU sees it, without copying it.
      UErrorCode err = U_ZERO_ERROR;
      UText* ut = utext_openUTF8(&sentence_text, para, pe - pb, &err);
      sentences->setText(ut, err);
      if (U_FAILURE(err)) return false;
      for (int32_t b = sentences->first(); b != icu::BreakIterator::DONE; b = sentences->next()) {
        if (b + pb > bounds.back()) bounds.push_back(b + pb);
      }
    }
    if (bounds.back() != pe) bounds.push_back(pe);
    // Drop breaks after abbreviations that never end a sentence.
    kept.assign(1, bounds.front());
    for (size_t i = 1; i + 1 < bounds.size(); ++i) {
      int32_t e = TrimSpacesBack(s, kept.back(), bounds[i]);
      if (e > kept.back() && s[e - 1] == '.' && IsTitleAbbreviation(s, kept.back(), e - 1)) {
        continue;
      }
      if (e > kept.back() && s[e - 1] == '.' &&
          IsNameInitial(s, kept.back(), e - 1, bounds[i], bounds[i + 1])) {
        continue;
      }
      // After any other abbreviation ("U.S."), a break is wrong when what
      // follows is the paragraph's unpunctuated rest: a headline such as
      // "Defector Moves To U.S. To Get Married".
      if (i + 2 == bounds.size() && e > kept.back() && s[e - 1] == '.' &&
          IsAnyAbbreviation(s, kept.back(), e - 1)) {
        int32_t last = TrimSpacesBack(s, bounds[i], pe);
        UChar32 c = last > bounds[i] ? PrevChar(s, bounds[i], &last) : UChar32{'.'};
        if (c != '.' && c != '!' && c != '?' && c != '"' && c != 0x201D && c != 0x2019 &&
            c != '\'' && c != ')') {
          continue;
        }
      }
      kept.push_back(bounds[i]);
    }
    kept.push_back(bounds.back());
    // Split sentences glued without a space: "officials.In 1987".
    // The first '.', '?' or '!' in s[from, end), or end: from the stops the
    // ASCII scan recorded, else a search.
    size_t next_stop = 0;
    auto find_stop = [&](int32_t from, int32_t end) {
      if (!ascii) return FindStop(s, from, end);
      while (next_stop < stops.size() && stops[next_stop] + pb < from) ++next_stop;
      return next_stop < stops.size() && stops[next_stop] + pb < end ? stops[next_stop] + pb : end;
    };
    all.assign(1, kept.front());
    for (size_t i = 1; i < kept.size(); ++i) {
      int32_t sb = all.back();
      int32_t se = kept[i];
      for (int32_t j = find_stop(sb + 1, se); j < se; j = find_stop(j + 1, se)) {
        char c = s[j];
        // At least two UTF-16 units must follow within the sentence.
        int32_t k = j + 1;
        if (k >= se) break;
        UChar32 next = NextChar(s, &k, se);
        UChar32 next2 = next > 0xFFFF ? 0 : k < se ? AsUnitAt(NextChar(s, &k, se)) : -1;
        if (next2 < 0) break;
        next = AsUnitAt(next);
        int32_t pj = j;
        UChar32 prev = AsUnitBefore(PrevChar(s, sb, &pj));
        // Korean glued after a full stop: "탈출했다.그는".
        if (IsHangulSyllable(prev) && IsHangulSyllable(next)) {
          all.push_back(j + 1);
          sb = j + 1;
          continue;
        }
        if (!(u_islower(prev) || u_isdigit(prev) || prev == ')')) continue;
        if (!u_isupper(next) || next2 == '.') continue;
        if (!(u_islower(next2) || IsSpace(next2) || u_isupper(next2))) continue;
        std::string_view w = WordBefore(s, sb, j + 1);
        // "e.g.", "U.S.", "fig.3": a full stop inside the word means an
        // abbreviation or a number, not a glued sentence.
        if (w.find('.') < w.size() - 1) continue;
        // Web and mail addresses: "www.Example.org", "name@Host.com".
        if (w.find('/') != std::string_view::npos || w.find('@') != std::string_view::npos ||
            w.starts_with("www")) {
          continue;
        }
        if (c == '.' && IsAnyAbbreviation(s, sb, j)) continue;
        size_t letters = 0;
        const int32_t wn = static_cast<int32_t>(w.size());
        for (int32_t x = 0; x < wn;) {
          if (u_isalpha(AsUnitAt(NextChar(w.data(), &x, wn)))) ++letters;
        }
        if (letters < 2 && !u_isdigit(prev)) continue;
        all.push_back(j + 1);
        sb = j + 1;
      }
      all.push_back(se);
    }
    for (size_t i = 0; i + 1 < all.size(); ++i) {
      int32_t b = SkipSpaces(s, all[i], all[i + 1]);
      int32_t e = TrimSpacesBack(s, b, all[i + 1]);
      if (b < e) sents.push_back({b, e});
    }
    return ascii;
  }
};

Segmenter::Segmenter() : impl_(std::make_unique<Impl>()) {}
Segmenter::~Segmenter() = default;

Status Segmenter::Run(Document* doc, const SegmentOptions& options) {
  if (!impl_->ok) return Status::Internal(doc->name + ": ICU break iterators unavailable");
  doc->paragraphs.clear();
  doc->sentences.clear();
  doc->tokens.clear();
  const std::string& text = doc->text;
  if (text.size() > UINT32_MAX / 2) {
    return Status::InvalidArgument(doc->name + ": text too large to segment");
  }
  const char* s = text.data();
  const int32_t n = static_cast<int32_t>(text.size());
  TokenSink sink(options.keep_tokens ? &doc->tokens : nullptr);
  auto span = [](int32_t b, int32_t e) {
    return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
  };

  int32_t line_begin = 0;
  while (line_begin <= n) {
    const void* nl = line_begin < n
                         ? std::memchr(s + line_begin, '\n', static_cast<size_t>(n - line_begin))
                         : nullptr;
    int32_t line_end = nl ? static_cast<int32_t>(static_cast<const char*>(nl) - s) : n;
    int32_t pb = SkipSpaces(s, line_begin, line_end);
    int32_t pe = TrimSpacesBack(s, pb, line_end);
    if (pb < pe) {
      uint32_t para_index = static_cast<uint32_t>(doc->paragraphs.size());
      doc->paragraphs.push_back(Paragraph{span(pb, pe)});
      const bool para_ascii = impl_->SplitSentences(s, pb, pe);
      for (const auto& [sb, se] : impl_->sents) {
        Sentence sent;
        sent.span = span(sb, se);
        sent.paragraph = para_index;
        sent.first_token = sink.count();
        sink.StartSentence(static_cast<uint32_t>(doc->sentences.size()));
        if (para_ascii || internal::IsAscii(s + sb, se - sb)) {
          AsciiTokens(s, sb, se, &sink);
        } else {
          impl_->OtherTokens(s, sb, se, &sink);
        }
        sent.end_token = sink.count();
        doc->sentences.push_back(sent);
      }
    }
    line_begin = line_end + 1;
  }
  if (sink.keep()) sink.Flush();
  return Status::OK();
}

}  // namespace cairn::text
