// Movement and escape on sentences of our own wording: crossings told with a manner verb,
// a destination named by a demonym, families and groups that move the person with them,
// settling in the South, and the site of an arrest.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/date.h"
#include "core/document.h"
#include "extract_fixture.h"

namespace cairn {
namespace {

using extract_test::Analyze;
using extract_test::Country;
using extract_test::Dates;
using extract_test::Name;
using extract_test::Of;

TEST(Moves, SwimmingOverAfterDrivingToARiverIsAsserted) {
  // "to the Yalu River" is a preposition's phrase, not an infinitive governing "swam".
  Document d =
      Analyze("In 1996 Kang Il-bom drove to the Yalu River and swam over to the Chinese bank.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Kang Il-bom");
  EXPECT_EQ(Country(d, ev[0]->to), "CN");
  EXPECT_EQ(Dates(*ev[0]), "1996-01-01..1996-12-31");
  // A real infinitive stays unasserted.
  Document e = Analyze("In 1996 Kang Il-bom went to the river to swim over to the Chinese bank.");
  EXPECT_TRUE(Of(e, "border_crossing").empty());
}

TEST(Moves, ABreakForAnEmbassyIsADefectionToItsState) {
  Document d = Analyze(
      "In May 1988, during a visit to Geneva, Pak Chol-su made his break for the British "
      "embassy.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->to), "GB");
  EXPECT_EQ(Name(d, ev[0]->place), "Geneva");
  EXPECT_EQ(Dates(*ev[0]), "1988-05-01..1988-05-31");
}

TEST(Moves, AFamilySentAwayAfterADateMovesThePerson) {
  Document d = Analyze(
      "Ri Hyang-mi was born in Wonsan. After her uncle was purged in 1995, that year the "
      "family was expelled from the city and sent to Kimchaek.");
  auto ev = Of(d, "relocation");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Ri Hyang-mi");
  EXPECT_EQ(Name(d, ev[0]->to), "Kimchaek");
  // No origin of its own: the birthplace.
  EXPECT_EQ(Name(d, ev[0]->from), "Wonsan");
  EXPECT_EQ(Dates(*ev[0]), "1995-01-01..1995-12-31");
  // A prison camp is no new home.
  Document e = Analyze("Ri Hyang-mi was born in Wonsan. In 1995 she was sent to Camp 15.");
  EXPECT_TRUE(Of(e, "relocation").empty());
}

TEST(Moves, AParentMovingTheChildrenMovesThePerson) {
  Document d = Analyze(
      "Son Ok-hui was born in Yanji in 1960. In 1966 her mother moved the children to North "
      "Korea.");
  auto ev = Of(d, "relocation");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Son Ok-hui");
  EXPECT_EQ(Country(d, ev[0]->to), "KP");
  EXPECT_EQ(Dates(*ev[0]), "1966-01-01..1966-12-31");
}

TEST(Moves, LeadingRelativesOverARiverIsACrossing) {
  Document d =
      Analyze("In 1999 Choe Song-il led his aunt and his cousins over the Tumen River into China.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Choe Song-il");
  EXPECT_EQ(Country(d, ev[0]->to), "CN");
  EXPECT_EQ(Country(d, ev[0]->from), "KP");
  // Leading an office is no movement.
  Document e = Analyze("In 1999 Choe Song-il led the trade office in Dandong.");
  EXPECT_TRUE(Of(e, "border_crossing").empty());
}

TEST(Moves, TheThreeAreThePersonAndTheRelativesSheLeftWith) {
  Document d = Analyze(
      "Hwang Su-ryon left her village in 2003 with her mother and her aunt. Across the river "
      "the three were sold to a farmer. They were later caught by Chinese police.");
  auto sold = Of(d, "trafficking");
  ASSERT_EQ(sold.size(), 1u);
  EXPECT_EQ(Name(d, sold[0]->subject), "Hwang Su-ryon");
  auto caught = Of(d, "arrest");
  ASSERT_EQ(caught.size(), 1u);
  EXPECT_EQ(Name(d, caught[0]->subject), "Hwang Su-ryon");
}

TEST(Moves, SettlingInTheSouthIsADefectionAReturnOrTheSameArrival) {
  // A defector settling in the South reaches the refuge.
  Document d = Analyze("In 2004 Cho Myong-nam settled in South Korea.");
  ASSERT_EQ(Of(d, "defection").size(), 1u);
  // Told again after the arrival, it is that arrival, not a second one.
  Document e = Analyze(
      "Cho Myong-nam entered South Korea in May 2011. She is the youngest defector known to "
      "have settled in the South since 2000.");
  auto arrivals = Of(e, "defection");
  ASSERT_EQ(arrivals.size(), 1u);
  EXPECT_EQ(Dates(*arrivals[0]), "2011-05-01..2011-05-31");
  // A couple abducted from the South and escaped goes home: both return, with the date of
  // the phrase that tells it.
  Document f = Analyze(
      "In 1977 Yun Pil-ho married Ko Sun-ae. In 1978 Ko Sun-ae was abducted from a beach. In "
      "1985, during a visit to Moscow, the couple reached the Swedish embassy. They lived "
      "quietly abroad for years before settling permanently in South Korea in 1993.");
  auto back = Of(f, "return");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(Country(f, back[0]->to), "KR");
  EXPECT_EQ(Dates(*back[0]), "1993-01-01..1993-12-31");
  EXPECT_NE(back[0]->subject, back[1]->subject);
  for (const EventMention* r : back)
    EXPECT_TRUE(Name(f, r->subject) == "Yun Pil-ho" || Name(f, r->subject) == "Ko Sun-ae");
  for (const EventMention* df : Of(f, "defection")) EXPECT_NE(Country(f, df->to), "KR");
}

TEST(Moves, AnArrestAtTheAirportIsInTheCityNamedBeforeIt) {
  Document d = Analyze(
      "A plan to fly out of Shenyang ended in 2002 when Chinese police arrested Pyon Il-hwan "
      "at the airport.");
  auto ev = Of(d, "arrest");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->place), "Shenyang");
  // With no site word, the agent's country stays.
  Document e = Analyze(
      "A plan to fly out of Shenyang ended in 2002 when Chinese police arrested Pyon Il-hwan.");
  auto ev2 = Of(e, "arrest");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_EQ(Country(e, ev2[0]->place), "CN");
}

TEST(Moves, AnArrivalInARelativeClauseReachesItsAntecedent) {
  Document d = Analyze(
      "In 2001 Mun Chol-jin paid a broker for the journey to the South, which he reached in "
      "2002.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->to), "KR");
  EXPECT_EQ(Dates(*ev[0]), "2002-01-01..2002-12-31");
}

TEST(Moves, TheMotherLeadingHerDaughtersOverMovesThePerson) {
  Document d = Analyze(
      "Pang Ok-sun grew up in Musan with her sister. The mother leads her daughters over the "
      "Tumen River into China.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Pang Ok-sun");
  EXPECT_EQ(Country(d, ev[0]->to), "CN");
  // A parent leading strangers moves nobody the text is about.
  Document e = Analyze(
      "Pang Ok-sun grew up in Musan. The mother leads the soldiers over the Tumen River into "
      "China.");
  EXPECT_TRUE(Of(e, "border_crossing").empty());
}

TEST(Moves, AGroupStaysCurrentWhileTheTextKeepsReferringToIt) {
  Document d = Analyze(
      "Hwang Su-ryon left her village in 2003 with her mother and her aunt. Across the river "
      "the three were sold to a farmer. They were later caught by Chinese police. After their "
      "release they fled across the Tumen River into China a second time.");
  auto ev = Of(d, "border_crossing");
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(Name(d, ev.back()->subject), "Hwang Su-ryon");
  EXPECT_EQ(Country(d, ev.back()->to), "CN");
}

TEST(Moves, GuardsHoldingThemIsADetention) {
  Document d = Analyze(
      "Pang Ok-sun and her mother cross into Mongolia. Mongolian soldiers hold them at a "
      "military compound for a month.");
  auto ev = Of(d, "detention");
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(Country(d, ev[0]->place), "MN");
  // "hold them accountable" is no detention.
  Document e = Analyze("Pang Ok-sun wants courts to hold them accountable.");
  EXPECT_TRUE(Of(e, "detention").empty());
}

TEST(Moves, ABareTakenBesideAnAbductionIsAnAbduction) {
  Document d = Analyze(
      "In 1980 Ko Sun-ae was kidnapped in Macau; Yun Pil-ho, who went to find her, was taken "
      "soon after.");
  auto ev = Of(d, "crime_victim");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Name(d, ev[1]->subject), "Yun Pil-ho");
  // "there" is the abduction's place.
  Document e = Analyze(
      "Yun Pil-ho was abducted in Macau in 1981, a year after Ko Sun-ae had been taken there.");
  bool placed = false;
  for (const EventMention* v : Of(e, "crime_victim"))
    if (Name(e, v->subject) == "Ko Sun-ae") placed = Name(e, v->place) == "Macau" || placed;
  EXPECT_TRUE(placed);
  // Alone, "taken" is no crime.
  Document f = Analyze("In 1980 Ko Sun-ae was taken soon after the storm.");
  EXPECT_TRUE(Of(f, "crime_victim").empty());
}

TEST(Moves, AChildTakenAcrossByAParentRelocates) {
  Document d = Analyze("My name is Yun Pil-ho. In 1966 my mother took me across to North Korea.",
                       std::nullopt, "Yun Pil-ho");
  auto ev = Of(d, "relocation");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->to), "KP");
  EXPECT_EQ(Dates(*ev[0]), "1966-01-01..1966-12-31");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
  // A broker taking the person across is a crossing.
  Document e = Analyze("My name is Yun Pil-ho. In 1998 a broker took me across to China.",
                       std::nullopt, "Yun Pil-ho");
  EXPECT_EQ(Of(e, "border_crossing").size(), 1u);
  EXPECT_TRUE(Of(e, "relocation").empty());
}

TEST(Moves, ANewsLeadDescribesItsPersonBeforeNamingThem) {
  Document d = Analyze(
      "A North Korean navy lieutenant sailed a patrol boat south on Tuesday and landed at a "
      "South Korean naval base, officials said.\n\nThe navy identified the officer as Lt. Ryom "
      "Chang-su, 31. Ryom Chang-su asked to stay in the South.",
      DayFromCivil(1991, 6, 13));
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Ryom Chang-su");
  EXPECT_EQ(Country(d, ev[0]->to), "KR");
  // After the person is named, an indefinite title is somebody else.
  Document e = Analyze(
      "Ryom Chang-su spoke to reporters in 1991.\n\nA North Korean navy lieutenant landed at a "
      "South Korean naval base in 1990.");
  EXPECT_TRUE(Of(e, "defection").empty());
}

TEST(Moves, LandingAtASouthernSiteComesStraightFromTheNorth) {
  Document d = Analyze("In 1996 Ryom Chang-su flew south and landed at Suwon Air Base.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->from), "KP");
  // Someone the text placed in China came from there.
  Document e = Analyze(
      "In 1995 Ryom Chang-su crossed the Tumen River into China. In 1996 he flew from Yanji "
      "and landed at Suwon Air Base.");
  auto ev2 = Of(e, "defection");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_NE(Country(e, ev2[0]->from), "KP");
}

TEST(Moves, AnOffsetFromAnUndatedEventIsNotFromTheNarrative) {
  // "a year after crossing the river" counts from the crossing, which no date here gives.
  Document d = Analyze("Mun Chol-jin reached the South in 2002, a year after crossing the river.");
  bool offset = false;
  for (const Timex& x : d.timexes) {
    if (x.kind != Timex::Kind::kRelative) continue;
    offset = true;
    EXPECT_FALSE(x.anchored);
    EXPECT_FALSE(x.value.known());
  }
  EXPECT_TRUE(offset);
  // "a year after that" still counts from the narrative.
  Document e = Analyze("Mun Chol-jin fled in 1998. A year after that he reached Seoul.");
  bool later = false;
  for (const Timex& x : e.timexes)
    if (x.kind == Timex::Kind::kRelative)
      later = x.anchored && FormatInterval(x.value) == "1999-01-01..1999-12-31";
  EXPECT_TRUE(later);
}

TEST(Moves, AWayToANorthernTownIsNoCrossing) {
  Document d = Analyze(
      "In 2002 Mun Chol-jin made his way to Hoeryong and waded across the Tumen River into "
      "China.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->to), "CN");
  EXPECT_EQ(Name(d, ev[0]->via), "Tumen River");
}

TEST(Moves, AnUndatedReferenceToAToldDefectionIsThatDefection) {
  Document d = Analyze(
      "Mun Chol-jin reached South Korea in 2004. His sister was punished after his defection "
      "became known.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "2004-01-01..2004-12-31");
}

TEST(Moves, FoundToBeLivingInTheSouthIsTheArrival) {
  Document d = Analyze(
      "Mun Chol-jin left his post in Cairo in 2016. He was later found to be living in South "
      "Korea.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Country(d, ev[0]->to), "KR");
  // The finding does not say when the person arrived.
  EXPECT_FALSE(ev[0]->date.known());
  // Elsewhere it is a move.
  Document e = Analyze("In 2016 Mun Chol-jin was found to be living in Vladivostok.");
  EXPECT_TRUE(Of(e, "defection").empty());
  ASSERT_EQ(Of(e, "relocation").size(), 1u);
}

}  // namespace
}  // namespace cairn
