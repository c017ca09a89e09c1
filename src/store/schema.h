// Internal to store/: the schema as an ordered list of migrations.
//
// Migration i (1-based) takes a store from user_version i-1 to i. Each is
// applied in its own transaction on Open, so a store is always at some whole
// version. Never edit a migration that has shipped: append a new one.
#pragma once

#include <cstdint>
#include <span>

namespace cairn::store::internal {

// 'Crn1': marks an SQLite file as a Cairn store (PRAGMA application_id).
inline constexpr int32_t kApplicationId = 0x43726e31;

// SQL of every migration, in order; kMigrations[0] is migration 1.
std::span<const char* const> Migrations();

}  // namespace cairn::store::internal
