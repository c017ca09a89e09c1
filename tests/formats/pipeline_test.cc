// Binary formats through the whole pipeline: ingest -> store -> resolve ->
// export. Pages survive the store and reach every event source; an e-mail's
// attachment is a document of its own with its parent; re-ingesting
// unchanged files writes nothing; bad files are one line each and the batch
// goes on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/ingest_runner.h"
#include "export/export.h"
#include "fixtures.h"
#include "store/store.h"

namespace cairn {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

class RecordingSink : public cli::ProgressSink {
 public:
  void Start(size_t, uint64_t) override {}
  void FileDone(const std::string&, uint64_t, cli::FileOutcome o) override {
    outcomes.push_back(o);
  }
  void Error(const std::string& line) override { errors.push_back(line); }
  void Finish(const cli::IngestSummary&) override {}
  std::vector<cli::FileOutcome> outcomes;
  std::vector<std::string> errors;
};

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cairn_formats_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / "in" / name, std::ios::binary) << bytes;
  }
  std::vector<json> Export(store::Store& s) {
    std::ostringstream out;
    EXPECT_TRUE(exporter::WriteJsonl(s, out).ok());
    std::vector<json> records;
    std::istringstream in(out.str());
    for (std::string line; std::getline(in, line);) records.push_back(json::parse(line));
    return records;
  }
  fs::path dir_;
};

std::string StoryPdf() {
  std::vector<testing::PdfPage> pages(2);
  pages[0].lines.push_back({72, 72, "A Life in Two Countries", 18});
  pages[0].boxes.push_back({72, 110, 468,
                            "This account was collected by a documentation project. It describes "
                            "one family and the years they spent apart.",
                            11});
  pages[1].boxes.push_back({72, 72, 468,
                            "Kim Chol-su was born in 1962 in Hamhung. In 1998 Kim Chol-su crossed "
                            "the Tumen River into China.",
                            11});
  return testing::MakePdf(pages);
}

TEST_F(PipelineTest, PdfPagesReachTheExportAndReingestWritesNothing) {
  Write("story.pdf", StoryPdf());
  Write("plain.txt", "Pak Yong-ho was born in 1970 in Chongjin.\n");
  auto st = store::Store::Open((dir_ / "kb.db").string());
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  RecordingSink sink;
  auto sum = cli::RunIngest(**st, {(dir_ / "in").string()}, cli::DefaultStages({}), sink);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->added, 2u);
  EXPECT_TRUE(sink.errors.empty()) << sink.errors[0];

  std::map<std::string, json> docs;
  std::vector<json> events;
  for (json& r : Export(**st)) {
    if (r["kind"] == "document") docs[r["name"].get<std::string>()] = r;
    if (r["kind"] == "event") events.push_back(r);
  }
  ASSERT_TRUE(docs.contains("story.pdf"));
  EXPECT_EQ(docs["story.pdf"]["format"], "pdf");
  EXPECT_EQ(docs["story.pdf"]["pages"], 2);
  EXPECT_TRUE(docs["plain.txt"]["pages"].is_null());
  const std::string pdf_id = docs["story.pdf"]["id"];
  bool birth = false, crossing = false, text_source = false;
  for (const json& e : events) {
    for (const json& s : e["sources"]) {
      ASSERT_TRUE(s.contains("page"));
      if (s["doc"] == pdf_id) {
        EXPECT_EQ(s["page"], 2) << s.dump();
        birth |= e["type"] == "birth";
        crossing |= e["type"] == "border_crossing";
      } else {
        EXPECT_TRUE(s["page"].is_null());
        text_source = true;
      }
    }
  }
  EXPECT_TRUE(birth);
  EXPECT_TRUE(crossing);
  EXPECT_TRUE(text_source);

  // The stored document keeps its pages.
  auto doc = (*st)->LoadDocument("story.pdf", false);
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->pages.size(), 2u);
  EXPECT_EQ(doc->PageAt(static_cast<uint32_t>(doc->text.find("Kim Chol-su was born"))), 2);
  EXPECT_EQ(doc->PageAt(static_cast<uint32_t>(doc->text.find("This account"))), 1);

  RecordingSink again;
  auto sum2 = cli::RunIngest(**st, {(dir_ / "in").string()}, cli::DefaultStages({}), again);
  ASSERT_TRUE(sum2.ok());
  EXPECT_EQ(sum2->unchanged, 2u);
  EXPECT_EQ(sum2->added + sum2->updated, 0u);
}

TEST_F(PipelineTest, EmailAttachmentIsItsOwnDocumentAndBadFilesAreOneLineEach) {
  std::string docx = testing::ParagraphsToDocx({"Notes on the journey through Yanji."});
  std::string mail =
      "From: Lee Sun-ok <sunok@example.org>\r\nTo: desk@example.org\r\nSubject: Account\r\n"
      "Date: Tue, 14 May 2013 09:30:00 +0900\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n--XYZ\r\n"
      "Content-Type: text/html; charset=utf-8\r\n\r\n<p>My brother reached Seoul in 2006.</p>\r\n"
      "--XYZ\r\nContent-Type: application/octet-stream\r\n"
      "Content-Disposition: attachment; filename=\"notes.docx\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n" +
      testing::Base64(docx) + "--XYZ--\r\n";
  Write("account.eml", mail);
  std::string pdf = StoryPdf();
  Write("broken.pdf", pdf.substr(0, 30) + std::string(100, '\x01'));
  Write("cut.docx", docx.substr(0, docx.size() / 2));
  auto st = store::Store::Open((dir_ / "kb.db").string());
  ASSERT_TRUE(st.ok());
  RecordingSink sink;
  auto sum = cli::RunIngest(**st, {(dir_ / "in").string()}, cli::DefaultStages({}), sink);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->added, 2u);  // the message and its attachment
  EXPECT_EQ(sum->failed, 2u);
  ASSERT_EQ(sink.errors.size(), 2u);
  EXPECT_EQ(sink.errors[0],
            "cairn: " + (dir_ / "in" / "broken.pdf").string() + ": damaged PDF: it cannot be read");
  EXPECT_NE(sink.errors[1].find("cut.docx: damaged zip archive"), std::string::npos)
      << sink.errors[1];

  std::map<std::string, json> docs;
  for (json& r : Export(**st)) {
    if (r["kind"] == "document") docs[r["name"].get<std::string>()] = r;
  }
  ASSERT_TRUE(docs.contains("account.eml"));
  ASSERT_TRUE(docs.contains("account.eml/notes.docx"));
  EXPECT_EQ(docs["account.eml"]["format"], "email");
  EXPECT_EQ(docs["account.eml"]["date"], "2013-05-14");
  EXPECT_EQ(docs["account.eml/notes.docx"]["format"], "docx");
  EXPECT_EQ(docs["account.eml/notes.docx"]["parent"], "account.eml");
  auto att = (*st)->LoadDocument("account.eml/notes.docx", false);
  ASSERT_TRUE(att.ok());
  EXPECT_NE(att->text.find("Notes on the journey through Yanji."), std::string::npos);
  auto msg = (*st)->LoadDocument("account.eml", false);
  ASSERT_TRUE(msg.ok());
  EXPECT_EQ(msg->recipients, std::vector<std::string>{"desk@example.org"});

  RecordingSink again;
  auto sum2 =
      cli::RunIngest(**st, {(dir_ / "in" / "account.eml").string()}, cli::DefaultStages({}), again);
  ASSERT_TRUE(sum2.ok());
  EXPECT_EQ(sum2->unchanged, 1u);
  EXPECT_EQ(sum2->added, 0u);
}

}  // namespace
}  // namespace cairn
