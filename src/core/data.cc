#include "core/data.h"

namespace cairn::data {

std::vector<std::vector<std::string_view>> ParseTsv(std::string_view contents) {
  std::vector<std::vector<std::string_view>> rows;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t nl = contents.find('\n', pos);
    if (nl == std::string_view::npos) nl = contents.size();
    std::string_view line = contents.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    size_t f = 0;
    while (true) {
      size_t tab = line.find('\t', f);
      if (tab == std::string_view::npos) {
        fields.push_back(line.substr(f));
        break;
      }
      fields.push_back(line.substr(f, tab - f));
      f = tab + 1;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace cairn::data
