#include "resolve/describe.h"

#include <cstdio>
#include <string>

#include "core/event_types.h"

namespace cairn::resolve {
namespace {

std::string Ymd(int y, int m, int d, int parts) {
  char buf[32];
  if (parts == 1) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (parts == 2) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

// A day as the coarsest form that names it as a period start: Jan 1 -> year,
// day 1 -> month, else the day.
std::string AsStart(Day day) {
  int y, m, d;
  CivilFromDay(day, &y, &m, &d);
  if (m == 1 && d == 1) return Ymd(y, m, d, 1);
  if (d == 1) return Ymd(y, m, d, 2);
  return Ymd(y, m, d, 3);
}

}  // namespace

std::string DescribeDate(const DateInterval& di) {
  if (!di.known()) return "?";
  if (!di.earliest) {
    // The interval ends at *latest: "before" the next period.
    return "before " + AsStart(*di.latest + 1);
  }
  if (!di.latest) return "from " + AsStart(*di.earliest);
  Day a = *di.earliest, b = *di.latest;
  if (a == b) return FormatDay(a);
  int ya, ma, da, yb, mb, db;
  CivilFromDay(a, &ya, &ma, &da);
  CivilFromDay(b, &yb, &mb, &db);
  bool year_start = ma == 1 && da == 1, year_end = mb == 12 && db == 31;
  if (year_start && year_end) {
    return ya == yb ? Ymd(ya, 1, 1, 1) : Ymd(ya, 1, 1, 1) + ".." + Ymd(yb, 1, 1, 1);
  }
  bool month_start = da == 1, month_end = db == DaysInMonth(yb, mb);
  if (month_start && month_end) {
    if (ya == yb && ma == mb) return Ymd(ya, ma, 1, 2);
    return Ymd(ya, ma, 1, 2) + ".." + Ymd(yb, mb, 1, 2);
  }
  return FormatDay(a) + ".." + FormatDay(b);
}

std::string DescribeEventType(std::string_view type) {
  if (const EventTypeInfo* t = EventType(type)) return t->verb;
  std::string s(type);
  for (char& c : s) {
    if (c == '_') c = ' ';
  }
  return s;
}

std::string Abbreviate(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  size_t space = s.rfind(' ', cut);
  if (space != std::string_view::npos && space > max_bytes / 2) cut = space;
  return std::string(s.substr(0, cut)) + "...";
}

}  // namespace cairn::resolve
