// Test helper: an ingest progress sink that prints nothing and fails the
// test on any error line. Shared by the tests that call cli::RunIngest.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "cli/progress.h"

namespace cairn::testing {

struct QuietSink : cli::ProgressSink {
  void Start(size_t, uint64_t) override {}
  void FileDone(const std::string&, uint64_t, cli::FileOutcome) override {}
  void Error(const std::string& line) override { ADD_FAILURE() << line; }
  void Finish(const cli::IngestSummary&) override {}
};

}  // namespace cairn::testing
