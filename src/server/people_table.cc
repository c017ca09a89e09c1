#include "server/people_table.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

namespace cairn::server {
namespace {

using Json = nlohmann::ordered_json;

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

constexpr std::array<const char*, 4> kKeys = {"events", "docs", "conflicts", "name"};

}  // namespace

PeopleTable::PeopleTable(const FactBase& f) {
  std::unordered_map<std::string, size_t> ev, cf;
  for (const auto& e : f.events) ++ev[e.subject];
  for (const auto& c : f.conflicts) ++cf[c.subject];
  struct Sort {
    const EntityRecord* e;
    size_t events, conflicts;
  };
  std::vector<Sort> keys;
  for (const EntityRecord& e : f.entities) {
    if (e.type != EntityType::kPerson) continue;
    const size_t events = ev[e.id], conflicts = cf[e.id];
    keys.push_back({&e, events, conflicts});
    Row row;
    row.lowered.push_back(AsciiLower(e.name));
    for (const std::string& a : e.aliases) row.lowered.push_back(AsciiLower(a));
    // As views::People prints it (2-space indent), one element of the list:
    // the printed list of this row alone without its brackets' lines.
    const Json one = Json::array({Json{{"id", e.id},
                                       {"name", e.name},
                                       {"aliases", e.aliases},
                                       {"docs", e.docs.size()},
                                       {"events", events},
                                       {"conflicts", conflicts},
                                       {"protected", e.protected_identity}}});
    const std::string printed = one.dump(2, ' ', false, Json::error_handler_t::replace);
    row.json = printed.substr(2, printed.size() - 4);  // "[\n" ... "\n]"
    rows_.push_back(std::move(row));
  }
  // views::People's order: the key (most first; names A to Z), then events,
  // documents and name; reversed, the same comparison the other way round.
  auto usual = [](const Sort& a, const Sort& b) {
    if (a.events != b.events) return a.events > b.events;
    if (a.e->docs.size() != b.e->docs.size()) return a.e->docs.size() > b.e->docs.size();
    return a.e->name < b.e->name;
  };
  for (size_t k = 0; k < kKeys.size(); ++k) {
    auto before = [&](const Sort& a, const Sort& b) {
      switch (k) {
        case 1:
          if (a.e->docs.size() != b.e->docs.size()) return a.e->docs.size() > b.e->docs.size();
          break;
        case 2:
          if (a.conflicts != b.conflicts) return a.conflicts > b.conflicts;
          break;
        case 3:
          if (a.e->name != b.e->name) return a.e->name < b.e->name;
          break;
        default:
          break;
      }
      return usual(a, b);
    };
    for (bool reverse : {false, true}) {
      std::vector<uint32_t>& order = orders_[k + (reverse ? kKeys.size() : 0)];
      order.resize(keys.size());
      for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        return reverse ? before(keys[b], keys[a]) : before(keys[a], keys[b]);
      });
    }
  }
}

Result<std::string> PeopleTable::Page(const views::PeopleQuery& q, size_t* total) const {
  const std::string sort = q.sort.empty() ? "events" : q.sort;
  const auto key = std::find(kKeys.begin(), kKeys.end(), std::string_view(sort));
  // An unknown key: the view's own error.
  if (key == kKeys.end()) return views::People(FactBase{}, true, q, total);
  const std::vector<uint32_t>& order =
      orders_[static_cast<size_t>(key - kKeys.begin()) + (q.reverse ? kKeys.size() : 0)];
  const std::string needle = AsciiLower(q.filter);
  auto keeps = [&](const Row& r) {
    if (needle.empty()) return true;
    for (const std::string& n : r.lowered)
      if (n.find(needle) != std::string::npos) return true;
    return false;
  };
  std::string out;
  size_t kept = 0, shown = 0;
  for (uint32_t i : order) {
    const Row& r = rows_[i];
    if (!keeps(r)) continue;
    const size_t at = kept++;
    if (at < q.offset || (q.limit != 0 && shown >= q.limit)) continue;
    out += shown++ == 0 ? "[\n" : ",\n";
    out += r.json;
  }
  if (total != nullptr) *total = kept;
  out += shown == 0 ? "[]\n" : "\n]\n";
  return out;
}

}  // namespace cairn::server
