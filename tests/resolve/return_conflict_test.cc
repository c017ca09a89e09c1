// Conflicts between returns told by different documents: a return goes back to a country,
// whether a text names the country or a city in it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "resolve/resolve.h"
#include "test_docs.h"

namespace cairn::resolve {
namespace {

using cairn::testing::AddEvent;
using cairn::testing::AddPerson;
using cairn::testing::AddPlace;
using cairn::testing::MakeDoc;

FactBase ResolveAll(const std::vector<Document>& docs) {
  return Resolver().Resolve(cairn::testing::Pointers(docs), {}, {}, nullptr);
}

int Count(const FactBase& f, const std::string& type) {
  int n = 0;
  for (const auto& c : f.conflicts) n += c.type == type;
  return n;
}

TEST(ReturnConflict, ACountryAndACityInItAreOneGoingHome) {
  std::vector<Document> docs;
  docs.push_back(MakeDoc("d1", "a.txt", "Yun Pil-ho settled back in South Korea in 1993."));
  int p = AddPerson(&docs.back(), "Yun Pil-ho");
  int kr = AddPlace(&docs.back(), "South Korea", "KR", "country", 21);
  AddEvent(&docs.back(), "return", p, DateInterval::Year(1993, "1993"), "settled").to = kr;
  docs.push_back(MakeDoc("d2", "b.txt", "Yun Pil-ho moved back to Seoul in 1995."));
  p = AddPerson(&docs.back(), "Yun Pil-ho");
  int seoul = AddPlace(&docs.back(), "Seoul", "KR", "city", 22);
  AddEvent(&docs.back(), "return", p, DateInterval::Year(1995, "1995"), "moved").to = seoul;
  FactBase f = ResolveAll(docs);
  ASSERT_EQ(Count(f, "return"), 1);
  // A return to another country is another going home.
  docs.pop_back();
  docs.push_back(MakeDoc("d2", "b.txt", "Yun Pil-ho moved back to Osaka in 1995."));
  p = AddPerson(&docs.back(), "Yun Pil-ho");
  int osaka = AddPlace(&docs.back(), "Osaka", "JP", "city", 23);
  AddEvent(&docs.back(), "return", p, DateInterval::Year(1995, "1995"), "moved").to = osaka;
  EXPECT_EQ(Count(ResolveAll(docs), "return"), 0);
}

}  // namespace
}  // namespace cairn::resolve
