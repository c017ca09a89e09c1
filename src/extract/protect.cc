#include "extract/protect.h"

#include <algorithm>
#include <cstdint>
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

// The sentence as cues are written: lower case, every run of white space
// (line breaks, tabs, U+00A0 no-break spaces) one space, curly apostrophes
// straight. Every cue in data/protection_cues.tsv is tried on it: no word
// list beside the data decides which sentences are looked at.
std::string CueText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      space = true;
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x98 ||
         static_cast<unsigned char>(s[i + 2]) == 0x99)) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += '\'';
      i += 2;
      continue;
    }
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
  return out;
}

void MarkProtected(Document* doc) {
  std::vector<PersonMention> persons;
  for (const Mention& m : doc->mentions) {
    if (m.type == EntityType::kPerson && m.entity >= 0) persons.push_back({m.sentence, m.entity});
  }
  MarkProtected(doc, persons);
}

void MarkProtected(Document* doc, const std::vector<PersonMention>& persons) {
  const std::vector<Cue>& cues = Cues();
  // The person mentions of each sentence, and for each sentence the last
  // person mention (in the mentions' order) of an earlier sentence: one pass
  // over the mentions, so a long document with many cues stays linear.
  const size_t n = doc->sentences.size();
  std::vector<std::vector<uint32_t>> persons_in;
  std::vector<int64_t> last_before(n + 1, -1);
  for (size_t k = 0; k < persons.size(); ++k) {
    const PersonMention& m = persons[k];
    if (m.entity < 0 || m.sentence >= n) continue;
    if (persons_in.empty()) persons_in.resize(n);
    persons_in[m.sentence].push_back(static_cast<uint32_t>(k));
    int64_t& last = last_before[m.sentence + 1];
    last = std::max(last, static_cast<int64_t>(k));
  }
  for (size_t si = 1; si <= n; ++si)
    last_before[si] = std::max(last_before[si], last_before[si - 1]);
  bool document_wide = false;
  for (size_t si = 0; si < n; ++si) {
    const Sentence& sent = doc->sentences[si];
    // A cue may run on into the next sentence when a line break split it
    // ("not her / real name"): it counts for the sentence it starts in.
    std::string low = CueText(doc->Slice(sent.span));
    const size_t own = low.size();
    if (si + 1 < n) {
      low += ' ';
      low += CueText(doc->Slice(doc->sentences[si + 1].span));
    }
    const Cue* hit = nullptr;
    for (const Cue& c : cues) {
      const size_t at = low.find(c.text);
      if (at != std::string::npos && at < own) {
        hit = &c;
        if (c.document_wide) break;
      }
    }
    if (hit == nullptr) continue;
    bool marked = false;
    if (!persons_in.empty()) {
      for (uint32_t k : persons_in[si]) {
        doc->entities[static_cast<size_t>(persons[k].entity)].protected_identity = true;
        marked = true;
      }
    }
    if (hit->document_wide) {
      document_wide = true;
    } else if (!marked && last_before[si] >= 0) {
      // "This is not her real name.": the nearest person named before.
      const size_t k = static_cast<size_t>(last_before[si]);
      doc->entities[static_cast<size_t>(persons[k].entity)].protected_identity = true;
    }
  }
  if (document_wide) {
    // "Names have been changed": everyone the document is about.
    for (LocalEntity& e : doc->entities)
      if (e.type == EntityType::kPerson && !e.is_author) e.protected_identity = true;
  }
}

}  // namespace cairn::extract
