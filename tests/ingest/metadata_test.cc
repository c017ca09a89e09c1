// Metadata rules: datelines, bylines, quoted-source lines, titles, dates,
// authors, language and parts, on pages written for these tests.
#include <gtest/gtest.h>

#include <string>

#include "ingest/dateline.h"
#include "ingest/ingest.h"
#include "test_util.h"
#include "ingest/metadata.h"

namespace cairn::ingest {
namespace {

TEST(DatelineTest, FindDatesInAllShapes) {
  auto f = FindDates("From May 20, 2005 to 11 December 2014, then 2020-02-29 and Dec. 3 1999");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(FormatDay(f[0].day), "2005-05-20");
  EXPECT_EQ(FormatDay(f[1].day), "2014-12-11");
  EXPECT_EQ(FormatDay(f[2].day), "2020-02-29");
  EXPECT_EQ(FormatDay(f[3].day), "1999-12-03");
  EXPECT_TRUE(FindDates("February 30, 2001 and 2019-02-29").empty());
  EXPECT_EQ(FormatDay(FindDates("( 29th October 2004")[0].day), "2004-10-29");
  EXPECT_EQ(FormatDay(FindDates("the 3rd of March, 2010")[0].day), "2010-03-03");
}

TEST(DatelineTest, OnlyWholeLineDates) {
  EXPECT_EQ(Date(ParseDateLine("May 20, 2005")), "2005-05-20");
  EXPECT_EQ(Date(ParseDateLine("  December 11, 2014 ")), "2014-12-11");
  EXPECT_EQ(Date(ParseDateLine("11 December 2014")), "2014-12-11");
  EXPECT_EQ(Date(ParseDateLine("2014-12-11")), "2014-12-11");
  EXPECT_EQ(Date(ParseDateLine("Posted on March 3, 2012")), "2012-03-03");
  EXPECT_EQ(Date(ParseDateLine("Published: 4 July 2016")), "2016-07-04");
  EXPECT_EQ(Date(ParseDateLine("Tuesday, June 20, 2025")), "2025-06-20");
  EXPECT_EQ(Date(ParseDateLine("June 20, 2025 at 10:30 am")), "2025-06-20");
  EXPECT_EQ(Date(ParseDateLine("He escaped on April 27, 1997.")), "none");
  EXPECT_EQ(Date(ParseDateLine("In May 2015 he wrote a book")), "none");
  EXPECT_EQ(Date(ParseDateLine("May 2015")), "none");
  EXPECT_EQ(Date(ParseDateLine("From May 20, 2005 to June 1, 2005")), "none");
}

TEST(DatelineTest, Bylines) {
  EXPECT_EQ(ParseByline("By Kim Min-ji").value_or("-"), "Kim Min-ji");
  EXPECT_EQ(ParseByline("Posted by Jane O'Neill").value_or("-"), "Jane O'Neill");
  EXPECT_EQ(ParseByline("by Anna Park, Staff Writer").value_or("-"), "Anna Park");
  EXPECT_EQ(ParseByline("Written by Lee Soo and Park Ji").value_or("-"), "Lee Soo and Park Ji");
  EXPECT_EQ(ParseByline("Author: 김민지").value_or("-"), "김민지");
  EXPECT_FALSE(ParseByline("By the time he arrived, it was dark"));
  EXPECT_FALSE(ParseByline("by train to the border"));
  EXPECT_FALSE(ParseByline("Bypassing the guards"));
}

TEST(DatelineTest, QuotedSourceLines) {
  auto a = ParseQuotedSourceLine("From: Harbour Notes ( 14th March 2003");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->source, "Harbour Notes");
  EXPECT_EQ(Date(a->date), "2003-03-14");
  EXPECT_FALSE(a->original);
  auto b = ParseQuotedSourceLine("Original publication in Pacific Weekly March 12, 2003");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->source, "Pacific Weekly");
  EXPECT_TRUE(b->original);
  EXPECT_EQ(Date(b->date), "2003-03-12");
  auto c = ParseQuotedSourceLine("Originally published in The Courier on 2 May 2011.");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->source, "The Courier");
  EXPECT_EQ(Date(c->date), "2011-05-02");
  auto d = ParseQuotedSourceLine("Source: Daily Ledger, June 5, 2009");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->source, "Daily Ledger");
  EXPECT_FALSE(ParseQuotedSourceLine("From there we walked north for three days until we "
                                     "reached the river and crossed it at night."));
  EXPECT_FALSE(ParseQuotedSourceLine("He came from a village near the border."));
}

TEST(TitleTest, FirstHeadingLineSkippingNavWord) {
  Document d = Load("news\n\nLife After the Border\n\nMarch 3, 2012\n\nShe arrived in 2010.\n");
  EXPECT_EQ(d.title, "Life After the Border");
  EXPECT_FALSE(Contains(d.text, "news"));
  EXPECT_EQ(Date(d.date), "2012-03-03");
}

TEST(TitleTest, EncyclopediaLead) {
  Document d = Load(
      "Ri Chun-hee (born 1943) is a retired North Korean newsreader known for her style.\n\n"
      "Early life\nShe was born in Tongchon.\n");
  EXPECT_EQ(d.title, "Ri Chun-hee");
}

TEST(TitleTest, ProseFirstLineGivesNoTitle) {
  Document d = Load("He walked for nine days and nights without food or water, hiding by day.\n");
  EXPECT_EQ(d.title, "");
}

TEST(DateTest, ProseDatesNeverCount) {
  Document d = Load(
      "A Soldier's Story\n\nHe deserted on March 3, 1996.\n\nHe reached Seoul on April 27, 1997.\n");
  EXPECT_FALSE(d.date.has_value()) << Date(d.date);
}

TEST(DateTest, DatelineMustBeNearTheTop) {
  std::string page = "Title Line\n\n";
  for (int i = 0; i < 15; ++i) page += "Paragraph number " + std::to_string(i) + " of the story.\n\n";
  page += "May 1, 2001\n";
  Document d = Load(page);
  EXPECT_FALSE(d.date.has_value()) << Date(d.date);
}

TEST(DateTest, ATitleLineEndingWithItsDate) {
  Document d = Load(
      "Statement of Witness K (given to the Inquiry, 9 September 2015)\n\nI was born in "
      "Musan in 1968.\n");
  EXPECT_EQ(Date(d.date), "2015-09-09");
  d = Load("Statement of a former guard, 12 March 2014\n\nI served at the camp.\n");
  EXPECT_EQ(Date(d.date), "2014-03-12");
  // A title whose date is not its end tells of an event, not of when it was written.
  d = Load("The Night of 12 March 2014 at the River\n\nWe crossed at night.\n");
  EXPECT_FALSE(d.date.has_value()) << Date(d.date);
}

TEST(DateTest, NewsDatelineOpeningTheStory) {
  Document d = Load(
      "Border Guards Tighten Watch\n\nBy Lee Hana\n\nHYESAN, October 9, 2017 \xe2\x80\x94 Guards "
      "on the river bank now patrol in pairs, residents said.\n\nTrade has slowed.\n");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(*d.date, DayFromCivil(2017, 10, 9));
  EXPECT_EQ(d.author, "Lee Hana");
  EXPECT_EQ(ParseNewsDateline("NEW YORK, 2 May 2005 -- The talks ended."), DayFromCivil(2005, 5, 2));
  EXPECT_EQ(ParseNewsDateline("SEOUL, March 14, 2019 \xe2\x80\x93 Officials met."),
            DayFromCivil(2019, 3, 14));
  // Prose with a date and a dash is not a dateline; nor is a place in lower case.
  EXPECT_FALSE(ParseNewsDateline("On March 14, 2019 \xe2\x80\x94 a Thursday \xe2\x80\x94 she left."));
  EXPECT_FALSE(ParseNewsDateline("Seoul, March 14, 2019 \xe2\x80\x94 Officials met."));
  EXPECT_FALSE(ParseNewsDateline("SEOUL, March 14, 2019."));
  EXPECT_FALSE(ParseNewsDateline("SEOUL, March 14, 2019 \xe2\x80\x94"));
}

TEST(DateTest, EmphasizedPostedOnLineGivesDateAndAuthor) {
  Document d = Load(
      "# Winter at the Shelter\n\n_Posted on November 21, 2020 by Park Min-ji_\n\n"
      "Three families arrived this week after a long journey.\n",
      "post.md");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(*d.date, DayFromCivil(2020, 11, 21));
  EXPECT_EQ(d.author, "Park Min-ji");
  Document e = Load(
      "# Notes\n\n*Posted on 3 April 2015 by Anna Weber*\n\nThe road was closed.\n", "n.md");
  ASSERT_TRUE(e.date.has_value());
  EXPECT_EQ(*e.date, DayFromCivil(2015, 4, 3));
  EXPECT_EQ(e.author, "Anna Weber");
  EXPECT_EQ(ParseByline("Posted on 3 April 2015 by Anna Weber"), "Anna Weber");
  EXPECT_EQ(ParseDateLine("Posted on 3 April 2015 by Anna Weber"), DayFromCivil(2015, 4, 3));
  // Prose with "by" after a date stays prose.
  EXPECT_FALSE(ParseByline("She was caught on 3 April 2015 by the police"));
  EXPECT_FALSE(ParseDateLine("Posted on 3 April 2015 by the river"));
}

TEST(DateTest, HeaderLinesWithFields) {
  // Fields separated by bars, middle dots and bullets; the first dated field wins.
  EXPECT_EQ(
      Date(ParseHeaderDate("Published 2 June 2019 | Interview by Mara Olsen | Harbor Review")),
      "2019-06-02");
  EXPECT_EQ(Date(ParseHeaderDate("Harbor Review | Essays | October 30, 2008")), "2008-10-30");
  EXPECT_EQ(Date(ParseHeaderDate("By Tove Brandt | May 8, 2021, 20:41 KST")), "2021-05-08");
  EXPECT_EQ(Date(ParseHeaderDate("May 8, 2021 \xc2\xb7 6 min read")), "2021-05-08");
  EXPECT_EQ(Date(ParseHeaderDate("Updated Nov. 2, 2010 \xe2\x80\xa2 Metro Desk")), "2010-11-02");
  EXPECT_EQ(Date(ParseHeaderDate("Published May 1, 2020 | Updated May 3, 2020")), "2020-05-01");
  EXPECT_EQ(Date(ParseHeaderDate("Updated: May 3, 2020 | Published: May 1, 2020")), "2020-05-01");
  EXPECT_EQ(Date(ParseHeaderDate("Updated May 3, 2020 | Metro")), "2020-05-03");
  EXPECT_EQ(Date(ParseHeaderDate("Jan. 5, 2016 at 9:05 AM | Comments")), "2016-01-05");
  // Post lines signed by an organization, or with a category after the name.
  EXPECT_EQ(Date(ParseHeaderDate("Posted on 4 May 2009 by the Outreach Team | Category: News")),
            "2009-05-04");
  EXPECT_EQ(Date(ParseHeaderDate("Posted on May 4, 2009 by Ivo Marsh in Travel, Asia")),
            "2009-05-04");
  // A place or a label before the date.
  EXPECT_EQ(Date(ParseHeaderDate("Lisbon, 12 March 2007")), "2007-03-12");
  EXPECT_EQ(Date(ParseHeaderDate("BUSAN, June 30, 2001")), "2001-06-30");
  EXPECT_EQ(Date(ParseHeaderDate("Hearing No. 7, Friday, April 4, 2003")), "2003-04-04");
  // Prose stays prose.
  EXPECT_EQ(Date(ParseHeaderDate("Posted on 3 April 2015 by the river")), "none");
  EXPECT_EQ(Date(ParseHeaderDate("She left Lisbon on 12 March 2007 and never returned.")), "none");
  EXPECT_EQ(Date(ParseHeaderDate("They met in Lisbon, 12 March 2007, at the station")), "none");
  EXPECT_EQ(Date(ParseHeaderDate("Rent rose | prices fell on 3 May 2004 in the city")), "none");
}

TEST(DateTest, HeaderLineDatesThePage) {
  Document d = Load(
      "Ferry service resumes after storm\n\nBy Ines Kahl | September 12, 2018 | Travel\n\n"
      "The first boat left at dawn.\n");
  EXPECT_EQ(Date(d.date), "2018-09-12");
  Document e = Load("Remarks at the harbor forum\n\nLisbon, 12 March 2007\n\nThank you all.\n");
  EXPECT_EQ(Date(e.date), "2007-03-12");
}

// Labelled date lines that the dateline and header rules leave out.
TEST(DateTest, LabelledDateLines) {
  auto day = [](std::string_view line) {
    auto d = ParseLabelledDate(line);
    return d ? FormatDay(d->day) : std::string("none");
  };
  EXPECT_EQ(day("First published on Tue 7 Jun 2016 04.30 BST"), "2016-06-07");
  EXPECT_EQ(day("Fri 14 Feb 2020 18.00 GMT"), "2020-02-14");
  EXPECT_EQ(day("Date of hearing: 3 October 2012"), "2012-10-03");
  EXPECT_EQ(day("Decision promulgated: 28 January 2013"), "2013-01-28");
  EXPECT_EQ(day("Riverside Gazette | 2016.09.30"), "2016-09-30");
  EXPECT_EQ(day("2015. 7. 21."), "2015-07-21");
  EXPECT_EQ(day("2011\xEB\x85\x84 5\xEC\x9B\x94 9\xEC\x9D\xBC"), "2011-05-09");
  EXPECT_EQ(day("Filed 27/04/2018 in Features"), "2018-04-27");
  EXPECT_EQ(day("Filed 04/27/2018"), "2018-04-27");
  EXPECT_EQ(day("This page was last edited on 5 May 2022, at 09:41 (UTC)."), "2022-05-05");
  EXPECT_EQ(day("This entry was posted on Tuesday, March 14th, 2017 at 10:32 am and is filed "
                "under News."),
            "2017-03-14");
  EXPECT_TRUE(ParseLabelledDate("Last modified on Mon 9 Jan 2017 10.00 GMT")->update);
  EXPECT_TRUE(ParseLabelledDate("16 July 2013")->bare);
  // A date that could be read both ways, a date of birth, prose, a reference.
  EXPECT_EQ(day("Filed 04/05/2018"), "none");
  EXPECT_EQ(day("Born: 12 May 1971"), "none");
  EXPECT_EQ(day("Date of birth: 12 May 1971"), "none");
  EXPECT_EQ(day("He was released on 4 May 2010."), "none");
  EXPECT_EQ(day("Retrieved 4 June 2020."), "none");
  EXPECT_EQ(day("Published 8 May 2021 in a small town near the coast"), "none");
}

TEST(DateTest, LabelledDateLinesDateThePage) {
  Document d = Load(
      "Fishermen return to the harbor\n\nAnna Brill in Busan\n\nFirst published on Sat 4 Aug "
      "2018 07.00 BST\nLast modified on Sun 5 Aug 2018 11.20 BST\n\nThe boats came in at dawn.\n");
  EXPECT_EQ(Date(d.date), "2018-08-04");
  d = Load("Harbor Weekly | 2016.09.30\n\nThe ferry was late again.\n");
  EXPECT_EQ(Date(d.date), "2016-09-30");
  std::string page = "Lighthouse keepers\n\n";
  for (int i = 0; i < 15; ++i)
    page += "Paragraph number " + std::to_string(i) + " of the page.\n\n";
  d = Load(page + "This page was last edited on 5 May 2022, at 09:41 (UTC).\n");
  EXPECT_EQ(Date(d.date), "2022-05-05");
  // At the foot of a page a date needs its label.
  d = Load(page + "5 May 2022\n");
  EXPECT_FALSE(d.date.has_value()) << Date(d.date);
  d = Load(page + "Retrieved 5 May 2022.\n");
  EXPECT_FALSE(d.date.has_value()) << Date(d.date);
}

TEST(DateTest, NewsDatelineWithAgency) {
  EXPECT_EQ(ParseNewsDateline("BUSAN, Sept. 4, 2012 (Harbor Wire) -- Ferries were halted."),
            DayFromCivil(2012, 9, 4));
  EXPECT_FALSE(ParseNewsDateline("BUSAN, Sept. 4, 2012 (Harbor Wire)"));
}

TEST(AuthorTest, BylineAtEnd) {
  Document d = Load("Crossing at Night\n\nThey crossed the Yalu in winter.\n\nBy Choi Eun-young\n");
  EXPECT_EQ(d.author, "Choi Eun-young");
}

TEST(LanguageTest, HangulDominance) {
  EXPECT_EQ(DetectLanguage("그는 1997년에 서울에 도착했다. He arrived."), "ko");
  EXPECT_EQ(DetectLanguage("He arrived in Seoul (서울) in 1997 after a long journey."), "en");
  EXPECT_EQ(DetectLanguage("1997 2001"), "en");
}

TEST(PartsTest, SeveralDatedPostsOnePage) {
  std::string page =
      "stories\n\n"
      "A New Home in Busan\n\n"
      "March 2, 2016\n\n"
      "Min-ho arrived in Busan last spring. He found work at the port.\n\n"
      "Learning to Drive\n\n"
      "August 9, 2018\n\n"
      "By Grace Yoon\n\n"
      "Last month Soo-ah passed her driving test after two tries.\n";
  Document d = Load(page);
  EXPECT_EQ(d.title, "A New Home in Busan");
  EXPECT_EQ(Date(d.date), "2016-03-02");
  ASSERT_EQ(d.parts.size(), 2u);
  EXPECT_EQ(Date(d.parts[0].date), "2016-03-02");
  EXPECT_EQ(d.parts[0].title, "A New Home in Busan");
  EXPECT_EQ(d.parts[0].author, "");
  EXPECT_EQ(Date(d.parts[1].date), "2018-08-09");
  EXPECT_EQ(d.parts[1].title, "Learning to Drive");
  EXPECT_EQ(d.parts[1].author, "Grace Yoon");
  EXPECT_FALSE(d.parts[1].quoted);
  // The parts tile the page and hold their own text.
  EXPECT_TRUE(Contains(std::string(d.Slice(d.parts[0].span)), "found work at the port."));
  EXPECT_FALSE(Contains(std::string(d.Slice(d.parts[0].span)), "Learning to Drive"));
  EXPECT_EQ(d.Slice(d.parts[1].span).substr(0, 17), "Learning to Drive");
  // Relative dates resolve against the post that holds them.
  uint32_t off = static_cast<uint32_t>(d.text.find("Last month"));
  EXPECT_EQ(Date(d.ReferenceDateAt(off)), "2018-08-09");
  uint32_t off0 = static_cast<uint32_t>(d.text.find("last spring"));
  EXPECT_EQ(Date(d.ReferenceDateAt(off0)), "2016-03-02");
}

TEST(PartsTest, QuotedSourceOpensPartWithOriginalDate) {
  std::string page =
      "Readers Write\n\n"
      "July 1, 2006\n\n"
      "A reader asked what we knew. Here is a story we found.\n\n"
      "From: Harbour Notes ( 14th March 2003\n"
      "Original publication in Pacific Weekly March 12, 2003\n\n"
      "Life on the Ferry\n"
      "Last year the ferry stopped running, the captain said.\n";
  Document d = Load(page);
  EXPECT_EQ(Date(d.date), "2006-07-01");
  ASSERT_EQ(d.parts.size(), 1u);
  const Part& p = d.parts[0];
  EXPECT_TRUE(p.quoted);
  EXPECT_EQ(p.source, "Pacific Weekly");
  EXPECT_EQ(Date(p.date), "2003-03-12");
  EXPECT_EQ(p.title, "Life on the Ferry");
  EXPECT_EQ(d.Slice(p.span).substr(0, 19), "From: Harbour Notes");
  EXPECT_EQ(p.span.end, d.text.size());
  uint32_t off = static_cast<uint32_t>(d.text.find("Last year"));
  EXPECT_EQ(Date(d.ReferenceDateAt(off)), "2003-03-12");
  uint32_t before = static_cast<uint32_t>(d.text.find("A reader"));
  EXPECT_EQ(Date(d.ReferenceDateAt(before)), "2006-07-01");
}

TEST(PartsTest, SinglePostHasNoParts) {
  Document d = Load("One Post\n\nJanuary 5, 2020\n\nText of the post.\n");
  EXPECT_TRUE(d.parts.empty());
  EXPECT_EQ(Date(d.date), "2020-01-05");
}

TEST(LooksLikeHeadingTest, Rules) {
  EXPECT_TRUE(LooksLikeHeading("No Way Home?"));
  EXPECT_TRUE(LooksLikeHeading("Starting Over: A Conversation"));
  EXPECT_FALSE(LooksLikeHeading("He left."));
  EXPECT_FALSE(LooksLikeHeading("A reader recently wrote:"));
  EXPECT_FALSE(LooksLikeHeading("1997"));
  EXPECT_FALSE(LooksLikeHeading(std::string(20, 'a') + " b c d e f g h i j k l m n o p q r"));
}

}  // namespace
}  // namespace cairn::ingest
