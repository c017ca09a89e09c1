// Ingest: turns files into Documents holding plain text and metadata.
//
// Detects binary formats by their content (magic bytes), never by the file
// name: PDF (text layer in reading order, pages; pages without text are
// OCR'd), images (PNG, JPEG, TIFF: OCR), Word .docx and OpenDocument .odt,
// e-mail (RFC 822 message or mbox; attachments become Document::attachments).
// Anything else: reads bytes, rejects what is not text (binary, undecodable,
// empty, too large), decodes (UTF-8; Windows-1252 or EUC-KR when that is what the bytes
// are), detects the format by content and extension (plain text, Markdown,
// HTML, wiki-style "= Title =" text), converts it to plain text without
// boilerplate, and fills Document's ingest fields: name, path, sha256,
// format, encoding, text, title, date, author, language, sections, parts.
// Every error names the file and the problem. Stateless functions; safe to
// call from several threads at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace cairn::ingest {

struct Options {
  // Files larger than this are rejected with a message naming the limit.
  uint64_t max_file_bytes = 32ull << 20;
  // PDF: the password of encrypted files ("" = none).
  std::string pdf_password;
  // OCR: Tesseract languages ("eng+kor"); pages and images larger than
  // max_image_pixels are refused (Tesseract holds several copies of a page).
  std::string ocr_lang = "eng+kor";
  bool ocr = true;
  int jobs = 1;  // threads for OCR, one Tesseract instance each
  uint64_t max_image_pixels = 50'000'000;
  // Archives (.docx, .odt): the expanded size of one entry, and of all
  // entries together, is capped, and so is the expansion ratio
  // (decompression bombs).
  uint64_t max_expanded_bytes = 256ull << 20;
  uint64_t max_expansion_ratio = 200;
  // E-mail: at most this many attachments per message.
  size_t max_attachments = 200;
  // Called from the loading thread after each OCR'd page: pages done and
  // pages to do in the current file. May be empty.
  std::function<void(int done, int total)> ocr_progress;
};

// Reads and converts one file.
Result<Document> LoadFile(const std::filesystem::path& path, const Options& options = {});

// Converts bytes already in memory; `name` becomes Document::name and is used
// in messages.
Result<Document> LoadBytes(std::string_view name, std::string_view bytes,
                           const Options& options = {});

// Names each attachment (recursively) "<doc name>/<its file name>" and sets
// its parent; LoadFile does this. LoadBytes leaves attachments' names as
// their file names inside the message.
void NameAttachments(Document* doc);

// Expands command-line paths into the files to ingest: files as given,
// folders recursively (hidden files and folders skipped), in a stable sorted
// order. Problems (missing path, symlink loop, unreadable folder) are
// appended to `errors`, one Status each naming the path; the walk goes on.
std::vector<std::filesystem::path> CollectFiles(const std::vector<std::string>& paths,
                                                std::vector<Status>* errors);

}  // namespace cairn::ingest
