// HTML, Markdown and plain/wiki text conversion on any bytes, directly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/convert.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0:
      (void)cairn::ingest::ConvertHtml(text);
      break;
    case 1:
      (void)cairn::ingest::ConvertMarkdown(text);
      break;
    case 2:
      (void)cairn::ingest::ConvertText(text);
      break;
    default: {
      std::string owned(text);
      (void)cairn::ingest::ConvertHtml(&owned);
      break;
    }
  }
  return 0;
}
