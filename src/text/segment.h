// Text: paragraphs, sentences and tokens with UTF-8 byte offsets, using ICU.
//
// A Segmenter fills Document::paragraphs, ::sentences and ::tokens from
// Document::text. It handles Hangul, curly quotes, en and em dashes,
// abbreviations (c., Mr., U.S., Dr.) and sentences glued without a space
// after the full stop ("officials.In 1987"). Sentences never cross a
// paragraph (blank line or line break between headings/list items).
// A Segmenter holds ICU break iterators: one per thread, not shareable.
#pragma once

#include <memory>

#include "core/document.h"
#include "core/status.h"

namespace cairn::text {

class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Fills doc->paragraphs, doc->sentences, doc->tokens (replacing any).
  Status Run(Document* doc);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::text
