// Tests of the Gazetteer: normalization, lookups by every spelling and by
// Hangul, the preferred entry among namesakes, capitals-only keys.
#include "extract/gazetteer.h"

#include <gtest/gtest.h>

namespace cairn::extract {
namespace {

TEST(GazetteerNormalize, FoldsAndJoins) {
  EXPECT_EQ(Gazetteer::Normalize("P'yŏngyang"), "pyongyang");
  EXPECT_EQ(Gazetteer::Normalize("P\u2019yŏngyang"), "pyongyang");
  EXPECT_EQ(Gazetteer::Normalize("Hamgyŏng-pukto"), "hamgyongpukto");
  EXPECT_EQ(Gazetteer::Normalize("U.S."), "us");
  EXPECT_EQ(Gazetteer::Normalize("  Washington,  D.C. "), "washington dc");
  EXPECT_EQ(Gazetteer::Normalize("China\u2013North Korea border"), "china north korea border");
  EXPECT_EQ(Gazetteer::Normalize("Sinŭiju"), "sinuiju");
  EXPECT_EQ(Gazetteer::Normalize("Genève"), "geneve");
  EXPECT_EQ(Gazetteer::Normalize("평양"), "평양");
  EXPECT_EQ(Gazetteer::Normalize(""), "");
}

TEST(GazetteerLookup, RomanizationVariants) {
  const Gazetteer& g = Gazetteer::Default();
  ASSERT_GT(g.size(), 200u);
  for (const char* name : {"Chongjin", "Ch'ŏngjin", "Cheongjin", "청진", "chongjin"}) {
    const GazetteerEntry* e = g.Lookup(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->name, "Chongjin") << name;
    EXPECT_EQ(e->country, "KP");
    EXPECT_EQ(e->kind, "city");
  }
  for (const char* name : {"North Hamgyong", "North Hamgyeong Province", "Hamgyŏng-pukto",
                           "Hamgyeongbuk-do", "North Hamkyung", "함경북도"}) {
    const GazetteerEntry* e = g.Lookup(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->id, "kp-north-hamgyong") << name;
    EXPECT_EQ(e->kind, "province");
  }
  for (const char* name : {"Ryanggang", "Yanggang", "Chagang", "Jagang", "South Pyongan",
                           "North Hwanghae", "Rason", "Pyongyang"}) {
    EXPECT_NE(g.Lookup(name), nullptr) << name;
  }
}

TEST(GazetteerLookup, CountriesAndAbbreviations) {
  const Gazetteer& g = Gazetteer::Default();
  EXPECT_EQ(g.Lookup("DPRK")->id, "kp");
  EXPECT_EQ(g.Lookup("N. Korea")->id, "kp");
  EXPECT_EQ(g.Lookup("ROK")->id, "kr");
  EXPECT_EQ(g.Lookup("S. Korea")->id, "kr");
  EXPECT_EQ(g.Lookup("U.S.")->id, "us");
  EXPECT_EQ(g.Lookup("USA")->id, "us");
  EXPECT_EQ(g.Lookup("Burma")->country, "MM");
  EXPECT_EQ(g.Lookup("Britain")->country, "GB");
  EXPECT_TRUE(g.KeyNeedsCaps("us"));
  EXPECT_FALSE(g.KeyNeedsCaps("seoul"));
  EXPECT_EQ(g.Lookup("Atlantis"), nullptr);
}

TEST(GazetteerLookup, BordersAndRivers) {
  const Gazetteer& g = Gazetteer::Default();
  const GazetteerEntry* dmz = g.Lookup("DMZ");
  ASSERT_NE(dmz, nullptr);
  EXPECT_EQ(dmz->kind, "border");
  EXPECT_EQ(g.Lookup("Demilitarized Zone"), dmz);
  EXPECT_TRUE(g.KeyAllowsLowercase("demilitarized zone"));
  EXPECT_EQ(g.Lookup("Duman River")->id, "tumen-river");
  EXPECT_EQ(g.Lookup("Amnok River")->id, "yalu-river");
  EXPECT_EQ(g.Lookup("Tumen")->kind, "river");
  EXPECT_EQ(g.Lookup("Tumen City")->country, "CN");
}

TEST(GazetteerLookup, NamesakesPreferOwnSpelling) {
  const Gazetteer& g = Gazetteer::Default();
  auto gangwon = g.Find("Gangwon");
  ASSERT_EQ(gangwon.size(), 2u);
  EXPECT_EQ(g.entry(gangwon[0]).country, "KR");
  EXPECT_EQ(g.entry(gangwon[1]).country, "KP");
  auto kangwon = g.Find("Kangwon Province");
  ASSERT_EQ(kangwon.size(), 2u);
  EXPECT_EQ(g.entry(kangwon[0]).country, "KP");
}

TEST(GazetteerLookup, EveryEntryIsWellFormed) {
  const Gazetteer& g = Gazetteer::Default();
  for (size_t i = 0; i < g.size(); ++i) {
    const auto& e = g.entry(static_cast<int32_t>(i));
    EXPECT_FALSE(e.id.empty());
    EXPECT_TRUE(e.kind == "country" || e.kind == "province" || e.kind == "city" ||
                e.kind == "river" || e.kind == "border" || e.kind == "facility" || e.kind == "other")
        << e.id << " " << e.kind;
    EXPECT_TRUE(e.country.empty() || e.country.size() == 2) << e.id;
    EXPECT_GE(e.lat, -90);
    EXPECT_LE(e.lat, 90);
    EXPECT_GE(e.lon, -180);
    EXPECT_LE(e.lon, 180);
    // The canonical name finds its own entry among the candidates.
    auto found = g.Find(e.name);
    EXPECT_NE(std::find(found.begin(), found.end(), static_cast<int32_t>(i)), found.end()) << e.name;
  }
}

TEST(GazetteerFromTsv, SmallTable) {
  Gazetteer g = Gazetteer::FromTsv(
      "# test\nx1\tAlpha Town\t\tAlfa|ALF\tcity\tZZ\t1.5\t-2.25\n");
  ASSERT_EQ(g.size(), 1u);
  const GazetteerEntry* e = g.Lookup("alfa");
  ASSERT_NE(e, nullptr);
  EXPECT_DOUBLE_EQ(e->lon, -2.25);
  EXPECT_TRUE(g.KeyNeedsCaps("alf"));
  EXPECT_EQ(g.max_words(), 2);
}

}  // namespace
}  // namespace cairn::extract
