// Crash bench: `kill -9` at random moments of a large ingest.
//
//   build/bench/kill_bench [--trials 100] [--mb 8] [--seed 1] [--cairn PATH] [--dir DIR]
//
// Generates a corpus of testimony-like files (bench/ingest_corpus.h), times
// one undisturbed `cairn ingest --jobs 1` of it into a fresh store and one of
// the same corpus with a fifth of its files changed, then runs TRIALS
// ingests into one store, each killed with SIGKILL after a random delay
// within the duration of its kind of ingest. Every tenth trial starts a
// fresh store (kills land in store creation and the first batches); before
// the others a fifth of the files get new bytes (a line appended), so each
// ingest stores new versions and resolves again instead of skipping
// unchanged files, as a user's re-ingest after a crash or an edit would.
// A kill must hit a running ingest: when the ingest ended first, the trial
// is attempted again (files changed again, the delay drawn again from the
// shorter duration just seen), up to five times. Every third trial on an
// existing store draws its delay from the last third of the ingest, where
// the resolution runs; a kill there leaves the store's facts stale (its
// documents committed, their resolution not), which the bench counts.
// Just before each kill, a reader takes the committed documents (path and
// sha256 of the current version); after the kill the store is checked:
//   corrupt  PRAGMA integrity_check is not "ok", or FTS5's integrity-check
//            (with the content table compared, rank 1) fails, or the store
//            cannot be opened by cairn;
//   lost     a document committed before the kill is missing, or its current
//            version is older than or differs from the one committed.
// At the end, one more ingest must complete the store: every file stored and
// the facts not stale. Prints the figures; exits 1 when any store was corrupt
// or any document lost.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
// Its standard error goes to DB.stderr (what a failed ingest said).
pid_t StartIngest(const std::string& cairn, const fs::path& db, const fs::path& corpus) {
  const std::string err_path = db.string() + ".stderr";
  pid_t pid = fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 1);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err >= 0) dup2(err, 2);
    execl(cairn.c_str(), cairn.c_str(), "ingest", "--quiet", "--jobs", "1", "--db", db.c_str(),
          corpus.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

// The first line of what the last ingest into `db` wrote on standard error.
std::string FirstErrorLine(const fs::path& db) {
  std::ifstream in(db.string() + ".stderr");
  std::string line;
  std::getline(in, line);
  return line;
}

int WaitExit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The current version of a committed document.
struct Version {
  int64_t number = 0;
  std::string sha256;
};

// path -> the current version of every committed document; an empty map
// when the store does not exist yet or has no table yet.
std::map<std::string, Version> Committed(const fs::path& db, std::string* error) {
  std::map<std::string, Version> out;
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
                         "SELECT d.path, v.sha256, v.version FROM documents d JOIN versions v "
                         "ON v.doc = d.id AND v.version = d.version",
                         -1, &q, nullptr) == SQLITE_OK) {
    while (sqlite3_step(q) == SQLITE_ROW) {
      out[reinterpret_cast<const char*>(sqlite3_column_text(q, 0))] =
          Version{sqlite3_column_int64(q, 2), reinterpret_cast<const char*>(sqlite3_column_text(q, 1))};
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

// Appends a line to `count` files of `corpus` picked by `rng`, so the next
// ingest finds them changed: each becomes its document's next version.
void ChangeFiles(const fs::path& corpus, size_t count, std::mt19937_64& rng, int round) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::shuffle(files.begin(), files.end(), rng);
  if (count > files.size()) count = files.size();
  for (size_t i = 0; i < count; ++i) {
    std::ofstream out(files[i], std::ios::app | std::ios::binary);
    // Ordinary prose with a date, so extraction has something to add.
    out << "\nA later note, revision " << round << ", was added in " << (1990 + round % 30)
        << ".\n";
  }
}

// 1 when the store's last resolution did not finish (facts stale), else 0;
// -1 when that cannot be read (no store yet, or killed before its schema).
int Stale(const fs::path& db) {
  if (!fs::exists(db)) return -1;
  sqlite3* h = nullptr;
  int stale = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(h, 10000);
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(h,
                           "SELECT (SELECT value FROM store_state WHERE name = 'generation') IS "
                           "(SELECT value FROM store_state WHERE name = 'resolved_generation')",
                           -1, &q, nullptr) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
      stale = sqlite3_column_int(q, 0) == 0 ? 1 : 0;
    }
    sqlite3_finalize(q);
  }
  sqlite3_close(h);
  return stale;
}

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

  // An undisturbed ingest of the same corpus with a fifth of its files
  // changed, into the reference store: how long a trial on an existing store
  // takes (unchanged files skipped, new versions stored, resolution again).
  std::mt19937_64 rng(seed);
  const size_t change_count = std::max<size_t>(1, stats.files / 5);
  int round = 0;
  ChangeFiles(corpus, change_count, rng, ++round);
  t0 = Clock::now();
  const int upd_rc = WaitExit(StartIngest(cairn, ref, corpus));
  double update = Seconds(Clock::now() - t0);
  std::printf("undisturbed ingest with %zu of %zu files changed: %.1f s, exit %d\n", change_count,
              stats.files, update, upd_rc);
  for (const char* ext : {"", "-wal", "-shm"}) fs::remove(ref.string() + ext);
  double fresh = full;

  int corrupt = 0, lost_trials = 0, retries = 0, missed = 0, stale_after = 0, late_kills = 0;
  int failed_ingests = 0;  // ingests that ended before their kill with a non-zero status
  size_t lost_docs = 0, committed_total = 0;
  for (int t = 0; t < trials; ++t) {
    const bool fresh_store = t % 10 == 0;
    // A third of the trials on an existing store aim at the resolution:
    // the last third of the ingest.
    const bool late = !fresh_store && t % 3 == 0;
    bool hit = false;
    double wait = 0;
    std::map<std::string, Version> before;
    for (int attempt = 0; attempt < 5 && !hit; ++attempt) {
      if (fresh_store) {
        for (const char* ext : {"", "-wal", "-shm"}) fs::remove(db.string() + ext);
      } else {
        ChangeFiles(corpus, change_count, rng, ++round);
      }
      const double span = fresh_store ? fresh : update;
      std::uniform_real_distribution<double> delay(late ? span * 0.67 : 0.0, span);
      wait = delay(rng);
      auto start = Clock::now();
      pid_t pid = StartIngest(cairn, db, corpus);
      std::this_thread::sleep_for(std::chrono::duration<double>(wait));
      // What is committed now (a reader sees only committed transactions);
      // the kill follows at once.
      err.clear();
      before = Committed(db, &err);
      kill(pid, SIGKILL);
      const int rc = WaitExit(pid);
      hit = rc == 128 + SIGKILL;
      if (!hit) {
        ++retries;
        if (rc != 0) {
          // An ingest of a killed store must succeed: a failure is a finding.
          ++failed_ingests;
          std::printf("trial %3d: the ingest ended with status %d before its kill: %s\n", t + 1, rc,
                      FirstErrorLine(db).c_str());
          continue;
        }
        // It ended before the kill: this kind of ingest is shorter than
        // thought (the machine's load varies). Aim within what it took.
        const double took = Seconds(Clock::now() - start);
        (fresh_store ? fresh : update) = std::max(0.2, std::min(span, took) * 0.9);
      }
    }
    if (!hit) ++missed;
    if (late) ++late_kills;
    committed_total += before.size();
    const int stale = Stale(db);
    if (stale == 1) ++stale_after;
    std::string problem = Check(db);
    auto after = Committed(db, &err);
    size_t lost = 0;
    // Lost: gone, or its version replaced by an older one or changed in
    // place. (A newer version may have been committed between the reader's
    // look and the kill.)
    for (const auto& [path, v] : before) {
      auto it = after.find(path);
      if (it == after.end() || it->second.number < v.number ||
          (it->second.number == v.number && it->second.sha256 != v.sha256))
        ++lost;
    }
    if (!problem.empty()) ++corrupt;
    if (lost > 0) ++lost_trials;
    lost_docs += lost;
    std::printf("trial %3d: %s kill after %5.2f s: %4zu committed before, %4zu after%s%s%s%s\n",
                t + 1, fresh_store ? "fresh   " : (late ? "late    " : "existing"), wait,
                before.size(), after.size(), hit ? "" : " (NO KILL: had finished 5 times)",
                stale == 1 ? ", facts stale" : "",
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
      "\n%d trials: %d killed a running ingest (%d attempts ended first and were repeated, "
      "%d trials never hit); %d aimed at the last third, %d kills left the facts stale "
      "(killed between the documents' commit and the resolution's)\n"
      "%d ingests failed, %d corrupt stores, %zu lost committed documents (in %d trials), "
      "%zu committed documents checked\n"
      "final ingest: exit %d, %zu of %zu documents, facts %s, integrity %s\n",
      trials, trials - missed, retries, missed, late_kills, stale_after, failed_ingests, corrupt,
      lost_docs, lost_trials, committed_total, last_rc, final_docs, expected,
      stale ? "STALE" : "current", final_problem.empty() ? "ok" : final_problem.c_str());
  if (dir_arg.empty()) fs::remove_all(dir);
  const bool ok = corrupt == 0 && lost_docs == 0 && missed == 0 && failed_ingests == 0 &&
                  last_rc == 0 && final_docs == expected && !stale && final_problem.empty();
  return ok ? 0 : 1;
}
