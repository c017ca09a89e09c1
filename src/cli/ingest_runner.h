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
//
// With RunOptions::jobs > 1, load, segment, syntax and extract run on that
// many worker threads while the calling thread is the one writer: it alone
// touches the Store and the ProgressSink, and it stores results in input
// order, so the same files give the same store whatever the number of jobs.
// Workers run at most a few files ahead of the writer (a bounded window), so
// memory holds a few documents, never the corpus. Unchanged files are
// recognized before the heavy work from a snapshot of the stored names and
// digests taken at the start (a read-only lookup the workers share); the
// writer confirms each such skip with Store::Probe, and a file the batch
// itself changed meanwhile (two files of one name) is processed on the writer.
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
#include "extract/extract.h"
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
  // OCR of the current file: `done` of `total` pages. Called while a file
  // loads (from OCR threads, one call at a time).
  virtual void OcrPages(int done, int total) {
    (void)done;
    (void)total;
  }
};

// The pipeline's stages. `syntax` and `extract` may be empty (documents are
// then stored without them). With RunOptions::jobs > 1, load, segment, syntax
// and extract are called from several threads at once and must allow it
// (DefaultStages' do: one Segmenter per thread, immutable extraction data).
struct Stages {
  std::function<std::vector<std::filesystem::path>(const std::vector<std::string>&,
                                                   std::vector<Status>*)>
      collect;
  std::function<Result<Document>(const std::filesystem::path&)> load;
  std::function<Status(Document*)> segment;
  std::function<Status(Document*)> syntax;  // empty: not run
  std::function<Status(Document*)> extract;
  // Cross-document resolution after the loop (resolve::UpdateStore); empty
  // for the default. Tests inject failures here.
  std::function<Status(store::Store*)> resolve;
  // With extraction, documents of at least passages.min_document_bytes of
  // text go through segment, syntax and extract passage by passage.
  extract::PassageOptions passages;
};

struct IngestOptions {
  uint64_t max_file_bytes = 32ull << 20;
  bool run_extraction = true;
  // Tag and parse the sentences that can hold an event (their words include
  // a trigger's first word) before extraction, which reads the parse where
  // its surface rules find no subject, date or place. Off: `--no-syntax`.
  bool syntax = true;
  std::string pdf_password;        // for encrypted PDFs
  std::string ocr_lang = "eng+kor";  // Tesseract languages
  bool ocr = true;
  int jobs = 1;                    // OCR threads
  // OCR progress of the file being loaded (ingest::Options::ocr_progress).
  std::function<void(int done, int total)> ocr_progress;
};

// The real stages: ingest::CollectFiles/LoadFile, text::Segmenter and
// extract::Extract (left empty when options.run_extraction is false). With
// options.syntax the extract stage is ThreadParsingExtractStage, which parses
// on demand; the syntax stage stays empty.
Stages DefaultStages(const IngestOptions& options);

// Extraction with the syntax stage run on demand: extract::Extract asks for
// the parse of a sentence only where a parse rule reads it, and only those
// sentences (if they hold a trigger word, as for ThreadSyntaxStage) are
// tagged and parsed (syntax::OnDemand), with the shipped model and one
// Analyzer per calling thread. The facts are the same as with
// ThreadSyntaxStage before extract::Extract, at a fraction of the cost.
// Callable from several threads at once. In a binary built without a model
// it is extract::Extract alone.
std::function<Status(Document*)> ThreadParsingExtractStage();

// The syntax stage of ingest: the shipped model (syntax::Model::Shipped,
// loaded once, on the first document) on the sentences holding a trigger
// word (extract::SyntaxCueWords), one Analyzer per calling thread. Callable
// from several threads at once. In a binary built without a model it leaves
// Document::syntax empty. (Ingest parses on demand instead:
// ThreadParsingExtractStage.)
std::function<Status(Document*)> ThreadSyntaxStage();

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
  // Worker threads for load, segment, syntax and extract. 1 runs everything
  // on the calling thread; `cairn ingest --jobs` defaults to every core.
  unsigned jobs = 1;
};

Result<IngestSummary> RunIngest(store::Store& store, const std::vector<std::string>& paths,
                                const Stages& stages, ProgressSink& progress,
                                const RunOptions& run = {});

// The files that belong to the store at `db`: the database, its WAL, shared
// memory and rollback journal.
std::vector<std::filesystem::path> StoreFiles(const std::string& db);

}  // namespace cairn::cli
