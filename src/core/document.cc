#include "core/document.h"

#include <algorithm>

namespace cairn {

const char* EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "person";
    case EntityType::kPlace: return "place";
    case EntityType::kOrganization: return "organization";
    case EntityType::kWork: return "work";
  }
  return "person";
}

const Part* Document::PartAt(uint32_t off) const {
  const Part* best = nullptr;
  for (const Part& p : parts) {
    if (!p.span.Contains(off)) continue;
    // Innermost wins: the smallest span that holds the offset.
    if (best == nullptr || p.span.size() < best->span.size()) best = &p;
  }
  return best;
}

std::optional<Day> Document::ReferenceDateAt(uint32_t off) const {
  const Part* best = nullptr;
  for (const Part& p : parts) {
    if (!p.span.Contains(off) || !p.date) continue;
    if (best == nullptr || p.span.size() < best->span.size()) best = &p;
  }
  if (best != nullptr) return best->date;
  return date;
}

const Page* Document::PageRecordAt(uint32_t off) const {
  if (pages.empty()) return nullptr;
  // The last page starting at or before `off`: a byte at a boundary belongs
  // to the page whose text it begins.
  auto it = std::upper_bound(pages.begin(), pages.end(), off,
                             [](uint32_t o, const Page& p) { return o < p.span.begin; });
  if (it == pages.begin()) return &pages.front();
  --it;
  return &*it;
}

int Document::PageAt(uint32_t off) const {
  const Page* p = PageRecordAt(off);
  return p == nullptr ? 0 : static_cast<int>(p - pages.data()) + 1;
}

int Document::SentenceAt(uint32_t off) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), off,
                             [](uint32_t o, const Sentence& s) { return o < s.span.begin; });
  if (it == sentences.begin()) return -1;
  --it;
  if (!it->span.Contains(off)) return -1;
  return static_cast<int>(it - sentences.begin());
}

}  // namespace cairn
