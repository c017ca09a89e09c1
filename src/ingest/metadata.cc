#include "ingest/metadata.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>

#include "core/ascii.h"
#include "ingest/boilerplate.h"
#include "ingest/dateline.h"

namespace cairn::ingest {
namespace {

constexpr size_t kDatelineWindow = 12;  // non-empty lines searched for a dateline

struct Line {
  std::string_view text;
  uint32_t begin = 0;
  int heading_level = 0;
};

constexpr size_t kFooterWindow = 6;  // last lines searched for a labelled date

// The date of a labelled date line ("First published on Wed 3 Mar 2021",
// "Date of hearing: 11 November 2014", "Seoul Daily | 2018.04.15") near the
// top, an update only when no other; else a labelled one among the last
// lines ("This page was last edited on ...", "Filed 22/06/2020 in Stories"),
// where a bare date is not enough.
std::optional<Day> LabelledPageDate(const std::vector<Line>& lines) {
  std::optional<Day> update;
  for (size_t i = 0; i < lines.size() && i < kDatelineWindow; ++i) {
    auto d = ParseLabelledDate(lines[i].text);
    if (!d) continue;
    if (!d->update) return d->day;
    if (!update) update = d->day;
  }
  if (update) return update;
  for (size_t i = lines.size() > kFooterWindow ? lines.size() - kFooterWindow : 0; i < lines.size();
       ++i) {
    auto d = ParseLabelledDate(lines[i].text);
    if (d && !d->bare) return d->day;
  }
  return std::nullopt;
}

uint32_t TrimEnd(const std::string& text, uint32_t end) {
  while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return end;
}


// NAME in "NAME (...) is/was/are/were a/an/the/one ...": the whole line
// matching ^([^()]{2,80}?)\s+\([^)]*\)\s+(?:is|was|are|were)\s+(?:a|an|the|one)\b.*
// (hand-written with the regular expression's exact semantics).
std::string EncyclopediaLeadName(std::string_view s) {
  size_t open = s.find_first_of("()");
  if (open == std::string_view::npos || s[open] != '(') return "";
  // The lazy name ends at the start of the white space before '(' (at least
  // two characters in, at most 80).
  size_t r = open;
  while (r > 0 && ascii::IsSpace(s[r - 1])) --r;
  size_t k = std::max<size_t>(r, 2);
  if (k >= open || k > 80) return "";
  size_t close = s.find(')', open + 1);
  if (close == std::string_view::npos) return "";
  size_t p = close + 1;
  size_t q = p;
  while (q < s.size() && ascii::IsSpace(s[q])) ++q;
  if (q == p) return "";
  size_t verb_end = 0;
  for (std::string_view v : {"is", "was", "are", "were"}) {
    if (s.substr(q, v.size()) == v) verb_end = q + v.size();
  }
  if (verb_end == 0) return "";
  size_t w = verb_end;
  while (w < s.size() && ascii::IsSpace(s[w])) ++w;
  if (w == verb_end) return "";
  size_t we = w;
  while (we < s.size() && ascii::IsWord(s[we])) ++we;
  std::string_view article = s.substr(w, we - w);
  if (article != "a" && article != "an" && article != "the" && article != "one") return "";
  for (size_t i = we; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') return "";  // '.' matches neither
  }
  std::string name(s.substr(0, k));
  if (ascii::WordCount(name) > 6 || !std::isupper(static_cast<unsigned char>(name[0]))) return "";
  return name;
}

// Joins the lines of `blocks` into *text ("\n" between lines, "\n\n" between
// blocks; empty blocks never occur), recording where each line and block
// starts. With `reuse`, the text is written into reuse's own buffer as long
// as no write reaches a line of it that is still to be read (lines that are
// slices of it come in order and only move toward the front, as conversion
// of text, wiki and Markdown gives); otherwise, from the first write that
// would, into a buffer of its own. *reuse is left empty or meaningless.
void JoinLines(const std::vector<Block>& blocks, std::string* reuse, std::string* text,
               std::vector<Line>* lines, std::vector<size_t>* block_first_line) {
  size_t n_lines = 0, total = 0;
  for (const Block& b : blocks) {
    if (total > 0) total += 2;
    for (size_t i = 0; i < b.lines.size(); ++i) total += b.lines[i].size() + (i > 0 ? 1 : 0);
    n_lines += b.lines.size();
  }
  lines->reserve(n_lines);
  block_first_line->reserve(blocks.size());
  // Where a view lies in *reuse, or npos.
  const uintptr_t base = reuse ? reinterpret_cast<uintptr_t>(reuse->data()) : 0;
  const size_t cap = reuse ? reuse->size() : 0;
  auto offset_in_reuse = [&](std::string_view v) -> size_t {
    uintptr_t p = reinterpret_cast<uintptr_t>(v.data());
    if (reuse == nullptr || v.empty() || p < base || p - base > cap ||
        v.size() > cap - (p - base)) {
      return std::string::npos;
    }
    return static_cast<size_t>(p - base);
  };
  // next_src[k]: the least offset of lines k.. that lie in *reuse (the bytes
  // in-place writes must stay below), cap when none.
  std::vector<size_t> next_src;
  if (reuse != nullptr) {
    next_src.assign(n_lines + 1, cap);
    size_t k = n_lines;
    for (size_t bi = blocks.size(); bi > 0; --bi) {
      const Block& b = blocks[bi - 1];
      for (size_t i = b.lines.size(); i > 0; --i, --k) {
        next_src[k - 1] = std::min(next_src[k], offset_in_reuse(b.lines[i - 1]));
      }
    }
  }
  bool in_place = reuse != nullptr;
  char* const buf = reuse ? reuse->data() : nullptr;
  size_t w = 0;  // bytes written
  std::string out;
  if (!in_place) out.reserve(total);
  // Writes `piece` (at `src` in *reuse, or npos) so that in-place writes end
  // at or below `limit`.
  auto put = [&](std::string_view piece, size_t src, size_t limit) {
    if (in_place) {
      if (w + piece.size() <= limit && (src == std::string::npos || w <= src)) {
        std::memmove(buf + w, piece.data(), piece.size());
        w += piece.size();
        return;
      }
      out.reserve(total);
      out.assign(buf, w);
      in_place = false;
    }
    out.append(piece);
    w += piece.size();
  };
  size_t k = 0;
  for (const Block& b : blocks) {
    if (w > 0) put("\n\n", std::string::npos, in_place ? next_src[k] : 0);
    block_first_line->push_back(lines->size());
    for (size_t i = 0; i < b.lines.size(); ++i, ++k) {
      if (i > 0) put("\n", std::string::npos, in_place ? next_src[k] : 0);
      lines->push_back({std::string_view(), static_cast<uint32_t>(w), b.heading_level});
      put(b.lines[i], in_place ? offset_in_reuse(b.lines[i]) : std::string::npos,
          in_place ? next_src[k + 1] : 0);
    }
  }
  if (in_place) {
    reuse->resize(w);
    *text = std::move(*reuse);
    // A page that lost most of its bytes (furniture, markup) keeps no more
    // than it needs.
    if (text->capacity() > 2 * text->size() + 4096) text->shrink_to_fit();
  } else {
    *text = std::move(out);
  }
}

}  // namespace

bool LooksLikeHeading(std::string_view line) {
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
  if (line.empty() || line.size() > 150 || ascii::WordCount(line) > 16) return false;
  char last = line.back();
  if (last == '.' && !(line.size() >= 3 && line.substr(line.size() - 3) == "...")) return false;
  if (last == ',' || last == ';' || last == ':') return false;
  bool letter = false;
  for (char c : line) {
    if (std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
      letter = true;
    }
  }
  return letter;
}

void BuildDocument(const Converted& conv, Document* doc) {
  Converted copy;  // its lines still view conv's text and arena
  copy.blocks = conv.blocks;
  copy.title = conv.title;
  copy.date = conv.date;
  copy.author = conv.author;
  BuildDocument(&copy, nullptr, doc);
}

void BuildDocument(Converted* conv, std::string* source, Document* doc) {
  // 1. Boilerplate, judged over every line of the page in order. Blocks are
  // filtered where they stand.
  std::vector<Block>& blocks = conv->blocks;
  std::vector<bool> drop;
  {
    std::vector<std::string_view> all;
    size_t n = 0;
    for (const Block& b : blocks) n += b.lines.size();
    all.reserve(n);
    for (const Block& b : blocks) {
      for (std::string_view l : b.lines) all.push_back(l);
    }
    drop = BoilerplateMask(all);
  }
  size_t k = 0, kept = 0;
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    std::vector<LineView>& lines = blocks[bi].lines;
    size_t w = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!drop[k++]) lines[w++] = lines[i];
    }
    lines.resize(w);
    if (w == 0) continue;
    if (kept != bi) blocks[kept] = std::move(blocks[bi]);
    ++kept;
  }
  blocks.resize(kept);
  std::vector<bool>().swap(drop);
  // 2. Headings with nothing under them (a trailing "== References ==") go.
  kept = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].heading_level > 0) {
      size_t j = i + 1;
      bool body = false;
      for (; j < blocks.size(); ++j) {
        if (blocks[j].heading_level > 0 && blocks[j].heading_level <= blocks[i].heading_level) {
          break;
        }
        if (blocks[j].heading_level == 0) {
          body = true;
          break;
        }
      }
      if (!body) continue;
    }
    if (kept != i) blocks[kept] = std::move(blocks[i]);
    ++kept;
  }
  blocks.resize(kept);
  // 3. The text: lines joined by "\n", paragraphs by a blank line. (The
  // blocks' line views may point into *source, which is overwritten here.)
  std::string& text = doc->text;
  std::vector<Line> lines;
  std::vector<size_t> block_first_line;
  JoinLines(blocks, source, &text, &lines, &block_first_line);
  for (Block& b : blocks) std::vector<LineView>().swap(b.lines);  // views of what was overwritten
  for (size_t i = 0; i < lines.size(); ++i) {
    uint32_t end = i + 1 < lines.size() ? lines[i + 1].begin : static_cast<uint32_t>(text.size());
    end = TrimEnd(text, end);
    lines[i].text = std::string_view(text).substr(lines[i].begin, end - lines[i].begin);
  }
  const uint32_t text_end = static_cast<uint32_t>(text.size());
  // Each line judged once as a dateline and as a byline; the rules below
  // (title, date, author, parts) all consult these.
  std::vector<std::optional<Day>> datelines_at(lines.size());
  std::vector<std::optional<std::string>> bylines(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    datelines_at[i] = ParseDateLine(lines[i].text);
    bylines[i] = ParseByline(lines[i].text);
  }

  // 4. Pages: each page runs from its first kept block to the next page's.
  doc->pages = conv->pages;
  if (!doc->pages.empty()) {
    const size_t n = doc->pages.size();
    std::vector<uint32_t> begin(n + 1, text_end);
    for (size_t bi = blocks.size(); bi-- > 0;) {
      const int p = blocks[bi].page;
      if (p >= 1 && static_cast<size_t>(p) <= n) begin[p - 1] = lines[block_first_line[bi]].begin;
    }
    for (size_t p = n; p-- > 0;) begin[p] = std::min(begin[p], begin[p + 1]);
    for (size_t p = 0; p < n; ++p) {
      doc->pages[p].span = {begin[p], p + 1 < n ? begin[p + 1] : text_end};
    }
  }

  // 5. Sections.
  doc->sections.clear();
  for (size_t bi = 0; bi < blocks.size(); ++bi) {
    if (blocks[bi].heading_level == 0) continue;
    Section s;
    const Line& h = lines[block_first_line[bi]];
    s.heading = std::string(h.text);
    s.level = blocks[bi].heading_level;
    s.span.begin = bi + 1 < blocks.size() ? lines[block_first_line[bi + 1]].begin : text_end;
    s.span.end = text_end;
    for (size_t bj = bi + 1; bj < blocks.size(); ++bj) {
      if (blocks[bj].heading_level > 0 && blocks[bj].heading_level <= s.level) {
        s.span.end = TrimEnd(text, lines[block_first_line[bj]].begin);
        break;
      }
    }
    doc->sections.push_back(std::move(s));
  }

  // 6. Title.
  doc->title = conv->title;
  if (doc->title.empty() && !lines.empty()) {
    for (size_t i = 0; i < lines.size() && i < 3; ++i) {
      std::string_view l = lines[i].text;
      if (datelines_at[i] || bylines[i]) continue;
      if (LooksLikeHeading(l)) {
        doc->title = std::string(l);
      } else {
        doc->title = EncyclopediaLeadName(l);
      }
      break;
    }
  }

  // 7. Date, author.
  doc->date = conv->date;
  if (!doc->date) {
    for (size_t i = 0; i < lines.size() && i < kDatelineWindow; ++i) {
      if (datelines_at[i]) {
        doc->date = datelines_at[i];
        break;
      }
    }
  }
  if (!doc->date) {  // a header line: "Published 8 May 2021 | Interview by Jane Doe"
    for (size_t i = 0; i < lines.size() && i < kDatelineWindow; ++i) {
      if (auto d = ParseHeaderDate(lines[i].text)) {
        doc->date = d;
        break;
      }
    }
  }
  if (!doc->date) {  // a news dateline opening the story: "SEOUL, March 14, 2019 — ..."
    for (size_t i = 0; i < lines.size() && i < kDatelineWindow; ++i) {
      if (auto d = ParseNewsDateline(lines[i].text)) {
        doc->date = d;
        break;
      }
    }
  }
  if (!doc->date && !lines.empty()) {
    // A title line that ends with its date: "Testimony of Mr. O (submitted to
    // the Commission, 14 February 2017)", "Statement by the witness, 3 May
    // 2016". One full date, nothing after it but a closing bracket or a stop.
    for (size_t i = 0; i < lines.size() && i < 2; ++i) {
      std::string_view l = lines[i].text;
      if (!LooksLikeHeading(l) && l != doc->title) continue;
      const std::vector<FoundDate> found = FindDates(l);
      if (found.size() != 1 || found[0].begin == 0) continue;
      std::string_view rest = l.substr(found[0].end);
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '.' || rest.back() == ')'))
        rest.remove_suffix(1);
      const char before = l[found[0].begin - 1];
      if (rest.empty() && (before == ' ' || before == ',' || before == '(')) {
        doc->date = found[0].day;
        break;
      }
    }
  }
  if (!doc->date) doc->date = LabelledPageDate(lines);
  doc->author = conv->author;
  if (doc->author.empty()) {
    for (const auto& b : bylines) {
      if (b) {
        doc->author = *b;
        break;
      }
    }
  }

  // 8. Parts: posts first, then quoted sources.
  doc->parts.clear();
  std::vector<size_t> datelines;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (datelines_at[i]) datelines.push_back(i);
  }
  // Where each part starts, to end the one before it.
  std::vector<uint32_t> starts;
  struct Pending {
    Part part;
    size_t first_line;
  };
  std::vector<Pending> pending;
  if (datelines.size() >= 2) {
    for (size_t di : datelines) {
      Pending p;
      p.part.date = datelines_at[di];
      p.first_line = di;
      if (di > 0) {
        std::string_view prev = lines[di - 1].text;
        bool taken = !pending.empty() && pending.back().first_line >= di - 1;
        if (!taken && LooksLikeHeading(prev) && !datelines_at[di - 1] && !bylines[di - 1]) {
          p.part.title = std::string(prev);
          p.first_line = di - 1;
        }
      }
      pending.push_back(std::move(p));
    }
    if (!doc->date) doc->date = pending.front().part.date;
  }
  size_t n_posts = pending.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    auto q = ParseQuotedSourceLine(lines[i].text);
    if (!q) continue;
    Pending p;
    p.first_line = i;
    p.part.quoted = true;
    p.part.source = q->source;
    p.part.date = q->date;
    bool have_original = q->original && q->date;
    size_t j = i + 1;
    for (; j < lines.size(); ++j) {
      auto q2 = ParseQuotedSourceLine(lines[j].text);
      if (!q2) break;
      if (q2->original && q2->date && !have_original) {
        p.part.date = q2->date;
        if (!q2->source.empty()) p.part.source = q2->source;
        have_original = true;
      } else if (!p.part.date && q2->date) {
        p.part.date = q2->date;
      }
    }
    if (j < lines.size() && LooksLikeHeading(lines[j].text) && !datelines_at[j]) {
      p.part.title = std::string(lines[j].text);
    }
    pending.push_back(std::move(p));
    i = j - 1;
  }
  for (const Pending& p : pending) starts.push_back(lines[p.first_line].begin);
  std::sort(starts.begin(), starts.end());
  for (size_t pi = 0; pi < pending.size(); ++pi) {
    Pending& p = pending[pi];
    p.part.span.begin = lines[p.first_line].begin;
    // Posts end at the next post; quoted parts at the next part of any kind.
    uint32_t end = text_end;
    if (pi < n_posts) {
      if (pi + 1 < n_posts) end = lines[pending[pi + 1].first_line].begin;
    } else {
      auto it = std::upper_bound(starts.begin(), starts.end(), p.part.span.begin);
      if (it != starts.end()) end = *it;
    }
    p.part.span.end = TrimEnd(text, end);
    if (!p.part.quoted) {
      for (size_t li = p.first_line; li < lines.size() && lines[li].begin < p.part.span.end; ++li) {
        if (bylines[li]) {
          p.part.author = *bylines[li];
          break;
        }
      }
    }
    doc->parts.push_back(std::move(p.part));
  }
  std::stable_sort(doc->parts.begin(), doc->parts.end(),
                   [](const Part& a, const Part& b) { return a.span.begin < b.span.begin; });
}

}  // namespace cairn::ingest
