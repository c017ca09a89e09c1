#include "ingest/dateline.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace cairn::ingest {
namespace {

constexpr const char* kMonths =
    "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

int MonthNumber(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const char* const kPrefixes[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i) {
    if (name.compare(0, 3, kPrefixes[i]) == 0) return i + 1;
  }
  return 0;
}

struct DateRegexes {
  std::regex month_day_year;  // May 20, 2005
  std::regex day_month_year;  // 20 May 2005, 29th of October 2004
  std::regex iso;             // 2005-05-20, 2005/05/20
};

const DateRegexes& Regexes() {
  static const DateRegexes* const r = [] {
    auto* out = new DateRegexes;
    const std::string m = kMonths;
    const auto flags = std::regex::ECMAScript | std::regex::icase;
    out->month_day_year = std::regex(
        "\\b" + m + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b", flags);
    out->day_month_year = std::regex(
        "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + m + "\\.?,?\\s+(\\d{4})\\b", flags);
    out->iso = std::regex("\\b(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})\\b", flags);
    return out;
  }();
  return *r;
}

void Collect(std::string_view line, const std::regex& re, int yi, int mi, int di, bool month_name,
             std::vector<FoundDate>* out) {
  using It = std::string_view::const_iterator;
  for (std::regex_iterator<It> it(line.begin(), line.end(), re), end; it != end; ++it) {
    const auto& m = *it;
    int y = std::stoi(m[yi].str());
    int mo = month_name ? MonthNumber(m[mi].str()) : std::stoi(m[mi].str());
    int d = std::stoi(m[di].str());
    if (mo < 1 || mo > 12 || d < 1 || y < 1000 || y > 2999 || !IsValidDate(y, mo, d)) continue;
    FoundDate f;
    f.day = DayFromCivil(y, mo, d);
    f.begin = static_cast<size_t>(m.position(0));
    f.end = f.begin + static_cast<size_t>(m.length(0));
    out->push_back(f);
  }
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpaceOrPunct(unsigned char c) {
  return std::isspace(c) || c == ',' || c == ':' || c == '|' || c == '-' || c == '(' ||
         c == ')' || c == '.' || c == '[' || c == ']' || c == '/';
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  // A no-break space (U+00A0) counts as white space too.
  while (e >= b + 2 && s.substr(e - 2, 2) == "\xc2\xa0") e -= 2;
  while (b + 2 <= e && s.substr(b, 2) == "\xc2\xa0") b += 2;
  return s.substr(b, e - b);
}

std::string TrimPunct(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpaceOrPunct(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && IsSpaceOrPunct(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::vector<FoundDate> FindDates(std::string_view line) {
  const DateRegexes& r = Regexes();
  std::vector<FoundDate> out;
  Collect(line, r.month_day_year, 3, 1, 2, true, &out);
  Collect(line, r.day_month_year, 3, 2, 1, true, &out);
  Collect(line, r.iso, 1, 2, 3, false, &out);
  std::sort(out.begin(), out.end(),
            [](const FoundDate& a, const FoundDate& b) { return a.begin < b.begin; });
  // Drop overlapping matches, keeping the first.
  std::vector<FoundDate> kept;
  for (const FoundDate& f : out) {
    if (!kept.empty() && f.begin < kept.back().end) continue;
    kept.push_back(f);
  }
  return kept;
}

std::optional<Day> ParseDateLine(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 80) return std::nullopt;
  std::vector<FoundDate> dates = FindDates(line);
  if (dates.size() != 1) return std::nullopt;
  const FoundDate& f = dates[0];
  // What precedes the date: nothing, a "posted on" style lead, a weekday.
  static const std::regex kPrefix(
      "^(?:(?:posted|published|updated|written|dated|last updated|date|on)(?:\\s+on)?\\s*:?\\s*)?"
      "(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s*)?$",
      std::regex::ECMAScript | std::regex::icase);
  std::string before = TrimPunct(line.substr(0, f.begin));
  if (!std::regex_match(before, kPrefix)) return std::nullopt;
  // What follows: nothing, or a time of day ("at 10:32 am", "| 9:00 KST").
  static const std::regex kSuffix(
      "^(?:(?:at|@)\\s*)?(?:\\d{1,2}[:.]\\d{2}(?:[:.]\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?"
      "(?:\\s*[a-z]{2,4})?)?$",
      std::regex::ECMAScript | std::regex::icase);
  std::string after = TrimPunct(line.substr(f.end));
  if (!std::regex_match(after, kSuffix)) return std::nullopt;
  return f.day;
}

std::optional<std::string> ParseByline(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 80) return std::nullopt;
  static const std::regex kLead(
      "^(?:(?:posted|written|words|story|text|reported|interview)\\s+by|by|author\\s*:)\\s*:?\\s+",
      std::regex::ECMAScript | std::regex::icase);
  std::string s(line);
  std::smatch m;
  if (!std::regex_search(s, m, kLead)) return std::nullopt;
  std::string name = s.substr(static_cast<size_t>(m.length(0)));
  // Cut a trailing role or date: "Jane Doe, Staff Writer", "Jane Doe | May 2".
  size_t cut = name.find_first_of(",|");
  if (cut != std::string::npos) name = name.substr(0, cut);
  name = std::string(Trim(name));
  if (name.empty()) return std::nullopt;
  // One to five words, each capitalized (or Hangul), "and"/"&" allowed inside.
  size_t words = 0;
  size_t pos = 0;
  while (pos < name.size()) {
    size_t sp = name.find(' ', pos);
    if (sp == std::string::npos) sp = name.size();
    std::string_view w(name.data() + pos, sp - pos);
    pos = sp + 1;
    if (w.empty()) continue;
    if (w == "and" || w == "&" || w == "de" || w == "van" || w == "von") continue;
    unsigned char c0 = static_cast<unsigned char>(w[0]);
    bool cap = std::isupper(c0) != 0;
    bool hangul = c0 >= 0xEA && c0 <= 0xED;  // UTF-8 lead bytes of the Hangul syllables block
    bool latin_ext = c0 == 0xC3 || c0 == 0xC5;  // accented capitals such as Á, Š
    if (!cap && !hangul && !latin_ext) return std::nullopt;
    ++words;
  }
  if (words == 0 || words > 5) return std::nullopt;
  return name;
}

std::optional<QuotedSourceLine> ParseQuotedSourceLine(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 160) return std::nullopt;
  static const std::regex kLead(
      "^(?:(from|source|via|reprinted from|excerpted from)\\s*:\\s*|"
      "(original(?:ly)?\\s+publi(?:cation|shed)(?:\\s+(?:in|by|at))?)\\s*:?\\s+)",
      std::regex::ECMAScript | std::regex::icase);
  std::string s(line);
  std::smatch m;
  if (!std::regex_search(s, m, kLead)) return std::nullopt;
  QuotedSourceLine q;
  q.original = m[2].matched;
  std::string rest = s.substr(static_cast<size_t>(m.length(0)));
  std::vector<FoundDate> dates = FindDates(rest);
  std::string outlet = rest;
  if (!dates.empty()) {
    q.date = dates.front().day;
    outlet = rest.substr(0, dates.front().begin);
  } else if (rest.size() > 60) {
    return std::nullopt;  // a long line without a date is prose, not a source line
  }
  outlet = TrimPunct(outlet);
  // "X on" -> "X".
  std::string low = Lower(outlet);
  if (low.size() > 3 && low.compare(low.size() - 3, 3, " on") == 0) {
    outlet = TrimPunct(outlet.substr(0, outlet.size() - 3));
  }
  q.source = outlet;
  if (q.source.empty() && !q.date) return std::nullopt;
  return q;
}

}  // namespace cairn::ingest
