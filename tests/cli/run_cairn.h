// Test helper: runs the built `cairn` binary through the shell and captures
// its exit status, standard output and standard error. Also a scratch folder
// per test. Shared by tests/cli and tests/e2e.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace cairn::testing {

struct RunResult {
  int status = -1;  // exit status, or -1 when the process did not exit normally
  std::string out;
  std::string err;
};

inline std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// Single-quotes `s` for the shell.
// Writes `text` to `path`, making its folders first.
inline void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::error_code ec;
  if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream f(path, std::ios::binary);
  f << text;
}

inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("cairn_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
             std::to_string(getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs `cairn <args>` (args already shell-quoted as needed) with `env_prefix`
// (e.g. "CAIRN_DB=x ") placed before it. CAIRN_DB is cleared unless set there.
inline RunResult RunCairn(const ScratchDir& dir, const std::string& args,
                          const std::string& env_prefix = "") {
  std::string out = dir / ".stdout";
  std::string err = dir / ".stderr";
  std::string cmd = "env -u CAIRN_DB " + env_prefix + ShellQuote(CAIRN_EXE) + " " + args + " >" +
                    ShellQuote(out) + " 2>" + ShellQuote(err) + " </dev/null";
  int raw = std::system(cmd.c_str());
  RunResult r;
  if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  r.out = ReadAll(out);
  r.err = ReadAll(err);
  return r;
}

}  // namespace cairn::testing
