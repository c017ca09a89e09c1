// Decoding, binary detection, format detection and conversion of any bytes
// (ingest::LoadBytes), under each file name extension the formats use.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr const char* kNames[] = {"a.txt", "a.md", "a.html", "a.wiki", "a"};
  const char* name = kNames[data[0] % 5];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto doc = cairn::ingest::LoadBytes(name, bytes);
  if (doc.ok() && doc->text.size() > (size + 1) * 8) __builtin_trap();  // bounded output
  return 0;
}
