// E-mail through GMime 3: one RFC 822 message, or an mbox file (its first
// message is the document, the others become its attachments, "message-2.eml"
// and so on). Headers give the metadata (Subject -> title, From -> author,
// Date -> the document's date, To and Cc -> recipients); the body is the
// first text/plain part that is not an attachment, else the first text/html
// one through the HTML converter. Attachments (and attached messages) are
// loaded as documents of their own (Document::attachments), at most
// Options::max_attachments of them, nested at most four deep.
#include <gmime/gmime.h>

#include <memory>
#include <mutex>

#include "ingest/formats.h"

// GObject's type-check and cast macros are C casts.
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wcast-align"

namespace cairn::ingest {
namespace {

void InitGmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

template <typename T>
struct GUnref {
  void operator()(T* p) const {
    if (p != nullptr) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GUnref<T>>;

std::string Own(char* s) {
  if (s == nullptr) return "";
  std::string out(s);
  g_free(s);
  return out;
}

std::string AddressText(InternetAddressList* list, bool name_first) {
  if (list == nullptr) return "";
  std::string out;
  const int n = internet_address_list_length(list);
  for (int i = 0; i < n; ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    std::string name = internet_address_get_name(a) ? internet_address_get_name(a) : "";
    std::string addr;
    if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
      const char* x = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
      addr = x ? x : "";
    }
    std::string one = name_first && !name.empty() ? name : addr.empty() ? name : addr;
    if (one.empty()) continue;
    if (!out.empty()) out += ", ";
    out += one;
  }
  return out;
}

std::string Bytes(GMimeDataWrapper* content) {
  if (content == nullptr) return "";
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, mem.get());
  GByteArray* arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return arr == nullptr ? "" : std::string(reinterpret_cast<const char*>(arr->data), arr->len);
}

struct Walk {
  std::string plain, html;
  struct Attachment {
    std::string name;
    std::string bytes;
  };
  std::vector<Attachment> attachments;
  size_t attachments_seen = 0;
  size_t cap = 0;
};

void Visit(GMimeObject*, GMimeObject* part, gpointer data) {
  Walk* w = static_cast<Walk*>(data);
  if (GMIME_IS_MESSAGE_PART(part)) {
    ++w->attachments_seen;
    if (w->attachments.size() >= w->cap) return;
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
    if (inner == nullptr) return;
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, mem.get());
    GByteArray* arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    if (arr == nullptr) return;
    w->attachments.push_back({"message-" + std::to_string(w->attachments_seen) + ".eml",
                              std::string(reinterpret_cast<const char*>(arr->data), arr->len)});
    return;
  }
  if (!GMIME_IS_PART(part)) return;
  GMimePart* p = GMIME_PART(part);
  GMimeContentType* ct = g_mime_object_get_content_type(part);
  const bool attachment = g_mime_part_is_attachment(p);
  if (!attachment && GMIME_IS_TEXT_PART(part)) {
    if (w->plain.empty() && g_mime_content_type_is_type(ct, "text", "plain")) {
      w->plain = Own(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
      return;
    }
    if (w->html.empty() && g_mime_content_type_is_type(ct, "text", "html")) {
      w->html = Own(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
      return;
    }
  }
  if (!attachment && g_mime_content_type_is_type(ct, "text", "*")) return;  // other alternatives
  ++w->attachments_seen;
  if (w->attachments.size() >= w->cap) return;
  const char* fname = g_mime_part_get_filename(p);
  std::string name =
      fname != nullptr && *fname ? fname : "attachment-" + std::to_string(w->attachments_seen);
  for (char& c : name) {
    if (c == '/' || c == '\\') c = '_';
  }
  w->attachments.push_back({std::move(name), Bytes(g_mime_part_get_content(p))});
}

thread_local int g_depth = 0;

Result<Document> LoadMessage(const std::string& label, std::string_view bytes, GMimeMessage* msg,
                             const Options& options) {
  Walk w;
  w.cap = options.max_attachments;
  g_mime_message_foreach(msg, Visit, &w);

  Converted conv;
  const bool html = w.plain.empty() && !w.html.empty();
  std::string body = html ? std::move(w.html) : std::move(w.plain);
  if (!body.empty()) conv = html ? ConvertHtml(std::string_view(body)) : ConvertText(body);
  const char* subject = g_mime_message_get_subject(msg);
  conv.title = subject ? subject : "";
  conv.author = AddressText(g_mime_message_get_from(msg), true);
  if (GDateTime* date = g_mime_message_get_date(msg)) {
    GDateTime* utc = g_date_time_to_utc(date);
    if (utc != nullptr) {
      conv.date = static_cast<Day>(g_date_time_to_unix(utc) / 86400 -
                                   (g_date_time_to_unix(utc) % 86400 < 0 ? 1 : 0));
      g_date_time_unref(utc);
    }
  }
  Document doc;
  if (conv.blocks.empty()) {  // a message with attachments only: its subject is its text
    if (conv.title.empty() && w.attachments.empty()) {
      return Status::InvalidArgument(label +
                                     ": the e-mail has no text body, subject or attachment");
    }
    conv.blocks.push_back(
        Block{{conv.arena.Add(conv.title.empty() ? "(no subject)" : conv.title)}});
  }
  CAIRN_RETURN_IF_ERROR(FinishDocument(label, bytes, "email", &conv, &doc));
  std::string to = AddressText(g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO), false);
  std::string cc = AddressText(g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_CC), false);
  for (const std::string& list : {to, cc}) {
    size_t pos = 0;
    while (pos < list.size()) {
      size_t comma = list.find(", ", pos);
      if (comma == std::string::npos) comma = list.size();
      doc.recipients.push_back(list.substr(pos, comma - pos));
      pos = comma + 2;
    }
  }
  if (w.attachments_seen > w.attachments.size()) {
    doc.problems.push_back(label + ": " + std::to_string(w.attachments_seen) +
                           " attachments; only the first " + std::to_string(w.attachments.size()) +
                           " were read");
  }
  if (g_depth >= 4) {
    if (!w.attachments.empty())
      doc.problems.push_back(label + ": attachments nested too deep: not read");
    return doc;
  }
  ++g_depth;
  for (Walk::Attachment& a : w.attachments) {
    Result<Document> d = LoadAny(a.name, a.bytes, options);
    if (!d.ok()) {
      doc.problems.push_back(label + "/" + d.status().message());
      continue;
    }
    d->path = a.name;
    doc.attachments.push_back(std::move(d).value());
  }
  --g_depth;
  return doc;
}

}  // namespace

Result<Document> LoadEmail(const std::string& label, std::string_view bytes,
                           const Options& options) {
  InitGmime();
  const bool mbox = bytes.starts_with("From ");
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> first(g_mime_parser_construct_message(parser.get(), nullptr));
  if (first == nullptr)
    return Status::InvalidArgument(label + ": damaged e-mail: it cannot be parsed");
  Result<Document> doc = LoadMessage(label, bytes, first.get(), options);
  if (!doc.ok() || !mbox) return doc;
  // The other messages of an mbox file.
  size_t n = 1;
  while (!g_mime_parser_eos(parser.get())) {
    GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
    if (msg == nullptr) break;
    ++n;
    if (doc->attachments.size() >= options.max_attachments) continue;
    const std::string name = "message-" + std::to_string(n) + ".eml";
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(msg.get()), nullptr, mem.get());
    GByteArray* arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    std::string raw = arr ? std::string(reinterpret_cast<const char*>(arr->data), arr->len) : "";
    Result<Document> d = LoadMessage(name, raw, msg.get(), options);
    if (!d.ok()) {
      doc->problems.push_back(label + "/" + d.status().message());
      continue;
    }
    d->path = name;
    doc->attachments.push_back(std::move(d).value());
  }
  if (n > options.max_attachments + 1) {
    doc->problems.push_back(label + ": " + std::to_string(n) + " messages; only the first " +
                            std::to_string(options.max_attachments + 1) + " were read");
  }
  return doc;
}

}  // namespace cairn::ingest
