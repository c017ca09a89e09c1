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

#define REQUIRE_MODEL()                                                   \
  if (extract_test::TestAnalyzer() == nullptr)                            \
  GTEST_SKIP() << "this binary was built without a syntax model"

TEST(ParseRules, CoordinatedVerbSharesTheFirstConjunctsSubject) {
  REQUIRE_MODEL();
  // The noun phrase between the verbs ("a school that trained engineers") is not the
  // subject of "graduated": the parse's conj leads back to "Pak Chol-min".
  Document d = extract_test::Analyze(
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
  Document d = extract_test::Analyze(
      "In Seoul, Ri Sun-ok taught at a night school, married a teacher who had also fled "
      "the North, and later completed a degree in nursing at Yonsei University.");
  for (const EventMention& e : d.events)
    EXPECT_FALSE(e.type == "border_crossing" || e.type == "defection") << e.type;
  auto ed = Of(d, "education");
  ASSERT_EQ(ed.size(), 1u);
  EXPECT_EQ(Name(d, ed[0]->subject), "Ri Sun-ok");
}

}  // namespace
}  // namespace cairn
