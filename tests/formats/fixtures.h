// Test fixtures the tests make themselves: PDFs drawn with cairo and pango
// (Noto CJK for Korean), text rendered to PNG for OCR, zip archives written
// with libarchive (.docx, .odt), MIME messages. No third-party files.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace cairn::testing {

// One line of text placed on a page: its top-left corner in points.
struct PlacedText {
  double x = 0, y = 0;
  std::string text;
  double size = 11;
  std::string font = "Noto Sans CJK KR";
};

struct PdfPage {
  std::vector<PlacedText> lines;
  // Paragraphs wrapped by pango into a box: (x, y, width, text).
  struct Box {
    double x = 0, y = 0, width = 0;
    std::string text;
    double size = 11;
  };
  std::vector<Box> boxes;
};

struct PdfMeta {
  std::string title, author, create_date;  // create_date "YYYY-MM-DDTHH:MM:SS"
};

inline cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int n) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), n);
  return CAIRO_STATUS_SUCCESS;
}

inline void DrawText(cairo_t* cr, double x, double y, const std::string& text, double size,
                     const std::string& font, double width) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* fd = pango_font_description_from_string(font.c_str());
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, fd);
  if (width > 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  }
  pango_layout_set_text(layout, text.c_str(), -1);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(fd);
  g_object_unref(layout);
}

// Height in points of `text` wrapped to `width`.
inline double TextHeight(cairo_t* cr, const std::string& text, double size, double width) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* fd = pango_font_description_from_string("Noto Sans CJK KR");
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, fd);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  pango_layout_set_text(layout, text.c_str(), -1);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  pango_font_description_free(fd);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

// `text` broken into lines `width` points wide, as pango wraps it.
inline std::vector<std::string> WrapLines(cairo_t* cr, const std::string& text, double size,
                                          double width) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* fd = pango_font_description_from_string("Noto Sans CJK KR");
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(layout, fd);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  pango_layout_set_text(layout, text.c_str(), -1);
  std::vector<std::string> out;
  for (GSList* l = pango_layout_get_lines_readonly(layout); l != nullptr; l = l->next) {
    auto* line = static_cast<PangoLayoutLine*>(l->data);
    out.push_back(
        text.substr(static_cast<size_t>(line->start_index), static_cast<size_t>(line->length)));
  }
  pango_font_description_free(fd);
  g_object_unref(layout);
  return out;
}

// Paragraphs set line by line on Letter pages (468 pt wide, 72 pt margins),
// a paragraph running on to the next page where the page ends, `heading`
// paragraphs larger; 10 pt between paragraphs.
inline std::vector<PdfPage> SetParagraphs(
    const std::vector<std::pair<std::string, bool>>& paragraphs, double size = 11);

// A Letter-size PDF (612 x 792 pt).
inline std::string MakePdf(const std::vector<PdfPage>& pages, const PdfMeta& meta = {}) {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(AppendToString, &out, 612, 792);
  if (!meta.title.empty())
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, meta.title.c_str());
  if (!meta.author.empty())
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, meta.author.c_str());
  if (!meta.create_date.empty()) {
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, meta.create_date.c_str());
  }
  cairo_t* cr = cairo_create(s);
  for (const PdfPage& p : pages) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const PlacedText& l : p.lines) DrawText(cr, l.x, l.y, l.text, l.size, l.font, 0);
    for (const PdfPage::Box& b : p.boxes)
      DrawText(cr, b.x, b.y, b.text, b.size, "Noto Sans CJK KR", b.width);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

struct PngReader {
  const std::string* data;
  size_t pos = 0;
};

inline cairo_status_t ReadFromString(void* closure, unsigned char* out, unsigned int n) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->pos + n > r->data->size()) return CAIRO_STATUS_READ_ERROR;
  std::copy(r->data->begin() + static_cast<long>(r->pos),
            r->data->begin() + static_cast<long>(r->pos + n), out);
  r->pos += n;
  return CAIRO_STATUS_SUCCESS;
}

// A PDF whose first page is `text_page` and whose second page holds only
// `png` (no text layer), scaled to 468 pt wide.
inline std::string MakePdfWithImagePage(const PdfPage& text_page, const std::string& png) {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(AppendToString, &out, 612, 792);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (const PlacedText& l : text_page.lines) DrawText(cr, l.x, l.y, l.text, l.size, l.font, 0);
  cairo_show_page(cr);
  PngReader reader{&png};
  cairo_surface_t* img = cairo_image_surface_create_from_png_stream(ReadFromString, &reader);
  const double scale = 468.0 / cairo_image_surface_get_width(img);
  cairo_save(cr);
  cairo_translate(cr, 72, 72);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, img, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  cairo_show_page(cr);
  cairo_surface_destroy(img);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

inline std::vector<PdfPage> SetParagraphs(
    const std::vector<std::pair<std::string, bool>>& paragraphs, double size) {
  std::vector<PdfPage> pages(1);
  cairo_surface_t* scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t* cr = cairo_create(scratch);
  double y = 72;
  for (const auto& [text, heading] : paragraphs) {
    if (text.find_first_not_of(' ') == std::string::npos) continue;
    const double s = heading ? size * 1.5 : size;
    for (const std::string& line : WrapLines(cr, text, s, 468)) {
      if (y + s * 1.4 > 720) {
        pages.emplace_back();
        y = 72;
      }
      pages.back().lines.push_back({72, y, line, s});
      y += s * 1.4;
    }
    y += 10;
  }
  cairo_destroy(cr);
  cairo_surface_destroy(scratch);
  return pages;
}

// Paragraphs flowed onto as many pages as they need, one column of 468 pt.
inline std::string MakeFlowedPdf(const std::vector<std::string>& paragraphs, double size = 11) {
  std::vector<PdfPage> pages(1);
  cairo_surface_t* scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t* cr = cairo_create(scratch);
  double y = 72;
  for (const std::string& para : paragraphs) {
    if (para.empty()) continue;
    const double h = TextHeight(cr, para, size, 468);
    if (y + h > 720 && y > 72) {
      pages.emplace_back();
      y = 72;
    }
    pages.back().boxes.push_back({72, y, 468, para, size});
    y += h + size * 0.9;
  }
  cairo_destroy(cr);
  cairo_surface_destroy(scratch);
  return MakePdf(pages);
}

// `lines` rendered black on white at `size` pixels per em, to PNG bytes.
inline std::string MakePng(const std::vector<std::string>& lines, double size,
                           const std::string& font, int width, int height) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  double y = size * 2;
  for (const std::string& l : lines) {
    DrawText(cr, size * 2, y, l, size, font, 0);
    y += size * 1.6;
  }
  std::string out;
  cairo_surface_write_to_png_stream(s, AppendToString, &out);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  return out;
}

// A zip archive of (name, bytes) entries, deflated.
inline std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<char> buf(64u << 20);
  size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  archive_write_set_format_option(a, "zip", "compression", "deflate");
  archive_write_open_memory(a, buf.data(), buf.size(), &used);
  for (const auto& [name, data] : entries) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return std::string(buf.data(), used);
}

inline std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

// A .docx: `body` is WordprocessingML for inside <w:body>; footnotes are
// (id, text) pairs.
inline std::string MakeDocx(const std::string& body,
                            const std::vector<std::pair<int, std::string>>& footnotes = {},
                            const std::string& title = "", const std::string& author = "",
                            const std::string& created = "") {
  const std::string ns =
      R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
  std::vector<std::pair<std::string, std::string>> e;
  e.push_back(
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)"});
  e.push_back({"word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " + ns +
                                        "><w:body>" + body + "</w:body></w:document>"});
  e.push_back(
      {"word/styles.xml",
       "<?xml version=\"1.0\"?><w:styles " + ns +
           R"(><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>)"});
  if (!footnotes.empty()) {
    std::string fn =
        "<?xml version=\"1.0\"?><w:footnotes " + ns +
        R"(><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>)";
    for (const auto& [id, text] : footnotes) {
      fn += "<w:footnote w:id=\"" + std::to_string(id) + "\"><w:p><w:r><w:t>" + XmlEscape(text) +
            "</w:t></w:r></w:p></w:footnote>";
    }
    e.push_back({"word/footnotes.xml", fn + "</w:footnotes>"});
  }
  e.push_back(
      {"docProps/core.xml",
       R"(<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">)" +
           (title.empty() ? "" : "<dc:title>" + XmlEscape(title) + "</dc:title>") +
           (author.empty() ? "" : "<dc:creator>" + XmlEscape(author) + "</dc:creator>") +
           (created.empty() ? "" : "<dcterms:created>" + created + "</dcterms:created>") +
           "</cp:coreProperties>"});
  return MakeZip(e);
}

// WordprocessingML paragraphs: plain, heading (style), footnote reference.
inline std::string WPara(const std::string& text, const std::string& style = "") {
  std::string p = "<w:p>";
  if (!style.empty()) p += "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  return p + "<w:r><w:t xml:space=\"preserve\">" + XmlEscape(text) + "</w:t></w:r></w:p>";
}

// A .docx of plain paragraphs (empty strings skipped).
inline std::string ParagraphsToDocx(const std::vector<std::string>& paragraphs) {
  std::string body;
  for (const std::string& p : paragraphs) {
    if (!p.empty()) body += WPara(p);
  }
  return MakeDocx(body);
}

// An .odt: `text` is ODF XML for inside <office:text>.
inline std::string MakeOdt(const std::string& text, const std::string& title = "",
                           const std::string& author = "", const std::string& created = "") {
  const std::string ns =
      R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0")";
  std::vector<std::pair<std::string, std::string>> e;
  e.push_back({"mimetype", "application/vnd.oasis.opendocument.text"});
  e.push_back(
      {"content.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " + ns +
                          "><office:body><office:text>" + text +
                          "</office:text></office:body></office:document-content>"});
  e.push_back(
      {"meta.xml",
       "<?xml version=\"1.0\"?><office:document-meta " + ns + "><office:meta>" +
           (title.empty() ? "" : "<dc:title>" + XmlEscape(title) + "</dc:title>") +
           (author.empty()
                ? ""
                : "<meta:initial-creator>" + XmlEscape(author) + "</meta:initial-creator>") +
           (created.empty() ? "" : "<meta:creation-date>" + created + "</meta:creation-date>") +
           "</office:meta></office:document-meta>"});
  return MakeZip(e);
}

// Base64 with line breaks every 76 characters, for MIME.
inline std::string Base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0, col = 0;
  while (i < in.size()) {
    uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    if (i + 2 < in.size()) v |= static_cast<unsigned char>(in[i + 2]);
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? k[v & 63] : '=';
    i += 3;
    col += 4;
    if (col >= 76) {
      out += "\r\n";
      col = 0;
    }
  }
  return out + "\r\n";
}

}  // namespace cairn::testing
