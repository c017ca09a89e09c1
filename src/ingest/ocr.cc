// OCR through the Tesseract C++ API (LSTM engine), images decoded by
// Leptonica. Engines are costly to start (the language models load in about
// a second), so idle ones are kept in a pool, one per thread at work.
#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "ingest/formats.h"
#include "ingest/layout.h"

namespace cairn::ingest {
namespace {

// Idle engines by language string. Guarded by mu.
struct EnginePool {
  std::mutex mu;
  std::multimap<std::string, std::unique_ptr<tesseract::TessBaseAPI>> idle;
};

EnginePool& Pool() {
  static EnginePool* pool = new EnginePool;  // never destroyed: threads may outlive main
  return *pool;
}

// Korean first when it is among the languages: with a Latin model first,
// Tesseract puts a space between every two Hangul syllables ("eng+kor"
// reads 그녀는 as 그 녀 는); "kor+eng" reads both scripts well.
std::string EngineLanguages(const std::string& lang) {
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= lang.size()) {
    size_t plus = lang.find('+', pos);
    if (plus == std::string::npos) plus = lang.size();
    if (plus > pos) parts.push_back(lang.substr(pos, plus - pos));
    pos = plus + 1;
  }
  std::stable_partition(parts.begin(), parts.end(),
                        [](const std::string& p) { return p == "kor"; });
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "+") + p;
  return out;
}

Result<std::unique_ptr<tesseract::TessBaseAPI>> TakeEngine(const std::string& requested) {
  const std::string lang = EngineLanguages(requested);
  {
    std::lock_guard<std::mutex> lock(Pool().mu);
    auto it = Pool().idle.find(requested);
    if (it != Pool().idle.end()) {
      auto api = std::move(it->second);
      Pool().idle.erase(it);
      return api;
    }
  }
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // Init prints its own complaints; the message below says what to do.
  if (api->Init(nullptr, lang.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Status::Unsupported("OCR languages '" + lang +
                               "' are not installed (Debian packages tesseract-ocr-<lang>)");
  }
  api->SetVariable("debug_file", "/dev/null");
  // One block per page: automatic layout analysis (PSM_AUTO) made up
  // lines of noise around Hangul ("detected diacritics") and dropped the
  // ends of lines on the test pages; a single block read them whole.
  api->SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  return api;
}

void ReturnEngine(const std::string& lang, std::unique_ptr<tesseract::TessBaseAPI> api) {
  api->Clear();
  std::lock_guard<std::mutex> lock(Pool().mu);
  Pool().idle.emplace(lang, std::move(api));
}

OcrPage Recognize(tesseract::TessBaseAPI* api, const RasterImage& img) {
  OcrPage out;
  if (img.width <= 0 || img.height <= 0) return out;
  api->SetImage(img.pixels.data(), img.width, img.height, img.bytes_per_pixel, img.stride);
  api->SetSourceResolution(300);
  std::unique_ptr<char[]> text(api->GetUTF8Text());
  if (text != nullptr) out.text = text.get();
  out.confidence = static_cast<float>(api->MeanTextConf());
  return out;
}

}  // namespace

Result<std::vector<OcrPage>> OcrRasters(const std::string& label,
                                        const std::vector<RasterImage>& pages,
                                        const Options& options) {
  std::vector<OcrPage> out(pages.size());
  if (pages.empty()) return out;
  const size_t threads =
      std::clamp<size_t>(static_cast<size_t>(std::max(options.jobs, 1)), 1, pages.size());
  std::atomic<size_t> next{0};
  std::mutex mu;  // guards done, error and the progress callback
  int done = 0;
  Status error;
  auto work = [&] {
    Result<std::unique_ptr<tesseract::TessBaseAPI>> api = TakeEngine(options.ocr_lang);
    if (!api.ok()) {
      std::lock_guard<std::mutex> lock(mu);
      if (error.ok()) error = Status::Unsupported(label + ": " + api.status().message());
      return;
    }
    for (size_t i = next++; i < pages.size(); i = next++) {
      out[i] = Recognize(api->get(), pages[i]);
      std::lock_guard<std::mutex> lock(mu);
      ++done;
      if (options.ocr_progress) options.ocr_progress(done, static_cast<int>(pages.size()));
    }
    ReturnEngine(options.ocr_lang, std::move(api).value());
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (!error.ok()) return error;
  return out;
}

namespace {

// A Leptonica image as 8-bit gray rows.
RasterImage ToGray(Pix* pix) {
  RasterImage r;
  Pix* gray = pixConvertTo8(pix, 0);
  if (gray == nullptr) return r;
  r.width = static_cast<int>(pixGetWidth(gray));
  r.height = static_cast<int>(pixGetHeight(gray));
  r.bytes_per_pixel = 1;
  r.stride = r.width;
  r.pixels.resize(static_cast<size_t>(r.width) * static_cast<size_t>(r.height));
  const l_uint32* data = pixGetData(gray);
  const int wpl = pixGetWpl(gray);
  for (int y = 0; y < r.height; ++y) {
    const l_uint32* line = data + static_cast<ptrdiff_t>(y) * wpl;
    unsigned char* dst = r.pixels.data() + static_cast<size_t>(y) * static_cast<size_t>(r.width);
    for (int x = 0; x < r.width; ++x) dst[x] = static_cast<unsigned char>(GET_DATA_BYTE(line, x));
  }
  pixDestroy(&gray);
  return r;
}

}  // namespace

Result<Document> LoadImage(const std::string& label, std::string_view bytes,
                           const Options& options) {
  // Leptonica writes its complaints about damaged images to standard
  // error; the message below says it in one line.
  static std::once_flag quiet;
  std::call_once(quiet, [] { setMsgSeverity(L_SEVERITY_NONE); });
  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, iscmap = 0;
  if (pixReadHeaderMem(data, bytes.size(), &format, &w, &h, &bps, &spp, &iscmap) != 0 || w <= 0 ||
      h <= 0) {
    return Status::InvalidArgument(label + ": damaged image: its header cannot be read");
  }
  const uint64_t pixels = static_cast<uint64_t>(w) * static_cast<uint64_t>(h);
  if (pixels > options.max_image_pixels) {
    return Status::InvalidArgument(label + ": image too large to OCR: " + std::to_string(w) +
                                   " x " + std::to_string(h) + " pixels, over the limit of " +
                                   std::to_string(options.max_image_pixels) + " pixels");
  }
  if (!options.ocr) return Status::Unsupported(label + ": an image, and OCR is off");
  std::vector<RasterImage> pages;
  if (format == IFF_TIFF || format == IFF_TIFF_G4 || format == IFF_TIFF_G3 ||
      format == IFF_TIFF_LZW || format == IFF_TIFF_ZIP || format == IFF_TIFF_PACKBITS ||
      format == IFF_TIFF_RLE || format == IFF_TIFF_JPEG) {
    Pixa* pixa = pixaReadMemMultipageTiff(data, bytes.size());
    if (pixa == nullptr) return Status::InvalidArgument(label + ": damaged TIFF image");
    const l_int32 n = pixaGetCount(pixa);
    for (l_int32 i = 0; i < n; ++i) {
      Pix* pix = pixaGetPix(pixa, i, L_CLONE);
      if (pix == nullptr) continue;
      if (static_cast<uint64_t>(pixGetWidth(pix)) * pixGetHeight(pix) > options.max_image_pixels) {
        pixDestroy(&pix);
        pixaDestroy(&pixa);
        return Status::InvalidArgument(label + ": image too large to OCR (page " +
                                       std::to_string(i + 1) + ")");
      }
      pages.push_back(ToGray(pix));
      pixDestroy(&pix);
    }
    pixaDestroy(&pixa);
  } else {
    Pix* pix = pixReadMem(data, bytes.size());
    if (pix == nullptr)
      return Status::InvalidArgument(label + ": damaged image: it cannot be decoded");
    pages.push_back(ToGray(pix));
    pixDestroy(&pix);
  }
  Result<std::vector<OcrPage>> ocr = OcrRasters(label, pages, options);
  if (!ocr.ok()) return ocr.status();
  Converted conv;
  conv.pages.resize(ocr->size());
  for (size_t p = 0; p < ocr->size(); ++p) {
    conv.pages[p].ocr = true;
    conv.pages[p].confidence = (*ocr)[p].confidence;
    for (const std::string& para : BlankLineParagraphs((*ocr)[p].text)) {
      Block b;
      b.lines.push_back(conv.arena.Add(para));
      b.page = static_cast<int>(p) + 1;
      conv.blocks.push_back(std::move(b));
    }
  }
  if (conv.blocks.empty())
    return Status::InvalidArgument(label + ": OCR found no text in the image");
  Document doc;
  CAIRN_RETURN_IF_ERROR(FinishDocument(label, bytes, "image", &conv, &doc));
  return doc;
}

}  // namespace cairn::ingest
