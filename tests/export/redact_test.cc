// Redaction keeps offsets valid and withholds every form of a protected name.
#include <gtest/gtest.h>

#include "export/redact.h"

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

}  // namespace
}  // namespace cairn::exporter
