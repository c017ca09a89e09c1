// Where events happen: the place a trigger's own clause gives (an agent named by a
// demonym or a place, an organization named after a place, "in the South", a relative
// "where"), the gazetteer's coverage of capitals and counties, and data/demonyms.tsv.
// Every sentence is our own wording.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/document.h"
#include "extract/extract.h"
#include "extract/gazetteer.h"
#include "text/segment.h"
#include "extract_fixture.h"

namespace cairn {
namespace {

using extract_test::Analyze;
using extract_test::Country;
using extract_test::Name;
using extract_test::Of;

TEST(Places, ADemonymBeforeAnAgentNounPlacesTheArrest) {
  Document d = Analyze("In 2001 Han Mi-ra was arrested by Chinese border guards.");
  auto ev = Of(d, "arrest");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->place), "CN");
  // A demonym with no agent noun after it places nothing.
  Document e = Analyze("In 2001 Han Mi-ra was arrested for selling Chinese cigarettes.");
  auto ev2 = Of(e, "arrest");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_EQ(ev2[0]->place, -1);
}

TEST(Places, AnAgentWhoOnlyReportsPlacesNothing) {
  Document d = Analyze("Canadian officials said Han Mi-ra was arrested in 2001.");
  auto ev = Of(d, "arrest");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0]->place, -1);
}

TEST(Places, ADemonymAgentDetainsInItsCountry) {
  Document d = Analyze("In 2006 Mongolian soldiers detained Pyo Dong-su near the border.");
  auto ev = Of(d, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->place), "MN");
}

TEST(Places, APlaceBeforeCourtPlacesTheSentence) {
  Document d = Analyze("In 2003 a Daegu court sentenced Pyo Dong-su to a year in prison.");
  auto ev = Of(d, "sentencing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->place), "KR");
}

TEST(Places, AnOrganizationNamedAfterAPlaceGivesThePlace) {
  Document d = Analyze(
      "In 2019 the Busan District Court sentenced Pyo Dong-su to a year in prison. Han Mi-ra "
      "died at Seoul National University Hospital in 2010. In 1990 Han Mi-ra entered the "
      "Pyongyang University of Music and Dance.");
  auto s = Of(d, "sentencing");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(Name(d, s[0]->place), "Busan");
  auto death = Of(d, "death");
  ASSERT_EQ(death.size(), 1u);
  EXPECT_EQ(Name(d, death[0]->place), "Seoul");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Country(d, edu[0]->place), "KP");
}

TEST(Places, InTheSouthIsSouthKoreaForAnyEvent) {
  Document d = Analyze("In 2012 Pyo Dong-su worked as a cook in the South.");
  auto ev = Of(d, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->place), "KR");
  // "the South China Sea" is no Korea.
  Document e = Analyze("In 2012 Pyo Dong-su worked as a fisherman in the South China Sea.");
  auto ev2 = Of(e, "employment");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_NE(Country(e, ev2[0]->place), "KR");
}

TEST(Places, ARelativeWhereGivesItsPlace) {
  Document d = Analyze("In 2008 Han Mi-ra moved to France, where she studied law.");
  auto ev = Of(d, "education");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->place), "FR");
}

TEST(Places, CapitalsAndCountiesAreKnown) {
  Document d = Analyze(
      "In 2011 Pyo Dong-su worked as a clerk in the Ottawa office of a charity. In 1995 Han "
      "Mi-ra worked as a nurse in Hongwon.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(Country(d, jobs[0]->place), "CA");
  EXPECT_EQ(Name(d, jobs[1]->place), "Hongwon");
  EXPECT_EQ(Country(d, jobs[1]->place), "KP");
  const extract::Gazetteer& g = extract::Gazetteer::Default();
  for (auto [name, cc] : std::vector<std::pair<const char*, const char*>>{{"Damascus", "SY"},
                                                                          {"Kuwait City", "KW"},
                                                                          {"Camp No. 15", "KP"},
                                                                          {"Namyangju", "KR"},
                                                                          {"Pukch'ŏng", "KP"},
                                                                          {"Tel Aviv", "IL"},
                                                                          {"Wangqing", "CN"}}) {
    const extract::GazetteerEntry* e = g.Lookup(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(e->country, cc) << name;
  }
}

TEST(Places, ARepatriationGoesToTheNorthFromWhereThePersonWas) {
  Document d = Analyze(
      "In 1999 Han Mi-ra crossed the Tumen River into China. In 2001 she was caught and sent "
      "back.");
  auto ev = Of(d, "repatriation");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->to), "KP");
  EXPECT_EQ(Country(d, ev[0]->from), "CN");
  // The text's own origin stands.
  Document e = Analyze("In 2003 Pyo Dong-su was sent back from Russia.");
  auto ev2 = Of(e, "repatriation");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_EQ(Country(e, ev2[0]->from), "RU");
  EXPECT_EQ(Country(e, ev2[0]->to), "KP");
}

TEST(Places, ACrossingStartsWhereThePersonLastArrived) {
  Document d = Analyze(
      "In 1999 Han Mi-ra crossed the Tumen River into China. In 2004 she walked across the "
      "steppe into Mongolia.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Country(d, ev[1]->to), "MN");
  EXPECT_EQ(Country(d, ev[1]->from), "CN");
  // Placed nowhere, but in a story set in China: an overland crossing into a third
  // country starts there.
  Document e = Analyze("Pyo Dong-su spent a year hiding in Yanji. In 2005 he walked into Laos.");
  auto ev2 = Of(e, "border_crossing");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_EQ(Country(e, ev2[0]->from), "CN");
  // With no Chinese place in the story, no origin is guessed.
  Document f = Analyze("In 2005 Pyo Dong-su walked into Laos.");
  auto ev3 = Of(f, "border_crossing");
  ASSERT_EQ(ev3.size(), 1u);
  EXPECT_EQ(ev3[0]->from, -1);
}

TEST(Places, FleeingToAnEmbassyGoesToItsCountry) {
  Document d = Analyze(
      "In 2010 Kim Sun-ok fled to the South Korean consulate in Shenyang. In 1999 Pyo "
      "Dong-su defected to the American embassy in Cairo.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Country(d, ev[0]->to), "KR");
  EXPECT_EQ(Country(d, ev[1]->to), "US");
}

TEST(Places, TheSiteOfAMovementIsItsPlace) {
  Document d = Analyze(
      "In 2017 Kim Sun-ok crossed the military demarcation line inside the Joint Security "
      "Area. In 1983 Ri Chol-ho flew his jet south and landed at Suwon Air Base.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Name(d, ev[0]->place), "Panmunjom");
  EXPECT_EQ(Name(d, ev[1]->place), "Suwon");
  // The whole DMZ is the way, not the site.
  Document e = Analyze("In 2019 Han Mi-ra crossed the DMZ at night.");
  auto ev2 = Of(e, "defection");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_EQ(ev2[0]->place, -1);
}

TEST(Places, ALeadingReturnPhrasePlacesTheJob) {
  Document d = Analyze("On her return to Hamhung in 2001 Han Mi-ra was named head of a clinic.");
  auto ev = Of(d, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->place), "Hamhung");
}

TEST(Places, ASaleInAStorySetInChinaHappensInChina) {
  Document d = Analyze("Pyo Dong-su spent a year hiding in Yanji. He was sold to a farmer.");
  auto ev = Of(d, "trafficking");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->place), "CN");
  Document e = Analyze("Pyo Dong-su was sold to a farmer.");
  auto ev2 = Of(e, "trafficking");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_EQ(ev2[0]->place, -1);
}

TEST(Places, MovingBackIsAReturnExceptOutOfTheNorth) {
  Document d = Analyze(
      "Pyo Dong-su was born in Busan in 1950. He moved back to Seoul in 2000. In 2001 Han Mi-ra "
      "crossed the Tumen into China. In 2002 she was sent back. In 2003 she returned to China. "
      "In 2005 she walked into Mongolia.");
  auto ret = Of(d, "return");
  ASSERT_EQ(ret.size(), 1u);
  EXPECT_EQ(Name(d, ret[0]->to), "Seoul");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 3u);
  // After the repatriation she is in the North: going back to China is a crossing.
  EXPECT_EQ(Country(d, bc[1]->from), "KP");
  EXPECT_EQ(Country(d, bc[1]->to), "CN");
  // The North borders no Mongolia: that crossing starts in China.
  EXPECT_EQ(Country(d, bc[2]->to), "MN");
  EXPECT_EQ(Country(d, bc[2]->from), "CN");
  // Even when the text last placed her in the North.
  Document e = Analyze(
      "In 2001 Han Mi-ra crossed the Tumen into China. In 2002 she was sent back. In 2005 she "
      "walked into Mongolia.");
  auto bc2 = Of(e, "border_crossing");
  ASSERT_EQ(bc2.size(), 2u);
  EXPECT_EQ(Country(e, bc2[1]->from), "CN");
}

TEST(Places, SwimmingToTheChineseBankGoesToChina) {
  Document d = Analyze("In 1996 Pyo Dong-su swam over to the Chinese bank of the river.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->to), "CN");
}

TEST(Places, ADatedLeavingAndALaterArrivalAreTwoJourneys) {
  Document d =
      Analyze("Pyo Dong-su fled the North in 2001 and reached South Korea the following year.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Country(d, bc[0]->from), "KP");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Country(d, def[0]->to), "KR");
  // Undated in between, the two verbs are one journey.
  Document e = Analyze("In 2001 Pyo Dong-su left China and reached South Korea.");
  EXPECT_TRUE(Of(e, "border_crossing").empty());
  auto def2 = Of(e, "defection");
  ASSERT_EQ(def2.size(), 1u);
  EXPECT_EQ(Country(e, def2[0]->from), "CN");
}

TEST(PlaceCues, TheEmbeddedTableLoads) {
  const extract::PlaceCues& c = extract::PlaceCues::Default();
  ASSERT_TRUE(c.demonyms.count("chinese"));
  EXPECT_EQ(c.demonyms.at("chinese"), "CN");
  EXPECT_EQ(c.demonyms.at("south korean"), "KR");
  EXPECT_EQ(c.max_demonym_words, 2);
  EXPECT_TRUE(c.agents.count("police"));
}

TEST(PlaceCues, BadRowsNameFileLineAndValue) {
  auto ok = extract::PlaceCues::FromTsv("x.tsv", "# c\ndemonym\tthai\tTH\nagent\tpolice\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->demonyms.at("thai"), "TH");
  auto bad_cc = extract::PlaceCues::FromTsv("x.tsv", "demonym\tthai\tThailand\n");
  ASSERT_FALSE(bad_cc.ok());
  EXPECT_EQ(bad_cc.status().message(),
            "x.tsv:1: column 'country': 'Thailand' is not an ISO 3166-1 alpha-2 code");
  auto bad_kind = extract::PlaceCues::FromTsv("x.tsv", "# c\nnoun\tpolice\n");
  ASSERT_FALSE(bad_kind.ok());
  EXPECT_EQ(bad_kind.status().message(),
            "x.tsv:2: column 'kind': 'noun' is not one of demonym|agent");
  auto upper = extract::PlaceCues::FromTsv("x.tsv", "agent\tPolice\n");
  EXPECT_FALSE(upper.ok());
}

TEST(Places, ReachingAForeignEmbassyOnATripIsADefectionThere) {
  // A trip phrase set off by a comma places the escape; reaching a foreign state's
  // embassy is a defection to that state, not a border crossing.
  Document d = Analyze(
      "In May 1991, during a concert tour to Stockholm, Han Mi-ra slipped away from her "
      "minders and fled to the Canadian embassy.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->place), "Stockholm");
  EXPECT_EQ(Country(d, ev[0]->to), "CA");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
  // A trip that is the verb's object, not a leading phrase, places nothing.
  Document e = Analyze("Han Mi-ra came back from a trip to Stockholm and was arrested in 1992.");
  auto arrests = Of(e, "arrest");
  ASSERT_EQ(arrests.size(), 1u);
  EXPECT_EQ(Name(e, arrests[0]->place), "");
}

TEST(Places, AnOfPlaceContainingTheDestinationIsNoOrigin) {
  Document d = Analyze("In 2003 Kim Su-ok fled into the Yanbian region of China.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->to), "Yanbian");
  EXPECT_NE(Country(d, ev[0]->from), "CN");
}

// Rules numbered-facility, stay-facility and span-own-length: a camp or prison known by
// its number ("Prison No. 4", "the No. 9 camp") is a facility; a confinement told with its
// length and end is at the facility named later in the sentence, and its length is its
// own, not the "after nine months" of what came before.
TEST(Places, ANumberedPrisonPlacesTheStayItsSentenceTells) {
  Document d = Analyze(
      "After a failed escape, Moon Jae-sik spent nearly two years, until late 1991, in Prison "
      "No. 4 near Hamhung.");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_EQ(Name(d, det[0]->place), "Prison No. 4");
  EXPECT_EQ(d.entities[det[0]->place].place_kind, "facility");
  EXPECT_EQ(FormatDay(*det[0]->date.earliest), "1989-12-31");

  Document e = Analyze(
      "After nine months of beatings Moon Jae-sik was sent to the No. 9 camp, where he spent "
      "three years, before he was released in 1996.");
  det = Of(e, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_EQ(Name(e, det[0]->place), "No. 9 camp");
  ASSERT_TRUE(det[0]->date.closed());
  EXPECT_EQ(FormatDay(*det[0]->date.earliest), "1993-12-31");
  EXPECT_EQ(FormatDay(*det[0]->date.latest), "1996-12-31");
}

}  // namespace
}  // namespace cairn
