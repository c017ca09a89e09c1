#include "ingest/convert.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include "core/ascii.h"
#include "ingest/dateline.h"
#include "ingest/xml_errors.h"

namespace cairn::ingest {
namespace {

// The lines of `text` one at a time ('\n'-separated, a trailing '\r'
// removed; text ending in '\n' has an empty last line).
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}
  bool Next(std::string_view* line) {
    if (done_) return false;
    size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    std::string_view l = text_.substr(pos_, nl - pos_);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    *line = l;
    if (nl == text_.size()) done_ = true;
    pos_ = nl + 1;
    return true;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  bool done_ = false;
};

// "== Heading ==" -> level 2 and "Heading" (a view into `line`); level 0
// when not a heading line.
int WikiHeading(std::string_view line, std::string_view* heading) {
  line = ascii::Trim(line);
  size_t lead = 0;
  while (lead < line.size() && line[lead] == '=') ++lead;
  size_t trail = 0;
  while (trail < line.size() - lead && line[line.size() - 1 - trail] == '=') ++trail;
  if (lead == 0 || lead > 6 || lead != trail || line.size() <= lead + trail) return 0;
  std::string_view inner = ascii::Trim(line.substr(lead, line.size() - lead - trail));
  if (inner.empty() || inner.find('=') != std::string_view::npos) return 0;
  *heading = inner;
  return static_cast<int>(lead);
}

// Blocks from lines: blank lines separate paragraphs.
void AppendLine(std::vector<Block>* blocks, bool* open, std::string_view line) {
  if (!*open) {
    blocks->emplace_back();
    *open = true;
  }
  blocks->back().lines.push_back(line);
}

void AppendHeading(std::vector<Block>* blocks, bool* open, std::string_view text, int level) {
  Block b;
  b.lines.push_back(text);
  b.heading_level = level;
  blocks->push_back(std::move(b));
  *open = false;
}

bool IsHtmlExt(const std::string& ext) { return ext == ".html" || ext == ".htm" || ext == ".xhtml"; }
bool IsMdExt(const std::string& ext) {
  return ext == ".md" || ext == ".markdown" || ext == ".mdown" || ext == ".mkd";
}

// ---- Markdown inline markup, without std::regex ----
//
// Each pass below has the exact semantics of the regular expression it
// replaced (std::regex_replace: leftmost matches, left to right, never
// overlapping; ECMAScript, "C" locale); tests/ingest checks them against
// std::regex on generated lines.

bool IsLineEnd(char c) { return c == '\n' || c == '\r'; }  // what '.' never matches

// One replace pass: at(s, i, &end, &keep) tries a match starting at s[i]; on
// success the text s[i, end) becomes the pieces in `keep`. Every match holds
// one of `must` at its first or second character.
struct Keep {
  size_t b[2] = {0, 0}, e[2] = {0, 0};
  int n = 0;
  void Add(size_t from, size_t to) {
    b[n] = from;
    e[n] = to;
    ++n;
  }
};

// True when something was replaced.
template <typename At>
bool ReplaceAll(std::string* target, const char* must, At at) {
  const std::string& s = *target;
  // The first of the one or two `must` bytes (find_first_of calls memchr per byte).
  const char m0 = must[0], m1 = must[1] ? must[1] : must[0];
  size_t i = 0;
  while (i < s.size() && s[i] != m0 && s[i] != m1) ++i;
  if (i == s.size()) return false;
  if (i > 0) --i;
  std::string out;
  out.reserve(s.size());
  size_t copied = 0;
  while (i < s.size()) {
    size_t end = 0;
    Keep keep;
    if (at(s, i, &end, &keep)) {
      out.append(s, copied, i - copied);
      for (int k = 0; k < keep.n; ++k) out.append(s, keep.b[k], keep.e[k] - keep.b[k]);
      copied = i = end;
      continue;
    }
    ++i;
  }
  if (copied == 0) return false;  // no match
  out.append(s, copied, std::string::npos);
  *target = std::move(out);
  return true;
}

// "open" [^close]* "close" starting at s[i] (s[i] == open); the index of the
// closing character, or npos.
size_t CloseOf(const std::string& s, size_t i, char close) { return s.find(close, i + 1); }

// !\[[^\]]*\]\([^)]*\)  ->  ""
bool ImageAt(const std::string& s, size_t i, size_t* end, Keep*) {
  if (s[i] != '!' || i + 1 >= s.size() || s[i + 1] != '[') return false;
  size_t rb = CloseOf(s, i + 1, ']');
  if (rb == std::string::npos || rb + 1 >= s.size() || s[rb + 1] != '(') return false;
  size_t rp = CloseOf(s, rb + 1, ')');
  if (rp == std::string::npos) return false;
  *end = rp + 1;
  return true;
}

// \[([^\]]*)\]\([^)]*\)  ->  $1
bool LinkAt(const std::string& s, size_t i, size_t* end, Keep* keep) {
  if (s[i] != '[') return false;
  size_t rb = CloseOf(s, i, ']');
  if (rb == std::string::npos || rb + 1 >= s.size() || s[rb + 1] != '(') return false;
  size_t rp = CloseOf(s, rb + 1, ')');
  if (rp == std::string::npos) return false;
  keep->Add(i + 1, rb);
  *end = rp + 1;
  return true;
}

// \[([^\]]+)\]\[[^\]]*\]  ->  $1
bool RefLinkAt(const std::string& s, size_t i, size_t* end, Keep* keep) {
  if (s[i] != '[') return false;
  size_t rb = CloseOf(s, i, ']');
  if (rb == std::string::npos || rb == i + 1 || rb + 1 >= s.size() || s[rb + 1] != '[') {
    return false;
  }
  size_t rb2 = CloseOf(s, rb + 1, ']');
  if (rb2 == std::string::npos) return false;
  keep->Add(i + 1, rb);
  *end = rb2 + 1;
  return true;
}

// (\*\*|__)(\S(?:.*?\S)?)\1  ->  $2
bool StrongAt(const std::string& s, size_t i, size_t* end, Keep* keep) {
  char d = s[i];
  if ((d != '*' && d != '_') || i + 2 >= s.size() || s[i + 1] != d || ascii::IsSpace(s[i + 2])) {
    return false;
  }
  size_t c0 = i + 2;
  // The optional group first: the shortest .*?\S followed by the delimiter.
  for (size_t e = c0 + 2; e + 2 <= s.size(); ++e) {
    if (IsLineEnd(s[e - 2]) && e - 2 > c0) break;  // '.' stops at a line end
    if (!ascii::IsSpace(s[e - 1]) && s[e] == d && s[e + 1] == d) {
      keep->Add(c0, e);
      *end = e + 2;
      return true;
    }
  }
  if (c0 + 3 <= s.size() && s[c0 + 1] == d && s[c0 + 2] == d) {
    keep->Add(c0, c0 + 1);
    *end = c0 + 3;
    return true;
  }
  return false;
}

// \*(\S(?:[^*]*?\S)?)\*  ->  $1
bool EmStarAt(const std::string& s, size_t i, size_t* end, Keep* keep) {
  if (s[i] != '*' || i + 1 >= s.size() || ascii::IsSpace(s[i + 1])) return false;
  size_t c0 = i + 1;
  for (size_t e = c0 + 2; e < s.size(); ++e) {
    if (s[e - 2] == '*' && e - 2 > c0) break;  // [^*]* cannot pass a '*'
    if (!ascii::IsSpace(s[e - 1]) && s[e] == '*') {
      keep->Add(c0, e);
      *end = e + 1;
      return true;
    }
  }
  if (c0 + 1 < s.size() && s[c0 + 1] == '*') {
    keep->Add(c0, c0 + 1);
    *end = c0 + 2;
    return true;
  }
  return false;
}

// (^|[^A-Za-z0-9_])_(\S(?:[^_]*?\S)?)_(?![A-Za-z0-9_])  ->  $1$2
bool EmUnderFrom(const std::string& s, size_t u, size_t* end, Keep* keep) {
  // s[u] == '_'.
  if (u + 1 >= s.size() || ascii::IsSpace(s[u + 1])) return false;
  size_t c0 = u + 1;
  auto closes = [&](size_t e) {  // '_' at e, then no word character
    return e < s.size() && s[e] == '_' && (e + 1 >= s.size() || !ascii::IsWord(s[e + 1]));
  };
  for (size_t e = c0 + 2; e < s.size(); ++e) {
    if (s[e - 2] == '_' && e - 2 > c0) break;  // [^_]* cannot pass a '_'
    if (!ascii::IsSpace(s[e - 1]) && closes(e)) {
      keep->Add(c0, e);
      *end = e + 1;
      return true;
    }
  }
  if (closes(c0 + 1)) {
    keep->Add(c0, c0 + 1);
    *end = c0 + 2;
    return true;
  }
  return false;
}

bool EmUnderAt(const std::string& s, size_t i, size_t* end, Keep* keep) {
  if (i == 0 && s[0] == '_' && EmUnderFrom(s, 0, end, keep)) return true;  // ^
  if (ascii::IsWord(s[i]) || i + 1 >= s.size() || s[i + 1] != '_') return false;
  Keep k;
  k.Add(i, i + 1);
  if (!EmUnderFrom(s, i + 1, end, &k)) return false;
  *keep = k;
  return true;
}

// `([^`]*)`  ->  $1
bool CodeAt(const std::string& s, size_t i, size_t* end, Keep* keep) {
  if (s[i] != '`') return false;
  size_t close = CloseOf(s, i, '`');
  if (close == std::string::npos) return false;
  keep->Add(i + 1, close);
  *end = close + 1;
  return true;
}


// ^#{1,6} \S.*$ (whole line).
bool IsMdHeadingLine(std::string_view s) {
  size_t h = 0;
  while (h < s.size() && s[h] == '#') ++h;
  if (h == 0 || h > 6 || h + 1 >= s.size() || s[h] != ' ' || ascii::IsSpace(s[h + 1])) return false;
  for (size_t i = h + 2; i < s.size(); ++i) {
    if (IsLineEnd(s[i])) return false;
  }
  return true;
}

// \[[^\]\n]+\]\([^)\s]+\) anywhere in the line.
bool HasMdLink(std::string_view s) {
  for (size_t i = s.find('['); i != std::string_view::npos; i = s.find('[', i + 1)) {
    size_t j = i + 1;
    while (j < s.size() && s[j] != ']' && s[j] != '\n') ++j;
    if (j == i + 1 || j + 1 >= s.size() || s[j] != ']' || s[j + 1] != '(') continue;
    size_t k = j + 2;
    while (k < s.size() && s[k] != ')' && !ascii::IsSpace(s[k])) ++k;
    if (k > j + 2 && k < s.size() && s[k] == ')') return true;
  }
  return false;
}

// ^(?:[-*+]|\d{1,3}[.)])\s+ : the length of the list marker, or 0.
size_t ListMarkerLength(std::string_view s) {
  size_t p = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '*' || s[0] == '+')) {
    p = 1;
  } else {
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == 0 || p > 3 || p >= s.size() || (s[p] != '.' && s[p] != ')')) return 0;
    ++p;
  }
  size_t e = p;
  while (e < s.size() && ascii::IsSpace(s[e])) ++e;
  return e > p ? e : 0;
}

// ^\[[^\]]+\]:\s*\S+.*$ (whole line): a reference definition.
bool IsMdRefDef(std::string_view s) {
  if (s.empty() || s[0] != '[') return false;
  size_t j = s.find(']', 1);
  if (j == std::string_view::npos || j == 1 || j + 1 >= s.size() || s[j + 1] != ':') return false;
  size_t k = j + 2;
  while (k < s.size() && ascii::IsSpace(s[k])) ++k;
  if (k >= s.size()) return false;
  for (size_t i = k + 1; i < s.size(); ++i) {
    if (IsLineEnd(s[i])) return false;
  }
  return true;
}

// ^(?:[-*_]\s*){3,}$ (whole line): a thematic break.
bool IsMdRule(std::string_view s) {
  if (s.empty() || (s[0] != '-' && s[0] != '*' && s[0] != '_')) return false;
  size_t marks = 0;
  for (char c : s) {
    if (c == '-' || c == '*' || c == '_') ++marks;
    else if (!ascii::IsSpace(c)) return false;
  }
  return marks >= 3;
}

}  // namespace

std::string DetectFormat(std::string_view name, std::string_view text) {
  std::string ext;
  size_t dot = name.rfind('.');
  size_t slash = name.find_last_of("/\\");
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    ext = ascii::Lower(name.substr(dot));
  }
  if (IsHtmlExt(ext)) return "html";
  // Every HTML cue holds a '<': a head without one is not HTML.
  if (text.substr(0, 4096).find('<') != std::string_view::npos) {
    std::string head = ascii::Lower(text.substr(0, 4096));
    std::string_view h = ascii::Trim(head);
    if (h.rfind("<!doctype html", 0) == 0 || h.rfind("<html", 0) == 0 ||
        (h.rfind("<?xml", 0) == 0 && head.find("<html") != std::string::npos)) {
      return "html";
    }
    // Many tags: a fragment of HTML without the <html> wrapper.
    static const char* const kTags[] = {"<p>", "<p ", "<div", "<br", "</p>", "</div>", "<a href",
                                        "<span", "<li>", "<h1", "<h2", "<table", "<body"};
    size_t tags = 0;
    for (const char* t : kTags) {
      for (size_t pos = head.find(t); pos != std::string::npos; pos = head.find(t, pos + 1)) {
        ++tags;
      }
    }
    if (tags >= 5) return "html";
  }

  const std::string_view start = text.substr(0, 65536);
  // Wiki: "= Title =" as the first non-empty line, or several "== X ==" lines.
  std::string_view heading;
  {
    LineReader reader(start);
    std::string_view first;
    while (reader.Next(&first) && ascii::Trim(first).empty()) {
    }
    if (!ascii::Trim(first).empty() && WikiHeading(first, &heading) == 1) return "wiki";
  }
  if (IsMdExt(ext)) return "markdown";
  size_t wiki_headings = 0, md_headings = 0, md_links = 0;
  LineReader reader(start);
  for (std::string_view l; reader.Next(&l);) {
    if (WikiHeading(l, &heading) >= 2) ++wiki_headings;
    if (IsMdHeadingLine(l)) ++md_headings;
    if (l.find("](") != std::string_view::npos && HasMdLink(l)) ++md_links;
  }
  if (md_headings + md_links >= 2) return "markdown";
  if (wiki_headings >= 2) return "wiki";
  return "text";
}

Converted ConvertText(std::string_view text) {
  Converted out;
  bool open = false;
  bool seen_content = false;
  LineReader reader(text);
  for (std::string_view raw; reader.Next(&raw);) {
    std::string_view line = ascii::Trim(raw);
    if (line.empty()) {
      open = false;
      continue;
    }
    std::string_view heading;
    int level = WikiHeading(line, &heading);
    if (level == 1 && !seen_content && out.title.empty()) {
      out.title = std::string(heading);  // "= Title =": the title, not a paragraph
      open = false;
      seen_content = true;
      continue;
    }
    seen_content = true;
    if (level > 0) {
      AppendHeading(&out.blocks, &open, heading, level);
      continue;
    }
    AppendLine(&out.blocks, &open, line);
  }
  return out;
}

namespace {

// The passes of StripMarkdownInline on *s; true when one changed it.
bool StripInlinePasses(std::string* s) {
  bool changed = false;
  changed |= ReplaceAll(s, "[", ImageAt);    // !\[[^\]]*\]\([^)]*\)         -> ""
  changed |= ReplaceAll(s, "[", LinkAt);     // \[([^\]]*)\]\([^)]*\)       -> $1
  changed |= ReplaceAll(s, "[", RefLinkAt);  // \[([^\]]+)\]\[[^\]]*\]     -> $1
  changed |= ReplaceAll(s, "*_", StrongAt);  // (\*\*|__)(\S(?:.*?\S)?)\1   -> $2
  changed |= ReplaceAll(s, "*", EmStarAt);   // \*(\S(?:[^*]*?\S)?)\*        -> $1
  changed |= ReplaceAll(s, "_", EmUnderAt);  // (^|[^A-Za-z0-9_])_(\S(?:[^_]*?\S)?)_(?![A-Za-z0-9_]) -> $1$2
  changed |= ReplaceAll(s, "`", CodeAt);     // `([^`]*)`                  -> $1
  return changed;
}

// StripMarkdownInline as a view: into `line` when no markup was removed (the
// passes only delete, so a line without any of their trigger bytes is left
// as it is); else the stripped line, which is never longer, written over
// the line itself when `writable` (the line's own bytes, which may be
// changed), or into `arena`. `scratch` is reused from line to line.
std::string_view StripInline(std::string_view line, char* writable, LineArena* arena,
                             std::string* scratch) {
  bool markup = false;
  for (char c : line) {
    if (c == '[' || c == '*' || c == '_' || c == '`') {
      markup = true;
      break;
    }
  }
  if (!markup) return ascii::Trim(line);
  scratch->assign(line);
  if (!StripInlinePasses(scratch)) return ascii::Trim(line);
  std::string_view stripped = ascii::Trim(*scratch);
  if (writable != nullptr && stripped.size() <= line.size()) {
    std::memcpy(writable, stripped.data(), stripped.size());
    return std::string_view(writable, stripped.size());
  }
  return arena->Add(stripped);
}

}  // namespace

std::string_view LineArena::Add(std::string_view s) {
  if (s.empty()) return {};
  if (capacity_ - used_ < s.size()) {
    // A new chunk; what is left of the old one is given up.
    size_t size = std::max<size_t>(s.size(), size_t{64} << 10);
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    used_ = 0;
    capacity_ = size;
    held_ += size;
  }
  char* p = chunks_.back().get() + used_;
  std::memcpy(p, s.data(), s.size());
  used_ += s.size();
  return std::string_view(p, s.size());
}

std::string StripMarkdownInline(std::string_view line) {
  std::string s(line);
  StripInlinePasses(&s);
  return std::string(ascii::Trim(s));
}

namespace {

// ConvertMarkdown; with `writable` (text's own bytes, text.data() ==
// writable), lines that lose markup are rewritten where they stand.
Converted ConvertMarkdownIn(std::string_view text, char* writable) {
  Converted out;
  bool open = false;
  bool in_fence = false;
  std::string scratch;
  auto strip = [&](std::string_view l) {
    char* w = writable ? writable + (l.data() - text.data()) : nullptr;
    return StripInline(l, w, &out.arena, &scratch);
  };
  LineReader reader(text);
  std::string_view raw, next_raw;
  bool has_next = reader.Next(&next_raw);
  while (has_next) {
    raw = next_raw;
    has_next = reader.Next(&next_raw);
    std::string_view line = ascii::Trim(raw);
    if (line.rfind("```", 0) == 0 || line.rfind("~~~", 0) == 0) {
      in_fence = !in_fence;
      open = false;
      continue;
    }
    if (in_fence) {
      if (!line.empty()) AppendLine(&out.blocks, &open, line);
      continue;
    }
    if (line.empty()) {
      open = false;
      continue;
    }
    std::string_view s = line;
    if (IsMdRule(s) || IsMdRefDef(s)) {
      open = false;
      continue;
    }
    // ATX heading.
    size_t hashes = 0;
    while (hashes < s.size() && s[hashes] == '#') ++hashes;
    if (hashes >= 1 && hashes <= 6 && hashes < s.size() && s[hashes] == ' ') {
      std::string_view h = ascii::Trim(s.substr(hashes));
      while (!h.empty() && h.back() == '#') h.remove_suffix(1);
      h = strip(h);
      if (h.empty()) continue;
      if (hashes == 1 && out.title.empty()) out.title = std::string(h);
      AppendHeading(&out.blocks, &open, h, static_cast<int>(hashes));
      continue;
    }
    // Setext heading: a line underlined by === or ---.
    if (has_next) {
      std::string_view next = ascii::Trim(next_raw);
      bool eq = !next.empty() && next.find_first_not_of('=') == std::string_view::npos;
      bool dash = next.size() >= 2 && next.find_first_not_of('-') == std::string_view::npos;
      if ((eq || dash) && !open) {
        std::string_view h = strip(s);
        if (eq && out.title.empty()) out.title = std::string(h);
        AppendHeading(&out.blocks, &open, h, eq ? 1 : 2);
        has_next = reader.Next(&next_raw);  // the underline
        continue;
      }
    }
    while (!s.empty() && s[0] == '>') s = ascii::Trim(s.substr(1));
    s.remove_prefix(ListMarkerLength(s));
    s = strip(s);
    if (s.empty()) continue;
    AppendLine(&out.blocks, &open, s);
  }
  return out;
}

}  // namespace

Converted ConvertMarkdown(std::string_view text) { return ConvertMarkdownIn(text, nullptr); }

Converted ConvertMarkdown(std::string* text) { return ConvertMarkdownIn(*text, text->data()); }

// ---- HTML ----
//
// libxml2's HTML parser through its SAX interface, reading the text a few
// KB at a time: no tree and no copy of the page is made, so memory stays
// bounded by the open elements, and nesting depth costs no recursion.
// Elements are judged by name (libxml2 lower-cases them).

namespace {

enum TagFlag : uint8_t {
  kSkipped = 1 << 0,   // furniture or non-text: none of its text is kept
  kBlock = 1 << 1,     // a paragraph boundary on entering and leaving
  kPre = 1 << 2,       // line breaks kept
  kTitle = 1 << 3,     // <title>: metadata, never body text
  kHead = 1 << 4,      // <head>: metadata only
  kBr = 1 << 5,        // a line break
  kMeta = 1 << 6,
  kTime = 1 << 7,
};

struct TagInfo {
  uint8_t flags = 0;
  int heading = 0;  // 1..6 for h1..h6
};

TagInfo LookUpTag(std::string_view name) {
  static const auto* const table = [] {
    auto* t = new std::vector<std::pair<std::string_view, TagInfo>>;
    for (const char* n : {"script", "style", "noscript", "nav", "header", "footer", "aside",
                          "form", "iframe", "svg", "button", "template", "select", "textarea",
                          "math", "canvas", "object", "embed", "menu"}) {
      t->push_back({n, {kSkipped, 0}});
    }
    for (const char* n : {"p", "div", "li", "ul", "ol", "blockquote", "section", "article",
                          "main", "table", "tr", "td", "th", "hr", "dd", "dt", "dl", "figure",
                          "figcaption", "address", "center", "body", "caption", "details",
                          "summary"}) {
      t->push_back({n, {kBlock, 0}});
    }
    t->push_back({"pre", {kBlock | kPre, 0}});
    t->push_back({"time", {kBlock | kTime, 0}});
    t->push_back({"title", {kTitle, 0}});
    t->push_back({"head", {kHead, 0}});
    t->push_back({"br", {kBr, 0}});
    t->push_back({"meta", {kMeta, 0}});
    for (int level = 1; level <= 6; ++level) {
      static const char* const kH[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
      t->push_back({kH[level - 1], {kBlock, level}});
    }
    return t;
  }();
  for (const auto& [n, info] : *table) {
    if (n == name) return info;
  }
  return {};
}

std::optional<Day> DateFromAttribute(std::string_view v) {
  v = ascii::Trim(v);
  if (v.size() >= 10) {
    if (auto d = ParseDay(v.substr(0, 10))) return d;
  }
  std::vector<FoundDate> f = FindDates(v);
  if (!f.empty()) return f.front().day;
  return std::nullopt;
}

// Appends `t` to *out with white space squashed to single spaces (none
// leading).
void AppendSquashed(std::string_view t, std::string* out) {
  size_t i = 0;
  while (i < t.size()) {
    size_t run = i;  // a run of other bytes, appended at once
    while (run < t.size() && !ascii::IsSpace(t[run])) ++run;
    out->append(t.data() + i, run - i);
    if (run == t.size()) break;
    if (!out->empty() && out->back() != ' ') out->push_back(' ');
    i = run + 1;
  }
}

// Collects text into lines and blocks. A finished line goes into `dest` (the
// input's own buffer, behind what the parser has already taken in) when it
// fits below *dest_limit, else into the arena. Each line in dest is preceded
// by two spare bytes, so that joining the lines with separators later never
// overtakes a line not yet moved (see BuildDocument).
class HtmlWalker {
 public:
  HtmlWalker(Converted* out, char* dest, const size_t* dest_limit)
      : out_(out), dest_(dest), dest_limit_(dest_limit) {}

  void Text(std::string_view t, bool pre) {
    if (pre) {
      for (char c : t) {
        if (c == '\n') {
          EndLine();
        } else {
          line_.push_back(c);
        }
      }
      return;
    }
    AppendSquashed(t, &line_);
  }
  void EndLine() {
    std::string_view l = ascii::Trim(line_);
    if (!l.empty()) {
      if (!open_) {
        out_->blocks.emplace_back();
        out_->blocks.back().heading_level = heading_;
        open_ = true;
      }
      out_->blocks.back().lines.push_back(Keep(l));
    }
    line_.clear();
  }
  void EndBlock() {
    EndLine();
    open_ = false;
  }
  void SetHeading(int level) {
    EndBlock();
    heading_ = level;
  }

 private:
  std::string_view Keep(std::string_view l) {
    if (dest_ != nullptr && dest_used_ + 2 + l.size() <= *dest_limit_) {
      char* p = dest_ + dest_used_ + 2;
      std::memcpy(p, l.data(), l.size());
      dest_used_ += 2 + l.size();
      return std::string_view(p, l.size());
    }
    return out_->arena.Add(l);
  }

  Converted* out_;
  char* dest_;
  const size_t* dest_limit_;
  size_t dest_used_ = 0;
  std::string line_;
  bool open_ = false;
  int heading_ = 0;
};

// SAX state: the open elements and what the page states about itself.
class HtmlSax {
 public:
  // Lines go into `dest` below *dest_limit (see HtmlWalker).
  HtmlSax(Converted* out, char* dest, const size_t* dest_limit)
      : out_(out), walker_(out, dest, dest_limit) {}

  static void OnStart(void* ctx, const xmlChar* name, const xmlChar** atts) {
    static_cast<HtmlSax*>(ctx)->Start(Str(name), atts);
  }
  static void OnEnd(void* ctx, const xmlChar*) { static_cast<HtmlSax*>(ctx)->End(); }
  static void OnText(void* ctx, const xmlChar* ch, int len) {
    static_cast<HtmlSax*>(ctx)->Text(
        std::string_view(reinterpret_cast<const char*>(ch), static_cast<size_t>(len)));
  }

  void SetParser(const htmlParserCtxt* ctxt) { ctxt_ = ctxt; }

  void Finish() {
    walker_.EndBlock();
    std::string title_tag = title_, h1 = h1_;
    if (!og_title_.empty()) {
      out_->title = og_title_;
    } else if (!title_tag.empty()) {
      // "Headline | Site" -> "Headline" when the headline is also the h1 or
      // the separator is a site suffix.
      out_->title = title_tag;
      for (const char* sep : {" | ", " – ", " — ", " - "}) {
        size_t p = title_tag.rfind(sep);
        if (p != std::string::npos && p > 0) {
          std::string head = title_tag.substr(0, p);
          if (h1.empty() || h1 == head || title_tag.size() - p < 40) out_->title = head;
          break;
        }
      }
    } else {
      out_->title = h1;
    }
  }

 private:
  struct Frame {
    TagInfo info;
    bool entered = false;  // visible when entered: its leaving ends a block or heading
    bool skips = false;    // raised skip_ on entering
    bool head = false;     // raised head_ on entering
    bool pre = false;      // raised pre_ on entering
    bool collects_title = false, collects_h1 = false;
    bool p = false;  // an entered <p>
  };

  // True when the element being started is not in the page: the reader is
  // not at the end of a "<p ...>" tag (libxml2 reports a start tag with the
  // reader on its closing '>', an implied <p> in the middle of text).
  bool ImpliedByParser() const {
    const xmlParserInput* in = ctxt_ ? ctxt_->input : nullptr;
    if (in == nullptr || in->cur == nullptr || in->base == nullptr) return false;
    const xmlChar* c = in->cur;
    if (*c != '>' && !(c[0] == '/' && c[1] == '>')) return true;
    for (const xmlChar* b = c; b > in->base; --b) {
      if (b[-1] == '<') {
        return !(b < c && (b[0] == 'p' || b[0] == 'P') &&
                 (b[1] == '>' || b[1] == '/' || ascii::IsSpace(static_cast<char>(b[1]))));
      }
    }
    return false;
  }

  static std::string_view Str(const xmlChar* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
  }
  static const char* Attr(const xmlChar** atts, const char* name) {
    for (size_t i = 0; atts != nullptr && atts[i] != nullptr; i += 2) {
      if (Str(atts[i]) == name) {
        return atts[i + 1] ? reinterpret_cast<const char*>(atts[i + 1]) : "";
      }
    }
    return nullptr;
  }

  // Elements that may stand in <head>.
  static bool IsHeadContent(std::string_view name) {
    for (std::string_view h : {"title", "meta", "link", "style", "script", "noscript", "base",
                               "basefont", "bgsound", "noframes", "template", "head", "html"}) {
      if (name == h) return true;
    }
    return false;
  }

  // Skipped elements before which HTML5 closes an open <p>.
  static bool ClosesParagraph(std::string_view name) {
    for (std::string_view h : {"nav", "header", "footer", "aside", "menu", "form"}) {
      if (name == h) return true;
    }
    return false;
  }

  void Meta(const xmlChar** atts) {
    const char* name = Attr(atts, "name");
    if (!name) name = Attr(atts, "property");
    if (!name) name = Attr(atts, "itemprop");
    const char* content = Attr(atts, "content");
    if (!name || !content) return;
    std::string key = ascii::Lower(name);
    if (key == "og:title" && og_title_.empty()) og_title_ = std::string(ascii::Trim(content));
    if ((key == "article:published_time" || key == "date" || key == "pubdate" ||
         key == "dc.date" || key == "dc.date.issued" || key == "og:published_time" ||
         key == "datepublished" || key == "publish-date" || key == "publication_date") &&
        !out_->date) {
      out_->date = DateFromAttribute(content);
    }
    if ((key == "author" || key == "article:author" || key == "dc.creator") &&
        out_->author.empty() && std::string_view(content).find("://") == std::string_view::npos) {
      out_->author = std::string(ascii::Trim(content));
    }
  }

  void Start(std::string_view name, const xmlChar** atts) {
    Frame f;
    if (name == "p" && ImpliedByParser()) {
      // A <p> libxml2 implies around text outside <body>; an HTML5 parser
      // puts that text in the body as it is. Transparent.
      stack_.push_back(f);
      return;
    }
    f.info = LookUpTag(name);
    const uint8_t flags = f.info.flags;
    if (head_ > 0 && !IsHeadContent(name)) {
      // The body has begun (HTML5 closes the head here; libxml2 knows no
      // HTML5 elements and would keep <section> or <nav> in the head).
      for (Frame& open : stack_) {
        if (open.head) {
          open.head = false;
          --head_;
        }
        if (open.skips) {  // the head's own children (a stray <noscript>) end with it
          open.skips = false;
          --skip_;
        }
      }
    }
    // Metadata: in the head only <title> and <meta> count; elsewhere only
    // outside furniture.
    const bool in_head = head_ > 0;
    const bool visible = skip_ == 0 && !in_head;
    if (in_head ? (flags & (kTitle | kMeta)) != 0 : skip_ == 0) {
      if ((flags & kTitle) && title_.empty() && collect_title_ == 0) {
        f.collects_title = true;
        ++collect_title_;
        title_raw_.clear();
      }
      if (flags & kMeta) Meta(atts);
      if (!in_head && (flags & kTime) && !out_->date) {
        if (const char* dt = Attr(atts, "datetime")) out_->date = DateFromAttribute(dt);
      }
      if (!in_head && f.info.heading == 1 && h1_.empty() && collect_h1_ == 0) {
        f.collects_h1 = true;
        ++collect_h1_;
        h1_raw_.clear();
      }
    }
    if (flags & kHead) {
      f.head = true;
      ++head_;
    }
    if (visible && !(flags & (kSkipped | kTitle | kHead))) {
      if (flags & kBr) {
        walker_.EndLine();
      } else if (f.info.heading > 0) {
        walker_.SetHeading(f.info.heading);
        f.entered = true;
      } else if (flags & kBlock) {
        walker_.EndBlock();
        f.entered = true;
      }
      if (flags & kPre) {
        f.pre = true;
        ++pre_;
      }
    } else if (!f.head) {
      if (visible && open_p_ > 0 && ClosesParagraph(name)) {
        // HTML5 ends an open <p> at these; libxml2 does not know them.
        walker_.EndBlock();
      }
      f.skips = true;
      ++skip_;
    }
    if (f.entered && name == "p") {
      f.p = true;
      ++open_p_;
    }
    stack_.push_back(f);
  }

  void End() {
    if (stack_.empty()) return;
    Frame f = stack_.back();
    stack_.pop_back();
    if (f.skips) --skip_;
    if (f.head) --head_;
    if (f.p) --open_p_;
    if (f.pre) --pre_;
    if (f.collects_title) {
      --collect_title_;
      std::string squashed;
      AppendSquashed(title_raw_, &squashed);
      title_ = std::string(ascii::Trim(squashed));
    }
    if (f.collects_h1) {
      --collect_h1_;
      std::string squashed;
      AppendSquashed(h1_raw_, &squashed);
      h1_ = std::string(ascii::Trim(squashed));
    }
    if (f.entered) {
      if (f.info.heading > 0) {
        walker_.SetHeading(0);
      } else {
        walker_.EndBlock();
      }
    }
  }

  void Text(std::string_view t) {
    if (collect_title_ > 0) title_raw_.append(t);
    if (collect_h1_ > 0) h1_raw_.append(t);
    if (skip_ == 0 && head_ == 0) walker_.Text(t, pre_ > 0);
  }

  Converted* out_;
  const htmlParserCtxt* ctxt_ = nullptr;
  HtmlWalker walker_;
  std::vector<Frame> stack_;
  int skip_ = 0, head_ = 0, pre_ = 0, open_p_ = 0;
  int collect_title_ = 0, collect_h1_ = 0;
  std::string title_raw_, h1_raw_;
  std::string title_, h1_, og_title_;
};

// libxml2 is set up once, before any thread parses.
void InitLibxml() {
  static const bool done = [] {
    xmlInitParser();
    return true;
  }();
  (void)done;
}

// Parses `text`; lines go into `dest` (text's own buffer, behind what the
// parser has read) or the arena.
// Hands the text to the parser as it asks for it (libxml2 reads a few KB
// at a time into a buffer of its own, which it keeps small).
struct HtmlSource {
  std::string_view text;
  size_t handed = 0;  // bytes the parser has copied: it never looks at them here again

  static int Read(void* ctx, char* buffer, int len) {
    auto* self = static_cast<HtmlSource*>(ctx);
    size_t n = std::min(static_cast<size_t>(std::max(len, 0)), self->text.size() - self->handed);
    std::memcpy(buffer, self->text.data() + self->handed, n);
    self->handed += n;
    return static_cast<int>(n);
  }
};

Converted ParseHtml(std::string_view text, char* dest) {
  InitLibxml();
  Converted out;
  HtmlSource source{text};
  HtmlSax sax_state(&out, dest, &source.handed);
  std::unique_ptr<htmlParserCtxt, void (*)(htmlParserCtxtPtr)> ctxt(htmlNewParserCtxt(),
                                                                    htmlFreeParserCtxt);
  if (ctxt == nullptr || ctxt->sax == nullptr) return out;
  htmlSAXHandler& sax = *ctxt->sax;
  std::memset(&sax, 0, sizeof sax);
  sax.startElement = HtmlSax::OnStart;
  sax.endElement = HtmlSax::OnEnd;
  sax.characters = HtmlSax::OnText;
  sax.ignorableWhitespace = HtmlSax::OnText;
  // Script and style content (cdataBlock unset) comes as characters, inside
  // elements whose text is skipped.
  ctxt->userData = &sax_state;
  sax_state.SetParser(ctxt.get());
  // RECOVER: a <script> ends only at </script>, not at the first "</x".
  // IGNORE_ENC: the text is UTF-8 already, whatever its <meta> says.
  htmlCtxtUseOptions(ctxt.get(), HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
  xmlParserInputBufferPtr buffer = xmlParserInputBufferCreateIO(
      HtmlSource::Read, nullptr, &source, XML_CHAR_ENCODING_UTF8);
  if (buffer == nullptr) return out;
  xmlParserInputPtr input = xmlNewIOInputStream(ctxt.get(), buffer, XML_CHAR_ENCODING_UTF8);
  if (input == nullptr) {
    xmlFreeParserInputBuffer(buffer);
    return out;
  }
  inputPush(ctxt.get(), input);
  // NOERROR and NOWARNING leave some reports (encoding conversion errors)
  // on standard error; a broken page is still read as far as it goes.
  LibxmlErrorScope quiet;
  htmlParseDocument(ctxt.get());
  sax_state.Finish();
  return out;
}

}  // namespace

Converted ConvertHtml(std::string_view text) { return ParseHtml(text, nullptr); }

Converted ConvertHtml(std::string* text) { return ParseHtml(*text, text->data()); }

}  // namespace cairn::ingest
