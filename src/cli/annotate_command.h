// `cairn annotate`: Cairn's reading of documents printed in standard
// annotation formats (annotate/annotate.h), without any store.
//
//   documents:  ingest::LoadFile -> text::Segmenter -> syntax -> extract::Extract
//   CoNLL-U:    annotate::ReadConllu (its sentences and tokens as given)
//               -> syntax -> extract::Extract
//
// One file's failure is one line "cairn: <file>[:<line>]: <problem>" and the
// rest go on (exit 1); output goes to stdout, or with an output folder to
// NAME.conllu / NAME.txt + NAME.ann / NAME.tml / NAME.json in it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "annotate/annotate.h"
#include "core/date.h"
#include "core/document.h"
#include "core/status.h"

namespace cairn::cli {

struct AnnotateOptions {
  annotate::Format format = annotate::Format::kConllu;
  bool conllu_input = false;
  // The document creation time: relative expressions resolve against it
  // (it replaces the document's own date) and TimeML prints it as <DCT>.
  std::optional<Day> dct;
  std::string out_dir;  // "" = stdout
  uint64_t max_file_bytes = 32ull << 20;
  // The syntax stage (tagger and parser) when there is one: it fills
  // Document::syntax. Empty: the syntax columns print "_".
  std::function<Status(Document*)> syntax;
};

// The syntax stage for AnnotateOptions::syntax: the tagger and parser
// compiled into the binary (syntax::Model::Shipped) over every sentence;
// `conllu_input`: the tokens are UD words as given. An error when the binary
// has no usable model. The function holds one analyzer: one thread only.
Result<std::function<Status(Document*)>> ShippedSyntaxStage(bool conllu_input);

// Returns the process exit code (cli/common.h).
int RunAnnotateCommand(const std::vector<std::string>& paths, const AnnotateOptions& options);

}  // namespace cairn::cli
