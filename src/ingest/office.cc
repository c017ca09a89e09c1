// Word (.docx) and OpenDocument text (.odt): the zip read with libarchive
// (only the entries needed, each under the expansion caps), the XML with
// libxml2's tree parser (no network, no entity expansion, libxml2's own
// depth limit).
//
// Body paragraphs become paragraphs, headings (Word heading styles and
// outline levels, ODF text:h) sections, each table row one line with its
// cells separated by " | ". Footnotes, endnotes and comments are kept apart
// from the body: a marker "[n]" stays where a note is referenced, and the
// notes follow the body under their own headings ("Footnotes", "Endnotes",
// "Comments"), so they never interrupt a body sentence and form sections of
// their own. Document properties (docProps/core.xml, meta.xml) give the
// title, the author and the creation date (the document's date when the text
// states none).
#include <archive.h>
#include <archive_entry.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <map>
#include <memory>
#include <set>

#include "core/date.h"
#include "ingest/formats.h"
#include "ingest/xml_errors.h"

namespace cairn::ingest {
namespace {

constexpr const char kW[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char kText[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr const char kTable[] = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr const char kOffice[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

// The entries of a zip this reader needs, by name.
using Entries = std::map<std::string, std::string>;

Result<Entries> ReadZip(const std::string& label, std::string_view bytes,
                        const std::set<std::string>& wanted, const Options& options) {
  std::unique_ptr<archive, int (*)(archive*)> a(archive_read_new(), archive_read_free);
  if (a == nullptr) return Status::Internal(label + ": libarchive could not start");
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return Status::InvalidArgument(label +
                                   ": damaged zip archive: " + archive_error_string(a.get()));
  }
  Entries out;
  uint64_t total = 0;
  const uint64_t ratio_cap = std::max<uint64_t>(bytes.size(), 1) * options.max_expansion_ratio;
  archive_entry* entry = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
      const char* why = archive_error_string(a.get());
      return Status::InvalidArgument(label + ": damaged zip archive: " + (why ? why : "bad entry"));
    }
    const char* name = archive_entry_pathname(entry);
    if (name == nullptr || !wanted.contains(name)) continue;  // skipped unread
    std::string& data = out[name];
    char buf[65536];
    for (;;) {
      la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
      if (n == 0) break;
      if (n < 0) {
        const char* why = archive_error_string(a.get());
        return Status::InvalidArgument(label + ": damaged zip archive: " + name + ": " +
                                       (why ? why : "cannot be expanded"));
      }
      total += static_cast<uint64_t>(n);
      if (total > options.max_expanded_bytes || (total > (1u << 20) && total > ratio_cap)) {
        return Status::InvalidArgument(
            label + ": decompression bomb refused: " + name + " expands beyond " +
            (total > options.max_expanded_bytes
                 ? std::to_string(options.max_expanded_bytes) + " bytes"
                 : std::to_string(options.max_expansion_ratio) + " times the file's size"));
      }
      data.append(buf, static_cast<size_t>(n));
    }
  }
  return out;
}

using XmlDoc = std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)>;

XmlDoc ParseXml(const std::string& xml) {
  if (xml.empty() || xml.size() > static_cast<size_t>(INT32_MAX))
    return XmlDoc(nullptr, xmlFreeDoc);
  LibxmlErrorScope quiet;  // nothing on standard error, whatever the XML holds
  return XmlDoc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
                xmlFreeDoc);
}

bool Is(const xmlNode* n, const char* ns, const char* local) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && n->ns != nullptr &&
         n->ns->href != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}

bool IsLocal(const xmlNode* n, const char* local) {
  return n != nullptr && n->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string Content(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (v == nullptr) return "";
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The non-blank lines of `text`, each trimmed.
std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string l = Trim(text.substr(pos, nl - pos));
    if (!l.empty()) lines.push_back(std::move(l));
    pos = nl + 1;
  }
  return lines;
}

// "2019-03-14T09:00:00Z" -> the day.
std::optional<Day> IsoDay(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (int i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    y = y * 10 + (s[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    m = m * 10 + (s[i] - '0');
  }
  for (int i = 8; i < 10; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    d = d * 10 + (s[i] - '0');
  }
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return DayFromCivil(y, m, d);
}

// A paragraph or table as the converter collects it.
struct OutBlock {
  std::vector<std::string> lines;
  int heading_level = 0;
};

// Properties shared by both formats: title, author, creation date.
struct Properties {
  std::string title, author;
  std::optional<Day> created;
};

void ReadProperties(const std::string& xml, Properties* p) {
  XmlDoc doc = ParseXml(xml);
  if (doc == nullptr) return;
  std::vector<const xmlNode*> stack{xmlDocGetRootElement(doc.get())};
  while (!stack.empty()) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (n->type == XML_ELEMENT_NODE) {
      const std::string local = reinterpret_cast<const char*>(n->name);
      if (local == "title" && p->title.empty()) p->title = Trim(Content(n));
      if ((local == "creator" || local == "initial-creator") && p->author.empty()) {
        p->author = Trim(Content(n));
      }
      if ((local == "created" || local == "creation-date") && !p->created) {
        p->created = IsoDay(Trim(Content(n)));
      }
    }
    for (const xmlNode* c = n->last; c != nullptr; c = c->prev) stack.push_back(c);
  }
}

// ---- Word ----

class DocxReader {
 public:
  explicit DocxReader(std::map<std::string, int> style_levels)
      : style_levels_(std::move(style_levels)) {}

  void Body(const xmlNode* body, std::vector<OutBlock>* out) {
    for (const xmlNode* c = body->children; c != nullptr; c = c->next) {
      if (Is(c, kW, "p")) {
        OutBlock b;
        std::string text;
        Runs(c, &text);
        b.heading_level = Level(c);
        b.lines = SplitLines(text);
        if (!b.lines.empty()) out->push_back(std::move(b));
      } else if (Is(c, kW, "tbl")) {
        OutBlock b;
        Table(c, &b.lines);
        if (!b.lines.empty()) out->push_back(std::move(b));
      } else if (Is(c, kW, "sdt") || Is(c, kW, "sdtContent") || Is(c, kW, "customXml")) {
        Body(c, out);
      }
    }
  }

  // The notes of footnotes.xml or endnotes.xml in id order, "[id] text".
  static std::vector<OutBlock> Notes(const xmlNode* root, const char* element) {
    std::vector<OutBlock> out;
    DocxReader r({});
    for (const xmlNode* c = root ? root->children : nullptr; c != nullptr; c = c->next) {
      if (!Is(c, kW, element)) continue;
      const std::string type = Attr(c, "type");
      if (!type.empty() && type != "normal") continue;  // separators
      std::string text;
      for (const xmlNode* p = c->children; p != nullptr; p = p->next) {
        if (!Is(p, kW, "p")) continue;
        std::string t;
        r.Runs(p, &t);
        t = Trim(t);
        if (t.empty()) continue;
        if (!text.empty()) text += ' ';
        text += t;
      }
      if (text.empty()) continue;
      out.push_back({{"[" + Attr(c, "id") + "] " + text}, 0});
    }
    return out;
  }

  static std::vector<OutBlock> Comments(const xmlNode* root) {
    std::vector<OutBlock> out;
    DocxReader r({});
    for (const xmlNode* c = root ? root->children : nullptr; c != nullptr; c = c->next) {
      if (!Is(c, kW, "comment")) continue;
      std::string text;
      for (const xmlNode* p = c->children; p != nullptr; p = p->next) {
        if (!Is(p, kW, "p")) continue;
        std::string t;
        r.Runs(p, &t);
        t = Trim(t);
        if (!t.empty()) text += (text.empty() ? "" : " ") + t;
      }
      if (text.empty()) continue;
      const std::string who = Attr(c, "author");
      out.push_back({{"[comment" + (who.empty() ? "" : " by " + who) + "] " + text}, 0});
    }
    return out;
  }

 private:
  // The text of a paragraph's runs, in document order.
  void Runs(const xmlNode* n, std::string* out) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (Is(c, kW, "t")) {
        *out += Content(c);
      } else if (Is(c, kW, "tab")) {
        *out += ' ';
      } else if (Is(c, kW, "br") || Is(c, kW, "cr")) {
        *out += '\n';
      } else if (Is(c, kW, "noBreakHyphen")) {
        *out += '-';
      } else if (Is(c, kW, "footnoteReference") || Is(c, kW, "endnoteReference")) {
        *out += "[" + Attr(c, "id") + "]";
      } else if (Is(c, kW, "del") || Is(c, kW, "delText") || Is(c, kW, "instrText") ||
                 Is(c, kW, "pPr") || Is(c, kW, "rPr") || Is(c, kW, "commentReference")) {
        // deleted text, field codes and properties are not text
      } else {
        Runs(c, out);  // runs, hyperlinks, insertions, smart tags, fields
      }
    }
  }

  void Table(const xmlNode* tbl, std::vector<std::string>* lines) {
    for (const xmlNode* tr = tbl->children; tr != nullptr; tr = tr->next) {
      if (!Is(tr, kW, "tr")) continue;
      std::string row;
      for (const xmlNode* tc = tr->children; tc != nullptr; tc = tc->next) {
        if (!Is(tc, kW, "tc")) continue;
        std::string cell;
        CellText(tc, &cell);
        if (!row.empty()) row += " | ";
        row += Trim(cell);
      }
      if (row.find_first_not_of(" |") != std::string::npos) lines->push_back(row);
    }
  }

  void CellText(const xmlNode* n, std::string* out) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (Is(c, kW, "p")) {
        std::string t;
        Runs(c, &t);
        for (char& ch : t) ch = ch == '\n' ? ' ' : ch;
        t = Trim(t);
        if (!t.empty()) *out += (out->empty() ? "" : " ") + t;
      } else if (c->type == XML_ELEMENT_NODE && !Is(c, kW, "tcPr")) {
        CellText(c, out);  // nested tables and content controls, flattened
      }
    }
  }

  int Level(const xmlNode* p) const {
    for (const xmlNode* c = p->children; c != nullptr; c = c->next) {
      if (!Is(c, kW, "pPr")) continue;
      for (const xmlNode* d = c->children; d != nullptr; d = d->next) {
        if (Is(d, kW, "outlineLvl")) {
          int v = std::atoi(Attr(d, "val").c_str());
          if (v >= 0 && v < 6) return v + 1;
        }
        if (Is(d, kW, "pStyle")) {
          const std::string id = Attr(d, "val");
          auto it = style_levels_.find(id);
          if (it != style_levels_.end()) return it->second;
          // Built-in ids when styles.xml does not say: Heading1, Title.
          if (id == "Title") return 1;
          if (id.size() == 8 && id.starts_with("Heading") && id[7] >= '1' && id[7] <= '6') {
            return id[7] - '0';
          }
        }
      }
    }
    return 0;
  }

  std::map<std::string, int> style_levels_;
};

// styles.xml: style id -> heading level, from the style's name ("heading 2",
// "Title") or its outline level.
std::map<std::string, int> StyleLevels(const std::string& xml) {
  std::map<std::string, int> out;
  XmlDoc doc = ParseXml(xml);
  if (doc == nullptr) return out;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  for (const xmlNode* s = root ? root->children : nullptr; s != nullptr; s = s->next) {
    if (!Is(s, kW, "style")) continue;
    const std::string id = Attr(s, "styleId");
    int level = 0;
    for (const xmlNode* c = s->children; c != nullptr; c = c->next) {
      if (Is(c, kW, "name")) {
        std::string name = Attr(c, "val");
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (name == "title") level = 1;
        if (name.size() == 9 && name.starts_with("heading ") && name[8] >= '1' && name[8] <= '6') {
          level = name[8] - '0';
        }
      }
      if (Is(c, kW, "pPr")) {
        for (const xmlNode* d = c->children; d != nullptr; d = d->next) {
          if (Is(d, kW, "outlineLvl") && level == 0) {
            int v = std::atoi(Attr(d, "val").c_str());
            if (v >= 0 && v < 6) level = v + 1;
          }
        }
      }
    }
    if (!id.empty() && level > 0) out[id] = level;
  }
  return out;
}

void AppendNotes(const char* heading, std::vector<OutBlock> notes, std::vector<OutBlock>* out) {
  if (notes.empty()) return;
  out->push_back({{heading}, 1});
  for (OutBlock& b : notes) out->push_back(std::move(b));
}

Status Docx(const std::string& label, const Entries& e, std::vector<OutBlock>* blocks,
            Properties* props) {
  XmlDoc doc = ParseXml(e.at("word/document.xml"));
  if (doc == nullptr)
    return Status::InvalidArgument(label + ": damaged Word file: word/document.xml is not XML");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const xmlNode* body = nullptr;
  for (const xmlNode* c = root ? root->children : nullptr; c != nullptr; c = c->next) {
    if (Is(c, kW, "body")) body = c;
  }
  if (body == nullptr)
    return Status::InvalidArgument(label + ": damaged Word file: no document body");
  auto get = [&](const char* name) {
    auto it = e.find(name);
    return it == e.end() ? std::string() : it->second;
  };
  DocxReader reader(StyleLevels(get("word/styles.xml")));
  reader.Body(body, blocks);
  auto notes = [&](const char* file, const char* element) {
    XmlDoc d = ParseXml(get(file));
    return d == nullptr ? std::vector<OutBlock>()
                        : DocxReader::Notes(xmlDocGetRootElement(d.get()), element);
  };
  AppendNotes("Footnotes", notes("word/footnotes.xml", "footnote"), blocks);
  AppendNotes("Endnotes", notes("word/endnotes.xml", "endnote"), blocks);
  {
    XmlDoc d = ParseXml(get("word/comments.xml"));
    if (d != nullptr)
      AppendNotes("Comments", DocxReader::Comments(xmlDocGetRootElement(d.get())), blocks);
  }
  ReadProperties(get("docProps/core.xml"), props);
  return Status::OK();
}

// ---- OpenDocument ----

class OdtReader {
 public:
  void Body(const xmlNode* n, std::vector<OutBlock>* out) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (Is(c, kText, "p") || Is(c, kText, "h")) {
        std::string text;
        Inline(c, &text);
        OutBlock b;
        if (Is(c, kText, "h")) {
          int level = std::atoi(Attr(c, "outline-level").c_str());
          b.heading_level = level >= 1 && level <= 6 ? level : 1;
        }
        b.lines = SplitLines(text);
        if (!b.lines.empty()) out->push_back(std::move(b));
      } else if (Is(c, kTable, "table")) {
        OutBlock b;
        Table(c, &b.lines);
        if (!b.lines.empty()) out->push_back(std::move(b));
      } else if (Is(c, kOffice, "annotation")) {
        Annotation(c);
      } else if (c->type == XML_ELEMENT_NODE && !Is(c, kText, "sequence-decls") &&
                 !Is(c, kText, "tracked-changes") && !Is(c, kOffice, "forms")) {
        Body(c, out);  // lists, list items, sections, frames
      }
    }
  }

  std::vector<OutBlock> footnotes, endnotes, comments;

 private:
  void Inline(const xmlNode* n, std::string* out) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        *out += reinterpret_cast<const char*>(c->content);
      } else if (Is(c, kText, "s")) {
        int k = std::atoi(Attr(c, "c").c_str());
        out->append(static_cast<size_t>(std::clamp(k, 1, 64)), ' ');
      } else if (Is(c, kText, "tab")) {
        *out += ' ';
      } else if (Is(c, kText, "line-break")) {
        *out += '\n';
      } else if (Is(c, kText, "note")) {
        Note(c, out);
      } else if (Is(c, kOffice, "annotation")) {
        Annotation(c);
      } else if (Is(c, kOffice, "annotation-end") || Is(c, kText, "bookmark") ||
                 Is(c, kText, "soft-page-break")) {
      } else if (c->type == XML_ELEMENT_NODE) {
        Inline(c, out);  // spans, links, fields
      }
    }
  }

  void Note(const xmlNode* note, std::string* out) {
    std::string citation, body;
    for (const xmlNode* c = note->children; c != nullptr; c = c->next) {
      if (Is(c, kText, "note-citation")) citation = Trim(Content(c));
      if (Is(c, kText, "note-body")) body = Paragraphs(c);
    }
    if (citation.empty()) citation = std::to_string(footnotes.size() + endnotes.size() + 1);
    *out += "[" + citation + "]";
    if (body.empty()) return;
    (Attr(note, "note-class") == "endnote" ? endnotes : footnotes)
        .push_back({{"[" + citation + "] " + body}, 0});
  }

  void Annotation(const xmlNode* a) {
    std::string who;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (IsLocal(c, "creator")) who = Trim(Content(c));
    }
    std::string body = Paragraphs(a);
    if (!body.empty()) {
      comments.push_back({{"[comment" + (who.empty() ? "" : " by " + who) + "] " + body}, 0});
    }
  }

  // The text:p of a note body or annotation, joined with spaces.
  std::string Paragraphs(const xmlNode* n) {
    std::string out;
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (Is(c, kText, "p") || Is(c, kText, "h")) {
        std::string t;
        Inline(c, &t);
        for (char& ch : t) ch = ch == '\n' ? ' ' : ch;
        t = Trim(t);
        if (!t.empty()) out += (out.empty() ? "" : " ") + t;
      } else if (Is(c, kText, "list") || Is(c, kText, "list-item")) {
        std::string t = Paragraphs(c);
        if (!t.empty()) out += (out.empty() ? "" : " ") + t;
      }
    }
    return out;
  }

  void Table(const xmlNode* n, std::vector<std::string>* lines) {
    for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
      if (Is(c, kTable, "table-row")) {
        std::string row;
        bool first = true;
        for (const xmlNode* cell = c->children; cell != nullptr; cell = cell->next) {
          if (!Is(cell, kTable, "table-cell")) continue;
          if (!first) row += " | ";
          first = false;
          row += Paragraphs(cell);
        }
        if (row.find_first_not_of(" |") != std::string::npos) lines->push_back(row);
      } else if (Is(c, kTable, "table-header-rows") || Is(c, kTable, "table-rows") ||
                 Is(c, kTable, "table-row-group")) {
        Table(c, lines);
      }
    }
  }
};

Status Odt(const std::string& label, const Entries& e, std::vector<OutBlock>* blocks,
           Properties* props) {
  auto it = e.find("content.xml");
  if (it == e.end())
    return Status::InvalidArgument(label + ": damaged OpenDocument file: no content.xml");
  XmlDoc doc = ParseXml(it->second);
  if (doc == nullptr) {
    return Status::InvalidArgument(label + ": damaged OpenDocument file: content.xml is not XML");
  }
  const xmlNode* text = nullptr;
  std::vector<const xmlNode*> stack{xmlDocGetRootElement(doc.get())};
  while (!stack.empty() && text == nullptr) {
    const xmlNode* n = stack.back();
    stack.pop_back();
    if (Is(n, kOffice, "text")) {
      text = n;
      break;
    }
    if (Is(n, kOffice, "document-content") || Is(n, kOffice, "body")) {
      for (const xmlNode* c = n->children; c != nullptr; c = c->next) stack.push_back(c);
    }
  }
  if (text == nullptr)
    return Status::InvalidArgument(label + ": OpenDocument file without text body");
  OdtReader r;
  r.Body(text, blocks);
  AppendNotes("Footnotes", std::move(r.footnotes), blocks);
  AppendNotes("Endnotes", std::move(r.endnotes), blocks);
  AppendNotes("Comments", std::move(r.comments), blocks);
  auto meta = e.find("meta.xml");
  if (meta != e.end()) ReadProperties(meta->second, props);
  return Status::OK();
}

}  // namespace

Result<Document> LoadOffice(const std::string& label, std::string_view bytes,
                            const Options& options) {
  static const std::set<std::string> kWanted = {
      "[Content_Types].xml", "mimetype",          "word/document.xml", "word/styles.xml",
      "word/footnotes.xml",  "word/endnotes.xml", "word/comments.xml", "docProps/core.xml",
      "content.xml",         "meta.xml"};
  Result<Entries> entries = ReadZip(label, bytes, kWanted, options);
  if (!entries.ok()) return entries.status();
  std::vector<OutBlock> blocks;
  Properties props;
  std::string format;
  auto mimetype = entries->find("mimetype");
  if (entries->contains("[Content_Types].xml") && entries->contains("word/document.xml")) {
    format = "docx";
    CAIRN_RETURN_IF_ERROR(Docx(label, *entries, &blocks, &props));
  } else if (mimetype != entries->end() &&
             Trim(mimetype->second) == "application/vnd.oasis.opendocument.text") {
    format = "odt";
    CAIRN_RETURN_IF_ERROR(Odt(label, *entries, &blocks, &props));
  } else if (mimetype != entries->end() &&
             mimetype->second.starts_with("application/vnd.oasis.opendocument.")) {
    return Status::Unsupported(label + ": an OpenDocument file that is not a text document (" +
                               Trim(mimetype->second) + ")");
  } else if (entries->contains("[Content_Types].xml")) {
    return Status::Unsupported(label + ": an Office file that is not a Word document");
  } else {
    return Status::Unsupported(label + ": a zip archive, not a Word or OpenDocument text document");
  }
  Entries().swap(*entries);
  Converted conv;
  for (OutBlock& b : blocks) {
    Block out;
    for (const std::string& l : b.lines) out.lines.push_back(conv.arena.Add(l));
    out.heading_level = b.heading_level;
    conv.blocks.push_back(std::move(out));
  }
  conv.title = props.title;
  conv.author = props.author;
  if (conv.blocks.empty())
    return Status::InvalidArgument(label + ": the " + format + " file holds no text");
  Document doc;
  CAIRN_RETURN_IF_ERROR(FinishDocument(label, bytes, format, &conv, &doc));
  if (!doc.date) doc.date = props.created;
  return doc;
}

}  // namespace cairn::ingest
