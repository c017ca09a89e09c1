// The ingest batch behind `cairn ingest`, as a library function.
//
//   collect files -> for each: load (read, decode, convert) -> probe the
//   store (unchanged bytes are skipped before any further work) -> segment
//   -> extract -> store -> after the loop: resolve::UpdateStore (resolve.h)
//
// One file's failure never stops the batch: it becomes one line
// "cairn: <file>: <problem>" sent to the ProgressSink, and the summary counts
// it. The stages are swappable (Stages) so tests can inject failures.
// RunIngest is used from one thread at a time (the Store is single-threaded).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "store/store.h"

namespace cairn::cli {

enum class FileOutcome { kNew, kNewVersion, kUnchanged, kFailed };

struct IngestSummary {
  size_t files = 0;      // files found
  size_t added = 0;      // stored for the first time
  size_t updated = 0;    // stored as a new version
  size_t unchanged = 0;  // same bytes already stored: skipped
  size_t failed = 0;     // files that could not be ingested
  size_t bad_paths = 0;  // paths that could not be walked (missing, link loops)
  uint64_t bytes = 0;    // bytes of the files found
  double seconds = 0;
  bool interrupted = false;  // stopped early on request (`stop`); the rest not reached
  bool ok() const { return failed == 0 && bad_paths == 0; }
};

// Receives progress and failures. Implementations decide how to show them
// (progress.h has a terminal bar, plain lines, and silence).
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void Start(size_t total_files, uint64_t total_bytes) = 0;
  virtual void FileDone(const std::string& path, uint64_t bytes, FileOutcome outcome) = 0;
  // One failure, already formatted as "cairn: <file>: <problem>".
  virtual void Error(const std::string& line) = 0;
  virtual void Finish(const IngestSummary& summary) = 0;
};

// The pipeline's stages. `extract` may be empty (documents are then stored
// without extraction results).
struct Stages {
  std::function<std::vector<std::filesystem::path>(const std::vector<std::string>&,
                                                   std::vector<Status>*)>
      collect;
  std::function<Result<Document>(const std::filesystem::path&)> load;
  std::function<Status(Document*)> segment;
  std::function<Status(Document*)> extract;
  // Cross-document resolution after the loop (resolve::UpdateStore); empty
  // for the default. Tests inject failures here.
  std::function<Status(store::Store*)> resolve;
};

struct IngestOptions {
  uint64_t max_file_bytes = 32ull << 20;
  bool run_extraction = true;
};

// The real stages: ingest::CollectFiles/LoadFile, text::Segmenter,
// extract::Extract (left empty when options.run_extraction is false).
Stages DefaultStages(const IngestOptions& options);

// The formatted failure line for `path` and `problem`: messages that already
// start with the path are not prefixed twice.
std::string FailureLine(const std::string& path, const Status& problem);

// Each document's path (its identity in the store) is the canonical path of
// its file; its name, as shown, is the path relative to the folder given
// (the file name for a file given by itself).
//
// Resolution runs when a document was added or changed, and also when the
// store says an earlier resolution did not finish (Store::FactsStale), so an
// ingest of unchanged files completes it.
//
// Runs the batch. The returned Status is not OK only when the store itself
// fails (a write fails with an I/O error or corruption, which ends the batch,
// or resolution after the loop fails); per-file failures are in the summary.
// How a batch runs, beyond its stages.
struct RunOptions {
  // Files passed over silently (e.g. the store's own database, WAL and
  // journal files, when they lie inside an ingested folder).
  std::vector<std::filesystem::path> skip;
  // When it becomes true (a signal handler may set it), the batch ends
  // after the current file: what was stored is committed and resolved, and
  // the summary says `interrupted`.
  const std::atomic<bool>* stop = nullptr;
  // Documents are committed in groups (Store::BeginBatch) of at most this
  // much time or text, whichever comes first: each document is all or
  // nothing, and a crash loses at most the last group, which ingesting the
  // same files again restores. 8 MB keeps a group's text in SQLite's 32 MB
  // page cache until its commit indexes it (64 MB groups read it back from
  // the WAL: median 21 vs 24 MB/s on the 50 MB bench).
  std::chrono::milliseconds group_time{1000};
  uint64_t group_bytes = 8ull << 20;
};

Result<IngestSummary> RunIngest(store::Store& store, const std::vector<std::string>& paths,
                                const Stages& stages, ProgressSink& progress,
                                const RunOptions& run = {});

// The files that belong to the store at `db`: the database, its WAL, shared
// memory and rollback journal.
std::vector<std::filesystem::path> StoreFiles(const std::string& db);

}  // namespace cairn::cli
