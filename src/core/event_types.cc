#include "core/event_types.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/data.h"

namespace cairn {
namespace {

constexpr std::string_view kRoles[] = {"place", "from", "to", "via", "object", "detail"};

bool IsTypeName(std::string_view s) {
  if (s.empty() || s.front() == '_' || s.back() == '_') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// "yes" -> true, "no" -> false, else nothing.
bool YesNo(std::string_view v, bool* out) {
  if (v != "yes" && v != "no") return false;
  *out = v == "yes";
  return true;
}

}  // namespace

bool EventTypeInfo::Takes(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

EventTypeTable& EventTypeTable::operator=(EventTypeTable o) noexcept {
  types_ = std::move(o.types_);
  Index();
  return *this;
}

void EventTypeTable::Index() {
  by_name_.clear();
  for (size_t i = 0; i < types_.size(); ++i) by_name_.emplace(types_[i].type, i);
}

const EventTypeInfo* EventTypeTable::Find(std::string_view type) const {
  auto it = by_name_.find(type);
  return it == by_name_.end() ? nullptr : &types_[it->second];
}

Result<EventTypeTable> EventTypeTable::FromTsv(std::string_view file_name, std::string_view tsv) {
  EventTypeTable table;
  for (const data::TsvRow& row : data::ParseTsvRows(tsv)) {
    const std::vector<std::string_view>& cols = row.fields;
    auto bad = [&](const char* column, std::string_view value, std::string_view want) {
      return data::BadTsvValue(file_name, row.line, column, value, want);
    };
    static constexpr const char* kColumns[] = {"type",   "occurrence", "movement", "roles",
                                               "extent", "shared",     "verb"};
    if (cols.size() < std::size(kColumns)) return bad(kColumns[cols.size()], "", "present");
    if (cols.size() > std::size(kColumns)) return bad("verb", cols[6], "the last column");
    EventTypeInfo t;
    if (!IsTypeName(cols[0])) return bad("type", cols[0], "a name of lowercase letters and _");
    if (table.Find(cols[0]) != nullptr) return bad("type", cols[0], "a type not listed before");
    t.type = std::string(cols[0]);
    if (cols[1] == "once") {
      t.occurrence = Occurrence::kOnce;
    } else if (cols[1] == "usually_once") {
      t.occurrence = Occurrence::kUsuallyOnce;
    } else if (cols[1] == "many") {
      t.occurrence = Occurrence::kRepeatable;
    } else {
      return bad("occurrence", cols[1], "one of once|usually_once|many");
    }
    if (!YesNo(cols[2], &t.movement)) return bad("movement", cols[2], "one of yes|no");
    if (cols[3] != "-") {
      for (size_t pos = 0; pos <= cols[3].size();) {
        size_t end = std::min(cols[3].find('|', pos), cols[3].size());
        std::string_view role = cols[3].substr(pos, end - pos);
        if (std::find(std::begin(kRoles), std::end(kRoles), role) == std::end(kRoles))
          return bad("roles", role, "one of place|from|to|via|object|detail");
        if (t.Takes(role)) return bad("roles", role, "a role listed once");
        t.roles.emplace_back(role);
        pos = end + 1;
      }
    }
    // A journey has an end: a movement without "to" could never be a route stop.
    if (t.movement && !t.Takes("to")) return bad("roles", cols[3], "a list with to (a movement)");
    if (cols[4] != "state" && cols[4] != "point")
      return bad("extent", cols[4], "one of state|point");
    t.state = cols[4] == "state";
    if (!YesNo(cols[5], &t.shared)) return bad("shared", cols[5], "one of yes|no");
    if (cols[6].empty()) return bad("verb", cols[6], "a phrase");
    t.verb = std::string(cols[6]);
    table.types_.push_back(std::move(t));
    table.Index();
  }
  return table;
}

const EventTypeTable& EventTypeTable::Default() {
  static const EventTypeTable* table = [] {
    auto contents = data::Get("event_types.tsv");
    auto built = FromTsv("data/event_types.tsv", contents ? *contents : std::string_view());
    if (!built.ok()) {
      std::fprintf(stderr, "cairn: %s\n", built.status().message().c_str());
      return new EventTypeTable();
    }
    return new EventTypeTable(std::move(built.value()));
  }();
  return *table;
}

const EventTypeInfo* EventType(std::string_view type) {
  return EventTypeTable::Default().Find(type);
}

const std::vector<EventTypeInfo>& EventTypes() { return EventTypeTable::Default().All(); }

}  // namespace cairn
