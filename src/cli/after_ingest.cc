#include "cli/after_ingest.h"

#include "resolve/resolve.h"

namespace cairn::cli {

Status ResolveAfterIngest(store::Store& store) {
  // Rebuilds the resolved facts (entities, fused events, conflicts) from every
  // document's stored extraction results, keeping entity ids stable and
  // honouring analysts' merge/split corrections.
  return resolve::UpdateStore(&store);
}

}  // namespace cairn::cli
