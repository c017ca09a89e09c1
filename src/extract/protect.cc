#include "extract/protect.h"

#include <string>
#include <utility>
#include <vector>

#include "core/ascii.h"
#include "core/data.h"

namespace cairn::extract {
namespace {

struct Cue {
  std::string text;
  bool document_wide = false;
};

const std::vector<Cue>& Cues() {
  static const std::vector<Cue>* cues = [] {
    auto* out = new std::vector<Cue>();
    if (auto text = data::Get("protection_cues.tsv")) {
      for (const auto& row : data::ParseTsv(*text)) {
        if (row.empty() || row[0].empty()) continue;
        out->push_back({std::string(row[0]), row.size() > 1 && row[1] == "document"});
      }
    }
    return out;
  }();
  return *cues;
}

}  // namespace

void MarkProtected(Document* doc) {
  const std::vector<Cue>& cues = Cues();
  for (size_t si = 0; si < doc->sentences.size(); ++si) {
    // Cheap gate: every cue holds one of these words.
    const Sentence& sent = doc->sentences[si];
    bool maybe = false;
    static constexpr std::string_view kKeys[] = {"name",     "names",     "anonymity", "anonymous",
                                                  "withheld", "identified", "protect",  "safety",
                                                  "still"};
    for (uint32_t t = sent.first_token; t < sent.end_token && !maybe; ++t) {
      std::string_view w = doc->Slice(doc->tokens[t].span);
      if (w.size() < 4 || w.size() > 10) continue;
      for (std::string_view k : kKeys) {
        if (k.size() != w.size()) continue;
        bool same = true;
        for (size_t c = 0; c < k.size() && same; ++c)
          same = (w[c] | 0x20) == k[c];  // ASCII case-insensitive
        if (same) {
          maybe = true;
          break;
        }
      }
    }
    if (!maybe) continue;
    std::string low = ascii::Lower(doc->Slice(sent.span));
    const Cue* hit = nullptr;
    for (const Cue& c : cues)
      if (low.find(c.text) != std::string::npos) {
        hit = &c;
        if (c.document_wide) break;
      }
    if (hit == nullptr) continue;
    bool marked = false;
    for (const Mention& m : doc->mentions) {
      if (m.sentence != si || m.type != EntityType::kPerson || m.entity < 0) continue;
      doc->entities[m.entity].protected_identity = true;
      marked = true;
    }
    if (hit->document_wide) {
      // "Names have been changed": everyone the document is about.
      for (LocalEntity& e : doc->entities)
        if (e.type == EntityType::kPerson && !e.is_author) e.protected_identity = true;
    } else if (!marked) {
      // "This is not her real name.": the nearest person named before.
      for (size_t k = doc->mentions.size(); k > 0; --k) {
        const Mention& m = doc->mentions[k - 1];
        if (m.type == EntityType::kPerson && m.entity >= 0 && m.sentence < si) {
          doc->entities[m.entity].protected_identity = true;
          break;
        }
      }
    }
  }
}

}  // namespace cairn::extract
