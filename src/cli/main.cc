// cairn: the command-line front end. Thin: parses flags, opens the store,
// calls the library, prints results to stdout and errors to stderr.
//
// Exit status: see cli/common.h.
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cli/annotate_command.h"
#include "cli/common.h"
#include "cli/ingest_runner.h"
#include "cli/progress.h"
#include "cli/view_commands.h"
#include "export/export.h"
#include "export/redact.h"
#include "server/server.h"
#include "server/users.h"
#include "store/store.h"
#include "views/views.h"

#ifndef CAIRN_VERSION
#define CAIRN_VERSION "0.0.0"
#endif

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

// One line with no line breaks, for tabular output.
std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

// Set by SIGINT / SIGTERM during an ingest: the batch stops after the
// current file and keeps what it stored. A second signal ends the process
// at once (the handler is reset); the store is still never half-written.
std::atomic<bool> g_stop_ingest{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void StopIngest(int) { g_stop_ingest.store(true); }

void CatchStopSignals() {
  struct sigaction sa {};
  sa.sa_handler = StopIngest;
  sa.sa_flags = static_cast<int>(SA_RESETHAND);
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// The names of an --allow file: one per line; blank lines and lines starting
// with '#' skipped, spaces around a name trimmed.
Result<std::vector<std::string>> ReadAllowList(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot read the allow-list");
  std::vector<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    size_t b = 0, e = line.size();
    while (b < e && std::isspace(static_cast<unsigned char>(line[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(line[e - 1]))) --e;
    if (e > b && line[b] != '#') names.push_back(line.substr(b, e - b));
  }
  if (in.bad()) return Status::IOError(path + ": cannot read the allow-list");
  return names;
}

// --protect-all of ingest: 1 on, 0 off (--no-protect-all), -1 unchanged.
int RunIngestCommand(const std::string& db, const std::vector<std::string>& paths, bool quiet,
                     uint64_t max_file_bytes, bool no_extract, IngestOptions options,
                     int protect_all, const std::string& allow_file) {
  std::vector<std::string> allow;
  if (!allow_file.empty()) {
    auto names = ReadAllowList(allow_file);
    if (!names.ok()) {
      PrintError(names.status().message());
      return kExitUsage;
    }
    allow = std::move(*names);
  }
  auto st = OpenStore(db, /*must_exist=*/false);
  if (!st.ok()) return StoreFailure(st.status());
  if (protect_all >= 0) {
    // The store's policy from now on; the resolution after this ingest
    // applies it (even when every file is unchanged).
    Status s = (*st)->SetProtectAll(protect_all == 1, allow);
    if (!s.ok()) return StoreFailure(s);
  }
  if (max_file_bytes > 0) options.max_file_bytes = max_file_bytes;
  options.run_extraction = !no_extract;
  auto progress = MakeProgress(quiet, stderr);
  ProgressSink* sink = progress.get();
  options.ocr_progress = [sink](int done, int total) { sink->OcrPages(done, total); };
  CatchStopSignals();
  RunOptions run;
  run.skip = StoreFiles(db);
  run.stop = &g_stop_ingest;
  run.jobs = static_cast<unsigned>(options.jobs);
  // The batch checks the stop flag between files; inside one large file it
  // would not for a long while. A second after a stop request that the
  // batch has not honoured, the process ends: every committed group is
  // kept (SQLite's WAL makes a commit all or nothing), the open group of
  // at most a second's documents is lost and is stored again by the next
  // ingest of the same paths.
  std::atomic<bool> finished{false};
  std::thread watchdog([&finished] {
    using namespace std::chrono_literals;
    while (!finished.load()) {
      if (g_stop_ingest.load()) {
        const auto asked = std::chrono::steady_clock::now();
        while (!finished.load() && std::chrono::steady_clock::now() - asked < 1s)
          std::this_thread::sleep_for(10ms);
        if (finished.load()) return;
        static constexpr char kMsg[] =
            "cairn: interrupted inside a file: the documents committed so far are kept; ingest "
            "the same paths again to go on\n";
        (void)!::write(2, kMsg, sizeof kMsg - 1);
        ::_exit(kExitInterrupted);
      }
      std::this_thread::sleep_for(20ms);
    }
  });
  auto sum = RunIngest(**st, paths, DefaultStages(options), *progress, run);
  finished.store(true);
  watchdog.join();
  if (!sum.ok()) return StoreFailure(sum.status());
  if (sum->interrupted) {
    size_t done = sum->added + sum->updated + sum->unchanged + sum->failed;
    PrintError("interrupted: " + std::to_string(done) + " of " + std::to_string(sum->files) +
               " files done and kept; ingest the same paths again to go on");
  }
  if (!quiet) {
    std::printf("ingested %zu file%s: %zu new, %zu updated, %zu unchanged, %zu failed",
                sum->files, sum->files == 1 ? "" : "s", sum->added, sum->updated, sum->unchanged,
                sum->failed);
    if (sum->bad_paths > 0) std::printf(", %zu unreadable path%s", sum->bad_paths,
                                        sum->bad_paths == 1 ? "" : "s");
    std::printf(" (%s in %.1f s)\n", HumanBytes(sum->bytes).c_str(), sum->seconds);
  }
  if (sum->interrupted) return kExitInterrupted;
  return sum->ok() ? kExitOk : kExitInputs;
}

// The facts whose protected names `--redact` masks.
Result<FactBase> FactsForRedaction(store::Store& store) { return store.LoadFacts(); }

int RunSearchCommand(const std::string& db, const std::string& query, int limit, int offset,
                     bool redact) {
  auto st = OpenStoreForReading(db);
  if (!st.ok()) return StoreFailure(st.status());
  store::SearchOptions options;
  options.limit = limit;
  options.offset = offset;
  options.max_ranked = std::max(options.max_ranked, offset + limit);
  auto page = (*st)->SearchPage(query, options);
  auto hits = page.ok() ? Result<std::vector<store::SearchHit>>(page->hits)
                        : Result<std::vector<store::SearchHit>>(page.status());
  if (!hits.ok()) {
    // Only a query without words is the user's mistake; anything else is
    // the store's (a damaged index, a locked or unreadable file).
    PrintError(hits.status().message());
    return hits.status().code() == Status::Code::kInvalidArgument ? kExitUsage : kExitStore;
  }
  FactBase facts;
  if (redact) {
    auto f = FactsForRedaction(**st);
    if (!f.ok()) return StoreFailure(f.status());
    facts = std::move(*f);
  }
  auto mask = [&](const std::string& s) {
    return redact ? exporter::RedactText(s, facts) : s;
  };
  int rank = offset;
  for (const store::SearchHit& h : *hits) {
    std::printf("%d\t%s\t%s\t%s\n", ++rank, mask(h.name).c_str(),
                h.title.empty() ? "-" : OneLine(mask(h.title)).c_str(),
                OneLine(redact ? exporter::RedactSnippet(h.snippet, facts) : h.snippet).c_str());
  }
  if (hits->empty() && offset == 0)
    std::fprintf(stderr, "cairn: no document matches \"%s\"\n", query.c_str());
  else if (offset + static_cast<int64_t>(hits->size()) < page->total)
    std::fprintf(stderr, "cairn: %d-%d of %s%lld matching documents (--offset %d for more)\n",
                 offset + 1, rank, page->total_exact ? "" : "more than ",
                 static_cast<long long>(page->total), rank);
  return kExitOk;
}

int RunShowCommand(const std::string& db, const std::string& doc_ref, bool sentences,
                   bool redact) {
  auto st = OpenStoreForReading(db);
  if (!st.ok()) return StoreFailure(st.status());
  auto doc = (*st)->LoadDocument(doc_ref, /*with_annotations=*/false);
  if (!doc.ok()) {
    PrintError(doc.status().message());
    return doc.status().code() == Status::Code::kNotFound ? kExitInputs : kExitStore;
  }
  auto info = (*st)->FindDocument(doc->id);
  if (!info.ok()) return StoreFailure(info.status());
  if (redact) {
    // Byte for byte: the sentence offsets still slice the same sentences.
    auto f = FactsForRedaction(**st);
    if (!f.ok()) return StoreFailure(f.status());
    for (std::string* field : {&doc->name, &doc->path, &doc->title, &doc->author, &doc->text})
      *field = exporter::RedactText(*field, *f);
  }
  std::printf("id:       %s\n", doc->id.c_str());
  std::printf("name:     %s\n", doc->name.c_str());
  std::printf("path:     %s\n", doc->path.c_str());
  std::printf("version:  %d\n", info->version);
  std::printf("title:    %s\n", doc->title.empty() ? "-" : doc->title.c_str());
  std::printf("date:     %s\n", doc->date ? FormatDay(*doc->date).c_str() : "-");
  std::printf("author:   %s\n", doc->author.empty() ? "-" : doc->author.c_str());
  std::printf("language: %s\n", doc->language.c_str());
  std::printf("format:   %s (%s)\n", doc->format.c_str(), doc->encoding.c_str());
  std::printf("sha256:   %s\n", doc->sha256.c_str());
  std::printf("text:     %zu bytes, %zu paragraphs, %zu sentences\n", doc->text.size(),
              doc->paragraphs.size(), doc->sentences.size());
  std::printf("\n");
  if (sentences) {
    for (size_t i = 0; i < doc->sentences.size(); ++i) {
      const Sentence& s = doc->sentences[i];
      std::printf("%zu\t%u\t%u\t%s\n", i, s.span.begin, s.span.end,
                  OneLine(std::string(doc->Slice(s.span))).c_str());
    }
  } else {
    std::fwrite(doc->text.data(), 1, doc->text.size(), stdout);
    if (!doc->text.empty() && doc->text.back() != '\n') std::printf("\n");
  }
  return kExitOk;
}

int RunExportCommand(const std::string& db, const std::string& format, const std::string& out_path,
                     exporter::ExportOptions options, const std::string& allow_file) {
  if (!allow_file.empty()) {
    auto names = ReadAllowList(allow_file);
    if (!names.ok()) {
      PrintError(names.status().message());
      return kExitUsage;
    }
    options.allow = std::move(*names);
  }
  auto st = OpenStoreForReading(db);
  if (!st.ok()) return StoreFailure(st.status());
  auto write = [&](std::ostream& out) -> Status {
    if (format == "geojson") return WriteRoutesGeojson(**st, out, options);
    std::vector<store::DocumentInfo> docs;
    FactBase facts;
    CAIRN_RETURN_IF_ERROR(exporter::LoadForExport(**st, options, &docs, &facts));
    return format == "csv" ? exporter::WriteEventsCsv(docs, facts, out)
                           : exporter::WriteJsonl(docs, facts, out);
  };
  if (out_path.empty() || out_path == "-") {
    errno = 0;
    Status s = write(std::cout);
    if (s.ok()) std::cout.flush();
    if (s.ok() && std::cout) return kExitOk;
    if (!std::cout) {
      // One message naming what failed and why (a full disk, a closed pipe),
      // not the stream's generic one and then main's.
      const int err = errno;
      PrintError(std::string("writing the export to standard output failed") +
                 (err != 0 ? std::string(": ") + std::strerror(err) : std::string()));
      return kExitStore;
    }
    return StoreFailure(s);
  }
  // Written to a temporary file beside the target, then renamed over it, so
  // readers never see a half-written export.
  fs::path target(out_path);
  fs::path tmp = target;
  tmp += ".tmp-" + std::to_string(getpid());
  Status s;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      PrintError(tmp.string() + ": cannot create file");
      return kExitStore;
    }
    errno = 0;
    s = write(out);
    out.close();
    if (!out) {
      const int err = errno;
      s = Status::IOError(out_path + ": writing the export failed" +
                          (err != 0 ? std::string(": ") + std::strerror(err) : std::string()));
    }
  }
  std::error_code ec;
  if (s.ok()) {
    fs::rename(tmp, target, ec);
    if (ec) s = Status::IOError(out_path + ": cannot rename into place: " + ec.message());
  }
  if (!s.ok()) {
    fs::remove(tmp, ec);
    return StoreFailure(s);
  }
  return kExitOk;
}

// `cairn serve`: runs until SIGINT or SIGTERM, then stops cleanly.
int RunServeCommand(server::Options options) {
  if (!fs::exists(options.db)) {
    PrintError(options.db + ": no such store (create it with cairn ingest)");
    return kExitInputs;
  }
  // The signals are taken by sigwait below, not by a handler: every thread
  // the server starts inherits the mask.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  auto srv = server::Server::Start(options);
  if (!srv.ok()) {
    // A bad users file is the caller's mistake, not the store's.
    if (srv.status().code() == Status::Code::kInvalidArgument)
      return Fail(srv.status(), kExitUsage);
    return StoreFailure(srv.status());
  }
  std::printf("cairn: serving %s at http://%s:%d/ (%s%s); Ctrl-C stops\n", options.db.c_str(),
              options.bind.c_str(), (*srv)->port(),
              !options.users_file.empty()    ? "for the users of the users file"
              : options.editor_token.empty() ? "read-only"
                                             : "editable with the editor token",
              options.redact ? ", protected identities withheld" : "");
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  (*srv)->Stop();
  return kExitOk;
}
constexpr const char* kRedactHelp =
    "Withhold protected identities: names become pseudonyms (Person-7KQ2XM) and every form of "
    "them is masked with * (offsets stay valid)";

int Main(int argc, char** argv) {
  CLI::App app{
      "cairn: a sourced knowledge base from testimonies of North Korean defectors.\n"
      "Exit status: 0 ok, 1 some inputs failed, 2 usage error, 3 store error.",
      "cairn"};
  app.set_version_flag("--version", std::string("cairn ") + CAIRN_VERSION);
  app.require_subcommand(1);

  // One variable per command: CLI11 may fill an unused command's option from
  // the environment, which must not overwrite the used command's --db.
  std::string ingest_db, search_db, show_db, export_db;
  auto add_db = [](CLI::App* cmd, std::string& db) {
    cmd->add_option("--db", db, "The store file (SQLite); default: $CAIRN_DB")
        ->envname("CAIRN_DB")
        ->required();
  };

  // ingest
  std::vector<std::string> paths;
  bool quiet = false;
  bool no_extract = false;
  uint64_t max_file_bytes = 0;
  CLI::App* ingest = app.add_subcommand(
      "ingest", "Ingest files and folders (recursively) into the store; unchanged files are skipped");
  add_db(ingest, ingest_db);
  ingest->add_option("PATH", paths, "Files or folders to ingest")->required();
  ingest->add_flag("-q,--quiet", quiet, "No progress and no summary; failures are still reported");
  ingest->add_option("--max-file-size", max_file_bytes,
                     "Reject files larger than this (e.g. 32MB, 500KB; default 32MB)")
      ->transform(CLI::AsSizeValue(false));
  ingest->add_flag("--no-extract", no_extract, "Store text only; skip extraction");
  IngestOptions format_options;
  ingest->add_option("--pdf-password", format_options.pdf_password,
                     "Password of encrypted PDFs");
  ingest->add_option("--ocr-lang", format_options.ocr_lang,
                     "Tesseract languages for scanned pages and images (default eng+kor)");
  bool no_ocr = false;
  ingest->add_flag("--no-ocr", no_ocr, "Do not OCR scanned pages and images");
  bool no_syntax = false;
  ingest->add_flag("--no-syntax", no_syntax,
                   "Do not tag and parse sentences before extraction (faster; extraction "
                   "then uses its surface rules alone)");
  format_options.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ingest
      ->add_option("-j,--jobs", format_options.jobs,
                   "Threads that read, segment, parse, extract and OCR documents (one writer "
                   "stores them in input order; the store is the same for any N); default: "
                   "every core")
      ->check(CLI::Range(1, 256));
  bool ingest_protect_all = false, ingest_no_protect_all = false;
  std::string ingest_allow;
  auto* ingest_pa = ingest->add_flag(
      "--protect-all", ingest_protect_all,
      "From now on withhold every named person in redacted output, except those in --allow "
      "(kept in the store; cairn protect/unprotect still override)");
  ingest
      ->add_flag("--no-protect-all", ingest_no_protect_all,
                 "Stop withholding every named person (the text's cues and cairn protect "
                 "still hold)")
      ->excludes(ingest_pa);
  ingest
      ->add_option("--allow", ingest_allow,
                   "With --protect-all: a file of public figures' names, one per line (any "
                   "spelling, script or order matches)")
      ->needs(ingest_pa);

  // search
  std::string query;
  int limit = 10;
  CLI::App* search =
      app.add_subcommand("search", "Full-text search; prints rank, name, title and a snippet");
  add_db(search, search_db);
  search->add_option("QUERY", query, "Words to find (all must match; word* for a prefix)")
      ->required();
  search->add_option("-n,--limit", limit, "Most hits to print")->check(CLI::Range(1, 10000));
  int search_offset = 0;
  search->add_option("--offset", search_offset, "Skip this many of the best documents (paging)")
      ->check(CLI::Range(0, 1000000));
  bool search_redact = false;
  search->add_flag("--redact", search_redact, kRedactHelp);

  // show
  std::string doc_ref;
  bool sentences = false;
  CLI::App* show = app.add_subcommand("show", "Print a document's metadata and text");
  add_db(show, show_db);
  show->add_option("DOC", doc_ref, "Document id (d3) or file name")->required();
  show->add_flag("--sentences", sentences,
                 "List sentences with their UTF-8 byte offsets instead of the text");
  bool show_redact = false;
  show->add_flag("--redact", show_redact, kRedactHelp);

  // export
  std::string format = "jsonl";
  std::string out_path;
  CLI::App* exp = app.add_subcommand("export", "Export documents and facts");
  add_db(exp, export_db);
  exp->add_option("--format", format,
                  "jsonl (the facts format), csv (one row per event source) or geojson (routes)")
      ->check(CLI::IsMember({"jsonl", "csv", "geojson"}));

  // Views over resolved facts. NAME may be any alias, spelling or Hangul form;
  // an ambiguous NAME lists the candidates (exit 1) instead of guessing.
  std::string view_db[5];
  std::string view_name[5];
  bool view_json[5] = {false, false, false, false, false};
  bool view_redact[5] = {false, false, false, false, false};
  bool geojson = false;
  struct ViewSpec {
    const char* cmd;
    const char* help;
    View view;
    bool name_required;
  };
  const ViewSpec kViews[5] = {
      {"person", "One person: canonical name, aliases, documents, events with sources",
       View::kPerson, true},
      {"timeline", "A person's events in date order (all events when NAME is omitted)",
       View::kTimeline, false},
      {"route", "A person's journey: ordered places with countries and coordinates",
       View::kRoute, true},
      {"conflicts", "Contradictions between sources, both sides quoted (NAME optional)",
       View::kConflicts, false},
      {"people", "Everyone, with document and event counts", View::kPeople, false},
  };
  CLI::App* view_cmd[5];
  for (int i = 0; i < 5; ++i) {
    view_cmd[i] = app.add_subcommand(kViews[i].cmd, kViews[i].help);
    add_db(view_cmd[i], view_db[i]);
    if (kViews[i].view != View::kPeople) {
      auto* opt = view_cmd[i]->add_option("NAME", view_name[i], "A name in any spelling, or an entity id");
      if (kViews[i].name_required) opt->required();
    }
    view_cmd[i]->add_flag("--json", view_json[i], "Machine-readable JSON instead of text");
    view_cmd[i]->add_flag("--redact", view_redact[i], kRedactHelp);
  }
  view_cmd[2]->add_flag("--geojson", geojson,
                        "Write the route as GeoJSON (a LineString plus Points)");
  views::PeopleQuery people_query;
  view_cmd[4]->add_option("--limit", people_query.limit, "At most this many persons (0: all)");
  view_cmd[4]->add_option("--offset", people_query.offset, "Skip this many persons first (paging)");
  view_cmd[4]->add_option("--filter", people_query.filter,
                          "Only persons whose name or an alias contains this text");
  view_cmd[4]
      ->add_option("--sort", people_query.sort, "events (default), docs, conflicts or name")
      ->check(CLI::IsMember({"events", "docs", "conflicts", "name"}));

  // Corrections.
  std::string merge_db, split_db, merge_a, merge_b, split_entity, split_doc;
  CLI::App* merge = app.add_subcommand(
      "merge", "Merge entity B into A (an analyst's correction; kept across later ingests)");
  add_db(merge, merge_db);
  merge->add_option("A", merge_a, "The entity kept (id or name)")->required();
  merge->add_option("B", merge_b, "The entity folded into A (id or name)")->required();
  CLI::App* split = app.add_subcommand(
      "split", "Take one document's mentions out of an entity (kept across later ingests)");
  add_db(split, split_db);
  split->add_option("ENTITY", split_entity, "The entity (id or name)")->required();
  split->add_option("DOC", split_doc, "The document (id or file name)")->required();
  std::string corrections_db, undo_db, undo_id;
  bool corrections_json = false;
  CLI::App* corrections = app.add_subcommand(
      "corrections", "List every correction and conflict decision, with who, when, and undo state");
  add_db(corrections, corrections_db);
  corrections->add_flag("--json", corrections_json, "Machine-readable JSON instead of text");
  CLI::App* undo = app.add_subcommand(
      "undo", "Undo a correction (c3) or conflict decision (r2); the facts are re-resolved");
  add_db(undo, undo_db);
  undo->add_option("ID", undo_id, "The id `cairn corrections` lists")->required();
  server::Options serve_opts;
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the knowledge base to a browser: pages and a JSON API under /api/");
  add_db(serve, serve_opts.db);
  serve->add_option("--bind", serve_opts.bind, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", serve_opts.port, "Port (default 8080; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--editor-token", serve_opts.editor_token,
                    "Allow changes (corrections, decisions, ingest) to requests carrying this "
                    "token; without it the server is read-only")
      ->envname("CAIRN_EDITOR_TOKEN");
  serve->add_flag("--redact", serve_opts.redact,
                  "The partner view: protected identities withheld on every page and response");
  serve->add_option("--web", serve_opts.web_root, "The front end's folder (default: web/ of the source tree)");
  serve->add_option("--threads", serve_opts.threads, "Request threads (default 32)")
      ->check(CLI::Range(2, 1024));
  serve
      ->add_option("--users", serve_opts.users_file,
                   "A users file: one line per user, NAME ROLE SHA256 (role viewer or editor; "
                   "the SHA-256 of the user's token, see `cairn users add`). Every request then "
                   "needs a listed user's token; viewers read, editors also change, and every "
                   "change is recorded under the user's name")
      ->envname("CAIRN_USERS");
  serve
      ->add_option("--max-upload", serve_opts.max_upload_bytes,
                   "Largest ingest upload from the browser, all files together (default 64MB)")
      ->transform(CLI::AsSizeValue(false));
  serve
      ->add_option("--max-file-size", serve_opts.max_file_bytes,
                   "Reject uploaded files larger than this, as cairn ingest does (default 32MB)")
      ->transform(CLI::AsSizeValue(false));
  serve->footer(
      "Ingest from the browser: the Ingest page (editors) uploads files; they are ingested in "
      "the background, one upload at a time, and the page shows files done / total, the "
      "current file and each file's error until it links the new documents. API: POST "
      "/api/ingest (multipart \"files\"; 202 and a job id), GET /api/ingest/ID (progress).");
  // users: the lines of a users file for `serve --users`.
  std::string users_file, users_name, users_role = "viewer", users_token;
  CLI::App* users_cmd =
      app.add_subcommand("users", "Manage the users file of `cairn serve --users`");
  users_cmd->require_subcommand(1);
  CLI::App* users_add = users_cmd->add_subcommand(
      "add",
      "Add a user to a users file (created when missing, readable by its owner only) and print "
      "the user's new token once; only its SHA-256 is stored");
  users_add->add_option("--users", users_file, "The users file")
      ->required()
      ->envname("CAIRN_USERS");
  users_add->add_option("NAME", users_name, "The user's name (letters, digits, . _ - @)")
      ->required();
  users_add->add_option("--role", users_role, "viewer (reads) or editor (reads and changes)")
      ->check(CLI::IsMember({"viewer", "editor"}));
  users_add->add_option("--token", users_token,
                        "Use this token (at least 16 characters) instead of a random one");
  std::string protect_db, unprotect_db, protect_name, unprotect_name;
  CLI::App* protect = app.add_subcommand(
      "protect", "Withhold a person's identity (kept across later ingests; see --redact)");
  add_db(protect, protect_db);
  protect->add_option("NAME", protect_name, "A name in any spelling, or an entity id")->required();
  CLI::App* unprotect = app.add_subcommand(
      "unprotect", "Stop withholding a person the text marked protected (kept across ingests)");
  add_db(unprotect, unprotect_db);
  unprotect->add_option("NAME", unprotect_name, "A name in any spelling, or an entity id")
      ->required();
  exp->add_option("-o,--output", out_path, "Write to this file (atomically) instead of stdout");
  exporter::ExportOptions export_options;
  std::string export_allow;
  exp->add_flag("--redact", export_options.redact,
                "Withhold protected identities: names become pseudonyms (Person-7KQ2XM) and "
                "are masked with * in quotes (offsets stay valid)");
  auto* export_pa = exp->add_flag(
      "--protect-all", export_options.protect_all,
      "This export withholds every named person (implies --redact), except those in --allow; "
      "cairn protect/unprotect still override");
  exp->add_option("--allow", export_allow,
                  "With --protect-all: a file of public figures' names, one per line (any "
                  "spelling, script or order matches)")
      ->needs(export_pa);

  // annotate: no store; documents or CoNLL-U in, annotation formats out.
  std::vector<std::string> annotate_paths;
  std::string annotate_format = "conllu", annotate_input = "text", annotate_dct, annotate_out;
  CLI::App* annotate_cmd = app.add_subcommand(
      "annotate",
      "Print Cairn's reading of documents (or of CoNLL-U sentences) as CoNLL-U, brat, TimeML "
      "or JSON; no store");
  annotate_cmd->add_option("FILE", annotate_paths, "Documents (or folders) to annotate")
      ->required();
  annotate_cmd
      ->add_option("--format", annotate_format,
                   "conllu (tokens, syntax, entity tags), brat (.ann standoff; with -o also "
                   "the .txt), timeml (TIMEX3) or json (everything)")
      ->check(CLI::IsMember({"conllu", "brat", "timeml", "json"}));
  annotate_cmd
      ->add_option("--input", annotate_input,
                   "text (documents: text, Markdown, HTML, wiki) or conllu (take its sentences "
                   "and tokens as given)")
      ->check(CLI::IsMember({"text", "conllu"}));
  annotate_cmd->add_option("--dct", annotate_dct,
                           "Document creation time YYYY-MM-DD: relative dates resolve against "
                           "it (default: the document's own date)");
  annotate_cmd->add_option("-o,--output-dir", annotate_out,
                           "Write NAME.conllu / NAME.txt+NAME.ann / NAME.tml / NAME.json into "
                           "this folder instead of printing to stdout");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }

  if (*annotate_cmd) {
    AnnotateOptions ao;
    ao.format = *annotate::FormatFromName(annotate_format);
    ao.conllu_input = annotate_input == "conllu";
    ao.out_dir = annotate_out;
    if (!annotate_dct.empty()) {
      ao.dct = ParseDay(annotate_dct);
      if (!ao.dct) {
        PrintError("--dct: '" + annotate_dct + "' is not a date YYYY-MM-DD");
        return kExitUsage;
      }
    }
    // Tagged and parsed by the built-in model; without one the syntax
    // columns print "_" and the rest is annotated all the same.
    auto stage = ShippedSyntaxStage(ao.conllu_input);
    if (stage.ok())
      ao.syntax = std::move(*stage);
    else
      PrintError(stage.status().message() + " (UPOS, XPOS, HEAD and DEPREL print _)");
    return RunAnnotateCommand(annotate_paths, ao);
  }
  if (*ingest) {
    format_options.ocr = !no_ocr;
    format_options.syntax = !no_syntax;
    const int protect_all = ingest_protect_all ? 1 : ingest_no_protect_all ? 0 : -1;
    return RunIngestCommand(ingest_db, paths, quiet, max_file_bytes, no_extract, format_options,
                            protect_all, ingest_allow);
  }
  if (*search) return RunSearchCommand(search_db, query, limit, search_offset, search_redact);
  if (*show) return RunShowCommand(show_db, doc_ref, sentences, show_redact);
  if (*exp) return RunExportCommand(export_db, format, out_path, export_options, export_allow);
  for (int i = 0; i < 5; ++i)
    if (*view_cmd[i])
      return RunViewCommand(view_db[i], kViews[i].view, view_name[i], view_json[i], geojson,
                            view_redact[i], people_query);
  if (*merge) return RunMergeCommand(merge_db, merge_a, merge_b);
  if (*split) return RunSplitCommand(split_db, split_entity, split_doc);
  if (*serve) return RunServeCommand(serve_opts);
  if (*users_add) {
    if (users_token.empty()) {
      auto token = server::NewToken();
      if (!token.ok()) return Fail(token.status(), kExitStore);
      users_token = *token;
    }
    Status s = server::AddUser(users_file, users_name, *server::ParseRole(users_role), users_token);
    if (!s.ok())
      return Fail(s, s.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitStore);
    std::printf("%s\n", users_token.c_str());
    std::fprintf(stderr, "cairn: added %s (%s) to %s; the token above is shown only now\n",
                 users_name.c_str(), users_role.c_str(), users_file.c_str());
    return kExitOk;
  }
  if (*corrections) return RunCorrectionsCommand(corrections_db, corrections_json);
  if (*undo) return RunUndoCommand(undo_db, undo_id);
  if (*protect) return RunProtectCommand(protect_db, protect_name, true);
  if (*unprotect) return RunProtectCommand(unprotect_db, unprotect_name, false);
  return kExitUsage;
}

}  // namespace
}  // namespace cairn::cli

int main(int argc, char** argv) {
  int rc = cairn::cli::kExitStore;
  try {
    rc = cairn::cli::Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cairn: internal error: %s\n", e.what());
    return cairn::cli::kExitStore;
  }
  // Output that did not reach its file (a full disk, a closed pipe) is a
  // failure, whatever the command thought it wrote.
  std::cout.flush();
  const bool cout_failed = !std::cout;
  // A command that already failed has said why; only a success whose output
  // was lost needs this message.
  if ((std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || cout_failed) &&
      rc == cairn::cli::kExitOk) {
    std::fprintf(stderr, "cairn: writing the output failed: %s\n", std::strerror(errno));
    return cairn::cli::kExitStore;
  }
  return rc;
}
