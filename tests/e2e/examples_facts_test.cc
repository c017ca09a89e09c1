// End to end over the bundled examples (examples/documents): the facts
// `cairn person` prints for their main persons, with dates and places, and
// the documents' own dates. Every fact asserted here was read off the
// example texts by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../cli/run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kExamples = fs::path(CAIRN_SOURCE_DIR) / "examples" / "documents";

class ExamplesFacts : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<ScratchDir>();
    db_ = " --db " + ShellQuote(*dir_ / "kb.db");
    auto ing = RunCairn(*dir_, "ingest --quiet" + db_ + " " + ShellQuote(kExamples.string()));
    ASSERT_EQ(ing.status, 0) << ing.err;
  }
  json Person(const std::string& name) {
    auto r = RunCairn(*dir_, "person --json" + db_ + " " + ShellQuote(name));
    EXPECT_EQ(r.status, 0) << name << ": " << r.err;
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }
  // The one event of `type` whose date starts with `date` ("" = undated).
  static const json* Event(const json& person, const std::string& type, const std::string& date) {
    const json* found = nullptr;
    for (const json& e : person["events"]) {
      if (e["type"] != type) continue;
      std::string earliest =
          e["date"]["earliest"].is_string() ? e["date"]["earliest"].get<std::string>() : "";
      if (date.empty() ? !earliest.empty() : earliest.rfind(date, 0) != 0) continue;
      EXPECT_EQ(found, nullptr) << "two " << type << " events at " << date;
      found = &e;
    }
    return found;
  }
  static std::string Name(const json& role) {
    return role.is_object() ? role["name"].get<std::string>() : "";
  }
  static std::string Latest(const json& e) {
    return e["date"]["latest"].is_string() ? e["date"]["latest"].get<std::string>() : "";
  }

  std::unique_ptr<ScratchDir> dir_;
  std::string db_;
};

TEST_F(ExamplesFacts, DocumentDates) {
  auto exp = RunCairn(*dir_, "export" + db_ + " --format jsonl");
  ASSERT_EQ(exp.status, 0) << exp.err;
  std::map<std::string, json> dates;
  std::istringstream in(exp.out);
  for (std::string line; std::getline(in, line);) {
    json j = json::parse(line, nullptr, false);
    if (!j.is_discarded() && j["kind"] == "document") dates[j["name"]] = j["date"];
  }
  EXPECT_EQ(dates["hanawon_graduates.html"], "2018-08-30");
  EXPECT_EQ(dates["mekong_route_blog.md"], "2022-06-02");
  EXPECT_EQ(dates["yanji_arrests_news.txt"], "2019-03-14");
  EXPECT_TRUE(dates["pak_sun_hui_biography.txt"].is_null());  // an encyclopedia page has none
}

TEST_F(ExamplesFacts, PakSunHui) {
  json p = Person("Park Soon-hee");     // any romanization finds her
  EXPECT_EQ(p["name"], "Pak Sun-hui");  // the form the page uses, not the alternative it lists
  const json* birth = Event(p, "birth", "1971-01-01");
  ASSERT_NE(birth, nullptr) << p.dump(1);
  EXPECT_EQ(Latest(*birth), "1971-12-31");
  EXPECT_EQ(Name((*birth)["place"]), "Hyesan");
  const json* crossing = Event(p, "border_crossing", "1998-10-01");
  ASSERT_NE(crossing, nullptr) << p.dump(1);
  EXPECT_EQ(Latest(*crossing), "1998-10-31");
  EXPECT_EQ(Name((*crossing)["to"]), "China");
  EXPECT_EQ(Name((*crossing)["via"]), "Tumen River");
  const json* arrest = Event(p, "arrest", "2003-03-01");
  ASSERT_NE(arrest, nullptr) << p.dump(1);
  EXPECT_EQ(Name((*arrest)["place"]), "Yanji");
  const json* arrival = Event(p, "defection", "2006-05-01");
  ASSERT_NE(arrival, nullptr) << p.dump(1);
  EXPECT_EQ(Latest(*arrival), "2006-05-31");
  EXPECT_EQ(Name((*arrival)["to"]), "Seoul");
  const json* licence = Event(p, "education", "2009-01-01");
  ASSERT_NE(licence, nullptr) << p.dump(1);
  const json* memoir = Event(p, "publication", "2014-01-01");
  ASSERT_NE(memoir, nullptr) << p.dump(1);
  EXPECT_TRUE(Event(p, "relocation", "") != nullptr) << "the move to Incheon gives no date";
}

TEST_F(ExamplesFacts, RiKwangChol) {
  json p = Person("Lee Kwang-cheol");
  EXPECT_EQ(p["name"], "Ri Kwang-chol");
  const json* left = Event(p, "border_crossing", "2010-01-01");
  ASSERT_NE(left, nullptr) << p.dump(1);
  EXPECT_EQ(Latest(*left), "2010-12-31");
  EXPECT_EQ(Name((*left)["from"]), "North Korea");
  const json* arrival = Event(p, "defection", "2012-03-14");
  ASSERT_NE(arrival, nullptr) << p.dump(1);
  EXPECT_EQ(Latest(*arrival), "2012-03-14");
  EXPECT_EQ(Name((*arrival)["to"]), "Seoul");
  const json* birth = Event(p, "birth", "");
  ASSERT_NE(birth, nullptr) << p.dump(1);
  EXPECT_EQ(Name((*birth)["place"]), "Kimchaek");
}

TEST_F(ExamplesFacts, JeongOkHwaAgeOnTheDateOfThePost) {
  json p = Person("Jeong Ok-hwa");
  // 63 on 2018-08-30: born 1954-08-31..1955-08-30.
  const json* birth = Event(p, "birth", "1954-08-31");
  ASSERT_NE(birth, nullptr) << p.dump(1);
  EXPECT_EQ(Latest(*birth), "1955-08-30");
  const json* left = Event(p, "border_crossing", "2016-01-01");
  ASSERT_NE(left, nullptr) << p.dump(1);
  EXPECT_EQ(Name((*left)["from"]), "Hyesan");
}

}  // namespace
}  // namespace cairn
