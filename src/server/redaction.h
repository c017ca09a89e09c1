// The server's one call into redaction (export/redact.h today), so that a
// redaction layer replacing it changes this file only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/facts.h"

namespace cairn::server {

// Returns `facts` as the partner view shows them (protected persons under
// their pseudonyms keyed by `secret`, the store's redaction key; their names
// masked in quotes and explanations), and masks every name of `facts`'
// protected persons in `texts` in place, byte for byte, so offsets into them
// stay valid.
FactBase Redact(const FactBase& facts, std::string_view secret,
                std::vector<std::string>* texts = nullptr);

}  // namespace cairn::server
