// The entity pass: local entities -> corpus entities (see resolve.h).
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "resolve/internal.h"
#include "resolve/resolve.h"
#include "resolve/romanize.h"

namespace cairn::resolve {
namespace {

using internal::NaturalLess;

constexpr uint32_t kNoGroup = UINT32_MAX;
// A place shared by two documents is evidence about a person only when few
// documents mention it.
constexpr size_t kRarePlaceDocs = 5;

bool HasHangul(std::string_view s) {
  // Hangul syllables are U+AC00..U+D7A3: lead bytes 0xEA..0xED.
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xEA && c <= 0xED) return true;
  }
  return false;
}

bool IsPronoun(std::string_view s) {
  static const std::unordered_set<std::string> kPronouns = {
      "he", "she", "him", "her", "his", "hers", "they", "them", "their", "i", "me", "my",
      "we", "us", "our", "you", "your", "it", "its", "himself", "herself", "themselves"};
  std::string f = NormalizeLabel(s);
  return kPronouns.count(f) > 0;
}

bool SpecificPlace(const LocalEntity& e) {
  return e.type == EntityType::kPlace && e.place_kind != "country" && e.place_kind != "province";
}

// One local entity as the resolver sees it.
struct Local {
  uint32_t doc = 0;    // index into the sorted documents
  uint32_t local = 0;  // index into that document's entities
  uint32_t group = kNoGroup;
  bool full = false;   // persons: keyed by a full name
  std::string key;     // the group key it was first placed under
};

struct Group {
  std::string key;
  EntityType type = EntityType::kPerson;
  std::vector<uint32_t> members;  // indices into locals
};

// Name hints from the extractor: the surname/given split of each surface
// form of local entity `e`.
void HintsFor(const Document& d, uint32_t e, std::string_view surface, std::string* sur,
              std::string* giv) {
  for (uint32_t mi : d.entities[e].mentions) {
    if (mi >= d.mentions.size()) continue;
    const Mention& m = d.mentions[mi];
    if (m.surname.empty() && m.given.empty()) continue;
    if (d.Slice(m.span) != surface) continue;
    *sur = m.surname;
    *giv = m.given;
    return;
  }
}

NameKey KeyOf(const Document& d, uint32_t e, std::string_view surface) {
  std::string sur, giv;
  HintsFor(d, e, surface, &sur, &giv);
  return KeyName(surface, sur, giv);
}

// The person key of a local entity: its fullest name's key. Sets *full.
NameKey PersonKey(const Document& d, uint32_t e, bool* full) {
  const LocalEntity& le = d.entities[e];
  NameKey first;
  NameKey k = KeyOf(d, e, le.name);
  if (k.full()) {
    *full = true;
    return k;
  }
  first = k;
  for (const std::string& a : le.aliases) {
    if (IsPronoun(a)) continue;
    NameKey ka = KeyOf(d, e, a);
    if (ka.full()) {
      *full = true;
      return ka;
    }
    if (first.empty()) first = ka;
  }
  *full = false;
  return first;
}

std::string LabelKey(const LocalEntity& e) {
  switch (e.type) {
    case EntityType::kPlace:
      if (e.gazetteer >= 0) return "L|g" + std::to_string(e.gazetteer);
      return "L|" + NormalizeLabel(e.name);
    case EntityType::kOrganization:
      return "O|" + NormalizeLabel(e.name);
    case EntityType::kWork:
      return "W|" + NormalizeLabel(e.name);
    case EntityType::kPerson:
      break;
  }
  return {};
}

uint64_t NumericSuffix(std::string_view id, bool* ok) {
  size_t i = id.size();
  while (i > 0 && id[i - 1] >= '0' && id[i - 1] <= '9') --i;
  *ok = i < id.size() && id.size() - i <= 18;
  uint64_t n = 0;
  if (*ok) {
    for (size_t k = i; k < id.size(); ++k) n = n * 10 + static_cast<uint64_t>(id[k] - '0');
  }
  return n;
}

class EntityPass {
 public:
  EntityPass(const Options& options, const std::vector<const Document*>& docs)
      : options_(options), docs_(docs) {}

  void CollectLocals();
  void LinkOtherNames();
  void LinkShortForms();
  void ApplyCorrections(const std::vector<store::Correction>& corrections,
                        const std::vector<store::EntityLink>& previous);
  void Finish(const std::vector<store::EntityLink>& previous, FactBase* facts,
              std::vector<store::EntityLink>* links, internal::Resolved* resolved);

 private:
  uint32_t GroupFor(const std::string& key, EntityType type) {
    auto [it, inserted] = key_to_group_.emplace(key, static_cast<uint32_t>(groups_.size()));
    if (inserted) {
      Group g;
      g.key = key;
      g.type = type;
      groups_.push_back(std::move(g));
      parent_.push_back(it->second);
    }
    return Find(it->second);
  }
  uint32_t Find(uint32_t g) {
    while (parent_[g] != g) {
      parent_[g] = parent_[parent_[g]];
      g = parent_[g];
    }
    return g;
  }
  void Move(uint32_t local, uint32_t to) {
    locals_[local].group = to;
    groups_[to].members.push_back(local);
  }
  // Context of a document: full-named persons' and specific places' groups.
  const std::vector<uint32_t>& DocContext(uint32_t doc);
  bool ContextAgrees(uint32_t local, uint32_t group);
  uint32_t LookupCorrectionGroup(const std::string& key, const std::string& id,
                                 const std::unordered_map<std::string, uint32_t>& local_by_id);

  // Documents mentioning a group (counted once per document).
  size_t DocFrequency(uint32_t group) const {
    size_t n = 0;
    uint32_t last = UINT32_MAX;
    for (uint32_t m : groups_[group].members) {
      if (locals_[m].doc != last) ++n;
      last = locals_[m].doc;
    }
    return n;
  }

  const Options& options_;
  const std::vector<const Document*>& docs_;
  std::vector<Local> locals_;
  std::vector<std::vector<uint32_t>> local_index_;  // [doc][entity] -> locals_ index or kNoGroup
  std::vector<NameKey> short_keys_;                 // parallel to short_locals_
  std::vector<uint32_t> short_locals_;
  std::vector<Group> groups_;
  std::vector<uint32_t> parent_;
  std::unordered_map<std::string, uint32_t> key_to_group_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> doc_context_;
};

void EntityPass::CollectLocals() {
  local_index_.resize(docs_.size());
  for (uint32_t di = 0; di < docs_.size(); ++di) {
    const Document& d = *docs_[di];
    local_index_[di].assign(d.entities.size(), kNoGroup);
    for (uint32_t e = 0; e < d.entities.size(); ++e) {
      const LocalEntity& le = d.entities[e];
      Local l;
      l.doc = di;
      l.local = e;
      if (le.type == EntityType::kPerson) {
        bool full = false;
        NameKey k = PersonKey(d, e, &full);
        if (k.empty()) continue;
        l.full = full;
        l.key = full ? "P|" + k.str() : "P@" + d.id + "|" + k.str();
        if (!full) {
          short_locals_.push_back(static_cast<uint32_t>(locals_.size()));
          short_keys_.push_back(std::move(k));
        }
      } else {
        l.key = LabelKey(le);
        if (l.key.size() <= 2) continue;
      }
      uint32_t idx = static_cast<uint32_t>(locals_.size());
      local_index_[di][e] = idx;
      locals_.push_back(std::move(l));
      uint32_t g = GroupFor(locals_.back().key, le.type);
      Move(idx, g);
    }
  }
}

// A document that gives one person two full names ("Kim Ha-neul, the pen
// name of Park Mi-rae", "Ri Chol (real name Ri Tae-ho)") clusters them in
// one local entity: every document that knows the person by either name
// joins the same person.
void EntityPass::LinkOtherNames() {
  for (uint32_t li = 0; li < locals_.size(); ++li) {
    const Local& l = locals_[li];
    if (!l.full) continue;
    const Document& d = *docs_[l.doc];
    const LocalEntity& le = d.entities[l.local];
    if (le.type != EntityType::kPerson) continue;
    for (const std::string& a : le.aliases) {
      if (IsPronoun(a) || HasHangul(a)) continue;
      NameKey k = KeyOf(d, l.local, a);
      if (!k.full()) continue;
      auto it = key_to_group_.find("P|" + k.str());
      if (it == key_to_group_.end()) continue;
      uint32_t mine = Find(locals_[li].group), other = Find(it->second);
      if (mine == other) continue;
      std::vector<uint32_t> members = std::move(groups_[other].members);
      groups_[other].members.clear();
      for (uint32_t m : members) Move(m, mine);
      parent_[other] = mine;
    }
  }
}

const std::vector<uint32_t>& EntityPass::DocContext(uint32_t doc) {
  auto it = doc_context_.find(doc);
  if (it != doc_context_.end()) return it->second;
  std::vector<uint32_t> ctx;
  const Document& d = *docs_[doc];
  for (uint32_t e = 0; e < d.entities.size(); ++e) {
    uint32_t li = local_index_[doc][e];
    if (li == kNoGroup) continue;
    const Local& l = locals_[li];
    const LocalEntity& le = d.entities[e];
    // Places count only when specific and rare: a city half the corpus
    // mentions says nothing about who someone is.
    bool rare_place = SpecificPlace(le) && DocFrequency(l.group) <= kRarePlaceDocs;
    if ((le.type == EntityType::kPerson && l.full) || rare_place) ctx.push_back(l.group);
  }
  std::sort(ctx.begin(), ctx.end());
  ctx.erase(std::unique(ctx.begin(), ctx.end()), ctx.end());
  return doc_context_.emplace(doc, std::move(ctx)).first->second;
}

// The birth intervals a document states for its local entity `e`.
std::vector<DateInterval> BirthsOf(const Document& d, uint32_t e) {
  std::vector<DateInterval> out;
  for (const EventMention& m : d.events) {
    if (m.type == "birth" && m.subject == static_cast<int32_t>(e) && m.date.known()) out.push_back(m.date);
  }
  return out;
}

bool EntityPass::ContextAgrees(uint32_t local, uint32_t group) {
  const Local& l = locals_[local];
  const std::vector<uint32_t>& mine = DocContext(l.doc);
  std::vector<DateInterval> my_births = BirthsOf(*docs_[l.doc], l.local);
  bool shared = false, birth_agrees = false;
  std::unordered_set<uint32_t> seen_docs;
  for (uint32_t m : groups_[group].members) {
    uint32_t doc = locals_[m].doc;
    // Birth dates more than two years apart veto the link (sources that
    // give ages disagree by a year or so: that is a conflict to report, not
    // another person); close ones (both known to within two years) count as
    // agreement. Without a birth of our own there is nothing to compare, so
    // the member's events go unscanned.
    const std::vector<DateInterval> their_births =
        my_births.empty() ? std::vector<DateInterval>() : BirthsOf(*docs_[doc], locals_[m].local);
    for (const DateInterval& b : their_births) {
      for (const DateInterval& a : my_births) {
        if (!a.Overlaps(b)) {
          if (!a.closed() || !b.closed()) return false;
          const int64_t gap = std::max(*a.earliest - *b.latest, *b.earliest - *a.latest);
          if (gap > 731) return false;
        }
        if (a.closed() && b.closed() && *a.latest - *a.earliest <= 731 && *b.latest - *b.earliest <= 731) {
          birth_agrees = true;
        }
      }
    }
    if (shared || !seen_docs.insert(doc).second) continue;
    for (uint32_t g : DocContext(doc)) {
      if (g != group && std::binary_search(mine.begin(), mine.end(), g)) {
        shared = true;
        break;
      }
    }
  }
  return shared || birth_agrees;
}

void EntityPass::LinkShortForms() {
  // Index full-named person groups by surname, given name and single words.
  // A value of kNoGroup marks a key shared by several groups.
  std::unordered_map<std::string, uint32_t> index;
  std::vector<NameKey> group_keys(groups_.size());
  auto add = [&](std::string k, uint32_t g) {
    auto [it, inserted] = index.emplace(std::move(k), g);
    if (!inserted && it->second != g) it->second = kNoGroup;
  };
  for (uint32_t gi = 0; gi < groups_.size(); ++gi) {
    const Group& g = groups_[gi];
    if (g.type != EntityType::kPerson || g.key.rfind("P|", 0) != 0 || g.members.empty()) continue;
    const Local& l = locals_[g.members.front()];
    bool full = false;
    NameKey k = PersonKey(*docs_[l.doc], l.local, &full);
    if (!full) continue;
    if (k.kind == NameKey::Kind::kKorean) {
      add("s:" + k.surname, gi);
      add("g:" + k.GivenString(), gi);
    } else {
      add("w:" + k.words.front(), gi);
      add("w:" + k.words.back(), gi);
    }
    group_keys[gi] = std::move(k);
  }

  std::vector<std::pair<uint32_t, uint32_t>> moves;  // (local, group)
  for (size_t si = 0; si < short_locals_.size(); ++si) {
    uint32_t li = short_locals_[si];
    const NameKey& sk = short_keys_[si];
    const Local& l = locals_[li];
    // 1. A full-named person of the same document, when only one fits.
    uint32_t same_doc = kNoGroup;
    int fits = 0;
    const Document& d = *docs_[l.doc];
    for (uint32_t e = 0; e < d.entities.size(); ++e) {
      uint32_t oi = local_index_[l.doc][e];
      if (oi == kNoGroup || oi == li || !locals_[oi].full) continue;
      if (d.entities[e].type != EntityType::kPerson) continue;
      uint32_t og = locals_[oi].group;
      if (ShortFormOf(sk, group_keys[og]) && og != same_doc) {
        same_doc = og;
        ++fits;
      }
    }
    if (fits == 1) {
      moves.emplace_back(li, same_doc);
      continue;
    }
    if (fits > 1 || !options_.link_short_forms_by_context) continue;
    // 2. The only compatible person of the corpus, when context agrees.
    std::string ik;
    if (sk.kind == NameKey::Kind::kKorean) {
      ik = !sk.surname.empty() ? "s:" + sk.surname : "g:" + sk.GivenString();
    } else if (sk.words.size() == 1) {
      ik = "w:" + sk.words.front();
    }
    if (ik.empty()) continue;
    auto it = index.find(ik);
    if (it == index.end() || it->second == kNoGroup) continue;
    if (ContextAgrees(li, it->second)) moves.emplace_back(li, it->second);
  }
  for (auto [li, g] : moves) {
    Group& old = groups_[locals_[li].group];
    old.members.erase(std::remove(old.members.begin(), old.members.end(), li), old.members.end());
    Move(li, g);
  }
}

uint32_t EntityPass::LookupCorrectionGroup(
    const std::string& key, const std::string& id,
    const std::unordered_map<std::string, uint32_t>& local_by_id) {
  if (!key.empty()) {
    auto it = key_to_group_.find(key);
    if (it != key_to_group_.end()) return Find(it->second);
  }
  if (!id.empty()) {
    auto it = local_by_id.find(id);
    if (it != local_by_id.end()) return locals_[it->second].group;
  }
  return kNoGroup;
}

void EntityPass::ApplyCorrections(const std::vector<store::Correction>& corrections,
                                  const std::vector<store::EntityLink>& previous) {
  if (corrections.empty()) return;
  std::unordered_map<std::string, uint32_t> doc_by_id;
  for (uint32_t i = 0; i < docs_.size(); ++i) doc_by_id.emplace(docs_[i]->id, i);
  // The first local entity (in document order) that held each previous id.
  std::unordered_map<std::string, uint32_t> local_by_id;
  for (const auto& pl : previous) {
    auto d = doc_by_id.find(pl.doc_id);
    if (d == doc_by_id.end() || pl.local < 0) continue;
    const auto& row = local_index_[d->second];
    if (static_cast<size_t>(pl.local) >= row.size() || row[static_cast<size_t>(pl.local)] == kNoGroup) continue;
    uint32_t li = row[static_cast<size_t>(pl.local)];
    auto [it, inserted] = local_by_id.emplace(pl.entity_id, li);
    if (!inserted && li < it->second) it->second = li;
  }
  for (const store::Correction& c : corrections) {
    // Groups are re-found for every correction: earlier ones move members.
    if (c.kind == store::Correction::Kind::kMerge) {
      uint32_t a = LookupCorrectionGroup(c.a_key, c.a, local_by_id);
      std::vector<uint32_t> folds;
      if (!c.a_key.empty() && c.a_key == c.b_key) {
        // Two entities with one key: a split and what it was split from.
        // Merging them undoes the splits of that key ("S|doc|key" groups);
        // before, this found one group for both keys and changed nothing.
        const std::string suffix = "|" + c.a_key;
        for (const auto& [key, g] : key_to_group_) {
          if (key.starts_with("S|") && key.ends_with(suffix)) folds.push_back(Find(g));
        }
        std::sort(folds.begin(), folds.end());  // a hash map's order: made deterministic
      } else {
        folds.push_back(LookupCorrectionGroup(c.b_key, c.b, local_by_id));
      }
      for (uint32_t b : folds) {
        if (a == kNoGroup || b == kNoGroup || a == b) continue;
        std::vector<uint32_t> members = std::move(groups_[b].members);
        groups_[b].members.clear();
        for (uint32_t li : members) Move(li, a);
        parent_[b] = a;
      }
    } else {
      uint32_t a = LookupCorrectionGroup(c.a_key, c.a, local_by_id);
      auto d = doc_by_id.find(c.doc);
      if (a == kNoGroup || d == doc_by_id.end()) continue;
      std::vector<uint32_t> keep, out;
      for (uint32_t li : groups_[a].members) {
        (locals_[li].doc == d->second ? out : keep).push_back(li);
      }
      if (out.empty() || keep.empty()) continue;
      groups_[a].members = std::move(keep);
      uint32_t ng = GroupFor("S|" + c.doc + "|" + groups_[a].key, groups_[a].type);
      for (uint32_t li : out) Move(li, ng);
    }
  }
}

// A word of two or more letters all in capitals: "KANG Mi-ok" (a UN-style
// surname), "SEO Jin A". Such a form names the person as well as its prose
// form, which is preferred for display.
bool HasWordInCapitals(std::string_view n) {
  size_t run = 0;
  bool lower = false;
  for (size_t i = 0; i <= n.size(); ++i) {
    const char c = i < n.size() ? n[i] : ' ';
    if (c == ' ' || c == '-') {
      if (run >= 2 && !lower) return true;
      run = 0;
      lower = false;
    } else if (c >= 'A' && c <= 'Z') {
      ++run;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    }
  }
  return false;
}

std::string ChooseName(const std::vector<const LocalEntity*>& les, const std::vector<const Document*>& ds,
                       const std::vector<uint32_t>& ents, EntityType type) {
  // Score: full name, Latin script, how often it is used (mentions), longest
  // only for names that are not full; ties go to the first seen (document
  // order), so "Pak Sun-hui ... also romanized Park Soon-hee" is Pak Sun-hui.
  std::map<std::string, size_t> counts;
  for (const LocalEntity* le : les) counts[le->name] += std::max<size_t>(1, le->mentions.size());
  std::string best;
  std::tuple<int, int, int, size_t, size_t> best_score{-1, -1, -1, 0, 0};
  for (size_t i = 0; i < les.size(); ++i) {
    const std::string& n = les[i]->name;
    if (n.empty()) continue;
    int full = 1;
    if (type == EntityType::kPerson) {
      bool f = false;
      NameKey k = KeyOf(*ds[i], ents[i], n);
      f = k.full();
      full = f ? 1 : 0;
    }
    std::tuple<int, int, int, size_t, size_t> score{
        full, HasHangul(n) ? 0 : 1, HasWordInCapitals(n) ? 0 : 1, counts[n], full ? 0 : n.size()};
    if (score > best_score) {
      best_score = score;
      best = n;
    }
  }
  return best;
}

void EntityPass::Finish(const std::vector<store::EntityLink>& previous, FactBase* facts,
                        std::vector<store::EntityLink>* links, internal::Resolved* resolved) {
  // Live groups in order of their first member (document order, local order).
  std::vector<uint32_t> live;
  for (uint32_t g = 0; g < groups_.size(); ++g) {
    auto& m = groups_[g].members;
    if (m.empty()) continue;
    std::sort(m.begin(), m.end());  // locals_ are in document order already
    live.push_back(g);
  }
  std::sort(live.begin(), live.end(),
            [&](uint32_t a, uint32_t b) { return groups_[a].members.front() < groups_[b].members.front(); });

  // Stable ids: the id most members held before, if no larger group took it.
  std::unordered_map<std::string, uint32_t> doc_by_id;
  for (uint32_t i = 0; i < docs_.size(); ++i) doc_by_id.emplace(docs_[i]->id, i);
  uint64_t max_num = 0;
  std::vector<std::map<std::string, int>> votes(live.size());
  std::unordered_map<uint32_t, size_t> live_pos;
  for (size_t i = 0; i < live.size(); ++i) live_pos.emplace(live[i], i);
  for (const auto& pl : previous) {
    bool ok = false;
    uint64_t n = NumericSuffix(pl.entity_id, &ok);
    if (ok) max_num = std::max(max_num, n);
    auto d = doc_by_id.find(pl.doc_id);
    if (d == doc_by_id.end() || pl.local < 0) continue;
    const auto& row = local_index_[d->second];
    if (static_cast<size_t>(pl.local) >= row.size()) continue;
    uint32_t li = row[static_cast<size_t>(pl.local)];
    if (li == kNoGroup) continue;
    auto lp = live_pos.find(locals_[li].group);
    if (lp != live_pos.end()) ++votes[lp->second][pl.entity_id];
  }
  struct Claim {
    int votes;
    size_t pos;
    std::string id;
  };
  std::vector<Claim> claims;
  for (size_t i = 0; i < live.size(); ++i) {
    for (const auto& [id, v] : votes[i]) claims.push_back({v, i, id});
  }
  std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    if (a.votes != b.votes) return a.votes > b.votes;
    if (a.pos != b.pos) return a.pos < b.pos;
    return NaturalLess(a.id, b.id);
  });
  std::vector<std::string> ids(live.size());
  std::unordered_set<std::string> taken;
  for (const Claim& c : claims) {
    if (!ids[c.pos].empty() || taken.count(c.id)) continue;
    ids[c.pos] = c.id;
    taken.insert(c.id);
  }
  for (size_t i = 0; i < live.size(); ++i) {
    if (!ids[i].empty()) continue;
    std::string id;
    do {
      id = "e" + std::to_string(++max_num);
    } while (taken.count(id));
    ids[i] = id;
    taken.insert(id);
  }

  // Records.
  resolved->docs = docs_;
  resolved->entity_of.assign(docs_.size(), {});
  for (uint32_t di = 0; di < docs_.size(); ++di) resolved->entity_of[di].assign(docs_[di]->entities.size(), -1);
  std::vector<std::pair<std::string, size_t>> order;  // (id, position) for sorting
  facts->entities.clear();
  facts->entities.reserve(live.size());
  for (size_t i = 0; i < live.size(); ++i) {
    const Group& g = groups_[live[i]];
    EntityRecord rec;
    rec.id = ids[i];
    rec.type = g.type;
    std::vector<const LocalEntity*> les;
    std::vector<const Document*> ds;
    std::vector<uint32_t> ents;
    for (uint32_t li : g.members) {
      const Local& l = locals_[li];
      les.push_back(&docs_[l.doc]->entities[l.local]);
      ds.push_back(docs_[l.doc]);
      ents.push_back(l.local);
    }
    rec.name = ChooseName(les, ds, ents, g.type);
    std::unordered_set<std::string> seen{rec.name};
    for (const LocalEntity* le : les) {
      if (seen.insert(le->name).second && !le->name.empty() && !IsPronoun(le->name)) {
        rec.aliases.push_back(le->name);
      }
      for (const std::string& a : le->aliases) {
        if (!a.empty() && !IsPronoun(a) && seen.insert(a).second) rec.aliases.push_back(a);
      }
    }
    for (size_t k = 0; k < les.size(); ++k) {
      if (rec.docs.empty() || rec.docs.back() != ds[k]->id) {
        if (std::find(rec.docs.begin(), rec.docs.end(), ds[k]->id) == rec.docs.end()) {
          rec.docs.push_back(ds[k]->id);
        }
      }
      const LocalEntity& le = *les[k];
      if (rec.country.empty()) rec.country = le.country;
      if (rec.place_kind.empty()) rec.place_kind = le.place_kind;
      if (!rec.lat && le.lat && le.lon) {
        rec.lat = le.lat;
        rec.lon = le.lon;
      }
      // One document asking to withhold a person's identity protects the
      // person everywhere (extract/protect.h marks the local entity).
      if (le.protected_identity) rec.protected_identity = true;
    }
    for (uint32_t li : g.members) {
      const Local& l = locals_[li];
      resolved->entity_of[l.doc][l.local] = static_cast<int32_t>(i);
      if (links) links->push_back({docs_[l.doc]->id, static_cast<int32_t>(l.local), rec.id});
    }
    facts->entities.push_back(std::move(rec));
  }
  if (links) {
    std::sort(links->begin(), links->end(), [&](const store::EntityLink& a, const store::EntityLink& b) {
      uint32_t da = doc_by_id[a.doc_id], db = doc_by_id[b.doc_id];
      if (da != db) return da < db;
      return a.local < b.local;
    });
  }
}

}  // namespace

namespace internal {

std::string HashHex(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<size_t>(i)] = kHex[h & 15];
    h >>= 4;
  }
  return out;
}

bool NaturalLess(std::string_view a, std::string_view b) {
  auto split = [](std::string_view s) {
    size_t i = s.size();
    while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') --i;
    return i;
  };
  size_t ia = split(a), ib = split(b);
  if (ia < a.size() && ib < b.size() && a.substr(0, ia) == b.substr(0, ib)) {
    std::string_view na = a.substr(ia), nb = b.substr(ib);
    while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
    while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
    if (na.size() != nb.size()) return na.size() < nb.size();
    if (na != nb) return na < nb;
  }
  return a < b;
}

}  // namespace internal

namespace {

// The entity pass of Resolve: facts->entities, *links and what the event
// pass reads. `docs` receives the documents in resolution order (`r` points
// into it).
void ResolveEntities(const Options& options, const std::vector<const Document*>& input,
                     const std::vector<store::Correction>& corrections,
                     const std::vector<store::EntityLink>& previous,
                     std::vector<store::EntityLink>* links, FactBase* facts,
                     std::vector<const Document*>* docs, internal::Resolved* r) {
  for (const Document* d : input) {
    if (d) docs->push_back(d);
  }
  std::stable_sort(docs->begin(), docs->end(),
                   [](const Document* a, const Document* b) { return NaturalLess(a->id, b->id); });
  if (links) links->clear();
  EntityPass pass(options, *docs);
  pass.CollectLocals();
  pass.LinkOtherNames();
  pass.LinkShortForms();
  pass.ApplyCorrections(corrections, previous);
  pass.Finish(previous, facts, links, r);
}

}  // namespace

FactBase Resolver::Resolve(const std::vector<const Document*>& input,
                           const std::vector<store::Correction>& corrections,
                           const std::vector<store::EntityLink>& previous,
                           std::vector<store::EntityLink>* links) const {
  FactBase facts;
  std::vector<const Document*> docs;
  internal::Resolved resolved;
  ResolveEntities(options_, input, corrections, previous, links, &facts, &docs, &resolved);
  // Without a sink the pass keeps every batch: nothing can fail.
  (void)internal::BuildEvents(resolved, &facts, options_.fusion_batch_claims);
  if (options_.copy_quotes) FillQuotes(input, &facts);
  return facts;
}

Status Resolver::ResolveInBatches(const std::vector<const Document*>& input,
                                  const std::vector<store::Correction>& corrections,
                                  const std::vector<store::EntityLink>& previous,
                                  std::vector<store::EntityLink>* links,
                                  const EntitiesSink& entities, const BatchSink& batch) const {
  FactBase facts;
  std::vector<const Document*> docs;
  internal::Resolved resolved;
  ResolveEntities(options_, input, corrections, previous, links, &facts, &docs, &resolved);
  CAIRN_RETURN_IF_ERROR(entities(facts));
  const internal::BatchSink sink = [&](std::vector<EventRecord>* events,
                                       std::vector<ConflictRecord>* conflicts) {
    if (options_.copy_quotes) {
      FactBase part;
      part.events = std::move(*events);
      part.conflicts = std::move(*conflicts);
      FillQuotes(input, &part);
      *events = std::move(part.events);
      *conflicts = std::move(part.conflicts);
    }
    return batch(events, conflicts);
  };
  return internal::BuildEvents(resolved, &facts, options_.fusion_batch_claims, &sink);
}

std::string EntityKey(const EntityRecord& e) {
  if (e.type != EntityType::kPerson) {
    LocalEntity le;
    le.type = e.type;
    le.name = e.name;
    return LabelKey(le);
  }
  NameKey k = KeyName(e.name);
  if (!k.full()) {
    for (const std::string& a : e.aliases) {
      NameKey ka = KeyName(a);
      if (ka.full()) {
        k = std::move(ka);
        break;
      }
    }
  }
  if (k.full()) return "P|" + k.str();
  return "P@" + (e.docs.empty() ? std::string() : e.docs.front()) + "|" + k.str();
}

namespace {
const EntityRecord* FindEntity(const FactBase& f, std::string_view id) {
  for (const EntityRecord& e : f.entities) {
    if (e.id == id) return &e;
  }
  return nullptr;
}
}  // namespace

Result<store::Correction> MakeMerge(const FactBase& facts, std::string_view keep_id,
                                    std::string_view fold_id) {
  const EntityRecord* a = FindEntity(facts, keep_id);
  const EntityRecord* b = FindEntity(facts, fold_id);
  if (!a) return Status::NotFound("merge: no entity " + std::string(keep_id));
  if (!b) return Status::NotFound("merge: no entity " + std::string(fold_id));
  if (a == b) return Status::InvalidArgument("merge: " + std::string(keep_id) + " with itself");
  store::Correction c;
  c.kind = store::Correction::Kind::kMerge;
  c.a = a->id;
  c.b = b->id;
  c.a_key = EntityKey(*a);
  c.b_key = EntityKey(*b);
  return c;
}

Result<store::Correction> MakeSplit(const FactBase& facts, std::string_view entity_id,
                                    std::string_view doc_id) {
  const EntityRecord* a = FindEntity(facts, entity_id);
  if (!a) return Status::NotFound("split: no entity " + std::string(entity_id));
  if (std::find(a->docs.begin(), a->docs.end(), doc_id) == a->docs.end()) {
    return Status::InvalidArgument("split: entity " + a->id + " is not mentioned in document " +
                                   std::string(doc_id));
  }
  store::Correction c;
  c.kind = store::Correction::Kind::kSplit;
  c.a = a->id;
  c.doc = std::string(doc_id);
  c.a_key = EntityKey(*a);
  return c;
}

}  // namespace cairn::resolve
