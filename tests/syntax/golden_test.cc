// The shipped model's outputs, recorded: inference may get faster, never
// different. tests/testdata/syntax/ewt_dev_500.golden holds, for every word
// of the first 500 sentences of EWT dev, the UPOS, XPOS, head and relation
// the shipped model gave when it was recorded (a blank line after each
// sentence; no words, so no treebank text). A change to the scoring, the
// feature extraction or the weight table that changes one decision fails
// here, naming the sentence and word.
//
// A new model changes the outputs on purpose: record them again with
//   CAIRN_WRITE_GOLDEN=1 build/tests/syntax_test --gtest_filter='SyntaxGolden.*'
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/ud.h"
#include "syntax/syntax.h"
#include "syntax/train.h"

namespace cairn::syntax {
namespace {

namespace fs = std::filesystem;

constexpr size_t kSentences = 500;

// One line per word: "UPOS XPOS HEAD DEPREL" (head 0 for the root, else the
// 1-based word index, as CoNLL-U counts).
std::string Describe(const std::vector<TokenSyntax>& out) {
  std::string s;
  for (const TokenSyntax& t : out) {
    s += ud::UposName(static_cast<ud::Upos>(t.upos));
    s += ' ';
    s += ud::XposName(t.xpos);
    s += ' ';
    s += std::to_string(t.head + 1);
    s += ' ';
    s += ud::DeprelName(t.deprel);
    s += '\n';
  }
  return s;
}

TEST(SyntaxGolden, ShippedModelGivesTheRecordedOutputs) {
  const fs::path dev =
      fs::path(CAIRN_SHARED_DIR) / "corpora" / "ud-english-ewt" / "en_ewt-ud-dev.conllu";
  if (!fs::exists(dev)) GTEST_SKIP() << "../shared/corpora is absent";
  auto gold = ReadConllu(dev.string());
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  ASSERT_GE(gold->size(), kSentences);
  auto model = Model::Shipped();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Analyzer analyzer(*model);
  std::vector<std::string> got;
  for (size_t i = 0; i < kSentences; ++i) {
    std::vector<std::string_view> words;
    for (const UdWord& w : (*gold)[i]) words.push_back(w.form);
    std::vector<TokenSyntax> parsed = analyzer.Analyze(words);
    // The tags alone come out of the same tagger.
    std::vector<TokenSyntax> tagged = analyzer.Tag(words);
    ASSERT_EQ(tagged.size(), parsed.size());
    for (size_t k = 0; k < tagged.size(); ++k) {
      EXPECT_EQ(tagged[k].upos, parsed[k].upos) << "sentence " << i << " word " << k;
      EXPECT_EQ(tagged[k].xpos, parsed[k].xpos) << "sentence " << i << " word " << k;
    }
    got.push_back(Describe(parsed));
  }
  const fs::path file = fs::path(CAIRN_TEST_DATA_DIR) / "syntax" /
                        ("ewt_dev_" + std::to_string(kSentences) + ".golden");
  if (const char* w = std::getenv("CAIRN_WRITE_GOLDEN"); w != nullptr && std::string(w) == "1") {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const std::string& s : got) out << s << '\n';
    ASSERT_TRUE(out.good()) << file;
    GTEST_SKIP() << "recorded " << file;
  }
  std::ifstream in(file, std::ios::binary);
  ASSERT_TRUE(in) << file << " is missing";
  std::string line, block;
  size_t sentence = 0;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      block += line + '\n';
      continue;
    }
    ASSERT_LT(sentence, got.size()) << file << ": more sentences than " << kSentences;
    if (block != got[sentence]) {
      std::istringstream want_lines(block), got_lines(got[sentence]);
      std::string a, b;
      for (int word = 1; std::getline(want_lines, a); ++word) {
        std::getline(got_lines, b);
        ASSERT_EQ(a, b) << "EWT dev sentence " << sentence << ", word " << word;
      }
      ADD_FAILURE() << "sentence " << sentence << ": word counts differ";
    }
    block.clear();
    ++sentence;
  }
  EXPECT_EQ(sentence, got.size()) << file << ": sentences recorded";
}

}  // namespace
}  // namespace cairn::syntax
