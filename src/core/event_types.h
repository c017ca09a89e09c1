// The event types of the facts export and what each type is: how often it
// happens in a life, whether it is a movement, the roles it takes, whether it
// lasts, and the phrase explanations write for it.
//
// data/event_types.tsv is the one table (its header describes the columns);
// every stage reads it through this header instead of keeping its own list.
// An EventTypeTable is immutable once built and safe to share between threads;
// Default() is built once, on first use, from the embedded file.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace cairn {

// How often an event of a type happens in one life; the resolver fuses and
// compares claims by it.
enum class Occurrence {
  kOnce,         // birth, death: two dates of it conflict
  kUsuallyOnce,  // defection, divorce: documents telling one most likely tell the same one
  kRepeatable,   // employment, arrest: claims are the same one only on the same object or place
};

struct EventTypeInfo {
  std::string type;  // the spec's name: "border_crossing"
  Occurrence occurrence = Occurrence::kRepeatable;
  bool movement = false;           // a journey from one place to another: a stop on a route
  bool state = false;              // holds over an interval (a job, a stay), not a point in time
  bool shared = false;             // a person named as its object has the same event (a spouse)
  std::vector<std::string> roles;  // fields that matter besides the date: place, from, to, ...
  std::string verb;                // "crossed a border"

  bool Takes(std::string_view role) const;
};

class EventTypeTable {
 public:
  // Reads a table in the format of data/event_types.tsv. A bad row is an
  // InvalidArgument naming the file, line, column and value
  // ("event_types.tsv:12: column 'movement': 'maybe' is not one of yes|no").
  static Result<EventTypeTable> FromTsv(std::string_view file_name, std::string_view tsv);
  // The table of the embedded data/event_types.tsv. One that fails to read is
  // reported on standard error and is empty (the tests check the embedded file).
  static const EventTypeTable& Default();

  // The type named `type`, or nullptr when there is none.
  const EventTypeInfo* Find(std::string_view type) const;
  // Every type, in the table's order.
  const std::vector<EventTypeInfo>& All() const { return types_; }

  EventTypeTable() = default;
  EventTypeTable(const EventTypeTable& o) : types_(o.types_) { Index(); }
  EventTypeTable(EventTypeTable&& o) noexcept : types_(std::move(o.types_)) { Index(); }
  EventTypeTable& operator=(EventTypeTable o) noexcept;

 private:
  void Index();
  std::vector<EventTypeInfo> types_;
  std::unordered_map<std::string_view, size_t> by_name_;  // views into types_
};

// EventTypeTable::Default().Find(type) and .All().
const EventTypeInfo* EventType(std::string_view type);
const std::vector<EventTypeInfo>& EventTypes();

}  // namespace cairn
