#include "export/redact.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace cairn::exporter {
namespace {

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80 || c == '-'; }

// Every protected surface form, longest first so "Kim Mi-ran" is masked before "Kim".
std::vector<std::string> ProtectedNames(const FactBase& facts) {
  std::vector<std::string> names;
  for (const EntityRecord& e : facts.entities) {
    if (!e.protected_identity) continue;
    names.push_back(e.name);
    for (const std::string& a : e.aliases) names.push_back(a);
  }
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  names.erase(std::remove_if(names.begin(), names.end(),
                             [](const std::string& n) { return n.size() < 2; }),
              names.end());
  return names;
}

// Replaces whole-word occurrences of each name with '*' of the same byte length.
std::string Mask(std::string text, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    size_t pos = 0;
    while ((pos = text.find(n, pos)) != std::string::npos) {
      size_t end = pos + n.size();
      bool left = pos == 0 || !IsWordByte(static_cast<unsigned char>(text[pos - 1]));
      bool right = end >= text.size() || !IsWordByte(static_cast<unsigned char>(text[end]));
      if (left && right) std::fill(text.begin() + static_cast<long>(pos),
                                   text.begin() + static_cast<long>(end), '*');
      pos = end;
    }
  }
  return text;
}

}  // namespace

FactBase Redact(const FactBase& facts) {
  const std::vector<std::string> names = ProtectedNames(facts);
  FactBase out = facts;
  if (names.empty()) return out;
  for (EntityRecord& e : out.entities) {
    if (!e.protected_identity) continue;
    e.name = "[withheld " + e.id + "]";
    e.aliases.clear();
  }
  for (EventRecord& ev : out.events) {
    for (SourceRef& s : ev.sources) s.quote = Mask(s.quote, names);
    ev.detail = Mask(ev.detail, names);
  }
  for (ConflictRecord& c : out.conflicts) {
    c.explanation = Mask(c.explanation, names);
    for (ConflictRecord::Claim& claim : c.claims) {
      claim.value = Mask(claim.value, names);
      for (SourceRef& s : claim.sources) s.quote = Mask(s.quote, names);
    }
  }
  return out;
}

std::vector<store::DocumentInfo> RedactDocuments(const std::vector<store::DocumentInfo>& docs,
                                                 const FactBase& facts) {
  const std::vector<std::string> names = ProtectedNames(facts);
  std::vector<store::DocumentInfo> out = docs;
  for (store::DocumentInfo& d : out) {
    d.title = Mask(d.title, names);
    d.author = Mask(d.author, names);
  }
  return out;
}

}  // namespace cairn::exporter
