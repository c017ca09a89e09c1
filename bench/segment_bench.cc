// Whole-program benchmark of the text stage alone: loads a corpus folder
// through ingest (untimed), then times text::Segmenter::Run over every
// document on one core, or measures the peak memory of segmenting one large
// document.
//
//   segment_bench --dir DIR [--no-tokens] [--repeat R]
//   segment_bench --dir DIR --interleave [--no-tokens]
//   segment_bench --dir DIR --doc-mb N [--no-tokens]
//
// DIR is a corpus folder such as ingest_bench's (`ingest_bench --mb 50 --dir
// /tmp/ib50` leaves one in /tmp/ib50/corpus); its files are read in name
// order. --no-tokens runs with SegmentOptions::keep_tokens = false.
// By default all documents are loaded first and segmented R times (each
// time with empty token, sentence and paragraph arrays, as ingest hands them
// over); the best CPU time is reported. --interleave loads, segments and drops
// one file at a time as ingest does, timing only the segmenter (wall time).
// --doc-mb joins the documents' texts into one document of N MB and reports
// the peak RSS before and after segmenting it: the difference is what the
// segmenter adds on top of the text.
//
// Figures (RelWithDebInfo, one core of the shared 2-core dev machine, whose
// timings vary by +-25%; 50 MB corpus of ingest_bench, 49.1 MB of text):
//                          UTF-16 copy + map   UTF-8 in place   no tokens
//   all documents, CPU          0.93 s             0.42 s          0.31 s
//   --interleave, wall          1.07 s             0.41 s          0.32 s
//   16 MB document               0.44 s             0.19 s          0.09 s
//   16 MB document, peak RSS   +165 MB (10.3x)     +69 MB (4.3x)   +6 MB (0.37x)
// The tokens themselves (16 bytes each, about one per 4.4 bytes of English
// text) are most of what remains: without them a document's peak is its
// text plus its sentences.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "text/segment.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// User plus system CPU time of this process: unlike wall time, not
// inflated when other processes share the core.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int Usage() {
  std::fprintf(stderr, "usage: segment_bench --dir DIR [--no-tokens] [--repeat R] [--doc-mb N]\n");
  return 2;
}

std::vector<fs::path> CorpusFiles(const fs::path& dir) {
  fs::path d = fs::is_directory(dir / "corpus") ? dir / "corpus" : dir;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(d)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// One document of `bytes` bytes of text: the corpus' texts, one after the
// other (repeated when the corpus is smaller), each ending a paragraph.
// Loads one file at a time so the peak before segmenting is the text itself.
cairn::Document BigDocument(const std::vector<fs::path>& files, size_t bytes) {
  cairn::Document big;
  big.name = "big";
  big.text.reserve(bytes);
  for (size_t i = 0; big.text.size() < bytes && !files.empty(); ++i) {
    auto doc = cairn::ingest::LoadFile(files[i % files.size()]);
    if (!doc.ok()) continue;
    size_t n = std::min(doc->text.size(), bytes - big.text.size());
    big.text.append(doc->text, 0, n);
    if (big.text.size() < bytes) big.text += '\n';
  }
  return big;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir;
  bool no_tokens = false;
  bool interleave = false;
  int repeat = 3;
  double doc_mb = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--interleave") {
      interleave = true;
    } else if (a == "--no-tokens") {
      no_tokens = true;
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--doc-mb" && i + 1 < argc) {
      doc_mb = std::atof(argv[++i]);
    } else {
      return Usage();
    }
  }
  if (dir.empty() || !fs::is_directory(dir)) return Usage();
  std::vector<fs::path> files = CorpusFiles(dir);
  cairn::text::Segmenter seg;
  cairn::text::SegmentOptions options;
  options.keep_tokens = !no_tokens;

  if (doc_mb > 0) {
    cairn::Document big = BigDocument(files, static_cast<size_t>(doc_mb * 1024 * 1024));
    long before = PeakRssKb();
    auto a = Clock::now();
    if (!seg.Run(&big, options).ok()) return 1;
    double secs = std::chrono::duration<double>(Clock::now() - a).count();
    long after = PeakRssKb();
    std::printf("document   %.1f MB text, %zu sentences, %zu tokens kept\n",
                static_cast<double>(big.text.size()) / 1e6, big.sentences.size(),
                big.tokens.size());
    std::printf("segment    %7.3f s  => %.1f MB/s\n", secs,
                static_cast<double>(big.text.size()) / 1e6 / secs);
    std::printf("peak RSS   %.1f MB before, %.1f MB after: +%.1f MB (%.2fx the text)\n",
                static_cast<double>(before) / 1024, static_cast<double>(after) / 1024,
                static_cast<double>(after - before) / 1024,
                static_cast<double>(after - before) * 1024 / static_cast<double>(big.text.size()));
    return 0;
  }

  if (interleave) {
    // As ingest does it: load a file, segment it, drop it; only the segment
    // calls are timed, with the caches as loading left them.
    size_t bytes = 0, sentences = 0;
    Clock::duration wall{};
    for (const fs::path& p : files) {
      auto doc = cairn::ingest::LoadFile(p);
      if (!doc.ok()) continue;
      bytes += doc->text.size();
      auto a = Clock::now();
      if (!seg.Run(&*doc, options).ok()) return 1;
      wall += Clock::now() - a;
      sentences += doc->sentences.size();
    }
    std::printf("files      %zu, %.1f MB text, %zu sentences\n", files.size(),
                static_cast<double>(bytes) / 1e6, sentences);
    std::printf("segment    %7.3f s wall, interleaved with loading\n",
                std::chrono::duration<double>(wall).count());
    return 0;
  }

  std::vector<cairn::Document> docs;
  size_t bytes = 0;
  for (const fs::path& p : files) {
    auto doc = cairn::ingest::LoadFile(p);
    if (!doc.ok()) continue;
    bytes += doc->text.size();
    docs.push_back(std::move(*doc));
  }
  double best = 0;
  size_t sentences = 0, tokens = 0;
  for (int r = 0; r < repeat; ++r) {
    sentences = tokens = 0;
    auto a = Clock::now();
    double cpu_a = CpuSeconds();
    for (cairn::Document& d : docs) {
      // As in ingest: each document's arrays start empty and are freed after.
      std::vector<cairn::Token>().swap(d.tokens);
      std::vector<cairn::Sentence>().swap(d.sentences);
      std::vector<cairn::Paragraph>().swap(d.paragraphs);
      if (!seg.Run(&d, options).ok()) return 1;
      sentences += d.sentences.size();
      tokens += d.sentences.empty() ? 0 : d.sentences.back().end_token;
    }
    double wall = std::chrono::duration<double>(Clock::now() - a).count();
    double secs = CpuSeconds() - cpu_a;
    std::printf("  run %d    %7.3f s CPU, %7.3f s wall\n", r + 1, secs, wall);
    if (r == 0 || secs < best) best = secs;
  }
  std::printf("files      %zu, %.1f MB text, %zu sentences, %zu tokens\n", docs.size(),
              static_cast<double>(bytes) / 1e6, sentences, tokens);
  std::printf("segment    %7.3f s CPU (best of %d)  => %.1f MB/s, %.1f ns/byte\n", best, repeat,
              static_cast<double>(bytes) / 1e6 / best, best * 1e9 / static_cast<double>(bytes));
  return 0;
}
