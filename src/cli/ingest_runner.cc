#include "cli/ingest_runner.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <system_error>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "resolve/resolve.h"
#include "text/segment.h"

namespace cairn::cli {
namespace fs = std::filesystem;

namespace {

bool StartsWithLabel(const std::string& msg, const std::string& label) {
  return !label.empty() && msg.size() > label.size() + 1 &&
         msg.compare(0, label.size(), label) == 0 && msg[label.size()] == ':';
}

// The name a document is shown under: its path relative to the folder given
// that holds it, else its file name.
std::string ShownName(const fs::path& file, const std::vector<std::string>& roots) {
  for (const std::string& r : roots) {
    fs::path root(r);
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    fs::path rel = file.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != ".." && rel != ".") return rel.generic_string();
  }
  return file.filename().string();
}

}  // namespace

std::string FailureLine(const std::string& path, const Status& problem) {
  const std::string& msg = problem.message();
  std::string name = fs::path(path).filename().string();
  if (StartsWithLabel(msg, path) || StartsWithLabel(msg, name)) return "cairn: " + msg;
  return "cairn: " + path + ": " + (msg.empty() ? problem.ToString() : msg);
}

Stages DefaultStages(const IngestOptions& options) {
  Stages s;
  ingest::Options io;
  io.max_file_bytes = options.max_file_bytes;
  s.collect = [](const std::vector<std::string>& paths, std::vector<Status>* errors) {
    return ingest::CollectFiles(paths, errors);
  };
  s.load = [io](const fs::path& p) { return ingest::LoadFile(p, io); };
  auto segmenter = std::make_shared<text::Segmenter>();
  // Without extraction nothing reads the tokens: they are counted (the
  // stored sentences give their token ranges) but not kept.
  text::SegmentOptions seg;
  seg.keep_tokens = options.run_extraction;
  s.segment = [segmenter, seg](Document* d) { return segmenter->Run(d, seg); };
  if (options.run_extraction) s.extract = [](Document* d) { return extract::Extract(d); };
  return s;
}

std::vector<fs::path> StoreFiles(const std::string& db) {
  std::vector<fs::path> out;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) out.emplace_back(db + suffix);
  return out;
}

Result<IngestSummary> RunIngest(store::Store& store, const std::vector<std::string>& paths,
                                const Stages& stages, ProgressSink& progress,
                                const RunOptions& run) {
  const std::vector<fs::path>& skip = run.skip;
  auto t0 = std::chrono::steady_clock::now();
  IngestSummary sum;
  std::vector<Status> walk_errors;
  std::vector<fs::path> files = stages.collect(paths, &walk_errors);
  if (!skip.empty()) {
    std::vector<fs::path> skip_abs;
    std::error_code ec;
    for (const fs::path& p : skip) skip_abs.push_back(fs::weakly_canonical(p, ec));
    std::erase_if(files, [&](const fs::path& f) {
      fs::path abs = fs::weakly_canonical(f, ec);
      return std::find(skip_abs.begin(), skip_abs.end(), abs) != skip_abs.end();
    });
  }
  for (const Status& e : walk_errors) {
    progress.Error("cairn: " + e.message());
    ++sum.bad_paths;
  }
  std::vector<uint64_t> sizes;
  sizes.reserve(files.size());
  for (const fs::path& f : files) {
    std::error_code ec;
    uint64_t n = fs::file_size(f, ec);
    sizes.push_back(ec ? 0 : n);
    sum.bytes += ec ? 0 : n;
  }
  sum.files = files.size();
  progress.Start(files.size(), sum.bytes);

  // Documents are committed in groups (Store::BeginBatch): each one is all
  // or nothing on its own, and a crash loses at most the last group, which
  // the next ingest of the same files stores again.
  auto finish = [&](Status st) -> Result<IngestSummary> {
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    progress.Finish(sum);
    if (!st.ok()) return st;
    return sum;
  };
  if (Status st = store.BeginBatch(); !st.ok()) return finish(st);
  auto batch_start = std::chrono::steady_clock::now();
  uint64_t batch_bytes = 0;
  size_t batch_added = 0, batch_updated = 0;
  // Commits the open group; on failure its documents are counted as failed
  // and one line says so.
  auto commit = [&]() -> Status {
    Status st = store.CommitBatch();
    if (!st.ok()) {
      size_t lost = batch_added + batch_updated;
      sum.added -= batch_added;
      sum.updated -= batch_updated;
      sum.failed += lost;
      progress.Error("cairn: " + std::to_string(lost) +
                     " document(s) of the last group were not stored: " + st.message());
    }
    batch_bytes = 0;
    batch_added = batch_updated = 0;
    batch_start = std::chrono::steady_clock::now();
    return st;
  };

  for (size_t i = 0; i < files.size(); ++i) {
    if (run.stop != nullptr && run.stop->load()) {
      sum.interrupted = true;
      break;
    }
    // A large file starts a group of its own: the documents before it are
    // committed before its long extraction, so a stop inside it (or a
    // crash) loses none of them.
    if (sizes[i] >= run.group_bytes / 8 && batch_added + batch_updated > 0) {
      if (Status st = commit(); !st.ok()) return finish(st);
      if (Status st = store.BeginBatch(); !st.ok()) return finish(st);
    }
    const std::string path = files[i].string();
    auto fail = [&](const Status& st) {
      progress.Error(FailureLine(path, st));
      ++sum.failed;
      progress.FileDone(path, sizes[i], FileOutcome::kFailed);
    };
    uint64_t stored_text = 0;
    {  // the document lives in this block only: it is freed before a group
       // commit reads the group's text back to index it
      Result<Document> loaded = stages.load(files[i]);
      if (!loaded.ok()) {
        fail(loaded.status());
        continue;
      }
      Document& doc = *loaded;
      {
        std::error_code ec;
        fs::path canon = fs::canonical(files[i], ec);
        doc.path = ec ? fs::absolute(files[i], ec).lexically_normal().string() : canon.string();
        doc.name = ShownName(files[i], paths);
      }
      std::string id;
      auto probe = store.Probe(doc.path, doc.sha256, &id);
      if (!probe.ok()) {
        fail(probe.status());
        continue;
      }
      if (*probe == store::PutOutcome::kUnchanged) {
        ++sum.unchanged;
        progress.FileDone(path, sizes[i], FileOutcome::kUnchanged);
        continue;
      }
      if (Status st = stages.segment(&doc); !st.ok()) {
        fail(st);
        continue;
      }
      if (stages.extract) {
        if (Status st = stages.extract(&doc); !st.ok()) {
          fail(st);
          continue;
        }
      }
      auto put = store.Put(&doc);
      if (!put.ok()) {
        fail(put.status());
        // A document the store rejects is that file's problem; a store that
        // cannot write (disk full, I/O error, corruption) ends the batch,
        // keeping what the open group still holds.
        Status::Code code = put.status().code();
        if (code == Status::Code::kIOError || code == Status::Code::kCorruption) {
          commit();
          return finish(put.status());
        }
        continue;
      }
      FileOutcome outcome = FileOutcome::kUnchanged;
      switch (*put) {
        case store::PutOutcome::kNew:
          ++sum.added;
          ++batch_added;
          outcome = FileOutcome::kNew;
          break;
        case store::PutOutcome::kNewVersion:
          ++sum.updated;
          ++batch_updated;
          outcome = FileOutcome::kNewVersion;
          break;
        case store::PutOutcome::kUnchanged:
          ++sum.unchanged;
          break;
      }
      progress.FileDone(path, sizes[i], outcome);
      stored_text = doc.text.size();
    }
    batch_bytes += stored_text;
    if (batch_bytes >= run.group_bytes ||
        std::chrono::steady_clock::now() - batch_start >= run.group_time) {
      if (Status st = commit(); !st.ok()) return finish(st);
      if (Status st = store.BeginBatch(); !st.ok()) return finish(st);
    }
  }
  if (Status st = commit(); !st.ok()) return finish(st);

  // Cross-document resolution runs once per batch, and only when a document
  // was added or changed: it rebuilds the entities, fused events and
  // conflicts from every document's stored extraction results, keeping entity
  // ids stable and honouring analysts' merge/split corrections.
  // A resolution an earlier ingest did not finish is completed here too.
  Status after = Status::OK();
  bool resolve = sum.added + sum.updated > 0;
  if (!resolve) {
    auto stale = store.FactsStale();
    if (!stale.ok()) return finish(stale.status());
    resolve = *stale;
  }
  if (resolve) {
    after = stages.resolve ? stages.resolve(&store) : resolve::UpdateStore(&store);
  }
  return finish(after);
}

}  // namespace cairn::cli
