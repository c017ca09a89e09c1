// The ASCII word breaker against ICU's word break iterator.
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <vector>

#include "text/ascii_words.h"

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

TEST(AsciiWordsTest, KnownCases) {
  std::u16string s = u"Jang's U.S. visit, on 3.5 days (1,000 won): don't_stop e.g. a:b";
  std::vector<int32_t> got;
  AsciiWordBounds(s.data(), static_cast<int32_t>(s.size()), &got);
  EXPECT_EQ(got, IcuBounds(s));
  EXPECT_TRUE(IsAscii(s.data(), static_cast<int32_t>(s.size())));
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
      u".", u"!", u"?", u" ", u"  ", u"a", u"Kim", u"U.S.", u"e.g.", u"3", u"\"", u")", u"(",
      u"'", u",", u"-", u":", u";", u"the", u"The", u"\r\n", u"\t", u"...", u"Mr."};
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
  }
}

}  // namespace
}  // namespace cairn::text::internal
