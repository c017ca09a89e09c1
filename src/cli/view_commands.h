// The CLI's read views over resolved facts and the analysts' corrections.
//
// Thin front ends: each opens the store, loads the FactBase and calls
// views/ or resolve/; errors become one line on stderr and an exit code.
#pragma once

#include <ostream>
#include <string>

#include "core/status.h"
#include "export/export.h"
#include "store/store.h"
#include "views/views.h"

namespace cairn::cli {

enum class View { kPerson, kTimeline, kRoute, kConflicts, kPeople };

// Prints a view. `name` may be empty for kConflicts (all), kTimeline (all)
// and kPeople. With `redact`, protected identities are withheld as in
// `export --redact` (the name is still looked up among the real names).
// Returns the process exit code.
// `people` is the page of the people list kPeople prints (all by default).
int RunViewCommand(const std::string& db, View view, const std::string& name, bool json,
                   bool geojson, bool redact = false, const views::PeopleQuery& people = {});

// `cairn merge A B`: B's entity folds into A's; persists across ingests.
int RunMergeCommand(const std::string& db, const std::string& keep, const std::string& fold);

// `cairn split ENTITY DOC`: that document's mentions leave the entity.
int RunSplitCommand(const std::string& db, const std::string& entity, const std::string& doc);

// `cairn corrections`: every correction (c<N>: merge, split) and conflict
// decision (r<N>), with who and when, and whether it was undone.
int RunCorrectionsCommand(const std::string& db, bool json);

// `cairn undo ID`: stops applying correction c<N> (or N) or decision r<N>,
// and re-resolves so the facts are as if it had never been made.
int RunUndoCommand(const std::string& db, const std::string& id);

// `cairn protect NAME` / `cairn unprotect NAME`: the analyst's word on
// whether a person's identity is withheld; persists across ingests.
int RunProtectCommand(const std::string& db, const std::string& name, bool is_protected);

// Every person's route as one GeoJSON FeatureCollection (LineStrings and
// Points); protected identities withheld with `redact`.
Status WriteRoutesGeojson(store::Store& store, std::ostream& out, bool redact = false);
Status WriteRoutesGeojson(store::Store& store, std::ostream& out,
                          const exporter::ExportOptions& options);

}  // namespace cairn::cli
