// ASCII byte helpers shared by the stages' scanners, with the "C" locale's
// semantics (white space is ' ' and '\t'..'\r'; a word byte is
// [A-Za-z0-9_]); bytes of UTF-8 sequences are neither. Inline: they run on
// every byte of a page. Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cairn::ascii {

inline bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
inline bool IsWord(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
inline char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// `s` with ASCII letters lower-cased.
inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// `s` without ASCII white space at either end.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The number of runs of non-white-space bytes.
inline size_t WordCount(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = IsSpace(c);
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

}  // namespace cairn::ascii
