// Name keys across romanizations, scripts and word orders: real names of
// public figures as spelled by the RR, McCune-Reischauer, DPRK and press
// conventions.
#include "resolve/romanize.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace cairn::resolve {
namespace {

struct Pair {
  const char* a;
  const char* b;
};

// Must key to the same full key.
const std::vector<Pair> kSame = {
    {"Kim Jong Il", "Kim Jong-il"},
    {"Kim Jong-il", "Kim Jongil"},
    {"Kim Jong-il", "김정일"},
    {"Kim Jong Il", "Kim Chŏng-il"},
    {"Kim Il-sung", "Kim Il Sung"},
    {"Kim Il-sung", "김일성"},
    {"Kim Il-sung", "Kim Il-sŏng"},
    {"Kim Jong-un", "Kim Jong Un"},
    {"Kim Jong-un", "김정은"},
    {"Kim Jong-un", "Kim Jŏng-ŭn"},
    {"Lee Myung-bak", "Yi Myeong-bak"},
    {"Lee Myung-bak", "이명박"},
    {"Park Geun-hye", "Pak Kun-hye"},
    {"Park Geun-hye", "박근혜"},
    {"Park Geun-hye", "Pak Kŭn-hye"},
    {"Choi Ryong-hae", "Choe Ryong-hae"},
    {"Choe Ryong-hae", "최룡해"},
    {"Choi Ryong-hae", "Choi Yong-hae"},
    {"Kim Yo-jong", "Kim Yeo-jeong"},
    {"Kim Yo-jong", "김여정"},
    {"Ri Sol-ju", "Lee Seol-ju"},
    {"Ri Sol-ju", "리설주"},
    {"Hwang Jang-yop", "Hwang Jang-yeop"},
    {"Hwang Jang-yop", "황장엽"},
    {"Thae Yong-ho", "Tae Yeong-ho"},
    {"Thae Yong-ho", "태영호"},
    {"Jang Song-thaek", "Chang Sŏng-t'aek"},
    {"Jang Song-thaek", "장성택"},
    {"Jang Sung-taek", "Jang Song-thaek"},
    {"Park Yeon-mi", "Park Yeonmi"},
    {"Park Yeon-mi", "박연미"},
    {"Ji Seong-ho", "Ji Sung-ho"},
    {"Ji Seong-ho", "지성호"},
    {"Shin Dong-hyuk", "Sin Tong-hyok"},
    {"Shin Dong-hyuk", "신동혁"},
    {"Kang Chol-hwan", "Kang Cheol-hwan"},
    {"Kang Chol-hwan", "강철환"},
    {"Roh Moo-hyun", "Noh Mu-hyeon"},
    {"Roh Moo-hyun", "노무현"},
    {"Moon Jae-in", "Mun Jae-in"},
    {"Moon Jae-in", "문재인"},
    {"Kim Dae-jung", "Kim Tae-jung"},
    {"Kim Dae-jung", "Kim Dae-jeong"},
    {"Kim Dae-jung", "김대중"},
    {"Yi Sun-sin", "Lee Soon-shin"},
    {"Lee Hyeon-seo", "Lee Hyun-seo"},
    {"Lee Hyeon-seo", "이현서"},
    {"Ri Yong-ho", "Lee Yong-ho"},
    {"Ri Yong-ho", "Ri Yŏng-ho"},
    {"Ryu Kyung-won", "Yu Gyeong-won"},
    {"Lim Yukyung", "Yukyung Lim"},
    {"Lim Yukyung", "Im Yu-kyung"},
    {"Jang Jin-sung", "Jang Jin Sung"},
    {"Jang Jin-sung", "Chang Chin-sŏng"},
    {"Kim Kyong-hui", "Kim Kyeong-hui"},
    {"Kim Kyong-hui", "Kim Kyung-hee"},
    {"Kim Kyong-hui", "김경희"},
    {"Baek Seok", "Paek Sŏk"},
    {"Cho Myung-rok", "Jo Myong-rok"},
    {"Kim Yong-nam", "Kim Yeong-nam"},
    {"Choi Sung-hee", "Choe Song-hui"},
    {"Ban Ki-moon", "Pan Gi-mun"},
    {"Chun Doo-hwan", "Jeon Du-hwan"},
    {"Chun Doo-hwan", "전두환"},
    {"Hyon Song-wol", "Hyun Song-wol"},
    {"Hyon Song-wol", "현송월"},
    {"Chung Eui-yong", "Jeong Ui-yong"},
    {"Chung Eui-yong", "정의용"},
};

// Must NOT key to the same full key.
const std::vector<Pair> kDifferent = {
    {"Kim Jong-il", "Kim Jong-un"},
    {"Kim Il-sung", "Kim Il-sun"},
    {"Kim Il-sung", "Kim Jong-il"},
    {"Jang Jin-sung", "Jang Yeong-jin"},
    {"Lee Myung-bak", "Lim Myung-bak"},
    {"Park Yeon-mi", "Park Ji-hyun"},
    {"Kim Yo-jong", "Kim Yu-jong"},
    {"Kim Jong-nam", "Kim Jong-un"},
    {"Kim Jong-chul", "Kim Jong-il"},
    {"Lee Hyeon-seo", "Lee Hyeon-su"},
    {"Yoon Mi-ra", "Yeon Mi-ra"},
    {"Kim Jin-sung", "Kim Jun-sung"},
    {"Song Min-ho", "Sung Min-ho"},
    {"Choi Min-ho", "Cho Min-ho"},
    {"Kim Jong-il", "김정은"},
    {"Brit Smith", "Britt Smithers"},
};

TEST(RomanizeTest, RealNamePairsMatch) {
  for (const auto& p : kSame) {
    NameKey a = KeyName(p.a), b = KeyName(p.b);
    EXPECT_TRUE(a.full()) << p.a << " -> " << a.str();
    EXPECT_TRUE(b.full()) << p.b << " -> " << b.str();
    EXPECT_EQ(a.str(), b.str()) << p.a << " vs " << p.b;
  }
  EXPECT_GE(kSame.size(), 40u);
}

TEST(RomanizeTest, DifferentPeopleStayApart) {
  for (const auto& p : kDifferent) {
    EXPECT_NE(KeyName(p.a).str(), KeyName(p.b).str()) << p.a << " vs " << p.b;
    EXPECT_FALSE(SameName(p.a, p.b)) << p.a << " vs " << p.b;
  }
}

// Passport spellings of common surnames key as the surname they spell.
TEST(RomanizeTest, PassportSurnameSpellings) {
  EXPECT_EQ(KeyName("Jee Sun-hwa").str(), KeyName("Ji Sun-hwa").str());
  EXPECT_EQ(KeyName("SHINN Dae-ho").str(), KeyName("Shin Dae-ho").str());
  EXPECT_EQ(KeyName("Goh Eun-mi").str(), KeyName("Ko Eun-mi").str());
  EXPECT_EQ(KeyName("Tahk Song-il").str(), KeyName("Tak Song-il").str());
  EXPECT_EQ(KeyName("Jee Sun-hwa").kind, NameKey::Kind::kKorean);
  EXPECT_NE(KeyName("Jee Sun-hwa").str(), KeyName("Ji Sun-hui").str());
}

TEST(RomanizeTest, JoinedGivenNamesSplitAtSyllables) {
  EXPECT_EQ(KeyName("Han Hageun").str(), KeyName("Han Ha-geun").str());
  EXPECT_EQ(KeyName("Jo Seokkeun").str(), KeyName("Jo Seok-keun").str());
  EXPECT_EQ(KeyName("Ri Pokkyu").str(), KeyName("Ri Pok-kyu").str());
  EXPECT_EQ(KeyName("Noh Jun-woo").str(), KeyName("Noh Jun-u").str());
  EXPECT_EQ(KeyName("Kim Seongu").str(), KeyName("Kim Seong-u").str());
  EXPECT_EQ(KeyName("Park Yeonmi").str(), "k:park|yon-mi");
}

TEST(RomanizeTest, KeyShapes) {
  EXPECT_EQ(KeyName("Kim Jong-il").str(), "k:kim|jong-il");
  EXPECT_EQ(KeyName("Jang").str(), "k:jang|");
  EXPECT_FALSE(KeyName("Jang").full());
  EXPECT_EQ(KeyName("Yeong-jin").str(), "k:|yong-jin");
  EXPECT_EQ(KeyName("Young-Min").str(), KeyName("Yeong-min").str());
  EXPECT_EQ(KeyName("Fidel Castro").str(), "x:fidel castro");
  EXPECT_TRUE(KeyName("Fidel Castro").full());
  EXPECT_EQ(KeyName("Castro").kind, NameKey::Kind::kOther);
  EXPECT_EQ(KeyName("Mr. Kim Jong-il").str(), "k:kim|jong-il");
  EXPECT_EQ(KeyName("").kind, NameKey::Kind::kNone);
}

TEST(RomanizeTest, HintsFromExtraction) {
  // The extractor's split wins over the table's guess.
  NameKey k = KeyName("Jin Kyung", "", "Jin Kyung");
  EXPECT_EQ(k.str(), "k:|jin-gyong");
  EXPECT_EQ(KeyName("Hwang Young-Min", "Hwang", "Young-Min").str(), "k:hwang|yong-min");
}

TEST(RomanizeTest, ShortForms) {
  NameKey full = KeyName("Jang Yeong-jin");
  EXPECT_TRUE(ShortFormOf(KeyName("Jang"), full));
  EXPECT_TRUE(ShortFormOf(KeyName("Chang"), full));
  EXPECT_TRUE(ShortFormOf(KeyName("Young-jin"), full));
  EXPECT_FALSE(ShortFormOf(KeyName("Kim"), full));
  EXPECT_FALSE(ShortFormOf(KeyName("Jin-sung"), full));
  EXPECT_TRUE(ShortFormOf(KeyName("Castro"), KeyName("Fidel Castro")));
  EXPECT_FALSE(ShortFormOf(KeyName("Smith"), KeyName("Fidel Castro")));
}

TEST(RomanizeTest, FoldAndRomanize) {
  EXPECT_EQ(FoldLatin("Chŏng-ŭn"), "cheong-eun");
  EXPECT_EQ(FoldLatin("T'aek"), "taek");
  EXPECT_EQ(FoldLatin("Sŏng’s"), "seongs");
  EXPECT_EQ(RomanizeHangul("김정일", "-"), "gim-jeong-il");
  EXPECT_EQ(RomanizeHangul("박"), "bak");
  EXPECT_EQ(SyllableClass("cheong"), "jong");
  EXPECT_EQ(SyllableClass("young"), "yong");
  EXPECT_EQ(SyllableClass("ryong"), "yong");
  EXPECT_EQ(SyllableClass("chul"), "jol");
  EXPECT_EQ(SyllableClass("hee"), SyllableClass("hui"));
  EXPECT_EQ(SyllableClass("smith"), "");
  EXPECT_EQ(NormalizeLabel("The United Front Department"), "united front department");
}

}  // namespace
}  // namespace cairn::resolve

namespace cairn::resolve {
namespace {

// Spelling variants the romanization systems and the press produce for one
// syllable, each in an invented name: k/g, eo/o/u before n and ng, oo/u,
// w-glide spellings, DPRK ph/th, surname Ri/Lee/Yi, word order and hyphens.
TEST(RomanizeTest, SyllableVariantsKeyAlike) {
  const std::pair<const char*, const char*> kVariants[] = {
      {"Pak Song-gil", "Park Seong-kil"},  {"Yun Hyun-woo", "Yoon Hyeon-u"},
      {"Choi Myong-do", "Choe Myeong-do"}, {"Choi Myung-do", "Choe Myong-do"},
      {"Ri Han-kyu", "Lee Han-gyu"},       {"Yi Han-gyu", "Ri Han-kyu"},
      {"Nam Cheol-woong", "Nam Chol-ung"}, {"Ri Tae-phyong", "Lee Tae-pyung"},
      {"Ha Dong Sop", "Ha Dong-seop"},     {"Sunmi Lee", "Lee Sun-mi"}};
  for (const auto& [a, b] : kVariants) EXPECT_TRUE(SameName(a, b)) << a << " vs " << b;
  // One syllable apart is another person, however alike the rest.
  const std::pair<const char*, const char*> kApart[] = {{"Pak Song-gil", "Pak Song-il"},
                                                        {"Ri Han-kyu", "Ri Han-su"},
                                                        {"Choi Myong-do", "Choi Myong-chol"},
                                                        {"Nam Cheol-woong", "Nam Cheol-su"}};
  for (const auto& [a, b] : kApart) EXPECT_FALSE(SameName(a, b)) << a << " vs " << b;
}

}  // namespace
}  // namespace cairn::resolve
