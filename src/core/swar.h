// Eight bytes at a time ("SIMD within a register"): the word tricks that
// ingest and text use to pass over plain ASCII quickly. Words are loaded
// with Load8 (native order; callers that need byte k in bits 8k..8k+7 check
// std::endian::native); masks hold bit 7 of each marked byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace cairn::swar {

inline constexpr uint64_t kOnes = 0x0101010101010101ull;
inline constexpr uint64_t kHigh = 0x8080808080808080ull;
inline constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;

inline uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Nonzero when some byte of `v` is zero (exact as a yes/no; the mask may
// also mark bytes above the first zero byte).
inline constexpr uint64_t HasZeroByte(uint64_t v) { return (v - kOnes) & ~v & kHigh; }

// Nonzero when some byte of `w` is `c`.
inline constexpr uint64_t HasByte(uint64_t w, unsigned char c) {
  return HasZeroByte(w ^ (kOnes * c));
}

// Nonzero when some byte of `w` is below `n` (n <= 0x80).
inline constexpr uint64_t HasByteBelow(uint64_t w, unsigned char n) {
  return (w - kOnes * n) & ~w & kHigh;
}

// The number of bytes marked in a mask of bit-7 marks.
inline constexpr size_t CountMarks(uint64_t mask) {
  return static_cast<size_t>(((mask >> 7) * kOnes) >> 56);
}

}  // namespace cairn::swar
