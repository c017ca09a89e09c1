// AttachPunctuation: UD's rule for punctuation heads (Udapi's ud.FixPunct)
// on small trees written by hand, on random trees (it always leaves a tree),
// and on the shipped parser's trees of EWT dev.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/ud.h"
#include "syntax/internal.h"
#include "syntax/syntax.h"
#include "syntax/train.h"

namespace cairn::syntax {
namespace {

namespace fs = std::filesystem;

// A sentence as CoNLL-U writes it: heads 1-based, 0 for the root.
struct Word {
  std::string_view form;
  ud::Upos upos;
  int head;
  std::string_view rel;
};

struct Result {
  std::vector<int> head;  // 1-based, 0 for the root
  std::vector<std::string_view> rel;
};

Result Attach(const std::vector<Word>& words) {
  const int n = static_cast<int>(words.size());
  std::vector<std::string_view> forms;
  std::vector<uint8_t> upos;
  std::vector<int> head, label;
  for (const Word& w : words) {
    forms.push_back(w.form);
    upos.push_back(static_cast<uint8_t>(w.upos));
    head.push_back(w.head == 0 ? n : w.head - 1);
    label.push_back(ud::DeprelId(w.rel));
  }
  head.push_back(-1);  // the root's own slot, as ParseState has it
  label.push_back(0);
  AttachPunctuation(forms, upos, &head, &label);
  Result r;
  for (int i = 0; i < n; ++i) {
    r.head.push_back(head[static_cast<size_t>(i)] == n ? 0 : head[static_cast<size_t>(i)] + 1);
    r.rel.push_back(ud::DeprelName(static_cast<uint8_t>(label[static_cast<size_t>(i)])));
  }
  return r;
}

// Every word reaches the root without a cycle, none hangs on itself, and
// exactly one hangs on the root, labelled root.
::testing::AssertionResult IsTree(const Result& r) {
  const int n = static_cast<int>(r.head.size());
  int roots = 0;
  for (int i = 1; i <= n; ++i) {
    const int h = r.head[static_cast<size_t>(i - 1)];
    if (h < 0 || h > n) return ::testing::AssertionFailure() << "word " << i << " head " << h;
    if (h == i) return ::testing::AssertionFailure() << "word " << i << " hangs on itself";
    if (h == 0) {
      ++roots;
      if (r.rel[static_cast<size_t>(i - 1)] != "root")
        return ::testing::AssertionFailure() << "root word " << i << " is not labelled root";
    } else if (r.rel[static_cast<size_t>(i - 1)] == "root") {
      return ::testing::AssertionFailure() << "word " << i << " labelled root under " << h;
    }
    int x = i;
    for (int steps = 0; x != 0; ++steps) {
      if (steps > n) return ::testing::AssertionFailure() << "a cycle through word " << i;
      x = r.head[static_cast<size_t>(x - 1)];
    }
  }
  if (roots != 1) return ::testing::AssertionFailure() << roots << " words on the root";
  return ::testing::AssertionSuccess();
}

using U = ud::Upos;

TEST(AttachPunctuation, CommaAfterAFrontedPhraseHangsOnThePhrase) {
  // "In October , the team crossed ." with the comma misattached to "team"
  // and the full stop to "team": the comma goes to "October" (the lower of
  // October and crossed), the full stop to the root.
  Result r = Attach({{"In", U::kAdp, 2, "case"},
                     {"October", U::kPropn, 6, "obl"},
                     {",", U::kPunct, 5, "punct"},
                     {"the", U::kDet, 5, "det"},
                     {"team", U::kNoun, 6, "nsubj"},
                     {"crossed", U::kVerb, 0, "root"},
                     {".", U::kPunct, 5, "punct"}});
  EXPECT_EQ(r.head, (std::vector<int>{2, 6, 2, 5, 6, 0, 6}));
  EXPECT_EQ(r.rel[2], "punct");
  EXPECT_EQ(r.rel[6], "punct");
  EXPECT_TRUE(IsTree(r));
}

TEST(AttachPunctuation, CommaBeforeAConjunctHangsOnTheConjunct) {
  // "Kim fled , and Pak stayed ." with the comma on "Pak": it goes to
  // "stayed", the conjunct, which is below "fled".
  Result r = Attach({{"Kim", U::kPropn, 2, "nsubj"},
                     {"fled", U::kVerb, 0, "root"},
                     {",", U::kPunct, 5, "punct"},
                     {"and", U::kCconj, 6, "cc"},
                     {"Pak", U::kPropn, 6, "nsubj"},
                     {"stayed", U::kVerb, 2, "conj"},
                     {".", U::kPunct, 2, "punct"}});
  EXPECT_EQ(r.head, (std::vector<int>{2, 0, 6, 6, 6, 2, 2}));
  EXPECT_TRUE(IsTree(r));
}

TEST(AttachPunctuation, TheParsersHeadIsKeptWhenItIsOneOfTheCandidates) {
  // The same sentence with the comma on "fled", the left candidate: the
  // rule alone would take "stayed"; the parser's choice stands.
  Result r = Attach({{"Kim", U::kPropn, 2, "nsubj"},
                     {"fled", U::kVerb, 0, "root"},
                     {",", U::kPunct, 2, "punct"},
                     {"and", U::kCconj, 6, "cc"},
                     {"Pak", U::kPropn, 6, "nsubj"},
                     {"stayed", U::kVerb, 2, "conj"},
                     {".", U::kPunct, 2, "punct"}});
  EXPECT_EQ(r.head[2], 2);
}

TEST(AttachPunctuation, QuotesHangOnTheHeadOfTheQuotedSpan) {
  // He said " we crossed the river " . with both quotes on "said".
  Result r = Attach({{"He", U::kPron, 2, "nsubj"},
                     {"said", U::kVerb, 0, "root"},
                     {"\"", U::kPunct, 2, "punct"},
                     {"we", U::kPron, 5, "nsubj"},
                     {"crossed", U::kVerb, 2, "ccomp"},
                     {"the", U::kDet, 7, "det"},
                     {"river", U::kNoun, 5, "obj"},
                     {"\"", U::kPunct, 2, "punct"},
                     {".", U::kPunct, 7, "punct"}});
  EXPECT_EQ(r.head, (std::vector<int>{2, 0, 5, 5, 2, 7, 5, 5, 2}));
  EXPECT_TRUE(IsTree(r));
}

TEST(AttachPunctuation, BracketsHangOnTheHeadOfTheSpan) {
  // the camp ( Kwalliso 15 ) closed : the brackets on "Kwalliso".
  Result r = Attach({{"the", U::kDet, 2, "det"},
                     {"camp", U::kNoun, 7, "nsubj"},
                     {"(", U::kPunct, 7, "punct"},
                     {"Kwalliso", U::kPropn, 2, "appos"},
                     {"15", U::kNum, 4, "nummod"},
                     {")", U::kPunct, 5, "punct"},
                     {"closed", U::kVerb, 0, "root"}});
  EXPECT_EQ(r.head, (std::vector<int>{2, 7, 4, 2, 4, 4, 0}));
  EXPECT_TRUE(IsTree(r));
}

TEST(AttachPunctuation, AWordOnAMarkMovesUpToTheMarksHead) {
  // Seoul , Korea with "Korea" hung on the comma: it moves to "Seoul" and
  // keeps its relation.
  Result r = Attach({{"Seoul", U::kPropn, 0, "root"},
                     {",", U::kPunct, 1, "punct"},
                     {"Korea", U::kPropn, 2, "appos"}});
  EXPECT_EQ(r.head, (std::vector<int>{0, 1, 1}));
  EXPECT_EQ(r.rel[2], "appos");
  EXPECT_TRUE(IsTree(r));
}

TEST(AttachPunctuation, AMarkAtTheRootGivesTheRootToAWord) {
  // The parser made the full stop the root: its dependents move up to the
  // root, one of them keeps it and the full stop hangs on it.
  Result r = Attach({{"Kim", U::kPropn, 2, "nsubj"},
                     {"fled", U::kVerb, 3, "parataxis"},
                     {".", U::kPunct, 0, "root"}});
  EXPECT_EQ(r.head, (std::vector<int>{2, 0, 2}));
  EXPECT_EQ(r.rel[1], "root");
  EXPECT_EQ(r.rel[2], "punct");
  EXPECT_TRUE(IsTree(r));
}

TEST(AttachPunctuation, AnAbbreviationsFullStopStays) {
  Result r = Attach({{"Kim", U::kPropn, 2, "nsubj"},
                     {"left", U::kVerb, 0, "root"},
                     {"Seoul", U::kPropn, 2, "obj"},
                     {"Inc", U::kPropn, 3, "flat"},
                     {".", U::kPunct, 4, "punct"}});
  EXPECT_EQ(r.head[4], 4);
}

TEST(AttachPunctuation, OnlyPunctuationStillHasOneRoot) {
  Result r = Attach({{"!", U::kPunct, 0, "root"}, {"!", U::kPunct, 1, "punct"}});
  EXPECT_TRUE(IsTree(r));
}

TEST(AttachPunctuation, ANonProjectiveTreeStaysATree) {
  // "A , B C ." with C hung on A across B (non-projective) and the comma
  // on C: the candidates are unrelated to the parser's head.
  Result r = Attach({{"A", U::kNoun, 3, "nsubj"},
                     {",", U::kPunct, 4, "punct"},
                     {"B", U::kVerb, 0, "root"},
                     {"C", U::kNoun, 1, "nmod"},
                     {".", U::kPunct, 4, "punct"}});
  EXPECT_TRUE(IsTree(r));
  EXPECT_EQ(r.head[3], 1) << "a word not on punctuation keeps its head";
}

TEST(AttachPunctuation, NotATreeIsLeftAlone) {
  // A cycle (1 -> 2 -> 1): nothing to climb safely, nothing changes.
  Result r = Attach({{"A", U::kNoun, 2, "nsubj"},
                     {"B", U::kVerb, 1, "dep"},
                     {",", U::kPunct, 1, "punct"},
                     {"C", U::kVerb, 0, "root"}});
  EXPECT_EQ(r.head, (std::vector<int>{2, 1, 1, 0}));
}

TEST(AttachPunctuation, ADeepChainIsHandled) {
  // 1000 words each on the next, a comma every tenth: no recursion, and
  // the result is a tree.
  std::vector<Word> words;
  const int n = 1000;
  for (int i = 1; i <= n; ++i) {
    const bool comma = i % 10 == 5;
    words.push_back({comma ? std::string_view(",") : std::string_view("w"),
                     comma ? U::kPunct : U::kNoun, i == n ? 0 : i + 1, i == n ? "root" : "dep"});
  }
  Result r = Attach(words);
  EXPECT_TRUE(IsTree(r));
}

uint64_t Next(uint64_t* s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

TEST(AttachPunctuation, RandomTreesStayTreesAndOnlyPunctuationMoves) {
  static constexpr std::string_view kForms[] = {",", ".", "\"", "(", ")", "-", ":",
                                                "?", "w", "w",  "w", "w", "w"};
  uint64_t seed = 0x9e3779b97f4a7c15ULL;
  for (int trial = 0; trial < 3000; ++trial) {
    const int n = 1 + static_cast<int>(Next(&seed) % 25);
    // Heads: a random order, each word on an earlier one of it or the root.
    std::vector<int> order(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) order[static_cast<size_t>(i)] = i + 1;
    for (int i = n - 1; i > 0; --i)
      std::swap(order[static_cast<size_t>(i)], order[Next(&seed) % static_cast<size_t>(i + 1)]);
    std::vector<Word> words(static_cast<size_t>(n));
    for (int k = 0; k < n; ++k) {
      const int w = order[static_cast<size_t>(k)];
      const std::string_view form = kForms[Next(&seed) % std::size(kForms)];
      const int head = k == 0 ? 0 : order[Next(&seed) % static_cast<size_t>(k)];
      words[static_cast<size_t>(w - 1)] = {form, form == "w" ? U::kNoun : U::kPunct, head,
                                           head == 0 ? "root" : "dep"};
    }
    Result r = Attach(words);
    ASSERT_TRUE(IsTree(r)) << "trial " << trial;
    for (int i = 0; i < n; ++i) {
      const Word& w = words[static_cast<size_t>(i)];
      if (w.upos == U::kPunct || w.head == 0 ||
          words[static_cast<size_t>(w.head - 1)].upos == U::kPunct)
        continue;
      ASSERT_EQ(r.head[static_cast<size_t>(i)], w.head) << "trial " << trial << " word " << i + 1;
    }
  }
}

TEST(AttachPunctuation, TheShippedParsersTreesHaveNoDependentsOnMarks) {
  const fs::path dev =
      fs::path(CAIRN_SHARED_DIR) / "corpora" / "ud-english-ewt" / "en_ewt-ud-dev.conllu";
  if (!fs::exists(dev)) GTEST_SKIP() << "../shared/corpora is absent";
  auto gold = ReadConllu(dev.string());
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  auto model = Model::Shipped();
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  Analyzer a(*model);
  const auto punct = static_cast<uint8_t>(ud::Upos::kPunct);
  size_t marks = 0;
  for (size_t s = 0; s < gold->size() && s < 400; ++s) {
    std::vector<std::string_view> words;
    for (const auto& w : (*gold)[s]) words.push_back(w.form);
    std::vector<TokenSyntax> out = a.Analyze(words);
    int roots = 0;
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i].head < 0) {
        ++roots;
        continue;
      }
      if (out[i].upos == punct) ++marks;
      EXPECT_NE(out[static_cast<size_t>(out[i].head)].upos, punct)
          << "sentence " << s << " word " << i + 1 << " hangs on a mark";
    }
    EXPECT_EQ(roots, 1) << "sentence " << s;
  }
  EXPECT_GT(marks, 500u);
}

}  // namespace
}  // namespace cairn::syntax
