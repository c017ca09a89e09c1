// Load-phase benchmark: one large document per format through
// ingest::LoadFile (read, sha256, decode, convert, boilerplate, metadata,
// language), reporting throughput and peak memory as a multiple of the
// document's size.
//
//   load_bench [--mb N] [--runs R] [--dir DIR]
//
// Writes a text, a wiki, a Markdown and an HTML document of N MB (default 16)
// made of varied testimony-like sentences (bench/ingest_corpus.h) into DIR
// (default: a temporary folder, removed afterwards). Each format runs in a
// fresh child process (fork), so its peak is its own: peak = ru_maxrss minus
// the resident size at the start of the child, after a warm-up in the parent
// has loaded the cue tables, ICU data and the HTML parser. MB/s is the best
// of R runs (default 3).
//
// Figures (RelWithDebInfo, one core of the shared 2-core dev machine, 16 MB
// documents; peak = growth of the resident size over the baseline, as a
// multiple of the document's size; the Document is alive at the peak):
//                 before (Gumbo tree, owned lines)   now (libxml2 SAX, views)
//   text          33 MB/s, peak 6.1x                 142 MB/s, peak 1.52x
//   wiki          29 MB/s, peak 6.6x                 157 MB/s, peak 1.59x
//   markdown      33 MB/s, peak 6.8x                  74 MB/s, peak 1.57x
//   html          10 MB/s, peak 7.9x                  61 MB/s, peak 1.53x
// What is left at the peak: the bytes read (they become the decoded text
// and then Document::text, in place), the block and line views (16 bytes a
// line), and per-line metadata arrays while the Document is built.
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest_corpus.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

using cairn::bench::ingest_corpus_detail::Paragraph;
using cairn::bench::ingest_corpus_detail::Rng;
namespace detail = cairn::bench::ingest_corpus_detail;

// A person for a stretch of the document: the sentences are about them.
struct Person {
  std::string full, given, home;
  int year = 0;
};

Person NewPerson(Rng& r) {
  Person p;
  p.given = r.Pick(detail::kGiven);
  p.full = r.Pick(detail::kSurnames) + " " + p.given;
  p.home = r.Pick(detail::kHomePlaces);
  p.year = 1950 + static_cast<int>(r.Below(55));
  return p;
}

std::string Para(Rng& r, const Person& p) { return Paragraph(r, p.full, p.given, p.home, p.year); }

std::string DateText(Rng& r) {
  return detail::kMonths[r.Below(12)] + " " + std::to_string(1 + r.Below(28)) + ", " +
         std::to_string(2005 + r.Below(18));
}

// Inline Markdown markup on some words of a paragraph.
std::string MarkUp(Rng& r, std::string p) {
  size_t sp = p.find(' ', r.Below(p.size() / 2 + 1));
  if (sp != std::string::npos && sp + 1 < p.size()) {
    size_t e = p.find(' ', sp + 1);
    if (e != std::string::npos) {
      std::string w = p.substr(sp + 1, e - sp - 1);
      switch (r.Below(4)) {
        case 0: w = "**" + w + "**"; break;
        case 1: w = "*" + w + "*"; break;
        case 2: w = "[" + w + "](https://example.org/" + std::to_string(r.Below(1000)) + ")"; break;
        default: break;
      }
      p = p.substr(0, sp + 1) + w + p.substr(e);
    }
  }
  return p;
}

std::string MakeDocument(const std::string& format, uint64_t bytes) {
  Rng r{11};
  Person p = NewPerson(r);
  std::string d;
  d.reserve(bytes + 4096);
  if (format == "text") {
    d = "The Story of " + p.full + "\n\nBy " + r.Pick(detail::kSurnames) + " Ok-sil\n\n" +
        DateText(r) + "\n\n";
  } else if (format == "wiki") {
    d = "= " + p.full + " =\n\n";
  } else if (format == "markdown") {
    d = "# The Story of " + p.full + "\n\n*Posted on " + DateText(r) + "*\n\n";
  } else {
    d = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>The Story of " +
        p.full + " | Testimonies</title><meta name=\"author\" content=\"Jo Yun\">"
        "<style>p { margin: 0 }</style><script>var x = 1 < 2;</script></head>\n<body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/donate\">Donate</a></nav>\n<article><h1>"
        "The Story of " + p.full + "</h1><p class=\"date\">" + DateText(r) + "</p>\n";
  }
  for (size_t i = 0; d.size() < bytes; ++i) {
    if (i % 40 == 39) p = NewPerson(r);
    if (format == "text") {
      d += Para(r, p) + (r.Below(4) == 0 ? "\n" + Para(r, p) : "") + "\n\n";
    } else if (format == "wiki") {
      if (i % 9 == 0) d += "== " + p.full + " in " + p.home + " ==\n";
      d += Para(r, p) + "\n\n";
    } else if (format == "markdown") {
      if (i % 9 == 0) d += "## " + p.full + " in " + p.home + "\n\n";
      d += (r.Below(3) == 0 ? "- " : "") + MarkUp(r, Para(r, p)) + "\n\n";
    } else {
      if (i % 9 == 0) d += "<h2>" + p.full + " in " + p.home + "</h2>\n";
      std::string para = Para(r, p);
      size_t q = para.find('"');
      if (q != std::string::npos) para.replace(q, 1, "&quot;");
      d += "<p>" + para + " <a href=\"/p/" + std::to_string(i) + "\">More&nbsp;&amp; more</a>" +
           (r.Below(3) == 0 ? "<br>" + Para(r, p) : "") + "</p>\n";
      if (i % 25 == 0) {
        d += "<div class=\"ad\"><script>show(" + std::to_string(i) + ");</script></div>\n";
      }
    }
  }
  if (format == "html") {
    d += "</article><footer><p>Sign up to our newsletter</p><p>&copy; All rights "
         "reserved.</p></footer></body></html>\n";
  } else if (format == "markdown") {
    d += "---\n\nSign up to our newsletter\n\nAll rights reserved.\n";
  }
  return d;
}

long ResidentKb() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// In a child: loads `file` `runs` times; prints one result line.
int Measure(const std::string& format, const fs::path& file, int runs) {
  const double mb = static_cast<double>(fs::file_size(file)) / (1 << 20);
  const long base_kb = ResidentKb();
  double best = 1e30;
  size_t text_bytes = 0;
  long peak_kb = 0;
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    auto doc = cairn::ingest::LoadFile(file);
    best = std::min(best, Seconds(Clock::now() - t));
    if (!doc.ok()) {
      std::fprintf(stderr, "load_bench: %s\n", doc.status().ToString().c_str());
      return 1;
    }
    text_bytes = doc->text.size();
    if (i == 0) {  // the first run's peak, with its Document still alive
      rusage u{};
      getrusage(RUSAGE_SELF, &u);
      peak_kb = u.ru_maxrss;
    }
  }
  double growth_mb = static_cast<double>(peak_kb - base_kb) / 1024;
  std::printf("%-9s %6.1f MB -> %6.1f MB text  %7.1f MB/s  peak +%6.1f MB = %.2fx\n",
              format.c_str(), mb, static_cast<double>(text_bytes) / (1 << 20), mb / best,
              growth_mb, growth_mb / mb);
  std::fflush(stdout);  // the child leaves with _exit
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t mb = 16;
  int runs = 3;
  std::string dir_arg;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mb" && i + 1 < argc) {
      mb = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--dir" && i + 1 < argc) {
      dir_arg = argv[++i];
    } else {
      std::fprintf(stderr, "usage: load_bench [--mb N] [--runs R] [--dir DIR]\n");
      return 2;
    }
  }
  fs::path dir = dir_arg.empty()
                     ? fs::temp_directory_path() / ("cairn_load_bench_" + std::to_string(getpid()))
                     : fs::path(dir_arg);
  fs::create_directories(dir);
  const std::vector<std::pair<std::string, std::string>> formats = {
      {"text", ".txt"}, {"wiki", ".txt"}, {"markdown", ".md"}, {"html", ".html"}};
  std::vector<fs::path> files;
  for (const auto& [format, ext] : formats) {
    fs::path f = dir / ("large_" + format + ext);
    if (!fs::exists(f) || fs::file_size(f) < (mb << 20)) {
      std::ofstream(f, std::ios::binary) << MakeDocument(format, mb << 20);
    }
    files.push_back(f);
    // Warm-up: cue tables, ICU data, parser set-up, outside the measured peak.
    std::string small = MakeDocument(format, 64 << 10);
    auto warm = cairn::ingest::LoadBytes(f.filename().string(), small);
    if (!warm.ok() || warm->format != format) {
      std::fprintf(stderr, "load_bench: the %s document loads as %s\n", format.c_str(),
                   warm.ok() ? warm->format.c_str() : warm.status().ToString().c_str());
      return 1;
    }
  }
  malloc_trim(0);
  int failed = 0;
  for (size_t i = 0; i < formats.size(); ++i) {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(Measure(formats[i].first, files[i], runs));
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
  }
  if (dir_arg.empty()) fs::remove_all(dir);
  return failed ? 1 : 0;
}
