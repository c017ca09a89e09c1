// Careers, studies, enlistment, publications and foundings on sentences of our own
// wording: whose job it is, where and when it was held.
#include <gtest/gtest.h>

#include <string>

#include "core/document.h"
#include "extract_fixture.h"

namespace cairn {
namespace {

using extract_test::Analyze;
using extract_test::Country;
using extract_test::Dates;
using extract_test::Name;
using extract_test::Of;

TEST(Careers, RelativeIntroducedByKinshipLeavesThePossessorSalient) {
  Document d = Analyze(
      "Pyo Dong-su was born in Hamhung. His uncle Pyo Gil-nam was a famous singer. From May 1990 "
      "to June 1993 he was an engineer at the Hamhung fertilizer plant.");
  auto jobs = Of(d, "employment");
  ASSERT_FALSE(jobs.empty());
  const EventMention* engineer = nullptr;
  for (const EventMention* e : jobs)
    if (Dates(*e) == "1990-05-01..1993-06-30") engineer = e;
  ASSERT_NE(engineer, nullptr);
  EXPECT_EQ(Name(d, engineer->subject), "Pyo Dong-su");
}

TEST(Careers, FoundingIsWhereThePersonLastArrived) {
  Document d = Analyze(
      "Ma Yong-hui reached South Korea in 2001. In 2006 she founded a group called River "
      "Stones Network to help women who had fled.");
  auto f = Of(d, "founding");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(Name(d, f[0]->subject), "Ma Yong-hui");
  EXPECT_EQ(Country(d, f[0]->place), "KR");
}

TEST(Careers, LeadingStudyAdverbialWithoutCommaTakesTheMainSubject) {
  Document d = Analyze(
      "Ma Yong-hui grew up in Wonsan. While studying abroad in Prague she heard jazz for the "
      "first time.");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Name(d, edu[0]->subject), "Ma Yong-hui");
  EXPECT_EQ(Country(d, edu[0]->place), "CZ");
}

TEST(Careers, PlaceNamingTheSchoolOrWorkplaceIsWhereItIs) {
  Document d = Analyze(
      "Ma Yong-hui finished Kilju agricultural middle school in 1988. In 1995 she was made "
      "manager of the Tanchon branch of a trading company.");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Name(d, edu[0]->place), "Kilju");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(Name(d, jobs[0]->place), "Tanchon");
  EXPECT_EQ(Dates(*jobs[0]), "1995-01-01..1995-12-31");
}

TEST(Careers, LastVerbOfASeriesKeepsTheSubjectOverAnEarlierRelativeClause) {
  Document d = Analyze(
      "In Seoul, Ma Yong-hui worked at a bakery, married a man who had also fled the North, and "
      "later completed a nursing degree at a college in Incheon.");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Name(d, edu[0]->subject), "Ma Yong-hui");
  EXPECT_EQ(Name(d, edu[0]->place), "Incheon");
}

TEST(Careers, ParagraphNamingTheCountryOfArrivalPlacesAnUndatedJob) {
  Document d = Analyze(
      "Ma Yong-hui crossed the Tumen River into China in 1998.\n\nChina was hard for her. She "
      "worked as a cook for a family of farmers.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(Country(d, jobs[0]->place), "CN");
  // Without the country named, a new paragraph places nothing.
  d = Analyze(
      "Ma Yong-hui crossed the Tumen River into China in 1998.\n\nLife was hard for her. She "
      "worked as a cook for a family of farmers.");
  jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0]->place, -1);
}

TEST(Careers, JobAtTheMissionIsWhereTheMissionNamedBeforeIs) {
  Document d = Analyze(
      "The diplomat who ran North Korea's embassy in Warsaw has vanished. Ma Yong-hui took charge "
      "of the mission in 2015. She had earlier worked at a bank.");
  auto jobs = Of(d, "employment");
  ASSERT_FALSE(jobs.empty());
  EXPECT_EQ(Country(d, jobs[0]->place), "PL");
  EXPECT_EQ(Dates(*jobs[0]), "2015-01-01..2015-12-31");
  for (size_t k = 1; k < jobs.size(); ++k) EXPECT_EQ(jobs[k]->place, -1);
}

TEST(Careers, PromotionAndHeadshipNameTheirPost) {
  Document d = Analyze(
      "Ma Yong-hui was promoted to senior colonel in 2004. Kang Chol-ho has led the mission since "
      "2011.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0]->detail, "senior colonel");
  EXPECT_EQ(jobs[1]->detail, "head");
}

TEST(Careers, StudiesInAnInstitutionsNameIsNoTriggerAndLeavesTheDate) {
  Document d = Analyze(
      "Ma Yong-hui studied Russian at the Wonsan University of Eastern Studies, which she "
      "finished in 1991.");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(edu[0]->trigger, "studied");
  EXPECT_EQ(Dates(*edu[0]), "1991-01-01..1991-12-31");
}

TEST(Careers, LeadingTitlePhraseIsThePostOfTheMainSubject) {
  Document d = Analyze(
      "In 2006, as a third secretary in Warsaw, Kang Chol-ho bought a car. Deputy consul in "
      "Berlin since the recall of his superior in 2011, Ma Yong-hui left her post in 2014.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(Name(d, jobs[0]->subject), "Kang Chol-ho");
  EXPECT_EQ(Country(d, jobs[0]->place), "PL");
  EXPECT_EQ(Dates(*jobs[0]), "2006-01-01..2006-12-31");
  EXPECT_EQ(Name(d, jobs[1]->subject), "Ma Yong-hui");
  EXPECT_EQ(Country(d, jobs[1]->place), "DE");
  EXPECT_EQ(Dates(*jobs[1]), "2011-01-01..2011-12-31");
}

TEST(Careers, FirstToStudyIsAStudyNotAPost) {
  Document d = Analyze(
      "Ma Yong-hui later became the first North Korean refugee to study at a college in Warsaw.");
  EXPECT_TRUE(Of(d, "employment").empty());
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Name(d, edu[0]->subject), "Ma Yong-hui");
  EXPECT_EQ(Country(d, edu[0]->place), "PL");
}

TEST(Careers, AWellKnownUniversityIsWhereItStands) {
  Document d =
      Analyze("Ma Yong-hui later completed a master's degree in economics at Yonsei University.");
  auto edu = Of(d, "education");
  ASSERT_EQ(edu.size(), 1u);
  EXPECT_EQ(Name(d, edu[0]->place), "Seoul");
}

}  // namespace
}  // namespace cairn
