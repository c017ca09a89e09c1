// The SQLite implementation of store::Store. See store.h for the contract and
// schema.cc for the tables.
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/schema.h"
#include "store/sqlite_util.h"
#include "store/store.h"

namespace cairn::store {
namespace {

using internal::Exec;
using internal::SqlError;
using internal::Stmt;
using json = nlohmann::json;

// How long a connection waits for another process's write lock before it
// gives up with "database is locked": long enough for another ingest's group
// commits and resolution to let it in. CAIRN_LOCK_WAIT (seconds) overrides.
constexpr int64_t kDefaultLockWaitMs = 10 * 60 * 1000;

int64_t LockWaitMs() {
  if (const char* env = std::getenv("CAIRN_LOCK_WAIT"); env != nullptr && *env != '\0') {
    char* end = nullptr;
    double secs = std::strtod(env, &end);
    if (end != env && secs >= 0) return static_cast<int64_t>(secs * 1000);
  }
  return kDefaultLockWaitMs;
}

// Waits for a lock in short naps (SQLite's own timeout sleeps up to 100 ms
// at a time, long enough to miss the brief gaps between another ingest's
// group commits). The deadline is per wait.
struct BusyWait {
  int64_t limit_ms;
  std::chrono::steady_clock::time_point start;
};

extern "C" int BusyHandler(void* arg, int count) {
  auto* w = static_cast<BusyWait*>(arg);
  auto now = std::chrono::steady_clock::now();
  if (count == 0) w->start = now;
  if (now - w->start >= std::chrono::milliseconds(w->limit_ms)) return 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(count < 10 ? 1 : 5));
  return 1;
}

bool IsBusy(const std::string& msg) {
  return msg.find("database is locked") != std::string::npos ||
         msg.find("database table is locked") != std::string::npos ||
         msg.find("database schema is locked") != std::string::npos;
}

std::string DocId(int64_t n) { return "d" + std::to_string(n); }

// "d12" -> 12; nullopt for anything else.
std::optional<int64_t> ParseDocId(std::string_view id) {
  if (id.size() < 2 || id[0] != 'd') return std::nullopt;
  int64_t n = 0;
  auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
  if (ec != std::errc() || p != id.data() + id.size() || n <= 0) return std::nullopt;
  return n;
}

// JSON text for a value, never throwing on invalid UTF-8 (replaced by U+FFFD).
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Parses JSON stored by this file; a parse failure means the store is corrupt.
Result<json> ParseJson(const std::string& text, std::string_view what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption(std::string(what) + ": stored JSON is invalid");
  return j;
}

std::vector<std::string> StringList(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const json& e : j) {
    if (e.is_string()) out.push_back(e.get<std::string>());
  }
  return out;
}

json SectionsJson(const std::vector<Section>& sections) {
  json a = json::array();
  for (const Section& s : sections) {
    a.push_back(
        {{"heading", s.heading}, {"level", s.level}, {"begin", s.span.begin}, {"end", s.span.end}});
  }
  return a;
}

json PartsJson(const std::vector<Part>& parts) {
  json a = json::array();
  for (const Part& p : parts) {
    json o = {{"begin", p.span.begin}, {"end", p.span.end},  {"title", p.title},
              {"author", p.author},    {"quoted", p.quoted}, {"source", p.source}};
    o["date"] = p.date ? json(*p.date) : json(nullptr);
    a.push_back(std::move(o));
  }
  return a;
}

uint32_t U32(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number_unsigned() ? it->get<uint32_t>() : 0;
}
std::string Str(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<Section> SectionsFromJson(const json& a) {
  std::vector<Section> out;
  if (!a.is_array()) return out;
  for (const json& o : a) {
    Section s;
    s.heading = Str(o, "heading");
    s.level = o.value("level", 1);
    s.span = {U32(o, "begin"), U32(o, "end")};
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Part> PartsFromJson(const json& a) {
  std::vector<Part> out;
  if (!a.is_array()) return out;
  for (const json& o : a) {
    Part p;
    p.span = {U32(o, "begin"), U32(o, "end")};
    p.title = Str(o, "title");
    p.author = Str(o, "author");
    p.source = Str(o, "source");
    p.quoted = o.value("quoted", false);
    auto d = o.find("date");
    if (d != o.end() && d->is_number_integer()) p.date = d->get<Day>();
    out.push_back(std::move(p));
  }
  return out;
}

json SourcesJson(const std::vector<SourceRef>& sources) {
  json a = json::array();
  for (const SourceRef& s : sources) {
    json o = {{"doc", s.doc}, {"start", s.start}, {"end", s.end}, {"quote", s.quote}};
    if (s.page > 0) o["page"] = s.page;
    if (s.ocr) o["ocr"] = true;
    a.push_back(std::move(o));
  }
  return a;
}

std::vector<SourceRef> SourcesFromJson(const json& a) {
  std::vector<SourceRef> out;
  if (!a.is_array()) return out;
  for (const json& o : a) {
    SourceRef s;
    s.doc = Str(o, "doc");
    s.start = U32(o, "start");
    s.end = U32(o, "end");
    s.quote = Str(o, "quote");
    s.page = static_cast<int>(U32(o, "page"));
    s.ocr = o.value("ocr", false);
    out.push_back(std::move(s));
  }
  return out;
}

json PagesJson(const std::vector<Page>& pages) {
  json a = json::array();
  for (const Page& p : pages) {
    json o = {{"begin", p.span.begin}, {"end", p.span.end}};
    if (p.ocr) {
      o["ocr"] = true;
      o["confidence"] = p.confidence;
    }
    a.push_back(std::move(o));
  }
  return a;
}

std::vector<Page> PagesFromJson(const json& a) {
  std::vector<Page> out;
  if (!a.is_array()) return out;
  for (const json& o : a) {
    Page p;
    p.span = {U32(o, "begin"), U32(o, "end")};
    p.ocr = o.value("ocr", false);
    p.confidence = o.value("confidence", -1.0f);
    out.push_back(p);
  }
  return out;
}

Stmt& BindInterval(Stmt& s, int first, const DateInterval& d) {
  s.Bind(first, d.earliest).Bind(first + 1, d.latest).Bind(first + 2, d.text);
  return s.Bind(first + 3, static_cast<int64_t>(d.precision));
}

DateInterval IntervalAt(const Stmt& s, int first) {
  DateInterval d;
  d.earliest = s.OptInt(first);
  d.latest = s.OptInt(first + 1);
  d.text = s.Text(first + 2);
  int64_t p = s.Int(first + 3);
  if (p >= 0 && p <= static_cast<int64_t>(Precision::kDay)) d.precision = static_cast<Precision>(p);
  return d;
}

EntityType EntityTypeAt(const Stmt& s, int col) {
  int64_t t = s.Int(col);
  return t >= 0 && t <= 3 ? static_cast<EntityType>(t) : EntityType::kPerson;
}

// One write, all or nothing. Outside a batch it is its own transaction;
// inside one (Store::BeginBatch) it is a savepoint of the batch's
// transaction, so a failed write leaves no trace while the documents before
// it stay in the batch. Rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  Transaction(sqlite3* db, bool nested) : db_(db), nested_(nested) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!open_) return;
    if (!nested_) {
      Exec(db_, "ROLLBACK");
    } else if (!sqlite3_get_autocommit(db_)) {  // SQLite may have rolled back the batch itself
      Exec(db_, "ROLLBACK TO write; RELEASE write");
    }
  }
  Status Begin() {
    CAIRN_RETURN_IF_ERROR(Exec(db_, nested_ ? "SAVEPOINT write" : "BEGIN IMMEDIATE"));
    open_ = true;
    return Status::OK();
  }
  Status Commit() {
    Status st = Exec(db_, nested_ ? "RELEASE write" : "COMMIT");
    if (st.ok()) open_ = false;
    return st;
  }

 private:
  sqlite3* db_;
  bool nested_;
  bool open_ = false;
};

// Resets a cached statement when the scope that uses it ends, so no
// statement stays active (holding a read snapshot) between calls.
class ResetOnExit {
 public:
  explicit ResetOnExit(Stmt* s) : s_(s) {}
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;
  ~ResetOnExit() { s_->Reset(); }

 private:
  Stmt* s_;
};

// Declares `Stmt& var`: the connection's cached, reset statement for `sql`.
#define CAIRN_ASSIGN_STMT(var, db, sql)       \
  auto var##_r = Prepared(sql);               \
  if (!var##_r.ok()) return var##_r.status(); \
  Stmt& var = **var##_r;                      \
  ResetOnExit var##_reset(&var)

// uint32 arrays as little-endian bytes (the segmentation BLOBs).
void AppendU32(std::string* out, std::initializer_list<uint32_t> values) {
  for (uint32_t v : values) {
    for (int b = 0; b < 4; ++b) out->push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
  }
}

std::vector<uint32_t> UnpackU32(std::string_view bytes) {
  std::vector<uint32_t> out(bytes.size() / 4);
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t x = 0;
    for (int b = 0; b < 4; ++b)
      x |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i * 4 + b])) << (8 * b);
    out[i] = x;
  }
  if (bytes.size() % 4 != 0) out.push_back(0xFFFFFFFFu);  // makes the count check fail
  return out;
}

// A text of at least kLongText bytes is a long document: its text is
// written into its row in pieces and it is indexed as passages of about
// kPassageBytes (schema.cc, migration 4), so neither SQLite nor FTS5 holds a
// second copy of it.
constexpr size_t kLongText = 1 << 20;
constexpr size_t kPassageBytes = 256 << 10;
constexpr int kPassageBits = 20;  // passage k of document d is FTS row -(d << 20 | k)

int64_t PassageRowid(int64_t doc, size_t k) {
  return -((doc << kPassageBits) | static_cast<int64_t>(k));
}

// The document an FTS row belongs to: a whole document's row is its id.
int64_t DocOfFtsRow(int64_t rowid) { return rowid >= 0 ? rowid : (-rowid) >> kPassageBits; }

// [begin, end) passages of about `target` bytes covering `text`, each ending
// after a line break or a space in its second half where there is one, and
// never inside a UTF-8 sequence.
std::vector<std::pair<size_t, size_t>> SplitPassages(std::string_view text, size_t target) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = std::min(text.size(), b + target);
    if (e < text.size()) {
      const size_t half = b + target / 2;
      size_t cut = text.rfind('\n', e - 1);
      if (cut == std::string_view::npos || cut < half) cut = text.rfind(' ', e - 1);
      if (cut != std::string_view::npos && cut >= half) {
        e = cut + 1;
      } else {
        while (e > b + 1 && (static_cast<unsigned char>(text[e]) & 0xC0) == 0x80) --e;
      }
    }
    out.emplace_back(b, e);
    b = e;
  }
  return out;
}

// Resolution reads an entity's mentions only for the name split of each of
// its surface forms, and takes the first mention (in the entity's list) of
// that form with a split. A large document repeats a name thousands of
// times: only those first mentions are kept, in order, and the entities'
// lists are mapped onto them (Store::kNoMention for the others, so that
// every entity keeps its count of mentions). REQUIRES: every mention of
// `doc` has a split, and every list entry indexes doc->mentions or is
// kNoMention.
void KeepFirstNameSplits(Document* doc) {
  constexpr uint32_t kNone = Store::kNoMention;
  std::vector<uint32_t> moved_to(doc->mentions.size(), kNone);
  std::vector<uint32_t> keep;  // old indices, in the order they are first needed
  for (LocalEntity& e : doc->entities) {
    std::vector<std::string_view> forms;  // the surface forms seen, few per entity
    for (uint32_t& mi : e.mentions) {
      // (A span outside the text, from a damaged row, names no form.)
      if (mi >= doc->mentions.size() || doc->mentions[mi].span.end > doc->text.size() ||
          doc->mentions[mi].span.begin > doc->mentions[mi].span.end) {
        mi = kNone;
        continue;
      }
      const std::string_view form = doc->Slice(doc->mentions[mi].span);
      if (std::find(forms.begin(), forms.end(), form) != forms.end()) {
        mi = kNone;
        continue;
      }
      forms.push_back(form);
      if (moved_to[mi] == kNone) {
        moved_to[mi] = static_cast<uint32_t>(keep.size());
        keep.push_back(mi);
      }
      mi = moved_to[mi];
    }
  }
  std::vector<Mention> kept;
  kept.reserve(keep.size());
  for (uint32_t mi : keep) kept.push_back(std::move(doc->mentions[mi]));
  doc->mentions = std::move(kept);
}

// The page cache of a connection: 32 MB (a negative size is in KiB).
constexpr const char kCacheSize[] = "PRAGMA cache_size = -32768";
// The cache for one pass over a long document's pages: 4 MB.
constexpr const char kSmallCacheSize[] = "PRAGMA cache_size = -4096";
// The cache for resolution's one-pass read of a document and its write of
// the facts, made while it holds the documents it read: 1 MB (pages read or
// written once; written ones past it spill to the WAL).
constexpr const char kResolutionCacheSize[] = "PRAGMA cache_size = -1024";

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, bool read_only) : db_(db), read_only_(read_only) {}
  ~SqliteStore() override {
    cache_.clear();  // finalize every statement before closing
    sqlite3_close_v2(db_);
  }

  Status Init(const std::string& path);
  BusyWait busy_{kDefaultLockWaitMs, {}};

  Result<PutOutcome> Probe(std::string_view name, std::string_view sha256,
                           std::string* id) override;
  Result<PutOutcome> Put(Document* doc) override;
  Result<PutOutcome> PutStreaming(Document* doc, const Produce& produce) override;
  Result<std::vector<DocumentInfo>> ListDocuments() override;
  Result<DocumentInfo> FindDocument(std::string_view id_or_name) override;
  Result<Document> LoadDocument(std::string_view id, bool with_annotations) override {
    return Load(id, with_annotations ? Annotations::kAll : Annotations::kNone);
  }
  Result<Document> LoadForResolution(std::string_view id) override {
    // One pass over the document's rows, each page read once: a page cache
    // would only hold them (up to its 32 MB) beside the arrays they fill.
    // A small one for the read, the ingest's size again after it.
    CAIRN_RETURN_IF_ERROR(Exec(db_, kResolutionCacheSize));
    Result<Document> doc = Load(id, Annotations::kForResolution);
    Status st = Exec(db_, kCacheSize);
    if (!st.ok()) return st;
    return doc;
  }
  Result<std::vector<SearchHit>> Search(std::string_view query, int limit) override;
  Result<SearchResults> SearchPage(std::string_view query, const SearchOptions& options) override;
  Status ReplaceFacts(const FactBase& facts, const std::vector<EntityLink>& links) override;
  Result<bool> ReplaceFactsIfCurrent(uint64_t generation, const FactBase& facts,
                                     const std::vector<EntityLink>& links,
                                     const std::vector<EntityIdRecord>& ids) override;
  Result<std::unique_ptr<FactsWrite>> BeginReplaceFacts(
      uint64_t generation, const FactBase& facts, const std::vector<EntityLink>& links,
      const std::vector<EntityIdRecord>& ids) override;
  Result<std::vector<EntityIdRecord>> LoadEntityIds() override;
  Result<uint64_t> Generation() override;
  Status MapForReading(uint64_t bytes) override;
  Status ReleaseMemory() override {
    return sqlite3_db_release_memory(db_) == SQLITE_OK
               ? Status::OK()
               : Status::IOError(std::string("releasing memory: ") + sqlite3_errmsg(db_));
  }
  Result<bool> FactsStale() override;
  Status BeginRead() override;
  Status EndRead() override;
  Result<FactBase> LoadFacts() override;
  Result<std::vector<EntityLink>> LoadLinks() override;
  Status AddCorrection(const Correction& c) override;
  Status SetProtection(const std::string& key, bool is_protected) override;
  Result<std::vector<std::pair<std::string, bool>>> LoadProtections() override;
  Result<RedactionSettings> LoadRedaction() override;
  Status SetProtectAll(bool on, const std::vector<std::string>& allow) override;
  Result<std::vector<Correction>> LoadCorrections() override;
  Result<std::vector<CorrectionRecord>> ListCorrections() override;
  Status UndoCorrection(int64_t id) override;
  Result<int64_t> AddDecision(const ConflictDecision& d) override;
  Result<std::vector<ConflictDecision>> ListDecisions() override;
  Status UndoDecision(int64_t id) override;
  Status AppendAudit(const AuditEntry& e) override;
  Result<std::vector<AuditEntry>> ListAudit(int limit) override;
  Result<std::vector<DocumentInfo>> ListVersions(std::string_view doc_id) override;
  Status BeginBatch() override;
  Status CommitBatch() override;

 private:
  Status Migrate(const std::string& path);
  Status CheckIsCairn(const std::string& path, int64_t* version);
  Result<int64_t> StateValue(const char* name);
  Status BumpGeneration();
  Status WriteFacts(const FactBase& facts, const std::vector<EntityLink>& links);
  // WriteFacts in parts: the old facts deleted and the entities and links
  // written, then events and conflicts (any number of times), then the mark.
  Status WriteFactsHead(const FactBase& facts, const std::vector<EntityLink>& links);
  Status WriteEventsAndConflicts(const std::vector<EventRecord>& events,
                                 const std::vector<ConflictRecord>& conflicts);
  Status MarkResolved();
  Status WriteRegistry(const std::vector<EntityIdRecord>& ids);
  class SqliteFactsWrite;
  // The document whose identity is `key`, claiming a row stored before
  // migration 5 (no key) under the same base name. 0 when none.
  Result<int64_t> DocByKey(const std::string& key, bool claim);
  // `name`, or a longer tail of `key` when another document shows `name`.
  Result<std::string> UniqueName(const std::string& name, const std::string& key,
                                 int64_t self);
  // *indexed tells whether the full-text index already holds the document
  // (otherwise IndexPending adds it when the batch commits).
  Status WriteDocument(Document* doc, int64_t* doc_num, PutOutcome* outcome, bool* indexed);
  Status IndexPassages(int64_t n, const Document& doc);
  Status UnindexOld(int64_t n, std::string_view title, std::string_view text);
  Status WriteAnnotations(int64_t n, const Document& doc);
  // The parts of WriteAnnotations. Rows are numbered from `first` (idx).
  Status WriteSegmentation(int64_t n, const Document& doc);
  Status WriteMentions(int64_t n, const std::vector<Mention>& mentions, size_t first);
  Status WriteEntities(int64_t n, const std::vector<LocalEntity>& entities);
  Status WriteTimexes(int64_t n, const std::vector<Timex>& timexes, size_t first);
  Status WriteEvents(int64_t n, const std::vector<EventMention>& events, size_t first);
  // Put's and PutStreaming's one write; `produce` may be null (Put).
  Result<PutOutcome> PutDocument(Document* doc, const Produce* produce);
  Result<PutOutcome> WriteWhole(Document* doc, const Produce* produce);
  class PieceWriter;
  Status IndexPending();
  Result<std::vector<DocumentInfo>> QueryInfos(std::string_view where, std::string_view arg);
  // Which annotations Load reads: none, all, or what LoadForResolution says.
  enum class Annotations { kNone, kAll, kForResolution };
  Result<Document> Load(std::string_view id, Annotations what);
  Status LoadAnnotations(int64_t n, Annotations what, Document* doc);
  // The number of rows of `table` for document `n` (idx runs 0..count-1), to
  // size the arrays before reading them.
  Result<size_t> RowCount(const char* table, int64_t n);

  // The prepared statement for `sql`, prepared once per connection.
  Result<Stmt*> Prepared(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      it->second->Reset();
      return it->second.get();
    }
    auto st = Stmt::Prepare(db_, sql);
    if (!st.ok()) return st.status();
    auto owned = std::make_unique<Stmt>(std::move(*st));
    Stmt* raw = owned.get();
    cache_.emplace(std::string(sql), std::move(owned));
    return raw;
  }

  // Ends the batch flag when SQLite has rolled the batch's transaction back
  // on its own (it does so on some errors: disk full, I/O error).
  Status CheckBatchAlive(Status st) {
    if (batch_ && sqlite3_get_autocommit(db_)) {
      EndBatch();
      return Status::IOError(st.message() +
                             " (the batch's uncommitted documents were rolled back)");
    }
    return st;
  }

  sqlite3* db_;
  std::map<std::string, std::unique_ptr<Stmt>, std::less<>> cache_;
  // Forgets the open batch (committed, rolled back or abandoned).
  void EndBatch() {
    batch_ = false;
    fts_pending_.clear();
  }

  bool read_only_ = false;
  bool batch_ = false;  // a batch transaction is open
  bool reading_ = false;  // a read snapshot is open
  // Documents written in the open batch, indexed in one statement when it
  // commits: FTS5 flushes its pending terms at every savepoint, so indexing
  // inside each document's savepoint wrote one index segment per document.
  std::set<int64_t> fts_pending_;
};

Status SqliteStore::Init(const std::string& path) {
  busy_.limit_ms = LockWaitMs();
  sqlite3_busy_handler(db_, BusyHandler, &busy_);
  sqlite3_extended_result_codes(db_, 1);
  CAIRN_RETURN_IF_ERROR(Exec(db_, "PRAGMA foreign_keys = ON"));
  // Whether the file is a Cairn store is decided before anything is written
  // to it: a foreign SQLite file is refused as it was found (not switched to
  // WAL mode).
  int64_t version = 0;
  CAIRN_RETURN_IF_ERROR(CheckIsCairn(path, &version));
  const auto latest = static_cast<int64_t>(internal::Migrations().size());
  if (read_only_) {
    if (version < latest) {
      return Status::Unsupported(path + ": store schema version " + std::to_string(version) +
                                 " must be migrated first (run a writing command such as "
                                 "`cairn ingest` once)");
    }
    return Status::OK();
  }
  Status st = Exec(db_, "PRAGMA journal_mode = WAL");
  if (!st.ok()) return Status::IOError(path + ": cannot switch to WAL mode: " + st.message());
  // NORMAL is durable in WAL mode except for the last commits before a power
  // loss; a 32 MB page cache keeps FTS5 segment merges in memory.
  CAIRN_RETURN_IF_ERROR(Exec(db_, "PRAGMA synchronous = NORMAL"));
  CAIRN_RETURN_IF_ERROR(Exec(db_, kCacheSize));
  // A store at the latest version takes no write lock to open (a search
  // during another process's ingest does not wait for it).
  if (version == latest) return Status::OK();
  return Migrate(path);
}

Status SqliteStore::CheckIsCairn(const std::string& path, int64_t* version) {
  Status st;
  {
    CAIRN_ASSIGN_STMT(ver, db_, "PRAGMA user_version");
    *version = ver.Step(&st) ? ver.Int(0) : 0;
  }
  if (!st.ok()) {
    if (st.code() == Status::Code::kCorruption) {
      return Status::Corruption(path + ": not a Cairn store (" + st.message() + ")");
    }
    return Status::IOError(path + ": cannot read the store: " + st.message());
  }
  CAIRN_ASSIGN_STMT(app, db_, "PRAGMA application_id");
  int64_t app_id = app.Step(&st) ? app.Int(0) : 0;
  CAIRN_RETURN_IF_ERROR(st);
  if (*version == 0) {
    // A fresh file, or an SQLite database that some other program made.
    CAIRN_ASSIGN_STMT(count, db_, "SELECT count(*) FROM sqlite_schema");
    int64_t objects = count.Step(&st) ? count.Int(0) : 0;
    CAIRN_RETURN_IF_ERROR(st);
    if (objects > 0) {
      // Another process may have created the store between the two reads (its schema and
      // version commit together): read the version again before calling the file foreign.
      CAIRN_ASSIGN_STMT(again, db_, "PRAGMA user_version");
      *version = again.Step(&st) ? again.Int(0) : 0;
      CAIRN_RETURN_IF_ERROR(st);
      CAIRN_ASSIGN_STMT(app_again, db_, "PRAGMA application_id");
      app_id = app_again.Step(&st) ? app_again.Int(0) : 0;
      CAIRN_RETURN_IF_ERROR(st);
      if (*version == 0 || app_id != internal::kApplicationId) {
        return Status::Corruption(path + ": an SQLite database but not a Cairn store");
      }
    } else if (read_only_) {
      return Status::NotFound(path + ": an empty file, not a Cairn store yet");
    }
  } else if (app_id != internal::kApplicationId) {
    return Status::Corruption(path + ": an SQLite database but not a Cairn store");
  }
  const auto latest = static_cast<int64_t>(internal::Migrations().size());
  if (*version > latest) {
    return Status::Unsupported(path + ": store schema version " + std::to_string(*version) +
                               " is newer than this cairn understands (" +
                               std::to_string(latest) + ")");
  }
  return Status::OK();
}

Status SqliteStore::Migrate(const std::string& path) {
  auto migrations = internal::Migrations();
  // Each migration in its own transaction; the version is read again inside
  // it, so two processes opening a new store at once migrate it once.
  for (;;) {
    Transaction tx(db_, /*nested=*/false);
    CAIRN_RETURN_IF_ERROR(tx.Begin());
    int64_t version = 0;
    CAIRN_RETURN_IF_ERROR(CheckIsCairn(path, &version));
    if (version >= static_cast<int64_t>(migrations.size())) return tx.Commit();
    const auto i = static_cast<size_t>(version);
    Status m = Exec(db_, migrations[i]);
    if (!m.ok()) {
      return Status::Internal(path + ": schema migration " + std::to_string(i + 1) +
                              " failed: " + m.message());
    }
    std::string pragmas = "PRAGMA application_id = " + std::to_string(internal::kApplicationId) +
                          "; PRAGMA user_version = " + std::to_string(i + 1) + ";";
    CAIRN_RETURN_IF_ERROR(Exec(db_, pragmas.c_str()));
    CAIRN_RETURN_IF_ERROR(tx.Commit());
  }
}

Result<int64_t> SqliteStore::StateValue(const char* name) {
  CAIRN_ASSIGN_STMT(q, db_, "SELECT value FROM store_state WHERE name = ?1");
  q.Bind(1, std::string_view(name));
  Status st;
  int64_t v = q.Step(&st) ? q.Int(0) : 0;
  CAIRN_RETURN_IF_ERROR(st);
  return v;
}

Status SqliteStore::BumpGeneration() {
  CAIRN_ASSIGN_STMT(s, db_, "UPDATE store_state SET value = value + 1 WHERE name = 'generation'");
  return s.Run();
}

Status SqliteStore::MapForReading(uint64_t bytes) {
  const std::string sql = "PRAGMA mmap_size = " + std::to_string(bytes);
  return Exec(db_, sql.c_str());
}

Result<uint64_t> SqliteStore::Generation() {
  auto v = StateValue("generation");
  if (!v.ok()) return v.status();
  return static_cast<uint64_t>(*v);
}

Result<bool> SqliteStore::FactsStale() {
  auto g = StateValue("generation");
  if (!g.ok()) return g.status();
  auto r = StateValue("resolved_generation");
  if (!r.ok()) return r.status();
  return *g != *r;
}

Status SqliteStore::BeginRead() {
  if (batch_) return Status::InvalidArgument("a read snapshot cannot be opened inside a batch");
  if (reading_) return Status::OK();
  CAIRN_RETURN_IF_ERROR(Exec(db_, "BEGIN"));
  reading_ = true;
  // A deferred transaction takes its snapshot at its first read.
  auto g = StateValue("generation");
  if (!g.ok()) {
    EndRead();
    return g.status();
  }
  return Status::OK();
}

Status SqliteStore::EndRead() {
  if (!reading_) return Status::OK();
  reading_ = false;
  if (sqlite3_get_autocommit(db_)) return Status::OK();
  return Exec(db_, "COMMIT");
}

Result<int64_t> SqliteStore::DocByKey(const std::string& key, bool claim) {
  Status st;
  {
    CAIRN_ASSIGN_STMT(q, db_, "SELECT id FROM documents WHERE key = ?1");
    q.Bind(1, key);
    if (q.Step(&st)) return q.Int(0);
    CAIRN_RETURN_IF_ERROR(st);
  }
  // Stored before documents had keys: known by base name only.
  const std::string base = std::filesystem::path(key).filename().string();
  CAIRN_ASSIGN_STMT(legacy, db_, "SELECT id FROM documents WHERE key IS NULL AND name = ?1");
  legacy.Bind(1, base.empty() ? key : base);
  if (!legacy.Step(&st)) {
    CAIRN_RETURN_IF_ERROR(st);
    return int64_t{0};
  }
  const int64_t n = legacy.Int(0);
  if (claim) {
    legacy.Reset();
    CAIRN_ASSIGN_STMT(upd, db_, "UPDATE documents SET key = ?2 WHERE id = ?1");
    CAIRN_RETURN_IF_ERROR(upd.Bind(1, n).Bind(2, key).Run());
  }
  return n;
}

Result<std::string> SqliteStore::UniqueName(const std::string& name, const std::string& key,
                                            int64_t self) {
  CAIRN_ASSIGN_STMT(q, db_, "SELECT id FROM documents WHERE name = ?1 AND id <> ?2");
  auto taken = [&](const std::string& candidate) -> Result<bool> {
    q.Reset();
    q.Bind(1, candidate).Bind(2, self);
    Status st;
    bool found = q.Step(&st);
    CAIRN_RETURN_IF_ERROR(st);
    return found;
  };
  auto t = taken(name);
  if (!t.ok()) return t.status();
  if (!*t) return name;
  // Longer and longer tails of the path: "case02/transcript.txt", ...
  std::vector<std::string> parts;
  for (const auto& part : std::filesystem::path(key)) {
    if (!part.empty() && part != "/") parts.push_back(part.string());
  }
  for (size_t k = 2; k <= parts.size(); ++k) {
    std::string candidate;
    for (size_t i = parts.size() - k; i < parts.size(); ++i) {
      if (!candidate.empty()) candidate += '/';
      candidate += parts[i];
    }
    auto tk = taken(candidate);
    if (!tk.ok()) return tk.status();
    if (!*tk && candidate.size() >= name.size()) return candidate;
  }
  return key;
}

Result<PutOutcome> SqliteStore::Probe(std::string_view path, std::string_view sha256,
                                      std::string* id) {
  auto n = DocByKey(std::string(path), /*claim=*/false);
  if (!n.ok()) return n.status();
  if (*n == 0) return PutOutcome::kNew;
  CAIRN_ASSIGN_STMT(q, db_,
                    "SELECT v.sha256 FROM documents d JOIN versions v "
                    "ON v.doc = d.id AND v.version = d.version WHERE d.id = ?1");
  q.Bind(1, *n);
  Status st;
  if (!q.Step(&st)) {
    CAIRN_RETURN_IF_ERROR(st);
    return PutOutcome::kNew;
  }
  if (q.Text(0) != sha256) return PutOutcome::kNewVersion;
  if (id != nullptr) *id = DocId(*n);
  return PutOutcome::kUnchanged;
}

Result<PutOutcome> SqliteStore::Put(Document* doc) { return PutDocument(doc, nullptr); }

Result<PutOutcome> SqliteStore::PutStreaming(Document* doc, const Produce& produce) {
  return PutDocument(doc, &produce);
}

// Writes the pieces PutStreaming's `produce` hands over, numbering each
// table's rows on; remembers the first failed write.
class SqliteStore::PieceWriter final : public AnnotationWriter {
 public:
  PieceWriter(SqliteStore* store, int64_t doc) : store_(store), doc_(doc) {}
  Status Append(const Document& part) override {
    if (!failed_.ok()) return failed_;
    Status st = store_->WriteMentions(doc_, part.mentions, mentions_);
    if (st.ok()) st = store_->WriteTimexes(doc_, part.timexes, timexes_);
    if (st.ok()) st = store_->WriteEvents(doc_, part.events, events_);
    mentions_ += part.mentions.size();
    timexes_ += part.timexes.size();
    events_ += part.events.size();
    failed_ = st;
    return st;
  }
  const Status& failed() const { return failed_; }

 private:
  SqliteStore* store_;
  int64_t doc_;
  size_t mentions_ = 0, timexes_ = 0, events_ = 0;
  Status failed_;
};

Result<PutOutcome> SqliteStore::PutDocument(Document* doc, const Produce* produce) {
  if (doc->name.empty()) return Status::InvalidArgument("document has no name");
  if (doc->text.size() > static_cast<size_t>(INT32_MAX)) {
    return Status::InvalidArgument(doc->name + ": text too large to store");
  }
  // A long document's pages are written once and not read again by this
  // write: past a small cache they spill to the WAL instead of filling the
  // whole cache beside the document. (Small documents keep the whole cache:
  // a group's text stays in it until its commit indexes it.)
  const bool long_text = doc->text.size() >= kLongText;
  if (long_text) CAIRN_RETURN_IF_ERROR(Exec(db_, kSmallCacheSize));
  Result<PutOutcome> put = WriteWhole(doc, produce);
  if (long_text) {
    Status st = Exec(db_, kCacheSize);
    if (!st.ok() && put.ok()) return st;
  }
  return put;
}

Result<PutOutcome> SqliteStore::WriteWhole(Document* doc, const Produce* produce) {
  Transaction tx(db_, batch_);
  CAIRN_RETURN_IF_ERROR(tx.Begin());
  int64_t n = 0;
  PutOutcome outcome = PutOutcome::kNew;
  bool indexed = true;
  Status st = WriteDocument(doc, &n, &outcome, &indexed);
  if (st.ok() && outcome != PutOutcome::kUnchanged) {
    if (produce == nullptr) {
      st = WriteAnnotations(n, *doc);
    } else {
      // The pieces first, then the segmentation and entities the producer
      // completed meanwhile. A failure of its own (not a write's) is
      // returned as it is, after the savepoint's rollback.
      PieceWriter pieces(this, n);
      st = (*produce)(pieces);
      if (!st.ok() && pieces.failed().ok()) return CheckBatchAlive(st);
      if (st.ok()) st = WriteSegmentation(n, *doc);
      if (st.ok()) st = WriteEntities(n, doc->entities);
    }
  }
  // In the same transaction as the document: its facts are now pending.
  if (st.ok() && outcome != PutOutcome::kUnchanged) st = BumpGeneration();
  if (st.ok()) st = tx.Commit();
  if (st.ok() && outcome != PutOutcome::kUnchanged && !indexed) fts_pending_.insert(n);
  if (!st.ok()) {
    Status named = st.code() == Status::Code::kInvalidArgument
                       ? Status::InvalidArgument(doc->name + ": " + st.message())
                       : Status::IOError(doc->name + ": " + st.message());
    return CheckBatchAlive(named);
  }
  doc->id = DocId(n);
  return outcome;
}

Status SqliteStore::WriteDocument(Document* doc, int64_t* doc_num, PutOutcome* outcome,
                                  bool* indexed) {
  Status st;
  const std::string key = doc->path.empty() ? doc->name : doc->path;
  auto known = DocByKey(key, /*claim=*/true);
  if (!known.ok()) return known.status();
  if (*known == 0) {
    // A new path holding the bytes of a document whose file is gone: moved.
    CAIRN_ASSIGN_STMT(same, db_,
                      "SELECT d.id, d.key FROM documents d JOIN versions v ON v.doc = d.id "
                      "AND v.version = d.version WHERE v.sha256 = ?1 AND d.key IS NOT NULL "
                      "ORDER BY d.id");
    same.Bind(1, doc->sha256);
    int64_t moved = 0;
    while (moved == 0 && same.Step(&st)) {
      const std::string old_key = same.Text(1);
      std::error_code ec;
      if (!old_key.empty() && old_key[0] == '/' && !std::filesystem::exists(old_key, ec) && !ec)
        moved = same.Int(0);
    }
    CAIRN_RETURN_IF_ERROR(st);
    same.Reset();
    if (moved != 0) {
      auto name = UniqueName(doc->name, key, moved);
      if (!name.ok()) return name.status();
      CAIRN_ASSIGN_STMT(upd, db_,
                        "UPDATE documents SET key = ?2, path = ?2, name = ?3 WHERE id = ?1");
      CAIRN_RETURN_IF_ERROR(upd.Bind(1, moved).Bind(2, key).Bind(3, *name).Run());
      doc->name = *name;
      *doc_num = moved;
      *outcome = PutOutcome::kUnchanged;
      return Status::OK();
    }
  }
  CAIRN_ASSIGN_STMT(find, db_,
                    "SELECT d.id, d.version, v.sha256, v.title, v.text FROM documents d "
                    "JOIN versions v ON v.doc = d.id AND v.version = d.version WHERE d.id = ?1");
  find.Bind(1, *known);
  int64_t version = 1;
  if (*known != 0 && find.Step(&st)) {
    *doc_num = find.Int(0);
    if (find.Text(2) == doc->sha256) {
      *outcome = PutOutcome::kUnchanged;
      return Status::OK();
    }
    *outcome = PutOutcome::kNewVersion;
    version = find.Int(1) + 1;
    CAIRN_RETURN_IF_ERROR(UnindexOld(*doc_num, find.Text(3), find.Text(4)));
    static constexpr const char* kDerived[] = {"segmentation",   "paragraphs",     "sentences",
                                               "mentions",       "local_entities", "timexes",
                                               "event_mentions", "entity_links",   "document_layout"};
    for (const char* table : kDerived) {
      CAIRN_ASSIGN_STMT(clear, db_, std::string("DELETE FROM ") + table + " WHERE doc = ?1");
      CAIRN_RETURN_IF_ERROR(clear.Bind(1, *doc_num).Run());
    }
    CAIRN_ASSIGN_STMT(upd, db_, "UPDATE documents SET version = ?2, path = ?3 WHERE id = ?1");
    CAIRN_RETURN_IF_ERROR(upd.Bind(1, *doc_num).Bind(2, version).Bind(3, doc->path).Run());
  } else {
    CAIRN_RETURN_IF_ERROR(st);
    *outcome = PutOutcome::kNew;
    auto name = UniqueName(doc->name, key, 0);
    if (!name.ok()) return name.status();
    doc->name = *name;
    CAIRN_ASSIGN_STMT(ins, db_,
                      "INSERT INTO documents(name, path, version, key) VALUES(?1, ?2, 1, ?3)");
    CAIRN_RETURN_IF_ERROR(ins.Bind(1, doc->name).Bind(2, doc->path).Bind(3, key).Run());
    *doc_num = sqlite3_last_insert_rowid(db_);
  }
  CAIRN_ASSIGN_STMT(ver, db_,
                    "INSERT INTO versions(doc, version, sha256, title, date, author, language, "
                    "format, encoding, text, sections, parts) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  ver.Bind(1, *doc_num).Bind(2, version).Bind(3, doc->sha256).Bind(4, doc->title);
  ver.Bind(5, doc->date).Bind(6, doc->author).Bind(7, doc->language).Bind(8, doc->format);
  // Bound without a copy. SQLite still builds the row in memory, so a long
  // text goes in as zeros (the row's last column, kept unexpanded) and is
  // then written over in pieces.
  const bool long_text = doc->text.size() >= kLongText;
  ver.Bind(9, doc->encoding);
  if (long_text) {
    ver.BindZeroBlob(10, doc->text.size());
  } else {
    ver.BindStatic(10, doc->text);
  }
  ver.Bind(11, Dump(SectionsJson(doc->sections))).Bind(12, Dump(PartsJson(doc->parts)));
  CAIRN_RETURN_IF_ERROR(ver.Run());
  if (!doc->pages.empty() || !doc->parent.empty() || !doc->recipients.empty()) {
    CAIRN_ASSIGN_STMT(layout, db_,
                      "INSERT OR REPLACE INTO document_layout(doc, pages, parent, recipients) "
                      "VALUES(?1, ?2, ?3, ?4)");
    layout.Bind(1, *doc_num).Bind(2, Dump(PagesJson(doc->pages))).Bind(3, doc->parent);
    CAIRN_RETURN_IF_ERROR(layout.Bind(4, Dump(json(doc->recipients))).Run());
  }
  if (long_text) {
    CAIRN_RETURN_IF_ERROR(
        internal::WriteBlob(db_, "versions", "text", sqlite3_last_insert_rowid(db_), doc->text));
    *indexed = true;
    return IndexPassages(*doc_num, *doc);
  }
  *indexed = !batch_;
  if (batch_) return Status::OK();  // indexed when the batch commits (IndexPending)
  CAIRN_ASSIGN_STMT(fts, db_, "INSERT INTO fts(rowid, title, text) VALUES(?1, ?2, ?3)");
  return fts.Bind(1, *doc_num).Bind(2, doc->title).BindStatic(3, doc->text).Run();
}

Status SqliteStore::IndexPassages(int64_t n, const Document& doc) {
  const auto passages = SplitPassages(doc.text, kPassageBytes);
  if (passages.size() >= (size_t{1} << kPassageBits)) {
    return Status::InvalidArgument("text too long to index");
  }
  CAIRN_ASSIGN_STMT(row, db_,
                    "INSERT INTO passages(fts_rowid, doc, begin_byte, end_byte) "
                    "VALUES(?1, ?2, ?3, ?4)");
  CAIRN_ASSIGN_STMT(fts, db_, "INSERT INTO fts(rowid, title, text) VALUES(?1, ?2, ?3)");
  for (size_t k = 0; k < passages.size(); ++k) {
    const auto [b, e] = passages[k];
    const int64_t rowid = PassageRowid(n, k);
    row.Reset();
    row.Bind(1, rowid).Bind(2, n).Bind(3, static_cast<int64_t>(b)).Bind(4, static_cast<int64_t>(e));
    CAIRN_RETURN_IF_ERROR(row.Run());
    // The title goes with the first passage, as current_text gives it.
    fts.Reset();
    fts.Bind(1, rowid).Bind(2, k == 0 ? std::string_view(doc.title) : std::string_view());
    CAIRN_RETURN_IF_ERROR(fts.BindStatic(3, std::string_view(doc.text).substr(b, e - b)).Run());
  }
  return Status::OK();
}

Status SqliteStore::UnindexOld(int64_t n, std::string_view title, std::string_view text) {
  // The external-content index must be told each old row's exact values; an
  // old version stored earlier in this batch is not indexed yet.
  if (fts_pending_.contains(n)) return Status::OK();
  CAIRN_ASSIGN_STMT(del, db_,
                    "INSERT INTO fts(fts, rowid, title, text) VALUES('delete', ?1, ?2, ?3)");
  CAIRN_ASSIGN_STMT(old, db_,
                    "SELECT fts_rowid, begin_byte, end_byte FROM passages WHERE doc = ?1");
  old.Bind(1, n);
  Status st;
  bool passages = false;
  while (old.Step(&st)) {
    passages = true;
    const auto b = static_cast<size_t>(old.Int(1)), e = static_cast<size_t>(old.Int(2));
    if (e > text.size() || b >= e) return Status::Corruption("a passage lies outside its text");
    del.Reset();
    del.Bind(1, old.Int(0)).Bind(2, b == 0 ? title : std::string_view());
    CAIRN_RETURN_IF_ERROR(del.BindStatic(3, text.substr(b, e - b)).Run());
  }
  CAIRN_RETURN_IF_ERROR(st);
  if (passages) {
    CAIRN_ASSIGN_STMT(clear, db_, "DELETE FROM passages WHERE doc = ?1");
    return clear.Bind(1, n).Run();
  }
  return del.Bind(1, n).Bind(2, title).BindStatic(3, text).Run();
}

Status SqliteStore::IndexPending() {
  if (fts_pending_.empty()) return Status::OK();
  std::string ids = "[";
  for (int64_t id : fts_pending_) {
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(id);
  }
  ids += ']';
  fts_pending_.clear();
  CAIRN_ASSIGN_STMT(fts, db_,
                    "INSERT INTO fts(rowid, title, text) SELECT doc_id, title, text "
                    "FROM current_text WHERE doc_id IN (SELECT value FROM json_each(?1))");
  return fts.Bind(1, ids).Run();
}

Status SqliteStore::WriteAnnotations(int64_t n, const Document& doc) {
  CAIRN_RETURN_IF_ERROR(WriteSegmentation(n, doc));
  CAIRN_RETURN_IF_ERROR(WriteMentions(n, doc.mentions, 0));
  CAIRN_RETURN_IF_ERROR(WriteEntities(n, doc.entities));
  CAIRN_RETURN_IF_ERROR(WriteTimexes(n, doc.timexes, 0));
  return WriteEvents(n, doc.events, 0);
}

Status SqliteStore::WriteSegmentation(int64_t n, const Document& doc) {
  {
    std::string pb, sb;
    pb.reserve(doc.paragraphs.size() * 8);
    for (const Paragraph& p : doc.paragraphs) AppendU32(&pb, {p.span.begin, p.span.end});
    sb.reserve(doc.sentences.size() * 20);
    for (const Sentence& x : doc.sentences) {
      AppendU32(&sb, {x.span.begin, x.span.end, x.first_token, x.end_token, x.paragraph});
    }
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO segmentation(doc, paragraphs, sentences) VALUES(?1, ?2, ?3)");
    s.Bind(1, n).BindBlob(2, pb.data(), pb.size(), /*keep=*/true);
    // The sentences, the row's last column, go in as zeros and are written
    // over in pieces when long, like a long text.
    const bool long_blob = sb.size() >= kLongText;
    if (long_blob) {
      s.BindZeroBlob(3, sb.size());
    } else {
      s.BindBlob(3, sb.data(), sb.size(), /*keep=*/true);
    }
    CAIRN_RETURN_IF_ERROR(s.Run());
    if (long_blob)
      CAIRN_RETURN_IF_ERROR(internal::WriteBlob(db_, "segmentation", "sentences", n, sb));
  }
  return Status::OK();
}

Status SqliteStore::WriteMentions(int64_t n, const std::vector<Mention>& mentions,
                                  size_t first) {
  {
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO mentions(doc, idx, type, begin_byte, end_byte, sentence, "
                      "entity, surname, given, gazetteer, partial) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (size_t i = 0; i < mentions.size(); ++i) {
      const Mention& m = mentions[i];
      s.Reset();
      s.Bind(1, n).Bind(2, static_cast<int64_t>(first + i)).Bind(3, static_cast<int64_t>(m.type));
      s.Bind(4, int64_t{m.span.begin}).Bind(5, int64_t{m.span.end}).Bind(6, int64_t{m.sentence});
      s.Bind(7, int64_t{m.entity}).Bind(8, m.surname).Bind(9, m.given);
      CAIRN_RETURN_IF_ERROR(s.Bind(10, int64_t{m.gazetteer}).Bind(11, int64_t{m.partial}).Run());
    }
  }
  return Status::OK();
}

Status SqliteStore::WriteEntities(int64_t n, const std::vector<LocalEntity>& entities) {
  {
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO local_entities(doc, idx, type, name, aliases, mentions, "
                      "country, place_kind, lat, lon, gazetteer, is_author, is_topic, protected) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    for (size_t i = 0; i < entities.size(); ++i) {
      const LocalEntity& e = entities[i];
      s.Reset();
      s.Bind(1, n).Bind(2, static_cast<int64_t>(i)).Bind(3, static_cast<int64_t>(e.type));
      s.Bind(4, e.name).Bind(5, Dump(json(e.aliases))).Bind(6, Dump(json(e.mentions)));
      s.Bind(7, e.country).Bind(8, e.place_kind).Bind(9, e.lat).Bind(10, e.lon);
      s.Bind(11, int64_t{e.gazetteer}).Bind(12, int64_t{e.is_author}).Bind(13, int64_t{e.is_topic});
      CAIRN_RETURN_IF_ERROR(s.Bind(14, int64_t{e.protected_identity}).Run());
    }
  }
  return Status::OK();
}

Status SqliteStore::WriteTimexes(int64_t n, const std::vector<Timex>& timexes, size_t first) {
  {
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO timexes(doc, idx, kind, begin_byte, end_byte, sentence, "
                      "earliest, latest, date_text, precision, age_years, duration_days, anchored) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    for (size_t i = 0; i < timexes.size(); ++i) {
      const Timex& t = timexes[i];
      s.Reset();
      s.Bind(1, n).Bind(2, static_cast<int64_t>(first + i)).Bind(3, static_cast<int64_t>(t.kind));
      s.Bind(4, int64_t{t.span.begin}).Bind(5, int64_t{t.span.end}).Bind(6, int64_t{t.sentence});
      BindInterval(s, 7, t.value);
      s.Bind(11, int64_t{t.age_years}).Bind(12, int64_t{t.duration_days});
      CAIRN_RETURN_IF_ERROR(s.Bind(13, int64_t{t.anchored}).Run());
    }
  }
  return Status::OK();
}

Status SqliteStore::WriteEvents(int64_t n, const std::vector<EventMention>& events,
                                size_t first) {
  {
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO event_mentions(doc, idx, type, subject, earliest, latest, "
                      "date_text, precision, place, from_entity, to_entity, via, object, detail, "
                      "quote_begin, quote_end, sentence, attributed_to, hedged, trigger_word) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                      "?16, ?17, ?18, ?19, ?20)");
    for (size_t i = 0; i < events.size(); ++i) {
      const EventMention& e = events[i];
      s.Reset();
      s.Bind(1, n).Bind(2, static_cast<int64_t>(first + i)).Bind(3, e.type).Bind(4, int64_t{e.subject});
      BindInterval(s, 5, e.date);
      s.Bind(9, int64_t{e.place}).Bind(10, int64_t{e.from}).Bind(11, int64_t{e.to});
      s.Bind(12, int64_t{e.via}).Bind(13, int64_t{e.object}).Bind(14, e.detail);
      s.Bind(15, int64_t{e.quote.begin}).Bind(16, int64_t{e.quote.end});
      s.Bind(17, int64_t{e.sentence}).Bind(18, int64_t{e.attributed_to});
      CAIRN_RETURN_IF_ERROR(s.Bind(19, int64_t{e.hedged}).Bind(20, e.trigger).Run());
    }
  }
  return Status::OK();
}

constexpr const char kInfoSelect[] =
    "SELECT d.id, d.name, d.path, d.version, v.sha256, v.title, v.date, v.author, v.language, "
    "v.format, length(CAST(v.text AS BLOB)), "
    "EXISTS(SELECT 1 FROM local_entities e WHERE e.doc = d.id) OR "
    "EXISTS(SELECT 1 FROM event_mentions m WHERE m.doc = d.id), "
    "COALESCE(json_array_length(l.pages), 0), COALESCE(l.parent, '') FROM documents d "
    "JOIN versions v ON v.doc = d.id AND v.version = d.version "
    "LEFT JOIN document_layout l ON l.doc = d.id ";

DocumentInfo InfoAt(const Stmt& q) {
  DocumentInfo info;
  info.id = DocId(q.Int(0));
  info.name = q.Text(1);
  info.path = q.Text(2);
  info.version = static_cast<int>(q.Int(3));
  info.sha256 = q.Text(4);
  info.title = q.Text(5);
  info.date = q.OptInt(6);
  info.author = q.Text(7);
  info.language = q.Text(8);
  info.format = q.Text(9);
  info.text_bytes = static_cast<uint64_t>(q.Int(10));
  info.has_extraction = q.Int(11) != 0;
  info.pages = static_cast<int>(q.Int(12));
  info.parent = q.Text(13);
  return info;
}

Result<std::vector<DocumentInfo>> SqliteStore::QueryInfos(std::string_view where,
                                                          std::string_view arg) {
  std::string sql = std::string(kInfoSelect) + std::string(where) + " ORDER BY d.id";
  CAIRN_ASSIGN_STMT(q, db_, sql);
  if (!arg.empty()) q.Bind(1, arg);
  std::vector<DocumentInfo> out;
  Status st;
  while (q.Step(&st)) out.push_back(InfoAt(q));
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

Result<std::vector<DocumentInfo>> SqliteStore::ListDocuments() { return QueryInfos("", ""); }

Result<DocumentInfo> SqliteStore::FindDocument(std::string_view id_or_name) {
  if (id_or_name.empty()) return Status::InvalidArgument("empty document id or name");
  auto by_name = QueryInfos("WHERE d.name = ?1", id_or_name);
  if (!by_name.ok()) return by_name.status();
  if (!by_name->empty()) return by_name->front();
  auto by_key = QueryInfos("WHERE d.key = ?1", id_or_name);
  if (!by_key.ok()) return by_key.status();
  if (!by_key->empty()) return by_key->front();
  if (auto n = ParseDocId(id_or_name)) {
    auto by_id = QueryInfos("WHERE d.id = ?1", std::to_string(*n));
    if (!by_id.ok()) return by_id.status();
    if (!by_id->empty()) return by_id->front();
  }
  return Status::NotFound(std::string(id_or_name) + ": no such document in the store");
}

Result<Document> SqliteStore::Load(std::string_view id, Annotations what) {
  const bool with_annotations = what != Annotations::kNone;
  auto info = FindDocument(id);
  if (!info.ok()) return info.status();
  int64_t n = *ParseDocId(info->id);
  CAIRN_ASSIGN_STMT(q, db_,
                    "SELECT d.name, d.path, v.sha256, v.format, v.encoding, v.text, v.title, "
                    "v.date, v.author, v.language, v.sections, v.parts FROM documents d "
                    "JOIN versions v ON v.doc = d.id AND v.version = d.version WHERE d.id = ?1");
  q.Bind(1, n);
  Status st;
  if (!q.Step(&st)) {
    CAIRN_RETURN_IF_ERROR(st);
    return Status::NotFound(std::string(id) + ": no such document in the store");
  }
  Document doc;
  doc.id = info->id;
  doc.name = q.Text(0);
  doc.path = q.Text(1);
  doc.sha256 = q.Text(2);
  doc.format = q.Text(3);
  doc.encoding = q.Text(4);
  doc.text = q.Text(5);
  doc.title = q.Text(6);
  doc.date = q.OptInt(7);
  doc.author = q.Text(8);
  doc.language = q.Text(9);
  auto sections = ParseJson(q.Text(10), doc.name);
  if (!sections.ok()) return sections.status();
  doc.sections = SectionsFromJson(*sections);
  auto parts = ParseJson(q.Text(11), doc.name);
  if (!parts.ok()) return parts.status();
  doc.parts = PartsFromJson(*parts);
  q.Reset();  // SQLite's own copy of a long text is freed before the annotations load
  {
    CAIRN_ASSIGN_STMT(layout, db_,
                      "SELECT pages, parent, recipients FROM document_layout WHERE doc = ?1");
    layout.Bind(1, n);
    if (layout.Step(&st)) {
      auto pages = ParseJson(layout.Text(0), doc.name);
      if (!pages.ok()) return pages.status();
      doc.pages = PagesFromJson(*pages);
      doc.parent = layout.Text(1);
      auto to = ParseJson(layout.Text(2), doc.name);
      if (!to.ok()) return to.status();
      if (to->is_array()) {
        for (const json& r : *to) {
          if (r.is_string()) doc.recipients.push_back(r.get<std::string>());
        }
      }
    }
    CAIRN_RETURN_IF_ERROR(st);
  }

  CAIRN_ASSIGN_STMT(seg, db_, "SELECT paragraphs, sentences FROM segmentation WHERE doc = ?1");
  seg.Bind(1, n);
  if (seg.Step(&st)) {
    {
      std::vector<uint32_t> paras = UnpackU32(seg.Blob(0)), sents = UnpackU32(seg.Blob(1));
      if (paras.size() % 2 != 0 || sents.size() % 5 != 0) {
        return Status::Corruption(doc.name + ": damaged segmentation record");
      }
      doc.paragraphs.reserve(paras.size() / 2);
      for (size_t i = 0; i < paras.size(); i += 2)
        doc.paragraphs.push_back(Paragraph{{paras[i], paras[i + 1]}});
      doc.sentences.reserve(sents.size() / 5);
      for (size_t i = 0; i < sents.size(); i += 5) {
        doc.sentences.push_back(
            Sentence{{sents[i], sents[i + 1]}, sents[i + 2], sents[i + 3], sents[i + 4]});
      }
    }
    // The packed arrays and SQLite's copy of the row are freed before the
    // annotations load (a long document's are a few MB).
    seg.Reset();
    if (with_annotations) CAIRN_RETURN_IF_ERROR(LoadAnnotations(n, what, &doc));
    return doc;
  }
  CAIRN_RETURN_IF_ERROR(st);
  // Stored before migration 2: one row per paragraph and per sentence.
  CAIRN_ASSIGN_STMT(pq, db_,
                    "SELECT begin_byte, end_byte FROM paragraphs WHERE doc = ?1 ORDER BY idx");
  pq.Bind(1, n);
  while (pq.Step(&st)) {
    doc.paragraphs.push_back(
        Paragraph{{static_cast<uint32_t>(pq.Int(0)), static_cast<uint32_t>(pq.Int(1))}});
  }
  CAIRN_RETURN_IF_ERROR(st);
  CAIRN_ASSIGN_STMT(sq, db_,
                    "SELECT begin_byte, end_byte, first_token, end_token, paragraph "
                    "FROM sentences WHERE doc = ?1 ORDER BY idx");
  sq.Bind(1, n);
  while (sq.Step(&st)) {
    Sentence s;
    s.span = {static_cast<uint32_t>(sq.Int(0)), static_cast<uint32_t>(sq.Int(1))};
    s.first_token = static_cast<uint32_t>(sq.Int(2));
    s.end_token = static_cast<uint32_t>(sq.Int(3));
    s.paragraph = static_cast<uint32_t>(sq.Int(4));
    doc.sentences.push_back(s);
  }
  CAIRN_RETURN_IF_ERROR(st);
  if (with_annotations) CAIRN_RETURN_IF_ERROR(LoadAnnotations(n, what, &doc));
  return doc;
}

Result<size_t> SqliteStore::RowCount(const char* table, int64_t n) {
  // idx runs 0..count-1: the largest is found in the primary key's index.
  CAIRN_ASSIGN_STMT(
      q, db_, std::string("SELECT COALESCE(MAX(idx) + 1, 0) FROM ") + table + " WHERE doc = ?1");
  q.Bind(1, n);
  Status st;
  if (!q.Step(&st)) {
    CAIRN_RETURN_IF_ERROR(st);
    return size_t{0};
  }
  return static_cast<size_t>(std::max<int64_t>(0, q.Int(0)));
}

Status SqliteStore::LoadAnnotations(int64_t n, Annotations what, Document* doc) {
  Status st;
  // For resolution, the original index of each mention loaded, ascending:
  // the entities' mention lists are mapped onto the loaded ones.
  std::vector<uint32_t> loaded_idx;
  const bool for_resolution = what == Annotations::kForResolution;
  {
    // Resolution reads a mention only for its name split; a large document
    // holds a mention every few dozen bytes, most of them without one.
    if (for_resolution) {
      CAIRN_ASSIGN_STMT(c, db_,
                        "SELECT count(*) FROM mentions WHERE doc = ?1 "
                        "AND (surname <> '' OR given <> '')");
      c.Bind(1, n);
      if (c.Step(&st)) doc->mentions.reserve(static_cast<size_t>(std::max<int64_t>(0, c.Int(0))));
      CAIRN_RETURN_IF_ERROR(st);
      loaded_idx.reserve(doc->mentions.capacity());
    } else {
      auto count = RowCount("mentions", n);
      if (!count.ok()) return count.status();
      doc->mentions.reserve(*count);
    }
    CAIRN_ASSIGN_STMT(q, db_,
                      for_resolution
                          ? "SELECT type, begin_byte, end_byte, sentence, entity, surname, given, "
                            "gazetteer, partial, idx FROM mentions WHERE doc = ?1 "
                            "AND (surname <> '' OR given <> '') ORDER BY idx"
                          : "SELECT type, begin_byte, end_byte, sentence, entity, surname, given, "
                            "gazetteer, partial, idx FROM mentions WHERE doc = ?1 ORDER BY idx");
    q.Bind(1, n);
    while (q.Step(&st)) {
      Mention m;
      m.type = EntityTypeAt(q, 0);
      m.span = {static_cast<uint32_t>(q.Int(1)), static_cast<uint32_t>(q.Int(2))};
      m.sentence = static_cast<uint32_t>(q.Int(3));
      m.entity = static_cast<int32_t>(q.Int(4));
      m.surname = q.Text(5);
      m.given = q.Text(6);
      m.gazetteer = static_cast<int32_t>(q.Int(7));
      m.partial = q.Int(8) != 0;
      doc->mentions.push_back(std::move(m));
      if (for_resolution) loaded_idx.push_back(static_cast<uint32_t>(q.Int(9)));
    }
    CAIRN_RETURN_IF_ERROR(st);
  }
  {
    auto count = RowCount("local_entities", n);
    if (!count.ok()) return count.status();
    doc->entities.reserve(*count);
    CAIRN_ASSIGN_STMT(q, db_,
                      "SELECT type, name, aliases, mentions, country, place_kind, lat, lon, "
                      "gazetteer, is_author, is_topic, protected FROM local_entities "
                      "WHERE doc = ?1 ORDER BY idx");
    q.Bind(1, n);
    while (q.Step(&st)) {
      LocalEntity e;
      e.type = EntityTypeAt(q, 0);
      e.name = q.Text(1);
      auto aliases = ParseJson(q.Text(2), doc->name);
      if (!aliases.ok()) return aliases.status();
      e.aliases = StringList(*aliases);
      auto mentions = ParseJson(q.Text(3), doc->name);
      if (!mentions.ok()) return mentions.status();
      if (mentions->is_array()) e.mentions.reserve(mentions->size());
      for (const json& m : *mentions) {
        if (!m.is_number_unsigned()) continue;
        uint32_t mi = m.get<uint32_t>();
        if (for_resolution) {
          auto at = std::lower_bound(loaded_idx.begin(), loaded_idx.end(), mi);
          mi = at != loaded_idx.end() && *at == mi ? static_cast<uint32_t>(at - loaded_idx.begin())
                                                   : kNoMention;
        }
        e.mentions.push_back(mi);
      }
      e.country = q.Text(4);
      e.place_kind = q.Text(5);
      e.lat = q.OptReal(6);
      e.lon = q.OptReal(7);
      e.gazetteer = static_cast<int32_t>(q.Int(8));
      e.is_author = q.Int(9) != 0;
      e.is_topic = q.Int(10) != 0;
      e.protected_identity = q.Int(11) != 0;
      doc->entities.push_back(std::move(e));
    }
    CAIRN_RETURN_IF_ERROR(st);
  }
  if (for_resolution) KeepFirstNameSplits(doc);
  {
    auto count = RowCount("event_mentions", n);
    if (!count.ok()) return count.status();
    doc->events.reserve(*count);
    CAIRN_ASSIGN_STMT(q, db_,
                      "SELECT type, subject, earliest, latest, date_text, precision, place, "
                      "from_entity, to_entity, via, object, detail, quote_begin, quote_end, "
                      "sentence, attributed_to, hedged, trigger_word FROM event_mentions "
                      "WHERE doc = ?1 ORDER BY idx");
    q.Bind(1, n);
    while (q.Step(&st)) {
      EventMention e;
      e.type = q.Text(0);
      e.subject = static_cast<int32_t>(q.Int(1));
      e.date = IntervalAt(q, 2);
      e.place = static_cast<int32_t>(q.Int(6));
      e.from = static_cast<int32_t>(q.Int(7));
      e.to = static_cast<int32_t>(q.Int(8));
      e.via = static_cast<int32_t>(q.Int(9));
      e.object = static_cast<int32_t>(q.Int(10));
      e.detail = q.Text(11);
      e.quote = {static_cast<uint32_t>(q.Int(12)), static_cast<uint32_t>(q.Int(13))};
      e.sentence = static_cast<uint32_t>(q.Int(14));
      e.attributed_to = static_cast<int32_t>(q.Int(15));
      e.hedged = q.Int(16) != 0;
      e.trigger = q.Text(17);
      doc->events.push_back(std::move(e));
    }
    CAIRN_RETURN_IF_ERROR(st);
  }
  {
    // Resolution reads a timex only in an event's sentence or quote (the
    // dates a claim's quote writes; how an age or relative date was
    // counted): the event mentions, loaded first, say which.
    std::vector<uint32_t> event_sentences;
    std::vector<Span> quotes;
    if (for_resolution) {
      for (const EventMention& e : doc->events) {
        event_sentences.push_back(e.sentence);
        if (!e.quote.empty()) quotes.push_back(e.quote);
      }
      std::sort(event_sentences.begin(), event_sentences.end());
      event_sentences.erase(std::unique(event_sentences.begin(), event_sentences.end()),
                            event_sentences.end());
      std::sort(quotes.begin(), quotes.end(),
                [](const Span& x, const Span& y) { return x.begin < y.begin; });
      size_t k = 0;  // overlapping quotes merged: a timex inside one is inside the union
      for (const Span& x : quotes) {
        if (k > 0 && x.begin <= quotes[k - 1].end) {
          quotes[k - 1].end = std::max(quotes[k - 1].end, x.end);
        } else {
          quotes[k++] = x;
        }
      }
      quotes.resize(k);
    }
    auto in_event_text = [&](const Timex& t) {
      if (std::binary_search(event_sentences.begin(), event_sentences.end(), t.sentence))
        return true;
      auto after = std::upper_bound(quotes.begin(), quotes.end(), t.span.begin,
                                    [](uint32_t off, const Span& x) { return off < x.begin; });
      return after != quotes.begin() && t.span.end <= std::prev(after)->end;
    };
    if (for_resolution) {  // a first pass over three numbers counts them
      CAIRN_ASSIGN_STMT(c, db_,
                        "SELECT sentence, begin_byte, end_byte FROM timexes WHERE doc = ?1");
      c.Bind(1, n);
      size_t kept = 0;
      while (c.Step(&st)) {
        Timex t;
        t.sentence = static_cast<uint32_t>(c.Int(0));
        t.span = {static_cast<uint32_t>(c.Int(1)), static_cast<uint32_t>(c.Int(2))};
        kept += in_event_text(t);
      }
      CAIRN_RETURN_IF_ERROR(st);
      doc->timexes.reserve(kept);
    } else {
      auto count = RowCount("timexes", n);
      if (!count.ok()) return count.status();
      doc->timexes.reserve(*count);
    }
    CAIRN_ASSIGN_STMT(q, db_,
                      "SELECT kind, begin_byte, end_byte, sentence, earliest, latest, date_text, "
                      "precision, age_years, duration_days, anchored FROM timexes "
                      "WHERE doc = ?1 ORDER BY idx");
    q.Bind(1, n);
    while (q.Step(&st)) {
      Timex t;
      int64_t kind = q.Int(0);
      t.kind = kind >= 0 && kind <= 3 ? static_cast<Timex::Kind>(kind) : Timex::Kind::kDate;
      t.span = {static_cast<uint32_t>(q.Int(1)), static_cast<uint32_t>(q.Int(2))};
      t.sentence = static_cast<uint32_t>(q.Int(3));
      t.value = IntervalAt(q, 4);
      t.age_years = static_cast<int>(q.Int(8));
      t.duration_days = static_cast<int>(q.Int(9));
      t.anchored = q.Int(10) != 0;
      if (for_resolution && !in_event_text(t)) continue;
      doc->timexes.push_back(std::move(t));
    }
    CAIRN_RETURN_IF_ERROR(st);
  }
  return Status::OK();
}

// Turns a person's plain words into a safe FTS5 query: every word becomes a
// quoted string (so punctuation, operators and quotes are never syntax), and
// all words must match. Words with no letter or digit are dropped; a trailing
// '*' on a word keeps its meaning as a prefix search.
}  // namespace

namespace {

// Space and every control byte separate words (a NUL would end FTS5's parse
// of a quoted word: found by fuzz/fuzz_search).
bool IsSpace(char c) { return static_cast<unsigned char>(c) <= ' '; }

bool HasWordChar(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z')) return true;
  }
  return false;
}

// `s` as one FTS5 string: double quotes doubled.
std::string FtsString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += IsSpace(c) ? ' ' : c;  // a control byte (NUL) would end FTS5's string
  }
  return out + '"';
}

}  // namespace

std::string ToFtsQuery(std::string_view query) {
  // Tokens: a term (already an FTS5 string, maybe with a prefix star) or an
  // operator. Operators survive only between two terms.
  struct Tok {
    std::string text;
    bool op = false;
  };
  std::vector<Tok> toks;
  size_t i = 0;
  while (i < query.size()) {
    if (IsSpace(query[i])) {
      ++i;
      continue;
    }
    bool negate = false;
    if (query[i] == '-' && i + 1 < query.size() && !IsSpace(query[i + 1])) {
      negate = true;
      ++i;
    }
    std::string term;
    if (query[i] == '"') {  // a phrase, up to the closing quote (or the end)
      size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) close = query.size();
      std::string_view phrase = query.substr(i + 1, close - i - 1);
      i = close < query.size() ? close + 1 : close;
      if (!HasWordChar(phrase)) continue;
      term = FtsString(phrase);
    } else {
      size_t start = i;
      while (i < query.size() && !IsSpace(query[i]) && query[i] != '"') ++i;
      std::string_view word = query.substr(start, i - start);
      if (!negate && (word == "OR" || word == "AND" || word == "NOT")) {
        toks.push_back({std::string(word), true});
        continue;
      }
      bool prefix = word.size() > 1 && word.back() == '*';
      if (prefix) word.remove_suffix(1);
      if (!HasWordChar(word)) continue;
      term = FtsString(word);
      if (prefix) term += '*';
    }
    if (negate) toks.push_back({"NOT", true});
    toks.push_back({std::move(term), false});
  }
  std::string out;
  std::string pending_op;  // the operator since the last term
  bool have_term = false;
  for (const Tok& t : toks) {
    if (t.op) {
      if (have_term && (pending_op.empty() || t.text == "NOT")) pending_op = t.text;
      continue;
    }
    if (have_term) {
      out += ' ';
      if (!pending_op.empty()) out += pending_op + ' ';
    }
    out += t.text;
    have_term = true;
    pending_op.clear();
  }
  return out;
}

namespace {

Result<std::vector<SearchHit>> SqliteStore::Search(std::string_view query, int limit) {
  SearchOptions o;
  o.limit = limit > 0 ? limit : 20;
  o.max_ranked = std::max(o.max_ranked, o.limit);
  auto page = SearchPage(query, o);
  if (!page.ok()) return page.status();
  return std::move(page->hits);
}

// Ranking is what a search costs: bm25 reads every ranked row's position
// lists and sizes, and a word in every one of 10,000 documents took 30 ms of
// CPU to rank, where walking its rowids takes a fraction of a millisecond.
// So the rows ranked are bounded (SearchOptions::max_ranked): the newest
// matches; a pool of a few rows is ranked one row at a time, a larger one as
// one rowid range. Snippets are made for the page's hits only.
Result<SearchResults> SqliteStore::SearchPage(std::string_view query, const SearchOptions& o) {
  const std::string fts_query = ToFtsQuery(query);
  if (fts_query.empty()) {
    return Status::InvalidArgument("search query has no words: \"" + std::string(query) + "\"");
  }
  const int limit = o.limit > 0 ? o.limit : 20;
  const int offset = std::max(0, o.offset);
  const size_t cap = static_cast<size_t>(std::max(1, o.max_ranked));
  // The query is always valid FTS5 syntax (ToFtsQuery): a failure is the
  // store's (a damaged index, an I/O error), never the user's.
  auto failed = [&](const Status& st) {
    const std::string msg = "search \"" + std::string(query) + "\": " + st.message();
    return st.code() == Status::Code::kCorruption ? Status::Corruption(msg) : Status::IOError(msg);
  };
  auto kept = [&](int64_t rowid) { return !o.keep || o.keep(DocId(DocOfFtsRow(rowid))); };
  Status st;

  // 1. The pool: matching rows, newest first, up to the cap.
  std::vector<int64_t> pool;
  std::set<int64_t> docs;
  bool capped = false;
  {
    CAIRN_ASSIGN_STMT(scan, db_, "SELECT rowid FROM fts WHERE fts MATCH ?1 ORDER BY rowid DESC");
    scan.Bind(1, fts_query);
    while (scan.Step(&st)) {
      const int64_t row = scan.Int(0);
      if (!kept(row)) continue;
      if (pool.size() == cap) {
        capped = true;
        break;
      }
      pool.push_back(row);
      docs.insert(DocOfFtsRow(row));
    }
    if (!st.ok()) return failed(st);
  }
  SearchResults out;
  if (pool.empty()) return out;

  // 2. Rank the pool (bm25, lower is better).
  std::vector<std::pair<double, int64_t>> ranked;  // rank, fts rowid
  CAIRN_ASSIGN_STMT(one_rank, db_,
                    "SELECT bm25(fts, 5.0, 1.0) FROM fts WHERE fts MATCH ?1 AND rowid = ?2");
  auto rank_one = [&](int64_t row) -> Status {
    one_rank.Reset();
    one_rank.Bind(1, fts_query).Bind(2, row);
    if (one_rank.Step(&st)) ranked.emplace_back(one_rank.Real(0), row);
    return st;
  };
  constexpr size_t kOneByOne = 24;  // below this, a rowid lookup each beats a range
  if (pool.size() <= kOneByOne) {
    for (int64_t row : pool) {
      if (Status s = rank_one(row); !s.ok()) return failed(s);
    }
  } else {
    CAIRN_ASSIGN_STMT(range, db_,
                      "SELECT rowid, bm25(fts, 5.0, 1.0) FROM fts WHERE fts MATCH ?1 "
                      "AND rowid >= ?2 AND rowid <= ?3");
    range.Bind(1, fts_query).Bind(2, pool.back()).Bind(3, pool.front());
    const std::set<int64_t> in_pool(pool.begin(), pool.end());
    while (range.Step(&st)) {
      if (in_pool.count(range.Int(0))) ranked.emplace_back(range.Real(1), range.Int(0));
    }
    if (!st.ok()) return failed(st);
  }
  out.total = static_cast<int64_t>(docs.size());
  out.total_exact = !capped;
  std::sort(ranked.begin(), ranked.end());

  // 3. The page: a long document's passages are rows of their own, and its
  // best one stands for it.
  std::vector<std::pair<int64_t, double>> page;  // fts rowid, rank
  std::set<int64_t> seen;
  int skipped = 0;
  for (const auto& [rank, row] : ranked) {
    if (static_cast<int>(page.size()) >= limit) break;
    if (!seen.insert(DocOfFtsRow(row)).second) continue;
    if (skipped < offset) {
      ++skipped;
      continue;
    }
    page.emplace_back(row, rank);
  }

  // 4. Snippets, for the page only, in one pass over its rowid range (a
  // statement per hit expanded a prefix query's terms again each time).
  if (page.empty()) return out;
  std::string wanted = "[";
  int64_t lo = page.front().first, hi = lo;
  for (const auto& [rowid, rank] : page) {
    wanted += (wanted.size() > 1 ? "," : "") + std::to_string(rowid);
    lo = std::min(lo, rowid);
    hi = std::max(hi, rowid);
  }
  wanted += "]";
  std::unordered_map<int64_t, std::string> snippets;
  {
    CAIRN_ASSIGN_STMT(snip, db_,
                      "SELECT rowid, snippet(fts, -1, '[', ']', '…', 16) FROM fts "
                      "WHERE fts MATCH ?1 AND rowid >= ?2 AND rowid <= ?3 "
                      "AND +rowid IN (SELECT value FROM json_each(?4))");
    snip.Bind(1, fts_query).Bind(2, lo).Bind(3, hi).Bind(4, wanted);
    while (snip.Step(&st)) snippets[snip.Int(0)] = snip.Text(1);
    if (!st.ok()) return failed(st);
  }
  CAIRN_ASSIGN_STMT(meta, db_,
                    "SELECT d.name, v.title FROM documents d "
                    "JOIN versions v ON v.doc = d.id AND v.version = d.version WHERE d.id = ?1");
  for (const auto& [rowid, rank] : page) {
    meta.Reset();
    meta.Bind(1, DocOfFtsRow(rowid));
    if (!meta.Step(&st)) {
      if (!st.ok()) return failed(st);
      continue;  // gone since the first step: cannot happen on one connection
    }
    SearchHit h;
    h.doc_id = DocId(DocOfFtsRow(rowid));
    h.name = meta.Text(0);
    h.title = meta.Text(1);
    h.snippet = snippets[rowid];
    h.rank = rank;
    out.hits.push_back(std::move(h));
  }
  return out;
}

Status SqliteStore::BeginBatch() {
  if (batch_) return Status::InvalidArgument("a batch is already open");
  if (reading_) CAIRN_RETURN_IF_ERROR(EndRead());
  CAIRN_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  batch_ = true;
  return Status::OK();
}

Status SqliteStore::CommitBatch() {
  if (!batch_) return Status::OK();
  if (sqlite3_get_autocommit(db_)) {  // SQLite rolled it back after an error
    EndBatch();
    return Status::IOError("the batch was rolled back after an earlier error");
  }
  Status st = IndexPending();
  if (st.ok()) st = Exec(db_, "COMMIT");
  if (!st.ok()) {
    // COMMIT can fail with SQLITE_BUSY and leave the transaction open; give
    // it up so the connection is usable, and say that nothing was kept.
    if (!sqlite3_get_autocommit(db_)) Exec(db_, "ROLLBACK");
    EndBatch();
    return Status::IOError("committing the batch failed: " + st.message());
  }
  EndBatch();
  return Status::OK();
}

Status SqliteStore::ReplaceFacts(const FactBase& facts, const std::vector<EntityLink>& links) {
  Transaction tx(db_, batch_);
  CAIRN_RETURN_IF_ERROR(tx.Begin());
  CAIRN_RETURN_IF_ERROR(WriteFacts(facts, links));
  return tx.Commit();
}

Result<bool> SqliteStore::ReplaceFactsIfCurrent(uint64_t generation, const FactBase& facts,
                                                const std::vector<EntityLink>& links,
                                                const std::vector<EntityIdRecord>& ids) {
  auto write = BeginReplaceFacts(generation, facts, links, ids);
  if (!write.ok()) return write.status();
  if (*write == nullptr) return false;  // rolled back
  return (*write)->Commit();
}

// The open transaction of BeginReplaceFacts. Its pages are written once and
// not read again by it: past a small cache (kResolutionCacheSize) they spill to
// the WAL instead of filling the whole cache beside the caller's documents
// (resolution holds them while it fuses and appends). The ingest's cache size comes back at
// the end, committed or not.
class SqliteStore::SqliteFactsWrite final : public FactsWrite {
 public:
  explicit SqliteFactsWrite(SqliteStore* store) : store_(store), tx_(store->db_, store->batch_) {}
  ~SqliteFactsWrite() override {
    if (small_cache_) Exec(store_->db_, kCacheSize);
  }
  Status Begin() {
    CAIRN_RETURN_IF_ERROR(tx_.Begin());
    CAIRN_RETURN_IF_ERROR(Exec(store_->db_, kResolutionCacheSize));
    small_cache_ = true;
    return Status::OK();
  }
  Status Append(const std::vector<EventRecord>& events,
                const std::vector<ConflictRecord>& conflicts) override {
    if (done_) return Status::Internal("facts write: append after commit");
    return store_->WriteEventsAndConflicts(events, conflicts);
  }
  Result<bool> Commit() override {
    if (done_) return Status::Internal("facts write: committed twice");
    CAIRN_RETURN_IF_ERROR(store_->MarkResolved());
    CAIRN_RETURN_IF_ERROR(tx_.Commit());
    done_ = true;
    return true;
  }

 private:
  SqliteStore* store_;
  Transaction tx_;
  bool small_cache_ = false;
  bool done_ = false;
};

Result<std::unique_ptr<FactsWrite>> SqliteStore::BeginReplaceFacts(
    uint64_t generation, const FactBase& facts, const std::vector<EntityLink>& links,
    const std::vector<EntityIdRecord>& ids) {
  if (reading_) CAIRN_RETURN_IF_ERROR(EndRead());
  auto write = std::make_unique<SqliteFactsWrite>(this);
  CAIRN_RETURN_IF_ERROR(write->Begin());
  auto now = StateValue("generation");
  if (!now.ok()) return now.status();
  if (static_cast<uint64_t>(*now) != generation) return std::unique_ptr<FactsWrite>();
  CAIRN_RETURN_IF_ERROR(WriteRegistry(ids));
  CAIRN_RETURN_IF_ERROR(WriteFactsHead(facts, links));
  CAIRN_RETURN_IF_ERROR(WriteEventsAndConflicts(facts.events, facts.conflicts));
  return std::unique_ptr<FactsWrite>(std::move(write));
}

Status SqliteStore::WriteRegistry(const std::vector<EntityIdRecord>& ids) {
  CAIRN_ASSIGN_STMT(s, db_,
                    "INSERT INTO entity_registry(id, key) VALUES(?1, ?2) "
                    "ON CONFLICT(id) DO UPDATE SET key = excluded.key");
  for (const EntityIdRecord& r : ids) {
    s.Reset();
    CAIRN_RETURN_IF_ERROR(s.Bind(1, r.id).Bind(2, r.key).Run());
  }
  return Status::OK();
}

Result<std::vector<EntityIdRecord>> SqliteStore::LoadEntityIds() {
  CAIRN_ASSIGN_STMT(q, db_, "SELECT id, key FROM entity_registry");
  std::vector<EntityIdRecord> out;
  Status st;
  while (q.Step(&st)) out.push_back(EntityIdRecord{q.Text(0), q.Text(1)});
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

// The body of ReplaceFacts, inside its caller's transaction.
Status SqliteStore::WriteFacts(const FactBase& facts, const std::vector<EntityLink>& links) {
  CAIRN_RETURN_IF_ERROR(WriteFactsHead(facts, links));
  CAIRN_RETURN_IF_ERROR(WriteEventsAndConflicts(facts.events, facts.conflicts));
  return MarkResolved();
}

// The old facts out, the entities and links in (facts.events and
// facts.conflicts are not read).
Status SqliteStore::WriteFactsHead(const FactBase& facts, const std::vector<EntityLink>& links) {
  CAIRN_RETURN_IF_ERROR(Exec(db_,
                             "DELETE FROM entity_links; DELETE FROM conflicts; "
                             "DELETE FROM events; DELETE FROM entities;"));
  {
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO entities(id, type, name, aliases, docs, country, place_kind, "
                      "lat, lon, protected) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (const EntityRecord& e : facts.entities) {
      s.Reset();
      s.Bind(1, e.id).Bind(2, static_cast<int64_t>(e.type)).Bind(3, e.name);
      s.Bind(4, Dump(json(e.aliases))).Bind(5, Dump(json(e.docs))).Bind(6, e.country);
      s.Bind(7, e.place_kind).Bind(8, e.lat).Bind(9, e.lon);
      Status st = s.Bind(10, int64_t{e.protected_identity}).Run();
      if (!st.ok()) return Status::InvalidArgument("entity " + e.id + ": " + st.message());
    }
  }
  {
    CAIRN_ASSIGN_STMT(s, db_, "INSERT INTO entity_links(doc, local, entity) VALUES(?1, ?2, ?3)");
    for (const EntityLink& l : links) {
      auto n = ParseDocId(l.doc_id);
      if (!n) return Status::InvalidArgument("entity link names a bad document id: " + l.doc_id);
      s.Reset();
      Status st = s.Bind(1, *n).Bind(2, int64_t{l.local}).Bind(3, l.entity_id).Run();
      if (!st.ok()) {
        return Status::InvalidArgument("entity link " + l.doc_id + "#" + std::to_string(l.local) +
                                       ": " + st.message());
      }
    }
  }
  return Status::OK();
}

Status SqliteStore::WriteEventsAndConflicts(const std::vector<EventRecord>& events,
                                           const std::vector<ConflictRecord>& conflicts) {
  {
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO events(id, type, subject, earliest, latest, date_text, "
                      "precision, place, from_entity, to_entity, via, object, detail, sources, "
                      "attributed_to, hedged) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                      "?12, ?13, ?14, ?15, ?16)");
    for (const EventRecord& e : events) {
      s.Reset();
      s.Bind(1, e.id).Bind(2, e.type).Bind(3, e.subject);
      BindInterval(s, 4, e.date);
      s.Bind(8, e.place).Bind(9, e.from).Bind(10, e.to).Bind(11, e.via).Bind(12, e.object);
      s.Bind(13, e.detail).Bind(14, Dump(SourcesJson(e.sources))).Bind(15, e.attributed_to);
      Status st = s.Bind(16, int64_t{e.hedged}).Run();
      if (!st.ok()) return Status::InvalidArgument("event " + e.id + ": " + st.message());
    }
  }
  {
    CAIRN_ASSIGN_STMT(s, db_,
                      "INSERT INTO conflicts(id, subject, type, field, claims, explanation) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    for (const ConflictRecord& c : conflicts) {
      json claims = json::array();
      for (const ConflictRecord::Claim& cl : c.claims) {
        claims.push_back(
            {{"value", cl.value}, {"events", cl.events}, {"sources", SourcesJson(cl.sources)}});
      }
      s.Reset();
      s.Bind(1, c.id).Bind(2, c.subject).Bind(3, c.type).Bind(4, c.field);
      Status st = s.Bind(5, Dump(claims)).Bind(6, c.explanation).Run();
      if (!st.ok()) return Status::InvalidArgument("conflict " + c.id + ": " + st.message());
    }
  }
  return Status::OK();
}

Status SqliteStore::MarkResolved() {
  // The facts now reflect every document and correction of this snapshot.
  return Exec(db_,
              "UPDATE store_state SET value = (SELECT value FROM store_state WHERE name = "
              "'generation') WHERE name = 'resolved_generation'");
}

Result<FactBase> SqliteStore::LoadFacts() {
  FactBase facts;
  Status st;
  {
    CAIRN_ASSIGN_STMT(q, db_,
                      "SELECT id, type, name, aliases, docs, country, place_kind, lat, lon, "
                      "protected FROM entities ORDER BY rowid");
    while (q.Step(&st)) {
      EntityRecord e;
      e.id = q.Text(0);
      e.type = EntityTypeAt(q, 1);
      e.name = q.Text(2);
      auto aliases = ParseJson(q.Text(3), "entity " + e.id);
      if (!aliases.ok()) return aliases.status();
      e.aliases = StringList(*aliases);
      auto docs = ParseJson(q.Text(4), "entity " + e.id);
      if (!docs.ok()) return docs.status();
      e.docs = StringList(*docs);
      e.country = q.Text(5);
      e.place_kind = q.Text(6);
      e.lat = q.OptReal(7);
      e.lon = q.OptReal(8);
      e.protected_identity = q.Int(9) != 0;
      facts.entities.push_back(std::move(e));
    }
    CAIRN_RETURN_IF_ERROR(st);
  }
  {
    CAIRN_ASSIGN_STMT(q, db_,
                      "SELECT id, type, subject, earliest, latest, date_text, precision, place, "
                      "from_entity, to_entity, via, object, detail, sources, attributed_to, hedged "
                      "FROM events ORDER BY rowid");
    while (q.Step(&st)) {
      EventRecord e;
      e.id = q.Text(0);
      e.type = q.Text(1);
      e.subject = q.Text(2);
      e.date = IntervalAt(q, 3);
      e.place = q.Text(7);
      e.from = q.Text(8);
      e.to = q.Text(9);
      e.via = q.Text(10);
      e.object = q.Text(11);
      e.detail = q.Text(12);
      auto sources = ParseJson(q.Text(13), "event " + e.id);
      if (!sources.ok()) return sources.status();
      e.sources = SourcesFromJson(*sources);
      e.attributed_to = q.Text(14);
      e.hedged = q.Int(15) != 0;
      facts.events.push_back(std::move(e));
    }
    CAIRN_RETURN_IF_ERROR(st);
  }
  {
    CAIRN_ASSIGN_STMT(q, db_,
                      "SELECT id, subject, type, field, claims, explanation FROM conflicts "
                      "ORDER BY rowid");
    while (q.Step(&st)) {
      ConflictRecord c;
      c.id = q.Text(0);
      c.subject = q.Text(1);
      c.type = q.Text(2);
      c.field = q.Text(3);
      auto claims = ParseJson(q.Text(4), "conflict " + c.id);
      if (!claims.ok()) return claims.status();
      for (const json& o : *claims) {
        ConflictRecord::Claim cl;
        cl.value = Str(o, "value");
        if (auto it = o.find("events"); it != o.end()) cl.events = StringList(*it);
        if (auto it = o.find("sources"); it != o.end()) cl.sources = SourcesFromJson(*it);
        c.claims.push_back(std::move(cl));
      }
      c.explanation = q.Text(5);
      facts.conflicts.push_back(std::move(c));
    }
    CAIRN_RETURN_IF_ERROR(st);
  }
  return facts;
}

Result<std::vector<EntityLink>> SqliteStore::LoadLinks() {
  CAIRN_ASSIGN_STMT(q, db_, "SELECT doc, local, entity FROM entity_links ORDER BY doc, local");
  std::vector<EntityLink> out;
  Status st;
  while (q.Step(&st)) {
    out.push_back(EntityLink{DocId(q.Int(0)), static_cast<int32_t>(q.Int(1)), q.Text(2)});
  }
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

Status SqliteStore::AddCorrection(const Correction& c) {
  if (c.a.empty()) return Status::InvalidArgument("correction names no entity");
  Transaction tx(db_, batch_);
  CAIRN_RETURN_IF_ERROR(tx.Begin());
  CAIRN_ASSIGN_STMT(s, db_,
                    "INSERT INTO corrections(kind, a, b, doc, a_key, b_key, author) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.Bind(1, c.kind == Correction::Kind::kMerge ? "merge" : "split").Bind(2, c.a).Bind(3, c.b);
  CAIRN_RETURN_IF_ERROR(s.Bind(4, c.doc).Bind(5, c.a_key).Bind(6, c.b_key).Bind(7, c.author).Run());
  CAIRN_RETURN_IF_ERROR(BumpGeneration());
  return tx.Commit();
}

Status SqliteStore::SetProtection(const std::string& key, bool is_protected) {
  if (key.empty()) return Status::InvalidArgument("protection names no entity");
  Transaction tx(db_, batch_);
  CAIRN_RETURN_IF_ERROR(tx.Begin());
  CAIRN_ASSIGN_STMT(s, db_,
                    "INSERT INTO protections(key, protected) VALUES(?1, ?2) ON CONFLICT(key) "
                    "DO UPDATE SET protected = excluded.protected, created_at = "
                    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
  CAIRN_RETURN_IF_ERROR(s.Bind(1, key).Bind(2, int64_t{is_protected}).Run());
  CAIRN_RETURN_IF_ERROR(BumpGeneration());
  return tx.Commit();
}

Result<std::vector<std::pair<std::string, bool>>> SqliteStore::LoadProtections() {
  CAIRN_ASSIGN_STMT(q, db_, "SELECT key, protected FROM protections");
  std::vector<std::pair<std::string, bool>> out;
  Status st;
  while (q.Step(&st)) out.emplace_back(q.Text(0), q.Int(1) != 0);
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

Result<RedactionSettings> SqliteStore::LoadRedaction() {
  CAIRN_ASSIGN_STMT(q, db_, "SELECT secret, protect_all, allow FROM redaction WHERE id = 1");
  RedactionSettings out;
  Status st;
  if (q.Step(&st)) {
    out.secret = std::string(q.Blob(0));
    out.protect_all = q.Int(1) != 0;
    const std::string allow = q.Text(2);
    size_t b = 0;
    while (b < allow.size()) {
      size_t e = allow.find('\n', b);
      if (e == std::string::npos) e = allow.size();
      if (e > b) out.allow.push_back(allow.substr(b, e - b));
      b = e + 1;
    }
  }
  CAIRN_RETURN_IF_ERROR(st);
  if (out.secret.size() != 32) return Status::Corruption("the store's redaction key is missing");
  return out;
}

Status SqliteStore::SetProtectAll(bool on, const std::vector<std::string>& allow) {
  std::string joined;
  for (const std::string& a : allow) {
    if (a.find('\n') != std::string::npos)
      return Status::InvalidArgument("an allowed name holds a line break");
    if (a.empty()) continue;
    joined += a;
    joined += '\n';
  }
  Transaction tx(db_, batch_);
  CAIRN_RETURN_IF_ERROR(tx.Begin());
  CAIRN_ASSIGN_STMT(s, db_, "UPDATE redaction SET protect_all = ?1, allow = ?2 WHERE id = 1");
  CAIRN_RETURN_IF_ERROR(s.Bind(1, int64_t{on}).Bind(2, joined).Run());
  CAIRN_RETURN_IF_ERROR(BumpGeneration());
  return tx.Commit();
}

Result<std::vector<CorrectionRecord>> SqliteStore::ListCorrections() {
  CAIRN_ASSIGN_STMT(q, db_,
                    "SELECT id, kind, a, b, doc, a_key, b_key, author, created_at, "
                    "coalesce(undone_at, '') FROM corrections ORDER BY id");
  std::vector<CorrectionRecord> out;
  Status st;
  while (q.Step(&st)) {
    CorrectionRecord r;
    r.id = q.Int(0);
    Correction& c = r.correction;
    c.kind = q.Text(1) == "split" ? Correction::Kind::kSplit : Correction::Kind::kMerge;
    c.a = q.Text(2);
    c.b = q.Text(3);
    c.doc = q.Text(4);
    c.a_key = q.Text(5);
    c.b_key = q.Text(6);
    c.author = q.Text(7);
    r.created_at = q.Text(8);
    r.undone_at = q.Text(9);
    out.push_back(std::move(r));
  }
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

Result<std::vector<Correction>> SqliteStore::LoadCorrections() {
  auto all = ListCorrections();
  if (!all.ok()) return all.status();
  std::vector<Correction> out;
  for (CorrectionRecord& r : *all) {
    if (r.undone_at.empty()) out.push_back(std::move(r.correction));
  }
  return out;
}

// Marks row `id` of `table` undone; `what` names it in errors ("c3").
Status MarkUndone(sqlite3* db, const char* table, int64_t id, const std::string& what) {
  auto q = Stmt::Prepare(db, std::string("SELECT undone_at IS NOT NULL FROM ") + table +
                                 " WHERE id = ?1");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  Status st;
  if (!q->Step(&st)) {
    CAIRN_RETURN_IF_ERROR(st);
    return Status::NotFound(what + ": no such correction");
  }
  if (q->Int(0) != 0) return Status::InvalidArgument(what + " is undone already");
  auto u = Stmt::Prepare(db, std::string("UPDATE ") + table +
                                 " SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                                 "WHERE id = ?1");
  if (!u.ok()) return u.status();
  return u->Bind(1, id).Run();
}

Status SqliteStore::UndoCorrection(int64_t id) {
  return MarkUndone(db_, "corrections", id, "c" + std::to_string(id));
}

Result<int64_t> SqliteStore::AddDecision(const ConflictDecision& d) {
  if (d.conflict_key.empty()) return Status::InvalidArgument("decision names no conflict");
  if (d.decision != "accept" && d.decision != "resolved" && d.decision != "unresolvable") {
    return Status::InvalidArgument("decision must be accept, resolved or unresolvable, not \"" +
                                   d.decision + "\"");
  }
  CAIRN_ASSIGN_STMT(s, db_,
                    "INSERT INTO conflict_decisions(conflict_key, conflict_id, decision, value, "
                    "note, author) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  s.Bind(1, d.conflict_key).Bind(2, d.conflict_id).Bind(3, d.decision).Bind(4, d.value);
  CAIRN_RETURN_IF_ERROR(s.Bind(5, d.note).Bind(6, d.author).Run());
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::vector<ConflictDecision>> SqliteStore::ListDecisions() {
  CAIRN_ASSIGN_STMT(q, db_,
                    "SELECT id, conflict_key, conflict_id, decision, value, note, author, "
                    "created_at, coalesce(undone_at, '') FROM conflict_decisions ORDER BY id");
  std::vector<ConflictDecision> out;
  Status st;
  while (q.Step(&st)) {
    ConflictDecision d;
    d.id = q.Int(0);
    d.conflict_key = q.Text(1);
    d.conflict_id = q.Text(2);
    d.decision = q.Text(3);
    d.value = q.Text(4);
    d.note = q.Text(5);
    d.author = q.Text(6);
    d.created_at = q.Text(7);
    d.undone_at = q.Text(8);
    out.push_back(std::move(d));
  }
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

Status SqliteStore::UndoDecision(int64_t id) {
  return MarkUndone(db_, "conflict_decisions", id, "r" + std::to_string(id));
}

Status SqliteStore::AppendAudit(const AuditEntry& e) {
  CAIRN_ASSIGN_STMT(s, db_, "INSERT INTO audit_log(actor, action, detail) VALUES(?1, ?2, ?3)");
  return s.Bind(1, e.actor).Bind(2, e.action).Bind(3, e.detail).Run();
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(int limit) {
  CAIRN_ASSIGN_STMT(q, db_,
                    "SELECT id, at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?1");
  q.Bind(1, int64_t{limit});
  std::vector<AuditEntry> out;
  Status st;
  while (q.Step(&st)) {
    out.push_back(AuditEntry{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)});
  }
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

Result<std::vector<DocumentInfo>> SqliteStore::ListVersions(std::string_view doc_id) {
  auto info = FindDocument(doc_id);
  if (!info.ok()) return info.status();
  CAIRN_ASSIGN_STMT(q, db_,
                    "SELECT version, sha256, title, date, author, language, format, "
                    "length(CAST(text AS BLOB)), ingested_at FROM versions WHERE doc = ?1 "
                    "ORDER BY version");
  q.Bind(1, *ParseDocId(info->id));
  std::vector<DocumentInfo> out;
  Status st;
  while (q.Step(&st)) {
    DocumentInfo v = *info;
    v.version = static_cast<int>(q.Int(0));
    v.sha256 = q.Text(1);
    v.title = q.Text(2);
    v.date = q.OptInt(3);
    v.author = q.Text(4);
    v.language = q.Text(5);
    v.format = q.Text(6);
    v.text_bytes = static_cast<uint64_t>(q.Int(7));
    v.ingested_at = q.Text(8);
    out.push_back(std::move(v));
  }
  CAIRN_RETURN_IF_ERROR(st);
  return out;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, Mode mode) {
  if (path.empty()) return Status::InvalidArgument("no store path given (use --db or CAIRN_DB)");
  const bool read_only = mode == Mode::kReadOnly;
  // Opening can meet another process that is creating or migrating the same
  // store (locks SQLite's busy handler does not wait for): try again.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(LockWaitMs());
  for (int attempt = 0;; ++attempt) {
    for (bool immutable : {false, true}) {
      if (immutable && !read_only) break;
      sqlite3* raw = nullptr;
      std::string target = path;
      int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                  SQLITE_OPEN_NOMUTEX;
      if (immutable) {
        // A WAL store in a folder this process cannot write: its shared
        // memory file cannot be made. Nobody can be writing it either
        // (no writer could make it), so it is read as an immutable file.
        target = "file:" + path + "?immutable=1";
        flags |= SQLITE_OPEN_URI;
      }
      int rc = sqlite3_open_v2(target.c_str(), &raw, flags, nullptr);
      if (rc != SQLITE_OK) {
        std::string msg = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        sqlite3_close_v2(raw);
        if (read_only && !immutable) continue;
        return Status::IOError(path + ": cannot open store: " + msg);
      }
      auto store = std::make_unique<SqliteStore>(raw, read_only);
      Status st = store->Init(path);
      if (st.ok()) return std::unique_ptr<Store>(std::move(store));
      store.reset();
      if (IsBusy(st.message()) && std::chrono::steady_clock::now() < deadline) break;
      const bool cannot_open = st.message().find("unable to open") != std::string::npos;
      if (read_only && !immutable && cannot_open) continue;
      return st;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 20 ? 5 : 50));
  }
}

}  // namespace cairn::store
