#include "syntax/perceptron.h"

#include <sys/mman.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace cairn::syntax {

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
}  // namespace

void* AllocateLarge(size_t bytes) {
  if (bytes < kHugePage) return ::operator new(bytes, std::nothrow);
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
#ifdef MADV_HUGEPAGE
  if (p != nullptr) madvise(p, rounded, MADV_HUGEPAGE);  // a hint: failure only costs speed
#endif
  return p;
}

void FreeLarge(void* p, size_t bytes) {
  if (bytes < kHugePage) {
    ::operator delete(p);
  } else {
    std::free(p);
  }
}

void TrainWeights::Score(const std::vector<uint32_t>& feats, float* scores) const {
  for (uint32_t f : feats) {
    auto it = map_.find(f);
    if (it == map_.end()) continue;
    for (const Entry& e : it->second) scores[e.cls] += e.w;
  }
}

void TrainWeights::Update(const std::vector<uint32_t>& feats, int cls, float delta) {
  for (uint32_t f : feats) {
    std::vector<Entry>& row = map_[f];
    Entry* e = nullptr;
    for (Entry& x : row) {
      if (x.cls == cls) e = &x;
    }
    if (e == nullptr) {
      row.push_back(Entry{static_cast<uint8_t>(cls), 0.0f, 0.0, now_});
      e = &row.back();
    }
    e->total += static_cast<double>(now_ - e->stamp) * e->w;
    e->stamp = now_;
    e->w += delta;
  }
}

TrainWeights::Averaged TrainWeights::Average() const {
  Averaged out;
  out.keys.reserve(map_.size());
  for (const auto& [k, row] : map_) out.keys.push_back(k);
  std::sort(out.keys.begin(), out.keys.end());
  out.rows.resize(out.keys.size());
  for (size_t i = 0; i < out.keys.size(); ++i) {
    std::vector<Entry> row = map_.at(out.keys[i]);
    std::sort(row.begin(), row.end(), [](const Entry& a, const Entry& b) { return a.cls < b.cls; });
    for (const Entry& e : row) {
      double total = e.total + static_cast<double>(now_ - e.stamp) * e.w;
      auto avg = static_cast<float>(total / static_cast<double>(now_));
      if (avg != 0.0f) out.rows[i].emplace_back(e.cls, avg);
    }
  }
  return out;
}

void Weights::Build(const TrainWeights::Averaged& avg, int classes, int min_quantum) {
  classes_ = classes;
  float max_abs = 0;
  for (const auto& row : avg.rows) {
    for (const auto& [c, w] : row) max_abs = std::max(max_abs, std::fabs(w));
  }
  double scale = max_abs > 0 ? 32767.0 / max_abs : 1.0;
  keys_.clear();
  counts_.clear();
  cls_.clear();
  w_.clear();
  for (size_t i = 0; i < avg.keys.size(); ++i) {
    uint8_t n = 0;
    for (const auto& [c, w] : avg.rows[i]) {
      long q = std::lround(w * scale);
      if (std::labs(q) < min_quantum || n == 255) continue;
      cls_.push_back(c);
      w_.push_back(static_cast<int16_t>(q));
      ++n;
    }
    if (n == 0) continue;
    keys_.push_back(avg.keys[i]);
    counts_.push_back(n);
  }
  Index();
}

void Weights::Prune(int min_quantum) {
  std::vector<uint32_t> keys;
  std::vector<uint8_t> counts, cls;
  std::vector<int16_t> w;
  size_t j = 0;
  for (size_t i = 0; i < keys_.size(); ++i) {
    uint8_t n = 0;
    for (uint8_t k = 0; k < counts_[i]; ++k, ++j) {
      if (std::abs(static_cast<int>(w_[j])) < min_quantum) continue;
      cls.push_back(cls_[j]);
      w.push_back(w_[j]);
      ++n;
    }
    if (n == 0) continue;
    keys.push_back(keys_[i]);
    counts.push_back(n);
  }
  keys_ = std::move(keys);
  counts_ = std::move(counts);
  cls_ = std::move(cls);
  w_ = std::move(w);
  Index();
}

namespace {

// A feature with at least this many classes' weights gets a dense row: a
// vector add of a whole row (8 AVX2 steps for 121 classes) costs about what
// a dozen scattered adds do (measured with 8, 12, 16 and classes / 6: the
// differences were within the noise of the shared machine, classes / 3 was
// slower).
constexpr int kDenseMin = 12;

constexpr size_t kBlock = 16;  // int16 weights per vector step

// acc[c] += rows[r][c] for every row r and c < stride (a multiple of
// kBlock). Most of a decision's weights come from dense rows (70% of the
// parser's found features, 77% of the tagger's), and adding them one row at
// a time loaded and stored the whole accumulator per row; here each block
// of the accumulator stays in a register while every row's block is added
// to it. Integer sums: the same scores in any order. AVX-512 or AVX2 where
// the processor has them (chosen at run time; the build stays portable).
void AddRowsPlain(const int16_t* const* rows, size_t n, int32_t* acc, size_t stride) {
  for (size_t r = 0; r < n; ++r) {
    const int16_t* row = rows[r];
    for (size_t c = 0; c < stride; ++c) acc[c] += row[c];
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void AddRowsAvx2(const int16_t* const* rows, size_t n, int32_t* acc,
                                                 size_t stride) {
  for (size_t c = 0; c < stride; c += 16) {
    auto* lo = reinterpret_cast<__m256i_u*>(acc + c);
    auto* hi = reinterpret_cast<__m256i_u*>(acc + c + 8);
    __m256i a = _mm256_loadu_si256(lo), b = _mm256_loadu_si256(hi);
    for (size_t r = 0; r < n; ++r) {
      const int16_t* p = rows[r] + c;
      a = _mm256_add_epi32(
          a, _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i_u*>(p))));
      b = _mm256_add_epi32(
          b, _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i_u*>(p + 8))));
    }
    _mm256_storeu_si256(lo, a);
    _mm256_storeu_si256(hi, b);
  }
}

// 16 int16 -> 16 int32. The zero-masked form: GCC 12's plain
// _mm512_cvtepi16_epi32 warns of an uninitialized value inside its header.
__attribute__((target("avx512f,avx512bw"))) inline __m512i Widen512(__m256i x) {
  return _mm512_maskz_cvtepi16_epi32(static_cast<__mmask16>(0xffff), x);
}

__attribute__((target("avx512f,avx512bw"))) void AddRowsAvx512(const int16_t* const* rows, size_t n,
                                                               int32_t* acc, size_t stride) {
  size_t c = 0;
  for (; c + 32 <= stride; c += 32) {
    __m512i a = _mm512_loadu_si512(acc + c), b = _mm512_loadu_si512(acc + c + 16);
    for (size_t r = 0; r < n; ++r) {
      const int16_t* p = rows[r] + c;
      a = _mm512_add_epi32(a, Widen512(_mm256_loadu_si256(reinterpret_cast<const __m256i_u*>(p))));
      b = _mm512_add_epi32(
          b, Widen512(_mm256_loadu_si256(reinterpret_cast<const __m256i_u*>(p + 16))));
    }
    _mm512_storeu_si512(acc + c, a);
    _mm512_storeu_si512(acc + c + 16, b);
  }
  if (c < stride) {  // one block of 16 left
    __m512i a = _mm512_loadu_si512(acc + c);
    for (size_t r = 0; r < n; ++r)
      a = _mm512_add_epi32(
          a, Widen512(_mm256_loadu_si256(reinterpret_cast<const __m256i_u*>(rows[r] + c))));
    _mm512_storeu_si512(acc + c, a);
  }
}
#endif

using AddRowsFn = void (*)(const int16_t* const*, size_t, int32_t*, size_t);

AddRowsFn PickAddRows() {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")) return AddRowsAvx512;
  if (__builtin_cpu_supports("avx2")) return AddRowsAvx2;
#endif
  return AddRowsPlain;
}

const AddRowsFn kAddRows = PickAddRows();

}  // namespace

bool AddRowsWith(RowIsa isa, const int16_t* const* rows, size_t n, int32_t* acc, size_t stride) {
  switch (isa) {
    case RowIsa::kPlain:
      AddRowsPlain(rows, n, acc, stride);
      return true;
#if defined(__x86_64__) && defined(__GNUC__)
    case RowIsa::kAvx2:
      if (!__builtin_cpu_supports("avx2")) return false;
      AddRowsAvx2(rows, n, acc, stride);
      return true;
    case RowIsa::kAvx512:
      if (!__builtin_cpu_supports("avx512f") || !__builtin_cpu_supports("avx512bw")) return false;
      AddRowsAvx512(rows, n, acc, stride);
      return true;
#endif
    default:
      return false;
  }
}

void Weights::Score(const uint32_t* feats, size_t n, int32_t* scores) const {
  constexpr size_t kChunk = 128;
  uint32_t found[kChunk];
  const int16_t* rows[kChunk];
  alignas(64) int32_t acc[256];  // classes_ <= 256
  bool dense = false;
  for (size_t base = 0; base < n; base += kChunk) {
    const size_t m = n - base < kChunk ? n - base : kChunk;
    const uint32_t* f = feats + base;
    for (size_t i = 0; i < m; ++i) __builtin_prefetch(&slots_[f[i] & mask_]);
    size_t nf = 0;
    for (size_t i = 0; i < m; ++i) {
      const uint32_t k = f[i];
      for (uint32_t s = k & mask_;; s = (s + 1) & mask_) {
        const Slot& slot = slots_[s];
        if (slot.key == k) {
          found[nf++] = slot.ref;
          if ((slot.ref >> 24) != 0) {
            __builtin_prefetch(&entries_[slot.ref & 0xffffff]);
          } else {
            const int16_t* row = dense_.data() + (slot.ref & 0xffffff) * stride_;
            for (size_t b = 0; b < stride_; b += 32) __builtin_prefetch(row + b);
          }
          break;
        }
        if (slot.key == 0) break;
      }
    }
    size_t nrows = 0;
    for (size_t i = 0; i < nf; ++i) {
      const uint32_t count = found[i] >> 24;
      if (count == 0) {
        rows[nrows++] = dense_.data() + (found[i] & 0xffffff) * stride_;
        continue;
      }
      const Entry* e = entries_.data() + (found[i] & 0xffffff);
      for (const Entry* end = e + count; e < end; ++e) scores[e->cls] += e->w;
    }
    if (nrows > 0) {
      if (!dense) {
        std::memset(acc, 0, stride_ * sizeof(int32_t));
        dense = true;
      }
      kAddRows(rows, nrows, acc, stride_);
    }
  }
  if (dense) {
    for (int c = 0; c < classes_; ++c) scores[c] += acc[c];
  }
}

void Weights::Index() {
  uint32_t cap = 16;
  while (cap < keys_.size() * 2) cap <<= 1;
  mask_ = cap - 1;
  slots_.assign(cap, Slot{0, 0});
  stride_ = (static_cast<size_t>(classes_) + kBlock - 1) / kBlock * kBlock;
  size_t sparse = 0, rows = 0;
  for (uint8_t c : counts_) {
    if (c >= kDenseMin) {
      ++rows;
    } else {
      sparse += c;
    }
  }
  entries_.clear();
  entries_.reserve(sparse);
  dense_.assign(rows * stride_, 0);
  uint32_t j = 0, row = 0;
  for (size_t i = 0; i < keys_.size(); ++i) {
    const uint8_t c = counts_[i];
    uint32_t ref;
    if (c >= kDenseMin) {
      int16_t* r = dense_.data() + row * stride_;
      for (uint32_t e = j; e < j + c; ++e) r[cls_[e]] = w_[e];
      ref = row++;
    } else {
      ref = static_cast<uint32_t>(entries_.size()) | (static_cast<uint32_t>(c) << 24);
      for (uint32_t e = j; e < j + c; ++e) entries_.push_back(Entry{w_[e], cls_[e], 0});
    }
    j += c;
    uint32_t s = keys_[i] & mask_;
    while (slots_[s].key != 0) s = (s + 1) & mask_;
    slots_[s] = Slot{keys_[i], ref};
  }
}

void PutU32(std::string* out, uint32_t v) {
  char b[4] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
               static_cast<char>((v >> 16) & 0xff), static_cast<char>((v >> 24) & 0xff)};
  out->append(b, 4);
}

void PutBytes(std::string* out, std::string_view s) { out->append(s.data(), s.size()); }

bool GetU32(std::string_view in, size_t* pos, uint32_t* v) {
  if (*pos > in.size() || in.size() - *pos < 4) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data() + *pos);
  *v = static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
       (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
  *pos += 4;
  return true;
}

bool GetBytes(std::string_view in, size_t* pos, size_t n, std::string_view* v) {
  if (*pos > in.size() || in.size() - *pos < n) return false;
  *v = in.substr(*pos, n);
  *pos += n;
  return true;
}

// Layout: classes, feature count, entry count, keys (u32 each, delta-free),
// counts (u8), classes (u8), weights (i16 little-endian).
void Weights::Write(std::string* out) const {
  PutU32(out, static_cast<uint32_t>(classes_));
  PutU32(out, static_cast<uint32_t>(keys_.size()));
  PutU32(out, static_cast<uint32_t>(w_.size()));
  for (uint32_t k : keys_) PutU32(out, k);
  out->append(reinterpret_cast<const char*>(counts_.data()), counts_.size());
  out->append(reinterpret_cast<const char*>(cls_.data()), cls_.size());
  for (int16_t w : w_) {
    auto u = static_cast<uint16_t>(w);
    out->push_back(static_cast<char>(u & 0xff));
    out->push_back(static_cast<char>(u >> 8));
  }
}

Status Weights::Read(std::string_view in, size_t* pos, std::string_view name) {
  auto bad = [&](const char* what) {
    return Status::Corruption(std::string(name) + ": corrupt syntax model (" + what + ")");
  };
  uint32_t classes = 0, nkeys = 0, nw = 0;
  if (!GetU32(in, pos, &classes) || !GetU32(in, pos, &nkeys) || !GetU32(in, pos, &nw)) {
    return bad("truncated weight header");
  }
  if (classes == 0 || classes > 256) return bad("class count out of range");
  std::string_view keys, counts, cls, ws;
  if (!GetBytes(in, pos, size_t{nkeys} * 4, &keys) || !GetBytes(in, pos, nkeys, &counts) ||
      !GetBytes(in, pos, nw, &cls) || !GetBytes(in, pos, size_t{nw} * 2, &ws)) {
    return bad("truncated weights");
  }
  classes_ = static_cast<int>(classes);
  keys_.resize(nkeys);
  size_t kp = 0;
  for (uint32_t i = 0; i < nkeys; ++i) {
    GetU32(keys, &kp, &keys_[i]);
    if (keys_[i] == 0 || (i > 0 && keys_[i] <= keys_[i - 1])) return bad("feature ids not sorted");
  }
  counts_.assign(counts.begin(), counts.end());
  uint64_t sum = 0;
  for (uint8_t c : counts_) {
    if (c == 0) return bad("a feature without weights");
    sum += c;
  }
  if (sum != nw) return bad("entry counts do not add up");
  if (nw >= (1u << 24)) return bad("too many weights");
  cls_.assign(cls.begin(), cls.end());
  for (size_t i = 0, j = 0; i < counts_.size(); ++i) {
    for (uint8_t k = 0; k < counts_[i]; ++k, ++j) {
      if (cls_[j] >= classes) return bad("class id out of range");
      if (k > 0 && cls_[j] <= cls_[j - 1]) return bad("class ids of a feature not sorted");
    }
  }
  w_.resize(nw);
  for (uint32_t i = 0; i < nw; ++i) {
    auto lo = static_cast<uint16_t>(static_cast<unsigned char>(ws[2 * i]));
    auto hi = static_cast<uint16_t>(static_cast<unsigned char>(ws[2 * i + 1]));
    w_[i] = static_cast<int16_t>(static_cast<uint16_t>(lo | (hi << 8)));
  }
  Index();
  return Status::OK();
}

}  // namespace cairn::syntax
