// Boilerplate removal on pages shaped like real ones (written for these
// tests) and on the seed documents.
#include "ingest/boilerplate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ingest/ingest.h"
#include "test_util.h"

namespace cairn::ingest {
namespace {

TEST(ClassifyLineTest, Cues) {
  EXPECT_EQ(ClassifyLine("Leave a Reply"), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Share this:"), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Follow us on Twitter"), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Donate Now"), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("READ MORE »"), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Related Posts"), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("© 2023 Open Doors Media. All rights reserved."), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("This site uses cookies to improve your experience. Accept"),
            LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Your email address will not be published. Required fields are marked *"),
            LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Thanks for subscribing!"), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("The logo for Daily PlanetA logo for Metro Radio"),
            LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Join our community of readers and get stories every week."),
            LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Home"), LineKind::kNav);
  EXPECT_EQ(ClassifyLine("IMG_2041.jpg"), LineKind::kImageName);
  EXPECT_EQ(ClassifyLine("harbour_family_03"), LineKind::kImageName);
  EXPECT_EQ(ClassifyLine("Oh no! Looks like something went wrong."), LineKind::kWeak);
}

TEST(ClassifyLineTest, ProseWithCueWordsStays) {
  EXPECT_NE(ClassifyLine("They would hold hands and share beds."), LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("She shared her story with the newsletter's editor in 2014, and the "
                         "piece was read by thousands of people across the country."),
                    LineKind::kText);
  EXPECT_EQ(ClassifyLine("Biography"), LineKind::kText);
  EXPECT_EQ(ClassifyLine("Pyongyang"), LineKind::kText);
  EXPECT_EQ(ClassifyLine("2015"), LineKind::kText);
  EXPECT_EQ(ClassifyLine("I knew then that something went wrong with the plan."),
            LineKind::kWeak);  // weak: dropped only inside a closing run of furniture
}

TEST(ClassifyLineTest, FundraisingAppealWithCallToAction) {
  EXPECT_EQ(ClassifyLine("A gift of $30 buys warm clothes and a bus ticket for one family on the "
                         "long road south. Give today"),
            LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Please donate: every donation of $20 feeds a child for two weeks in a "
                         "safe house along the route."),
            LineKind::kBoilerplate);
  EXPECT_EQ(ClassifyLine("Your donation of $40 pays for a night of safe lodging. Donate now"),
            LineKind::kBoilerplate);
  // Prose about donations, without a call to action at its edge, stays.
  EXPECT_EQ(ClassifyLine("The church gave her a donation of $50, which paid for a bus ticket to "
                         "the next city, and she never forgot their kindness."),
            LineKind::kText);
  EXPECT_NE(ClassifyLine("She asked whether the neighbours could donate rice to the family."),
            LineKind::kBoilerplate);
}

TEST(BoilerplateTest, NewsPostWithCommentFormAndNewsletter) {
  std::string page =
      "home\n\n"
      "Defector Opens Bakery in Incheon\n\n"
      "April 14, 2019\n\n"
      "bakery_front_2\n\n"
      "Kang Mi-rae, who left Sinuiju in 2009, opened her bakery last week. She says the first "
      "customers were her neighbours, who share her love of red bean bread.\n\n"
      "Share this:\nTwitter\nFacebook\n\n"
      "Related Posts\n\n"
      "By Tom Reyes\n\n"
      "Tom Reyes is a reporter who covers small business in the Incheon area and writes about "
      "food, families and the people who build new lives in the city.\n\n"
      "Leave a Reply\n\n"
      "Your email address will not be published. Required fields are marked *\n\n"
      "Stay in Touch\n\n"
      "Join our growing community of readers. We send stories and news every week to your inbox. "
      "Sign up for our newsletter:\n\n"
      "Subscribe\n";
  Document d = Load(page);
  EXPECT_EQ(d.title, "Defector Opens Bakery in Incheon");
  EXPECT_EQ(d.author, "Tom Reyes");
  for (const char* gone : {"home", "bakery_front_2", "Share this", "Twitter", "Related Posts",
                           "Leave a Reply", "email address", "Stay in Touch", "Join our",
                           "Subscribe"}) {
    EXPECT_FALSE(Contains(d.text, gone)) << gone << " still in:\n" << d.text;
  }
  EXPECT_TRUE(Contains(d.text, "who share her love of red bean bread."));
  EXPECT_TRUE(Contains(d.text, "Tom Reyes is a reporter"));
}

TEST(BoilerplateTest, CharityPageWithDonationTail) {
  std::string page =
      "A Mother's Journey\n\n"
      "June 3, 2021\n\n"
      "Mrs. Oh crossed into China in 2002 and spent a decade hiding before reaching Thailand. "
      "Today she runs a small shop and her son is at university.\n\n"
      "You can help families like hers. Start a fundraiser today!\n\n"
      "Her son wants to become a teacher and plans to finish his degree next year in Daejeon, "
      "where he also volunteers with younger students from the North.\n\n"
      "Give Today\n\n"
      "Your generous donation helps families reach safety\n"
      "Donate Now\n"
      "Learn more about our work\n"
      "Awesome! You're subscribed!\n"
      "Oh no! Looks like something went wrong.\n"
      "Check these out!\n"
      "Stand with families in need\n\n"
      "Join us and give monthly in support of refugees\n\n"
      "The logo for Daily PlanetThe logo for Metro RadioA logo for City Weekly\n";
  Document d = Load(page);
  for (const char* gone : {"Start a fundraiser", "Give Today", "generous donation", "Donate Now",
                           "Learn more", "subscribed", "went wrong", "Check these out",
                           "Stand with", "give monthly", "logo for"}) {
    EXPECT_FALSE(Contains(d.text, gone)) << gone << " still in:\n" << d.text;
  }
  EXPECT_TRUE(Contains(d.text, "where he also volunteers with younger students from the North."));
  EXPECT_EQ(FormatDay(*d.date), "2021-06-03");
}

TEST(BoilerplateTest, ProseEndingWithCueWordKept) {
  Document d = Load(
      "Two Friends\n\nAs boys in Chongjin they were inseparable and spent every summer at the "
      "harbour, fishing and talking about the future they imagined.\n\n"
      "They would hold hands and share beds.\n");
  EXPECT_TRUE(Contains(d.text, "They would hold hands and share beds.")) << d.text;
  std::vector<std::string_view> lines{"A long line of real prose that runs well past the "
                                      "fourteen word limit for short lines in this page.",
                                      "Follow the river north.", "Share"};
  std::vector<bool> mask = BoilerplateMask(lines);
  EXPECT_EQ(mask, (std::vector<bool>{false, false, true}));
}

TEST(BoilerplateTest, ShortLinePageKeepsItsLines) {
  // A page of short lines (a list) with one share line near the top: only
  // that line goes; the tail rule does not eat the list.
  std::string page =
      "Works\n\nShare\n\n- Crossing (2004)\n- Winter River (2009)\n- Letters Home (2012)\n"
      "- The Long Road (2015)\n- Seoul Diaries (2018)\n";
  Document d = Load(page);
  EXPECT_FALSE(Contains(d.text, "Share"));
  EXPECT_TRUE(Contains(d.text, "- Seoul Diaries (2018)"));
  EXPECT_TRUE(Contains(d.text, "- Crossing (2004)"));
}

TEST(BoilerplateTest, ACueInMidDocumentTakesOnlyItsOwnLine) {
  // Short lines of testimony after a cue line: the cue goes, the events stay.
  for (const char* cue : {"The logo for the Daily Planet", "We use cookies on this site.",
                          "Share", "All rights reserved"}) {
    std::string page = std::string("Testimony of a mother\n\n") +
                       "Kim Young-ho was born in Hyesan in 1975.\n" + cue + "\n" +
                       "He crossed the Tumen River in 1998.\n" +
                       "He was arrested in Yanji in 2002.\n" +
                       "In 2004 he reached Seoul by way of Bangkok.\n";
    Document d = Load(page);
    EXPECT_TRUE(Contains(d.text, "born in Hyesan in 1975.")) << cue << ":\n" << d.text;
    EXPECT_TRUE(Contains(d.text, "He crossed the Tumen River in 1998.")) << cue << ":\n" << d.text;
    EXPECT_TRUE(Contains(d.text, "He was arrested in Yanji in 2002.")) << cue << ":\n" << d.text;
    EXPECT_TRUE(Contains(d.text, "reached Seoul by way of Bangkok.")) << cue << ":\n" << d.text;
    EXPECT_FALSE(Contains(d.text, cue)) << cue << ":\n" << d.text;
  }
  // The same as lines: only the cue is marked.
  std::vector<std::string_view> lines{"He was born in Musan in 1980.", "We use cookies.",
                                      "He fled to China in 1997.", "He was caught in Tumen.",
                                      "His sister reached Seoul in 2003."};
  EXPECT_EQ(BoilerplateMask(lines), (std::vector<bool>{false, true, false, false, false}));
}

}  // namespace
}  // namespace cairn::ingest
