#include "store/schema.h"

namespace cairn::store::internal {
namespace {

// Migration 1: documents and their versions, segmentation of the current
// version, the full-text index, per-document extraction results, resolved
// facts, entity links and corrections.
//
// Offsets are UTF-8 byte offsets into the current version's text; dates are
// day numbers (days since 1970-01-01, see core/date.h), NULL when unknown;
// lists are JSON arrays. Everything derived from a document's current
// version (sentences, extraction, links, the FTS row) is replaced when a new
// version arrives; the old version's row in `versions` (with its text) stays.
constexpr const char kMigration1[] = R"sql(
CREATE TABLE documents (
  id       INTEGER PRIMARY KEY,            -- exported as "d<id>"
  name     TEXT NOT NULL UNIQUE CHECK (name <> ''),
  path     TEXT NOT NULL,
  version  INTEGER NOT NULL CHECK (version >= 1)
);

CREATE TABLE versions (
  doc          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version      INTEGER NOT NULL CHECK (version >= 1),
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  title        TEXT NOT NULL DEFAULT '',
  date         INTEGER,
  author       TEXT NOT NULL DEFAULT '',
  language     TEXT NOT NULL DEFAULT '',
  format       TEXT NOT NULL DEFAULT '',
  encoding     TEXT NOT NULL DEFAULT '',
  text         TEXT NOT NULL,
  sections     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sections)),
  parts        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(parts)),
  ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (doc, version)
);

-- The current version of each document, as the full-text index sees it.
CREATE VIEW current_text AS
  SELECT d.id AS doc_id, v.title AS title, v.text AS text
  FROM documents d JOIN versions v ON v.doc = d.id AND v.version = d.version;

CREATE VIRTUAL TABLE fts USING fts5(
  title, text,
  content = 'current_text', content_rowid = 'doc_id',
  tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE paragraphs (
  doc         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  begin_byte  INTEGER NOT NULL,
  end_byte    INTEGER NOT NULL,
  CHECK (begin_byte <= end_byte),
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE sentences (
  doc          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,
  begin_byte   INTEGER NOT NULL,
  end_byte     INTEGER NOT NULL,
  first_token  INTEGER NOT NULL,
  end_token    INTEGER NOT NULL,
  paragraph    INTEGER NOT NULL,
  CHECK (begin_byte <= end_byte AND first_token <= end_token),
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE mentions (
  doc         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  type        INTEGER NOT NULL CHECK (type BETWEEN 0 AND 3),
  begin_byte  INTEGER NOT NULL,
  end_byte    INTEGER NOT NULL,
  sentence    INTEGER NOT NULL,
  entity      INTEGER NOT NULL,
  surname     TEXT NOT NULL,
  given       TEXT NOT NULL,
  gazetteer   INTEGER NOT NULL,
  partial     INTEGER NOT NULL,
  CHECK (begin_byte <= end_byte),
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE local_entities (
  doc         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  type        INTEGER NOT NULL CHECK (type BETWEEN 0 AND 3),
  name        TEXT NOT NULL,
  aliases     TEXT NOT NULL CHECK (json_valid(aliases)),
  mentions    TEXT NOT NULL CHECK (json_valid(mentions)),
  country     TEXT NOT NULL,
  place_kind  TEXT NOT NULL,
  lat         REAL,
  lon         REAL,
  gazetteer   INTEGER NOT NULL,
  is_author   INTEGER NOT NULL,
  is_topic    INTEGER NOT NULL,
  protected   INTEGER NOT NULL,
  PRIMARY KEY (doc, idx)
);

CREATE TABLE timexes (
  doc            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  kind           INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),
  begin_byte     INTEGER NOT NULL,
  end_byte       INTEGER NOT NULL,
  sentence       INTEGER NOT NULL,
  earliest       INTEGER,
  latest         INTEGER,
  date_text      TEXT NOT NULL,
  precision      INTEGER NOT NULL,
  age_years      INTEGER NOT NULL,
  duration_days  INTEGER NOT NULL,
  anchored       INTEGER NOT NULL,
  CHECK (begin_byte <= end_byte),
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE event_mentions (
  doc            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  type           TEXT NOT NULL CHECK (type <> ''),
  subject        INTEGER NOT NULL,
  earliest       INTEGER,
  latest         INTEGER,
  date_text      TEXT NOT NULL,
  precision      INTEGER NOT NULL,
  place          INTEGER NOT NULL,
  from_entity    INTEGER NOT NULL,
  to_entity      INTEGER NOT NULL,
  via            INTEGER NOT NULL,
  object         INTEGER NOT NULL,
  detail         TEXT NOT NULL,
  quote_begin    INTEGER NOT NULL,
  quote_end      INTEGER NOT NULL,
  sentence       INTEGER NOT NULL,
  attributed_to  INTEGER NOT NULL,
  hedged         INTEGER NOT NULL,
  trigger_word   TEXT NOT NULL,
  CHECK (quote_begin <= quote_end),
  PRIMARY KEY (doc, idx)
);

-- Resolved facts: replaced as a whole by each resolution run.
CREATE TABLE entities (
  id          TEXT PRIMARY KEY,
  type        INTEGER NOT NULL CHECK (type BETWEEN 0 AND 3),
  name        TEXT NOT NULL,
  aliases     TEXT NOT NULL CHECK (json_valid(aliases)),
  docs        TEXT NOT NULL CHECK (json_valid(docs)),
  country     TEXT NOT NULL,
  place_kind  TEXT NOT NULL,
  lat         REAL,
  lon         REAL,
  protected   INTEGER NOT NULL
);

CREATE TABLE events (
  id             TEXT PRIMARY KEY,
  type           TEXT NOT NULL CHECK (type <> ''),
  subject        TEXT NOT NULL,
  earliest       INTEGER,
  latest         INTEGER,
  date_text      TEXT NOT NULL,
  precision      INTEGER NOT NULL,
  place          TEXT NOT NULL,
  from_entity    TEXT NOT NULL,
  to_entity      TEXT NOT NULL,
  via            TEXT NOT NULL,
  object         TEXT NOT NULL,
  detail         TEXT NOT NULL,
  sources        TEXT NOT NULL CHECK (json_valid(sources)),
  attributed_to  TEXT NOT NULL,
  hedged         INTEGER NOT NULL
);

CREATE TABLE conflicts (
  id           TEXT PRIMARY KEY,
  subject      TEXT NOT NULL,
  type         TEXT NOT NULL,
  field        TEXT NOT NULL,
  claims       TEXT NOT NULL CHECK (json_valid(claims)),
  explanation  TEXT NOT NULL
);

CREATE TABLE entity_links (
  doc     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  local   INTEGER NOT NULL,
  entity  TEXT NOT NULL,
  PRIMARY KEY (doc, local)
) WITHOUT ROWID;
CREATE INDEX entity_links_by_entity ON entity_links(entity);

-- Analysts' corrections: never touched by resolution.
CREATE TABLE corrections (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
  a           TEXT NOT NULL,
  b           TEXT NOT NULL,
  doc         TEXT NOT NULL,
  a_key       TEXT NOT NULL,
  b_key       TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
)sql";

// Migration 2: a document's paragraphs and sentences as two BLOBs in one
// row instead of one row per paragraph and per sentence (the row inserts
// were 40% of a Put). Each BLOB is an array of little-endian uint32:
// paragraphs (begin_byte, end_byte), sentences (begin_byte, end_byte,
// first_token, end_token, paragraph). Documents stored before keep their
// rows in `paragraphs` and `sentences`, which are still read.
// Also: the full-text index merges its segments 16 at a time instead of 4
// (FTS5 'automerge'): one transaction per document writes one small segment
// each, and merging them 4 by 4 rewrote the index many times (store phase
// ~15% faster on 50 MB; searches read a few more segments, same results).
constexpr const char kMigration2[] = R"sql(
CREATE TABLE segmentation (
  doc         INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  paragraphs  BLOB NOT NULL,
  sentences   BLOB NOT NULL
);
INSERT INTO fts(fts, rank) VALUES('automerge', 16);
)sql";

// Migration 3: FTS5 keeps up to 8 MB of pending index data in memory
// before writing a segment (default 1 MB). Ingest now indexes a whole group
// of documents at its commit (store.h, BeginBatch); bigger segments mean
// fewer merges: 20% fewer bytes written for 50 MB of documents, at a fixed
// 8 MB of memory.
constexpr const char kMigration3[] = R"sql(
INSERT INTO fts(fts, rank) VALUES('hashsize', 8388608);
)sql";

// Migration 4: long documents, without their text held twice in memory.
// (a) versions.text becomes the row's last column: SQLite can then take a
// long text in pieces (a zero-filled BLOB written with incremental I/O)
// instead of building the whole row, a second copy, in memory. Such texts
// are stored as a BLOB of their UTF-8 bytes; read them as text.
// (b) A long document is indexed as passages (one FTS row each, rowid
// -(doc << 20 | k)): FTS5 builds a row's whole posting list in memory,
// about 1.3 times its text. `current_text` gives the index a document's
// whole text, or each passage's slice of it (the first with the title).
constexpr const char kMigration4[] = R"sql(
DROP VIEW current_text;
ALTER TABLE versions RENAME COLUMN text TO text_before_4;
ALTER TABLE versions ADD COLUMN text TEXT NOT NULL DEFAULT '';
UPDATE versions SET text = text_before_4;
ALTER TABLE versions DROP COLUMN text_before_4;

CREATE TABLE passages (
  fts_rowid   INTEGER PRIMARY KEY,   -- -(doc << 20 | k) for the k-th passage
  doc         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  begin_byte  INTEGER NOT NULL,
  end_byte    INTEGER NOT NULL,
  CHECK (fts_rowid < 0 AND begin_byte < end_byte)
);
CREATE INDEX passages_by_doc ON passages(doc);

CREATE VIEW current_text AS
  SELECT d.id AS doc_id, v.title AS title, v.text AS text
  FROM documents d JOIN versions v ON v.doc = d.id AND v.version = d.version
  WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.doc = d.id)
  UNION ALL
  SELECT p.fts_rowid, CASE WHEN p.begin_byte = 0 THEN v.title ELSE '' END,
         CAST(substr(CAST(v.text AS BLOB), p.begin_byte + 1, p.end_byte - p.begin_byte) AS TEXT)
  FROM passages p JOIN documents d ON d.id = p.doc
  JOIN versions v ON v.doc = d.id AND v.version = d.version;
)sql";

// Migration 5: what binary formats add to a document's current version:
// its pages (PDF, scans: a JSON array of {"begin", "end", "ocr",
// "confidence"}, byte offsets into the text), the document it was read from
// (an e-mail's attachment names its message) and an e-mail's recipients.
// One row per document that has any of them; replaced with each version.
constexpr const char kMigration5[] = R"sql(
CREATE TABLE document_layout (
  doc         INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  pages       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pages)),
  parent      TEXT NOT NULL DEFAULT '',
  recipients  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recipients))
);
)sql";

// Migration 6 (web review): who made each correction and when it was undone
// (an undone correction is kept, for the record, but no longer applied);
// analysts' decisions on conflicts, keyed by the conflict's subject key, type
// and field so they survive re-resolution; and the audit log of every change
// made through a front end. Touches only these tables.
constexpr const char kMigration6[] = R"sql(
ALTER TABLE corrections ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE corrections ADD COLUMN undone_at TEXT;
CREATE TABLE conflict_decisions (
  id           INTEGER PRIMARY KEY,          -- shown as "r<id>"
  conflict_key TEXT NOT NULL CHECK (conflict_key <> ''),
  conflict_id  TEXT NOT NULL,
  decision     TEXT NOT NULL CHECK (decision IN ('accept', 'resolved', 'unresolvable')),
  value        TEXT NOT NULL DEFAULT '',     -- accept: the claim's value
  note         TEXT NOT NULL DEFAULT '',
  author       TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  undone_at    TEXT
);
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  detail  TEXT NOT NULL DEFAULT ''
);
)sql";

// Migration 7 (reliability): document identity, resolution state, entity
// ids.
// (a) A document is identified by `key`, the canonical path of its file
// (two `transcript.txt` in different folders are two documents); `name` is
// only what is shown (the path relative to the folder given to ingest, made
// unique). Rows stored before keep a NULL key: the first file whose base name
// is theirs claims them, so existing stores keep their documents.
// (b) `store_state`: `generation` counts writes that change what resolution
// reads (documents, corrections); `resolved_generation` is the generation the
// stored facts were computed from. They differ while a resolution is pending
// (its ingest died, or is still running): the next writer completes it.
// (c) `entity_registry`: every entity id ever given out, with the entity key
// it was last given to, so an id is never reused for another entity and an
// entity whose document changed gets its id back.
// (d) `protections`: analysts' `cairn protect` / `unprotect`, by entity key
// (resolve::EntityKey), applied after every resolution.
constexpr const char kMigration7[] = R"sql(
ALTER TABLE documents ADD COLUMN key TEXT;
CREATE UNIQUE INDEX documents_by_key ON documents(key);
CREATE TABLE store_state (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO store_state(name, value)
  VALUES('generation', (SELECT count(*) > 0 FROM documents)), ('resolved_generation', 0);
CREATE TABLE entity_registry (
  id   TEXT PRIMARY KEY,
  key  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO entity_registry(id, key) SELECT id, '' FROM entities;
CREATE TABLE protections (
  key         TEXT PRIMARY KEY,
  protected   INTEGER NOT NULL CHECK (protected IN (0, 1)),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
)sql";

// Migration 8 (protect): what redacted output needs from the store.
// `secret` keys the pseudonyms of protected persons (HMAC-SHA256 of the
// entity id): 32 bytes from SQLite's randomblob(), a ChaCha20 generator
// seeded from the operating system's randomness, drawn once when the store is
// created or migrated, never shown. Without it a pseudonym cannot be traced
// back to its entity; another store gets other pseudonyms. `protect_all`
// (`cairn ingest --protect-all`) withholds every named person but those whose
// name is in `allow` (one name per line); resolution applies it.
constexpr const char kMigration8[] = R"sql(
CREATE TABLE redaction (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  secret       BLOB NOT NULL CHECK (length(secret) = 32),
  protect_all  INTEGER NOT NULL DEFAULT 0 CHECK (protect_all IN (0, 1)),
  allow        TEXT NOT NULL DEFAULT ''
);
INSERT INTO redaction(id, secret) VALUES(1, randomblob(32));
)sql";

constexpr const char* const kAll[] = {kMigration1, kMigration2, kMigration3, kMigration4,
                                      kMigration5, kMigration6, kMigration7, kMigration8};

}  // namespace

std::span<const char* const> Migrations() { return kAll; }

}  // namespace cairn::store::internal
