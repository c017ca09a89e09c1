// The tagger's and parser's features and the parser's transition system,
// shared by training (train.cc) and inference (syntax.cc). Internal to
// src/syntax/.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "syntax/perceptron.h"

namespace cairn::syntax {

// Heterogeneous lookup of std::string keys by string_view.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return HashBytes(s); }
};

// What a model file holds.
struct ModelData {
  // Tag class -> (ud::Upos, XPOS id); the tagger predicts the pair.
  std::vector<std::pair<uint8_t, uint8_t>> tags;
  // Frequent words that (nearly) always carry one tag class.
  std::unordered_map<std::string, uint8_t, StringHash, std::equal_to<>> tagdict;
  Weights tagger;
  // The second tagging pass (model version 2): the same features plus the
  // first pass's tags of the right context. Absent (classes() == 0) in
  // version 1 files: one pass only.
  Weights tagger2;
  Weights parser;
};

// "CAIRNSYN", version, sections, then an FNV-1a checksum of all before it.
std::string SerializeModel(const ModelData& m);
Status ParseModel(std::string_view bytes, std::string_view name, ModelData* m);
// A model file's bytes; a missing file is NotFound naming it.
Result<std::string> ReadModelFile(const std::string& path);

// Per-word hashes the features combine.
struct WordInfo {
  uint64_t form = 0;   // as written
  uint64_t norm = 0;   // lowercased, digits as 0
  uint64_t shape = 0;  // Xxxx, dd-dd, ...
  uint64_t pre[3] = {0, 0, 0};
  uint64_t suf[4] = {0, 0, 0, 0};
  uint64_t hyph = 0;  // the part after the last hyphen, or 0
};
void DescribeWords(const std::vector<std::string_view>& words, std::vector<WordInfo>* out);

// The tagger's features for word i given the two previous predicted tags
// (-1 before the sentence). With `right` (the first pass's tag classes, one
// per word), also the second pass's features: the tags of the next two words.
void TaggerFeatures(const std::vector<WordInfo>& w, int i, int p1, int p2, std::vector<uint32_t>* f,
                    const std::vector<int>* right = nullptr);

// TaggerFeatures split in two, the same features (tests check it): those of
// word i alone, the same wherever the word occurs, and the rest (context and
// tags). Both append to *f. For TagWordCache, which sums the first part's
// weights once per word.
void TaggerWordFeatures(const WordInfo& x, std::vector<uint32_t>* f);
void TaggerContextFeatures(const std::vector<WordInfo>& w, int i, int p1, int p2,
                           std::vector<uint32_t>* f, const std::vector<int>* right = nullptr);

// The summed weights of TaggerWordFeatures of recent words, per tagging
// pass: words repeat (names, places, the story's nouns), and their own
// features are a third of the tagger's. Direct-mapped by the word's hash and
// checked against its bytes (words longer than kMaxWord are not kept), so a
// sum is only ever reused for the same word. One per analyzer (scratch, not
// shareable); tied to one model.
class TagWordCache {
 public:
  static constexpr size_t kEntries = 2048;
  static constexpr size_t kMaxWord = 23;
  // The sums of `word`'s (described by x) own features under pass `pass`'s
  // weights `w` (0 or 1), computed the first time. `feats` is scratch space.
  const int32_t* Sums(int pass, const Weights& w, std::string_view word, const WordInfo& x,
                      std::vector<uint32_t>* feats);
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  struct Key {
    uint8_t len = 0xff;  // 0xff: empty
    char word[kMaxWord];
  };
  size_t stride_ = 0;         // int32 per row: the classes
  std::vector<Key> keys_[2];  // per pass
  std::vector<int32_t> sums_[2];
  uint64_t hits_ = 0, misses_ = 0;
};

// PredictTags with the word sums from `cache`: the same tags.
void PredictTagsCached(const ModelData& m, const std::vector<std::string_view>& words,
                       TagWordCache* cache, std::vector<WordInfo>* info,
                       std::vector<uint32_t>* feats, std::vector<int32_t>* scores,
                       std::vector<int>* first, std::vector<int>* tags);

// Frequent unambiguous words: at least this often in training, with this
// share of one tag.
inline constexpr int kTagDictMinCount = 20;
inline constexpr double kTagDictMinShare = 0.97;

// Arc-hybrid transitions (Kuhlmann et al. 2011) with the root at the end of
// the buffer (Ballesteros and Nivre 2013), so exactly one word attaches to
// it: SHIFT, LEFT(l) makes s0 a dependent of b0, RIGHT(l) makes s0 a
// dependent of s1. Transition ids: 0 SHIFT, 1 + 2l LEFT(l), 2 + 2l RIGHT(l)
// for deprel id l.
inline int LeftT(int l) { return 1 + 2 * l; }
inline int RightT(int l) { return 2 + 2 * l; }
int TransitionCount();
int RootLabel();

struct ParseState {
  int n = 0;  // words; index n is the root
  std::vector<int> stack;
  int b = 0;
  std::vector<int> head, label;
  std::vector<int> l1, l2, r1, r2, nl, nr;  // nearest children and valency
  std::vector<uint64_t> lset, rset;         // labels of left / right children

  void Init(int words);
  bool Terminal() const { return stack.empty() && b >= n; }
  bool Valid(int t) const;
  void Apply(int t);
};

// The parser's features (Zhang and Nivre 2011, adapted to arc-hybrid).
// `words` has n entries (DescribeWords), `tag` at least n (the root's is
// not read).
void ParserFeatures(const ParseState& s, const std::vector<WordInfo>& words,
                    const std::vector<int>& tag, std::vector<uint32_t>* f);

// Goldberg and Nivre's dynamic oracle for arc-hybrid: how many gold arcs
// SHIFT, LEFT and RIGHT make unreachable (-1 when not valid at all). A
// labelled transition costs one more when its label is not s0's gold label.
struct ArcCosts {
  int shift = -1, left = -1, right = -1;
};
ArcCosts ComputeArcCosts(const ParseState& s, const std::vector<int>& gold_head);

// Tags one sentence with a model's tagger (tag dictionary first), left to
// right with `w`; with `right`, the second pass over the first pass's tags.
// *tags gets one tag class per word. `info` must describe `words`; the
// other vectors are scratch space.
void TagPass(const ModelData& m, const Weights& w, const std::vector<std::string_view>& words,
             const std::vector<WordInfo>& info, const std::vector<int>* right,
             std::vector<uint32_t>* feats, std::vector<int32_t>* scores, std::vector<int>* tags);
// Both passes (the second when the model has one). `first` is scratch space.
void PredictTags(const ModelData& m, const std::vector<std::string_view>& words,
                 std::vector<WordInfo>* info, std::vector<uint32_t>* feats,
                 std::vector<int32_t>* scores, std::vector<int>* first, std::vector<int>* tags);

// Punctuation re-attached after parsing by UD's own deterministic rule, the
// method of Udapi's ud.FixPunct, which UD English EWT applies to its gold
// trees (since v2.13): a word hung on a mark moves up to the mark's head;
// paired quotes and brackets hang on the heads of the span they enclose;
// every other mark on the lower of the two candidates found by climbing from
// its nearest non-punctuation neighbours while the climb stays on its side
// (a final . ? ! looks only left), except that the parser's head is kept
// when it is one of the two (Udapi keeps it when it lies on either climb;
// on EWT dev keeping only the candidates scores best). A mark that moves
// gets the relation punct; exactly one word stays on the root, labelled
// root. The result is always a tree: nothing hangs on itself or below
// itself. `forms` and `upos` (ud::Upos ids) describe the n words; `head`
// holds each word's head, n for the root, and `label` its relation id (both
// at least n long). Sentences longer than kMaxPunctuationWords or that are
// not trees, and sentences without a PUNCT word, are left as they are: the
// work is O(n) per mark that moves, in per-thread space reused between
// sentences.
inline constexpr int kMaxPunctuationWords = 1024;
void AttachPunctuation(const std::vector<std::string_view>& forms, const std::vector<uint8_t>& upos,
                       std::vector<int>* head, std::vector<int>* label);
// The same over a parse: `words` and their tag classes `tags` (m.tags).
void AttachPunctuation(const ModelData& m, const std::vector<std::string_view>& words,
                       const std::vector<int>& tags, ParseState* state);

}  // namespace cairn::syntax
