// The seed documents converted by the test to PDF and to .docx (each line a
// paragraph, "= X =" lines headings) give the same events as the text
// originals: the same types, subjects, dates and places; the PDF's sources
// carry their pages. Skips when ../shared/seeds is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
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

class Sink : public cli::ProgressSink {
 public:
  void Start(size_t, uint64_t) override {}
  void FileDone(const std::string&, uint64_t, cli::FileOutcome) override {}
  void Error(const std::string& line) override { errors.push_back(line); }
  void Finish(const cli::IngestSummary&) override {}
  std::vector<std::string> errors;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    out.push_back(l);
  }
  return out;
}

// "= X =" -> X, or "" when the line is not a heading.
std::string Heading(const std::string& l) {
  if (l.size() < 5 || l.front() != '=' || l.back() != '=') return "";
  size_t b = l.find_first_not_of("= "), e = l.find_last_not_of("= ");
  return b == std::string::npos ? "" : l.substr(b, e - b + 1);
}

std::string ToPdf(const std::string& text) {
  std::vector<std::pair<std::string, bool>> paragraphs;
  for (const std::string& l : Lines(text)) {
    const std::string h = Heading(l);
    paragraphs.emplace_back(h.empty() ? l : h, !h.empty());
  }
  // cairo stamps every PDF with the time it was made, which would become
  // the date of a document whose text states none (and anchor its relative
  // dates to today): blanked, as a converter that writes none would.
  std::string pdf = testing::MakePdf(testing::SetParagraphs(paragraphs));
  size_t at = pdf.find("/CreationDate");
  if (at != std::string::npos) {
    size_t end = pdf.find(')', at);
    if (end != std::string::npos)
      std::fill(pdf.begin() + static_cast<long>(at), pdf.begin() + static_cast<long>(end) + 1, ' ');
  }
  return pdf;
}

std::string ToDocx(const std::string& text) {
  std::string body;
  for (const std::string& l : Lines(text)) {
    if (l.find_first_not_of(' ') == std::string::npos) continue;
    const std::string h = Heading(l);
    body += h.empty() ? testing::WPara(l) : testing::WPara(h, "Heading1");
  }
  return testing::MakeDocx(body);
}

struct Facts {
  std::multiset<std::string> events;  // "type|subject|earliest|latest|place"
  size_t sources_with_page = 0, sources = 0;
  std::set<int> pages;
};

Facts IngestAndExport(const fs::path& dir) {
  Facts f;
  auto st = store::Store::Open((dir / "kb.db").string());
  EXPECT_TRUE(st.ok());
  if (!st.ok()) return f;
  Sink sink;
  auto sum = cli::RunIngest(**st, {(dir / "in").string()}, cli::DefaultStages({}), sink);
  EXPECT_TRUE(sum.ok());
  for (const std::string& e : sink.errors) ADD_FAILURE() << e;
  std::ostringstream out;
  EXPECT_TRUE(exporter::WriteJsonl(**st, out).ok());
  std::map<std::string, std::string> names;
  std::vector<json> events;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) {
    json r = json::parse(line);
    if (r["kind"] == "entity") names[r["id"]] = r["name"];
    if (r["kind"] == "event") events.push_back(r);
  }
  auto name = [&](const json& id) { return id.is_string() ? names[id.get<std::string>()] : "-"; };
  for (const json& e : events) {
    auto s = [](const json& v) { return v.is_string() ? v.get<std::string>() : "-"; };
    f.events.insert(s(e["type"]) + "|" + name(e["subject"]) + "|" + s(e["date"]["earliest"]) + "|" +
                    s(e["date"]["latest"]) + "|" + name(e["place"]));
    for (const json& src : e["sources"]) {
      ++f.sources;
      if (src["page"].is_number_integer()) {
        ++f.sources_with_page;
        f.pages.insert(src["page"].get<int>());
      }
    }
  }
  return f;
}

std::string Diff(const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
  std::vector<std::string> only_a, only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_b));
  std::string out;
  for (const auto& x : only_a) out += "  text only: " + x + "\n";
  for (const auto& x : only_b) out += "  converted only: " + x + "\n";
  return out;
}

TEST(SeedsFormatsTest, PdfAndDocxGiveTheEventsOfTheText) {
  const fs::path seeds = fs::path(CAIRN_SHARED_DIR) / "seeds";
  if (!fs::is_directory(seeds)) GTEST_SKIP() << "no seeds at " << seeds << ": skipped";
  const fs::path root =
      fs::temp_directory_path() / ("cairn_seed_formats_" + std::to_string(::getpid()));
  fs::remove_all(root);
  for (const char* kind : {"text", "pdf", "docx"}) fs::create_directories(root / kind / "in");
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(seeds)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::string stem = entry.path().stem().string();
    std::ofstream(root / "text" / "in" / (stem + ".txt"), std::ios::binary) << text;
    std::ofstream(root / "pdf" / "in" / (stem + ".pdf"), std::ios::binary) << ToPdf(text);
    std::ofstream(root / "docx" / "in" / (stem + ".docx"), std::ios::binary) << ToDocx(text);
    ++n;
  }
  if (n == 0) GTEST_SKIP() << "no seed documents in " << seeds;
  Facts text = IngestAndExport(root / "text");
  Facts pdf = IngestAndExport(root / "pdf");
  Facts docx = IngestAndExport(root / "docx");
  fs::remove_all(root);
  ASSERT_FALSE(text.events.empty());
  EXPECT_EQ(text.events, pdf.events) << Diff(text.events, pdf.events);
  EXPECT_EQ(text.events, docx.events) << Diff(text.events, docx.events);
  // Every PDF source has its page; the text's have none.
  EXPECT_EQ(pdf.sources_with_page, pdf.sources);
  EXPECT_GT(pdf.pages.size(), 1u);  // the longer seeds run over several pages
  EXPECT_EQ(text.sources_with_page, 0u);
}

}  // namespace
}  // namespace cairn
