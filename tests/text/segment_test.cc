#include "text/segment.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cairn::text {
namespace {

Document Segment(const std::string& text) {
  Document d;
  d.name = "test";
  d.text = text;
  Segmenter seg;
  Status s = seg.Run(&d);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return d;
}

std::vector<std::string> Sentences(const Document& d) {
  std::vector<std::string> out;
  for (const Sentence& s : d.sentences) out.emplace_back(d.Slice(s.span));
  return out;
}

std::vector<std::string> Tokens(const Document& d, size_t sentence) {
  std::vector<std::string> out;
  const Sentence& s = d.sentences.at(sentence);
  for (uint32_t i = s.first_token; i < s.end_token; ++i) out.emplace_back(d.Slice(d.tokens[i].span));
  return out;
}

// Every annotation's offsets are consistent: tokens inside their sentence,
// sentences inside their paragraph, spans trimmed, indices in order.
void CheckInvariants(const Document& d) {
  uint32_t next_token = 0;
  for (size_t si = 0; si < d.sentences.size(); ++si) {
    const Sentence& s = d.sentences[si];
    ASSERT_EQ(s.first_token, next_token);
    ASSERT_LE(s.first_token, s.end_token);
    next_token = s.end_token;
    ASSERT_LT(s.paragraph, d.paragraphs.size());
    const Paragraph& p = d.paragraphs[s.paragraph];
    EXPECT_GE(s.span.begin, p.span.begin);
    EXPECT_LE(s.span.end, p.span.end);
    std::string_view st = d.Slice(s.span);
    ASSERT_FALSE(st.empty());
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(st.front()))) << st;
    EXPECT_FALSE(std::isspace(static_cast<unsigned char>(st.back()))) << st;
    EXPECT_EQ(st.find('\n'), std::string_view::npos) << "sentence crosses a line: " << st;
    for (uint32_t ti = s.first_token; ti < s.end_token; ++ti) {
      const Token& t = d.tokens[ti];
      EXPECT_EQ(t.sentence, si);
      EXPECT_GE(t.span.begin, s.span.begin);
      EXPECT_LE(t.span.end, s.span.end);
      EXPECT_FALSE(t.span.empty());
      EXPECT_EQ(t.Has(kTokSentStart), ti == s.first_token);
    }
  }
  EXPECT_EQ(next_token, d.tokens.size());
}

TEST(SegmenterTest, SimpleSentencesAndTokens) {
  Document d = Segment("He fled in 1997. She stayed behind!");
  CheckInvariants(d);
  EXPECT_EQ(Sentences(d), (std::vector<std::string>{"He fled in 1997.", "She stayed behind!"}));
  EXPECT_EQ(Tokens(d, 0), (std::vector<std::string>{"He", "fled", "in", "1997", "."}));
  const Token& year = d.tokens[3];
  EXPECT_TRUE(year.Has(kTokNumber));
  EXPECT_FALSE(year.Has(kTokWord));
  EXPECT_TRUE(year.Has(kTokSpaceBefore));
  EXPECT_TRUE(d.tokens[0].Has(kTokUpper));
  EXPECT_TRUE(d.tokens[0].Has(kTokSentStart));
  EXPECT_TRUE(d.tokens[4].Has(kTokPunct));
  EXPECT_FALSE(d.tokens[4].Has(kTokSpaceBefore));
}

TEST(SegmenterTest, AbbreviationsDoNotEndSentences) {
  Document d = Segment(
      "Mr. Park met Dr. Lee and Gen. Choi at St. Mary's. He was born c. 1970 in the U.S. "
      "and moved to the U.K. in 2001. Lt. Col. Han, e.g. a veteran, spoke.");
  CheckInvariants(d);
  EXPECT_EQ(Sentences(d),
            (std::vector<std::string>{"Mr. Park met Dr. Lee and Gen. Choi at St. Mary's.",
                                      "He was born c. 1970 in the U.S. and moved to the U.K. in 2001.",
                                      "Lt. Col. Han, e.g. a veteran, spoke."}));
}

TEST(SegmenterTest, InitialsOfNamesDoNotEndSentences) {
  Document d = Segment(
      "Robert J. Wainwright said so. Ms R. Okafor and Dr. H. L. Brandt agreed. He stayed in "
      "Block C. The guards left.");
  CheckInvariants(d);
  EXPECT_EQ(Sentences(d), (std::vector<std::string>{"Robert J. Wainwright said so.",
                                                    "Ms R. Okafor and Dr. H. L. Brandt agreed.",
                                                    "He stayed in Block C.", "The guards left."}));
}

TEST(SegmenterTest, HeadlineWithInitialismStaysWhole) {
  Document d = Segment("Refugee Family Moves To U.S. To Start Over\nHe flew to the U.S. He landed.");
  EXPECT_EQ(Sentences(d), (std::vector<std::string>{"Refugee Family Moves To U.S. To Start Over",
                                                    "He flew to the U.S.", "He landed."}));
}

TEST(SegmenterTest, MonthAbbreviationBeforeNumber) {
  Document d = Segment("The letter was dated Jan. 5, 1998. It arrived late.");
  EXPECT_EQ(Sentences(d),
            (std::vector<std::string>{"The letter was dated Jan. 5, 1998.", "It arrived late."}));
}

TEST(SegmenterTest, GluedSentencesAreSplit) {
  Document d = Segment(
      "He worked as a wireless communications official.In 1987, he married a teacher.");
  CheckInvariants(d);
  EXPECT_EQ(Sentences(d),
            (std::vector<std::string>{"He worked as a wireless communications official.",
                                      "In 1987, he married a teacher."}));
  EXPECT_TRUE(d.tokens[d.sentences[1].first_token].Has(kTokSentStart));
  EXPECT_FALSE(d.tokens[d.sentences[1].first_token].Has(kTokSpaceBefore));
}

TEST(SegmenterTest, GluedRuleSparesInitialismsAndDecimals) {
  Document d = Segment("Prices rose 3.5 percent in the U.S.A. last year, e.g.Seoul saw more.");
  EXPECT_EQ(d.sentences.size(), 1u) << Sentences(d).size();
}

TEST(SegmenterTest, SentencesNeverCrossLines) {
  Document d = Segment("Biography\nHe was born in Chongjin\n\nHe left in 1997.");
  CheckInvariants(d);
  EXPECT_EQ(d.paragraphs.size(), 3u);
  EXPECT_EQ(Sentences(d), (std::vector<std::string>{"Biography", "He was born in Chongjin",
                                                    "He left in 1997."}));
  EXPECT_EQ(d.sentences[2].paragraph, 2u);
}

TEST(SegmenterTest, CurlyQuotesAndDashes) {
  Document d = Segment(
      "“I knew right away,” he said. It was hard—and double so in winter – for everyone.");
  CheckInvariants(d);
  ASSERT_EQ(d.sentences.size(), 2u);
  std::vector<std::string> t = Tokens(d, 1);
  EXPECT_EQ(t, (std::vector<std::string>{"It", "was", "hard", "—", "and", "double", "so", "in",
                                         "winter", "–", "for", "everyone", "."}));
  EXPECT_EQ(Tokens(d, 0).front(), "“");
}

TEST(SegmenterTest, QuotedSentenceEndsInsideQuotes) {
  Document d = Segment("He vented, “Life here is hard.” Then he left.");
  EXPECT_EQ(Sentences(d),
            (std::vector<std::string>{"He vented, “Life here is hard.”", "Then he left."}));
}

TEST(SegmenterTest, PossessivesSplit) {
  Document d = Segment("Jang's wife and Kim’s son met Yeong-jin.");
  CheckInvariants(d);
  EXPECT_EQ(Tokens(d, 0), (std::vector<std::string>{"Jang", "'s", "wife", "and", "Kim", "’s",
                                                    "son", "met", "Yeong", "-", "jin", "."}));
  EXPECT_FALSE(d.tokens[1].Has(kTokSpaceBefore));
}

TEST(SegmenterTest, HangulTokensAndSentences) {
  Document d = Segment("장영진은 1997년에 탈북했다. 그는 서울에 산다.");
  CheckInvariants(d);
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(Sentences(d)[1], "그는 서울에 산다.");
  const Token& first = d.tokens[0];
  EXPECT_TRUE(first.Has(kTokHangul));
  EXPECT_TRUE(first.Has(kTokWord));
  EXPECT_FALSE(first.Has(kTokUpper));
  for (const Token& t : d.tokens) {
    std::string_view s = d.Slice(t.span);
    EXPECT_FALSE(s.empty());
  }
}

TEST(SegmenterTest, GluedHangulSentencesSplit) {
  Document d = Segment("그는 강을 건넜다.그리고 중국에 숨었다.");
  EXPECT_EQ(Sentences(d), (std::vector<std::string>{"그는 강을 건넜다.", "그리고 중국에 숨었다."}));
}

TEST(SegmenterTest, AddressesAreNotGluedSentences) {
  Document d = Segment("See www.Example.org or mail info@Example.org for more.");
  EXPECT_EQ(d.sentences.size(), 1u);
}

TEST(SegmenterTest, AllCapsAndFlags) {
  Document d = Segment("The DMZ and NIS, not Seoul.");
  EXPECT_TRUE(d.tokens[1].Has(kTokAllCaps));
  EXPECT_TRUE(d.tokens[3].Has(kTokAllCaps));
  EXPECT_FALSE(d.tokens[6].Has(kTokAllCaps));
  EXPECT_TRUE(d.tokens[6].Has(kTokUpper));
  EXPECT_FALSE(d.tokens[0].Has(kTokAllCaps));  // "The": not all capitals
}

TEST(SegmenterTest, OffsetsExactOnMixedScripts) {
  std::string text =
      "Jang Yeong-jin (Korean: 장영진; born 1957/1958) is a writer.\u00a0He fled—twice.\n"
      "• Born: c. 1970–1971 😀 (age –)\n\n“Quote” ends.";
  Document d = Segment(text);
  CheckInvariants(d);
  ASSERT_FALSE(d.tokens.empty());
  // Re-tokenize each token's slice as a check that spans land on character
  // boundaries: a slice must be valid UTF-8 and not start with a continuation byte.
  for (const Token& t : d.tokens) {
    std::string_view s = d.Slice(t.span);
    ASSERT_FALSE(s.empty());
    EXPECT_NE(static_cast<unsigned char>(s[0]) & 0xC0, 0x80u) << s;
    EXPECT_LE(t.span.end, text.size());
  }
  bool found = false;
  for (const Token& t : d.tokens) {
    if (d.Slice(t.span) == "장영진") {
      found = true;
      EXPECT_TRUE(t.Has(kTokHangul));
    }
  }
  EXPECT_TRUE(found);
}

TEST(SegmenterTest, RunReplacesPreviousAnnotations) {
  Document d = Segment("One. Two.");
  Segmenter seg;
  ASSERT_TRUE(seg.Run(&d).ok());
  EXPECT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.tokens.size(), 4u);
}

TEST(SegmenterTest, EmptyText) {
  Document d = Segment("");
  EXPECT_TRUE(d.sentences.empty());
  EXPECT_TRUE(d.tokens.empty());
  EXPECT_TRUE(d.paragraphs.empty());
}

TEST(SegmenterTest, SeedSentenceCountsSane) {
  const std::string dir = std::string(CAIRN_SHARED_DIR) + "/seeds";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no seeds folder at " << dir;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Document d = Segment(ss.str());
    CheckInvariants(d);
    EXPECT_GT(d.sentences.size(), 10u) << e.path();
    // No sentence is absurdly long (a failed split would be).
    for (const Sentence& s : d.sentences) EXPECT_LT(s.span.size(), 1200u) << d.Slice(s.span);
    if (e.path().filename().string().rfind("000_", 0) == 0) {
      bool split = false;
      for (const std::string& s : Sentences(d)) {
        if (s.rfind("In 1987, ", 0) == 0) split = true;
        EXPECT_EQ(s.find("official.In"), std::string::npos);
      }
      EXPECT_TRUE(split);
    }
  }
}

}  // namespace
}  // namespace cairn::text
