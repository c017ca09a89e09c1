// `cairn ingest --jobs N`: worker threads with one writer give the same store
// whatever N is; the runner's promises (failures, skips, stop requests, input
// order) hold with workers too.
#include <algorithm>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "cli/ingest_runner.h"
#include "run_cairn.h"
#include "store/store.h"

namespace cairn {
namespace {

using cairn::testing::ReadAll;
using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using cairn::testing::WriteFile;
namespace fs = std::filesystem;

// Ingests `folder` into a fresh store with --jobs `jobs` and returns the
// JSON Lines export.
std::string IngestAndExport(const ScratchDir& dir, const std::string& folder, int jobs) {
  std::string db = dir / ("kb" + std::to_string(jobs) + ".db");
  auto in = RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " --jobs " +
                              std::to_string(jobs) + " " + ShellQuote(folder));
  EXPECT_EQ(in.status, 0) << in.err;
  auto out = RunCairn(dir, "export --db " + ShellQuote(db));
  EXPECT_EQ(out.status, 0) << out.err;
  return out.out;
}

TEST(IngestJobs, SameStoreWhateverTheNumberOfJobs) {
  ScratchDir dir;
  fs::path in = dir.path() / "in";
  fs::copy(fs::path(CAIRN_SOURCE_DIR) / "examples" / "documents", in, fs::copy_options::recursive);
  // More files than the workers' window, people shared across files, and a
  // second file of one name in another folder (a document of its own).
  const char* places[] = {"Hyesan", "Musan", "Hoeryong", "Yanji", "Shenyang", "Onsong"};
  for (int i = 0; i < 24; ++i) {
    std::string text = "Choi Min-jung was born in " + std::string(places[i % 6]) + " in " +
                       std::to_string(1960 + i) + ". In March " + std::to_string(1990 + i) +
                       " she crossed the Tumen River into China. Kim Young-ho, her cousin, "
                       "reached Seoul in " +
                       std::to_string(2000 + i % 7) + ".\n";
    WriteFile(in / ("story" + std::to_string(i) + ".txt"), text);
  }
  WriteFile(in / "later" / "story3.txt", "Choi Min-jung reached Seoul in 2004.\n");
  std::string one = IngestAndExport(dir, in.string(), 1);
  std::string three = IngestAndExport(dir, in.string(), 3);
  EXPECT_GT(one.size(), 1000u);
  EXPECT_NE(one.find("\"type\":\"border_crossing\""), std::string::npos) << one.substr(0, 2000);
  EXPECT_TRUE(one == three) << "exports differ between --jobs 1 and --jobs 3";
  // Again with three jobs: every file unchanged (the two story3.txt are two
  // documents, each identified by its path).
  std::string db = dir / "kb3.db";
  auto again =
      RunCairn(dir, "ingest --db " + ShellQuote(db) + " --jobs 3 " + ShellQuote(in.string()));
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("0 new, 0 updated, 30 unchanged"), std::string::npos) << again.out;
}

TEST(IngestJobs, DevCorpusGivesTheSameStoreWithOneAndThreeJobs) {
  fs::path docs = fs::path(CAIRN_SHARED_DIR) / "eval" / "dev" / "docs";
  if (!fs::exists(docs)) GTEST_SKIP() << docs << " is absent";
  ScratchDir dir;
  std::string one = IngestAndExport(dir, docs.string(), 1);
  std::string three = IngestAndExport(dir, docs.string(), 3);
  EXPECT_GT(one.size(), 10000u);
  EXPECT_TRUE(one == three) << "exports differ between --jobs 1 and --jobs 3";
}

class RecordingSink : public cli::ProgressSink {
 public:
  void Start(size_t, uint64_t) override {}
  void FileDone(const std::string& path, uint64_t, cli::FileOutcome o) override {
    done.push_back(path);
    outcomes.push_back(o);
  }
  void Error(const std::string& line) override { errors.push_back(line); }
  void Finish(const cli::IngestSummary&) override { finished = true; }
  std::vector<std::string> done;
  std::vector<cli::FileOutcome> outcomes;
  std::vector<std::string> errors;
  bool finished = false;
};

// Stages whose documents are named by the path's file name and whose bytes
// are the path's `version`; extraction counts its calls from every thread.
struct FakeStages {
  std::atomic<int> extracted{0};
  std::atomic<bool>* stop_at_load = nullptr;
  std::string stop_file;
  std::mutex mu;
  std::condition_variable second_thread;  // a worker waits (at most 5 s) for another
  std::unordered_set<std::thread::id> threads;  // GUARDED_BY(mu)
  cli::Stages Make(const std::string& version) {
    cli::Stages s;
    s.collect = [](const std::vector<std::string>& paths, std::vector<Status>*) {
      return std::vector<fs::path>(paths.begin(), paths.end());
    };
    s.load = [this, version](const fs::path& p) -> Result<Document> {
      if (p.filename() == "broken.txt") return Status::Unsupported(p.string() + ": binary file");
      if (stop_at_load != nullptr && p == stop_file) *stop_at_load = true;
      Document d;
      d.name = p.filename().string();
      d.path = p.string();
      std::string bytes = version + p.string();
      d.sha256 = std::to_string(std::hash<std::string>()(bytes));
      d.sha256.resize(64, '0');
      d.text = "Text " + bytes;
      return d;
    };
    s.segment = [](Document* d) {
      d->sentences.push_back(Sentence{{0, static_cast<uint32_t>(d->text.size())}, 0, 0, 0});
      return Status::OK();
    };
    s.extract = [this](Document* d) {
      ++extracted;
      {
        // The fake work takes no time, so one worker could take every file before the
        // others start; the first worker waits for a second, so "several threads" is
        // a fact of the run rather than of the machine's load.
        std::unique_lock<std::mutex> lock(mu);
        threads.insert(std::this_thread::get_id());
        second_thread.notify_all();
        second_thread.wait_for(lock, std::chrono::seconds(5), [this] { return threads.size() > 1; });
      }
      if (d->name == "fails.txt") return Status::Internal("extractor tripped");
      return Status::OK();
    };
    return s;
  }
};

TEST(IngestJobs, WorkersKeepInputOrderFailuresAndSkips) {
  ScratchDir dir;
  auto store = store::Store::Open(dir / "kb.db");
  ASSERT_TRUE(store.ok());
  std::vector<std::string> paths;
  for (int i = 0; i < 30; ++i) paths.push_back("f" + std::to_string(i) + ".txt");
  paths.insert(paths.begin() + 7, "broken.txt");
  paths.insert(paths.begin() + 19, "fails.txt");
  FakeStages fake;
  cli::RunOptions run;
  run.jobs = 3;
  RecordingSink sink;
  auto sum = cli::RunIngest(**store, paths, fake.Make("one"), sink, run);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->added, 30u);
  EXPECT_EQ(sum->failed, 2u);
  EXPECT_EQ(sink.done, paths) << "progress in input order";
  EXPECT_EQ(sink.errors, (std::vector<std::string>{"cairn: broken.txt: binary file",
                                                   "cairn: fails.txt: extractor tripped"}));
  EXPECT_GT(fake.threads.size(), 1u) << "extraction ran on several threads";
  auto docs = (*store)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 30u);
  EXPECT_EQ((*docs)[0].name, "f0.txt");
  EXPECT_EQ((*docs)[29].name, "f29.txt");

  // Unchanged files are skipped before extraction.
  int before = fake.extracted;
  RecordingSink again;
  auto sum2 = cli::RunIngest(**store, paths, fake.Make("one"), again, run);
  ASSERT_TRUE(sum2.ok());
  EXPECT_EQ(sum2->unchanged, 30u);
  EXPECT_EQ(fake.extracted, before + 1) << "only fails.txt is extracted again";
}

// A writer slower than the workers: they never run more than a bounded
// window of files ahead of it, so memory holds a few documents, not the corpus.
TEST(IngestJobs, WorkersStayABoundedWindowAheadOfTheWriter) {
  ScratchDir dir;
  auto store = store::Store::Open(dir / "kb.db");
  ASSERT_TRUE(store.ok());
  std::atomic<int> loaded{0}, stored{0}, most_ahead{0};
  FakeStages fake;
  cli::Stages stages = fake.Make("one");
  auto load = stages.load;
  stages.load = [&](const fs::path& p) {
    int ahead = ++loaded - stored.load();
    int seen = most_ahead.load();
    while (ahead > seen && !most_ahead.compare_exchange_weak(seen, ahead)) {
    }
    return load(p);
  };
  struct SlowSink : RecordingSink {
    std::atomic<int>* stored = nullptr;
    void FileDone(const std::string& path, uint64_t bytes, cli::FileOutcome o) override {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      ++*stored;
      RecordingSink::FileDone(path, bytes, o);
    }
  } sink;
  sink.stored = &stored;
  std::vector<std::string> paths;
  for (int i = 0; i < 60; ++i) paths.push_back("f" + std::to_string(i) + ".txt");
  cli::RunOptions run;
  run.jobs = 3;
  auto sum = cli::RunIngest(**store, paths, stages, sink, run);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->added, 60u);
  EXPECT_GE(most_ahead.load(), 3) << "the workers did run ahead";
  EXPECT_LE(most_ahead.load(), 2 * 3 + 1)
      << "at most the window (2 per job) plus the one being stored";
}

TEST(IngestJobs, TwoFilesOfOneNameAreTwoDocuments) {
  ScratchDir dir;
  auto store = store::Store::Open(dir / "kb.db");
  ASSERT_TRUE(store.ok());
  FakeStages fake;
  cli::RunOptions run;
  run.jobs = 2;
  std::vector<std::string> paths = {"a/x.txt", "b/x.txt", "c.txt"};
  RecordingSink first;
  auto sum = cli::RunIngest(**store, paths, fake.Make("v"), first, run);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->added, 3u);
  auto docs = (*store)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  std::vector<std::string> texts;
  for (const auto& d : *docs) texts.push_back((*store)->LoadDocument(d.id, false)->text);
  std::sort(texts.begin(), texts.end());
  EXPECT_EQ(texts, (std::vector<std::string>{"Text va/x.txt", "Text vb/x.txt", "Text vc.txt"}));
  // The same files again, with the workers' snapshot: nothing changes.
  RecordingSink second;
  sum = cli::RunIngest(**store, paths, fake.Make("v"), second, run);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->updated, 0u);
  EXPECT_EQ(sum->unchanged, 3u);
}

TEST(IngestJobs, AStopRequestKeepsEveryFileTheWorkersTook) {
  ScratchDir dir;
  auto store = store::Store::Open(dir / "kb.db");
  ASSERT_TRUE(store.ok());
  std::atomic<bool> stop{false};
  FakeStages fake;
  fake.stop_at_load = &stop;
  fake.stop_file = "f3.txt";
  std::vector<std::string> paths;
  for (int i = 0; i < 40; ++i) paths.push_back("f" + std::to_string(i) + ".txt");
  cli::RunOptions run;
  run.jobs = 2;
  run.stop = &stop;
  RecordingSink sink;
  auto sum = cli::RunIngest(**store, paths, fake.Make("one"), sink, run);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_TRUE(sum->interrupted);
  EXPECT_TRUE(sink.finished);
  EXPECT_GE(sum->added, 4u) << "f3.txt, being loaded when the request came, is stored";
  EXPECT_LT(sum->added, 40u);
  auto docs = (*store)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), sum->added);
  for (size_t i = 0; i < docs->size(); ++i)
    EXPECT_EQ((*docs)[i].name, paths[i]) << "a prefix of the input, in order";
  // Ingesting again goes on where it stopped.
  stop = false;
  fake.stop_at_load = nullptr;
  RecordingSink again;
  auto sum2 = cli::RunIngest(**store, paths, fake.Make("one"), again, run);
  ASSERT_TRUE(sum2.ok());
  EXPECT_EQ(sum2->unchanged + sum2->added, 40u);
  EXPECT_EQ(sum2->unchanged, sum->added);
}

}  // namespace
}  // namespace cairn
