// Civil dates as day numbers, and the closed date interval every fact carries.
//
// A Day is a count of days since 1970-01-01 in the proleptic Gregorian
// calendar; arithmetic on it is exact. A DateInterval is [earliest, latest],
// both inclusive, either end possibly unknown. Plain values, thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn {

using Day = int32_t;

// Days since 1970-01-01 for a valid y-m-d. REQUIRES: 1 <= m <= 12, 1 <= d <= 31.
Day DayFromCivil(int y, int m, int d);
// The inverse of DayFromCivil.
void CivilFromDay(Day day, int* y, int* m, int* d);
int DaysInMonth(int y, int m);
bool IsValidDate(int y, int m, int d);
// "YYYY-MM-DD".
std::string FormatDay(Day day);
// Parses "YYYY-MM-DD"; nullopt on anything else.
std::optional<Day> ParseDay(std::string_view s);
// Adds whole years, clamping Feb 29 to Feb 28 where needed.
Day AddYears(Day day, int years);
Day AddMonths(Day day, int months);

// How precise the evidence is; kept so a view never shows more than is known.
enum class Precision : uint8_t { kUnknown = 0, kDecade, kYear, kSeason, kMonth, kDay };

struct DateInterval {
  std::optional<Day> earliest;
  std::optional<Day> latest;
  std::string text;  // the expression as written, "" when none
  Precision precision = Precision::kUnknown;

  bool known() const { return earliest.has_value() || latest.has_value(); }
  bool closed() const { return earliest.has_value() && latest.has_value(); }
  // True when both intervals could hold at once (they overlap; open ends are unbounded).
  bool Overlaps(const DateInterval& o) const;
  // True when *this lies wholly within o (a narrower claim inside a wider one).
  bool Within(const DateInterval& o) const;

  static DateInterval Year(int y, std::string text = {});
  static DateInterval Month(int y, int m, std::string text = {});
  static DateInterval OneDay(int y, int m, int d, std::string text = {});
  static DateInterval Range(Day a, Day b, Precision p, std::string text = {});
};

// "1957-01-01..1958-12-31" style rendering for people; "?" for unknown ends.
std::string FormatInterval(const DateInterval& d);

}  // namespace cairn
