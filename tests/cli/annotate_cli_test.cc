// `cairn annotate` as a user runs it: formats to stdout, an output folder,
// CoNLL-U input, and the exit status of bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::ReadAll;
using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using cairn::testing::WriteFile;
namespace fs = std::filesystem;

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
  EXPECT_NE(r.out.find("\tHyesan\t_\t_\t_\t_\t_\t_\t_\tNER=B-LOC\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("<p>"), std::string::npos) << "HTML is converted as ingest does";
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
  EXPECT_NE(r.out.find("2\tdid\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\tn't\t"), std::string::npos)
      << r.out;
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
