// Text: paragraphs, sentences and tokens with UTF-8 byte offsets, using ICU.
//
// A Segmenter fills Document::paragraphs, ::sentences and ::tokens from
// Document::text. It handles Hangul, curly quotes, en and em dashes,
// abbreviations (c., Mr., U.S., Dr.) and sentences glued without a space
// after the full stop ("officials.In 1987"). Sentences never cross a
// paragraph (blank line or line break between headings/list items).
// It reads the UTF-8 text in place: ASCII paragraphs without ICU, others
// with ICU's break iterators over the paragraph's bytes; its scratch space
// is one paragraph's boundaries, never a copy of the text.
// A Segmenter holds ICU break iterators: one per thread, not shareable.
#pragma once

#include <memory>

#include "core/document.h"
#include "core/status.h"

namespace cairn::text {

struct SegmentOptions {
  // When false, tokens are still found and counted, so every
  // Sentence::first_token / end_token is the index a keep_tokens run would
  // give, but Document::tokens stays empty: for callers that keep only
  // paragraphs and sentences (ingest without extraction), whose peak memory
  // is then the text plus its sentences.
  bool keep_tokens = true;
};

class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Fills doc->paragraphs, doc->sentences, doc->tokens (replacing any).
  Status Run(Document* doc, const SegmentOptions& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::text
