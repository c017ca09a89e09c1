// The segmenter against its frozen reference (reference_segmenter.h: the
// UTF-16 implementation it replaced), after RE2's testing/tester.h: both run
// on the same generated and example texts and must agree on every paragraph,
// sentence and token, spans and flags; and a run without tokens must give
// the same paragraphs and sentences.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reference_segmenter.h"
#include "text/segment.h"

namespace cairn::text {
namespace {

std::string Describe(const Document& d, Span s) {
  return std::to_string(s.begin) + "-" + std::to_string(s.end) + " \"" + std::string(d.Slice(s)) +
         "\"";
}

// Both segmenters on `text`; every difference is reported with the text.
void ExpectSameAsReference(const std::string& text, Segmenter* seg, reference::Segmenter* ref) {
  Document got, want;
  got.name = want.name = "diff";
  got.text = want.text = text;
  ASSERT_TRUE(seg->Run(&got).ok());
  ASSERT_TRUE(ref->Run(&want).ok());
  ASSERT_EQ(got.paragraphs.size(), want.paragraphs.size()) << text;
  for (size_t i = 0; i < got.paragraphs.size(); ++i) {
    const Span a = got.paragraphs[i].span, b = want.paragraphs[i].span;
    ASSERT_TRUE(a.begin == b.begin && a.end == b.end)
        << "paragraph " << i << ": " << Describe(got, a) << " vs " << Describe(want, b)
        << "\nin: " << text;
  }
  ASSERT_EQ(got.sentences.size(), want.sentences.size()) << text;
  for (size_t i = 0; i < got.sentences.size(); ++i) {
    const Sentence& a = got.sentences[i];
    const Sentence& b = want.sentences[i];
    ASSERT_TRUE(a.span.begin == b.span.begin && a.span.end == b.span.end &&
                a.first_token == b.first_token && a.end_token == b.end_token &&
                a.paragraph == b.paragraph)
        << "sentence " << i << ": " << Describe(got, a.span) << " [" << a.first_token << ","
        << a.end_token << ") vs " << Describe(want, b.span) << " [" << b.first_token << ","
        << b.end_token << ")\nin: " << text;
  }
  // Without tokens: the same paragraphs and sentences, token indices included.
  Document lean;
  lean.name = "diff";
  lean.text = text;
  ASSERT_TRUE(seg->Run(&lean, SegmentOptions{.keep_tokens = false}).ok());
  EXPECT_TRUE(lean.tokens.empty());
  ASSERT_EQ(lean.paragraphs.size(), got.paragraphs.size()) << text;
  ASSERT_EQ(lean.sentences.size(), got.sentences.size()) << text;
  for (size_t i = 0; i < got.sentences.size(); ++i) {
    const Sentence& a = lean.sentences[i];
    const Sentence& b = got.sentences[i];
    ASSERT_TRUE(a.span.begin == b.span.begin && a.span.end == b.span.end &&
                a.first_token == b.first_token && a.end_token == b.end_token &&
                a.paragraph == b.paragraph)
        << "keep_tokens = false, sentence " << i << "\nin: " << text;
  }
  ASSERT_EQ(got.tokens.size(), want.tokens.size()) << text;
  for (size_t i = 0; i < got.tokens.size(); ++i) {
    const Token& a = got.tokens[i];
    const Token& b = want.tokens[i];
    ASSERT_TRUE(a.span.begin == b.span.begin && a.span.end == b.span.end && a.flags == b.flags &&
                a.sentence == b.sentence)
        << "token " << i << ": " << Describe(got, a.span) << " flags " << a.flags << " vs "
        << Describe(want, b.span) << " flags " << b.flags << "\nin: " << text;
  }
}

// Pieces chosen to reach every rule: abbreviations, glued sentences,
// possessives, curly quotes, dashes, Hangul, CJK, emoji (4 bytes in UTF-8, a
// surrogate pair in UTF-16), non-ASCII white space and line ends. Bytes that
// are not UTF-8 are left out: the reference mapped them to wrong offsets
// (segment_test.cc states what they give now).
const std::vector<std::string>& Pieces() {
  // clang-format off
  static const std::vector<std::string> pieces = {
      " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", ".", ". ", "!", "?", "...", ",", ";", ":",
      "-", "'", "\"", "(", ")", "[", "]", "a", "the", "The", "officials", "In", "He", "Kim",
      "Jang's", "Jang’s", "JANG'S", "X's", "'s", "U.S.", "U.S.A.", "U.K.", "Mr.", "Dr.", "Gen.",
      "Lt.", "Col.", "St.", "c.", "e.g.", "i.e.", "Jan.", "etc.", "No.", "vs.", "fig.3", "3.5",
      "1,000", "1997", "2001.", "www.Example.org", "info@Host.com", "a/b.Cd", "official.In",
      "officials.In", "left.He", "9.Then", "x.Ab", "ab.CD", "(a).Bc", "“", "”", "‘", "’", "«",
      "»", "—", "–", "…", "•", "장영진", "탈북했다", "그는", "서울에", "산다", "건넜다.그리고",
      "다.그", "한국", "北京", "中国人", "ㄱ", "😀", "👍🏽", "𝐀𝐁", "𝐚𝐛", "x𝐚.", "Ωmega", "Élise", "ÉLISE",
      "ǅemal", "Ǆ", "ﬁnd", "١٢٣", "٣", "\u00a0", "\u3000", "\u2003", "\u200b", "\ufeff",
      "\u2028", "\u0085",
      "café.Le", "Straße.Die", "naïve's", "Ā.", "İstanbul", "ß", "ŉ", "x\u0301.Y",
      "다.\u00a0그", "Ü.S.", "ÉU.", "Mr.\u00a0Kim", "Dr.\u3000Lee"};
  // clang-format on
  return pieces;
}

TEST(SegmentDifferentialTest, SameAsReferenceOnGeneratedText) {
  Segmenter seg;
  reference::Segmenter ref;
  const std::vector<std::string>& pieces = Pieces();
  uint64_t state = 23;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    size_t n = next() % 40;
    for (size_t k = 0; k < n; ++k) {
      if (next() % 8 == 0) {
        s += static_cast<char>(0x20 + next() % 0x5F);  // any printable ASCII
      } else {
        s += pieces[next() % pieces.size()];
      }
    }
    ASSERT_NO_FATAL_FAILURE(ExpectSameAsReference(s, &seg, &ref));
  }
}

// Mostly-ASCII prose with a few non-ASCII pieces, so both the ASCII fast
// paths and ICU's iterators see long paragraphs.
TEST(SegmentDifferentialTest, SameAsReferenceOnGeneratedProse) {
  Segmenter seg;
  reference::Segmenter ref;
  const std::vector<std::string> words = {
      "he",    "she",    "fled",   "in",      "1997",   "to",       "the",         "U.S.",
      "Mr.",   "Kim",    "said",   "that",    "Jang's", "wife",     "was",         "born",
      "c.",    "1970",   "and",    "crossed", "river",  "e.g.",     "official.In", "Seoul",
      "Yanji", "border", "guards", "NIS",     "DMZ",    "장영진은", "“quoted”",    "—",
      "it’s",  "café",   "😀",      "3.5",     "(age",   "40)",      "St."};
  const std::vector<std::string> ends = {". ", "! ", "? ", ".\n", ".\r\n", "\n\n", ".",      ", ",
                                         " ",  " ",  " ",  " ",   ".”  ",  ".) ",  ".\u00a0"};
  uint64_t state = 5;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  for (int i = 0; i < 400; ++i) {
    std::string s;
    size_t n = 50 + next() % 400;
    for (size_t k = 0; k < n; ++k) {
      std::string w = words[next() % words.size()];
      if (next() % 5 == 0 && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
      s += w;
      s += ends[next() % ends.size()];
    }
    ASSERT_NO_FATAL_FAILURE(ExpectSameAsReference(s, &seg, &ref));
  }
}

TEST(SegmentDifferentialTest, SameAsReferenceOnExamplesAndSeeds) {
  Segmenter seg;
  reference::Segmenter ref;
  int files = 0;
  for (const std::string& dir : {std::string(CAIRN_SOURCE_DIR) + "/examples/documents",
                                 std::string(CAIRN_SHARED_DIR) + "/seeds"}) {
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      SCOPED_TRACE(e.path().string());
      ASSERT_NO_FATAL_FAILURE(ExpectSameAsReference(ss.str(), &seg, &ref));
      ++files;
    }
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace cairn::text
