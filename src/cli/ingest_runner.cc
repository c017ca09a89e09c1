#include "cli/ingest_runner.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "resolve/resolve.h"
#include "syntax/syntax.h"
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
  io.pdf_password = options.pdf_password;
  io.ocr_lang = options.ocr_lang;
  io.ocr = options.ocr;
  io.jobs = options.jobs;
  io.ocr_progress = options.ocr_progress;
  s.collect = [](const std::vector<std::string>& paths, std::vector<Status>* errors) {
    return ingest::CollectFiles(paths, errors);
  };
  s.load = [io](const fs::path& p) { return ingest::LoadFile(p, io); };
  // Without extraction nothing reads the tokens: they are counted (the
  // stored sentences give their token ranges) but not kept.
  text::SegmentOptions seg;
  seg.keep_tokens = options.run_extraction;
  // A Segmenter holds ICU break iterators and is not shareable: one per
  // thread, made on the thread's first document. One made here first runs
  // ICU's one-time initialization (rule data, caches) before any worker
  // thread exists.
  { text::Segmenter warm_up; }
  s.segment = [seg](Document* d) {
    thread_local text::Segmenter segmenter;
    return segmenter.Run(d, seg);
  };
  if (options.run_extraction && options.syntax)
    s.extract = ThreadParsingExtractStage();
  else if (options.run_extraction)
    s.extract = [](Document* d) { return extract::Extract(d); };
  return s;
}

namespace {

// The calling thread's Analyzer of the shipped model, made on its first use;
// null in a binary built without a model.
syntax::Analyzer* ThreadAnalyzer() {
  thread_local std::unique_ptr<syntax::Analyzer> analyzer;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    auto model = syntax::Model::Shipped();
    if (model.ok()) analyzer = std::make_unique<syntax::Analyzer>(*model);
  }
  return analyzer.get();
}

}  // namespace

std::function<Status(Document*)> ThreadParsingExtractStage() {
  // The analysis of a sentence depends on nothing but the sentence, so
  // parsing on demand gives what the eager stage gives, and the store is the
  // same whatever the number of threads. The model is loaded on the first
  // sentence a parse rule reads.
  syntax::RunOptions run;
  run.cue_words = extract::SyntaxCueWords();
  return [run](Document* d) {
    syntax::Analyzer* analyzer = ThreadAnalyzer();
    if (analyzer == nullptr) return extract::Extract(d);  // no model: no parse is read
    // Made before Extract, which may cut overlong sentences: the parse is of
    // the sentences as segmented, as the eager stage's is.
    syntax::OnDemand lazy(analyzer, d, run);
    extract::Options options;
    options.parse = [&lazy](uint32_t token) { return lazy.Ensure(token); };
    options.verbs = [&lazy](uint32_t token, std::vector<uint32_t>* verbs) {
      return lazy.Verbs(token, verbs);
    };
    // The name finder's proper-noun runs: the tagger alone, on the few
    // sentences it asks for.
    options.tag = [analyzer](const std::vector<std::string_view>& words,
                             std::vector<uint8_t>* upos) {
      const std::vector<TokenSyntax> tags = analyzer->Tag(words);
      upos->clear();
      for (const TokenSyntax& t : tags) upos->push_back(t.upos);
    };
    return extract::Extract(d, options);
  };
}

std::function<Status(Document*)> ThreadSyntaxStage() {
  // The model is loaded on the first document that reaches the stage (an
  // ingest of unchanged files never loads it) and shared; each thread gets
  // its own Analyzer (an Analyzer is one thread's scratch space). The
  // analysis of a sentence depends on nothing but the sentence, so the store
  // is the same whatever the number of threads.
  syntax::RunOptions run;
  run.cue_words = extract::SyntaxCueWords();
  return [run](Document* d) {
    syntax::Analyzer* analyzer = ThreadAnalyzer();
    // A binary built without a model: extraction reads no parse.
    if (analyzer == nullptr) return Status::OK();
    return analyzer->Run(d, run);
  };
}

std::vector<fs::path> StoreFiles(const std::string& db) {
  std::vector<fs::path> out;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) out.emplace_back(db + suffix);
  return out;
}

namespace {

// One file's work before the store: load, then, unless the bytes are stored
// already, segment, syntax and extract.
struct Processed {
  enum class Kind { kFailed, kUnchanged, kReady };
  Kind kind = Kind::kFailed;
  Status status;               // kFailed
  Document doc;                // kReady; kUnchanged keeps name and sha256
  bool from_snapshot = false;  // kUnchanged decided by the snapshot: the writer confirms
  // kReady: `doc` (not its attachments) is a large document whose stages
  // run while the store writes it, passage by passage (Store::PutStreaming),
  // so its annotations are never all held; it holds its text only.
  bool streamed = false;
};

// Whether `doc`'s bytes are stored under its name already.
using UnchangedFn = std::function<Result<bool>(const Document&)>;

// Segment, syntax and extract, each when present, in order.
Status RunEach(const Stages& stages, Document* d) {
  for (const auto* stage : {&stages.segment, &stages.syntax, &stages.extract}) {
    if (!*stage) continue;
    if (Status st = (*stage)(d); !st.ok()) return st;
  }
  return Status::OK();
}

// Whether `doc` is extracted passage by passage (extract::RunInPassages),
// so the stages' per-word records never grow with the document.
bool InPassages(const Stages& stages, const Document& doc) {
  return stages.extract && doc.text.size() >= stages.passages.min_document_bytes;
}

// The stages on `doc`, a large document passage by passage.
Status RunStages(const Stages& stages, Document* doc) {
  if (InPassages(stages, *doc)) {
    return extract::RunInPassages(
        doc, [&stages](Document* d) { return RunEach(stages, d); }, stages.passages);
  }
  return RunEach(stages, doc);
}

// Stores `doc`, a large document, while its stages run passage by passage:
// each passage's mentions, timexes and events are written as soon as it is
// read and then freed, all in the document's one write (Store::PutStreaming).
// A failure of the stages (not of the store) is put in *stage_failure.
Result<store::PutOutcome> PutStreamed(store::Store& store, const Stages& stages, Document* doc,
                                      Status* stage_failure) {
  return store.PutStreaming(doc, [&](store::AnnotationWriter& writer) {
    extract::PassageOptions options = stages.passages;
    Status write_failure;
    options.on_output = [&](const Document& output) {
      write_failure = writer.Append(output);
      return write_failure;
    };
    Status st = extract::RunInPassages(
        doc, [&stages](Document* d) { return RunEach(stages, d); }, options);
    if (!st.ok() && write_failure.ok()) *stage_failure = st;
    return st;
  });
}

// Names a document's attachments (recursively) after their parent's name
// and path: "<parent name>/<file name>".
void Rename(Document* doc) {
  for (Document& a : doc->attachments) {
    std::string_view base = a.name;
    if (size_t slash = base.rfind('/'); slash != std::string_view::npos) base.remove_prefix(slash + 1);
    std::string file(base);
    a.name = doc->name + "/" + file;
    a.path = doc->path + "/" + file;
    a.parent = doc->name;
    Rename(&a);
  }
}

Processed Process(const fs::path& file, const Stages& stages, const UnchangedFn& unchanged) {
  Processed p;
  Result<Document> loaded = stages.load(file);
  if (!loaded.ok()) {
    p.status = loaded.status();
    return p;
  }
  p.doc = std::move(*loaded);
  if (unchanged) {
    Result<bool> same = unchanged(p.doc);
    if (!same.ok()) {
      p.status = same.status();
      return p;
    }
    if (*same) {
      p.kind = Processed::Kind::kUnchanged;
      p.doc.text.clear();
      p.doc.text.shrink_to_fit();
      return p;
    }
  }
  // A large document's own stages wait for the store (PutStreamed).
  p.streamed = InPassages(stages, p.doc);
  if (Status st = p.streamed ? Status::OK() : RunStages(stages, &p.doc); !st.ok()) {
    p.status = st;
    p.doc = Document();
    return p;
  }
  // The documents read from inside the file (an e-mail's attachments) go
  // through the same stages; one that fails is one problem line, and the
  // rest of the file is still stored.
  std::vector<Document*> parents{&p.doc};
  for (size_t k = 0; k < parents.size(); ++k) {
    std::vector<Document>& inner = parents[k]->attachments;
    for (size_t a = 0; a < inner.size();) {
      if (Status st = RunStages(stages, &inner[a]); !st.ok()) {
        p.doc.problems.push_back(FailureLine(inner[a].name, st).substr(7));  // without "cairn: "
        inner.erase(inner.begin() + static_cast<std::ptrdiff_t>(a));
        continue;
      }
      ++a;
    }
    for (Document& d : inner) parents.push_back(&d);
  }
  p.kind = Processed::Kind::kReady;
  return p;
}

// Worker threads that process files ahead of the one writer, at most
// `window` files ahead of it, each result handed over in input order.
class Workers {
 public:
  Workers(const std::vector<fs::path>& files, const Stages& stages, UnchangedFn unchanged,
          unsigned jobs, const std::atomic<bool>* stop)
      : files_(files),
        stages_(stages),
        unchanged_(std::move(unchanged)),
        stop_(stop),
        slots_(std::max<size_t>(2 * jobs, 2)) {
    for (unsigned j = 0; j < jobs; ++j) threads_.emplace_back([this] { Loop(); });
  }
  ~Workers() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      halt_ = true;
    }
    claim_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  // The result for file `i`, waiting for it; nullopt when no worker will
  // process it (a stop request came first). REQUIRES: called for 0, 1, 2, ...
  std::optional<Processed> Take(size_t i) {
    std::unique_lock<std::mutex> lock(mu_);
    std::optional<Processed>& slot = slots_[i % slots_.size()];
    done_cv_.wait(lock, [&] { return slot.has_value() || (closed_ && i >= next_); });
    if (!slot.has_value()) return std::nullopt;
    std::optional<Processed> out = std::move(slot);
    slot.reset();
    taken_ = i + 1;
    lock.unlock();
    claim_cv_.notify_all();
    return out;
  }

 private:
  void Loop() {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu_);
        claim_cv_.wait(lock, [&] {
          return halt_ || closed_ || next_ >= files_.size() || next_ < taken_ + slots_.size();
        });
        if (!closed_ && (next_ >= files_.size() || (stop_ != nullptr && stop_->load()))) {
          closed_ = true;  // no file after next_ will be processed
          done_cv_.notify_all();
        }
        if (halt_ || closed_) return;
        i = next_++;
      }
      Processed p = Process(files_[i], stages_, unchanged_);
      if (p.kind == Processed::Kind::kUnchanged) p.from_snapshot = true;
      {
        std::lock_guard<std::mutex> lock(mu_);
        slots_[i % slots_.size()] = std::move(p);
      }
      done_cv_.notify_all();
    }
  }

  const std::vector<fs::path>& files_;
  const Stages& stages_;
  const UnchangedFn unchanged_;
  const std::atomic<bool>* stop_;
  std::mutex mu_;
  std::condition_variable claim_cv_;             // a worker may claim the next file
  std::condition_variable done_cv_;              // a result is ready, or claiming ended
  std::vector<std::optional<Processed>> slots_;  // GUARDED_BY(mu_): file i in slot i % size
  size_t next_ = 0;                              // GUARDED_BY(mu_): next file to claim
  size_t taken_ = 0;                             // GUARDED_BY(mu_): files taken by the writer
  bool closed_ = false;                          // GUARDED_BY(mu_): no more claims
  bool halt_ = false;                            // GUARDED_BY(mu_): the writer has ended
  std::vector<std::thread> threads_;
};

}  // namespace

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
  // Unchanged files are recognized before segmentation and extraction: by
  // Store::Probe on this thread, or, with worker threads, by a snapshot of
  // the stored names and digests that the workers share read-only.
  // A document is its file's canonical path; it is shown under its path
  // relative to the folder given (ingest::LoadFile named it by the path as
  // given, and its attachments after it).
  Stages named = stages;
  named.load = [&stages, &paths](const fs::path& file) -> Result<Document> {
    Result<Document> doc = stages.load(file);
    if (!doc.ok()) return doc;
    std::error_code ec;
    fs::path canon = fs::canonical(file, ec);
    doc->path = ec ? fs::absolute(file, ec).lexically_normal().string() : canon.string();
    doc->name = ShownName(file, paths);
    Rename(&*doc);
    return doc;
  };
  UnchangedFn store_unchanged = [&store](const Document& d) -> Result<bool> {
    std::string id;
    auto probe = store.Probe(d.path, d.sha256, &id);
    if (!probe.ok()) return probe.status();
    return *probe == store::PutOutcome::kUnchanged;
  };
  const unsigned jobs = static_cast<unsigned>(std::min<size_t>(run.jobs, files.size()));
  std::unordered_map<std::string, std::string> stored;  // path -> sha256 of its current version
  if (jobs > 1) {
    auto list = store.ListDocuments();
    if (!list.ok()) return finish(list.status());
    for (store::DocumentInfo& d : *list) stored.emplace(std::move(d.path), std::move(d.sha256));
  }
  if (Status st = store.BeginBatch(); !st.ok()) return finish(st);
  std::unique_ptr<Workers> workers;
  if (jobs > 1) {
    UnchangedFn snapshot = [&stored](const Document& d) -> Result<bool> {
      auto it = stored.find(d.path);
      return it != stored.end() && it->second == d.sha256;
    };
    workers = std::make_unique<Workers>(files, named, std::move(snapshot), jobs, run.stop);
  }
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
    // (With workers, a stop request ends their claiming; the files they
    // already took are stored below.)
    if (!workers && run.stop != nullptr && run.stop->load()) {
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
      std::optional<Processed> taken;
      if (workers) {
        taken = workers->Take(i);
        if (!taken) {  // a stop request: no worker took this file
          sum.interrupted = true;
          break;
        }
      } else {
        taken = Process(files[i], named, store_unchanged);
      }
      Processed& p = *taken;
      if (p.kind == Processed::Kind::kUnchanged && p.from_snapshot) {
        // The snapshot predates this batch: a file of the same path stored
        // by the batch itself makes this one a new version after all.
        std::string id;
        auto probe = store.Probe(p.doc.path, p.doc.sha256, &id);
        if (!probe.ok()) {
          fail(probe.status());
          continue;
        }
        if (*probe != store::PutOutcome::kUnchanged) p = Process(files[i], named, nullptr);
      }
      if (p.kind == Processed::Kind::kFailed) {
        fail(p.status);
        continue;
      }
      // Parts of the file that could not be read (an e-mail's attachment):
      // one line each; the rest of the file is stored.
      for (const std::string& problem : p.doc.problems) {
        progress.Error("cairn: " + problem);
        ++sum.failed;
      }
      if (p.kind == Processed::Kind::kUnchanged) {
        ++sum.unchanged;
        progress.FileDone(path, sizes[i], FileOutcome::kUnchanged);
        continue;
      }
      // The file's document, then the documents read from inside it (an
      // e-mail's attachments), each stored on its own. Unchanged bytes of
      // the file mean unchanged attachments: nothing more to do.
      std::vector<Document*> todo{&p.doc};
      for (size_t k = 0; k < todo.size(); ++k) {
        for (Document& a : todo[k]->attachments) todo.push_back(&a);
      }
      FileOutcome outcome = FileOutcome::kUnchanged;
      bool failed = false;
      for (size_t k = 0; k < todo.size() && !failed; ++k) {
        Document& d = *todo[k];
        Status stage_failure;
        auto put =
            k == 0 && p.streamed ? PutStreamed(store, stages, &d, &stage_failure) : store.Put(&d);
        if (!put.ok() && !stage_failure.ok()) {  // the file's problem, nothing of it stored
          fail(stage_failure);
          failed = true;
          continue;
        }
        if (!put.ok()) {
          // A document the store rejects is that file's problem; a store that
          // cannot write (disk full, I/O error, corruption) ends the batch,
          // keeping what the open group still holds.
          Status::Code code = put.status().code();
          if (code == Status::Code::kIOError || code == Status::Code::kCorruption) {
            fail(put.status());
            commit();
            return finish(put.status());
          }
          if (k == 0) {
            fail(put.status());
            failed = true;
          } else {
            progress.Error(FailureLine(d.name, put.status()));
            ++sum.failed;
          }
          continue;
        }
        switch (*put) {
          case store::PutOutcome::kNew:
            ++sum.added;
            ++batch_added;
            if (k == 0) outcome = FileOutcome::kNew;
            break;
          case store::PutOutcome::kNewVersion:
            ++sum.updated;
            ++batch_updated;
            if (k == 0) outcome = FileOutcome::kNewVersion;
            break;
          case store::PutOutcome::kUnchanged:
            if (k == 0) ++sum.unchanged;
            break;
        }
        stored_text += d.text.size();
        std::string().swap(d.text);  // freed before the group's commit reads it back
      }
      if (failed) continue;
      progress.FileDone(path, sizes[i], outcome);
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
