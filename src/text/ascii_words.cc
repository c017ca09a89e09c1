#include "text/ascii_words.h"

namespace cairn::text::internal {
namespace {

// ICU counts '@' as ALetter (so mail addresses stay one word).
bool IsLetter(char16_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@'; }
bool IsDigit(char16_t c) { return c >= '0' && c <= '9'; }
// ALetter, Numeric and ExtendNumLet all join each other (WB5, WB8-WB10, WB13a/b).
bool IsWordUnit(char16_t c) { return IsLetter(c) || IsDigit(c) || c == '_'; }
// MidLetter, MidNumLet and Single_Quote between letters (WB6/WB7). ICU's
// rules leave the colon out of MidLetter.
bool JoinsLetters(char16_t c) { return c == '.' || c == '\''; }
// MidNum, MidNumLet and Single_Quote between digits (WB11/WB12).
bool JoinsDigits(char16_t c) { return c == '.' || c == '\'' || c == ',' || c == ';'; }

}  // namespace

bool IsAscii(const char16_t* s, int32_t n) {
  char16_t any = 0;
  for (int32_t i = 0; i < n; ++i) any |= s[i];
  return any < 0x80;
}

void AsciiWordBounds(const char16_t* s, int32_t n, std::vector<int32_t>* bounds) {
  bounds->push_back(0);
  int32_t i = 0;
  while (i < n) {
    char16_t c = s[i];
    int32_t j = i + 1;
    if (IsWordUnit(c)) {
      while (j < n) {
        char16_t d = s[j];
        if (IsWordUnit(d)) {
          ++j;
          continue;
        }
        if (j + 1 < n) {
          char16_t p = s[j - 1], q = s[j + 1];
          if ((IsLetter(p) && IsLetter(q) && JoinsLetters(d)) ||
              (IsDigit(p) && IsDigit(q) && JoinsDigits(d))) {
            j += 2;
            continue;
          }
        }
        break;
      }
    } else if (c == ' ') {
      while (j < n && s[j] == ' ') ++j;  // WB3d: horizontal white space stays together
    } else if (c == '\r') {
      if (j < n && s[j] == '\n') ++j;  // WB3
    }
    bounds->push_back(j);
    i = j;
  }
}

}  // namespace cairn::text::internal
