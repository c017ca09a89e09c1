#include "cli/after_ingest.h"

namespace cairn::cli {

Status ResolveAfterIngest(store::Store& store) {
  // TODO(lead): call resolution here once resolve/ lands, e.g.
  //   return resolve::ResolveStore(store);
  // Until then the store holds per-document extraction results only and the
  // export carries no entity/event/conflict records.
  (void)store;
  return Status::OK();
}

}  // namespace cairn::cli
