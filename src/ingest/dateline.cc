#include "ingest/dateline.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "core/ascii.h"

namespace cairn::ingest {
namespace {

// Hand-written scanners with the exact semantics of the regular expressions
// they replaced (ECMAScript, case-insensitive, "C" locale: \s is ASCII white
// space, \b is a boundary between [A-Za-z0-9_] and anything else); a test
// checks them against std::regex on generated lines. std::regex cost most of
// ingest's time.

bool IsDigitC(char c) { return c >= '0' && c <= '9'; }

// s[i..] starts with the lower-case `word`, ignoring case.
bool HasI(std::string_view s, size_t i, std::string_view word) {
  if (i > s.size() || s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (ascii::Lower(s[i + k]) != word[k]) return false;
  }
  return true;
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && ascii::IsSpace(s[i])) ++i;
  return i;
}

size_t SkipDigits(std::string_view s, size_t i) {
  while (i < s.size() && IsDigitC(s[i])) ++i;
  return i;
}

// The month name forms at s[i], longest first as the regex tries them:
// jan(uary) feb(ruary) mar(ch) apr(il) may jun(e) jul(y) aug(ust)
// sep(t(ember)) oct(ober) nov(ember) dec(ember). Returns the month number and
// fills the candidate ends (at most three).
int MonthAt(std::string_view s, size_t i, size_t ends[3], int* n_ends) {
  struct Form {
    const char* stem;
    const char* tails[2];  // longest first; "" = the stem alone
  };
  static const Form kForms[12] = {
      {"jan", {"uary", nullptr}}, {"feb", {"ruary", nullptr}}, {"mar", {"ch", nullptr}},
      {"apr", {"il", nullptr}},   {"may", {nullptr, nullptr}}, {"jun", {"e", nullptr}},
      {"jul", {"y", nullptr}},    {"aug", {"ust", nullptr}},   {"sep", {"tember", "t"}},
      {"oct", {"ober", nullptr}}, {"nov", {"ember", nullptr}}, {"dec", {"ember", nullptr}},
  };
  *n_ends = 0;
  for (int m = 0; m < 12; ++m) {
    if (!HasI(s, i, kForms[m].stem)) continue;
    size_t stem_end = i + 3;
    for (const char* tail : kForms[m].tails) {
      if (tail && HasI(s, stem_end, tail)) ends[(*n_ends)++] = stem_end + std::string_view(tail).size();
    }
    ends[(*n_ends)++] = stem_end;
    return m + 1;
  }
  return 0;
}

// (?:st|nd|rd|th)? at s[i]: the end after an ordinal suffix, or i.
size_t SkipOrdinal(std::string_view s, size_t i) {
  if (HasI(s, i, "st") || HasI(s, i, "nd") || HasI(s, i, "rd") || HasI(s, i, "th")) return i + 2;
  return i;
}

// \d{1,2} at s[i], whole digit run (the regexes' continuations never accept a
// third digit): the end, or npos.
constexpr size_t kNo = std::string_view::npos;
size_t Digits12(std::string_view s, size_t i) {
  size_t e = SkipDigits(s, i);
  return e > i && e - i <= 2 ? e : kNo;
}

// (\d{4})\b at s[i]: the end, or npos.
size_t Year4(std::string_view s, size_t i) {
  size_t e = SkipDigits(s, i);
  if (e - i != 4) return kNo;
  return (e < s.size() && ascii::IsWord(s[e])) ? kNo : e;
}

int ToInt(std::string_view s, size_t b, size_t e) {
  int v = 0;
  for (size_t i = b; i < e; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

struct RawDate {
  size_t begin = 0, end = 0;
  int y = 0, m = 0, d = 0;
};

// \b month \.? \s+ (\d{1,2}) (?:st|nd|rd|th)? ,? \s+ (\d{4}) \b at s[i].
bool MonthDayYearAt(std::string_view s, size_t i, RawDate* out) {
  if (i > 0 && ascii::IsWord(s[i - 1])) return false;
  size_t ends[3];
  int n = 0;
  int month = MonthAt(s, i, ends, &n);
  if (month == 0) return false;
  for (int k = 0; k < n; ++k) {
    size_t p = ends[k];
    if (p < s.size() && s[p] == '.') ++p;
    size_t q = SkipSpace(s, p);
    if (q == p) continue;
    size_t de = Digits12(s, q);
    if (de == kNo) continue;
    size_t r = SkipOrdinal(s, de);
    if (r < s.size() && s[r] == ',') ++r;
    size_t t = SkipSpace(s, r);
    if (t == r) continue;
    size_t ye = Year4(s, t);
    if (ye == kNo) continue;
    *out = {i, ye, ToInt(s, t, ye), month, ToInt(s, q, de)};
    return true;
  }
  return false;
}

// \b (\d{1,2}) (?:st|nd|rd|th)? \s+ (?:of\s+)? month \.? ,? \s+ (\d{4}) \b at s[i].
bool DayMonthYearAt(std::string_view s, size_t i, RawDate* out) {
  if (i > 0 && ascii::IsWord(s[i - 1])) return false;
  size_t de = Digits12(s, i);
  if (de == kNo) return false;
  size_t r = SkipOrdinal(s, de);
  size_t p = SkipSpace(s, r);
  if (p == r) return false;
  // (?:of\s+)? is tried first; no month starts with "of".
  if (HasI(s, p, "of")) {
    size_t q = SkipSpace(s, p + 2);
    if (q > p + 2) p = q;
  }
  size_t ends[3];
  int n = 0;
  int month = MonthAt(s, p, ends, &n);
  if (month == 0) return false;
  for (int k = 0; k < n; ++k) {
    size_t e = ends[k];
    if (e < s.size() && s[e] == '.') ++e;
    if (e < s.size() && s[e] == ',') ++e;
    size_t t = SkipSpace(s, e);
    if (t == e) continue;
    size_t ye = Year4(s, t);
    if (ye == kNo) continue;
    *out = {i, ye, ToInt(s, t, ye), month, ToInt(s, i, de)};
    return true;
  }
  return false;
}

// \b (\d{4}) [-/] (\d{1,2}) [-/] (\d{1,2}) \b at s[i].
bool IsoAt(std::string_view s, size_t i, RawDate* out) {
  if (i > 0 && ascii::IsWord(s[i - 1])) return false;
  size_t ye = SkipDigits(s, i);
  if (ye - i != 4 || ye >= s.size() || (s[ye] != '-' && s[ye] != '/')) return false;
  size_t me = Digits12(s, ye + 1);
  if (me == kNo || me >= s.size() || (s[me] != '-' && s[me] != '/')) return false;
  size_t de = Digits12(s, me + 1);
  if (de == kNo || (de < s.size() && ascii::IsWord(s[de]))) return false;
  *out = {i, de, ToInt(s, i, ye), ToInt(s, ye + 1, me), ToInt(s, me + 1, de)};
  return true;
}

// Every non-overlapping match of one pattern, leftmost first, each search
// going on after the previous match (valid dates or not, as regex_iterator).
template <typename At>
void Collect(std::string_view line, At at, std::vector<FoundDate>* out) {
  size_t i = 0;
  while (i < line.size()) {
    RawDate r;
    if (!at(line, i, &r)) {
      ++i;
      continue;
    }
    i = r.end;
    if (r.m < 1 || r.m > 12 || r.d < 1 || r.y < 1000 || r.y > 2999 || !IsValidDate(r.y, r.m, r.d)) {
      continue;
    }
    FoundDate f;
    f.day = DayFromCivil(r.y, r.m, r.d);
    f.begin = r.begin;
    f.end = r.end;
    out->push_back(f);
  }
}

bool IsSpaceOrPunct(unsigned char c) {
  return std::isspace(c) || c == ',' || c == ':' || c == '|' || c == '-' || c == '(' ||
         c == ')' || c == '.' || c == '[' || c == ']' || c == '/';
}

std::string_view Trim(std::string_view s) {
  s = ascii::Trim(s);
  size_t b = 0, e = s.size();
  // A no-break space (U+00A0) counts as white space too.
  while (e >= b + 2 && s.substr(e - 2, 2) == "\xc2\xa0") e -= 2;
  while (b + 2 <= e && s.substr(b, 2) == "\xc2\xa0") b += 2;
  return s.substr(b, e - b);
}

std::string_view TrimPunct(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsSpaceOrPunct(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && IsSpaceOrPunct(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

// \s*:?\s* from i (deterministic).
size_t SkipSpaceColonSpace(std::string_view s, size_t i) {
  i = SkipSpace(s, i);
  if (i < s.size() && s[i] == ':') ++i;
  return SkipSpace(s, i);
}

// The whole of `s` matches
//   (?:(?:posted|published|updated|written|dated|last updated|date|on)(?:\s+on)?\s*:?\s*)?
//   (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?
// ignoring case.
bool IsDatePrefix(std::string_view s) {
  auto weekday_to_end = [&](size_t i) {
    if (i == s.size()) return true;  // the weekday group is optional
    static const char* const kDays[] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    for (const char* d : kDays) {
      if (!HasI(s, i, d)) continue;
      size_t e = i + std::string_view(d).size();
      if (e < s.size() && s[e] == ',') ++e;
      return SkipSpace(s, e) == s.size();
    }
    return false;
  };
  if (weekday_to_end(0)) return true;
  static const char* const kLeads[] = {"posted", "published", "updated", "written",
                                       "dated",  "last updated", "date", "on"};
  for (const char* lead : kLeads) {
    if (!HasI(s, 0, lead)) continue;
    size_t e = std::string_view(lead).size();
    // (?:\s+on)? taken or not, then \s*:?\s*.
    size_t sp = SkipSpace(s, e);
    if (sp > e && HasI(s, sp, "on") && weekday_to_end(SkipSpaceColonSpace(s, sp + 2))) return true;
    if (weekday_to_end(SkipSpaceColonSpace(s, e))) return true;
  }
  return false;
}

// The whole of `s` matches
//   (?:(?:at|@)\s*)?(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[a-z]{2,4})?)?
// ignoring case.
bool IsTimeSuffix(std::string_view s) {
  auto zone_to_end = [&](size_t i) {  // (?:\s*[a-z]{2,4})?$
    if (i == s.size()) return true;
    size_t b = SkipSpace(s, i);
    size_t e = b;
    while (e < s.size() && std::isalpha(static_cast<unsigned char>(s[e]))) ++e;
    return e == s.size() && e - b >= 2 && e - b <= 4;
  };
  auto time_to_end = [&](size_t i) {
    if (i == s.size()) return true;  // the time group is optional
    size_t h = SkipDigits(s, i);
    // \d{1,2} then [:.]: the digit run must be one or two long.
    if (h == i || h - i > 2 || h >= s.size() || (s[h] != ':' && s[h] != '.')) return false;
    size_t m = h + 1;
    if (m + 2 > s.size() || !IsDigitC(s[m]) || !IsDigitC(s[m + 1])) return false;
    // (?:[:.]\d{2})? taken or not; then \s*, the meridiem taken or not, then the zone.
    size_t after_min[2];
    int n = 0;
    size_t p = m + 2;
    if (p + 3 <= s.size() && (s[p] == ':' || s[p] == '.') && IsDigitC(s[p + 1]) &&
        IsDigitC(s[p + 2])) {
      after_min[n++] = p + 3;
    }
    after_min[n++] = p;
    for (int k = 0; k < n; ++k) {
      size_t q = SkipSpace(s, after_min[k]);
      for (const char* mer : {"am", "pm", "a.m.", "p.m."}) {
        if (HasI(s, q, mer) && zone_to_end(q + std::string_view(mer).size())) return true;
      }
      // No meridiem: the zone (or the end) after all the white space, or the
      // zone's own \s* taking the white space.
      if (zone_to_end(q) || zone_to_end(after_min[k])) return true;
    }
    return false;
  };
  if (time_to_end(0)) return true;
  size_t lead = 0;
  if (HasI(s, 0, "at")) lead = 2;
  else if (!s.empty() && s[0] == '@') lead = 1;
  return lead > 0 && time_to_end(SkipSpace(s, lead));
}


// The end of `\s*:?\s+` at s[i] (greedy, with the regex's backtracking), or npos.
size_t SpaceColonSpaces(std::string_view s, size_t i) {
  size_t w = SkipSpace(s, i);
  if (w < s.size() && s[w] == ':') {
    size_t after = SkipSpace(s, w + 1);
    if (after > w + 1) return after;
  }
  return w > i ? w : kNo;
}

// ^(?:(?:posted|written|words|story|text|reported|interview)\s+by|by|author\s*:)\s*:?\s+
// ignoring case: the length of the match, or npos.
size_t BylineLead(std::string_view s) {
  static const char* const kWords[] = {"posted", "written", "words",    "story",
                                       "text",   "reported", "interview"};
  for (const char* w : kWords) {
    if (!HasI(s, 0, w)) continue;
    size_t e = std::string_view(w).size();
    size_t b = SkipSpace(s, e);
    if (b > e && HasI(s, b, "by")) {
      size_t end = SpaceColonSpaces(s, b + 2);
      if (end != kNo) return end;
    }
  }
  if (HasI(s, 0, "by")) {
    size_t end = SpaceColonSpaces(s, 2);
    if (end != kNo) return end;
  }
  if (HasI(s, 0, "author")) {
    size_t c = SkipSpace(s, 6);
    if (c < s.size() && s[c] == ':') {
      size_t end = SpaceColonSpaces(s, c + 1);
      if (end != kNo) return end;
    }
  }
  return kNo;
}

// ^(?:(from|source|via|reprinted from|excerpted from)\s*:\s*|
//     (original(?:ly)?\s+publi(?:cation|shed)(?:\s+(?:in|by|at))?)\s*:?\s+)
// ignoring case: the length of the match (npos when none); *original when the
// second alternative matched.
size_t QuotedSourceLead(std::string_view s, bool* original) {
  *original = false;
  static const char* const kWords[] = {"from", "source", "via", "reprinted from", "excerpted from"};
  for (const char* w : kWords) {
    if (!HasI(s, 0, w)) continue;
    size_t c = SkipSpace(s, std::string_view(w).size());
    if (c < s.size() && s[c] == ':') return SkipSpace(s, c + 1);
  }
  if (!HasI(s, 0, "original")) return kNo;
  size_t e = 8;
  if (HasI(s, e, "ly")) e += 2;  // "originally" then \s+; "original" alone would need \s+ at "ly"
  size_t p = SkipSpace(s, e);
  if (p == e || !HasI(s, p, "publi")) return kNo;
  p += 5;
  if (HasI(s, p, "cation")) p += 6;
  else if (HasI(s, p, "shed")) p += 4;
  else return kNo;
  size_t b = SkipSpace(s, p);
  if (b > p && (HasI(s, b, "in") || HasI(s, b, "by") || HasI(s, b, "at"))) {
    size_t end = SpaceColonSpaces(s, b + 2);
    if (end != kNo) {
      *original = true;
      return end;
    }
  }
  size_t end = SpaceColonSpaces(s, p);
  if (end != kNo) *original = true;
  return end;
}

}  // namespace

namespace {

// The matches leftmost first (in the order collected where two begin together), each
// overlapping an earlier one dropped.
std::vector<FoundDate> LeftmostWithoutOverlaps(std::vector<FoundDate> out) {
  std::stable_sort(out.begin(), out.end(),
                   [](const FoundDate& a, const FoundDate& b) { return a.begin < b.begin; });
  std::vector<FoundDate> kept;
  for (const FoundDate& f : out) {
    if (!kept.empty() && f.begin < kept.back().end) continue;
    kept.push_back(f);
  }
  return kept;
}

}  // namespace

std::vector<FoundDate> FindDates(std::string_view line) {
  std::vector<FoundDate> out;
  Collect(line, MonthDayYearAt, &out);
  Collect(line, DayMonthYearAt, &out);
  Collect(line, IsoAt, &out);
  return LeftmostWithoutOverlaps(std::move(out));
}

std::optional<Day> ParseDateLine(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 80) return std::nullopt;
  std::vector<FoundDate> dates = FindDates(line);
  if (dates.size() != 1) return std::nullopt;
  const FoundDate& f = dates[0];
  // What precedes the date: nothing, a "posted on" style lead, a weekday.
  if (!IsDatePrefix(TrimPunct(line.substr(0, f.begin)))) return std::nullopt;
  // What follows: nothing, a time of day ("at 10:32 am", "| 9:00 KST"), or
  // a byline ("by Jane Doe").
  std::string_view after = TrimPunct(line.substr(f.end));
  if (!IsTimeSuffix(after) && !(HasI(after, 0, "by") && ParseByline(after))) return std::nullopt;
  return f.day;
}

namespace {

// The fields of a header line, split at '|', '·' (U+00B7) and '•' (U+2022).
std::vector<std::string_view> HeaderFields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i < line.size();) {
    size_t sep = 0;
    if (line[i] == '|') {
      sep = 1;
    } else if (line.substr(i, 2) == "\xc2\xb7") {
      sep = 2;
    } else if (line.substr(i, 3) == "\xe2\x80\xa2") {
      sep = 3;
    }
    if (sep == 0) {
      ++i;
      continue;
    }
    out.push_back(Trim(line.substr(start, i - start)));
    i += sep;
    start = i;
  }
  out.push_back(Trim(line.substr(start)));
  return out;
}

bool StartsCapital(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xC3;
}

// "by the Editorial Team", "by Jane Doe in Books": "by", maybe "the", then a
// capitalized word.
bool LooseBylineTail(std::string_view s) {
  if (!HasI(s, 0, "by ")) return false;
  size_t i = SkipSpace(s, 3);
  if (HasI(s, i, "the ")) i = SkipSpace(s, i + 4);
  return i < s.size() && StartsCapital(s.substr(i));
}

// A place or label before a date: at most six words, each capitalized (or a
// number), the last one followed by a comma ("Geneva,", "NEW YORK,",
// "Meeting No. 12, Tuesday,").
bool IsLabelPrefix(std::string_view prefix) {
  prefix = Trim(prefix);
  if (prefix.empty() || prefix.back() != ',') return false;
  size_t words = 0;
  for (size_t i = 0; i < prefix.size();) {
    i = SkipSpace(prefix, i);
    size_t e = i;
    while (e < prefix.size() && !ascii::IsSpace(prefix[e])) ++e;
    if (e == i) break;
    std::string_view w = prefix.substr(i, e - i);
    if (!StartsCapital(w)) return false;
    ++words;
    i = e;
  }
  return words >= 1 && words <= 6;
}

std::optional<Day> HeaderFieldDate(std::string_view field) {
  if (field.empty() || field.size() > 120) return std::nullopt;
  if (field.size() <= 80) {
    if (auto d = ParseDateLine(field)) return d;
  }
  std::vector<FoundDate> dates = FindDates(field);
  if (dates.size() != 1) return std::nullopt;
  const FoundDate& f = dates[0];
  std::string_view prefix = field.substr(0, f.begin);
  std::string_view after = TrimPunct(field.substr(f.end));
  if (IsDatePrefix(TrimPunct(prefix)) && LooseBylineTail(after)) return f.day;
  if (IsTimeSuffix(after) && IsLabelPrefix(prefix)) return f.day;
  return std::nullopt;
}

}  // namespace

std::optional<Day> ParseHeaderDate(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 240) return std::nullopt;
  // An "Updated" field gives way to any other dated field of the line.
  std::optional<Day> updated;
  for (std::string_view field : HeaderFields(line)) {
    auto d = HeaderFieldDate(field);
    if (!d) continue;
    bool update = HasI(field, 0, "updated") || HasI(field, 0, "last updated");
    if (!update) return d;
    if (!updated) updated = d;
  }
  return updated;
}

std::optional<Day> ParseNewsDateline(std::string_view raw) {
  std::string_view line = Trim(raw);
  std::vector<FoundDate> dates = FindDates(line.substr(0, std::min<size_t>(line.size(), 100)));
  if (dates.empty()) return std::nullopt;
  const FoundDate& f = dates.front();
  // The place: one to five words in capitals, nothing in lower case.
  std::string_view place = TrimPunct(line.substr(0, f.begin));
  if (place.empty() || place.size() > 40) return std::nullopt;
  size_t caps_run = 0, longest_caps = 0;
  for (char c : place) {
    if (c >= 'A' && c <= 'Z') {
      longest_caps = std::max(longest_caps, ++caps_run);
      continue;
    }
    caps_run = 0;
    if (c != ' ' && c != ',' && c != '.' && c != '\'' && c != '-') return std::nullopt;
  }
  if (longest_caps < 2) return std::nullopt;
  // Then a dash (em, en, "--" or "-") and the story.
  std::string_view rest = line.substr(f.end);
  size_t i = SkipSpace(rest, 0);
  // An agency in parentheses: "(Reuters)".
  if (i < rest.size() && rest[i] == '(') {
    size_t close = rest.find(')', i);
    if (close == std::string_view::npos || close - i > 40) return std::nullopt;
    i = SkipSpace(rest, close + 1);
  }
  if (rest.substr(i, 3) == "\xe2\x80\x94" || rest.substr(i, 3) == "\xe2\x80\x93") {
    i += 3;
  } else if (rest.substr(i, 2) == "--") {
    i += 2;
  } else if (rest.substr(i, 1) == "-") {
    i += 1;
  } else {
    return std::nullopt;
  }
  if (Trim(rest.substr(i)).empty()) return std::nullopt;
  return f.day;
}

std::optional<std::string> ParseByline(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 80) return std::nullopt;
  size_t lead = BylineLead(line);
  if (lead == kNo) {
    // "Posted on June 2, 2022 by Name": a dateline, then the byline.
    std::string low = ascii::Lower(line);
    size_t by = low.rfind(" by ");
    if (by == std::string::npos || !ParseDateLine(line.substr(0, by))) return std::nullopt;
    return ParseByline(line.substr(by + 1));
  }
  std::string name(line.substr(lead));
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
  QuotedSourceLine q;
  size_t lead = QuotedSourceLead(line, &q.original);
  if (lead == kNo) return std::nullopt;
  std::string rest(line.substr(lead));
  std::vector<FoundDate> dates = FindDates(rest);
  std::string outlet = rest;
  if (!dates.empty()) {
    q.date = dates.front().day;
    outlet = rest.substr(0, dates.front().begin);
  } else if (rest.size() > 60) {
    return std::nullopt;  // a long line without a date is prose, not a source line
  }
  outlet = std::string(TrimPunct(outlet));
  // "X on" -> "X".
  std::string low = ascii::Lower(outlet);
  if (low.size() > 3 && low.compare(low.size() - 3, 3, " on") == 0) {
    outlet = std::string(TrimPunct(std::string_view(outlet).substr(0, outlet.size() - 3)));
  }
  q.source = outlet;
  if (q.source.empty() && !q.date) return std::nullopt;
  return q;
}

namespace {

// \b (\d{4}) \. \s? (\d{1,2}) \. \s? (\d{1,2}) \.? \b at s[i]: "2018.04.15",
// "2018. 4. 15." (the Korean way of writing a date in figures).
bool DottedAt(std::string_view s, size_t i, RawDate* out) {
  if (i > 0 && ascii::IsWord(s[i - 1])) return false;
  size_t ye = SkipDigits(s, i);
  if (ye - i != 4 || ye >= s.size() || s[ye] != '.') return false;
  size_t m = ye + 1;
  if (m < s.size() && s[m] == ' ') ++m;
  size_t me = Digits12(s, m);
  if (me == kNo || me >= s.size() || s[me] != '.') return false;
  size_t d = me + 1;
  if (d < s.size() && s[d] == ' ') ++d;
  size_t de = Digits12(s, d);
  if (de == kNo || (de < s.size() && ascii::IsWord(s[de]))) return false;
  size_t end = de < s.size() && s[de] == '.' ? de + 1 : de;
  *out = {i, end, ToInt(s, i, ye), ToInt(s, m, me), ToInt(s, d, de)};
  return true;
}

// (\d{4}) \s* 년 \s* (\d{1,2}) \s* 월 \s* (\d{1,2}) \s* 일 at s[i].
bool HangulDateAt(std::string_view s, size_t i, RawDate* out) {
  static constexpr std::string_view kYear = "\xeb\x85\x84", kMonth = "\xec\x9b\x94",
                                    kDay = "\xec\x9d\xbc";
  if (i > 0 && IsDigitC(s[i - 1])) return false;
  size_t ye = SkipDigits(s, i);
  if (ye - i != 4) return false;
  size_t p = SkipSpace(s, ye);
  if (s.substr(p, 3) != kYear) return false;
  size_t m = SkipSpace(s, p + 3);
  size_t me = Digits12(s, m);
  if (me == kNo) return false;
  p = SkipSpace(s, me);
  if (s.substr(p, 3) != kMonth) return false;
  size_t d = SkipSpace(s, p + 3);
  size_t de = Digits12(s, d);
  if (de == kNo) return false;
  p = SkipSpace(s, de);
  if (s.substr(p, 3) != kDay) return false;
  *out = {i, p + 3, ToInt(s, i, ye), ToInt(s, m, me), ToInt(s, d, de)};
  return true;
}

// \b (\d{1,2}) [/.] (\d{1,2}) [/.] (\d{4}) \b at s[i], read only when one
// order is possible: "22/06/2020" (day first), "06/22/2020" (month first).
bool NumericUnambiguousAt(std::string_view s, size_t i, RawDate* out) {
  if (i > 0 && (ascii::IsWord(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '/')) return false;
  size_t ae = Digits12(s, i);
  if (ae == kNo || ae >= s.size() || (s[ae] != '/' && s[ae] != '.')) return false;
  size_t be = Digits12(s, ae + 1);
  if (be == kNo || be >= s.size() || s[be] != s[ae]) return false;
  size_t ye = Year4(s, be + 1);
  if (ye == kNo || (ye < s.size() &&
                    (s[ye] == '/' || (s[ye] == '.' && ye + 1 < s.size() && IsDigitC(s[ye + 1]))))) {
    return false;
  }
  int a = ToInt(s, i, ae), b = ToInt(s, ae + 1, be);
  bool day_first = a > 12 && b <= 12, month_first = b > 12 && a <= 12;
  if (day_first == month_first) return false;
  int y = ToInt(s, be + 1, ye);
  *out = day_first ? RawDate{i, ye, y, b, a} : RawDate{i, ye, y, a, b};
  return true;
}

// FindDates and the written forms above, leftmost first, overlaps dropped.
std::vector<FoundDate> FindAllDates(std::string_view line) {
  std::vector<FoundDate> out = FindDates(line);
  Collect(line, DottedAt, &out);
  Collect(line, HangulDateAt, &out);
  Collect(line, NumericUnambiguousAt, &out);
  return LeftmostWithoutOverlaps(std::move(out));
}

std::vector<std::string> LowerWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    i = SkipSpace(s, i);
    size_t e = i;
    while (e < s.size() && !ascii::IsSpace(s[e])) ++e;
    if (e > i) out.push_back(ascii::Lower(s.substr(i, e - i)));
    i = e;
  }
  return out;
}

bool IsWeekdayWord(std::string w) {
  while (!w.empty() && (w.back() == ',' || w.back() == '.')) w.pop_back();
  static const char* const kDays[] = {"mon",       "monday", "tue",      "tues",  "tuesday",  "wed",
                                      "wednesday", "thu",    "thur",     "thurs", "thursday", "fri",
                                      "friday",    "sat",    "saturday", "sun",   "sunday"};
  for (const char* d : kDays) {
    if (w == d) return true;
  }
  return false;
}

bool IsDateLabelWord(const std::string& w) {
  static const char* const kLeads[] = {
      "published", "posted",   "updated",     "modified",  "edited",   "revised",  "filed",
      "issued",    "released", "dated",       "date",      "created",  "uploaded", "aired",
      "broadcast", "written",  "promulgated", "delivered", "submitted"};
  for (const char* l : kLeads) {
    if (w == l) return true;
  }
  return false;
}

bool IsUpdateWord(const std::string& w) {
  return w == "updated" || w == "modified" || w == "edited" || w == "revised";
}

// What comes before the date: a label naming the date, maybe a weekday.
// Sets *bare when there is no label, *update for a label of change.
bool DateLabel(std::string_view prefix, bool* bare, bool* update) {
  std::string_view trimmed = Trim(prefix);
  const bool colon = !trimmed.empty() && trimmed.back() == ':';
  std::vector<std::string> w = LowerWords(TrimPunct(prefix));
  if (!w.empty() && IsWeekdayWord(w.back())) w.pop_back();
  *bare = w.empty();
  *update = false;
  if (w.empty()) return true;
  if (w.size() > 6) return false;
  if (w.back() == "on" || w.back() == "at") w.pop_back();
  size_t b = 0;
  if (w.size() >= 3 && w[0] == "this" && w[2] == "was" &&
      (w[1] == "page" || w[1] == "entry" || w[1] == "post" || w[1] == "article")) {
    b = 3;  // "This page was last edited on", "This entry was posted on"
  } else if (!w.empty() && w[0] == "page") {
    b = 1;
  }
  if (b < w.size() && (w[b] == "first" || w[b] == "last")) ++b;
  std::vector<std::string> rest(w.begin() + static_cast<long>(b), w.end());
  auto vital = [](const std::string& x) {
    return x == "birth" || x == "born" || x == "death" || x == "died";
  };
  bool ok = false;
  if (rest.size() == 1 && IsDateLabelWord(rest[0])) {
    ok = true;
    *update = IsUpdateWord(rest[0]);
  } else if (rest.size() == 2 && colon && IsDateLabelWord(rest[1]) && !vital(rest[0]) &&
             !IsDateLabelWord(rest[0])) {
    ok = true;  // "Determination promulgated:", "Hearing date:"
    *update = IsUpdateWord(rest[1]);
  } else if (rest.size() == 3 && rest[0] == "date" && rest[1] == "of" && !vital(rest[2])) {
    ok = true;  // "Date of hearing:"
  }
  return ok;
}

// What may follow the date: nothing, a time of day ("06.00 EST", "at 04:12
// (UTC)"), or a category ("in Stories").
bool DateTail(std::string_view after) {
  std::string t(after);
  // A blog footer's filing clause: "at 10:32 am and is filed under News."
  for (const char* clause : {" and is filed under ", " and filed under "}) {
    size_t at = ascii::Lower(t).find(clause);
    if (at != std::string::npos) t.resize(at);
  }
  for (char& c : t) {
    if (c == '(' || c == ')') c = ' ';
  }
  std::string_view v = TrimPunct(t);
  if (v.empty() || IsTimeSuffix(v)) return true;
  if (!HasI(v, 0, "in ")) return false;
  std::vector<std::string> words = LowerWords(v.substr(3));
  return !words.empty() && words.size() <= 4 && StartsCapital(TrimPunct(v.substr(3)));
}

}  // namespace

std::optional<LabelledDate> ParseLabelledDate(std::string_view raw) {
  std::string_view line = Trim(raw);
  if (line.empty() || line.size() > 160) return std::nullopt;
  std::optional<LabelledDate> update;
  for (std::string_view field : HeaderFields(line)) {
    std::vector<FoundDate> dates = FindAllDates(field);
    if (dates.size() != 1) continue;
    LabelledDate found;
    found.day = dates[0].day;
    if (!DateLabel(field.substr(0, dates[0].begin), &found.bare, &found.update)) continue;
    if (!DateTail(field.substr(dates[0].end))) continue;
    if (!found.update) return found;
    if (!update) update = found;
  }
  return update;
}

}  // namespace cairn::ingest
