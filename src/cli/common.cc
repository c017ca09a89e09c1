#include "cli/common.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

namespace cairn::cli {

void PrintError(const std::string& msg) { std::fprintf(stderr, "cairn: %s\n", msg.c_str()); }

int Fail(const Status& st, int code) {
  PrintError(st.message().empty() ? st.ToString() : st.message());
  return code;
}

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& db, bool must_exist) {
  if (db.empty()) return Status::InvalidArgument("no store given: use --db DB or set CAIRN_DB");
  if (must_exist) {
    std::error_code ec;
    if (!std::filesystem::exists(db, ec)) {
      return Status::NotFound(db + ": no such store (create it with `cairn ingest --db " + db +
                              " PATH...`)");
    }
  }
  return store::Store::Open(db);
}

Result<std::unique_ptr<store::Store>> OpenStoreForReading(const std::string& db) {
  if (db.empty()) return Status::InvalidArgument("no store given: use --db DB or set CAIRN_DB");
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return OpenStore(db, /*must_exist=*/true);
  std::filesystem::path dir = std::filesystem::absolute(db, ec).parent_path();
  const bool writable = ::access(db.c_str(), W_OK) == 0 && ::access(dir.c_str(), W_OK) == 0;
  auto st = store::Store::Open(
      db, writable ? store::Store::Mode::kReadWrite : store::Store::Mode::kReadOnly);
  if (!st.ok()) return st;
  auto stale = (*st)->FactsStale();
  if (!stale.ok()) return stale.status();
  if (*stale) {
    PrintError(db +
               ": warning: the facts are stale (the last resolution did not finish); run "
               "`cairn ingest` on any path to complete it");
  }
  return st;
}

}  // namespace cairn::cli
