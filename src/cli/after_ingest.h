// The single place where corpus-level work runs after an ingest batch.
//
// RunIngest calls ResolveAfterIngest once, after every file of the batch is
// stored and only when at least one document was added or changed. It is
// where cross-document resolution (resolve/) rebuilds the facts:
// store.ReplaceFacts(...) from every document's extraction results, honouring
// store.LoadCorrections().
#pragma once

#include "core/status.h"
#include "store/store.h"

namespace cairn::cli {

// A non-OK Status is a store error (exit status 3 in the CLI).
Status ResolveAfterIngest(store::Store& store);

}  // namespace cairn::cli
