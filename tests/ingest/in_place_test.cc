// The memory-saving paths of ingest give the same documents as the plain
// ones: Document::text assembled inside the decoded bytes (text, wiki,
// Markdown lines rewritten over themselves, HTML lines written behind the
// parser), the fall-back to a separate buffer, and the eight-bytes-at-a-time
// scanning of boilerplate cues.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/boilerplate.h"
#include "ingest/convert.h"
#include "ingest/ingest.h"
#include "ingest/metadata.h"
#include "test_util.h"

namespace cairn::ingest {
namespace {

// BuildDocument from a copy of the lines (the path without reuse) and from
// the source's own buffer must agree.
void ExpectSameBothWays(const std::string& src, const std::string& format) {
  std::string a = src, b = src;
  Converted ca = format == "html"       ? ConvertHtml(std::string_view(a))
                 : format == "markdown" ? ConvertMarkdown(std::string_view(a))
                                        : ConvertText(a);
  Document da;
  BuildDocument(ca, &da);
  Converted cb = format == "html" ? ConvertHtml(&b) : format == "markdown" ? ConvertMarkdown(&b)
                                                                           : ConvertText(b);
  Document db;
  BuildDocument(&cb, &b, &db);
  EXPECT_EQ(da.text, db.text) << format << ":\n" << src;
  EXPECT_EQ(da.title, db.title);
  ASSERT_EQ(da.sections.size(), db.sections.size());
  for (size_t i = 0; i < da.sections.size(); ++i) {
    EXPECT_EQ(da.sections[i].heading, db.sections[i].heading);
    EXPECT_EQ(da.sections[i].span.begin, db.sections[i].span.begin);
    EXPECT_EQ(da.sections[i].span.end, db.sections[i].span.end);
  }
}

TEST(InPlaceTest, TextWikiAndMarkdownAssembleInTheirOwnBytes) {
  ExpectSameBothWays("Title\n\nFirst line\nsecond line\n\n\n  indented   \n\nLast.\n", "text");
  ExpectSameBothWays("= Name =\n== Early life ==\nBorn in 1970.\n=H=\nMore.\n== Empty ==\n", "wiki");
  ExpectSameBothWays(
      "# The **Road**\n\n*Posted on June 2, 2022*\n\n- A [link](http://x) and `code`\n"
      "> quoted _word_ here\n\nSetext *title*\n---\n\nPlain line.\n```\n**kept**\n```\n",
      "markdown");
}

TEST(InPlaceTest, HtmlLinesWrittenBehindTheParser) {
  // A <pre> of one-letter lines gives more line bytes (with their spare
  // bytes) than the markup they came from: those go to the arena.
  std::string pre = "<html><body><pre>";
  for (int i = 0; i < 200; ++i) pre += "x\n";
  pre += "</pre><p>After &amp; more.</p></body></html>";
  ExpectSameBothWays(pre, "html");
  ExpectSameBothWays(
      "<html><head><title>T | S</title></head><body><h1>T</h1><p>a<br>b</p><h2>Sub</h2>"
      "<div>text <b>bold</b></div><nav>Home</nav></body></html>",
      "html");
  Document d = Load(pre, "pre.html");
  EXPECT_TRUE(Contains(d.text, "x\nx\nx")) << d.text;
  EXPECT_TRUE(Contains(d.text, "After & more.")) << d.text;
}

TEST(InPlaceTest, CuesFoundAtEveryOffsetAndSpacing) {
  const std::string prose =
      "She spent three long winters in the mountains near the river before she crossed ";
  for (size_t pad = 0; pad < 16; ++pad) {
    std::string line = std::string(pad, 'a') + " " + prose + "and then All Rights  Reserved";
    EXPECT_EQ(ClassifyLine(line), LineKind::kBoilerplate) << line;
    std::string nbsp = std::string(pad, 'b') + " Sign up\xC2\xA0to our\tNEWSLETTER";
    EXPECT_EQ(ClassifyLine(nbsp), LineKind::kBoilerplate) << nbsp;
    std::string prose_only = std::string(pad, 'c') + " " + prose + "safely.";
    EXPECT_EQ(ClassifyLine(prose_only), LineKind::kText) << prose_only;
  }
}

}  // namespace
}  // namespace cairn::ingest
