// Data safety and reliability through the real `cairn` binary and the ingest
// runner: document identity by path, stable entity ids, facts that survive a
// kill or a failure during resolution, concurrent ingests, exit codes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <thread>

#include "cli/ingest_runner.h"
#include "cli/progress.h"
#include "resolve/resolve.h"
#include "run_cairn.h"
#include "store/store.h"

namespace cairn {
namespace {

using cairn::testing::ReadAll;
using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using cairn::testing::WriteFile;
using json = nlohmann::json;
namespace fs = std::filesystem;

// name -> entity id, from `cairn people --json`.
std::map<std::string, std::string> People(const ScratchDir& dir, const std::string& db) {
  auto r = RunCairn(dir, "people --json --db " + ShellQuote(db));
  EXPECT_EQ(r.status, 0) << r.err;
  std::map<std::string, std::string> out;
  json j = json::parse(r.out, nullptr, false);
  if (!j.is_array()) return out;
  for (const json& p : j) out[p.value("name", "")] = p.value("id", "");
  return out;
}

// A small testimony about one person, with two events.
std::string Testimony(const std::string& name, int year) {
  return name + " was born in Hyesan in " + std::to_string(year) +
         ". In 1998 the family crossed the Tumen River.\n";
}

// Distinct Korean names: surname + a two-syllable given name.
std::vector<std::string> Names(size_t n, size_t offset) {
  static const char* kSurnames[] = {"Kim", "Pak", "Choe", "Han", "Jang"};
  static const char* kFirst[] = {"Young", "Sun", "Chol", "Myong", "Hye", "Jin", "Kwang", "Un"};
  static const char* kSecond[] = {"ho", "hui", "su", "ok", "nam", "sik"};
  std::vector<std::string> out;
  for (size_t i = offset; out.size() < n; ++i) {
    out.push_back(std::string(kSurnames[i % 5]) + " " + kFirst[(i / 5) % 8] + "-" +
                  kSecond[(i / 40) % 6]);
  }
  return out;
}

TEST(Identity, SameFileNamesInDifferentFoldersAreDifferentDocuments) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  WriteFile(dir.path() / "in" / "case01" / "transcript.txt", Testimony("Kim Young-ho", 1975));
  WriteFile(dir.path() / "in" / "case02" / "transcript.txt", Testimony("Pak Sun-hui", 1980));
  auto r = RunCairn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("2 new"), std::string::npos) << r.out;
  auto again = RunCairn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.out.find("0 new, 0 updated, 2 unchanged"), std::string::npos) << again.out;
  auto people = People(dir, db);
  EXPECT_TRUE(people.contains("Kim Young-ho"));
  EXPECT_TRUE(people.contains("Pak Sun-hui"));
  auto show = RunCairn(dir, "show --db " + ShellQuote(db) + " case02/transcript.txt");
  ASSERT_EQ(show.status, 0) << show.err;
  EXPECT_NE(show.out.find("Pak Sun-hui"), std::string::npos);
  // A moved folder keeps its documents (recognized by their bytes).
  fs::rename(dir.path() / "in", dir.path() / "moved");
  auto moved = RunCairn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "moved"));
  ASSERT_EQ(moved.status, 0) << moved.err;
  EXPECT_NE(moved.out.find("0 new, 0 updated, 2 unchanged"), std::string::npos) << moved.out;
  EXPECT_EQ(People(dir, db), people);
}

TEST(StableIds, IdsSurviveNewVersionsAndAreNeverReused) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  const std::string in = dir / "in";
  auto ingest = [&] {
    auto r = RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(in));
    ASSERT_EQ(r.status, 0) << r.err;
  };
  WriteFile(dir.path() / "in" / "a.txt", Testimony("Kim Young-ho", 1975));
  WriteFile(dir.path() / "in" / "b.txt", Testimony("Pak Sun-hui", 1980));
  WriteFile(dir.path() / "in" / "c.txt", Testimony("Kim Chol-su", 1975));
  ingest();
  auto first = People(dir, db);
  const std::string kim = first["Kim Young-ho"], pak = first["Pak Sun-hui"];
  const std::string chol = first["Kim Chol-su"];
  ASSERT_FALSE(kim.empty());
  ASSERT_FALSE(pak.empty());
  ASSERT_FALSE(chol.empty());
  // An analyst says Kim Chol-su is Kim Young-ho.
  auto m = RunCairn(dir, "merge --db " + ShellQuote(db) + " " + kim + " " + chol);
  ASSERT_EQ(m.status, 0) << m.err;

  // New versions: a.txt changes, b.txt now names someone else.
  WriteFile(dir.path() / "in" / "a.txt",
            "Testimony, second edition.\n" + Testimony("Kim Young-ho", 1975));
  WriteFile(dir.path() / "in" / "b.txt", Testimony("Choe Myong-hui", 1968));
  ingest();
  auto second = People(dir, db);
  EXPECT_EQ(second["Kim Young-ho"], kim) << "an entity keeps its id across a new version";
  EXPECT_FALSE(second.contains("Kim Chol-su")) << "the merge still holds";
  auto person = RunCairn(dir, "person --json --db " + ShellQuote(db) + " " + kim);
  ASSERT_EQ(person.status, 0) << person.err;
  EXPECT_NE(person.out.find("Kim Chol-su"), std::string::npos) << "the merge still points at Kim";
  const std::string choe = second["Choe Myong-hui"];
  ASSERT_FALSE(choe.empty());
  for (const std::string& old : {kim, pak, chol}) {
    EXPECT_NE(choe, old) << "a new person never gets an id given out before";
  }
  // Pak comes back: the id Pak had.
  WriteFile(dir.path() / "in" / "b.txt", Testimony("Pak Sun-hui", 1980));
  ingest();
  auto third = People(dir, db);
  EXPECT_EQ(third["Pak Sun-hui"], pak);
  EXPECT_EQ(third["Kim Young-ho"], kim);
}

class NullSink : public cli::ProgressSink {
 public:
  void Start(size_t, uint64_t) override {}
  void FileDone(const std::string&, uint64_t, cli::FileOutcome) override {}
  void Error(const std::string&) override {}
  void Finish(const cli::IngestSummary&) override {}
};

// Folder of `n` testimonies.
std::vector<std::string> MakeCorpus(const fs::path& folder, size_t n, size_t offset) {
  std::vector<std::string> names = Names(n, offset);
  for (size_t i = 0; i < n; ++i) {
    WriteFile(folder / ("t" + std::to_string(i) + ".txt"),
              Testimony(names[i], 1950 + static_cast<int>(i % 40)));
  }
  return names;
}

TEST(FactsSurvive, AFailureDuringResolutionIsCompletedByTheNextIngest) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  auto names = MakeCorpus(dir.path() / "in", 6, 0);
  {
    auto s = store::Store::Open(db);
    ASSERT_TRUE(s.ok());
    cli::Stages stages = cli::DefaultStages({});
    stages.resolve = [](store::Store*) { return Status::IOError("database or disk is full"); };
    NullSink sink;
    auto sum = cli::RunIngest(**s, {dir / "in"}, stages, sink);
    ASSERT_FALSE(sum.ok()) << "the failure is reported";
    EXPECT_EQ((*s)->ListDocuments()->size(), 6u) << "the documents are kept";
    EXPECT_TRUE(*(*s)->FactsStale());
  }
  // Readers say the facts are stale.
  auto view = RunCairn(dir, "people --db " + ShellQuote(db));
  EXPECT_EQ(view.status, 0);
  EXPECT_NE(view.err.find("stale"), std::string::npos) << view.err;
  // An ingest of unchanged files completes the resolution.
  auto r = RunCairn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("6 unchanged"), std::string::npos) << r.out;
  auto people = People(dir, db);
  for (const std::string& n : names) EXPECT_TRUE(people.contains(n)) << n;
  auto after = RunCairn(dir, "people --db " + ShellQuote(db));
  EXPECT_EQ(after.err.find("stale"), std::string::npos) << after.err;
}

std::string Scalar(const std::string& db, const char* sql) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);  // a failed open still allocates its handle (LeakSanitizer saw it)
    return "";
  }
  sqlite3_stmt* st = nullptr;
  std::string v;
  if (sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(raw);
  return v;
}

TEST(FactsSurvive, AKillDuringResolutionLosesNoFacts) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  auto names = MakeCorpus(dir.path() / "in", 30, 0);
  std::mt19937 rng(11);
  for (int trial = 0; trial < 4; ++trial) {
    fs::remove(db);
    fs::remove(db + "-wal");
    fs::remove(db + "-shm");
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      auto s = store::Store::Open(db);
      if (!s.ok()) _exit(2);
      cli::Stages stages = cli::DefaultStages({});
      // Resolution says it started, then resolves over and over until killed.
      stages.resolve = [&](store::Store* st) {
        if (write(fds[1], "r", 1) != 1) _exit(3);
        for (;;) {
          if (!resolve::UpdateStore(st).ok()) _exit(4);
        }
        return Status::OK();
      };
      NullSink sink;
      (void)cli::RunIngest(**s, {dir / "in"}, stages, sink);
      _exit(0);
    }
    close(fds[1]);
    char c = 0;
    ASSERT_EQ(read(fds[0], &c, 1), 1) << "the child reached resolution";
    close(fds[0]);
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 30000));
    kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(Scalar(db, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(Scalar(db, "SELECT count(*) FROM documents"), "30") << "committed documents stay";
    // Whatever moment the kill hit: the next ingest of the same (unchanged)
    // files leaves every person resolved.
    auto r = RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
    ASSERT_EQ(r.status, 0) << r.err;
    auto people = People(dir, db);
    for (const std::string& n : names) EXPECT_TRUE(people.contains(n)) << n << " trial " << trial;
    EXPECT_EQ(Scalar(db,
                     "SELECT (SELECT value FROM store_state WHERE name = 'generation') = "
                     "(SELECT value FROM store_state WHERE name = 'resolved_generation')"),
              "1");
  }
}

// Runs `cairn args` in the background; returns its pid. Output to files.
pid_t Spawn(const ScratchDir& dir, const std::string& args, const std::string& tag) {
  std::string cmd = "exec env -u CAIRN_DB " + ShellQuote(CAIRN_EXE) + " " + args + " >" +
                    ShellQuote(dir / (tag + ".out")) + " 2>" + ShellQuote(dir / (tag + ".err")) +
                    " </dev/null";
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

void RaceTwoIngests(bool existing_store) {
  ScratchDir dir;
  auto a = MakeCorpus(dir.path() / "a", 15, 0);
  auto b = MakeCorpus(dir.path() / "b", 15, 15);
  WriteFile(dir.path() / "seed" / "s.txt", Testimony("Ri Chol-min", 1960));
  for (int round = 0; round < 3; ++round) {
    const std::string db = dir / ("kb" + std::to_string(round) + ".db");
    if (existing_store) {
      auto r =
          RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "seed"));
      ASSERT_EQ(r.status, 0) << r.err;
    }
    pid_t p1 = Spawn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "a"), "one");
    pid_t p2 = Spawn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "b"), "two");
    ASSERT_GT(p1, 0);
    ASSERT_GT(p2, 0);
    EXPECT_EQ(Wait(p1), 0) << ReadAll(dir / "one.err");
    EXPECT_EQ(Wait(p2), 0) << ReadAll(dir / "two.err");
    EXPECT_EQ(ReadAll(dir / "one.err").find("locked"), std::string::npos);
    EXPECT_EQ(ReadAll(dir / "two.err").find("locked"), std::string::npos);
    auto people = People(dir, db);
    for (const auto* set : {&a, &b}) {
      for (const std::string& n : *set) EXPECT_TRUE(people.contains(n)) << n << " round " << round;
    }
    EXPECT_EQ(Scalar(db, "SELECT count(*) FROM documents"), existing_store ? "31" : "30");
    auto view = RunCairn(dir, "people --db " + ShellQuote(db));
    EXPECT_EQ(view.err.find("stale"), std::string::npos) << view.err;
  }
}

TEST(Concurrency, TwoIngestsIntoANewStoreBothSucceed) { RaceTwoIngests(false); }
TEST(Concurrency, TwoIngestsIntoAnExistingStoreBothSucceed) { RaceTwoIngests(true); }

TEST(Concurrency, SearchesAndExportsDuringAnIngestSeeAConsistentStore) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  MakeCorpus(dir.path() / "seed", 3, 40);
  auto r = RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "seed"));
  ASSERT_EQ(r.status, 0) << r.err;
  MakeCorpus(dir.path() / "more", 40, 0);
  pid_t p =
      Spawn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "more"), "bg");
  for (int i = 0; i < 5; ++i) {
    auto s = RunCairn(dir, "search --db " + ShellQuote(db) + " Hyesan");
    EXPECT_EQ(s.status, 0) << s.err;
    auto e = RunCairn(dir, "export --db " + ShellQuote(db));
    EXPECT_EQ(e.status, 0) << e.err;
    // Every event's subject is an exported entity: facts from one snapshot.
    std::set<std::string> entities;
    std::vector<json> events;
    std::istringstream lines(e.out);
    for (std::string line; std::getline(lines, line);) {
      json j = json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      if (j.value("kind", "") == "entity") entities.insert(j.value("id", ""));
      if (j.value("kind", "") == "event") events.push_back(j);
    }
    for (const json& ev : events) {
      EXPECT_TRUE(entities.contains(ev.value("subject", ""))) << ev.dump();
    }
  }
  EXPECT_EQ(Wait(p), 0) << ReadAll(dir / "bg.err");
}

TEST(ExitCodes, StoreErrorsExitThreeInEveryCommand) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  MakeCorpus(dir.path() / "in", 3, 0);
  auto r = RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
  ASSERT_EQ(r.status, 0) << r.err;

  // A locked store: another process holds the write lock longer than the
  // wait allowed here.
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    WriteFile(dir.path() / "new" / "n.txt", Testimony("Han Jin-ok", 1970));
    auto locked = RunCairn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "new"),
                           "CAIRN_LOCK_WAIT=0.3 ");
    EXPECT_EQ(locked.status, 3) << locked.err;
    auto merge = RunCairn(dir, "merge --db " + ShellQuote(db) + " e1 e2", "CAIRN_LOCK_WAIT=0.3 ");
    EXPECT_EQ(merge.status, 3) << merge.err;
    // The message says which store is locked.
    EXPECT_NE(locked.err.find("kb.db"), std::string::npos) << locked.err;
    EXPECT_NE(locked.err.find("locked"), std::string::npos) << locked.err;
    EXPECT_NE(merge.err.find("kb.db"), std::string::npos) << merge.err;
    // Readers are not blocked by a writer.
    auto search = RunCairn(dir, "search --db " + ShellQuote(db) + " Hyesan");
    EXPECT_EQ(search.status, 0) << search.err;
    sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
  }
  // A damaged store: its pages overwritten in the middle.
  {
    const std::string bad = dir / "bad.db";
    auto c = RunCairn(dir, "ingest --quiet --db " + ShellQuote(bad) + " " + ShellQuote(dir / "in"));
    ASSERT_EQ(c.status, 0) << c.err;
    auto size = fs::file_size(bad);
    int fd = ::open(bad.c_str(), O_WRONLY);
    ASSERT_GE(fd, 0);
    std::string junk(size - 8192, '\x5a');
    ASSERT_EQ(pwrite(fd, junk.data(), junk.size(), 4096), static_cast<ssize_t>(junk.size()));
    ::close(fd);
    for (const std::string& cmd :
         std::vector<std::string>{"search Hyesan", "export", "people", "show d1", "person Kim",
                                  "timeline", "conflicts"}) {
      auto x =
          RunCairn(dir, cmd.substr(0, cmd.find(' ')) + " --db " + ShellQuote(bad) +
                            (cmd.find(' ') == std::string::npos ? "" : cmd.substr(cmd.find(' '))));
      EXPECT_EQ(x.status, 3) << cmd << ": " << x.err;
    }
  }
  // A file that is not a store; usage errors stay 2.
  WriteFile(dir.path() / "notes.txt", "just text, not a database at all, long enough............");
  EXPECT_EQ(RunCairn(dir, "search --db " + ShellQuote(dir / "notes.txt") + " x").status, 3);
  EXPECT_EQ(RunCairn(dir, "search --db " + ShellQuote(db) + " '!!'").status, 2);
  EXPECT_EQ(RunCairn(dir, "people --db " + ShellQuote(db) + " --bogus").status, 2);
}

TEST(ExitCodes, OutputToAFullDiskFails) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  MakeCorpus(dir.path() / "in", 3, 0);
  ASSERT_EQ(
      RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "in")).status,
      0);
  for (const std::string& cmd :
       std::vector<std::string>{"people", "timeline", "conflicts", "export", "search Hyesan",
                                "show d1", "person " + ShellQuote("Kim Young-ho")}) {
    std::string sub = cmd.substr(0, cmd.find(' '));
    std::string rest = cmd.find(' ') == std::string::npos ? "" : cmd.substr(cmd.find(' '));
    std::string line = "env -u CAIRN_DB " + ShellQuote(CAIRN_EXE) + " " + sub + " --db " +
                       ShellQuote(db) + rest + " >/dev/full 2>" + ShellQuote(dir / "err.txt");
    int raw = std::system(line.c_str());
    ASSERT_TRUE(WIFEXITED(raw));
    EXPECT_EQ(WEXITSTATUS(raw), 3) << cmd;
    // One message saying why, not one from the command and one from main.
    std::ifstream in(dir.path() / "err.txt");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    ASSERT_EQ(lines.size(), 1u) << cmd;
    EXPECT_NE(lines[0].find("No space left on device"), std::string::npos) << lines[0];
  }
}

TEST(Inputs, AFifoGetsAMessageAndBareCarriageReturnsSplitParagraphs) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  WriteFile(dir.path() / "in" / "mac.txt",
            "First paragraph about Hyesan.\r\rSecond paragraph about Musan.\rIts second line.\r");
  ASSERT_EQ(mkfifo((dir.path() / "in" / "pipe.txt").c_str(), 0600), 0);
  auto r = RunCairn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("pipe.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("FIFO"), std::string::npos) << r.err;
  WriteFile(dir.path() / "unix" / "unix.txt",
            "First paragraph about Hyesan.\n\nSecond paragraph about Musan.\nIts second line.\n");
  ASSERT_EQ(RunCairn(dir, "ingest --db " + ShellQuote(db) + " " + ShellQuote(dir / "unix")).status,
            0);
  auto paragraphs = [&](const std::string& name) {
    auto show = RunCairn(dir, "show --db " + ShellQuote(db) + " " + name);
    EXPECT_EQ(show.status, 0) << show.err;
    size_t at = show.out.find(" paragraphs");
    size_t comma = show.out.rfind(", ", at);
    return at == std::string::npos ? std::string() : show.out.substr(comma + 2, at - comma - 2);
  };
  EXPECT_EQ(paragraphs("mac.txt"), paragraphs("unix.txt"));
  EXPECT_NE(paragraphs("mac.txt"), "1");
}

TEST(Interrupt, SigtermStopsEvenInsideALargeFileAndKeepsWhatWasCommitted) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  MakeCorpus(dir.path() / "in", 5, 0);
  // A file of one name repeated: slow to extract, one file to the stop check.
  std::string big;
  while (big.size() < (2u << 20)) big += "Kim Young-ho ";
  WriteFile(dir.path() / "in" / "z_big.txt", big);
  // One job: the file loop itself is inside the big file when the signal
  // comes (with workers, the big file may be extracted ahead and finish).
  pid_t pid = Spawn(dir, "ingest --jobs 1 --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"),
                    "int");
  ASSERT_GT(pid, 0);
  // Wait until the small files are committed (the big one comes last).
  for (int i = 0; i < 200 && Scalar(db, "SELECT count(*) FROM documents") != "5"; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kill(pid, SIGTERM);
  // A guard against a hang, not a timing assertion.
  int status = 0, waited = 0;
  while (waitpid(pid, &status, WNOHANG) == 0 && waited < 600) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ++waited;
  }
  if (waited >= 600) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "ingest did not stop on SIGTERM";
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130) << ReadAll(dir / "int.err");
  EXPECT_NE(ReadAll(dir / "int.err").find("interrupted"), std::string::npos);
  EXPECT_EQ(Scalar(db, "PRAGMA integrity_check"), "ok");
  // The five committed documents are kept; the big one too when its
  // extraction finished before the signal (fast on an idle machine).
  const std::string kept = Scalar(db, "SELECT count(*) FROM documents");
  EXPECT_TRUE(kept == "5" || kept == "6") << kept;
}

TEST(Protection, ProtectAndUnprotectPersistAcrossReingest) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  WriteFile(dir.path() / "in" / "a.txt",
            "Kim Young-ho was born in Hyesan in 1975. In 1998 he crossed the Tumen River.\n");
  WriteFile(dir.path() / "in" / "b.txt",
            "Pak Sun-hui (not her real name) was born in Musan in 1980.\n");
  auto ingest = [&] {
    auto r = RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
    ASSERT_EQ(r.status, 0) << r.err;
  };
  ingest();
  auto flags = [&] {
    std::map<std::string, bool> out;
    auto r = RunCairn(dir, "people --json --db " + ShellQuote(db));
    json j = json::parse(r.out, nullptr, false);
    if (j.is_array())
      for (const json& p : j) out[p.value("name", "")] = p.value("protected", false);
    return out;
  };
  EXPECT_FALSE(flags()["Kim Young-ho"]);
  EXPECT_TRUE(flags()["Pak Sun-hui"]);
  ASSERT_EQ(RunCairn(dir, "protect --db " + ShellQuote(db) + " 'Kim Young-ho'").status, 0);
  ASSERT_EQ(RunCairn(dir, "unprotect --db " + ShellQuote(db) + " 'Pak Sun-hui'").status, 0);
  EXPECT_TRUE(flags()["Kim Young-ho"]);
  EXPECT_FALSE(flags()["Pak Sun-hui"]);
  auto people = RunCairn(dir, "people --db " + ShellQuote(db));
  EXPECT_NE(people.out.find("protected"), std::string::npos) << people.out;
  auto person = RunCairn(dir, "person --db " + ShellQuote(db) + " 'Kim Young-ho'");
  EXPECT_NE(person.out.find("protected"), std::string::npos) << person.out;
  auto redacted = RunCairn(dir, "export --redact --db " + ShellQuote(db));
  EXPECT_EQ(redacted.out.find("Young-ho"), std::string::npos);
  EXPECT_NE(redacted.out.find("Pak Sun-hui"), std::string::npos);
  // A new version of the document and a re-ingest keep the analyst's word.
  WriteFile(dir.path() / "in" / "a.txt",
            "Kim Young-ho was born in Hyesan in 1975. He reached Seoul in 2003.\n");
  ingest();
  EXPECT_TRUE(flags()["Kim Young-ho"]);
  EXPECT_FALSE(flags()["Pak Sun-hui"]);
  EXPECT_EQ(RunCairn(dir, "protect --db " + ShellQuote(db) + " 'Nobody Here'").status, 1);
}

}  // namespace
}  // namespace cairn
