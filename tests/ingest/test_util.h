// Helpers shared by the ingest tests (they were written again in each file).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/date.h"
#include "ingest/ingest.h"

namespace cairn::ingest {

inline bool Contains(const std::string& s, const std::string& sub) {
  return s.find(sub) != std::string::npos;
}

// LoadBytes that must succeed (a failure is reported and gives an empty Document).
inline Document Load(const std::string& bytes, const std::string& name = "page.txt") {
  Result<Document> r = LoadBytes(name, bytes);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : Document{};
}

// "YYYY-MM-DD", or "none".
inline std::string Date(const std::optional<Day>& d) { return d ? FormatDay(*d) : "none"; }

}  // namespace cairn::ingest
