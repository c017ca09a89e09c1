// Read-only views over the resolved facts, for the CLI and other front ends.
//
// Every view takes a FactBase and returns the whole output as a string:
// plain text by default, JSON when `json` is true (UTF-8, 2-space indent).
// A NAME may be an entity id ("e3") or any name, alias or spelling of a
// person ("Kim Jong Il", "Kim Jong-il", "김정일", "Jong-il"): names are
// compared by their romanization keys (resolve/romanize.h). A NAME that fits
// several people yields Status::Ambiguous whose message lists the candidates
// ("e1 Kim Myong-hui (3 documents); e7 Kim Chol-su (1 document)"); no
// match yields Status::NotFound.
//
// Dates print at the precision the evidence has: "1997-04", "1957..1958",
// "1996-12..1997-02", "before 2004", "?".
//
// Pure functions; safe to call from many threads on one const FactBase.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/facts.h"
#include "core/status.h"

namespace cairn::views {

// The person (or, failing that, other entity) NAME refers to.
Result<const EntityRecord*> FindEntity(const FactBase& facts, std::string_view name);

// Canonical name, aliases, documents, and every event with its date, places
// and sources, then the person's conflicts.
Result<std::string> Person(const FactBase& facts, std::string_view name, bool json);

// The person's events in date order (undated events after the dated event
// they follow in their document). An empty NAME lists everyone's events.
Result<std::string> Timeline(const FactBase& facts, std::string_view name, bool json);

// What Person and Timeline print with `json`, as values: for front ends that
// add to them before printing (the server), so they need not parse the text.
Result<nlohmann::ordered_json> PersonJson(const FactBase& facts, std::string_view name);
Result<nlohmann::ordered_json> TimelineJson(const FactBase& facts, std::string_view name);

// The person's movements (border_crossing, defection, relocation, return,
// repatriation) in date and document order, as ordered stops with countries
// and coordinates. With `geojson`, a GeoJSON FeatureCollection: one
// LineString through the stops that have coordinates, then one Point per such
// stop (properties: order, name, country, event type, date).
Result<std::string> Route(const FactBase& facts, std::string_view name, bool json, bool geojson = false);

// Every contradiction, both sides quoted; only NAME's when NAME is not empty.
Result<std::string> Conflicts(const FactBase& facts, std::string_view name, bool json);

// Everyone, with document, event and conflict counts, most events first.
Result<std::string> People(const FactBase& facts, bool json);

// One page of the people list: those whose name or an alias contains
// `filter` (ignoring ASCII case), ordered by `sort` (events, docs,
// conflicts: most first; name: A to Z; `descending` reverses it), from
// `offset`, at most `limit` (0: all). `*total` (when given) gets how many
// the filter keeps. InvalidArgument for an unknown sort key.
struct PeopleQuery {
  std::string filter;
  std::string sort = "events";
  bool reverse = false;
  size_t offset = 0;
  size_t limit = 0;
};
Result<std::string> People(const FactBase& facts, bool json, const PeopleQuery& query,
                           size_t* total = nullptr);

}  // namespace cairn::views
