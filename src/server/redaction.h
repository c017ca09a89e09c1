// The server's one call into redaction (export/redact.h today), so that a
// redaction layer replacing it changes this file only.
#pragma once

#include <string>
#include <vector>

#include "core/facts.h"

namespace cairn::server {

// Returns `facts` as the partner view shows them (protected persons as
// "[withheld ID]", their names masked in quotes and explanations), and masks
// every name of `facts`' protected persons in `texts` in place, byte for
// byte, so offsets into them stay valid.
FactBase Redact(const FactBase& facts, std::vector<std::string>* texts = nullptr);

}  // namespace cairn::server
