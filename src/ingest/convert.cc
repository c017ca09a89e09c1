#include "ingest/convert.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <utility>

#include "core/ascii.h"
#include "ingest/dateline.h"

namespace cairn::ingest {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(pos, nl - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  return lines;
}

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
  std::string head = ascii::Lower(text.substr(0, 4096));
  std::string_view h = ascii::Trim(head);
  if (IsHtmlExt(ext) || h.rfind("<!doctype html", 0) == 0 || h.rfind("<html", 0) == 0 ||
      (h.rfind("<?xml", 0) == 0 && head.find("<html") != std::string::npos)) {
    return "html";
  }
  // Many tags: a fragment of HTML without the <html> wrapper.
  static const char* const kTags[] = {"<p>", "<p ", "<div", "<br", "</p>", "</div>", "<a href",
                                      "<span", "<li>", "<h1", "<h2", "<table", "<body"};
  size_t tags = 0;
  for (const char* t : kTags) {
    for (size_t pos = head.find(t); pos != std::string::npos; pos = head.find(t, pos + 1)) ++tags;
  }
  if (tags >= 5) return "html";

  std::vector<std::string_view> lines = SplitLines(text.substr(0, 65536));
  // Wiki: "= Title =" as the first non-empty line, or several "== X ==" lines.
  size_t first = 0;
  while (first < lines.size() && ascii::Trim(lines[first]).empty()) ++first;
  std::string_view heading;
  if (first < lines.size() && WikiHeading(lines[first], &heading) == 1) return "wiki";
  size_t wiki_headings = 0, md_headings = 0, md_links = 0;
  for (std::string_view l : lines) {
    if (WikiHeading(l, &heading) >= 2) ++wiki_headings;
    if (IsMdHeadingLine(l)) ++md_headings;
    if (l.find("](") != std::string_view::npos && HasMdLink(l)) ++md_links;
  }
  if (IsMdExt(ext)) return "markdown";
  if (md_headings + md_links >= 2) return "markdown";
  if (wiki_headings >= 2) return "wiki";
  return "text";
}

Converted ConvertText(std::string_view text) {
  Converted out;
  bool open = false;
  bool seen_content = false;
  for (std::string_view raw : SplitLines(text)) {
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
// as it is), else into `arena`. `scratch` is reused from line to line.
std::string_view StripInline(std::string_view line, LineArena* arena, std::string* scratch) {
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
  return arena->Add(ascii::Trim(*scratch));
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

Converted ConvertMarkdown(std::string_view text) {
  Converted out;
  bool open = false;
  bool in_fence = false;
  std::string scratch;
  std::vector<std::string_view> lines = SplitLines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = ascii::Trim(lines[i]);
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
      h = StripInline(h, &out.arena, &scratch);
      if (h.empty()) continue;
      if (hashes == 1 && out.title.empty()) out.title = std::string(h);
      AppendHeading(&out.blocks, &open, h, static_cast<int>(hashes));
      continue;
    }
    // Setext heading: a line underlined by === or ---.
    if (i + 1 < lines.size()) {
      std::string_view next = ascii::Trim(lines[i + 1]);
      bool eq = !next.empty() && next.find_first_not_of('=') == std::string_view::npos;
      bool dash = next.size() >= 2 && next.find_first_not_of('-') == std::string_view::npos;
      if ((eq || dash) && !open) {
        std::string_view h = StripInline(s, &out.arena, &scratch);
        if (eq && out.title.empty()) out.title = std::string(h);
        AppendHeading(&out.blocks, &open, h, eq ? 1 : 2);
        ++i;
        continue;
      }
    }
    while (!s.empty() && s[0] == '>') s = ascii::Trim(s.substr(1));
    s.remove_prefix(ListMarkerLength(s));
    s = StripInline(s, &out.arena, &scratch);
    if (s.empty()) continue;
    AppendLine(&out.blocks, &open, s);
  }
  return out;
}

// ---- HTML ----

namespace {

bool IsSkipped(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_MATH:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_PRE: case GUMBO_TAG_HR: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_DL:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TIME:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: return 0;
  }
}

const char* Attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
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

// Collects text into lines and blocks while walking the tree.
class HtmlWalker {
 public:
  explicit HtmlWalker(Converted* out) : out_(out) {}

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
    for (char c : t) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        if (!line_.empty() && line_.back() != ' ') line_.push_back(' ');
      } else {
        line_.push_back(c);
      }
    }
  }
  void EndLine() {
    std::string_view l = ascii::Trim(line_);
    if (!l.empty()) {
      if (!open_) {
        out_->blocks.emplace_back();
        out_->blocks.back().heading_level = heading_;
        open_ = true;
      }
      out_->blocks.back().lines.push_back(out_->arena.Add(l));
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
  Converted* out_;
  std::string line_;
  bool open_ = false;
  int heading_ = 0;
};

std::string NodeText(const GumboNode* node) {
  std::string out;
  std::vector<const GumboNode*> stack{node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      out += n->v.text.text;
    } else if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& ch = n->v.element.children;
      for (unsigned i = ch.length; i > 0; --i) {
        stack.push_back(static_cast<const GumboNode*>(ch.data[i - 1]));
      }
    }
  }
  std::string squashed;
  for (char c : out) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!squashed.empty() && squashed.back() != ' ') squashed.push_back(' ');
    } else {
      squashed.push_back(c);
    }
  }
  return std::string(ascii::Trim(squashed));
}

}  // namespace

Converted ConvertHtml(std::string_view text) {
  Converted out;
  // Parse errors are not needed; keeping them costs time on broken pages.
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* g = gumbo_parse_with_options(&options, text.data(), text.size());
  if (g == nullptr) return out;
  HtmlWalker w(&out);
  std::string title_tag, og_title, h1;
  // Explicit stack: (node, leaving). Depth of untrusted input is unbounded,
  // so no recursion.
  struct Item {
    const GumboNode* node;
    bool leaving;
    bool pre;
  };
  std::vector<Item> stack{{g->root, false, false}};
  while (!stack.empty()) {
    Item it = stack.back();
    stack.pop_back();
    const GumboNode* n = it.node;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
        n->type == GUMBO_NODE_WHITESPACE) {
      w.Text(n->v.text.text, it.pre);
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& e = n->v.element;
    if (it.leaving) {
      if (HeadingLevel(e.tag) > 0) {
        w.SetHeading(0);
      } else if (IsBlock(e.tag)) {
        w.EndBlock();
      }
      continue;
    }
    // Metadata.
    if (e.tag == GUMBO_TAG_TITLE && title_tag.empty()) title_tag = NodeText(n);
    if (e.tag == GUMBO_TAG_META) {
      const char* name = Attr(e, "name");
      if (!name) name = Attr(e, "property");
      if (!name) name = Attr(e, "itemprop");
      const char* content = Attr(e, "content");
      if (name && content) {
        std::string key = ascii::Lower(name);
        if (key == "og:title" && og_title.empty()) og_title = std::string(ascii::Trim(content));
        if ((key == "article:published_time" || key == "date" || key == "pubdate" ||
             key == "dc.date" || key == "dc.date.issued" || key == "og:published_time" ||
             key == "datepublished" || key == "publish-date" || key == "publication_date") &&
            !out.date) {
          out.date = DateFromAttribute(content);
        }
        if ((key == "author" || key == "article:author" || key == "dc.creator") &&
            out.author.empty() && std::string_view(content).find("://") == std::string_view::npos) {
          out.author = std::string(ascii::Trim(content));
        }
      }
    }
    if (e.tag == GUMBO_TAG_TIME && !out.date) {
      if (const char* dt = Attr(e, "datetime")) out.date = DateFromAttribute(dt);
    }
    if (e.tag == GUMBO_TAG_H1 && h1.empty()) h1 = NodeText(n);
    if (e.tag == GUMBO_TAG_HEAD) {
      // Metadata only: visit the head's elements, keep none of its text.
      std::vector<const GumboNode*> head{n};
      while (!head.empty()) {
        const GumboNode* h = head.back();
        head.pop_back();
        if (h->type != GUMBO_NODE_ELEMENT) continue;
        const GumboElement& he = h->v.element;
        if (he.tag == GUMBO_TAG_TITLE || he.tag == GUMBO_TAG_META) {
          stack.push_back({h, false, false});
          continue;
        }
        for (unsigned i = 0; i < he.children.length; ++i) {
          head.push_back(static_cast<const GumboNode*>(he.children.data[i]));
        }
      }
      continue;
    }
    if (IsSkipped(e.tag) || e.tag == GUMBO_TAG_TITLE) continue;
    if (e.tag == GUMBO_TAG_BR) {
      w.EndLine();
      continue;
    }
    if (e.tag == GUMBO_TAG_IMG) continue;
    int level = HeadingLevel(e.tag);
    if (level > 0) {
      w.SetHeading(level);
    } else if (IsBlock(e.tag)) {
      w.EndBlock();
    }
    bool pre = it.pre || e.tag == GUMBO_TAG_PRE;
    stack.push_back({n, true, pre});
    for (unsigned i = e.children.length; i > 0; --i) {
      stack.push_back({static_cast<const GumboNode*>(e.children.data[i - 1]), false, pre});
    }
  }
  w.EndBlock();
  gumbo_destroy_output(&options, g);

  if (!og_title.empty()) {
    out.title = og_title;
  } else if (!title_tag.empty()) {
    // "Headline | Site" -> "Headline" when the headline is also the h1 or
    // the separator is a site suffix.
    out.title = title_tag;
    for (const char* sep : {" | ", " – ", " — ", " - "}) {
      size_t p = title_tag.rfind(sep);
      if (p != std::string::npos && p > 0) {
        std::string head = title_tag.substr(0, p);
        if (h1.empty() || h1 == head || title_tag.size() - p < 40) out.title = head;
        break;
      }
    }
  } else {
    out.title = h1;
  }
  return out;
}

}  // namespace cairn::ingest
