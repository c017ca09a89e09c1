// Document identity by path, the resolution generation, read-only opening.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/facts.h"
#include "store/schema.h"
#include "store/store.h"

namespace cairn::store {
namespace {

namespace fs = std::filesystem;

class IdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cairn_identity_test_" + std::to_string(getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "kb.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> Open(Store::Mode mode = Store::Mode::kReadWrite) {
    auto s = Store::Open(db_, mode);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s.value()) : nullptr;
  }

  static Document Doc(const std::string& name, const std::string& path, const std::string& text,
                      char sha) {
    Document d;
    d.name = name;
    d.path = path;
    d.sha256 = std::string(64, sha);
    d.format = "text";
    d.text = text;
    d.paragraphs.push_back(Paragraph{{0, static_cast<uint32_t>(text.size())}});
    d.sentences.push_back(Sentence{{0, static_cast<uint32_t>(text.size())}, 0, 1, 0});
    return d;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(IdentityTest, SameFileNameInTwoFoldersIsTwoDocuments) {
  auto s = Open();
  ASSERT_TRUE(s);
  Document a = Doc("transcript.txt", "/cases/case01/transcript.txt", "First testimony.", 'a');
  Document b = Doc("transcript.txt", "/cases/case02/transcript.txt", "Second testimony.", 'b');
  ASSERT_EQ(*s->Put(&a), PutOutcome::kNew);
  ASSERT_EQ(*s->Put(&b), PutOutcome::kNew);
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(a.name, "transcript.txt");
  EXPECT_EQ(b.name, "case02/transcript.txt") << "a shown name is made unique";
  auto docs = s->ListDocuments();
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ(s->LoadDocument("case02/transcript.txt", false)->text, "Second testimony.");
  EXPECT_EQ(s->LoadDocument("/cases/case01/transcript.txt", false)->text, "First testimony.");
  // Again: idempotent.
  Document a2 = Doc("transcript.txt", "/cases/case01/transcript.txt", "First testimony.", 'a');
  Document b2 = Doc("transcript.txt", "/cases/case02/transcript.txt", "Second testimony.", 'b');
  EXPECT_EQ(*s->Put(&a2), PutOutcome::kUnchanged);
  EXPECT_EQ(*s->Put(&b2), PutOutcome::kUnchanged);
  EXPECT_EQ(s->ListDocuments()->size(), 2u);
}

TEST_F(IdentityTest, AMovedFileIsRecognizedByItsBytes) {
  auto s = Open();
  ASSERT_TRUE(s);
  const fs::path old_path = dir_ / "inbox" / "t.txt";
  fs::create_directories(old_path.parent_path());
  std::ofstream(old_path) << "x";
  Document a = Doc("t.txt", old_path.string(), "Moved testimony.", 'a');
  ASSERT_EQ(*s->Put(&a), PutOutcome::kNew);
  // A copy elsewhere while the original still exists is a document of its own.
  Document copy = Doc("t.txt", (dir_ / "copy" / "t.txt").string(), "Moved testimony.", 'a');
  ASSERT_EQ(*s->Put(&copy), PutOutcome::kNew);
  EXPECT_NE(copy.id, a.id);

  fs::remove(old_path);
  const std::string new_path = (dir_ / "archive" / "2024" / "t.txt").string();
  Document moved = Doc("2024/t.txt", new_path, "Moved testimony.", 'a');
  ASSERT_EQ(*s->Put(&moved), PutOutcome::kUnchanged);
  EXPECT_EQ(moved.id, a.id);
  EXPECT_EQ(s->FindDocument(a.id)->path, new_path);
  EXPECT_EQ(s->ListDocuments()->size(), 2u);
  std::string id;
  EXPECT_EQ(*s->Probe(new_path, std::string(64, 'a'), &id), PutOutcome::kUnchanged);
  EXPECT_EQ(id, a.id);
}

TEST_F(IdentityTest, AStoreFromSchemaFourKeepsItsDocumentsAndTheyAreClaimedByPath) {
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
    auto migrations = internal::Migrations();
    for (size_t i = 0; i < 4; ++i) {
      ASSERT_EQ(sqlite3_exec(raw, migrations[i], nullptr, nullptr, nullptr), SQLITE_OK) << i;
    }
    std::string sql = "PRAGMA application_id = " + std::to_string(internal::kApplicationId) +
                      "; PRAGMA user_version = 4; "
                      "INSERT INTO documents(id, name, path, version) VALUES(1, 'transcript.txt', "
                      "'case01/transcript.txt', 1); "
                      "INSERT INTO versions(doc, version, sha256, text) VALUES(1, 1, '" +
                      std::string(64, 'a') +
                      "', 'Stored before paths were identities.'); "
                      "INSERT INTO entities(id, type, name, aliases, docs, country, place_kind, "
                      "protected) VALUES('e7', 0, 'Ri Chol', '[]', '[\"d1\"]', '', '', 0);";
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  auto s = Open();
  ASSERT_TRUE(s);
  ASSERT_EQ(s->ListDocuments()->size(), 1u);
  EXPECT_TRUE(*s->FactsStale()) << "an old store's facts are rebuilt by the next writer";
  auto ids = s->LoadEntityIds();
  ASSERT_EQ(ids->size(), 1u);
  EXPECT_EQ((*ids)[0].id, "e7") << "ids of old stores are never given out again";
  std::string id;
  EXPECT_EQ(*s->Probe("/work/case01/transcript.txt", std::string(64, 'a'), &id),
            PutOutcome::kUnchanged);
  Document again = Doc("transcript.txt", "/work/case01/transcript.txt",
                       "Stored before paths were identities.", 'a');
  ASSERT_EQ(*s->Put(&again), PutOutcome::kUnchanged);
  EXPECT_EQ(again.id, "d1");
  Document other = Doc("transcript.txt", "/work/case02/transcript.txt", "Another one.", 'b');
  ASSERT_EQ(*s->Put(&other), PutOutcome::kNew) << "the old row was claimed by the first path";
  EXPECT_EQ(other.id, "d2");
}

TEST_F(IdentityTest, FactsAreStaleFromAWriteUntilResolutionCommits) {
  auto s = Open();
  ASSERT_TRUE(s);
  EXPECT_FALSE(*s->FactsStale());
  Document a = Doc("a.txt", "/in/a.txt", "Ri Chol.", 'a');
  ASSERT_TRUE(s->Put(&a).ok());
  EXPECT_TRUE(*s->FactsStale());
  const uint64_t g = *s->Generation();
  Document b = Doc("b.txt", "/in/b.txt", "Kim Yong-ho.", 'b');
  ASSERT_TRUE(s->Put(&b).ok());
  // Facts computed before b was stored do not land, and leave the mark.
  EXPECT_FALSE(*s->ReplaceFactsIfCurrent(g, FactBase{}, {}, {}));
  EXPECT_TRUE(*s->FactsStale());
  EXPECT_TRUE(*s->ReplaceFactsIfCurrent(*s->Generation(), FactBase{}, {}, {{"e1", "P|k"}}));
  EXPECT_FALSE(*s->FactsStale());
  EXPECT_EQ(s->LoadEntityIds()->size(), 1u);
  // An unchanged document changes nothing; a correction does.
  Document a2 = Doc("a.txt", "/in/a.txt", "Ri Chol.", 'a');
  ASSERT_EQ(*s->Put(&a2), PutOutcome::kUnchanged);
  EXPECT_FALSE(*s->FactsStale());
  ASSERT_TRUE(s->AddCorrection(Correction{Correction::Kind::kMerge, "e1", "e2", "", "", ""}).ok());
  EXPECT_TRUE(*s->FactsStale());
  // Inside a batch, the mark commits with the documents.
  ASSERT_TRUE(s->ReplaceFacts(FactBase{}, {}).ok());
  ASSERT_TRUE(s->BeginBatch().ok());
  Document c = Doc("c.txt", "/in/c.txt", "Pak.", 'c');
  ASSERT_TRUE(s->Put(&c).ok());
  ASSERT_TRUE(s->CommitBatch().ok());
  s.reset();
  EXPECT_TRUE(*Open()->FactsStale());
}

// Resolution writes its facts in pieces (BeginReplaceFacts, then each batch
// of events and conflicts as it is fused) within one write: a write given up
// before its Commit (an error, a full disk) leaves the facts as they were and
// still stale; a committed one holds every piece, in order.
TEST_F(IdentityTest, FactsWrittenInPiecesLandOnlyWhenCommitted) {
  auto s = Open();
  ASSERT_TRUE(s);
  Document a = Doc("a.txt", "/in/a.txt", "Ri Chol.", 'a');
  ASSERT_TRUE(s->Put(&a).ok());
  auto event = [](const std::string& id) {
    EventRecord e;
    e.id = id;
    e.type = "birth";
    e.subject = "e1";
    e.sources.push_back(SourceRef{"d1", 0, 3, "Ri ", 0, false});
    return e;
  };
  auto person = [](const std::string& id, const std::string& name, const std::string& doc) {
    EntityRecord e;
    e.id = id;
    e.name = name;
    e.docs = {doc};
    return e;
  };
  FactBase old;
  old.entities.push_back(person("e1", "Ri Chol", "d1"));
  old.events.push_back(event("ev-old"));
  ASSERT_TRUE(s->ReplaceFacts(old, {}).ok());
  Document b = Doc("b.txt", "/in/b.txt", "Kim Yong-ho.", 'b');
  ASSERT_TRUE(s->Put(&b).ok());
  ASSERT_TRUE(*s->FactsStale());

  FactBase head;
  head.entities = old.entities;
  head.entities.push_back(person("e2", "Kim Yong-ho", "d2"));
  ConflictRecord c;
  c.id = "cf1";
  c.subject = "e1";
  c.type = "birth";
  c.field = "date";
  {
    auto w = s->BeginReplaceFacts(*s->Generation(), head, {EntityLink{"d2", 0, "e2"}}, {});
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ASSERT_NE(*w, nullptr);
    ASSERT_TRUE((*w)->Append({event("ev1"), event("ev2")}, {c}).ok());
    // Given up without a commit.
  }
  auto kept = s->LoadFacts();
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->entities.size(), 1u);
  ASSERT_EQ(kept->events.size(), 1u);
  EXPECT_EQ(kept->events[0].id, "ev-old");
  EXPECT_TRUE(*s->FactsStale());

  // A write begun at an old generation writes nothing.
  EXPECT_EQ(*s->BeginReplaceFacts(*s->Generation() - 1, head, {}, {}), nullptr);

  auto w = s->BeginReplaceFacts(*s->Generation(), head, {EntityLink{"d2", 0, "e2"}},
                                {{"e2", "P|k:kim|yong-ho"}});
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  ASSERT_NE(*w, nullptr);
  ASSERT_TRUE((*w)->Append({event("ev1"), event("ev2")}, {}).ok());
  ASSERT_TRUE((*w)->Append({event("ev3")}, {c}).ok());
  auto committed = (*w)->Commit();
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_TRUE(*committed);
  w->reset();
  EXPECT_FALSE(*s->FactsStale());
  auto now = s->LoadFacts();
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->entities.size(), 2u);
  ASSERT_EQ(now->events.size(), 3u);
  EXPECT_EQ(now->events[0].id, "ev1");
  EXPECT_EQ(now->events[2].id, "ev3");
  EXPECT_EQ(now->events[2].sources.at(0).quote, "Ri ");
  ASSERT_EQ(now->conflicts.size(), 1u);
  EXPECT_EQ(s->LoadLinks()->size(), 1u);
  EXPECT_EQ(s->LoadEntityIds()->size(), 1u);
}

TEST_F(IdentityTest, ReadOnlyOpeningReadsAndNeverWrites) {
  {
    auto s = Open();
    ASSERT_TRUE(s);
    Document a = Doc("a.txt", "/in/a.txt", "Ri Chol reached Seoul.", 'a');
    ASSERT_TRUE(s->Put(&a).ok());
  }
  auto r = Open(Store::Mode::kReadOnly);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ListDocuments()->size(), 1u);
  EXPECT_EQ(r->Search("Seoul", 5)->size(), 1u);
  Document b = Doc("b.txt", "/in/b.txt", "More.", 'b');
  EXPECT_FALSE(r->Put(&b).ok());
  // A missing store is not created by a reader.
  EXPECT_FALSE(Store::Open((dir_ / "none.db").string(), Store::Mode::kReadOnly).ok());
  EXPECT_FALSE(fs::exists(dir_ / "none.db"));
}

TEST_F(IdentityTest, AForeignDatabaseIsRefusedAsFound) {
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(
        sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(raw);
  }
  auto s = Store::Open(db_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a Cairn store"), std::string::npos);
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "delete");
  sqlite3_finalize(st);
  sqlite3_close(raw);
}

TEST_F(IdentityTest, AQueryWithControlBytesIsWordsNotAStoreError) {
  // Found by fuzz/fuzz_search: a NUL inside a query made FTS5 fail.
  auto s = Open();
  ASSERT_TRUE(s);
  Document a = Doc("a.txt", "/in/a.txt", "Ri Chol reached Seoul.", 'a');
  ASSERT_TRUE(s->Put(&a).ok());
  const std::string q("\"\0\0Seoul\x12NEAR(a b)", 17);
  auto hits = s->Search(q, 5);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  EXPECT_TRUE(hits->empty());
  auto one = s->Search(std::string("Seoul\0", 6), 5);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->size(), 1u);
}

}  // namespace
}  // namespace cairn::store
