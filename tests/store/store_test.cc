#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "store/schema.h"

namespace cairn::store {
namespace {

namespace fs = std::filesystem;

std::string Sha(char c) { return std::string(64, c); }

// A unique, empty scratch folder per test, removed afterwards.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cairn_store_test_" + std::to_string(getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "kb.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> OpenOrDie() {
    auto s = Store::Open(db_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(s.value()) : nullptr;
  }

  // A small segmented and annotated document.
  static Document MakeDoc(const std::string& name, const std::string& text, char sha) {
    Document d;
    d.name = name;
    d.path = "/in/" + name;
    d.sha256 = Sha(sha);
    d.format = "text";
    d.text = text;
    d.title = "Story of " + name;
    d.date = DayFromCivil(2014, 12, 11);
    d.author = "Han Mi-rae";
    d.language = "en";
    d.sections.push_back(Section{"Early life", 2, {0, 10}});
    Part p;
    p.span = {0, static_cast<uint32_t>(text.size())};
    p.date = DayFromCivil(2010, 3, 1);
    p.title = "Post";
    p.author = "Staff";
    p.quoted = true;
    p.source = "Daily Review";
    d.parts.push_back(p);
    d.paragraphs.push_back(Paragraph{{0, static_cast<uint32_t>(text.size())}});
    d.sentences.push_back(Sentence{{0, static_cast<uint32_t>(text.size())}, 0, 3, 0});
    Mention m;
    m.type = EntityType::kPerson;
    m.span = {0, 3};
    m.entity = 0;
    m.surname = "Ri";
    m.given = "Chol";
    m.partial = true;
    m.gazetteer = -1;
    d.mentions.push_back(m);
    LocalEntity e;
    e.type = EntityType::kPlace;
    e.name = "Hyesan";
    e.aliases = {"Hyesan City", "혜산"};
    e.mentions = {0};
    e.country = "KP";
    e.place_kind = "city";
    e.lat = 41.4;
    e.lon = 128.18;
    e.gazetteer = 7;
    e.protected_identity = true;
    d.entities.push_back(e);
    Timex t;
    t.kind = Timex::Kind::kAge;
    t.span = {1, 4};
    t.value = DateInterval::Year(1998, "1998");
    t.age_years = 44;
    t.duration_days = 30;
    t.anchored = true;
    d.timexes.push_back(t);
    EventMention ev;
    ev.type = "repatriation";
    ev.subject = 0;
    ev.date = DateInterval::Month(2003, 4, "April 2003");
    ev.place = 0;
    ev.from = 0;
    ev.to = 0;
    ev.via = -1;
    ev.object = -1;
    ev.detail = "sent back";
    ev.quote = {0, 5};
    ev.attributed_to = -1;
    ev.hedged = true;
    ev.trigger = "repatriated";
    d.events.push_back(ev);
    return d;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(StoreTest, CreatesSchemaAtLatestVersionInWalMode) {
  { auto s = OpenOrDie(); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  auto scalar = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql, -1, &st, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
    std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
  };
  EXPECT_EQ(scalar("PRAGMA user_version"), std::to_string(internal::Migrations().size()));
  EXPECT_EQ(scalar("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(scalar("SELECT v FROM fts_config WHERE k = 'hashsize'"), "8388608");
  EXPECT_EQ(scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('documents', 'versions', "
                   "'sentences', 'fts', 'event_mentions', 'entities', 'corrections', "
                   "'segmentation')"),
            "8");
  sqlite3_close(raw);
  // Reopening an up-to-date store migrates nothing and keeps data.
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document d = MakeDoc("a.txt", "Ri Chol crossed the Tumen River.", 'a');
  ASSERT_TRUE(s->Put(&d).ok());
  s.reset();
  s = OpenOrDie();
  auto list = s->ListDocuments();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST_F(StoreTest, RejectsFileThatIsNotADatabase) {
  {
    std::ofstream f(db_);
    f << "this is a plain text file, not a database at all.\n";
    for (int i = 0; i < 100; ++i) f << "more text to fill a page\n";
  }
  auto s = Store::Open(db_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(db_), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find("not a"), std::string::npos) << s.status().message();
}

TEST_F(StoreTest, RejectsForeignSqliteDatabase) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES(1);", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(raw);
  auto s = Store::Open(db_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not a Cairn store"), std::string::npos);
}

TEST_F(StoreTest, RejectsStoreFromANewerCairn) {
  { auto s = OpenOrDie(); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto s = Store::Open(db_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(s.status().message().find("newer"), std::string::npos) << s.status().message();
}

TEST_F(StoreTest, RejectsUnopenablePath) {
  auto s = Store::Open((dir_ / "no" / "such" / "dir" / "kb.db").string());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("kb.db"), std::string::npos);
}

TEST_F(StoreTest, PutAssignsIdsAndRoundTripsEveryField) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document a = MakeDoc("a.txt", "Ri Chol crossed the Tumen River in April 2003.", 'a');
  Document b = MakeDoc("b.txt", "Kim Son-hui reached Seoul.", 'b');
  auto ra = s->Put(&a);
  auto rb = s->Put(&b);
  ASSERT_TRUE(ra.ok()) << ra.status().ToString();
  ASSERT_TRUE(rb.ok()) << rb.status().ToString();
  EXPECT_EQ(*ra, PutOutcome::kNew);
  EXPECT_EQ(a.id, "d1");
  EXPECT_EQ(b.id, "d2");

  auto info = s->FindDocument("a.txt");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->id, "d1");
  EXPECT_EQ(info->title, "Story of a.txt");
  EXPECT_EQ(info->date, DayFromCivil(2014, 12, 11));
  EXPECT_EQ(info->text_bytes, a.text.size());
  EXPECT_EQ(s->FindDocument("d2")->name, "b.txt");
  EXPECT_EQ(s->FindDocument("d9").status().code(), Status::Code::kNotFound);

  auto got = s->LoadDocument("d1", true);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Document& d = *got;
  EXPECT_EQ(d.text, a.text);
  EXPECT_EQ(d.author, "Han Mi-rae");
  EXPECT_EQ(d.sha256, Sha('a'));
  ASSERT_EQ(d.sections.size(), 1u);
  EXPECT_EQ(d.sections[0].heading, "Early life");
  EXPECT_EQ(d.sections[0].level, 2);
  EXPECT_EQ(d.sections[0].span.end, 10u);
  ASSERT_EQ(d.parts.size(), 1u);
  EXPECT_EQ(d.parts[0].date, DayFromCivil(2010, 3, 1));
  EXPECT_TRUE(d.parts[0].quoted);
  EXPECT_EQ(d.parts[0].source, "Daily Review");
  ASSERT_EQ(d.sentences.size(), 1u);
  EXPECT_EQ(d.sentences[0].end_token, 3u);
  ASSERT_EQ(d.mentions.size(), 1u);
  EXPECT_EQ(d.mentions[0].given, "Chol");
  EXPECT_TRUE(d.mentions[0].partial);
  ASSERT_EQ(d.entities.size(), 1u);
  EXPECT_EQ(d.entities[0].aliases, (std::vector<std::string>{"Hyesan City", "혜산"}));
  EXPECT_EQ(d.entities[0].type, EntityType::kPlace);
  EXPECT_DOUBLE_EQ(*d.entities[0].lat, 41.4);
  EXPECT_EQ(d.entities[0].gazetteer, 7);
  EXPECT_TRUE(d.entities[0].protected_identity);
  ASSERT_EQ(d.timexes.size(), 1u);
  EXPECT_EQ(d.timexes[0].kind, Timex::Kind::kAge);
  EXPECT_EQ(d.timexes[0].age_years, 44);
  EXPECT_EQ(d.timexes[0].value.precision, Precision::kYear);
  EXPECT_EQ(d.timexes[0].value.latest, DayFromCivil(1998, 12, 31));
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].type, "repatriation");
  EXPECT_EQ(d.events[0].date.text, "April 2003");
  EXPECT_EQ(d.events[0].date.earliest, DayFromCivil(2003, 4, 1));
  EXPECT_EQ(d.events[0].via, -1);
  EXPECT_TRUE(d.events[0].hedged);
  EXPECT_EQ(d.events[0].trigger, "repatriated");

  auto bare = s->LoadDocument("d1", false);
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->events.empty());
  EXPECT_EQ(bare->sentences.size(), 1u);
}

// Paragraphs and sentences are stored as one BLOB pair per document; a
// document stored before that (rows in `paragraphs` and `sentences`) still
// loads.
TEST_F(StoreTest, SegmentationRoundTripsAndOldRowsStillLoad) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  const std::string text = "Kim left Hyesan. She crossed.\n\nShe reached Seoul in 2004.";
  Document a = MakeDoc("seg.txt", text, 'a');
  a.paragraphs = {Paragraph{{0, 29}}, Paragraph{{31, 57}}};
  a.sentences = {Sentence{{0, 16}, 0, 4, 0}, Sentence{{17, 29}, 4, 7, 0},
                 Sentence{{31, 57}, 7, 13, 1}};
  ASSERT_TRUE(s->Put(&a).ok());
  auto got = s->LoadDocument(a.id, false);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->paragraphs.size(), 2u);
  EXPECT_EQ(got->paragraphs[1].span.begin, 31u);
  EXPECT_EQ(got->paragraphs[1].span.end, 57u);
  ASSERT_EQ(got->sentences.size(), 3u);
  EXPECT_EQ(got->sentences[1].span.begin, 17u);
  EXPECT_EQ(got->sentences[1].first_token, 4u);
  EXPECT_EQ(got->sentences[2].end_token, 13u);
  EXPECT_EQ(got->sentences[2].paragraph, 1u);
  s.reset();

  // Turn the stored document into the older layout, as a version 1 store holds it.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  const char* sql =
      "DELETE FROM segmentation;"
      "INSERT INTO paragraphs VALUES(1, 0, 0, 29), (1, 1, 31, 57);"
      "INSERT INTO sentences VALUES(1, 0, 0, 16, 0, 4, 0), (1, 1, 17, 29, 4, 7, 0), "
      "(1, 2, 31, 57, 7, 13, 1);";
  ASSERT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  s = OpenOrDie();
  auto old = s->LoadDocument("d1", false);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_EQ(old->sentences.size(), 3u);
  EXPECT_EQ(old->sentences[1].span.begin, 17u);
  EXPECT_EQ(old->sentences[2].paragraph, 1u);
  ASSERT_EQ(old->paragraphs.size(), 2u);
  // A new version replaces the old rows with the new layout.
  Document b = MakeDoc("seg.txt", "Kim left.", 'b');
  ASSERT_TRUE(s->Put(&b).ok());
  auto now = s->LoadDocument("d1", false);
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->sentences.size(), 1u);
  EXPECT_EQ(now->sentences[0].span.end, 9u);
}

TEST_F(StoreTest, SameBytesAreUnchangedAndNewBytesMakeAVersion) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document a = MakeDoc("a.txt", "Pak Yong-su was arrested in Yanji.", 'a');
  ASSERT_EQ(*s->Put(&a), PutOutcome::kNew);
  std::string id;
  EXPECT_EQ(*s->Probe("/in/a.txt", Sha('a'), &id), PutOutcome::kUnchanged);
  EXPECT_EQ(id, "d1");
  EXPECT_EQ(*s->Probe("/in/a.txt", Sha('c'), &id), PutOutcome::kNewVersion);
  EXPECT_EQ(*s->Probe("/in/zzz.txt", Sha('a'), &id), PutOutcome::kNew);
  EXPECT_EQ(*s->Probe("/elsewhere/a.txt", Sha('a'), &id), PutOutcome::kNew)
      << "identity is the path, not the file name";

  Document again = MakeDoc("a.txt", "Pak Yong-su was arrested in Yanji.", 'a');
  again.events.clear();
  ASSERT_EQ(*s->Put(&again), PutOutcome::kUnchanged);
  EXPECT_EQ(again.id, "d1");
  EXPECT_EQ(s->LoadDocument("d1", true)->events.size(), 1u) << "unchanged Put wrote nothing";

  Document v2 = MakeDoc("a.txt", "Pak Yong-su was repatriated from Shenyang.", 'c');
  v2.events.clear();
  ASSERT_EQ(*s->Put(&v2), PutOutcome::kNewVersion);
  EXPECT_EQ(v2.id, "d1");
  auto info = s->FindDocument("d1");
  EXPECT_EQ(info->version, 2);
  EXPECT_EQ(info->sha256, Sha('c'));
  auto doc = s->LoadDocument("d1", true);
  EXPECT_EQ(doc->text, v2.text);
  EXPECT_TRUE(doc->events.empty()) << "the old version's extraction is replaced";
  EXPECT_EQ(s->ListDocuments()->size(), 1u);
  // The index follows the current version only.
  EXPECT_TRUE(s->Search("Yanji", 10)->empty());
  EXPECT_EQ(s->Search("Shenyang", 10)->size(), 1u);

  // The old version's text row is kept.
  s.reset();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "SELECT text FROM versions WHERE doc = 1 AND version = 1", -1,
                               &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))), a.text);
  sqlite3_finalize(st);
  // The external-content index agrees with the current versions' text.
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(raw, "INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)", nullptr,
                         nullptr, &err),
            SQLITE_OK)
      << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(raw);
}

TEST_F(StoreTest, FailureLateInPutLeavesStoreUnchanged) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document a = MakeDoc("a.txt", "Choe Un-gyong reached Bangkok.", 'a');
  ASSERT_TRUE(s->Put(&a).ok());

  // The event mention is written last; an empty type violates its check.
  Document bad = MakeDoc("bad.txt", "Yun Hye-jin crossed into Laos.", 'b');
  bad.events[0].type = "";
  auto r = s->Put(&bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad.txt"), std::string::npos) << r.status().message();
  EXPECT_TRUE(bad.id.empty());
  EXPECT_EQ(s->ListDocuments()->size(), 1u);
  EXPECT_TRUE(s->Search("Laos", 10)->empty());

  // The same failure on a new version keeps the old version whole.
  Document bad_v2 = MakeDoc("a.txt", "Choe Un-gyong reached Seoul via Laos.", 'z');
  bad_v2.events[0].type = "";
  ASSERT_FALSE(s->Put(&bad_v2).ok());
  auto info = s->FindDocument("a.txt");
  EXPECT_EQ(info->version, 1);
  auto doc = s->LoadDocument("d1", true);
  EXPECT_EQ(doc->text, a.text);
  EXPECT_EQ(doc->events.size(), 1u);
  EXPECT_EQ(s->Search("Bangkok", 10)->size(), 1u);
  EXPECT_TRUE(s->Search("Laos", 10)->empty());

  // And the store still accepts good documents.
  bad.events[0].type = "border_crossing";
  ASSERT_TRUE(s->Put(&bad).ok());
  EXPECT_EQ(bad.id, "d2") << "a failed Put consumes no id";
}

TEST_F(StoreTest, BatchKeepsEachDocumentWholeAndCommitsThemTogether) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->BeginBatch().ok());
  EXPECT_EQ(s->BeginBatch().code(), Status::Code::kInvalidArgument) << "batches do not nest";
  Document a = MakeDoc("a.txt", "Choe Un-gyong reached Bangkok.", 'a');
  ASSERT_TRUE(s->Put(&a).ok());
  // Fails late (the event row is written last): its document row, text and
  // index entry must go, and the batch must go on.
  Document bad = MakeDoc("bad.txt", "Yun Hye-jin crossed into Laos.", 'b');
  bad.events[0].type = "";
  ASSERT_FALSE(s->Put(&bad).ok());
  Document c = MakeDoc("c.txt", "Ma Chol-su reached Ulaanbaatar.", 'c');
  ASSERT_TRUE(s->Put(&c).ok());
  EXPECT_EQ(c.id, "d2") << "a failed Put consumes no id";

  // Another connection sees nothing of the batch until it commits.
  auto other = Store::Open(db_);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE((*other)->ListDocuments()->empty());
  ASSERT_TRUE(s->CommitBatch().ok());
  auto docs = (*other)->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 2u);
  EXPECT_EQ((*docs)[0].name, "a.txt");
  EXPECT_EQ((*docs)[1].name, "c.txt");
  EXPECT_EQ((*other)->Search("Ulaanbaatar", 10)->size(), 1u);
  EXPECT_TRUE((*other)->Search("Laos", 10)->empty());
  EXPECT_TRUE(s->CommitBatch().ok()) << "no batch open: nothing to do";
}

TEST_F(StoreTest, NewVersionsInsideABatchLeaveTheIndexExact) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document old = MakeDoc("old.txt", "Kim Mi-ok crossed at Musan.", 'a');
  ASSERT_TRUE(s->Put(&old).ok());  // indexed before the batch
  ASSERT_TRUE(s->BeginBatch().ok());
  Document old_v2 = MakeDoc("old.txt", "Kim Mi-ok reached Vientiane.", 'b');
  ASSERT_EQ(*s->Put(&old_v2), PutOutcome::kNewVersion);
  Document fresh = MakeDoc("new.txt", "Ri Su-mi waited in Kunming.", 'c');
  ASSERT_TRUE(s->Put(&fresh).ok());
  Document fresh_v2 = MakeDoc("new.txt", "Ri Su-mi flew from Kunming to Seoul.", 'd');
  ASSERT_EQ(*s->Put(&fresh_v2), PutOutcome::kNewVersion);  // its first version is not indexed yet
  ASSERT_TRUE(s->CommitBatch().ok());

  EXPECT_TRUE(s->Search("Musan", 10)->empty());
  EXPECT_EQ(s->Search("Vientiane", 10)->size(), 1u);
  EXPECT_TRUE(s->Search("waited", 10)->empty());
  auto seoul = s->Search("Seoul", 10);
  ASSERT_EQ(seoul->size(), 1u);
  EXPECT_EQ((*seoul)[0].name, "new.txt");
  s.reset();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(raw, "INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)", nullptr,
                        nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(raw);
}

// A long text (over 1 MB) of numbered sentences about `tag`, with a marker
// word at the start, in the middle and at the end.
std::string LongText(size_t bytes, const std::string& tag) {
  std::string t;
  for (int i = 0; t.size() < bytes; ++i) {
    t += "Paragraph " + std::to_string(i) + " of " + tag + ": 평양 river crossing at night";
    t += (i % 7 == 0) ? ".\n" : ". ";
  }
  t.insert(0, "Sariwonia. ");
  t.insert(t.find(". ", t.size() / 2) + 2, "Hamyong. ");
  t += " Kanggyeon.";
  return t;
}

std::string FtsIntegrity(const std::string& db) {
  sqlite3* raw = nullptr;
  if (sqlite3_open(db.c_str(), &raw) != SQLITE_OK) return "cannot open";
  char* err = nullptr;
  int rc = sqlite3_exec(raw, "INSERT INTO fts(fts, rank) VALUES('integrity-check', 1)", nullptr,
                        nullptr, &err);
  std::string out = rc == SQLITE_OK ? "ok" : (err ? err : "failed");
  sqlite3_free(err);
  sqlite3_close(raw);
  return out;
}

TEST_F(StoreTest, ALongDocumentIsStoredWholeAndIndexedAsPassages) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document small = MakeDoc("small.txt", "Ri Chol reached Hamyong by bus.", 'a');
  ASSERT_TRUE(s->Put(&small).ok());
  Document big = MakeDoc("big.txt", LongText(3 << 19, "big"), 'b');
  big.sentences.clear();  // 60,000 sentences: a segmentation BLOB over 1 MB
  for (uint32_t i = 0; i < 60000; ++i)
    big.sentences.push_back(Sentence{{i * 20, i * 20 + 19}, i, i + 1, 0});
  ASSERT_TRUE(s->Put(&big).ok());
  EXPECT_EQ(big.id, "d2");

  auto loaded = s->LoadDocument("d2", false);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->text, big.text) << "the text written in pieces reads back whole";
  ASSERT_EQ(loaded->sentences.size(), 60000u);
  EXPECT_EQ(loaded->sentences[59999].span.begin, 59999u * 20);
  EXPECT_EQ(loaded->sentences[59999].end_token, 60000u);
  EXPECT_EQ(s->FindDocument("big.txt")->text_bytes, big.text.size());
  for (const char* word : {"Sariwonia", "Kanggyeon"}) {
    auto hits = s->Search(word, 10);
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits->size(), 1u) << word;
    EXPECT_EQ((*hits)[0].doc_id, "d2");
    EXPECT_NE((*hits)[0].snippet.find(std::string("[") + word + "]"), std::string::npos)
        << (*hits)[0].snippet;
  }
  // A word in every passage of the long document and in the small one: one
  // hit per document.
  auto both = s->Search("Hamyong", 10);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->size(), 2u);
  auto common = s->Search("crossing", 10);
  ASSERT_TRUE(common.ok());
  ASSERT_EQ(common->size(), 1u) << "many passages, one document";
  EXPECT_EQ((*common)[0].doc_id, "d2");
  // The title is searchable once, with the first passage.
  EXPECT_EQ(s->Search("Story", 10)->size(), 2u);
  s.reset();
  EXPECT_EQ(FtsIntegrity(db_), "ok");
}

TEST_F(StoreTest, SearchStillListsOtherDocumentsWhenALongOneMatchesInEveryPassage) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document big = MakeDoc("big.txt", LongText(3 << 20, "big"), 'b');  // ~12 passages
  ASSERT_TRUE(s->Put(&big).ok());
  Document small = MakeDoc("small.txt", "A river crossing, late.", 'a');
  ASSERT_TRUE(s->Put(&small).ok());
  auto hits = s->Search("crossing", 2);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_NE((*hits)[0].doc_id, (*hits)[1].doc_id);
}

TEST_F(StoreTest, NewVersionsOfLongDocumentsLeaveTheIndexExact) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document v1 = MakeDoc("a.txt", LongText(5 << 18, "first"), 'a');
  ASSERT_TRUE(s->Put(&v1).ok());
  Document v2 = MakeDoc("a.txt", LongText(3 << 19, "second"), 'b');  // long -> long
  ASSERT_EQ(*s->Put(&v2), PutOutcome::kNewVersion);
  EXPECT_TRUE(s->Search("first", 10)->empty());
  EXPECT_EQ(s->Search("second", 10)->size(), 1u);
  Document v3 = MakeDoc("a.txt", "Short again, in Chagang.", 'c');  // long -> short
  ASSERT_EQ(*s->Put(&v3), PutOutcome::kNewVersion);
  EXPECT_TRUE(s->Search("second", 10)->empty());
  EXPECT_EQ(s->Search("Chagang", 10)->size(), 1u);
  ASSERT_TRUE(s->BeginBatch().ok());  // short -> long inside a batch
  Document v4 = MakeDoc("a.txt", LongText(5 << 18, "fourth"), 'd');
  ASSERT_EQ(*s->Put(&v4), PutOutcome::kNewVersion);
  Document b1 = MakeDoc("b.txt", "Pending and short, in Rason.", 'e');
  ASSERT_TRUE(s->Put(&b1).ok());
  Document b2 = MakeDoc("b.txt", LongText(5 << 18, "fifth"), 'f');  // pending short -> long
  ASSERT_EQ(*s->Put(&b2), PutOutcome::kNewVersion);
  ASSERT_TRUE(s->CommitBatch().ok());
  EXPECT_TRUE(s->Search("Chagang", 10)->empty());
  EXPECT_TRUE(s->Search("Rason", 10)->empty());
  EXPECT_EQ(s->Search("fourth", 10)->size(), 1u);
  EXPECT_EQ(s->Search("fifth", 10)->size(), 1u);
  EXPECT_EQ(s->LoadDocument("d2", false)->text, b2.text);
  s.reset();
  EXPECT_EQ(FtsIntegrity(db_), "ok");
}

TEST_F(StoreTest, AStoreFromSchemaThreeMigratesAndKeepsItsDocuments) {
  {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
    auto migrations = internal::Migrations();
    ASSERT_GE(migrations.size(), 4u);
    for (size_t i = 0; i < 3; ++i) {
      ASSERT_EQ(sqlite3_exec(raw, migrations[i], nullptr, nullptr, nullptr), SQLITE_OK) << i;
    }
    std::string sql = "PRAGMA application_id = " + std::to_string(internal::kApplicationId) +
                      "; PRAGMA user_version = 3; "
                      "INSERT INTO documents(id, name, path, version) VALUES(1, 'old.txt', "
                      "'/in/old.txt', 1); "
                      "INSERT INTO versions(doc, version, sha256, text) VALUES(1, 1, '" +
                      Sha('a') +
                      "', 'Stored before passages: Kowon station.'); "
                      "INSERT INTO fts(rowid, title, text) VALUES(1, '', "
                      "'Stored before passages: Kowon station.');";
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->LoadDocument("d1", false)->text, "Stored before passages: Kowon station.");
  EXPECT_EQ(s->Search("Kowon", 10)->size(), 1u);
  Document v2 = MakeDoc("old.txt", LongText(5 << 18, "after"), 'b');
  ASSERT_EQ(*s->Put(&v2), PutOutcome::kNewVersion);
  EXPECT_TRUE(s->Search("Kowon", 10)->empty());
  s.reset();
  EXPECT_EQ(FtsIntegrity(db_), "ok");
}

TEST_F(StoreTest, ACrashBeforeTheBatchCommitsLosesOnlyWholeDocumentsOfThatBatch) {
  {
    auto s = OpenOrDie();
    ASSERT_TRUE(s);
    Document kept = MakeDoc("kept.txt", "Choe Un-gyong reached Bangkok.", 'a');
    ASSERT_TRUE(s->Put(&kept).ok());
  }
  // A child process opens a batch, stores documents with enough text to
  // spill pages to the WAL, and dies without committing or closing.
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto s = Store::Open(db_);
    if (!s.ok() || !(*s)->BeginBatch().ok()) _exit(2);
    for (int i = 0; i < 800; ++i) {  // ~48 MB: more than the 32 MB page cache
      Document d = MakeDoc("lost" + std::to_string(i) + ".txt",
                           std::string(60000, 'x') + " Sinuiju " + std::to_string(i), 'b');
      if (!(*s)->Put(&d).ok()) _exit(3);
    }
    _exit(0);  // no commit, no destructors: as if the power went
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);

  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  auto docs = s->ListDocuments();
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].name, "kept.txt");
  EXPECT_TRUE(s->Search("Sinuiju", 10)->empty());
  EXPECT_EQ(s->Search("Bangkok", 10)->size(), 1u);
  Document again = MakeDoc("lost0.txt", "Sinuiju again.", 'c');
  ASSERT_TRUE(s->Put(&again).ok());
  EXPECT_EQ(again.id, "d2");
}

TEST_F(StoreTest, SearchRanksAndSnippetsAndSurvivesPunctuation) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document a = MakeDoc("a.txt",
                       "In 1998 the family left Hyesan. Months later they crossed the Tumen "
                       "River at night and hid in Yanji.",
                       'a');
  Document b = MakeDoc("b.txt", "Hyesan, Hyesan and Hyesan again: the city by the river.", 'b');
  Document c = MakeDoc("c.txt", "Nothing about the border town here. Café culture in Seoul.", 'c');
  ASSERT_TRUE(s->Put(&a).ok());
  ASSERT_TRUE(s->Put(&b).ok());
  ASSERT_TRUE(s->Put(&c).ok());

  auto hits = s->Search("hyesan", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].name, "b.txt") << "more occurrences rank first";
  EXPECT_LE((*hits)[0].rank, (*hits)[1].rank);
  EXPECT_NE((*hits)[0].snippet.find("[Hyesan]"), std::string::npos) << (*hits)[0].snippet;
  EXPECT_EQ((*hits)[0].title, "Story of b.txt");

  EXPECT_EQ(s->Search("Tumen river", 10)->size(), 1u) << "all words must match";
  EXPECT_EQ(s->Search("cafe", 10)->size(), 1u) << "diacritics removed";
  EXPECT_EQ(s->Search("Yan*", 10)->size(), 1u) << "prefix search";
  EXPECT_EQ(s->Search("hyesan", 1)->size(), 1u) << "limit";

  for (const char* q : {"\"unbalanced", "AND OR NOT", "Hyesan) OR (", "a:b", "-x +y ^z",
                        "NEAR(a b)", "'; DROP TABLE documents; --", "col:*"}) {
    auto r = s->Search(q, 10);
    EXPECT_TRUE(r.ok() || r.status().code() == Status::Code::kInvalidArgument)
        << q << ": " << r.status().ToString();
  }
  EXPECT_TRUE(s->Search("Hyesan) OR (", 10).ok());
  EXPECT_EQ(s->Search("Hyesan)", 10)->size(), 2u);
  auto empty = s->Search("  !!! ", 10);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s->ListDocuments()->size(), 3u);
}

TEST_F(StoreTest, FactsAndLinksAreReplacedWhole) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document a = MakeDoc("a.txt", "Ri Chol was born in Hyesan in 1975.", 'a');
  ASSERT_TRUE(s->Put(&a).ok());

  FactBase f;
  EntityRecord p;
  p.id = "e1";
  p.name = "Ri Chol";
  p.aliases = {"Chol", "Lee Cheol"};
  p.docs = {"d1"};
  p.protected_identity = true;
  EntityRecord h;
  h.id = "e2";
  h.type = EntityType::kPlace;
  h.name = "Hyesan";
  h.docs = {"d1"};
  h.country = "KP";
  h.place_kind = "city";
  h.lat = 41.39;
  h.lon = 128.19;
  f.entities = {p, h};
  EventRecord ev;
  ev.id = "v1";
  ev.type = "birth";
  ev.subject = "e1";
  ev.place = "e2";
  ev.date = DateInterval::Year(1975, "1975");
  ev.sources = {SourceRef{"d1", 0, 10, "Ri Chol wa"}};
  ev.hedged = true;
  f.events = {ev};
  ConflictRecord c;
  c.id = "c1";
  c.subject = "e1";
  c.type = "birth";
  c.field = "date";
  c.claims = {{"1975", {"v1"}, {SourceRef{"d1", 0, 3, "Ri "}}}, {"1977", {"v2"}, {}}};
  c.explanation = "born 1975 (d1) vs. 1977 (d2)";
  f.conflicts = {c};
  ASSERT_TRUE(s->ReplaceFacts(f, {EntityLink{"d1", 0, "e2"}}).ok());

  auto got = s->LoadFacts();
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->entities.size(), 2u);
  EXPECT_EQ(got->entities[0].aliases, p.aliases);
  EXPECT_TRUE(got->entities[0].protected_identity);
  EXPECT_FALSE(got->entities[0].lat.has_value());
  EXPECT_DOUBLE_EQ(*got->entities[1].lon, 128.19);
  ASSERT_EQ(got->events.size(), 1u);
  EXPECT_EQ(got->events[0].date.earliest, DayFromCivil(1975, 1, 1));
  EXPECT_EQ(got->events[0].sources[0].quote, "Ri Chol wa");
  EXPECT_EQ(got->events[0].from, "");
  ASSERT_EQ(got->conflicts.size(), 1u);
  ASSERT_EQ(got->conflicts[0].claims.size(), 2u);
  EXPECT_EQ(got->conflicts[0].claims[0].events, std::vector<std::string>{"v1"});
  EXPECT_EQ(got->conflicts[0].claims[0].sources[0].end, 3u);
  auto links = s->LoadLinks();
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].entity_id, "e2");

  // A failing replacement keeps the previous facts.
  FactBase broken = f;
  broken.events[0].type = "";
  EXPECT_FALSE(s->ReplaceFacts(broken, {}).ok());
  EXPECT_EQ(s->LoadFacts()->events.size(), 1u);
  EXPECT_EQ(s->LoadLinks()->size(), 1u);
  EXPECT_FALSE(s->ReplaceFacts(f, {EntityLink{"d99", 0, "e1"}}).ok()) << "unknown document";

  ASSERT_TRUE(s->ReplaceFacts(FactBase{}, {}).ok());
  EXPECT_TRUE(s->LoadFacts()->entities.empty());
  EXPECT_TRUE(s->LoadLinks()->empty());
}

TEST_F(StoreTest, NewVersionDropsItsStaleLinks) {
  auto s = OpenOrDie();
  ASSERT_TRUE(s);
  Document a = MakeDoc("a.txt", "Ri Chol was born in Hyesan.", 'a');
  ASSERT_TRUE(s->Put(&a).ok());
  ASSERT_TRUE(s->ReplaceFacts(FactBase{}, {EntityLink{"d1", 0, "e1"}}).ok());
  Document v2 = MakeDoc("a.txt", "Ri Chol was born in Musan.", 'b');
  ASSERT_EQ(*s->Put(&v2), PutOutcome::kNewVersion);
  EXPECT_TRUE(s->LoadLinks()->empty());
}

TEST_F(StoreTest, CorrectionsPersist) {
  {
    auto s = OpenOrDie();
    ASSERT_TRUE(s);
    Correction m{Correction::Kind::kMerge, "e1", "e4", "", "ri chol", "lee cheol"};
    Correction sp{Correction::Kind::kSplit, "e2", "", "d3", "kim", ""};
    ASSERT_TRUE(s->AddCorrection(m).ok());
    ASSERT_TRUE(s->AddCorrection(sp).ok());
    EXPECT_FALSE(s->AddCorrection(Correction{}).ok());
  }
  auto s = OpenOrDie();
  auto cs = s->LoadCorrections();
  ASSERT_TRUE(cs.ok());
  ASSERT_EQ(cs->size(), 2u);
  EXPECT_EQ((*cs)[0].kind, Correction::Kind::kMerge);
  EXPECT_EQ((*cs)[0].b_key, "lee cheol");
  EXPECT_EQ((*cs)[1].kind, Correction::Kind::kSplit);
  EXPECT_EQ((*cs)[1].doc, "d3");
}

}  // namespace
}  // namespace cairn::store
