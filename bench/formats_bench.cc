// Binary formats: PDF text extraction (pages/s, MB/s) and OCR (pages/s on
// one and on two jobs), on documents the bench makes itself with cairo and
// pango (the test fixtures, tests/formats/fixtures.h).
//
//   build/bench/formats_bench [--pages 60] [--ocr-pages 4]
//
// PDF: a flowed testimony-like text of --pages pages, loaded (parse, layout,
// paragraphs, metadata) five times; the median run is reported. OCR: a PDF
// of --ocr-pages pages that are pictures of text (no text layer), rendered at
// 300 dpi and read by Tesseract (eng+kor), with 1 and 2 jobs; engines are
// started before timing (the pool keeps them), so the figure is the pages.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../tests/formats/fixtures.h"
#include "ingest/ingest.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a) {
  return std::chrono::duration<double>(Clock::now() - a).count();
}

std::vector<std::string> Paragraphs(int n) {
  const char* kWords[] = {"she",   "crossed", "the",      "river",  "in",    "winter", "with",
                          "her",   "brother", "and",      "walked", "to",    "a",      "village",
                          "where", "police",  "arrested", "them",   "after", "three",  "months"};
  std::vector<std::string> out;
  unsigned x = 12345;
  for (int p = 0; p < n; ++p) {
    std::string para;
    for (int s = 0; s < 5; ++s) {
      std::string sent;
      for (int w = 0; w < 14; ++w) {
        x = x * 1103515245u + 12345u;
        sent += (w ? " " : "") + std::string(kWords[(x >> 16) % (sizeof kWords / sizeof *kWords)]);
      }
      sent[0] = static_cast<char>(sent[0] - 32);
      para += (s ? " " : "") + sent + ".";
    }
    out.push_back(para);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int pages = 60, ocr_pages = 4;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--pages") == 0) pages = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--ocr-pages") == 0) ocr_pages = std::atoi(argv[++i]);
  }
  using namespace cairn;
  // PDF text layer.
  std::vector<std::pair<std::string, bool>> paras;
  for (std::string& p : Paragraphs(pages * 7)) paras.emplace_back(std::move(p), false);
  std::vector<testing::PdfPage> laid = testing::SetParagraphs(paras);
  laid.resize(std::min<size_t>(laid.size(), static_cast<size_t>(pages)));
  const std::string pdf = testing::MakePdf(laid);
  std::vector<double> runs;
  size_t text = 0;
  for (int r = 0; r < 5; ++r) {
    auto t0 = Clock::now();
    Result<Document> d = ingest::LoadBytes("bench.pdf", pdf);
    runs.push_back(Seconds(t0));
    if (!d.ok()) {
      std::fprintf(stderr, "%s\n", d.status().ToString().c_str());
      return 1;
    }
    text = d->text.size();
  }
  std::sort(runs.begin(), runs.end());
  const double s = runs[2];
  std::printf(
      "pdf text: %zu pages, %.2f MB file, %.2f MB text: %.3f s median: %.0f pages/s, %.2f MB/s "
      "(file), %.2f MB/s (text)\n",
      laid.size(), pdf.size() / 1e6, text / 1e6, s, laid.size() / s, pdf.size() / 1e6 / s,
      text / 1e6 / s);

  // OCR.
  std::vector<std::string> lines;
  for (const std::string& p : Paragraphs(3)) {
    for (const std::string& l : {p.substr(0, 70), p.substr(70, 70), p.substr(140, 70)})
      lines.push_back(l);
  }
  const std::string png = testing::MakePng(lines, 25, "Noto Sans CJK KR", 2000, 600);
  // A PDF of picture pages: the first page an image too.
  std::string scanned;
  {
    cairo_surface_t* surf =
        cairo_pdf_surface_create_for_stream(testing::AppendToString, &scanned, 612, 792);
    cairo_t* cr = cairo_create(surf);
    testing::PngReader reader{&png};
    cairo_surface_t* img =
        cairo_image_surface_create_from_png_stream(testing::ReadFromString, &reader);
    for (int p = 0; p < ocr_pages; ++p) {
      cairo_save(cr);
      cairo_translate(cr, 72, 72);
      cairo_scale(cr, 468.0 / 2000, 468.0 / 2000);
      cairo_set_source_surface(cr, img, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
      cairo_show_page(cr);
    }
    cairo_surface_destroy(img);
    cairo_destroy(cr);
    cairo_surface_finish(surf);
    cairo_surface_destroy(surf);
  }
  for (int jobs : {1, 2}) {
    ingest::Options o;
    o.jobs = jobs;
    (void)ingest::LoadBytes("warm.pdf", scanned, o);  // starts `jobs` engines
    auto t0 = Clock::now();
    Result<Document> d = ingest::LoadBytes("scan.pdf", scanned, o);
    const double t = Seconds(t0);
    if (!d.ok()) {
      std::fprintf(stderr, "%s\n", d.status().ToString().c_str());
      return 1;
    }
    std::printf("ocr: %d pages, %d job%s: %.2f s: %.2f pages/s\n", ocr_pages, jobs,
                jobs == 1 ? "" : "s", t, ocr_pages / t);
  }
  return 0;
}
