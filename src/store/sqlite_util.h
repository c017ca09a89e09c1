// Internal to store/: thin RAII wrappers over the SQLite C API.
//
// Stmt owns one prepared statement; Bind* are 1-based like SQLite's; Step
// returns true while rows remain. Errors become Status values carrying the
// database's own message. Not thread-safe (a connection is used by one
// thread at a time).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace cairn::store::internal {

class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
  Stmt& operator=(Stmt&& o) noexcept {
    if (this != &o) {
      sqlite3_finalize(st_);
      db_ = o.db_;
      st_ = o.st_;
      o.st_ = nullptr;
    }
    return *this;
  }
  ~Stmt() { sqlite3_finalize(st_); }

  // Prepares `sql` on `db`; on failure the returned Status names the SQL error.
  static Result<Stmt> Prepare(sqlite3* db, std::string_view sql);

  Stmt& Bind(int i, int64_t v) {
    Check(sqlite3_bind_int64(st_, i, v));
    return *this;
  }
  Stmt& Bind(int i, double v) {
    Check(sqlite3_bind_double(st_, i, v));
    return *this;
  }
  Stmt& Bind(int i, std::string_view v) {
    Check(sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
  }
  // Binds without copying: `v` must stay alive and unchanged until the
  // statement has run and been reset (Reset() clears the binding). For a
  // document's text, which would otherwise be held twice.
  Stmt& BindStatic(int i, std::string_view v) {
    Check(sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8));
    return *this;
  }
  // Copies the bytes unless `keep` (then they must outlive the run, as
  // for BindStatic).
  Stmt& BindBlob(int i, const void* data, size_t size, bool keep = false) {
    Check(sqlite3_bind_blob64(st_, i, data, size, keep ? SQLITE_STATIC : SQLITE_TRANSIENT));
    return *this;
  }
  // A BLOB of `size` zero bytes, to be filled in place (WriteBlob).
  Stmt& BindZeroBlob(int i, uint64_t size) {
    Check(sqlite3_bind_zeroblob64(st_, i, size));
    return *this;
  }
  Stmt& BindNull(int i) {
    Check(sqlite3_bind_null(st_, i));
    return *this;
  }
  Stmt& Bind(int i, std::optional<int32_t> v) {
    return v ? Bind(i, static_cast<int64_t>(*v)) : BindNull(i);
  }
  Stmt& Bind(int i, std::optional<double> v) { return v ? Bind(i, *v) : BindNull(i); }
  // Empty strings are stored as NULL (for optional ids and names).
  Stmt& BindOrNull(int i, std::string_view v) { return v.empty() ? BindNull(i) : Bind(i, v); }

  // One step: true when a row is available, false when done. Errors land in
  // *status (which must be OK on entry to mean anything).
  bool Step(Status* status);
  // Runs to completion, for statements returning no rows.
  Status Run();
  void Reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
    bind_rc_ = SQLITE_OK;
  }

  int64_t Int(int col) const { return sqlite3_column_int64(st_, col); }
  double Real(int col) const { return sqlite3_column_double(st_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
    if (p == nullptr) return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(st_, col)));
  }
  std::string_view Blob(int col) const {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(st_, col));
    if (p == nullptr) return {};
    return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st_, col)));
  }
  std::optional<int32_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return static_cast<int32_t>(Int(col));
  }
  std::optional<double> OptReal(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Real(col);
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK && bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  }
  sqlite3* db_ = nullptr;
  sqlite3_stmt* st_ = nullptr;
  int bind_rc_ = SQLITE_OK;
};

// Writes `bytes` into the BLOB at table.column of row `rowid` (made with
// BindZeroBlob of the same size, as the row's last column) in pieces of
// `piece` bytes, so SQLite never holds a copy of the whole value.
Status WriteBlob(sqlite3* db, const char* table, const char* column, int64_t rowid,
                 std::string_view bytes, size_t piece = 1 << 20);

// Runs one or more statements with no results (sqlite3_exec).
Status Exec(sqlite3* db, const char* sql);

// A Status for SQLite error `rc` on `db`, prefixed with `what`.
Status SqlError(sqlite3* db, int rc, std::string_view what);

}  // namespace cairn::store::internal
