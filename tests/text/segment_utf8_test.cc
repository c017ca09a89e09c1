// Byte offsets where UTF-8 and UTF-16 indexing part ways (multi-byte
// characters before a boundary, 4-byte characters, glued Hangul sentences,
// non-ASCII white space, bytes that are not UTF-8), written out by hand; and
// SegmentOptions::keep_tokens.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/segment.h"

namespace cairn::text {
namespace {

struct Expected {
  std::vector<std::pair<uint32_t, uint32_t>> paragraphs;
  // begin, end, first_token, end_token
  std::vector<std::vector<uint32_t>> sentences;
  // begin, end, flags
  std::vector<std::vector<uint32_t>> tokens;
};

void ExpectSegments(const std::string& text, const Expected& want) {
  Document d;
  d.name = "utf8";
  d.text = text;
  Segmenter seg;
  ASSERT_TRUE(seg.Run(&d).ok());
  std::vector<std::pair<uint32_t, uint32_t>> paragraphs;
  for (const Paragraph& p : d.paragraphs) paragraphs.push_back({p.span.begin, p.span.end});
  std::vector<std::vector<uint32_t>> sentences;
  for (const Sentence& s : d.sentences) {
    sentences.push_back({s.span.begin, s.span.end, s.first_token, s.end_token});
  }
  std::vector<std::vector<uint32_t>> tokens;
  for (const Token& t : d.tokens) tokens.push_back({t.span.begin, t.span.end, t.flags});
  EXPECT_EQ(paragraphs, want.paragraphs) << text;
  EXPECT_EQ(sentences, want.sentences) << text;
  EXPECT_EQ(tokens, want.tokens) << text;
}

constexpr uint32_t kW = kTokWord, kN = kTokNumber, kP = kTokPunct, kU = kTokUpper, kH = kTokHangul,
                   kS = kTokSpaceBefore, kF = kTokSentStart;

TEST(SegmenterUtf8Test, TwoByteLettersBeforeBoundaries) {
  // "Café" is 5 bytes, "Élise" 6.
  ExpectSegments("Café noir. Élise left.", {{{0, 24}},
                                            {{0, 11, 0, 3}, {12, 24, 3, 6}},
                                            {{0, 5, kW | kU | kF},
                                             {6, 10, kW | kS},
                                             {10, 11, kP},
                                             {12, 18, kW | kU | kS | kF},
                                             {19, 23, kW | kS},
                                             {23, 24, kP}}});
}

TEST(SegmenterUtf8Test, FourByteCharacter) {
  // U+1F600 is 4 bytes in UTF-8 (a surrogate pair in UTF-16).
  ExpectSegments("I 😀 you. Ok.", {{{0, 15}},
                                  {{0, 11, 0, 4}, {12, 15, 4, 6}},
                                  {{0, 1, kW | kU | kF},
                                   {2, 6, kP | kS},
                                   {7, 10, kW | kS},
                                   {10, 11, kP},
                                   {12, 14, kW | kU | kS | kF},
                                   {14, 15, kP}}});
}

TEST(SegmenterUtf8Test, FourByteCharacterBeforeGluedStop) {
  // A lower-case letter outside the BMP (U+1D41A, 4 bytes) before the full
  // stop does not make a glued sentence (the rule never looked past a
  // surrogate); "ab.Cd" after ASCII letters does. ICU keeps "x𝐚.Then" one word.
  ExpectSegments("x𝐚.Then go. ab.Cd ef.", {{{0, 24}},
                                           {{0, 18, 0, 5}, {18, 24, 5, 8}},
                                           {{0, 10, kW | kF},
                                            {11, 13, kW | kS},
                                            {13, 14, kP},
                                            {15, 17, kW | kS},
                                            {17, 18, kP},
                                            {18, 20, kW | kU | kF},
                                            {21, 23, kW | kS},
                                            {23, 24, kP}}});
}

TEST(SegmenterUtf8Test, GluedHangulSentences) {
  // Each syllable is 3 bytes.
  ExpectSegments("그는 강을 건넜다.그리고 숨었다.", {{{0, 44}},
                                                     {{0, 24, 0, 4}, {24, 44, 4, 7}},
                                                     {{0, 6, kW | kH | kF},
                                                      {7, 13, kW | kH | kS},
                                                      {14, 23, kW | kH | kS},
                                                      {23, 24, kP},
                                                      {24, 33, kW | kH | kF},
                                                      {34, 43, kW | kH | kS},
                                                      {43, 44, kP}}});
}

TEST(SegmenterUtf8Test, NonAsciiWhiteSpace) {
  // U+3000 (3 bytes) and U+2003 trimmed off the paragraph; U+00A0 (2 bytes)
  // separates words and counts as space before "fled".
  ExpectSegments(
      "\u3000Kim\u00a0fled.\u2003",
      {{{3, 13}}, {{3, 13, 0, 3}}, {{3, 6, kW | kU | kS | kF}, {8, 12, kW | kS}, {12, 13, kP}}});
}

TEST(SegmenterUtf8Test, CurlyPossessiveAfterTwoByteLetter) {
  ExpectSegments("Élise’s son.",
                 {{{0, 15}},
                  {{0, 15, 0, 4}},
                  {{0, 6, kW | kU | kF}, {6, 10, kW}, {11, 14, kW | kS}, {14, 15, kP}}});
}

TEST(SegmenterUtf8Test, CrLfLineEnds) {
  ExpectSegments("One.\r\nTwo 2.\r\n", {{{0, 4}, {6, 12}},
                                        {{0, 4, 0, 2}, {6, 12, 2, 5}},
                                        {{0, 3, kW | kU | kF},
                                         {3, 4, kP},
                                         {6, 9, kW | kU | kS | kF},
                                         {10, 11, kN | kS},
                                         {11, 12, kP}}});
}

TEST(SegmenterUtf8Test, BytesThatAreNotUtf8) {
  // Ingest rejects such text, but what is left stays exact: each maximal
  // ill-formed subsequence (here 0xFF, then 0xE2 0x80) is one character,
  // U+FFFD as ICU reads it, a symbol token of its own bytes.
  ExpectSegments("ab\xff cd. \xe2\x80 ef.", {{{0, 14}},
                                             {{0, 14, 0, 7}},
                                             {{0, 2, kW | kF},
                                              {2, 3, kP},
                                              {4, 6, kW | kS},
                                              {6, 7, kP},
                                              {8, 10, kP | kS},
                                              {11, 13, kW | kS},
                                              {13, 14, kP}}});
  ExpectSegments("x\xf0\x9f.Then go.", {{{0, 12}},
                                        {{0, 4, 0, 3}, {4, 12, 3, 6}},
                                        {{0, 1, kW | kF},
                                         {1, 3, kP},
                                         {3, 4, kP},
                                         {4, 8, kW | kU | kF},
                                         {9, 11, kW | kS},
                                         {11, 12, kP}}});
}

// Paragraphs and sentences, first_token and end_token included, of both modes.
void ExpectSameWithoutTokens(const std::string& text) {
  Document full, lean;
  full.name = lean.name = "modes";
  full.text = lean.text = text;
  Segmenter seg;
  ASSERT_TRUE(seg.Run(&full).ok());
  ASSERT_TRUE(seg.Run(&lean, SegmentOptions{.keep_tokens = false}).ok());
  EXPECT_TRUE(lean.tokens.empty());
  ASSERT_EQ(lean.paragraphs.size(), full.paragraphs.size()) << text;
  for (size_t i = 0; i < full.paragraphs.size(); ++i) {
    EXPECT_EQ(lean.paragraphs[i].span.begin, full.paragraphs[i].span.begin) << text;
    EXPECT_EQ(lean.paragraphs[i].span.end, full.paragraphs[i].span.end) << text;
  }
  ASSERT_EQ(lean.sentences.size(), full.sentences.size()) << text;
  for (size_t i = 0; i < full.sentences.size(); ++i) {
    const Sentence& a = lean.sentences[i];
    const Sentence& b = full.sentences[i];
    EXPECT_EQ(a.span.begin, b.span.begin) << text;
    EXPECT_EQ(a.span.end, b.span.end) << text;
    EXPECT_EQ(a.first_token, b.first_token) << text;
    EXPECT_EQ(a.end_token, b.end_token) << text;
    EXPECT_EQ(a.paragraph, b.paragraph) << text;
  }
  if (!full.sentences.empty()) {
    EXPECT_EQ(full.sentences.back().end_token, full.tokens.size());
  }
}

TEST(SegmentOptionsTest, WithoutTokensSameSentences) {
  const std::vector<std::string> texts = {
      "He fled in 1997. She stayed behind!",
      "장영진은 1997년에 탈북했다. 그는 서울에 산다.\n그는 강을 건넜다.그리고 중국에 숨었다.",
      "Jang Yeong-jin (Korean: 장영진; born 1957/1958) is a writer.\u00a0He fled—twice.",
      "“I knew right away,” he said. It was hard—and double so in winter – for everyone.",
      "Mr. Park met Dr. Lee at St. Mary's in the U.S. Refugee Moves To U.S. To Start Over",
      "He worked as a wireless communications official.In 1987, he married a teacher.",
      "Jang's wife and Kim’s son met Yeong-jin. JANG'S X's",
      "\u3000Kim\u00a0fled.\u2003 Then\u3000he left.\r\nOne.\r\n\r\nTwo 😀 three.",
      "ab\xff cd. \xe2\x80 ef.",
      "",
      "\n\n  \n"};
  for (const std::string& t : texts) ExpectSameWithoutTokens(t);
  // And a longer mixed text.
  std::string big;
  for (int i = 0; i < 200; ++i) {
    big += texts[static_cast<size_t>(i) % texts.size()];
    big += i % 3 ? " " : "\n";
  }
  ExpectSameWithoutTokens(big);
}

TEST(SegmentOptionsTest, WithoutTokensReplacesPreviousTokens) {
  Document d;
  d.text = "One. Two.";
  Segmenter seg;
  ASSERT_TRUE(seg.Run(&d).ok());
  ASSERT_EQ(d.tokens.size(), 4u);
  ASSERT_TRUE(seg.Run(&d, SegmentOptions{.keep_tokens = false}).ok());
  EXPECT_TRUE(d.tokens.empty());
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.sentences[1].first_token, 2u);
  EXPECT_EQ(d.sentences[1].end_token, 4u);
}

}  // namespace
}  // namespace cairn::text
