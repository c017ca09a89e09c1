// serve_bench: `cairn serve` under load, with wrk (Debian) against 127.0.0.1.
//
//   build/bench/serve_bench [--docs 10000] [--seconds 5] [--max-requests 20000]
//                           [--connections 32] [--db PATH] [--threads 32] [--only LABEL]
//                           [--precompute 1|0]
//
// Builds (or reuses) a store of generated documents (bench/gen/generator.h:
// extraction results as the extract stage leaves them, then resolution), then:
//
// 1. Without HTTP, the CPU time (this thread's) of each query of a list of
//    distinct searches drawn from the store's own words (a word, two words, a
//    phrase, a prefix, OR, a later page, event-type and year filters), and of
//    the person view for every person: p50 / p95 / p99 / max per query.
// 2. The server in process on a free port, and wrk (2 threads, --connections
//    clients, a 2 s timeout) for each kind of request, each run bounded by
//    --seconds and --max-requests: uncached searches (every request a
//    distinct query of the list above, and a distinct target, so no answer
//    comes from a cache), uncached person-page API calls (person, timeline,
//    route and conflicts of every person in turn), the generated corpus's
//    outlier person (the most documents; also with Accept-Encoding: gzip, as
//    browsers ask), uncached documents and people
//    pages, then cached answers (a repeated URL) and the front end's page.
//    Per kind: requests/s, wall p50 / p95 / p99 (wrk's own histogram, from a
//    Lua done() hook), errors, and the CPU time per request, the server's
//    (this process's getrusage over the run) and wrk's (its own rusage).
//    "Uncached" means no answer cached by its target: a person's four
//    answers are precomputed when the server starts (Options::precompute;
//    the bench waits for it and prints what it cost), so with --precompute 1
//    (the default) those requests are lookups, and --precompute 0 measures
//    them computed on the request, as before.
//
// The machine this was written on has 2 cores shared with other jobs, so the
// wall figures are noisy; the CPU time is not. On an idle machine with C
// cores, --connections clients each waiting for its answer keep C cores busy
// and, by Little's law, wait connections x CPU per request / C on average:
// the "idle est." column (server and wrk CPU together, wrk on the same
// cores). Goal: p99 < 50 ms at 32 clients, so a request may cost about
// 3 ms of CPU in all.
//
// The store is kept at --db (default /tmp/cairn-serve-bench.db) and reused
// when it exists, so reruns measure only the server. SERVE_BENCH_STORE_ONLY=1
// stops after part 1. Figures: README "The web application".
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
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
  double rps = 0, p50 = 0, p95 = 0, p99 = 0;  // ms
  long requests = 0, errors = 0;
  double server_cpu_ms = 0, client_cpu_ms = 0;  // per request
  bool ok = false;
};

double CpuMs(const rusage& u) {
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

// This process's resident memory.
double RssMb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// A Lua string literal.
std::string LuaQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// wrk's script for one run: the two wrk threads take the targets in turn
// (thread 0 the odd, thread 1 the even ones), each with an ignored
// parameter unique to the request when `unique` (no cached answer); each
// thread stops after `max_requests` / 2 answers; done() prints the counts
// and percentiles on one line for RunWrk.
std::string WrkScript(const std::vector<std::string>& targets, bool unique, long max_requests,
                      bool gzip) {
  std::string lua = "local targets = {\n";
  for (const std::string& t : targets) lua += "  " + LuaQuote(t) + ",\n";
  lua += "}\n";
  lua += "local unique = " + std::string(unique ? "true" : "false") + "\n";
  lua += gzip ? "local headers = { [\"Accept-Encoding\"] = \"gzip\" }\n" : "local headers = {}\n";
  lua += "local per_thread = " + std::to_string(std::max(1L, max_requests / 2)) + "\n";
  lua += R"(local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
local n, answered = 0, 0
function request()
  local t = targets[((n * 2 + tid) % #targets) + 1]
  n = n + 1
  if unique then
    local sep = "?"
    if string.find(t, "?", 1, true) then sep = "&" end
    t = t .. sep .. "u=" .. tid .. "-" .. n
  end
  return wrk.format(nil, t, headers)
end
function response(status, headers, body)
  answered = answered + 1
  if answered >= per_thread then wrk.thread:stop() end
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("CAIRN-RESULT %d %d %.3f %.3f %.3f\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
)";
  return lua;
}

WrkResult RunWrk(const std::string& base, const std::vector<std::string>& targets, bool unique,
                 int seconds, long max_requests, int connections, bool gzip) {
  WrkResult r;
  const std::string script =
      (fs::temp_directory_path() / ("cairn-serve-bench-" + std::to_string(::getpid()) + ".lua"))
          .string();
  {
    FILE* f = std::fopen(script.c_str(), "w");
    if (f == nullptr) return r;
    std::fputs(WrkScript(targets, unique, max_requests, gzip).c_str(), f);
    std::fclose(f);
  }
  const std::string cmd = "wrk -t2 -c" + std::to_string(connections) + " -d" +
                          std::to_string(seconds) + "s --timeout 2s -s '" + script + "' '" + base +
                          "/' 2>&1";
  rusage self0{}, kids0{}, self1{}, kids1{};
  getrusage(RUSAGE_SELF, &self0);
  getrusage(RUSAGE_CHILDREN, &kids0);
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 512> line{};
  while (fgets(line.data(), line.size(), p) != nullptr) {
    double v;
    if (std::sscanf(line.data(), "Requests/sec: %lf", &v) == 1) r.rps = v;
    if (std::sscanf(line.data(), "CAIRN-RESULT %ld %ld %lf %lf %lf", &r.requests, &r.errors, &r.p50,
                    &r.p95, &r.p99) == 5)
      r.ok = true;
    long a;
    if (std::sscanf(line.data(), " Non-2xx or 3xx responses: %ld", &a) == 1) r.errors += a;
  }
  pclose(p);
  getrusage(RUSAGE_SELF, &self1);
  getrusage(RUSAGE_CHILDREN, &kids1);
  std::remove(script.c_str());
  if (r.requests > 0) {
    r.server_cpu_ms = (CpuMs(self1) - CpuMs(self0)) / r.requests;
    r.client_cpu_ms = (CpuMs(kids1) - CpuMs(kids0)) / r.requests;
  }
  return r;
}

// "%20" and friends for a query parameter.
std::string UrlEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Distinct searches from the store's own words: each query of the list is
// different, of the kinds a user types.
struct Query {
  std::string q, extra;  // extra: "&offset=20", "&type=arrest", ...
};
std::vector<Query> MakeQueries(store::Store& st, const std::vector<store::DocumentInfo>& docs,
                               size_t want) {
  std::vector<std::string> words;
  std::vector<std::pair<std::string, std::string>> pairs;  // adjacent words
  std::set<std::string> seen;
  for (size_t i = 0; i < docs.size() && words.size() < 400;
       i += std::max<size_t>(1, docs.size() / 97)) {
    auto d = st.LoadDocument(docs[i].id, false);
    if (!d.ok()) continue;
    std::string prev, cur;
    for (size_t k = 0; k <= d->text.size(); ++k) {
      const char c = k < d->text.size() ? d->text[k] : ' ';
      if (std::isalpha(static_cast<unsigned char>(c))) {
        cur += c;
        continue;
      }
      if (cur.size() >= 4) {
        if (seen.insert(cur).second) words.push_back(cur);
        if (!prev.empty() && pairs.size() < 400) pairs.emplace_back(prev, cur);
        prev = cur;
      } else if (!cur.empty()) {
        prev.clear();
      }
      cur.clear();
    }
  }
  std::vector<Query> out;
  if (words.size() < 2 || pairs.empty()) return out;
  static const char* kTypes[] = {"birth", "border_crossing", "employment", "defection"};
  std::set<std::string> made;
  for (size_t i = 0; out.size() < want && i < want * 4; ++i) {
    const std::string& a = words[(i * 7) % words.size()];
    const std::string& b = words[(i * 13 + 5) % words.size()];
    const auto& pr = pairs[(i * 11) % pairs.size()];
    Query q;
    switch (i % 8) {
      case 0:
        q.q = a;
        break;
      case 1:
        q.q = a + " " + b;
        break;
      case 2:
        q.q = "\"" + pr.first + " " + pr.second + "\"";
        break;
      case 3:
        q.q = a.substr(0, 4) + "*";
        break;
      case 4:
        q.q = a + " OR " + b;
        break;
      case 5:
        q.q = a, q.extra = "&offset=20";
        break;
      case 6:
        q.q = a, q.extra = std::string("&type=") + kTypes[(i / 8) % 4];
        break;
      default:
        q.q = a, q.extra = "&from=" + std::to_string(1960 + (i % 40)) +
                           "&to=" + std::to_string(1975 + (i % 40));
        break;
    }
    if (made.insert(q.q + q.extra).second) out.push_back(q);
  }
  return out;
}

struct Percentiles {
  double p50 = 0, p95 = 0, p99 = 0, max = 0, mean = 0;
};
Percentiles Summarize(std::vector<double> v) {
  Percentiles p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<size_t>(q * v.size()))]; };
  p.p50 = at(0.50), p.p95 = at(0.95), p.p99 = at(0.99), p.max = v.back();
  for (double x : v) p.mean += x / v.size();
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  size_t docs = 10000;
  int seconds = 5, connections = 32, threads = 32;
  long max_requests = 20000;
  std::string db = "/tmp/cairn-serve-bench.db";
  std::string only;  // run only the kinds whose label contains it
  bool precompute = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--docs")
      docs = std::stoul(argv[i + 1]);
    else if (a == "--seconds")
      seconds = std::stoi(argv[i + 1]);
    else if (a == "--max-requests")
      max_requests = std::stol(argv[i + 1]);
    else if (a == "--connections")
      connections = std::stoi(argv[i + 1]);
    else if (a == "--threads")
      threads = std::stoi(argv[i + 1]);
    else if (a == "--db")
      db = argv[i + 1];
    else if (a == "--only")
      only = argv[i + 1];
    else if (a == "--precompute")
      precompute = std::string(argv[i + 1]) != "0";
  }
  if (std::system("command -v wrk >/dev/null") != 0) {
    std::fprintf(stderr, "serve_bench: wrk is not installed (apt-get install wrk)\n");
    return 1;
  }
  if (!fs::exists(db) && BuildStore(db, docs) != 0) return 1;

  auto st = store::Store::Open(db);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.status().message().c_str());
    return 1;
  }
  auto facts = (*st)->LoadFacts();
  auto infos = (*st)->ListDocuments();
  if (!facts.ok() || !infos.ok()) return 1;
  // Everyone, most events first; the outlier: the person in most documents.
  std::vector<std::string> persons;
  std::string outlier;
  size_t outlier_docs = 0;
  for (const auto& p : nlohmann::json::parse(*views::People(*facts, true))) {
    persons.push_back(p["id"].get<std::string>());
  }
  for (const EntityRecord& e : facts->entities) {
    if (e.type == EntityType::kPerson && e.docs.size() > outlier_docs)
      outlier = e.id, outlier_docs = e.docs.size();
  }
  if (persons.empty()) return 1;
  std::printf(
      "store: %zu documents, %zu entities, %zu events, %zu conflicts; outlier %s (%zu documents)\n",
      infos->size(), facts->entities.size(), facts->events.size(), facts->conflicts.size(),
      outlier.c_str(), outlier_docs);
  const std::vector<Query> queries = MakeQueries(**st, *infos, 1000);

  // 1. What a query and a view cost, one at a time, no HTTP (thread CPU).
  {
    std::vector<double> cpu;
    int64_t total = 0;
    for (const Query& q : queries) {
      // Filters are the server's part, measured under load below.
      if (!q.extra.empty() && q.extra != "&offset=20") continue;
      store::SearchOptions so;
      if (q.extra == "&offset=20") so.offset = 20;
      const double t0 = ThreadCpuMs();
      auto r = (*st)->SearchPage(q.q, so);
      cpu.push_back(ThreadCpuMs() - t0);
      if (r.ok()) total += r->total;
    }
    Percentiles p = Summarize(cpu);
    std::printf(
        "\nstore search, %zu distinct queries: CPU ms a query p50 %.2f p95 %.2f p99 %.2f max %.2f "
        "mean %.2f (%lld matching documents in all)\n",
        cpu.size(), p.p50, p.p95, p.p99, p.max, p.mean, static_cast<long long>(total));
  }
  for (const char* view : {"person", "timeline"}) {
    std::vector<double> cpu;
    double outlier_ms = 0;
    for (const std::string& id : persons) {
      const double t0 = ThreadCpuMs();
      auto r = std::string(view) == "person" ? views::Person(*facts, id, true)
                                             : views::Timeline(*facts, id, true);
      if (!r.ok()) return 1;
      cpu.push_back(ThreadCpuMs() - t0);
      if (id == outlier) outlier_ms = cpu.back();
    }
    Percentiles p = Summarize(cpu);
    std::printf(
        "view %-8s, %zu persons: CPU ms p50 %.2f p95 %.2f p99 %.2f max %.2f mean %.2f; "
        "the outlier %.2f\n",
        view, cpu.size(), p.p50, p.p95, p.p99, p.max, p.mean, outlier_ms);
  }
  if (std::getenv("SERVE_BENCH_STORE_ONLY")) return 0;

  // 2. Under load.
  server::Options o;
  o.db = db;
  o.port = 0;
  o.threads = threads;
  o.precompute = precompute;
  const double rss0 = RssMb();
  rusage warm0{}, warm1{};
  getrusage(RUSAGE_SELF, &warm0);
  const auto wall0 = std::chrono::steady_clock::now();
  auto srv = server::Server::Start(o);
  if (!srv.ok()) {
    std::fprintf(stderr, "%s\n", srv.status().message().c_str());
    return 1;
  }
  if (precompute) {
    // Measured with the warm-up done: the requests below are lookups.
    const server::Server::Warmth w = (*srv)->WaitUntilWarm();
    getrusage(RUSAGE_SELF, &warm1);
    std::printf(
        "\nserver start with precomputed answers of %zu persons: %.2f s wall, %.2f s CPU, "
        "+%.0f MB resident\n",
        w.persons, std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count(),
        (CpuMs(warm1) - CpuMs(warm0)) / 1e3, RssMb() - rss0);
  } else {
    std::printf("\nserver start without precomputed answers (--precompute 0): +%.0f MB resident\n",
                RssMb() - rss0);
  }
  const std::string base = "http://127.0.0.1:" + std::to_string((*srv)->port());

  std::vector<std::string> searches, person_calls, documents, people;
  for (const Query& q : queries) searches.push_back("/api/search?q=" + UrlEncode(q.q) + q.extra);
  for (const std::string& id : persons) {
    person_calls.push_back("/api/person/" + id);
    person_calls.push_back("/api/timeline/" + id);
    person_calls.push_back("/api/route/" + id);
    person_calls.push_back("/api/conflicts?person=" + id);
  }
  for (const auto& d : *infos) documents.push_back("/api/document/" + d.id);
  for (const char* f : {"kim", "pak", "ri", "choe", "jang", "han", "son", "o", "yu", "ji"})
    for (const char* sort : {"events", "name", "docs"})
      people.push_back(std::string("/api/people?limit=100&filter=") + f + "&sort=" + sort);
  struct Kind {
    std::string label;
    std::vector<std::string> targets;
    bool unique;
    bool gzip = false;  // Accept-Encoding: gzip, as browsers send
  };
  const std::vector<Kind> kinds = {
      {"uncached: search", searches, true},
      {"uncached: person page API", person_calls, true},
      {"uncached: outlier person", {"/api/person/" + outlier}, true},
      {"uncached: outlier timeline", {"/api/timeline/" + outlier}, true},
      {"uncached: outlier person gzip", {"/api/person/" + outlier}, true, true},
      {"uncached: document", documents, true},
      {"uncached: people page", people, true},
      {"cached: search", {searches.front()}, false},
      {"cached: person", {"/api/person/" + persons.front()}, false},
      {"cached: people", {"/api/people?offset=0&limit=100"}, false},
      {"page (index.html)", {"/"}, false},
  };
  std::printf("\n%d connections, %d s or %ld requests a run, %d server threads\n", connections,
              seconds, max_requests, threads);
  std::printf("%-28s %8s %7s %7s %7s %6s %9s %9s %9s\n", "request", "req/s", "p50 ms", "p95 ms",
              "p99 ms", "errors", "srv CPU", "wrk CPU", "idle est.");
  bool all = true;
  for (const Kind& k : kinds) {
    if (k.label.find(only) == std::string::npos) continue;
    WrkResult r = RunWrk(base, k.targets, k.unique, seconds, max_requests, connections, k.gzip);
    if (!r.ok) {
      std::printf("%-28s wrk failed\n", k.label.c_str());
      all = false;
      continue;
    }
    // Little's law on an idle 2-core machine: every client waiting, both
    // cores busy with the server's and wrk's work.
    const double idle = connections * (r.server_cpu_ms + r.client_cpu_ms) / 2;
    std::printf("%-28s %8.0f %7.2f %7.2f %7.2f %6ld %9.3f %9.3f %9.2f%s\n", k.label.c_str(), r.rps,
                r.p50, r.p95, r.p99, r.errors, r.server_cpu_ms, r.client_cpu_ms, idle,
                r.p99 < 50 ? "" : "  (wall p99 over 50 ms)");
    std::fflush(stdout);
  }
  (*srv)->Stop();
  return all ? 0 : 1;
}
