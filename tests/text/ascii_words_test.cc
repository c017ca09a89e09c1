// The ASCII word breaker against ICU's word break iterator.
#include "text/ascii_words.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <memory>
#include <string>
#include <vector>

namespace cairn::text::internal {
namespace {

std::vector<int32_t> IcuBounds(const std::u16string& s) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), err));
  icu::UnicodeString u(s.data(), static_cast<int32_t>(s.size()));
  it->setText(u);
  std::vector<int32_t> out;
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(b);
  return out;
}

// ICU's iterator over the UTF-8 bytes of s (its indexes are byte offsets):
// what the segmenter compares the char forms with.
std::vector<int32_t> IcuBounds8(icu::BreakIterator* it, const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &err);
  it->setText(ut, err);
  std::vector<int32_t> out;
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(b);
  utext_close(ut);
  if (s.empty()) out = {0};
  return out;
}

std::vector<int32_t> IcuWordBounds8(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  static std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), err));
  return IcuBounds8(it.get(), s);
}

std::vector<int32_t> IcuSentenceBounds8(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  static std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), err));
  return IcuBounds8(it.get(), s);
}

TEST(AsciiWordsTest, KnownCases) {
  std::u16string s = u"Jang's U.S. visit, on 3.5 days (1,000 won): don't_stop e.g. a:b";
  std::vector<int32_t> got;
  AsciiWordBounds(s.data(), static_cast<int32_t>(s.size()), &got);
  EXPECT_EQ(got, IcuBounds(s));
  EXPECT_TRUE(IsAscii(s.data(), static_cast<int32_t>(s.size())));
  std::string s8(s.begin(), s.end());
  std::vector<int32_t> got8;
  AsciiWordBounds(s8.data(), static_cast<int32_t>(s8.size()), &got8);
  EXPECT_EQ(got8, IcuWordBounds8(s8));
  EXPECT_TRUE(IsAscii(s8.data(), static_cast<int32_t>(s8.size())));
  const std::string k8 = "Kim\u2019s and more text after it";
  EXPECT_FALSE(IsAscii(k8.data(), static_cast<int32_t>(k8.size())));
  EXPECT_FALSE(IsAscii(k8.data(), 4));
  EXPECT_TRUE(IsAscii(k8.data(), 3));
  const std::string long8 = "sixteen ascii by\xc3\xa9";
  EXPECT_TRUE(IsAscii(long8.data(), 16));
  EXPECT_FALSE(IsAscii(long8.data(), 17));
  std::u16string k = u"Kim\u2019s";
  EXPECT_FALSE(IsAscii(k.data(), static_cast<int32_t>(k.size())));
}

TEST(AsciiWordsTest, SameAsIcuOnGeneratedText) {
  // Every printable ASCII character and the white space controls, in runs
  // that favour the joining rules.
  std::u16string alphabet;
  for (char16_t c = 0x20; c < 0x7F; ++c) alphabet += c;
  alphabet += u"\t\r\n\v\f";
  const std::u16string favoured = u"aZ9_.',;: ";
  uint64_t state = 11;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  for (int i = 0; i < 30000; ++i) {
    std::u16string s;
    size_t n = next() % 24;
    for (size_t k = 0; k < n; ++k) {
      s += next() % 3 ? favoured[next() % favoured.size()] : alphabet[next() % alphabet.size()];
    }
    std::vector<int32_t> got;
    AsciiWordBounds(s.data(), static_cast<int32_t>(s.size()), &got);
    std::vector<int32_t> want = IcuBounds(s);
    if (s.empty()) want = {0};
    ASSERT_EQ(got, want) << std::string(s.begin(), s.end());
    // The UTF-8 form, against ICU reading the same bytes.
    std::string s8(s.begin(), s.end());
    std::vector<int32_t> got8;
    AsciiWordBounds(s8.data(), static_cast<int32_t>(s8.size()), &got8);
    ASSERT_EQ(got8, IcuWordBounds8(s8)) << s8;
  }
}

}  // namespace
}  // namespace cairn::text::internal

namespace cairn::text::internal {
namespace {

std::vector<int32_t> IcuSentenceBounds(const std::u16string& s) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), err));
  icu::UnicodeString u(s.data(), static_cast<int32_t>(s.size()));
  it->setText(u);
  std::vector<int32_t> out;
  for (int32_t b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) out.push_back(b);
  return out;
}

TEST(AsciiSentencesTest, SameAsIcuOnGeneratedText) {
  std::u16string alphabet;
  for (char16_t c = 0x20; c < 0x7F; ++c) alphabet += c;
  alphabet += u"\t\r\n\v\f";
  const std::vector<std::u16string> favoured = {
      u".", u"!", u"?", u" ", u"  ", u"a", u"Kim", u"U.S.", u"e.g.", u"3",  u"\"",  u")",
      u"(", u"'", u",", u"-", u":",  u";", u"the", u"The",  u"\r\n", u"\t", u"...", u"Mr."};
  uint64_t state = 17;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  for (int i = 0; i < 30000; ++i) {
    std::u16string s;
    size_t n = next() % 40;
    for (size_t k = 0; k < n; ++k) {
      if (next() % 4) {
        s += favoured[next() % favoured.size()];
      } else {
        s += alphabet[next() % alphabet.size()];
      }
    }
    std::vector<int32_t> got;
    AsciiSentenceBounds(s.data(), static_cast<int32_t>(s.size()), &got);
    std::vector<int32_t> want = IcuSentenceBounds(s);
    if (s.empty()) want = {0};
    ASSERT_EQ(got, want) << std::string(s.begin(), s.end());
    std::string s8(s.begin(), s.end());
    std::vector<int32_t> got8, stops8, want_stops;
    AsciiSentenceBounds(s8.data(), static_cast<int32_t>(s8.size()), &got8, &stops8);
    ASSERT_EQ(got8, IcuSentenceBounds8(s8)) << s8;
    // Every '.', '!' and '?', once, in order.
    for (size_t k = 0; k < s8.size(); ++k) {
      if (s8[k] == '.' || s8[k] == '!' || s8[k] == '?')
        want_stops.push_back(static_cast<int32_t>(k));
    }
    ASSERT_EQ(stops8, want_stops) << s8;
  }
}

}  // namespace
}  // namespace cairn::text::internal
