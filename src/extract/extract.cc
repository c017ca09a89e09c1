#include "extract/extract.h"

#include "extract/events.h"
#include "extract/names.h"
#include "extract/protect.h"
#include "extract/timex.h"

namespace cairn::extract {

Status Extract(Document* doc) {
  if (doc == nullptr) return Status::InvalidArgument("extract: no document");
  if (!doc->text.empty() && doc->sentences.empty())
    return Status::InvalidArgument(doc->name + ": extract needs a segmented document");
  NameFinder::Default().Run(doc);
  MarkProtected(doc);
  TimeTagger::Default().Run(doc);
  EventFinder::Default().Run(doc);
  return Status::OK();
}

}  // namespace cairn::extract
