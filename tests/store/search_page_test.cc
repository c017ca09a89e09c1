// Store::SearchPage: pages, totals, filters, and the bound on the rows a
// query ranks (a query matching more than max_ranked rows is ranked among
// its newest matches and its total is a lower bound).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>

#include "store/store.h"

namespace cairn::store {
namespace {

namespace fs = std::filesystem;

class SearchPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cairn_search_page_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto s = Store::Open((dir_ / "kb.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    // 30 documents: every one says "crossed"; document k says "river" k
    // times (so bm25 puts the later ones first for "river"), and documents
    // 1, 4, 7, ..., 28 say "Yanji".
    ASSERT_TRUE(store_->BeginBatch().ok());
    for (int k = 1; k <= 30; ++k) {
      Document d;
      d.name = "doc" + std::to_string(k) + ".txt";
      d.path = "/in/" + d.name;
      d.sha256 = std::string(62, 'a') + std::to_string(10 + k);
      d.format = "text";
      d.text = "Ri Chol crossed the border.";
      for (int i = 0; i < k; ++i) d.text += " The river was cold.";
      if (k % 3 == 1) d.text += " He was arrested in Yanji.";
      d.sentences.push_back(Sentence{{0, static_cast<uint32_t>(d.text.size())}, 0, 1, 0});
      auto r = store_->Put(&d);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
    ASSERT_TRUE(store_->CommitBatch().ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SearchPageTest, PagesWalkTheRankingWithAnExactTotal) {
  SearchOptions o;
  o.limit = 4;
  auto first = store_->SearchPage("river", o);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->total, 30);
  EXPECT_TRUE(first->total_exact);
  ASSERT_EQ(first->hits.size(), 4u);
  EXPECT_EQ(first->hits[0].doc_id, "d30") << "the most mentions rank first";
  EXPECT_NE(first->hits[0].snippet.find("[river]"), std::string::npos) << first->hits[0].snippet;
  EXPECT_EQ(first->hits[0].name, "doc30.txt");
  // Every page continues the ranking: 30 documents, each once.
  std::set<std::string> seen;
  double last = -1e300;
  for (o.offset = 0; o.offset < 40; o.offset += o.limit) {
    auto page = store_->SearchPage("river", o);
    ASSERT_TRUE(page.ok());
    for (const SearchHit& h : page->hits) {
      EXPECT_TRUE(seen.insert(h.doc_id).second) << h.doc_id << " twice";
      EXPECT_GE(h.rank, last) << "ranks never improve from one page to the next";
      last = h.rank;
    }
  }
  EXPECT_EQ(seen.size(), 30u);
  // The old call is the first page.
  auto old = store_->Search("river", 4);
  ASSERT_TRUE(old.ok());
  ASSERT_EQ(old->size(), 4u);
  EXPECT_EQ((*old)[0].doc_id, "d30");
}

TEST_F(SearchPageTest, ABroadQueryRanksOnlyItsNewestMatchesAndSaysTheTotalIsALowerBound) {
  SearchOptions o;
  o.limit = 5;
  o.max_ranked = 10;
  auto page = store_->SearchPage("crossed OR Yanji", o);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_FALSE(page->total_exact);
  EXPECT_EQ(page->total, 10);
  ASSERT_EQ(page->hits.size(), 5u);
  for (const SearchHit& h : page->hits) {
    const int n = std::stoi(h.doc_id.substr(1));
    EXPECT_GT(n, 20) << "only the 10 newest matches are ranked";
  }
  // Past the ranked pool there is nothing more to page through.
  o.offset = 10;
  EXPECT_TRUE(store_->SearchPage("crossed", o)->hits.empty());
  // A selective query under the bound is exact.
  o.offset = 0;
  auto yanji = store_->SearchPage("Yanji", o);
  ASSERT_TRUE(yanji.ok());
  EXPECT_TRUE(yanji->total_exact);
  EXPECT_EQ(yanji->total, 10);
  EXPECT_EQ(yanji->hits.size(), 5u);
}

TEST_F(SearchPageTest, KeepFiltersBeforeCountingAndPaging) {
  SearchOptions o;
  o.limit = 3;
  o.keep = [](const std::string& doc) { return std::stoi(doc.substr(1)) % 2 == 0; };
  auto page = store_->SearchPage("Yanji", o);  // d4, d10, d16, d22, d28
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 5);
  EXPECT_TRUE(page->total_exact);
  ASSERT_EQ(page->hits.size(), 3u);
  for (const SearchHit& h : page->hits) EXPECT_EQ(std::stoi(h.doc_id.substr(1)) % 6, 4) << h.doc_id;
  // A prefix with an OR, filtered to a few documents, ranked one by one.
  o.keep = [](const std::string& doc) { return doc == "d7" || doc == "d9"; };
  auto few = store_->SearchPage("arrest* OR riv*", o);
  ASSERT_TRUE(few.ok());
  EXPECT_EQ(few->total, 2);
  ASSERT_EQ(few->hits.size(), 2u);
  EXPECT_NE(few->hits[0].doc_id, few->hits[1].doc_id);
  EXPECT_NE(few->hits[0].snippet.find("[riv"), std::string::npos) << few->hits[0].snippet;
  EXPECT_EQ(store_->SearchPage("", o).status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace cairn::store
