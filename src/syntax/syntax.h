// Syntax: a part-of-speech tagger and a labelled dependency parser trained on
// Universal Dependencies English EWT (models/README.md says how and under
// which license).
//
// The tagger is an averaged perceptron (Collins 2002) that predicts UPOS and
// XPOS together, left to right; the parser is a greedy arc-hybrid transition
// parser with an averaged perceptron, Zhang and Nivre's (2011) rich
// features, trained with Goldberg and Nivre's (2012) dynamic oracle on
// jackknifed predicted tags. Both score hashed feature ids against a pruned
// int16 table (models/syntax.model, compiled into the binary).
//
// A Model is immutable once loaded and safe to share between threads; load
// it once per process (Model::Shipped() does). An Analyzer holds one
// thread's scratch space: one per thread, not shareable.
//
// Tokens. The analyzer runs on Cairn's own tokens (text/segment.h) and keeps
// them: Document::syntax has one entry per Document::tokens entry. Where the
// segmenter and UD English differ, Run maps the tokens to UD words inside
// the stage and maps the heads back:
// - clitics the segmenter keeps whole are split as EWT writes them: "don't"
//   -> "do" "n't", "can't" -> "ca" "n't", "I'm" -> "I" "'m", "we'll", "I've",
//   "he'd", "cannot" -> "can" "not"; the token then carries the word whose
//   head is outside it ("do": aux of the verb), and heads pointing at either
//   word point at the token. The possessive "'s" is already a token of its
//   own, as in EWT.
// - "Mr" "." inside a sentence (an abbreviation glued to its full stop) is
//   one word "Mr.", as in EWT; the "." token becomes punct under it.
// - hyphens: the segmenter splits "well-known" and "Kim Jong-il" at the
//   hyphen ("Jong" "-" "il"), as EWT does for most hyphenated words (639
//   HYPH tokens in train, 175 words kept whole), so they are left as they
//   are.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace cairn::syntax {

class Model {
 public:
  // The model compiled into the binary; parsed on the first call, then
  // shared. Thread-safe.
  static Result<std::shared_ptr<const Model>> Shipped();
  // A model file; a missing or corrupt file is an error naming it.
  static Result<std::shared_ptr<const Model>> Load(const std::string& path);
  // A model from its bytes; `name` names it in errors.
  static Result<std::shared_ptr<const Model>> FromBytes(std::string_view bytes,
                                                        std::string_view name);
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  struct Data;
  const Data& data() const { return *data_; }

 private:
  Model();
  std::unique_ptr<Data> data_;
};

// Which sentences Analyzer::Run analyses.
struct RunOptions {
  // Lowercase words (ASCII case folded) that make a sentence worth
  // analysing, e.g. the first words of the event triggers: a sentence
  // holding none of them is left unanalysed (its tokens keep upos 0,
  // deprel 0, head -1). Null: every sentence.
  std::shared_ptr<const std::vector<std::string>> cue_words;  // sorted
  // The tokens are UD words already (CoNLL-U input): each token is one word,
  // nothing is split or joined.
  bool tokens_are_words = false;
};

// Tags and parses. One per thread.
class Analyzer {
 public:
  explicit Analyzer(std::shared_ptr<const Model> model);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Fills doc->syntax, one entry per doc->tokens entry, sentence by sentence
  // (heads never cross a sentence). REQUIRES: the document is segmented.
  Status Run(Document* doc, const RunOptions& options = {});

  // One pre-tokenized sentence (UD words, as in CoNLL-U): one entry per word,
  // heads are word indices within the sentence, -1 for the root.
  std::vector<TokenSyntax> Analyze(const std::vector<std::string_view>& words);
  // Only the tags (head and deprel left unset): for callers that need no tree.
  std::vector<TokenSyntax> Tag(const std::vector<std::string_view>& words);

  // Words tagged and parsed so far, for throughput reports.
  uint64_t words_tagged() const;
  uint64_t words_parsed() const;
  // Sentences left unanalysed by RunOptions::cue_words.
  uint64_t sentences_skipped() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::syntax
