// The read-only views over a small resolved corpus.
#include "views/views.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "../resolve/test_docs.h"
#include "resolve/resolve.h"

namespace cairn::views {
namespace {

using cairn::testing::AddEvent;
using cairn::testing::AddPerson;
using cairn::testing::AddPlace;
using cairn::testing::MakeDoc;

class ViewsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    docs_.push_back(MakeDoc("d1", "000_a.txt",
                            "Jang Min-ho was born in 1957 in Chongjin. In April 1997 Jang Min-ho crossed the "
                            "Tumen River into China. He reached Seoul later."));
    Document* d = &docs_.back();
    int p = AddPerson(d, "Jang Min-ho", {"Min-ho", "장민호"});
    int chongjin = AddPlace(d, "Chongjin", "KP", "city", 11, 41.79, 129.78);
    int tumen = AddPlace(d, "Tumen River", "CN", "river", 12, 42.95, 129.85);
    int china = AddPlace(d, "China", "CN", "country", 13, 35.0, 103.0);
    int seoul = AddPlace(d, "Seoul", "KR", "city", 14, 37.57, 126.98);
    AddEvent(d, "birth", p, DateInterval::Year(1957, "1957"), "was born").place = chongjin;
    EventMention& bc = AddEvent(d, "border_crossing", p, DateInterval::Month(1997, 4, "April 1997"), "crossed");
    bc.from = chongjin;
    bc.via = tumen;
    bc.to = china;
    AddEvent(d, "defection", p, {}, "reached Seoul").to = seoul;

    docs_.push_back(MakeDoc("d2", "002_b.txt",
                            "Forty-year-old Jang Min-ho spoke in 2004. Jang Song-chol also fled before 2004."));
    d = &docs_.back();
    p = AddPerson(d, "Jang Min-ho");
    int q = AddPerson(d, "Jang Song-chol", {"Jang"});
    AddEvent(d, "birth", p,
             DateInterval::Range(DayFromCivil(1963, 1, 2), DayFromCivil(1964, 12, 31), Precision::kDay,
                                 "Forty-year-old"),
             "Forty-year-old");
    DateInterval before;
    before.latest = DayFromCivil(2003, 12, 31);
    before.text = "before 2004";
    AddEvent(d, "defection", q, before, "also fled");

    std::vector<const Document*> ptrs;
    for (const auto& x : docs_) ptrs.push_back(&x);
    facts_ = resolve::Resolver().Resolve(ptrs, {}, {}, nullptr);
  }
  std::vector<Document> docs_;
  FactBase facts_;
};

TEST_F(ViewsTest, FindsByAnySpelling) {
  for (const char* n : {"Jang Min-ho", "Chang Min-ho", "Jang Minho", "장민호", "Min-ho"}) {
    auto e = FindEntity(facts_, n);
    ASSERT_TRUE(e.ok()) << n << ": " << e.status().ToString();
    EXPECT_EQ((*e)->name, "Jang Min-ho") << n;
  }
  auto id = FindEntity(facts_, (*FindEntity(facts_, "Jang Min-ho"))->id);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ((*id)->name, "Jang Min-ho");
  auto place = FindEntity(facts_, "Chongjin");
  ASSERT_TRUE(place.ok());
  EXPECT_EQ((*place)->type, EntityType::kPlace);
  EXPECT_EQ(FindEntity(facts_, "Kim Jong-un").status().code(), Status::Code::kNotFound);
}

TEST_F(ViewsTest, AmbiguousNameListsCandidates) {
  auto r = Person(facts_, "Jang", false);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kAmbiguous);
  EXPECT_NE(r.status().message().find("Jang Min-ho"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("Jang Song-chol"), std::string::npos) << r.status().message();
}

TEST_F(ViewsTest, PersonTextAndJson) {
  auto t = Person(facts_, "Jang Min-ho", false);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_NE(t->find("aliases: Min-ho, 장민호"), std::string::npos) << *t;
  EXPECT_NE(t->find("documents: d1, d2"), std::string::npos) << *t;
  EXPECT_NE(t->find("1997-04"), std::string::npos) << *t;
  EXPECT_NE(t->find("via: Tumen River (CN)"), std::string::npos) << *t;
  EXPECT_NE(t->find("conflicts (1)"), std::string::npos) << *t;

  auto j = Person(facts_, "장민호", true);
  ASSERT_TRUE(j.ok());
  auto parsed = nlohmann::json::parse(*j);
  EXPECT_EQ(parsed["name"], "Jang Min-ho");
  EXPECT_EQ(parsed["docs"].size(), 2u);
  ASSERT_EQ(parsed["events"].size(), 4u);  // two births (conflicting), crossing, defection
  EXPECT_EQ(parsed["events"][0]["type"], "birth");
  EXPECT_EQ(parsed["events"][0]["date"]["display"], "1957");
  EXPECT_EQ(parsed["events"][0]["sources"][0]["doc"], "d1");
  EXPECT_EQ(parsed["conflicts"].size(), 1u);
}

TEST_F(ViewsTest, TimelineShowsUncertainDates) {
  auto t = Timeline(facts_, "Jang Min-ho", false);
  ASSERT_TRUE(t.ok());
  size_t birth = t->find("1957 ");
  size_t cross = t->find("1997-04");
  size_t defect = t->find("?");
  ASSERT_NE(birth, std::string::npos) << *t;
  ASSERT_NE(cross, std::string::npos) << *t;
  ASSERT_NE(defect, std::string::npos) << *t;
  EXPECT_LT(birth, cross);
  EXPECT_LT(cross, defect);  // undated, after the crossing it follows in d1
  auto all = Timeline(facts_, "", false);
  ASSERT_TRUE(all.ok());
  EXPECT_NE(all->find("before 2004"), std::string::npos) << *all;
  auto j = Timeline(facts_, "Jang Song-chol", true);
  ASSERT_TRUE(j.ok());
  auto parsed = nlohmann::json::parse(*j);
  ASSERT_EQ(parsed["events"].size(), 1u);
  EXPECT_EQ(parsed["events"][0]["date"]["latest"], "2003-12-31");
  EXPECT_TRUE(parsed["events"][0]["date"]["earliest"].is_null());
}

TEST_F(ViewsTest, RouteAndGeoJson) {
  auto t = Route(facts_, "Jang Min-ho", false);
  ASSERT_TRUE(t.ok());
  size_t a = t->find("1. Chongjin (KP)");
  size_t b = t->find("2. Tumen River (CN)");
  size_t c = t->find("3. China");
  size_t d = t->find("4. Seoul (KR)");
  ASSERT_NE(a, std::string::npos) << *t;
  ASSERT_NE(b, std::string::npos) << *t;
  ASSERT_NE(c, std::string::npos) << *t;
  ASSERT_NE(d, std::string::npos) << *t;

  auto g = Route(facts_, "Jang Min-ho", true, true);
  ASSERT_TRUE(g.ok());
  auto parsed = nlohmann::json::parse(*g);
  EXPECT_EQ(parsed["type"], "FeatureCollection");
  ASSERT_GE(parsed["features"].size(), 5u);
  const auto& line = parsed["features"][0];
  EXPECT_EQ(line["geometry"]["type"], "LineString");
  ASSERT_EQ(line["geometry"]["coordinates"].size(), 4u);
  EXPECT_DOUBLE_EQ(line["geometry"]["coordinates"][0][0].get<double>(), 129.78);  // lon first
  EXPECT_DOUBLE_EQ(line["geometry"]["coordinates"][0][1].get<double>(), 41.79);
  EXPECT_EQ(parsed["features"][1]["geometry"]["type"], "Point");
  EXPECT_EQ(parsed["features"][4]["properties"]["name"], "Seoul");

  auto j = Route(facts_, "Jang Min-ho", true);
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(nlohmann::json::parse(*j)["stops"].size(), 4u);
}

TEST_F(ViewsTest, ConflictsQuoteBothSides) {
  auto t = Conflicts(facts_, "", false);
  ASSERT_TRUE(t.ok());
  EXPECT_NE(t->find("birth date"), std::string::npos) << *t;
  EXPECT_NE(t->find("Jang Min-ho was born in 1957 in Chongjin."), std::string::npos) << *t;
  EXPECT_NE(t->find("Forty-year-old Jang Min-ho spoke in 2004."), std::string::npos) << *t;
  EXPECT_NE(t->find("born 1957 (000_a.txt: '1957') vs. born 1963-01-02..1964-12-31 (002_b.txt: 'Forty-year-old')."), std::string::npos) << *t;
  auto none = Conflicts(facts_, "Jang Song-chol", false);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, "no conflicts\n");
  auto j = Conflicts(facts_, "Jang Min-ho", true);
  ASSERT_TRUE(j.ok());
  auto parsed = nlohmann::json::parse(*j);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["claims"].size(), 2u);
}

TEST_F(ViewsTest, PeopleCounts) {
  auto j = People(facts_, true);
  ASSERT_TRUE(j.ok());
  auto parsed = nlohmann::json::parse(*j);
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["name"], "Jang Min-ho");
  EXPECT_EQ(parsed[0]["docs"], 2);
  EXPECT_EQ(parsed[0]["events"], 4);
  EXPECT_EQ(parsed[0]["conflicts"], 1);
  auto t = People(facts_, false);
  ASSERT_TRUE(t.ok());
  EXPECT_NE(t->find("Jang Song-chol"), std::string::npos);
}

}  // namespace
}  // namespace cairn::views
