// Bytes to UTF-8: binary detection, UTF-8 validation and legacy decoding.
//
// Valid UTF-8 passes through (a leading BOM removed). Bytes that are not
// UTF-8 are identified with ICU's charset detector and decoded when they are
// Windows-1252 (Latin-1) or EUC-KR text; anything else is rejected naming
// the byte offset of the first bad sequence. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace cairn::ingest {

struct Decoded {
  std::string text;      // UTF-8
  std::string encoding;  // "UTF-8", "windows-1252", "EUC-KR", "UTF-16LE", "UTF-16BE"
};

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlongs, surrogates and values past U+10FFFF are ill-formed), or npos.
// `multibyte` (optional) is set when well-formed multi-byte sequences are at
// least as many as ill-formed ones: the bytes are (damaged) UTF-8.
size_t FirstInvalidUtf8(std::string_view bytes, bool* multibyte = nullptr);

// Unsupported("<name>: binary file ...") when the bytes hold NUL bytes or
// many control characters; OK otherwise. UTF-16 with a byte order mark is
// not binary.
Status CheckNotBinary(std::string_view name, std::string_view bytes);

// Decodes `bytes` to UTF-8 as described above; errors name `name`.
Result<Decoded> DecodeToUtf8(std::string_view name, std::string_view bytes);

// The same, taking the bytes: valid UTF-8 becomes the decoded text without a
// copy (`bytes` is then left empty).
Result<Decoded> DecodeToUtf8(std::string_view name, std::string&& bytes);

}  // namespace cairn::ingest
