#include "core/data.h"

#include <string>

namespace cairn::data {

std::vector<TsvRow> ParseTsvRows(std::string_view contents) {
  std::vector<TsvRow> rows;
  size_t pos = 0, line_no = 0;
  while (pos < contents.size()) {
    size_t nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = contents.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    TsvRow row;
    row.line = line_no;
    size_t f = 0;
    while (true) {
      size_t tab = line.find('\t', f);
      if (tab == std::string_view::npos) {
        row.fields.push_back(line.substr(f));
        break;
      }
      row.fields.push_back(line.substr(f, tab - f));
      f = tab + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string_view>> ParseTsv(std::string_view contents) {
  std::vector<std::vector<std::string_view>> rows;
  for (TsvRow& r : ParseTsvRows(contents)) rows.push_back(std::move(r.fields));
  return rows;
}

Status BadTsvValue(std::string_view file, size_t line, std::string_view column,
                   std::string_view value, std::string_view want) {
  return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": column '" +
                                 std::string(column) + "': '" + std::string(value) + "' is not " +
                                 std::string(want));
}

}  // namespace cairn::data
