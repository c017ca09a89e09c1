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

}  // namespace
}  // namespace cairn
