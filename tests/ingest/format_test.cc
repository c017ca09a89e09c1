// Format detection and conversion to plain text.
#include <gtest/gtest.h>

#include <string>

#include "../stderr_capture.h"
#include "ingest/convert.h"
#include "ingest/ingest.h"
#include "test_util.h"

namespace cairn::ingest {
namespace {

TEST(DetectFormatTest, ByExtensionAndContent) {
  EXPECT_EQ(DetectFormat("a.html", "just words"), "html");
  EXPECT_EQ(DetectFormat("a.txt", "  <!DOCTYPE html><html><body>x</body></html>"), "html");
  EXPECT_EQ(DetectFormat("a.txt", "<html><p>x</p></html>"), "html");
  EXPECT_EQ(DetectFormat("frag", "<p>a</p><p>b</p><div>c</div><br><a href='x'>d</a>"), "html");
  EXPECT_EQ(DetectFormat("notes.md", "plain words"), "markdown");
  EXPECT_EQ(DetectFormat("notes.txt", "# Title\n\nSee [the report](http://x.org).\n"), "markdown");
  EXPECT_EQ(DetectFormat("page.txt", "= Kim Il =\n\nText.\n\n==Life==\nMore."), "wiki");
  EXPECT_EQ(DetectFormat("page.txt", "Intro.\n\n== Life ==\nA.\n\n== Death ==\nB."), "wiki");
  EXPECT_EQ(DetectFormat("page.txt", "He paid $5 <less> than # expected.\nA [note] here."), "text");
}

TEST(ConvertTextTest, LinesKeptVerbatimParagraphsSeparated) {
  std::string src =
      "Refugee Stories\r\n\r\n  She crossed   the river in 1998.  \r\nShe hid for two years.\r\n\r\n\r\n"
      "Then she reached Seoul.\r\n";
  Document d = Load(src, "story.txt");
  EXPECT_EQ(d.format, "text");
  EXPECT_EQ(d.text,
            "Refugee Stories\n\nShe crossed   the river in 1998.\nShe hid for two years.\n\n"
            "Then she reached Seoul.");
  EXPECT_EQ(d.title, "Refugee Stories");
}

TEST(ConvertTextTest, WikiHeadingsBecomeSectionsAndEmptyOnesVanish) {
  std::string src =
      "= Pak Mun-il =\n\nPak Mun-il (born 1961) is a North Korean author.\n\n==Early life==\n"
      "Pak was born in Hamhung.\n\n=== Army ===\nHe served ten years.\n\n==Career==\n"
      "He writes novels.\n\n== References ==\n\n== External links ==\n";
  Document d = Load(src, "wiki.txt");
  EXPECT_EQ(d.format, "wiki");
  EXPECT_EQ(d.title, "Pak Mun-il");
  EXPECT_FALSE(Contains(d.text, "=")) << d.text;
  EXPECT_FALSE(Contains(d.text, "References"));
  EXPECT_FALSE(Contains(d.text, "External links"));
  ASSERT_EQ(d.sections.size(), 3u);
  EXPECT_EQ(d.sections[0].heading, "Early life");
  EXPECT_EQ(d.sections[0].level, 2);
  EXPECT_EQ(d.sections[1].heading, "Army");
  EXPECT_EQ(d.sections[1].level, 3);
  EXPECT_EQ(d.Slice(d.sections[1].span), "He served ten years.");
  // A level-2 section runs over its level-3 subsection to the next level-2 heading.
  EXPECT_EQ(d.Slice(d.sections[0].span), "Pak was born in Hamhung.\n\nArmy\n\nHe served ten years.");
  EXPECT_EQ(d.Slice(d.sections[2].span), "He writes novels.");
}

TEST(ConvertMarkdownTest, MarkupStripped) {
  std::string src =
      "# Escape Through China\n\n![portrait](img/p.jpg)\n\nShe left **Hyesan** in *1998* with "
      "[her brother](https://example.org/b) and `two` bags.\n\n## Later\n\n- She studied law\n"
      "> \"We were free,\" she said.\n\n```\nraw code line\n```\n";
  Document d = Load(src, "esc.md");
  EXPECT_EQ(d.format, "markdown");
  EXPECT_EQ(d.title, "Escape Through China");
  EXPECT_TRUE(Contains(d.text, "She left Hyesan in 1998 with her brother and two bags.")) << d.text;
  EXPECT_TRUE(Contains(d.text, "She studied law"));
  EXPECT_TRUE(Contains(d.text, "\"We were free,\" she said."));
  EXPECT_FALSE(Contains(d.text, "portrait"));
  EXPECT_FALSE(Contains(d.text, "https://"));
  EXPECT_FALSE(Contains(d.text, "#"));
  ASSERT_GE(d.sections.size(), 1u);
  EXPECT_EQ(d.sections.back().heading, "Later");
}

TEST(ConvertMarkdownTest, SnakeCaseUntouched) {
  EXPECT_EQ(StripMarkdownInline("file_name_here and _stress_ and **bold**"),
            "file_name_here and stress and bold");
}

TEST(ConvertHtmlTest, ArticleWithFurnitureAndMetadata) {
  std::string src = R"(<!DOCTYPE html>
<html><head>
<title>A Long Road to Seoul | Example Times</title>
<meta property="article:published_time" content="2019-03-07T09:15:00+09:00">
<meta name="author" content="Lee Soo-jin">
<style>p { color: red }</style><script>var x = "Donate";</script>
</head><body>
<header><div class="logo">Example Times</div></header>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>A Long Road to Seoul</h1>
<p>Choi Hyun-woo left Hoeryong in 2008 &amp; crossed the Tumen River.</p>
<p>He spent   three years in Yanji.<br>Then he reached Laos.</p>
<h2>Arrival</h2>
<p>He arrived in Seoul on <b>May 2, 2011</b>.</p>
<aside>Related: other stories</aside>
<form><button>Subscribe</button></form>
</article>
<footer>© 2019 Example Times. All rights reserved.</footer>
</body></html>)";
  Document d = Load(src, "road.html");
  EXPECT_EQ(d.format, "html");
  EXPECT_EQ(d.title, "A Long Road to Seoul");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(FormatDay(*d.date), "2019-03-07");
  EXPECT_EQ(d.author, "Lee Soo-jin");
  EXPECT_TRUE(Contains(d.text, "Choi Hyun-woo left Hoeryong in 2008 & crossed the Tumen River."))
      << d.text;
  EXPECT_TRUE(Contains(d.text, "He spent three years in Yanji.\nThen he reached Laos.")) << d.text;
  EXPECT_TRUE(Contains(d.text, "He arrived in Seoul on May 2, 2011."));
  for (const char* gone : {"color", "var x", "Home", "World", "Related", "Subscribe", "rights",
                           "Example Times"}) {
    EXPECT_FALSE(Contains(d.text, gone)) << gone << " in:\n" << d.text;
  }
  ASSERT_EQ(d.sections.size(), 2u);
  EXPECT_EQ(d.sections[1].heading, "Arrival");
  EXPECT_EQ(d.Slice(d.sections[1].span), "He arrived in Seoul on May 2, 2011.");
}

TEST(ConvertHtmlTest, TimeElementAndOgTitle) {
  std::string src =
      "<html><head><meta property=\"og:title\" content=\"Freedom at Last\"><title>x</title></head>"
      "<body><p>By Han Ji-won</p><time datetime=\"2021-11-30\">Nov 30</time>"
      "<p>She escaped in 2015.</p></body></html>";
  Document d = Load(src, "f.htm");
  EXPECT_EQ(d.title, "Freedom at Last");
  ASSERT_TRUE(d.date);
  EXPECT_EQ(FormatDay(*d.date), "2021-11-30");
  EXPECT_EQ(d.author, "Han Ji-won");
}

TEST(ConvertHtmlTest, DeepNestingDoesNotRecurse) {
  std::string src = "<html><body>";
  for (int i = 0; i < 20000; ++i) src += "<div>";
  src += "Deep text.";
  Document d = Load(src, "deep.html");
  EXPECT_EQ(d.text, "Deep text.");
}

TEST(ConvertHtmlTest, OnlyScriptLeavesNoText) {
  Result<Document> r = LoadBytes("empty.html", "<html><body><script>x()</script></body></html>");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status().message(), "empty.html: no text left")) << r.status().message();
}

std::string JoinLines(const Converted& c) {
  std::string out;
  for (const Block& b : c.blocks) {
    for (std::string_view l : b.lines) out.append(l).append("\n");
  }
  return out;
}

// libxml2 prints some errors on standard error whatever the parser options
// say (encoding conversion errors have no parser context); a broken page
// must be read without a word on the terminal, from both entry points.
TEST(ConvertHtmlTest, MalformedPagesWriteNothingToStderr) {
  // Bytes that are not UTF-8 and tags that never close or close crosswise.
  const std::string broken =
      "<html><head><title>Broken page</head><body><p>She crossed the river \xff\xfe at night."
      "<div><b>Then <i>she hid</b> for months</i></p><p>In 1998 caf\xc3 she left.</body>";
  // The first bytes make libxml2 read the page as UCS-4, whose conversion
  // then fails: the report libxml2 printed before.
  static const char kUcs4[] = "\0\0\0<\0\0\0p\0\0\0>\xff\xff\xff\xff<p>After.</p>";
  const std::string ucs4(kUcs4, sizeof kUcs4 - 1);
  testing::StderrCapture capture;
  Converted a = ConvertHtml(std::string_view(broken));
  std::string owned = broken;
  Converted b = ConvertHtml(&owned);
  Converted c = ConvertHtml(std::string_view(ucs4));
  std::string owned_ucs4 = ucs4;
  Converted d = ConvertHtml(&owned_ucs4);
  EXPECT_EQ(capture.Stop(), "");
  for (const Converted* conv : {&a, &b}) {
    std::string text = JoinLines(*conv);
    EXPECT_TRUE(Contains(text, "She crossed the river")) << text;
    EXPECT_TRUE(Contains(text, "she hid")) << text;
    EXPECT_TRUE(Contains(text, "she left.")) << text;
  }
  EXPECT_EQ(a.title, "Broken page");
}

}  // namespace
}  // namespace cairn::ingest
