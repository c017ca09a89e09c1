// The five seed documents: all load, with the titles, dates, parts and
// boilerplate removal the rules give, and every kept line verbatim.
// (Segmentation of the seeds is tested in tests/text/: ingest_test does not
// link the text stage.)
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "ingest/ingest.h"
#include "test_util.h"

namespace cairn::ingest {
namespace {
namespace fs = std::filesystem;

std::string Squash(const std::string& s) {
  static const std::regex kSpace("\\s+");
  return std::regex_replace(s, kSpace, " ");
}

class SeedsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(CAIRN_SHARED_DIR) / "seeds";
    if (!fs::is_directory(dir_)) GTEST_SKIP() << "no seeds folder at " << dir_;
    for (const auto& e : fs::directory_iterator(dir_)) {
      std::string prefix = e.path().filename().string().substr(0, 3);
      Result<Document> r = LoadFile(e.path());
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      raw_[prefix] = ss.str();
      docs_[prefix] = std::move(r).value();
    }
    ASSERT_EQ(docs_.size(), 5u);
  }
  const Document& Doc(const std::string& prefix) { return docs_.at(prefix); }

  fs::path dir_;
  std::map<std::string, Document> docs_;
  std::map<std::string, std::string> raw_;
};

TEST_F(SeedsTest, AllLoadAsUtf8TextWithHashes) {
  for (const auto& [k, d] : docs_) {
    EXPECT_EQ(d.encoding, "UTF-8") << k;
    EXPECT_EQ(d.language, "en") << k;
    EXPECT_EQ(d.sha256.size(), 64u) << k;
    EXPECT_GT(d.text.size(), 1000u) << k;
  }
  EXPECT_EQ(Doc("003").format, "wiki");
  EXPECT_EQ(Doc("001").format, "text");
}

TEST_F(SeedsTest, EveryKeptLineStandsVerbatimInTheOriginal) {
  for (const auto& [k, d] : docs_) {
    std::string original = Squash(raw_[k]);
    std::istringstream lines(d.text);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.empty()) continue;
      EXPECT_TRUE(Contains(original, Squash(line))) << k << ": " << line;
    }
  }
}

TEST_F(SeedsTest, Titles) {
  EXPECT_EQ(Doc("000").title, "Jang Yeong-jin");
  EXPECT_EQ(Doc("001").title,
            "North Korea's Only Known Gay Defector Moves to the United States to get Married");
  EXPECT_EQ(Doc("002").title, "Gay North Korea News & Reports");
  EXPECT_EQ(Doc("003").title, "Jang Jin-sung");
  EXPECT_EQ(Doc("004").title, "Starting Fresh: A Conversation with Jin Kyung");
}

TEST_F(SeedsTest, Dates) {
  EXPECT_EQ(Date(Doc("000").date), "none");
  EXPECT_EQ(Date(Doc("001").date), "none");
  EXPECT_EQ(Date(Doc("002").date), "2005-05-20");
  EXPECT_EQ(Date(Doc("003").date), "none");
  EXPECT_EQ(Date(Doc("004").date), "2014-12-11");
}

TEST_F(SeedsTest, QuotedPartIn002) {
  const Document& d = Doc("002");
  ASSERT_EQ(d.parts.size(), 1u);
  const Part& p = d.parts[0];
  EXPECT_TRUE(p.quoted);
  EXPECT_TRUE(Date(p.date) == "2004-10-28" || Date(p.date) == "2004-10-29") << Date(p.date);
  EXPECT_FALSE(p.source.empty());
  std::string body(d.Slice(p.span));
  EXPECT_TRUE(Contains(body, "No gays in North Korea?"));
  EXPECT_TRUE(Contains(body, "Forty-four-year-old"));
  uint32_t off = static_cast<uint32_t>(d.text.find("However, last year"));
  EXPECT_EQ(Date(d.ReferenceDateAt(off)), Date(p.date));
  uint32_t reader = static_cast<uint32_t>(d.text.find("A reader recently wrote"));
  EXPECT_EQ(Date(d.ReferenceDateAt(reader)), "2005-05-20");
}

TEST_F(SeedsTest, PostsIn004) {
  const Document& d = Doc("004");
  ASSERT_EQ(d.parts.size(), 2u);
  EXPECT_EQ(Date(d.parts[0].date), "2014-12-11");
  EXPECT_EQ(Date(d.parts[1].date), "2025-06-20");
  EXPECT_EQ(d.parts[1].author, "Yukyung Lim");
  EXPECT_FALSE(d.parts[0].quoted);
  EXPECT_TRUE(Contains(std::string(d.Slice(d.parts[1].span)), "I was born in North Korea"));
  EXPECT_FALSE(Contains(std::string(d.Slice(d.parts[0].span)), "I was born in North Korea"));
}

TEST_F(SeedsTest, AuthorOf001) { EXPECT_EQ(Doc("001").author, "Brit Smith"); }

TEST_F(SeedsTest, BoilerplateGone) {
  for (const char* gone : {"Leave a Reply", "Sign up to our newsletter", "Be a Part of Our Story",
                           "will not be published"}) {
    EXPECT_FALSE(Contains(Doc("001").text, gone)) << gone;
  }
  for (const char* gone : {"jinkyungandbaby_", "Donate Now", "The logo for", "Give Today",
                           "subscribed", "went wrong", "Check these out", "give monthly",
                           "Start a fundraiser"}) {
    EXPECT_FALSE(Contains(Doc("004").text, gone)) << gone;
  }
  EXPECT_NE(Doc("004").text.rfind("blog", 0), 0u);
  // Real prose that merely holds a cue word stays.
  EXPECT_TRUE(Contains(Doc("000").text, "They would hold hands and share beds."));
  EXPECT_TRUE(Contains(Doc("004").text, "Share stories."));
  // An empty trailing section adds nothing.
  EXPECT_FALSE(Contains(Doc("000").text, "References"));
  EXPECT_FALSE(Contains(Doc("000").text, "=="));
}

TEST_F(SeedsTest, WikiSectionsIn003) {
  const Document& d = Doc("003");
  ASSERT_GE(d.sections.size(), 2u);
  EXPECT_EQ(d.sections[0].heading, "Biography");
  EXPECT_EQ(d.sections[0].level, 2);
  EXPECT_EQ(d.Slice(d.sections[0].span).substr(0, 21), "Jang claims to have b");
}

}  // namespace
}  // namespace cairn::ingest
