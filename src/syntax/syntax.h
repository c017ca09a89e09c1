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

#include <cstdint>
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
  // One sentence of doc, as Run analyses it (a sentence without a cue word is
  // left as it is and counted as skipped). REQUIRES: doc->syntax has one
  // entry per doc->tokens entry.
  Status RunSentence(Document* doc, const Sentence& sentence, const RunOptions& options = {});

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
  friend class OnDemand;
  struct Impl;
  // Parses the words Impl holds, tagged already, and stores the result in
  // doc->syntax for sentence s, as RunSentence does.
  void ParseTagged(Document* doc, const Sentence& s);
  std::unique_ptr<Impl> impl_;
};

// Analyses a document's sentences one at a time, when asked, with the same
// results as Analyzer::Run: for a caller that reads the parse of only a few
// sentences (extraction reads it only where its surface rules find nothing).
// The constructor sizes doc->syntax (every token unanalysed: upos 0, head -1)
// and remembers doc's sentences as they are then, so a caller may re-split
// the sentences afterwards (extract::Extract cuts overlong ones) and still
// get the parse Run would have given. One per document; uses the analyzer
// of the calling thread and is no more shareable than it.
class OnDemand {
 public:
  // REQUIRES: analyzer and doc outlive this; doc is segmented.
  OnDemand(Analyzer* analyzer, Document* doc, RunOptions options = {});

  // Analyses, once, the remembered sentence holding token `token` (left
  // unanalysed, as by Run, when it holds no cue word). A token out of range
  // is an error naming the document.
  Status Ensure(uint32_t token);

  // Tags, without parsing, the remembered sentence holding `token` and puts
  // in *verbs the tokens that Ensure would tag VERB (a token split into
  // words: when any of its words is a verb), in order; nothing when Ensure
  // would leave the sentence unanalysed. For a caller that can tell from the
  // tags alone that it needs no parse (tagging costs about a fifth of
  // tagging and parsing). The tags are kept: an Ensure of the same sentence
  // right after does not tag it again. doc->syntax is left as it is.
  Status Verbs(uint32_t token, std::vector<uint32_t>* verbs);

  // Sentences remembered, and how many of them Ensure analysed or skipped,
  // and Verbs tagged.
  size_t sentences() const { return bounds_.size(); }
  size_t sentences_analysed() const { return analysed_; }
  size_t sentences_skipped() const { return skipped_; }
  size_t sentences_tagged() const { return tagged_; }

 private:
  // The index in bounds_ of the sentence holding `token`, or an error.
  Result<size_t> Find(uint32_t token) const;

  Analyzer* analyzer_;
  Document* doc_;
  RunOptions options_;
  std::vector<Sentence> bounds_;  // doc's sentences at construction
  std::vector<uint8_t> done_;     // per sentence of bounds_
  size_t analysed_ = 0, skipped_ = 0, tagged_ = 0;
  // The sentence whose tags the analyzer holds (from Verbs), and the
  // analyzer's tagging count then: any later tagging replaces them.
  size_t tagged_sentence_ = SIZE_MAX;
  uint64_t tagged_generation_ = 0;
};

}  // namespace cairn::syntax
