// Which persons' identities the text says must be withheld.
#include <gtest/gtest.h>

#include "extract/extract.h"
#include "text/segment.h"

namespace cairn {
namespace {

Document Extracted(const std::string& text) {
  Document d;
  d.name = "p.txt";
  d.text = text;
  text::Segmenter seg;
  EXPECT_TRUE(seg.Run(&d).ok());
  EXPECT_TRUE(extract::Extract(&d).ok());
  return d;
}

bool Protected(const Document& d, const std::string& name) {
  for (const LocalEntity& e : d.entities)
    if (e.type == EntityType::kPerson && e.name == name) return e.protected_identity;
  ADD_FAILURE() << name << " not found";
  return false;
}

TEST(Protect, NotHerRealNameMarksThatPerson) {
  Document d = Extracted(
      "Han Seo-yeon (not her real name) crossed the Tumen River in 2011. Her friend Kim "
      "Bo-ra helped her.");
  EXPECT_TRUE(Protected(d, "Han Seo-yeon"));
  EXPECT_FALSE(Protected(d, "Kim Bo-ra"));
}

TEST(Protect, DocumentWideNoteMarksEveryoneButTheAuthor) {
  Document d = Extracted(
      "By Oh Min-seok\n\nJang Hye-ri and Lim Dae-ho reached Seoul in 2019. Names have been "
      "changed to protect their families in North Korea.");
  d.author = "Oh Min-seok";
  EXPECT_TRUE(Protected(d, "Jang Hye-ri"));
  EXPECT_TRUE(Protected(d, "Lim Dae-ho"));
}

TEST(Protect, SentenceWithoutANameMarksTheLastPersonNamed) {
  Document d = Extracted("Choi Eun-mi lives in Incheon. She spoke on condition of anonymity.");
  EXPECT_TRUE(Protected(d, "Choi Eun-mi"));
}

TEST(Protect, OrdinaryTextMarksNobody) {
  Document d = Extracted("Ko Jae-hyun published a memoir in 2014. He lives in Seoul.");
  EXPECT_FALSE(Protected(d, "Ko Jae-hyun"));
}

TEST(Protect, EveryCueOfTheDataFileFires) {
  // Cues no fixed gate word list knew of, split across a line, written with
  // a no-break space, and a pseudonym in brackets.
  Document asked = Extracted("Pak Yong-su, who asked not to be named, left Musan in 2005.");
  EXPECT_TRUE(Protected(asked, "Pak Yong-su"));
  Document split = Extracted("Ri Jong-ho crossed in 2008; this is not his\nreal name.");
  EXPECT_TRUE(Protected(split, "Ri Jong-ho"));
  Document nbsp = Extracted("Choe Mi-ran reached Seoul in 2012 (not her\xC2\xA0real name).");
  EXPECT_TRUE(Protected(nbsp, "Choe Mi-ran"));
  Document curly = Extracted("Kang Song-il declined to give his name. He left in 2001.");
  EXPECT_TRUE(Protected(curly, "Kang Song-il"));
  Document pseud = Extracted("Jang Ok-hui (a pseudonym) was arrested in Yanji in 2003.");
  EXPECT_TRUE(Protected(pseud, "Jang Ok-hui"));
  Document plain = Extracted("Jang Ok-hui was arrested in Yanji in 2003.");
  EXPECT_FALSE(Protected(plain, "Jang Ok-hui"));
}

}  // namespace
}  // namespace cairn
