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
    row_starts_.push_back(names_.size());
    for (const std::string& n : row.lowered) {
      names_ += n;
      names_ += '\0';
    }
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

std::vector<char> PeopleTable::Keeps(const std::string& needle) const {
  std::vector<char> keeps(rows_.size(), needle.empty() ? 1 : 0);
  if (needle.empty()) return keeps;
  if (needle.find('\0') != std::string::npos) {  // would match across names: each name
    for (size_t i = 0; i < rows_.size(); ++i)
      for (const std::string& n : rows_[i].lowered)
        if (n.find(needle) != std::string::npos) keeps[i] = 1;
    return keeps;
  }
  // A match lies within one name (the needle holds no '\0'); the rest of
  // its row need not be searched.
  for (size_t at = names_.find(needle); at != std::string::npos;) {
    const size_t row =
        static_cast<size_t>(std::upper_bound(row_starts_.begin(), row_starts_.end(), at) -
                            row_starts_.begin()) -
        1;
    keeps[row] = 1;
    if (row + 1 >= row_starts_.size()) break;
    at = names_.find(needle, row_starts_[row + 1]);
  }
  return keeps;
}

Result<std::string> PeopleTable::Page(const views::PeopleQuery& q, size_t* total) const {
  const std::string sort = q.sort.empty() ? "events" : q.sort;
  const auto key = std::find(kKeys.begin(), kKeys.end(), std::string_view(sort));
  // An unknown key: the view's own error.
  if (key == kKeys.end()) return views::People(FactBase{}, true, q, total);
  const std::vector<uint32_t>& order =
      orders_[static_cast<size_t>(key - kKeys.begin()) + (q.reverse ? kKeys.size() : 0)];
  const std::vector<char> keeps = Keeps(AsciiLower(q.filter));
  std::string out;
  size_t kept = 0, shown = 0;
  for (uint32_t i : order) {
    if (!keeps[i]) continue;
    const size_t at = kept++;
    if (at < q.offset || (q.limit != 0 && shown >= q.limit)) continue;
    out += shown++ == 0 ? "[\n" : ",\n";
    out += rows_[i].json;
  }
  if (total != nullptr) *total = kept;
  out += shown == 0 ? "[]\n" : "\n]\n";
  return out;
}

}  // namespace cairn::server
