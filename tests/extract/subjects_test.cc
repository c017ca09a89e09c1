// Who did it: the subject rules of event extraction (first-person narrators, interview
// turns, plural and descriptive subjects, subordinate clauses), on sentences of our own.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/document.h"
#include "extract/events.h"
#include "extract/extract.h"
#include "text/segment.h"

namespace cairn {
namespace {

Document Read(const std::string& text, const std::string& title = "",
              const std::string& author = "") {
  Document d;
  d.name = "s.txt";
  d.title = title;
  d.text = text;
  d.author = author;
  text::Segmenter seg;
  EXPECT_TRUE(seg.Run(&d).ok());
  EXPECT_TRUE(extract::Extract(&d).ok());
  return d;
}

std::vector<const EventMention*> Of(const Document& d, const std::string& type) {
  std::vector<const EventMention*> out;
  for (const EventMention& e : d.events)
    if (e.type == type) out.push_back(&e);
  return out;
}

std::string Name(const Document& d, int entity) {
  return entity >= 0 ? d.entities[entity].name : "";
}

std::string Dates(const EventMention& e) { return FormatInterval(e.date); }

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

}  // namespace
}  // namespace cairn
