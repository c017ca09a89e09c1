// Extraction throughput with the syntax backbone, on one core.
//
//   extract_bench [--mb N] [--dir DIR]
//
// Writes a corpus of at least N MB (default 50) of testimony-like documents
// with bench/ingest_corpus.h, then for each document loads and segments it
// (not timed), runs the syntax stage as ingest does (tagger and parser on the
// sentences holding an event trigger's first word; timed) and
// extract::Extract (timed). Reports MB/s of extraction alone and with the
// backbone, tagger and parser words/s (every sentence of the first 4 MB),
// all in thread CPU time,
// events found, and the process's peak resident memory.
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "ingest/ingest.h"
#include "ingest_corpus.h"
#include "syntax/syntax.h"
#include "text/segment.h"

namespace fs = std::filesystem;

namespace {

// Thread CPU time: one core's speed, whatever else the machine runs (this
// project's machine is shared; wall time there measures the neighbours).
struct CpuClock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
};

}  // namespace

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

  auto model = cairn::syntax::Model::Shipped();
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  cairn::syntax::Analyzer analyzer(*model);
  cairn::syntax::RunOptions run;
  run.cue_words = cairn::extract::SyntaxCueWords();  // as ingest does
  cairn::text::Segmenter seg;
  double extract_s = 0, syntax_s = 0, tag_s = 0, full_s = 0;
  uint64_t sentences = 0, full_words = 0, full_bytes = 0;
  uint64_t text_bytes = 0, words = 0, events = 0, mentions = 0, timexes = 0;
  for (const fs::path& f : files) {
    auto doc = cairn::ingest::LoadFile(f);
    if (!doc.ok()) {
      std::fprintf(stderr, "skip %s: %s\n", f.c_str(), doc.status().ToString().c_str());
      continue;
    }
    if (!seg.Run(&*doc).ok()) continue;
    sentences += doc->sentences.size();
    if (full_bytes < (4u << 20)) {
      // Tagger and parser alone, on every sentence.
      full_bytes += doc->text.size();
      std::vector<std::vector<std::string_view>> sents;
      for (const auto& s : doc->sentences) {
        auto& w = sents.emplace_back();
        for (uint32_t t = s.first_token; t < s.end_token; ++t) {
          w.push_back(doc->Slice(doc->tokens[t].span));
        }
        full_words += w.size();
      }
      cairn::syntax::Analyzer a(*model);
      auto a0 = CpuClock::now();
      for (const auto& w : sents) a.Tag(w);
      auto a1 = CpuClock::now();
      for (const auto& w : sents) a.Analyze(w);
      auto a2 = CpuClock::now();
      tag_s += (a1 - a0);
      full_s += (a2 - a1);
    }
    auto t0 = CpuClock::now();
    cairn::Status sst = analyzer.Run(&*doc, run);
    auto t1 = CpuClock::now();
    cairn::Status st = sst.ok() ? cairn::extract::Extract(&*doc) : sst;
    auto t2 = CpuClock::now();
    syntax_s += (t1 - t0);
    extract_s += (t2 - t1);
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
  double mbytes = text_bytes / 1048576.0;
  std::printf("syntax stage: %.2f s; %.0f%% of %llu sentences parsed (the rest hold no trigger)\n",
              syntax_s,
              100.0 * (1.0 - static_cast<double>(analyzer.sentences_skipped()) /
                                 static_cast<double>(std::max<uint64_t>(sentences, 1))),
              static_cast<unsigned long long>(sentences));
  std::printf("extraction with the backbone: %.1f MB/s\n", mbytes / (extract_s + syntax_s));
  std::printf(
      "tagger: %.0f words/s; parser: %.0f words/s; both: %.2f MB/s (every sentence of %.1f MB)\n",
      full_words / tag_s, full_words / (full_s - tag_s), full_bytes / 1048576.0 / full_s,
      full_bytes / 1048576.0);
  std::printf("found: %llu mentions, %llu timexes, %llu events\n",
              static_cast<unsigned long long>(mentions), static_cast<unsigned long long>(timexes),
              static_cast<unsigned long long>(events));
  std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
  fs::remove_all(dir);
  return 0;
}
