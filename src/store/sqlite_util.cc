#include "store/sqlite_util.h"

#include <algorithm>

namespace cairn::store::internal {

namespace {

// "kb.db: " for the store's file when the error is about the file or its lock
// rather than a statement (a lock held past the wait, a full disk, a
// read-only file): the user must know which store it is.
std::string FilePrefix(sqlite3* db, int primary) {
  if (db == nullptr || !(primary == SQLITE_BUSY || primary == SQLITE_LOCKED ||
                         primary == SQLITE_FULL || primary == SQLITE_READONLY ||
                         primary == SQLITE_IOERR || primary == SQLITE_PERM))
    return "";
  const char* file = sqlite3_db_filename(db, "main");
  if (file == nullptr || *file == '\0') return "";
  return std::string(file) + ": ";
}

// What to do about a lock held past the wait.
std::string BusyHint(int primary) {
  return primary == SQLITE_BUSY
             ? " (another process kept it busy for longer than the wait; CAIRN_LOCK_WAIT "
               "sets the wait in seconds)"
             : "";
}

}  // namespace

Status SqlError(sqlite3* db, int rc, std::string_view what) {
  int primary = rc & 0xff;
  std::string msg = FilePrefix(db, primary);
  msg += what;
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  msg += BusyHint(primary);
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corruption(msg);
  if (primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH || primary == SQLITE_TOOBIG ||
      primary == SQLITE_RANGE) {
    return Status::InvalidArgument(msg);
  }
  if (primary == SQLITE_ERROR) return Status::Internal(msg);
  return Status::IOError(msg);
}

Result<Stmt> Stmt::Prepare(sqlite3* db, std::string_view sql) {
  Stmt s;
  s.db_ = db;
  int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s.st_, nullptr);
  if (rc != SQLITE_OK) return SqlError(db, rc, "preparing SQL");
  return s;
}

bool Stmt::Step(Status* status) {
  if (bind_rc_ != SQLITE_OK) {
    if (status->ok()) *status = SqlError(db_, bind_rc_, "binding a value");
    return false;
  }
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status->ok()) *status = SqlError(db_, rc, "running SQL");
  return false;
}

Status Stmt::Run() {
  Status st;
  while (Step(&st)) {
  }
  sqlite3_reset(st_);
  return st;
}

Status WriteBlob(sqlite3* db, const char* table, const char* column, int64_t rowid,
                 std::string_view bytes, size_t piece) {
  sqlite3_blob* blob = nullptr;
  int rc = sqlite3_blob_open(db, "main", table, column, rowid, /*writable=*/1, &blob);
  if (rc != SQLITE_OK) {
    Status st = SqlError(db, rc, "opening a BLOB for writing");
    sqlite3_blob_close(blob);
    return st;
  }
  for (size_t off = 0; off < bytes.size() && rc == SQLITE_OK; off += piece) {
    size_t n = std::min(piece, bytes.size() - off);
    rc = sqlite3_blob_write(blob, bytes.data() + off, static_cast<int>(n), static_cast<int>(off));
  }
  Status st = rc == SQLITE_OK ? Status::OK() : SqlError(db, rc, "writing a BLOB");
  rc = sqlite3_blob_close(blob);
  if (st.ok() && rc != SQLITE_OK) st = SqlError(db, rc, "closing a BLOB");
  return st;
}

Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::OK();
  int primary = rc & 0xff;
  std::string msg =
      FilePrefix(db, primary) + (err != nullptr ? err : sqlite3_errstr(rc)) + BusyHint(primary);
  sqlite3_free(err);
  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) return Status::Corruption(msg);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::IOError(msg);
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_READONLY ||
      primary == SQLITE_FULL || primary == SQLITE_PERM) {
    return Status::IOError(msg);
  }
  return Status::Internal(msg);
}

}  // namespace cairn::store::internal
