#include <gtest/gtest.h>

#include "core/data.h"
#include "core/date.h"
#include "core/status.h"

namespace cairn {
namespace {

TEST(Date, RoundTripsCivilDates) {
  for (Day d = DayFromCivil(1900, 1, 1); d < DayFromCivil(2100, 1, 1); d += 17) {
    int y, m, dd;
    CivilFromDay(d, &y, &m, &dd);
    EXPECT_EQ(DayFromCivil(y, m, dd), d);
  }
  EXPECT_EQ(DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(FormatDay(DayFromCivil(2004, 2, 29)), "2004-02-29");
}

TEST(Date, ParsesOnlyValidIsoDays) {
  EXPECT_EQ(ParseDay("2014-12-11"), DayFromCivil(2014, 12, 11));
  EXPECT_FALSE(ParseDay("2014-02-30").has_value());
  EXPECT_FALSE(ParseDay("2014-2-3").has_value());
  EXPECT_FALSE(ParseDay("").has_value());
}

TEST(Date, AddYearsClampsLeapDay) {
  EXPECT_EQ(FormatDay(AddYears(DayFromCivil(2004, 2, 29), 1)), "2005-02-28");
  EXPECT_EQ(FormatDay(AddYears(DayFromCivil(2004, 10, 28), -44)), "1960-10-28");
  EXPECT_EQ(FormatDay(AddMonths(DayFromCivil(2004, 1, 31), 1)), "2004-02-29");
}

TEST(DateInterval, OverlapAndContainment) {
  DateInterval y57_58 = DateInterval::Range(DayFromCivil(1957, 1, 1), DayFromCivil(1958, 12, 31),
                                            Precision::kYear);
  DateInterval y1960 = DateInterval::Year(1960);
  DateInterval y1958 = DateInterval::Year(1958);
  EXPECT_FALSE(y57_58.Overlaps(y1960));
  EXPECT_TRUE(y57_58.Overlaps(y1958));
  EXPECT_TRUE(y1958.Within(y57_58));
  EXPECT_FALSE(y57_58.Within(y1958));
  DateInterval open;
  open.earliest = DayFromCivil(1990, 1, 1);
  EXPECT_TRUE(open.Overlaps(y1960) == false);
  EXPECT_EQ(FormatInterval(y1960), "1960-01-01..1960-12-31");
  EXPECT_EQ(FormatInterval(open), "1990-01-01..?");
}

TEST(Status, CarriesCodeAndMessage) {
  Status s = Status::NotFound("a.txt: no such file");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "not found: a.txt: no such file");
  Result<int> r = Status::IOError("x");
  EXPECT_FALSE(r.ok());
  Result<int> v = 3;
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 3);
}

TEST(Data, ParsesTsvSkippingComments) {
  auto rows = data::ParseTsv("# source: test\na\tb\n\nc\td\te\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].size(), 3u);
  EXPECT_EQ(rows[1][2], "e");
}

TEST(Data, TsvRowsKeepTheirLineNumbersForErrors) {
  auto rows = data::ParseTsvRows("# source: test\na\tb\n\nc\td\te\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 2u);
  EXPECT_EQ(rows[1].line, 4u);
  EXPECT_EQ(rows[1].fields[2], "e");
  Status bad = data::BadTsvValue("data/x.tsv", rows[1].line, "kind", rows[1].fields[0], "agent");
  EXPECT_EQ(bad.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(bad.message(), "data/x.tsv:4: column 'kind': 'c' is not agent");
}

}  // namespace
}  // namespace cairn
