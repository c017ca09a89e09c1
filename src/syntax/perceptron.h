// Averaged perceptron weights (Collins 2002) over hashed feature ids, in two
// forms: TrainWeights, the float weights and their running sums while
// training, and Weights, the pruned int16 table a Model carries.
//
// A feature is a 32-bit id (a hash of its template and values, never 0);
// each feature holds weights only for the classes it was ever updated for,
// so the tables stay sparse. Internal to src/syntax/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace cairn::syntax {

// splitmix64's finalizer: a strong 64-bit mix.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a over the bytes; never 0.
inline uint64_t HashBytes(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h | 1;
}

// The feature id of template `t` with values a, b, c.
inline uint32_t FeatureKey(uint64_t t, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t h = Mix64((t << 32) ^ a);
  h = Mix64(h ^ b);
  if (c != 0) h = Mix64(h ^ c);
  auto k = static_cast<uint32_t>(h ^ (h >> 32));
  return k != 0 ? k : 1;
}

// Allocates large arrays on 2 MB pages where the kernel offers them
// (madvise(MADV_HUGEPAGE)): the weight tables are read at random, tens of
// megabytes of them, and with 4 KB pages nearly every lookup would also miss
// the TLB. Small arrays come from operator new as usual.
void* AllocateLarge(size_t bytes);
void FreeLarge(void* p, size_t bytes);

template <typename T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <typename U>
  LargeAllocator(const LargeAllocator<U>&) {}  // NOLINT: allocators convert implicitly
  T* allocate(size_t n) {
    void* p = AllocateLarge(n * sizeof(T));
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) { FreeLarge(p, n * sizeof(T)); }
  friend bool operator==(const LargeAllocator&, const LargeAllocator&) { return true; }
};

// Training weights. Not thread-safe.
class TrainWeights {
 public:
  explicit TrainWeights(int classes) : classes_(classes) {}
  int classes() const { return classes_; }
  // scores[c] += w(f, c) for every feature f; `scores` has classes() entries.
  void Score(const std::vector<uint32_t>& feats, float* scores) const;
  // w(f, cls) += delta for every feature f, at the current time step.
  void Update(const std::vector<uint32_t>& feats, int cls, float delta);
  // Advances the averaging clock: call once per training instance.
  void Tick() { ++now_; }
  // The averaged weights as a compact table: weights whose quantized value
  // is below `min_quantum` (in int16 steps) are dropped.
  struct Averaged {
    std::vector<uint32_t> keys;  // sorted
    std::vector<std::vector<std::pair<uint8_t, float>>> rows;
  };
  Averaged Average() const;

 private:
  struct Entry {
    uint8_t cls;
    float w;
    double total;
    int64_t stamp;
  };
  int classes_;
  int64_t now_ = 1;
  std::unordered_map<uint32_t, std::vector<Entry>> map_;
};

// Inference weights: an open-addressing table from feature id to a run of
// (class, int16 weight) entries. Immutable after Build/Read; thread-safe.
class Weights {
 public:
  // Quantizes: scale = 32767 / max |w|; drops entries that round to below
  // `min_quantum`.
  void Build(const TrainWeights::Averaged& avg, int classes, int min_quantum);
  // scores[c] += w(f, c) for every feature f; `scores` has classes()
  // entries. The lookups are done in three passes (prefetch the slots, find
  // them and prefetch their weights, add) so the cache misses of all
  // features overlap instead of following one another.
  void Score(const uint32_t* feats, size_t n, int32_t* scores) const;
  // Drops entries below `min_quantum` (what Build with that value would
  // have dropped: the scale depends only on the largest weight).
  void Prune(int min_quantum);
  int classes() const { return classes_; }
  size_t features() const { return keys_.size(); }
  size_t entries() const { return w_.size(); }

  void Write(std::string* out) const;
  // Reads what Write wrote from `in` at *pos; `name` names the file in errors.
  Status Read(std::string_view in, size_t* pos, std::string_view name);

 private:
  void Index();
  int classes_ = 0;
  std::vector<uint32_t> keys_;   // one per feature, sorted
  std::vector<uint8_t> counts_;  // entries per feature
  std::vector<uint8_t> cls_;     // entries, feature after feature
  std::vector<int16_t> w_;
  // The hash index over keys_: a slot and its run of entries are one cache
  // line each, not five arrays. A feature with weights for many classes
  // (the bias, frequent tags and words: most of the weights added per
  // decision) keeps them as a dense row of classes() int16 instead, added
  // with vector instructions rather than one scattered add per class; the
  // sums are the same integers either way.
  struct Slot {
    uint32_t key;
    // Sparse: first entry (low 24 bits), entries (high 8, never 0).
    // Dense: the row's index (low 24 bits), 0 in the high 8.
    uint32_t ref;
  };
  struct Entry {
    int16_t w;
    uint8_t cls;
    uint8_t pad;
  };
  uint32_t mask_ = 0;
  std::vector<Slot, LargeAllocator<Slot>> slots_;
  std::vector<Entry, LargeAllocator<Entry>> entries_;
  size_t stride_ = 0;  // int16 per dense row: classes_ rounded up to 16
  std::vector<int16_t, LargeAllocator<int16_t>> dense_;
};

// acc[c] += rows[r][c] for r < n and c < stride (a multiple of 16), with
// the given instructions; false when this processor or build lacks them.
// Weights::Score uses the best the processor has; for tests that compare
// them.
enum class RowIsa { kPlain, kAvx2, kAvx512 };
bool AddRowsWith(RowIsa isa, const int16_t* const* rows, size_t n, int32_t* acc, size_t stride);

// Little-endian writers and a bounds-checked reader for the model file.
void PutU32(std::string* out, uint32_t v);
void PutBytes(std::string* out, std::string_view s);
bool GetU32(std::string_view in, size_t* pos, uint32_t* v);
bool GetBytes(std::string_view in, size_t* pos, size_t n, std::string_view* v);

}  // namespace cairn::syntax
