// The inference weight table (perceptron.h): features with weights for many
// classes are kept as dense rows and the others as sparse runs; both must
// give exactly the sums of the weights read, and a table whose runs could
// not be laid out that way is refused.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "syntax/perceptron.h"

namespace cairn::syntax {
namespace {

// Marsaglia's xorshift64: the same pseudo-random weights on every run.
class XorShift {
 public:
  explicit XorShift(uint64_t seed) : x_(seed) {}
  uint64_t operator()() {
    x_ ^= x_ << 13;
    x_ ^= x_ >> 7;
    x_ ^= x_ << 17;
    return x_;
  }

 private:
  uint64_t x_;
};

// A weight section as Weights::Write lays it out.
std::string Section(uint32_t classes, const std::vector<uint32_t>& keys,
                    const std::vector<std::vector<std::pair<uint8_t, int16_t>>>& rows) {
  std::string out;
  uint32_t nw = 0;
  for (const auto& r : rows) nw += static_cast<uint32_t>(r.size());
  PutU32(&out, classes);
  PutU32(&out, static_cast<uint32_t>(keys.size()));
  PutU32(&out, nw);
  for (uint32_t k : keys) PutU32(&out, k);
  for (const auto& r : rows) out.push_back(static_cast<char>(r.size()));
  for (const auto& r : rows) {
    for (const auto& [c, w] : r) out.push_back(static_cast<char>(c));
  }
  for (const auto& r : rows) {
    for (const auto& [c, w] : r) {
      auto u = static_cast<uint16_t>(w);
      out.push_back(static_cast<char>(u & 0xff));
      out.push_back(static_cast<char>(u >> 8));
    }
  }
  return out;
}

TEST(SyntaxWeights, DenseAndSparseFeaturesSumExactly) {
  // 121 classes (the parser's count): features with 1 to 121 weights, so
  // both layouts and every row length occur; pseudo-random classes and
  // weights, extremes included.
  constexpr uint32_t kClasses = 121;
  std::vector<uint32_t> keys;
  std::vector<std::vector<std::pair<uint8_t, int16_t>>> rows;
  XorShift next(88172645463325252ULL);
  for (uint32_t f = 0; f < 300; ++f) {
    keys.push_back(1000 + f * 7919);
    const size_t want = 1 + f % kClasses;
    std::map<uint8_t, int16_t> row;
    while (row.size() < want) {
      auto c = static_cast<uint8_t>(next() % kClasses);
      auto w = static_cast<int16_t>(static_cast<int>(next() % 65535) - 32767);
      if (w != 0) row[c] = w;
    }
    row[static_cast<uint8_t>(f % kClasses)] = f % 2 == 0 ? 32767 : -32767;
    rows.emplace_back(row.begin(), row.end());
  }
  std::string bytes = Section(kClasses, keys, rows);
  Weights w;
  size_t pos = 0;
  ASSERT_TRUE(w.Read(bytes, &pos, "test").ok());
  ASSERT_EQ(pos, bytes.size());
  EXPECT_EQ(w.features(), keys.size());
  // Feature lists: every feature alone, all of them, repeats, unknown ids,
  // and more than one chunk of 128.
  std::vector<std::vector<uint32_t>> lists;
  for (uint32_t k : keys) lists.push_back({k});
  lists.push_back(keys);
  std::vector<uint32_t> mixed;
  for (int i = 0; i < 400; ++i) {
    mixed.push_back(next() % 3 == 0 ? static_cast<uint32_t>(next() | 1)
                                    : keys[next() % keys.size()]);
  }
  lists.push_back(mixed);
  for (const auto& feats : lists) {
    std::vector<int64_t> want(kClasses, 0);
    for (uint32_t k : feats) {
      for (size_t i = 0; i < keys.size(); ++i) {
        if (keys[i] != k) continue;
        for (const auto& [c, v] : rows[i]) want[c] += v;
      }
    }
    std::vector<int32_t> got(kClasses, 7);  // Score adds to what is there
    w.Score(feats.data(), feats.size(), got.data());
    for (uint32_t c = 0; c < kClasses; ++c) {
      ASSERT_EQ(got[c], want[c] + 7) << "class " << c << " of a list of " << feats.size();
    }
  }
}

TEST(SyntaxWeights, RowAddersAgreeOnEveryInstructionSet) {
  // Strides of the parser (121 classes -> 128) and the tagger (102 -> 112:
  // a block of 16 left over after the 32-wide steps), rows of extreme and
  // pseudo-random weights, 0 to 150 rows.
  XorShift next(0x9e3779b97f4a7c15ULL);
  for (size_t stride : {size_t{16}, size_t{112}, size_t{128}, size_t{256}}) {
    std::vector<std::vector<int16_t>> data(150, std::vector<int16_t>(stride));
    for (size_t r = 0; r < data.size(); ++r) {
      for (size_t c = 0; c < stride; ++c) {
        data[r][c] = r % 3 == 0   ? static_cast<int16_t>(c % 2 == 0 ? 32767 : -32768)
                     : r % 3 == 1 ? static_cast<int16_t>(-32767)
                                  : static_cast<int16_t>(static_cast<int>(next() % 65536) - 32768);
      }
    }
    for (size_t n : {size_t{0}, size_t{1}, size_t{7}, size_t{150}}) {
      std::vector<const int16_t*> rows;
      for (size_t r = 0; r < n; ++r) rows.push_back(data[(r * 37) % data.size()].data());
      std::vector<int32_t> want(stride);
      for (size_t c = 0; c < stride; ++c) {
        want[c] = static_cast<int32_t>(c) - 5;
        for (const int16_t* row : rows) want[c] += row[c];
      }
      int ran = 0;
      for (RowIsa isa : {RowIsa::kPlain, RowIsa::kAvx2, RowIsa::kAvx512}) {
        std::vector<int32_t> got(stride);
        for (size_t c = 0; c < stride; ++c) got[c] = static_cast<int32_t>(c) - 5;
        if (!AddRowsWith(isa, rows.data(), rows.size(), got.data(), stride)) continue;
        ++ran;
        EXPECT_EQ(got, want) << "instruction set " << static_cast<int>(isa) << ", stride " << stride
                             << ", " << n << " rows";
      }
      EXPECT_GE(ran, 1);  // the plain one runs everywhere
    }
  }
}

TEST(SyntaxWeights, RunsThatCannotBeLaidOutAreRefused) {
  struct Case {
    const char* what;
    std::string bytes;
  };
  const Case cases[] = {
      {"class ids of a feature not sorted", Section(4, {5}, {{{2, 10}, {1, 20}}})},
      {"class ids of a feature not sorted", Section(4, {5}, {{{1, 10}, {1, 20}}})},
      {"a feature without weights", Section(4, {5, 9}, {{}, {{1, 3}}})},
      {"class id out of range", Section(4, {5}, {{{4, 1}}})},
  };
  for (const Case& c : cases) {
    Weights w;
    size_t pos = 0;
    Status s = w.Read(c.bytes, &pos, "bad.model");
    ASSERT_FALSE(s.ok()) << c.what;
    EXPECT_EQ(s.code(), Status::Code::kCorruption);
    EXPECT_NE(s.message().find(c.what), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("bad.model"), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace cairn::syntax
