// The cue words of the syntax stage in the benches: the first word of every
// event trigger form (data/event_triggers.tsv), lowercased as written there,
// sorted. A sentence holding none of them is not tagged or parsed
// (syntax::RunOptions::cue_words), as the ingest pipeline's syntax stage did.
#pragma once

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/data.h"

namespace cairn::bench {

inline std::shared_ptr<const std::vector<std::string>> CueWords() {
  auto out = std::make_shared<std::vector<std::string>>();
  for (const auto& row : cairn::data::ParseTsv(*cairn::data::Get("event_triggers.tsv"))) {
    std::string_view forms = row.size() > 1 ? row[1] : std::string_view();
    while (!forms.empty()) {
      size_t bar = forms.find('|');
      std::string_view form = forms.substr(0, bar);
      forms = bar == std::string_view::npos ? std::string_view() : forms.substr(bar + 1);
      out->emplace_back(form.substr(0, form.find(' ')));
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return out;
}

}  // namespace cairn::bench
