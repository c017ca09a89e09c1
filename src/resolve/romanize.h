// Name keys that survive romanization, script and word order.
//
// The same Korean name reaches Cairn as "Kim Jong Il", "Kim Jong-il",
// "Kim Jongil", "Kim Chŏng-il" and "김정일". A NameKey reduces each to one
// comparable form: (surname class, given-name syllable classes), so
//   KeyName("Kim Jong-il").str() == KeyName("김정일").str() == "k:kim|jong-il".
//
// How a key is built:
//   1. Hangul syllables are romanized (Revised Romanization, by jamo);
//      Latin text is folded: lowercase, breves to eo/eu (ŏ -> eo, ŭ -> eu),
//      other diacritics and apostrophes dropped.
//   2. The surname is found by table (data/romanization.tsv: Lee/Yi/Ri/Rhee,
//      Park/Pak/Bak, ...): the first token when it is a surname, else the last
//      (given-first "Minji Lim"); when both are, the more common surname
//      wins. The extractor's surname/given split, when passed, is used as is.
//   3. Each given-name part is split into syllables (hyphens and spaces are
//      boundaries; "Yeonmi" is split by a small search that prefers frequent
//      syllables) and every syllable is folded to a class by rule:
//        initials  k=g  t=d=th  p=b=ph  ch=j=tch  s=sh, r/l -> "" before i/y
//                  and n elsewhere (Ryong=Yong, Ro=No);
//        vowels    eo=o eu=u oo=u ee=i ui=i you=yeo=yo wae=oe=we;
//        u before final ng/l -> o (Sung=Song, Chul=Chol); yu before final k/n
//                  after a consonant -> yo (Hyuk=Hyok, Hyun=Hyon);
//        finals    k=g, t=d=s, p=b, l=r, a final h drops (Roh=Ro).
//      So Young/Yeong/Yong/Ryong, Jong/Jeong/Chong/Cheong, Kyung/Gyeong/Kyong,
//      Chul/Cheol/Chol, Hee/Hui/Hi, Ju/Joo/Chu, Su/Soo each share one class,
//      while Il/Un, Sung/Sun, Jin/Jun stay apart.
//   4. A name with no Korean surname, or a part that is not a Korean
//      syllable ("John Smith", "Fidel Castro"), gets an "other" key: its folded
//      words, in order ("x:fidel castro").
//
// Over-normalizing makes different people collide, so a key never drops a
// syllable and never reorders the given name; callers must treat a key
// without surname or without given name (a short form) as a hint, not an
// identity (see NameKey::full).
//
// Thread-safe: the tables are loaded once into immutable statics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cairn::resolve {

struct NameKey {
  enum class Kind { kNone, kKorean, kOther };
  Kind kind = Kind::kNone;
  std::string surname;             // kKorean: surname class ("kim"), "" when absent
  std::vector<std::string> given;  // kKorean: given-name syllable classes
  std::vector<std::string> words;  // kOther: folded words

  // A full name: a Korean surname plus a given name, or two or more other words.
  bool full() const;
  bool empty() const { return kind == Kind::kNone; }
  // The given-name classes joined by '-': "jong-il".
  std::string GivenString() const;
  // "k:kim|jong-il", "k:jang|" (surname only), "k:|yong-jin" (given only),
  // "x:fidel castro", "" for kNone.
  std::string str() const;
};

// Keys a name as written. `surname_hint` and `given_hint` are the
// extractor's split of the same name (Mention::surname / given), "" when
// unknown.
NameKey KeyName(std::string_view name, std::string_view surname_hint = {},
                std::string_view given_hint = {});

// True when both names key to the same full key.
bool SameName(std::string_view a, std::string_view b);

// True when short form `s` (surname only, given only, or one other word) may
// refer to full name `f`: same surname class, or same given classes, or the
// word is the first or last of f's words.
bool ShortFormOf(const NameKey& s, const NameKey& f);

// Lowercase, breves to eo/eu, other diacritics and apostrophes removed;
// Hangul and other letters pass through. Exposed for tests and for keying
// places and organizations.
std::string FoldLatin(std::string_view s);

// Revised Romanization of Hangul syllables, syllables separated by `sep`
// ("김정일" -> "gim-jeong-il" with sep "-"). Non-Hangul text passes through.
std::string RomanizeHangul(std::string_view s, std::string_view sep = "");

// The class of one romanized syllable ("cheong" -> "jong"), "" when `syl`
// is not a possible Korean syllable.
std::string SyllableClass(std::string_view syl);

// A normalized form for non-person names (places, organizations, works):
// folded, punctuation dropped, a leading "the" dropped, spaces collapsed.
std::string NormalizeLabel(std::string_view s);

}  // namespace cairn::resolve
