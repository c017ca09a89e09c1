// What every `cairn` command shares: the exit codes, the one-line error
// report, and opening the store named by --db.
//
// Exit status: 0 ok; 1 some inputs failed (a file could not be ingested, a
// document or name was not found); 2 usage error (bad flags, empty query);
// 3 store error (cannot open, not a Cairn store, write failed).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace cairn::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputs = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitStore = 3;
inline constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

// "cairn: <msg>" on stderr.
void PrintError(const std::string& msg);
// Reports `st` (its message, or its code when it has none) and returns `code`.
int Fail(const Status& st, int code);
inline int StoreFailure(const Status& st) { return Fail(st, kExitStore); }

// Opens the store. With `must_exist` (read-only commands) a missing file is
// NotFound instead of a new, empty store.
Result<std::unique_ptr<store::Store>> OpenStore(const std::string& db, bool must_exist);

// Opens an existing store for a command that only reads: read-write when
// this process may write the file and its folder (so an old schema is
// migrated), else read-only (a store in a read-only folder still opens).
// Says on stderr when the store's facts are stale (a resolution did not
// finish; the next `cairn ingest` completes it).
Result<std::unique_ptr<store::Store>> OpenStoreForReading(const std::string& db);

}  // namespace cairn::cli
