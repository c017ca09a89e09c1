#include "export/export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

namespace cairn::exporter {
namespace {

using json = nlohmann::json;

FactBase SampleFacts() {
  FactBase f;
  EntityRecord p;
  p.id = "e1";
  p.name = "Kang Su-yeon";
  p.aliases = {"Su-yeon", "Kang Soo Yeon", "강수연"};
  p.docs = {"d1", "d2"};
  p.protected_identity = true;
  EntityRecord h;
  h.id = "e2";
  h.type = EntityType::kPlace;
  h.name = "Hyesan";
  h.docs = {"d1"};
  h.country = "KP";
  h.place_kind = "city";
  h.lat = 41.4;
  h.lon = 128.18;
  EntityRecord r;
  r.id = "e3";
  r.type = EntityType::kPlace;
  r.name = "Tumen River";
  r.place_kind = "river";
  f.entities = {p, h, r};

  EventRecord birth;
  birth.id = "v1";
  birth.type = "birth";
  birth.subject = "e1";
  birth.place = "e2";
  birth.date = DateInterval::Range(DayFromCivil(1959, 10, 29), DayFromCivil(1960, 10, 28),
                                   Precision::kYear, "aged 44");
  birth.sources = {SourceRef{"d1", 10, 42, "She was 44, \"a survivor\", she said."},
                   SourceRef{"d2", 0, 5, "Born,"}};
  EventRecord cross;
  cross.id = "v2";
  cross.type = "border_crossing";
  cross.subject = "e1";
  cross.from = "e2";
  cross.via = "e3";
  cross.detail = "at night";
  cross.hedged = true;
  cross.attributed_to = "e1";
  cross.sources = {SourceRef{"d1", 50, 90, "She crossed\nthe river"}};
  EventRecord bare;
  bare.id = "v3";
  bare.type = "arrest";
  bare.subject = "e1";
  f.events = {birth, cross, bare};

  ConflictRecord c;
  c.id = "c1";
  c.subject = "e1";
  c.type = "birth";
  c.field = "date";
  c.claims = {{"1957/1958", {"v1"}, {SourceRef{"d1", 10, 42, "x"}}},
              {"1959-1960", {"v4"}, {SourceRef{"d2", 0, 5, "y"}}}};
  c.explanation = "born 1957 or 1958 (d1) vs. aged 44 in Oct 2004 (d2)";
  f.conflicts = {c};
  return f;
}

std::vector<store::DocumentInfo> SampleDocs() {
  store::DocumentInfo a;
  a.id = "d1";
  a.name = "001_story.txt";
  a.title = "A Life in Hyesan";
  a.date = DayFromCivil(2005, 5, 20);
  a.language = "en";
  a.sha256 = std::string(64, 'f');
  a.version = 2;
  store::DocumentInfo b;
  b.id = "d2";
  b.name = "002_notes.txt";
  b.language = "en";
  b.sha256 = std::string(64, '0');
  return {a, b};
}

TEST(ExportJson, DocumentHasSpecFieldsAndNulls) {
  auto docs = SampleDocs();
  json a = json::parse(DocumentJson(docs[0]));
  EXPECT_EQ(a["kind"], "document");
  EXPECT_EQ(a["id"], "d1");
  EXPECT_EQ(a["name"], "001_story.txt");
  EXPECT_EQ(a["title"], "A Life in Hyesan");
  EXPECT_EQ(a["date"], "2005-05-20");
  EXPECT_EQ(a["language"], "en");
  EXPECT_EQ(a["sha256"], std::string(64, 'f'));
  EXPECT_EQ(a["version"], 2);
  json b = json::parse(DocumentJson(docs[1]));
  EXPECT_TRUE(b["title"].is_null());
  EXPECT_TRUE(b["date"].is_null());
  EXPECT_TRUE(b["author"].is_null());
}

TEST(ExportJson, EntityShapes) {
  FactBase f = SampleFacts();
  json p = json::parse(EntityJson(f.entities[0]));
  EXPECT_EQ(p["kind"], "entity");
  EXPECT_EQ(p["type"], "person");
  EXPECT_EQ(p["name"], "Kang Su-yeon");
  EXPECT_EQ(p["aliases"], json({"Su-yeon", "Kang Soo Yeon", "강수연"}));
  EXPECT_EQ(p["docs"], json({"d1", "d2"}));
  EXPECT_TRUE(p["country"].is_null());
  EXPECT_TRUE(p["place_kind"].is_null());
  EXPECT_TRUE(p["geo"].is_null());
  EXPECT_EQ(p["protected"], true);

  json h = json::parse(EntityJson(f.entities[1]));
  EXPECT_EQ(h["type"], "place");
  EXPECT_EQ(h["country"], "KP");
  EXPECT_EQ(h["place_kind"], "city");
  ASSERT_TRUE(h["geo"].is_array());
  ASSERT_EQ(h["geo"].size(), 2u);
  EXPECT_DOUBLE_EQ(h["geo"][0].get<double>(), 41.4);
  EXPECT_DOUBLE_EQ(h["geo"][1].get<double>(), 128.18);
  EXPECT_EQ(h["protected"], false);
  EXPECT_TRUE(h["aliases"].is_array());
  EXPECT_TRUE(h["aliases"].empty());

  json r = json::parse(EntityJson(f.entities[2]));
  EXPECT_TRUE(r["geo"].is_null());
  EXPECT_EQ(r["place_kind"], "river");
}

TEST(ExportJson, EventShapes) {
  FactBase f = SampleFacts();
  json b = json::parse(EventJson(f.events[0]));
  EXPECT_EQ(b["kind"], "event");
  EXPECT_EQ(b["id"], "v1");
  EXPECT_EQ(b["type"], "birth");
  EXPECT_EQ(b["subject"], "e1");
  EXPECT_EQ(b["date"], json({{"text", "aged 44"}, {"earliest", "1959-10-29"},
                             {"latest", "1960-10-28"}}));
  EXPECT_EQ(b["place"], "e2");
  for (const char* k : {"from", "to", "via", "object", "detail", "attributed_to"}) {
    EXPECT_TRUE(b.contains(k)) << k;
    EXPECT_TRUE(b[k].is_null()) << k;
  }
  EXPECT_EQ(b["hedged"], false);
  ASSERT_EQ(b["sources"].size(), 2u);
  EXPECT_EQ(b["sources"][0],
            json({{"doc", "d1"}, {"start", 10}, {"end", 42},
                  {"quote", "She was 44, \"a survivor\", she said."}, {"page", nullptr}}));

  json c = json::parse(EventJson(f.events[1]));
  EXPECT_EQ(c["from"], "e2");
  EXPECT_EQ(c["via"], "e3");
  EXPECT_EQ(c["detail"], "at night");
  EXPECT_EQ(c["hedged"], true);
  EXPECT_EQ(c["attributed_to"], "e1");
  EXPECT_EQ(c["sources"][0]["quote"], "She crossed\nthe river");

  json bare = json::parse(EventJson(f.events[2]));
  EXPECT_EQ(bare["date"], json({{"text", nullptr}, {"earliest", nullptr}, {"latest", nullptr}}));
  EXPECT_TRUE(bare["sources"].is_array());
  EXPECT_TRUE(bare["place"].is_null());
}

TEST(ExportJson, ConflictShape) {
  FactBase f = SampleFacts();
  json c = json::parse(ConflictJson(f.conflicts[0]));
  EXPECT_EQ(c["kind"], "conflict");
  EXPECT_EQ(c["subject"], "e1");
  EXPECT_EQ(c["type"], "birth");
  EXPECT_EQ(c["field"], "date");
  ASSERT_EQ(c["claims"].size(), 2u);
  EXPECT_EQ(c["claims"][0]["value"], "1957/1958");
  EXPECT_EQ(c["claims"][0]["events"], json({"v1"}));
  EXPECT_EQ(c["claims"][1]["sources"][0]["doc"], "d2");
  EXPECT_EQ(c["explanation"], "born 1957 or 1958 (d1) vs. aged 44 in Oct 2004 (d2)");
}

TEST(ExportJson, WholeExportIsOneObjectPerLineDocumentsFirst) {
  std::ostringstream out;
  ASSERT_TRUE(WriteJsonl(SampleDocs(), SampleFacts(), out).ok());
  std::istringstream in(out.str());
  std::string line;
  std::vector<std::string> kinds;
  while (std::getline(in, line)) {
    json j = json::parse(line);  // throws (fails the test) on a bad line
    kinds.push_back(j["kind"]);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"document", "document", "entity", "entity", "entity",
                                             "event", "event", "event", "conflict"}));
}

TEST(ExportJson, InvalidUtf8NeverThrows) {
  EntityRecord e;
  e.id = "e9";
  e.name = std::string("Bad \xff\xfe name");
  std::string line;
  ASSERT_NO_THROW(line = EntityJson(e));
  json j = json::parse(line);
  EXPECT_NE(j["name"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(ExportCsv, FieldQuotingFollowsRfc4180) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField(""), "");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField(" padded"), "\" padded\"");
  EXPECT_EQ(CsvField("혜산"), "혜산");
}

// Splits RFC 4180 text into records of fields (a small independent reader).
std::vector<std::vector<std::string>> ParseCsv(const std::string& s) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST(ExportCsv, OneRowPerEventSource) {
  std::ostringstream out;
  ASSERT_TRUE(WriteEventsCsv(SampleDocs(), SampleFacts(), out).ok());
  auto rows = ParseCsv(out.str());
  // Header + 2 sources of v1 + 1 of v2 + 1 sourceless row of v3.
  ASSERT_EQ(rows.size(), 5u) << out.str();
  EXPECT_EQ(rows[0], EventsCsvColumns());
  for (const auto& r : rows) EXPECT_EQ(r.size(), EventsCsvColumns().size());
  EXPECT_EQ(rows[1][0], "v1");
  EXPECT_EQ(rows[1][3], "Kang Su-yeon");
  EXPECT_EQ(rows[1][5], "1959-10-29");
  EXPECT_EQ(rows[1][7], "Hyesan");
  EXPECT_EQ(rows[1][16], "001_story.txt");
  EXPECT_EQ(rows[1][19], "She was 44, \"a survivor\", she said.");
  EXPECT_EQ(rows[2][15], "d2");
  EXPECT_EQ(rows[2][19], "Born,");
  EXPECT_EQ(rows[3][10], "Tumen River");
  EXPECT_EQ(rows[3][13], "true");
  EXPECT_EQ(rows[3][19], "She crossed\nthe river");
  EXPECT_EQ(rows[4][0], "v3");
  EXPECT_EQ(rows[4][15], "");
}

TEST(ExportStore, ReadsDocumentsAndFactsFromAStore) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("cairn_export_test_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    auto s = store::Store::Open((dir / "kb.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    Document d;
    d.name = "story.txt";
    d.sha256 = std::string(64, 'a');
    d.text = "Kang Su-yeon was born in Hyesan.";
    d.title = "Story";
    d.date = DayFromCivil(2014, 12, 11);
    ASSERT_TRUE((*s)->Put(&d).ok());
    ASSERT_TRUE((*s)->ReplaceFacts(SampleFacts(), {}).ok());
    std::ostringstream out;
    ASSERT_TRUE(WriteJsonl(**s, out).ok());
    std::istringstream in(out.str());
    std::string first;
    std::getline(in, first);
    json doc = json::parse(first);
    EXPECT_EQ(doc["id"], "d1");
    EXPECT_EQ(doc["date"], "2014-12-11");
    EXPECT_EQ(doc["title"], "Story");
    int lines = 1;
    for (std::string l; std::getline(in, l);) ++lines;
    EXPECT_EQ(lines, 1 + 3 + 3 + 1);
    std::ostringstream csv;
    ASSERT_TRUE(WriteEventsCsv(**s, csv).ok());
    EXPECT_NE(csv.str().find("story.txt"), std::string::npos);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cairn::exporter
