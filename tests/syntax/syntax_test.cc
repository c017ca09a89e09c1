#include "syntax/syntax.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/ud.h"
#include "syntax/internal.h"
#include "syntax/train.h"
#include "text/segment.h"

namespace cairn::syntax {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const Model> Shipped() {
  auto m = Model::Shipped();
  EXPECT_TRUE(m.ok()) << m.status().ToString();
  return m.ok() ? *m : nullptr;
}

std::string Corpus(const std::string& rel) {
  return std::string(CAIRN_SHARED_DIR) + "/corpora/" + rel;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A segmented document and its syntax, with helpers to find tokens.
struct Parsed {
  Document doc;
  int Find(std::string_view word) const {
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
      if (doc.Slice(doc.tokens[i].span) == word) return static_cast<int>(i);
    }
    ADD_FAILURE() << "no token " << word;
    return -1;
  }
  std::string_view Rel(std::string_view word) const {
    int i = Find(word);
    return i < 0 ? "?" : ud::DeprelName(doc.syntax[static_cast<size_t>(i)].deprel);
  }
  int Head(std::string_view word) const {
    int i = Find(word);
    return i < 0 ? -2 : doc.syntax[static_cast<size_t>(i)].head;
  }
  ud::Upos Upos(std::string_view word) const {
    int i = Find(word);
    return i < 0 ? ud::Upos::kUnknown
                 : static_cast<ud::Upos>(doc.syntax[static_cast<size_t>(i)].upos);
  }
};

Parsed Parse(const std::string& text) {
  Parsed p;
  p.doc.text = text;
  text::Segmenter seg;
  EXPECT_TRUE(seg.Run(&p.doc).ok());
  Analyzer a(Shipped());
  Status s = a.Run(&p.doc);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(p.doc.syntax.size(), p.doc.tokens.size());
  return p;
}

TEST(SyntaxModel, ShippedModelLoads) {
  auto m = Model::Shipped();
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  Analyzer a(*m);
  std::vector<TokenSyntax> t = a.Tag({"The", "soldiers", "crossed", "the", "river", "."});
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[1].upos, static_cast<uint8_t>(ud::Upos::kNoun));
  EXPECT_EQ(ud::XposName(t[1].xpos), "NNS");
  EXPECT_EQ(ud::XposName(t[2].xpos), "VBD");
}

TEST(SyntaxModel, MissingModelIsNotFound) {
  auto m = Model::Load("/nonexistent/syntax.model");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), Status::Code::kNotFound);
  EXPECT_NE(m.status().message().find("/nonexistent/syntax.model"), std::string::npos);
}

TEST(SyntaxModel, CorruptModelIsAnErrorNotACrash) {
  std::string good = ReadAll(fs::path(CAIRN_SOURCE_DIR) / "models" / "syntax.model");
  ASSERT_GT(good.size(), 1000u);
  ASSERT_TRUE(Model::FromBytes(good, "good").ok());
  fs::path dir = fs::temp_directory_path() / "cairn_syntax_test";
  fs::create_directories(dir);
  struct Case {
    const char* name;
    std::string bytes;
  };
  std::string flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
  const Case cases[] = {
      {"empty", ""},
      {"text", "this is not a model\n"},
      {"truncated", good.substr(0, good.size() / 3)},
      {"flipped", flipped},
      {"header-only", good.substr(0, 12)},
  };
  for (const Case& c : cases) {
    fs::path p = dir / (std::string(c.name) + ".model");
    {
      std::ofstream out(p, std::ios::binary | std::ios::trunc);
      out << c.bytes;
    }
    auto m = Model::Load(p.string());
    ASSERT_FALSE(m.ok()) << c.name;
    EXPECT_EQ(m.status().code(), Status::Code::kCorruption) << c.name;
    EXPECT_NE(m.status().message().find(p.string()), std::string::npos) << m.status().message();
  }
  fs::remove_all(dir);
}

// The shipped model tags in two passes (version 2); a one-pass model of
// version 1 still reads and tags, and the second pass is worth its time:
// on EWT dev it tags better than the first pass alone.
TEST(SyntaxModel, SecondTaggingPassAndVersionOne) {
  std::string good = ReadAll(fs::path(CAIRN_SOURCE_DIR) / "models" / "syntax.model");
  ModelData m;
  ASSERT_TRUE(ParseModel(good, "good", &m).ok());
  ASSERT_GT(m.tagger2.classes(), 0) << "the shipped model has a second tagging pass";
  m.tagger2 = Weights();
  std::string v1 = SerializeModel(m);
  ASSERT_GT(v1.size(), 12u);
  EXPECT_EQ(v1[8], 1) << "a model without a second pass is written as version 1";
  auto one = Model::FromBytes(v1, "one-pass");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  Analyzer a(*one);
  std::vector<TokenSyntax> t = a.Tag({"The", "soldiers", "crossed", "the", "river", "."});
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(ud::XposName(t[2].xpos), "VBD");
  if (!fs::exists(Corpus("ud-english-ewt/en_ewt-ud-dev.conllu"))) {
    GTEST_SKIP() << "../shared/corpora is absent";
  }
  auto dev = ReadConllu(Corpus("ud-english-ewt/en_ewt-ud-dev.conllu"));
  ASSERT_TRUE(dev.ok()) << dev.status().ToString();
  Analyzer two(Shipped());
  double upos1 = Evaluate(&a, *dev).upos, upos2 = Evaluate(&two, *dev).upos;
  EXPECT_GE(upos2, upos1 + 0.15) << "one pass " << upos1 << ", two passes " << upos2;
}

TEST(SyntaxParse, EventSentence) {
  Parsed p = Parse("She crossed the river into China in 1998.");
  int crossed = p.Find("crossed");
  EXPECT_EQ(p.Rel("crossed"), "root");
  EXPECT_EQ(p.Head("crossed"), -1);
  EXPECT_EQ(p.Rel("She"), "nsubj");
  EXPECT_EQ(p.Head("She"), crossed);
  EXPECT_TRUE(p.Rel("river") == "obj" || p.Rel("river") == "obl") << p.Rel("river");
  EXPECT_EQ(p.Head("river"), crossed);
  EXPECT_EQ(p.Rel("China"), "obl");
  EXPECT_EQ(p.Head("China"), crossed);
  EXPECT_EQ(p.Rel("into"), "case");
  EXPECT_EQ(p.Head("into"), p.Find("China"));
  EXPECT_EQ(p.Rel("1998"), "obl");
  EXPECT_EQ(p.Head("1998"), crossed);
  EXPECT_EQ(p.Upos("China"), ud::Upos::kPropn);
  EXPECT_EQ(p.Upos("crossed"), ud::Upos::kVerb);
  EXPECT_EQ(p.Rel("."), "punct");
}

TEST(SyntaxParse, RelativeClauseAndCoordination) {
  Parsed p = Parse("He is a former miner who fled to South Korea in 2001 and wrote a book.");
  int fled = p.Find("fled");
  EXPECT_EQ(p.Rel("fled"), "acl:relcl");
  EXPECT_EQ(p.Head("fled"), p.Find("miner"));
  EXPECT_EQ(p.Rel("who"), "nsubj");
  EXPECT_EQ(p.Rel("Korea"), "obl");
  EXPECT_EQ(p.Head("Korea"), fled);
  // "and wrote a book" goes to "miner" (a conjunct of the noun), not to
  // "fled": a known error of this greedy model.
  Parsed q = Parse("She was born in Hyesan and crossed the Tumen River in 1998.");
  EXPECT_EQ(q.Rel("born"), "root");
  EXPECT_EQ(q.Rel("She"), "nsubj:pass");
  EXPECT_EQ(q.Rel("crossed"), "conj");
  EXPECT_EQ(q.Head("crossed"), q.Find("born"));
  EXPECT_EQ(q.Rel("River"), "obj");
  EXPECT_EQ(q.Head("1998"), q.Find("crossed"));
}

TEST(SyntaxParse, PassiveAndClitics) {
  Parsed p = Parse("Kim's brother was arrested by the police, but he didn't confess.");
  int arrested = p.Find("arrested");
  EXPECT_EQ(p.Rel("arrested"), "root");
  EXPECT_EQ(p.Rel("brother"), "nsubj:pass");
  EXPECT_EQ(p.Rel("was"), "aux:pass");
  EXPECT_EQ(p.Rel("'s"), "case");
  EXPECT_EQ(p.Rel("Kim"), "nmod:poss");
  EXPECT_EQ(p.Rel("police"), "obl:agent");
  EXPECT_EQ(p.Head("police"), arrested);
  // "didn't" is one Cairn token; it carries its verb part ("did": aux).
  EXPECT_EQ(p.Rel("didn't"), "aux");
  EXPECT_EQ(p.Upos("didn't"), ud::Upos::kAux);
  EXPECT_EQ(p.Head("didn't"), p.Find("confess"));
  EXPECT_EQ(p.Rel("confess"), "conj");
}

TEST(SyntaxParse, AbbreviationJoinedBack) {
  Parsed p = Parse("Mr. Lee left Pyongyang in May.");
  EXPECT_EQ(p.Rel("left"), "root");
  EXPECT_EQ(p.Head("Lee"), p.Find("left"));
  EXPECT_EQ(p.Rel("Pyongyang"), "obj");
}

TEST(SyntaxParse, HyphenatedNameStaysInsideItsPhrase) {
  // The segmenter splits at the hyphen, as EWT does: "Kim" "Jong" "-" "il".
  Parsed p = Parse("Kim Jong-il visited Beijing in 2001.");
  int visited = p.Find("visited");
  EXPECT_EQ(p.Rel("visited"), "root");
  EXPECT_EQ(p.Upos("Kim"), ud::Upos::kPropn);
  EXPECT_EQ(p.Upos("il"), ud::Upos::kPropn);
  // Exactly one of the name's tokens is the subject; the rest hang inside it.
  int kim = p.Find("Kim"), il = p.Find("il");
  int subjects = 0;
  for (int t = kim; t <= il; ++t) {
    const TokenSyntax& x = p.doc.syntax[static_cast<size_t>(t)];
    if (x.head == visited) {
      ++subjects;
      EXPECT_EQ(ud::DeprelName(x.deprel), "nsubj");
    } else {
      EXPECT_GE(x.head, kim);
      EXPECT_LE(x.head, il);
    }
  }
  EXPECT_EQ(subjects, 1);
  EXPECT_EQ(p.Rel("Beijing"), "obj");
}

TEST(SyntaxParse, TreesAreWellFormed) {
  Parsed p = Parse(
      "In 1997, after her father died, she walked for three days to the Tumen River.\n\n"
      "They couldn't stay; I'm sure we'll never know what happened to them.");
  for (const Sentence& s : p.doc.sentences) {
    int roots = 0;
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      const TokenSyntax& x = p.doc.syntax[t];
      EXPECT_NE(x.upos, 0);
      EXPECT_NE(x.deprel, 0);
      if (x.head < 0) {
        ++roots;
      } else {
        EXPECT_GE(static_cast<uint32_t>(x.head), s.first_token);
        EXPECT_LT(static_cast<uint32_t>(x.head), s.end_token);
        EXPECT_NE(static_cast<uint32_t>(x.head), t);
      }
    }
    EXPECT_EQ(roots, 1);
  }
}

TEST(SyntaxConllu, MalformedInputNamesTheLine) {
  auto r = ParseConllu("1\tHe\the\tPRON\tPRP\t_\t0\troot\t_\t_\n2\tgoes\n", "bad.conllu");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad.conllu:2"), std::string::npos) << r.status().message();
  auto ok = ParseConllu(
      "# text = He "
      "left.\n1-2\tHe's\t_\t_\t_\t_\t_\t_\t_\t_\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
      "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n",
      "ok.conllu");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->size(), 1u);
  EXPECT_EQ((*ok)[0].size(), 2u);
  EXPECT_EQ((*ok)[0][0].head, 1);
  EXPECT_EQ((*ok)[0][1].head, -1);
}

// Retraining only the parser (cairn-train --retrain-parser, for
// experiments) writes what a whole training writes: the parser reads the
// jackknifed tags, never the taggers it keeps. A model whose tag classes are
// not the treebank's is refused, naming it.
TEST(SyntaxTrain, RetrainingTheParserWritesWhatTrainingWrites) {
  if (!fs::exists(Corpus("ud-english-ewt/en_ewt-ud-dev.conllu"))) {
    GTEST_SKIP() << "../shared/corpora is absent";
  }
  auto dev = ReadConllu(Corpus("ud-english-ewt/en_ewt-ud-dev.conllu"));
  ASSERT_TRUE(dev.ok()) << dev.status().ToString();
  std::vector<UdSentence> small(dev->begin(), dev->begin() + 300);
  TrainOptions o;
  o.tagger_epochs = 2;
  o.tagger2_epochs = 2;
  o.parser_epochs = 2;
  o.folds = 2;
  const std::string whole = Train(small, o);
  auto parser_only = RetrainParser(small, o, whole, "small.model");
  ASSERT_TRUE(parser_only.ok()) << parser_only.status().ToString();
  EXPECT_TRUE(*parser_only == whole) << "retraining the parser changed the model's bytes";
  auto model = Model::FromBytes(*parser_only, "small.model");
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Analyzer a(*model);
  EXPECT_GT(Evaluate(&a, small).uas, 50.0) << "two epochs on 300 sentences learn something";

  std::string shipped = ReadAll(fs::path(CAIRN_SOURCE_DIR) / "models" / "syntax.model");
  auto refused = RetrainParser(small, o, shipped, "shipped.model");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("shipped.model"), std::string::npos)
      << refused.status().message();
}

// Accuracy on the official test files with their gold tokenization and
// predicted tags (every word counts). The shipped model, with punctuation
// re-attached by UD's rule after parsing (punct.cc), measures EWT test UPOS
// 95.07, UAS 85.79, LAS 82.38 and PUD UAS 82.39 (85.39, 82.03 and 82.15
// before the rule): issue 8's goals for UPOS (95) and LAS (82) are asserted
// as they are; UAS (86) and PUD UAS (84) are not met yet, so those are
// asserted just under what was reached, and a retrained or re-pruned model,
// or a change to the rule, that loses accuracy fails here. Without
// punctuation, whose attachment PUD and EWT (since v2.13) annotate by
// different conventions, UAS is 86.08 on EWT test and 85.46 on PUD:
// asserted just under.
Scores EvaluateFile(const std::string& rel) {
  auto gold = ReadConllu(Corpus(rel));
  EXPECT_TRUE(gold.ok()) << gold.status().ToString();
  if (!gold.ok()) return {};
  Analyzer a(Shipped());
  return Evaluate(&a, *gold);
}

TEST(SyntaxAccuracy, EwtTest) {
  if (!fs::exists(Corpus("ud-english-ewt/en_ewt-ud-test.conllu"))) {
    GTEST_SKIP() << "../shared/corpora is absent";
  }
  Scores s = EvaluateFile("ud-english-ewt/en_ewt-ud-test.conllu");
  EXPECT_GT(s.words, 25000u);
  EXPECT_GE(s.upos, 95.0);
  EXPECT_GE(s.uas, 85.75);
  EXPECT_GE(s.las, 82.0);
  EXPECT_GE(s.uas_no_punct, 86.05);
}

TEST(SyntaxAccuracy, PudTest) {
  if (!fs::exists(Corpus("ud-english-pud/en_pud-ud-test.conllu"))) {
    GTEST_SKIP() << "../shared/corpora is absent";
  }
  Scores s = EvaluateFile("ud-english-pud/en_pud-ud-test.conllu");
  EXPECT_GT(s.words, 20000u);
  EXPECT_GE(s.upos, 95.0);
  EXPECT_GE(s.uas, 82.35);
  EXPECT_GE(s.uas_no_punct, 85.4);
}

// OnDemand analyses one sentence when asked, exactly as Run does, and only once; the
// sentences it knows are the document's at its construction, so a later re-split (as
// extraction cuts overlong sentences) still gets the whole sentence's parse.
TEST(SyntaxOnDemand, AnalysesTheAskedSentenceOnceAsRunDoes) {
  const std::string text =
      "The rain stopped at noon. Her brother crossed the river and reached a village "
      "near the border. They waited there for a week.";
  Parsed eager = Parse(text);
  ASSERT_EQ(eager.doc.sentences.size(), 3u);
  Document doc;
  doc.name = "lazy.txt";
  doc.text = text;
  text::Segmenter seg;
  ASSERT_TRUE(seg.Run(&doc).ok());
  Analyzer a(Shipped());
  OnDemand lazy(&a, &doc);
  ASSERT_EQ(doc.syntax.size(), doc.tokens.size());
  for (const TokenSyntax& t : doc.syntax) EXPECT_EQ(t.upos, 0);  // nothing analysed yet
  // Cut the middle sentence in two after "river", as a re-split would.
  const Sentence mid = doc.sentences[1];
  int river = eager.Find("river");
  ASSERT_GT(river, 0);
  Sentence head = mid, tail = mid;
  head.end_token = tail.first_token = static_cast<uint32_t>(river) + 1;
  doc.sentences = {doc.sentences[0], head, tail, doc.sentences[2]};
  // Ask for a token of the second half: the whole middle sentence is analysed.
  ASSERT_TRUE(lazy.Ensure(tail.first_token + 1).ok());
  ASSERT_TRUE(lazy.Ensure(mid.first_token).ok());  // the same sentence: not again
  EXPECT_EQ(lazy.sentences(), 3u);
  EXPECT_EQ(lazy.sentences_analysed(), 1u);
  EXPECT_EQ(a.words_tagged(), mid.end_token - mid.first_token);
  for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
    const bool in_mid = t >= mid.first_token && t < mid.end_token;
    const TokenSyntax& want = eager.doc.syntax[t];
    const TokenSyntax& got = doc.syntax[t];
    if (!in_mid) {
      EXPECT_EQ(got.upos, 0) << t;
      EXPECT_EQ(got.head, -1) << t;
      continue;
    }
    EXPECT_EQ(got.upos, want.upos) << t;
    EXPECT_EQ(got.xpos, want.xpos) << t;
    EXPECT_EQ(got.head, want.head) << t;
    EXPECT_EQ(got.deprel, want.deprel) << t;
  }
  // A cue-word filter leaves a sentence without a cue as Run does: unanalysed.
  Document other;
  other.name = "cues.txt";
  other.text = text;
  ASSERT_TRUE(seg.Run(&other).ok());
  RunOptions run;
  run.cue_words =
      std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"crossed"});
  OnDemand cued(&a, &other, run);
  ASSERT_TRUE(cued.Ensure(0).ok());
  ASSERT_TRUE(cued.Ensure(other.sentences[1].first_token).ok());
  EXPECT_EQ(cued.sentences_skipped(), 1u);
  EXPECT_EQ(cued.sentences_analysed(), 1u);
  EXPECT_EQ(other.syntax[0].upos, 0);
  EXPECT_EQ(other.syntax[other.sentences[1].first_token].upos,
            eager.doc.syntax[other.sentences[1].first_token].upos);
  // A token past the text is an error naming the document.
  Status bad = cued.Ensure(static_cast<uint32_t>(other.tokens.size()));
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("cues.txt"), std::string::npos) << bad.message();
}

// Verbs tags a sentence without parsing it and names the tokens Ensure would tag VERB
// (clitic-split tokens included: "didn't" carries "did" or "n't"); an Ensure of that
// sentence right after parses the tags it holds instead of tagging again, with Run's result.
TEST(SyntaxOnDemand, VerbsTagsWithoutParsingAndEnsureReusesTheTags) {
  const std::string text =
      "She didn't stay long. In 1998 he crossed the Tumen River and was arrested by the "
      "police, who sent him back. The winter was cold.";
  Parsed eager = Parse(text);
  Document doc;
  doc.name = "verbs.txt";
  doc.text = text;
  text::Segmenter seg;
  ASSERT_TRUE(seg.Run(&doc).ok());
  ASSERT_EQ(doc.sentences.size(), 3u);
  Analyzer a(Shipped());
  RunOptions run;
  run.cue_words =
      std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"crossed", "stay"});
  OnDemand lazy(&a, &doc, run);
  auto eager_verbs = [&](const Sentence& s) {
    std::vector<uint32_t> v;
    for (uint32_t t = s.first_token; t < s.end_token; ++t)
      if (eager.doc.syntax[t].upos == static_cast<uint8_t>(ud::Upos::kVerb)) v.push_back(t);
    return v;
  };
  for (int si : {1, 0}) {
    const Sentence& s = doc.sentences[static_cast<size_t>(si)];
    std::vector<uint32_t> verbs;
    const uint64_t tagged = a.words_tagged(), parsed = a.words_parsed();
    ASSERT_TRUE(lazy.Verbs(s.first_token + 1, &verbs).ok());
    EXPECT_GT(a.words_tagged(), tagged);
    EXPECT_EQ(a.words_parsed(), parsed);  // tagged, not parsed
    EXPECT_EQ(verbs, eager_verbs(s)) << si;
    for (uint32_t t = s.first_token; t < s.end_token; ++t) EXPECT_EQ(doc.syntax[t].upos, 0) << t;
    // Parsed from the held tags: not tagged again, and as Run parses it.
    const uint64_t tagged_before = a.words_tagged();
    ASSERT_TRUE(lazy.Ensure(s.first_token).ok());
    EXPECT_EQ(a.words_tagged(), tagged_before);
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      EXPECT_EQ(doc.syntax[t].upos, eager.doc.syntax[t].upos) << t;
      EXPECT_EQ(doc.syntax[t].xpos, eager.doc.syntax[t].xpos) << t;
      EXPECT_EQ(doc.syntax[t].head, eager.doc.syntax[t].head) << t;
      EXPECT_EQ(doc.syntax[t].deprel, eager.doc.syntax[t].deprel) << t;
    }
    // Asked again once parsed: the parse's own verbs, without tagging.
    ASSERT_TRUE(lazy.Verbs(s.first_token, &verbs).ok());
    EXPECT_EQ(verbs, eager_verbs(s));
    EXPECT_EQ(a.words_tagged(), tagged_before);
  }
  const std::vector<uint32_t> crossed = eager_verbs(doc.sentences[1]);
  EXPECT_GE(crossed.size(), 3u);  // crossed, arrested, sent
  EXPECT_EQ(lazy.sentences_tagged(), 2u);
  EXPECT_EQ(lazy.sentences_analysed(), 2u);
  // A sentence without a cue word: no verbs, and Ensure leaves it unanalysed.
  std::vector<uint32_t> none{7};
  const uint64_t tagged = a.words_tagged();
  ASSERT_TRUE(lazy.Verbs(doc.sentences[2].first_token, &none).ok());
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(a.words_tagged(), tagged);
  // Tags held for one sentence are not taken for another's: Verbs of the third after
  // the first's (with every word a cue) and then Ensure of the first tags it again.
  Document again;
  again.name = "again.txt";
  again.text = text;
  ASSERT_TRUE(seg.Run(&again).ok());
  OnDemand all(&a, &again);
  std::vector<uint32_t> v;
  ASSERT_TRUE(all.Verbs(again.sentences[0].first_token, &v).ok());
  ASSERT_TRUE(all.Verbs(again.sentences[2].first_token, &v).ok());
  ASSERT_TRUE(all.Ensure(again.sentences[0].first_token).ok());
  for (uint32_t t = again.sentences[0].first_token; t < again.sentences[0].end_token; ++t) {
    EXPECT_EQ(again.syntax[t].upos, eager.doc.syntax[t].upos) << t;
    EXPECT_EQ(again.syntax[t].head, eager.doc.syntax[t].head) << t;
  }
  Status bad = all.Verbs(static_cast<uint32_t>(again.tokens.size()), &v);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("again.txt"), std::string::npos) << bad.message();
}

}  // namespace
}  // namespace cairn::syntax
