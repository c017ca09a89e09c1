// Crash bench: `kill -9` at random moments of a large ingest.
//
//   build/bench/kill_bench [--trials 100] [--mb 8] [--seed 1] [--cairn PATH] [--dir DIR]
//
// Generates a corpus of testimony-like files (bench/ingest_corpus.h), times
// one undisturbed `cairn ingest --jobs 1` of it, then runs TRIALS ingests of
// the same corpus into one store, each killed with SIGKILL after a random
// delay between 0 and that time (every tenth trial starts a fresh store, so
// kills also land in store creation and the first batches; the others go on
// from what the earlier ones committed, as a user would after a crash).
// Just before each kill, a reader takes the committed documents (path and
// sha256 of the current version); after the kill the store is checked:
//   corrupt  PRAGMA integrity_check is not "ok", or FTS5's integrity-check
//            (with the content table compared, rank 1) fails, or the store
//            cannot be opened by cairn;
//   lost     a document committed before the kill is missing or changed.
// At the end, one more ingest must complete the store: every file stored and
// the facts not stale. Prints the figures; exits 1 when any store was corrupt
// or any document lost.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "ingest_corpus.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// Runs `cairn ingest --quiet --jobs 1 --db DB CORPUS` in a child process.
pid_t StartIngest(const std::string& cairn, const fs::path& db, const fs::path& corpus) {
  pid_t pid = fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      dup2(null, 1);
      dup2(null, 2);
    }
    execl(cairn.c_str(), cairn.c_str(), "ingest", "--quiet", "--jobs", "1", "--db", db.c_str(),
          corpus.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// path -> sha256 of the current version of every committed document; an
// empty map when the store does not exist yet or has no table yet.
std::map<std::string, std::string> Committed(const fs::path& db, std::string* error) {
  std::map<std::string, std::string> out;
  if (!fs::exists(db)) return out;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    *error = sqlite3_errmsg(h);
    sqlite3_close(h);
    return out;
  }
  sqlite3_busy_timeout(h, 10000);
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(h,
                         "SELECT d.path, v.sha256 FROM documents d JOIN versions v "
                         "ON v.doc = d.id AND v.version = d.version",
                         -1, &q, nullptr) == SQLITE_OK) {
    while (sqlite3_step(q) == SQLITE_ROW) {
      out[reinterpret_cast<const char*>(sqlite3_column_text(q, 0))] =
          reinterpret_cast<const char*>(sqlite3_column_text(q, 1));
    }
  }
  sqlite3_finalize(q);
  sqlite3_close(h);
  return out;
}

// "" when the store passes SQLite's and FTS5's integrity checks, else what failed.
std::string Check(const fs::path& db) {
  if (!fs::exists(db)) return "";
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string e = sqlite3_errmsg(h);
    sqlite3_close(h);
    return "open: " + e;
  }
  sqlite3_busy_timeout(h, 10000);
  std::string problem;
  sqlite3_stmt* q = nullptr;
  if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q, nullptr) != SQLITE_OK) {
    problem = std::string("integrity_check: ") + sqlite3_errmsg(h);
  } else {
    while (sqlite3_step(q) == SQLITE_ROW) {
      std::string row = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
      if (row != "ok") problem += "integrity_check: " + row + "; ";
    }
  }
  sqlite3_finalize(q);
  // A store killed before its first migration committed has no fts table.
  bool has_fts = false;
  if (sqlite3_prepare_v2(h, "SELECT 1 FROM sqlite_schema WHERE name = 'fts'", -1, &q, nullptr) ==
      SQLITE_OK) {
    has_fts = sqlite3_step(q) == SQLITE_ROW;
  }
  sqlite3_finalize(q);
  char* err = nullptr;
  if (has_fts && sqlite3_exec(h, "INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)", nullptr,
                              nullptr, &err) != SQLITE_OK) {
    problem += std::string("fts5 integrity-check: ") + (err ? err : "?");
  }
  sqlite3_free(err);
  sqlite3_close(h);
  return problem;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

int Usage() {
  std::fprintf(stderr,
               "usage: kill_bench [--trials N] [--mb MB] [--seed S] [--cairn PATH] [--dir DIR]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int trials = 100;
  uint64_t mb = 8, seed = 1;
  std::string cairn, dir_arg;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--trials" && i + 1 < argc) {
      trials = std::atoi(argv[++i]);
    } else if (a == "--mb" && i + 1 < argc) {
      mb = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--cairn" && i + 1 < argc) {
      cairn = argv[++i];
    } else if (a == "--dir" && i + 1 < argc) {
      dir_arg = argv[++i];
    } else {
      return Usage();
    }
  }
  if (cairn.empty()) {
    // build/bench/kill_bench -> build/cairn
    std::error_code ec;
    cairn = (fs::read_symlink("/proc/self/exe", ec).parent_path().parent_path() / "cairn").string();
  }
  if (!fs::exists(cairn)) {
    std::fprintf(stderr, "kill_bench: %s: no cairn binary (give --cairn PATH)\n", cairn.c_str());
    return 2;
  }
  const fs::path dir =
      dir_arg.empty() ? fs::temp_directory_path() / ("cairn_kill_bench_" + std::to_string(getpid()))
                      : fs::path(dir_arg);
  const fs::path corpus = dir / "corpus", db = dir / "kill.db";
  fs::create_directories(dir);
  auto stats = cairn::bench::WriteCorpus(corpus, mb << 20, seed);
  std::printf("corpus: %zu files, %.1f MB\n", stats.files,
              static_cast<double>(stats.bytes) / (1 << 20));

  // One undisturbed ingest: how long a whole one takes.
  const fs::path ref = dir / "reference.db";
  auto t0 = Clock::now();
  const int ref_rc = WaitExit(StartIngest(cairn, ref, corpus));
  const double full = Seconds(Clock::now() - t0);
  std::string err;
  const size_t expected = Committed(ref, &err).size();
  std::printf("undisturbed ingest: %.1f s, exit %d, %zu documents\n", full, ref_rc, expected);
  fs::remove(ref);
  fs::remove(ref.string() + "-wal");
  fs::remove(ref.string() + "-shm");

  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> delay(0.0, full);
  int corrupt = 0, lost_trials = 0, finished = 0;
  size_t lost_docs = 0, committed_total = 0;
  for (int t = 0; t < trials; ++t) {
    if (t % 10 == 0) {
      for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
    }
    const double wait = delay(rng);
    pid_t pid = StartIngest(cairn, db, corpus);
    std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    // What is committed now (a reader sees only committed transactions);
    // the kill follows at once.
    err.clear();
    auto before = Committed(db, &err);
    kill(pid, SIGKILL);
    const int rc = WaitExit(pid);
    if (rc != 128 + SIGKILL) ++finished;  // it ended before the kill
    committed_total += before.size();
    std::string problem = Check(db);
    auto after = Committed(db, &err);
    size_t lost = 0;
    for (const auto& [path, sha] : before) {
      auto it = after.find(path);
      if (it == after.end() || it->second != sha) ++lost;
    }
    if (!problem.empty()) ++corrupt;
    if (lost > 0) ++lost_trials;
    lost_docs += lost;
    std::printf("trial %3d: kill after %5.2f s: %4zu committed before, %4zu after%s%s%s\n", t + 1,
                wait, before.size(), after.size(), rc != 128 + SIGKILL ? " (had finished)" : "",
                problem.empty() ? "" : ("  CORRUPT: " + problem).c_str(),
                lost ? ("  LOST " + std::to_string(lost)).c_str() : "");
    std::fflush(stdout);
  }
  // The store after the last kill: one more ingest completes it.
  const int last_rc = WaitExit(StartIngest(cairn, db, corpus));
  const std::string final_problem = Check(db);
  const size_t final_docs = Committed(db, &err).size();
  bool stale = true;
  {
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* q = nullptr;
      if (sqlite3_prepare_v2(h,
                             "SELECT (SELECT value FROM store_state WHERE name = 'generation') = "
                             "(SELECT value FROM store_state WHERE name = 'resolved_generation')",
                             -1, &q, nullptr) == SQLITE_OK &&
          sqlite3_step(q) == SQLITE_ROW) {
        stale = sqlite3_column_int(q, 0) == 0;
      }
      sqlite3_finalize(q);
    }
    sqlite3_close(h);
  }
  std::printf(
      "\n%d trials (%d ended before their kill): %d corrupt stores, %zu lost committed "
      "documents (in %d trials), %zu committed documents checked\n"
      "final ingest: exit %d, %zu of %zu documents, facts %s, integrity %s\n",
      trials, finished, corrupt, lost_docs, lost_trials, committed_total, last_rc, final_docs,
      expected, stale ? "STALE" : "current", final_problem.empty() ? "ok" : final_problem.c_str());
  if (dir_arg.empty()) fs::remove_all(dir);
  const bool ok = corrupt == 0 && lost_docs == 0 && last_rc == 0 && final_docs == expected &&
                  !stale && final_problem.empty();
  return ok ? 0 : 1;
}
