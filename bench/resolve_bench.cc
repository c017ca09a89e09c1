// Resolution at scale: times Resolver::Resolve on synthetic corpora of 1k,
// 10k and 100k documents (bench/gen/generator.h) on one core, and reports
// peak RSS and the pairwise precision/recall of person clustering against
// the generator's truth.
//
//   resolve_bench [DOCS...]        default: 1000 10000 100000
//   resolve_bench --seed N DOCS...
//
// Goal: 100k documents in under a minute and under 4 GB.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "gen/generator.h"
#include "resolve/resolve.h"

namespace {

double PeakRssMb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes;
  uint64_t seed = 42;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: resolve_bench [--seed N] [DOCS...]\n");
      return 0;
    } else {
      char* end = nullptr;
      unsigned long long n = std::strtoull(a.c_str(), &end, 10);
      if (end == a.c_str() || *end != '\0' || n == 0) {
        std::fprintf(stderr, "resolve_bench: not a document count: %s\n", a.c_str());
        return 2;
      }
      sizes.push_back(static_cast<size_t>(n));
    }
  }
  if (sizes.empty()) sizes = {1000, 10000, 100000};

  std::printf("%9s %9s %9s %9s %8s %8s %9s %9s %7s %7s %9s\n", "docs", "locals", "entities", "events",
              "conflict", "gen_s", "resolve_s", "docs/s", "pairP", "pairR", "peakMB");
  for (size_t n : sizes) {
    cairn::bench::GenOptions o;
    o.documents = n;
    o.seed = seed;
    auto t0 = std::chrono::steady_clock::now();
    cairn::bench::Corpus c = cairn::bench::Generate(o);
    auto t1 = std::chrono::steady_clock::now();
    std::vector<const cairn::Document*> ptrs;
    ptrs.reserve(c.docs.size());
    size_t locals = 0;
    for (const auto& d : c.docs) {
      ptrs.push_back(&d);
      locals += d.entities.size();
    }
    std::vector<cairn::store::EntityLink> links;
    auto t2 = std::chrono::steady_clock::now();
    cairn::FactBase f = cairn::resolve::Resolver().Resolve(ptrs, {}, {}, &links);
    auto t3 = std::chrono::steady_clock::now();
    cairn::bench::PairScore s = cairn::bench::ScorePairs(c, links);
    double rs = Seconds(t2, t3);
    std::printf("%9zu %9zu %9zu %9zu %8zu %8.2f %9.2f %9.0f %7.4f %7.4f %9.0f\n", n, locals, f.entities.size(),
                f.events.size(), f.conflicts.size(), Seconds(t0, t1), rs, rs > 0 ? static_cast<double>(n) / rs : 0.0,
                s.precision, s.recall, PeakRssMb());
    std::fflush(stdout);
  }
  return 0;
}
