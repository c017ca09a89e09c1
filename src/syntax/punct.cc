// Punctuation attached by UD's own rule after parsing: the method of
// Udapi's ud.FixPunct block (Popel et al., github.com/udapi/udapi-python),
// which UD English EWT has applied to its gold trees since v2.13, so a
// punctuation mark's head is a function of the rest of the tree. Written
// from the block's description, not its code; see AttachPunctuation in
// internal.h for what is kept of it and why.
#include <algorithm>
#include <array>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ud.h"
#include "syntax/internal.h"

namespace cairn::syntax {

namespace {

// Paired marks: opening form -> closing form (Udapi's table, the pairs that
// occur in English and in the Korean-English texts Cairn reads).
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kPaired = {{
    {"(", ")"},
    {"[", "]"},
    {"{", "}"},
    {"\"", "\""},
    {"'", "'"},
    {"\xE2\x80\x9C", "\xE2\x80\x9D"},  // “ ”
    {"\xE2\x80\x9E", "\xE2\x80\x9C"},  // „ “
    {"\xC2\xAB", "\xC2\xBB"},          // « »
    {"\xE2\x80\xB9", "\xE2\x80\xBA"},  // ‹ ›
    {"\xE3\x80\x8A", "\xE3\x80\x8B"},  // 《 》
    {"\xE3\x80\x8C", "\xE3\x80\x8D"},  // 「 」
    {"\xE3\x80\x8E", "\xE3\x80\x8F"},  // 『 』
    {"\xE2\x80\x98", "\xE2\x80\x99"},  // ‘ ’
    {"``", "''"},
}};

std::string_view ClosingOf(std::string_view form) {
  for (const auto& [open, close] : kPaired)
    if (form == open) return close;
  return {};
}

// Sentence-final marks look only left.
bool IsFinal(std::string_view form) { return form == "." || form == "?" || form == "!"; }

enum class Pair : uint8_t { kNone, kOpening, kClosing };

// Per-thread space for the vectors below, kept between sentences: the rule
// runs after every parse and must not allocate each time.
struct Scratch {
  std::vector<int> first_child, fill, children, lo, hi, count, tin, tout;
  std::vector<std::pair<int, int>> stack;
  std::vector<int> before, heads, punct_heads;
  std::vector<Pair> type;
};

// The tree of one sentence while its punctuation is re-attached: words
// 0..n-1, node n the root. Subtree spans and DFS entry/exit times are
// recomputed in O(n) after every change of a head (only punctuation moves,
// a handful per sentence), so every query below is O(1) or O(depth).
class Tree {
 public:
  Tree(const std::vector<std::string_view>& forms, const std::vector<uint8_t>& upos,
       std::vector<int>* head, Scratch* scratch)
      : n_(static_cast<int>(forms.size())),
        forms_(forms),
        upos_(upos),
        head_(*head),
        x_(*scratch) {}

  bool Punct(int i) const {
    return upos_[static_cast<size_t>(i)] == static_cast<uint8_t>(ud::Upos::kPunct);
  }
  std::string_view Form(int i) const { return forms_[static_cast<size_t>(i)]; }
  int& Head(int i) { return head_[static_cast<size_t>(i)]; }
  int Head(int i) const { return head_[static_cast<size_t>(i)]; }
  int root() const { return n_; }
  int size() const { return n_; }

  // Whether a is b or below it, by climbing (valid at any time).
  bool Below(int a, int b) const {
    for (int x = a, steps = 0; steps <= n_ + 1; ++steps) {
      if (x == b) return true;
      if (x == n_) return false;
      x = Head(x);
    }
    return false;
  }

  // Spans, sizes and DFS times from the current heads. Returns whether
  // every word is reached from the root (the heads form a tree); heads out
  // of range are refused before anything is indexed.
  bool Index() {
    for (int i = 0; i < n_; ++i)
      if (Head(i) < 0 || Head(i) > n_ || Head(i) == i) return false;
    const auto m = static_cast<size_t>(n_ + 1);
    x_.first_child.assign(m + 1, 0);
    for (int i = 0; i < n_; ++i) ++x_.first_child[static_cast<size_t>(Head(i)) + 1];
    for (size_t k = 1; k <= m; ++k) x_.first_child[k] += x_.first_child[k - 1];
    x_.children.resize(static_cast<size_t>(n_));
    x_.fill.assign(x_.first_child.begin(), x_.first_child.end() - 1);
    for (int i = 0; i < n_; ++i)
      x_.children[static_cast<size_t>(x_.fill[static_cast<size_t>(Head(i))]++)] = i;
    x_.lo.resize(m);
    x_.hi.resize(m);
    x_.count.resize(m);
    x_.tin.resize(m);
    x_.tout.resize(m);
    // Iterative DFS from the root: (node, next child index).
    auto& stack = x_.stack;
    stack.clear();
    stack.emplace_back(n_, x_.first_child[m - 1]);
    int clock = 0;
    x_.tin[m - 1] = clock++;
    x_.lo[m - 1] = x_.hi[m - 1] = n_;
    x_.count[m - 1] = 1;
    while (!stack.empty()) {
      auto& [x, next] = stack.back();
      const auto xs = static_cast<size_t>(x);
      if (next < x_.first_child[xs + 1]) {
        const int c = x_.children[static_cast<size_t>(next++)];
        const auto cs = static_cast<size_t>(c);
        x_.tin[cs] = clock++;
        x_.lo[cs] = x_.hi[cs] = c;
        x_.count[cs] = 1;
        stack.emplace_back(c, x_.first_child[cs]);
        continue;
      }
      x_.tout[xs] = clock;
      const auto d = xs;
      stack.pop_back();
      if (!stack.empty()) {
        const auto p = static_cast<size_t>(stack.back().first);
        if (p != m - 1) {
          x_.lo[p] = std::min(x_.lo[p], x_.lo[d]);
          x_.hi[p] = std::max(x_.hi[p], x_.hi[d]);
        }
        x_.count[p] += x_.count[d];
      }
    }
    return clock == n_ + 1;  // a word on a cycle is never reached
  }
  // Valid after Index() until the next change of a head.
  bool Descends(int a, int b) const {  // a is strictly below b
    const auto as = static_cast<size_t>(a), bs = static_cast<size_t>(b);
    return a != b && x_.tin[bs] < x_.tin[as] && x_.tin[as] < x_.tout[bs];
  }
  int Lo(int x) const { return x_.lo[static_cast<size_t>(x)]; }
  int Hi(int x) const { return x_.hi[static_cast<size_t>(x)]; }
  int Count(int x) const { return x_.count[static_cast<size_t>(x)]; }
  Scratch& scratch() { return x_; }

 private:
  int n_;
  const std::vector<std::string_view>& forms_;
  const std::vector<uint8_t>& upos_;
  std::vector<int>& head_;
  Scratch& x_;
};

// Paired marks: each opening mark and its closing mark (nested marks of the
// same form skipped) hang on the heads of the words between them whose own
// heads lie outside: the opening on the first, the closing on the last.
// Marks so attached are `type`d and left alone afterwards.
void AttachPairs(Tree& t, std::vector<Pair>* type) {
  const int n = t.size();
  std::vector<int>& heads = t.scratch().heads;
  std::vector<int>& punct_heads = t.scratch().punct_heads;
  for (int i = 0; i < n; ++i) {
    if ((*type)[static_cast<size_t>(i)] == Pair::kClosing) continue;
    const std::string_view close = ClosingOf(t.Form(i));
    if (close.empty()) continue;
    if (t.Form(i) == "'" && !t.Punct(i)) continue;  // an apostrophe, not a quote
    int level = 0, j = i + 1;
    for (; j < n; ++j) {
      if (t.Form(j) == close) {
        if (level == 0) break;
        --level;
      } else if (t.Form(j) == t.Form(i)) {
        ++level;
      }
    }
    if (j >= n) continue;
    heads.clear();
    punct_heads.clear();
    for (int k = i + 1; k < j; ++k) {
      const int h = t.Head(k);
      if (h == t.root() || h < i || h > j) (t.Punct(k) ? punct_heads : heads).push_back(k);
    }
    if (heads.empty()) heads.swap(punct_heads);
    if (heads.empty()) continue;  // "()": ordinary punctuation
    // Never under a word of one's own subtree (marks are leaves here, but
    // a mark that took one inside a pair before may not be).
    const int old_head = t.Head(i);
    if (t.Below(heads.front(), i)) continue;
    t.Head(i) = heads.front();
    if (t.Below(heads.back(), j)) {
      t.Head(i) = old_head;
      continue;
    }
    t.Head(j) = heads.back();
    (*type)[static_cast<size_t>(i)] = Pair::kOpening;
    (*type)[static_cast<size_t>(j)] = Pair::kClosing;
  }
}

// Subordinate punctuation (every other mark): the nearest non-punctuation
// words left and right (not across a paired mark that hangs elsewhere; a
// final . ? ! looks only left), each climbed towards the root while its
// head stays on its side of the mark and its subtree does not reach across
// it; the mark hangs on the lower of the two, on the left one when they
// are unrelated. Returns whether the head changed.
bool AttachSubordinate(Tree& t, const std::vector<Pair>& type, int i) {
  const int n = t.size();
  const int root = t.root();
  int h = t.Head(i);
  // A full stop that hangs on the word before it ends an abbreviation.
  if (t.Form(i) == "." && h == i - 1) return false;
  // A comma or dash pair around a unit, both on the unit's head, is kept.
  if (h != root && (i == t.Lo(h) || i == t.Hi(h)) && t.Hi(h) - t.Lo(h) + 1 == t.Count(h) &&
      t.Punct(t.Lo(h)) && t.Punct(t.Hi(h)) && t.Head(t.Lo(h)) == h && t.Head(t.Hi(h)) == h) {
    return false;
  }
  int l = i - 1;
  int r = IsFinal(t.Form(i)) ? n : i + 1;
  while (l >= 0 && t.Punct(l)) {
    if (type[static_cast<size_t>(l)] == Pair::kOpening && t.Head(l) != i) {
      l = -1;
      break;
    }
    --l;
  }
  while (r < n && t.Punct(r)) {
    if (type[static_cast<size_t>(r)] == Pair::kClosing && t.Head(r) != i) {
      r = n;
      break;
    }
    ++r;
  }
  if (l >= 0) {
    while (t.Head(l) != root && t.Head(l) < i && t.Hi(l) <= i) l = t.Head(l);
  }
  if (r < n) {
    while (t.Head(r) != root && t.Head(r) > i && t.Lo(r) >= i) r = t.Head(r);
  }
  const bool has_l = l >= 0, has_r = r < n;
  int cand = -1;
  if (has_l && has_r) {
    // The parser's head is kept when it is one of the two candidates: the
    // rule only knows it wants the lower one, and the parser has seen the
    // words (measured on EWT dev, see README).
    if (h == l || h == r) return false;
    cand = t.Descends(r, l) ? r : l;
  } else if (has_l) {
    cand = l;
  } else if (has_r) {
    cand = r;
  } else {
    return false;
  }
  if (cand == h || cand == i || t.Descends(cand, i)) return false;
  t.Head(i) = cand;
  return true;
}

}  // namespace

void AttachPunctuation(const std::vector<std::string_view>& forms, const std::vector<uint8_t>& upos,
                       std::vector<int>* head, std::vector<int>* label) {
  const int n = static_cast<int>(forms.size());
  if (n == 0 || n > kMaxPunctuationWords || upos.size() < forms.size() ||
      head->size() < forms.size() || label->size() < forms.size()) {
    return;
  }
  const auto punct = static_cast<uint8_t>(ud::Upos::kPunct);
  if (std::find(upos.begin(), upos.begin() + n, punct) == upos.begin() + n) return;
  thread_local Scratch scratch;
  Tree t(forms, upos, head, &scratch);
  if (!t.Index()) return;  // not a tree: nothing to climb safely
  static const int kPunctRel = ud::DeprelId("punct");
  const int root_rel = RootLabel();
  std::vector<int>& before = scratch.before;
  before.assign(head->begin(), head->begin() + n);

  // 1. Punctuation has no dependents: a word on a mark moves up to the
  // mark's head.
  for (int i = 0; i < n; ++i) {
    for (int steps = 0; t.Head(i) != n && t.Punct(t.Head(i)) && steps <= n; ++steps)
      t.Head(i) = t.Head(t.Head(i));
  }
  // 2. Paired marks, 3. the rest.
  std::vector<Pair>& type = scratch.type;
  type.assign(static_cast<size_t>(n), Pair::kNone);
  AttachPairs(t, &type);
  t.Index();
  for (int i = 0; i < n; ++i) {
    if (!t.Punct(i) || type[static_cast<size_t>(i)] != Pair::kNone) continue;
    if (AttachSubordinate(t, type, i)) t.Index();
  }
  // One word on the root: the one labelled root (else the first), with the
  // others under it.
  int top = -1;
  for (int i = 0; i < n; ++i) {
    if (t.Head(i) != n) continue;
    if (top < 0 || ((*label)[static_cast<size_t>(top)] != root_rel &&
                    (*label)[static_cast<size_t>(i)] == root_rel)) {
      top = i;
    }
  }
  for (int i = 0; i < n; ++i)
    if (t.Head(i) == n && i != top) t.Head(i) = top;
  // Relations: the root's is root and no other word's; a mark that moved
  // is punct.
  for (int i = 0; i < n; ++i) {
    auto& rel = (*label)[static_cast<size_t>(i)];
    if (i == top) {
      rel = root_rel;
    } else if (rel == root_rel || (t.Punct(i) && t.Head(i) != before[static_cast<size_t>(i)])) {
      rel = kPunctRel;
    }
  }
}

void AttachPunctuation(const ModelData& m, const std::vector<std::string_view>& words,
                       const std::vector<int>& tags, ParseState* state) {
  thread_local std::vector<uint8_t> upos;
  upos.resize(words.size());
  for (size_t i = 0; i < words.size() && i < tags.size(); ++i)
    upos[i] = m.tags[static_cast<size_t>(tags[i])].first;
  AttachPunctuation(words, upos, &state->head, &state->label);
}

}  // namespace cairn::syntax
