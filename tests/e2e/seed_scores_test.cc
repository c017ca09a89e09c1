// The seed scores as an end-to-end test: ingest ../shared/seeds with the real
// binary, export JSON Lines, and score them with ../shared/eval/score.py
// against the gold, holding the thresholds of the extraction and resolution
// issues. Skips, saying why, when the seeds, the scorer or python3 are absent.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string RunCommand(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    *status = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

class SeedScores : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path shared = CAIRN_SHARED_DIR;
    seeds_ = shared / "seeds";
    gold_ = shared / "eval" / "seeds.gold.json";
    scorer_ = shared / "eval" / "score.py";
    if (!fs::is_directory(seeds_) || !fs::exists(gold_) || !fs::exists(scorer_)) {
      skip_ = "../shared/seeds or ../shared/eval is absent";
      return;
    }
    int st = 0;
    RunCommand("python3 --version 2>&1", &st);
    if (st != 0) {
      skip_ = "python3 is not installed (the scorer needs it)";
      return;
    }
    dir_ = fs::temp_directory_path() / ("cairn_seed_scores_" + std::to_string(getpid()));
    fs::create_directories(dir_);
    const std::string bin = std::string(CAIRN_BINARY_DIR) + "/cairn";
    const std::string db = (dir_ / "seeds.db").string();
    const std::string facts = (dir_ / "facts.jsonl").string();
    std::string log = RunCommand(bin + " ingest --quiet --db " + db + " " + seeds_.string() + " 2>&1", &st);
    ASSERT_EQ(st, 0) << log;
    log = RunCommand(bin + " export --db " + db + " --format jsonl > " + facts + " 2>&1", &st);
    ASSERT_EQ(st, 0) << log;
    std::string out = RunCommand("python3 " + scorer_.string() + " --gold " + gold_.string() +
                              " --docs " + seeds_.string() + " --facts " + facts + " --json",
                          &st);
    ASSERT_EQ(st, 0) << out;
    summary_ = nlohmann::json::parse(out);
    std::printf("seed scores: %s\n", summary_.dump().c_str());
  }
  static void TearDownTestSuite() {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
    ASSERT_FALSE(summary_.is_null());
  }

  static inline fs::path seeds_, gold_, scorer_, dir_;
  static inline std::string skip_;
  static inline nlohmann::json summary_;
};

TEST_F(SeedScores, DocumentDatesAllRight) { EXPECT_EQ(summary_["doc_dates"], "5/5"); }

TEST_F(SeedScores, PersonRecall) { EXPECT_GE(summary_["person_recall"].get<double>(), 0.95); }

TEST_F(SeedScores, EventPrecisionAndF1) {
  EXPECT_GE(summary_["event_precision"].get<double>(), 0.85);
  EXPECT_GE(summary_["event_f1"].get<double>(), 0.80);
}

TEST_F(SeedScores, EveryQuoteStandsInItsDocument) {
  EXPECT_EQ(summary_["provenance"].get<double>(), 1.0);
}

TEST_F(SeedScores, LinkingWithoutOverMerges) {
  EXPECT_EQ(summary_["linking"].get<double>(), 1.0);
  EXPECT_EQ(summary_["over_merges"].get<int>(), 0);
}

TEST_F(SeedScores, BothKnownContradictionsAndNoOthers) {
  EXPECT_EQ(summary_["conflict_f1"].get<double>(), 1.0);
}

}  // namespace
