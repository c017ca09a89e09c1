// A person found only by the name finder's proper-noun runs (the tagger on demand, as
// ingest runs it) is one person across documents and is withheld by --redact when a
// document protects them. Texts of our own; the name is in no lexicon of data/.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using cairn::testing::WriteFile;
using json = nlohmann::json;

std::vector<json> PersonRecords(const std::string& jsonl) {
  std::vector<json> out;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);) {
    json r = json::parse(line);
    if (r["kind"] == "entity" && r["type"] == "person") out.push_back(r);
  }
  return out;
}

TEST(TaggedNamesCli, ATaggedNameLinksAcrossDocumentsAndIsRedacted) {
  ScratchDir dir;
  WriteFile(dir.path() / "in/one.txt",
            "Shelter for the night\n\nThe shelter was full by March, said Torbjorn Henriksen, "
            "who has run it since 2009. Torbjorn Henriksen is not his real name.\n");
  WriteFile(dir.path() / "in/two.txt",
            "A winter on the border\n\nAccording to Torbjorn Henriksen, the group crossed the "
            "river in January 2011 and reached Bangkok in April.\n");
  const std::string db = " --db " + ShellQuote(dir.path() / "kb.db");
  auto ingest = RunCairn(dir, "ingest --quiet " + ShellQuote(dir.path() / "in") + db);
  ASSERT_EQ(ingest.status, 0) << ingest.err;
  auto plain = RunCairn(dir, "export" + db);
  ASSERT_EQ(plain.status, 0) << plain.err;
  const std::vector<json> persons = PersonRecords(plain.out);
  if (persons.empty()) GTEST_SKIP() << "no person found: a binary built without a syntax model";
  ASSERT_EQ(persons.size(), 1u) << plain.out;
  EXPECT_EQ(persons[0]["name"], "Torbjorn Henriksen");
  EXPECT_EQ(persons[0]["docs"].size(), 2u) << persons[0].dump();
  EXPECT_EQ(persons[0]["protected"], true);
  auto redacted = RunCairn(dir, "export --redact" + db);
  ASSERT_EQ(redacted.status, 0) << redacted.err;
  EXPECT_EQ(redacted.out.find("Henriksen"), std::string::npos) << redacted.out;
  EXPECT_EQ(redacted.out.find("Torbjorn"), std::string::npos);
  EXPECT_NE(redacted.out.find("Person-"), std::string::npos);
}

}  // namespace
}  // namespace cairn
