// A generator of synthetic extraction results that knows its own truth.
//
// Generate() writes Documents as the extract stage would leave them: plain
// sentences about invented North Korean defectors, one LocalEntity per person
// or place (names in varied romanizations: RR, McCune-Reischauer without
// breves, press spellings, spaced, joined, Hangul, given-name-first), short
// forms as within-document aliases, persons known only by a short form, and
// dated events (birth, employment, border crossing, defection) with quotes.
// Places come from data/gazetteer.tsv when it is embedded, else from a small
// built-in list. Alongside it keeps the truth: which invented person every
// person LocalEntity is, and how many birth-date contradictions it planted.
//
// ScorePairs() compares a resolver's links with that truth as pairwise
// precision and recall over person local entities (the B-cubed-free,
// count-based form: a pair is two local entities in one cluster).
//
// Deterministic for a given seed (own SplitMix64, no std distributions).
// Header-only so benchmarks and tests share it without a library.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>
#include "../splitmix.h"

#include "core/data.h"
#include "core/document.h"
#include "store/store.h"

namespace cairn::bench {

struct GenOptions {
  size_t documents = 1000;
  size_t persons = 0;       // 0: documents / 3
  uint64_t seed = 42;
  double hangul_rate = 0.06;      // a full name written in Hangul
  double given_first_rate = 0.05; // "Min-ho Jang"
  double joined_rate = 0.15;      // "Jang Minho"
  double hint_rate = 0.5;         // mentions carrying the surname/given split
  double short_only_rate = 0.15;  // a document has a person known only by a short form
  double conflict_rate = 0.03;    // a birth year stated wrongly (a planted contradiction)
};

struct Corpus {
  std::vector<Document> docs;
  // truth[doc][local] = invented person id for person locals, -1 otherwise.
  std::vector<std::vector<int64_t>> truth;
  size_t planted_conflicts = 0;
  size_t persons = 0;
};

namespace gen_detail {

using Rng = ::cairn::bench::SplitMix;

// A syllable: Hangul, then Latin spellings (first = Revised Romanization).
struct Syl {
  const char* hangul;
  std::vector<const char*> latin;
};

// Surnames, most common first.
inline const std::vector<Syl>& Surnames() {
  static const std::vector<Syl> k = {
      {"김", {"Kim", "Gim"}},          {"이", {"Lee", "Yi", "Ri", "Rhee"}}, {"박", {"Park", "Pak", "Bak"}},
      {"최", {"Choi", "Choe"}},        {"정", {"Jung", "Jeong", "Chung"}},  {"강", {"Kang", "Gang"}},
      {"조", {"Cho", "Jo"}},           {"윤", {"Yoon", "Yun"}},             {"장", {"Jang", "Chang"}},
      {"임", {"Lim", "Im", "Rim"}},    {"한", {"Han"}},                     {"오", {"Oh", "O"}},
      {"서", {"Seo", "Suh"}},          {"신", {"Shin", "Sin"}},             {"권", {"Kwon", "Gwon"}},
      {"황", {"Hwang"}},               {"안", {"Ahn", "An"}},               {"송", {"Song"}},
      {"전", {"Jeon", "Chon"}},        {"홍", {"Hong"}},                    {"류", {"Ryu", "Yu", "Yoo"}},
      {"고", {"Ko", "Go"}},            {"문", {"Moon", "Mun"}},             {"양", {"Yang"}},
      {"손", {"Son", "Sohn"}},         {"배", {"Bae", "Pae"}},              {"백", {"Baek", "Paek"}},
      {"허", {"Heo", "Hur"}},          {"남", {"Nam"}},                     {"노", {"Roh", "Noh"}},
  };
  return k;
}

// Given-name syllables whose spellings all key alike and whose keys differ.
inline const std::vector<Syl>& GivenSyllables() {
  static const std::vector<Syl> k = {
      {"영", {"yeong", "young", "yong"}}, {"정", {"jeong", "jung", "chong", "cheong"}},
      {"성", {"seong", "sung", "song"}},  {"진", {"jin", "chin"}},
      {"경", {"gyeong", "kyung", "kyong", "kyeong"}}, {"철", {"cheol", "chul", "chol"}},
      {"일", {"il"}},                     {"희", {"hui", "hee", "hi"}},
      {"주", {"ju", "joo", "chu"}},       {"수", {"su", "soo"}},
      {"민", {"min"}},                    {"준", {"jun", "joon"}},
      {"호", {"ho"}},                     {"현", {"hyeon", "hyun", "hyon"}},
      {"혁", {"hyeok", "hyuk", "hyok"}},  {"미", {"mi"}},
      {"숙", {"suk", "sook"}},            {"석", {"seok", "sok"}},
      {"남", {"nam"}},                    {"은", {"eun", "un"}},
      {"혜", {"hye"}},                    {"연", {"yeon", "yon"}},
      {"순", {"sun", "soon"}},            {"옥", {"ok"}},
      {"동", {"dong", "tong"}},           {"광", {"gwang", "kwang"}},
      {"명", {"myeong", "myung", "myong"}}, {"상", {"sang"}},
      {"태", {"tae", "thae"}},            {"우", {"u", "woo"}},
      {"하", {"ha"}},                     {"나", {"na"}},
      {"란", {"ran", "lan"}},             {"기", {"gi", "ki"}},
      {"식", {"sik", "shik"}},            {"훈", {"hun", "hoon"}},
      {"재", {"jae", "chae"}},            {"규", {"gyu", "kyu"}},
      {"원", {"won", "weon"}},            {"선", {"seon", "sŏn"}},
      {"화", {"hwa"}},                    {"환", {"hwan"}},
      {"애", {"ae"}},                     {"근", {"geun", "keun", "kun"}},
      {"복", {"bok", "pok"}},             {"봉", {"bong", "pong"}},
      {"길", {"gil", "kil"}},             {"덕", {"deok", "dok", "tok"}},
      {"필", {"pil", "phil"}},            {"국", {"guk", "kook"}},
  };
  return k;
}

struct Place {
  std::string name;
  std::string country;
  std::string kind;
  int32_t gazetteer = -1;
  double lat = 0, lon = 0;
};

// Cities by country from the gazetteer, else a built-in list.
inline const std::unordered_map<std::string, std::vector<Place>>& Cities() {
  static const auto* k = [] {
    auto* m = new std::unordered_map<std::string, std::vector<Place>>;
    if (auto g = data::Get("gazetteer.tsv")) {
      int32_t row = 0;
      for (const auto& r : data::ParseTsv(*g)) {
        int32_t idx = row++;
        if (r.size() < 8 || r[4] != "city") continue;
        std::string c(r[5]);
        if (c != "KP" && c != "CN" && c != "KR") continue;
        Place p{std::string(r[1]), c, "city", idx, std::stod(std::string(r[6])), std::stod(std::string(r[7]))};
        (*m)[c].push_back(std::move(p));
      }
    }
    auto fill = [&](const char* c, std::vector<Place> v) {
      if ((*m)[c].size() < 3) (*m)[c] = std::move(v);
    };
    fill("KP", {{"Chongjin", "KP", "city", 9001, 41.80, 129.78},
                {"Hyesan", "KP", "city", 9002, 41.40, 128.18},
                {"Hamhung", "KP", "city", 9003, 39.92, 127.54},
                {"Sinuiju", "KP", "city", 9004, 40.10, 124.40},
                {"Pyongyang", "KP", "city", 9005, 39.02, 125.75}});
    fill("CN", {{"Yanji", "CN", "city", 9101, 42.89, 129.51},
                {"Dandong", "CN", "city", 9102, 40.12, 124.38},
                {"Shenyang", "CN", "city", 9103, 41.80, 123.43},
                {"Beijing", "CN", "city", 9104, 39.90, 116.41}});
    fill("KR", {{"Seoul", "KR", "city", 9201, 37.57, 126.98},
                {"Busan", "KR", "city", 9202, 35.18, 129.08},
                {"Incheon", "KR", "city", 9203, 37.46, 126.71},
                {"Ansan", "KR", "city", 9204, 37.32, 126.83}});
    return m;
  }();
  return *k;
}

struct Person {
  size_t surname = 0;
  size_t g1 = 0, g2 = 0;
  int birth = 1960;
  size_t home = 0, china = 0, dest = 0;  // indices into Cities()
  int cross = 1997;
  int64_t companion = -1;
};

inline std::string Capital(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 32);
  return s;
}

// The given name as written: "Min-ho", "Min Ho", "Minho", or "민호".
inline std::string Given(const Person& p, Rng& r, bool hangul, bool joined, bool spaced) {
  const Syl& a = GivenSyllables()[p.g1];
  const Syl& b = GivenSyllables()[p.g2];
  if (hangul) return std::string(a.hangul) + b.hangul;
  std::string x = a.latin[r.Below(a.latin.size())];
  std::string y = b.latin[r.Below(b.latin.size())];
  if (joined) return Capital(x) + y;
  if (spaced) return Capital(x) + " " + Capital(y);
  return Capital(x) + "-" + y;
}

inline std::string Surname(const Person& p, Rng& r, bool hangul) {
  const Syl& s = Surnames()[p.surname];
  if (hangul) return s.hangul;
  return s.latin[r.Below(s.latin.size())];
}

}  // namespace gen_detail

inline Corpus Generate(const GenOptions& o) {
  using namespace gen_detail;
  Rng r{o.seed};
  Corpus c;
  const auto& cities = Cities();
  const auto& kp = cities.at("KP");
  const auto& cn = cities.at("CN");
  const auto& kr = cities.at("KR");
  size_t n_persons = o.persons ? o.persons : std::max<size_t>(2, o.documents / 3);
  // Invent people with distinct names (a distinct surname + two syllables).
  std::vector<Person> people;
  std::unordered_set<uint64_t> used;
  const size_t ns = Surnames().size(), ng = GivenSyllables().size();
  size_t capacity = ns * ng * ng;
  while (people.size() < n_persons && used.size() < capacity) {
    Person p;
    // Common surnames more often: square of a uniform pick.
    double u = r.Unit();
    p.surname = std::min(ns - 1, static_cast<size_t>(u * u * static_cast<double>(ns)));
    p.g1 = r.Below(ng);
    p.g2 = r.Below(ng);
    if (p.g1 == p.g2) continue;
    uint64_t key = (p.surname * ng + p.g1) * ng + p.g2;
    if (!used.insert(key).second) continue;
    p.birth = 1940 + static_cast<int>(r.Below(50));
    p.home = r.Below(kp.size());
    p.china = r.Below(cn.size());
    p.dest = r.Below(kr.size());
    p.cross = p.birth + 18 + static_cast<int>(r.Below(25));
    people.push_back(p);
  }
  for (size_t i = 0; i < people.size(); ++i) {
    people[i].companion = static_cast<int64_t>(r.Below(people.size()));
    if (static_cast<size_t>(people[i].companion) == i) people[i].companion = -1;
  }
  c.persons = people.size();

  // Popularity: a few people appear in many documents (a Zipf-like draw).
  auto draw_person = [&]() -> size_t {
    double u = r.Unit();
    return std::min(people.size() - 1, static_cast<size_t>(u * u * u * static_cast<double>(people.size())));
  };

  c.docs.reserve(o.documents);
  c.truth.reserve(o.documents);
  int64_t next_unknown = static_cast<int64_t>(people.size());
  for (size_t di = 0; di < o.documents; ++di) {
    Document d;
    d.id = "d" + std::to_string(di + 1);
    d.name = "gen_" + std::to_string(di + 1) + ".txt";
    std::vector<int64_t> truth;
    auto add_sentence = [&](const std::string& s) -> uint32_t {
      if (!d.text.empty()) d.text += ' ';
      Sentence sen;
      sen.span.begin = static_cast<uint32_t>(d.text.size());
      d.text += s;
      sen.span.end = static_cast<uint32_t>(d.text.size());
      d.sentences.push_back(sen);
      return static_cast<uint32_t>(d.sentences.size() - 1);
    };
    auto add_place = [&](const Place& p) -> int32_t {
      for (size_t i = 0; i < d.entities.size(); ++i) {
        if (d.entities[i].type == EntityType::kPlace && d.entities[i].gazetteer == p.gazetteer) {
          return static_cast<int32_t>(i);
        }
      }
      LocalEntity e;
      e.type = EntityType::kPlace;
      e.name = p.name;
      e.country = p.country;
      e.place_kind = p.kind;
      e.gazetteer = p.gazetteer;
      e.lat = p.lat;
      e.lon = p.lon;
      d.entities.push_back(std::move(e));
      truth.push_back(-1);
      return static_cast<int32_t>(d.entities.size() - 1);
    };
    auto add_event = [&](std::string type, int32_t subject, DateInterval date, uint32_t sentence) -> EventMention& {
      EventMention m;
      m.type = std::move(type);
      m.subject = subject;
      m.date = std::move(date);
      m.sentence = sentence;
      m.quote = d.sentences[sentence].span;
      d.events.push_back(std::move(m));
      return d.events.back();
    };

    // The people of this document: a main person, often a companion, sometimes another.
    std::vector<size_t> cast = {draw_person()};
    const Person& main = people[cast[0]];
    if (main.companion >= 0 && r.Chance(0.6)) cast.push_back(static_cast<size_t>(main.companion));
    if (r.Chance(0.3)) {
      size_t x = draw_person();
      if (std::find(cast.begin(), cast.end(), x) == cast.end()) cast.push_back(x);
    }
    for (size_t ci = 0; ci < cast.size(); ++ci) {
      if (ci > 0 && cast[ci] == cast[0]) continue;
      const Person& p = people[cast[ci]];
      bool hangul = r.Chance(o.hangul_rate);
      bool given_first = !hangul && r.Chance(o.given_first_rate);
      bool joined = !hangul && r.Chance(o.joined_rate);
      bool spaced = !hangul && !joined && r.Chance(0.15);
      std::string sur = Surname(p, r, hangul);
      std::string giv = Given(p, r, hangul, joined, spaced);
      std::string full = hangul ? sur + giv : given_first ? giv + " " + sur : sur + " " + giv;
      LocalEntity e;
      e.type = EntityType::kPerson;
      e.name = full;
      int32_t idx = static_cast<int32_t>(d.entities.size());
      uint32_t s0 = add_sentence(full + (ci == 0 ? " told this story." : " was there too."));
      Mention m;
      m.type = EntityType::kPerson;
      m.span = Span{d.sentences[s0].span.begin, d.sentences[s0].span.begin + static_cast<uint32_t>(full.size())};
      m.sentence = s0;
      m.entity = idx;
      if (r.Chance(o.hint_rate)) {
        m.surname = sur;
        m.given = giv;
      }
      e.mentions.push_back(static_cast<uint32_t>(d.mentions.size()));
      d.mentions.push_back(std::move(m));
      // Within-document short forms become aliases.
      if (r.Chance(0.5)) e.aliases.push_back(Given(p, r, false, false, false));
      if (r.Chance(0.3)) e.aliases.push_back(Surname(p, r, false));
      if (hangul) e.aliases.push_back(Surname(p, r, false) + " " + Given(p, r, false, false, false));
      e.is_topic = ci == 0;
      d.entities.push_back(std::move(e));
      truth.push_back(static_cast<int64_t>(cast[ci]));

      if (ci != 0) continue;
      // The main person's life.
      int32_t home = add_place(kp[p.home]);
      bool wrong = r.Chance(o.conflict_rate);
      int year = wrong ? p.birth + 5 : p.birth;
      if (wrong) ++c.planted_conflicts;
      uint32_t s = add_sentence(full + " was born in " + std::to_string(year) + " in " + kp[p.home].name + ".");
      add_event("birth", idx, DateInterval::Year(year, std::to_string(year)), s).place = home;
      if (r.Chance(0.5)) {
        uint32_t sj = add_sentence("In " + kp[p.home].name + " " + full + " worked at a factory.");
        add_event("employment", idx, {}, sj).detail = "factory worker";
      }
      int32_t china = add_place(cn[p.china]);
      uint32_t sc = add_sentence("In " + std::to_string(p.cross) + " " + full + " crossed into " + cn[p.china].name + ".");
      EventMention& bc = add_event("border_crossing", idx, DateInterval::Year(p.cross, std::to_string(p.cross)), sc);
      bc.from = home;
      bc.to = china;
      if (r.Chance(0.7)) {
        int32_t dest = add_place(kr[p.dest]);
        uint32_t sd = add_sentence(full + " reached " + kr[p.dest].name + " in " + std::to_string(p.cross + 1) + ".");
        add_event("defection", idx, DateInterval::Year(p.cross + 1, std::to_string(p.cross + 1)), sd).to = dest;
      }
    }
    // A person known only by a short form: usually the main person's
    // companion, named in full elsewhere; else somebody never named in full.
    // As a writer would, never a bare form that fits someone named here.
    if (r.Chance(o.short_only_rate)) {
      bool known = main.companion >= 0 && r.Chance(0.7);
      size_t who = known ? static_cast<size_t>(main.companion) : r.Below(people.size());
      const Person& p = people[who];
      bool by_surname = r.Chance(0.5);
      bool clash = false;
      for (size_t x : cast) {
        const Person& q = people[x];
        if (x == who || (by_surname ? q.surname == p.surname : (q.g1 == p.g1 && q.g2 == p.g2))) clash = true;
      }
      if (!clash) {
        std::string form = by_surname ? Surname(p, r, false) : Given(p, r, false, false, false);
        LocalEntity e;
        e.type = EntityType::kPerson;
        e.name = form;
        add_sentence("A friend, " + form + ", helped.");
        d.entities.push_back(std::move(e));
        truth.push_back(known ? static_cast<int64_t>(who) : next_unknown++);
      }
    }
    c.docs.push_back(std::move(d));
    c.truth.push_back(std::move(truth));
  }
  return c;
}

struct PairScore {
  double precision = 0, recall = 0;
  uint64_t predicted_pairs = 0, true_pairs = 0, correct_pairs = 0;
  size_t locals = 0;
};

// Pairwise precision/recall of `links` (resolver output) against the truth,
// over person local entities.
inline PairScore ScorePairs(const Corpus& c, const std::vector<store::EntityLink>& links) {
  std::unordered_map<std::string, size_t> doc_index;
  for (size_t i = 0; i < c.docs.size(); ++i) doc_index.emplace(c.docs[i].id, i);
  std::unordered_map<std::string, uint64_t> pred;
  std::unordered_map<int64_t, uint64_t> gold;
  std::unordered_map<std::string, uint64_t> cell;
  PairScore s;
  for (const auto& l : links) {
    auto it = doc_index.find(l.doc_id);
    if (it == doc_index.end() || l.local < 0) continue;
    const auto& t = c.truth[it->second];
    if (static_cast<size_t>(l.local) >= t.size() || t[static_cast<size_t>(l.local)] < 0) continue;
    int64_t g = t[static_cast<size_t>(l.local)];
    ++pred[l.entity_id];
    ++gold[g];
    ++cell[l.entity_id + "#" + std::to_string(g)];
    ++s.locals;
  }
  // Persons the resolver did not link count as singletons: no pairs.
  auto pairs = [](uint64_t n) { return n * (n - 1) / 2; };
  for (const auto& [k, n] : pred) s.predicted_pairs += pairs(n);
  for (const auto& [k, n] : cell) s.correct_pairs += pairs(n);
  // True pairs over all person locals, linked or not.
  std::unordered_map<int64_t, uint64_t> all_gold;
  for (const auto& t : c.truth) {
    for (int64_t g : t) {
      if (g >= 0) ++all_gold[g];
    }
  }
  for (const auto& [k, n] : all_gold) s.true_pairs += pairs(n);
  s.precision = s.predicted_pairs ? static_cast<double>(s.correct_pairs) / static_cast<double>(s.predicted_pairs) : 1.0;
  s.recall = s.true_pairs ? static_cast<double>(s.correct_pairs) / static_cast<double>(s.true_pairs) : 1.0;
  return s;
}

}  // namespace cairn::bench
