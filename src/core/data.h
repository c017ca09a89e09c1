// Knowledge files (data/*.tsv) compiled into the binary.
//
// The files in data/ are the single source of truth; the build embeds them so
// that a `cairn` binary works wherever it is copied. Each file names its
// sources in its header comments. Thread-safe: the contents are immutable.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace cairn::data {

// The contents of data/<name> (e.g. "gazetteer.tsv"), or nullopt.
std::optional<std::string_view> Get(std::string_view name);
// Names of every embedded file.
std::vector<std::string_view> Names();

// Splits a TSV file into rows of fields, skipping blank lines and lines that
// start with '#'. Views point into `contents`.
std::vector<std::vector<std::string_view>> ParseTsv(std::string_view contents);

}  // namespace cairn::data
