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
#include <utility>
#include <vector>

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

// Every fact `cairn person` prints for a main person must be one the text
// states: each printed event is checked against the true events read off the
// example by hand (its type, an interval its date must lie in or "undated is
// right", and the names each role may have), and the required ones must be
// printed. A role "Hyesan|" may be Hyesan or absent, "*" anything.
struct Truth {
  Truth(std::string type_, std::string lo_, std::string hi_, bool undated_ok_,
        std::string place_ = "", std::string from_ = "", std::string to_ = "",
        std::string via_ = "", bool required_ = false, std::string hedged_ = "no",
        std::string reach_ = "")
      : type(std::move(type_)),
        lo(std::move(lo_)),
        hi(std::move(hi_)),
        undated_ok(undated_ok_),
        place(std::move(place_)),
        from(std::move(from_)),
        to(std::move(to_)),
        via(std::move(via_)),
        required(required_),
        hedged(std::move(hedged_)),
        reach(std::move(reach_)) {}
  std::string type;
  std::string lo, hi;  // the printed interval lies within [lo, hi]; "" = must be undated
  bool undated_ok;
  std::string place, from, to, via;
  bool required;
  std::string hedged;  // "no", "yes" or "any"
  std::string reach;   // when set, the printed interval lasts at least until then
};

bool RoleOk(const std::string& allowed, const std::string& value) {
  if (allowed == "*") return true;
  std::istringstream in(allowed + "|");
  for (std::string alt; std::getline(in, alt, '|');) {
    if (alt == value) return true;
  }
  return allowed.empty() && value.empty();
}

bool Matches(const Truth& t, const json& e) {
  if (e["type"] != t.type) return false;
  const json& d = e["date"];
  bool dated = d["earliest"].is_string() || d["latest"].is_string();
  if (dated) {
    if (t.lo.empty() || !d["earliest"].is_string() || !d["latest"].is_string()) return false;
    if (d["earliest"].get<std::string>() < t.lo || d["latest"].get<std::string>() > t.hi)
      return false;
    if (!t.reach.empty() && d["latest"].get<std::string>() < t.reach) return false;
  } else if (!t.undated_ok) {
    return false;
  }
  auto name = [&](const char* f) {
    return e[f].is_object() ? e[f]["name"].get<std::string>() : "";
  };
  if (t.hedged != "any" && e["hedged"].get<bool>() != (t.hedged == "yes")) return false;
  return RoleOk(t.place, name("place")) && RoleOk(t.from, name("from")) &&
         RoleOk(t.to, name("to")) && RoleOk(t.via, name("via"));
}

void ExpectEveryFactTrue(const json& person, const std::vector<Truth>& truths) {
  ASSERT_TRUE(person.contains("events")) << person.dump(1);
  std::vector<bool> seen(truths.size(), false);
  for (const json& e : person["events"]) {
    bool right = false;
    for (size_t i = 0; i < truths.size(); ++i) {
      if (Matches(truths[i], e)) {
        right = true;
        seen[i] = true;
      }
    }
    json shown = e;
    shown.erase("sources");
    shown.erase("id");
    EXPECT_TRUE(right) << person["name"] << ": a fact the text does not state: " << shown.dump();
  }
  for (size_t i = 0; i < truths.size(); ++i) {
    EXPECT_TRUE(seen[i] || !truths[i].required)
        << person["name"] << ": missing " << truths[i].type << " " << truths[i].lo << ".."
        << truths[i].hi << " place=" << truths[i].place << " to=" << truths[i].to;
  }
}

TEST_F(ExamplesFacts, EveryFactOfPakSunHuiIsRight) {
  ExpectEveryFactTrue(
      Person("Pak Sun-hui"),
      {
          {"birth", "1971-01-01", "1971-12-31", false, "Hyesan", "", "", "", true},
          // "worked at a clinic near the railway station from 1990", in Hyesan.
          {"employment", "1990-01-01", "1990-12-31", false, "Hyesan|", "", "", "", true},
          {"border_crossing", "1998-10-01", "1998-10-31", false, "", "North Korea|", "China",
           "Tumen River|", true},
          // "worked on a farm near Yanji for nearly five years".
          {"employment", "1998-10-01", "2003-12-31", true, "Yanji|China|"},
          {"arrest", "2003-03-01", "2003-03-31", false, "Yanji", "", "", "", true},
          {"repatriation", "2003-03-01", "2003-04-30", true, "", "China|Yanji|", "North Korea|"},
          // Eight months in the camp from the repatriation, the month after March 2003.
          {"detention", "2003-03-01", "2004-01-31", false, "Onsong", "", "", "", true, "no",
           "2003-10-31"},
          {"border_crossing", "2005-01-01", "2005-12-31", true, "", "North Korea|", "China|",
           "Tumen River|"},
          // Through Laos; Bangkok reached in January 2006.
          {"border_crossing", "2005-01-01", "2006-01-31", true, "", "*", "Bangkok|Thailand|Laos"},
          {"defection", "2006-05-01", "2006-05-31", false, "", "*", "Seoul|South Korea", "", true},
          // Incheon after three months at Hanawon: the date is not written.
          {"relocation", "2006-05-01", "2006-12-31", true, "", "", "Incheon", "", true},
          // The licence examination in 2009: the text names no place for it.
          {"education", "2009-01-01", "2009-12-31", false, "", "", "", "", true},
          // "has since worked at a hospital in Incheon".
          {"employment", "2009-01-01", "2015-12-31", true, "Incheon", "", "", "", true},
          {"publication", "2014-01-01", "2014-12-31", false, "", "", "", "", true},
      });
}

TEST_F(ExamplesFacts, EveryFactOfRiKwangCholIsRight) {
  ExpectEveryFactTrue(
      Person("Ri Kwang-chol"),
      {
          // Born in Kimchaek; no year is given anywhere.
          {"birth", "", "", true, "Kimchaek", "", "", "", true},
          // At 17, sent to a mine in Tanchon: no year either.
          {"employment", "", "", true, "Tanchon|"},
          // Left in 2010: taken to Hyesan in February, across the Yalu on the ice.
          {"border_crossing", "2010-01-01", "2010-12-31", false, "", "North Korea|Hyesan|",
           "China|", "Yalu River|", true},
          // The restaurant kitchen in Shenyang, almost two years from 2010: not
          // the month of the crossing alone.
          {"employment", "2010-02-01", "2012-03-14", true, "Shenyang", "", "", "", true, "no",
           "2011-06-01"},
          {"border_crossing", "2011-11-01", "2012-03-14", true, "", "*", "Laos", "", true},
          {"border_crossing", "2011-11-01", "2012-03-14", true, "", "*", "Thailand|Bangkok",
           "Mekong|"},
          // Five weeks in the immigration detention centre in Bangkok.
          {"detention", "2011-11-01", "2012-03-14", true, "Bangkok", "", "", "", true},
          {"defection", "2012-03-14", "2012-03-14", false, "", "*", "Seoul", "", true},
          {"employment", "2012-03-14", "2021-12-31", true, "Ansan", "", "", "", true},
      });
}

TEST_F(ExamplesFacts, EveryFactOfChoeMinJiIsRight) {
  // The blog post is dated 2022-06-02; she is 29 and came to China at 18.
  ExpectEveryFactTrue(
      Person("Choe Min-ji"),
      {
          {"birth", "1992-06-03", "1993-06-02", false, "Musan|", "", "", "", true},
          {"border_crossing", "2010-06-03", "2012-06-01", true, "", "North Korea|Musan|", "China",
           "Tumen River|", true},
          {"trafficking", "2010-06-03", "2012-06-01", true, "China|Heilongjiang|", "", "", "",
           true},
          // South through China in April 2022, across the Mekong into Thailand ("a boat
          // took her across the Mekong": the river by its gazetteer name).
          {"border_crossing", "2022-04-01", "2022-05-31", true, "", "*", "Laos|Thailand",
           "Mekong|Mekong River|"},
          {"detention", "2022-04-01", "2022-06-02", true, "Thailand|Bangkok|", "", "", "", true},
      });
}

TEST_F(ExamplesFacts, EveryFactOfJeongOkHwaIsRight) {
  // Posts of 2018-08-30 and 2018-12-03.
  ExpectEveryFactTrue(
      Person("Jeong Ok-hwa"),
      {
          {"birth", "1954-08-31", "1955-08-30", false, "Hyesan|", "", "", "", true},
          {"border_crossing", "2016-01-01", "2016-12-31", false, "", "Hyesan|North Korea|",
           "China|", "Tumen River|", true},
          {"arrest", "2016-01-01", "2016-12-31", true, "China|Tumen|", "", "", ""},
          {"detention", "2016-01-01", "2016-12-31", true, "Tumen|China|", "", "", ""},
          {"border_crossing", "2017-01-01", "2017-11-30", true, "", "*", "Laos|Thailand|Bangkok"},
          {"education", "2018-05-01", "2018-08-30", true, "Hanawon|"},
          {"relocation", "2018-08-30", "2018-12-03", true, "", "", "Gimpo"},
          {"employment", "2018-09-01", "2018-10-31", true, "Gimpo|"},
      });
}

TEST_F(ExamplesFacts, EveryFactOfYunOkSilIsRight) {
  // The story is dated 2019-03-14; only the detention is "reportedly".
  ExpectEveryFactTrue(
      Person("Yun Ok-sil"),
      {
          {"birth", "1972-03-15", "1973-03-14", false, "", "", "", "", true},
          {"repatriation", "2012-01-01", "2012-12-31", false, "", "China|", "North Korea|", "",
           true},
          {"detention", "2012-01-01", "2016-12-31", true, "Onsong", "", "", "", false, "any"},
          {"border_crossing", "2016-01-01", "2016-12-31", false, "", "North Korea|", "China|"},
          // Among the seven women detained in Yanji on Tuesday 2019-03-05.
          {"arrest", "2019-03-05", "2019-03-05", true, "Yanji"},
      });
}

}  // namespace
}  // namespace cairn
