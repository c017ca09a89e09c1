// ToFtsQuery: the query syntax users expect, made safe for FTS5 MATCH.
#include <gtest/gtest.h>

#include "store/store.h"

namespace cairn::store {
namespace {

TEST(FtsQuery, WordsPhrasesPrefixesAndOperators) {
  EXPECT_EQ(ToFtsQuery("Tumen River"), R"("Tumen" "River")");
  EXPECT_EQ(ToFtsQuery(R"("Tumen River" crossing)"), R"("Tumen River" "crossing")");
  EXPECT_EQ(ToFtsQuery("repatriat*"), R"("repatriat"*)");
  EXPECT_EQ(ToFtsQuery("Yanji OR Shenyang"), R"("Yanji" OR "Shenyang")");
  EXPECT_EQ(ToFtsQuery("Tumen NOT Yalu"), R"("Tumen" NOT "Yalu")");
  EXPECT_EQ(ToFtsQuery("Tumen -Yalu"), R"("Tumen" NOT "Yalu")");
  EXPECT_EQ(ToFtsQuery("Tumen AND Yalu"), R"("Tumen" AND "Yalu")");
}

TEST(FtsQuery, LowerCaseOperatorsAreWords) {
  EXPECT_EQ(ToFtsQuery("war or peace"), R"("war" "or" "peace")");
  EXPECT_EQ(ToFtsQuery("not guilty"), R"("not" "guilty")");
}

TEST(FtsQuery, OperatorsWithoutTwoTermsAreDropped) {
  EXPECT_EQ(ToFtsQuery("OR Yanji"), R"("Yanji")");
  EXPECT_EQ(ToFtsQuery("Yanji OR"), R"("Yanji")");
  EXPECT_EQ(ToFtsQuery("NOT Yanji"), R"("Yanji")");
  EXPECT_EQ(ToFtsQuery("Yanji OR OR Hyesan"), R"("Yanji" OR "Hyesan")");
  EXPECT_EQ(ToFtsQuery("OR NOT"), "");
}

TEST(FtsQuery, PunctuationAndQuotesCannotBreakTheSyntax) {
  EXPECT_EQ(ToFtsQuery(R"("unterminated phrase)"), R"("unterminated phrase")");
  EXPECT_EQ(ToFtsQuery(R"(a"b)"), R"("a" "b")");
  EXPECT_EQ(ToFtsQuery("( ) : ^ *"), "");
  EXPECT_EQ(ToFtsQuery(R"("")"), "");
  EXPECT_EQ(ToFtsQuery("name:Kim"), R"("name:Kim")");
  EXPECT_EQ(ToFtsQuery("김정일"), R"("김정일")");
}

}  // namespace
}  // namespace cairn::store
