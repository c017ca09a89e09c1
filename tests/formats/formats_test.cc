// Binary formats: PDF (reading order, pages, metadata), .docx and .odt,
// e-mail, and the bad inputs each must refuse with one clear message. The
// fixtures are made here (fixtures.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../stderr_capture.h"
#include "core/date.h"
#include "fixtures.h"
#include "ingest/ingest.h"

namespace cairn::ingest {
namespace {

using testing::MakeDocx;
using testing::MakeOdt;
using testing::MakePdf;
using testing::PdfPage;
using testing::WPara;

size_t Find(const std::string& text, const std::string& s) { return text.find(s); }

Document MustLoad(const std::string& name, const std::string& bytes, const Options& o = {}) {
  Result<Document> r = LoadBytes(name, bytes, o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : Document{};
}

// Two columns of sentences on each of two pages, a running header and a
// page-number footer, a word hyphenated at a line end.
std::string TwoColumnPdf() {
  std::vector<PdfPage> pages(2);
  for (int p = 0; p < 2; ++p) {
    PdfPage& page = pages[static_cast<size_t>(p)];
    page.lines.push_back({72, 36, "Quarterly Field Report on Border Crossings", 9});
    page.lines.push_back({300, 750, std::to_string(p + 1), 9});
    double y = 90;
    if (p == 0) {
      page.lines.push_back({72, 60, "Testimonies from the Northern Border", 20});
      y = 110;
    }
    const std::string side[2] = {"Left", "Right"};
    for (int c = 0; c < 2; ++c) {
      double x = c == 0 ? 72 : 320;
      std::vector<std::string> lines;
      for (int k = 1; k <= 4; ++k) {
        const std::string tag =
            side[c] + " page " + std::to_string(p + 1) + " sentence " + std::to_string(k);
        lines.push_back(tag + " begins");
        lines.push_back("on this line and continues");
        lines.push_back("here to its end.");
      }
      if (c == 1 && p == 1) {
        lines.push_back("The soldiers were repat-");
        lines.push_back("riated across the river by");
        lines.push_back("the border guards.");
      }
      double ly = y;
      for (const std::string& l : lines) {
        page.lines.push_back({x, ly, l, 11});
        ly += 14;
      }
    }
  }
  return MakePdf(pages, {"Border Report", "Field Office", "2019-03-14T10:00:00"});
}

TEST(PdfTest, TwoColumnsComeOutInReadingOrderWithPages) {
  Document d = MustLoad("report.pdf", TwoColumnPdf());
  EXPECT_EQ(d.format, "pdf");
  ASSERT_EQ(d.pages.size(), 2u);
  const std::string& t = d.text;
  // Each column's sentences whole and in order: left column, then right,
  // then the next page.
  std::vector<size_t> at;
  for (int p = 1; p <= 2; ++p) {
    for (const char* side : {"Left", "Right"}) {
      for (int k = 1; k <= 4; ++k) {
        const std::string s = std::string(side) + " page " + std::to_string(p) + " sentence " +
                              std::to_string(k) +
                              " begins on this line and continues here to its end.";
        size_t pos = Find(t, s);
        EXPECT_NE(pos, std::string::npos) << s << "\n--- text:\n" << t;
        at.push_back(pos);
        EXPECT_EQ(d.PageAt(static_cast<uint32_t>(pos)), p) << s;
      }
    }
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << t;
  // Hyphenation joined; running header and page numbers dropped.
  EXPECT_NE(Find(t, "The soldiers were repatriated across the river by the border guards."),
            std::string::npos)
      << t;
  EXPECT_EQ(Find(t, "Quarterly Field Report"), std::string::npos) << t;
  EXPECT_EQ(Find(t, "\n1\n"), std::string::npos) << t;
  EXPECT_EQ(Find(t, "\n2\n"), std::string::npos) << t;
  // Metadata: the info dictionary's title and author; its creation date is
  // the date because the text states none.
  EXPECT_EQ(d.title, "Border Report");
  EXPECT_EQ(d.author, "Field Office");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(FormatDay(*d.date), "2019-03-14");
  EXPECT_EQ(d.sha256.size(), 64u);
}

TEST(PdfTest, DateInTheTextWinsOverTheCreationDate) {
  std::vector<PdfPage> pages(1);
  pages[0].lines.push_back({72, 72, "Escape Story", 18});
  pages[0].lines.push_back({72, 100, "March 3, 2011", 11});
  pages[0].lines.push_back(
      {72, 130, "She crossed the river at night and reached the other bank.", 11});
  Document d = MustLoad("story.pdf", MakePdf(pages, {"", "", "2020-01-01T00:00:00"}));
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(FormatDay(*d.date), "2011-03-03");
  EXPECT_EQ(d.title, "Escape Story");
}

TEST(PdfTest, DetectedByContentNotByName) {
  std::vector<PdfPage> pages(1);
  pages[0].lines.push_back({72, 72, "A page of plain prose in a file named like text.", 11});
  Document d = MustLoad("notes.txt", MakePdf(pages));
  EXPECT_EQ(d.format, "pdf");
  EXPECT_NE(Find(d.text, "A page of plain prose"), std::string::npos);
}

TEST(PdfTest, DamagedPdfIsRefusedWithOneLine) {
  std::string pdf = TwoColumnPdf();
  std::string damaged = pdf.substr(0, 40) + std::string(200, '\x07');
  Result<Document> r = LoadBytes("broken.pdf", damaged);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "broken.pdf: damaged PDF: it cannot be read");
}

TEST(PdfTest, KoreanTextKeepsItsLetters) {
  std::vector<PdfPage> pages(1);
  pages[0].lines.push_back({72, 72, "김영희는 1998년에 두만강을 건넜다.", 12, "Noto Sans CJK KR"});
  Document d = MustLoad("ko.pdf", MakePdf(pages));
  EXPECT_NE(Find(d.text, "김영희는 1998년에 두만강을 건넜다."), std::string::npos) << d.text;
  EXPECT_EQ(d.language, "ko");
}

// ---- Word and OpenDocument ----

TEST(OfficeTest, DocxHeadingsTableFootnoteAndProperties) {
  std::string body =
      WPara("Life in Hyesan", "Heading1") +
      WPara("She worked at a textile factory for ten years.") +
      "<w:p><w:r><w:t>The family left in 1997.</w:t></w:r><w:r><w:footnoteReference "
      "w:id=\"1\"/></w:r></w:p>" +
      WPara("The Crossing", "Heading2") +
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r>"
      "<w:t>Place</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1997</w:t>"
      "</w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Yanji</w:t></w:r></w:p></w:tc></w:tr>"
      "</w:tbl>" +
      WPara("They waited in Yanji for a month.");
  std::string docx = MakeDocx(body, {{1, "Interview recorded in Seoul."}}, "Testimony", "Park Min",
                              "2015-06-02T09:00:00Z");
  Document d = MustLoad("testimony.docx", docx);
  EXPECT_EQ(d.format, "docx");
  EXPECT_EQ(d.title, "Testimony");
  EXPECT_EQ(d.author, "Park Min");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(FormatDay(*d.date), "2015-06-02");
  const std::string& t = d.text;
  EXPECT_NE(Find(t, "She worked at a textile factory for ten years."), std::string::npos) << t;
  EXPECT_NE(Find(t, "The family left in 1997.[1]"), std::string::npos) << t;
  EXPECT_NE(Find(t, "Year | Place\n1997 | Yanji"), std::string::npos) << t;
  // The footnote follows the body under its own heading.
  size_t notes = Find(t, "Footnotes\n\n[1] Interview recorded in Seoul.");
  ASSERT_NE(notes, std::string::npos) << t;
  EXPECT_GT(notes, Find(t, "They waited in Yanji for a month."));
  std::vector<std::string> headings;
  for (const Section& s : d.sections) headings.push_back(s.heading + "/" + std::to_string(s.level));
  EXPECT_EQ(headings,
            (std::vector<std::string>{"Life in Hyesan/1", "The Crossing/2", "Footnotes/1"}));
}

TEST(OfficeTest, OdtHeadingsTableFootnoteAndProperties) {
  std::string text =
      "<text:h text:outline-level=\"1\">Life in Hyesan</text:h>"
      "<text:p>She worked at a textile factory for ten years.</text:p>"
      "<text:p>The family left in 1997.<text:note "
      "text:note-class=\"footnote\"><text:note-citation>1"
      "</text:note-citation><text:note-body><text:p>Interview recorded in Seoul.</text:p>"
      "</text:note-body></text:note></text:p>"
      "<text:h text:outline-level=\"2\">The Crossing</text:h>"
      "<table:table><table:table-row><table:table-cell><text:p>Year</text:p></table:table-cell>"
      "<table:table-cell><text:p>Place</text:p></table:table-cell></table:table-row>"
      "<table:table-row><table:table-cell><text:p>1997</text:p></table:table-cell>"
      "<table:table-cell><text:p>Yanji</text:p></table:table-cell></table:table-row></table:table>"
      "<text:p>They<text:s/>waited in Yanji for a month.</text:p>";
  Document d =
      MustLoad("testimony.odt", MakeOdt(text, "Testimony", "Park Min", "2015-06-02T09:00:00"));
  EXPECT_EQ(d.format, "odt");
  EXPECT_EQ(d.title, "Testimony");
  EXPECT_EQ(d.author, "Park Min");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(FormatDay(*d.date), "2015-06-02");
  const std::string& t = d.text;
  EXPECT_NE(Find(t, "The family left in 1997.[1]"), std::string::npos) << t;
  EXPECT_NE(Find(t, "Year | Place\n1997 | Yanji"), std::string::npos) << t;
  EXPECT_NE(Find(t, "They waited in Yanji for a month."), std::string::npos) << t;
  size_t notes = Find(t, "Footnotes\n\n[1] Interview recorded in Seoul.");
  ASSERT_NE(notes, std::string::npos) << t;
  EXPECT_GT(notes, Find(t, "They waited in Yanji"));
  std::vector<std::string> headings;
  for (const Section& s : d.sections) headings.push_back(s.heading + "/" + std::to_string(s.level));
  EXPECT_EQ(headings,
            (std::vector<std::string>{"Life in Hyesan/1", "The Crossing/2", "Footnotes/1"}));
}

TEST(OfficeTest, DecompressionBombIsRefused) {
  // 20 MB of one byte compresses to about 20 KB: a ratio near 1000.
  std::string huge(20u << 20, 'a');
  std::string body = "<w:p><w:r><w:t>" + huge + "</w:t></w:r></w:p>";
  std::string().swap(huge);
  std::string docx = MakeDocx(body);
  std::string().swap(body);
  Result<Document> r = LoadBytes("bomb.docx", docx);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bomb.docx: decompression bomb refused: word/document.xml"),
            std::string::npos)
      << r.status().message();
}

TEST(OfficeTest, DamagedArchiveAndOtherZipsAreRefused) {
  std::string docx = MakeDocx(WPara("Some text in a paragraph."));
  Result<Document> cut = LoadBytes("cut.docx", docx.substr(0, docx.size() / 2));
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("cut.docx: damaged"), std::string::npos)
      << cut.status().message();
  Result<Document> other = LoadBytes("photos.zip", testing::MakeZip({{"a.jpg", "xx"}}));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().message(),
            "photos.zip: a zip archive, not a Word or OpenDocument text document");
}

// A part that declares an encoding its bytes are not in: libxml2 printed
// "encoding error" and "I/O error" on standard error, whatever the parser
// options. The body is still read, the broken part ignored, nothing printed.
TEST(OfficeTest, BadlyEncodedPartWritesNothingToStderr) {
  std::string docx = testing::MakeZip(
      {{"[Content_Types].xml",
        R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
       {"word/document.xml",
        R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
            WPara("She crossed the river at night.") + "</w:body></w:document>"},
       {"docProps/core.xml",
        "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><a>\x1b$B\xff\xff</a>"}});
  testing::StderrCapture capture;
  Result<Document> r = LoadBytes("bad_meta.docx", docx);
  EXPECT_EQ(capture.Stop(), "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(Find(r->text, "She crossed the river at night."), std::string::npos) << r->text;
}

// ---- E-mail ----

std::string Message(const std::string& attachment_name, const std::string& attachment) {
  std::string m =
      "From: Lee Sun-ok <sunok@example.org>\r\n"
      "To: Desk <desk@example.org>, Archive <archive@example.org>\r\n"
      "Subject: Account of the crossing\r\n"
      "Date: Tue, 14 May 2013 09:30:00 +0900\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n"
      "--XYZ\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n"
      "<html><body><p>My brother crossed the <b>Tumen River</b> in 2004.</p>"
      "<p>He reached Seoul two years later.</p></body></html>\r\n";
  if (!attachment.empty()) {
    m += "--XYZ\r\n"
         "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n"
         "Content-Disposition: attachment; filename=\"" +
         attachment_name +
         "\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         testing::Base64(attachment);
  }
  return m + "--XYZ--\r\n";
}

TEST(EmailTest, HeadersHtmlBodyAndDocxAttachment) {
  std::string docx = MakeDocx(WPara("Notes on the journey through Yanji."));
  Document d = MustLoad("account.eml", Message("notes.docx", docx));
  EXPECT_EQ(d.format, "email");
  EXPECT_EQ(d.title, "Account of the crossing");
  EXPECT_EQ(d.author, "Lee Sun-ok");
  ASSERT_TRUE(d.date.has_value());
  EXPECT_EQ(FormatDay(*d.date), "2013-05-14");
  EXPECT_EQ(d.recipients, (std::vector<std::string>{"desk@example.org", "archive@example.org"}));
  EXPECT_NE(Find(d.text, "My brother crossed the Tumen River in 2004."), std::string::npos)
      << d.text;
  EXPECT_EQ(Find(d.text, "<b>"), std::string::npos);
  ASSERT_EQ(d.attachments.size(), 1u);
  const Document& a = d.attachments[0];
  EXPECT_EQ(a.format, "docx");
  EXPECT_EQ(a.name, "notes.docx");
  EXPECT_NE(Find(a.text, "Notes on the journey through Yanji."), std::string::npos);
  EXPECT_TRUE(d.problems.empty());
}

TEST(EmailTest, AttachmentsAreCapped) {
  std::string m =
      "From: a@example.org\r\nSubject: many\r\nDate: Tue, 14 May 2013 09:30:00 +0000\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
      "--B\r\nContent-Type: text/plain\r\n\r\nSee the files.\r\n";
  for (int i = 0; i < 30; ++i) {
    m += "--B\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"f" +
         std::to_string(i) + ".txt\"\r\n\r\nFile number " + std::to_string(i) +
         " holds a line.\r\n";
  }
  m += "--B--\r\n";
  Options o;
  o.max_attachments = 5;
  Document d = MustLoad("many.eml", m, o);
  EXPECT_EQ(d.attachments.size(), 5u);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(d.problems[0], "many.eml: 30 attachments; only the first 5 were read");
}

TEST(EmailTest, MboxMessagesBecomeDocuments) {
  std::string mbox =
      "From sender@example.org Tue May 14 09:30:00 2013\n"
      "From: One <one@example.org>\nSubject: First\nDate: Tue, 14 May 2013 09:30:00 +0000\n\n"
      "The first message body.\n\n"
      "From sender@example.org Wed May 15 09:30:00 2013\n"
      "From: Two <two@example.org>\nSubject: Second\nDate: Wed, 15 May 2013 09:30:00 +0000\n\n"
      "The second message body.\n";
  Document d = MustLoad("box.mbox", mbox);
  EXPECT_EQ(d.title, "First");
  EXPECT_NE(Find(d.text, "The first message body."), std::string::npos);
  ASSERT_EQ(d.attachments.size(), 1u);
  EXPECT_EQ(d.attachments[0].title, "Second");
  EXPECT_NE(Find(d.attachments[0].text, "The second message body."), std::string::npos);
}

TEST(EmailTest, PlainTextThatMentionsFromIsStillText) {
  Document d = MustLoad("note.txt", "From: the border guard's account\nShe crossed in 1998.\n");
  EXPECT_EQ(d.format, "text");
}

}  // namespace
}  // namespace cairn::ingest
