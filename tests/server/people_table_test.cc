// PeopleTable's pages are views::People's, byte for byte, for every sort key,
// direction, filter and page, on facts full of ties (the same name, counts
// and documents), where only a stable sort keeps the view's order.
#include "server/people_table.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "views/views.h"

namespace cairn {
namespace {

FactBase TiedFacts() {
  static const char* kSurnames[] = {"Kim", "Pak", "Ri", "Choe"};
  static const char* kGiven[] = {"Chol-su", "Mi-rae", "Ok"};
  FactBase f;
  uint64_t x = 12345;
  auto next = [&](uint64_t n) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return (x >> 33) % n;
  };
  for (int i = 0; i < 240; ++i) {
    EntityRecord e;
    e.id = "e" + std::to_string(i + 1);
    e.type = i % 9 == 0 ? EntityType::kPlace : EntityType::kPerson;
    e.name = std::string(kSurnames[next(4)]) + " " + kGiven[next(3)];
    if (next(3) == 0) e.aliases.push_back("Mr. " + e.name.substr(0, e.name.find(' ')));
    if (next(4) == 0) e.aliases.push_back("\xea\xb9\x80 ALIAS");  // Hangul, upper case
    for (uint64_t d = next(3); d-- > 0;) e.docs.push_back("d" + std::to_string(d + 1));
    e.protected_identity = next(5) == 0;
    f.entities.push_back(e);
  }
  for (int i = 0; i < 400; ++i) {
    EventRecord ev;
    ev.id = "v" + std::to_string(i + 1);
    ev.type = "birth";
    ev.subject = "e" + std::to_string(next(60) + 1);  // some persons without events
    f.events.push_back(ev);
  }
  for (int i = 0; i < 30; ++i) {
    ConflictRecord c;
    c.id = "k" + std::to_string(i + 1);
    c.subject = "e" + std::to_string(next(240) + 1);
    f.conflicts.push_back(c);
  }
  return f;
}

TEST(PeopleTableTest, PagesAreTheViewsPagesByteForByte) {
  const FactBase f = TiedFacts();
  const server::PeopleTable table(f);
  size_t pages = 0;
  for (const char* sort : {"events", "docs", "conflicts", "name", ""}) {
    for (bool reverse : {false, true}) {
      for (const char* filter : {"", "kim", "KIM", "mr. p", "-", "\xea\xb9\x80 alias", "zzz"}) {
        for (size_t offset : {0, 1, 7, 150, 1000}) {
          for (size_t limit : {0, 1, 5, 100}) {
            views::PeopleQuery q;
            q.sort = sort, q.reverse = reverse, q.filter = filter;
            q.offset = offset, q.limit = limit;
            size_t want_total = 99, got_total = 77;
            auto want = views::People(f, true, q, &want_total);
            auto got = table.Page(q, &got_total);
            ASSERT_TRUE(want.ok() && got.ok());
            ASSERT_EQ(*got, *want) << sort << reverse << filter << offset << limit;
            ASSERT_EQ(got_total, want_total);
            ++pages;
          }
        }
      }
    }
  }
  EXPECT_EQ(pages, 5u * 2 * 7 * 5 * 4);
  // Ties are there to be kept in order: names repeat.
  std::set<std::string> names;
  for (const EntityRecord& e : f.entities) names.insert(e.name);
  EXPECT_LT(names.size() * 10, f.entities.size());
}

TEST(PeopleTableTest, AnUnknownSortKeyIsTheViewsError) {
  const FactBase f = TiedFacts();
  views::PeopleQuery q;
  q.sort = "height";
  auto got = server::PeopleTable(f).Page(q);
  auto want = views::People(f, true, q);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(got.status().message(), want.status().message());
}

TEST(PeopleTableTest, NoPersonsIsAnEmptyList) {
  EXPECT_EQ(*server::PeopleTable(FactBase{}).Page({}), *views::People(FactBase{}, true));
}

}  // namespace
}  // namespace cairn
