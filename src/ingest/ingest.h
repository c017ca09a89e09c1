// Ingest: turns files into Documents holding plain text and metadata.
//
// Reads bytes, rejects what is not text (binary, undecodable, empty, too
// large), decodes (UTF-8; Windows-1252 or EUC-KR when that is what the bytes
// are), detects the format by content and extension (plain text, Markdown,
// HTML, wiki-style "= Title =" text), converts it to plain text without
// boilerplate, and fills Document's ingest fields: name, path, sha256,
// format, encoding, text, title, date, author, language, sections, parts.
// Every error names the file and the problem. Stateless functions; safe to
// call from several threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace cairn::ingest {

struct Options {
  // Files larger than this are rejected with a message naming the limit.
  uint64_t max_file_bytes = 32ull << 20;
};

// Reads and converts one file.
Result<Document> LoadFile(const std::filesystem::path& path, const Options& options = {});

// Converts bytes already in memory; `name` becomes Document::name and is used
// in messages.
Result<Document> LoadBytes(std::string_view name, std::string_view bytes,
                           const Options& options = {});

// Expands command-line paths into the files to ingest: files as given,
// folders recursively (hidden files and folders skipped), in a stable sorted
// order. Problems (missing path, symlink loop, unreadable folder) are
// appended to `errors`, one Status each naming the path; the walk goes on.
std::vector<std::filesystem::path> CollectFiles(const std::vector<std::string>& paths,
                                                std::vector<Status>* errors);

}  // namespace cairn::ingest
