// The syntax stage of `cairn ingest`: the shipped tagger and parser run on the
// sentences that can hold an event (a trigger word), one analyzer per thread,
// and `--no-syntax` (IngestOptions::syntax = false) leaves it out. Ingest
// parses on demand (ThreadParsingExtractStage): only the sentences a parse
// rule reads, with the same facts as the eager stage (ThreadSyntaxStage) gives.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "cli/ingest_runner.h"
#include "core/ud.h"

namespace cairn {
namespace {

// A segmented document of `text`, through the default stages' segmenter.
Document Segmented(const cli::Stages& stages, const std::string& text) {
  Document d;
  d.name = "t.txt";
  d.text = text;
  EXPECT_TRUE(stages.segment(&d).ok());
  return d;
}

constexpr char kText[] =
    "The weather stayed mild that spring. Her uncle crossed the river at night and "
    "reached a village near the border.";

TEST(IngestSyntax, ParsesOnlyTheSentencesThatCanHoldAnEvent) {
  cli::Stages stages = cli::DefaultStages({});
  Document d = Segmented(stages, kText);
  ASSERT_EQ(d.sentences.size(), 2u);
  ASSERT_TRUE(cli::ThreadSyntaxStage()(&d).ok());
  if (d.syntax.empty()) GTEST_SKIP() << "this binary was built without a syntax model";
  ASSERT_EQ(d.syntax.size(), d.tokens.size());
  // The first sentence holds no trigger word: left unanalysed.
  for (uint32_t t = d.sentences[0].first_token; t < d.sentences[0].end_token; ++t)
    EXPECT_EQ(d.syntax[t].upos, 0) << t;
  // The second is tagged and parsed: "crossed" is the root verb, "uncle" its subject.
  const Sentence& s = d.sentences[1];
  int crossed = -1, uncle = -1;
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    if (d.Slice(d.tokens[t].span) == "crossed") crossed = static_cast<int>(t);
    if (d.Slice(d.tokens[t].span) == "uncle") uncle = static_cast<int>(t);
  }
  ASSERT_GE(crossed, 0);
  ASSERT_GE(uncle, 0);
  EXPECT_EQ(d.syntax[crossed].upos, static_cast<uint8_t>(ud::Upos::kVerb));
  EXPECT_EQ(ud::DeprelName(d.syntax[crossed].deprel), "root");
  EXPECT_EQ(d.syntax[uncle].head, crossed);
  EXPECT_EQ(ud::DeprelName(d.syntax[uncle].deprel), "nsubj");
}

TEST(IngestSyntax, NoSyntaxLeavesTheParseOut) {
  cli::IngestOptions options;
  options.syntax = false;
  cli::Stages stages = cli::DefaultStages(options);
  EXPECT_FALSE(stages.syntax);  // ingest has no eager syntax stage
  ASSERT_TRUE(stages.extract);
  Document d = Segmented(stages, kText);
  ASSERT_TRUE(stages.extract(&d).ok());
  EXPECT_TRUE(d.syntax.empty());  // --no-syntax: extraction ran on its surface rules alone
  EXPECT_FALSE(d.events.empty());
  options.syntax = true;
  options.run_extraction = false;  // --no-extract: nothing would read the parse
  stages = cli::DefaultStages(options);
  EXPECT_FALSE(stages.syntax);
  EXPECT_FALSE(stages.extract);
}

TEST(IngestSyntax, ThreadsGiveTheSameParse) {
  cli::Stages stages = cli::DefaultStages({});
  auto syntax = cli::ThreadSyntaxStage();
  Document one = Segmented(stages, kText);
  ASSERT_TRUE(syntax(&one).ok());
  if (one.syntax.empty()) GTEST_SKIP() << "this binary was built without a syntax model";
  std::vector<Document> docs;
  for (int i = 0; i < 2; ++i) docs.push_back(Segmented(stages, kText));
  std::vector<std::thread> threads;
  for (Document& d : docs)
    threads.emplace_back([&syntax, &d] { EXPECT_TRUE(syntax(&d).ok()); });
  for (std::thread& t : threads) t.join();
  for (const Document& d : docs) {
    ASSERT_EQ(d.syntax.size(), one.syntax.size());
    for (size_t t = 0; t < d.syntax.size(); ++t) {
      EXPECT_EQ(d.syntax[t].head, one.syntax[t].head) << t;
      EXPECT_EQ(d.syntax[t].deprel, one.syntax[t].deprel) << t;
      EXPECT_EQ(d.syntax[t].upos, one.syntax[t].upos) << t;
    }
  }
}

}  // namespace
}  // namespace cairn
