// Event vocabulary on sentences of our own wording: the trigger words and phrases of
// data/event_triggers.tsv and data/job_titles.tsv, and the rules that read them (noun
// triggers with their possessor, auxiliary-initial detention forms, object pronouns inside
// a trigger, title phrases after a copula, the author of a work that is the subject).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/data.h"
#include "core/document.h"
#include "extract/events.h"
#include "extract/extract.h"
#include "text/segment.h"
#include "extract_fixture.h"

namespace cairn {
namespace {

Document Read(const std::string& text, std::optional<Day> date = std::nullopt) {
  return extract_test::Analyze(text, date);
}
std::vector<const EventMention*> Events(const Document& d, const std::string& type) {
  return extract_test::Of(d, type);
}
std::string Who(const Document& d, const EventMention& e) {
  return extract_test::Name(d, e.subject);
}
std::string Where(const Document& d, int entity) { return extract_test::Name(d, entity); }
std::string When(const EventMention& e) { return extract_test::Dates(e); }

TEST(Vocabulary, DeathByEuphemism) {
  Document d = Read("Pastor Yoon Dae-ho went home to the Lord on 3 March 2019.");
  auto ev = Events(d, "death");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  EXPECT_EQ(When(*ev[0]), "2019-03-03");
}

TEST(Vocabulary, APossessedDeathNounWithItsOwnDateIsADeath) {
  Document d = Read("Min Gyeong-ae ran the bakery alone after Yoon Dae-ho's death in 2011.");
  auto ev = Events(d, "death");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  EXPECT_EQ(When(*ev[0]), "2011-01-01..2011-12-31");
  // Without a possessor the noun tells of nobody's death.
  Document e = Read("Yoon Dae-ho was sentenced to death in 2011.");
  EXPECT_TRUE(Events(e, "death").empty());
}

TEST(Vocabulary, AnArrestNounThatCameOnADate) {
  Document d = Read("Yoon Dae-ho ran a grain depot. His arrest came in 2004, after a tip-off.");
  auto ev = Events(d, "arrest");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  EXPECT_EQ(When(*ev[0]), "2004-01-01..2004-12-31");
  // A warrant for an arrest is not an arrest.
  Document e = Read("Yoon Dae-ho left the country; a warrant for his arrest was issued.");
  EXPECT_TRUE(Events(e, "arrest").empty());
}

TEST(Vocabulary, CustodyAndSurrender) {
  Document d = Read("In May 2003 Yoon Dae-ho was taken into custody by border guards.");
  auto ev = Events(d, "arrest");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  EXPECT_EQ(When(*ev[0]), "2003-05-01..2003-05-31");
  Document e = Read("Yoon Dae-ho surrendered to the police in 1999.");
  ASSERT_EQ(Events(e, "arrest").size(), 1u);
  EXPECT_EQ(Who(e, *Events(e, "arrest")[0]), "Yoon Dae-ho");
}

TEST(Vocabulary, HandedBackIsARepatriationWithItsDestination) {
  Document d = Read("Yoon Dae-ho was handed back to North Korea in 2007.");
  auto ev = Events(d, "repatriation");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  ASSERT_GE(ev[0]->to, 0);
  EXPECT_EQ(d.entities[ev[0]->to].country, "KP");
}

TEST(Vocabulary, HeldIsADetentionOnlyOfAPerson) {
  Document d = Read("Yoon Dae-ho was held from June 1996 to May 1998 at Yodok.");
  auto ev = Events(d, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  // A meeting that was held, or someone held responsible, is nobody's detention.
  Document e = Read(
      "Yoon Dae-ho spoke at the church where the meetings were held. Yoon Dae-ho was held "
      "responsible for the loss.");
  EXPECT_TRUE(Events(e, "detention").empty());
}

TEST(Vocabulary, TheObjectPronounInsideTheTriggerIsThePatient) {
  Document d = Read(
      "Yoon Dae-ho reached the coast in 1999. Soldiers held him for a month at a border "
      "post.");
  auto ev = Events(d, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  Document e = Read("Yoon Dae-ho stood up. His aunt held him close.");
  EXPECT_TRUE(Events(e, "detention").empty());
}

TEST(Vocabulary, SentToACampIsADetention) {
  Document d = Read("In 1987 Yoon Dae-ho was sent to a labour camp in the mountains.");
  auto ev = Events(d, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  EXPECT_EQ(When(*ev[0]), "1987-01-01..1987-12-31");
}

TEST(Vocabulary, LeavingTheArmyIsADischarge) {
  Document d = Read("Yoon Dae-ho left the army in 1991 and found work at a mine.");
  auto ev = Events(d, "discharge");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(When(*ev[0]), "1991-01-01..1991-12-31");
  // A discharge the army stands before.
  Document e = Read("Yoon Dae-ho spent nine years in the army and was discharged in 1995.");
  auto dis = Events(e, "discharge");
  ASSERT_EQ(dis.size(), 1u);
  EXPECT_EQ(When(*dis[0]), "1995-01-01..1995-12-31");
  // Discharged from a hospital is no discharge from service.
  Document f = Read("Yoon Dae-ho was discharged from the hospital in 1995.");
  EXPECT_TRUE(Events(f, "discharge").empty());
}

TEST(Vocabulary, CareerVerbs) {
  Document d = Read("Yoon Dae-ho preaches to a small congregation in Incheon.");
  auto ev = Events(d, "employment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(d, ev[0]->place), "Incheon");
  Document e = Read("In 2001 Yoon Dae-ho directed four films for the state studio.");
  ASSERT_EQ(Events(e, "employment").size(), 1u);
  EXPECT_EQ(When(*Events(e, "employment")[0]), "2001-01-01..2001-12-31");
  Document f = Read("Yoon Dae-ho was running a timber company when the war began.");
  EXPECT_EQ(Events(f, "employment").size(), 1u);
  Document g = Read("Yoon Dae-ho ran across the field.");
  EXPECT_TRUE(Events(g, "employment").empty());
}

TEST(Vocabulary, TitlePhrasesAfterACopula) {
  // Over "became" to the title, over an adverb to the copula, over a coordinated title.
  Document d = Read("In 1990 Yoon Dae-ho became head of a planning office at the ministry.");
  auto a = Events(d, "employment");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0]->detail, "head");
  Document e = Read("Yoon Dae-ho was then an inspector for the railway bureau.");
  ASSERT_EQ(Events(e, "employment").size(), 1u);
  EXPECT_EQ(Events(e, "employment")[0]->detail, "inspector");
  Document f = Read("Yoon Dae-ho was a loyal cadre and a supervisor at a cement plant.");
  ASSERT_EQ(Events(f, "employment").size(), 1u);
  EXPECT_EQ(Events(f, "employment")[0]->detail, "supervisor");
}

TEST(Vocabulary, EducationPhrases) {
  Document d = Read("Yoon Dae-ho is a graduate of the Wonsan Naval Academy.");
  ASSERT_EQ(Events(d, "education").size(), 1u);
  Document e = Read("In 1979 Yoon Dae-ho was trained as a radio operator at a signals school.");
  auto ev = Events(e, "education");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(When(*ev[0]), "1979-01-01..1979-12-31");
  Document f = Read("Yoon Dae-ho finished secondary school in 1984.");
  ASSERT_EQ(Events(f, "education").size(), 1u);
  Document g = Read("Yoon Dae-ho finished the meal in silence.");
  EXPECT_TRUE(Events(g, "education").empty());
}

TEST(Vocabulary, AWorkAsSubjectIsItsAuthorsPublication) {
  Document d = Read(
      "Yoon Dae-ho wrote about the famine for years. The book first appeared in German in "
      "2010.");
  auto ev = Events(d, "publication");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  EXPECT_EQ(When(*ev[0]), "2010-01-01..2010-12-31");
}

TEST(Vocabulary, MovingBackIsAReturnWithItsDestination) {
  Document d = Read("Yoon Dae-ho moved back to Busan in 2005.");
  auto ev = Events(d, "return");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(d, ev[0]->to), "Busan");
}

TEST(Vocabulary, RelativesPunishedBecauseOfThePerson) {
  Document d = Read("Yoon Dae-ho later learned that his brothers had been imprisoned.");
  auto ev = Events(d, "family_punishment");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  Document e = Read("Yoon Dae-ho says his parents were banished because of him.");
  EXPECT_EQ(Events(e, "family_punishment").size(), 1u);
  // Without a cause it is the relatives' own story.
  Document f = Read("Yoon Dae-ho says his parents were banished in 1970.");
  EXPECT_TRUE(Events(f, "family_punishment").empty());
}

TEST(Vocabulary, WhatIsFoundedIsTheOrganizationNamedBesideTheVerb) {
  Document d = Read(
      "In 2009 Yoon Dae-ho founded Open Gate Fund, a charity that works with the United "
      "Nations.");
  auto ev = Events(d, "founding");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(d, ev[0]->object), "Open Gate Fund");
  Document e = Read("Yoon Dae-ho, 61, runs Open Gate Fund, a small group he started in 2009.");
  auto started = Events(e, "founding");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(Who(e, *started[0]), "Yoon Dae-ho");
  EXPECT_EQ(Where(e, started[0]->object), "Open Gate Fund");
  EXPECT_EQ(When(*started[0]), "2009-01-01..2009-12-31");
  // A founding with no organization named is none.
  Document f = Read("Yoon Dae-ho founded in 2009 what he calls his life's work.");
  EXPECT_TRUE(Events(f, "founding").empty());
}

TEST(Vocabulary, ANegationEndsAtTheNextThatClause) {
  Document d = Read(
      "Yoon Dae-ho said that she would not sing for the guards and that they kept her under "
      "guard in a house outside Wonsan.");
  auto ev = Events(d, "detention");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Where(d, ev[0]->place), "Wonsan");
  Document e = Read("Yoon Dae-ho said they never kept her under guard.");
  EXPECT_TRUE(Events(e, "detention").empty());
}

TEST(Vocabulary, AMemoirReleasedByItsOwnersClause) {
  Document d = Read(
      "Yoon Dae-ho teaches in Daegu. Her memoir of those years, written with a journalist and "
      "released in 2014, sold well.");
  auto ev = Events(d, "publication");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Who(d, *ev[0]), "Yoon Dae-ho");
  EXPECT_EQ(When(*ev[0]), "2014-01-01..2014-12-31");
}

TEST(Vocabulary, MakingOnesWayToTheSouthIsADefection) {
  Document d = Read("In 2004 Yoon Dae-ho made her way to South Korea through Laos.");
  auto ev = Events(d, "defection");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(When(*ev[0]), "2004-01-01..2004-12-31");
}

TEST(Vocabulary, TheyAfterThePersonsRelativesAreTheRelatives) {
  Document d = Read(
      "Yoon Dae-ho heard that his parents were punished for his escape; neighbours say that "
      "they were sent to a labour camp.");
  EXPECT_TRUE(Events(d, "detention").empty());
  EXPECT_EQ(Events(d, "family_punishment").size(), 1u);
}

TEST(Vocabulary, ARelativeClauseOnAPrepositionalObjectIsNotThePersons) {
  Document d = Read("Yoon Dae-ho was born in Wonsan to parents who had moved to Korea from Japan.");
  EXPECT_TRUE(Events(d, "relocation").empty());
  ASSERT_EQ(Events(d, "birth").size(), 1u);
}

TEST(Vocabulary, ServingInTheArmyIsAnEnlistment) {
  Document d = Read("Yoon Dae-ho served in the navy from 1980 before he joined a trading firm.");
  EXPECT_EQ(Events(d, "enlistment").size(), 1u);
  Document e = Read("Yoon Dae-ho served in the embassy in Minsk.");
  EXPECT_TRUE(Events(e, "enlistment").empty());
}

TEST(WordClassTable, TheEmbeddedTableValidates) {
  auto text = data::Get("word_classes.tsv");
  ASSERT_TRUE(text.has_value());
  Status st = extract::EventFinder::ValidateWordClasses("word_classes.tsv", *text);
  EXPECT_TRUE(st.ok()) << st.ToString();
}

TEST(WordClassTable, ABadRowIsNamedByFileLineAndValue) {
  std::string table;
  for (const char* c :
       {"aux", "preposition", "determiner", "group", "kinship", "punishment", "clause_break",
        "scope_end", "speech_verb", "nominative_pronoun", "object_pronoun", "trip_noun",
        "work_noun", "passive_aux", "country_ground", "present_adverb", "job_loss_verb",
        "learning_verb", "hearsay_verb", "happening_verb", "mission_noun"})
    table += std::string(c) + "\tx|y\n";
  table += "workplace\tx\ndiplomatic_post\tx|y\nborder_ground\tx\npeople_noun\tx\n";
  // Every class but one: the missing one is named.
  Status st = extract::EventFinder::ValidateWordClasses("mine.tsv", table);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "mine.tsv: class 'possessive_pronoun' is missing");
  EXPECT_TRUE(
      extract::EventFinder::ValidateWordClasses("mine.tsv", table + "possessive_pronoun\this|her\n")
          .ok());
  st = extract::EventFinder::ValidateWordClasses("mine.tsv", "# a header\nverbs\tran\n");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("mine.tsv:2: column 'class': 'verbs' is not one of aux|", 0), 0u)
      << st.message();
  st = extract::EventFinder::ValidateWordClasses("mine.tsv", "aux\twas|Were\n");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "mine.tsv:1: column 'words': 'Were' is not a lowercase word without spaces");
  st = extract::EventFinder::ValidateWordClasses("mine.tsv", "aux\twas\naux\twere\n");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "mine.tsv:2: column 'class': 'aux' is given twice");
}

TEST(Vocabulary, SentAbroadAsATitleIsAJobButSentToACampIsADetention) {
  Document d = Read("In 2004 Pyo Dong-su was sent to Egypt as a third secretary.");
  auto jobs = Events(d, "employment");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(Who(d, *jobs[0]), "Pyo Dong-su");
  EXPECT_EQ(Where(d, jobs[0]->place), "Egypt");
  Document e = Read("In 1995 Pyo Dong-su was sent to a labour camp as a punishment.");
  EXPECT_TRUE(Events(e, "employment").empty());
  EXPECT_EQ(Events(e, "detention").size(), 1u);
}

}  // namespace
}  // namespace cairn
