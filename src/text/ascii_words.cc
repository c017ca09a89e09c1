#include "text/ascii_words.h"

#include <cstring>

#include "core/swar.h"

namespace cairn::text::internal {
namespace {

template <typename Char>
bool Is(Char c, uint16_t classes) {
  return (AsciiClass(c) & classes) != 0;
}

// Past the bytes of s[i, n) before the first eight-byte block holding a
// '.', '!', '?', CR or LF: a fast start for the byte-wise scan.
int32_t SkipToStopOrLineEnd(const char* s, int32_t i, int32_t n) {
  using swar::HasByte;
  for (; i + 8 <= n; i += 8) {
    const uint64_t w = swar::Load8(s + i);
    if (HasByte(w, '.') | HasByte(w, '!') | HasByte(w, '?') | HasByte(w, '\r') |
        HasByte(w, '\n')) {
      break;
    }
  }
  return i;
}

}  // namespace

template <typename Char>
void AsciiSentenceBounds(const Char* s, int32_t n, std::vector<int32_t>* bounds,
                         std::vector<int32_t>* stops) {
  bounds->push_back(0);
  int32_t i = 0;
  while (true) {
    if constexpr (sizeof(Char) == 1) i = SkipToStopOrLineEnd(s, i, n);
    while (i < n && !Is(s[i], kAsciiParaSep | kAsciiSATerm)) ++i;
    if (i >= n) break;
    Char c = s[i];
    if (Is(c, kAsciiParaSep)) {  // SB3, SB4
      int32_t e = i + 1;
      if (c == '\r' && e < n && s[e] == '\n') ++e;
      bounds->push_back(e);
      i = e;
      continue;
    }
    if (stops) stops->push_back(i);  // every SATerm reaches here once
    int32_t j = i + 1;
    if (c == '.' && j < n) {
      if (Is(s[j], kAsciiDigit)) {  // SB6
        i = j;
        continue;
      }
      if (i > 0 && Is(s[i - 1], kAsciiUpper | kAsciiLower) && Is(s[j], kAsciiUpper)) {  // SB7
        i = j;
        continue;
      }
    }
    int32_t j1 = j;
    while (j1 < n && Is(s[j1], kAsciiClose)) ++j1;
    int32_t j2 = j1;
    while (j2 < n && Is(s[j2], kAsciiSp)) ++j2;
    if (j2 < n && Is(s[j2], kAsciiSContinue | kAsciiSATerm)) {  // SB8a
      i = j2;
      continue;
    }
    if (c == '.') {  // SB8: a lower-case letter ahead before any letter, ParaSep or SATerm
      int32_t k = j2;
      while (k < n && !Is(s[k], kAsciiUpper | kAsciiLower | kAsciiParaSep | kAsciiSATerm)) ++k;
      if (k < n && Is(s[k], kAsciiLower)) {
        i = k;
        continue;
      }
    }
    int32_t e = j2;
    if (e < n &&
        Is(s[e], kAsciiParaSep)) {  // SB11: the paragraph separator stays with the sentence
      ++e;
      if (s[e - 1] == '\r' && e < n && s[e] == '\n') ++e;
    }
    if (e < n) bounds->push_back(e);
    i = e;
  }
  if (bounds->back() != n) bounds->push_back(n);
}

bool IsAscii(const char16_t* s, int32_t n) {
  char16_t any = 0;
  for (int32_t i = 0; i < n; ++i) any |= s[i];
  return any < 0x80;
}

bool IsAscii(const char* s, int32_t n) {
  // Eight bytes at a time: any byte with its top bit set is not ASCII.
  uint64_t any = 0;
  int32_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    any |= w;
  }
  for (; i < n; ++i) any |= static_cast<unsigned char>(s[i]);
  return (any & 0x8080808080808080ull) == 0;
}

template <typename Char>
void AsciiWordBounds(const Char* s, int32_t n, std::vector<int32_t>* bounds) {
  bounds->push_back(0);
  ForEachAsciiWordSegment(s, n, [bounds](int32_t, int32_t e, uint16_t) { bounds->push_back(e); });
}

// The segmenter reads UTF-8 (char); the tests also run the UTF-16 form
// next to ICU's UTF-16 iterators.
template void AsciiSentenceBounds(const char*, int32_t, std::vector<int32_t>*,
                                  std::vector<int32_t>*);
template void AsciiSentenceBounds(const char16_t*, int32_t, std::vector<int32_t>*,
                                  std::vector<int32_t>*);
template void AsciiWordBounds(const char*, int32_t, std::vector<int32_t>*);
template void AsciiWordBounds(const char16_t*, int32_t, std::vector<int32_t>*);

}  // namespace cairn::text::internal
