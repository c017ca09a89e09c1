#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace cairn::cli {
namespace {

std::string Format(const char* fmt, double a) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, a);
  return buf;
}

std::string ClockText(double seconds) {
  if (seconds < 0) seconds = 0;
  auto s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

std::string HumanBytes(uint64_t bytes) {
  auto b = static_cast<double>(bytes);
  if (bytes >= (1ull << 20)) return Format("%.1f MB", b / (1 << 20));
  if (bytes >= (1ull << 10)) return Format("%.0f KB", b / (1 << 10));
  return std::to_string(bytes) + " B";
}

void QuietProgress::Error(const std::string& line) {
  std::fprintf(err_, "%s\n", line.c_str());
  std::fflush(err_);
}

void LineProgress::Start(size_t total_files, uint64_t total_bytes) {
  total_files_ = total_files;
  total_bytes_ = total_bytes;
  start_ = last_line_ = Clock::now();
}

std::string LineProgress::StatusText() const {
  double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  double mb = static_cast<double>(done_bytes_) / (1 << 20);
  double rate = elapsed > 0 ? mb / elapsed : 0;
  std::string s = std::to_string(done_files_) + "/" + std::to_string(total_files_) + " files, " +
                  HumanBytes(done_bytes_) + " of " + HumanBytes(total_bytes_) + ", " +
                  Format("%.1f MB/s", rate);
  if (rate > 0 && done_bytes_ < total_bytes_) {
    double left = static_cast<double>(total_bytes_ - done_bytes_) / (1 << 20) / rate;
    s += ", " + ClockText(left) + " left";
  }
  return s;
}

void LineProgress::FileDone(const std::string&, uint64_t bytes, FileOutcome) {
  ++done_files_;
  done_bytes_ += bytes;
  int decile = total_bytes_ > 0 ? static_cast<int>(done_bytes_ * 10 / total_bytes_)
                                : static_cast<int>(done_files_ * 10 / (total_files_ ? total_files_ : 1));
  auto now = Clock::now();
  // Batches that finish within two seconds print no progress at all.
  if (now - start_ < std::chrono::seconds(2)) return;
  bool timed = now - last_line_ >= std::chrono::seconds(5);
  if ((decile > last_decile_ && done_files_ < total_files_) || timed) {
    last_decile_ = decile;
    last_line_ = now;
    std::fprintf(err_, "cairn: ingest: %s\n", StatusText().c_str());
    std::fflush(err_);
  }
}

void LineProgress::Finish(const IngestSummary&) {}

void LineProgress::OcrPages(int done, int total) {
  const Clock::time_point now = Clock::now();
  if (done <= 1) ocr_start_ = now;
  if (done > 1 && done < total && now - ocr_last_ < std::chrono::seconds(5)) return;
  ocr_last_ = now;
  const double s = std::chrono::duration<double>(now - ocr_start_).count();
  char rate[48] = "";
  if (done > 1 && s > 0) std::snprintf(rate, sizeof rate, ", %.2f pages/s", (done - 1) / s);
  std::fprintf(err_, "OCR: %d/%d pages%s\n", done, total, rate);
  std::fflush(err_);
}

void TerminalProgress::Start(size_t total_files, uint64_t total_bytes) {
  LineProgress::Start(total_files, total_bytes);
  Draw(true);
}

void TerminalProgress::Draw(bool force) {
  auto now = Clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  constexpr int kWidth = 24;
  double frac = total_bytes_ > 0 ? static_cast<double>(done_bytes_) / static_cast<double>(total_bytes_)
                                 : (total_files_ ? static_cast<double>(done_files_) / static_cast<double>(total_files_) : 1.0);
  int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(err_, "\r\033[K[%s] %s", bar.c_str(), StatusText().c_str());
  std::fflush(err_);
  drawn_ = true;
}

void TerminalProgress::Clear() {
  if (!drawn_) return;
  std::fprintf(err_, "\r\033[K");
  drawn_ = false;
}

void TerminalProgress::FileDone(const std::string&, uint64_t bytes, FileOutcome) {
  ++done_files_;
  done_bytes_ += bytes;
  Draw(done_files_ == total_files_);
}

void TerminalProgress::Error(const std::string& line) {
  Clear();
  QuietProgress::Error(line);
  if (total_files_ > 0) Draw(true);
}

void TerminalProgress::OcrPages(int done, int total) {
  Clear();
  LineProgress::OcrPages(done, total);
  if (total_files_ > 0) Draw(true);
}

void TerminalProgress::Finish(const IngestSummary&) {
  Clear();
  std::fflush(err_);
}

std::unique_ptr<ProgressSink> MakeProgress(bool quiet, std::FILE* err) {
  if (quiet) return std::make_unique<QuietProgress>(err);
  if (isatty(fileno(err))) return std::make_unique<TerminalProgress>(err);
  return std::make_unique<LineProgress>(err);
}

}  // namespace cairn::cli
