// Bounded work: pathological but ordinary files finish (extraction is linear
// in the document's size) with sane results. These assert completion and
// output, not time; bench/extract_bench measures speed.
#include <gtest/gtest.h>

#include <string>

#include "extract/extract.h"
#include "text/segment.h"

namespace cairn {
namespace {

Document Extracted(std::string text) {
  Document d;
  d.name = "big.txt";
  d.text = std::move(text);
  text::Segmenter seg;
  EXPECT_TRUE(seg.Run(&d).ok());
  EXPECT_TRUE(extract::Extract(&d).ok());
  return d;
}

size_t Persons(const Document& d, const std::string& name) {
  size_t n = 0;
  for (const LocalEntity& e : d.entities)
    if (e.type == EntityType::kPerson && e.name == name) ++n;
  return n;
}

void ExpectSentencesTileTheText(const Document& d) {
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const Sentence& s = d.sentences[i];
    ASSERT_LE(s.span.begin, s.span.end);
    ASSERT_LE(s.span.end, d.text.size());
    ASSERT_LE(s.end_token - s.first_token, 160u) << "sentence " << i;
    if (i > 0) {
      ASSERT_LE(d.sentences[i - 1].span.end, s.span.begin);
    }
  }
  for (const Mention& m : d.mentions) ASSERT_LT(m.sentence, d.sentences.size());
}

TEST(BoundedWork, TwoMegabytesOfOneRepeatedName) {
  std::string text;
  while (text.size() < (2u << 20)) text += "Kim Young-ho ";
  Document d = Extracted(std::move(text));
  EXPECT_EQ(Persons(d, "Kim Young-ho"), 1u) << "one person, however often named";
  EXPECT_GT(d.mentions.size(), 1000u);
  ExpectSentencesTileTheText(d);
}

TEST(BoundedWork, OneMegabyteSingleSentence) {
  const std::string clause = "the family of Pak Sun-hui crossed the river near Hyesan in 1998 and ";
  std::string text;
  while (text.size() < (1u << 20)) text += clause;
  Document d = Extracted(std::move(text));
  EXPECT_EQ(Persons(d, "Pak Sun-hui"), 1u);
  EXPECT_GT(d.timexes.size(), 1000u);
  ExpectSentencesTileTheText(d);
}

TEST(BoundedWork, OneMegabyteOfDates) {
  static const char* kDates[] = {"March 3, 1998", "1999",      "the spring of 2001",
                                 "in 2003-2004",  "last year", "a year later"};
  std::string text;
  for (size_t i = 0; text.size() < (1u << 20); ++i) {
    text += kDates[(i * 7 + i / 3) % 6];
    text += ' ';
  }
  Document d = Extracted(std::move(text));
  EXPECT_GT(d.timexes.size(), 10000u);
  for (const Timex& t : d.timexes) ASSERT_LE(t.span.end, d.text.size());
  ExpectSentencesTileTheText(d);
}

}  // namespace
}  // namespace cairn
