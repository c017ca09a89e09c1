// Segmentation (paragraphs, sentences, tokens) of any decodable input; every
// span must lie inside the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/ingest.h"
#include "text/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = cairn::ingest::LoadBytes("f.txt",
                                      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!doc.ok()) return 0;
  static cairn::text::Segmenter seg;
  if (!seg.Run(&*doc).ok()) return 0;
  for (const cairn::Sentence& s : doc->sentences) {
    if (s.span.begin > s.span.end || s.span.end > doc->text.size()) __builtin_trap();
  }
  for (const cairn::Token& t : doc->tokens) {
    if (t.span.begin > t.span.end || t.span.end > doc->text.size()) __builtin_trap();
  }
  return 0;
}
