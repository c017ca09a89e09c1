// Knowledge files (data/*.tsv) compiled into the binary.
//
// The files in data/ are the single source of truth; the build embeds them so
// that a `cairn` binary works wherever it is copied. Each file names its
// sources in its header comments. Thread-safe: the contents are immutable.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cairn::data {

// The contents of data/<name> (e.g. "gazetteer.tsv"), or nullopt.
std::optional<std::string_view> Get(std::string_view name);
// Names of every embedded file.
std::vector<std::string_view> Names();

// Splits a TSV file into rows of fields, skipping blank lines and lines that
// start with '#'. Views point into `contents`.
std::vector<std::vector<std::string_view>> ParseTsv(std::string_view contents);

// A row of a TSV file with its 1-based line number, for messages that name it.
struct TsvRow {
  size_t line = 0;
  std::vector<std::string_view> fields;  // at least one
};
// ParseTsv with line numbers.
std::vector<TsvRow> ParseTsvRows(std::string_view contents);
// The error of a bad value in a data file: "FILE:LINE: column 'C': 'VALUE' is not WANT".
Status BadTsvValue(std::string_view file, size_t line, std::string_view column,
                   std::string_view value, std::string_view want);

}  // namespace cairn::data
