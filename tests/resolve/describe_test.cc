#include "resolve/describe.h"

#include <gtest/gtest.h>

#include "core/event_types.h"

namespace cairn::resolve {
namespace {

// Explanations write each type's verb phrase from data/event_types.tsv.
TEST(DescribeEventType, WritesTheVerbOfTheEventTypeTable) {
  ASSERT_FALSE(EventTypes().empty());
  for (const EventTypeInfo& t : EventTypes()) EXPECT_EQ(DescribeEventType(t.type), t.verb);
  EXPECT_EQ(DescribeEventType("border_crossing"), "crossed a border");
  EXPECT_EQ(DescribeEventType("family_punishment"), "family punished");
  // A type the table lacks is written as its words.
  EXPECT_EQ(DescribeEventType("house_search"), "house search");
}

}  // namespace
}  // namespace cairn::resolve
