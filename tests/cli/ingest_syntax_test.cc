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
#include "core/date.h"
#include "core/ud.h"
#include "extract/extract.h"
#include "syntax/syntax.h"

namespace cairn {
namespace {

// A segmented document of `text`, through the default stages' segmenter.
Document Segmented(const cli::Stages& stages, const std::string& text) {
  Document d;
  d.name = "t.txt";
  d.text = text;
  d.date = DayFromCivil(2015, 3, 2);
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
  for (Document& d : docs) threads.emplace_back([&syntax, &d] { EXPECT_TRUE(syntax(&d).ok()); });
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

// Every field of two documents' events, one line each, for comparison.
std::vector<std::string> EventLines(const Document& d) {
  std::vector<std::string> out;
  auto name = [&d](int e) { return e >= 0 ? d.entities[e].name : std::string("-"); };
  for (const EventMention& e : d.events) {
    out.push_back(e.type + " subject=" + name(e.subject) + " date=" + FormatInterval(e.date) +
                  " place=" + name(e.place) + " from=" + name(e.from) + " to=" + name(e.to) +
                  " via=" + name(e.via) + " object=" + name(e.object) + " detail=" + e.detail +
                  " quote=" + std::to_string(e.quote.begin) + "-" + std::to_string(e.quote.end) +
                  " by=" + name(e.attributed_to) + (e.hedged ? " hedged" : "") +
                  " trigger=" + e.trigger);
  }
  for (const EventMention& e : d.unasserted)
    out.push_back("unasserted " + e.type + " " + e.trigger + " " +
                  std::to_string(static_cast<int>(e.modality)));
  return out;
}

// Sentences with at least one analysed token.
size_t ParsedSentences(const Document& d) {
  size_t n = 0;
  for (const Sentence& s : d.sentences) {
    bool any = false;
    for (uint32_t t = s.first_token; t < s.end_token && t < d.syntax.size(); ++t)
      any = any || d.syntax[t].upos != 0;
    n += any;
  }
  return n;
}

TEST(IngestSyntax, ParsingOnDemandGivesTheEagerStagesFacts) {
  // Texts of our own where the parse rules decide (a subject across a coordination, a
  // date in a sibling clause, a relative clause, "today"), an overlong sentence that
  // extraction cuts in pieces (the parse is still of the whole sentence), and sentences
  // with no event at all.
  std::string list;
  for (int i = 0; i < 90; ++i) list += "maize, ";
  const std::vector<std::string> texts = {
      "Ri Yong-chol studied at a technical college in Chongjin, a school that trained "
      "welders for the shipyards, and graduated from its machine department in 1986. The "
      "winter that year was long. He crossed the Tumen River in 1997 and reached Seoul in "
      "2001.",
      "Choe Hyang-mi took charge of the trade office in Dalian in June 2010 as its deputy "
      "head and was later sent to a labour camp, a colleague said. Her husband, who had "
      "escaped to China in 1998, was arrested in Yanji in 2003.",
      "Today Mun Kyong-ae runs a small charity that she founded for orphaned refugees. She "
      "was born in Hyesan in 1975. The market was busy. It rained.",
      "Kang Un-jong sold " + list + "and rice before she fled to China in 1999 with her son.",
  };
  cli::Stages stages = cli::DefaultStages({});
  ASSERT_TRUE(stages.extract);
  cli::IngestOptions surface;
  surface.syntax = false;
  cli::Stages no_syntax = cli::DefaultStages(surface);
  auto eager_syntax = cli::ThreadSyntaxStage();
  size_t parse_decided = 0, fewer = 0;
  for (const std::string& text : texts) {
    Document eager = Segmented(stages, text);
    ASSERT_TRUE(eager_syntax(&eager).ok());
    if (eager.syntax.empty()) GTEST_SKIP() << "this binary was built without a syntax model";
    ASSERT_TRUE(extract::Extract(&eager).ok());
    // Counted after extraction, which may cut an overlong sentence in pieces: both
    // documents are then counted on the same sentences.
    const size_t eager_parsed = ParsedSentences(eager);
    Document lazy = Segmented(stages, text);
    ASSERT_TRUE(stages.extract(&lazy).ok());
    Document plain = Segmented(stages, text);
    ASSERT_TRUE(no_syntax.extract(&plain).ok());
    EXPECT_FALSE(EventLines(eager).empty()) << text;
    EXPECT_EQ(EventLines(lazy), EventLines(eager)) << text;
    ASSERT_EQ(lazy.entities.size(), eager.entities.size()) << text;
    for (size_t e = 0; e < eager.entities.size(); ++e)
      EXPECT_EQ(lazy.entities[e].name, eager.entities[e].name) << text;
    EXPECT_EQ(lazy.timexes.size(), eager.timexes.size()) << text;
    ASSERT_EQ(lazy.syntax.size(), lazy.tokens.size()) << text;
    EXPECT_LE(ParsedSentences(lazy), eager_parsed) << text;
    fewer += ParsedSentences(lazy) < eager_parsed;
    parse_decided += EventLines(plain) != EventLines(eager);
  }
  // The parse changed some facts (so the on-demand stage did read a parse), and some
  // sentences the eager stage parsed were never asked for.
  EXPECT_GT(parse_decided, 0u);
  EXPECT_GT(fewer, 0u);
}

// The date rules read a sentence's tags before its parse, and skip the parse where the
// tags prove it cannot change the date: a dated sentence whose only verb is the trigger
// (the date cannot belong to another clause, and it is the trigger's own already) is
// tagged, not parsed, and so is one whose other verbs all stand beyond the trigger from
// the date; one with a second verb on the date's side is parsed. The events are the eager stage's.
TEST(IngestSyntax, DateRulesSkipTheParseTheTagsProveUseless) {
  cli::Stages stages = cli::DefaultStages({});
  auto model = syntax::Model::Shipped();
  if (!model.ok()) GTEST_SKIP() << "this binary was built without a syntax model";
  syntax::Analyzer analyzer(*model);
  syntax::RunOptions run;
  run.cue_words = extract::SyntaxCueWords();
  struct Case {
    std::string text;
    size_t tagged, parsed;
  };
  const std::vector<Case> cases = {
      {"In 1998 Ri Chol-ho crossed the Tumen River into China.", 1, 0},
      {"Ri Chol-ho crossed the Tumen River in 1998 and was arrested in Yanji in 2003.", 1, 1},
      // The trigger stands between its date and the other verb: in a projective tree
      // that verb cannot govern the date without governing the trigger.
      {"In 1998 Ri Chol-ho crossed the Tumen River, hoping to find work in China.", 1, 0},
      // The same with a clitic, which the analyzer splits into two words: the tree over
      // the tokens need not be projective then, and the sentence is parsed.
      {"In 1998 Ri Chol-ho crossed the Tumen River, hoping he'd find work in China.", 1, 1},
      // A possessive stays one word.
      {"In 1998 Ri Chol-ho crossed the Tumen River, hoping to find his uncle's family.", 1, 0},
  };
  for (const Case& c : cases) {
    Document eager = Segmented(stages, c.text);
    ASSERT_TRUE(cli::ThreadSyntaxStage()(&eager).ok());
    ASSERT_TRUE(extract::Extract(&eager).ok());
    Document lazy = Segmented(stages, c.text);
    syntax::OnDemand on_demand(&analyzer, &lazy, run);
    extract::Options options;
    options.parse = [&on_demand](uint32_t token) { return on_demand.Ensure(token); };
    options.verbs = [&on_demand](uint32_t token, std::vector<uint32_t>* verbs) {
      return on_demand.Verbs(token, verbs);
    };
    ASSERT_TRUE(extract::Extract(&lazy, options).ok());
    EXPECT_FALSE(EventLines(eager).empty()) << c.text;
    EXPECT_EQ(EventLines(lazy), EventLines(eager)) << c.text;
    EXPECT_EQ(on_demand.sentences_tagged(), c.tagged) << c.text;
    EXPECT_EQ(on_demand.sentences_analysed(), c.parsed) << c.text;
    // Without the tags first, the dated sentence is parsed.
    Document plain = Segmented(stages, c.text);
    syntax::OnDemand always(&analyzer, &plain, run);
    extract::Options parse_only;
    parse_only.parse = [&always](uint32_t token) { return always.Ensure(token); };
    ASSERT_TRUE(extract::Extract(&plain, parse_only).ok());
    EXPECT_EQ(EventLines(plain), EventLines(eager)) << c.text;
    EXPECT_EQ(always.sentences_analysed(), 1u) << c.text;
  }
}

}  // namespace
}  // namespace cairn
