// Extraction throughput: names, dates and events alone, on one core.
//
//   extract_bench [--mb N] [--dir DIR]
//
// Writes a corpus of at least N MB (default 50) of testimony-like documents
// with bench/ingest_corpus.h, then for each document loads and segments it
// (not timed) and runs extract::Extract (timed). Reports MB/s and words/s of
// extraction, events found, and the process's peak resident memory.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "ingest_corpus.h"
#include "text/segment.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  uint64_t mb = 50;
  fs::path dir = fs::temp_directory_path() / "cairn_extract_bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--mb") mb = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--dir") dir = argv[i + 1];
  }
  fs::remove_all(dir);
  auto stats = cairn::bench::WriteCorpus(dir, mb << 20);
  std::printf("corpus: %zu files, %.1f MB in %s\n", stats.files, stats.bytes / 1048576.0,
              dir.c_str());

  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());

  cairn::text::Segmenter seg;
  double extract_s = 0;
  uint64_t text_bytes = 0, words = 0, events = 0, mentions = 0, timexes = 0;
  for (const fs::path& f : files) {
    auto doc = cairn::ingest::LoadFile(f);
    if (!doc.ok()) {
      std::fprintf(stderr, "skip %s: %s\n", f.c_str(), doc.status().ToString().c_str());
      continue;
    }
    if (!seg.Run(&*doc).ok()) continue;
    auto t0 = std::chrono::steady_clock::now();
    cairn::Status st = cairn::extract::Extract(&*doc);
    extract_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.ToString().c_str());
      return 1;
    }
    text_bytes += doc->text.size();
    for (const auto& t : doc->tokens)
      if (t.Has(cairn::kTokWord)) ++words;
    events += doc->events.size();
    mentions += doc->mentions.size();
    timexes += doc->timexes.size();
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("extraction: %.1f MB of text in %.2f s = %.1f MB/s, %.0f words/s\n",
              text_bytes / 1048576.0, extract_s, text_bytes / 1048576.0 / extract_s,
              words / extract_s);
  std::printf("found: %llu mentions, %llu timexes, %llu events\n",
              static_cast<unsigned long long>(mentions), static_cast<unsigned long long>(timexes),
              static_cast<unsigned long long>(events));
  std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
  fs::remove_all(dir);
  return 0;
}
