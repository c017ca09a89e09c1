// Captures what the process writes to file descriptor 2 (standard error),
// from libraries too, for tests that assert a library prints nothing.
// Each test runs in its own process under CTest; not thread-safe.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <string>

namespace cairn::testing {

class StderrCapture {
 public:
  StderrCapture() {
    std::fflush(stderr);
    file_ = std::tmpfile();
    saved_ = dup(2);
    if (file_ != nullptr && saved_ >= 0) dup2(fileno(file_), 2);
  }
  ~StderrCapture() { Stop(); }
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  // Restores standard error and returns everything written to it meanwhile.
  std::string Stop() {
    if (saved_ < 0) return captured_;
    std::fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
    saved_ = -1;
    if (file_ != nullptr) {
      std::rewind(file_);
      char buf[4096];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof buf, file_)) > 0) captured_.append(buf, n);
      std::fclose(file_);
      file_ = nullptr;
    }
    return captured_;
  }

 private:
  std::FILE* file_ = nullptr;
  int saved_ = -1;
  std::string captured_;
};

}  // namespace cairn::testing
