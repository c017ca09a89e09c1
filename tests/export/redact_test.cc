// Redaction keeps offsets valid and withholds every form of a protected name.
#include "export/redact.h"

#include <gtest/gtest.h>

namespace cairn::exporter {
namespace {

FactBase Sample() {
  FactBase f;
  EntityRecord p;
  p.id = "e1";
  p.name = "Han Seo-yeon";
  p.aliases = {"Seo-yeon", "Han"};
  p.protected_identity = true;
  EntityRecord q;
  q.id = "e2";
  q.name = "Kim Bo-ra";
  f.entities = {p, q};
  EventRecord ev;
  ev.id = "v1";
  ev.type = "border_crossing";
  ev.subject = "e1";
  SourceRef s{"d1", 10, 61, "In 2011, Han Seo-yeon crossed with Kim Bo-ra; Seo-yeon's Hangul"};
  ev.sources = {s};
  f.events = {ev};
  ConflictRecord c;
  c.subject = "e1";
  c.explanation = "Han Seo-yeon: born 1990 vs. born 1992";
  f.conflicts = {c};
  return f;
}

TEST(Redact, WithholdsNameAliasesAndMasksQuotesAtTheSameLength) {
  FactBase f = Sample();
  FactBase r = Redact(f);
  EXPECT_EQ(r.entities[0].name, "[withheld e1]");
  EXPECT_TRUE(r.entities[0].aliases.empty());
  EXPECT_EQ(r.entities[1].name, "Kim Bo-ra");
  const std::string& q = r.events[0].sources[0].quote;
  EXPECT_EQ(q.size(), f.events[0].sources[0].quote.size());
  EXPECT_EQ(q.find("Seo-yeon"), std::string::npos) << q;
  EXPECT_NE(q.find("Kim Bo-ra"), std::string::npos) << q;
  EXPECT_EQ(q.rfind("In 2011, ************ crossed", 0), 0u) << q;
  EXPECT_EQ(r.conflicts[0].explanation.find("Han"), std::string::npos);
}

TEST(Redact, NothingProtectedChangesNothing) {
  FactBase f = Sample();
  f.entities[0].protected_identity = false;
  FactBase r = Redact(f);
  EXPECT_EQ(r.events[0].sources[0].quote, f.events[0].sources[0].quote);
  EXPECT_EQ(r.entities[0].name, "Han Seo-yeon");
}

TEST(Redact, TitlesAreMasked) {
  FactBase f = Sample();
  store::DocumentInfo d;
  d.id = "d1";
  d.title = "An Interview with Han Seo-yeon";
  auto out = RedactDocuments({d}, f);
  EXPECT_EQ(out[0].title, "An Interview with ************");
}

TEST(Redact, EveryFormOfTheNameIsMaskedByteForByte) {
  FactBase f;
  EntityRecord p;
  p.id = "e1";
  p.name = "Choi Hye-suk";
  p.aliases = {"\xEA\xB9\x80\xED\x98\x9C\xEC\x88\x99"};  // 김혜숙
  p.protected_identity = true;
  f.entities = {p};
  const std::string text =
      "Choi\xE2\x80\x99s sister met Mr. Choi and Hye-suk Choi; Hyesuk left. "
      "\xEA\xB9\x80\xED\x98\x9C\xEC\x88\x99\xEC\x94\xA8\xEB\x8A\x94 "  // 김혜숙씨는
      "stayed; file choi_hye_suk.txt; CHOI HYE-SUK.";
  const std::string masked = RedactText(text, f);
  ASSERT_EQ(masked.size(), text.size()) << "offsets stay valid";
  for (const char* leak :
       {"Hye-suk", "Hyesuk", "Mr. Choi", "hye_suk", "HYE-SUK", "\xEA\xB9\x80\xED\x98\x9C"}) {
    EXPECT_EQ(masked.find(leak), std::string::npos) << leak << " in " << masked;
  }
  EXPECT_NE(masked.find("stayed"), std::string::npos);
  EXPECT_NE(masked.find("\xEC\x94\xA8"), std::string::npos) << "the particle stays";
  // Date texts and document names too.
  EventRecord ev;
  ev.subject = "e1";
  ev.date.text = "Choi Hye-suk, 34,";
  f.events = {ev};
  EXPECT_EQ(Redact(f).events[0].date.text.find("Hye-suk"), std::string::npos);
  store::DocumentInfo d;
  d.name = "choi_hye_suk_testimony.txt";
  EXPECT_EQ(RedactDocuments({d}, f)[0].name.find("hye_suk"), std::string::npos);
  // Snippets cut in the middle of a name.
  EXPECT_EQ(RedactSnippet("\xE2\x80\xA6suk crossed the river; she met Choi Hye\xE2\x80\xA6", f)
                .find("Hye"),
            std::string::npos);
}

}  // namespace
}  // namespace cairn::exporter
