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

// Sentence_Break classes of ASCII.
bool IsSATerm(char16_t c) { return c == '.' || c == '!' || c == '?'; }
bool IsClose(char16_t c) {
  return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
         c == '}';
}
bool IsSp(char16_t c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
bool IsParaSep(char16_t c) { return c == '\r' || c == '\n'; }
bool IsSContinue(char16_t c) { return c == ',' || c == '-' || c == ':'; }
bool IsUpper(char16_t c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char16_t c) { return c >= 'a' && c <= 'z'; }

}  // namespace

void AsciiSentenceBounds(const char16_t* s, int32_t n, std::vector<int32_t>* bounds) {
  bounds->push_back(0);
  int32_t i = 0;
  while (i < n) {
    char16_t c = s[i];
    if (IsParaSep(c)) {  // SB3, SB4
      int32_t e = i + 1;
      if (c == '\r' && e < n && s[e] == '\n') ++e;
      bounds->push_back(e);
      i = e;
      continue;
    }
    if (!IsSATerm(c)) {
      ++i;
      continue;
    }
    int32_t j = i + 1;
    if (c == '.' && j < n) {
      if (IsDigit(s[j])) {  // SB6
        i = j;
        continue;
      }
      if (i > 0 && (IsUpper(s[i - 1]) || IsLower(s[i - 1])) && IsUpper(s[j])) {  // SB7
        i = j;
        continue;
      }
    }
    int32_t j1 = j;
    while (j1 < n && IsClose(s[j1])) ++j1;
    int32_t j2 = j1;
    while (j2 < n && IsSp(s[j2])) ++j2;
    if (j2 < n && (IsSContinue(s[j2]) || IsSATerm(s[j2]))) {  // SB8a
      i = j2;
      continue;
    }
    if (c == '.') {  // SB8: a lower-case letter ahead before any letter, ParaSep or SATerm
      int32_t k = j2;
      while (k < n && !IsUpper(s[k]) && !IsLower(s[k]) && !IsParaSep(s[k]) && !IsSATerm(s[k])) ++k;
      if (k < n && IsLower(s[k])) {
        i = k;
        continue;
      }
    }
    int32_t e = j2;
    if (e < n && IsParaSep(s[e])) {  // SB11: the paragraph separator stays with the sentence
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
