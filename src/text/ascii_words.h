// Word and sentence boundaries of pure ASCII text without ICU: the subset of Unicode's
// word break rules (UAX #29, as ICU's word break iterator applies them) that
// ASCII can reach. tests/text checks it against ICU on generated text.
// Each function takes the text as UTF-8 bytes (char, what the segmenter
// reads) or UTF-16 units (char16_t); for ASCII text both give the same
// offsets. Internal to text/.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cairn::text::internal {

// True when every unit of s[0, n) is ASCII.
bool IsAscii(const char* s, int32_t n);
bool IsAscii(const char16_t* s, int32_t n);

// The word boundaries of the ASCII text s[0, n), as ICU's word break
// iterator reports them: 0, then the end of each segment up to n.
// REQUIRES: IsAscii(s, n). Char is char or char16_t.
template <typename Char>
void AsciiWordBounds(const Char* s, int32_t n, std::vector<int32_t>* bounds);

// The sentence boundaries of the ASCII text s[0, n), as ICU's sentence break
// iterator reports them (UAX #29 sentence rules as far as ASCII reaches):
// 0, then the end of each sentence (after its closing punctuation and
// spaces) up to n. When `stops` is not null, it receives the offset of every
// '.', '!' and '?' in order (the scan passes them all anyway).
// REQUIRES: IsAscii(s, n). Char is char or char16_t.
template <typename Char>
void AsciiSentenceBounds(const Char* s, int32_t n, std::vector<int32_t>* bounds,
                         std::vector<int32_t>* stops = nullptr);

// Word_Break and Sentence_Break classes of ASCII as bits.
enum AsciiClassBit : uint16_t {
  kAsciiLetter = 1 << 0,        // ALetter; ICU counts '@' as one (mail addresses stay one word)
  kAsciiDigit = 1 << 1,         // Numeric
  kAsciiWordUnit = 1 << 2,      // ALetter, Numeric and ExtendNumLet join each other
                                // (WB5, WB8-WB10, WB13a/b)
  kAsciiJoinsLetters = 1 << 3,  // MidLetter, MidNumLet, Single_Quote between letters
                                // (WB6/WB7); ICU's rules leave the colon out of MidLetter
  kAsciiJoinsDigits = 1 << 4,   // MidNum, MidNumLet, Single_Quote between digits (WB11/WB12)
  kAsciiSATerm = 1 << 5,        // . ! ?
  kAsciiClose = 1 << 6,         // quotes and brackets
  kAsciiSp = 1 << 7,            // horizontal white space
  kAsciiParaSep = 1 << 8,       // CR, LF
  kAsciiSContinue = 1 << 9,     // , - :
  kAsciiUpper = 1 << 10,
  kAsciiLower = 1 << 11,
};

// Indexed by byte; bytes from 0x80 up have no class.
inline constexpr std::array<uint16_t, 256> kAsciiClasses = [] {
  std::array<uint16_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kAsciiLetter | kAsciiWordUnit | kAsciiLower;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kAsciiLetter | kAsciiWordUnit | kAsciiUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kAsciiDigit | kAsciiWordUnit;
  t['@'] |= kAsciiLetter | kAsciiWordUnit;
  t['_'] |= kAsciiWordUnit;
  for (int c : {'.', '\''}) t[c] |= kAsciiJoinsLetters;
  for (int c : {'.', '\'', ',', ';'}) t[c] |= kAsciiJoinsDigits;
  for (int c : {'.', '!', '?'}) t[c] |= kAsciiSATerm;
  for (int c : {'"', '\'', '(', ')', '[', ']', '{', '}'}) t[c] |= kAsciiClose;
  for (int c : {' ', '\t', '\v', '\f'}) t[c] |= kAsciiSp;
  for (int c : {'\r', '\n'}) t[c] |= kAsciiParaSep;
  for (int c : {',', '-', ':'}) t[c] |= kAsciiSContinue;
  return t;
}();

// The classes of c. REQUIRES: c is ASCII (a violation reads a wrong class,
// never out of bounds).
inline uint16_t AsciiClass(char c) { return kAsciiClasses[static_cast<unsigned char>(c)]; }
inline uint16_t AsciiClass(char16_t c) { return kAsciiClasses[c & 0x7F]; }

// Calls visit(b, e, classes) for each word-break segment [b, e) of the
// ASCII text s[0, n), in order: what AsciiWordBounds reports, without the
// vector. `classes` is the union of the AsciiClass of the segment's
// characters. Segments are a run of word characters (with the joiners the
// rules allow between them), a run of spaces, CR LF, or one other character.
// REQUIRES: IsAscii(s, n).
template <typename Char, typename Visit>
inline void ForEachAsciiWordSegment(const Char* s, int32_t n, Visit&& visit) {
  int32_t i = 0;
  while (i < n) {
    Char c = s[i];
    uint16_t classes = AsciiClass(c);
    int32_t j = i + 1;
    if (classes & kAsciiWordUnit) {
      while (true) {
        uint16_t k;
        while (j < n && ((k = AsciiClass(s[j])) & kAsciiWordUnit)) {
          classes |= k;
          ++j;
        }
        if (j + 1 < n) {
          uint16_t d = AsciiClass(s[j]), p = AsciiClass(s[j - 1]), q = AsciiClass(s[j + 1]);
          if (((p & q & kAsciiLetter) && (d & kAsciiJoinsLetters)) ||
              ((p & q & kAsciiDigit) && (d & kAsciiJoinsDigits))) {
            classes |= d | q;
            j += 2;
            continue;
          }
        }
        break;
      }
    } else if (c == ' ') {
      while (j < n && s[j] == ' ') ++j;  // WB3d: horizontal white space stays together
    } else if (c == '\r') {
      if (j < n && s[j] == '\n') {  // WB3
        classes |= AsciiClass(s[j]);
        ++j;
      }
    }
    visit(i, j, classes);
    i = j;
  }
}

}  // namespace cairn::text::internal
