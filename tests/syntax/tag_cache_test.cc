// The tagger's per-word cache (internal.h, TagWordCache): the word's own
// features and the context's are exactly TaggerFeatures split in two, and
// tagging with the cache gives the tags tagging without it gives, on
// sentences where words repeat, collide in the cache and are too long for
// it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/internal.h"

namespace cairn::syntax {
namespace {

std::vector<std::vector<std::string>> Sentences() {
  std::vector<std::vector<std::string>> out = {
      {"Kim", "Young-soo", "crossed", "the", "Tumen", "River", "in", "1998", "."},
      {"She", "was", "sent", "back", "to", "Hoeryong", "and", "detained", "for", "3", "months",
       "."},
      {"In", "2004", ",", "Kim", "reached", "Seoul", "via", "Laos", "and", "Thailand", "."},
      {"Antidisestablishmentarianism-related", "counterrevolutionaries", "were", "arrested", "."},
      {"Kim", "Kim", "Kim", "said", "Kim", "."},
      {"x"},
  };
  // Many distinct words, so that cache slots are taken over by other words
  // and the same words come back after.
  for (int round = 0; round < 2; ++round) {
    for (int s = 0; s < 400; ++s) {
      std::vector<std::string> words = {"The"};
      for (int k = 0; k < 8; ++k) words.push_back("Word" + std::to_string((s * 8 + k) * 7 % 3001));
      words.push_back("left");
      words.push_back(".");
      out.push_back(words);
    }
  }
  return out;
}

std::vector<std::string_view> Views(const std::vector<std::string>& words) {
  return std::vector<std::string_view>(words.begin(), words.end());
}

TEST(SyntaxTagCache, WordAndContextFeaturesAreTaggerFeaturesSplit) {
  for (const auto& sentence : Sentences()) {
    std::vector<WordInfo> info;
    DescribeWords(Views(sentence), &info);
    const int n = static_cast<int>(info.size());
    std::vector<int> right(info.size());
    for (int i = 0; i < n; ++i) right[static_cast<size_t>(i)] = (i * 13) % 17;
    for (int i = 0; i < n; ++i) {
      for (const std::vector<int>* r : {static_cast<const std::vector<int>*>(nullptr),
                                        static_cast<const std::vector<int>*>(&right)}) {
        const int p1 = i > 0 ? (i * 5) % 11 : -1, p2 = i > 1 ? (i * 3) % 7 : -1;
        std::vector<uint32_t> whole, split;
        TaggerFeatures(info, i, p1, p2, &whole, r);
        TaggerWordFeatures(info[static_cast<size_t>(i)], &split);
        TaggerContextFeatures(info, i, p1, p2, &split, r);
        std::sort(whole.begin(), whole.end());
        std::sort(split.begin(), split.end());
        ASSERT_EQ(split, whole) << "word " << i << " of \"" << sentence[0] << " ...\""
                                << (r ? ", second pass" : "");
      }
    }
  }
}

TEST(SyntaxTagCache, CachedTagsAreTheTaggersTags) {
  auto bytes = ReadModelFile(CAIRN_SOURCE_DIR "/models/syntax.model");
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ModelData m;
  ASSERT_TRUE(ParseModel(*bytes, "models/syntax.model", &m).ok());
  TagWordCache cache;
  std::vector<WordInfo> info;
  std::vector<uint32_t> feats;
  std::vector<int32_t> scores;
  std::vector<int> first, want, got;
  for (const auto& sentence : Sentences()) {
    const std::vector<std::string_view> words = Views(sentence);
    PredictTags(m, words, &info, &feats, &scores, &first, &want);
    PredictTagsCached(m, words, &cache, &info, &feats, &scores, &first, &got);
    ASSERT_EQ(got, want) << "\"" << sentence[0] << " " << (sentence.size() > 1 ? sentence[1] : "")
                         << " ...\"";
  }
  // Both paths were taken: words found again, and words computed.
  EXPECT_GT(cache.hits(), 1000u);
  EXPECT_GT(cache.misses(), 1000u);
}

}  // namespace
}  // namespace cairn::syntax
