// Whole-program ingest benchmark: generates a corpus of testimony-like files
// (>= 50 MB by default), then runs the real batch (cli::RunIngest, as
// `cairn ingest --no-extract` runs it, or with --extract as `cairn ingest`
// does) on one core, timing each stage, and reports MB/s and peak RSS.
//
//   ingest_bench [--mb N] [--extract] [--no-syntax] [--dir DIR] [--keep]
//                [--no-group-time] [--big MB[,MB...]] [--big-ext EXT]
//                [--jobs N[,M...]] [--pathological] [--skip-batch] [--whole]
//
// --dir reuses (or creates) a corpus folder; otherwise a temporary one is made
// and removed afterwards unless --keep. --big MB also ingests one MB-sized
// file per format, each in a child process, and reports its peak memory over
// the resident size just before. Not run in CI beyond building.
//
// Figures (RelWithDebInfo, one core of the 2-core dev machine, shared with
// other work (load average ~1); 50 MB corpus, 7047 files: 4278 text, 1397
// Markdown, 1372 HTML; 622611 sentences; five runs, median):
//                                  first    2nd session start   now
//   load (read, decode, convert)   8.73 s        2.44 s          0.65 s
//   segment                        5.27 s        1.29 s          0.32 s
//   store + FTS5 (incl. last commit) 10.07 s     4.19 s          1.2 s
//   total, no extraction           2.1 MB/s      6.3 MB/s        22-24 MB/s
//   total, --extract                  -          2.0 MB/s        1.9 MB/s
// What changed: documents are committed in groups of at most 1 s or 8 MB of
// text, and a group's full-text index is built in one statement at its
// commit (store.h, BeginBatch; 64 MB groups gave a median of 21 MB/s: their
// text had left SQLite's cache before it was indexed); the segmenter reads
// UTF-8 in place; HTML is parsed by libxml2's SAX parser (was Gumbo's
// tree); boilerplate cues are matched without allocations. With --extract,
// extraction (9 s) and its rows dominate, and resolution after the batch
// (7 s, 690 MB peak: it loads every document) is issue 4's.
//
// --jobs 1,2 --extract (worker threads, one writer; 10 MB, 1403 files),
// measured at 00:20 UTC on 2026-12-05 with a load average of 12-13 on the 2
// cores (seven builds running): the process had 0.3 of a core, so its
// wall-clock ratios (0.86x to 1.59x over six runs) say nothing. Its CPU
// time does: load, segment and extract 2.2-2.3 s (parallel), the writer
// (probe, put, FTS5, commits) 1.8-2.1 s, the last commit and resolution
// 1.1-1.6 s (serial, after the loop). On two idle cores the loop can be at
// most 2.0x faster and the whole batch 1.57-1.65x: resolution, not the
// workers, keeps it under 1.7x.
// On the idle machine (2026-12-05 10:12 UTC, parsing on demand): 1 job
// 0.67 MB/s, 2 jobs 1.19 MB/s; loop 1.84x, whole batch 1.76x.
//
// Peak memory, no extraction: 61 MB on the 50 MB corpus (largest file
// 15 KB). Fixed: ~16 MB resident before ingest (binary, ICU, libxml2), at
// most 32 MB of SQLite page cache, at most 8 MB of FTS5 pending index data.
// One large file (--big 8 / 16 / 31): growth over the resident size before
// it of 2.3-2.4 / 2.7-2.9 / 2.4-2.7x the file with the page cache and
// pending data, 1.1-1.4x without: under twice the document plus the fixed
// part. Documents of 1 MB or more are written into their rows in pieces and
// indexed as ~256 KB passages (schema migration 4); before that, SQLite's
// copy of the row and FTS5's posting lists for one row (~1.3x its text) made
// it 3.2-3.9x, and at the session's start 14x.
//
// With extraction (--extract --big 2,8 --big-ext txt --no-syntax, then the
// same with --whole; 2026-12-05, load ~14): the growth over the resident
// size before the file, fitted over the sizes as multiple x file + fixed.
// Whole documents: 17.7x + 0 MB after extraction, and overall. Passages of
// 256 KB (extract::RunInPassages, documents of 1 MB of text or more):
// 6.3x + 6 MB after extraction, 10.5x after the store's write, 18.1x
// overall, now resolution's peak (it reloads the document's annotations).
// The rest is the document's output held for the store (mentions, timexes,
// events: ~5x on this dense text), not per-word records.
// Resolution bounded (Store::LoadForResolution: only the mentions and
// timexes it reads; fusion's arrays sized once, no stable_sort buffer;
// 2026-12-05 12:35, load ~9): overall 18.1x -> 11.3x + 0.5 MB, now the
// store's write (10.5x, about 27 MB of it SQLite's page cache at 8 MB).
// Fitted over --big 8,16 (the cache full at both): overall 7.1x + 34 MB.
// Streamed (2026-12-05 15:37, load ~6): a large document's passages go to
// the store as they are extracted (Store::PutStreaming), so its mentions,
// timexes and events are never held whole, and its write and resolution's
// read of it use a 4 MB page cache: after extraction (its writes included)
// 6.3x -> 1.5x + 12 MB, stored 10.4x -> 1.6x + 11 MB, overall 11.3x -> 7.5x,
// now resolution's fusion (its EventRecords and sources).
// Fusion in batches of persons (resolve::Options::fusion_batch_claims) and
// the quotes copied after the document's annotations are freed (2026-12-05
// 16:15, load ~2): overall 7.70x + 0.5 MB -> 6.07x + 2.7 MB (8 MB file
// +62.1 -> +51.3 MB); left: the EventRecords (17.5 MB) and the document
// loaded for fusion.
// Each batch written to the store as soon as it is fused
// (Store::BeginReplaceFacts, resolve::Resolver::ResolveInBatches), and the
// load for resolution no longer beside what the ingest left (2026-12-05
// 18:02-19:00, load 5-9): overall 5.78x + 5.3 MB -> 4.08x + 5.8 MB (8 MB
// file +51.6 -> +38.4 MB); with the parser 4.03x + 6.6 MB. Left: the
// document loaded for fusion (~3x on this text) beside one batch.
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/ingest_runner.h"
#include "ingest_corpus.h"
#include "resolve/resolve.h"
#include "store/store.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// User plus system CPU time of this process, all threads, in seconds.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU time of the calling thread, in nanoseconds.
int64_t ThreadCpuNs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// Notes when the last file was done and when the batch finished (the last
// group commit and resolution lie between).
struct TimingSink : cairn::cli::ProgressSink {
  Clock::time_point last_file = Clock::now(), finished = Clock::now();
  void Start(size_t, uint64_t) override {}
  double last_file_cpu = 0;  // process CPU seconds when the last file was done
  void FileDone(const std::string&, uint64_t, cairn::cli::FileOutcome) override {
    last_file = Clock::now();
    last_file_cpu = CpuSeconds();
  }
  void Error(const std::string& line) override { std::fprintf(stderr, "%s\n", line.c_str()); }
  void Finish(const cairn::cli::IngestSummary&) override { finished = Clock::now(); }
};

// VmHWM (peak) or VmRSS of this process, in bytes, from /proc/self/status.
uint64_t StatusKb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) return std::strtoull(line.c_str() + std::strlen(key), nullptr, 10);
  }
  return 0;
}

// One large file of the corpus's own kind: its files of `ext` glued
// together until `bytes`.
fs::path MakeBigFile(const fs::path& corpus, const fs::path& out_dir, const std::string& ext,
                     uint64_t bytes) {
  fs::path out = out_dir / ("big." + ext);
  std::ofstream o(out, std::ios::binary);
  uint64_t n = 0;
  while (n < bytes) {
    bool any = false;
    for (const auto& e : fs::directory_iterator(corpus)) {
      if (e.path().extension() != "." + ext) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::string s(fs::file_size(e.path()), '\0');
      in.read(s.data(), static_cast<std::streamsize>(s.size()));
      o << s << "\n";
      n += s.size() + 1;
      any = true;
      if (n >= bytes) break;
    }
    if (!any) break;
  }
  return out;
}

// --whole: large documents are analysed whole, not in passages (the
// behaviour before extract::RunInPassages), for before/after figures.
bool g_whole = false;
// --no-syntax for --big and --pathological: no tagger and parser.
bool g_syntax = true;

// What MeasureFile measured of one file, in bytes.
struct FileMemory {
  bool ok = false;
  double size = 0;          // the file
  double text = 0;          // its extracted text
  double growth = 0;        // peak resident set minus the resident set before
  double before_store = 0;  // the same when the last stage returned
  double stored = 0;        // the same when the document was stored, before resolution
};

// The peak memory of ingesting one file, in a child process of its own: the
// growth of the peak resident set over the resident set just before (store
// open, stages made, `small` ingested so code, ICU data and parsers are
// loaded), as a multiple of the file. Also the growth when the last
// processing stage (extract, else segment) returned, before the store and
// resolution. `label` names the line. The child sends its figures back
// through a pipe, so the caller can fit them over several sizes.
FileMemory MeasureFile(const fs::path& work, const fs::path& big, const fs::path& small,
                       const std::string& label, bool extract) {
  std::fflush(stdout);
  int fds[2];
  if (pipe(fds) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    auto store = cairn::store::Store::Open((work / "big.db").string());
    if (!store.ok()) _exit(3);
    cairn::cli::IngestOptions options;
    options.run_extraction = extract;
    options.syntax = g_syntax;
    cairn::cli::Stages stages = cairn::cli::DefaultStages(options);
    if (g_whole) stages.passages.min_document_bytes = SIZE_MAX;
    TimingSink sink;
    if (!cairn::cli::RunIngest(**store, {small.string()}, stages, sink).ok()) _exit(4);
    uint64_t base_kb = StatusKb("VmRSS:");
    { std::ofstream("/proc/self/clear_refs") << "5"; }  // resets VmHWM to VmRSS
    uint64_t before_store_kb = 0;
    cairn::cli::Stages timed = stages;
    auto last = extract ? stages.extract : stages.segment;
    double stage_secs = 0;
    uint64_t text_bytes = 0;
    auto time_last = [&](cairn::Document* d) {
      auto a = Clock::now();
      cairn::Status st = last(d);
      stage_secs += Seconds(Clock::now() - a);
      before_store_kb = StatusKb("VmHWM:");
      return st;
    };
    (extract ? timed.extract : timed.segment) = time_last;
    // A document processed in passages runs the stages once per passage; the
    // loader says how long the whole text is.
    timed.load = [&](const fs::path& f) {
      auto doc = stages.load(f);
      if (doc.ok()) text_bytes = doc->text.size();
      return doc;
    };
    // The peak before resolution: extraction and the store's write. After
    // the batch, resolution reloads every stored document (its own memory).
    uint64_t before_resolve_kb = 0;
    timed.resolve = [&](cairn::store::Store* s) {
      before_resolve_kb = StatusKb("VmHWM:");
      return cairn::resolve::UpdateStore(s);
    };
    auto t = Clock::now();
    auto sum = cairn::cli::RunIngest(**store, {big.string()}, timed, sink);
    double secs = Seconds(Clock::now() - t);
    uint64_t peak_kb = StatusKb("VmHWM:");
    uint64_t size = fs::file_size(big);
    double grow = static_cast<double>(peak_kb > base_kb ? peak_kb - base_kb : 0) * 1024;
    double grow_pre =
        static_cast<double>(before_store_kb > base_kb ? before_store_kb - base_kb : 0) * 1024;
    double grow_stored =
        static_cast<double>(before_resolve_kb > base_kb ? before_resolve_kb - base_kb : 0) * 1024;
    const double mb = static_cast<double>(size);
    std::printf(
        "%-10s %5.1f MB %6.2f s (%s %.2f s)  base %5.1f MB  peak +%6.1f MB = %5.2fx the file"
        " (before the store: %5.2fx, stored: +%.1f MB = %5.2fx)%s\n",
        label.c_str(), mb / (1 << 20), secs, extract ? "extract" : "segment", stage_secs,
        static_cast<double>(base_kb) / 1024, grow / (1 << 20), grow / mb, grow_pre / mb,
        grow_stored / (1 << 20), grow_stored / mb,
        sum.ok() && sum->added == 1 ? "" : "  (NOT STORED)");
    std::fflush(stdout);
    FileMemory m{sum.ok() && sum->added == 1, mb, static_cast<double>(text_bytes), grow,
                 grow_pre, grow_stored};
    if (write(fds[1], &m, sizeof m) != static_cast<ssize_t>(sizeof m)) _exit(5);
    _exit(0);
  }
  close(fds[1]);
  FileMemory m;
  if (pid < 0 || read(fds[0], &m, sizeof m) != static_cast<ssize_t>(sizeof m)) m = {};
  close(fds[0]);
  int status = 0;
  if (pid > 0) waitpid(pid, &status, 0);
  if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::printf("%-10s FAILED (child status %d)\n", label.c_str(), status);
    m.ok = false;
  }
  return m;
}

// The least-squares line growth = multiple * size + fixed over the files of
// one format: the multiple is what each byte of a document costs, the fixed
// part what any document costs (SQLite's page cache, FTS5's pending data,
// the syntax model's scratch space, ...). One size alone mixes the two.
void PrintFit(const std::string& label, const std::vector<FileMemory>& runs,
              double FileMemory::*what) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, worst = 0;
  for (const FileMemory& m : runs) {
    if (!m.ok) continue;
    n += 1;
    sx += m.size;
    sy += m.*what;
    sxx += m.size * m.size;
    sxy += m.size * m.*what;
  }
  if (n < 2 || n * sxx - sx * sx <= 0) return;
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const double fixed = (sy - slope * sx) / n;
  for (const FileMemory& m : runs)
    if (m.ok) worst = std::max(worst, std::abs(m.*what - (slope * m.size + fixed)));
  std::printf(
      "%-20s growth = %.2fx the file + %.1f MB fixed (fit over %d sizes; worst residual "
      "%.1f MB)\n",
      label.c_str(), slope, fixed / (1 << 20), static_cast<int>(n), worst / (1 << 20));
}

// A small file of the corpus's kind `ext`, copied to `to` (the warm-up file).
fs::path CopySmall(const fs::path& corpus, const std::string& ext, const fs::path& to) {
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.path().extension() == "." + ext) {
      fs::copy_file(e.path(), to, fs::copy_options::overwrite_existing);
      break;
    }
  }
  return to;
}

FileMemory MeasureBigFile(const fs::path& corpus, const fs::path& dir, const std::string& ext,
                          uint64_t bytes, bool extract) {
  fs::path work = dir / ("big_" + ext);
  fs::remove_all(work);
  fs::create_directories(work / "in");
  fs::path big = MakeBigFile(corpus, work / "in", ext, bytes);
  fs::path small = CopySmall(corpus, ext, work / ("small." + ext));
  FileMemory m = MeasureFile(work, big, small, "big " + ext, extract);
  fs::remove_all(work);
  return m;
}

// The pathological files of issue 11 (each ordinary text, each a worst case
// for some stage): 2 MB of one repeated name, a 1 MB single sentence (one
// clause repeated without a full stop), 1 MB of dates; each ingested with
// extraction in a child process, as MeasureFile reports it.
void MeasurePathological(const fs::path& corpus, const fs::path& dir, bool extract) {
  struct Case {
    const char* label;
    uint64_t bytes;
    std::vector<std::string> pieces;  // repeated in a fixed pattern until `bytes`
  };
  const std::vector<Case> cases = {
      {"name", 2u << 20, {"Kim Young-ho "}},
      {"sentence",
       1u << 20,
       {"the family of Pak Sun-hui crossed the river near Hyesan in 1998 and "}},
      {"dates",
       1u << 20,
       {"March 3, 1998", "1999", "the spring of 2001", "in 2003-2004", "last year",
        "a year later"}},
  };
  for (const Case& c : cases) {
    fs::path work = dir / (std::string("patho_") + c.label);
    fs::remove_all(work);
    fs::create_directories(work / "in");
    fs::path file = work / "in" / (std::string(c.label) + ".txt");
    {
      std::string text;
      for (size_t i = 0; text.size() < c.bytes; ++i) {
        text += c.pieces[(i * 7 + i / 3) % c.pieces.size()];
        if (c.pieces.size() > 1) text += ' ';
      }
      std::ofstream(file, std::ios::binary) << text;
    }
    fs::path small = CopySmall(corpus, "txt", work / "small.txt");
    MeasureFile(work, file, small, c.label, extract);
    fs::remove_all(work);
  }
}

int Usage() {
  std::fprintf(stderr,
               "usage: ingest_bench [--mb N] [--extract] [--no-syntax] [--dir DIR] [--keep]\n"
               "                    [--no-group-time] [--big MB[,MB...]] [--big-ext EXT]\n"
               "                    [--jobs N[,M...]] [--pathological] [--skip-batch] [--whole]\n"
               "  --no-syntax      with --extract: no tagger and parser (cairn ingest --no-syntax)\n"
               "  --jobs N,M       one batch per value with that many worker threads, each\n"
               "                   into a fresh store, and the speed-ups against the first\n"
               "  --big MB[,MB...] also ingest one MB-sized file of each format (text,\n"
               "                   Markdown, HTML: the corpus's files glued together), each\n"
               "                   in a child process, and report its peak memory over the\n"
               "                   process's size just before; with several sizes, the line\n"
               "                   through them: a multiple of the file plus a fixed part\n"
               "  --big-ext EXT    only that format for --big (txt, md or html)\n"
               "  --whole          --big, --pathological: analyse a large document whole, not\n"
               "                   in passages (as before extract::RunInPassages)\n"
               "  --skip-batch     no batch over the corpus (only --big, --pathological)\n"
               "  --pathological   also ingest the pathological files (2 MB of one repeated\n"
               "                   name, a 1 MB single sentence, 1 MB of dates) the same way\n"
               "  --no-group-time  commit groups by size only, not every second (for callgrind,\n"
               "                   whose slowdown would otherwise make every group tiny)\n");
  return 2;
}

// One batch over `corpus` into a fresh store at `db` with `jobs` worker
// threads; prints its figures and returns the loop's and the whole batch's
// MB/s (0 on failure). Stage times are summed over the threads.
struct RunFigures {
  double loop_mbps = 0;   // files in / time until the last file was stored
  double total_mbps = 0;  // files in / the whole batch, resolution included
  size_t failed = 0;
  bool ok = false;
};

RunFigures RunOnce(const fs::path& corpus, const fs::path& db, bool extract, bool group_docs,
                   unsigned jobs, bool syntax) {
  RunFigures fig;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
  auto store = cairn::store::Store::Open(db.string());
  if (!store.ok()) {
    std::fprintf(stderr, "ingest_bench: %s\n", store.status().ToString().c_str());
    return fig;
  }
  cairn::cli::IngestOptions options;
  options.run_extraction = extract;
  options.syntax = syntax;
  cairn::cli::Stages stages = cairn::cli::DefaultStages(options);
  if (extract && !stages.extract) {
    std::fprintf(stderr, "ingest_bench: this build has no extract stage\n");
    return fig;
  }

  // The real batch (cli::RunIngest, as `cairn ingest` runs it: group
  // commits, resolution after the loop) with each stage timed. With one job
  // the store's share is the rest: probe, put, FTS5, commits.
  std::atomic<int64_t> t_load{0}, t_segment{0}, t_syntax{0}, t_extract{0};
  std::atomic<int64_t> cpu_workers{0};  // thread CPU time of load, segment, extract
  std::atomic<uint64_t> text_bytes{0}, sentences{0};
  auto ns = [](Clock::duration d) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(d).count();
  };
  cairn::cli::Stages timed = stages;
  timed.load = [&](const fs::path& f) {
    auto a = Clock::now();
    int64_t c = ThreadCpuNs();
    auto doc = stages.load(f);
    cpu_workers += ThreadCpuNs() - c;
    t_load += ns(Clock::now() - a);
    if (doc.ok()) text_bytes += doc->text.size();
    return doc;
  };
  timed.segment = [&](cairn::Document* d) {
    auto a = Clock::now();
    int64_t c = ThreadCpuNs();
    cairn::Status st = stages.segment(d);
    cpu_workers += ThreadCpuNs() - c;
    t_segment += ns(Clock::now() - a);
    sentences += d->sentences.size();
    return st;
  };
  if (stages.syntax) {
    timed.syntax = [&](cairn::Document* d) {
      auto a = Clock::now();
      int64_t c = ThreadCpuNs();
      cairn::Status st = stages.syntax(d);
      cpu_workers += ThreadCpuNs() - c;
      t_syntax += ns(Clock::now() - a);
      return st;
    };
  }
  if (extract) {
    timed.extract = [&](cairn::Document* d) {
      auto a = Clock::now();
      int64_t c = ThreadCpuNs();
      cairn::Status st = stages.extract(d);
      cpu_workers += ThreadCpuNs() - c;
      t_extract += ns(Clock::now() - a);
      return st;
    };
  }
  TimingSink sink;
  auto t0 = Clock::now();
  double cpu0 = CpuSeconds();
  cairn::cli::RunOptions run;
  run.jobs = jobs;
  if (group_docs) run.group_time = std::chrono::hours(1);  // groups by size only
  auto sum = cairn::cli::RunIngest(**store, {corpus.string()}, timed, sink, run);
  if (!sum.ok()) {
    std::fprintf(stderr, "ingest_bench: %s\n", sum.status().ToString().c_str());
    return fig;
  }
  fig.ok = true;
  fig.failed = sum->failed;
  double total = Seconds(Clock::now() - t0);
  double cpu = CpuSeconds() - cpu0;
  double in_mb = static_cast<double>(sum->bytes) / (1 << 20);
  auto secs = [](const std::atomic<int64_t>& v) { return static_cast<double>(v.load()) / 1e9; };
  double after = Seconds(sink.finished - sink.last_file);
  double loop = total - after;
  std::printf("--jobs %u\n", jobs);
  std::printf("files      %zu (%zu failed), %.1f MB in, %.1f MB text, %llu sentences\n", sum->files,
              sum->failed, in_mb, static_cast<double>(text_bytes.load()) / (1 << 20),
              static_cast<unsigned long long>(sentences.load()));
  std::printf("load       %7.2f s%s\n", secs(t_load), jobs > 1 ? "  (summed over threads)" : "");
  std::printf("segment    %7.2f s\n", secs(t_segment));
  if (stages.syntax)
    std::printf("syntax     %7.2f s  (tagger and parser, trigger sentences)\n", secs(t_syntax));
  if (extract) std::printf("extract    %7.2f s\n", secs(t_extract));
  if (jobs == 1)
    std::printf("store+fts  %7.2f s  (probe, put, FTS5, group commits)\n",
                loop - secs(t_load) - secs(t_segment) - secs(t_syntax) - secs(t_extract));
  std::printf("loop       %7.2f s  =>  %.2f MB/s (every file read, processed and stored)\n", loop,
              loop > 0 ? in_mb / loop : 0);
  std::printf("last commit + resolve %5.2f s\n", after);
  std::printf("total      %7.2f s  =>  %.2f MB/s with %u job%s\n", total,
              total > 0 ? in_mb / total : 0, jobs, jobs == 1 ? "" : "s");
  // On a shared machine wall-clock speed-ups depend on the load; CPU time
  // over wall time says how many cores the batch actually had.
  std::printf("cpu        %7.2f s  (%.2f cores busy on average)\n", cpu,
              total > 0 ? cpu / total : 0);
  // What idle cores would give: the parallel stages' CPU time spreads over
  // the workers; the rest (the writer: probe, put, FTS5, commits; and
  // resolution) is one thread's. A bound, not a measurement.
  double par = static_cast<double>(cpu_workers.load()) / 1e9;
  double loop_cpu = sink.last_file_cpu - cpu0;
  double writer = std::max(0.0, loop_cpu - par), resolution = cpu - loop_cpu;
  double best_loop = std::max(writer, loop_cpu / 2);
  double best_total = best_loop + resolution;
  std::printf("cpu split  %7.2f s parallel stages, %.2f s writer, %.2f s last commit + resolution\n",
              par, writer, resolution);
  std::printf("2 idle cores at best: loop %.2f s (%.2fx), total %.2f s (%.2fx)\n", best_loop,
              best_loop > 0 ? loop_cpu / best_loop : 0, best_total,
              best_total > 0 ? cpu / best_total : 0);
  std::printf("peak RSS   %.1f MB (this process so far)\n",
              static_cast<double>(PeakRssKb()) / 1024);
  std::error_code ec;
  std::printf("store size %.1f MB\n\n", static_cast<double>(fs::file_size(db, ec)) / (1 << 20));
  fig.loop_mbps = loop > 0 ? in_mb / loop : 0;
  fig.total_mbps = total > 0 ? in_mb / total : 0;
  return fig;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t mb = 50;
  bool extract = false, keep = false, group_docs = false, syntax = true, pathological = false;
  std::vector<uint64_t> big_mbs;  // --big 2,8,30
  std::string big_ext;  // empty: every format
  std::string dir_arg;
  std::vector<unsigned> jobs_list = {1};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mb" && i + 1 < argc) {
      mb = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--extract") {
      extract = true;
    } else if (a == "--no-syntax") {
      syntax = false;
      g_syntax = false;
    } else if (a == "--no-group-time") {
      group_docs = true;
    } else if (a == "--big" && i + 1 < argc) {
      std::string list = argv[++i];
      for (size_t p = 0; p <= list.size();) {
        size_t comma = list.find(',', p);
        if (comma == std::string::npos) comma = list.size();
        uint64_t v = std::strtoull(list.substr(p, comma - p).c_str(), nullptr, 10);
        if (v < 1 || v > 1024) return Usage();
        big_mbs.push_back(v);
        p = comma + 1;
      }
    } else if (a == "--whole") {
      g_whole = true;
    } else if (a == "--pathological") {
      pathological = true;
    } else if (a == "--big-ext" && i + 1 < argc) {
      big_ext = argv[++i];
    } else if (a == "--skip-batch") {
      jobs_list.clear();
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "--dir" && i + 1 < argc) {
      dir_arg = argv[++i];
    } else if (a == "--jobs" && i + 1 < argc) {
      jobs_list.clear();
      std::string list = argv[++i];
      for (size_t p = 0; p <= list.size();) {
        size_t comma = list.find(',', p);
        if (comma == std::string::npos) comma = list.size();
        unsigned long j = std::strtoul(list.substr(p, comma - p).c_str(), nullptr, 10);
        if (j < 1 || j > 256) return Usage();
        jobs_list.push_back(static_cast<unsigned>(j));
        p = comma + 1;
      }
    } else {
      return Usage();
    }
  }
  fs::path dir = dir_arg.empty()
                     ? fs::temp_directory_path() / ("cairn_ingest_bench_" + std::to_string(getpid()))
                     : fs::path(dir_arg);
  fs::path corpus = dir / "corpus";
  fs::path db = dir / "bench.db";
  fs::create_directories(dir);

  if (!fs::exists(corpus)) {
    auto t = Clock::now();
    auto stats = cairn::bench::WriteCorpus(corpus, mb << 20);
    std::printf("generated %zu files, %.1f MB in %.1f s\n", stats.files,
                static_cast<double>(stats.bytes) / (1 << 20), Seconds(Clock::now() - t));
  }

  std::vector<RunFigures> figs;
  for (unsigned jobs : jobs_list) {
    figs.push_back(RunOnce(corpus, db, extract, group_docs, jobs, syntax));
    if (!figs.back().ok) return 3;
  }
  if (figs.size() > 1) {
    for (size_t k = 1; k < figs.size(); ++k)
      std::printf("--jobs %u vs %u: loop %.2fx, total %.2fx\n", jobs_list[k], jobs_list[0],
                  figs[k].loop_mbps / figs[0].loop_mbps, figs[k].total_mbps / figs[0].total_mbps);
  }

  std::error_code ec;
  for (const char* ext : {"txt", "md", "html"}) {
    if (big_mbs.empty() || (!big_ext.empty() && big_ext != ext)) continue;
    std::vector<FileMemory> runs;
    for (uint64_t big_mb : big_mbs)
      runs.push_back(MeasureBigFile(corpus, dir, ext, big_mb << 20, extract));
    PrintFit(std::string("big ") + ext + " peak", runs, &FileMemory::growth);
    PrintFit(std::string("big ") + ext + " extracted", runs, &FileMemory::before_store);
    PrintFit(std::string("big ") + ext + " stored", runs, &FileMemory::stored);
  }
  if (pathological) MeasurePathological(corpus, dir, extract);
  if (dir_arg.empty() && !keep) fs::remove_all(dir, ec);
  size_t failed = 0;
  for (const RunFigures& f : figs) failed += f.failed;
  return failed == 0 ? 0 : 1;
}
