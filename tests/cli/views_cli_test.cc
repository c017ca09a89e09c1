// The view, correction and GeoJSON commands of the built `cairn` binary, on a
// small corpus written here: two documents tell one life with different
// spellings and disagree on the birth year.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <nlohmann/json.hpp>
#include <string>

#include "run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using json = nlohmann::json;

class ViewsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_ / "in");
    Write("in/bio.txt",
          "Kang Chol-min\n\nKang Chol-min (born 1968) is a North Korean defector. In the winter "
          "of 1997, Kang Chol-min crossed the Tumen River into China. In 2001, Kang was arrested "
          "in Yanji. He defected to South Korea in 2003.\n");
    Write("in/news.txt",
          "Defector Opens Bakery\n\nMarch 3, 2010\n\nForty-year-old Kang Cheol-min moved to "
          "Busan in 2006. Kang Cheol-min first crossed into China in 1997.\n");
    Write("in/other.txt",
          "Kang Mi-ok\n\nKang Mi-ok was born in Hyesan. In 2008, Kang Mi-ok escaped to China.\n");
    env_ = "CAIRN_DB=" + ShellQuote(dir_ / "kb.db") + " ";
    auto r = RunCairn(dir_, "ingest --quiet " + ShellQuote(dir_ / "in"), env_);
    ASSERT_EQ(r.status, 0) << r.err;
  }
  void Write(const std::string& rel, const std::string& text) {
    std::ofstream(dir_ / rel, std::ios::binary) << text;
  }
  ScratchDir dir_;
  std::string env_;
};

TEST_F(ViewsCli, PersonFoundByAnotherRomanization) {
  auto r = RunCairn(dir_, "person --json 'Kang Cheol-min'", env_);
  ASSERT_EQ(r.status, 0) << r.err;
  json p = json::parse(r.out);
  // Both documents are gathered under one person.
  EXPECT_EQ(p["docs"].size(), 2u) << r.out;
  bool has_arrest = false;
  for (const auto& e : p["events"])
    if (e["type"] == "arrest") has_arrest = true;
  EXPECT_TRUE(has_arrest) << r.out;
}

TEST_F(ViewsCli, ConflictQuotesBothSides) {
  auto r = RunCairn(dir_, "conflicts 'Kang Chol-min'", env_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("birth"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("born 1968"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Forty-year-old"), std::string::npos) << r.out;
}

TEST_F(ViewsCli, TimelineIsInDateOrder) {
  auto r = RunCairn(dir_, "timeline --json 'Kang Chol-min'", env_);
  ASSERT_EQ(r.status, 0) << r.err;
  json t = json::parse(r.out);
  ASSERT_TRUE(t.contains("events")) << r.out;
  std::string last;
  for (const auto& e : t["events"]) {
    if (!e["date"]["earliest"].is_string()) continue;
    std::string d = e["date"]["earliest"];
    EXPECT_LE(last, d) << r.out;
    last = d;
  }
  EXPECT_FALSE(last.empty()) << r.out;
}

TEST_F(ViewsCli, RouteAsGeoJson) {
  auto r = RunCairn(dir_, "route --geojson 'Kang Chol-min'", env_);
  ASSERT_EQ(r.status, 0) << r.err;
  json g = json::parse(r.out);
  EXPECT_EQ(g["type"], "FeatureCollection");
  bool line = false;
  for (const auto& f : g["features"])
    if (f["geometry"]["type"] == "LineString") line = true;
  EXPECT_TRUE(line) << r.out;
  auto all = RunCairn(dir_, "export --format geojson", env_);
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_EQ(json::parse(all.out)["type"], "FeatureCollection");
}

TEST_F(ViewsCli, AmbiguousNameListsTheCandidates) {
  auto r = RunCairn(dir_, "person Kang", env_);
  EXPECT_EQ(r.status, 1);
  // Either spelling may be the canonical name; both candidates must be named.
  EXPECT_TRUE(r.err.find("Kang Chol-min") != std::string::npos ||
              r.err.find("Kang Cheol-min") != std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("Kang Mi-ok"), std::string::npos) << r.err;
}

TEST_F(ViewsCli, UnknownNameIsExit1) {
  auto r = RunCairn(dir_, "person 'Nobody Here'", env_);
  EXPECT_EQ(r.status, 1);
  EXPECT_FALSE(r.err.empty());
}

TEST_F(ViewsCli, PeopleCountsDocuments) {
  auto r = RunCairn(dir_, "people --json", env_);
  ASSERT_EQ(r.status, 0) << r.err;
  json people = json::parse(r.out);
  bool found = false;
  for (const auto& p : people)
    if (p["name"].get<std::string>().rfind("Kang Ch", 0) == 0) {
      found = true;
      EXPECT_EQ(p["docs"], 2) << r.out;
    }
  EXPECT_TRUE(found) << r.out;
}

TEST_F(ViewsCli, CorrectionsSurviveLaterIngests) {
  auto m = RunCairn(dir_, "merge 'Kang Chol-min' 'Kang Mi-ok'", env_);
  ASSERT_EQ(m.status, 0) << m.err;
  Write("in/later.txt", "Hanawon Graduates\n\nPark Soo-ah left Hanawon in 2012.\n");
  auto again = RunCairn(dir_, "ingest --quiet " + ShellQuote(dir_ / "in"), env_);
  ASSERT_EQ(again.status, 0) << again.err;
  auto r = RunCairn(dir_, "person --json 'Kang Mi-ok'", env_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["docs"].size(), 3u) << r.out;
  // Split one document back out.
  auto s = RunCairn(dir_, "split 'Kang Mi-ok' other.txt", env_);
  ASSERT_EQ(s.status, 0) << s.err;
  auto after = RunCairn(dir_, "person --json 'Kang Cheol-min'", env_);
  ASSERT_EQ(after.status, 0) << after.err;
  EXPECT_EQ(json::parse(after.out)["docs"].size(), 2u) << after.out;
}

// Issue 10: `merge` of a split-off part printed "merged" and changed nothing.
TEST_F(ViewsCli, MergingASplitBackAndUndoingCorrections) {
  auto people = [&] {
    auto r = RunCairn(dir_, "people --json", env_);
    std::vector<std::string> ids;
    for (const auto& p : json::parse(r.out))
      if (p["name"] == "Kang Chol-min" || p["name"] == "Kang Cheol-min") ids.push_back(p["id"]);
    return ids;
  };
  ASSERT_EQ(people().size(), 1u);
  ASSERT_EQ(RunCairn(dir_, "split 'Kang Chol-min' news.txt", env_).status, 0);
  auto two = people();
  ASSERT_EQ(two.size(), 2u);
  auto m = RunCairn(dir_, "merge " + two[0] + " " + two[1], env_);
  ASSERT_EQ(m.status, 0) << m.err;
  EXPECT_EQ(people().size(), 1u) << "the merge undid the split";
  auto list = RunCairn(dir_, "corrections --json", env_);
  ASSERT_EQ(list.status, 0) << list.err;
  json cs = json::parse(list.out);
  ASSERT_EQ(cs.size(), 2u) << list.out;
  EXPECT_EQ(cs[0]["kind"], "split");
  EXPECT_EQ(cs[1]["kind"], "merge");
  // Undo the merge: two again; undo the split: one; undo twice: exit 1.
  ASSERT_EQ(RunCairn(dir_, "undo " + cs[1]["id"].get<std::string>(), env_).status, 0);
  EXPECT_EQ(people().size(), 2u);
  ASSERT_EQ(RunCairn(dir_, "undo " + cs[0]["id"].get<std::string>(), env_).status, 0);
  EXPECT_EQ(people().size(), 1u);
  auto again = RunCairn(dir_, "undo " + cs[0]["id"].get<std::string>(), env_);
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.err.find("undone already"), std::string::npos) << again.err;
  EXPECT_EQ(RunCairn(dir_, "undo banana", env_).status, 2);
  auto text = RunCairn(dir_, "corrections", env_);
  EXPECT_NE(text.out.find("undone"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(RedactCli, ProtectedNamesAreWithheldAndOffsetsStayValid) {
  cairn::testing::ScratchDir dir;
  std::filesystem::create_directories(dir / "in");
  const std::string text =
      "Escape Story\n\nYeo Su-jin (not her real name) crossed the Tumen River in 2011. "
      "In 2013, Yeo Su-jin defected to South Korea.\n";
  std::ofstream(dir / "in/story.txt", std::ios::binary) << text;
  std::string env = "CAIRN_DB=" + ShellQuote(dir / "kb.db") + " ";
  auto ing = RunCairn(dir, "ingest --quiet " + ShellQuote(dir / "in"), env);
  ASSERT_EQ(ing.status, 0) << ing.err;
  auto plain = RunCairn(dir, "export", env);
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_NE(plain.out.find("Yeo Su-jin"), std::string::npos);
  auto red = RunCairn(dir, "export --redact", env);
  ASSERT_EQ(red.status, 0) << red.err;
  EXPECT_EQ(red.out.find("Yeo Su-jin"), std::string::npos) << red.out;
  EXPECT_NE(red.out.find("\"name\":\"Person-"), std::string::npos) << red.out;
  // Every masked quote has the length its offsets say.
  std::istringstream lines(red.out);
  int events = 0;
  for (std::string line; std::getline(lines, line);) {
    json rec = json::parse(line);
    if (rec["kind"] != "event") continue;
    ++events;
    for (const auto& s : rec["sources"])
      EXPECT_EQ(s["quote"].get<std::string>().size(),
                s["end"].get<size_t>() - s["start"].get<size_t>());
  }
  EXPECT_GE(events, 2);
}

}  // namespace
}  // namespace cairn
