// Resolution accuracy against the synthetic generator's own truth.
#include <gtest/gtest.h>

#include <iostream>

#include <string>
#include <vector>

#include "../../bench/gen/generator.h"
#include "resolve/resolve.h"

namespace cairn::resolve {
namespace {

TEST(GeneratorTest, ResolutionMeetsPairwiseThresholds) {
  bench::GenOptions o;
  o.documents = 300;
  o.seed = 7;
  bench::Corpus c = bench::Generate(o);
  ASSERT_EQ(c.docs.size(), 300u);
  std::vector<const Document*> ptrs;
  for (const auto& d : c.docs) ptrs.push_back(&d);
  std::vector<store::EntityLink> links;
  FactBase f = Resolver().Resolve(ptrs, {}, {}, &links);
  bench::PairScore s = bench::ScorePairs(c, links);
  EXPECT_GT(s.true_pairs, 100u);
  EXPECT_GE(s.precision, 0.98) << "predicted " << s.predicted_pairs << " correct " << s.correct_pairs;
  EXPECT_GE(s.recall, 0.90) << "true " << s.true_pairs << " correct " << s.correct_pairs;
  // Every planted contradiction of a person seen in two documents or more is
  // a birth conflict; none other is invented.
  size_t birth_conflicts = 0;
  for (const auto& cf : f.conflicts) {
    EXPECT_EQ(cf.type, "birth");
    if (cf.type == "birth") ++birth_conflicts;
  }
  EXPECT_LE(birth_conflicts, c.planted_conflicts);
  std::cout << "pairs P " << s.precision << " R " << s.recall << " planted " << c.planted_conflicts
            << " found " << birth_conflicts << " persons " << c.persons << " entities " << f.entities.size()
            << "\n";

  // Deterministic.
  std::vector<store::EntityLink> again;
  Resolver().Resolve(ptrs, {}, {}, &again);
  ASSERT_EQ(again.size(), links.size());
  for (size_t i = 0; i < links.size(); ++i) EXPECT_EQ(again[i].entity_id, links[i].entity_id);
}

}  // namespace
}  // namespace cairn::resolve
