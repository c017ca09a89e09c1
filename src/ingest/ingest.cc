#include "ingest/ingest.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cerrno>
#include <cstring>
#include <set>
#include <system_error>

#include "core/swar.h"
#include "ingest/convert.h"
#include "ingest/decode.h"
#include "ingest/formats.h"
#include "ingest/metadata.h"

namespace cairn::ingest {
namespace fs = std::filesystem;

std::string Sha256Hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (ctx == nullptr) return "";
  bool ok = EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, md, &len) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) return "";
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

namespace {

bool AllWhitespace(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

std::string BaseName(std::string_view name) {
  size_t slash = name.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

}  // namespace

// Language: "ko" when Hangul letters are more than half of all letters
// (letters counted by ICU's alphabetic property, Hangul by script), else "en".
std::string DetectLanguage(std::string_view text) {
  size_t letters = 0, hangul = 0;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(std::min<size_t>(text.size(), 1u << 20));
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < n) {
    if (i + 8 <= n) {  // eight ASCII bytes at once
      const uint64_t w = swar::Load8(text.data() + i);
      using swar::kHigh, swar::kOnes;
      if ((w & kHigh) == 0) {
        // Per byte b = c | 0x20 (< 0x80, so no carries between bytes):
        // b + 0x1F sets the high bit from 'a' up, b + 0x05 from 'z' + 1 up.
        uint64_t b = w | (kOnes * 0x20);
        uint64_t letter = (b + kOnes * 0x1F) & ~(b + kOnes * 0x05) & kHigh;
        letters += swar::CountMarks(letter);
        i += 8;
        continue;
      }
    }
    if (s[i] < 0x80) {  // ASCII: a letter is [A-Za-z], never Hangul
      letters += ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ? 1 : 0;
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    ++letters;
    UErrorCode err = U_ZERO_ERROR;
    if (uscript_getScript(c, &err) == USCRIPT_HANGUL) ++hangul;
  }
  return letters > 0 && hangul * 2 > letters ? "ko" : "en";
}

namespace {

Status TooLarge(const std::string& label, uint64_t size, const Options& options) {
  return Status::InvalidArgument(label + ": file is " + std::to_string(size) +
                                 " bytes, over the limit of " +
                                 std::to_string(options.max_file_bytes) + " bytes");
}

// LoadBytes on bytes it may consume. At most one full copy of the document's
// text is alive at a time besides the converted lines: the bytes become the
// decoded text when they are UTF-8 already, the converted lines are views
// into it (HTML writes its lines into it behind the parser), and
// Document::text is assembled in its buffer.
Result<Document> LoadOwned(std::string_view name, std::string bytes, const Options& options) {
  const std::string label(name);
  if (bytes.size() > options.max_file_bytes) return TooLarge(label, bytes.size(), options);
  if (bytes.empty()) return Status::InvalidArgument(label + ": empty file");
  // Binary formats are known by their first bytes, before the text checks.
  switch (Sniff(bytes)) {
    case Sniffed::kPdf: return LoadPdf(label, bytes, options);
    case Sniffed::kPng:
    case Sniffed::kJpeg:
    case Sniffed::kTiff: return LoadImage(label, bytes, options);
    case Sniffed::kZip: return LoadOffice(label, bytes, options);
    case Sniffed::kEmail: return LoadEmail(label, bytes, options);
    case Sniffed::kOther: break;
  }
  CAIRN_RETURN_IF_ERROR(CheckNotBinary(label, bytes));
  std::string sha256 = Sha256Hex(bytes);
  Result<Decoded> decoded = DecodeToUtf8(label, std::move(bytes));
  if (!decoded.ok()) return decoded.status();
  std::string().swap(bytes);
  std::string& text = decoded->text;
  // Old Mac line ends: in a text with no '\n' at all, each carriage return
  // ends a line like '\n' (the same length, so nothing moves). A stray '\r'
  // inside the lines of an ordinary file stays white space.
  if (text.find('\n') == std::string::npos) std::replace(text.begin(), text.end(), '\r', '\n');
  if (AllWhitespace(text)) {
    return Status::InvalidArgument(label + ": file holds only white space");
  }

  Document doc;
  doc.name = BaseName(name);
  doc.path = label;
  doc.sha256 = std::move(sha256);
  doc.encoding = decoded->encoding;
  doc.format = DetectFormat(name, text);
  {  // the converted lines (and their arena) go before the checks below
    Converted conv = doc.format == "html"       ? ConvertHtml(&text)
                     : doc.format == "markdown" ? ConvertMarkdown(&text)
                                                : ConvertText(text);
    BuildDocument(&conv, &text, &doc);
  }
  if (AllWhitespace(doc.text)) {
    return Status::InvalidArgument(label + ": no text left after converting the " + doc.format +
                                   " file");
  }
  doc.language = DetectLanguage(doc.text);
  return doc;
}

}  // namespace

namespace {

bool IsHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c <= ' ' || c > '~' || c == ':') return false;
  }
  return true;
}

// An RFC 822 message starts with header fields up to the first empty line:
// "Name: value" lines and indented continuations, From and one of Date,
// Subject, Message-ID, Received, Return-Path or MIME-Version among them. An
// mbox file starts with "From " and such a message on the next line.
bool LooksLikeEmail(std::string_view bytes) {
  if (bytes.starts_with("From ")) {
    size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) return false;
    bytes.remove_prefix(nl + 1);
  }
  bool from = false, other = false;
  int fields = 0;
  size_t pos = 0;
  const size_t limit = std::min<size_t>(bytes.size(), 64 * 1024);
  while (pos < limit) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    std::string_view line = bytes.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      if (fields == 0) return false;
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsHeaderName(line.substr(0, colon))) return false;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ++fields;
    if (name == "from") from = true;
    if (name == "date" || name == "subject" || name == "message-id" || name == "received" ||
        name == "return-path" || name == "mime-version") {
      other = true;
    }
  }
  return from && other && fields >= 2;
}

}  // namespace

Sniffed Sniff(std::string_view b) {
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Sniffed::kPdf;
  if (b.starts_with("\x89PNG\r\n\x1a\n")) return Sniffed::kPng;
  if (b.starts_with("\xFF\xD8\xFF")) return Sniffed::kJpeg;
  if (b.starts_with(std::string_view("II*\0", 4)) || b.starts_with(std::string_view("MM\0*", 4))) {
    return Sniffed::kTiff;
  }
  if (b.starts_with(std::string_view("PK\x03\x04", 4))) return Sniffed::kZip;
  if (LooksLikeEmail(b)) return Sniffed::kEmail;
  return Sniffed::kOther;
}

Status FinishDocument(const std::string& label, std::string_view bytes, const std::string& format,
                      Converted* conv, Document* doc) {
  doc->name = BaseName(label);
  doc->path = label;
  doc->sha256 = Sha256Hex(bytes);
  doc->format = format;
  BuildDocument(conv, nullptr, doc);
  if (AllWhitespace(doc->text)) {
    return Status::InvalidArgument(label + ": no text left after converting the " + format +
                                   " file");
  }
  doc->language = DetectLanguage(doc->text);
  return Status::OK();
}

Result<Document> LoadAny(const std::string& name, std::string_view bytes, const Options& options) {
  return LoadBytes(name, bytes, options);
}

Result<Document> LoadBytes(std::string_view name, std::string_view bytes, const Options& options) {
  if (bytes.size() > options.max_file_bytes) {  // before copying them
    return TooLarge(std::string(name), bytes.size(), options);
  }
  return LoadOwned(name, std::string(bytes), options);
}

namespace {

// Why `path` cannot be opened for reading (open failed with `open_errno`),
// as the checks of the file's status put it.
Status WhyNotReadable(const fs::path& path, const std::string& label, int open_errno) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      return Status::IOError(label + ": " + ec.message());
    }
    return Status::NotFound(label + ": no such file");
  }
  if (fs::is_directory(st)) return Status::InvalidArgument(label + ": is a directory, not a file");
  if (!fs::is_regular_file(st)) return Status::Unsupported(label + ": not a regular file");
  return Status::IOError(label + ": cannot read: " +
                         (open_errno ? std::strerror(open_errno) : "open failed"));
}

}  // namespace

void NameAttachments(Document* doc) {
  for (Document& a : doc->attachments) {
    a.name = doc->name + "/" + a.name;
    a.path = doc->path + "/" + BaseName(a.path);
    a.parent = doc->name;
    NameAttachments(&a);
  }
}

Result<Document> LoadFile(const fs::path& path, const Options& options) {
  const std::string label = path.string();
  // One open, one fstat and the reads straight into the buffer (files are
  // many and small); the status checks run only when open fails.
  // O_NONBLOCK: opening a FIFO does not wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return WhyNotReadable(path, label, errno);
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) return WhyNotReadable(path, label, errno);
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument(label + ": is a directory, not a file");
  if (!S_ISREG(st.st_mode)) return Status::Unsupported(label + ": not a regular file");
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size > options.max_file_bytes) return TooLarge(label, size, options);
  std::string bytes(static_cast<size_t>(size), '\0');
  size_t got = 0;
  auto read_failed = [&](int e) {
    return Status::IOError(label + ": read failed: " + (e ? std::strerror(e) : "I/O error"));
  };
  while (got < bytes.size()) {
    ssize_t r = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return read_failed(errno);
    if (r == 0) break;  // shrank while we read
    got += static_cast<size_t>(r);
  }
  bytes.resize(got);
  if (got == size) {  // grew while we read? Read to the end (or past the limit).
    char buf[65536];
    while (bytes.size() <= options.max_file_bytes) {
      ssize_t r = ::read(fd, buf, sizeof buf);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) return read_failed(errno);
      if (r == 0) break;
      bytes.append(buf, static_cast<size_t>(r));
    }
  }
  Result<Document> doc = LoadOwned(label, std::move(bytes), options);
  if (doc.ok()) {
    doc->name = path.filename().string();
    NameAttachments(&*doc);
  }
  return doc;
}

std::vector<fs::path> CollectFiles(const std::vector<std::string>& paths,
                                   std::vector<Status>* errors) {
  std::vector<fs::path> out;
  std::set<fs::path> seen_files;
  auto report = [&](Status s) {
    if (errors) errors->push_back(std::move(s));
  };
  auto add_file = [&](const fs::path& p) {
    std::error_code ec;
    fs::path canon = fs::canonical(p, ec);
    if (ec) canon = p;
    if (seen_files.insert(canon).second) out.push_back(p);
  };
  for (const std::string& arg : paths) {
    fs::path root(arg);
    std::error_code ec;
    fs::file_status st = fs::status(root, ec);
    if (ec || !fs::exists(st)) {
      fs::file_status lst = fs::symlink_status(root, ec);
      if (fs::is_symlink(lst)) {
        report(Status::NotFound(arg + ": broken or looping symbolic link"));
      } else {
        report(Status::NotFound(arg + ": no such file or folder"));
      }
      continue;
    }
    if (!fs::is_directory(st)) {
      add_file(root);
      continue;
    }
    // Depth-first walk with an explicit stack; folders are entered once by
    // their canonical path, so symbolic link loops end and are reported.
    std::vector<fs::path> files;
    std::set<fs::path> visited;
    std::vector<fs::path> stack{root};
    while (!stack.empty()) {
      fs::path dir = stack.back();
      stack.pop_back();
      fs::path canon = fs::canonical(dir, ec);
      if (ec) {
        report(Status::IOError(dir.string() + ": " + ec.message()));
        continue;
      }
      if (!visited.insert(canon).second) {
        report(Status::InvalidArgument(dir.string() + ": symbolic link loop (folder " +
                                       canon.string() + " already visited)"));
        continue;
      }
      fs::directory_iterator it(dir, ec);
      if (ec) {
        report(Status::IOError(dir.string() + ": cannot list folder: " + ec.message()));
        continue;
      }
      std::vector<fs::path> subdirs;
      for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const fs::path& p = it->path();
        std::string fname = p.filename().string();
        if (fname.empty() || fname[0] == '.') continue;
        std::error_code e2;
        fs::file_status est = fs::status(p, e2);
        if (e2) {
          fs::file_status lst = fs::symlink_status(p, e2);
          if (fs::is_symlink(lst)) {
            report(Status::NotFound(p.string() + ": broken or looping symbolic link"));
          } else {
            report(Status::IOError(p.string() + ": " + e2.message()));
          }
          continue;
        }
        if (fs::is_directory(est)) {
          subdirs.push_back(p);
        } else if (fs::is_regular_file(est)) {
          files.push_back(p);
        } else {
          const char* kind = fs::is_fifo(est)              ? "a FIFO (named pipe)"
                             : fs::is_socket(est)          ? "a socket"
                             : fs::is_block_file(est) ||
                                     fs::is_character_file(est) ? "a device"
                                                                : "not a regular file";
          report(Status::Unsupported(p.string() + ": " + kind + ", not a file: skipped"));
        }
      }
      if (ec) report(Status::IOError(dir.string() + ": error while listing: " + ec.message()));
      std::sort(subdirs.begin(), subdirs.end(), std::greater<>());
      for (fs::path& s : subdirs) stack.push_back(std::move(s));
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) add_file(f);
  }
  return out;
}

}  // namespace cairn::ingest
