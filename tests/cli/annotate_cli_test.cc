// `cairn annotate` as a user runs it: formats to stdout, an output folder,
// CoNLL-U input, and the exit status of bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::ReadAll;
using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using cairn::testing::WriteFile;
namespace fs = std::filesystem;

// The shipped model on EWT dev through the command, just under what
// cairn-train --eval measures for it (README, Syntax).
constexpr double kDevUpos = 94.8, kDevUas = 83.8, kDevLas = 80.4;

// A CoNLL-U word line's columns.
struct Row {
  std::vector<std::string> col;
  const std::string& form() const { return col[1]; }
  const std::string& upos() const { return col[3]; }
  const std::string& head() const { return col[6]; }
  const std::string& deprel() const { return col[7]; }
};

// The word lines of CoNLL-U text, sentence by sentence (multiword token
// ranges and empty nodes skipped).
std::vector<std::vector<Row>> ConlluWords(const std::string& text) {
  std::vector<std::vector<Row>> out(1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!out.back().empty()) out.emplace_back();
      continue;
    }
    if (line[0] == '#') continue;
    Row r;
    std::istringstream cols(line);
    std::string c;
    while (std::getline(cols, c, '\t')) r.col.push_back(c);
    if (r.col.size() != 10 || r.col[0].find_first_of("-.") != std::string::npos) continue;
    out.back().push_back(std::move(r));
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

// Every sentence a tree: exactly one root (HEAD 0, DEPREL root), every HEAD a
// word of the sentence.
void ExpectTrees(const std::vector<std::vector<Row>>& sentences) {
  for (const auto& s : sentences) {
    int roots = 0;
    for (const Row& r : s) {
      ASSERT_NE(r.head(), "_") << r.form();
      int h = std::stoi(r.head());
      EXPECT_GE(h, 0);
      EXPECT_LE(h, static_cast<int>(s.size()));
      roots += h == 0;
      EXPECT_EQ(h == 0, r.deprel() == "root") << r.form();
      EXPECT_NE(r.upos(), "_") << r.form();
    }
    EXPECT_EQ(roots, 1);
  }
}

const Row* FindWord(const std::vector<Row>& s, const std::string& form) {
  for (const Row& r : s) {
    if (r.form() == form) return &r;
  }
  ADD_FAILURE() << "no word " << form;
  return nullptr;
}

const char kStory[] =
    "<html><head><title>Crossing</title></head><body><p>Choi Min-jung (최민정) was born in "
    "Hyesan in 1972. In March 1998 she crossed the Tumen River into China.</p><p>Last month "
    "she testified.</p></body></html>";

TEST(AnnotateCli, DocumentToConlluOnStdout) {
  ScratchDir dir;
  WriteFile(dir / "story.html", kStory);
  auto r = RunCairn(dir, "annotate " + ShellQuote(dir / "story.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# newdoc id = story.html\n# sent_id = story.html-1\n# text = Choi Min-jung "
                       "(최민정) was born "),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("<p>"), std::string::npos) << "HTML is converted as ingest does";
  // Tagged and parsed: the syntax columns are the model's, the entity tags
  // still in MISC.
  EXPECT_NE(r.out.find("\tHyesan\t_\tPROPN\tNNP\t_\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tobl\t_\tNER=B-LOC\n"), std::string::npos) << r.out;
  auto sentences = ConlluWords(r.out);
  ASSERT_EQ(sentences.size(), 3u) << r.out;
  ExpectTrees(sentences);
  const auto& crossing = sentences[1];  // In March 1998 she crossed the Tumen River into China.
  const Row* crossed = FindWord(crossing, "crossed");
  const Row* she = FindWord(crossing, "she");
  const Row* china = FindWord(crossing, "China");
  ASSERT_TRUE(crossed && she && china);
  EXPECT_EQ(crossed->upos(), "VERB");
  EXPECT_EQ(crossed->col[4], "VBD");
  EXPECT_EQ(crossed->deprel(), "root");
  EXPECT_EQ(crossed->head(), "0");
  EXPECT_EQ(she->deprel(), "nsubj");
  EXPECT_EQ(she->head(), crossed->col[0]);
  EXPECT_EQ(china->upos(), "PROPN");
  EXPECT_EQ(china->head(), crossed->col[0]);
  const Row* born = FindWord(sentences[0], "born");
  ASSERT_TRUE(born);
  EXPECT_EQ(born->upos(), "VERB");
  EXPECT_EQ(born->deprel(), "root");
  EXPECT_EQ(FindWord(sentences[0], "was")->deprel(), "aux:pass");
}

TEST(AnnotateCli, JsonCarriesTheSyntax) {
  ScratchDir dir;
  WriteFile(dir / "a.txt", "Kim Young-ho crossed the river.\n");
  auto r = RunCairn(dir, "annotate --format json " + ShellQuote(dir / "a.txt"));
  ASSERT_EQ(r.status, 0) << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out);
  bool root_verb = false;
  for (const auto& s : doc["sentences"]) {
    for (const auto& t : s["tokens"]) {
      if (t["form"] == "crossed") {
        root_verb = t["upos"] == "VERB" && t["xpos"] == "VBD" && t["deprel"] == "root" &&
                    t["head"].is_null();
      }
    }
  }
  EXPECT_TRUE(root_verb) << r.out;
}

// An EWT file through `cairn annotate --input conllu`: its words come back
// one for one, in order, every sentence a tree, with the tagger's and the
// parser's accuracy against the file's own gold columns (the library's
// figures, syntax_test.cc: nothing is lost on the way through the command).
TEST(AnnotateCli, EwtFileRoundTripsWithPredictedColumns) {
  fs::path ewt = fs::path(CAIRN_SHARED_DIR) / "corpora/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (!fs::exists(ewt)) GTEST_SKIP() << "../shared/corpora is absent";
  ScratchDir dir;
  auto r = RunCairn(dir, "annotate --input conllu " + ShellQuote(ewt.string()));
  ASSERT_EQ(r.status, 0) << r.err;
  auto gold = ConlluWords(ReadAll(ewt));
  auto got = ConlluWords(r.out);
  ASSERT_EQ(got.size(), gold.size());
  ExpectTrees(got);
  size_t words = 0, upos = 0, uas = 0, las = 0;
  for (size_t s = 0; s < gold.size(); ++s) {
    ASSERT_EQ(got[s].size(), gold[s].size()) << "sentence " << s + 1;
    for (size_t w = 0; w < gold[s].size(); ++w) {
      const Row& g = gold[s][w];
      const Row& p = got[s][w];
      ASSERT_EQ(p.form(), g.form()) << "sentence " << s + 1;
      ++words;
      upos += p.upos() == g.upos();
      if (p.head() == g.head()) {
        ++uas;
        las += p.deprel() == g.deprel();
      }
    }
  }
  ASSERT_GT(words, 25000u);
  auto pct = [&](size_t x) { return 100.0 * static_cast<double>(x) / static_cast<double>(words); };
  EXPECT_GE(pct(upos), kDevUpos);
  EXPECT_GE(pct(uas), kDevUas);
  EXPECT_GE(pct(las), kDevLas);
}

TEST(AnnotateCli, OutputFolderGetsTxtAndAnnForBrat) {
  ScratchDir dir;
  WriteFile(dir / "story.html", kStory);
  auto r = RunCairn(dir, "annotate --format brat -o " + ShellQuote(dir / "out") + " " +
                             ShellQuote(dir / "story.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  std::string txt = ReadAll(dir / "out/story.txt");
  std::string ann = ReadAll(dir / "out/story.ann");
  EXPECT_NE(txt.find("Choi Min-jung (최민정) was born"), std::string::npos) << txt;
  EXPECT_NE(ann.find("\tborder_crossing "), std::string::npos) << ann;
  EXPECT_NE(ann.find("\tPlace "), std::string::npos) << ann;
  // A second input of the same stem does not overwrite the first.
  WriteFile(dir / "story.txt", "Kim Young-ho reached Seoul in 2002.\n");
  auto two =
      RunCairn(dir, "annotate --format json -o " + ShellQuote(dir / "out") + " " +
                        ShellQuote(dir / "story.html") + " " + ShellQuote(dir / "story.txt"));
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_NE(ReadAll(dir / "out/story.json").find("Hyesan"), std::string::npos);
  EXPECT_NE(ReadAll(dir / "out/story.txt.json").find("Seoul"), std::string::npos);
}

TEST(AnnotateCli, DctResolvesRelativeDatesInTimeml) {
  ScratchDir dir;
  WriteFile(dir / "story.html", kStory);
  auto r =
      RunCairn(dir, "annotate --format timeml --dct 2019-05-10 " + ShellQuote(dir / "story.html"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("value=\"2019-04\" temporalFunction=\"true\">Last month</TIMEX3>"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("value=\"1998-03\" temporalFunction=\"false\">March 1998</TIMEX3>"),
            std::string::npos)
      << r.out;
  auto bad =
      RunCairn(dir, "annotate --format timeml --dct 2019-13-10 " + ShellQuote(dir / "story.html"));
  EXPECT_EQ(bad.status, 2) << bad.err;
  EXPECT_NE(bad.err.find("--dct"), std::string::npos) << bad.err;
  auto bad_format = RunCairn(dir, "annotate --format xml " + ShellQuote(dir / "story.html"));
  EXPECT_EQ(bad_format.status, 2) << bad_format.err;
}

TEST(AnnotateCli, JsonOnePerDocument) {
  ScratchDir dir;
  WriteFile(dir / "a.txt", "Choi Min-jung was born in Hyesan in 1972.\n");
  WriteFile(dir / "b.txt", "Kim Young-ho crossed the Tumen River into China in 1998.\n");
  auto r = RunCairn(
      dir, "annotate --format json " + ShellQuote(dir / "a.txt") + " " + ShellQuote(dir / "b.txt"));
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  std::vector<nlohmann::json> docs;
  while (std::getline(in, line)) docs.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["name"], "a.txt");
  ASSERT_FALSE(docs[0]["events"].empty()) << docs[0].dump();
  EXPECT_EQ(docs[0]["events"][0]["type"], "birth");
  ASSERT_FALSE(docs[1]["events"].empty()) << docs[1].dump();
  EXPECT_EQ(docs[1]["events"][0]["type"], "border_crossing");
}

TEST(AnnotateCli, ConlluInputAndItsErrors) {
  ScratchDir dir;
  fs::path small = fs::path(CAIRN_SOURCE_DIR) / "tests/testdata/annotate/small.conllu";
  auto r = RunCairn(dir, "annotate --input conllu " + ShellQuote(small.string()));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("# sent_id = small-2\n"), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find("2\tdid\t_\tAUX\tVBD\t_\t4\taux\t_\tSpaceAfter=No\n3\tn't\t_\tPART\tRB\t_\t4\t"
                 "advmod\t"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("4\tstay\t_\tVERB\tVB\t_\t0\troot\t"), std::string::npos) << r.out;
  ExpectTrees(ConlluWords(r.out));
  // Not CoNLL-U: one line naming the file and line; the good file still printed; exit 1.
  WriteFile(dir / "story.txt", "Choi Min-jung was born in Hyesan.\n");
  WriteFile(dir / "gap.conllu", "1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n3\tB\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  auto bad = RunCairn(dir, "annotate --input conllu " + ShellQuote(dir / "story.txt") + " " +
                               ShellQuote(dir / "gap.conllu") + " " + ShellQuote(small.string()));
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("cairn: " + (dir / "story.txt") + ":1: expected 10 tab-separated columns"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("cairn: " + (dir / "gap.conllu") + ":2: bad ID sequence"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.out.find("# sent_id = small-1\n"), std::string::npos) << bad.out;
  auto missing = RunCairn(dir, "annotate " + ShellQuote(dir / "nope.txt"));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("nope.txt"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace cairn
