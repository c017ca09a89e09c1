// Ingest reads a large document in passages (extract::RunInPassages) and a
// small one whole; the stored annotations of the large one are consistent
// with its stored text. The thresholds are lowered so the test stays small.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli/ingest_runner.h"
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

}  // namespace
}  // namespace cairn
