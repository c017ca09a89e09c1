// Event extraction on short sentences of our own wording: each event type's
// triggers, and every negative case the brief names (negated, failed, planned,
// hypothetical, denied, awaited), subjects, roles, dates, attribution.
#include "extract/events.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/data.h"
#include "core/document.h"
#include "extract/extract.h"
#include "text/segment.h"
#include "extract_fixture.h"

namespace cairn {
namespace {

using extract_test::Analyze;
using extract_test::Dates;
using extract_test::Name;
using extract_test::Of;

TEST(Events, MarriageWithYear) {
  Document d = Analyze("In 1999, Park Min-ho married a nurse from Hamhung.");
  auto ev = Of(d, "marriage");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Park Min-ho");
  EXPECT_EQ(Dates(*ev[0]), "1999-01-01..1999-12-31");
  // The quote is exactly the sentence.
  EXPECT_EQ(d.Slice(ev[0]->quote), "In 1999, Park Min-ho married a nurse from Hamhung.");
}

TEST(Events, JobIsHeldWhereThePersonLastArrived) {
  Document d = Analyze(
      "Pyo Dong-su left his village in 1998 and reached Thailand in 2005. He opened a noodle "
      "stall for a year. In 2009 he worked as a welder in a shipyard.\n\nIn 1994 Pyo Dong-su "
      "had worked as a miner.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 2u);
  // Dated after the arrival: held in the country of arrival.
  const EventMention* welder = Dates(*jobs[0]) == "2009-01-01..2009-12-31" ? jobs[0] : jobs[1];
  const EventMention* miner = welder == jobs[0] ? jobs[1] : jobs[0];
  ASSERT_GE(welder->place, 0);
  EXPECT_EQ(d.entities[welder->place].country, "TH");
  // Dated before it: no place is guessed.
  EXPECT_EQ(miner->place, -1);
}

TEST(Events, DetentionAfterARepatriationIsInTheCountryOfReturn) {
  Document d =
      Analyze("Pyo Dong-su was sent back to North Korea in 2006. He was jailed for a year.");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  ASSERT_GE(det[0]->place, 0);
  EXPECT_EQ(d.entities[det[0]->place].country, "KP");
}

TEST(Events, PlacedJobCarriesToTheNextJobAndNewTriggers) {
  Document d = Analyze(
      "In 2004 Pyo Dong-su was assigned to the consulate in Vladivostok as a clerk. He was "
      "promoted to consul in 2008 and headed the consulate from 2011.");
  // (The "to" of "promoted to" is no infinitive's: the coordinated "headed" is asserted.)
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 3u);
  for (const EventMention* j : jobs) {
    ASSERT_GE(j->place, 0) << j->trigger;
    EXPECT_EQ(d.entities[j->place].country, "RU") << j->trigger;
  }
}

TEST(Events, PlannedMarriageIsNotAMarriage) {
  Document d = Analyze("Park Min-ho met Choi Yu-na in Seoul. The couple planned to marry later that year.");
  EXPECT_TRUE(Of(d, "marriage").empty());
}

TEST(Events, FailedAndNegatedMovementsAreNotEvents) {
  Document d = Analyze(
      "Lee Soo-jin fled North Korea in 2001, but could not get to South Korea from China.");
  EXPECT_TRUE(Of(d, "defection").empty());
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(d.entities[bc[0]->from].country, "KP");
}

TEST(Events, BorderCrossingWithRiverAndDestination) {
  Document d = Analyze("In March 2003, Lee Soo-jin crossed the Tumen River into China.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  ASSERT_GE(bc[0]->to, 0);
  EXPECT_EQ(d.entities[bc[0]->to].country, "CN");
  ASSERT_GE(bc[0]->via, 0);
  EXPECT_EQ(d.entities[bc[0]->via].place_kind, "river");
  EXPECT_EQ(Dates(*bc[0]), "2003-03-01..2003-03-31");
}

TEST(Events, BorderPairGivesTheDestination) {
  Document d = Analyze(
      "In 2005, Yoon Chul-soo fled North Korea by crossing the China–North Korea border.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  ASSERT_GE(bc[0]->to, 0);
  EXPECT_EQ(d.entities[bc[0]->to].country, "CN");
}

TEST(Events, DmzCrossingIsADefectionToSouthKorea) {
  Document d = Analyze("In August 1998, Moon Kyung-il crawled through the DMZ.");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  ASSERT_GE(df[0]->to, 0);
  EXPECT_EQ(d.entities[df[0]->to].country, "KR");
}

TEST(Events, AwaitedRepatriationIsNotARepatriationButTheArrestIs) {
  Document d = Analyze(
      "Choi Hyun-woo hid in Yanji for a year. He was awaiting repatriation after being "
      "arrested by the Chinese police.");
  EXPECT_TRUE(Of(d, "repatriation").empty());
  auto ar = Of(d, "arrest");
  ASSERT_EQ(ar.size(), 1u);
  EXPECT_EQ(Name(d, ar[0]->subject), "Choi Hyun-woo");
}

TEST(Events, NonPersonSubjectGivesNoEvent) {
  Document d = Analyze("Kang Mi-ran grew up in Wonsan. Her parents divorced when she was young.");
  EXPECT_TRUE(Of(d, "divorce").empty());
}

TEST(Events, DeniedDivorceIsNotADivorce) {
  Document d = Analyze("Han Myung-sook applied for a divorce, but she was denied one.");
  EXPECT_TRUE(Of(d, "divorce").empty());
}

TEST(Events, TraffickingOfAPassiveSubjectWithPlace) {
  Document d = Analyze("Kim Eun-hee was sold to a farmer in Jilin Province.");
  auto tr = Of(d, "trafficking");
  ASSERT_EQ(tr.size(), 1u);
  EXPECT_EQ(Name(d, tr[0]->subject), "Kim Eun-hee");
}

TEST(Events, InterviewSpeakerIsTheFirstPerson) {
  Document d = Analyze(
      "Reporter: When did you leave?\n\nSong Ji-yeon: I escaped to China in 2008. Life was hard.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Song Ji-yeon");
  EXPECT_EQ(Dates(*bc[0]), "2008-01-01..2008-12-31");
}

TEST(Events, BylineAuthorIsTheFirstPerson) {
  Document d = Analyze("By Jung Hae-won\n\nI was born in Hyesan. My story is common.",
                       std::nullopt, "Jung Hae-won");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Jung Hae-won");
  ASSERT_GE(b[0]->place, 0);
  EXPECT_EQ(d.entities[b[0]->place].country, "KP");
}

TEST(Events, AgeOnAKnownDateGivesABirthInterval) {
  Document d = Analyze("Forty-two-year-old Cho Sung-min worked in a coal mine.",
                       DayFromCivil(2010, 5, 1));
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1967-05-02..1968-05-01");
}

TEST(Events, AttributionAndHedging) {
  Document d = Analyze(
      "According to Amnesty International, Ri Chol-ho was executed in 2012. "
      "His brother Ri Chol-jin was reportedly arrested in 2013.");
  auto death = Of(d, "death");
  ASSERT_EQ(death.size(), 1u);
  EXPECT_EQ(Name(d, death[0]->subject), "Ri Chol-ho");
  ASSERT_GE(death[0]->attributed_to, 0);
  EXPECT_EQ(Name(d, death[0]->attributed_to), "Amnesty International");
  EXPECT_FALSE(death[0]->hedged);
  auto ar = Of(d, "arrest");
  ASSERT_EQ(ar.size(), 1u);
  EXPECT_TRUE(ar[0]->hedged);
}

TEST(Events, PluralSubjectGivesEachPersonTheEvent) {
  Document d = Analyze("Kang Min-jae and Yoo Sun-hee moved to Seoul in 2011.");
  auto r = Of(d, "relocation");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NE(r[0]->subject, r[1]->subject);
}

TEST(Events, RelativeClauseTakesItsAntecedent) {
  Document d = Analyze(
      "Kim Tae-ho stayed in touch with Oh Jin-sook, who had married a teacher.");
  auto m = Of(d, "marriage");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Name(d, m[0]->subject), "Oh Jin-sook");
}

TEST(Events, PurposeInfinitiveIsNotAsserted) {
  Document d = Analyze("Baek Ji-hoon moved to Pyongyang to attend a university.");
  EXPECT_EQ(Of(d, "relocation").size(), 1u);
  EXPECT_TRUE(Of(d, "education").empty());
}

TEST(Events, ImplicativeGovernorAssertsTheInfinitive) {
  Document d = Analyze("In 2012, Seo Min-kyu used his savings to start the Korea Freedom Foundation.");
  EXPECT_EQ(Of(d, "founding").size(), 1u);
}

TEST(Events, ConditionalIsNotAsserted) {
  Document d = Analyze("Na Young-ho knew his wife would suffer if he were to flee the country.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
}

TEST(Events, MentionsOfOneEventFoldIntoTheDatedOne) {
  Document d = Analyze(
      "Seo Hyun-ah defected to South Korea in 2009. Seo Hyun-ah's defection made news "
      "across the country.");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(Dates(*df[0]), "2009-01-01..2009-12-31");
}

TEST(Events, QuotedSpeechIsNotNarration) {
  Document d = Analyze("Jo Sun-ok said, “I never married anyone.” She lives in Busan.");
  EXPECT_TRUE(Of(d, "marriage").empty());
}

TEST(Events, SentencingWithDetail) {
  Document d = Analyze("In 2019, Hong Gil-nam was sentenced to ten years in a labor camp.");
  auto s = Of(d, "sentencing");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_NE(s[0]->detail.find("ten years"), std::string::npos);
}

TEST(Events, EmploymentDetailAndOrganization) {
  Document d = Analyze(
      "In 2006, Ahn Jae-won became a researcher for the Korea Institute for National "
      "Unification in Seoul.");
  auto e = Of(d, "employment");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_NE(e[0]->detail.find("researcher"), std::string::npos);
  ASSERT_GE(e[0]->object, 0);
  EXPECT_EQ(d.entities[e[0]->object].type, EntityType::kOrganization);
}

TEST(Events, LeavingAJobIsNotEmployment) {
  Document d = Analyze("In 2016, Gu Ja-kyung left her job as a cook.");
  EXPECT_TRUE(Of(d, "employment").empty());
}

// Rules to-determiner and there-place: "taken to the X office in Y and held there" is an
// asserted stay (the "to" is a preposition, not an infinitive's) at Y; its length runs
// from the arrest the sentence before dates, and it stays apart from the later camp.
TEST(Events, HeldThereAfterTakenToThePlaceIsAStayAtThatPlace) {
  Document d = Analyze(
      "On 3 March 1995 police arrested Seok Hae-jin in Musan. She was taken to the police "
      "station in Hyesan and held there for about a year. In 1997 she was sent to a prison "
      "camp at Yodok.");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 2u);
  EXPECT_EQ(Name(d, det[0]->subject), "Seok Hae-jin");
  EXPECT_EQ(Name(d, det[0]->place), "Hyesan");
  ASSERT_TRUE(det[0]->date.closed());
  EXPECT_EQ(FormatDay(*det[0]->date.earliest), "1995-03-03");
  EXPECT_EQ(FormatDay(*det[0]->date.latest), "1996-03-02");
  EXPECT_EQ(Dates(*det[1]), "1997-01-01..1997-12-31");
}

// Rule this-was-in: a sentence that tells no event but dates "this" dates the undated
// event of the sentence before it.
TEST(Events, ThisWasInDatesTheEventBefore) {
  Document d = Analyze(
      "Not long after, Oh Byung-chan was sent to a labour camp for party officials. By his "
      "sister's account this was in the late 1970s. He was freed in 1983.");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  ASSERT_TRUE(det[0]->date.closed());
  EXPECT_GE(*det[0]->date.earliest, DayFromCivil(1975, 1, 1));
  EXPECT_LE(*det[0]->date.latest, DayFromCivil(1979, 12, 31));
  // A sentence with an event of its own keeps its date to itself.
  Document e = Analyze(
      "Oh Byung-chan was sent to a labour camp for party officials. That was in 1978, the year "
      "his brother defected.");
  det = Of(e, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_FALSE(det[0]->date.known());
}

// Rule whom-object: the spouse of a "whom" clause is the person it follows.
TEST(Events, TheSpouseOfAWhomClauseIsThePersonItFollows) {
  Document d = Analyze(
      "Yoo Dong-hwan is survived by Pyo Mi-sook, 70, whom he married in Kaesong, and a son.");
  auto m = Of(d, "marriage");
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(Name(d, m[0]->subject), "Yoo Dong-hwan");
  EXPECT_EQ(Name(d, m[0]->object), "Pyo Mi-sook");
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, FoundingNeedsANamedOrganization) {
  Document d = Analyze("In 2015, Ko Eun-bi started to spend her evenings painting.");
  EXPECT_TRUE(Of(d, "founding").empty());
}

TEST(Events, ComplementClauseHasItsOwnSubject) {
  Document d = Analyze(
      "In 2006, Min Hye-jin learned that two of her brothers had died in a labor camp.");
  EXPECT_TRUE(Of(d, "death").empty());
}

TEST(Events, InfoboxLinesDescribeTheTopic) {
  Document d = Analyze(
      "Pyo Dong-su\n- Born: 1968\n- Birthplace: Hoeryong, North Korea\n\nPyo Dong-su is a "
      "North Korean writer.",
      std::nullopt, "", "Pyo Dong-su");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1968-01-01..1968-12-31");
  ASSERT_GE(b[0]->place, 0);
  EXPECT_EQ(d.entities[b[0]->place].name, "Hoeryong");
}

TEST(Events, LeadingAdverbialSharesTheMainSubject) {
  Document d = Analyze("By Yang Se-ri\n\nLater, after arriving in South Korea, I studied nursing.",
                       std::nullopt, "Yang Se-ri");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(Name(d, df[0]->subject), "Yang Se-ri");
}

TEST(Events, AReferenceTakesNoDateOfItsOwn) {
  Document d = Analyze(
      "Cha Eun-ji defected to South Korea in April 2001. In 2003, she gave an interview "
      "about her defection.");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(Dates(*df[0]), "2001-04-01..2001-04-30");
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, JoiningAnOrganizationIsAJobJoiningTheArmyAnEnlistment) {
  Document d = Analyze(
      "In 1991, Ryu Sang-hun joined the Korean People's Army. In 1999, Ryu Sang-hun joined "
      "the Ministry of Foreign Affairs.");
  EXPECT_EQ(Of(d, "enlistment").size(), 1u);
  auto e = Of(d, "employment");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(Dates(*e[0]), "1999-01-01..1999-12-31");
}

TEST(Events, RepatriationHasADestination) {
  Document d = Analyze("Ok Mi-hwa was sent back to North Korea in 2009.");
  auto r = Of(d, "repatriation");
  ASSERT_EQ(r.size(), 1u);
  ASSERT_GE(r[0]->to, 0);
  EXPECT_EQ(d.entities[r[0]->to].country, "KP");
}

TEST(Events, BorderRiverCrossingLeadsIntoChinaWhenTheStoryIsThere) {
  Document d = Analyze(
      "In 2016, Bae Hyun-joo crossed the Yalu River. She then worked at a restaurant in Dandong.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  ASSERT_GE(bc[0]->to, 0);
  EXPECT_EQ(d.entities[bc[0]->to].country, "CN");
  // Without a Chinese place in the story, no destination is guessed.
  Document alone = Analyze("In 2016, Bae Hyun-joo crossed the Yalu River.");
  auto bc2 = Of(alone, "border_crossing");
  ASSERT_EQ(bc2.size(), 1u);
  EXPECT_LT(bc2[0]->to, 0);
}

TEST(Events, DprkSpellingOfASurnameIsAName) {
  Document d = Analyze("In the summer of 2016, Thae Song-chol defected to South Korea.");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(Name(d, df[0]->subject), "Thae Song-chol");
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, MyNameIsIntroducesTheNarrator) {
  Document d = Analyze(
      "Meet our students\n\nMy name is Gong Yu-ri. I was born in Hoeryong in 1998. In 2015, I "
      "crossed the Tumen River into China.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Gong Yu-ri");
  EXPECT_EQ(Of(d, "birth").size(), 1u);
}

TEST(Events, PersonAndRelativeAsSubjectGivesThePersonTheEvent) {
  Document d = Analyze(
      "In 2007, Ma Eun-jung and her mother fled to China, where they were sold to traffickers.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Ma Eun-jung");
  auto tr = Of(d, "trafficking");
  ASSERT_EQ(tr.size(), 1u);
  EXPECT_EQ(Name(d, tr[0]->subject), "Ma Eun-jung");
}

TEST(Events, CoordinatedPassiveParticiple) {
  Document d = Analyze("In 2012, Nam Gi-young was caught in Yanji and repatriated.");
  EXPECT_EQ(Of(d, "arrest").size(), 1u);
  auto r = Of(d, "repatriation");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(Name(d, r[0]->subject), "Nam Gi-young");
}

TEST(Events, FamilyPunishmentNeedsTheirOwnAct) {
  Document punished = Analyze(
      "Kwak Dong-il defected in 2005. His parents were banished to a mountain village for his "
      "escape.");
  EXPECT_EQ(Of(punished, "family_punishment").size(), 1u);
  Document crime = Analyze("Kwak Dong-il grew up in Hamhung. His father was arrested in 2004 for "
                           "smuggling copper.");
  EXPECT_TRUE(Of(crime, "family_punishment").empty());
}

TEST(Events, PossessedWorkIsItsOwnersPublication) {
  Document d = Analyze("Woo Jae-sung lives in Seoul. His memoir, Beyond the River, was published "
                       "in 2015.");
  auto p = Of(d, "publication");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(Name(d, p[0]->subject), "Woo Jae-sung");
  ASSERT_GE(p[0]->object, 0);
  EXPECT_EQ(d.entities[p[0]->object].name, "Beyond the River");
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, AppositiveAgeOnTheDocumentDateIsABirth) {
  Document d = Analyze("Choi Mi-rae, 34, who fled the country in 2016, now lives in Busan.",
                       DayFromCivil(2019, 10, 2));
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Choi Mi-rae");
  EXPECT_EQ(Dates(*b[0]), "1984-10-03..1985-10-02");
}

TEST(Events, AppositiveAgeDoesNotHideTheRelativeClausesAntecedent) {
  Document d = Analyze("Choi Mi-rae, 34, who crossed the Yalu River in 2016, works in Dandong.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Choi Mi-rae");
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, ParentheticalBirthEndsAtItsParenthesis) {
  Document d = Analyze(
      "Yang Ha-na (born March 1985) is an activist living in South Korea. Yang Ha-na was born in "
      "Hyesan.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  ASSERT_GE(b[0]->place, 0);
  EXPECT_EQ(d.entities[b[0]->place].name, "Hyesan");
  EXPECT_EQ(Dates(*b[0]), "1985-03-01..1985-03-31");
}

TEST(Events, ToBeforeAPlaceIsNotAnInfinitive) {
  Document d = Analyze("In 2008, Yang Ha-na flew to Beijing and arrived in Seoul.");
  EXPECT_EQ(Of(d, "defection").size(), 1u);
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, TheNorthAndTheSouthAreTheKoreas) {
  Document d = Analyze(
      "Seok Ji-hun fled the North in 2008. He arrived in the South in 2010 after two years in "
      "hiding.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  ASSERT_GE(bc[0]->from, 0);
  EXPECT_EQ(d.entities[bc[0]->from].country, "KP");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(Dates(*df[0]), "2010-01-01..2010-12-31");
  // "the North Korean border" is no place of its own: a crossing of it names none.
  Document d2 = Analyze("In 2009, Seok Ji-hun crossed the North Korean border.");
  auto bc2 = Of(d2, "border_crossing");
  ASSERT_EQ(bc2.size(), 1u);
  EXPECT_LT(bc2[0]->via, 0);
  EXPECT_LT(bc2[0]->to, 0);
  for (const auto& e : d2.entities) EXPECT_EQ(e.name.find("border"), std::string::npos) << e.name;
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, AnswerTurnsAreTheIntervieweesQuestionsNobodys) {
  Document d = Analyze(
      "An Interview with Baek Sun-young\n\nQ: I left Seoul in 2001. When did you leave?\n\nA: I "
      "crossed the Tumen River into China in 2004.",
      std::nullopt, "", "An Interview with Baek Sun-young");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Baek Sun-young");
  EXPECT_TRUE(Of(d, "relocation").empty());
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Events, RelativesPunishedForTheirOwnActIsNotFamilyPunishment) {
  Document d = Analyze(
      "Hwang Il-do was born in a prison camp. In 1996, his mother and brother were executed "
      "after a failed escape attempt.");
  EXPECT_TRUE(Of(d, "family_punishment").empty());
}

TEST(Events, ReachingACityInTheCountryOneIsInIsNoBorderCrossing) {
  Document d = Analyze(
      "In 2005, Ra Mi-jung crossed into China. In 2006, she reached the South Korean consulate "
      "in Shanghai.");
  EXPECT_EQ(Of(d, "border_crossing").size(), 1u);
}

TEST(Events, TimeSpentInACampIsDetention) {
  Document d = Analyze("In 2014, Seol Ha-eun spent a year in a labor training camp in Onsong.");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  ASSERT_GE(det[0]->place, 0);
  EXPECT_EQ(d.entities[det[0]->place].name, "Onsong");
}

TEST(Events, InfoboxRowsWithTabsGiveTheTopicsBirthAndDeath) {
  Document d = Analyze(
      "Han Mi-rae\n\nHan Mi-rae was a North Korean engineer.\n\n"
      "Born\t3 March 1931, Wonsan\nDied\t9 July 2004, Seoul\n",
      std::nullopt, "", "Han Mi-rae");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Dates(*b[0]), "1931-03-03");
  EXPECT_EQ(Name(d, b[0]->place), "Wonsan");
  auto x = Of(d, "death");
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(Dates(*x[0]), "2004-07-09");
  EXPECT_EQ(Name(d, x[0]->place), "Seoul");
}

TEST(Events, LifespanInTheLeadGivesBirthAndDeath) {
  Document d = Analyze(
      "Han Mi-rae (Korean: 한미래; 3 March 1931 – 9 July 2004) was a North Korean engineer.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Dates(*b[0]), "1931-03-03");
  auto x = Of(d, "death");
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(Dates(*x[0]), "2004-07-09");
}

TEST(Events, AgeAfterANameInParenthesesAndAgeAtDeath) {
  Document d = Analyze("Han Mi-rae (한미래), 40, spoke in Seoul.", DayFromCivil(2010, 6, 30));
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1969-07-01..1970-06-30");
  Document e = Analyze("Han Mi-rae died on 9 July 2004 in Seoul. He was 73.");
  b = Of(e, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(e, b[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Dates(*b[0]), "1930-07-10..1931-07-09");
  // An age after an undated sentence says nothing about the birth year.
  Document f = Analyze("Han Mi-rae worked in Seoul. He was 73.");
  EXPECT_TRUE(Of(f, "birth").empty());
}

TEST(Events, AStatedBirthIsKeptOverOneReckonedFromAnAge) {
  // The age gives 1977-07-01..1978-06-30; the text states 1977: the statement is the
  // event kept, with its own date and sentence.
  Document d = Analyze(
      "Han Mi-rae, 32, spoke in Seoul on Friday. He was born in Hamhung in 1977, his lawyer "
      "said.",
      DayFromCivil(2010, 6, 30));
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1977-01-01..1977-12-31");
  EXPECT_EQ(Name(d, b[0]->place), "Hamhung");
  EXPECT_NE(d.Slice(b[0]->quote).find("born in Hamhung"), std::string_view::npos);
}

TEST(Events, AClauseReportedWithoutThatHasItsOwnSubject) {
  // The arrest and the sentence are the cousin's; the teller is not their subject.
  Document d = Analyze(
      "Pak Un-song said his cousin had been detained in 2011 for selling films and was "
      "sentenced to five years.");
  EXPECT_TRUE(Of(d, "arrest").empty());
  EXPECT_TRUE(Of(d, "sentencing").empty());
  d = Analyze("Pak Un-song says the driver had fled to China in 2011.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
  EXPECT_TRUE(Of(d, "defection").empty());
  // The teller's own acts stay theirs.
  d = Analyze("Pak Un-song said he was sentenced to five years in 2011.");
  ASSERT_EQ(Of(d, "sentencing").size(), 1u);
  EXPECT_EQ(Name(d, Of(d, "sentencing")[0]->subject), "Pak Un-song");
}

TEST(Events, TheSourceOfAStatementIsNoParticipant) {
  Document d = Analyze(
      "Pak Un-song spoke on Monday. He was born in Chongjin in 1981, according to the Korea "
      "Institute for National Unification.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->place), "Chongjin");
  EXPECT_EQ(b[0]->object, -1) << Name(d, b[0]->object);
  EXPECT_GE(b[0]->attributed_to, 0);
}

TEST(Events, AnAgentsByPhraseEndsAtTheNextVerb) {
  // The camp's city belongs to the detention told after "sent back", not to the arrest.
  Document d = Analyze(
      "Pak Un-song lived in Yanji for a decade. In 2009 she was arrested by Chinese police and "
      "sent back to North Korea, where she spent a year in a prison in Kaechon.");
  auto a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_NE(Name(d, a[0]->place), "Kaechon");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_EQ(Name(d, det[0]->place), "Kaechon");
}

TEST(Events, ABareAgeAfterAtDatesTheEvent) {
  // "at twenty-two" and "at 19." are ages in a life story: the birth year dates them.
  Document d = Analyze("Pak Un-song was born in 1970. She married at twenty-two, in Hamhung.");
  auto m = Of(d, "marriage");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Dates(*m[0]), "1992-01-01..1993-12-30");
  d = Analyze("Pak Un-song was born in 1970. She joined the army at 19.");
  auto e = Of(d, "enlistment");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(Dates(*e[0]), "1989-01-01..1990-12-30");
  // Closed by a conjunction that opens the next clause, too.
  d = Analyze("Pak Un-song was born in 1970. She left North Korea at 19 and now lives in Seoul.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Dates(*c[0]), "1989-01-01..1990-12-30");
  // A clock time is no age.
  d = Analyze("Pak Un-song was born in 1970. She married on a Sunday at 14:30.");
  m = Of(d, "marriage");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Dates(*m[0]), "?");
}

TEST(Events, AFlightToTheSouthIsAnArrivalAndAFlightElsewhereATrip) {
  Document d = Analyze(
      "Pak Un-song crossed into China in 2001. In 2004 she reached Bangkok and flew to Seoul "
      "that autumn.");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Name(d, def[0]->to), "Seoul");
  d = Analyze("In 2017 Pak Un-song flew to Canada to meet her publisher.");
  EXPECT_TRUE(d.events.empty()) << d.events[0].type;
  // Running a small business is a job.
  d = Analyze("Pak Un-song now runs a bakery in Gwangju.");
  auto job = Of(d, "employment");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(Name(d, job[0]->place), "Gwangju");
}

TEST(Events, APersonCreditedWithTheTextIsNoActorOfItsStory) {
  // The translator makes no group with the story's people: "them" is not him.
  Document d = Analyze(
      "The memoir of Pak Un-song was translated by Peter Lowe. In 2003 the police caught up "
      "with them in Yanji.");
  for (const EventMention* a : Of(d, "arrest")) EXPECT_NE(Name(d, a->subject), "Peter Lowe");
  // Nor is the byline's reporter.
  d = Analyze(
      "By Peter Lowe\n\nPak Un-song grew up in Musan. In 2003 Chinese guards caught the "
      "siblings and handed them to North Korean agents.");
  for (const EventMention* e : Of(d, "repatriation")) EXPECT_NE(Name(d, e->subject), "Peter Lowe");
}

TEST(Events, ARepatriationJoinedToADatedArrestTakesItsDate) {
  // The autumn of 2005 is the crossing's; the repatriation is the arrest's, a year on.
  Document d = Analyze(
      "Pak Un-song crossed the Tumen in the autumn of 2005. She was arrested in Tumen City "
      "the following year and repatriated.");
  auto r = Of(d, "repatriation");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(Dates(*r[0]), "2006-01-01..2006-12-31");
}

TEST(Events, AgentsWhoCameForSomeoneArrestedThem) {
  Document d = Analyze("Pak Un-song ran a stall in Hyesan. In May 2001 security agents came for her.");
  auto a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(Name(d, a[0]->subject), "Pak Un-song");
  EXPECT_EQ(Dates(*a[0]), "2001-05-01..2001-05-31");
  // A friend who came for her is no arrest.
  d = Analyze("Pak Un-song ran a stall in Hyesan. In May 2001 her cousin came for her.");
  EXPECT_TRUE(Of(d, "arrest").empty());
}

TEST(Events, ServiceInAMilitaryUnitAndARankAmongOthersWhoActed) {
  Document d = Analyze("Pak Un-song served in an infantry battalion near Wonsan from 2004.");
  auto e = Of(d, "enlistment");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(Dates(*e[0]).substr(0, 4), "2004");
  // "the third officer to flee" ranks him among those who fled: no post held now.
  d = Analyze("Pak Un-song is the third officer to flee across the border this year.",
              DayFromCivil(2016, 4, 2));
  EXPECT_TRUE(Of(d, "employment").empty());
  // A title with "to" and a place is still a post.
  d = Analyze("Pak Un-song was the envoy to Vietnam in 2009.");
  EXPECT_EQ(Of(d, "employment").size(), 1u);
}

TEST(Events, AgesInClausesOfTheirOwnHoldOnTheTextsDate) {
  const Day ref = DayFromCivil(2010, 6, 30);
  // "said to be N" after the name it describes.
  Document d = Analyze("The sailor, named only as Han Mi-rae, and said to be 31, swam ashore.", ref);
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Dates(*b[0]), "1978-07-01..1979-06-30");
  // "Now N and ..., he": the clause's subject.
  d = Analyze("Han Mi-rae ran a shop in Sinuiju. Now 40 and living in Incheon, he teaches.", ref);
  b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Dates(*b[0]), "1969-07-01..1970-06-30");
  // The appositive age may close the sentence, and a long parenthesis of spellings may stand
  // between the name and the age.
  d = Analyze("The navy named the sailor as Han Mi-rae, 28.", ref);
  b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1981-07-01..1982-06-30");
  d = Analyze(
      "Han Mi-rae (한미래; also spelled Han Mi Rae in older reports; Ri Mi-rae in the North), "
      "now 33, spoke in Seoul.",
      ref);
  b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1976-07-01..1977-06-30");
  // Not an age: a quantity said to be large.
  d = Analyze("Han Mi-rae said the camp was said to be 40 miles away.", ref);
  EXPECT_TRUE(Of(d, "birth").empty());
}

TEST(Events, ADateInAnotherTriggersPhraseIsNotThisOnes) {
  // The year belongs to the publishing; the birth that follows the comma is undated, and
  // the age gives it its interval.
  Document d = Analyze(
      "Han Mi-rae (한미래), 37, spoke in Seoul. Her diary, published in March 2008, carries the "
      "name she was born with.",
      DayFromCivil(2012, 5, 1));
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1974-05-02..1975-05-01");
}

TEST(Events, AnAgeAtAStatedDateOrDeathHoldsOnThatDate) {
  const Day ref = DayFromCivil(2015, 6, 30);  // not the day any of these ages held on
  Document d = Analyze("Han Mi-rae was 35 in 1990, the year she reached Seoul.", ref);
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1954-01-02..1955-12-31");
  d = Analyze("Han Mi-rae grew up in Wonsan. In 1962, aged nine, she entered a ballet school.", ref);
  b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Dates(*b[0]), "1952-01-02..1953-12-31");
  d = Analyze("Han Mi-rae died in Seoul on 9 May 2004 at 73.", ref);
  b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1930-05-10..1931-05-09");
  d = Analyze("Han Mi-rae died in Seoul on 9 May 2004, aged 73.", ref);
  b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Dates(*b[0]), "1930-05-10..1931-05-09");
  // An undated death, or a number that is not an age, gives no birth.
  d = Analyze("Han Mi-rae died at 73 Jongno Street.", ref);
  EXPECT_TRUE(Of(d, "birth").empty());
}

TEST(Events, PronounSkipsANameAfterAPrepositionAndTitle) {
  Document d = Analyze(
      "Han Mi-rae was a singer. Her first engagement to the violinist Oh Jun-ho was broken off. "
      "In 1961 she married Seo Tae-min.");
  auto m = Of(d, "marriage");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Name(d, m[0]->subject), "Han Mi-rae");
}

TEST(Events, RelativeClauseOnAPredicateNounTellsOfTheSubject) {
  Document d =
      Analyze("Han Mi-rae (born 1961) is a former engineer who defected to South Korea in 1999.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Han Mi-rae");
  // The parenthesis dates the birth, not the defection.
  EXPECT_EQ(Dates(*ev[0]), "1999-01-01..1999-12-31");
}

TEST(Events, SettlingInTheSouthIsADefectionAndInTheSouthIsAPlace) {
  Document d = Analyze(
      "Han Mi-rae crossed into China in 1998 and settled in South Korea in 2001. "
      "In the South, she worked as a nurse.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "2001-01-01..2001-12-31");
  EXPECT_TRUE(Of(d, "relocation").empty());
  auto job = Of(d, "employment");
  ASSERT_EQ(job.size(), 1u);
  ASSERT_GE(job[0]->place, 0);
  EXPECT_EQ(d.entities[job[0]->place].country, "KR");
}

TEST(Events, NarrativeDateIsNotCarriedPastLaterOrThePastPerfect) {
  Document d = Analyze(
      "In 1999 Han Mi-rae moved to Hyesan with her mother. She later worked as a teacher. "
      "She had worked as a typist.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_FALSE(jobs[0]->date.known());
  EXPECT_FALSE(jobs[1]->date.known());
  Document e =
      Analyze("In 1999 Han Mi-rae moved to Hyesan with her mother. She worked as a teacher.");
  jobs = Of(e, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(Dates(*jobs[0]), "1999-01-01..1999-12-31");
}

TEST(Events, ALaterThatScopesOverCoordinatedVerbsAndABirthYearAreNoNarrativeDate) {
  // "later" moves the time on for every verb coordinated after it.
  Document d = Analyze(
      "In 1999 Han Mi-rae moved to Hyesan with her mother. She later went to Seoul and worked "
      "as a teacher.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_FALSE(jobs[0]->date.known());
  // A date after "later" sets the time again.
  d = Analyze(
      "In 1999 Han Mi-rae moved to Hyesan with her mother. She later went to Seoul and in 2004 "
      "worked as a teacher.");
  jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(Dates(*jobs[0]), "2004-01-01..2004-12-31");
  // The year of a birth is not the time of the schooling told next.
  d = Analyze("Han Mi-rae was born in Hyesan in 1970. She attended a music school in Hyesan.");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_FALSE(edu[0]->date.known());
}

TEST(Events, ASinceDateStartsAStateButDatesNoSingleAct) {
  Document d =
      Analyze("Han Mi-rae defected to South Korea in a jet, the first pilot to do so since 1996.");
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_FALSE(ev[0]->date.known());
  d = Analyze("Han Mi-rae has worked as a nurse in Busan since 2011.");
  ev = Of(d, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "2011-01-01..2011-12-31");
}

TEST(Events, AStatedLengthLastsFromTheStart) {
  // From the event's own date.
  Document d = Analyze(
      "In 1990 Han Mi-rae entered the Wonsan Teachers College, where she studied for the next "
      "four years.");
  auto ev = Of(d, "education");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "1990-01-01..1993-12-31");
  // From the narrative's date, when the sentence gives none.
  d = Analyze(
      "Han Mi-rae was arrested in Sinuiju in March 2001. For the next two years she was held in "
      "a labour camp.");
  ev = Of(d, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "2001-03-01..2003-02-28");
  // Another verb's length is not this one's; a single act takes none.
  d = Analyze("In 1990 Han Mi-rae married Oh Jun-ho and lived in Wonsan for ten years.");
  ev = Of(d, "marriage");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "1990-01-01..1990-12-31");
}

TEST(Events, AJobThatHoldsTodayHasNoStartDateButAnActTodayIsDated) {
  const Day ref = DayFromCivil(2016, 3, 9);
  Document d = Analyze("Today Han Mi-rae works as a nurse in Busan.", ref);
  auto ev = Of(d, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_FALSE(ev[0]->date.known());
  d = Analyze("Han Mi-rae died in Busan today.", ref);
  ev = Of(d, "death");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "2016-03-09");
}

TEST(Events, AnInfoboxSpouseRowGivesTheMarriageYear) {
  Document d = Analyze(
      "Han Mi-rae\n\nHan Mi-rae (born 1931) is a North Korean singer.\n\n"
      "Spouses\tOh Jun-ho (div.); Seo Tae-min (m. 1961; div. 1970)\n");
  auto ev = Of(d, "marriage");
  ASSERT_EQ(ev.size(), 2u);
  std::vector<std::string> who = {Name(d, ev[0]->subject), Name(d, ev[1]->subject)};
  std::sort(who.begin(), who.end());
  EXPECT_EQ(who[0], "Han Mi-rae");
  EXPECT_EQ(who[1], "Seo Tae-min");
  EXPECT_EQ(Dates(*ev[0]), "1961-01-01..1961-12-31");
  EXPECT_EQ(Dates(*ev[1]), "1961-01-01..1961-12-31");
}

TEST(Events, CrossingIntoChinaStartsInTheNorthUnlessTheTextPlacedThePersonElsewhere) {
  Document d = Analyze("In 2003 Han Mi-rae crossed the river into China.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  ASSERT_GE(bc[0]->from, 0);
  EXPECT_EQ(d.entities[bc[0]->from].country, "KP");
  Document e =
      Analyze("In 2003 Han Mi-rae fled to Mongolia. In 2004 she crossed the border into China.");
  bc = Of(e, "border_crossing");
  ASSERT_EQ(bc.size(), 2u);
  // Not North Korea: the crossing starts where the text last placed her (crossing-origin).
  ASSERT_GE(bc[1]->from, 0);
  EXPECT_EQ(e.entities[bc[1]->from].country, "MN");
}

TEST(Events, AnAbductionIsACrimeWhosePlaceIsWhereItHappened) {
  Document d =
      Analyze("Han Mi-rae was abducted to North Korea. She was kidnapped in Hong Kong in 1979.");
  auto ev = Of(d, "crime_victim");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Name(d, ev[0]->place), "Hong Kong");
  EXPECT_EQ(Dates(*ev[0]), "1979-01-01..1979-12-31");
}

TEST(Events, AMultiWordTriggerKeepsTheDateAfterIt) {
  Document d = Analyze(
      "Han Mi-rae joined the Ministry of Railways in 1990. "
      "She was posted to the office in Sinuiju in June 1996 as a clerk.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(Dates(*jobs[1]), "1996-06-01..1996-06-30");
  EXPECT_EQ(Name(d, jobs[1]->place), "Sinuiju");
  EXPECT_EQ(jobs[1]->detail, "clerk");
}

TEST(Events, DetentionIntervalFromItsEndAndLength) {
  Document d = Analyze("Han Mi-rae was held in Yodok until March 2004, six years in all.");
  auto ev = Of(d, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "1998-03-31..2004-03-31");
  // Without a length the end alone is what the sentence dates.
  Document e = Analyze("Han Mi-rae was held in Yodok until March 2004.");
  ev = Of(e, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "2004-03-01..2004-03-31");
}

TEST(Events, AnAgeAtTheEventIsDatedFromTheBirth) {
  Document d =
      Analyze("Han Mi-rae was born in 1950 in Wonsan. She joined the army at the age of 18.");
  auto ev = Of(d, "enlistment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "1968-01-01..1969-12-30");
  // Without a birth in the text the age dates nothing.
  Document e = Analyze("Han Mi-rae joined the army at the age of 18.");
  ev = Of(e, "enlistment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_FALSE(ev[0]->date.known());
}

TEST(Events, LeavingOneCountryAndReachingAnotherIsOneJourney) {
  Document d = Analyze("In 2004 Han Mi-rae left China by boat and reached South Korea.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
  auto ev = Of(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  ASSERT_GE(ev[0]->from, 0);
  EXPECT_EQ(d.entities[ev[0]->from].country, "CN");
}

TEST(Events, ASubordinateClauseWithAnotherSubjectIsNotTheMainSubjects) {
  Document d = Analyze(
      "Han Mi-rae is the first engineer to settle in the South since the minister fled to China "
      "in 1991.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
  // A pronoun right after the subordinator is that clause's own subject.
  Document e = Analyze("Han Mi-rae was teaching in Hyesan when she was arrested in 1995.");
  auto ev = Of(e, "arrest");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(e, ev[0]->subject), "Han Mi-rae");
}

TEST(Events, ARelativeAfterAPatientVerbTakesTheEvent) {
  Document d = Analyze("In 1979 the police arrested my father, Han Mi-rae said.");
  EXPECT_TRUE(Of(d, "arrest").empty());
}

TEST(Events, AnEscapeDuringAVisitHappensThereAndFlyingOutGivesTheOrigin) {
  Document d = Analyze("In 1991 Han Mi-rae escaped during a visit to Moscow.");
  auto ev = Of(d, "border_crossing");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->place), "Moscow");
  EXPECT_LT(ev[0]->to, 0);
  Document e = Analyze("In 2001 Han Mi-rae flew out of Shenyang and settled in South Korea.");
  ev = Of(e, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(e, ev[0]->from), "Shenyang");
  EXPECT_TRUE(Of(e, "border_crossing").empty());
}

TEST(Events, AJobTitleAfterACopulaOrInAnAppositiveIsAnEmployment) {
  Document d =
      Analyze("Han Mi-rae had been chief engineer at the power station in Sinuiju since 1996.");
  auto ev = Of(d, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Name(d, ev[0]->place), "Sinuiju");
  EXPECT_EQ(ev[0]->detail, "chief engineer");
  Document e = Analyze("Han Mi-rae, a former guard at a prison near Hyesan, spoke on Monday.");
  ev = Of(e, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(e, ev[0]->place), "Hyesan");
  // A title with nothing to tie it to a post is not a job.
  Document f = Analyze("Han Mi-rae is a famous pianist.");
  EXPECT_TRUE(Of(f, "employment").empty());
}

TEST(Events, FoundingACommonNounBodyAndAPronounCoordinatedWithATitledName) {
  Document d = Analyze("In 2006 Han Mi-rae founded a small charity for orphans in Seoul.");
  auto ev = Of(d, "founding");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Dates(*ev[0]), "2006-01-01..2006-12-31");
  Document e =
      Analyze("Han Mi-rae studied in Wonsan. She and the engineer Oh Jun-ho married in 1972.");
  auto m = Of(e, "marriage");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(Name(e, m[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Name(e, m[1]->subject), "Oh Jun-ho");
}

TEST(Events, MilitaryServiceBeganIsAnEnlistment) {
  Document d = Analyze("Han Mi-rae grew up in Hyesan. His military service began in 1979.");
  auto ev = Of(d, "enlistment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Han Mi-rae");
  EXPECT_EQ(Dates(*ev[0]), "1979-01-01..1979-12-31");
}

TEST(EventTriggerTable, TheEmbeddedTableValidates) {
  auto text = data::Get("event_triggers.tsv");
  ASSERT_TRUE(text.has_value());
  Status st = extract::EventFinder::ValidateTriggers("event_triggers.tsv", *text);
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST(EventTriggerTable, ABadRowIsNamedByFileLineAndValue) {
  const std::string table =
      "# a small table of our own\n"
      "marriage\tmarried|wed\tagent\t-\t-\n"
      "arrest\tarrested\tvictim\t-\t-\n";
  Status st = extract::EventFinder::ValidateTriggers("mine.tsv", table);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "mine.tsv:3: column 'role': 'victim' is not one of agent|patient|noun");
  st = extract::EventFinder::ValidateTriggers("mine.tsv", "wedding\tmarried\tagent\n");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "mine.tsv:1: column 'type': 'wedding' is not an event type of the spec or "
            "move:<class>");
  EXPECT_TRUE(extract::EventFinder::ValidateTriggers("mine.tsv", "birth\tborn\tagent\n").ok());
}

TEST(Events, ASubordinateClauseAfterTheTriggerKeepsItsOwnDate) {
  Document e = Analyze("Han Mi-rae settled in South Korea when her brother moved there in 1994.");
  auto ev = Of(e, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_FALSE(ev[0]->date.known());
  // "since" before a date is the date's own preposition.
  Document f = Analyze("Han Mi-rae has been chief engineer at the mine in Musan since May 2001.");
  auto job = Of(f, "employment");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(Dates(*job[0]), "2001-05-01..2001-05-31");
}

TEST(Events, AnEventNounUnderAModalIsNotTold) {
  Document d =
      Analyze("A confirmed defection would make Han Mi-rae the most senior engineer in Seoul.");
  EXPECT_TRUE(Of(d, "defection").empty());
}

TEST(Events, AnUndatedJobNamingAnotherPlaceIsAnotherJob) {
  Document d = Analyze(
      "Min Ha-yeon was born in 1966. She worked at a textile mill from 1988. She later "
      "settled in the South, and she has since worked at a bakery in Daejeon.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(Dates(*jobs[0]), "1988-01-01..1988-12-31");
  EXPECT_EQ(Name(d, jobs[0]->place), "");  // the mill's place is not told
  EXPECT_EQ(Name(d, jobs[1]->place), "Daejeon");
  EXPECT_FALSE(jobs[1]->date.known());
  // An undated mention naming nothing new is the same job told again.
  Document e =
      Analyze("Min Ha-yeon worked at a textile mill from 1988. She worked there for years.");
  EXPECT_EQ(Of(e, "employment").size(), 1u);
}

TEST(Events, ALengthGivenWithANarrativeDateStartsThere) {
  Document d = Analyze(
      "Ra Gyeong-suk crossed into China in March 2001. She worked in a noodle shop in Yanji for "
      "two years.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  ASSERT_TRUE(jobs[0]->date.closed());
  EXPECT_EQ(FormatDay(*jobs[0]->date.earliest), "2001-03-01");
  // Two years from some day of March 2001: it ends in March 2003 at the latest.
  EXPECT_GE(*jobs[0]->date.latest, DayFromCivil(2003, 2, 28));
  EXPECT_LE(*jobs[0]->date.latest, DayFromCivil(2003, 3, 31));
}

TEST(Events, AnAgeStatedBeforeTheClauseGoesOnGivesABirth) {
  Document d = Analyze(
      "When Hwang Ye-seul reached the shelter, she carried one bag. She is 34, from Hoeryong, "
      "and she has two sons.",
      DayFromCivil(2020, 5, 10));
  auto births = Of(d, "birth");
  ASSERT_EQ(births.size(), 1u);
  EXPECT_EQ(Name(d, births[0]->subject), "Hwang Ye-seul");
  EXPECT_EQ(Dates(*births[0]), "1985-05-11..1986-05-10");
}

TEST(Events, AHedgeOpeningALaterConjunctLeavesTheFirstUnhedged) {
  Document d = Analyze(
      "Bang Seo-ah was arrested in Tumen in 2014, and allegedly escaped from a labour camp in "
      "2015.");
  auto ar = Of(d, "arrest");
  ASSERT_EQ(ar.size(), 1u);
  EXPECT_FALSE(ar[0]->hedged);
  // The same cue before the first verb hedges the whole claim.
  Document e = Analyze("Bang Seo-ah was allegedly arrested in Tumen in 2014, and escaped in 2015.");
  ar = Of(e, "arrest");
  ASSERT_EQ(ar.size(), 1u);
  EXPECT_TRUE(ar[0]->hedged);
}

TEST(Events, AVerbAfterAuxiliaryAndAdverbEndsThePreviousEventsRoles) {
  Document d = Analyze(
      "Gu Min-seo graduated from a cooking school in 2012 and has since worked at a bakery in "
      "Gwangju.");
  auto study = Of(d, "education");
  ASSERT_EQ(study.size(), 1u);
  EXPECT_EQ(Name(d, study[0]->place), "");  // the school's place is not told
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(Name(d, jobs[0]->place), "Gwangju");
}

TEST(Events, AnUntilDateEndsTheStateItsStartBegan) {
  // "until" gives the end of the job the clause starts, not its date.
  Document d = Analyze(
      "In 2003 Ryang Chol-su was appointed head of the Wonsan office, and he stayed there "
      "until May 2007.");
  auto ev = Of(d, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Name(d, ev[0]->subject), "Ryang Chol-su");
  EXPECT_EQ(FormatDay(*ev[0]->date.earliest), "2003-01-01");
  EXPECT_EQ(FormatDay(*ev[0]->date.latest), "2007-05-31");
  // With no start in the clause, the end still dates it, as before.
  Document e = Analyze("Ryang Chol-su worked as a driver until 2007.");
  auto ev2 = Of(e, "employment");
  ASSERT_EQ(ev2.size(), 1u);
  EXPECT_EQ(Dates(*ev2[0]), "2007-01-01..2007-12-31");
}

}  // namespace
TEST(Events, ACrossingOfAnUnnamedBorderOrRiverIsACrossing) {
  Document d = Analyze("Ri Chol-man was a driver in Hyesan. He crossed the border in 2002.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Name(d, c[0]->subject), "Ri Chol-man");
  ASSERT_TRUE(c[0]->date.earliest.has_value());
  EXPECT_EQ(FormatDay(*c[0]->date.earliest), "2002-01-01");
  d = Analyze("Ri Chol-man was a driver in Hyesan. In 2004 he waded across the frozen river.");
  EXPECT_EQ(Of(d, "border_crossing").size(), 1u);
  // Walking along a river, or to the border area, crosses nothing.
  d = Analyze("Ri Chol-man was a driver in Hyesan. In 2004 he walked along the river.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
  d = Analyze("Ri Chol-man was a driver in Hyesan. In 2004 he fled to the border area.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
  // "cross" with no object crosses the border; "crossed back" is not told which way.
  d = Analyze("Ri Chol-man was a driver in Hyesan. Ri said he first crossed in 2002.");
  auto once = Of(d, "border_crossing");
  ASSERT_EQ(once.size(), 1u);
  EXPECT_EQ(Dates(*once[0]), "2002-01-01..2002-12-31");
  d = Analyze("Ri Chol-man was a driver in Hyesan. Ri crossed back in 2004.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
}

TEST(Events, ARelativeClauseAfterAPlaceOfItsNounTellsOfTheSubject) {
  // "who" cannot be Hyesan: it hangs on "a former teacher", the copula's predicate.
  Document d = Analyze(
      "Ri Chol-man is a former teacher from Hyesan who crossed into China in 1998 and reached "
      "Seoul in 2001.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Name(d, c[0]->subject), "Ri Chol-man");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Name(d, def[0]->subject), "Ri Chol-man");
}

TEST(Events, AParticipleDescribingANounIsNoEvent) {
  // The counselor's clients arrived; he did not arrive in Incheon.
  Document d = Analyze(
      "Ri Chol-man reached Seoul in 2009. He now counsels newly arrived defectors in Incheon.");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Name(d, def[0]->to), "Seoul");
  // The same adverb before a verb is still the verb's.
  d = Analyze("Ri Chol-man was a driver. In 2011 he newly arrived in Busan from Yanji.");
  EXPECT_EQ(Of(d, "border_crossing").size() + Of(d, "relocation").size() +
                Of(d, "defection").size(),
            1u);
}

TEST(Events, APassiveGerundAfterBeforeKeepsItsOwnDate) {
  // "before being flown to Seoul in September 2008": a later step with its own date.
  Document d = Analyze(
      "Ri Chol-man reached Thailand in 2008, where he was held for a month before being flown "
      "to Seoul in September 2008.");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Dates(*def[0]), "2008-09-01..2008-09-30");
  // A trigger that opens the sentence is no gerund after "before".
  d = Analyze("Arrested in 2003, Ri Chol-man was sent back.");
  EXPECT_FALSE(Of(d, "arrest").empty());
}

TEST(Events, AHeOrSheAfterAnUnnamedRelativeIsTheRelative) {
  // The father died, in a later clause of his own sentence or in the next sentence;
  // no event of the named son.
  for (const char* text :
       {"Ri Chol-man reached Seoul in 2008. His father never left Musan; he died there in 2011.",
        "Ri Chol-man reached Seoul in 2008. His father stayed in Musan, and he died there in "
        "2011."}) {
    Document d = Analyze(text);
    EXPECT_TRUE(Of(d, "death").empty()) << text;
    EXPECT_EQ(Of(d, "defection").size(), 1u) << text;
  }
  // In the next sentence, a relative told of in passing leaves "she" to the story's woman.
  Document m = Analyze(
      "Pak Un-song was born in Hyesan in 1971. Her mother sold fish at the market. She trained "
      "as a nurse in 1990.");
  auto edu = Of(m, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Name(m, edu[0]->subject), "Pak Un-song");
  // With no relative before it, "he" is the man named before.
  Document d = Analyze("Ri Chol-man reached Seoul in 2008. He died there in 2011.");
  EXPECT_EQ(Of(d, "death").size(), 1u);
}

TEST(Events, ATellerBetweenCommasIsNotTheSubject) {
  Document d = Analyze(
      "Pak Un-song was caught in 2003. Her brother, she writes, was sent to a labor camp. "
      "Ri Chol-man, she said, was arrested in 2005.");
  EXPECT_TRUE(Of(d, "detention").empty());
  auto a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(Name(d, a[0]->subject), "Pak Un-song");
  EXPECT_EQ(Name(d, a[1]->subject), "Ri Chol-man");
}

TEST(Events, HandedToTheNorthsOfficialsAndHeldInACentre) {
  Document d = Analyze(
      "Chinese police caught Pak Un-song in 2003 and handed her to North Korean agents, who "
      "held Pak at a detention centre in Hoeryong.");
  auto r = Of(d, "repatriation");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(Name(d, r[0]->to), "North Korea");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_EQ(Name(d, det[0]->place), "Hoeryong");
  // Handed to anyone else, or holding a meeting, is neither.
  d = Analyze(
      "Chinese police caught Pak Un-song in 2003 and handed her to the border police. "
      "In 2004 Pak held a meeting at the centre.");
  EXPECT_TRUE(Of(d, "repatriation").empty());
  EXPECT_TRUE(Of(d, "detention").empty());
}

TEST(Events, AnUndatedClauseTakesItsSentencesEarlierDateNotTheSentenceBefores) {
  Document d = Analyze(
      "In 2005 Pak Un-song crossed into China. She escaped from the farm in the spring of 2008 "
      "and traveled to Thailand, where she was detained for a month.");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_EQ(Dates(*det[0]), "2008-03-01..2008-05-31");
  // Past a clause break the sentence's date does not reach: the sentence before's does.
  d = Analyze(
      "In 2005 Pak Un-song crossed into China. Her brother reached Seoul in 2009; however, "
      "Pak was arrested.");
  auto a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(Dates(*a[0]), "2005-01-01..2005-12-31");
}

TEST(Events, ASubordinateClauseWithItsOwnDateTellsItsEvent) {
  Document d = Analyze(
      "Pak Un-song crossed the Tumen in 2015. Pak was arrested twice in China before she "
      "reached South Korea in 2017.");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Dates(*def[0]), "2017-01-01..2017-12-31");
}

TEST(Events, APronounInALeadingSubordinateClauseIsTheMainSubject) {
  // "he" is Ri, named after the comma, not Pak, the woman of the sentence before.
  Document d = Analyze(
      "Pak Un-song crossed the Tumen in 2015. After he defected in 1994, Ri Chol-man worked "
      "as a driver.");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Name(d, def[0]->subject), "Ri Chol-man");
}

TEST(Events, AStateEndedByUntilStartsAtTheNarrativesDate) {
  Document d = Analyze(
      "In 2004 Chinese police arrested Pak Un-song. She was repatriated and sent to a camp in "
      "Hoeryong, where she stayed until 2006.");
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_EQ(Dates(*det[0]), "2004-01-01..2006-12-31");
}

TEST(Events, AJobInThePresentFirstPerson) {
  Document d = Analyze(
      "Testimony of Pak Un-song\n\nI was born in 1979 in Kimchaek. Today I work as a nursing "
      "assistant in Daejeon. A broker said I could work as a cook in China.");
  auto job = Of(d, "employment");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(Name(d, job[0]->subject), "Pak Un-song");
  EXPECT_EQ(Name(d, job[0]->place), "Daejeon");
}

TEST(Events, AMannerAdverbInsideATriggerAndTimeServedInACamp) {
  Document d = Analyze(
      "Pak Un-song was born in Hyesan. She worked illegally in a restaurant in Shenyang. In "
      "2009 she was arrested and held for 40 days in Tumen. She served one year in a labor "
      "camp in Hoeryong.");
  auto job = Of(d, "employment");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(Name(d, job[0]->place), "Shenyang");
  std::vector<std::string> places;
  for (const EventMention* e : Of(d, "detention")) places.push_back(Name(d, e->place));
  std::sort(places.begin(), places.end());
  // "in Tumen" is the town; "the Tumen" would be the river.
  EXPECT_EQ(places, (std::vector<std::string>{"Hoeryong", "Tumen City"}));
  // A guard's service at camps, and service in the army, are no detention.
  d = Analyze(
      "Ri Chol-man was born in Hyesan. He served until 1994 at four camps. He served in the "
      "army near a prison.");
  EXPECT_TRUE(Of(d, "detention").empty());
}

TEST(Events, AnEscapeAgainIsAnotherCrossingButNotOutOfACamp) {
  Document d = Analyze(
      "Ri Chol-man left North Korea in 2019. He was arrested in Shenyang in 2020 and sent "
      "back. Ri escaped again the following year.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(Dates(*c[1]), "2021-01-01..2021-12-31");
  d = Analyze("Ri Chol-man was sent to a camp in 2020. He fled a second time from the camp.");
  EXPECT_TRUE(Of(d, "border_crossing").empty());
}

TEST(Events, AVerbInThePresentTakesNoEarlierDateOfItsSentence) {
  Document d = Analyze(
      "Pak Un-song fled North Korea in 1998. She arrived in Seoul in 2004 and now runs a "
      "restaurant in Ansan.");
  auto job = Of(d, "employment");
  ASSERT_EQ(job.size(), 1u);
  EXPECT_EQ(Dates(*job[0]), "?");
  EXPECT_EQ(Name(d, job[0]->place), "Ansan");
}

TEST(Events, AnAppositiveAfterANamesAgeAndASurnameThatIsAnEnglishWord) {
  Document d = Analyze(
      "Do Hae-rim, 47, a poet who fled North Korea in 1998, won a prize. Do reached South "
      "Korea in 2002.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Name(d, c[0]->subject), "Do Hae-rim");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Name(d, def[0]->subject), "Do Hae-rim");
  // "Do" opening a question is still the verb.
  d = Analyze("Do Hae-rim lives in Seoul. Do you know her?");
  size_t mentions = 0;
  for (const auto& e : d.entities)
    if (e.name == "Do Hae-rim") mentions = e.mentions.size();
  EXPECT_EQ(mentions, 1u);
}

TEST(Events, ATellerWhoNamesThemselfLaterSaysTheTextsI) {
  Document d = Analyze(
      "Two years ago I landed at Incheon airport. My name is Pak Un-song and I grew up in "
      "Hyesan. I crossed the Yalu in 2016.");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Name(d, def[0]->subject), "Pak Un-song");
  EXPECT_EQ(Of(d, "border_crossing").size(), 1u);
}

TEST(Events, TakenToACityAndStartingUniversity) {
  Document d = Analyze(
      "Pak Un-song reached Bangkok in 2017. Then a plane took her to Seoul. In 2019 she "
      "started university. A nurse took her to the hospital.");
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Name(d, def[0]->to), "Seoul");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Dates(*edu[0]), "2019-01-01..2019-12-31");
  EXPECT_EQ(Of(d, "relocation").size() + Of(d, "border_crossing").size(), 1u);
}

TEST(Events, TakenToATownOfTheNorthIsNoReturnAndAHedgeEndsAtBefore) {
  // Still in the North: being taken to Hyesan is travel inside it.
  Document d = Analyze(
      "Pak Un-song grew up in Kimchaek. A broker took her to Hyesan in February 2010. She "
      "waded across the Yalu River a week later.");
  EXPECT_TRUE(Of(d, "return").empty());
  EXPECT_EQ(Of(d, "border_crossing").size(), 1u);
  // "reportedly" hedges the term served, not the escape the "before" clause tells.
  d = Analyze(
      "Pak Un-song was sent back in 2012 and reportedly served a year in a camp in Onsong "
      "before she escaped again in 2016.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_FALSE(c[0]->hedged);
  auto det = Of(d, "detention");
  ASSERT_EQ(det.size(), 1u);
  EXPECT_TRUE(det[0]->hedged);
  // A manner adverb does not turn a trigger written whole into a longer one.
  d = Analyze("In 2022 Pak Un-song was detained briefly by Thai police.");
  EXPECT_EQ(Of(d, "detention").size(), 1u);
}

TEST(Events, AHedgeInsideALaterSubordinateClauseLeavesTheMainClauseAsserted) {
  // What the neighbour "reported" is hedged; the arrest itself is told as fact.
  Document d = Analyze(
      "Pak Un-song was arrested in March 2019 after a neighbour reported that she had called "
      "her sister.");
  auto a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_FALSE(a[0]->hedged);
  // A cue in the main clause still hedges it.
  d = Analyze("Pak Un-song was reportedly arrested in March 2019 after she called her sister.");
  a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_TRUE(a[0]->hedged);
}

TEST(Events, ASpeakersHeOrSheInAnAnswerIsSomeoneElse) {
  const std::string text =
      "Seo Min-ja, 52, left North Korea in 2015.\n\n"
      "Q: Were you ever caught?\n\n"
      "A: No. But my cousin was arrested in Shenyang in 2016. She was sentenced to five years "
      "in a camp.\n\n"
      "Q: And your son?\n\n"
      "A: He came out through Vietnam in 2018. He now works for a software company.";
  Document d = Analyze(text);
  EXPECT_EQ(Of(d, "border_crossing").size(), 1u);
  // Neither the cousin's sentence nor the son's job is the speaker's.
  EXPECT_TRUE(Of(d, "sentencing").empty());
  EXPECT_TRUE(Of(d, "employment").empty());
  // Outside an answer, "she" is still the story's woman.
  d = Analyze("Seo Min-ja left North Korea in 2015. She was sentenced to five years in 2017.");
  EXPECT_EQ(Of(d, "sentencing").size(), 1u);
  // Nor does a title "Name: a profile" open a turn of speech.
  d = Analyze("Seo Min-ja: a profile\n\nSeo Min-ja was born in 1980. She was arrested in 2004.");
  EXPECT_EQ(Of(d, "arrest").size(), 1u);
}

TEST(Events, AGroupWordBeforeAPluralNounIsTheGroupTheTextFormed) {
  Document d = Analyze(
      "Han Ok-sun was born in 1975. In 1998 she crossed the Tumen River with her younger "
      "sister. Both women were sold by brokers to farmers in Jilin province.");
  auto t = Of(d, "trafficking");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(Name(d, t[0]->subject), "Han Ok-sun");
  // With no group formed before, the plural noun names no one.
  d = Analyze(
      "Han Ok-sun was born in 1975. She studied in Hamhung. Both women were sold by brokers "
      "in 1999.");
  EXPECT_TRUE(Of(d, "trafficking").empty());
}

TEST(Events, ItAfterAWorkWithAnOwnerIsThatWork) {
  Document d = Analyze(
      "Ri Jin-song studied law in Seoul, and this is his second book. It was published in "
      "Korean in 2020.");
  auto p = Of(d, "publication");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(Name(d, p[0]->subject), "Ri Jin-song");
  EXPECT_EQ(Dates(*p[0]), "2020-01-01..2020-12-31");
  // "It" after a sentence that names no owned work is nobody's publication.
  d = Analyze("Ri Jin-song studied law in Seoul. It was published in Korean in 2020.");
  EXPECT_TRUE(Of(d, "publication").empty());
}

TEST(Events, NoOneLearnsOrTellsOfTheirOwnDeathOrDiesNearly) {
  Document d = Analyze(
      "Jang Su-bok was born in 1980. In 2009 his mother wrote that his father had been taken "
      "away; Jang later learned he had died in custody. Kim Ok-hwa said she nearly died in "
      "2005. Ri Man-gil was almost caught in 2004.");
  EXPECT_TRUE(Of(d, "death").empty());
  EXPECT_TRUE(Of(d, "arrest").empty());
  // A death the text tells of its own person, and "nearly" before a number, still count.
  d = Analyze("Jang Su-bok was born in 1980. For nearly ten years he worked at a mine. He died "
              "in 2019.");
  EXPECT_EQ(Of(d, "death").size(), 1u);
  EXPECT_EQ(Of(d, "employment").size(), 1u);
}

TEST(Events, FleeingWithNoPlaceIsLeavingTheNorthButNotOutOfACampOrAScene) {
  Document d = Analyze(
      "Yang Mi-ok, 41, who fled in 2009, said she was sold in China. Kwon Sang-il fled with "
      "his wife in 2012.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(Dates(*c[0]), "2009-01-01..2009-12-31");
  EXPECT_EQ(Name(d, c[1]->subject), "Kwon Sang-il");
  // Fleeing a scene, a camp, or fleeing again once in China, is no crossing out of the North.
  d = Analyze(
      "Yang Mi-ok fled when the police came in 2009. Kwon Sang-il fled the prison camp in 2012. "
      "Seo Ji-hye crossed into China in 2001. She fled in 2003.");
  c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Name(d, c[0]->subject), "Seo Ji-hye");
}

TEST(Events, AnEscapeFromANamedCampCrossesNoBorder) {
  Document d = Analyze(
      "Lim Jae-sun escaped from Yodok prison camp in 2002. Ko Yong-hui escaped from Camp 15 and "
      "crossed into China in 2003.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Name(d, c[0]->subject), "Ko Yong-hui");
  EXPECT_EQ(extract_test::Country(d, c[0]->to), "CN");
}

TEST(Events, APresentVerbJoinedToADatedOneTakesNoDate) {
  Document d = extract_test::AnalyzeParsed(
      "Lim Jae-sun has lived in Seoul since 2004 and works as a counsellor for defectors.");
  auto e = Of(d, "employment");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_FALSE(e[0]->date.closed());
  // In the past, the sentence's date still carries: "arrived in 2003 and worked as a cook".
  d = Analyze("Lim Jae-sun reached Seoul in 2003 and worked as a cook.");
  e = Of(d, "employment");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(Dates(*e[0]), "2003-01-01..2003-12-31");
}

TEST(Events, TheWayToARiverCrossedByALaterVerbIsNoCrossingOfItsOwn) {
  Document d = Analyze(
      "Nam Gi-chol was born in 1978. In March 2004 Nam deserted. He made his way to the Tumen "
      "River and crossed into China on 17 April 2004.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Dates(*c[0]), "2004-04-17");
  EXPECT_EQ(Name(d, c[0]->via), "Tumen River");
  // With no later crossing, fleeing to the river is the crossing the text tells.
  d = Analyze("Nam Gi-chol fled to the Yalu River in 1998.");
  c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Name(d, c[0]->via), "Yalu River");
}

TEST(Events, AVerbAfterARelativeClauseBetweenCommasIsItsAntecedents) {
  Document d = Analyze(
      "Kim Dal-su was born in 1940. Kim Dal-su, who defected together with the party official "
      "Hwang Ok-chol in 1997, has died in Seoul, his family said.");
  auto death = Of(d, "death");
  ASSERT_EQ(death.size(), 1u);
  EXPECT_EQ(Name(d, death[0]->subject), "Kim Dal-su");
  // The relative clause's year is its defection's, not the death's.
  EXPECT_FALSE(death[0]->date.closed());
  auto def = Of(d, "defection");
  ASSERT_EQ(def.size(), 1u);
  EXPECT_EQ(Dates(*def[0]), "1997-01-01..1997-12-31");
}

TEST(Events, APossessorIsNeverTheSubject) {
  // The parse of this headline takes the possessor for the verb's subject.
  Document d = extract_test::AnalyzeParsed("Hwang Ok-chol's former aide dies at 81");
  EXPECT_TRUE(Of(d, "death").empty());
}

TEST(Events, ThatOpeningADateIsNoClause) {
  Document d = Analyze(
      "Lim Su-jin was born in 1990. In 2009 Lim was caught in Shenyang that winter and sent "
      "back.");
  ASSERT_EQ(Of(d, "arrest").size(), 1u);
  auto r = Of(d, "repatriation");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(Name(d, r[0]->subject), "Lim Su-jin");
}

TEST(Events, LeavingWithADateAndNoPlaceIsLeavingTheNorth) {
  Document d = Analyze(
      "Lim Su-jin, the elder, left in 2009. Her sisters are still inside the camp she left, and "
      "she fears for them.");
  auto c = Of(d, "border_crossing");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(Dates(*c[0]), "2009-01-01..2009-12-31");
}

TEST(Events, AnAgeClosingAnEventsClauseDatesTheBirth) {
  Document d = Analyze(
      "Noh Eun-sil made it to Seoul in 2012, aged 19. Han Jae-ok fled in 1998, aged 23, with "
      "her son.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(Name(d, b[0]->subject), "Noh Eun-sil");
  EXPECT_EQ(Dates(*b[0]), "1992-01-02..1993-12-31");
  EXPECT_EQ(Name(d, b[1]->subject), "Han Jae-ok");
  EXPECT_EQ(Dates(*b[1]), "1974-01-02..1975-12-31");
  // Two subjects: whose age it is, the clause does not say.
  d = Analyze("Noh Eun-sil and Han Jae-ok crossed in 1998, aged 23.");
  EXPECT_TRUE(Of(d, "birth").empty());
}

TEST(Events, AnAgeOpeningTheClauseIsTheAgeOfItsEvent) {
  Document d = Analyze(
      "Kwak Min-jae was born in 1984 in Hoeryong. Aged 19, Kwak reached Seoul. At the age of "
      "20 she enrolled at a university.");
  auto a = Of(d, "defection");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(Dates(*a[0]), "2003-01-01..2004-12-30");
  auto e = Of(d, "education");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(Dates(*e[0]), "2004-01-01..2005-12-30");
  // With more than the subject between the age and the verb, the age is not the verb's.
  d = Analyze(
      "Kwak Min-jae was born in 1984. Aged 19, with help from a broker, Kwak reached Seoul.");
  a = Of(d, "defection");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_FALSE(a[0]->date.closed());
}

TEST(Events, TheyWhoDivorceAreTheCoupleTheTextLastMarried) {
  Document d = Analyze(
      "Kwak Min-jae was born in 1984. In 2015 she married a South Korean man she met at church. "
      "They divorced three years later.");
  auto v = Of(d, "divorce");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(Name(d, v[0]->subject), "Kwak Min-jae");
  // With no marriage told just before, "they" are not hers.
  d = Analyze(
      "Kwak Min-jae was born in 1984. She moved to Busan in 2010. Her parents stayed in the "
      "North. They divorced in 2012.");
  EXPECT_TRUE(Of(d, "divorce").empty());
}

}  // namespace cairn
