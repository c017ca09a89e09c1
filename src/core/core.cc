#include <cstdio>

#include "core/date.h"
#include "core/status.h"

namespace cairn {

std::string Status::ToString() const {
  if (ok()) return "ok";
  const char* kind = "error";
  switch (code_) {
    case Code::kOk: kind = "ok"; break;
    case Code::kInvalidArgument: kind = "invalid argument"; break;
    case Code::kNotFound: kind = "not found"; break;
    case Code::kIOError: kind = "I/O error"; break;
    case Code::kCorruption: kind = "corruption"; break;
    case Code::kUnsupported: kind = "unsupported"; break;
    case Code::kAmbiguous: kind = "ambiguous"; break;
    case Code::kInternal: kind = "internal error"; break;
  }
  return std::string(kind) + ": " + message_;
}

// Days-from-civil after the well-known era-based algorithm (H. Hinnant).
Day DayFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDay(Day z, int* y, int* m, int* d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yy + (*m <= 2);
}

static bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool IsValidDate(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

std::string FormatDay(Day day) {
  int y, m, d;
  CivilFromDay(day, &y, &m, &d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::optional<Day> ParseDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < lens[i]; ++k) {
      char c = s[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      v[i] = v[i] * 10 + (c - '0');
    }
  }
  if (!IsValidDate(v[0], v[1], v[2])) return std::nullopt;
  return DayFromCivil(v[0], v[1], v[2]);
}

Day AddMonths(Day day, int months) {
  int y, m, d;
  CivilFromDay(day, &y, &m, &d);
  int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  if (d > DaysInMonth(y, m)) d = DaysInMonth(y, m);
  return DayFromCivil(y, m, d);
}

Day AddYears(Day day, int years) { return AddMonths(day, years * 12); }

bool DateInterval::Overlaps(const DateInterval& o) const {
  if (earliest && o.latest && *earliest > *o.latest) return false;
  if (o.earliest && latest && *o.earliest > *latest) return false;
  return true;
}

bool DateInterval::Within(const DateInterval& o) const {
  if (o.earliest && (!earliest || *earliest < *o.earliest)) return false;
  if (o.latest && (!latest || *latest > *o.latest)) return false;
  return true;
}

DateInterval DateInterval::Year(int y, std::string text) {
  return Range(DayFromCivil(y, 1, 1), DayFromCivil(y, 12, 31), Precision::kYear, std::move(text));
}

DateInterval DateInterval::Month(int y, int m, std::string text) {
  return Range(DayFromCivil(y, m, 1), DayFromCivil(y, m, DaysInMonth(y, m)), Precision::kMonth,
               std::move(text));
}

DateInterval DateInterval::OneDay(int y, int m, int d, std::string text) {
  Day x = DayFromCivil(y, m, d);
  return Range(x, x, Precision::kDay, std::move(text));
}

DateInterval DateInterval::Range(Day a, Day b, Precision p, std::string text) {
  DateInterval r;
  r.earliest = a;
  r.latest = b;
  r.precision = p;
  r.text = std::move(text);
  return r;
}

std::string FormatInterval(const DateInterval& d) {
  if (!d.known()) return "?";
  std::string a = d.earliest ? FormatDay(*d.earliest) : "?";
  std::string b = d.latest ? FormatDay(*d.latest) : "?";
  return a == b ? a : a + ".." + b;
}

}  // namespace cairn
