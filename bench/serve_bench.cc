// serve_bench: `cairn serve` under load, with wrk (Debian) against 127.0.0.1.
//
//   build/bench/serve_bench [--docs 10000] [--seconds 10] [--connections 32]
//                           [--db PATH] [--threads 64]
//
// First times four searches on the store alone (no HTTP; SERVE_BENCH_STORE_ONLY=1
// stops there). Builds a store of generated documents (bench/gen/generator.h: extraction
// results as the extract stage leaves them, then resolution), starts the
// server in process on a free port, and runs wrk for each kind of request —
// the person page's API calls (person, timeline, route), a search, the people
// list, a document, and the front end's own page — each for a bounded time
// (--seconds) with --connections concurrent clients on 2 wrk threads, and a
// 2 s request timeout. Prints requests/s and latency percentiles (p50, p99)
// per URL. Goal: p99 < 50 ms at 32 clients. The server caches answers (views
// per snapshot, searches per store generation), so a repeated URL measures
// the cache; the "uncached" rows make every request's target new (a wrk
// script adds an ignored parameter) and measure the work itself.
//
// The store is kept at --db (default /tmp/cairn-serve-bench.db) and reused
// when it exists, so reruns measure only the server.
//
// Figures (2-core machine shared with other jobs, RelWithDebInfo, 10,000
// documents, 32 connections, 10 s each): see README "The web application".
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gen/generator.h"
#include "resolve/resolve.h"
#include "server/server.h"
#include "store/store.h"
#include "views/views.h"

namespace fs = std::filesystem;
using namespace cairn;

namespace {

std::string Hex64(uint64_t v) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 4; ++i) {
    for (int b = 15; b >= 0; --b) s += kHex[(v >> (b * 4)) & 15];
    v = v * 6364136223846793005ull + 1442695040888963407ull;
  }
  return s;
}

int BuildStore(const std::string& db, size_t docs) {
  std::printf("generating %zu documents into %s ...\n", docs, db.c_str());
  bench::GenOptions o;
  o.documents = docs;
  bench::Corpus corpus = bench::Generate(o);
  auto st = store::Store::Open(db);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.status().message().c_str());
    return 1;
  }
  (*st)->BeginBatch();
  uint64_t n = 0;
  for (Document& d : corpus.docs) {
    d.sha256 = Hex64(++n * 0x9e3779b97f4a7c15ull);
    d.path = d.name;
    auto r = (*st)->Put(&d);
    if (!r.ok()) {
      std::fprintf(stderr, "%s: %s\n", d.name.c_str(), r.status().message().c_str());
      return 1;
    }
  }
  Status s = (*st)->CommitBatch();
  if (s.ok()) s = resolve::UpdateStore(st->get());
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  return 0;
}

struct WrkResult {
  double rps = 0, p50 = 0, p99 = 0;
  long errors = 0;
  bool ok = false;
};

// Milliseconds from wrk's "1.23ms", "456.00us", "1.02s".
double Millis(const char* s) {
  double v = std::atof(s);
  if (std::strstr(s, "us")) return v / 1000;
  if (std::strstr(s, "ms")) return v;
  if (std::strstr(s, "s")) return v * 1000;
  return v;
}

// A wrk script that makes every request's target unique (an ignored
// parameter), so no answer comes from the server's caches: what a query
// costs when each one is new.
constexpr const char kUncachedLua[] =
    "local n = 0\n"
    "request = function()\n"
    "  n = n + 1\n"
    "  return wrk.format(nil, wrk.path .. '&uncached=' .. n .. '-' .. math.random(1000000000))\n"
    "end\n";

WrkResult RunWrk(const std::string& url, int seconds, int connections,
                 const std::string& script = "") {
  std::string cmd = "wrk -t2 -c" + std::to_string(connections) + " -d" + std::to_string(seconds) +
                    "s --timeout 2s --latency " + (script.empty() ? "" : "-s '" + script + "' ") +
                    "'" + url + "' 2>&1";
  WrkResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 512> line{};
  while (fgets(line.data(), line.size(), p) != nullptr) {
    char unit[32];
    double v;
    if (std::sscanf(line.data(), " 50%% %31s", unit) == 1) r.p50 = Millis(unit);
    if (std::sscanf(line.data(), " 99%% %31s", unit) == 1) r.p99 = Millis(unit), r.ok = true;
    if (std::sscanf(line.data(), "Requests/sec: %lf", &v) == 1) r.rps = v;
    long a, b, c, d;
    if (std::sscanf(line.data(), " Socket errors: connect %ld, read %ld, write %ld, timeout %ld",
                    &a, &b, &c, &d) == 4)
      r.errors += a + b + c + d;
    if (std::sscanf(line.data(), " Non-2xx or 3xx responses: %ld", &a) == 1) r.errors += a;
  }
  pclose(p);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  size_t docs = 10000;
  int seconds = 10, connections = 32, threads = 64;
  std::string db = "/tmp/cairn-serve-bench.db";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--docs")
      docs = std::stoul(argv[i + 1]);
    else if (a == "--seconds")
      seconds = std::stoi(argv[i + 1]);
    else if (a == "--connections")
      connections = std::stoi(argv[i + 1]);
    else if (a == "--threads")
      threads = std::stoi(argv[i + 1]);
    else if (a == "--db")
      db = argv[i + 1];
  }
  if (std::system("command -v wrk >/dev/null") != 0) {
    std::fprintf(stderr, "serve_bench: wrk is not installed (apt-get install wrk)\n");
    return 1;
  }
  if (!fs::exists(db) && BuildStore(db, docs) != 0) return 1;

  server::Options o;
  o.db = db;
  o.port = 0;
  o.threads = threads;
  auto srv = server::Server::Start(o);
  if (!srv.ok()) {
    std::fprintf(stderr, "%s\n", srv.status().message().c_str());
    return 1;
  }
  const std::string base = "http://127.0.0.1:" + std::to_string((*srv)->port());

  // The person with the most events, a word every document has, and one
  // that only some have.
  auto st = store::Store::Open(db);
  auto facts = (*st)->LoadFacts();
  if (!facts.ok()) return 1;
  auto people = nlohmann::json::parse(*views::People(*facts, true));
  const std::string person = people.empty() ? "e1" : people[0]["id"].get<std::string>();
  auto infos = (*st)->ListDocuments();
  std::printf("store: %zu documents, %zu entities, %zu events, %zu conflicts; person %s\n",
              infos->size(), facts->entities.size(), facts->events.size(), facts->conflicts.size(),
              person.c_str());

  // One search at a time, no HTTP: what a query costs the store.
  for (const char* q : {"crossed", "\"Tumen River\"", "repatri* OR Yanji", "cross* OR born"}) {
    store::SearchOptions so;
    auto t0 = std::chrono::steady_clock::now();
    int64_t total = 0;
    constexpr int kRuns = 50;
    for (int i = 0; i < kRuns; ++i) {
      auto r = (*st)->SearchPage(q, so);
      if (r.ok()) total = r->total;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("store search %-22s %7.2f ms a query (total %lld)\n", q, ms / kRuns,
                static_cast<long long>(total));
  }

  // The person page's views on the facts alone, no HTTP: what an uncached
  // person page costs.
  for (const char* view : {"person", "timeline"}) {
    auto t0 = std::chrono::steady_clock::now();
    constexpr int kRuns = 20;
    for (int i = 0; i < kRuns; ++i) {
      auto r = std::string(view) == "person" ? views::Person(*facts, person, true)
                                             : views::Timeline(*facts, person, true);
      if (!r.ok()) return 1;
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("view %-8s %7.2f ms\n", view, ms / kRuns);
  }

  if (std::getenv("SERVE_BENCH_STORE_ONLY")) return 0;
  const std::vector<std::pair<std::string, std::string>> urls = {
      {"person (API)", "/api/person/" + person},
      {"timeline (API)", "/api/timeline/" + person},
      {"route (API)", "/api/route/" + person},
      {"people (API)", "/api/people?offset=0&limit=100"},
      {"people: filter", "/api/people?filter=kim&sort=name&limit=100"},
      {"document (API)", "/api/document/d5000"},
      {"search: word", "/api/search?q=crossed"},
      {"search: phrase", "/api/search?q=%22Tumen%20River%22"},
      {"search: prefix OR", "/api/search?q=repatri*%20OR%20Yanji"},
      {"search: word p.3", "/api/search?q=crossed&offset=40"},
      {"search: OR prefix", "/api/search?q=cross*%20OR%20born"},
      {"page (index.html)", "/"},
      // Every request a new target: no cached answer.
      {"uncached: word", "/api/search?q=crossed"},
      {"uncached: prefix OR", "/api/search?q=repatri*%20OR%20Yanji"},
      {"uncached: person", "/api/person/" + person + "?x=1"},
  };
  const std::string lua = (fs::temp_directory_path() / "cairn-serve-bench-uncached.lua").string();
  {
    FILE* f = std::fopen(lua.c_str(), "w");
    if (f != nullptr) {
      std::fputs(kUncachedLua, f);
      std::fclose(f);
    }
  }
  std::printf("\n%-20s %10s %9s %9s %7s\n", "request", "req/s", "p50 ms", "p99 ms", "errors");
  bool all = true;
  for (const auto& [label, path] : urls) {
    WrkResult r =
        RunWrk(base + path, seconds, connections, label.starts_with("uncached") ? lua : "");
    if (!r.ok) {
      std::printf("%-20s wrk failed\n", label.c_str());
      all = false;
      continue;
    }
    std::printf("%-20s %10.0f %9.2f %9.2f %7ld%s\n", label.c_str(), r.rps, r.p50, r.p99, r.errors,
                r.p99 < 50 ? "" : "  (over the 50 ms goal)");
    std::fflush(stdout);
  }
  (*srv)->Stop();
  return all ? 0 : 1;
}
