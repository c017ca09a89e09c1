// ProgressSinks for the ingest batch: how progress and failures reach a person.
//
//   TerminalProgress  a bar redrawn in place (files done/total, MB/s, time
//                     left), for a terminal
//   LineProgress      plain lines every 10% of the bytes or every 5 seconds,
//                     for logs and pipes
//   QuietProgress     failures only
//
// Every sink writes failures as whole lines; none writes to standard output.
// Not thread-safe.
#pragma once

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/ingest_runner.h"

namespace cairn::cli {

class QuietProgress : public ProgressSink {
 public:
  explicit QuietProgress(std::FILE* err) : err_(err) {}
  void Start(size_t, uint64_t) override {}
  void FileDone(const std::string&, uint64_t, FileOutcome) override {}
  void Error(const std::string& line) override;
  void Finish(const IngestSummary&) override {}

 protected:
  std::FILE* err_;
};

class LineProgress : public QuietProgress {
 public:
  using Clock = std::chrono::steady_clock;
  explicit LineProgress(std::FILE* err) : QuietProgress(err) {}
  void Start(size_t total_files, uint64_t total_bytes) override;
  void FileDone(const std::string& path, uint64_t bytes, FileOutcome outcome) override;
  void Finish(const IngestSummary& summary) override;
  // "OCR: 3/10 pages, 0.9 pages/s": a line at the first page, every 5
  // seconds and at the last page.
  void OcrPages(int done, int total) override;

 protected:
  Clock::time_point ocr_start_{}, ocr_last_{};
  // "12/50 files, 3.1/9.8 MB, 2.4 MB/s, 0:03 left"
  std::string StatusText() const;
  size_t total_files_ = 0, done_files_ = 0;
  uint64_t total_bytes_ = 0, done_bytes_ = 0;
  Clock::time_point start_{}, last_line_{};
  int last_decile_ = 0;
};

class TerminalProgress : public LineProgress {
 public:
  explicit TerminalProgress(std::FILE* err) : LineProgress(err) {}
  void Start(size_t total_files, uint64_t total_bytes) override;
  void FileDone(const std::string& path, uint64_t bytes, FileOutcome outcome) override;
  void Error(const std::string& line) override;
  void Finish(const IngestSummary& summary) override;
  void OcrPages(int done, int total) override;

 private:
  void Draw(bool force);
  void Clear();
  bool drawn_ = false;
  Clock::time_point last_draw_{};
};

// The sink `cairn ingest` uses: quiet, a bar on a terminal, lines otherwise.
std::unique_ptr<ProgressSink> MakeProgress(bool quiet, std::FILE* err);

// "12.3 MB", "512 KB", "87 B".
std::string HumanBytes(uint64_t bytes);

}  // namespace cairn::cli
