#include "cli/common.h"

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

}  // namespace cairn::cli
