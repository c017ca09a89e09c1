// Tests of NameFinder: persons in every romanization style, Hangul, Western
// order, titles, speaker labels, bylines, pseudonyms; places, organizations,
// works; negatives (months, places, organizations, sentence starters); and
// the persons of the seed documents.
//
// The text stage lives in another library that extract_test does not link,
// so these tests segment with a small local tokenizer that follows the
// segmenter's contract (byte spans; flags; possessive 's split off; hyphens
// and apostrophes as their own tokens).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/document.h"
#include "extract/names.h"
#include "text/segment.h"

namespace cairn::extract {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of the UTF-8 sequence at s[i]; 1 for ASCII.
size_t CharLen(const std::string& s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
  return std::min(n, s.size() - i);
}
bool IsHangulAt(const std::string& s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  return CharLen(s, i) == 3 && b >= 0xEA && b <= 0xED;
}
// Multi-byte letters: Latin-1/Extended (2 bytes, C3..C5) and Hangul.
bool IsLetterAt(const std::string& s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return IsAsciiAlpha(s[i]);
  if (b >= 0xC3 && b <= 0xC5 && CharLen(s, i) == 2) return true;
  return IsHangulAt(s, i);
}

Document Segment(const std::string& text) {
  Document doc;
  doc.text = text;
  const std::string& t = doc.text;
  std::vector<Token>& toks = doc.tokens;
  size_t i = 0;
  bool space = true;
  bool next_start = true;
  uint32_t sentence = 0;
  auto push = [&](size_t b, size_t e, uint16_t flags) {
    Token tok;
    tok.span = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    tok.flags = flags;
    if (space) tok.flags |= kTokSpaceBefore;
    if (next_start) {
      tok.flags |= kTokSentStart;
      if (!toks.empty()) ++sentence;
      next_start = false;
    }
    tok.sentence = sentence;
    toks.push_back(tok);
    space = false;
  };
  while (i < t.size()) {
    char c = t[i];
    if (c == '\n') {
      next_start = true;
      space = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
      ++i;
      continue;
    }
    if (IsLetterAt(t, i)) {
      size_t b = i;
      bool hangul = false, upper = IsAsciiAlpha(c) && c >= 'A' && c <= 'Z';
      int caps = 0, lower = 0;
      while (i < t.size() && IsLetterAt(t, i)) {
        if (IsHangulAt(t, i)) hangul = true;
        if (t[i] >= 'A' && t[i] <= 'Z') ++caps;
        if (t[i] >= 'a' && t[i] <= 'z') ++lower;
        i += CharLen(t, i);
      }
      // Abbreviations with periods: "U.S.", "D.C."
      while (i + 1 < t.size() && t[i] == '.' && IsAsciiAlpha(t[i + 1]) && i - b <= 2 &&
             (i + 2 >= t.size() || !IsAsciiAlpha(t[i + 2]) || t[i + 2] == '.')) {
        i += 2;
        ++caps;
        if (i < t.size() && t[i] == '.') ++i;
      }
      std::string w = t.substr(b, i - b);
      bool abbrev = (w == "Mr" || w == "Mrs" || w == "Dr" || w == "Ms" || w == "St" || w == "c" ||
                     w == "Gen" || w == "Prof") &&
                    i < t.size() && t[i] == '.';
      uint16_t flags = kTokWord;
      if (upper) flags |= kTokUpper;
      if (caps >= 2 && lower == 0) flags |= kTokAllCaps;
      if (hangul) flags |= kTokHangul;
      push(b, i, flags);
      if (abbrev) {
        push(i, i + 1, kTokPunct);
        ++i;
      }
      continue;
    }
    if (IsDigit(c)) {
      size_t b = i;
      while (i < t.size() && IsDigit(t[i])) ++i;
      push(b, i, kTokNumber);
      continue;
    }
    size_t len = CharLen(t, i);
    // Possessive 's (straight or curly apostrophe) is one token.
    bool apostrophe = c == '\'' || t.compare(i, len, "\u2019") == 0;
    if (apostrophe && i + len < t.size() && t[i + len] == 's' &&
        (i + len + 1 >= t.size() || !IsLetterAt(t, i + len + 1)) && i > 0 && t[i - 1] != ' ') {
      push(i, i + len + 1, kTokPunct);
      i += len + 1;
      continue;
    }
    push(i, i + len, kTokPunct);
    bool end = (c == '.' || c == '?' || c == '!');
    i += len;
    if (end) {
      size_t j = i;
      while (j < t.size() && (t[j] == '"' || t[j] == ')')) ++j;
      if (j >= t.size() || t[j] == ' ' || t[j] == '\n' || (t[j] >= 'A' && t[j] <= 'Z'))
        next_start = true;
    }
  }
  doc.sentences.clear();
  for (uint32_t k = 0; k < toks.size(); ++k) {
    if (doc.sentences.size() <= toks[k].sentence) {
      Sentence s;
      s.first_token = k;
      s.span.begin = toks[k].span.begin;
      doc.sentences.push_back(s);
    }
    doc.sentences.back().end_token = k + 1;
    doc.sentences.back().span.end = toks[k].span.end;
  }
  return doc;
}

Document Find(const std::string& text, const std::string& author = "") {
  Document doc = Segment(text);
  doc.author = author;
  NameFinder::Default().Run(&doc);
  return doc;
}

const LocalEntity* Entity(const Document& doc, EntityType type, const std::string& name) {
  for (const auto& e : doc.entities) {
    if (e.type != type) continue;
    if (e.name == name) return &e;
    if (std::find(e.aliases.begin(), e.aliases.end(), name) != e.aliases.end()) return &e;
  }
  return nullptr;
}
const LocalEntity* Person(const Document& doc, const std::string& name) {
  return Entity(doc, EntityType::kPerson, name);
}
int Count(const Document& doc, EntityType type) {
  return static_cast<int>(std::count_if(doc.entities.begin(), doc.entities.end(),
                                        [&](const LocalEntity& e) { return e.type == type; }));
}
std::string Dump(const Document& doc) {
  std::ostringstream out;
  for (const auto& e : doc.entities) {
    out << EntityTypeName(e.type) << ": " << e.name;
    for (const auto& a : e.aliases) out << " | " << a;
    out << "\n";
  }
  return out.str();
}
// True when the exact surface `s` is a mention of some type other than person
// or no mention at all.
bool NotPersonMention(const Document& doc, const std::string& s) {
  for (const auto& m : doc.mentions)
    if (m.type == EntityType::kPerson && doc.Slice(m.span) == s) return false;
  return true;
}

// ---- Korean names in every romanization style ----------------------------

TEST(NamesKorean, SurnameAndHyphenatedGiven) {
  Document d = Find("Jang Yeong-jin grew up in a coastal city. Later Yeong-jin moved away.");
  const LocalEntity* p = Person(d, "Jang Yeong-jin");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->name, "Jang Yeong-jin");
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "Yeong-jin"), p->aliases.end()) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u);
  EXPECT_EQ(Count(d, EntityType::kPerson), 1) << Dump(d);
}

TEST(NamesKorean, SurnameAndGivenParts) {
  Document d = Find("The farmer Choe Myong-hui said nothing.");
  ASSERT_FALSE(d.mentions.empty()) << Dump(d);
  const Mention* m = nullptr;
  for (const auto& x : d.mentions)
    if (x.type == EntityType::kPerson) m = &x;
  ASSERT_NE(m, nullptr) << Dump(d);
  EXPECT_EQ(m->surname, "Choe");
  EXPECT_EQ(m->given, "Myong-hui");
  EXPECT_FALSE(m->partial);
}

TEST(NamesKorean, ABareSurnameRepeatsATitledOne) {
  // Known only as "Ms. Seo": a later "Seo" is her, and "Seoul" is still a city.
  Document d = Find("Ms. Seo, 52, reached Seoul in January. Seo was sold to a farmer in 2010.");
  const LocalEntity* p = Person(d, "Seo");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u) << Dump(d);
  EXPECT_EQ(Count(d, EntityType::kPerson), 1) << Dump(d);
}

TEST(NamesKorean, SpacedSyllables) {
  Document d = Find("Kim Jong Il visited the plant. Kim Jong Il's speech was broadcast.");
  const LocalEntity* p = Person(d, "Kim Jong Il");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u) << Dump(d);
}

TEST(NamesKorean, HyphenVariantsAndCaseCluster) {
  Document d = Find("Pak Se-yong wrote poems. Later, Pak Se-Yong retired to the coast.");
  EXPECT_EQ(Count(d, EntityType::kPerson), 1) << Dump(d);
  const LocalEntity* p = Person(d, "Pak Se-yong");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "Pak Se-Yong"), p->aliases.end());
}

TEST(NamesKorean, McCuneReischauerSpellings) {
  Document d = Find("Ri Sol-ju appeared beside him. Ch'oe Ryong-hae did not.");
  EXPECT_NE(Person(d, "Ri Sol-ju"), nullptr) << Dump(d);
}

TEST(NamesKorean, NorthernRSurnames) {
  Document d = Find("The guard Rim Chol-ho took the papers.");
  EXPECT_NE(Person(d, "Rim Chol-ho"), nullptr) << Dump(d);
}

TEST(NamesKorean, JoinedGivenWesternOrder) {
  Document d = Find("By Minjung Seo\n\nMinjung grew up near the river. Later, Minjung studied law.");
  const LocalEntity* p = Person(d, "Minjung Seo");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_TRUE(p->is_author);
  EXPECT_EQ(p->mentions.size(), 3u) << Dump(d);
}

TEST(NamesKorean, WesternAndKoreanOrderSamePerson) {
  Document d = Find("Sunhee Park arrived in 2009. Park Sunhee later found work.");
  EXPECT_EQ(Count(d, EntityType::kPerson), 1) << Dump(d);
}

TEST(NamesKorean, SurnamePlusOneSyllable) {
  Document d = Find("Ha Na crossed the river at night. Later Ha Na was caught.");
  const LocalEntity* p = Person(d, "Ha Na");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u);
}

TEST(NamesKorean, SurnameAloneLinksToFullName) {
  Document d = Find("Choi Eun-hee escaped in 2002. In Seoul, Choi worked as a nurse.");
  const LocalEntity* p = Person(d, "Choi Eun-hee");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u) << Dump(d);
  bool partial = false;
  for (auto mi : p->mentions) partial |= d.mentions[mi].partial;
  EXPECT_TRUE(partial);
}

TEST(NamesKorean, SurnameAloneByRecency) {
  Document d = Find(
      "Kim Mi-ok met Kim Chol-su in 1999. Kim Chol-su was a driver. Kim laughed.");
  const LocalEntity* driver = Person(d, "Kim Chol-su");
  ASSERT_NE(driver, nullptr) << Dump(d);
  EXPECT_EQ(driver->mentions.size(), 3u) << Dump(d);
}

TEST(NamesKorean, GivenNameAloneWithoutFullName) {
  Document d = Find("Her friend Seon-mi stayed behind.");
  EXPECT_NE(Person(d, "Seon-mi"), nullptr) << Dump(d);
}

TEST(NamesKorean, HangulAliasInParentheses) {
  Document d = Find("Jang Yeong-jin (Korean: 장영진; born 1957) is a writer.");
  const LocalEntity* p = Person(d, "Jang Yeong-jin");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "장영진"), p->aliases.end()) << Dump(d);
  EXPECT_EQ(Count(d, EntityType::kPerson), 1) << Dump(d);
}

TEST(NamesKorean, HangulInsideKoreanProseIsNotGuessed) {
  Document d = Find("김정일의 마지막 여자");
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
}

TEST(NamesKorean, StandaloneHangulName) {
  Document d = Find("The file lists 김철수 as the owner.");
  EXPECT_NE(Person(d, "김철수"), nullptr) << Dump(d);
}

// ---- Western and mixed names, titles ---------------------------------------

TEST(NamesWestern, GivenAndFamily) {
  Document d = Find("The report was written by John Smith. Smith interviewed ten people.");
  const LocalEntity* p = Person(d, "John Smith");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u) << Dump(d);
}

TEST(NamesWestern, GivenNameAlone) {
  Document d = Find("Our coordinator Laura visited the family.");
  EXPECT_NE(Person(d, "Laura"), nullptr) << Dump(d);
}

TEST(NamesWestern, Titles) {
  Document d = Find("Mr. Kim answered the door. Dr. Lee arrived later. General Pak refused.");
  EXPECT_NE(Person(d, "Kim"), nullptr) << Dump(d);
  EXPECT_NE(Person(d, "Lee"), nullptr) << Dump(d);
  EXPECT_NE(Person(d, "Pak"), nullptr) << Dump(d);
  EXPECT_TRUE(NotPersonMention(d, "General")) << Dump(d);
}

TEST(NamesWestern, TitleLinksToFullName) {
  Document d = Find("Lee Hyeon-seo spoke first. Then Ms. Lee described the crossing.");
  const LocalEntity* p = Person(d, "Lee Hyeon-seo");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u) << Dump(d);
}

// ---- speakers, bylines, authors, pseudonyms --------------------------------

TEST(NamesSpeakers, InterviewLabels) {
  Document d = Find(
      "Q and A\n\nSophie: Where did you grow up?\n\nHan Song-i: In a small town.\n\n"
      "Sophie: What next?\n\nHan Song-i: I left.\n");
  const LocalEntity* host = Person(d, "Sophie");
  const LocalEntity* guest = Person(d, "Han Song-i");
  ASSERT_NE(host, nullptr) << Dump(d);
  ASSERT_NE(guest, nullptr) << Dump(d);
  EXPECT_TRUE(host->is_author);
  EXPECT_TRUE(guest->is_author);
  EXPECT_EQ(guest->mentions.size(), 2u);
}

TEST(NamesSpeakers, SurnameThatIsAlsoAWorkTrigger) {
  Document d = Find("Reporter: When did you leave?\n\nSong Ji-yeon: I escaped in 2008.\n");
  const LocalEntity* p = Person(d, "Song Ji-yeon");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_TRUE(p->is_author);
  EXPECT_EQ(Count(d, EntityType::kWork), 0) << Dump(d);
}

TEST(NamesPlaces, BorderPairNamesBothCountries) {
  Document d = Find("He fled by crossing the China\u2013North Korea border.");
  EXPECT_NE(Entity(d, EntityType::kPlace, "China"), nullptr) << Dump(d);
  EXPECT_NE(Entity(d, EntityType::kPlace, "North Korea"), nullptr) << Dump(d);
}

TEST(NamesKorean, PressSpellingAh) {
  Document d = Find("Seo Hyun-ah defected in 2009. Seo Hyun-ah's story made news.");
  const LocalEntity* p = Person(d, "Seo Hyun-ah");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 2u);
}

TEST(NamesSpeakers, UnknownNameUsedTwiceAsLabel) {
  Document d = Find("Zelda: Hello.\nOmar: Hi.\nZelda: Bye.\n");
  EXPECT_NE(Person(d, "Zelda"), nullptr) << Dump(d);
}

TEST(NamesSpeakers, FormLabelsAreNotSpeakers) {
  Document d = Find("Born: 1970\nOccupation: Poet\nNote: none\n");
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
}

TEST(NamesBylines, PostedBy) {
  Document d = Find("A long story.\n\nPosted by Emma Clarke\n\nEmma Clarke is an editor.");
  const LocalEntity* p = Person(d, "Emma Clarke");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_TRUE(p->is_author);
  EXPECT_EQ(p->mentions.size(), 2u);
}

TEST(NamesBylines, UnknownNameByline) {
  Document d = Find("Title here\n\nBy Dorcas Quill\n\nThe text.");
  const LocalEntity* p = Person(d, "Dorcas Quill");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_TRUE(p->is_author);
}

TEST(NamesBylines, DocumentAuthorField) {
  Document d = Find("Park Ji-hyun wrote this account of her life.", "Park Ji-hyun");
  const LocalEntity* p = Person(d, "Park Ji-hyun");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_TRUE(p->is_author);
}

TEST(NamesPseudonyms, UnderAPseudonym) {
  Document d = Find(
      "Choi Song-min worked in the ministry. Choi wrote essays under the pseudonym Lee Jin-ho "
      "for many years.");
  const LocalEntity* p = Person(d, "Choi Song-min");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->name, "Choi Song-min");
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "Lee Jin-ho"), p->aliases.end()) << Dump(d);
  EXPECT_EQ(Count(d, EntityType::kPerson), 1) << Dump(d);
}

TEST(NamesPseudonyms, PenName) {
  Document d = Find("Yoon Hae-won published under the pen name Kang Mi-ra.");
  const LocalEntity* p = Person(d, "Yoon Hae-won");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->name, "Yoon Hae-won");
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "Kang Mi-ra"), p->aliases.end()) << Dump(d);
  EXPECT_EQ(Count(d, EntityType::kPerson), 1) << Dump(d);
}

// ---- negatives ---------------------------------------------------------------

TEST(NamesNegative, MonthsAndWeekdays) {
  Document d = Find("In April 1997 he left. On Monday, June 3, they met. May was cold.");
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
}

TEST(NamesNegative, CountryIsNotPerson) {
  Document d = Find("North Korea and South Korea signed nothing. Korean food is spicy.");
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
  EXPECT_NE(Entity(d, EntityType::kPlace, "North Korea"), nullptr) << Dump(d);
  EXPECT_NE(Entity(d, EntityType::kPlace, "South Korea"), nullptr) << Dump(d);
}

TEST(NamesNegative, ArmyIsOrganization) {
  Document d = Find("He served in the Korean People's Army for ten years.");
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
  const LocalEntity* o = Entity(d, EntityType::kOrganization, "Korean People's Army");
  ASSERT_NE(o, nullptr) << Dump(d);
}

TEST(NamesNegative, SentenceStartersAndHeadings) {
  Document d = Find("Biography\n\nDespite the cold, they walked. Works\n\nSee also\n");
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
}

TEST(NamesNegative, OrgHeadsAreNotPersons) {
  Document d = Find("Kim Il-sung University and the Pyongyang Medical College were closed.");
  EXPECT_NE(Entity(d, EntityType::kOrganization, "Kim Il-sung University"), nullptr) << Dump(d);
  EXPECT_NE(Entity(d, EntityType::kOrganization, "Pyongyang Medical College"), nullptr) << Dump(d);
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
}

TEST(NamesNegative, PlacesNamedAfterPersons) {
  // A full name before a head noun of places or buildings names the place.
  Document d = Find(
      "Crowds filled Choe Hyon-dok Square in 2015. She lived on Ryu Man Sok Street near the "
      "Pak Ung-chol Stadium. Later Han Tae-sik met her there.");
  EXPECT_TRUE(NotPersonMention(d, "Choe Hyon-dok")) << Dump(d);
  EXPECT_TRUE(NotPersonMention(d, "Ryu Man Sok")) << Dump(d);
  EXPECT_TRUE(NotPersonMention(d, "Pak Ung-chol")) << Dump(d);
  EXPECT_NE(Person(d, "Han Tae-sik"), nullptr) << Dump(d);
  // A head word that is a surname opening the next name ends nothing.
  d = Find("The guests were Kim Song-hui Park Ji-won and nobody else.");
  EXPECT_NE(Person(d, "Kim Song-hui"), nullptr) << Dump(d);
}

TEST(NamesNegative, PlaceNamesWithSurnameShape) {
  // "Hamhung" and "Kaesong" look like Korean syllables; they are places.
  Document d = Find("She was born in Hamhung and worked in Kaesong.");
  EXPECT_EQ(Count(d, EntityType::kPerson), 0) << Dump(d);
  EXPECT_EQ(Count(d, EntityType::kPlace), 2) << Dump(d);
}

// ---- places ------------------------------------------------------------------

TEST(NamesPlaces, GazetteerVariantsCluster) {
  Document d = Find("He lived in Chongjin. Ch'ŏngjin is a port. Cheongjin was cold.");
  const LocalEntity* p = Entity(d, EntityType::kPlace, "Chongjin");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 3u) << Dump(d);
  EXPECT_EQ(p->country, "KP");
  EXPECT_EQ(p->place_kind, "city");
  ASSERT_TRUE(p->lat.has_value());
  EXPECT_NEAR(*p->lat, 41.79, 0.5);
}

TEST(NamesPlaces, ProvinceWithHead) {
  Document d = Find("He worked in North Hamgyeong Province for years.");
  const LocalEntity* p = Entity(d, EntityType::kPlace, "North Hamgyong");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->place_kind, "province");
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "North Hamgyeong Province"), p->aliases.end());
}

TEST(NamesPlaces, BorderAndAcronym) {
  Document d = Find("He crawled through the Korean Demilitarized Zone (DMZ). The DMZ is mined.");
  const LocalEntity* p = Entity(d, EntityType::kPlace, "Korean Demilitarized Zone");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->place_kind, "border");
  EXPECT_EQ(p->mentions.size(), 3u) << Dump(d);
}

TEST(NamesPlaces, UsNeedsCapitals) {
  Document d = Find("They told us to wait. He flew to the U.S. in May.");
  const LocalEntity* p = Entity(d, EntityType::kPlace, "United States");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->mentions.size(), 1u) << Dump(d);
}

TEST(NamesPlaces, RiversAndCityDisambiguation) {
  Document d = Find("They crossed the Tumen River into China and reached Yanji.");
  const LocalEntity* r = Entity(d, EntityType::kPlace, "Tumen River");
  ASSERT_NE(r, nullptr) << Dump(d);
  EXPECT_EQ(r->place_kind, "river");
  EXPECT_NE(Entity(d, EntityType::kPlace, "Yanji"), nullptr) << Dump(d);
  EXPECT_NE(Entity(d, EntityType::kPlace, "China"), nullptr) << Dump(d);
}

TEST(NamesPlaces, GangwonByContext) {
  Document n = Find("He lived in North Korea. He was born in Gangwon Province.");
  const LocalEntity* pn = Entity(n, EntityType::kPlace, "Kangwon");
  ASSERT_NE(pn, nullptr) << Dump(n);
  EXPECT_EQ(pn->country, "KP");
  Document s = Find("She settled in Gangwon Province after training.");
  const LocalEntity* ps = Entity(s, EntityType::kPlace, "Gangwon");
  ASSERT_NE(ps, nullptr) << Dump(s);
  EXPECT_EQ(ps->country, "KR");
}

TEST(NamesPlaces, UnknownPlaceByHead) {
  Document d = Find("Her family was sent to Oryong County in the mountains.");
  const LocalEntity* p = Entity(d, EntityType::kPlace, "Oryong County");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->place_kind, "city");
  EXPECT_EQ(p->gazetteer, -1);
}

TEST(NamesPlaces, HangulPlace) {
  Document d = Find("그는 평양 에서 살았다.");
  const LocalEntity* p = Entity(d, EntityType::kPlace, "Pyongyang");
  ASSERT_NE(p, nullptr) << Dump(d);
}

// ---- organizations -------------------------------------------------------------

TEST(NamesOrgs, KnownWithAliases) {
  Document d = Find(
      "The State Security Department arrested him. Later the Ministry of State Security "
      "released him. The NIS questioned him in Seoul.");
  const LocalEntity* o = Entity(d, EntityType::kOrganization, "Ministry of State Security");
  ASSERT_NE(o, nullptr) << Dump(d);
  EXPECT_EQ(o->mentions.size(), 2u) << Dump(d);
  EXPECT_NE(Entity(d, EntityType::kOrganization, "National Intelligence Service"), nullptr) << Dump(d);
}

TEST(NamesOrgs, ByHeadAndAcronym) {
  Document d = Find("She joined the Hope Valley Literacy Program (HVLP) in 2019. HVLP helped her.");
  const LocalEntity* o = Entity(d, EntityType::kOrganization, "Hope Valley Literacy Program");
  ASSERT_NE(o, nullptr) << Dump(d);
  EXPECT_EQ(o->mentions.size(), 3u) << Dump(d);
}

TEST(NamesOrgs, MinistryOfX) {
  Document d = Find("He wrote to the Ministry of Fisheries about it.");
  EXPECT_NE(Entity(d, EntityType::kOrganization, "Ministry of Fisheries"), nullptr) << Dump(d);
}

TEST(NamesOrgs, MediaOutlet) {
  Document d = Find("The BBC reported it first, according to Yonhap.");
  EXPECT_NE(Entity(d, EntityType::kOrganization, "BBC"), nullptr) << Dump(d);
  EXPECT_NE(Entity(d, EntityType::kOrganization, "Yonhap"), nullptr) << Dump(d);
}

// ---- works -----------------------------------------------------------------------

TEST(NamesWorks, AutobiographyCalled) {
  Document d = Find("In 2015 she published an autobiography called The Long Night of Winter, which sold well.");
  EXPECT_NE(Entity(d, EntityType::kWork, "The Long Night of Winter"), nullptr) << Dump(d);
}

TEST(NamesWorks, TitleWithSubtitle) {
  Document d = Find("He told his story in his 2019 book, Cold Roads: A Memoir of Escape.");
  EXPECT_NE(Entity(d, EntityType::kWork, "Cold Roads: A Memoir of Escape"), nullptr) << Dump(d);
}

TEST(NamesWorks, QuotedAfterTrigger) {
  Document d = Find("Her poem \"Letter to My Mother\" was read aloud.");
  EXPECT_NE(Entity(d, EntityType::kWork, "Letter to My Mother"), nullptr) << Dump(d);
}

TEST(NamesWorks, PoemStopsAtLowercase) {
  Document d = Find("He wrote the poem Rivers Under Ice as part of a contest.");
  EXPECT_NE(Entity(d, EntityType::kWork, "Rivers Under Ice"), nullptr) << Dump(d);
}

TEST(NamesWorks, BookWithoutTitle) {
  Document d = Find("He lost a forbidden book from his office.");
  EXPECT_EQ(Count(d, EntityType::kWork), 0) << Dump(d);
}

// ---- mentions are well formed --------------------------------------------------

TEST(NamesMentions, IndicesAndOrder) {
  Document d = Find("Kim Chol-su left Hyesan for Beijing. Kim Chol-su met Anna there.");
  ASSERT_FALSE(d.mentions.empty());
  for (size_t i = 0; i < d.mentions.size(); ++i) {
    const Mention& m = d.mentions[i];
    ASSERT_GE(m.entity, 0);
    ASSERT_LT(static_cast<size_t>(m.entity), d.entities.size());
    const auto& e = d.entities[static_cast<size_t>(m.entity)];
    EXPECT_NE(std::find(e.mentions.begin(), e.mentions.end(), i), e.mentions.end());
    EXPECT_EQ(e.type, m.type);
    if (i > 0) {
      EXPECT_LE(d.mentions[i - 1].span.begin, m.span.begin);
    }
  }
}

// ---- the seed documents -----------------------------------------------------------

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct SeedExpect {
  const char* file;
  std::vector<std::string> persons;      // each must be a person name or alias
  std::vector<std::string> not_persons;  // none may be a person mention
};

TEST(NamesSeeds, GoldPersonsFound) {
  std::filesystem::path dir = std::filesystem::path(CAIRN_SHARED_DIR) / "seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no seeds folder at " << dir;
  const std::vector<SeedExpect> seeds = {
      {"000_4ea59eae4fef3061.txt",
       {"Jang Yeong-jin", "Yeong-jin", "장영진", "Seon-cheol", "Min-su"},
       {"Chongjin", "Pyongyang", "Seoul", "April", "Biography", "Despite", "North Korea"}},
      {"001_2a7eb2104a7a63c1.txt",
       {"Jang Yeong-jin", "Brit Smith"},
       {"April", "London", "England", "Texas", "BBC", "North Korea"}},
      {"002_cbb2dc115b065b85.txt",
       {"Jang Yeong-jin"},
       {"Cuba", "Pakistan", "Ansan", "October", "North Korea", "Dong-A Ilbo"}},
      {"003_43949ad9f1a21f28.txt",
       {"Jang Jin-sung", "Hwang Young-Min", "Young-min", "Kim Jong Il", "Kim Jong-il",
        "Kim Kyong-min"},
       {"Sariwon", "Beijing", "Seoul", "January", "Biography", "Works", "North Korea"}},
      {"004_9a2c1dd8f93d1306.txt",
       {"Jin Kyung", "Anna", "Yukyung Lim", "Yukyung"},
       {"Hanawon", "Beijing", "Texas", "April", "December", "June", "North Korea", "China"}},
  };
  for (const auto& s : seeds) {
    std::string text = ReadFile(dir / s.file);
    ASSERT_FALSE(text.empty()) << s.file;
    Document d = Find(text);
    for (const auto& name : s.persons)
      EXPECT_NE(Person(d, name), nullptr) << s.file << ": missing person " << name << "\n" << Dump(d);
    for (const auto& name : s.not_persons)
      EXPECT_TRUE(NotPersonMention(d, name)) << s.file << ": " << name << " typed as person\n" << Dump(d);
  }
}

TEST(NamesSeeds, PseudonymAndAuthors) {
  std::filesystem::path dir = std::filesystem::path(CAIRN_SHARED_DIR) / "seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no seeds folder at " << dir;
  Document d3 = Find(ReadFile(dir / "003_43949ad9f1a21f28.txt"));
  const LocalEntity* jjs = Person(d3, "Jang Jin-sung");
  ASSERT_NE(jjs, nullptr) << Dump(d3);
  EXPECT_EQ(jjs->name, "Jang Jin-sung");
  EXPECT_NE(std::find(jjs->aliases.begin(), jjs->aliases.end(), "Kim Kyong-min"), jjs->aliases.end())
      << Dump(d3);
  EXPECT_EQ(Person(d3, "Jang Jin-Sung"), jjs);
  Document d4 = Find(ReadFile(dir / "004_9a2c1dd8f93d1306.txt"));
  const LocalEntity* yl = Person(d4, "Yukyung Lim");
  ASSERT_NE(yl, nullptr) << Dump(d4);
  EXPECT_TRUE(yl->is_author);
  const LocalEntity* anna = Person(d4, "Anna");
  ASSERT_NE(anna, nullptr);
  EXPECT_TRUE(anna->is_author);  // interview speaker
  Document d1 = Find(ReadFile(dir / "001_2a7eb2104a7a63c1.txt"));
  const LocalEntity* bs = Person(d1, "Brit Smith");
  ASSERT_NE(bs, nullptr) << Dump(d1);
  EXPECT_TRUE(bs->is_author);
  EXPECT_GE(bs->mentions.size(), 3u) << Dump(d1);
}

}  // namespace
}  // namespace cairn::extract

namespace cairn::extract {
namespace {

TEST(NamesRareSurname, OneSyllableBeforeAHyphenatedGivenNameIsASurname) {
  Document d;
  d.name = "r.txt";
  d.text = "Taek Eun-ji reached Seoul in 2009. Later, Taek Eun-ji studied law.";
  text::Segmenter seg;
  ASSERT_TRUE(seg.Run(&d).ok());
  NameFinder::Default().Run(&d);
  bool found = false;
  for (const LocalEntity& e : d.entities)
    if (e.type == EntityType::kPerson && e.name == "Taek Eun-ji") found = true;
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace cairn::extract

namespace cairn::extract {
namespace {

// Syllables the list lacks, read by their shape beside a surname, a hyphen or
// a listed syllable; surnames that are also English words ("So", "Oh") only
// mid-sentence with two listed syllables.
TEST(NamesKorean, UncommonSyllablesByShape) {
  Document d = Find("The letter was signed by Pak Dong-sop, a retired teacher.");
  EXPECT_NE(Person(d, "Pak Dong-sop"), nullptr) << Dump(d);
  Document e = Find("Her uncle Ri Chol Phyong drove the truck. Ri said little.");
  const LocalEntity* p = Person(e, "Ri Chol Phyong");
  ASSERT_NE(p, nullptr) << Dump(e);
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "Ri"), p->aliases.end()) << Dump(e);
  Document f = Find("The clerk Kim Min Do signed for the parcel.");
  EXPECT_NE(Person(f, "Kim Min Do"), nullptr) << Dump(f);
  Document g = Find("The town later hired Consul So Myong Sik to run it.");
  EXPECT_NE(Person(g, "So Myong Sik"), nullptr) << Dump(g);
  Document h = Find("Yesterday corporal Oh Jin Song ran across the line.");
  EXPECT_NE(Person(h, "Oh Jin Song"), nullptr) << Dump(h);
  // English words of the same shape are not a name without a listed syllable.
  Document n = Find("The rally in Park To Run was loud. Ping-Pong is popular.");
  EXPECT_TRUE(NotPersonMention(n, "Park To Run")) << Dump(n);
  EXPECT_TRUE(NotPersonMention(n, "Ping-Pong")) << Dump(n);
  Document o = Find("So Min went home.");
  EXPECT_EQ(Person(o, "So Min"), nullptr) << Dump(o);
}

TEST(NamesKorean, GivenFirstInTwoSpacedSyllables) {
  Document d = Find("The memoir that Hye Jin Kang wrote in exile sold well. Kang lives in Busan.");
  const LocalEntity* p = Person(d, "Hye Jin Kang");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "Kang"), p->aliases.end()) << Dump(d);
}

// The first of the two spaced syllables may itself be a surname: "Yun Hee Choe"
// is Choe Yun-hee, not a person "Yun Hee" beside a stray "Choe".
TEST(NamesKorean, GivenFirstWhoseFirstSyllableIsASurname) {
  Document d = Find("Yun Hee Choe now teaches music in Daegu. Choe left Hamhung in 2009.");
  const LocalEntity* p = Person(d, "Yun Hee Choe");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_TRUE(NotPersonMention(d, "Yun Hee")) << Dump(d);
  // Surname first, then a name of its own, stays as it was.
  d = Find("Kim Il Sung Square was empty. Han Bi-na met Choe Yong-su there.");
  EXPECT_NE(Person(d, "Han Bi-na"), nullptr) << Dump(d);
}

// A name first written in a heading's capitals is named as the prose writes it.
TEST(NamesKorean, NameInCapitalsGivesWayToItsProseForm) {
  Document d =
      Find("STATEMENT OF NAM HYE-RYON\nNam Hye-ryon was born in Kanggye. Nam left in 2007.");
  const LocalEntity* p = Person(d, "Nam Hye-ryon");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p->name, "Nam Hye-ryon") << Dump(d);
}

// A Western given name before a Korean surname that is also an English word.
TEST(NamesKorean, WesternGivenNameAndAnAmbiguousSurname) {
  Document d = Find("Later Timothy Oh and Grace An crossed the river with Daniel Do.");
  EXPECT_NE(Person(d, "Timothy Oh"), nullptr) << Dump(d);
  EXPECT_NE(Person(d, "Grace An"), nullptr) << Dump(d);
  EXPECT_NE(Person(d, "Daniel Do"), nullptr) << Dump(d);
}

// The surname a witness gave, after "gave her name as".
TEST(NamesKorean, SurnameGivenAsAName) {
  Document d = Find("The woman, who gave her name as Jung, said she paid a broker.");
  EXPECT_NE(Person(d, "Jung"), nullptr) << Dump(d);
  d = Find("A former miner, who gave his name only as Ri, said the shaft collapsed.");
  EXPECT_NE(Person(d, "Ri"), nullptr) << Dump(d);
}

// A bare surname shared by several full names goes to the most salient one:
// the subject with an age, not the relative in a possessive or "of" phrase.
TEST(NamesKorean, BareSurnameGoesToTheSalientPerson) {
  Document d = Find(
      "A nephew of Governor Yun Dae-ho has fled, officials said. Yun Min-jae, 41, said he left in "
      "March. He is the son of Yun Sok-chol. Yun said he would not go back.");
  const LocalEntity* main = Person(d, "Yun Min-jae");
  ASSERT_NE(main, nullptr) << Dump(d);
  EXPECT_NE(std::find(main->aliases.begin(), main->aliases.end(), "Yun"), main->aliases.end())
      << Dump(d);
  for (const char* other : {"Yun Dae-ho", "Yun Sok-chol"}) {
    const LocalEntity* o = Person(d, other);
    ASSERT_NE(o, nullptr) << other << "\n" << Dump(d);
    EXPECT_EQ(std::find(o->aliases.begin(), o->aliases.end(), "Yun"), o->aliases.end()) << Dump(d);
  }
}

}  // namespace
}  // namespace cairn::extract

namespace cairn::extract {
namespace {

TEST(NamesKorean, AuthorAfterMemoirIsAPerson) {
  Document d = Find("It is a memoir Hye Jin Kang first wrote in Korean.");
  EXPECT_NE(Person(d, "Hye Jin Kang"), nullptr) << Dump(d);
  EXPECT_EQ(Entity(d, EntityType::kWork, "Hye Jin Kang"), nullptr) << Dump(d);
  // Listed syllables that are also English words, mid-sentence before a surname.
  Document e = Find("It is a memoir Young Soon Park first wrote in Korean.");
  EXPECT_NE(Person(e, "Young Soon Park"), nullptr) << Dump(e);
}

TEST(NamesKorean, SurnameNamedAsSuch) {
  Document d = Find("The driver gave only his surname, Oh, to the reporters.");
  EXPECT_NE(Person(d, "Oh"), nullptr) << Dump(d);
  Document e = Find("He gave only his surname, which was odd.");
  EXPECT_EQ(Count(e, EntityType::kPerson), 0) << Dump(e);
}

}  // namespace
}  // namespace cairn::extract

namespace cairn::extract {
namespace {

TEST(NamesPseudonym, PenNameAndRealNameInOneEntity) {
  Document d = Find("Kim Ha-neul, the pen name of Park Mi-rae, wrote three novels.");
  const LocalEntity* p = Person(d, "Kim Ha-neul");
  ASSERT_NE(p, nullptr) << Dump(d);
  EXPECT_EQ(p, Person(d, "Park Mi-rae")) << Dump(d);
  Document e = Find("The poet Ri Chol (real name Ri Myong-chol) left in 1998.");
  const LocalEntity* q = Person(e, "Ri Myong-chol");
  ASSERT_NE(q, nullptr) << Dump(e);
  EXPECT_EQ(q, Person(e, "Ri Chol")) << Dump(e);
}

}  // namespace
}  // namespace cairn::extract

namespace cairn::extract {
namespace {

TEST(NamesNegative, PlaceAfterSentenceInitialIn) {
  Document d = Find("The family was sent to Kap-san, a mining town. In Kap-san, food was scarce.");
  EXPECT_TRUE(NotPersonMention(d, "In Kap-san")) << Dump(d);
  // A person with the surname In stays a person.
  Document e = Find("In Yo-han, 45, left Hyesan in 2010.");
  EXPECT_NE(Person(e, "In Yo-han"), nullptr) << Dump(e);
}

}  // namespace
}  // namespace cairn::extract
