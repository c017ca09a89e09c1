// Jobs across documents: a post named alike is one appointment, whose dates may
// conflict; posts named differently, or held in different countries, are separate.
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
using cairn::testing::Pointers;

// One document telling one job of Pak Chol-u: its post, year and country.
Document Job(const std::string& id, const std::string& text, const std::string& post, int year,
             const std::string& country = "") {
  Document d = MakeDoc(id, id + ".txt", text);
  int p = AddPerson(&d, "Pak Chol-u");
  EventMention& e =
      AddEvent(&d, "employment", p, DateInterval::Year(year, std::to_string(year)), "Pak");
  e.detail = post;
  if (!country.empty())
    e.place = AddPlace(&d, country == "KR" ? "South Korea" : "Peru", country, "country");
  return d;
}

TEST(Posts, OnePostDatedDifferentlyByTwoDocumentsConflicts) {
  std::vector<Document> docs;
  docs.push_back(Job("d1", "Pak Chol-u was promoted to colonel in 2001.", "colonel", 2001));
  docs.push_back(Job("d2", "Pak Chol-u was made a colonel in 2003.", "colonel", 2003));
  FactBase f = Resolver().Resolve(Pointers(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].type, "employment");
  EXPECT_EQ(f.conflicts[0].field, "date");
}

TEST(Posts, AnActingPostIsThePost) {
  std::vector<Document> docs;
  docs.push_back(Job("d1", "Pak Chol-u became acting head of the mission in 2001.", "acting head",
                     2001, "PE"));
  docs.push_back(Job("d2", "Pak Chol-u has led the mission since 2002.", "head", 2002, "PE"));
  FactBase f = Resolver().Resolve(Pointers(docs), {}, {}, nullptr);
  ASSERT_EQ(f.conflicts.size(), 1u);
  EXPECT_EQ(f.conflicts[0].field, "date");
}

TEST(Posts, DifferentPostsOrCountriesAreDifferentJobs) {
  std::vector<Document> docs;
  // Named differently: neither a conflict nor one event.
  docs.push_back(
      Job("d1", "Pak Chol-u became first secretary in 2001.", "first secretary", 2001, "PE"));
  docs.push_back(Job("d2", "Pak Chol-u has led the mission since 2001.", "head", 2001, "PE"));
  // The same post in two countries: two postings.
  docs.push_back(Job("d3", "Pak Chol-u was a teacher in 1990.", "teacher", 1990, "PE"));
  docs.push_back(Job("d4", "Pak Chol-u was a teacher in 2010.", "teacher", 2010, "KR"));
  FactBase f = Resolver().Resolve(Pointers(docs), {}, {}, nullptr);
  EXPECT_TRUE(f.conflicts.empty());
  EXPECT_EQ(f.events.size(), 4u);
}

}  // namespace
}  // namespace cairn::resolve
