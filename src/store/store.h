// Store: the embedded knowledge base (one SQLite file, WAL mode).
//
// The store is the only code that speaks SQL. It keeps documents (every
// version of every file), their extracted text, sentences and an FTS5
// full-text index; each document's extraction results (mentions, local
// entities, timexes, event mentions); the resolved facts (entities, events,
// conflicts, and which local entity links to which entity); and analysts'
// corrections (merge, split), which outlive re-resolution.
//
// Every write is all or nothing: a crash leaves the store as it was before
// the write, never half-written. By default each write is its own
// transaction; bulk writers group them with BeginBatch / CommitBatch. The schema is versioned (PRAGMA user_version)
// and migrated forward on Open.
//
// A Store is used from one thread at a time (it owns one connection).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/facts.h"
#include "core/status.h"

namespace cairn::store {

struct DocumentInfo {
  std::string id;    // stable id of the document ("d1", "d2", ...)
  std::string name;  // as shown: the path relative to the folder given to ingest (unique)
  std::string path;  // the canonical path: the document's identity
  int version = 1;   // current version number
  std::string sha256;
  std::string title;
  std::optional<Day> date;
  std::string author;
  std::string language;
  std::string format;
  uint64_t text_bytes = 0;
  bool has_extraction = false;  // holds local entities or event mentions
  int pages = 0;                // pages of a paged document (PDF, scan); 0 otherwise
  std::string parent;           // the document it was read from (an e-mail), "" when none
  std::string ingested_at;      // ListVersions only: when this version was stored
};

struct SearchHit {
  std::string doc_id;
  std::string name;
  std::string title;
  std::string snippet;  // the matching passage, matches marked with [ and ]
  double rank = 0;      // lower is better (bm25)
};

// A page of search results (Store::SearchPage).
struct SearchOptions {
  int limit = 20;  // hits on the page (<= 0: 20)
  int offset = 0;  // documents skipped, best first
  // The work a query may cost is bounded: a query matching more than
  // `max_ranked` index rows is ranked (bm25) among its `max_ranked` most
  // recently stored matches, and its total is then a lower bound. Pages
  // past the ranked matches are empty.
  int max_ranked = 500;
  // When set, only documents it accepts ("d3") are counted and returned.
  std::function<bool(const std::string& doc_id)> keep = {};
};

struct SearchResults {
  std::vector<SearchHit> hits;  // the page, best first; snippets for these only
  int64_t total = 0;            // matching documents (a lower bound unless total_exact)
  bool total_exact = true;
};

// What Put did with a document.
enum class PutOutcome {
  kNew,         // first time this path was seen
  kUnchanged,   // the same bytes are already stored under this path (or were, under the
                // path the file was moved from): nothing changed
  kNewVersion,  // same path, new bytes: stored as the document's next version
};

// An analyst's correction to resolution; kept across later ingests.
struct Correction {
  enum class Kind { kMerge, kSplit };
  Kind kind = Kind::kMerge;
  std::string a;    // merge: entity kept; split: entity split
  std::string b;    // merge: entity folded into a; split: unused
  std::string doc;  // split: the document whose mentions leave the entity
  // Name keys recorded at correction time so the correction survives
  // re-resolution that renumbers entities.
  std::string a_key, b_key;
  std::string author = {};  // who made it (a front end's user; "" from the CLI)
};

// A stored correction with its bookkeeping. Undone corrections stay listed
// but are no longer applied.
struct CorrectionRecord {
  int64_t id = 0;  // shown as "c<id>"
  Correction correction;
  std::string created_at;  // ISO 8601, UTC
  std::string undone_at;   // "" while in force
};

// An analyst's decision on a conflict. Keyed by `conflict_key` (the subject's
// EntityKey, type and field), so it survives re-resolution.
struct ConflictDecision {
  int64_t id = 0;  // shown as "r<id>"
  std::string conflict_key;
  std::string conflict_id;  // the conflict's id when decided
  std::string decision;     // accept | resolved | unresolvable
  std::string value;        // accept: the accepted claim's value
  std::string note;
  std::string author;
  std::string created_at;
  std::string undone_at;  // "" while in force
};

// One entry of the audit log: a change made through a front end.
struct AuditEntry {
  int64_t id = 0;
  std::string at;
  std::string actor;
  std::string action;
  std::string detail;
};

// An entity id once given out, and the key (resolve::EntityKey) of the
// entity it was last given to. Ids are never given to another entity.
struct EntityIdRecord {
  std::string id;
  std::string key;
};

// Links a document's local entity to a resolved entity.
struct EntityLink {
  std::string doc_id;
  int32_t local = -1;  // index into that document's entities
  std::string entity_id;
};

// Turns a user's query into an FTS5 MATCH expression: words and "quoted
// phrases" become quoted strings (so punctuation cannot break the syntax),
// word* keeps its prefix star, OR / AND / NOT (upper case) stay operators
// where they stand between two terms and are dropped elsewhere; a lone '-'
// before a term means NOT. Returns "" when the query holds no word.
std::string ToFtsQuery(std::string_view query);

// The store's redaction key and protection policy (Store::LoadRedaction).
struct RedactionSettings {
  std::string secret;              // 32 random bytes; "" when the store keeps none
  bool protect_all = false;        // every named person withheld ...
  std::vector<std::string> allow;  // ... except these public figures' names
};

// Receives a document's mentions, timexes and events in pieces while
// Store::PutStreaming writes the document (see there).
class AnnotationWriter {
 public:
  virtual ~AnnotationWriter() = default;
  // Stores `part`'s mentions, timexes and events as the document's next
  // ones: the first mention of the first piece is mention 0, and so on
  // (likewise timexes and events). Unasserted triggers and every other
  // field of `part` are ignored.
  virtual Status Append(const Document& part) = 0;
};

// An open replacement of the store's facts (Store::BeginReplaceFacts): the
// events and conflicts after those already written, in order, then Commit.
// Destroyed without a successful Commit, it leaves the store's facts as they
// were. Used by one thread, while no other call is made on its store.
class FactsWrite {
 public:
  virtual ~FactsWrite() = default;
  // Stores `events` and `conflicts` after the ones before them (an
  // export lists them in the order they were appended).
  virtual Status Append(const std::vector<EventRecord>& events,
                        const std::vector<ConflictRecord>& conflicts) = 0;
  // Marks the facts as computed from the generation the write began at and
  // commits. False, and nothing written, when a store that checks only here
  // (the default's) was changed meanwhile.
  virtual Result<bool> Commit() = 0;
};

class Store {
 public:
  enum class Mode {
    kReadWrite,  // creates the file when missing, migrates its schema forward
    kReadOnly,   // never writes (a store in a read-only folder still opens)
  };
  // Opens or creates the store at `path`, migrating its schema forward.
  // Errors name the path ("notes.db: file is not a database"). Another
  // process writing to the store is waited for (CAIRN_LOCK_WAIT seconds,
  // default 10 minutes); only a lock held past that is an error, naming the
  // store's file and the variable.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, Mode mode = Mode::kReadWrite);
  virtual ~Store() = default;

  // A document's identity is its path (Document::path, the canonical path of
  // its file; its name when the path is empty). Looks up a stored, unchanged
  // copy of these bytes under this path, so the caller can skip extraction.
  // Returns kUnchanged with *id set when found, kNew when the path is
  // unknown, kNewVersion when the path holds other bytes.
  virtual Result<PutOutcome> Probe(std::string_view path, std::string_view sha256,
                                   std::string* id) = 0;

  // Stores one processed document (metadata, text, sentences, full-text
  // index, and all extraction results) in one transaction; assigns doc->id.
  // Same path and bytes: kUnchanged, nothing written. Same path, new bytes:
  // a new version whose results replace the previous version's. A new path
  // whose bytes are those of a document whose file no longer exists is that
  // document, moved: its path is updated (kUnchanged). doc->name is what is
  // shown; when another document already shows it, parent folders of the
  // path are added until it is unique.
  virtual Result<PutOutcome> Put(Document* doc) = 0;

  // Put for a large document whose annotations are stored while they are
  // produced, so that they are never all held at once. Writes the document
  // as Put does; then, unless that is kUnchanged, calls `produce`, which
  // extracts the document and hands its mentions, timexes and events to the
  // writer in pieces (extract::PassageOptions::on_output); then stores what
  // `produce` left in *doc (paragraphs, sentences, entities). All in one
  // write, all or nothing like Put's: when `produce` or a write fails,
  // nothing of the document is stored, and `produce`'s own failure is
  // returned as it is (a write's is named as Put names it).
  // REQUIRES: `produce` leaves no mentions, timexes or events in *doc.
  // The default (for test doubles) gathers the pieces into *doc, then Puts.
  using Produce = std::function<Status(AnnotationWriter& writer)>;
  virtual Result<PutOutcome> PutStreaming(Document* doc, const Produce& produce) {
    struct Gather final : AnnotationWriter {
      Document* doc;
      explicit Gather(Document* d) : doc(d) {}
      Status Append(const Document& part) override {
        doc->mentions.insert(doc->mentions.end(), part.mentions.begin(), part.mentions.end());
        doc->timexes.insert(doc->timexes.end(), part.timexes.begin(), part.timexes.end());
        doc->events.insert(doc->events.end(), part.events.begin(), part.events.end());
        return Status::OK();
      }
    } gather(doc);
    if (Status st = produce(gather); !st.ok()) return st;
    return Put(doc);
  }

  virtual Result<std::vector<DocumentInfo>> ListDocuments() = 0;
  // By id ("d3"), by name as shown or by path; NotFound otherwise.
  virtual Result<DocumentInfo> FindDocument(std::string_view id_or_name) = 0;
  // The current version's full Document: metadata, text, sections, parts,
  // paragraphs, sentences, and (when with_annotations) mentions, entities,
  // timexes and events. Tokens are not stored; re-segment if needed.
  virtual Result<Document> LoadDocument(std::string_view id, bool with_annotations) = 0;
  // What resolution reads of a document (resolve::UpdateStore), so that a
  // large document's annotations cost it as little as they can: the same as
  // LoadDocument(id, true), except that of the mentions that carry a name
  // split (a surname or a given name) only the first of each entity's
  // surface forms (in LocalEntity::mentions order) is loaded, the one whose
  // split resolution reads, and each LocalEntity::mentions entry indexes
  // those, or is kNoMention for a mention not loaded (so every entity keeps
  // its count of mentions); and only the
  // timexes in an event mention's sentence or quote. The arrays are sized
  // exactly, with no room left from growing.
  static constexpr uint32_t kNoMention = UINT32_MAX;
  virtual Result<Document> LoadForResolution(std::string_view id) {
    return LoadDocument(id, /*with_annotations=*/true);
  }

  // Full-text search over current versions, best first. The query syntax is
  // FTS5's, made safe (ToFtsQuery): words (all must match), "quoted
  // phrases", word* for a prefix, OR and NOT (upper case) between terms.
  virtual Result<std::vector<SearchHit>> Search(std::string_view query, int limit) = 0;
  // The same query, one page at a time with a total (see SearchOptions for
  // the bound on its cost). The default pages over Search (for test doubles).
  virtual Result<SearchResults> SearchPage(std::string_view query, const SearchOptions& options) {
    const int limit = options.limit > 0 ? options.limit : 20;
    auto all = Search(query, options.max_ranked);
    if (!all.ok()) return all.status();
    SearchResults out;
    for (SearchHit& h : *all) {
      if (options.keep && !options.keep(h.doc_id)) continue;
      if (out.total++ < options.offset || static_cast<int>(out.hits.size()) >= limit) continue;
      out.hits.push_back(std::move(h));
    }
    out.total_exact = static_cast<int>(all->size()) < options.max_ranked;
    return out;
  }

  // Resolved facts: replaced as a whole in one transaction, which also marks
  // them as computed from the store's current generation.
  virtual Status ReplaceFacts(const FactBase& facts, const std::vector<EntityLink>& links) = 0;
  // The same, but only when the store is still at `generation` (read in the
  // snapshot the facts were computed from); false, and nothing written, when
  // another writer changed documents or corrections since. `ids` are added
  // to (or updated in) the entity id registry.
  // (The defaults below suit stores without generations, such as tests' fakes.)
  virtual Result<bool> ReplaceFactsIfCurrent(uint64_t generation, const FactBase& facts,
                                             const std::vector<EntityLink>& links,
                                             const std::vector<EntityIdRecord>& ids) {
    (void)generation;
    (void)ids;
    Status st = ReplaceFacts(facts, links);
    if (!st.ok()) return st;
    return true;
  }
  // ReplaceFactsIfCurrent for facts made in pieces (resolution's fused
  // events, one batch of persons at a time), so that they are never all
  // held at once: writes `facts` (its entities, and any events and
  // conflicts it holds), `links` and `ids`, and returns the open write, to
  // which the caller appends the events and conflicts that follow; all in
  // one transaction, which holds the store's write lock until Commit (or
  // the write's destruction, which rolls everything back). Returns null,
  // and writes nothing, when the store is no longer at `generation`.
  // The default (for test doubles) gathers the pieces, and its Commit calls
  // ReplaceFactsIfCurrent.
  virtual Result<std::unique_ptr<FactsWrite>> BeginReplaceFacts(
      uint64_t generation, const FactBase& facts, const std::vector<EntityLink>& links,
      const std::vector<EntityIdRecord>& ids);
  virtual Result<std::vector<EntityIdRecord>> LoadEntityIds() {
    return std::vector<EntityIdRecord>{};
  }

  // Reads through a memory map of up to `bytes` of the file (SQLite's
  // mmap_size; 0 turns it off): connections that read much share the
  // system's cached pages instead of each copying them into a page cache of
  // its own. For long-lived readers such as the server's; writes are not
  // mapped. A no-op for stores without a file.
  virtual Status MapForReading(uint64_t bytes) {
    (void)bytes;
    return Status::OK();
  }

  // Gives the memory of the connection's page cache back (its pages are
  // read again from the file when next needed): for a caller about to need
  // much memory of its own after a long read or write, such as resolution
  // after loading what it reads, so that the cache (up to 32 MB) and the
  // caller's arrays are not held at once. A no-op for stores without one.
  virtual Status ReleaseMemory() { return Status::OK(); }

  // Counts writes that change what resolution reads (a stored document, a
  // correction). Each such write bumps it in its own transaction.
  virtual Result<uint64_t> Generation() { return uint64_t{0}; }
  // True while the stored facts were not computed from the current
  // generation: a resolution is pending (its process died or still runs).
  virtual Result<bool> FactsStale() { return false; }

  // A read snapshot: every read between BeginRead and EndRead sees the
  // store as it was at BeginRead, whatever other processes commit meanwhile.
  // Not inside a batch.
  virtual Status BeginRead() { return Status::OK(); }
  virtual Status EndRead() { return Status::OK(); }
  virtual Result<FactBase> LoadFacts() = 0;
  virtual Result<std::vector<EntityLink>> LoadLinks() = 0;

  virtual Status AddCorrection(const Correction& c) = 0;
  // An analyst's `cairn protect` (true) or `unprotect` (false) of the entity
  // with this key (resolve::EntityKey); the latest word on a key holds and
  // outlives re-resolution. Bumps the generation.
  virtual Status SetProtection(const std::string& key, bool is_protected) {
    (void)key;
    (void)is_protected;
    return Status::Unsupported("this store keeps no protections");
  }
  virtual Result<std::vector<std::pair<std::string, bool>>> LoadProtections() {
    return std::vector<std::pair<std::string, bool>>{};
  }
  // What redacted output needs: the store's secret pseudonym key (created
  // with the store, never changed) and the `ingest --protect-all` policy.
  // A store without one returns an empty secret (redaction then keys the
  // pseudonyms with a per-process random key: safe, but not stable).
  virtual Result<RedactionSettings> LoadRedaction() { return RedactionSettings{}; }
  // Turns protect-all on (with its allow-list of names) or off. Bumps the
  // generation, so the next resolution applies it.
  virtual Status SetProtectAll(bool on, const std::vector<std::string>& allow) {
    (void)on;
    (void)allow;
    return Status::Unsupported("this store keeps no protection policy");
  }
  // The corrections in force, in the order they were made (what resolution
  // applies).
  virtual Result<std::vector<Correction>> LoadCorrections() = 0;
  // Every correction, undone ones too, oldest first.
  virtual Result<std::vector<CorrectionRecord>> ListCorrections() { return Unsupported(); }
  // Stops applying correction `id`; NotFound when there is none,
  // InvalidArgument when it is undone already.
  virtual Status UndoCorrection(int64_t /*id*/) { return Unsupported(); }

  // Conflict decisions: added, listed (undone ones too, oldest first), undone.
  virtual Result<int64_t> AddDecision(const ConflictDecision& /*d*/) { return Unsupported(); }
  virtual Result<std::vector<ConflictDecision>> ListDecisions() { return Unsupported(); }
  virtual Status UndoDecision(int64_t /*id*/) { return Unsupported(); }

  virtual Status AppendAudit(const AuditEntry& /*e*/) { return Unsupported(); }
  // The latest `limit` entries, newest first.
  virtual Result<std::vector<AuditEntry>> ListAudit(int /*limit*/) { return Unsupported(); }

  // Every stored version of a document, oldest first (text not included;
  // version, sha256, title, date, author, language, format, text_bytes and
  // ingested_at are the version's own).
  virtual Result<std::vector<DocumentInfo>> ListVersions(std::string_view /*doc_id*/) {
    return Unsupported();
  }

  // Group commit, for bulk ingest. Between BeginBatch and CommitBatch every
  // write is still all or nothing (a savepoint of the batch's transaction:
  // a write that fails leaves no trace and the batch goes on), but the
  // batch's writes become durable, and visible to other connections,
  // together at CommitBatch. A crash or a store destroyed before CommitBatch
  // loses the batch's writes, whole documents only, never part of one; when
  // SQLite itself abandons the transaction (disk full, I/O error) the failing
  // write's error says so, and CommitBatch returns IOError. A commit per
  // document cost FTS5 a segment flush and SQLite a WAL commit each time:
  // most of what ingest spent in the store.
  virtual Status BeginBatch() = 0;
  virtual Status CommitBatch() = 0;  // OK and nothing done when no batch is open

 private:
  // The review calls have defaults so that test doubles need not implement them.
  static Status Unsupported() { return Status::Unsupported("this store keeps no review records"); }
};

// Store::BeginReplaceFacts' default: the pieces gathered, then one
// ReplaceFactsIfCurrent.
class GatheredFactsWrite final : public FactsWrite {
 public:
  GatheredFactsWrite(Store* store, uint64_t generation, FactBase facts,
                     std::vector<EntityLink> links, std::vector<EntityIdRecord> ids)
      : store_(store),
        generation_(generation),
        facts_(std::move(facts)),
        links_(std::move(links)),
        ids_(std::move(ids)) {}
  Status Append(const std::vector<EventRecord>& events,
                const std::vector<ConflictRecord>& conflicts) override {
    facts_.events.insert(facts_.events.end(), events.begin(), events.end());
    facts_.conflicts.insert(facts_.conflicts.end(), conflicts.begin(), conflicts.end());
    return Status::OK();
  }
  Result<bool> Commit() override {
    return store_->ReplaceFactsIfCurrent(generation_, facts_, links_, ids_);
  }

 private:
  Store* store_;
  uint64_t generation_;
  FactBase facts_;
  std::vector<EntityLink> links_;
  std::vector<EntityIdRecord> ids_;
};

inline Result<std::unique_ptr<FactsWrite>> Store::BeginReplaceFacts(
    uint64_t generation, const FactBase& facts, const std::vector<EntityLink>& links,
    const std::vector<EntityIdRecord>& ids) {
  return std::unique_ptr<FactsWrite>(
      std::make_unique<GatheredFactsWrite>(this, generation, facts, links, ids));
}

}  // namespace cairn::store
