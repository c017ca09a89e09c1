// PDF through poppler-cpp: every page's words with their boxes
// (page::text_list) put in reading order (layout.h), running headers and
// footers dropped, hyphenation joined; pages without a text layer rendered
// at 300 dpi and OCR'd. The info dictionary gives title, author and the
// creation date (the document's date only when the text states none).
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <memory>
#include <mutex>

#include "ingest/formats.h"
#include "ingest/layout.h"

namespace cairn::ingest {
namespace {

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array b = s.to_utf8();
  std::string out(b.begin(), b.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

// Poppler writes its complaints about damaged files to standard error;
// Cairn reports one line of its own instead.
void QuietPoppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

bool EndsSentence(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == ')')) s.remove_suffix(1);
  if (s.empty()) return false;
  return s.back() == '.' || s.back() == '!' || s.back() == '?' || s.back() == ':' ||
         s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE3\x80\x82");
}

bool StartsLower(std::string_view s) { return !s.empty() && s.front() >= 'a' && s.front() <= 'z'; }

// Renders a page to 8-bit gray at about 300 dpi, less when the page would
// exceed `max_pixels`.
Result<RasterImage> Render(const std::string& label, const poppler::page& page, int number,
                           uint64_t max_pixels) {
  poppler::rectf box = page.page_rect(poppler::media_box);
  const double w_in = std::max(box.width(), 1.0) / 72.0, h_in = std::max(box.height(), 1.0) / 72.0;
  double dpi = 300;
  if (w_in * h_in * dpi * dpi > static_cast<double>(max_pixels)) {
    dpi = std::floor(std::sqrt(static_cast<double>(max_pixels) / (w_in * h_in)));
  }
  if (dpi < 50) {
    return Status::InvalidArgument(label + ": page " + std::to_string(number) +
                                   " is too large to OCR (" + std::to_string(w_in) + " x " +
                                   std::to_string(h_in) + " inches)");
  }
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image img = renderer.render_page(&page, dpi, dpi);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0) {
    return Status::InvalidArgument(label + ": page " + std::to_string(number) +
                                   " could not be rendered for OCR");
  }
  RasterImage r;
  r.width = img.width();
  r.height = img.height();
  r.bytes_per_pixel = 1;
  r.stride = img.bytes_per_row();
  const char* data = img.const_data();
  r.pixels.assign(data, data + static_cast<size_t>(r.stride) * static_cast<size_t>(r.height));
  return r;
}

}  // namespace

Result<Document> LoadPdf(const std::string& label, std::string_view bytes, const Options& options) {
  QuietPoppler();
  const bool has_encrypt = bytes.find("/Encrypt") != std::string_view::npos;
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidArgument(label + ": PDF too large");
  }
  std::unique_ptr<poppler::document> pdf(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size()), options.pdf_password, options.pdf_password));
  if (pdf == nullptr || pdf->is_locked()) {
    if (has_encrypt || (pdf != nullptr && pdf->is_locked())) {
      return Status::Unsupported(
          label +
          (options.pdf_password.empty()
               ? ": encrypted PDF: a password is needed (give it with --pdf-password)"
               : ": encrypted PDF: the password given with --pdf-password does not open it"));
    }
    return Status::InvalidArgument(label + ": damaged PDF: it cannot be read");
  }
  const int n = pdf->pages();
  if (n <= 0) return Status::InvalidArgument(label + ": damaged PDF: it has no pages");

  // Pass 1: every page's lines, or a note that it needs OCR.
  std::vector<std::vector<PlacedLine>> lines(static_cast<size_t>(n));
  std::vector<int> needs_ocr;
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    if (page == nullptr) continue;
    std::vector<PlacedWord> words;
    for (poppler::text_box& box : page->text_list()) {
      PlacedWord w;
      poppler::rectf r = box.bbox();
      w.x0 = r.left();
      w.y0 = r.top();
      w.x1 = r.right();
      w.y1 = r.bottom();
      w.text = Utf8(box.text());
      w.space_after = box.has_space_after();
      if (w.text.find_first_not_of(" \t") != std::string::npos) words.push_back(std::move(w));
    }
    if (words.empty()) {
      needs_ocr.push_back(i);
    } else {
      lines[static_cast<size_t>(i)] = ReadingOrder(std::move(words));
    }
  }
  DropRunningLines(&lines);

  std::vector<std::vector<LaidParagraph>> paras(static_cast<size_t>(n));
  for (size_t i = 0; i < paras.size(); ++i) paras[i] = Paragraphs(lines[i]);
  std::vector<std::vector<PlacedLine>>().swap(lines);

  // Pass 2: pages without text, OCR'd a few at a time (a rendered page is
  // about 8 MB) on options.jobs threads.
  Converted conv;
  conv.pages.resize(static_cast<size_t>(n));
  if (!needs_ocr.empty() && options.ocr) {
    const size_t chunk = static_cast<size_t>(std::max(2 * options.jobs, 4));
    Options progress = options;
    const int total = static_cast<int>(needs_ocr.size());
    for (size_t c = 0; c < needs_ocr.size(); c += chunk) {
      std::vector<RasterImage> images;
      const size_t end = std::min(needs_ocr.size(), c + chunk);
      for (size_t k = c; k < end; ++k) {
        std::unique_ptr<poppler::page> page(pdf->create_page(needs_ocr[k]));
        if (page == nullptr) {
          images.emplace_back();
          continue;
        }
        Result<RasterImage> img = Render(label, *page, needs_ocr[k] + 1, options.max_image_pixels);
        if (!img.ok()) return img.status();
        images.push_back(std::move(img).value());
      }
      const int before = static_cast<int>(c);
      if (options.ocr_progress) {
        progress.ocr_progress = [&](int done, int) { options.ocr_progress(before + done, total); };
      }
      Result<std::vector<OcrPage>> ocr = OcrRasters(label, images, progress);
      if (!ocr.ok()) return ocr.status();
      for (size_t k = c; k < end; ++k) {
        const OcrPage& o = (*ocr)[k - c];
        const size_t p = static_cast<size_t>(needs_ocr[k]);
        paras[p].clear();
        for (std::string& t : BlankLineParagraphs(o.text)) paras[p].push_back({std::move(t), 0});
        conv.pages[p].ocr = true;
        conv.pages[p].confidence = o.confidence;
      }
    }
  }

  // Pass 3: blocks, one per paragraph. A sentence running on over a page
  // break is joined to the page it starts on.
  for (size_t p = 0; p < paras.size(); ++p) {
    for (size_t k = 0; k < paras[p].size(); ++k) {
      LaidParagraph& para = paras[p][k];
      if (k == 0 && !conv.blocks.empty() && conv.blocks.back().heading_level == 0 &&
          para.heading_level == 0 && StartsLower(para.text)) {
        Block& last = conv.blocks.back();
        if (!EndsSentence(last.lines.back())) {
          std::string joined = JoinWrappedLines({std::string(last.lines.back()), para.text});
          last.lines.back() = conv.arena.Add(joined);
          continue;
        }
      }
      Block b;
      b.lines.push_back(conv.arena.Add(para.text));
      b.heading_level = para.heading_level;
      b.page = static_cast<int>(p) + 1;
      conv.blocks.push_back(std::move(b));
    }
  }
  conv.title = Utf8(pdf->get_title());
  conv.author = Utf8(pdf->get_author());
  const bool any_ocr = !needs_ocr.empty() && options.ocr;
  Document doc;
  const std::string format = any_ocr ? "pdf+ocr" : "pdf";
  if (conv.blocks.empty()) {
    if (!needs_ocr.empty() && !options.ocr) {
      return Status::InvalidArgument(label +
                                     ": the PDF has no text layer (scanned pages) and OCR is off");
    }
    return Status::InvalidArgument(label + ": no text found in the PDF (" + std::to_string(n) +
                                   (n == 1 ? " page)" : " pages)"));
  }
  CAIRN_RETURN_IF_ERROR(FinishDocument(label, bytes, format, &conv, &doc));
  if (!doc.date) {
    const time_t created = pdf->get_creation_date_t();
    if (created > 0) doc.date = static_cast<Day>(created / 86400);
  }
  return doc;
}

}  // namespace cairn::ingest
