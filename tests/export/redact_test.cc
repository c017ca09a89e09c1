// Redaction keeps offsets valid and withholds every form of a protected name.
#include "export/redact.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

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

// A store's redaction key: 32 bytes.
const std::string kSecret(32, '\x5a');

TEST(Redact, WithholdsNameAliasesAndMasksQuotesAtTheSameLength) {
  FactBase f = Sample();
  FactBase r = Redact(f, kSecret);
  EXPECT_EQ(r.entities[0].name, Pseudonym(kSecret, "e1", EntityType::kPerson));
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
  FactBase r = Redact(f, kSecret);
  EXPECT_EQ(r.events[0].sources[0].quote, f.events[0].sources[0].quote);
  EXPECT_EQ(r.entities[0].name, "Han Seo-yeon");
}

TEST(Redact, AOneLetterOrOneWordNameIsStillWithheld) {
  // "Testimony of Mr. O": the name is too short to mask alone, but the entity
  // still gets its pseudonym and the titled form is masked.
  FactBase f;
  EntityRecord p;
  p.id = "e1";
  p.name = "O";
  p.protected_identity = true;
  EntityRecord q;
  q.id = "e2";
  q.name = "Choe";
  q.protected_identity = true;
  f.entities = {p, q};
  EventRecord ev;
  ev.id = "v1";
  ev.type = "birth";
  ev.subject = "e1";
  ev.sources = {SourceRef{"d1", 0, 38, "Mr. O was born in Onsong; Mrs. Choe too"}};
  f.events = {ev};
  FactBase r = Redact(f, kSecret);
  EXPECT_EQ(r.entities[0].name, Pseudonym(kSecret, "e1", EntityType::kPerson));
  EXPECT_EQ(r.entities[1].name, Pseudonym(kSecret, "e2", EntityType::kPerson));
  const std::string& quote = r.events[0].sources[0].quote;
  EXPECT_EQ(quote.size(), ev.sources[0].quote.size());
  EXPECT_EQ(quote.find("Mr. O"), std::string::npos) << quote;
  EXPECT_EQ(quote.find("Choe"), std::string::npos) << quote;
  EXPECT_NE(quote.find("Onsong"), std::string::npos) << quote;
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
  EXPECT_EQ(Redact(f, kSecret).events[0].date.text.find("Hye-suk"), std::string::npos);
  store::DocumentInfo d;
  d.name = "choi_hye_suk_testimony.txt";
  EXPECT_EQ(RedactDocuments({d}, f)[0].name.find("hye_suk"), std::string::npos);
  // Snippets cut in the middle of a name.
  EXPECT_EQ(RedactSnippet("\xE2\x80\xA6suk crossed the river; she met Choi Hye\xE2\x80\xA6", f)
                .find("Hye"),
            std::string::npos);
}

TEST(Redact, AHangulSpellingNoAliasHoldsIsMaskedByItsNameKey) {
  FactBase f;
  EntityRecord p;
  p.id = "e1";
  p.name = "Kim Hye-suk";  // no Hangul alias
  p.protected_identity = true;
  EntityRecord q;
  q.id = "e2";
  q.name = "Kim Hye-jin";
  f.entities = {p, q};
  // 김혜숙씨는 ... 김혜숙의 ... 김혜진은 (another person) ... 혜숙
  const std::string text =
      "\xEA\xB9\x80\xED\x98\x9C\xEC\x88\x99\xEC\x94\xA8\xEB\x8A\x94 A; "
      "\xEA\xB9\x80\xED\x98\x9C\xEC\x88\x99\xEC\x9D\x98 B; "
      "\xEA\xB9\x80\xED\x98\x9C\xEC\xA7\x84\xEC\x9D\x80 C";
  const std::string masked = RedactText(text, f);
  ASSERT_EQ(masked.size(), text.size());
  EXPECT_EQ(masked.rfind("*********\xEC\x94\xA8\xEB\x8A\x94 A; *********\xEC\x9D\x98 B; ", 0), 0u)
      << masked;
  EXPECT_NE(masked.find("\xEA\xB9\x80\xED\x98\x9C\xEC\xA7\x84"), std::string::npos)
      << "Kim Hye-jin is not protected";
}

TEST(Pseudonym, KeyedByTheSecretStablePerIdAndNotTheId) {
  const std::string p1 = Pseudonym(kSecret, "e1", EntityType::kPerson);
  // "Person-" and six Crockford base-32 digits.
  ASSERT_EQ(p1.size(), 13u) << p1;
  EXPECT_EQ(p1.rfind("Person-", 0), 0u) << p1;
  for (char c : p1.substr(7))
    EXPECT_NE(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(c), std::string_view::npos)
        << p1;
  EXPECT_EQ(p1, Pseudonym(kSecret, "e1", EntityType::kPerson)) << "stable";
  EXPECT_NE(p1, Pseudonym(kSecret, "e2", EntityType::kPerson)) << "one per entity";
  const std::string other_store(32, '\x11');
  EXPECT_NE(p1, Pseudonym(other_store, "e1", EntityType::kPerson)) << "another store";
  EXPECT_EQ(p1.find("e1"), std::string::npos);
  // HMAC-SHA256 of "e1" under 32 bytes 0x5a starts aa 09 94 96 (Python's
  // hmac module): its first 30 bits in Crockford's base 32.
  EXPECT_EQ(p1, "Person-N84S95");
  // A longer pseudonym extends the shorter one.
  const std::string p10 = Pseudonym(kSecret, "e1", EntityType::kPerson, 10);
  EXPECT_EQ(p10.rfind(p1, 0), 0u) << p10;
  // No secret: a random key of this process, still not the id.
  const std::string anon = Pseudonym("", "e1", EntityType::kPerson);
  EXPECT_EQ(anon.rfind("Person-", 0), 0u);
  EXPECT_EQ(anon, Pseudonym("", "e1", EntityType::kPerson));
}

TEST(Pseudonym, TwoEntitiesNeverShareOne) {
  // Find two ids whose six-digit pseudonyms collide (30 bits: a birthday
  // search needs some 40,000 ids), then redact both.
  std::map<std::string, std::string> seen;
  std::string a, b;
  for (int i = 1; i < 400000 && a.empty(); ++i) {
    const std::string id = "e" + std::to_string(i);
    auto [it, fresh] = seen.emplace(Pseudonym(kSecret, id, EntityType::kPerson), id);
    if (!fresh) {
      a = it->second;
      b = id;
    }
  }
  ASSERT_FALSE(a.empty()) << "no collision among 400,000 ids";
  FactBase f;
  for (const auto& [id, name] : {std::pair{b, "Ryu Ok-sun"}, std::pair{a, "Nam Chol-su"}}) {
    EntityRecord e;
    e.id = id;
    e.name = name;
    e.protected_identity = true;
    f.entities.push_back(e);
  }
  FactBase r = Redact(f, kSecret);
  EXPECT_NE(r.entities[0].name, r.entities[1].name);
  // The entity with the earlier id keeps its six digits; the later one gets more.
  EXPECT_EQ(r.entities[1].name, Pseudonym(kSecret, a, EntityType::kPerson));
  EXPECT_EQ(r.entities[0].name, Pseudonym(kSecret, b, EntityType::kPerson, 8));
}

}  // namespace
}  // namespace cairn::exporter
