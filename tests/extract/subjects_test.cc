// Who did it: the subject rules of event extraction (first-person narrators, interview
// turns, plural and descriptive subjects, subordinate clauses), on sentences of our own.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/data.h"
#include "core/document.h"
#include "extract/events.h"
#include "extract/extract.h"
#include "extract_fixture.h"
#include "text/segment.h"

namespace cairn {
namespace {

using extract_test::Dates;
using extract_test::Name;
using extract_test::Of;

Document Read(const std::string& text, const std::string& title = "",
              const std::string& author = "") {
  return extract_test::Analyze(text, std::nullopt, author, title);
}

TEST(Subjects, PassiveTriggerTakesTheSubjectOnItsLeft) {
  // "was seized" is passive by its own words: the pronoun before it, not "her" after it.
  Document d = Read(
      "Baek Ok-ran said she had lost contact with her brother. Mr. Ham Dae-sung said he was "
      "seized in Macau while looking for her.");
  auto v = Of(d, "crime_victim");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(Name(d, v[0]->subject), "Ham Dae-sung");
}

TEST(Subjects, NamedSubjectOfASubordinateClauseKeepsItsEvent) {
  Document d = Read(
      "Yeo Chang-min is the most senior officer known to have left since Gu Hae-jin left "
      "Vladivostok in 2012.");
  for (const EventMention& e : d.events) EXPECT_NE(Name(d, e.subject), "Yeo Chang-min") << e.type;
}

TEST(Subjects, AnswersOfAnInterviewWithoutANamedTitleAreTheIntervieweesOwn) {
  Document d = Read(
      "A life in the mines\n\nInterview by Clara Holm\n\nNam Gyeong-ae worked for twenty "
      "years in a coal mine. She now lives in Busan.\n\nQ: When did you leave?\nA: In 2004 I "
      "crossed the Yalu River into China.",
      "A life in the mines");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Nam Gyeong-ae");
  EXPECT_EQ(Dates(*bc[0]), "2004-01-01..2004-12-31");
}

TEST(Subjects, AStatementWrittenByANamedPersonIsToldByThatPerson) {
  Document d = Read(
      "Witness statements\n\nPosted by the Editorial Team\n\nEditor's note: This account was "
      "written for the archive by Mr. Seo Bong-gu, a former miner.\n\nI was born in 1958 in "
      "Musan. In 1997 I crossed the Tumen River into China.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Seo Bong-gu");
  EXPECT_EQ(Dates(*b[0]), "1958-01-01..1958-12-31");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Seo Bong-gu");
}

TEST(Subjects, AWitnessLabelOrOwnWordsNameTheNarrator) {
  Document d1 = Read("Witness: Ms. Han Mi-rae\n\nThank you.\n\nI was arrested in 2001 in Onsong.");
  auto a = Of(d1, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(Name(d1, a[0]->subject), "Han Mi-rae");
  Document d2 =
      Read("Growing up hungry: Choe Il-nam in his own words\n\nI was born in 1979 in Kimchaek.",
           "Growing up hungry");
  auto b = Of(d2, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d2, b[0]->subject), "Choe Il-nam");
}

TEST(Subjects, ASpeakersTurnLastsUntilTheNextLabel) {
  // The speaker's name in capitals labels the turn; the paragraphs after it are still
  // the speaker's, and the moderator's "I" is nobody's event.
  Document d = Read(
      "Remarks at the forum\n\nMODERATOR: I moved to Geneva in 2009. Please welcome our "
      "guest, Mr. Ko Tae-sik.\n\nKO TAE-SIK: Thank you.\n\nI was born in 1966. I escaped to "
      "China in 1996.\n\nMODERATOR: Thank you.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Ko Tae-sik");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Ko Tae-sik");
  EXPECT_TRUE(Of(d, "relocation").empty());
}

TEST(Subjects, QuestionsStandingAloneMakeTheNextParagraphTheAnswer) {
  Document d = Read(
      "A talk with Rev. Pyon Jae-ho\n\nPyon Jae-ho now leads a church in Daegu.\n\nWhere did "
      "you grow up?\n\nIn Kanggye. I was born there in 1950.\n\nWhen did you leave?\n\nI "
      "crossed into China in 1998.",
      "A talk with Rev. Pyon Jae-ho");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Pyon Jae-ho");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Pyon Jae-ho");
}

TEST(Subjects, ATitleWithAColonIsNoTurn) {
  // A heading that names a person before a colon is no speaker label: the byline author
  // still says "I".
  Document d =
      Read("Letters to Yun Bo-ra: a review\n\nBy Ada Brandt\n\nI was born in 1980 in Vienna.", "",
           "Ada Brandt");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Ada Brandt");
}

TEST(Subjects, AnAppositiveBeforeWhoNamesThePerson) {
  // Inside the relative clause the person is the appositive's; the main verb after it
  // ("died") is left alone, since the relative clause's dates are not its own.
  Document d = Read(
      "Ma Dong-hyun (마동현), the engineer who designed the dam and who was arrested in 1995, "
      "died in Seoul.");
  auto a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(Name(d, a[0]->subject), "Ma Dong-hyun");
  EXPECT_EQ(Dates(*a[0]), "1995-01-01..1995-12-31");
}

TEST(Subjects, TheTwoOfANamedPersonAndAnUnnamedRelative) {
  Document d = Read(
      "Ryang Ok-ja was released in 1999. With her daughter she crossed the Tumen River into "
      "China, and from there the two reached South Korea in 2001.");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(Name(d, df[0]->subject), "Ryang Ok-ja");
  EXPECT_EQ(Dates(*df[0]), "2001-01-01..2001-12-31");
}

TEST(Subjects, ARoleNounTheTextGaveAPersonNamesThatPerson) {
  Document d = Read(
      "Navy diver Sim Kwang-ho vanished from his base in 2015. The diver reached South Korea "
      "by boat in 2016.\n\nThe captain was arrested in 2017.");
  auto df = Of(d, "defection");
  ASSERT_EQ(df.size(), 1u);
  EXPECT_EQ(Name(d, df[0]->subject), "Sim Kwang-ho");
  EXPECT_EQ(Dates(*df[0]), "2016-01-01..2016-12-31");
  // "the captain" was never said of him: no arrest of his.
  EXPECT_TRUE(Of(d, "arrest").empty());
}

TEST(Subjects, TheWitnessIsTheTellerOfTheTestimony) {
  Document d = Read(
      "Summary of the testimony of Mr. Bang Chul-ho\n\nThe witness was born on 3 May 1971 in "
      "Kilju. The witness escaped to China in 1999.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Bang Chul-ho");
  EXPECT_EQ(Dates(*b[0]), "1971-05-03");
}

TEST(Subjects, TheCoupleIsTheMarriedPair) {
  Document d = Read(
      "In 1990 Gong Seo-yeon married the painter Jang Moon-ki. Jang Moon-ki later met the "
      "writer Ok Ji-hun in Kaesong. In 2004 the couple escaped to China.");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 2u);
  std::vector<std::string> who = {Name(d, bc[0]->subject), Name(d, bc[1]->subject)};
  std::sort(who.begin(), who.end());
  EXPECT_EQ(who, (std::vector<std::string>{"Gong Seo-yeon", "Jang Moon-ki"}));
}

TEST(Subjects, YouInAQuestionTurnIsTheInterviewee) {
  Document d =
      Read("Talking with Do Hyun-jae\n\nQ: You married in Hyesan in 1996.\nA: Yes, a teacher.",
           "Talking with Do Hyun-jae");
  auto m = Of(d, "marriage");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(Name(d, m[0]->subject), "Do Hyun-jae");
  EXPECT_EQ(Dates(*m[0]), "1996-01-01..1996-12-31");
}

TEST(Subjects, TheThreeOfUsAndTheAgeNounAndTheFamily) {
  Document d = Read("By Won Seul-gi\n\nIn 2003 the three of us crossed the Yalu River into China.",
                    "", "Won Seul-gi");
  auto bc = Of(d, "border_crossing");
  ASSERT_EQ(bc.size(), 1u);
  EXPECT_EQ(Name(d, bc[0]->subject), "Won Seul-gi");
  Document d2 = Read(
      "Heo Min-jun was born in Wonsan in 1992. The family moved to Seoul in 2008. The "
      "29-year-old now works as a nurse in Incheon.");
  auto r = Of(d2, "relocation");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(Name(d2, r[0]->subject), "Heo Min-jun");
  EXPECT_EQ(Dates(*r[0]), "2008-01-01..2008-12-31");
  auto e = Of(d2, "employment");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(Name(d2, e[0]->subject), "Heo Min-jun");
}

TEST(Subjects, AParticipleOpenerSharesTheMainSubject) {
  Document d =
      Read("Born in Chongjin, a port city, in 1948, Yun Hee-gyeong studied medicine in Pyongyang.");
  auto b = Of(d, "birth");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(Name(d, b[0]->subject), "Yun Hee-gyeong");
  EXPECT_EQ(Dates(*b[0]), "1948-01-01..1948-12-31");
}

TEST(Subjects, ASubordinateClauseWithAnAppositiveKeepsItsSubject) {
  Document d = Read(
      "Gil Dae-yong would be the first pilot to defect since 1996, when Baek Jin-su, a "
      "navigator, fled to Seoul.");
  for (const EventMention& e : d.events) EXPECT_NE(Name(d, e.subject), "Gil Dae-yong") << e.type;
}

TEST(Subjects, ABareSurnameSharedByTwoNamesIsTheTextsTopic) {
  // The first person a text names in full (not its byline's author) is its topic: a later
  // bare "Kim" is that person, not the leader named in between.
  Document d = Read(
      "A pianist's new life\n\nBy Jane Roe\n\nWhen Kim Ha-neul sits down at a piano in Seoul, "
      "he plays what he likes.\n\nKim, 40, learned the piano at a school for the anthems "
      "praising leader Kim Ok-bong.\n\nKim now teaches piano at a university in Seoul.");
  auto jobs = Of(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(Name(d, jobs[0]->subject), "Kim Ha-neul");
}

// Rule pronoun-sex: "she" passes over a last subject whose given name is a man's for the
// person named just before; rule couple-subjects: two coordinated spouses are each
// other's.
TEST(Subjects, SheIsNotAManAndCoordinatedSpousesMarryEachOther) {
  Document d = Read(
      "Richard Moore, a historian, spent months with Ryu Seon-hwa, and she is the heart of "
      "his study. She and the painter Gong Tae-jin married in 1961 and later ran a gallery.");
  auto m = Of(d, "marriage");
  ASSERT_EQ(m.size(), 2u);
  std::vector<std::string> pairs;
  for (const EventMention* e : m) {
    pairs.push_back(Name(d, e->subject) + " & " + Name(d, e->object));
    EXPECT_EQ(Dates(*e), "1961-01-01..1961-12-31");
  }
  std::sort(pairs.begin(), pairs.end());
  EXPECT_EQ(pairs, (std::vector<std::string>{"Gong Tae-jin & Ryu Seon-hwa",
                                             "Ryu Seon-hwa & Gong Tae-jin"}));
}

// A title gives the sex too: "he" is not the "Mrs." of the sentence before.
TEST(Subjects, HeIsNotTheWomanATitleNames) {
  Document d = Read("Mrs. Hong Bo-ra met Jeon Sang-gil in Dandong. He was arrested in 2004.");
  auto a = Of(d, "arrest");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(Name(d, a[0]->subject), "Jeon Sang-gil");
}

// Rule kin-antecedent: "he" right after a sentence about "my father" is the father, not
// the narrator or the person the text names.
TEST(Subjects, HeAfterMyFatherIsTheFather) {
  Document d = Read(
      "My name is Cha Eun-ho. In 1996 I went home on leave. My father was gone. He had been "
      "ill for months, and the next day he died in a clinic.");
  for (const EventMention* e : Of(d, "death")) {
    EXPECT_NE(Name(d, e->subject), "Cha Eun-ho");
  }
  // Without the relative, "he" is still the person named.
  Document e = Read("Cha Eun-ho went home on leave in 1996. He died in a clinic in 2001.");
  auto deaths = Of(e, "death");
  ASSERT_EQ(deaths.size(), 1u);
  EXPECT_EQ(Name(e, deaths[0]->subject), "Cha Eun-ho");
}

// Every row of data/given_name_genders.tsv gives a name and the sex m or f.
TEST(Subjects, GivenNameSexesAreAllMOrF) {
  auto f = data::Get("given_name_genders.tsv");
  ASSERT_TRUE(f.has_value());
  size_t rows = 0;
  for (const data::TsvRow& row : data::ParseTsvRows(*f)) {
    ++rows;
    ASSERT_EQ(row.fields.size(), 2u) << "line " << row.line;
    EXPECT_FALSE(row.fields[0].empty()) << "line " << row.line;
    EXPECT_TRUE(row.fields[1] == "m" || row.fields[1] == "f") << "line " << row.line;
  }
  EXPECT_GT(rows, 100u);
}

}  // namespace
}  // namespace cairn
