// Keyed pseudonyms and protect-all through the built `cairn` binary: the same
// person gets the same pseudonym in every output of one store and after
// re-ingest, another store gives another; `--protect-all` withholds every
// named person but the allow-list's public figures, and `cairn unprotect`
// still overrides it.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using cairn::testing::WriteFile;
using json = nlohmann::json;

constexpr char kStory[] =
    "Escape Story\n\nNam Yong-hui (not her real name) was born in Hyesan in 1975. In 1998, "
    "Nam Yong-hui crossed the Tumen River. Her brother Cha Dong-il was arrested in Yanji in "
    "2001. The activist Pyon Kwang-sok helped Nam reach Seoul in 2003.\n";

// Entity name by id, persons only, from a JSONL export.
std::map<std::string, std::string> Persons(const std::string& jsonl) {
  std::map<std::string, std::string> out;
  std::istringstream lines(jsonl);
  for (std::string line; std::getline(lines, line);) {
    json r = json::parse(line);
    if (r["kind"] == "entity" && r["type"] == "person") out[r["id"]] = r["name"];
  }
  return out;
}

class ProtectCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_ / "in");
    WriteFile(dir_ / "in/story.txt", kStory);
  }
  cairn::testing::RunResult Cairn(const std::string& args, const std::string& db = "kb.db") {
    return RunCairn(dir_, args + " --db " + ShellQuote(dir_ / db));
  }
  ScratchDir dir_;
};

TEST_F(ProtectCli, PseudonymsAreStablePerStoreAndDifferAcrossStores) {
  ASSERT_EQ(Cairn("ingest --quiet " + ShellQuote(dir_ / "in")).status, 0);
  auto plain = Persons(Cairn("export").out);
  std::string id;
  for (const auto& [i, n] : plain)
    if (n == "Nam Yong-hui") id = i;
  ASSERT_FALSE(id.empty()) << "the protected person was found";
  auto first = Cairn("export --redact");
  ASSERT_EQ(first.status, 0) << first.err;
  const std::string pseudonym = Persons(first.out)[id];
  EXPECT_EQ(pseudonym.rfind("Person-", 0), 0u) << pseudonym;
  EXPECT_EQ(first.out.find("Yong-hui"), std::string::npos);
  // Every output of the store names the person the same way.
  for (const char* cmd : {"export --redact --format csv", "people --redact", "timeline --redact",
                          "export --redact"}) {
    auto r = Cairn(cmd);
    ASSERT_EQ(r.status, 0) << cmd << ": " << r.err;
    EXPECT_NE(r.out.find(pseudonym), std::string::npos) << cmd << ": " << r.out;
    EXPECT_EQ(r.out.find("Yong-hui"), std::string::npos) << cmd;
  }
  EXPECT_EQ(Cairn("export --redact --format geojson").out.find("Yong-hui"), std::string::npos);
  auto person = Cairn("person --redact " + ShellQuote("Nam Yong-hui"));
  EXPECT_NE(person.out.find(pseudonym), std::string::npos) << person.out;
  // A new version of the document, then the pseudonym again.
  WriteFile(dir_ / "in/story.txt", std::string(kStory) + "She now works in Incheon.\n");
  ASSERT_EQ(Cairn("ingest --quiet " + ShellQuote(dir_ / "in")).status, 0);
  EXPECT_EQ(Persons(Cairn("export --redact").out)[id], pseudonym);
  // Another store of the same documents: another key, another pseudonym.
  ASSERT_EQ(Cairn("ingest --quiet " + ShellQuote(dir_ / "in"), "other.db").status, 0);
  auto other = Persons(Cairn("export", "other.db").out);
  std::string other_id;
  for (const auto& [i, n] : other)
    if (n == "Nam Yong-hui") other_id = i;
  ASSERT_EQ(other_id, id) << "the same documents give the same ids";
  EXPECT_NE(Persons(Cairn("export --redact", "other.db").out)[id], pseudonym);
}

TEST_F(ProtectCli, ProtectAllWithholdsEveryNamedPersonButTheAllowList) {
  // The allow-list names the activist in another romanization and order.
  WriteFile(dir_ / "allow.txt", "# public figures\n  Kwangsok Pyeon \n\n");
  ASSERT_EQ(Cairn("ingest --quiet " + ShellQuote(dir_ / "in")).status, 0);
  // Without protect-all the brother is named in a redacted export.
  auto before = Cairn("export --redact");
  EXPECT_NE(before.out.find("Cha Dong-il"), std::string::npos) << before.out;
  // At export only.
  auto all = Cairn("export --protect-all --allow " + ShellQuote(dir_ / "allow.txt"));
  ASSERT_EQ(all.status, 0) << all.err;
  for (const char* leak : {"Cha Dong-il", "Dong-il", "Nam Yong-hui", "Yong-hui"})
    EXPECT_EQ(all.out.find(leak), std::string::npos) << leak << " in " << all.out;
  EXPECT_NE(all.out.find("Pyon Kwang-sok"), std::string::npos) << "the public figure stays";
  // The store itself is unchanged by an export.
  EXPECT_NE(Cairn("export --redact").out.find("Cha Dong-il"), std::string::npos);
  // At ingest: the store's policy from then on, for every output.
  auto ing = Cairn("ingest --quiet --protect-all --allow " + ShellQuote(dir_ / "allow.txt") + " " +
                   ShellQuote(dir_ / "in"));
  ASSERT_EQ(ing.status, 0) << ing.err;
  for (const char* cmd : {"export --redact", "people --redact", "export --redact --format csv"}) {
    auto r = Cairn(cmd);
    EXPECT_EQ(r.out.find("Dong-il"), std::string::npos) << cmd << ": " << r.out;
    // The activist has no event of his own, so no CSV row names him.
    if (std::string(cmd).find("csv") == std::string::npos) {
      EXPECT_NE(r.out.find("Pyon Kwang-sok"), std::string::npos) << cmd << ": " << r.out;
    }
  }
  EXPECT_NE(Cairn("people").out.find("Cha Dong-il"), std::string::npos)
      << "unredacted output still names everyone";
  // The analyst's word beats protect-all, and survives the next ingest.
  ASSERT_EQ(Cairn("unprotect " + ShellQuote("Cha Dong-il")).status, 0);
  ASSERT_EQ(Cairn("ingest --quiet " + ShellQuote(dir_ / "in")).status, 0);
  EXPECT_NE(Cairn("export --redact").out.find("Cha Dong-il"), std::string::npos);
  EXPECT_EQ(Cairn("export --redact").out.find("Yong-hui"), std::string::npos);
  // Turned off again.
  ASSERT_EQ(Cairn("protect " + ShellQuote("Pyon Kwang-sok")).status, 0);
  ASSERT_EQ(Cairn("ingest --quiet --no-protect-all " + ShellQuote(dir_ / "in")).status, 0);
  auto off = Cairn("export --redact");
  EXPECT_EQ(off.out.find("Kwang-sok"), std::string::npos) << "cairn protect still holds";
  EXPECT_NE(off.out.find("Cha Dong-il"), std::string::npos);
}

TEST_F(ProtectCli, AnUnreadableAllowListIsAUsageError) {
  auto r = Cairn("export --protect-all --allow " + ShellQuote(dir_ / "missing.txt"));
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("missing.txt: cannot read the allow-list"), std::string::npos) << r.err;
  EXPECT_EQ(Cairn("export --allow " + ShellQuote(dir_ / "missing.txt")).status, 2)
      << "--allow needs --protect-all";
}

}  // namespace
}  // namespace cairn
