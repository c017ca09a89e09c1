// Binary document formats, detected by content: PDF, images (OCR), Word and
// OpenDocument, e-mail. Internal to ingest/ (ingest.h is the contract).
//
// Each loader takes the file's bytes and returns a Document with its text,
// metadata and (PDF, images) pages, or one error naming the file and the
// problem. Thread-safe: no shared mutable state (OCR creates its engines per
// call).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "ingest/convert.h"
#include "ingest/ingest.h"

namespace cairn::ingest {

enum class Sniffed { kOther, kPdf, kPng, kJpeg, kTiff, kZip, kEmail };

// What the bytes are, by their first bytes (and, for e-mail, by RFC 822
// header lines or an mbox "From " line at the start).
Sniffed Sniff(std::string_view bytes);

// PDF: text in reading order per page, pages without a text layer OCR'd.
Result<Document> LoadPdf(const std::string& label, std::string_view bytes, const Options& options);
// PNG, JPEG, TIFF (every frame of a TIFF is a page): OCR.
Result<Document> LoadImage(const std::string& label, std::string_view bytes,
                           const Options& options);
// Zip archives: .docx (by [Content_Types].xml) or .odt (by its mimetype
// entry); any other zip is refused.
Result<Document> LoadOffice(const std::string& label, std::string_view bytes,
                            const Options& options);
// RFC 822 message or mbox file (several messages: the first is the
// document, the others its attachments' siblings, see email.cc).
Result<Document> LoadEmail(const std::string& label, std::string_view bytes,
                           const Options& options);

// Loads bytes of any supported kind (used for attachments); `name` labels
// messages.
Result<Document> LoadAny(const std::string& name, std::string_view bytes, const Options& options);

// OCR of page images already decoded. One entry per page: the text lines
// (paragraphs separated by empty lines) and the mean word confidence.
struct OcrPage {
  std::string text;
  float confidence = -1;
};

// An image held as 8-bit gray or 32-bit RGBA rows, for OCR.
struct RasterImage {
  int width = 0, height = 0;
  int bytes_per_pixel = 4;  // 1 (gray) or 4 (as poppler renders: BGRA in memory)
  int stride = 0;
  std::vector<unsigned char> pixels;
};

// OCRs `pages` on options.jobs threads (one engine each). Reports progress
// through options.ocr_progress. Errors: the languages' data are missing.
Result<std::vector<OcrPage>> OcrRasters(const std::string& label,
                                        const std::vector<RasterImage>& pages,
                                        const Options& options);

// The SHA-256 of `bytes` as 64 hex digits.
std::string Sha256Hex(std::string_view bytes);

// Builds a Document from paged or block text (the same assembly as text
// files: boilerplate, title, date, sections); sets name, path, sha256,
// format, language.
Status FinishDocument(const std::string& label, std::string_view bytes, const std::string& format,
                      Converted* conv, Document* doc);

}  // namespace cairn::ingest
