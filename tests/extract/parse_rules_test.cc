// Event rules that read the syntax stage's parse (issue 8, "use it in extraction"):
// where the surface cascade finds no subject, the trigger's subject in the dependency
// tree. Sentences of our own; each test is skipped in a binary built without a model.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/document.h"
#include "extract_fixture.h"

namespace cairn {
namespace {

using extract_test::Dates;
using extract_test::Name;
using extract_test::Of;

#define REQUIRE_MODEL()                        \
  if (extract_test::TestAnalyzer() == nullptr) \
  GTEST_SKIP() << "this binary was built without a syntax model"

TEST(ParseRules, CoordinatedVerbSharesTheFirstConjunctsSubject) {
  REQUIRE_MODEL();
  // The noun phrase between the verbs ("a school that trained engineers") is not the
  // subject of "graduated": the parse's conj leads back to "Pak Chol-min".
  Document d = extract_test::AnalyzeParsed(
      "Pak Chol-min attended the Hamhung Mining College, a school that trained engineers "
      "for the collieries, and graduated from its geology department in 1979.");
  ASSERT_FALSE(d.syntax.empty());
  auto ed = Of(d, "education");
  bool graduated = false;
  for (const EventMention* e : ed) {
    EXPECT_EQ(Name(d, e->subject), "Pak Chol-min");
    if (Dates(*e) == "1979-01-01..1979-12-31") graduated = true;
  }
  EXPECT_TRUE(graduated) << "no dated graduation of Pak Chol-min";
}

TEST(ParseRules, ARelativeClauseAboutAnUnnamedPersonGivesNoOnesEvent) {
  REQUIRE_MODEL();
  // "a teacher who had also fled" is not Ri Sun-ok's flight: the parse's subject of
  // "fled" is "who", standing for "teacher", not a person the text names.
  Document d = extract_test::AnalyzeParsed(
      "In Seoul, Ri Sun-ok taught at a night school, married a teacher who had also fled "
      "the North, and later completed a degree in nursing at Yonsei University.");
  for (const EventMention& e : d.events)
    EXPECT_FALSE(e.type == "border_crossing" || e.type == "defection") << e.type;
  auto ed = Of(d, "education");
  ASSERT_EQ(ed.size(), 1u);
  EXPECT_EQ(Name(d, ed[0]->subject), "Ri Sun-ok");
}

TEST(ParseRules, ADateInASiblingClauseIsNotTheTriggersOwn) {
  REQUIRE_MODEL();
  // "in June 2011" is when Han Mi-rae took charge, not when she was sent to a camp: the
  // parse makes "took" and "sent" two clauses of "said", and the date is under "took",
  // which neither governs "sent" nor is governed by it.
  Document d = extract_test::AnalyzeParsed(
      "Han Mi-rae took charge of the trade office in Dalian in June 2011 as its deputy head "
      "and was later sent to a labour camp, a colleague said.");
  ASSERT_FALSE(d.syntax.empty());
  auto emp = Of(d, "employment");
  ASSERT_EQ(emp.size(), 1u);
  EXPECT_EQ(Dates(*emp[0]), "2011-06-01..2011-06-30");
  auto held = Of(d, "detention");
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(Name(d, held[0]->subject), "Han Mi-rae");
  EXPECT_FALSE(held[0]->date.earliest.has_value()) << Dates(*held[0]);
}

TEST(ParseRules, AnAgeAppositionIsNoClauseOfItsOwn) {
  REQUIRE_MODEL();
  // The parse may hang "in 1983" on "aged" as a conjunct verb; "aged eight" is an age
  // told beside the date, not a clause, so the date stays the entry's.
  Document d = extract_test::AnalyzeParsed(
      "Lee Chol-su began the violin at five, and in 1983, aged eight, he entered the "
      "Hamhung Art School.");
  ASSERT_FALSE(d.syntax.empty());
  auto ed = Of(d, "education");
  ASSERT_EQ(ed.size(), 1u);
  EXPECT_EQ(Name(d, ed[0]->subject), "Lee Chol-su");
  EXPECT_EQ(Dates(*ed[0]), "1983-01-01..1983-12-31");
}

TEST(ParseRules, TheDateTheVerbGovernsWinsOverAnEarlierOne) {
  REQUIRE_MODEL();
  // The coordinated "graduated" has its own "in 1984" after it; the subject comes
  // through conj and the date through obl.
  Document d = extract_test::AnalyzeParsed(
      "Yun Tae-sik attended the Chongjin Teachers College, a school that trained village "
      "teachers, and graduated from the history department of the Wonsan University of "
      "Agriculture in 1984.");
  bool found = false;
  for (const EventMention* e : Of(d, "education"))
    if (Name(d, e->subject) == "Yun Tae-sik" && Dates(*e) == "1984-01-01..1984-12-31") found = true;
  EXPECT_TRUE(found);
}

}  // namespace
TEST(ParseRules, TodayIsTheTimeOfTheTellingNotOfAPastActInAnotherClause) {
  REQUIRE_MODEL();
  // "Today" goes with "runs", the present; "founded" is a past act in a relative clause
  // and gets no date from it (rule today-past).
  Document d = extract_test::AnalyzeParsed(
      "Today Yun Tae-sik runs a small charity that he founded for orphaned refugees.",
      DayFromCivil(2015, 3, 2));
  auto found = Of(d, "founding");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Name(d, found[0]->subject), "Yun Tae-sik");
  EXPECT_EQ(Dates(*found[0]), "?") << "the founding took the date of the telling";
}

TEST(ParseRules, TodayGovernedByThePastTriggerDatesIt) {
  REQUIRE_MODEL();
  // News style: "was arrested ... today" is dated by "today" (the trigger governs it).
  Document d = extract_test::AnalyzeParsed(
      "Yun Tae-sik was arrested at his home in Incheon today, the police said.",
      DayFromCivil(2011, 5, 3));
  auto rel = Of(d, "arrest");
  ASSERT_EQ(rel.size(), 1u);
  EXPECT_EQ(Dates(*rel[0]), "2011-05-03");
}

}  // namespace cairn
