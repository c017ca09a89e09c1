// TimeTagger: a hand-written scanner over each sentence's own light
// tokenization (words, digit runs with their suffix, punctuation), after
// HeidelTime: matching (Scanner::Match*), normalization (the interval
// helpers) and the reference time (Ref / anchor) are kept apart.
//
// Conventions (also stated in data/timex.tsv):
//   early / mid / late of a year  = Jan-Apr / May-Aug / Sep-Dec (kSeason)
//   early / mid / late of a month = days 1-10 / 11-20 / 21-end (kMonth)
//   early / mid / late of a decade = years 0-3 / 3-7 / 7-9 (kDecade)
//   seasons are meteorological: spring Mar-May, summer Jun-Aug, autumn
//     Sep-Nov, winter of Y = Dec Y .. end of Feb Y+1
//   circa / around / about a single year widens it by one year either side;
//     a range ("c. 1970-1971") already states its uncertainty and is kept.
//   "a decade ago" is ref - 10 years, widened by one year either side.
//   Anaphoric offsets ("a year later") shift the whole anchor interval and
//     widen it to the unit: years to calendar years, months to months.
//   A month with no year resolves against the previous dated expression of
//     the same part when there is one (narrative time), else against the
//     reference date (the nearest such month not after it).
//   Ages stated in the present ("63-year-old", "aged 44", "(age 44)", "who is
//     44") hold on the reference date; ages at a past moment ("at age eight",
//     "at the age of 20", "when she was 17", "as a 17-year-old") leave the
//     value unknown (anchored = false): the moment is the event's, not ours.
//   "recently", "years later", "for years" and "dozens of" are too vague to
//     normalize and are not emitted.
#include "extract/timex.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/data.h"

namespace cairn::extract {
namespace {

// ---------------------------------------------------------------- lexicon

enum Unit : uint8_t { kNoUnit = 0, kUDay, kUWeek, kUMonth, kUYear, kUDecade };

enum Role : uint64_t {
  kLater = 1ull << 0,
  kEarlier = 1ull << 1,
  kAfter = 1ull << 2,
  kBefore = 1ull << 3,
  kAgo = 1ull << 4,
  kInto = 1ull << 5,
  kLast = 1ull << 6,
  kPast = 1ull << 7,
  kThis = 1ull << 8,
  kNext = 1ull << 9,
  kComing = 1ull << 10,
  kFollowing = 1ull << 11,
  kPrevious = 1ull << 12,
  kApprox = 1ull << 13,
  kEarly = 1ull << 14,
  kMid = 1ull << 15,
  kLate = 1ull << 16,
  kEarlyOf = 1ull << 17,
  kMidOf = 1ull << 18,
  kLateOf = 1ull << 19,
  kFor = 1ull << 20,
  kOf = 1ull << 21,
  kThe = 1ull << 22,
  kThat = 1ull << 23,
  kSame = 1ull << 24,
  kOld = 1ull << 25,
  kAge = 1ull << 26,
  kAged = 1ull << 27,
  kBetween = 1ull << 28,
  kFrom = 1ull << 29,
  kTo = 1ull << 30,
  kAnd = 1ull << 31,
  kUntil = 1ull << 32,
  kPrep = 1ull << 33,
  kAs = 1ull << 34,
  kAt = 1ull << 35,
  kYesterday = 1ull << 36,
  kToday = 1ull << 37,
  kTomorrow = 1ull << 38,
  kWas = 1ull << 39,
  kIs = 1ull << 40,
  kWhen = 1ull << 41,
  kWho = 1ull << 42,
  kPron = 1ull << 43,
  kDurMod = 1ull << 44,
  kLabel = 1ull << 45,
  kMeasure = 1ull << 46,
};

struct RoleName {
  std::string_view name;
  uint64_t bit;
};
constexpr std::array<RoleName, 47> kRoleNames = {{
    {"later", kLater},       {"earlier", kEarlier},   {"after", kAfter},
    {"before", kBefore},     {"ago", kAgo},           {"into", kInto},
    {"last", kLast},         {"past", kPast},         {"this", kThis},
    {"next", kNext},         {"coming", kComing},     {"following", kFollowing},
    {"previous", kPrevious}, {"approx", kApprox},     {"early", kEarly},
    {"mid", kMid},           {"late", kLate},         {"early_of", kEarlyOf},
    {"mid_of", kMidOf},      {"late_of", kLateOf},    {"for", kFor},
    {"of", kOf},             {"the", kThe},           {"that", kThat},
    {"same", kSame},         {"old", kOld},           {"age", kAge},
    {"aged", kAged},         {"between", kBetween},   {"from", kFrom},
    {"to", kTo},             {"and", kAnd},           {"until", kUntil},
    {"prep", kPrep},         {"as", kAs},             {"at", kAt},
    {"yesterday", kYesterday}, {"today", kToday},     {"tomorrow", kTomorrow},
    {"was", kWas},           {"is", kIs},             {"when", kWhen},
    {"who", kWho},           {"pron", kPron},         {"durmod", kDurMod},
    {"label", kLabel},       {"measure", kMeasure},
}};

struct Lex {
  uint8_t month = 0;   // 1..12
  bool abbrev = false;  // a month abbreviation ("Dec")
  uint8_t season = 0;  // 1 spring .. 4 winter
  uint8_t weekday = 0;  // 1 Monday .. 7 Sunday
  Unit unit = kNoUnit;
  int number = -1;  // exact number word
  bool tens = false;
  bool article = false;
  int vague_lo = -1, vague_hi = -1;
  bool skip = false;
  bool trigger = false;  // makes a sentence worth scanning
  uint64_t roles = 0;
};

struct SvHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class Lexicon {
 public:
  Lexicon() {
    auto contents = data::Get("timex.tsv");
    if (!contents) return;
    for (const auto& row : data::ParseTsv(*contents)) {
      if (row.size() < 3) continue;
      Lex& e = map_[std::string(row[0])];
      std::string_view cat = row[1], val = row[2];
      if (cat == "month" || cat == "month_abbr") {
        e.month = static_cast<uint8_t>(ToInt(val));
        e.abbrev = cat == "month_abbr";
      } else if (cat == "season") {
        e.season = static_cast<uint8_t>(ToInt(val));
      } else if (cat == "weekday") {
        e.weekday = static_cast<uint8_t>(ToInt(val));
      } else if (cat == "number") {
        e.number = ToInt(val);
      } else if (cat == "tens") {
        e.number = ToInt(val);
        e.tens = true;
      } else if (cat == "article") {
        e.number = ToInt(val);
        e.article = true;
      } else if (cat == "vague") {
        size_t dash = val.find('-');
        if (dash == std::string_view::npos) continue;
        e.vague_lo = ToInt(val.substr(0, dash));
        e.vague_hi = ToInt(val.substr(dash + 1));
      } else if (cat == "skip") {
        e.skip = true;
      } else if (cat == "unit") {
        e.unit = val == "day"     ? kUDay
                 : val == "week"  ? kUWeek
                 : val == "month" ? kUMonth
                 : val == "year"  ? kUYear
                 : val == "decade" ? kUDecade
                                   : kNoUnit;
      } else if (cat == "cue") {
        for (const RoleName& r : kRoleNames) {
          if (r.name == val) e.roles |= r.bit;
        }
      }
      e.trigger = e.month != 0 || e.season != 0 || e.weekday != 0 || e.unit != kNoUnit ||
                  (e.number >= 0 && !e.article) || e.vague_lo >= 0 ||
                  (e.roles & (kYesterday | kToday | kTomorrow | kAge | kAged)) != 0;
    }
  }

  const Lex* Find(std::string_view w) const {
    auto it = map_.find(w);
    return it == map_.end() ? nullptr : &it->second;
  }

 private:
  static int ToInt(std::string_view s) {
    int v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
  std::unordered_map<std::string, Lex, SvHash, std::equal_to<>> map_;
};

const Lexicon& TheLexicon() {
  static const Lexicon* lex = new Lexicon();
  return *lex;
}

// ---------------------------------------------------------------- tokens

struct Tok {
  uint32_t b = 0, e = 0;  // byte offsets (document offsets in Run)
  std::string_view low;   // lowercased letters, or the digits
  char kind = 0;          // 'w' word, 'n' number, 'p' punctuation, 'o' other
  char punct = 0;         // normalized: dashes -> '-', curly quotes -> '\'' / '"'
  bool space = true;      // white space (or start) before
  bool upper = false;     // first letter uppercase
  int num = -1;           // value of the digit run
  int digits = 0;
  std::string_view suffix;  // letters glued after digits ("th", "s")
  const Lex* lex = nullptr;
};

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Tokenizes `s` (located at `base` in the document). `low` receives the
// lowercased copy the tokens view. Returns true when some token can start a
// temporal expression.
bool Tokenize(std::string_view s, uint32_t base, const Lexicon& lx, std::string* low,
              std::vector<Tok>* out) {
  out->clear();
  low->assign(s.data(), s.size());
  for (char& c : *low) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  const std::string_view l(*low);
  bool trigger = false;
  bool space = true;
  size_t i = 0;
  const size_t n = s.size();
  auto push = [&](size_t b, size_t e, char kind) -> Tok& {
    Tok& t = out->emplace_back();
    t.b = base + static_cast<uint32_t>(b);
    t.e = base + static_cast<uint32_t>(e);
    t.low = l.substr(b, e - b);
    t.kind = kind;
    t.space = space;
    space = false;
    return t;
  };
  while (i < n) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      ++i;
      continue;
    }
    if (IsDigit(c)) {
      size_t j = i;
      while (j < n && IsDigit(s[j])) ++j;
      size_t k = j;
      while (k < n && IsAsciiAlpha(s[k])) ++k;
      Tok& t = push(i, k, 'n');
      t.digits = static_cast<int>(j - i);
      t.low = l.substr(i, j - i);
      t.suffix = l.substr(j, k - j);
      if (t.digits <= 9) {
        int v = 0;
        for (size_t q = i; q < j; ++q) v = v * 10 + (s[q] - '0');
        t.num = v;
      }
      trigger = true;
      i = k;
      continue;
    }
    if (IsAsciiAlpha(c)) {
      size_t j = i;
      while (j < n && IsAsciiAlpha(s[j])) ++j;
      Tok& t = push(i, j, 'w');
      t.upper = c >= 'A' && c <= 'Z';
      if (j - i <= 16) t.lex = lx.Find(t.low);
      if (t.lex != nullptr && t.lex->trigger) trigger = true;
      i = j;
      continue;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      Tok& t = push(i, i + 1, 'p');
      t.punct = c;
      ++i;
      continue;
    }
    // UTF-8: a few punctuation marks matter; everything else is "other".
    size_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
    if (i + len > n) len = n - i;
    std::string_view cp = s.substr(i, len);
    if (cp == "\xC2\xA0") {  // no-break space
      space = true;
      i += len;
      continue;
    }
    char p = 0;
    if (cp == "\xE2\x80\x93" || cp == "\xE2\x80\x94" || cp == "\xE2\x88\x92" ||
        cp == "\xE2\x80\x90" || cp == "\xE2\x80\x91") {
      p = '-';
    } else if (cp == "\xE2\x80\x98" || cp == "\xE2\x80\x99") {
      p = '\'';
    } else if (cp == "\xE2\x80\x9C" || cp == "\xE2\x80\x9D") {
      p = '"';
    }
    if (p != 0) {
      Tok& t = push(i, i + len, 'p');
      t.punct = p;
    } else if (!out->empty() && out->back().kind == 'o' && !space &&
               out->back().e == base + i) {
      out->back().e = static_cast<uint32_t>(base + i + len);
    } else {
      push(i, i + len, 'o');
    }
    i += len;
  }
  return trigger;
}

// ---------------------------------------------------------------- dates

struct Ymd {
  int y, m, d;
};
Ymd Civil(Day day) {
  Ymd r{};
  CivilFromDay(day, &r.y, &r.m, &r.d);
  return r;
}
Day YearStart(int y) { return DayFromCivil(y, 1, 1); }
Day YearEnd(int y) { return DayFromCivil(y, 12, 31); }
Day MonthStart(int y, int m) { return DayFromCivil(y, m, 1); }
Day MonthEnd(int y, int m) { return DayFromCivil(y, m, DaysInMonth(y, m)); }

DateInterval Iv(Day a, Day b, Precision p) { return DateInterval::Range(a, b, p); }

DateInterval SeasonOf(int y, int s) {
  switch (s) {
    case 1: return Iv(MonthStart(y, 3), MonthEnd(y, 5), Precision::kSeason);
    case 2: return Iv(MonthStart(y, 6), MonthEnd(y, 8), Precision::kSeason);
    case 3: return Iv(MonthStart(y, 9), MonthEnd(y, 11), Precision::kSeason);
    default: return Iv(MonthStart(y, 12), MonthEnd(y + 1, 2), Precision::kSeason);
  }
}

Day Shift(Day d, Unit u, int n) {
  switch (u) {
    case kUDay: return d + n;
    case kUWeek: return d + 7 * n;
    case kUMonth: return AddMonths(d, n);
    case kUYear: return AddYears(d, n);
    case kUDecade: return AddYears(d, 10 * n);
    case kNoUnit: break;
  }
  return d;
}

Precision UnitPrecision(Unit u) {
  switch (u) {
    case kUDay:
    case kUWeek: return Precision::kDay;
    case kUMonth: return Precision::kMonth;
    default: return Precision::kYear;
  }
}

int UnitDays(Unit u) {
  switch (u) {
    case kUDay: return 1;
    case kUWeek: return 7;
    case kUMonth: return 30;
    case kUYear: return 365;
    case kUDecade: return 3652;
    case kNoUnit: break;
  }
  return 0;
}

// Widens [a, b] to whole units (calendar years for years, months for months).
DateInterval WidenTo(Day a, Day b, Unit u, Precision p) {
  if (u == kUYear || u == kUDecade) return Iv(YearStart(Civil(a).y), YearEnd(Civil(b).y), p);
  if (u == kUMonth) {
    Ymd x = Civil(a), y = Civil(b);
    return Iv(MonthStart(x.y, x.m), MonthEnd(y.y, y.m), p);
  }
  return Iv(a, b, p);
}

Precision Coarser(Precision a, Precision b) { return std::min(a, b); }

// Parts of a year, a month or a decade: mod 1 early, 2 mid, 3 late.
DateInterval ApplyMod(const DateInterval& iv, int mod) {
  if (mod == 0 || !iv.closed()) return iv;
  Ymd a = Civil(*iv.earliest);
  switch (iv.precision) {
    case Precision::kYear:
      if (Civil(*iv.latest).y != a.y) return iv;
      if (mod == 1) return Iv(MonthStart(a.y, 1), MonthEnd(a.y, 4), Precision::kSeason);
      if (mod == 2) return Iv(MonthStart(a.y, 5), MonthEnd(a.y, 8), Precision::kSeason);
      return Iv(MonthStart(a.y, 9), MonthEnd(a.y, 12), Precision::kSeason);
    case Precision::kMonth:
      if (mod == 1) return Iv(DayFromCivil(a.y, a.m, 1), DayFromCivil(a.y, a.m, 10), Precision::kMonth);
      if (mod == 2) return Iv(DayFromCivil(a.y, a.m, 11), DayFromCivil(a.y, a.m, 20), Precision::kMonth);
      return Iv(DayFromCivil(a.y, a.m, 21), MonthEnd(a.y, a.m), Precision::kMonth);
    case Precision::kDecade:
      if (mod == 1) return Iv(YearStart(a.y), YearEnd(a.y + 3), Precision::kDecade);
      if (mod == 2) return Iv(YearStart(a.y + 3), YearEnd(a.y + 7), Precision::kDecade);
      return Iv(YearStart(a.y + 7), YearEnd(a.y + 9), Precision::kDecade);
    default: return iv;
  }
}

// ---------------------------------------------------------------- scanner

struct NumVal {
  int lo = -1, hi = -1;
  bool article = false;  // "a" / "an"
  size_t end = 0;
};

// An absolute expression, or a month (and day) whose year is not stated.
struct Abs {
  size_t begin = 0;  // first token of the expression ("the" kept only where it belongs)
  size_t end = 0;
  bool yearless = false;
  DateInterval iv;  // when !yearless
  int m = 0, d = 0, mod = 0;  // when yearless
};

// What a match found, before it becomes a Timex.
struct Found {
  size_t begin = 0, end = 0;  // token range
  Timex::Kind kind = Timex::Kind::kDate;
  DateInterval iv;
  int age = -1;
  int dur = -1;
  bool anchored = false;

  // Back to the default state without reallocating (Match tries several
  // patterns per token).
  void Reset() {
    begin = end = 0;
    kind = Timex::Kind::kDate;
    iv.earliest.reset();
    iv.latest.reset();
    iv.text.clear();
    iv.precision = Precision::kUnknown;
    age = -1;
    dur = -1;
    anchored = false;
  }
};

// The reference time of one expression.
struct RefCtx {
  std::optional<Day> ref;            // deictic reference (part or document date)
  const DateInterval* anchor = nullptr;  // narrative reference, may be null
  bool anchor_here = false;              // the anchor is a date of this same sentence
};

class Scanner {
 public:
  explicit Scanner(const std::vector<Tok>& t) : t_(t), n_(t.size()) {}

  // --- token predicates
  bool Has(size_t i, uint64_t role) const {
    return i < n_ && t_[i].lex != nullptr && (t_[i].lex->roles & role) != 0;
  }
  bool P(size_t i, char c) const { return i < n_ && t_[i].kind == 'p' && t_[i].punct == c; }
  bool Glued(size_t i) const { return i < n_ && !t_[i].space; }
  Unit UnitAt(size_t i) const {
    return i < n_ && t_[i].lex != nullptr ? t_[i].lex->unit : kNoUnit;
  }
  int MonthAt(size_t i) const {
    if (i >= n_ || t_[i].lex == nullptr || t_[i].lex->month == 0 || !t_[i].upper) return 0;
    return t_[i].lex->month;
  }
  int SeasonAt(size_t i) const {
    return i < n_ && t_[i].lex != nullptr ? t_[i].lex->season : 0;
  }
  // A capitalized day of the week, 1 Monday .. 7 Sunday; 0 otherwise.
  int WeekdayAt(size_t i) const {
    if (i >= n_ || t_[i].lex == nullptr || !t_[i].upper) return 0;
    return t_[i].lex->weekday;
  }
  bool Ends(size_t i) const {  // end of sentence or punctuation other than '-'
    return i >= n_ || (t_[i].kind == 'p' && t_[i].punct != '-');
  }

  // A month name or abbreviation (with its optional '.'); returns end or 0.
  size_t Month(size_t i, int* m) const {
    *m = MonthAt(i);
    if (*m == 0) return 0;
    if (t_[i].lex->abbrev && P(i + 1, '.') && Glued(i + 1)) return i + 2;
    return i + 1;
  }

  // A day of the month: 1..31 with an optional ordinal suffix.
  bool DayNum(size_t i, int* d) const {
    if (i >= n_ || t_[i].kind != 'n' || t_[i].digits > 2 || t_[i].num < 1 || t_[i].num > 31)
      return false;
    std::string_view s = t_[i].suffix;
    if (!s.empty() && s != "st" && s != "nd" && s != "rd" && s != "th") return false;
    *d = t_[i].num;
    return true;
  }

  // A four-digit year after a month or day (any year 1000..2099).
  bool YearAfterDate(size_t i, int* y) const {
    if (i >= n_ || t_[i].kind != 'n' || t_[i].digits != 4 || !t_[i].suffix.empty()) return false;
    if (t_[i].num < 1000 || t_[i].num > 2099) return false;
    if (Has(i + 1, kMeasure)) return false;
    *y = t_[i].num;
    return true;
  }

  // A four-digit number read as a bare year, unless its neighbours make it
  // a label, an amount or part of a longer number.
  bool BareYear(size_t i, bool prep_before, int* y) const {
    if (i >= n_ || t_[i].kind != 'n' || t_[i].digits != 4 || !t_[i].suffix.empty()) return false;
    const int v = t_[i].num;
    if (v > 2099 || v < (prep_before ? 1800 : 1900)) return false;
    if (i > 0) {
      const Tok& p = t_[i - 1];
      if (!t_[i].space && (p.kind == 'w' || p.kind == 'o' || p.kind == 'n')) return false;
      if (p.kind == 'p' && (p.punct == '$' || p.punct == '#' || p.punct == '.' || p.punct == ',' ||
                            p.punct == ':') && !t_[i].space)
        return false;
      if (Has(i - 1, kLabel)) return false;
      if (p.kind == 'p' && p.punct == '.' && Has(i - 2, kLabel)) return false;
      if (p.kind == 'p' && p.punct == '-' && !t_[i].space && i >= 2 && t_[i - 2].kind == 'n')
        return false;
    }
    if (i + 1 < n_) {
      const Tok& q = t_[i + 1];
      if (Has(i + 1, kMeasure)) return false;
      if (q.kind == 'p' && q.punct == '%') return false;
      if (!q.space && q.kind == 'p' && (q.punct == ',' || q.punct == '.' || q.punct == ':') &&
          i + 2 < n_ && t_[i + 2].kind == 'n' && !t_[i + 2].space)
        return false;
      if (!q.space && q.kind == 'p' && q.punct == '-' && i + 2 < n_ && t_[i + 2].kind == 'w')
        return false;
    }
    *y = v;
    return true;
  }

  // A number: digits, "forty-four", "a", "a few", "several".
  bool Number(size_t i, NumVal* out) const {
    if (i >= n_) return false;
    const Tok& t = t_[i];
    if (t.kind == 'n') {
      if (!t.suffix.empty() || t.num < 0 || t.digits > 3) return false;
      if (i > 0 && !t.space && (t_[i - 1].kind == 'n' || t_[i - 1].kind == 'w')) return false;
      out->lo = out->hi = t.num;
      out->article = false;
      out->end = i + 1;
      return true;
    }
    if (t.lex == nullptr) return false;
    const Lex& x = *t.lex;
    if (x.article) {
      // "a few", "a couple of"
      if (i + 1 < n_ && t_[i + 1].lex != nullptr && t_[i + 1].lex->vague_lo >= 0) {
        out->lo = t_[i + 1].lex->vague_lo;
        out->hi = t_[i + 1].lex->vague_hi;
        out->article = false;
        out->end = i + 2;
        if (Has(out->end, kOf)) ++out->end;  // "a couple of"
        return true;
      }
      out->lo = out->hi = 1;
      out->article = true;
      out->end = i + 1;
      return true;
    }
    if (x.vague_lo >= 0 && x.vague_lo >= 3) {  // "several"; "few" alone is too vague
      out->lo = x.vague_lo;
      out->hi = x.vague_hi;
      out->article = false;
      out->end = i + 1;
      return true;
    }
    if (x.number < 0) return false;
    int v = x.number;
    size_t end = i + 1;
    if (x.tens) {
      size_t j = end;
      if (P(j, '-') && Glued(j) && Glued(j + 1)) ++j;
      if (j < n_ && t_[j].lex != nullptr && !t_[j].lex->tens && !t_[j].lex->article &&
          t_[j].lex->number >= 1 && t_[j].lex->number <= 9) {
        v += t_[j].lex->number;
        end = j + 1;
      }
    }
    out->lo = out->hi = v;
    out->article = false;
    out->end = end;
    return true;
  }

  // --- absolute expressions

  // The core of an absolute expression at i (no prefixes).
  bool Core(size_t i, bool prep_before, Abs* out) const {
    if (i >= n_) return false;
    const Tok& t = t_[i];
    int y = 0, m = 0, d = 0;
    // ISO 2014-12-11
    if (t.kind == 'n' && t.digits == 4 && t.suffix.empty() && P(i + 1, '-') && Glued(i + 1) &&
        i + 4 < n_ && t_[i + 2].kind == 'n' && t_[i + 2].digits == 2 && Glued(i + 2) &&
        P(i + 3, '-') && Glued(i + 3) && t_[i + 4].kind == 'n' && t_[i + 4].digits == 2 &&
        Glued(i + 4) && t_[i + 4].suffix.empty() &&
        IsValidDate(t.num, t_[i + 2].num, t_[i + 4].num)) {
      out->iv = DateInterval::OneDay(t.num, t_[i + 2].num, t_[i + 4].num);
      out->end = i + 5;
      return true;
    }
    // Decades: 1990s, '90s
    {
      size_t j = i;
      bool apos = false;
      if (P(j, '\'') && Glued(j + 1)) {
        apos = true;
        ++j;
      }
      if (j < n_ && t_[j].kind == 'n' && t_[j].suffix == "s" && t_[j].num % 10 == 0) {
        int decade = -1;
        if (t_[j].digits == 4 && t_[j].num >= 1800 && t_[j].num <= 2090) decade = t_[j].num;
        if (t_[j].digits == 2 && apos) decade = t_[j].num <= 20 ? 2000 + t_[j].num : 1900 + t_[j].num;
        if (decade > 0) {
          out->iv = Iv(YearStart(decade), YearEnd(decade + 9), Precision::kDecade);
          out->end = j + 1;
          return true;
        }
      }
    }
    // Month-first: April 27, 1997 / April 1997 / April of 1997 / April 27 / April
    if (size_t j = Month(i, &m)) {
      if (DayNum(j, &d)) {
        size_t k = j + 1;
        if (P(k, ',')) ++k;
        if (YearAfterDate(k, &y) && IsValidDate(y, m, d)) {
          out->iv = DateInterval::OneDay(y, m, d);
          out->end = k + 1;
          return true;
        }
        if (!Has(j + 1, kMeasure) && UnitAt(j + 1) == kNoUnit && !P(j + 1, ':')) {
          out->yearless = true;
          out->m = m;
          out->d = d;
          out->end = j + 1;
          return true;
        }
      }
      size_t k = j;
      if (P(k, ',') || Has(k, kOf)) ++k;
      if (YearAfterDate(k, &y)) {
        out->iv = DateInterval::Month(y, m);
        out->end = k + 1;
        return true;
      }
      out->yearless = true;
      out->m = m;
      out->end = j;
      return true;
    }
    // Day-first: 27 April 1997 / 29th of October 2004 / 27 April
    if (DayNum(i, &d)) {
      size_t j = i + 1;
      if (Has(j, kOf)) ++j;
      if (size_t k = Month(j, &m)) {
        size_t q = k;
        if (P(q, ',')) ++q;
        if (YearAfterDate(q, &y) && IsValidDate(y, m, d)) {
          out->iv = DateInterval::OneDay(y, m, d);
          out->end = q + 1;
          return true;
        }
        out->yearless = true;
        out->m = m;
        out->d = d;
        out->end = k;
        return true;
      }
    }
    // Seasons: the winter of 1996, spring 2003
    if (int s = SeasonAt(i)) {
      size_t j = i + 1;
      if (Has(j, kOf)) ++j;
      if (YearAfterDate(j, &y)) {
        out->iv = SeasonOf(y, s);
        out->end = j + 1;
        return true;
      }
      return false;
    }
    // Rule clipped-year. EXAMPLE: "in '98", "since ’05": after a preposition, an
    // apostrophe glued to two digits is a year of the last century from 30 on, of this
    // one below.
    if (prep_before && P(i, '\'') && i + 1 < n_ && t_[i + 1].kind == 'n' && t_[i + 1].digits == 2 &&
        t_[i + 1].suffix.empty() && !t_[i + 1].space &&
        !(i + 2 < n_ && !t_[i + 2].space && (t_[i + 2].kind == 'w' || t_[i + 2].kind == 'n'))) {
      const int v = t_[i + 1].num;
      out->iv = DateInterval::Year(v >= 30 ? 1900 + v : 2000 + v);
      out->end = i + 2;
      return true;
    }
    // Years and year ranges: 1976, 1970-1971, 1970–71, 1957/1958
    if (BareYear(i, prep_before, &y)) {
      size_t j = i + 1;
      if ((P(j, '-') || P(j, '/')) && j + 1 < n_ && t_[j + 1].kind == 'n' &&
          t_[j + 1].suffix.empty() && (Glued(j) == Glued(j + 1))) {
        const Tok& q = t_[j + 1];
        int y2 = -1;
        if (q.digits == 4) y2 = q.num;
        if (q.digits == 2) y2 = y / 100 * 100 + q.num;
        const int span = y2 - y;
        const bool ok = P(j, '/') ? (span >= 1 && span <= 10) : (span >= 1 && span <= 100);
        if (ok) {
          out->iv = Iv(YearStart(y), YearEnd(y2), Precision::kYear);
          out->end = j + 2;
          return true;
        }
      }
      out->iv = DateInterval::Year(y);
      out->end = i + 1;
      return true;
    }
    return false;
  }

  // An absolute expression with its prefixes: circa, the, early/mid/late,
  // the end of; then a core. Returns false on nothing.
  bool Absolute(size_t i, Abs* out) const {
    size_t j = i;
    const bool prep_before = i > 0 && Has(i - 1, kPrep | kApprox);
    bool approx = false;
    if (Has(j, kApprox)) {
      // "c." / "ca." / "circa" / "around": only directly before a core
      size_t k = j + 1;
      if (P(k, '.') && Glued(k)) ++k;
      Abs probe;
      if (Core(k, true, &probe) && !probe.yearless) {
        approx = true;
        j = k;
      }
    }
    const size_t the_at = j;
    if (Has(j, kThe)) ++j;
    int mod = 0;
    if (Has(j, kEarly | kMid | kLate)) {
      mod = Has(j, kEarly) ? 1 : Has(j, kMid) ? 2 : 3;
      ++j;
      if (P(j, '-')) ++j;
    } else if (Has(j, kEarlyOf | kMidOf | kLateOf) && Has(j + 1, kOf)) {
      mod = Has(j, kEarlyOf) ? 1 : Has(j, kMidOf) ? 2 : 3;
      j += 2;
      if (Has(j, kThe)) ++j;
    }
    if (mod != 0 && Has(j, kThe)) ++j;
    Abs core;
    if (!Core(j, prep_before || mod != 0 || approx, &core)) return false;
    *out = core;
    // "the" alone before a plain year or date is not part of it; keep it
    // for decades, seasons and parts ("the 1990s", "the winter of 1996").
    const bool keep_the = mod != 0 || (!core.yearless && (core.iv.precision == Precision::kDecade ||
                                                          core.iv.precision == Precision::kSeason));
    out->begin = approx ? i : keep_the ? the_at : j;
    if (core.yearless) {
      if (mod != 0 && core.d == 0) out->mod = mod;
      return true;
    }
    if (mod != 0) out->iv = ApplyMod(core.iv, mod);
    if (approx && core.iv.precision == Precision::kYear &&
        Civil(*core.iv.earliest).y == Civil(*core.iv.latest).y) {
      const int y = Civil(*core.iv.earliest).y;
      out->iv = Iv(YearStart(y - 1), YearEnd(y + 1), Precision::kYear);
    }
    return true;
  }

  // --- the matchers; each returns true with `f` filled.

  bool MatchAge(size_t i, const RefCtx& rc, Found* f) const {
    NumVal nv;
    size_t end = 0;
    int age = -1;
    bool past = false;
    auto age_ok = [](const NumVal& v) { return !v.article && v.lo == v.hi && v.lo >= 0 && v.lo <= 120; };
    // N-year-old, N years old
    if (Number(i, &nv) && age_ok(nv)) {
      size_t j = nv.end;
      if (P(j, '-')) ++j;
      if (UnitAt(j) == kUYear) {
        ++j;
        if (P(j, '-')) ++j;
        if (Has(j, kOld)) {
          age = nv.lo;
          end = j + 1;
          past = i >= 2 && Has(i - 2, kAs) && t_[i - 1].lex != nullptr && t_[i - 1].lex->article;
          if (i >= 1 && Has(i - 1, kWas)) past = true;
          if (i >= 3 && Has(i - 3, kWhen) && Has(i - 1, kWas)) past = true;
        }
      }
    }
    // "he was 23 when he defected"
    if (age < 0 && Number(i, &nv) && age_ok(nv) && t_[i].kind == 'n' && i > 0 &&
        Has(i - 1, kWas) && Has(nv.end, kWhen)) {
      age = nv.lo;
      end = nv.end;
      past = true;
    }
    // aged N / age N / (age N)
    if (age < 0 && Has(i, kAged | kAge) && Number(i + 1, &nv) && age_ok(nv) &&
        UnitAt(nv.end) != kUMonth && UnitAt(nv.end) != kUDay && UnitAt(nv.end) != kUWeek) {
      age = nv.lo;
      end = nv.end;
      past = i >= 1 && Has(i - 1, kWas);
    }
    // at age N / at the age of N
    if (age < 0 && Has(i, kAt)) {
      size_t j = i + 1;
      bool ok = false;
      if (Has(j, kAge)) {
        ok = true;
        ++j;
      } else if (Has(j, kThe) && Has(j + 1, kAge) && Has(j + 2, kOf)) {
        ok = true;
        j += 3;
      }
      if (ok && Number(j, &nv) && age_ok(nv)) {
        age = nv.lo;
        end = nv.end;
        past = true;
      }
      // "married at 22.", "left home at sixteen,": a bare number after "at" that closes
      // the phrase is an age in a life story (a clock time has "pm", ":30" or "o'clock";
      // up to 12 it could still be one, so those are left alone).
      // ("left North Korea at 19 and now studies law": a conjunction that opens the next
      // clause closes the phrase too.)
      const auto clause_next = [&](size_t k) {
        if (k >= n_ || t_[k].kind != 'w') return false;
        const std::string_view w = t_[k].low;
        if (w == "and" || w == "but")
          return k + 1 < n_ && t_[k + 1].kind == 'w' && t_[k + 1].low != "a" &&
                 t_[k + 1].low != "half";
        return w == "when" || w == "after" || w == "before" || w == "because" || w == "while";
      };
      if (!ok && Number(j, &nv) && age_ok(nv) && nv.lo >= 13 && nv.lo <= 99 &&
          (Ends(nv.end) || clause_next(nv.end)) &&
          (nv.end >= n_ || (t_[nv.end].punct != ':' && t_[nv.end].punct != '%'))) {
        age = nv.lo;
        end = nv.end;
        past = true;
      }
    }
    // who is N / when she was N
    if (age < 0 && (Has(i, kWho) || Has(i, kWhen))) {
      size_t j = i + 1;
      if (Has(i, kWhen)) {
        if (!Has(j, kPron)) return false;
        ++j;
      }
      if (Has(j, kWas | kIs) && Number(j + 1, &nv) && age_ok(nv) && t_[j + 1].kind == 'n') {
        size_t k = nv.end;
        bool years_old = UnitAt(k) == kUYear && Has(k + 1, kOld);
        if (Ends(k) || years_old) {
          age = nv.lo;
          end = years_old ? k + 2 : k;
          past = Has(j, kWas);
        }
      }
    }
    if (age < 0) return false;
    f->begin = i;
    f->end = end;
    f->kind = Timex::Kind::kAge;
    f->age = age;
    if (!past && rc.ref) {
      f->iv = Iv(*rc.ref, *rc.ref, Precision::kDay);
      f->anchored = true;
    }
    return true;
  }

  // Resolves a month (and day, and part) with no year.
  static bool ResolveYearless(const Abs& a, const RefCtx& rc, DateInterval* out) {
    int y = 0;
    if (rc.anchor != nullptr && rc.anchor->closed() &&
        Civil(*rc.anchor->latest).y != Civil(*rc.anchor->earliest).y) {
      // Rule month-in-span. EXAMPLE: "In the 1990s ... In August" has no year; "the
      // winter of 1996 ... In January" has one, 1997: the one year whose month lies
      // inside the anchor, when only one does.
      int found = 0;
      for (int yy = Civil(*rc.anchor->earliest).y; yy <= Civil(*rc.anchor->latest).y && found < 2;
           ++yy) {
        if (MonthEnd(yy, a.m) >= *rc.anchor->earliest &&
            DayFromCivil(yy, a.m, 1) <= *rc.anchor->latest) {
          ++found;
          y = yy;
        }
      }
      if (found != 1) return false;
    } else if (rc.anchor != nullptr && rc.anchor->closed()) {
      Ymd an = Civil(*rc.anchor->earliest);
      y = an.y;
      if (rc.anchor->precision >= Precision::kMonth && a.m < an.m) ++y;
    } else if (rc.ref) {
      Ymd r = Civil(*rc.ref);
      y = r.y;
      if (a.m > r.m || (a.m == r.m && a.d > r.d)) --y;
    } else {
      return false;
    }
    if (a.d > 0) {
      if (!IsValidDate(y, a.m, a.d)) return false;
      *out = DateInterval::OneDay(y, a.m, a.d);
    } else {
      *out = ApplyMod(DateInterval::Month(y, a.m), a.mod);
    }
    return true;
  }

  // Rule weekday-date: "Wednesday, April 9" with no year is the April 9 that fell on a
  // Wednesday: of the one nearest before the reference date and the one the narrative
  // gives, the one the weekday confirms (the narrative's otherwise).
  static bool ConfirmByWeekday(const Abs& a, int wd, const RefCtx& rc, DateInterval* out) {
    if (rc.ref) {
      RefCtx deictic;
      deictic.ref = rc.ref;
      DateInterval iv;
      if (ResolveYearless(a, deictic, &iv) && DayOfWeek(*iv.earliest) == wd) {
        *out = iv;
        return true;
      }
    }
    return false;
  }

  bool MatchAbsolute(size_t i, const RefCtx& rc, Found* f) const {
    size_t start = i;
    bool range = false;
    if (Has(i, kBetween | kFrom)) {
      range = true;
      ++start;
    }
    Abs a;
    if (!Absolute(start, &a)) return false;
    size_t end = a.end;
    if (a.yearless) {
      // A bare month needs a preposition, a part ("early April") or a range.
      const bool cue = a.begin > 0 && Has(a.begin - 1, kPrep | kUntil);
      if (a.d == 0 && a.mod == 0 && !cue && !range) return false;
    }
    if (range) {
      size_t j = end;
      if (Has(j, kAnd | kTo | kUntil) || P(j, '-')) {
        Abs b;
        if (Absolute(j + 1, &b)) {
          DateInterval ia, ib;
          bool ok = true;
          if (a.yearless && !b.yearless) {
            Ymd yb = Civil(*b.iv.earliest);
            int y = yb.y - (a.m > yb.m ? 1 : 0);
            ia = a.d > 0 && IsValidDate(y, a.m, a.d) ? DateInterval::OneDay(y, a.m, a.d)
                                                     : DateInterval::Month(y, a.m);
            ib = b.iv;
          } else if (!a.yearless && b.yearless) {
            ia = a.iv;
            Ymd ya = Civil(*a.iv.latest);
            int y = ya.y + (b.m < ya.m ? 1 : 0);
            ib = b.d > 0 && IsValidDate(y, b.m, b.d) ? DateInterval::OneDay(y, b.m, b.d)
                                                     : DateInterval::Month(y, b.m);
          } else if (!a.yearless && !b.yearless) {
            ia = a.iv;
            ib = b.iv;
          } else {
            ok = ResolveYearless(a, rc, &ia) && ResolveYearless(b, rc, &ib);
          }
          if (ok && *ia.earliest <= *ib.latest) {
            f->begin = i;
            f->end = b.end;
            f->kind = a.yearless && b.yearless ? Timex::Kind::kRelative : Timex::Kind::kDate;
            f->iv = Iv(*ia.earliest, *ib.latest, Coarser(ia.precision, ib.precision));
            f->anchored = f->kind == Timex::Kind::kRelative;
            return true;
          }
        }
      }
    }
    f->begin = a.begin;
    f->end = end;
    if (a.yearless) {
      f->kind = Timex::Kind::kRelative;
      f->anchored = ResolveYearless(a, rc, &f->iv);
      if (int wd = WeekdayBefore(a.begin); wd != 0 && a.d > 0) {
        if (ConfirmByWeekday(a, wd, rc, &f->iv)) f->anchored = true;
      }
      return true;
    }
    f->kind = Timex::Kind::kDate;
    f->iv = a.iv;
    return true;
  }

  // The interval of `unit` (year, month, week) containing day d.
  static DateInterval UnitAround(Day d, Unit u) {
    Ymd x = Civil(d);
    if (u == kUYear) return DateInterval::Year(x.y);
    if (u == kUMonth) return DateInterval::Month(x.y, x.m);
    if (u == kUWeek) {
      // Monday-based weeks: 1970-01-01 was a Thursday.
      int dow = ((d % 7) + 7 + 3) % 7;  // 0 = Monday
      return Iv(d - dow, d - dow + 6, Precision::kDay);
    }
    return Iv(d, d, Precision::kDay);
  }

  // The occurrence of month m / season s nearest to d: dir -1 the latest
  // ending before d, +1 the first starting after d, 0 the one in d's year.
  static DateInterval Occurrence(Day d, int m, int s, int dir) {
    Ymd x = Civil(d);
    auto of = [&](int y) { return m != 0 ? DateInterval::Month(y, m) : SeasonOf(y, s); };
    if (dir == 0) {
      if (s == 4 && x.m <= 2) return of(x.y - 1);  // this winter, said in January
      return of(x.y);
    }
    if (dir < 0) {
      for (int y = x.y; y > x.y - 3; --y) {
        DateInterval iv = of(y);
        if (*iv.latest < d) return iv;
      }
      return of(x.y - 1);
    }
    for (int y = x.y - 1; y < x.y + 3; ++y) {
      DateInterval iv = of(y);
      if (*iv.earliest > d) return iv;
    }
    return of(x.y + 1);
  }

  // later/earlier + this/that/last/next/the following ... + year/month/April/winter;
  // yesterday, today, tomorrow.
  bool MatchDeictic(size_t i, const RefCtx& rc, Found* f) const {
    if (Has(i, kYesterday | kToday | kTomorrow)) {
      // "today's", "today" are deictic; skip a capitalized "Today" heading
      // only when it is a name-like title (not handled: rare).
      f->begin = i;
      f->end = i + 1;
      f->kind = Timex::Kind::kRelative;
      if (rc.ref) {
        Day d = *rc.ref + (Has(i, kYesterday) ? -1 : Has(i, kTomorrow) ? 1 : 0);
        f->iv = Iv(d, d, Precision::kDay);
        f->anchored = true;
      }
      return true;
    }
    size_t j = i;
    int pre = 0;  // 1 later, -1 earlier
    if (Has(j, kLater)) {
      pre = 1;
      ++j;
    } else if (Has(j, kEarlier)) {
      pre = -1;
      ++j;
    }
    // Determiner.
    bool anaphoric = false;
    int dir = 0;  // -1 previous, 0 this, +1 next
    if (Has(j, kThis) && Has(j + 1, kPast)) {
      dir = -1;
      j += 2;
    } else if (Has(j, kThis) && Has(j + 1, kComing)) {
      dir = 1;
      j += 2;
    } else if (Has(j, kThis)) {
      j += 1;
    } else if (Has(j, kLast) && !(j > 0 && Has(j - 1, kThe))) {
      dir = -1;
      j += 1;
    } else if (Has(j, kPast) && (MonthAt(j + 1) || SeasonAt(j + 1))) {
      dir = -1;
      j += 1;
    } else if (Has(j, kNext | kComing) && !(j > 0 && Has(j - 1, kThe))) {
      dir = 1;
      j += 1;
    } else if (Has(j, kThat) || (Has(j, kThe) && Has(j + 1, kSame))) {
      anaphoric = true;
      j += Has(j, kThe) ? 1 : 1;
      if (Has(j, kSame)) ++j;
    } else if (Has(j, kThe) && Has(j + 1, kFollowing | kNext)) {
      anaphoric = true;
      dir = 1;
      j += 2;
    } else if (Has(j, kThe) && Has(j + 1, kPrevious)) {
      anaphoric = true;
      dir = -1;
      j += 2;
    } else {
      return false;
    }
    const Unit u = UnitAt(j);
    const int m = MonthAt(j);
    const int s = SeasonAt(j);
    if (u == kNoUnit && m == 0 && s == 0) return false;
    if (u == kUDecade) return false;
    if (u != kNoUnit && t_[j].low.back() == 's') return false;  // "the next years"
    if (u == kUDay && !anaphoric) return false;  // "this day", "next day" are idioms
    if (u == kUDay && dir == 0) return false;    // "that day": no calendar meaning alone
    f->begin = i;
    f->end = j + 1;
    f->kind = Timex::Kind::kRelative;
    std::optional<DateInterval> base;
    std::optional<Day> point_lo, point_hi;
    if (anaphoric) {
      if (rc.anchor == nullptr || !rc.anchor->closed()) return true;  // unresolved
      const DateInterval& an = *rc.anchor;
      point_lo = *an.earliest;
      point_hi = *an.latest;
      if (u != kNoUnit) {
        Day a = Shift(*an.earliest, u, dir), b = Shift(*an.latest, u, dir);
        base = WidenTo(a, b, u, Coarser(an.precision, UnitPrecision(u)));
        if (u == kUDay) base = Iv(a, b, Coarser(an.precision, Precision::kDay));
      } else if (dir == 0) {
        base = m != 0 || s != 0 ? Occurrence(*an.earliest, m, s, 0) : an;
      } else {
        base = Occurrence(dir > 0 ? *an.latest : *an.earliest, m, s, dir);
      }
    } else {
      if (!rc.ref) return true;  // unresolved
      point_lo = point_hi = *rc.ref;
      if (u != kNoUnit) {
        base = UnitAround(Shift(*rc.ref, u, dir), u);
      } else {
        base = Occurrence(*rc.ref, m, s, dir);
      }
    }
    DateInterval iv = *base;
    if (pre > 0) iv = Iv(std::max(*iv.earliest, *point_lo), *iv.latest, iv.precision);
    if (pre < 0) iv = Iv(*iv.earliest, std::min(*iv.latest, *point_hi), iv.precision);
    if (*iv.earliest > *iv.latest) return true;  // contradictory: leave unresolved
    f->iv = iv;
    f->anchored = true;
    return true;
  }

  // 1 Monday .. 7 Sunday (1970-01-01, day 0, was a Thursday).
  static int DayOfWeek(Day d) { return ((d % 7) + 7 + 3) % 7 + 1; }

  // The day of the week (1..7) named right before token i ("Wednesday, April 9",
  // "Wed. 9 April"), or 0.
  int WeekdayBefore(size_t i) const {
    if (i >= 1 && WeekdayAt(i - 1)) return WeekdayAt(i - 1);
    if (i >= 2 && P(i - 1, ',') && WeekdayAt(i - 2)) return WeekdayAt(i - 2);
    return 0;
  }

  // Rule weekday: "on Tuesday", "late Tuesday", "early on Wednesday", "last Friday": in a
  // dated story, the day of that name in the week up to the reference date, as HeidelTime
  // reads news; "next Friday" and "will ... on Friday" name the one after it. Left
  // unresolved when the narrative has moved to a day of another week (the text then tells
  // of that week, not of the story's), and not matched before a calendar date
  // ("Wednesday, April 9": the date says which day it is).
  bool MatchWeekday(size_t i, const RefCtx& rc, Found* f) const {
    if (i > 0 && t_[i - 1].kind == 'w' &&
        (t_[i - 1].lex != nullptr && (t_[i - 1].lex->article ||
                                      (t_[i - 1].lex->roles & (kThe | kThat | kFollowing |
                                                               kPrevious | kSame)) != 0)))
      return false;  // "a Tuesday", "that Monday", "the following Friday"
    if (i > 0 && (t_[i - 1].low == "every" || t_[i - 1].low == "each")) return false;
    size_t j = i;
    int dir = -1;
    if (Has(j, kLast)) {
      ++j;
    } else if (Has(j, kNext | kComing)) {
      dir = 1;
      ++j;
    } else if (Has(j, kEarly | kLate)) {
      ++j;
      if (j < n_ && t_[j].low == "on") ++j;
    }
    const int wd = WeekdayAt(j);
    if (wd == 0) return false;
    size_t k = j + 1;
    if (P(k, ',')) ++k;
    int d = 0;
    if (MonthAt(k) || (DayNum(k, &d) && (Has(k + 1, kOf) ? MonthAt(k + 2) : MonthAt(k + 1))))
      return false;
    for (size_t q = i; q > 0 && q + 5 > i; --q)
      if (t_[q - 1].low == "will") dir = 1;
    f->begin = i;
    f->end = j + 1;
    f->kind = Timex::Kind::kRelative;
    if (!rc.ref) return true;
    if (rc.anchor != nullptr && rc.anchor->closed() && rc.anchor->precision >= Precision::kDay &&
        *rc.anchor->earliest == *rc.anchor->latest &&
        (*rc.anchor->earliest < *rc.ref - 7 || *rc.anchor->earliest > *rc.ref + 7))
      return true;
    const int r = DayOfWeek(*rc.ref);
    Day day = *rc.ref - (r - wd + 7) % 7;
    if (dir > 0) day = *rc.ref + ((wd - r + 7) % 7 == 0 ? 7 : (wd - r + 7) % 7);
    f->iv = Iv(day, day, Precision::kDay);
    f->anchored = true;
    return true;
  }

  // Rule part-of-relative: "at the end of that year", "early last year", "late that month":
  // a part before a deictic or anaphoric expression narrows it as it narrows a date.
  bool MatchDeicticPart(size_t i, const RefCtx& rc, Found* f) const {
    size_t j = i;
    int mod = 0;
    if (Has(j, kThe) && Has(j + 1, kEarlyOf | kMidOf | kLateOf) && Has(j + 2, kOf)) {
      mod = Has(j + 1, kEarlyOf) ? 1 : Has(j + 1, kMidOf) ? 2 : 3;
      j += 3;
    } else if (Has(j, kEarly | kMid | kLate) && !Has(j, kThe)) {
      mod = Has(j, kEarly) ? 1 : Has(j, kMid) ? 2 : 3;
      j += 1;
      if (P(j, '-')) ++j;
    } else {
      return false;
    }
    if (!Has(j, kThis | kThat | kLast | kNext | kThe | kPast)) return false;
    if (!MatchDeictic(j, rc, f) || f->begin != j) return false;
    if (UnitAt(f->end - 1) != kUYear && UnitAt(f->end - 1) != kUMonth) return false;
    f->begin = i;
    if (f->anchored && f->iv.closed()) {
      std::string text = f->iv.text;
      f->iv = ApplyMod(f->iv, mod);
      f->iv.text = text;
    }
    return true;
  }

  // Number + unit + (ago | later | after | into | earlier | before that |
  // of ...) and plain durations.
  bool MatchNumberUnit(size_t i, const RefCtx& rc, Found* f, bool after_for = false) const {
    NumVal nv;
    if (!Number(i, &nv)) return false;
    size_t j = nv.end;
    while (Has(j, kDurMod) && !Has(j, kApprox)) ++j;  // "fifteen straight days"
    const bool hyphen = P(j, '-') && Glued(j) && Glued(j + 1);
    if (hyphen) ++j;
    const Unit u = UnitAt(j);
    if (u == kNoUnit) return false;
    // Singular units want one, plural units want more ("a years" is no expression).
    const bool plural = t_[j].low.back() == 's';
    if (!hyphen && plural == (nv.hi == 1)) return false;
    const size_t k = j + 1;
    int lo = nv.lo, hi = nv.hi;
    if (u == kUDecade) {
      lo = lo * 10 - 1;
      hi = hi * 10 + 1;
    }
    const Unit su = u == kUDecade ? kUYear : u;
    f->begin = i;
    f->dur = u == kUDecade ? (nv.lo + nv.hi) * UnitDays(u) / 2 : (lo + hi) * UnitDays(u) / 2;
    if (!hyphen && Has(k, kAgo)) {
      f->end = k + 1;
      f->kind = Timex::Kind::kRelative;
      if (rc.ref) {
        Day a = Shift(*rc.ref, su, -hi), b = Shift(*rc.ref, su, -lo);
        if (su == kUDay || su == kUWeek) {
          f->iv = Iv(su == kUWeek ? a - 3 : a, su == kUWeek ? b + 3 : b, Precision::kDay);
        } else {
          f->iv = WidenTo(a, b, su, UnitPrecision(su));
        }
        f->anchored = true;
      }
      return true;
    }
    int dir = 0;
    size_t end = k;
    if (!hyphen && Has(k, kLater)) {
      dir = 1;
      end = k + 1;
    } else if (!hyphen && Has(k, kAfter | kInto) && !Has(k + 1, kOf)) {
      dir = 1;
      end = k + 1;
      if (Has(end, kThat) && Ends(end + 1)) ++end;  // "after that"
    } else if (!hyphen && Has(k, kEarlier)) {
      dir = -1;
      end = k + 1;
    } else if (!hyphen && Has(k, kBefore) && Has(k + 1, kThat | kThis)) {
      dir = -1;
      end = k + 2;
    }
    // Rule after-event: "reached the South in 2002, a year after crossing the river" counts
    // from the crossing, an event this stage cannot date, not from the date its own sentence
    // gave another event ("He defected in 2004. A few months after arriving" counts from the
    // narrative's event).
    const bool event_anchor = dir > 0 && rc.anchor_here && Has(k, kAfter) && k + 1 < n_ &&
                              t_[k + 1].kind == 'w' && t_[k + 1].low.size() > 4 &&
                              t_[k + 1].low.compare(t_[k + 1].low.size() - 3, 3, "ing") == 0;
    if (dir != 0) {
      f->end = end;
      f->kind = Timex::Kind::kRelative;
      if (rc.anchor != nullptr && rc.anchor->closed() && !event_anchor) {
        const DateInterval& an = *rc.anchor;
        Day a = Shift(*an.earliest, su, dir > 0 ? lo : -hi);
        Day b = Shift(*an.latest, su, dir > 0 ? hi : -lo);
        Precision p = Coarser(an.precision, UnitPrecision(su));
        f->iv = (su == kUDay || su == kUWeek) ? Iv(a, b, p) : WidenTo(a, b, su, p);
        f->anchored = true;
        // Rule later-than-the-text: "a decade ago ... Two decades later" would land after
        // the text's own date, which a narrative of the past cannot reach: the offset
        // counts from something else, so it stays unresolved.
        if (dir > 0 && rc.ref && *f->iv.earliest > *rc.ref) {
          f->iv = DateInterval();
          f->anchored = false;
        }
      }
      return true;
    }
    // Durations: "three months of dating", "a five-year sentence",
    // "fifteen straight days". A bare article reads as a duration only
    // after "for" (handled in MatchFor) or before "of".
    if (hyphen && Has(k, kOld)) return false;
    if (hyphen && P(k, '-') && Has(k + 1, kOld)) return false;
    if (nv.article && !Has(k, kOf)) return false;
    // "one day" is the indefinite "some day", not a length, unless after "for".
    if (!after_for && !hyphen && u == kUDay && !plural && t_[i].kind == 'w' && nv.lo == 1)
      return false;
    f->end = k;
    f->kind = Timex::Kind::kDuration;
    return true;
  }

  // Tries every matcher at token i, most specific first.
  bool Match(size_t i, const RefCtx& rc, Found* f) const {
    f->Reset();
    if (MatchAge(i, rc, f)) return true;
    f->Reset();
    if (MatchDeicticPart(i, rc, f)) return true;
    f->Reset();
    if (MatchDeictic(i, rc, f)) return true;
    f->Reset();
    if (MatchWeekday(i, rc, f)) return true;
    f->Reset();
    if (MatchFor(i, rc, f)) return true;
    f->Reset();
    if (MatchAbsolute(i, rc, f)) return true;
    f->Reset();
    return MatchNumberUnit(i, rc, f);
  }

  bool MatchFor(size_t i, const RefCtx& rc, Found* f) const {
    if (!Has(i, kFor)) return false;
    size_t j = i + 1;
    // "for more than", "for at least": skip small qualifiers.
    while (Has(j, kDurMod)) ++j;
    // "for the next fourteen years", "for the first three months", "for the better part of a
    // year", "for most of a decade": the length is what follows.
    if (Has(j, kThe) && (Has(j + 1, kNext | kFollowing | kPast | kLast) ||
                         (j + 1 < n_ && t_[j + 1].low == "first"))) {
      j += 2;
    } else if (Has(j, kThe) && j + 3 < n_ &&
               (t_[j + 1].low == "better" || t_[j + 1].low == "best") &&
               t_[j + 2].low == "part" && Has(j + 3, kOf)) {
      j += 4;
    } else if (j + 1 < n_ && t_[j].low == "most" && Has(j + 1, kOf)) {
      j += 2;
    }
    while (Has(j, kDurMod)) ++j;
    if (MatchNumberUnit(j, rc, f, /*after_for=*/true)) {
      // "for a few months after that" is a length, whatever follows.
      f->kind = Timex::Kind::kDuration;
      f->iv = DateInterval{};
      f->anchored = false;
    } else {
      // "for a month" (an article duration).
      NumVal nv;
      if (!Number(j, &nv) || !nv.article) return false;
      size_t k = nv.end;
      while (Has(k, kDurMod) && !Has(k, kApprox)) ++k;
      Unit u = UnitAt(k);
      if (u == kNoUnit || t_[k].low.back() == 's') return false;
      f->end = k + 1;
      f->kind = Timex::Kind::kDuration;
      f->dur = UnitDays(u);
      f->iv = DateInterval{};
      f->anchored = false;
    }
    f->begin = i;
    return true;
  }

 private:
  const std::vector<Tok>& t_;
  size_t n_;
};

// A date that is the publication date itself (within a few days of the
// reference), or that stands alone on its line, is a dateline: metadata,
// not story time, so it does not anchor "a year later".
bool IsDateline(const Timex& x, const std::vector<Tok>& toks, const Found& f,
                const std::optional<Day>& ref) {
  if (ref && x.value.precision == Precision::kDay && *x.value.earliest == *x.value.latest &&
      *x.value.earliest >= *ref - 3 && *x.value.earliest <= *ref + 3)
    return true;
  if (x.kind != Timex::Kind::kDate) return false;
  for (size_t k = 0; k < toks.size(); ++k) {
    if (k >= f.begin && k < f.end) continue;
    if (toks[k].kind != 'p') return false;
  }
  return true;
}

Timex MakeTimex(const Found& f, const std::vector<Tok>& toks, std::string_view text,
                uint32_t base, uint32_t sentence) {
  Timex x;
  x.kind = f.kind;
  x.span = Span{toks[f.begin].b, toks[f.end - 1].e};
  x.sentence = sentence;
  x.value = f.iv;
  x.value.text = std::string(text.substr(x.span.begin - base, x.span.end - x.span.begin));
  x.age_years = f.age;
  x.duration_days = f.kind == Timex::Kind::kDuration ? f.dur : -1;
  x.anchored = f.anchored;
  return x;
}

}  // namespace

const TimeTagger& TimeTagger::Default() {
  static const TimeTagger* tagger = [] {
    TheLexicon();  // build the lexicon once, before any thread shares it
    return new TimeTagger();
  }();
  return *tagger;
}

void TimeTagger::Run(Document* doc) const {
  doc->timexes.clear();
  const Lexicon& lx = TheLexicon();
  std::string low;
  std::vector<Tok> toks;
  // Narrative reference: the last dated expression per part (nullptr = no part).
  std::map<const Part*, DateInterval> anchors;
  for (uint32_t si = 0; si < doc->sentences.size(); ++si) {
    const Span sp = doc->sentences[si].span;
    if (sp.end > doc->text.size() || sp.empty()) continue;
    const std::string_view text = doc->Slice(sp);
    if (!Tokenize(text, sp.begin, lx, &low, &toks)) continue;
    Scanner sc(toks);
    // Parts rarely begin or end inside a sentence; when none does, one
    // reference serves the whole sentence.
    bool boundary = false;
    for (const Part& p : doc->parts) {
      if ((p.span.begin > sp.begin && p.span.begin < sp.end) ||
          (p.span.end > sp.begin && p.span.end < sp.end))
        boundary = true;
    }
    const Part* sent_part = doc->parts.empty() ? nullptr : doc->PartAt(sp.begin);
    const std::optional<Day> sent_ref = doc->ReferenceDateAt(sp.begin);
    size_t i = 0;
    Found f;  // Match resets it
    std::vector<const Part*> dated_here;  // parts whose anchor this sentence set
    while (i < toks.size()) {
      const uint32_t off = toks[i].b;
      const Part* part = sent_part;
      RefCtx rc;
      rc.ref = sent_ref;
      if (boundary) {
        part = doc->PartAt(off);
        rc.ref = doc->ReferenceDateAt(off);
      }
      auto an = anchors.find(part);
      rc.anchor = an == anchors.end() ? nullptr : &an->second;
      rc.anchor_here = std::find(dated_here.begin(), dated_here.end(), part) != dated_here.end();
      if (!sc.Match(i, rc, &f) || f.end <= f.begin) {
        ++i;
        continue;
      }
      Timex x = MakeTimex(f, toks, text, sp.begin, si);
      const bool dated = (x.kind == Timex::Kind::kDate ||
                          (x.kind == Timex::Kind::kRelative && x.anchored)) &&
                         x.value.closed();
      if (dated && !IsDateline(x, toks, f, rc.ref)) {
        anchors[part] = x.value;
        dated_here.push_back(part);
      }
      doc->timexes.push_back(std::move(x));
      i = f.end;
    }
  }
  std::stable_sort(doc->timexes.begin(), doc->timexes.end(),
                   [](const Timex& a, const Timex& b) { return a.span.begin < b.span.begin; });
}

std::optional<DateInterval> TimeTagger::ParseAbsolute(std::string_view text) const {
  std::string low;
  std::vector<Tok> toks;
  Tokenize(text, 0, TheLexicon(), &low, &toks);
  size_t i = 0;
  while (i < toks.size() && toks[i].kind == 'p' && toks[i].punct == '(') ++i;
  size_t n = toks.size();
  while (n > i && toks[n - 1].kind == 'p' &&
         (toks[n - 1].punct == '.' || toks[n - 1].punct == ',' || toks[n - 1].punct == ')'))
    --n;
  if (i >= n) return std::nullopt;
  std::vector<Tok> core(toks.begin() + static_cast<std::ptrdiff_t>(i),
                        toks.begin() + static_cast<std::ptrdiff_t>(n));
  Scanner sc(core);
  Found f;
  RefCtx none;
  if (!sc.MatchAbsolute(0, none, &f) || f.kind != Timex::Kind::kDate || f.begin != 0 ||
      f.end != core.size())
    return std::nullopt;
  DateInterval iv = f.iv;
  iv.text = std::string(text);
  return iv;
}

DateInterval TimeTagger::BirthFromAge(int age, Day on) {
  return Iv(AddYears(on, -(age + 1)) + 1, AddYears(on, -age), Precision::kYear);
}

DateInterval TimeTagger::BirthFromAge(int age, const DateInterval& on) {
  DateInterval out;
  out.precision = Precision::kYear;
  if (on.earliest) out.earliest = BirthFromAge(age, *on.earliest).earliest;
  if (on.latest) out.latest = BirthFromAge(age, *on.latest).latest;
  if (!on.known()) out.precision = Precision::kUnknown;
  return out;
}

}  // namespace cairn::extract
