// The people list of `cairn serve` (GET /api/people), from rows made once.
//
// views::People builds every person, counts every event and conflict and
// prints the page for each request; a PeopleTable does the building,
// counting, sorting and printing once per snapshot of the facts, so that a
// page is a filter over lowercased names and a walk along a sorted order,
// joining rows printed in advance. Its pages are views::People's, byte for
// byte.
//
// Thread-safety: immutable once made; Page may be called from many threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/facts.h"
#include "core/status.h"
#include "views/views.h"

namespace cairn::server {

class PeopleTable {
 public:
  explicit PeopleTable(const FactBase& facts);

  // views::People(facts, /*json=*/true, query, total), from the table.
  Result<std::string> Page(const views::PeopleQuery& query, size_t* total = nullptr) const;

 private:
  // Which rows a filter keeps (1 or 0), by row number.
  std::vector<char> Keeps(const std::string& needle) const;

  struct Row {
    std::vector<std::string> lowered;  // name, then aliases, ASCII lowercase
    std::string json;                  // the row as an element of the printed list
  };
  std::vector<Row> rows_;  // the persons, in entity order
  // Every row's lowered names, each ended by '\0', row after row: a filter
  // is one search through it; row_starts_[i] is where row i's names begin.
  std::string names_;
  std::vector<size_t> row_starts_;
  // Row numbers in the order of each sort key (events, docs, conflicts,
  // name), then of each reversed.
  std::array<std::vector<uint32_t>, 8> orders_;
};

}  // namespace cairn::server
