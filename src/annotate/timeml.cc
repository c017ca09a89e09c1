// ISO-TimeML in the TempEval-3 layout: <DOCID>, <DCT>, and the text with
// inline TIMEX3 elements. Values follow the TimeML guidelines (TIMEX3 value
// attribute, ISO 8601 with TimeML's extensions): 1998, 2004-04, 2019-03-14,
// 199 for a decade, 1998-SU for a season, P5M / P2Y / P63Y for durations and
// ages, XXXX when the expression could not be resolved. Cairn's extraction
// finds no clock times and no sets ("every year"), so TIME and SET are never
// written.
#include <cstdio>

#include "annotate/internal.h"

namespace cairn::annotate {
namespace {

std::string Pad(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}

Day Mid(Day a, Day b) { return a + (b - a) / 2; }

// ISO-TimeML season codes; meteorological seasons as the tagger uses them.
const char* SeasonCode(int first_month) {
  switch (first_month) {
    case 3:
      return "SP";
    case 6:
      return "SU";
    case 9:
      return "FA";
    case 12:
      return "WI";
    default:
      return nullptr;
  }
}

std::string DateValue(const DateInterval& iv) {
  if (!iv.closed()) return "XXXX";
  Day a = *iv.earliest, b = *iv.latest;
  int ya, ma, da, yb, mb, db;
  CivilFromDay(a, &ya, &ma, &da);
  CivilFromDay(b, &yb, &mb, &db);
  int ym, mm, dm;
  CivilFromDay(Mid(a, b), &ym, &mm, &dm);
  bool whole_months = da == 1 && db == DaysInMonth(yb, mb);
  int months = (yb - ya) * 12 + (mb - ma) + 1;
  switch (iv.precision) {
    case Precision::kDay:
      return Pad(ya, 4) + "-" + Pad(ma, 2) + "-" + Pad(da, 2);
    case Precision::kMonth:
      return Pad(ya, 4) + "-" + Pad(ma, 2);
    case Precision::kSeason:
      // A meteorological season; "early/mid/late 1998" are thirds of a year,
      // which TimeML writes as the year.
      if (whole_months && months == 3 && SeasonCode(ma) != nullptr)
        return Pad(ya, 4) + "-" + SeasonCode(ma);
      return Pad(ym, 4);
    case Precision::kYear:
      // "c. 1970" is 1969-1971 around its year; a range is its middle.
      return Pad(ym, 4);
    case Precision::kDecade:
      return Pad(ym / 10, 3);
    case Precision::kUnknown:
      break;
  }
  // No precision: the narrowest calendar unit holding the interval.
  if (a == b) return Pad(ya, 4) + "-" + Pad(ma, 2) + "-" + Pad(da, 2);
  if (ya == yb && ma == mb) return Pad(ya, 4) + "-" + Pad(ma, 2);
  if (ya == yb) return Pad(ya, 4);
  if (ya / 10 == yb / 10) return Pad(ya / 10, 3);
  return Pad(ym, 4);
}

bool Contains(std::string_view hay, std::string_view word) {
  for (size_t i = 0; i + word.size() <= hay.size(); ++i) {
    bool same = true;
    for (size_t k = 0; k < word.size() && same; ++k) same = (hay[i + k] | 0x20) == word[k];
    if (same) return true;
  }
  return false;
}

// A length of days in the unit the text names ("five months" -> P5M).
std::string DurationValue(std::string_view text, int days) {
  if (days <= 0) return "PXY";
  struct Unit {
    const char* word;
    int days;
    char code;
    int mult;
  };
  // Checked in this order: "decade" before "day" would not matter, but
  // "month" must win over "mon"-less words; the unit lengths are the tagger's.
  static constexpr Unit kUnits[] = {{"decade", 3652, 'Y', 10},
                                    {"year", 365, 'Y', 1},
                                    {"month", 30, 'M', 1},
                                    {"week", 7, 'W', 1},
                                    {"day", 1, 'D', 1}};
  for (const Unit& u : kUnits) {
    if (!Contains(text, u.word)) continue;
    int n = (days + u.days / 2) / u.days;
    if (n < 1) n = 1;
    return "P" + std::to_string(n * u.mult) + u.code;
  }
  if (days % 365 == 0) return "P" + std::to_string(days / 365) + "Y";
  if (days % 30 == 0) return "P" + std::to_string(days / 30) + "M";
  if (days % 7 == 0) return "P" + std::to_string(days / 7) + "W";
  return "P" + std::to_string(days) + "D";
}

void Escape(std::string_view s, std::ostream& out) {
  for (char c : s) {
    switch (c) {
      case '&':
        out << "&amp;";
        break;
      case '<':
        out << "&lt;";
        break;
      case '>':
        out << "&gt;";
        break;
      case '"':
        out << "&quot;";
        break;
      default:
        out << c;
    }
  }
}

}  // namespace

TimexValue TimemlValue(const Document& doc, const Timex& t) {
  switch (t.kind) {
    case Timex::Kind::kAge:
      // TimeML annotates an age as the duration it is.
      return {"DURATION", t.age_years >= 0 ? "P" + std::to_string(t.age_years) + "Y" : "PXY"};
    case Timex::Kind::kDuration:
      return {"DURATION", DurationValue(doc.Slice(t.span), t.duration_days)};
    case Timex::Kind::kDate:
    case Timex::Kind::kRelative:
      break;
  }
  return {"DATE", DateValue(t.value)};
}

void WriteTimeml(const Document& doc, const WriteOptions& options, std::ostream& out) {
  std::optional<Day> dct = options.dct ? options.dct : doc.date;
  out << "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>";
  Escape(doc.name, out);
  out << "</DOCID>\n";
  if (dct) {
    std::string v = FormatDay(*dct);
    out << "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"" << v
        << "\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">" << v
        << "</TIMEX3></DCT>\n";
  }
  out << "<TEXT>";
  uint32_t at = 0;
  int tid = 1;
  for (const Timex& t : doc.timexes) {
    if (t.span.begin < at || t.span.empty() || t.span.end > doc.text.size()) continue;  // overlap
    Escape(std::string_view(doc.text).substr(at, t.span.begin - at), out);
    TimexValue v = TimemlValue(doc, t);
    bool function = t.kind == Timex::Kind::kRelative || (t.kind == Timex::Kind::kAge && t.anchored);
    out << "<TIMEX3 tid=\"t" << tid++ << "\" type=\"" << v.type << "\" value=\"" << v.value
        << "\" temporalFunction=\"" << (function ? "true" : "false") << "\">";
    Escape(doc.Slice(t.span), out);
    out << "</TIMEX3>";
    at = t.span.end;
  }
  Escape(std::string_view(doc.text).substr(at), out);
  out << "</TEXT>\n</TimeML>\n";
}

}  // namespace cairn::annotate
