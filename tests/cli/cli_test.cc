// Runs the built `cairn` binary: help, version, usage errors, CAIRN_DB, the
// exit-status contract, and the commands on a small store.
#include <gtest/gtest.h>

#include <atomic>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/ingest_runner.h"
#include "cli/progress.h"
#include "run_cairn.h"
#include "store/store.h"

namespace cairn {
namespace {

using cairn::testing::ReadAll;
using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
using cairn::testing::WriteFile;
namespace fs = std::filesystem;

TEST(CliHelp, TopLevelHelpListsEveryCommand) {
  ScratchDir dir;
  auto r = RunCairn(dir, "--help");
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* cmd : {"ingest", "search", "show", "export", "Exit status"}) {
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd << " missing from:\n" << r.out;
  }
}

TEST(CliHelp, EveryCommandHasHelpNamingDb) {
  ScratchDir dir;
  for (const char* cmd : {"ingest", "search", "show", "export"}) {
    auto r = RunCairn(dir, std::string(cmd) + " --help");
    EXPECT_EQ(r.status, 0) << cmd << ": " << r.err;
    EXPECT_NE(r.out.find("--db"), std::string::npos) << cmd << ":\n" << r.out;
    EXPECT_NE(r.out.find("CAIRN_DB"), std::string::npos) << cmd << ":\n" << r.out;
  }
}

TEST(CliHelp, VersionPrintsTheProjectVersion) {
  ScratchDir dir;
  auto r = RunCairn(dir, "--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("cairn ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find('.'), std::string::npos) << r.out;
}

TEST(CliUsage, BadInvocationsExitWithStatus2) {
  ScratchDir dir;
  std::string db = ShellQuote(dir / "kb.db");
  for (const std::string& args :
       {std::string(""), std::string("frobnicate"), "ingest --db " + db + " --bogus x",
        "ingest --db " + db, "search --db " + db, "export --db " + db + " --format xml",
        "search --db " + db + " x --limit 0", "ingest --db " + db + " --max-file-size lots x",
        std::string("ingest somefile.txt")}) {
    auto r = RunCairn(dir, args);
    EXPECT_EQ(r.status, 2) << "cairn " << args << "\nstdout: " << r.out << "\nstderr: " << r.err;
    EXPECT_FALSE(r.err.empty()) << "cairn " << args << " explains the error on stderr";
  }
  EXPECT_FALSE(fs::exists(dir / "kb.db")) << "no usage error creates a store";
}

TEST(CliStore, MissingOrForeignStoreExitsWithStatus3) {
  ScratchDir dir;
  auto missing = RunCairn(dir, "search --db " + ShellQuote(dir / "none.db") + " Hyesan");
  EXPECT_EQ(missing.status, 3);
  EXPECT_NE(missing.err.find("none.db"), std::string::npos) << missing.err;
  EXPECT_FALSE(fs::exists(dir / "none.db")) << "read commands never create a store";

  WriteFile(dir / "notes.db", std::string(4096, 'x'));
  for (const char* cmd : {"search --db %s x", "export --db %s", "show --db %s d1",
                          "ingest --db %s /nonexistent"}) {
    std::string args = cmd;
    args.replace(args.find("%s"), 2, ShellQuote(dir / "notes.db"));
    auto r = RunCairn(dir, args);
    EXPECT_EQ(r.status, 3) << args << ": " << r.err;
    EXPECT_NE(r.err.find("notes.db"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.rfind("cairn: ", 0), 0u) << r.err;
  }
}

TEST(CliStore, CommandsWorkThroughCairnDbEnvironment) {
  ScratchDir dir;
  fs::create_directories(dir.path() / "in");
  WriteFile(dir / "in/story.txt",
            "Escape from Hyesan\n\nIn March 2001 Kim Chol-su crossed the Tumen River "
            "into China.\n\nHe was arrested in Yanji a year later.\n");
  std::string env = "CAIRN_DB=" + ShellQuote(dir / "kb.db") + " ";
  auto ing = RunCairn(dir, "ingest " + ShellQuote(dir / "in"), env);
  ASSERT_EQ(ing.status, 0) << ing.err;
  EXPECT_NE(ing.out.find("1 new"), std::string::npos) << ing.out;
  ASSERT_TRUE(fs::exists(dir / "kb.db"));

  auto again = RunCairn(dir, "ingest --quiet " + ShellQuote(dir / "in"), env);
  EXPECT_EQ(again.status, 0);
  EXPECT_TRUE(again.out.empty()) << "--quiet prints nothing: " << again.out;
  EXPECT_TRUE(again.err.empty()) << again.err;

  auto search = RunCairn(dir, "search 'tumen (river'", env);
  ASSERT_EQ(search.status, 0) << search.err;
  EXPECT_EQ(search.out.rfind("1\tstory.txt\t", 0), 0u) << search.out;
  EXPECT_NE(search.out.find("[Tumen]"), std::string::npos) << search.out;

  auto none = RunCairn(dir, "search Pyongyang", env);
  EXPECT_EQ(none.status, 0);
  EXPECT_TRUE(none.out.empty());

  auto empty_query = RunCairn(dir, "search '!!!'", env);
  EXPECT_EQ(empty_query.status, 2) << empty_query.err;

  auto show = RunCairn(dir, "show story.txt", env);
  ASSERT_EQ(show.status, 0) << show.err;
  EXPECT_NE(show.out.find("id:       d1"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("arrested in Yanji"), std::string::npos) << show.out;

  auto sentences = RunCairn(dir, "show d1 --sentences", env);
  ASSERT_EQ(sentences.status, 0) << sentences.err;
  EXPECT_NE(sentences.out.find("\tHe was arrested in Yanji a year later."), std::string::npos)
      << sentences.out;

  auto unknown = RunCairn(dir, "show d42", env);
  EXPECT_EQ(unknown.status, 1);
  EXPECT_NE(unknown.err.find("d42"), std::string::npos);

  // An explicit --db wins over the environment.
  auto other = RunCairn(dir, "search --db " + ShellQuote(dir / "other.db") + " Hyesan", env);
  EXPECT_EQ(other.status, 3) << "other.db does not exist";
}

TEST(CliExport, WritesJsonlAtomicallyToAFileAndCsvToStdout) {
  ScratchDir dir;
  WriteFile(dir / "a.txt", "Pak Mi-ran reached Seoul in 2009 after a year in Bangkok.\n");
  std::string db = " --db " + ShellQuote(dir / "kb.db");
  ASSERT_EQ(RunCairn(dir, "ingest -q" + db + " " + ShellQuote(dir / "a.txt")).status, 0);

  auto r = RunCairn(dir, "export" + db + " --format jsonl -o " + ShellQuote(dir / "out.jsonl"));
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  std::string jsonl = ReadAll(dir / "out.jsonl");
  auto first = nlohmann::json::parse(jsonl.substr(0, jsonl.find('\n')));
  EXPECT_EQ(first["kind"], "document");
  EXPECT_EQ(first["name"], "a.txt");
  EXPECT_EQ(first["sha256"].get<std::string>().size(), 64u);
  for (const auto& e : fs::directory_iterator(dir.path())) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos)
        << "temporary file left behind: " << e.path();
  }

  auto to_stdout = RunCairn(dir, "export" + db);
  EXPECT_EQ(to_stdout.status, 0);
  EXPECT_EQ(to_stdout.out, jsonl);

  auto csv = RunCairn(dir, "export" + db + " --format csv");
  EXPECT_EQ(csv.status, 0);
  EXPECT_EQ(csv.out.rfind("event_id,type,subject_id", 0), 0u) << csv.out;

  auto bad_target = RunCairn(dir, "export" + db + " -o " + ShellQuote(dir / "no/such/dir/x"));
  EXPECT_EQ(bad_target.status, 3);
}

TEST(CliIngest, EachFailureIsOneLineAndTheBatchGoesOn) {
  ScratchDir dir;
  fs::create_directories(dir.path() / "in");
  WriteFile(dir / "in/good.txt", "Ri Son-ok was repatriated from Tumen City in 1999.\n");
  WriteFile(dir / "in/empty.txt", "");
  std::string db = " --db " + ShellQuote(dir / "kb.db");
  auto r = RunCairn(dir, "ingest" + db + " " + ShellQuote(dir / "in") + " " +
                             ShellQuote(dir / "missing.txt"));
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("cairn: " + (dir / "in/empty.txt")), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("empty.txt: " + (dir / "in/empty.txt")), std::string::npos)
      << "the file is named once: " << r.err;
  EXPECT_NE(r.out.find("1 new"), std::string::npos) << r.out;
  auto show = RunCairn(dir, "show" + db + " good.txt");
  EXPECT_EQ(show.status, 0);
}

TEST(CliIngest, TheStoreInsideAnIngestedFolderIsNotIngested) {
  ScratchDir dir;
  WriteFile(dir / "a.txt", "Han Song-mi left Hoeryong in 2008.\n");
  std::string db = " --db " + ShellQuote(dir / "kb.db");
  auto first = RunCairn(dir, "ingest" + db + " " + ShellQuote(dir.path().string()));
  EXPECT_EQ(first.status, 0) << first.err;
  auto second = RunCairn(dir, "ingest" + db + " " + ShellQuote(dir.path().string()));
  EXPECT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(second.err.find("kb.db"), std::string::npos) << second.err;
  EXPECT_NE(second.out.find("1 unchanged"), std::string::npos) << second.out;
}

// The runner itself, with injected stages: outcomes, failures, and the order
// probe -> segment -> extract -> put.
class RecordingSink : public cli::ProgressSink {
 public:
  void Start(size_t files, uint64_t) override { started = files; }
  void FileDone(const std::string&, uint64_t, cli::FileOutcome o) override { outcomes.push_back(o); }
  void Error(const std::string& line) override { errors.push_back(line); }
  void Finish(const cli::IngestSummary&) override { finished = true; }
  size_t started = 0;
  std::vector<cli::FileOutcome> outcomes;
  std::vector<std::string> errors;
  bool finished = false;
};

TEST(IngestRunner, SkipsUnchangedBeforeExtractionAndReportsFailures) {
  ScratchDir dir;
  auto store = store::Store::Open(dir / "kb.db");
  ASSERT_TRUE(store.ok());
  int segmented = 0, extracted = 0;
  std::string version = "one";
  cli::Stages stages;
  stages.collect = [](const std::vector<std::string>& paths, std::vector<Status>* errors) {
    errors->push_back(Status::NotFound("ghost: no such file or folder"));
    std::vector<fs::path> out;
    for (const auto& p : paths) out.emplace_back(p);
    return out;
  };
  stages.load = [&](const fs::path& p) -> Result<Document> {
    if (p.filename() == "broken.txt") return Status::Unsupported(p.string() + ": binary file");
    Document d;
    d.name = p.filename().string();
    d.path = p.string();
    d.sha256 = std::string(64, version == "one" ? '1' : '2');
    d.text = "Text " + version + " of " + d.name;
    return d;
  };
  stages.segment = [&](Document* d) {
    ++segmented;
    d->sentences.push_back(Sentence{{0, static_cast<uint32_t>(d->text.size())}, 0, 0, 0});
    return Status::OK();
  };
  stages.extract = [&](Document* d) {
    ++extracted;
    if (d->name == "fails.txt") return Status::Internal("extractor tripped");
    return Status::OK();
  };
  std::vector<std::string> paths = {"a.txt", "broken.txt", "fails.txt"};
  RecordingSink sink;
  auto sum = cli::RunIngest(**store, paths, stages, sink);
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(sum->files, 3u);
  EXPECT_EQ(sum->added, 1u);
  EXPECT_EQ(sum->failed, 2u);
  EXPECT_EQ(sum->bad_paths, 1u);
  EXPECT_FALSE(sum->ok());
  ASSERT_EQ(sink.errors.size(), 3u);
  EXPECT_EQ(sink.errors[0], "cairn: ghost: no such file or folder");
  EXPECT_EQ(sink.errors[1], "cairn: broken.txt: binary file");
  EXPECT_EQ(sink.errors[2], "cairn: fails.txt: extractor tripped");
  EXPECT_TRUE(sink.finished);
  EXPECT_EQ(sink.outcomes.size(), 3u);
  EXPECT_EQ(segmented, 2);
  EXPECT_EQ(extracted, 2);

  RecordingSink again;
  auto sum2 = cli::RunIngest(**store, {"a.txt"}, stages, again);
  ASSERT_TRUE(sum2.ok());
  EXPECT_EQ(sum2->unchanged, 1u);
  EXPECT_EQ(segmented, 2) << "unchanged files are not segmented again";
  EXPECT_EQ(extracted, 2) << "unchanged files are not extracted again";

  version = "two";
  RecordingSink third;
  auto sum3 = cli::RunIngest(**store, {"a.txt"}, stages, third);
  ASSERT_TRUE(sum3.ok());
  EXPECT_EQ(sum3->updated, 1u);
  EXPECT_EQ(third.outcomes, std::vector<cli::FileOutcome>{cli::FileOutcome::kNewVersion});
  EXPECT_EQ((*store)->LoadDocument("a.txt", false)->text, "Text two of a.txt");
}

// Forwards to a real store, except that Put fails as a full disk would.
class FullDiskStore : public store::Store {
 public:
  explicit FullDiskStore(store::Store* real) : real_(real) {}
  Result<store::PutOutcome> Probe(std::string_view n, std::string_view s, std::string* id) override {
    return real_->Probe(n, s, id);
  }
  Result<store::PutOutcome> Put(Document* d) override {
    ++puts;
    return Status::IOError(d->name + ": database or disk is full");
  }
  Result<std::vector<store::DocumentInfo>> ListDocuments() override { return real_->ListDocuments(); }
  Result<store::DocumentInfo> FindDocument(std::string_view x) override { return real_->FindDocument(x); }
  Result<Document> LoadDocument(std::string_view id, bool a) override { return real_->LoadDocument(id, a); }
  Result<std::vector<store::SearchHit>> Search(std::string_view q, int n) override { return real_->Search(q, n); }
  Status ReplaceFacts(const FactBase& f, const std::vector<store::EntityLink>& l) override {
    return real_->ReplaceFacts(f, l);
  }
  Result<FactBase> LoadFacts() override { return real_->LoadFacts(); }
  Result<std::vector<store::EntityLink>> LoadLinks() override { return real_->LoadLinks(); }
  Status AddCorrection(const store::Correction& c) override { return real_->AddCorrection(c); }
  Result<std::vector<store::Correction>> LoadCorrections() override { return real_->LoadCorrections(); }
  Status BeginBatch() override { return real_->BeginBatch(); }
  Status CommitBatch() override { return real_->CommitBatch(); }
  int puts = 0;

 private:
  store::Store* real_;
};

TEST(IngestRunner, AStoreThatCannotWriteEndsTheBatch) {
  ScratchDir dir;
  auto real = store::Store::Open(dir / "kb.db");
  ASSERT_TRUE(real.ok());
  FullDiskStore full(real->get());
  cli::Stages stages;
  stages.collect = [](const std::vector<std::string>& paths, std::vector<Status>*) {
    return std::vector<fs::path>(paths.begin(), paths.end());
  };
  stages.load = [](const fs::path& p) -> Result<Document> {
    Document d;
    d.name = p.string();
    d.sha256 = std::string(64, 'a');
    d.text = "text";
    return d;
  };
  stages.segment = [](Document*) { return Status::OK(); };
  RecordingSink sink;
  auto sum = cli::RunIngest(full, {"a.txt", "b.txt", "c.txt"}, stages, sink);
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.status().code(), Status::Code::kIOError);
  EXPECT_EQ(full.puts, 1) << "no further writes after the store failed";
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_EQ(sink.errors[0], "cairn: a.txt: database or disk is full");
  EXPECT_TRUE(sink.finished);
}

TEST(CliIngest, MaxFileSizeTakesUnits) {
  ScratchDir dir;
  WriteFile(dir / "big.txt", "Ko Chun-hwa crossed the Yalu River.\n" + std::string(3000, 'a') + "\n");
  std::string db = " --db " + ShellQuote(dir / "kb.db");
  auto r = RunCairn(dir, "ingest" + db + " --max-file-size 1KB " + ShellQuote(dir / "big.txt"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("1024"), std::string::npos) << r.err;
  auto ok = RunCairn(dir, "ingest" + db + " --max-file-size 1MB " + ShellQuote(dir / "big.txt"));
  EXPECT_EQ(ok.status, 0) << ok.err;
}

TEST(IngestRunner, AStopRequestEndsTheBatchAfterTheCurrentFileAndKeepsItsWork) {
  ScratchDir dir;
  auto store = store::Store::Open(dir / "kb.db");
  ASSERT_TRUE(store.ok());
  std::atomic<bool> stop{false};
  cli::Stages stages;
  stages.collect = [](const std::vector<std::string>& paths, std::vector<Status>*) {
    return std::vector<fs::path>(paths.begin(), paths.end());
  };
  stages.load = [&](const fs::path& p) -> Result<Document> {
    Document d;
    d.name = p.string();
    d.sha256 = std::string(64, p.string()[0]);
    d.text = "Text of " + p.string();
    if (p == "b.txt") stop = true;  // as a Ctrl-C during the second file would
    return d;
  };
  stages.segment = [](Document*) { return Status::OK(); };
  RecordingSink sink;
  cli::RunOptions run;
  run.stop = &stop;
  auto sum = cli::RunIngest(**store, {"a.txt", "b.txt", "c.txt"}, stages, sink, run);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_TRUE(sum->interrupted);
  EXPECT_EQ(sum->added, 2u);
  EXPECT_TRUE(sink.finished);
  auto docs = (*store)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 2u) << "the file being ingested when the request came is finished";
  EXPECT_EQ((*docs)[1].name, "b.txt");
  // Ingesting again goes on where it stopped.
  stop = false;
  RecordingSink again;
  auto sum2 = cli::RunIngest(**store, {"a.txt", "b.txt", "c.txt"}, stages, again);
  ASSERT_TRUE(sum2.ok());
  EXPECT_EQ(sum2->unchanged, 2u);
  EXPECT_EQ(sum2->added, 1u);
}

TEST(IngestRunner, FailureLineNamesTheFileOnce) {
  EXPECT_EQ(cli::FailureLine("in/a.txt", Status::InvalidArgument("in/a.txt: empty file")),
            "cairn: in/a.txt: empty file");
  EXPECT_EQ(cli::FailureLine("in/a.txt", Status::InvalidArgument("a.txt: empty file")),
            "cairn: a.txt: empty file");
  EXPECT_EQ(cli::FailureLine("in/a.txt", Status::Internal("no sentences")),
            "cairn: in/a.txt: no sentences");
}

TEST(Progress, HumanBytes) {
  EXPECT_EQ(cli::HumanBytes(87), "87 B");
  EXPECT_EQ(cli::HumanBytes(2048), "2 KB");
  EXPECT_EQ(cli::HumanBytes(5u << 20), "5.0 MB");
}

}  // namespace
}  // namespace cairn
