// Cross-document resolution on hand-built extraction results.
#include "resolve/resolve.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "test_docs.h"

namespace cairn::resolve {
namespace {

using cairn::testing::AddEvent;
using cairn::testing::AddPerson;
using cairn::testing::AddPlace;
using cairn::testing::AddThing;
using cairn::testing::MakeDoc;

std::vector<const Document*> Ptrs(const std::vector<Document>& docs) {
  std::vector<const Document*> out;
  for (const auto& d : docs) out.push_back(&d);
  return out;
}

const EntityRecord* ByName(const FactBase& f, const std::string& name) {
  for (const auto& e : f.entities) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

int CountPersons(const FactBase& f) {
  return static_cast<int>(std::count_if(f.entities.begin(), f.entities.end(),
                                        [](const EntityRecord& e) { return e.type == EntityType::kPerson; }));
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(ResolveTest, RomanizationsAndHangulMerge) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Kim Jong Il ruled the country."));
  AddPerson(&docs.back(), "Kim Jong Il");
  docs.push_back(MakeDoc("d2", "b.txt", "Kim Jong-il visited the factory. Kim was pleased."));
  AddPerson(&docs.back(), "Kim Jong-il", {"Kim"});
  docs.push_back(MakeDoc("d3", "c.txt", "김정일 위원장."));
  AddPerson(&docs.back(), "김정일");
  std::vector<store::EntityLink> links;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, &links);
  ASSERT_EQ(CountPersons(f), 1);
  const EntityRecord& e = f.entities[0];
  EXPECT_EQ(e.docs, (std::vector<std::string>{"d1", "d2", "d3"}));
  EXPECT_TRUE(e.name == "Kim Jong Il" || e.name == "Kim Jong-il") << e.name;
  EXPECT_TRUE(Has(e.aliases, "김정일"));
  EXPECT_TRUE(Has(e.aliases, "Kim"));
  EXPECT_EQ(links.size(), 3u);
  for (const auto& l : links) EXPECT_EQ(l.entity_id, e.id);
}

// A UN-style form with the surname in capitals links, but the prose form names the
// person, even when the capitals come first.
TEST(ResolveTest, ProseFormNamesAPersonOverCapitals) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Ms. YOON Mi-jong testified. YOON Mi-jong wept."));
  AddPerson(&docs.back(), "YOON Mi-jong");
  docs.push_back(MakeDoc("d2", "b.txt", "Yoon Mi-jong was born in Hoeryong."));
  AddPerson(&docs.back(), "Yoon Mi-jong");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(CountPersons(f), 1);
  EXPECT_EQ(f.entities[0].name, "Yoon Mi-jong");
  EXPECT_TRUE(Has(f.entities[0].aliases, "YOON Mi-jong"));
}

TEST(ResolveTest, SameSurnameShortFormsStayApart) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Jang Min-ho fled. Jang was caught."));
  AddPerson(&docs.back(), "Jang Min-ho", {"Jang"});
  docs.push_back(MakeDoc("d2", "b.txt", "Jang Chol-su wrote a book. Jang lives in Seoul."));
  AddPerson(&docs.back(), "Jang Chol-su", {"Jang"});
  // A bare "Jang" with no full name and nothing shared: its own person.
  docs.push_back(MakeDoc("d3", "c.txt", "Jang said nothing."));
  AddPerson(&docs.back(), "Jang");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(CountPersons(f), 3);
  ASSERT_NE(ByName(f, "Jang Min-ho"), nullptr);
  ASSERT_NE(ByName(f, "Jang Chol-su"), nullptr);
  ASSERT_NE(ByName(f, "Jang"), nullptr);
  EXPECT_EQ(ByName(f, "Jang")->docs, std::vector<std::string>{"d3"});
}

TEST(ResolveTest, ShortFormLinksOnlyWhenUniqueAndContextAgrees) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Choi Song-il met Park Mi-ran in Hyesan."));
  AddPerson(&docs.back(), "Choi Song-il");
  AddPerson(&docs.back(), "Park Mi-ran");
  AddPlace(&docs.back(), "Hyesan", "KP", "city", 7);
  // Shares Park Mi-ran with d1: the single corpus Choi, linked.
  docs.push_back(MakeDoc("d2", "b.txt", "Choi and Park Mi-ran crossed."));
  AddPerson(&docs.back(), "Choi");
  AddPerson(&docs.back(), "Park Mi-ran");
  // Shares nothing: stays apart.
  docs.push_back(MakeDoc("d3", "c.txt", "Choi sold noodles in Busan."));
  AddPerson(&docs.back(), "Choi");
  AddPlace(&docs.back(), "Busan", "KR", "city", 9);
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  const EntityRecord* choi = ByName(f, "Choi Song-il");
  ASSERT_NE(choi, nullptr);
  EXPECT_EQ(choi->docs, (std::vector<std::string>{"d1", "d2"}));
  const EntityRecord* bare = ByName(f, "Choi");
  ASSERT_NE(bare, nullptr);
  EXPECT_EQ(bare->docs, std::vector<std::string>{"d3"});
  // Places link across documents by gazetteer id.
  EXPECT_EQ(ByName(f, "Park Mi-ran")->docs.size(), 2u);

  Options off;
  off.link_short_forms_by_context = false;
  FactBase g = Resolver(off).Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(ByName(g, "Choi Song-il")->docs, std::vector<std::string>{"d1"});
}

TEST(ResolveTest, BirthDatesDecideShortFormLinks) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Bae Chun-ok was born in 1971."));
  int p = AddPerson(&docs.back(), "Bae Chun-ok");
  AddEvent(&docs.back(), "birth", p, DateInterval::Year(1971, "1971"), "born");
  // Same birth year, nothing else shared: linked.
  docs.push_back(MakeDoc("d2", "b.txt", "Chun-ok was born in 1971."));
  p = AddPerson(&docs.back(), "Chun-ok");
  AddEvent(&docs.back(), "birth", p, DateInterval::Year(1971, "1971"), "born");
  // A shared co-mentioned person, but a birth date that cannot hold: apart.
  docs.push_back(MakeDoc("d3", "c.txt", "Bae Chun-ok met Kim Dal-ho."));
  AddPerson(&docs.back(), "Bae Chun-ok");
  AddPerson(&docs.back(), "Kim Dal-ho");
  docs.push_back(MakeDoc("d4", "d.txt", "Bae, born in 1990, met Kim Dal-ho."));
  p = AddPerson(&docs.back(), "Bae");
  AddPerson(&docs.back(), "Kim Dal-ho");
  AddEvent(&docs.back(), "birth", p, DateInterval::Year(1990, "1990"), "born");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(ByName(f, "Bae Chun-ok")->docs, (std::vector<std::string>{"d1", "d2", "d3"}));
  ASSERT_NE(ByName(f, "Bae"), nullptr);
  EXPECT_EQ(ByName(f, "Bae")->docs, std::vector<std::string>{"d4"});
}

TEST(ResolveTest, DifferentFullNamesNeverMerge) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Kim Jong-il spoke."));
  AddPerson(&docs.back(), "Kim Jong-il");
  docs.push_back(MakeDoc("d2", "b.txt", "Kim Jong-un spoke."));
  AddPerson(&docs.back(), "Kim Jong-un");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(CountPersons(f), 2);
}

TEST(ResolveTest, IncrementalKeepsIdsAndLinksNewDocuments) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Lee Hyeon-seo left Hyesan."));
  AddPerson(&docs.back(), "Lee Hyeon-seo");
  AddPlace(&docs.back(), "Hyesan", "KP", "city", 7);
  docs.push_back(MakeDoc("d2", "b.txt", "Ri Chol-ho stayed."));
  AddPerson(&docs.back(), "Ri Chol-ho");
  std::vector<store::EntityLink> links1;
  FactBase f1 = Resolver().Resolve(Ptrs(docs), {}, {}, &links1);
  std::string lee_id = ByName(f1, "Lee Hyeon-seo")->id;
  std::string ri_id = ByName(f1, "Ri Chol-ho")->id;

  // A new document, sorted before the others, mentions a new person first.
  docs.insert(docs.begin(), MakeDoc("d0", "z.txt", "Pak Se-ri met Lee Hyun-seo."));
  AddPerson(&docs.front(), "Pak Se-ri");
  AddPerson(&docs.front(), "Lee Hyun-seo");
  std::vector<store::EntityLink> links2;
  FactBase f2 = Resolver().Resolve(Ptrs(docs), {}, links1, &links2);
  const EntityRecord* lee = ByName(f2, "Lee Hyeon-seo");
  if (lee == nullptr) lee = ByName(f2, "Lee Hyun-seo");
  ASSERT_NE(lee, nullptr);
  EXPECT_EQ(lee->id, lee_id);
  EXPECT_EQ(lee->docs.size(), 2u);
  EXPECT_EQ(ByName(f2, "Ri Chol-ho")->id, ri_id);
  const EntityRecord* pak = ByName(f2, "Pak Se-ri");
  ASSERT_NE(pak, nullptr);
  EXPECT_NE(pak->id, lee_id);
  EXPECT_NE(pak->id, ri_id);

  // Same input, same output.
  std::vector<store::EntityLink> links3;
  FactBase f3 = Resolver().Resolve(Ptrs(docs), {}, links1, &links3);
  ASSERT_EQ(links2.size(), links3.size());
  for (size_t i = 0; i < links2.size(); ++i) EXPECT_EQ(links2[i].entity_id, links3[i].entity_id);
}

TEST(ResolveTest, MergeAndSplitCorrectionsSurviveReresolution) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Kim Kyong-min wrote poems."));
  AddPerson(&docs.back(), "Kim Kyong-min");
  docs.push_back(MakeDoc("d2", "b.txt", "Jang Jin-sung wrote poems."));
  AddPerson(&docs.back(), "Jang Jin-sung");
  docs.push_back(MakeDoc("d3", "c.txt", "Kim Jong-il wrote nothing. Kim Jong-il again."));
  AddPerson(&docs.back(), "Kim Jong-il");
  docs.push_back(MakeDoc("d4", "d.txt", "Kim Jong-il smiled."));
  AddPerson(&docs.back(), "Kim Jong-il");
  std::vector<store::EntityLink> links;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, &links);
  ASSERT_EQ(CountPersons(f), 3);

  auto merge = MakeMerge(f, ByName(f, "Jang Jin-sung")->id, ByName(f, "Kim Kyong-min")->id);
  ASSERT_TRUE(merge.ok()) << merge.status().ToString();
  auto split = MakeSplit(f, ByName(f, "Kim Jong-il")->id, "d4");
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  EXPECT_FALSE(MakeSplit(f, ByName(f, "Kim Jong-il")->id, "d1").ok());
  EXPECT_FALSE(MakeMerge(f, "nope", "e1").ok());
  std::vector<store::Correction> corr = {*merge, *split};

  std::vector<store::EntityLink> links2;
  FactBase g = Resolver().Resolve(Ptrs(docs), corr, links, &links2);
  EXPECT_EQ(CountPersons(g), 3);  // 3 - 1 merged + 1 split out
  const EntityRecord* jjs = ByName(g, "Jang Jin-sung");
  if (!jjs) jjs = ByName(g, "Kim Kyong-min");
  ASSERT_NE(jjs, nullptr);
  EXPECT_EQ(jjs->docs.size(), 2u);
  EXPECT_TRUE(Has(jjs->aliases, "Kim Kyong-min") || Has(jjs->aliases, "Jang Jin-sung"));
  int kji = 0;
  for (const auto& e : g.entities) {
    if (e.name == "Kim Jong-il") {
      ++kji;
      EXPECT_EQ(e.docs.size(), 1u);
    }
  }
  EXPECT_EQ(kji, 2);

  // A later document and a run with no previous links: corrections still hold.
  docs.push_back(MakeDoc("d5", "e.txt", "Jang Jin-sung spoke."));
  AddPerson(&docs.back(), "Jang Jin-sung");
  FactBase h = Resolver().Resolve(Ptrs(docs), corr, {}, nullptr);
  const EntityRecord* j2 = ByName(h, "Jang Jin-sung");
  ASSERT_NE(j2, nullptr);
  EXPECT_EQ(j2->docs, (std::vector<std::string>{"d1", "d2", "d5"}));
}

DateInterval Years(int a, int b, std::string text) {
  return DateInterval::Range(DayFromCivil(a, 1, 1), DayFromCivil(b, 12, 31), Precision::kYear, std::move(text));
}

TEST(ResolveTest, AgreeingClaimsFuseWithTwoSources) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Han Song-mi was born in 1968 in Hyesan."));
  int p = AddPerson(&docs.back(), "Han Song-mi");
  int h = AddPlace(&docs.back(), "Hyesan", "KP", "city", 7);
  AddEvent(&docs.back(), "birth", p, DateInterval::Year(1968, "1968"), "was born").place = h;
  docs.push_back(MakeDoc("d2", "b.txt", "Han Song-mi, born in the late 1960s in North Korea."));
  p = AddPerson(&docs.back(), "Han Song-mi");
  int kp = AddPlace(&docs.back(), "North Korea", "KP", "country", 1);
  AddEvent(&docs.back(), "birth", p, Years(1965, 1969, "the late 1960s"), "born").place = kp;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.events.size(), 1u);
  const EventRecord& ev = f.events[0];
  EXPECT_EQ(ev.type, "birth");
  ASSERT_EQ(ev.sources.size(), 2u);
  EXPECT_EQ(ev.sources[0].doc, "d1");
  EXPECT_EQ(ev.sources[1].doc, "d2");
  EXPECT_EQ(ev.sources[0].quote, "Han Song-mi was born in 1968 in Hyesan.");
  EXPECT_EQ(FormatInterval(ev.date), "1968-01-01..1968-12-31");
  EXPECT_EQ(ev.place, ByName(f, "Hyesan")->id);  // the more specific place
  EXPECT_TRUE(f.conflicts.empty());
}

TEST(ResolveTest, BirthsFromAgesAYearApartDoNotSplitAPerson) {
  // Two reports of a soldier's age a year and a half apart give births that miss each
  // other by months: a disagreement to report, not another person. The short form shares a
  // co-mentioned person with the full name, so only the birth test could keep them apart.
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Private Mun, 22, met Jang Dong-su."));
  int p = AddPerson(&docs.back(), "Mun");
  AddPerson(&docs.back(), "Jang Dong-su");
  AddEvent(&docs.back(), "birth", p, Years(1996, 1997, "Mun, 22,"), "22");
  docs.push_back(MakeDoc("d2", "b.txt", "Mun Chol-ho, now 25, met Jang Dong-su."));
  p = AddPerson(&docs.back(), "Mun Chol-ho");
  AddPerson(&docs.back(), "Jang Dong-su");
  AddEvent(&docs.back(), "birth", p, Years(1993, 1994, "now 25"), "25");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(ByName(f, "Mun Chol-ho")->docs, (std::vector<std::string>{"d1", "d2"}));
}

TEST(ResolveTest, DisjointBirthDatesConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "000_a.txt", "Cho Myong-ho (born 1957/1958) is a writer."));
  int p = AddPerson(&docs.back(), "Cho Myong-ho");
  AddEvent(&docs.back(), "birth", p, Years(1957, 1958, "born 1957/1958"), "born");
  docs.push_back(MakeDoc("d2", "002_b.txt", "Forty-four-year-old Cho Myong-ho fled."));
  p = AddPerson(&docs.back(), "Cho Myong-ho");
  AddEvent(&docs.back(), "birth", p,
           DateInterval::Range(DayFromCivil(1959, 10, 29), DayFromCivil(1960, 10, 28), Precision::kDay,
                               "Forty-four-year-old"),
           "Forty-four");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(f.events.size(), 2u);
  ASSERT_EQ(f.conflicts.size(), 1u);
  const ConflictRecord& c = f.conflicts[0];
  EXPECT_EQ(c.type, "birth");
  EXPECT_EQ(c.field, "date");
  EXPECT_EQ(c.subject, ByName(f, "Cho Myong-ho")->id);
  ASSERT_EQ(c.claims.size(), 2u);
  EXPECT_EQ(c.claims[0].value, "1957..1958");
  EXPECT_EQ(c.claims[1].value, "1959-10-29..1960-10-28");
  EXPECT_EQ(c.claims[0].sources[0].doc, "d1");
  EXPECT_EQ(c.explanation,
            "Cho Myong-ho: born 1957..1958 (000_a.txt: 'born 1957/1958') vs. born 1959-10-29..1960-10-28 "
            "(002_b.txt: 'Forty-four-year-old').");
}

TEST(ResolveTest, ContainedIntervalIsAgreement) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Cho Myong-ho was born in the 1950s."));
  int p = AddPerson(&docs.back(), "Cho Myong-ho");
  AddEvent(&docs.back(), "birth", p, Years(1950, 1959, "the 1950s"), "born");
  docs.push_back(MakeDoc("d2", "b.txt", "Cho Myong-ho was born in 1957."));
  p = AddPerson(&docs.back(), "Cho Myong-ho");
  AddEvent(&docs.back(), "birth", p, DateInterval::Year(1957, "1957"), "born");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_TRUE(f.conflicts.empty());
  ASSERT_EQ(f.events.size(), 1u);
  EXPECT_EQ(f.events[0].sources.size(), 2u);
  EXPECT_EQ(FormatInterval(f.events[0].date), "1957-01-01..1957-12-31");
}

TEST(ResolveTest, BirthPlacesInDifferentCountriesConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Oh Mi-na was born in Hyesan."));
  int p = AddPerson(&docs.back(), "Oh Mi-na");
  int pl = AddPlace(&docs.back(), "Hyesan", "KP", "city", 7);
  AddEvent(&docs.back(), "birth", p, {}, "born").place = pl;
  docs.push_back(MakeDoc("d2", "b.txt", "Oh Mi-na was born in Yanji."));
  p = AddPerson(&docs.back(), "Oh Mi-na");
  pl = AddPlace(&docs.back(), "Yanji", "CN", "city", 8);
  AddEvent(&docs.back(), "birth", p, {}, "born").place = pl;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].field, "place");
  EXPECT_EQ(f.conflicts[0].claims[0].value, "Hyesan");
  EXPECT_EQ(f.conflicts[0].claims[1].value, "Yanji");
}

TEST(ResolveTest, UsuallyOnceTypesConflictAcrossDocumentsOnly) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "In 2004 Yoon Ha-na was defrauded by a broker."));
  int p = AddPerson(&docs.back(), "Yoon Ha-na");
  AddEvent(&docs.back(), "crime_victim", p, DateInterval::Year(2004, "2004"), "defrauded");
  docs.push_back(MakeDoc("d2", "b.txt", "Last year Yoon Ha-na lost her savings to a swindler."));
  p = AddPerson(&docs.back(), "Yoon Ha-na");
  AddEvent(&docs.back(), "crime_victim", p, DateInterval::Year(2003, "Last year"), "lost");
  // Two thefts in one document: two events, no conflict between them.
  docs.push_back(MakeDoc("d3", "c.txt", "Seo Ji-u was robbed in 1999. Seo Ji-u was robbed again in 2001."));
  p = AddPerson(&docs.back(), "Seo Ji-u");
  AddEvent(&docs.back(), "crime_victim", p, DateInterval::Year(1999, "1999"), "robbed in 1999");
  AddEvent(&docs.back(), "crime_victim", p, DateInterval::Year(2001, "2001"), "again");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].type, "crime_victim");
  EXPECT_EQ(f.conflicts[0].subject, ByName(f, "Yoon Ha-na")->id);
  EXPECT_EQ(f.events.size(), 4u);
}

TEST(ResolveTest, DatelineDatesMakeNoConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Yoon Ha-na defected to South Korea on April 27, 1997."));
  int p = AddPerson(&docs.back(), "Yoon Ha-na");
  AddEvent(&docs.back(), "defection", p, DateInterval::OneDay(1997, 4, 27, "April 27, 1997"), "defected");
  // A post dated 2004-10-28 retelling the escape; the extractor fell back
  // on the post's date.
  docs.push_back(MakeDoc("d2", "b.txt", "Yoon Ha-na decided to defect through the DMZ."));
  docs.back().date = DayFromCivil(2004, 10, 28);
  p = AddPerson(&docs.back(), "Yoon Ha-na");
  AddEvent(&docs.back(), "defection", p, DateInterval::OneDay(2004, 10, 28, "October 28, 2004"), "decided");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(f.events.size(), 2u);
  EXPECT_TRUE(f.conflicts.empty());
  // The same date written in the sentence is a claim like any other.
  docs[1] = MakeDoc("d2", "b.txt", "Yoon Ha-na defected on October 28, 2004.");
  docs[1].date = DayFromCivil(2004, 10, 28);
  p = AddPerson(&docs[1], "Yoon Ha-na");
  AddEvent(&docs[1], "defection", p, DateInterval::OneDay(2004, 10, 28, "October 28, 2004"), "defected");
  FactBase g = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(g.conflicts.size(), 1u);
}

TEST(ResolveTest, RepeatableEventsFuseOnlyOnTheSameObject) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Ko Un-hee worked at a mine. Ko Un-hee published Winter Roads in 2015."));
  int p = AddPerson(&docs.back(), "Ko Un-hee");
  int w = AddThing(&docs.back(), EntityType::kWork, "Winter Roads");
  AddEvent(&docs.back(), "employment", p, {}, "mine").detail = "miner";
  AddEvent(&docs.back(), "publication", p, DateInterval::Year(2015, "2015"), "published").object = w;
  docs.push_back(MakeDoc("d2", "b.txt", "Ko Un-hee was a teacher. Her book Winter Roads came out in 2015."));
  p = AddPerson(&docs.back(), "Ko Un-hee");
  w = AddThing(&docs.back(), EntityType::kWork, "Winter Roads");
  AddEvent(&docs.back(), "employment", p, {}, "teacher").detail = "teacher";
  AddEvent(&docs.back(), "publication", p, DateInterval::Year(2015, "2015"), "came out").object = w;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  int jobs = 0, pubs = 0;
  for (const auto& e : f.events) {
    if (e.type == "employment") ++jobs;
    if (e.type == "publication") {
      ++pubs;
      EXPECT_EQ(e.sources.size(), 2u);
    }
  }
  EXPECT_EQ(jobs, 2);
  EXPECT_EQ(pubs, 1);
  EXPECT_TRUE(f.conflicts.empty());
}

TEST(ResolveTest, RepeatableEventsConflictOnTheSameDestinationOrFacility) {
  std::vector<Document> docs;
  docs.push_back(
      MakeDoc("d1", "a.txt",
              "In 1971 Nam Gi-ok moved to Hamhung. Nam Gi-ok was held in Camp 9 from 1990."));
  int p = AddPerson(&docs.back(), "Nam Gi-ok");
  int city = AddPlace(&docs.back(), "Hamhung", "KP", "city", 11);
  int camp = AddPlace(&docs.back(), "Camp 9", "KP", "facility", 12);
  AddEvent(&docs.back(), "relocation", p, DateInterval::Year(1971, "1971"), "moved").to = city;
  AddEvent(&docs.back(), "detention", p, DateInterval::Year(1990, "1990"), "held").place = camp;
  docs.push_back(
      MakeDoc("d2", "b.txt",
              "Nam Gi-ok moved to Hamhung in 1973. From 1986 Nam Gi-ok was held in Camp 9."));
  p = AddPerson(&docs.back(), "Nam Gi-ok");
  city = AddPlace(&docs.back(), "Hamhung", "KP", "city", 11);
  camp = AddPlace(&docs.back(), "Camp 9", "KP", "facility", 12);
  AddEvent(&docs.back(), "relocation", p, DateInterval::Year(1973, "1973"), "moved").to = city;
  AddEvent(&docs.back(), "detention", p, DateInterval::Year(1986, "1986"), "held").place = camp;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 2u);
  EXPECT_EQ(f.conflicts[0].type, "detention");
  EXPECT_EQ(f.conflicts[1].type, "relocation");
  // A document telling two moves to the same city cannot say which one the
  // other document means.
  docs.push_back(MakeDoc("d3", "c.txt",
                         "Nam Gi-ok moved to Hamhung in 1960. He moved to Hamhung again in 1980."));
  p = AddPerson(&docs.back(), "Nam Gi-ok");
  city = AddPlace(&docs.back(), "Hamhung", "KP", "city", 11);
  AddEvent(&docs.back(), "relocation", p, DateInterval::Year(1960, "1960"), "in 1960").to = city;
  AddEvent(&docs.back(), "relocation", p, DateInterval::Year(1980, "1980"), "again").to = city;
  FactBase g = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  int relocation_conflicts = 0;
  for (const auto& c : g.conflicts) {
    if (c.type != "relocation") continue;
    ++relocation_conflicts;
    for (const auto& cl : c.claims)
      for (const auto& src : cl.sources) EXPECT_NE(src.doc, "d3") << cl.value;
  }
  EXPECT_EQ(relocation_conflicts, 1);
}

TEST(ResolveTest, ConflictQuotesStateTheirValues) {
  std::vector<Document> docs;
  // The date of the second sentence is carried from the first: that sentence
  // joins the quotes. The undated claim fused into the event is no support.
  docs.push_back(MakeDoc(
      "d1", "a.txt",
      "In 2001 Bae Su-ji enlisted. Bae Su-ji then trained as a medic. Bae Su-ji enlisted young."));
  int p = AddPerson(&docs.back(), "Bae Su-ji");
  AddEvent(&docs.back(), "enlistment", p, DateInterval::Year(2001, "2001"), "then trained");
  AddEvent(&docs.back(), "enlistment", p, {}, "enlisted young");
  docs.push_back(MakeDoc("d2", "b.txt", "Bae Su-ji joined the army in 2004."));
  p = AddPerson(&docs.back(), "Bae Su-ji");
  AddEvent(&docs.back(), "enlistment", p, DateInterval::Year(2004, "2004"), "joined");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  const ConflictRecord& c = f.conflicts[0];
  ASSERT_EQ(c.claims.size(), 2u);
  for (const auto& cl : c.claims) {
    bool shows = false;
    for (const auto& src : cl.sources) {
      EXPECT_EQ(src.quote.find("young"), std::string::npos) << src.quote;
      if (src.quote.find(cl.value) != std::string::npos) shows = true;
    }
    EXPECT_TRUE(shows) << cl.value;
  }
}

TEST(ResolveTest, AnotherDateInTheQuoteFittingTheOtherSideIsNoConflict) {
  std::vector<Document> docs;
  docs.push_back(
      MakeDoc("d1", "a.txt", "Moon Ha-rin left the camp in 2001 and reached Seoul in 2005."));
  int p = AddPerson(&docs.back(), "Moon Ha-rin");
  // The extractor gave the arrival the wrong one of the two dates.
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2001, "2001"), "reached");
  Timex t;
  t.span = cairn::testing::Find(docs.back(), "2005");
  t.value = DateInterval::Year(2005, "2005");
  docs.back().timexes.push_back(t);
  Timex t2;
  t2.span = cairn::testing::Find(docs.back(), "2001");
  t2.value = DateInterval::Year(2001, "2001");
  docs.back().timexes.push_back(t2);
  docs.push_back(MakeDoc("d2", "b.txt", "Moon Ha-rin arrived in Seoul in 2005."));
  p = AddPerson(&docs.back(), "Moon Ha-rin");
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2005, "2005"), "arrived");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_TRUE(f.conflicts.empty());
}

TEST(ResolveTest, AnotherEventsDateInTheQuoteDoesNotHideAConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Yang Bo-ra reached South Korea in 2011."));
  int p = AddPerson(&docs.back(), "Yang Bo-ra");
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2011, "2011"), "reached");
  // The 2011 of this quote dates the crossing, an event of its own: the
  // arrival "the following year" is 2012, against 2011 above.
  docs.push_back(
      MakeDoc("d2", "b.txt",
              "Yang Bo-ra, who slipped into China in 2011, came to Seoul the following year."));
  p = AddPerson(&docs.back(), "Yang Bo-ra");
  AddEvent(&docs.back(), "border_crossing", p, DateInterval::Year(2011, "2011"), "slipped");
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2012, "the following year"),
           "came to Seoul");
  for (std::string_view when : {"2011", "the following year"}) {
    Timex t;
    t.span = cairn::testing::Find(docs.back(), when);
    t.kind = when == "2011" ? Timex::Kind::kDate : Timex::Kind::kRelative;
    t.value = when == "2011" ? DateInterval::Year(2011, "2011")
                             : DateInterval::Year(2012, "the following year");
    docs.back().timexes.push_back(t);
  }
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].type, "defection");
  EXPECT_EQ(f.conflicts[0].claims[0].value, "2011");
  EXPECT_EQ(f.conflicts[0].claims[1].value, "2012");
  // Without the crossing, the 2011 may be the arrival's own date misread:
  // no conflict (as in AnotherDateInTheQuoteFittingTheOtherSideIsNoConflict).
  docs.back().events.erase(docs.back().events.begin());
  FactBase g = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_TRUE(g.conflicts.empty());
}

TEST(ResolveTest, UndatedSupportDoesNotHideAConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Last spring Cha Eun-bi arrived in Seoul."));
  int p = AddPerson(&docs.back(), "Cha Eun-bi");
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2016, "Last spring"), "arrived");
  // An undated claim fuses with the first one; the year its quote also
  // writes (a date the extractor did not give it) is no claim of its own.
  docs.push_back(MakeDoc("d2", "b.txt", "Cha Eun-bi (born 1980) fled to South Korea in 2014."));
  p = AddPerson(&docs.back(), "Cha Eun-bi");
  AddEvent(&docs.back(), "defection", p, {}, "fled");
  Timex t;
  t.span = cairn::testing::Find(docs.back(), "2014");
  t.value = DateInterval::Year(2014, "2014");
  docs.back().timexes.push_back(t);
  docs.push_back(MakeDoc("d3", "c.txt", "Cha Eun-bi reached Seoul in 2014."));
  p = AddPerson(&docs.back(), "Cha Eun-bi");
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2014, "2014"), "reached");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  ASSERT_EQ(f.conflicts[0].claims.size(), 2u);
  for (const auto& cl : f.conflicts[0].claims) {
    for (const auto& src : cl.sources) EXPECT_NE(src.doc, "d2") << cl.value;
  }
}

TEST(ResolveTest, DestinationsInDifferentCountriesConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "In 2007 Noh Ji-hye reached South Korea."));
  int p = AddPerson(&docs.back(), "Noh Ji-hye");
  int kr = AddPlace(&docs.back(), "South Korea", "KR", "country", 2);
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2007, "2007"), "reached").to = kr;
  docs.push_back(MakeDoc("d2", "b.txt", "Noh Ji-hye defected to Japan in 2007."));
  p = AddPerson(&docs.back(), "Noh Ji-hye");
  int jp = AddPlace(&docs.back(), "Japan", "JP", "country", 3);
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2007, "2007"), "defected").to = jp;
  // A city inside the first one's country is the same arrival, no conflict.
  docs.push_back(MakeDoc("d3", "c.txt", "Noh Ji-hye arrived in Seoul in 2007."));
  p = AddPerson(&docs.back(), "Noh Ji-hye");
  int seoul = AddPlace(&docs.back(), "Seoul", "KR", "city", 4);
  AddEvent(&docs.back(), "defection", p, DateInterval::Year(2007, "2007"), "arrived").to = seoul;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.events.size(), 2u);
  ASSERT_EQ(f.conflicts.size(), 1u);
  const ConflictRecord& c = f.conflicts[0];
  EXPECT_EQ(c.field, "to");
  ASSERT_EQ(c.claims.size(), 2u);
  EXPECT_EQ(c.claims[0].value, "Seoul");
  EXPECT_EQ(c.claims[1].value, "Japan");
  EXPECT_EQ(c.explanation,
            "Noh Ji-hye: defected to Seoul (c.txt: 'Noh Ji-hye arrived in Seoul in 2007.') vs. "
            "defected to "
            "Japan (b.txt: 'Noh Ji-hye defected to Japan in 2007.').");
  // Each side's quotes name its destination.
  for (const auto& cl : c.claims) {
    ASSERT_FALSE(cl.sources.empty());
    for (const auto& src : cl.sources) {
      EXPECT_TRUE(src.quote.find(cl.value) != std::string::npos ||
                  src.quote.find("South Korea") != std::string::npos)
          << src.quote;
    }
  }
}

TEST(ResolveTest, OneEscapeToldThreeWaysIsOneEventButTwoJobsStayTwo) {
  std::vector<Document> docs;
  docs.push_back(
      MakeDoc("d1", "a.txt", "In March 1998 Son Hyo-jin crossed the Tumen River into China."));
  int p = AddPerson(&docs.back(), "Son Hyo-jin");
  int river = AddPlace(&docs.back(), "Tumen River", "KP", "river", 21);
  int cn = AddPlace(&docs.back(), "China", "CN", "country", 22);
  EventMention& e1 =
      AddEvent(&docs.back(), "border_crossing", p,
               DateInterval::Range(DayFromCivil(1998, 3, 1), DayFromCivil(1998, 3, 31),
                                   Precision::kMonth, "March 1998"),
               "crossed");
  e1.via = river;
  e1.to = cn;
  AddEvent(&docs.back(), "employment", p, DateInterval::Year(1990, "1990"), "crossed").detail =
      "teacher";
  docs.push_back(MakeDoc("d2", "b.txt", "Son Hyo-jin fled to China in 1998 and worked as a cook."));
  p = AddPerson(&docs.back(), "Son Hyo-jin");
  cn = AddPlace(&docs.back(), "China", "CN", "country", 22);
  AddEvent(&docs.back(), "border_crossing", p, DateInterval::Year(1998, "1998"), "fled").to = cn;
  AddEvent(&docs.back(), "employment", p, DateInterval::Year(1998, "1998"), "cook").detail = "cook";
  docs.push_back(
      MakeDoc("d3", "c.txt", "Son Hyo-jin waded across the Tumen River in the spring of 1998."));
  p = AddPerson(&docs.back(), "Son Hyo-jin");
  river = AddPlace(&docs.back(), "Tumen River", "KP", "river", 21);
  AddEvent(&docs.back(), "border_crossing", p,
           DateInterval::Range(DayFromCivil(1998, 3, 1), DayFromCivil(1998, 5, 31),
                               Precision::kSeason, "the spring of 1998"),
           "waded")
      .via = river;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  int crossings = 0, jobs = 0;
  for (const auto& e : f.events) {
    if (e.type == "border_crossing") {
      ++crossings;
      EXPECT_EQ(e.sources.size(), 3u);
      EXPECT_EQ(FormatInterval(e.date), "1998-03-01..1998-03-31");
    }
    if (e.type == "employment") ++jobs;
  }
  EXPECT_EQ(crossings, 1);
  EXPECT_EQ(jobs, 2);
  EXPECT_TRUE(f.conflicts.empty());
}

TEST(ResolveTest, AMarriageIsBothSpousesAndTheirDatesConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "In 1961 Do Hae-won married the painter Yeo Chang-min."));
  int p = AddPerson(&docs.back(), "Do Hae-won");
  int q = AddPerson(&docs.back(), "Yeo Chang-min");
  AddEvent(&docs.back(), "marriage", p, DateInterval::Year(1961, "1961"), "married").object = q;
  docs.push_back(MakeDoc("d2", "b.txt", "Yeo Chang-min married the actress Do Hae-won in 1962."));
  p = AddPerson(&docs.back(), "Yeo Chang-min");
  q = AddPerson(&docs.back(), "Do Hae-won");
  AddEvent(&docs.back(), "marriage", p, DateInterval::Year(1962, "1962"), "married").object = q;
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  const std::string he = ByName(f, "Yeo Chang-min")->id, she = ByName(f, "Do Hae-won")->id;
  int his = 0, hers = 0;
  for (const auto& e : f.events) {
    ASSERT_EQ(e.type, "marriage");
    ASSERT_EQ(e.sources.size(), 1u);
    if (e.subject == he) {
      ++his;
      EXPECT_EQ(e.object, she);
    } else {
      ++hers;
      EXPECT_EQ(e.object, he);
    }
  }
  EXPECT_EQ(his, 2);
  EXPECT_EQ(hers, 2);
  // Each spouse: 1961 (d1) vs. 1962 (d2), the same marriage.
  ASSERT_EQ(f.conflicts.size(), 2u);
  for (const auto& c : f.conflicts) {
    EXPECT_EQ(c.field, "date");
    ASSERT_EQ(c.claims.size(), 2u);
    EXPECT_EQ(c.claims[0].value, "1961");
    EXPECT_EQ(c.claims[1].value, "1962");
  }
}

// Rule lone-occurrence: two documents that each tell one arrest of a person,
// naming nothing that tells them apart, a year apart at most, tell one arrest
// they date differently. Arrests years apart, a document telling two, and
// posts of a career are not compared.
TEST(ResolveTest, LoneOccurrencesAYearApartConflict) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Police arrested Seo Mi-ran in March 2004."));
  int p = AddPerson(&docs.back(), "Seo Mi-ran");
  AddEvent(&docs.back(), "arrest", p, DateInterval::Month(2004, 3, "March 2004"), "arrested");
  docs.push_back(MakeDoc("d2", "b.txt", "Seo Mi-ran was arrested in 2003. She taught in 2003."));
  p = AddPerson(&docs.back(), "Seo Mi-ran");
  AddEvent(&docs.back(), "arrest", p, DateInterval::Year(2003, "2003"), "arrested");
  AddEvent(&docs.back(), "employment", p, DateInterval::Year(2003, "2003"), "taught");
  docs.push_back(MakeDoc("d3", "c.txt", "Seo Mi-ran taught in 2004."));
  p = AddPerson(&docs.back(), "Seo Mi-ran");
  AddEvent(&docs.back(), "employment", p, DateInterval::Year(2004, "2004"), "taught");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].type, "arrest");
  EXPECT_EQ(f.conflicts[0].field, "date");
  ASSERT_EQ(f.conflicts[0].claims.size(), 2u);
  EXPECT_EQ(f.conflicts[0].claims[0].value, "2004-03");
  EXPECT_EQ(f.conflicts[0].claims[1].value, "2003");

  // Three years apart: two arrests, no conflict.
  docs[1] = MakeDoc("d2", "b.txt", "Seo Mi-ran was arrested in 2001.");
  p = AddPerson(&docs[1], "Seo Mi-ran");
  AddEvent(&docs[1], "arrest", p, DateInterval::Year(2001, "2001"), "arrested");
  EXPECT_TRUE(Resolver().Resolve(Ptrs(docs), {}, {}, nullptr).conflicts.empty());

  // A document that tells two arrests cannot say which one the other means.
  docs[1] =
      MakeDoc("d2", "b.txt", "Seo Mi-ran was arrested in 2003. She was arrested again in 1998.");
  p = AddPerson(&docs[1], "Seo Mi-ran");
  AddEvent(&docs[1], "arrest", p, DateInterval::Year(2003, "2003"), "arrested in");
  AddEvent(&docs[1], "arrest", p, DateInterval::Year(1998, "1998"), "again");
  EXPECT_TRUE(Resolver().Resolve(Ptrs(docs), {}, {}, nullptr).conflicts.empty());
}

// Rule nearest-occurrence: a text that tells a marriage and a remarriage to the same
// spouse is still compared with one telling a single wedding: a year off the nearest is
// that wedding misdated; a date that fits one of them, or lies far from both, is not.
TEST(ResolveTest, AMarriageAndARemarriageStillMeetAMisdatedWedding) {
  auto told = [](int year) {
    Document d =
        MakeDoc("d2", "b.txt", "Lim Soo-bin married Cha Il-gu in " + std::to_string(year) + ".");
    int p = AddPerson(&d, "Lim Soo-bin");
    int q = AddPerson(&d, "Cha Il-gu");
    AddEvent(&d, "marriage", p, DateInterval::Year(year, std::to_string(year)), "married").object =
        q;
    return d;
  };
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt",
                         "Lim Soo-bin married Cha Il-gu in 1970. They divorced and remarried in "
                         "1990."));
  int p = AddPerson(&docs.back(), "Lim Soo-bin");
  int q = AddPerson(&docs.back(), "Cha Il-gu");
  AddEvent(&docs.back(), "marriage", p, DateInterval::Year(1970, "1970"), "married").object = q;
  AddEvent(&docs.back(), "marriage", p, DateInterval::Year(1990, "1990"), "remarried").object = q;
  docs.push_back(told(1971));
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  // One conflict per spouse: 1970 (d1) vs. 1971 (d2); the 1990 remarriage is no side.
  ASSERT_EQ(f.conflicts.size(), 2u);
  for (const auto& c : f.conflicts) {
    EXPECT_EQ(c.type, "marriage");
    ASSERT_EQ(c.claims.size(), 2u);
    EXPECT_EQ(c.claims[0].value, "1970");
    EXPECT_EQ(c.claims[1].value, "1971");
  }
  docs[1] = told(1990);
  EXPECT_TRUE(Resolver().Resolve(Ptrs(docs), {}, {}, nullptr).conflicts.empty());
  docs[1] = told(1980);
  EXPECT_TRUE(Resolver().Resolve(Ptrs(docs), {}, {}, nullptr).conflicts.empty());
}

// Rule again-occurrence: "crossed the river again" tells a later crossing than the one
// another text dates: no conflict; the same crossing told without "again" conflicts.
TEST(ResolveTest, ACrossingToldAsARepetitionIsNoOtherReadingOfTheFirst) {
  auto crossing = [](std::string id, std::string text, int year) {
    Document d = MakeDoc(std::move(id), "doc" + std::to_string(year) + ".txt", text);
    int p = AddPerson(&d, "Tak Eun-bi");
    int cn = AddPlace(&d, "China", "CN", "country", 3);
    EventMention& m = AddEvent(&d, "border_crossing", p,
                               DateInterval::Year(year, std::to_string(year)), "crossed");
    m.to = cn;
    m.trigger = "crossed";
    return d;
  };
  std::vector<Document> docs;
  docs.push_back(crossing("d1", "Tak Eun-bi crossed into China in 2005.", 2005));
  docs.push_back(crossing("d2", "In 2008 Tak Eun-bi crossed the river into China again.", 2008));
  EXPECT_TRUE(Resolver().Resolve(Ptrs(docs), {}, {}, nullptr).conflicts.empty());
  docs[1] = crossing("d2", "In 2008 Tak Eun-bi crossed the river into China.", 2008);
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].type, "border_crossing");
}

// Rule span-length: a stay dated from its end and its length ("four years in
// all, until 1999") and the same stay with another length disagree though
// their intervals overlap; lengths that nearly agree do not.
TEST(ResolveTest, StayLengthsThatDisagreeConflict) {
  auto stay = [](std::string id, std::string text, std::string length, int from_year) {
    Document d = MakeDoc(std::move(id), "doc-" + std::to_string(from_year) + length + ".txt", text);
    int p = AddPerson(&d, "Won Tae-ho");
    AddEvent(&d, "detention", p,
             DateInterval::Range(DayFromCivil(from_year, 6, 1), DayFromCivil(1999, 5, 31),
                                 Precision::kMonth, "1999"),
             "held");
    Timex t;
    t.kind = Timex::Kind::kDuration;
    t.span = cairn::testing::Find(d, length);
    t.duration_days = DayFromCivil(1999, 6, 1) - DayFromCivil(from_year, 6, 1);
    d.timexes.push_back(t);
    return d;
  };
  std::vector<Document> docs;
  docs.push_back(
      stay("d1", "Won Tae-ho was held until 1999, four years in all.", "four years", 1995));
  docs.push_back(stay("d2", "Won Tae-ho was held for two years, until 1999.", "two years", 1997));
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].type, "detention");
  EXPECT_EQ(f.conflicts[0].field, "date");
  EXPECT_EQ(f.conflicts[0].claims.size(), 2u);

  // At one camp too: lengths that disagree keep the two claims apart.
  for (Document& d : docs) {
    d.events[0].place = cairn::testing::AddPlace(&d, "Camp 9", "KP", "facility", 12);
  }
  FactBase g = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  ASSERT_EQ(g.conflicts.size(), 1u);
  EXPECT_EQ(g.conflicts[0].claims.size(), 2u);

  docs[1] = stay("d2", "Won Tae-ho was held for nearly four years, until 1999.",
                 "nearly four years", 1995);
  docs[1].timexes[0].duration_days -= 60;
  docs[1].events[0].date.earliest = *docs[1].events[0].date.earliest + 60;
  EXPECT_TRUE(Resolver().Resolve(Ptrs(docs), {}, {}, nullptr).conflicts.empty());
}

TEST(ResolveTest, TwoFullNamesOfOneLocalPersonLinkBothNames) {
  std::vector<Document> docs;
  docs.push_back(
      MakeDoc("d1", "a.txt", "Kim Ha-neul, the pen name of Park Mi-rae, wrote three novels."));
  AddPerson(&docs.back(), "Kim Ha-neul", {"Park Mi-rae"});
  docs.push_back(MakeDoc("d2", "b.txt", "Park Mi-rae spoke at the library."));
  AddPerson(&docs.back(), "Park Mi-rae");
  docs.push_back(MakeDoc("d3", "c.txt", "A new novel by Kim Ha-neul is out."));
  AddPerson(&docs.back(), "Kim Ha-neul");
  docs.push_back(MakeDoc("d4", "d.txt", "Park Mi-jin runs a bakery."));
  AddPerson(&docs.back(), "Park Mi-jin");
  FactBase f = Resolver().Resolve(Ptrs(docs), {}, {}, nullptr);
  EXPECT_EQ(CountPersons(f), 2);
  const EntityRecord* p = ByName(f, "Kim Ha-neul");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->docs, (std::vector<std::string>{"d1", "d2", "d3"}));
  EXPECT_TRUE(Has(p->aliases, "Park Mi-rae"));
}

TEST(ResolveTest, EventIdsAreStable) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Min Ji-hye was born in 1990."));
  int p = AddPerson(&docs.back(), "Min Ji-hye");
  AddEvent(&docs.back(), "birth", p, DateInterval::Year(1990, "1990"), "born");
  std::vector<store::EntityLink> links;
  FactBase a = Resolver().Resolve(Ptrs(docs), {}, {}, &links);
  FactBase b = Resolver().Resolve(Ptrs(docs), {}, links, nullptr);
  ASSERT_EQ(a.events.size(), 1u);
  EXPECT_EQ(a.events[0].id, b.events[0].id);
  EXPECT_EQ(a.events[0].id.substr(0, 2), "ev");
}

// A store in memory, enough for UpdateStore.
class FakeStore : public store::Store {
 public:
  std::vector<Document> docs;
  std::vector<store::Correction> corrections;
  std::vector<store::EntityLink> links;
  FactBase facts;
  Result<store::PutOutcome> Probe(std::string_view, std::string_view, std::string*) override {
    return Status::Unsupported("fake");
  }
  Result<store::PutOutcome> Put(Document*) override { return Status::Unsupported("fake"); }
  Result<std::vector<store::DocumentInfo>> ListDocuments() override {
    std::vector<store::DocumentInfo> out;
    for (const auto& d : docs) {
      store::DocumentInfo i;
      i.id = d.id;
      i.name = d.name;
      i.has_extraction = !d.entities.empty() || !d.events.empty();
      out.push_back(i);
    }
    return out;
  }
  Result<store::DocumentInfo> FindDocument(std::string_view) override { return Status::NotFound("fake"); }
  Result<Document> LoadDocument(std::string_view id, bool) override {
    for (const auto& d : docs) {
      if (d.id == id) return d;
    }
    return Status::NotFound(std::string(id));
  }
  Result<std::vector<store::SearchHit>> Search(std::string_view, int) override {
    return Status::Unsupported("fake");
  }
  Status ReplaceFacts(const FactBase& f, const std::vector<store::EntityLink>& l) override {
    facts = f;
    links = l;
    return Status::OK();
  }
  Result<FactBase> LoadFacts() override { return facts; }
  Result<std::vector<store::EntityLink>> LoadLinks() override { return links; }
  Status AddCorrection(const store::Correction& c) override {
    corrections.push_back(c);
    return Status::OK();
  }
  Result<std::vector<store::Correction>> LoadCorrections() override { return corrections; }
  Status BeginBatch() override { return Status::OK(); }
  Status CommitBatch() override { return Status::OK(); }
};

TEST(ResolveTest, UpdateStoreResolvesAndKeepsIds) {
  FakeStore st;
  st.docs.push_back(MakeDoc("d1", "a.txt", "Kim Jong-il waved."));
  AddPerson(&st.docs.back(), "Kim Jong-il");
  ASSERT_TRUE(UpdateStore(&st).ok());
  ASSERT_EQ(st.facts.entities.size(), 1u);
  std::string id = st.facts.entities[0].id;
  st.docs.push_back(MakeDoc("d2", "b.txt", "Ri Sol-ju met Kim Jong Il."));
  AddPerson(&st.docs.back(), "Ri Sol-ju");
  AddPerson(&st.docs.back(), "Kim Jong Il");
  ASSERT_TRUE(UpdateStore(&st).ok());
  ASSERT_EQ(st.facts.entities.size(), 2u);
  const EntityRecord* k = ByName(st.facts, "Kim Jong-il");
  if (!k) k = ByName(st.facts, "Kim Jong Il");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->id, id);
  EXPECT_EQ(k->docs.size(), 2u);
  EXPECT_EQ(st.links.size(), 3u);
  EXPECT_FALSE(UpdateStore(nullptr).ok());
}

}  // namespace
}  // namespace cairn::resolve
