// Ingest reads a large document in passages (extract::RunInPassages) and a
// small one whole; the stored annotations of the large one are consistent
// with its stored text. The thresholds are lowered so the test stays small.
// A large document's annotations go to the store passage by passage
// (Store::PutStreaming) and are never all held: the rows are those of the
// document extracted whole in passages and then Put, whatever the number of
// jobs, and a failure in a later passage leaves nothing of it stored.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <string>

#include "cli/ingest_runner.h"
#include "extract/extract.h"
#include "quiet_sink.h"
#include "run_cairn.h"
#include "store/store.h"

namespace cairn {
namespace {

using cairn::testing::QuietSink;
using cairn::testing::ScratchDir;
using cairn::testing::WriteFile;
namespace fs = std::filesystem;

std::string Story(int i) {
  const char* places[] = {"Hyesan", "Musan", "Hoeryong", "Onsong"};
  return "Han Tae-sik was born in " + std::string(places[i % 4]) + " in " +
         std::to_string(1960 + i) + ".\n\nIn March " + std::to_string(1990 + i) +
         " Han Tae-sik crossed the Tumen River into China.\n\n\n";
}

TEST(IngestPassages, ALargeDocumentIsReadInPassagesAndStoredConsistently) {
  ScratchDir dir;
  std::string big, small = Story(0);
  for (int i = 0; i < 40; ++i) big += Story(i);  // ~5 KB
  WriteFile(dir.path() / "big.txt", big);
  WriteFile(dir.path() / "small.txt", small);
  auto store = store::Store::Open((dir.path() / "kb.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  cli::IngestOptions options;
  options.syntax = false;
  cli::Stages stages = cli::DefaultStages(options);
  stages.passages.min_document_bytes = 2000;  // big.txt, not small.txt
  stages.passages.passage_bytes = 1000;
  size_t passages = 0, largest = 0;
  stages.passages.on_passage = [&](const Document& sub) {
    ++passages;
    largest = std::max(largest, sub.text.size());
  };
  QuietSink sink;
  auto sum = cli::RunIngest(
      **store, {(dir.path() / "big.txt").string(), (dir.path() / "small.txt").string()}, stages,
      sink);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(sum->added, 2u);
  EXPECT_GE(passages, 4u) << "big.txt in passages, small.txt whole";
  EXPECT_LE(largest, 2000u);

  auto list = (*store)->ListDocuments();
  ASSERT_TRUE(list.ok());
  for (const store::DocumentInfo& info : *list) {
    if (info.name != "big.txt") continue;
    auto doc = (*store)->LoadDocument(info.id, /*with_annotations=*/true);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    ASSERT_GT(doc->text.size(), 2000u);  // the loader's text (blank-line runs made one)
    size_t births = 0, crossings = 0;
    for (const EventMention& e : doc->events) {
      ASSERT_LE(e.quote.end, doc->text.size());
      EXPECT_NE(doc->Slice(e.quote).find("Han Tae-sik"), std::string::npos);
      ASSERT_GE(e.subject, 0);
      EXPECT_EQ(doc->entities[e.subject].name, "Han Tae-sik");
      births += e.type == "birth";
      crossings += e.type == "border_crossing";
    }
    // A person is born once: within a passage the births fold into one, and
    // passages are not folded together.
    EXPECT_GE(births, passages - 1);
    EXPECT_LE(births, 40u);
    EXPECT_GT(crossings, 0u);
    size_t persons = 0;
    for (const LocalEntity& e : doc->entities) persons += e.type == EntityType::kPerson;
    EXPECT_EQ(persons, 1u) << "one person, however many passages name him";
    for (const Mention& m : doc->mentions) {
      if (m.type == EntityType::kPerson) {
        EXPECT_EQ(doc->Slice(m.span).substr(0, 3), "Han");
      }
    }
  }
}

std::string Interval(const DateInterval& d) {
  return (d.earliest ? FormatDay(*d.earliest) : "?") + "/" +
         (d.latest ? FormatDay(*d.latest) : "?") + "'" + d.text + "'";
}

// Every stored row of document `id` that LoadDocument gives back, one line
// each: what the store holds of it.
std::string Rows(store::Store& store, const std::string& id) {
  auto doc = store.LoadDocument(id, /*with_annotations=*/true);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  if (!doc.ok()) return "";
  std::ostringstream o;
  o << doc->name << " " << doc->text.size() << " " << doc->title << "\n";
  for (const Paragraph& p : doc->paragraphs) o << "P " << p.span.begin << " " << p.span.end << "\n";
  for (const Sentence& x : doc->sentences)
    o << "S " << x.span.begin << " " << x.span.end << " " << x.first_token << " " << x.end_token
      << " " << x.paragraph << "\n";
  for (const Mention& m : doc->mentions)
    o << "M " << static_cast<int>(m.type) << " " << m.span.begin << " " << m.span.end << " "
      << m.sentence << " " << m.entity << " " << m.surname << "|" << m.given << " " << m.gazetteer
      << " " << m.partial << "\n";
  for (const LocalEntity& e : doc->entities) {
    o << "E " << static_cast<int>(e.type) << " " << e.name << " " << e.country << " "
      << e.place_kind << " " << e.gazetteer << " " << e.is_author << e.is_topic
      << e.protected_identity << " [";
    for (const std::string& a : e.aliases) o << a << ";";
    o << "] [";
    for (uint32_t m : e.mentions) o << m << ",";
    o << "]\n";
  }
  for (const Timex& t : doc->timexes)
    o << "T " << static_cast<int>(t.kind) << " " << t.span.begin << " " << t.span.end << " "
      << t.sentence << " " << Interval(t.value) << " " << t.age_years << " " << t.duration_days
      << " " << t.anchored << "\n";
  for (const EventMention& e : doc->events)
    o << "V " << e.type << " " << e.subject << " " << Interval(e.date) << " " << e.place << " "
      << e.from << " " << e.to << " " << e.via << " " << e.object << " " << e.detail << " "
      << e.quote.begin << "-" << e.quote.end << " " << e.sentence << " " << e.attributed_to << " "
      << e.hedged << " " << e.trigger << "\n";
  return o.str();
}

// ~13 KB of testimonies about two people, with a document-wide protection
// note near the end (its passage is not the first to name them).
std::string BigText() {
  std::string big;
  for (int i = 0; i < 80; ++i) {
    big += Story(i);
    if (i % 3 == 0)
      big += "Jo Myong-suk said she was arrested in Yanji in " + std::to_string(1995 + i % 9) +
             " and repatriated a month later.\n\n";
  }
  big += "Names have been changed to protect their families.\n";
  return big;
}

cli::Stages SmallPassages() {
  cli::IngestOptions options;
  options.syntax = false;
  cli::Stages stages = cli::DefaultStages(options);
  stages.passages.min_document_bytes = 2000;
  stages.passages.passage_bytes = 1000;
  return stages;
}

TEST(IngestPassages, AStreamedDocumentStoresWhatItsWholeExtractionWould) {
  ScratchDir dir;
  const fs::path big = dir.path() / "big.txt";
  WriteFile(big, BigText());
  WriteFile(dir.path() / "small.txt", Story(3));
  cli::Stages stages = SmallPassages();
  size_t passages = 0;
  stages.passages.on_passage = [&](const Document&) { ++passages; };

  // Streamed: the runner's path for a large document, with 1 and 2 jobs.
  std::string streamed[2];
  for (unsigned jobs : {1u, 2u}) {
    auto store = store::Store::Open((dir.path() / ("s" + std::to_string(jobs) + ".db")).string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    QuietSink sink;
    cli::RunOptions run;
    run.jobs = jobs;
    auto sum = cli::RunIngest(**store, {big.string(), (dir.path() / "small.txt").string()}, stages,
                              sink, run);
    ASSERT_TRUE(sum.ok()) << sum.status().ToString();
    EXPECT_EQ(sum->added, 2u);
    auto info = (*store)->FindDocument("big.txt");
    ASSERT_TRUE(info.ok()) << info.status().ToString();
    streamed[jobs - 1] = Rows(**store, info->id);
  }
  EXPECT_GE(passages, 2 * 10u) << "the big file in passages, twice";

  // Whole: the same passages extracted into the document, then one Put.
  auto loaded = stages.load(big);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Document doc = std::move(*loaded);
  doc.name = "big.txt";
  doc.path = fs::canonical(big).string();
  ASSERT_TRUE(extract::RunInPassages(
                  &doc,
                  [&](Document* d) {
                    if (Status st = stages.segment(d); !st.ok()) return st;
                    return stages.extract(d);
                  },
                  stages.passages)
                  .ok());
  ASSERT_GT(doc.mentions.size(), 100u);
  ASSERT_GT(doc.events.size(), 50u);
  bool protected_person = false;
  for (const LocalEntity& e : doc.entities)
    protected_person = protected_person || (e.type == EntityType::kPerson && e.protected_identity);
  EXPECT_TRUE(protected_person) << "the note in the last passage protects the persons";
  auto whole_store = store::Store::Open((dir.path() / "whole.db").string());
  ASSERT_TRUE(whole_store.ok());
  auto put = (*whole_store)->Put(&doc);
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  const std::string whole = Rows(**whole_store, doc.id);

  EXPECT_GT(whole.size(), 10000u);
  EXPECT_TRUE(streamed[0] == whole) << "streamed rows differ from the whole document's";
  EXPECT_TRUE(streamed[1] == whole) << "--jobs 2 differs";
}

// A sink that counts failure lines instead of failing the test.
struct CountingSink : cli::ProgressSink {
  std::vector<std::string> errors;
  void Start(size_t, uint64_t) override {}
  void FileDone(const std::string&, uint64_t, cli::FileOutcome) override {}
  void Error(const std::string& line) override { errors.push_back(line); }
  void Finish(const cli::IngestSummary&) override {}
};

TEST(IngestPassages, AFailureInALaterPassageLeavesNothingOfTheDocument) {
  ScratchDir dir;
  const fs::path big = dir.path() / "big.txt", small = dir.path() / "small.txt";
  WriteFile(big, BigText());
  WriteFile(small, Story(5));
  auto store = store::Store::Open((dir.path() / "kb.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  cli::Stages stages = SmallPassages();
  // The big file's fifth passage fails, after four were written; small.txt,
  // stored before it in the same group, stays.
  std::atomic<int> calls{0};
  cli::Stages failing = stages;
  failing.extract = [&](Document* d) {
    if (d->name == "big.txt" && ++calls == 5)
      return Status::InvalidArgument("big.txt: injected failure");
    return stages.extract(d);
  };
  CountingSink sink;
  cli::RunOptions run;
  run.group_bytes = 1 << 20;  // small.txt and big.txt in one group
  auto sum = cli::RunIngest(**store, {small.string(), big.string()}, failing, sink, run);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  EXPECT_EQ(calls.load(), 5);
  EXPECT_EQ(sum->added, 1u);
  EXPECT_EQ(sum->failed, 1u);
  ASSERT_EQ(sink.errors.size(), 1u);
  EXPECT_NE(sink.errors[0].find("injected failure"), std::string::npos) << sink.errors[0];
  auto list = (*store)->ListDocuments();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].name, "small.txt");
  EXPECT_TRUE((*store)->FindDocument("big.txt").status().code() == Status::Code::kNotFound);

  // The same file again, without the failure: stored whole, with every row
  // (none left over from the failed write collides with them), as a store
  // that never saw the failure has it.
  QuietSink quiet;
  auto again = cli::RunIngest(**store, {big.string()}, stages, quiet);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->added, 1u);
  auto fresh = store::Store::Open((dir.path() / "fresh.db").string());
  ASSERT_TRUE(fresh.ok());
  ASSERT_TRUE(cli::RunIngest(**fresh, {big.string()}, stages, quiet).ok());
  auto a = (*store)->FindDocument("big.txt");
  auto b = (*fresh)->FindDocument("big.txt");
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string rows = Rows(**fresh, b->id);
  EXPECT_GT(rows.size(), 10000u);
  EXPECT_TRUE(Rows(**store, a->id) == rows);
}

}  // namespace
}  // namespace cairn
