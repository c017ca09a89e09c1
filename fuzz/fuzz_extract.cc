// Extraction (names, dates, events, protection) of any decodable input;
// every mention and quote must lie inside the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "text/segment.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  auto doc = cairn::ingest::LoadBytes("f.txt",
                                      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!doc.ok()) return 0;
  static cairn::text::Segmenter seg;
  if (!seg.Run(&*doc).ok()) return 0;
  if (!cairn::extract::Extract(&*doc).ok()) return 0;
  for (const cairn::Mention& m : doc->mentions) {
    if (m.span.begin > m.span.end || m.span.end > doc->text.size()) __builtin_trap();
  }
  for (const cairn::EventMention& e : doc->events) {
    if (e.quote.begin > e.quote.end || e.quote.end > doc->text.size()) __builtin_trap();
  }
  return 0;
}
