// Extraction throughput with the syntax backbone, on one core.
//
//   extract_bench [--mb N] [--dir DIR] [--dev DIR] [--syntax-rounds N]
//
// Writes a corpus of at least N MB (default 50) of testimony-like documents
// with bench/ingest_corpus.h, then for each document loads and segments it
// (not timed) and extracts it twice, timed:
// - eager: the syntax stage as before extraction (tagger and parser on every
//   sentence holding an event trigger's first word), then extract::Extract;
// - on demand, as ingest runs it: extract::Extract parsing only the sentences
//   a parse rule reads (syntax::OnDemand; cli::ThreadParsingExtractStage),
//   checked to give the same events as eager.
// Reports MB/s of extraction alone and with the backbone both ways, the share
// of sentences parsed, tagger and parser words/s (every sentence of the
// first slices of documents, 4 MB or more; the fastest of --syntax-rounds
// rounds, default 1), all in thread CPU time, events
// found, and the process's peak resident memory. Then the same on the dev
// corpus (--dev, default
// ../shared/eval/dev/docs when it exists): real documents, less dense with
// events than the generated ones, read over and over for at least 3 s.
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

// Whether two extractions found the same events, field by field.
bool SameEvents(const cairn::Document& a, const cairn::Document& b) {
  if (a.events.size() != b.events.size() || a.unasserted.size() != b.unasserted.size() ||
      a.entities.size() != b.entities.size())
    return false;
  for (size_t i = 0; i < a.events.size(); ++i) {
    const cairn::EventMention& x = a.events[i];
    const cairn::EventMention& y = b.events[i];
    if (x.type != y.type || x.subject != y.subject ||
        cairn::FormatInterval(x.date) != cairn::FormatInterval(y.date) ||
        x.date.text != y.date.text || x.date.precision != y.date.precision || x.place != y.place ||
        x.from != y.from || x.to != y.to || x.via != y.via || x.object != y.object ||
        x.detail != y.detail || x.quote.begin != y.quote.begin || x.quote.end != y.quote.end ||
        x.sentence != y.sentence || x.attributed_to != y.attributed_to || x.hedged != y.hedged ||
        x.trigger != y.trigger)
      return false;
  }
  return true;
}

// One pass over a list of documents: extraction eager and on demand.
struct Pass {
  double extract_s = 0, syntax_s = 0, lazy_s = 0;
  uint64_t bytes = 0, words = 0, sentences = 0, parsed_eager = 0, parsed_lazy = 0, tagged_lazy = 0;
  uint64_t events = 0, mentions = 0, timexes = 0, docs = 0, differ = 0;
  // Words the on-demand analyzer tagged (each pass counted once) and parsed,
  // and of those tagged, the name finder's.
  uint64_t tokens = 0, lazy_words_tagged = 0, lazy_words_parsed = 0, lazy_words_named = 0;
};

bool RunPass(const std::vector<cairn::Document>& segmented,
             const std::shared_ptr<const cairn::syntax::Model>& model, Pass* p) {
  cairn::syntax::Analyzer eager(model), lazy(model);
  cairn::syntax::RunOptions run;
  run.cue_words = cairn::extract::SyntaxCueWords();  // as ingest does
  for (const cairn::Document& original : segmented) {
    cairn::Document doc = original, on_demand = original;
    const uint64_t skipped = eager.sentences_skipped();
    auto t0 = CpuClock::now();
    cairn::Status sst = eager.Run(&doc, run);
    auto t1 = CpuClock::now();
    // The name finder's tagger on demand, as ingest runs it, in both paths.
    uint64_t named = 0;
    auto tagger = [&named](cairn::syntax::Analyzer* a) {
      return [a, &named](const std::vector<std::string_view>& words, std::vector<uint8_t>* upos) {
        named += words.size();
        upos->clear();
        for (const cairn::TokenSyntax& t : a->Tag(words)) upos->push_back(t.upos);
      };
    };
    cairn::extract::Options eager_options;
    eager_options.tag = tagger(&eager);
    cairn::Status st = sst.ok() ? cairn::extract::Extract(&doc, eager_options) : sst;
    auto t2 = CpuClock::now();
    cairn::syntax::OnDemand parse(&lazy, &on_demand, run);
    cairn::extract::Options options;
    options.parse = [&parse](uint32_t token) { return parse.Ensure(token); };
    options.verbs = [&parse](uint32_t token, std::vector<uint32_t>* verbs) {
      return parse.Verbs(token, verbs);
    };
    options.tag = tagger(&lazy);
    const uint64_t tagged0 = lazy.words_tagged(), parsed0 = lazy.words_parsed();
    named = 0;
    cairn::Status lst = cairn::extract::Extract(&on_demand, options);
    auto t3 = CpuClock::now();
    p->lazy_words_tagged += lazy.words_tagged() - tagged0;
    p->lazy_words_parsed += lazy.words_parsed() - parsed0;
    p->lazy_words_named += named;
    if (!st.ok() || !lst.ok()) {
      std::fprintf(stderr, "%s\n", (st.ok() ? lst : st).ToString().c_str());
      return false;
    }
    p->syntax_s += t1 - t0;
    p->extract_s += t2 - t1;
    p->lazy_s += t3 - t2;
    p->docs++;
    p->bytes += doc.text.size();
    p->sentences += original.sentences.size();
    p->parsed_eager += original.sentences.size() - (eager.sentences_skipped() - skipped);
    p->parsed_lazy += parse.sentences_analysed();
    p->tagged_lazy += parse.sentences_tagged();
    p->tokens += original.tokens.size();
    for (const auto& t : doc.tokens)
      if (t.Has(cairn::kTokWord)) ++p->words;
    p->events += doc.events.size();
    p->mentions += doc.mentions.size();
    p->timexes += doc.timexes.size();
    if (!SameEvents(doc, on_demand)) ++p->differ;
  }
  return true;
}

void Report(const char* what, const Pass& p) {
  const double mb = static_cast<double>(p.bytes) / 1048576.0;
  const double sent = static_cast<double>(std::max<uint64_t>(p.sentences, 1));
  std::printf("%s: %llu documents, %.2f MB of text, %llu sentences\n", what,
              static_cast<unsigned long long>(p.docs), mb,
              static_cast<unsigned long long>(p.sentences));
  std::printf("  extraction alone: %.2f s = %.1f MB/s, %.0f words/s\n", p.extract_s,
              mb / p.extract_s, static_cast<double>(p.words) / p.extract_s);
  std::printf(
      "  eager backbone: syntax stage %.2f s, %.1f%% of sentences parsed (those holding a "
      "trigger word); extraction with the backbone %.2f MB/s\n",
      p.syntax_s, 100.0 * static_cast<double>(p.parsed_eager) / sent,
      mb / (p.extract_s + p.syntax_s));
  std::printf(
      "  on demand: %.1f%% of sentences parsed (those a parse rule reads), %.1f%% tagged (whose "
      "tags a parse rule reads first); extraction with the backbone %.2f s = %.2f MB/s\n",
      100.0 * static_cast<double>(p.parsed_lazy) / sent,
      100.0 * static_cast<double>(p.tagged_lazy) / sent, p.lazy_s, mb / p.lazy_s);
  const double words = static_cast<double>(std::max<uint64_t>(p.tokens, 1));
  std::printf(
      "  on demand, in tokens: %.1f%% tagged (%.1f%% by the name finder), %.1f%% parsed (of "
      "%llu)\n",
      100.0 * static_cast<double>(p.lazy_words_tagged) / words,
      100.0 * static_cast<double>(p.lazy_words_named) / words,
      100.0 * static_cast<double>(p.lazy_words_parsed) / words,
      static_cast<unsigned long long>(p.tokens));
  std::printf(
      "  found: %llu mentions, %llu timexes, %llu events; %llu documents whose events "
      "differ between eager and on demand\n",
      static_cast<unsigned long long>(p.mentions), static_cast<unsigned long long>(p.timexes),
      static_cast<unsigned long long>(p.events), static_cast<unsigned long long>(p.differ));
}

}  // namespace

// The documents of `files`, loaded and segmented.
std::vector<cairn::Document> LoadSegmented(const std::vector<fs::path>& files,
                                           cairn::text::Segmenter* seg) {
  std::vector<cairn::Document> out;
  for (const fs::path& f : files) {
    auto doc = cairn::ingest::LoadFile(f);
    if (!doc.ok()) {
      std::fprintf(stderr, "skip %s: %s\n", f.c_str(), doc.status().ToString().c_str());
      continue;
    }
    if (!seg->Run(&*doc).ok()) continue;
    out.push_back(std::move(*doc));
  }
  return out;
}

std::vector<fs::path> FilesIn(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

int main(int argc, char** argv) {
  uint64_t mb = 50;
  int syntax_rounds = 1;
  fs::path dir = fs::temp_directory_path() / "cairn_extract_bench";
#ifdef CAIRN_SHARED_DIR
  fs::path dev = fs::path(CAIRN_SHARED_DIR) / "eval" / "dev" / "docs";
#else
  fs::path dev;
#endif
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--mb")
      mb = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--dir")
      dir = argv[i + 1];
    else if (a == "--dev")
      dev = argv[i + 1];
    else if (a == "--syntax-rounds")
      syntax_rounds = std::max(1, std::atoi(argv[i + 1]));
  }
  fs::remove_all(dir);
  auto stats = cairn::bench::WriteCorpus(dir, mb << 20);
  std::printf("corpus: %zu files, %.1f MB in %s\n", stats.files, stats.bytes / 1048576.0,
              dir.c_str());

  auto model = cairn::syntax::Model::Shipped();
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
    return 1;
  }
  cairn::text::Segmenter seg;
  const std::vector<fs::path> files = FilesIn(dir);
  Pass gen;
  double tag_s = 0, full_s = 0;
  uint64_t full_words = 0, full_bytes = 0;
  // In slices of about 4 MB, so memory holds a few documents, never the corpus.
  for (size_t i = 0; i < files.size();) {
    std::vector<fs::path> slice;
    uint64_t slice_bytes = 0;
    for (; i < files.size() && slice_bytes < (4u << 20); ++i) {
      slice.push_back(files[i]);
      slice_bytes += fs::file_size(files[i]);
    }
    std::vector<cairn::Document> docs = LoadSegmented(slice, &seg);
    if (full_bytes < (4u << 20)) {
      // Tagger and parser alone, on every sentence.
      std::vector<std::vector<std::string_view>> sents;
      for (const cairn::Document& doc : docs) {
        full_bytes += doc.text.size();
        for (const auto& s : doc.sentences) {
          auto& w = sents.emplace_back();
          for (uint32_t t = s.first_token; t < s.end_token; ++t)
            w.push_back(doc.Slice(doc.tokens[t].span));
          full_words += w.size();
        }
      }
      cairn::syntax::Analyzer a(*model);
      // The fastest of --syntax-rounds rounds: the least disturbed by the
      // neighbours on a shared machine.
      double best_tag = 1e300, best_full = 1e300;
      for (int r = 0; r < syntax_rounds; ++r) {
        auto a0 = CpuClock::now();
        for (const auto& w : sents) a.Tag(w);
        auto a1 = CpuClock::now();
        for (const auto& w : sents) a.Analyze(w);
        auto a2 = CpuClock::now();
        best_tag = std::min(best_tag, a1 - a0);
        best_full = std::min(best_full, a2 - a1);
      }
      tag_s += best_tag;
      full_s += best_full;
    }
    if (!RunPass(docs, *model, &gen)) return 1;
  }
  Report("generated corpus", gen);
  std::printf(
      "tagger: %.0f words/s; parser: %.0f words/s; both: %.2f MB/s (every sentence of %.1f "
      "MB)\n",
      full_words / tag_s, full_words / (full_s - tag_s), full_bytes / 1048576.0 / full_s,
      full_bytes / 1048576.0);
  fs::remove_all(dir);

  std::error_code ec;
  if (!dev.empty() && fs::is_directory(dev, ec)) {
    std::vector<cairn::Document> docs = LoadSegmented(FilesIn(dev), &seg);
    Pass real;
    int rounds = 0;
    while (rounds < 1000 && (rounds == 0 || real.lazy_s + real.extract_s + real.syntax_s < 3.0)) {
      if (!RunPass(docs, *model, &real)) return 1;
      ++rounds;
    }
    std::printf("(%d rounds)\n", rounds);
    Report(("dev corpus " + dev.string()).c_str(), real);
  } else {
    std::printf("dev corpus: %s absent, not measured\n", dev.empty() ? "(none)" : dev.c_str());
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
