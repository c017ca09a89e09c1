// Tests of the name finder's proper-noun runs (names.cc, FindTaggedNames): capitalized
// runs that no surface rule names, read by the tagger (extract::Options::tag), become
// persons when Korean-name structure or a person cue beside them says so, and stay
// nothing when they are places, organizations, headings or sentence starters. Every
// sentence is our own; the names are invented or common ones that data/western_names.tsv
// does not list.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract_fixture.h"

namespace cairn::extract_test {
namespace {

// `text` segmented and extracted with the tagger on demand, as ingest runs it (no
// parse before extraction). `tagged` false: without the hook (the surface rules alone).
Document AnalyzeTagged(const std::string& text, bool tagged = true) {
  Document d;
  d.name = "t.txt";
  d.text = text;
  text::Segmenter seg;
  EXPECT_TRUE(seg.Run(&d).ok());
  extract::Options options;
  syntax::Analyzer* a = TestAnalyzer();
  if (tagged && a) {
    options.tag = [a](const std::vector<std::string_view>& words, std::vector<uint8_t>* upos) {
      upos->clear();
      for (const TokenSyntax& t : a->Tag(words)) upos->push_back(t.upos);
    };
  }
  EXPECT_TRUE(extract::Extract(&d, options).ok());
  return d;
}

std::vector<std::string> Persons(const Document& d) {
  std::vector<std::string> out;
  for (const LocalEntity& e : d.entities)
    if (e.type == EntityType::kPerson) out.push_back(e.name);
  return out;
}

bool HasPerson(const Document& d, const std::string& name) {
  const auto p = Persons(d);
  return std::find(p.begin(), p.end(), name) != p.end();
}

#define REQUIRE_MODEL() \
  if (!TestAnalyzer()) GTEST_SKIP() << "this binary was built without a syntax model"

TEST(TaggedNames, WesternNamesWithAPersonCueArePersons) {
  REQUIRE_MODEL();
  struct Case {
    std::string text, name;
  };
  const std::vector<Case> cases = {
      {"The shelter was full by March, said Torbjorn Henriksen, who has run it since 2009.",
       "Torbjorn Henriksen"},
      {"Teodora Vukovic, a lawyer for the families, filed the appeal in Geneva.",
       "Teodora Vukovic"},
      {"According to Faisal Haddad, the group crossed the river at night.", "Faisal Haddad"},
      {"The interview was recorded by correspondent Ngozi Adeyemi in Bangkok.", "Ngozi Adeyemi"},
      {"Soren Aaltonen told reporters that the talks had stalled.", "Soren Aaltonen"},
      {"Her lawyer, Ilse Vandermeer, said the family had not been told.", "Ilse Vandermeer"},
      {"Photographer Henrik Sandvold followed the group to the river.", "Henrik Sandvold"},
      {"The notes were edited by Amara Okafor in 2020.", "Amara Okafor"},
      {"Seoul\n\nInterview by Yannick Morel\n\nShe left in 2010.", "Yannick Morel"},
      {"Q (Beatriz Salgado, radio): When did you leave?", "Beatriz Salgado"},
  };
  for (const Case& c : cases) {
    EXPECT_TRUE(HasPerson(AnalyzeTagged(c.text), c.name)) << c.text;
    // The surface rules alone do not know these names: the tagger's run found it.
    EXPECT_FALSE(HasPerson(AnalyzeTagged(c.text, /*tagged=*/false), c.name)) << c.text;
  }
}

TEST(TaggedNames, TheSurnameIsTheLastWordAndBareRepeatsLinkToIt) {
  REQUIRE_MODEL();
  Document d = AnalyzeTagged(
      "The report was written by the investigator Marguerite Castellane in 2015. Castellane "
      "interviewed forty refugees.");
  ASSERT_TRUE(HasPerson(d, "Marguerite Castellane"));
  int person = -1, mentions = 0;
  for (const Mention& m : d.mentions) {
    if (m.type != EntityType::kPerson) continue;
    if (d.Slice(m.span) == "Marguerite Castellane") {
      EXPECT_EQ(m.surname, "Castellane");
      EXPECT_EQ(m.given, "Marguerite");
      person = m.entity;
    }
  }
  for (const Mention& m : d.mentions) mentions += m.entity == person && person >= 0;
  EXPECT_EQ(mentions, 2);  // the bare "Castellane" of the next sentence joins it
}

TEST(TaggedNames, UncommonKoreanRomanizationsByStructure) {
  REQUIRE_MODEL();
  // A listed surname with a joined given name whose syllables the list lacks but whose
  // shape is Korean; with a cue, and by structure alone.
  struct Case {
    std::string text, name, surname;
  };
  const std::vector<Case> cases = {
      {"Maeng Dukseop, a former soldier, reached Incheon in 2011.", "Maeng Dukseop", "Maeng"},
      {"Pyon Heukseong crossed the river with two cousins.", "Pyon Heukseong", "Pyon"},
  };
  for (const Case& c : cases) {
    const Document d = AnalyzeTagged(c.text);
    EXPECT_TRUE(HasPerson(d, c.name)) << c.text << ::testing::PrintToString(Persons(d));
    for (const Mention& m : d.mentions) {
      if (d.Slice(m.span) == c.name) {
        EXPECT_EQ(m.surname, c.surname);
      }
    }
    EXPECT_FALSE(HasPerson(AnalyzeTagged(c.text, /*tagged=*/false), c.name)) << c.text;
  }
}

TEST(TaggedNames, PlacesOrganizationsHeadingsAndStartersAreNoPersons) {
  REQUIRE_MODEL();
  const std::vector<std::string> texts = {
      // Places and buildings, even with a verb of saying after them.
      "They stayed at the Silver Birch Hotel, said Lars Henriksen.",
      "Families gathered in Upper Mesa, a village near the border, said the pastor.",
      "Unity Day was marked with a march through the capital.",
      "The Northern Lights Foundation said it would fund the shelter.",
      // A heading in title case and sentence starters.
      "Escape Through The Mountains\n\nThe group left before dawn.",
      "Yesterday Morning the guards left.",
      "In March Ivanka left the factory.",
      // A Western given name before a place head (a surface rule's name before).
      "Her family later moved to Victoria Heights, a suburb.",
  };
  const std::vector<std::string> never = {
      "Silver Birch",      "Upper Mesa",     "Unity Day",
      "Northern Lights",   "Escape Through", "Through The Mountains",
      "Yesterday Morning", "In March",       "March Ivanka",
      "Victoria Heights",  "Victoria"};
  for (const std::string& t : texts) {
    const Document d = AnalyzeTagged(t);
    for (const std::string& name : Persons(d))
      EXPECT_EQ(std::find(never.begin(), never.end(), name), never.end()) << name << " in: " << t;
  }
  EXPECT_TRUE(HasPerson(AnalyzeTagged(texts[0]), "Lars Henriksen"));
}

// Initials keep a name and its sentence whole (segmenter rule name-initial,
// names.cc rule name-initials): "Robert J. Wainwright said" is one sentence
// and one person, and so are "Ms R. Okafor" and "Dr. H. L. Brandt".
TEST(TaggedNames, NamesWithInitials) {
  Document d = AnalyzeTagged(
      "Robert J. Wainwright, a lawyer, said the appeal was lodged. The tribunal heard Ms R. "
      "Okafor and Dr. H. L. Brandt in 2014.");
  EXPECT_TRUE(HasPerson(d, "Robert J. Wainwright")) << ::testing::PrintToString(Persons(d));
  EXPECT_TRUE(HasPerson(d, "R. Okafor")) << ::testing::PrintToString(Persons(d));
  EXPECT_TRUE(HasPerson(d, "H. L. Brandt")) << ::testing::PrintToString(Persons(d));
  EXPECT_EQ(d.sentences.size(), 2u);
  // A capital letter ending a sentence before a closed-class word still ends it.
  d = AnalyzeTagged("He was held in Block C. The guards beat him.");
  EXPECT_EQ(d.sentences.size(), 2u);
}

TEST(TaggedNames, NoCueAndNoStructureNoPerson) {
  REQUIRE_MODEL();
  // Two capitalized words the tagger reads as proper nouns, but nothing says a person.
  const Document d = AnalyzeTagged("The convoy passed Bellmont Ridge before noon.");
  EXPECT_TRUE(Persons(d).empty()) << ::testing::PrintToString(Persons(d));
}

TEST(TaggedNames, AProtectedTaggedNameIsProtected) {
  REQUIRE_MODEL();
  const Document d = AnalyzeTagged(
      "Mirela Dragomir, a nurse, treated the wounded. Mirela Dragomir is not her real name.");
  bool found = false;
  for (const LocalEntity& e : d.entities) {
    if (e.type == EntityType::kPerson && e.name == "Mirela Dragomir") {
      found = true;
      EXPECT_TRUE(e.protected_identity);
    }
  }
  EXPECT_TRUE(found) << ::testing::PrintToString(Persons(d));
}

}  // namespace
}  // namespace cairn::extract_test
