#include "cli/annotate_command.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <sstream>
#include <system_error>

#include "cli/common.h"
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "syntax/syntax.h"
#include "text/segment.h"

namespace cairn::cli {
namespace fs = std::filesystem;

namespace {

Status ReadWhole(const fs::path& p, uint64_t limit, std::string* out) {
  std::error_code ec;
  uint64_t size = fs::file_size(p, ec);
  if (ec) return Status::IOError(p.string() + ": cannot read: " + ec.message());
  if (size > limit)
    return Status::InvalidArgument(p.string() + ": too large (" + std::to_string(size) +
                                   " bytes; the limit is " + std::to_string(limit) + ")");
  std::ifstream f(p, std::ios::binary);
  if (!f) return Status::IOError(p.string() + ": cannot open");
  std::ostringstream s;
  s << f.rdbuf();
  if (f.bad()) return Status::IOError(p.string() + ": read failed");
  *out = std::move(s).str();
  return Status::OK();
}

// Writes `content` to `target` through a temporary file renamed over it.
Status WriteFileAtomically(const fs::path& target, const std::string& content) {
  fs::path tmp = target;
  tmp += ".tmp-" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError(tmp.string() + ": cannot create file");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return Status::IOError(tmp.string() + ": write failed");
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return Status::IOError(target.string() + ": cannot rename into place: " + ec.message());
  }
  return Status::OK();
}

// The stem every output file of `doc` is named after.
std::string Stem(const fs::path& path) {
  std::string stem = path.stem().string();
  return stem.empty() ? "document" : stem;
}

}  // namespace

Result<std::function<Status(Document*)>> ShippedSyntaxStage(bool conllu_input) {
  auto model = syntax::Model::Shipped();
  if (!model.ok()) return model.status();
  auto analyzer = std::make_shared<syntax::Analyzer>(*model);
  syntax::RunOptions run;
  run.tokens_are_words = conllu_input;
  return std::function<Status(Document*)>(
      [analyzer, run](Document* doc) { return analyzer->Run(doc, run); });
}

int RunAnnotateCommand(const std::vector<std::string>& paths, const AnnotateOptions& options) {
  if (!options.out_dir.empty()) {
    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec || !fs::is_directory(options.out_dir)) {
      PrintError(options.out_dir + ": cannot create the output folder" +
                 (ec ? ": " + ec.message() : std::string()));
      return kExitStore;
    }
  }
  std::vector<Status> walk_errors;
  std::vector<fs::path> files = ingest::CollectFiles(paths, &walk_errors);
  int rc = kExitOk;
  for (const Status& e : walk_errors) {
    PrintError(e.message());
    rc = kExitInputs;
  }
  std::set<std::string> stems;  // output names used so far (-o DIR)
  text::Segmenter segmenter;
  ingest::Options io;
  io.max_file_bytes = options.max_file_bytes;
  for (const fs::path& file : files) {
    Document doc;
    std::vector<std::string> sent_ids;
    if (options.conllu_input) {
      std::string content;
      Status st = ReadWhole(file, options.max_file_bytes, &content);
      if (!st.ok()) {
        PrintError(st.message());
        rc = kExitInputs;
        continue;
      }
      auto read = annotate::ReadConllu(file.string(), content);
      if (!read.ok()) {
        PrintError(read.status().message());
        rc = kExitInputs;
        continue;
      }
      doc = std::move(read->doc);
      sent_ids = std::move(read->sent_ids);
      doc.name = file.filename().string();
      doc.path = file.string();
    } else {
      auto loaded = ingest::LoadFile(file, io);
      if (!loaded.ok()) {
        PrintError(loaded.status().message());
        rc = kExitInputs;
        continue;
      }
      doc = std::move(*loaded);
      if (Status st = segmenter.Run(&doc); !st.ok()) {
        PrintError(st.message());
        rc = kExitInputs;
        continue;
      }
    }
    if (options.dct) doc.date = options.dct;
    Status st = options.syntax ? options.syntax(&doc) : Status::OK();
    if (st.ok()) st = extract::Extract(&doc);
    if (!st.ok()) {
      PrintError(st.message());
      rc = kExitInputs;
      continue;
    }
    annotate::WriteOptions wo;
    wo.dct = options.dct;
    wo.sent_ids = sent_ids.empty() ? nullptr : &sent_ids;
    if (options.out_dir.empty()) {
      st = annotate::Write(doc, options.format, wo, std::cout);
      std::cout.flush();
      if (!st.ok() || !std::cout) {
        PrintError(st.ok() ? "standard output: write failed" : st.message());
        return kExitStore;
      }
      continue;
    }
    std::ostringstream out;
    st = annotate::Write(doc, options.format, wo, out);
    // Two inputs of one stem (a.txt, a.md) keep their extensions apart.
    std::string stem = Stem(file);
    if (!stems.insert(stem).second) stem = file.filename().string();
    stems.insert(stem);
    fs::path base = fs::path(options.out_dir) / stem;
    if (st.ok() && options.format == annotate::Format::kBrat)
      st = WriteFileAtomically(base.string() + ".txt", doc.text);
    if (st.ok())
      st = WriteFileAtomically(base.string() + "." + annotate::FormatExtension(options.format),
                               out.str());
    if (!st.ok()) {
      PrintError(st.message());
      return kExitStore;
    }
  }
  return rc;
}

}  // namespace cairn::cli
