#include "ingest/layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace cairn::ingest {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

double MedianHeight(const std::vector<PlacedWord>& words, const std::vector<size_t>& idx) {
  std::vector<double> h;
  h.reserve(idx.size());
  for (size_t i : idx) h.push_back(words[i].y1 - words[i].y0);
  return std::max(Median(std::move(h)), 1.0);
}

// Horizontal bands: runs of words whose vertical extents overlap (by more
// than a fifth of the smaller height), top to bottom.
std::vector<std::vector<size_t>> Bands(const std::vector<PlacedWord>& w, std::vector<size_t> idx) {
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    return w[a].y0 != w[b].y0 ? w[a].y0 < w[b].y0 : w[a].x0 < w[b].x0;
  });
  std::vector<std::vector<size_t>> bands;
  double bottom = 0;
  for (size_t i : idx) {
    const double h = w[i].y1 - w[i].y0;
    if (!bands.empty() && w[i].y0 < bottom - 0.2 * h) {
      bands.back().push_back(i);
      bottom = std::max(bottom, w[i].y1);
    } else {
      bands.push_back({i});
      bottom = w[i].y1;
    }
  }
  return bands;
}

using Gap = std::pair<double, double>;

// Empty vertical stretches of a band at least `min_gap` wide, the stretches
// between the node's edges and the band's words included.
std::vector<Gap> BandGaps(const std::vector<PlacedWord>& w, std::vector<size_t> band, double left,
                          double right, double min_gap) {
  std::sort(band.begin(), band.end(), [&](size_t a, size_t b) { return w[a].x0 < w[b].x0; });
  std::vector<Gap> gaps;
  double reach = left;
  for (size_t i : band) {
    if (w[i].x0 - reach >= min_gap) gaps.emplace_back(reach, w[i].x0);
    reach = std::max(reach, w[i].x1);
  }
  if (right - reach >= min_gap) gaps.emplace_back(reach, right);
  return gaps;
}

std::vector<Gap> Intersect(const std::vector<Gap>& a, const std::vector<Gap>& b, double min_gap) {
  std::vector<Gap> out;
  for (const Gap& x : a) {
    for (const Gap& y : b) {
      double lo = std::max(x.first, y.first), hi = std::min(x.second, y.second);
      if (hi - lo >= min_gap) out.emplace_back(lo, hi);
    }
  }
  return out;
}

// Lines of one column: bands, each sorted left to right.
void MakeLines(const std::vector<PlacedWord>& w, const std::vector<size_t>& idx, int column,
               std::vector<PlacedLine>* out) {
  for (std::vector<size_t>& band : Bands(w, idx)) {
    std::sort(band.begin(), band.end(), [&](size_t a, size_t b) { return w[a].x0 < w[b].x0; });
    PlacedLine line;
    line.column = column;
    line.x0 = line.y0 = 1e18;
    line.x1 = line.y1 = -1e18;
    std::vector<double> heights;
    const PlacedWord* prev = nullptr;
    for (size_t i : band) {
      const PlacedWord& x = w[i];
      const double h = x.y1 - x.y0;
      if (prev != nullptr && (prev->space_after || x.x0 - prev->x1 > 0.15 * h)) line.text += ' ';
      line.text += x.text;
      line.x0 = std::min(line.x0, x.x0);
      line.y0 = std::min(line.y0, x.y0);
      line.x1 = std::max(line.x1, x.x1);
      line.y1 = std::max(line.y1, x.y1);
      heights.push_back(h);
      prev = &x;
    }
    line.height = Median(std::move(heights));
    out->push_back(std::move(line));
  }
}

// The recursive cut (depth-bounded): horizontal regions whose bands share a
// vertical gutter are split at it, left column first.
void Cut(const std::vector<PlacedWord>& w, const std::vector<size_t>& idx, int depth,
         int* next_column, std::vector<PlacedLine>* out) {
  if (idx.empty()) return;
  double left = 1e18, right = -1e18;
  for (size_t i : idx) {
    left = std::min(left, w[i].x0);
    right = std::max(right, w[i].x1);
  }
  const double h = MedianHeight(w, idx);
  const double min_gap = 0.9 * h;
  std::vector<std::vector<size_t>> bands = Bands(w, idx);
  std::vector<size_t> pending;
  auto flush = [&] {
    if (pending.empty()) return;
    MakeLines(w, pending, (*next_column)++, out);
    pending.clear();
  };
  size_t b = 0;
  while (b < bands.size()) {
    // The longest run of bands from b with a common interior gutter.
    std::vector<Gap> common = BandGaps(w, bands[b], left, right, min_gap);
    size_t e = b + 1;
    while (e < bands.size()) {
      std::vector<Gap> next =
          Intersect(common, BandGaps(w, bands[e], left, right, min_gap), min_gap);
      bool interior = false;
      for (const Gap& g : next) interior |= g.first > left && g.second < right;
      if (!interior) break;
      common = std::move(next);
      ++e;
    }
    std::vector<size_t> region;
    double top = 1e18, bottom = -1e18;
    for (size_t k = b; k < e; ++k) {
      for (size_t i : bands[k]) {
        region.push_back(i);
        top = std::min(top, w[i].y0);
        bottom = std::max(bottom, w[i].y1);
      }
    }
    // A gutter counts when words lie on both sides of it and it runs long
    // enough not to be a wide space inside one line.
    std::vector<size_t> lhs, rhs;
    if (depth < 6 && (e - b >= 2 || bottom - top >= 3 * h)) {
      for (const Gap& g : common) {
        if (g.first <= left || g.second >= right) continue;
        lhs.clear();
        rhs.clear();
        const double mid = (g.first + g.second) / 2;
        for (size_t i : region) ((w[i].x0 + w[i].x1) / 2 < mid ? lhs : rhs).push_back(i);
        if (!lhs.empty() && !rhs.empty()) break;
      }
    }
    if (!lhs.empty() && !rhs.empty()) {
      flush();
      Cut(w, lhs, depth + 1, next_column, out);
      Cut(w, rhs, depth + 1, next_column, out);
    } else {
      // Uncut regions in a row are one column.
      pending.insert(pending.end(), region.begin(), region.end());
    }
    b = e;
  }
  flush();
}

// The text of a line with every digit run as '#', lowercased, trimmed.
std::string RunningKey(std::string_view s) {
  std::string k;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      if (k.empty() || k.back() != '#') k += '#';
    } else if (std::isspace(c)) {
      if (!k.empty() && k.back() != ' ') k += ' ';
    } else {
      k += static_cast<char>(std::tolower(c));
    }
  }
  while (!k.empty() && k.back() == ' ') k.pop_back();
  return k;
}

bool IsPageNumber(const std::string& key) {
  // "#", "- # -", "page #", "# of #", "page # of #", "#/#", "[#]"
  std::string k;
  for (char c : key) {
    if (c != ' ' && c != '-' && c != '[' && c != ']' && c != '(' && c != ')' && c != '.') k += c;
  }
  return k == "#" || k == "page#" || k == "#of#" || k == "page#of#" || k == "#/#" || k == "p#";
}

bool EndsSentence(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"') return true;
  return s.ends_with("\xE2\x80\x9D") || s.ends_with("\xE3\x80\x82");  // ” 。
}

bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

std::vector<PlacedLine> ReadingOrder(std::vector<PlacedWord> words) {
  std::erase_if(words, [](const PlacedWord& x) {
    return x.text.empty() || !(x.x1 >= x.x0) || !(x.y1 > x.y0) || !std::isfinite(x.x0) ||
           !std::isfinite(x.y0) || !std::isfinite(x.x1) || !std::isfinite(x.y1);
  });
  std::vector<size_t> idx(words.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::vector<PlacedLine> out;
  int column = 0;
  Cut(words, idx, 0, &column, &out);
  return out;
}

void DropRunningLines(std::vector<std::vector<PlacedLine>>* pages) {
  // The candidates of each page: indices of its two top and two bottom lines.
  std::vector<std::vector<size_t>> cand(pages->size());
  std::map<std::string, std::set<size_t>> where;
  size_t with_text = 0;
  for (size_t p = 0; p < pages->size(); ++p) {
    const std::vector<PlacedLine>& lines = (*pages)[p];
    if (lines.empty()) continue;
    ++with_text;
    std::vector<size_t> by_y(lines.size());
    for (size_t i = 0; i < by_y.size(); ++i) by_y[i] = i;
    std::sort(by_y.begin(), by_y.end(),
              [&](size_t a, size_t b) { return lines[a].y0 < lines[b].y0; });
    std::set<size_t> c;
    for (size_t k = 0; k < by_y.size() && k < 2; ++k) c.insert(by_y[k]);
    for (size_t k = 0; k < by_y.size() && k < 2; ++k) c.insert(by_y[by_y.size() - 1 - k]);
    cand[p].assign(c.begin(), c.end());
    for (size_t i : cand[p]) where[RunningKey(lines[i].text)].insert(p);
  }
  for (size_t p = 0; p < pages->size(); ++p) {
    std::vector<PlacedLine>& lines = (*pages)[p];
    std::vector<bool> drop(lines.size(), false);
    for (size_t i : cand[p]) {
      const std::string key = RunningKey(lines[i].text);
      const size_t n = where[key].size();
      if (IsPageNumber(key) || (n >= 2 && n * 2 >= with_text && with_text >= 2)) drop[i] = true;
    }
    size_t k = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (drop[i]) continue;
      if (k != i) lines[k] = std::move(lines[i]);
      ++k;
    }
    lines.resize(k);
  }
}

std::string JoinWrappedLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& raw : lines) {
    std::string_view l(raw);
    while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
    while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\r'))
      l.remove_suffix(1);
    if (l.empty()) continue;
    if (out.empty()) {
      out = l;
      continue;
    }
    // A word broken at the line end: an ASCII hyphen after a letter, or a
    // soft hyphen (U+00AD).
    const bool soft = out.ends_with("\xC2\xAD");
    const bool hard = out.size() >= 2 && out.back() == '-' && IsAsciiAlpha(out[out.size() - 2]);
    if (soft) {
      out.resize(out.size() - 2);
    } else if (hard && IsAsciiLower(l.front())) {
      out.pop_back();  // "exam-" "ple"
    } else if (!hard) {
      out += ' ';
    }  // "North-" "Korean" keeps its hyphen
    out += l;
  }
  return out;
}

std::vector<std::string> BlankLineParagraphs(const std::string& text) {
  std::vector<std::string> out;
  std::vector<std::string> cur;
  auto flush = [&] {
    std::string p = JoinWrappedLines(cur);
    cur.clear();
    if (!p.empty()) out.push_back(std::move(p));
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(pos, nl - pos);
    if (line.find_first_not_of(" \t\r\f") == std::string::npos) {
      flush();
    } else {
      cur.push_back(std::move(line));
    }
    pos = nl + 1;
  }
  flush();
  return out;
}

std::vector<LaidParagraph> Paragraphs(const std::vector<PlacedLine>& lines) {
  std::vector<LaidParagraph> out;
  if (lines.empty()) return out;
  std::vector<double> hs;
  for (const PlacedLine& l : lines) hs.push_back(l.height);
  const double body = std::max(Median(hs), 1.0);
  // The right edge of each column, to tell a short line.
  std::map<int, double> right;
  for (const PlacedLine& l : lines) right[l.column] = std::max(right[l.column], l.x1);
  std::vector<std::string> cur;
  int cur_level = 0;
  auto level_of = [&](const PlacedLine& l) {
    return l.height >= 1.4 * body ? 1 : l.height >= 1.15 * body ? 2 : 0;
  };
  auto flush = [&]() {
    if (cur.empty()) return;
    LaidParagraph p;
    p.text = JoinWrappedLines(cur);
    p.heading_level = cur_level;
    // A "heading" of many words is large body text (a lead paragraph).
    if (p.heading_level > 0 && std::count(p.text.begin(), p.text.end(), ' ') >= 16) {
      p.heading_level = 0;
    }
    if (!p.text.empty()) out.push_back(std::move(p));
    cur.clear();
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const PlacedLine& l = lines[i];
    if (i > 0) {
      const PlacedLine& prev = lines[i - 1];
      const double h = std::max(std::min(prev.height, l.height), 1.0);
      // A paragraph may run on from the foot of one column to the head of
      // the next; a sentence ending there ends it.
      const bool new_column = l.column != prev.column;
      if (new_column && !EndsSentence(prev.text) &&
          std::fabs(l.height - prev.height) <= 0.15 * std::max(l.height, prev.height)) {
        cur.push_back(l.text);
        continue;
      }
      const bool gap = l.y0 - prev.y1 > 0.5 * h || l.y0 < prev.y0;
      const bool size = std::fabs(l.height - prev.height) > 0.15 * std::max(l.height, prev.height);
      const bool short_end = EndsSentence(prev.text) && prev.x1 < right[prev.column] - 4 * h;
      if (new_column || gap || size || short_end) flush();
    }
    if (cur.empty()) cur_level = level_of(l);
    cur.push_back(l.text);
  }
  flush();
  return out;
}

}  // namespace cairn::ingest
