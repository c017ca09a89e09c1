// OCR: text rendered by the test to an image (and to a PDF page without a
// text layer) is read back by Tesseract; the character error rate must stay
// under 2% for English and 5% for Korean.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "fixtures.h"
#include "ingest/ingest.h"

namespace cairn::ingest {
namespace {

// Code points of `s` with every run of white space as one space, trimmed.
std::u32string Normalize(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    size_t n = 1;
    if (c >= 0xF0) {
      cp = c & 0x07;
      n = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      n = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F;
      n = 2;
    }
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += n;
    const bool space = cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r';
    if (space) {
      if (!out.empty() && out.back() != U' ') out += U' ';
    } else {
      out += cp;
    }
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

// Levenshtein distance over code points / length of the truth.
double CharacterErrorRate(const std::string& truth, const std::string& got) {
  const std::u32string a = Normalize(truth), b = Normalize(got);
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return a.empty() ? 1.0 : static_cast<double>(prev[b.size()]) / static_cast<double>(a.size());
}

const std::vector<std::string> kEnglish = {
    "In the spring of 1998 she left Hyesan with her younger brother.",
    "They crossed the frozen river at night and walked to a village",
    "where a relative had promised them work and a place to sleep.",
    "Two years later the police found them and sent them back.",
};

const std::vector<std::string> kKorean = {
    "그녀는 1998년 봄에 남동생과 함께 혜산을 떠났다.",
    "두 사람은 밤에 얼어붙은 강을 건너 마을로 걸어갔다.",
    "친척이 일자리와 잘 곳을 주겠다고 약속했다.",
};

std::string Joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += (s.empty() ? "" : " ") + l;
  return s;
}

TEST(OcrTest, EnglishScanUnderTwoPercentCharacterErrors) {
  std::string png = testing::MakePng(kEnglish, 42, "Noto Sans CJK KR", 1500, 420);
  Options o;
  o.ocr_lang = "eng";
  Result<Document> d = LoadBytes("scan.png", png, o);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->format, "image");
  ASSERT_EQ(d->pages.size(), 1u);
  EXPECT_TRUE(d->pages[0].ocr);
  EXPECT_GT(d->pages[0].confidence, 50);
  const double cer = CharacterErrorRate(Joined(kEnglish), d->text);
  EXPECT_LT(cer, 0.02) << d->text;
}

TEST(OcrTest, KoreanScanUnderFivePercentCharacterErrors) {
  std::string png = testing::MakePng(kKorean, 42, "Noto Sans CJK KR", 2400, 400);
  Result<Document> d = LoadBytes("scan-ko.png", png);  // default languages: eng+kor
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const double cer = CharacterErrorRate(Joined(kKorean), d->text);
  EXPECT_LT(cer, 0.05) << d->text;
  EXPECT_EQ(d->language, "ko");
}

TEST(OcrTest, PdfPageWithoutTextLayerIsOcrdAndMarked) {
  // Page 1 has a text layer; page 2 is only a picture of text.
  std::string png = testing::MakePng(kEnglish, 25, "Noto Sans CJK KR", 2000, 300);
  std::vector<testing::PdfPage> pages(2);
  pages[0].lines.push_back({72, 72, "A typed cover page with a sentence.", 12});
  std::string pdf = testing::MakePdfWithImagePage(pages[0], png);
  Options o;
  o.ocr_lang = "eng";
  int calls = 0, last_total = 0;
  o.ocr_progress = [&](int, int total) {
    ++calls;
    last_total = total;
  };
  Result<Document> d = LoadBytes("mixed.pdf", pdf, o);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->format, "pdf+ocr");
  ASSERT_EQ(d->pages.size(), 2u);
  EXPECT_FALSE(d->pages[0].ocr);
  EXPECT_TRUE(d->pages[1].ocr);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(last_total, 1);
  const size_t at = d->text.find("frozen river");
  ASSERT_NE(at, std::string::npos) << d->text;
  EXPECT_EQ(d->PageAt(static_cast<uint32_t>(at)), 2);
  EXPECT_EQ(d->PageAt(static_cast<uint32_t>(d->text.find("typed cover"))), 1);
}

TEST(OcrTest, ImageOverThePixelCapIsRefused) {
  std::string png = testing::MakePng({"Some words."}, 20, "Noto Sans CJK KR", 400, 100);
  Options o;
  o.max_image_pixels = 10000;
  Result<Document> d = LoadBytes("big.png", png, o);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message(),
            "big.png: image too large to OCR: 400 x 100 pixels, over the limit of 10000 pixels");
}

TEST(OcrTest, DamagedImageIsRefused) {
  std::string png = testing::MakePng({"Some words."}, 20, "Noto Sans CJK KR", 400, 100);
  Result<Document> d = LoadBytes("cut.png", png.substr(0, 60));
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("cut.png: damaged image"), std::string::npos)
      << d.status().message();
}

}  // namespace
}  // namespace cairn::ingest
