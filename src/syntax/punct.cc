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

// The tree of one sentence while its punctuation is re-attached: words
// 0..n-1, node n the root. Subtree spans and DFS entry/exit times are
// recomputed in O(n) after every change of a head (only punctuation moves,
// a handful per sentence), so every query below is O(1) or O(depth).
class Tree {
 public:
  Tree(const std::vector<std::string_view>& forms, const std::vector<uint8_t>& upos,
       std::vector<int>* head)
      : n_(static_cast<int>(forms.size())), forms_(forms), upos_(upos), head_(*head) {}

  bool Punct(int i) const {
    return upos_[static_cast<size_t>(i)] == static_cast<uint8_t>(ud::Upos::kPunct);
  }
  std::string_view Form(int i) const { return forms_[static_cast<size_t>(i)]; }
  int& Head(int i) { return head_[static_cast<size_t>(i)]; }
  int Head(int i) const { return head_[static_cast<size_t>(i)]; }
  int root() const { return n_; }
  int size() const { return n_; }

  // Whether every word reaches the root without a cycle.
  bool Valid() const {
    for (int i = 0; i < n_; ++i) {
      int x = i, steps = 0;
      while (x != n_) {
        if (x < 0 || x > n_ || ++steps > n_) return false;
        x = Head(x);
      }
    }
    return true;
  }

  // Whether a is b or below it, by climbing (valid at any time).
  bool Below(int a, int b) const {
    for (int x = a, steps = 0; steps <= n_ + 1; ++steps) {
      if (x == b) return true;
      if (x == n_) return false;
      x = Head(x);
    }
    return false;
  }

  // Spans, sizes and DFS times from the current heads.
  void Index() {
    const auto m = static_cast<size_t>(n_ + 1);
    first_child_.assign(m + 1, 0);
    for (int i = 0; i < n_; ++i) ++first_child_[static_cast<size_t>(Head(i)) + 1];
    for (size_t k = 1; k <= m; ++k) first_child_[k] += first_child_[k - 1];
    children_.assign(static_cast<size_t>(n_), 0);
    std::vector<int> fill(first_child_.begin(), first_child_.end() - 1);
    for (int i = 0; i < n_; ++i)
      children_[static_cast<size_t>(fill[static_cast<size_t>(Head(i))]++)] = i;
    lo_.assign(m, 0);
    hi_.assign(m, 0);
    count_.assign(m, 1);
    tin_.assign(m, 0);
    tout_.assign(m, 0);
    // Iterative DFS from the root: (node, next child index).
    stack_.clear();
    stack_.emplace_back(n_, first_child_[m - 1]);
    int clock = 0;
    tin_[m - 1] = clock++;
    lo_[m - 1] = hi_[m - 1] = n_;
    while (!stack_.empty()) {
      auto& [x, next] = stack_.back();
      const auto xs = static_cast<size_t>(x);
      if (next < first_child_[xs + 1]) {
        const int c = children_[static_cast<size_t>(next++)];
        const auto cs = static_cast<size_t>(c);
        tin_[cs] = clock++;
        lo_[cs] = hi_[cs] = c;
        count_[cs] = 1;
        stack_.emplace_back(c, first_child_[cs]);
        continue;
      }
      tout_[xs] = clock;
      const int done = x;
      stack_.pop_back();
      if (!stack_.empty()) {
        const auto p = static_cast<size_t>(stack_.back().first);
        const auto d = static_cast<size_t>(done);
        if (p != m - 1) {
          lo_[p] = std::min(lo_[p], lo_[d]);
          hi_[p] = std::max(hi_[p], hi_[d]);
        }
        count_[p] += count_[d];
      }
    }
  }
  // Valid after Index() until the next change of a head.
  bool Descends(int a, int b) const {  // a is strictly below b
    const auto as = static_cast<size_t>(a), bs = static_cast<size_t>(b);
    return a != b && tin_[bs] < tin_[as] && tin_[as] < tout_[bs];
  }
  int Lo(int x) const { return lo_[static_cast<size_t>(x)]; }
  int Hi(int x) const { return hi_[static_cast<size_t>(x)]; }
  int Count(int x) const { return count_[static_cast<size_t>(x)]; }

 private:
  int n_;
  const std::vector<std::string_view>& forms_;
  const std::vector<uint8_t>& upos_;
  std::vector<int>& head_;
  std::vector<int> first_child_, children_, lo_, hi_, count_, tin_, tout_;
  std::vector<std::pair<int, int>> stack_;
};

// Paired marks: each opening mark and its closing mark (nested marks of the
// same form skipped) hang on the heads of the words between them whose own
// heads lie outside: the opening on the first, the closing on the last.
// Marks so attached are `type`d and left alone afterwards.
void AttachPairs(Tree& t, std::vector<Pair>* type) {
  const int n = t.size();
  std::vector<int> heads, punct_heads;
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
  Tree t(forms, upos, head);
  if (!t.Valid()) return;
  static const int kPunctRel = ud::DeprelId("punct");
  const int root_rel = RootLabel();
  std::vector<int> before(head->begin(), head->begin() + n);

  // 1. Punctuation has no dependents: a word on a mark moves up to the
  // mark's head.
  for (int i = 0; i < n; ++i) {
    for (int steps = 0; t.Head(i) != n && t.Punct(t.Head(i)) && steps <= n; ++steps)
      t.Head(i) = t.Head(t.Head(i));
  }
  // 2. Paired marks, 3. the rest.
  std::vector<Pair> type(static_cast<size_t>(n), Pair::kNone);
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
