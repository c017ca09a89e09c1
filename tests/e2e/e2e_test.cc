// End to end through the built `cairn` binary: the seed documents, and a
// batch of bad inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../cli/run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using json = nlohmann::json;
namespace fs = std::filesystem;

const fs::path kSeeds = fs::path(CAIRN_SHARED_DIR) / "seeds";

std::vector<json> ParseLines(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "line " << n << " is not JSON: " << line;
    if (!j.is_discarded()) out.push_back(std::move(j));
  }
  return out;
}

bool IsDate(const json& v) {
  if (!v.is_string()) return false;
  const std::string& s = v.get_ref<const std::string&>();
  return s.size() == 10 && s[4] == '-' && s[7] == '-';
}

void ExpectSpecFields(const json& o) {
  ASSERT_TRUE(o.contains("kind")) << o.dump();
  const std::string kind = o["kind"];
  auto has = [&](const char* k) { EXPECT_TRUE(o.contains(k)) << kind << " lacks " << k << ": " << o.dump(); };
  if (kind == "document") {
    for (const char* k : {"id", "name", "title", "date", "language", "sha256"}) has(k);
    EXPECT_TRUE(o["title"].is_null() || o["title"].is_string());
    EXPECT_TRUE(o["date"].is_null() || IsDate(o["date"])) << o["date"];
    EXPECT_EQ(o["sha256"].get<std::string>().size(), 64u);
  } else if (kind == "entity") {
    for (const char* k : {"id", "type", "name", "aliases", "docs", "country", "place_kind", "geo",
                          "protected"}) {
      has(k);
    }
    EXPECT_TRUE(o["aliases"].is_array());
    EXPECT_TRUE(o["geo"].is_null() || (o["geo"].is_array() && o["geo"].size() == 2));
    EXPECT_TRUE(o["protected"].is_boolean());
  } else if (kind == "event") {
    for (const char* k : {"id", "type", "subject", "date", "place", "from", "to", "via", "object",
                          "detail", "sources", "attributed_to", "hedged"}) {
      has(k);
    }
    for (const char* k : {"text", "earliest", "latest"}) EXPECT_TRUE(o["date"].contains(k));
    EXPECT_TRUE(o["hedged"].is_boolean());
    for (const json& s : o["sources"]) {
      for (const char* k : {"doc", "start", "end", "quote"}) EXPECT_TRUE(s.contains(k));
    }
  } else if (kind == "conflict") {
    for (const char* k : {"subject", "type", "field", "claims", "explanation"}) has(k);
    EXPECT_GE(o["claims"].size(), 2u);
  } else {
    ADD_FAILURE() << "unknown kind " << kind;
  }
}

TEST(EndToEnd, SeedsIngestSearchShowExport) {
  if (!fs::is_directory(kSeeds)) GTEST_SKIP() << "no seed documents at " << kSeeds;
  ScratchDir dir;
  std::string db = " --db " + ShellQuote(dir / "kb.db");
  auto ing = RunCairn(dir, "ingest" + db + " " + ShellQuote(kSeeds.string()));
  ASSERT_EQ(ing.status, 0) << ing.err;
  EXPECT_NE(ing.out.find("5 new"), std::string::npos) << ing.out;

  auto exp = RunCairn(dir, "export" + db + " --format jsonl");
  ASSERT_EQ(exp.status, 0) << exp.err;
  std::vector<json> records = ParseLines(exp.out);
  std::map<std::string, json> docs;  // by name prefix "000".."004"
  for (const json& r : records) {
    ExpectSpecFields(r);
    if (r["kind"] == "document") docs[r["name"].get<std::string>().substr(0, 3)] = r;
  }
  ASSERT_EQ(docs.size(), 5u) << exp.out;
  for (const auto& [prefix, d] : docs) {
    EXPECT_TRUE(d["title"].is_string() && !d["title"].get<std::string>().empty())
        << prefix << " has no title";
    EXPECT_EQ(d["language"], "en") << prefix;
  }
  EXPECT_EQ(docs["002"]["date"], "2005-05-20");
  EXPECT_EQ(docs["004"]["date"], "2014-12-11");

  // Page furniture is not part of the stored text.
  struct Case {
    const char* prefix;
    std::vector<const char*> absent;
  };
  for (const Case& c : {Case{"001", {"Sign up to our newsletter", "Leave a Reply",
                                     "Your email address will not be published"}},
                        Case{"004", {"Donate Now", "Awesome! You're subscribed!",
                                     "Your generous donation will rescue"}}}) {
    auto show = RunCairn(dir, "show" + db + " " + docs[c.prefix]["id"].get<std::string>());
    ASSERT_EQ(show.status, 0) << show.err;
    EXPECT_GT(show.out.size(), 1000u);
    for (const char* line : c.absent) {
      EXPECT_EQ(show.out.find(line), std::string::npos) << c.prefix << " still holds: " << line;
    }
  }

  auto search = RunCairn(dir, "search" + db + " 'Tumen River'");
  ASSERT_EQ(search.status, 0) << search.err;
  EXPECT_NE(search.out.find("003_"), std::string::npos) << search.out;

  // Ingesting again changes nothing and keeps the export byte-identical.
  auto again = RunCairn(dir, "ingest" + db + " " + ShellQuote(kSeeds.string()));
  EXPECT_EQ(again.status, 0);
  EXPECT_NE(again.out.find("5 unchanged"), std::string::npos) << again.out;
  auto exp2 = RunCairn(dir, "export" + db);
  EXPECT_EQ(exp2.out, exp.out);
}

TEST(EndToEnd, BadInputsAreReportedByNameAndTheRestIsStored) {
  ScratchDir dir;
  fs::path in = dir.path() / "in";
  fs::create_directories(in / "sub");
  {
    std::ofstream(in / "good.txt") << "A Night at the River\n\nIn the spring of 2003 Cho Myong-hui "
                                      "waded across the Tumen River near Musan.\n";
    std::ofstream bin(in / "binary.dat", std::ios::binary);
    std::string bytes = "\x7f" "ELF";
    bytes += std::string(5, '\0');
    for (int i = 0; i < 2000; ++i) bytes += static_cast<char>(i * 37 % 256);
    bin << bytes;
    std::ofstream(in / "empty.txt");
    std::ofstream(in / "invalid.txt", std::ios::binary)
        << "Name: \x81\x8d\x8f\x90\x9d and \xc3\x28 then \xff\xfe\xfd\n";
  }
  fs::create_symlink("loop_b", in / "loop_a");
  fs::create_symlink("loop_a", in / "loop_b");
  fs::create_directory_symlink("..", in / "sub" / "up");

  std::string db = " --db " + ShellQuote(dir / "kb.db");
  auto r = RunCairn(dir, "ingest" + db + " " + ShellQuote(in.string()));
  EXPECT_EQ(r.status, 1) << r.err;
  for (const char* name : {"binary.dat", "empty.txt", "invalid.txt", "loop_a", "loop_b", "up"}) {
    bool found = false;
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("cairn: ", 0) == 0 && line.find(name) != std::string::npos) found = true;
    }
    EXPECT_TRUE(found) << name << " not reported in:\n" << r.err;
  }
  EXPECT_EQ(r.err.find("good.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("1 new"), std::string::npos) << r.out;

  // The store is valid and holds the good file only.
  auto exp = RunCairn(dir, "export" + db);
  ASSERT_EQ(exp.status, 0) << exp.err;
  std::vector<json> records = ParseLines(exp.out);
  std::vector<json> documents;
  for (const json& rec : records)
    if (rec["kind"] == "document") documents.push_back(rec);
  ASSERT_EQ(documents.size(), 1u) << exp.out;
  EXPECT_EQ(documents[0]["name"], "good.txt");
  // What extraction and resolution found in it comes with it.
  bool crossing = false;
  for (const json& rec : records)
    if (rec["kind"] == "event" && rec["type"] == "border_crossing") crossing = true;
  EXPECT_TRUE(crossing) << exp.out;
  auto search = RunCairn(dir, "search" + db + " Musan");
  EXPECT_EQ(search.status, 0);
  EXPECT_EQ(search.out.rfind("1\tgood.txt", 0), 0u) << search.out;
}

}  // namespace
}  // namespace cairn
