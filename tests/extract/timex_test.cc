// Tests for the temporal tagger (extract/timex.h). Documents are segmented
// here by a tiny stand-in splitter so these tests do not depend on the text
// stage: sentences end at ". ", tokens are runs of letters/digits or one
// punctuation byte.
#include "extract/timex.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/document.h"

namespace cairn::extract {
namespace {

void Segment(Document* doc) {
  const std::string& t = doc->text;
  doc->sentences.clear();
  doc->tokens.clear();
  uint32_t start = 0;
  auto close = [&](uint32_t end) {
    while (start < end && t[start] == ' ') ++start;
    if (start >= end) return;
    Sentence s;
    s.span = Span{start, end};
    s.first_token = static_cast<uint32_t>(doc->tokens.size());
    uint32_t i = start;
    while (i < end) {
      const unsigned char c = static_cast<unsigned char>(t[i]);
      if (c == ' ' || c == '\n') {
        ++i;
        continue;
      }
      uint32_t j = i + 1;
      if (std::isalnum(c) || c >= 0x80) {
        while (j < end && (std::isalnum(static_cast<unsigned char>(t[j])) ||
                           static_cast<unsigned char>(t[j]) >= 0x80))
          ++j;
      }
      Token tok;
      tok.span = Span{i, j};
      tok.sentence = static_cast<uint32_t>(doc->sentences.size());
      doc->tokens.push_back(tok);
      i = j;
    }
    s.end_token = static_cast<uint32_t>(doc->tokens.size());
    doc->sentences.push_back(s);
  };
  for (uint32_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] == '\n') {
      close(i);
      start = i + 1;
      continue;
    }
    if (t[i] == '.' && (t[i + 1] == ' ' || t[i + 1] == '\n') && i > 0 &&
        !(i >= 2 && t[i - 2] == ' ' && (t[i - 1] == 'c' || t[i - 1] == 'C')) &&
        !(i >= 3 && t.compare(i - 3, 3, "Dec") == 0)) {
      close(i + 1);
      start = i + 1;
    }
  }
  close(static_cast<uint32_t>(t.size()));
}

Document Doc(std::string text, std::optional<Day> date = std::nullopt) {
  Document d;
  d.text = std::move(text);
  d.date = date;
  Segment(&d);
  return d;
}

std::vector<Timex> Tag(Document* d) {
  TimeTagger::Default().Run(d);
  return d->timexes;
}

std::vector<Timex> Tag(std::string text, std::optional<Day> date = std::nullopt) {
  Document d = Doc(std::move(text), date);
  return Tag(&d);
}

std::string E(const Timex& t) { return t.value.earliest ? FormatDay(*t.value.earliest) : "?"; }
std::string L(const Timex& t) { return t.value.latest ? FormatDay(*t.value.latest) : "?"; }

// The single Timex whose text is `surface`; fails the test when absent.
const Timex* Find(const std::vector<Timex>& xs, std::string_view surface) {
  for (const Timex& x : xs) {
    if (x.value.text == surface) return &x;
  }
  ADD_FAILURE() << "no timex \"" << surface << "\" among " << xs.size();
  for (const Timex& x : xs) ADD_FAILURE() << "  have: \"" << x.value.text << "\"";
  return nullptr;
}

// One absolute expression inside a sentence.
void ExpectDate(const std::string& sentence, std::string_view surface, const char* earliest,
                const char* latest, Precision p) {
  SCOPED_TRACE(sentence);
  auto xs = Tag(sentence);
  const Timex* x = Find(xs, surface);
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, Timex::Kind::kDate);
  EXPECT_EQ(E(*x), earliest);
  EXPECT_EQ(L(*x), latest);
  EXPECT_EQ(x->value.precision, p);
}

Day D(int y, int m, int d) { return DayFromCivil(y, m, d); }

// ------------------------------------------------------------ full dates

TEST(TimexAbsolute, FullDates) {
  ExpectDate("He escaped to the South on April 27, 1997 by crawling.", "April 27, 1997",
             "1997-04-27", "1997-04-27", Precision::kDay);
  ExpectDate("The letter arrived on 27 April 1997 at noon.", "27 April 1997", "1997-04-27",
             "1997-04-27", Precision::kDay);
  ExpectDate("From: a blog, 29th October 2004 edition.", "29th October 2004", "2004-10-29",
             "2004-10-29", Precision::kDay);
  ExpectDate("Published October 28, 2004 in a weekly.", "October 28, 2004", "2004-10-28",
             "2004-10-28", Precision::kDay);
  ExpectDate("Posted 2014-12-11 by the editor.", "2014-12-11", "2014-12-11", "2014-12-11",
             Precision::kDay);
  ExpectDate("The talk was on Dec. 11, 2014 in Seoul.", "Dec. 11, 2014", "2014-12-11",
             "2014-12-11", Precision::kDay);
  ExpectDate("She wrote on the 3rd of March 2001 to her aunt.", "3rd of March 2001", "2001-03-03",
             "2001-03-03", Precision::kDay);
}

TEST(TimexAbsolute, MonthsAndYears) {
  ExpectDate("In April 1997, he crossed the line.", "April 1997", "1997-04-01", "1997-04-30",
             Precision::kMonth);
  ExpectDate("In March 2021, the couple planned a wedding.", "March 2021", "2021-03-01",
             "2021-03-31", Precision::kMonth);
  ExpectDate("As of June 2015, he was working as a cleaner.", "June 2015", "2015-06-01",
             "2015-06-30", Precision::kMonth);
  ExpectDate("In a February 2016 interview, she spoke of hunger.", "February 2016", "2016-02-01",
             "2016-02-29", Precision::kMonth);
  ExpectDate("They married in 1987 in a small town.", "1987", "1987-01-01", "1987-12-31",
             Precision::kYear);
  ExpectDate("They were separated in 1976 when both joined the army.", "1976", "1976-01-01",
             "1976-12-31", Precision::kYear);
  ExpectDate("The book (English 2010) sold well.", "2010", "2010-01-01", "2010-12-31",
             Precision::kYear);
}

TEST(TimexAbsolute, PartsOfPeriods) {
  ExpectDate("In late April 2015, he published a memoir.", "late April 2015", "2015-04-21",
             "2015-04-30", Precision::kMonth);
  ExpectDate("He understood it only in early 1998, when he read a magazine.", "early 1998",
             "1998-01-01", "1998-04-30", Precision::kSeason);
  ExpectDate("Prices rose in late 1998 across the region.", "late 1998", "1998-09-01",
             "1998-12-31", Precision::kSeason);
  ExpectDate("The border hardened in mid-2004 after the raids.", "mid-2004", "2004-05-01",
             "2004-08-31", Precision::kSeason);
  ExpectDate("Famine struck in the 1990s across the north.", "the 1990s", "1990-01-01",
             "1999-12-31", Precision::kDecade);
  ExpectDate("Markets spread in the mid-'90s in every town.", "the mid-'90s", "1993-01-01",
             "1997-12-31", Precision::kDecade);
  ExpectDate("Markets spread in the mid-1990s in every town.", "the mid-1990s", "1993-01-01",
             "1997-12-31", Precision::kDecade);
  ExpectDate("They left at the end of 1999 on foot.", "the end of 1999", "1999-09-01",
             "1999-12-31", Precision::kSeason);
}

TEST(TimexAbsolute, Seasons) {
  ExpectDate("In the winter of 1996, he fled across the river.", "the winter of 1996",
             "1996-12-01", "1997-02-28", Precision::kSeason);
  ExpectDate("They met in spring 2003 at the market.", "spring 2003", "2003-03-01", "2003-05-31",
             Precision::kSeason);
  ExpectDate("The summer of 1998 was hot.", "The summer of 1998", "1998-06-01", "1998-08-31",
             Precision::kSeason);
  ExpectDate("In the fall of 2001, she moved.", "the fall of 2001", "2001-09-01", "2001-11-30",
             Precision::kSeason);
}

TEST(TimexAbsolute, RangesAndAlternatives) {
  ExpectDate("He was born 1957/1958 in a port city.", "1957/1958", "1957-01-01", "1958-12-31",
             Precision::kYear);
  ExpectDate("She served 1970-1971 in the navy.", "1970-1971", "1970-01-01", "1971-12-31",
             Precision::kYear);
  ExpectDate("She served 1970\xE2\x80\x93" "1971 in the navy.", "1970\xE2\x80\x93" "1971",
             "1970-01-01", "1971-12-31", Precision::kYear);
  ExpectDate("The poet (born c. 1970\xE2\x80\x93" "1971) writes.", "c. 1970\xE2\x80\x93" "1971",
             "1970-01-01", "1971-12-31", Precision::kYear);
  ExpectDate("He studied between 1995 and 1997 in the capital.", "between 1995 and 1997",
             "1995-01-01", "1997-12-31", Precision::kYear);
  ExpectDate("She taught from 2005 to 2010 at a school.", "from 2005 to 2010", "2005-01-01",
             "2010-12-31", Precision::kYear);
  ExpectDate("It ran 1998-99 on radio.", "1998-99", "1998-01-01", "1999-12-31", Precision::kYear);
  ExpectDate("They hid from April to June 1997 in a barn.", "from April to June 1997",
             "1997-04-01", "1997-06-30", Precision::kMonth);
}

TEST(TimexAbsolute, CircaWidensASingleYear) {
  ExpectDate("The house was built c. 1970 by farmers.", "c. 1970", "1969-01-01", "1971-12-31",
             Precision::kYear);
  ExpectDate("He was born circa 1970 in the hills.", "circa 1970", "1969-01-01", "1971-12-31",
             Precision::kYear);
  ExpectDate("She arrived around 1970 with nothing.", "around 1970", "1969-01-01", "1971-12-31",
             Precision::kYear);
}

// ------------------------------------------------------------ negatives

TEST(TimexNegative, ModalsVerbsMoneyAndLabels) {
  EXPECT_TRUE(Tag("The story may be true, and he may leave soon.").empty());
  EXPECT_TRUE(Tag("May be true or not, we cannot know.").empty());
  EXPECT_TRUE(Tag("They will March on the capital.").empty());
  EXPECT_TRUE(Tag("She sold her daughter for 100 Won at the market.").empty());
  EXPECT_TRUE(Tag("The fine was W50 million in cash.").empty());
  EXPECT_TRUE(Tag("He paid 2000 won for rice and $1999 for a phone.").empty());
  EXPECT_TRUE(Tag("See Section 5 and Division 19 of Office 101.").empty());
  EXPECT_TRUE(Tag("He was held in Camp 1950 for political crimes.").empty());
  EXPECT_TRUE(Tag("About 2000 people crossed, and 1998 defectors arrived.").empty());
  EXPECT_TRUE(Tag("She has two children and three brothers.").empty());
  EXPECT_TRUE(Tag("April smiled and walked home.").empty());
  EXPECT_TRUE(Tag("The fund grew 1000 times.").empty());
  EXPECT_TRUE(Tag("He recently moved and years later wrote about it.").empty());
}

// ------------------------------------------------------------ deictic relatives

TEST(TimexDeictic, ResolvedAgainstTheDocumentDate) {
  const Day ref = D(2004, 10, 28);
  auto xs = Tag("However, last year, a man cheated him.", ref);
  const Timex* x = Find(xs, "last year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, Timex::Kind::kRelative);
  EXPECT_TRUE(x->anchored);
  EXPECT_EQ(E(*x), "2003-01-01");
  EXPECT_EQ(L(*x), "2003-12-31");
  EXPECT_EQ(x->value.precision, Precision::kYear);

  xs = Tag("This year the harvest failed. Next year may be better.", ref);
  x = Find(xs, "This year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2004-01-01");
  x = Find(xs, "Next year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(L(*x), "2005-12-31");

  xs = Tag("The couple hopes to marry later this year in Texas.", ref);
  x = Find(xs, "later this year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2004-10-28");
  EXPECT_EQ(L(*x), "2004-12-31");

  xs = Tag("He called yesterday and will call tomorrow, not today.", ref);
  ASSERT_EQ(xs.size(), 3u);
  EXPECT_EQ(E(xs[0]), "2004-10-27");
  EXPECT_EQ(E(xs[1]), "2004-10-29");
  EXPECT_EQ(L(xs[2]), "2004-10-28");

  xs = Tag("She left last month for good.", ref);
  x = Find(xs, "last month");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2004-09-01");
  EXPECT_EQ(L(*x), "2004-09-30");
  EXPECT_EQ(x->value.precision, Precision::kMonth);
}

TEST(TimexDeictic, MonthsWithoutYear) {
  const Day ref = D(2014, 12, 11);
  auto xs = Tag("In fact, I also passed the GED this past April and applied.", ref);
  const Timex* x = Find(xs, "this past April");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, Timex::Kind::kRelative);
  EXPECT_EQ(E(*x), "2014-04-01");
  EXPECT_EQ(L(*x), "2014-04-30");

  // Said in February: last April is the previous year's.
  xs = Tag("She lost her job last April.", D(2015, 2, 2));
  x = Find(xs, "last April");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2014-04-01");

  // "in April" with no year: the nearest April not after the reference.
  xs = Tag("He was arrested in April.", D(2015, 2, 2));
  x = Find(xs, "April");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, Timex::Kind::kRelative);
  EXPECT_EQ(E(*x), "2014-04-01");
  xs = Tag("He was arrested in April.", D(2015, 6, 2));
  x = Find(xs, "April");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2015-04-01");

  xs = Tag("They crossed last winter on the ice.", D(2015, 6, 2));
  x = Find(xs, "last winter");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2014-12-01");
  EXPECT_EQ(L(*x), "2015-02-28");
}

TEST(TimexDeictic, AgoExpressions) {
  const Day ref = D(2014, 12, 11);
  auto xs = Tag("She fled two years ago with her son.", ref);
  const Timex* x = Find(xs, "two years ago");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2012-01-01");
  EXPECT_EQ(L(*x), "2012-12-31");
  xs = Tag("A decade ago the town starved.", ref);
  x = Find(xs, "A decade ago");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2003-01-01");
  EXPECT_EQ(L(*x), "2005-12-31");
  xs = Tag("He arrived three months ago.", ref);
  x = Find(xs, "three months ago");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2014-09-01");
  EXPECT_EQ(L(*x), "2014-09-30");
}

TEST(TimexDeictic, UnresolvedWithoutReference) {
  auto xs = Tag("Then, last year, he met a restaurant owner.");
  const Timex* x = Find(xs, "last year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, Timex::Kind::kRelative);
  EXPECT_FALSE(x->anchored);
  EXPECT_FALSE(x->value.known());
  xs = Tag("He moved later this year.");
  x = Find(xs, "later this year");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->value.known());
}

TEST(TimexDeictic, PartDateWinsOverDocumentDate) {
  // A page dated 2005-05-20 quoting a report dated 2004-10-28.
  Document d = Doc(
      "Page intro. Quoted: last year, he was cheated. Back on the page, last year he moved.",
      D(2005, 5, 20));
  Part quoted;
  quoted.span = Span{12, static_cast<uint32_t>(d.text.find("Back"))};
  quoted.date = D(2004, 10, 28);
  quoted.quoted = true;
  d.parts.push_back(quoted);
  auto xs = Tag(&d);
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(E(xs[0]), "2003-01-01");
  EXPECT_EQ(E(xs[1]), "2004-01-01");
}

TEST(TimexDeictic, WeekdaysAreTheDaysOfTheStorysWeek) {
  const Day ref = D(2019, 3, 8);  // a Friday
  auto xs = Tag("The album went on sale on Tuesday in Busan.", ref);
  const Timex* x = Find(xs, "Tuesday");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, Timex::Kind::kRelative);
  EXPECT_TRUE(x->anchored);
  EXPECT_EQ(E(*x), "2019-03-05");
  EXPECT_EQ(L(*x), "2019-03-05");
  EXPECT_EQ(x->value.precision, Precision::kDay);
  // The day itself, a part of a day, and "last".
  xs = Tag("Police said Friday that she died late Sunday. He left last Wednesday.", ref);
  x = Find(xs, "Friday");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2019-03-08");
  x = Find(xs, "late Sunday");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2019-03-03");
  x = Find(xs, "last Wednesday");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2019-03-06");
  // The future: "next", "will".
  xs = Tag("They meet again next Monday, and she will speak on Thursday.", ref);
  x = Find(xs, "next Monday");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2019-03-11");
  x = Find(xs, "Thursday");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2019-03-14");
  // "that Monday", "every Sunday", a lower-case word: no weekday of the story's week.
  xs = Tag("That winter, every Sunday, he walked. On that Monday he fell.", ref);
  for (const Timex& t : xs) EXPECT_EQ(t.value.text.find("day"), std::string::npos) << t.value.text;
  // A story told about another week leaves the weekday unresolved.
  xs = Tag("On 3 May 1998 they reached the river. On Tuesday they crossed.", ref);
  x = Find(xs, "Tuesday");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->anchored);
  // Without a reference date there is no week to look in.
  xs = Tag("The album went on sale on Tuesday.");
  x = Find(xs, "Tuesday");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->value.known());
}

TEST(TimexDeictic, AWeekdayPicksTheYearOfAYearlessDate) {
  // The narrative is in 1970, but March 2 fell on a Saturday in the story's own year.
  auto xs = Tag("In 1970 he moved to Busan. He died early on Saturday, March 2.", D(2019, 3, 8));
  const Timex* x = Find(xs, "March 2");
  ASSERT_NE(x, nullptr);
  EXPECT_TRUE(x->anchored);
  EXPECT_EQ(E(*x), "2019-03-02");
  // Without a weekday the narrative year holds.
  xs = Tag("In 1970 he moved to Busan. He married on March 2.", D(2019, 3, 8));
  x = Find(xs, "March 2");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "1970-03-02");
}

// ------------------------------------------------------------ anaphoric relatives

TEST(TimexAnaphoric, APartNarrowsARelativeYearOrMonth) {
  auto xs = Tag("In 1996 she moved to Hamhung. At the end of that year she found work.");
  const Timex* x = Find(xs, "the end of that year");
  ASSERT_NE(x, nullptr);
  EXPECT_TRUE(x->anchored);
  EXPECT_EQ(E(*x), "1996-09-01");
  EXPECT_EQ(L(*x), "1996-12-31");
  xs = Tag("He fled early last month.", D(2019, 1, 3));
  x = Find(xs, "early last month");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2018-12-01");
  EXPECT_EQ(L(*x), "2018-12-10");
  // Without a part the whole year stays.
  xs = Tag("In 1996 she moved to Hamhung. That year she found work.");
  x = Find(xs, "That year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "1996-01-01");
  EXPECT_EQ(L(*x), "1996-12-31");
}

TEST(TimexAnaphoric, ChainFromAYear) {
  auto xs = Tag(
      "In 2020, he met a restaurant owner. Four months later, they met again. Two months "
      "after that, they were engaged. The following year they married.");
  ASSERT_EQ(xs.size(), 4u);
  EXPECT_EQ(xs[0].value.text, "2020");
  EXPECT_EQ(xs[1].value.text, "Four months later");
  EXPECT_EQ(xs[1].kind, Timex::Kind::kRelative);
  EXPECT_TRUE(xs[1].anchored);
  EXPECT_EQ(E(xs[1]), "2020-05-01");
  EXPECT_EQ(L(xs[1]), "2021-04-30");
  EXPECT_EQ(xs[2].value.text, "Two months after that");
  EXPECT_EQ(E(xs[2]), "2020-07-01");
  EXPECT_EQ(L(xs[2]), "2021-06-30");
  EXPECT_EQ(xs[3].value.text, "The following year");
  EXPECT_EQ(E(xs[3]), "2021-01-01");
  EXPECT_EQ(L(xs[3]), "2022-12-31");
}

TEST(TimexAnaphoric, AYearLaterIsTheWholeNextYear) {
  auto xs = Tag("In April 1997, he crawled across the line. A year later, he read a magazine.");
  const Timex* x = Find(xs, "A year later");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "1998-01-01");
  EXPECT_EQ(L(*x), "1998-12-31");
  EXPECT_EQ(x->value.precision, Precision::kYear);
}

TEST(TimexAnaphoric, VagueCountsAndEvents) {
  auto xs = Tag("He defected in 2004. A few months after arriving, he found work.");
  const Timex* x = Find(xs, "A few months after");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2004-02-01");
  EXPECT_EQ(L(*x), "2005-04-30");
  xs = Tag("She arrived in March 2009. Two years into her residence, she opened a shop.");
  x = Find(xs, "Two years into");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2011-01-01");
  EXPECT_EQ(L(*x), "2011-12-31");
  xs = Tag("In March 2021, the couple planned to marry later that year.");
  x = Find(xs, "later that year");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2021-03-01");
  EXPECT_EQ(L(*x), "2021-12-31");
  // The anchor of a bare month is the narrative year.
  xs = Tag("In 1997 he was caught. In May, he escaped again.", D(2014, 12, 11));
  x = Find(xs, "May");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "1997-05-01");
}

TEST(TimexAnaphoric, DatelinesDoNotAnchorTheNarrative) {
  // The publication date heading a page is metadata, not story time.
  auto xs = Tag("December 11, 2014\nHer father remarried a year later, and life got worse.",
                D(2014, 12, 11));
  const Timex* x = Find(xs, "a year later");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->anchored);
  // A date stated in a sentence of the story does anchor it.
  xs = Tag("They met on March 3, 2001 at a market. A year later, they married.");
  x = Find(xs, "A year later");
  ASSERT_NE(x, nullptr);
  EXPECT_TRUE(x->anchored);
  EXPECT_EQ(E(*x), "2002-01-01");
}

// A yearless month after a span of years takes the one year of the span it falls
// in, and none when several could hold it.
TEST(TimexAnaphoric, AMonthAfterASpanOfYears) {
  auto xs = Tag("The family hid through the winter of 2003. In January they moved on.");
  const Timex* x = Find(xs, "January");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2004-01-01");
  EXPECT_EQ(L(*x), "2004-01-31");
  xs = Tag("Food ran short in the 1980s. In June her uncle was taken away.", D(2019, 5, 2));
  x = Find(xs, "June");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->value.earliest.has_value()) << E(*x);
  xs = Tag("She worked there between 2001 and 2004. In May she was caught.");
  x = Find(xs, "May");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->value.earliest.has_value()) << E(*x);
}

// An offset after the narrative's date that would pass the text's own date counts
// from something else: unresolved.
TEST(TimexAnaphoric, NoLaterOffsetPastTheTextDate) {
  auto xs = Tag("He was released in 2009. Fifteen years later he wrote a book.", D(2016, 4, 1));
  const Timex* x = Find(xs, "Fifteen years later");
  ASSERT_NE(x, nullptr);
  EXPECT_FALSE(x->anchored);
  EXPECT_FALSE(x->value.earliest.has_value()) << E(*x);
  xs = Tag("He was released in 2009. Five years later he wrote a book.", D(2016, 4, 1));
  x = Find(xs, "Five years later");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2014-01-01");
}

// A year clipped to two digits after an apostrophe, as blogs and interviews write it.
TEST(TimexAbsolute, ClippedYears) {
  auto xs =
      Tag("She crossed in '97 and reached Seoul in \xe2\x80\x99"
          "02.");
  const Timex* x = Find(xs, "'97");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "1997-01-01");
  EXPECT_EQ(L(*x), "1997-12-31");
  x = Find(xs,
           "\xe2\x80\x99"
           "02");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(E(*x), "2002-01-01");
  // Not after a preposition, or a quoted number: no year.
  EXPECT_TRUE(Tag("He said '97 was the worst year.").empty());
}

TEST(TimexAnaphoric, UnanchoredWithoutAPreviousDate) {
  auto xs = Tag("A year later, they moved to Beijing.");
  const Timex* x = Find(xs, "A year later");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->kind, Timex::Kind::kRelative);
  EXPECT_FALSE(x->anchored);
  EXPECT_FALSE(x->value.known());
}

// ------------------------------------------------------------ ages

// An age sentence, the expression's surface in it, and the age it states.
struct AgeCase {
  const char* sentence;
  const char* surface;
  int age;
};

TEST(TimexAge, FormsWithReference) {
  const Day ref = D(2004, 10, 28);
  const AgeCase cases[] = {
      {"Forty-four-year-old Kim worked in fisheries.", "Forty-four-year-old", 44},
      {"The 63-year-old writer lives alone.", "63-year-old", 63},
      {"Lee, aged 44, spoke to us.", "aged 44", 44},
      {"Park (age 44) spoke to us.", "age 44", 44},
      {"She is 44 years old and works at night.", "44 years old", 44},
      {"A farmer who is 44, he never left.", "who is 44", 44},
  };
  for (const AgeCase& c : cases) {
    SCOPED_TRACE(c.sentence);
    auto xs = Tag(c.sentence, ref);
    const Timex* x = Find(xs, c.surface);
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->kind, Timex::Kind::kAge);
    EXPECT_EQ(x->age_years, c.age);
    EXPECT_TRUE(x->anchored);
    EXPECT_EQ(E(*x), "2004-10-28");
    EXPECT_EQ(L(*x), "2004-10-28");
  }
}

TEST(TimexAge, PastAgesAndMissingReferenceLeaveValueUnknown) {
  const Day ref = D(2004, 10, 28);
  const AgeCase cases[] = {
      {"At age eight, she sold noodles.", "At age eight", 8},
      {"He enlisted at the age of 20 in Hamhung.", "at the age of 20", 20},
      {"When she was 17, she crossed the river.", "When she was 17", 17},
      {"He was 23 when he defected.", "23", 23},
  };
  for (const AgeCase& c : cases) {
    SCOPED_TRACE(c.sentence);
    auto xs = Tag(c.sentence, ref);
    const Timex* x = Find(xs, c.surface);
    ASSERT_NE(x, nullptr);
    EXPECT_EQ(x->kind, Timex::Kind::kAge);
    EXPECT_EQ(x->age_years, c.age);
    EXPECT_FALSE(x->value.known());
  }
  auto xs = Tag("63-year-old Jang defected in 1997.");
  const Timex* x = Find(xs, "63-year-old");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->age_years, 63);
  EXPECT_FALSE(x->anchored);
  EXPECT_FALSE(x->value.known());
}

TEST(TimexAge, BirthFromAge) {
  DateInterval b = TimeTagger::BirthFromAge(44, D(2004, 10, 28));
  EXPECT_EQ(FormatDay(*b.earliest), "1959-10-29");
  EXPECT_EQ(FormatDay(*b.latest), "1960-10-28");
  DateInterval on = DateInterval::Range(D(2004, 10, 28), D(2005, 5, 20), Precision::kDay);
  b = TimeTagger::BirthFromAge(44, on);
  EXPECT_EQ(FormatDay(*b.earliest), "1959-10-29");
  EXPECT_EQ(FormatDay(*b.latest), "1961-05-20");
  b = TimeTagger::BirthFromAge(44, DateInterval{});
  EXPECT_FALSE(b.known());
}

// ------------------------------------------------------------ durations

TEST(TimexDuration, Lengths) {
  struct Case {
    const char* sentence;
    const char* surface;
    int days;
  };
  const Case cases[] = {
      {"He hid for five months in a cellar.", "for five months", 150},
      {"She stayed for a month with relatives.", "for a month", 30},
      {"They walked for fifteen straight days.", "for fifteen straight days", 15},
      {"After three months of dating, they married.", "three months", 90},
      {"After five days of traveling, he reached the border.", "five days", 5},
      {"He got a five-year sentence.", "five-year", 1825},
      {"She taught there for the next nine years.", "for the next nine years", 3285},
      {"He farmed for the first two years.", "for the first two years", 730},
      {"He hid for the better part of a year.", "for the better part of a year", 365},
      {"She worked for most of a decade in Dandong.", "for most of a decade", 3652},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sentence);
    auto xs = Tag(c.sentence);
    ASSERT_FALSE(xs.empty());
    const Timex* x = &xs[0];
    EXPECT_EQ(x->kind, Timex::Kind::kDuration);
    EXPECT_EQ(x->duration_days, c.days);
    EXPECT_FALSE(x->value.known());
    EXPECT_NE(Find(xs, c.surface), nullptr);
  }
  EXPECT_TRUE(Tag("After years of hunger, they left.").empty());
  EXPECT_TRUE(Tag("My dream is to one day build a school.").empty());
  auto xs = Tag("After I got out, and for a few months after that, I felt lost.");
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].kind, Timex::Kind::kDuration);
  EXPECT_FALSE(xs[0].value.known());
}

// ------------------------------------------------------------ ParseAbsolute

TEST(TimexParseAbsolute, StandAloneExpressions) {
  const TimeTagger& tt = TimeTagger::Default();
  auto v = tt.ParseAbsolute("May 20, 2005");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v->earliest, D(2005, 5, 20));
  EXPECT_EQ(*v->latest, D(2005, 5, 20));
  EXPECT_EQ(v->text, "May 20, 2005");
  v = tt.ParseAbsolute("29th October 2004");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v->earliest, D(2004, 10, 29));
  v = tt.ParseAbsolute("1957/1958");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v->earliest, D(1957, 1, 1));
  EXPECT_EQ(*v->latest, D(1958, 12, 31));
  v = tt.ParseAbsolute("the winter of 1996");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(*v->earliest, D(1996, 12, 1));
  EXPECT_EQ(*v->latest, D(1997, 2, 28));
  v = tt.ParseAbsolute("2014-12-11");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->precision, Precision::kDay);
  EXPECT_FALSE(tt.ParseAbsolute("April").has_value());
  EXPECT_FALSE(tt.ParseAbsolute("last year").has_value());
  EXPECT_FALSE(tt.ParseAbsolute("May 20, 2005 and more words").has_value());
  EXPECT_FALSE(tt.ParseAbsolute("").has_value());
}

// ------------------------------------------------------------ seed sentence forms

TEST(TimexSeeds, SentenceForms) {
  // The seed gold accepts 1996-01-01..1997-02-28 for this crossing; our
  // meteorological winter lies within it.
  auto xs = Tag("In the winter of 1996, he fled North Korea by crossing the Tumen River.");
  const Timex* x = Find(xs, "the winter of 1996");
  ASSERT_NE(x, nullptr);
  EXPECT_GE(*x->value.earliest, D(1996, 1, 1));
  EXPECT_LE(*x->value.latest, D(1997, 2, 28));

  xs = Tag("After five days of traveling, he escaped to South Korea on April 27, 1997.");
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].kind, Timex::Kind::kDuration);
  EXPECT_EQ(E(xs[1]), "1997-04-27");

  xs = Tag("Jang (Korean name; born 1957/1958) is a writer.");
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(E(xs[0]), "1957-01-01");
  EXPECT_EQ(L(xs[0]), "1958-12-31");

  xs = Tag("Born c. 1970\xE2\x80\x93" "1971 in the north, he is a poet.");
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(E(xs[0]), "1970-01-01");
  EXPECT_EQ(L(xs[0]), "1971-12-31");

  xs = Tag("I also passed the GED this past April and just submitted two applications.",
           D(2014, 12, 11));
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(E(xs[0]), "2014-04-01");
  EXPECT_EQ(L(xs[0]), "2014-04-30");

  xs = Tag("Forty-four-year-old Jang worked in the fisheries industry.", D(2004, 10, 28));
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].age_years, 44);
  DateInterval born = TimeTagger::BirthFromAge(xs[0].age_years, xs[0].value);
  EXPECT_EQ(FormatDay(*born.earliest), "1959-10-29");
  EXPECT_EQ(FormatDay(*born.latest), "1960-10-28");

  xs = Tag("However, last year, a man with whom Jang had fallen in love cheated him.",
           D(2004, 10, 28));
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(E(xs[0]), "2003-01-01");
  EXPECT_EQ(L(xs[0]), "2003-12-31");
}

TEST(TimexSeeds, WholeSeedDocumentsTagWithoutSurprises) {
  const std::string dir = CAIRN_SHARED_DIR "/seeds";
  std::FILE* f = std::fopen((dir + "/000_4ea59eae4fef3061.txt").c_str(), "rb");
  if (f == nullptr) GTEST_SKIP() << "seed folder " << dir << " absent";
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  Document d = Doc(text);
  auto xs = Tag(&d);
  EXPECT_NE(Find(xs, "the winter of 1996"), nullptr);
  EXPECT_NE(Find(xs, "April 27, 1997"), nullptr);
  EXPECT_NE(Find(xs, "late April 2015"), nullptr);
  const Timex* x = Find(xs, "Four months later");
  ASSERT_NE(x, nullptr);
  EXPECT_TRUE(x->anchored);
  EXPECT_EQ(E(*x), "2020-05-01");
  for (const Timex& t : xs) {
    if (t.kind == Timex::Kind::kDate) {
      EXPECT_TRUE(t.value.closed()) << t.value.text;
      EXPECT_LE(*t.value.earliest, *t.value.latest) << t.value.text;
    }
  }
}

}  // namespace
}  // namespace cairn::extract
