// Protection policies over resolved facts: protect-all with an allow-list of
// public figures, and the analysts' protect / unprotect by entity key.
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "resolve/resolve.h"
#include "resolve/romanize.h"

namespace cairn::resolve {

void ProtectAll(FactBase* facts, const std::vector<std::string>& allow) {
  // An allowed name matches any spelling, script or order of it: its name
  // key (romanize.h). A one-word name ("Madonna") matches only that word.
  std::set<std::string> allowed;
  for (const std::string& a : allow) {
    const std::string k = KeyName(a).str();
    if (!k.empty()) allowed.insert(k);
  }
  for (EntityRecord& e : facts->entities) {
    if (e.type != EntityType::kPerson || e.protected_identity) continue;
    bool is_allowed = false, named = false;
    auto check = [&](const std::string& n) {
      const std::string k = KeyName(n).str();
      if (k.empty()) return;
      named = true;
      if (allowed.contains(k)) is_allowed = true;
    };
    check(e.name);
    for (const std::string& a : e.aliases) check(a);
    if (named && !is_allowed) e.protected_identity = true;
  }
}

void ApplyProtections(FactBase* facts,
                      const std::vector<std::pair<std::string, bool>>& protections) {
  if (protections.empty()) return;
  std::unordered_map<std::string, bool> by_key(protections.begin(), protections.end());
  for (EntityRecord& e : facts->entities) {
    auto it = by_key.find(EntityKey(e));
    if (it != by_key.end()) e.protected_identity = it->second;
  }
}

}  // namespace cairn::resolve
