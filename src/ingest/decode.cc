#include "ingest/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstring>
#include <memory>

#include "core/swar.h"

namespace cairn::ingest {
namespace {

using swar::Load8;

bool HasUtf16Bom(std::string_view b) {
  return b.size() >= 2 && ((b[0] == '\xFF' && b[1] == '\xFE') || (b[0] == '\xFE' && b[1] == '\xFF'));
}

// Converts with ICU, failing on the first byte the charset cannot map.
bool ConvertStrict(const char* charset, std::string_view bytes, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open(charset, &err), ucnv_close);
  if (U_FAILURE(err)) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return false;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv.get(), err);
  if (U_FAILURE(err) || u.isBogus()) return false;
  // C1 control characters are what undefined or stray bytes become; text
  // in a legacy encoding does not hold them.
  for (int32_t i = 0; i < u.length(); ++i) {
    char16_t c = u.charAt(i);
    if (c >= 0x80 && c <= 0x9F) return false;
  }
  out->clear();
  u.toUTF8String(*out);
  return true;
}

// Windows-1252 text as people write it: the bytes 0x80-0x9F that the code
// page leaves undefined never occur, and most high bytes sit next to letters
// (accented letters inside words) or are typographic punctuation.
bool PlausibleWindows1252(std::string_view b) {
  size_t high = 0, isolated = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(b[i]);
    if (c < 0x80) continue;
    ++high;
    if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) return false;
    if (c >= 0xC0) {  // a letter: expect a letter or another high byte beside it
      auto letterish = [&](size_t j) {
        if (j >= b.size()) return false;
        unsigned char d = static_cast<unsigned char>(b[j]);
        return d >= 0x80 || (d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z');
      };
      if (!(i > 0 && letterish(i - 1)) && !letterish(i + 1)) ++isolated;
    }
  }
  return high > 0 && high * 4 < b.size() && isolated * 2 <= high;
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view s, bool* multibyte) {
  if (multibyte) *multibyte = false;
  size_t first_bad = std::string_view::npos;
  size_t valid = 0, invalid = 0;
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    if (i + 8 <= n && (Load8(s.data() + i) & swar::kHigh) == 0) {  // eight ASCII bytes
      i += 8;
      continue;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      len = 0;
    }
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (ok && ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
               (cp >= 0xD800 && cp <= 0xDFFF))) {
      ok = false;
    }
    if (!ok) {
      if (first_bad == std::string_view::npos) {
        first_bad = i;
        if (!multibyte) return first_bad;
      }
      ++invalid;
      // One bad sequence: its lead byte and the continuation bytes after it.
      ++i;
      for (int k = 0; k < 3 && i < n && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; ++k) ++i;
      continue;
    }
    ++valid;
    i += len;
  }
  // Mostly well-formed multi-byte sequences: UTF-8 (maybe damaged), not a
  // legacy encoding, which forms such sequences only by chance.
  if (multibyte) *multibyte = valid > 0 && valid >= invalid;
  return first_bad;
}

Status CheckNotBinary(std::string_view name, std::string_view bytes) {
  if (HasUtf16Bom(bytes)) return Status::OK();
  size_t control = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if ((i & 7) == 0 && i + 8 <= bytes.size()) {
      // Eight bytes at once when none is below 0x20 or 0x7F (most of a text).
      uint64_t w = Load8(bytes.data() + i);
      if ((swar::HasByteBelow(w, 0x20) | swar::HasByte(w, 0x7F)) == 0) {
        i += 7;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      return Status::Unsupported(std::string(name) + ": binary file (NUL byte at offset " +
                                 std::to_string(i) + ")");
    }
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') ++control;
    if (c == 0x7F) ++control;
  }
  if (control > 8 && control * 100 > bytes.size()) {
    return Status::Unsupported(std::string(name) + ": binary file (" + std::to_string(control) +
                               " control characters in " + std::to_string(bytes.size()) +
                               " bytes)");
  }
  return Status::OK();
}

Result<Decoded> DecodeToUtf8(std::string_view name, std::string&& bytes) {
  if (!HasUtf16Bom(bytes)) {
    size_t bom = bytes.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    if (FirstInvalidUtf8(std::string_view(bytes).substr(bom)) == std::string_view::npos) {
      Decoded d;
      bytes.erase(0, bom);
      d.text = std::move(bytes);
      d.encoding = "UTF-8";
      return d;
    }
  }
  return DecodeToUtf8(name, std::string_view(bytes));
}

Result<Decoded> DecodeToUtf8(std::string_view name, std::string_view bytes) {
  Decoded d;
  if (HasUtf16Bom(bytes)) {
    d.encoding = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (!ConvertStrict(d.encoding.c_str(), bytes.substr(2), &d.text)) {
      return Status::Unsupported(std::string(name) + ": invalid " + d.encoding + " text");
    }
    return d;
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  bool multibyte = false;
  size_t bad = FirstInvalidUtf8(bytes, &multibyte);
  if (bad == std::string_view::npos) {
    d.text.assign(bytes);
    d.encoding = "UTF-8";
    return d;
  }
  std::string bad_msg = std::string(name) + ": invalid UTF-8 at byte " + std::to_string(bad);
  // Text that holds well-formed multi-byte UTF-8 and also broken sequences is
  // damaged UTF-8, not a legacy encoding.
  if (multibyte) return Status::Unsupported(bad_msg);

  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> det(ucsdet_open(&err),
                                                                     ucsdet_close);
  if (U_FAILURE(err)) return Status::Internal(std::string(name) + ": ICU charset detector failed");
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &err);
  if (U_FAILURE(err)) count = 0;
  std::string guess;
  for (int32_t i = 0; i < count; ++i) {
    UErrorCode e2 = U_ZERO_ERROR;
    std::string cs = ucsdet_getName(matches[i], &e2);
    int32_t conf = ucsdet_getConfidence(matches[i], &e2);
    if (U_FAILURE(e2)) continue;
    if (guess.empty()) guess = cs;
    if (cs == "EUC-KR" && conf >= 10) {
      if (ConvertStrict("EUC-KR", bytes, &d.text)) {
        d.encoding = "EUC-KR";
        return d;
      }
    } else if ((cs == "ISO-8859-1" || cs == "windows-1252") && conf >= 10) {
      if (PlausibleWindows1252(bytes) && ConvertStrict("windows-1252", bytes, &d.text)) {
        d.encoding = "windows-1252";
        return d;
      }
    }
  }
  if (!guess.empty() && guess != "ISO-8859-1" && guess != "windows-1252" && guess != "EUC-KR" &&
      guess != "UTF-8") {
    bad_msg += " (the bytes look like " + guess + ", which Cairn does not read)";
  }
  return Status::Unsupported(bad_msg);
}

}  // namespace cairn::ingest
