// Word and sentence boundaries of pure ASCII text without ICU: the subset of Unicode's
// word break rules (UAX #29, as ICU's word break iterator applies them) that
// ASCII can reach. tests/text checks it against ICU on generated text.
// Internal to text/.
#pragma once

#include <cstdint>
#include <vector>

namespace cairn::text::internal {

// True when every unit of s[0, n) is ASCII.
bool IsAscii(const char16_t* s, int32_t n);

// The word boundaries of the ASCII text s[0, n), as ICU's word break
// iterator reports them: 0, then the end of each segment up to n.
void AsciiWordBounds(const char16_t* s, int32_t n, std::vector<int32_t>* bounds);

// The sentence boundaries of the ASCII text s[0, n), as ICU's sentence break
// iterator reports them (UAX #29 sentence rules as far as ASCII reaches):
// 0, then the end of each sentence (after its closing punctuation and
// spaces) up to n.
void AsciiSentenceBounds(const char16_t* s, int32_t n, std::vector<int32_t>* bounds);

}  // namespace cairn::text::internal
