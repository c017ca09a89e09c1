// The event pass: fusion of agreeing claims and conflicts between
// disagreeing ones (the rules are in resolve.h).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/event_types.h"
#include "resolve/describe.h"
#include "resolve/internal.h"
#include "resolve/romanize.h"

namespace cairn::resolve::internal {
namespace {

// std::stable_sort's order of the records from `first` on, without its
// buffer of half the records (each event a few hundred bytes): the indices
// are sorted, then the records are moved into place along the permutation's
// cycles.
template <typename T, typename Less>
void StableSortInPlace(std::vector<T>* all, size_t first, Less less) {
  T* v = all->data() + first;
  std::vector<uint32_t> order(all->size() - first);
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return less(v[a], v[b]); });
  // Position i takes the record at order[i].
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i] == i) continue;
    T held = std::move(v[i]);
    size_t at = i;
    while (order[at] != i) {
      const size_t from = order[at];
      v[at] = std::move(v[from]);
      order[at] = static_cast<uint32_t>(at);
      at = from;
    }
    v[at] = std::move(held);
    order[at] = static_cast<uint32_t>(at);
  }
}

// The source of [begin, end) in `d`, with its page and OCR mark; its quote is
// FillQuotes' (resolver.cc or UpdateStore).
SourceRef SourceAt(const Document& d, uint32_t begin, uint32_t end) {
  SourceRef s{d.id, begin, end, std::string()};
  if (const Page* p = d.PageRecordAt(begin)) {
    s.page = d.PageAt(begin);
    s.ocr = p->ocr;
  }
  return s;
}

// True when another event of the sentence of d.events[ev] is dated by the
// expression `text` ("crossed into China in 2002, settled in the South the
// following year"): that date is the other event's, not a second reading
// of this one's.
bool EventsBySentence(const EventMention& a, const EventMention& b) {
  return a.sentence < b.sentence;
}

// `sorted`: d's events are in sentence order, as extraction writes them; then only the
// events of ev's sentence are read (a long document has tens of thousands), else all.
bool DatesAnotherEvent(const Document& d, uint32_t ev, std::string_view text, bool sorted) {
  const EventMention& m = d.events[ev];
  uint32_t from = 0, to = static_cast<uint32_t>(d.events.size());
  if (sorted) {
    auto by_sentence = EventsBySentence;
    auto [lo, hi] = std::equal_range(d.events.begin(), d.events.end(), m, by_sentence);
    from = static_cast<uint32_t>(lo - d.events.begin());
    to = static_cast<uint32_t>(hi - d.events.begin());
  }
  for (uint32_t i = from; i < to; ++i) {
    const EventMention& o = d.events[i];
    if (i != ev && o.sentence == m.sentence && o.type != m.type && o.date.text == text) return true;
  }
  return false;
}

// How often the type happens in a life (data/event_types.tsv); a type the
// table lacks is repeatable.
Occurrence OccurrenceOf(std::string_view type) {
  const EventTypeInfo* t = EventType(type);
  return t ? t->occurrence : Occurrence::kRepeatable;
}

struct Claim {
  uint32_t doc = 0;
  uint32_t ev = 0;
  int32_t subject = -1;  // index into facts.entities
  std::string_view type;
  const EventMention* m = nullptr;
  int32_t place = -1, from = -1, to = -1, via = -1, object = -1, attributed = -1;
  std::string detail_norm;
  uint32_t begin = 0, end = 0;
  // The date is the dateline's own day, not written in the quote: the text
  // is dated by where it appeared, not by what it says (a memoir excerpt
  // dated 2004-10-28 telling a 1997 escape). Such dates never make conflicts.
  bool dateline_date = false;
  // The date is written in the quote ("in 2004", "aged 44"): only such claims
  // take part in date conflicts; a date carried over from another sentence
  // is no claim the quote makes.
  bool date_stated = false;
  // When the date is written in an earlier sentence of the same paragraph
  // (narrative time: "In 2004 she met him. He later cheated her."), that
  // sentence: it joins the quotes of a conflict so they show the value.
  Span date_sentence;
  // Other dates written in the same quote ("freed in 2002 and reached Seoul
  // in 2009"): when one of them fits the other side, the disagreement is
  // which date the event takes, not a contradiction between sources.
  std::vector<DateInterval> other_dates;
  // The length the date's interval was counted from, in days, when the quote
  // states one and the interval spans it ("four years in all, until early
  // 1983"); -1 otherwise. Two such lengths of one stay can disagree while
  // their intervals overlap.
  int span_days = -1;
  // The quote tells a repetition ("crossed the Tumen again", "was arrested once more"):
  // another occurrence than a first one another text dates.
  bool again = false;
};

struct Cluster {
  std::vector<uint32_t> claims;  // indices into the bucket's claims
  DateInterval date;
  std::string date_text;
  int32_t place = -1, from = -1, to = -1, via = -1, object = -1;
  std::string detail_norm;
  std::set<uint32_t> docs;
  std::string event_id;
};

// The role a conflict's field names ("place", "to", "from"), -1 when none.
int32_t RoleOf(const Claim& c, std::string_view field) {
  return field == "to" ? c.to : field == "from" ? c.from : c.place;
}
int32_t RoleOf(const Cluster& k, std::string_view field) {
  return field == "to" ? k.to : field == "from" ? k.from : k.place;
}

class EventPass {
 public:
  EventPass(const Resolved& r, FactBase* facts, size_t batch_claims, const BatchSink* sink)
      : r_(r),
        facts_(facts),
        batch_claims_(batch_claims),
        sink_(sink),
        trace_(std::getenv("CAIRN_TRACE_CONFLICTS") != nullptr) {}
  Status Run();

 private:
  // Whether a document's timexes are in text order and its events in sentence order, as
  // extraction writes them, so a claim reads only its own stretch (found once per document).
  struct DocOrder {
    bool known = false, timexes_sorted = false, events_sorted = false;
  };
  const DocOrder& OrderOf(uint32_t di) const {
    if (order_.size() < r_.docs.size()) order_.resize(r_.docs.size());
    DocOrder& o = order_[di];
    if (!o.known) {
      const Document& d = *r_.docs[di];
      o.timexes_sorted = std::is_sorted(
          d.timexes.begin(), d.timexes.end(),
          [](const Timex& a, const Timex& b) { return a.span.begin < b.span.begin; });
      o.events_sorted = std::is_sorted(d.events.begin(), d.events.end(), EventsBySentence);
      o.known = true;
    }
    return o;
  }
  mutable std::vector<DocOrder> order_;
  bool Specific(int32_t e) const {
    const EntityRecord& rec = facts_->entities[static_cast<size_t>(e)];
    return rec.place_kind != "country" && rec.place_kind != "province" && !rec.place_kind.empty();
  }
  bool RoleCompatible(int32_t a, int32_t b) const {
    if (a < 0 || b < 0 || a == b) return true;
    const EntityRecord& ea = facts_->entities[static_cast<size_t>(a)];
    const EntityRecord& eb = facts_->entities[static_cast<size_t>(b)];
    if (ea.type != EntityType::kPlace || eb.type != EntityType::kPlace) return false;
    if (!ea.country.empty() && !eb.country.empty() && ea.country != eb.country) return false;
    if (Specific(a) && Specific(b)) return false;  // two different cities
    return true;
  }
  // Two places known to lie in different countries.
  bool OtherCountries(int32_t a, int32_t b) const {
    if (a < 0 || b < 0 || a == b) return false;
    const EntityRecord& ea = facts_->entities[static_cast<size_t>(a)];
    const EntityRecord& eb = facts_->entities[static_cast<size_t>(b)];
    return ea.type == EntityType::kPlace && eb.type == EntityType::kPlace && !ea.country.empty() &&
           !eb.country.empty() && ea.country != eb.country;
  }
  // The more specific of two compatible roles.
  int32_t Narrower(int32_t a, int32_t b) const {
    if (a < 0) return b;
    if (b < 0 || a == b) return a;
    if (facts_->entities[static_cast<size_t>(b)].type == EntityType::kPlace && Specific(b) && !Specific(a)) {
      return b;
    }
    return a;
  }
  bool Agree(const Cluster& k, const Claim& c) const {
    if (!k.date.Overlaps(c.m->date)) return false;
    return RoleCompatible(k.place, c.place) && RoleCompatible(k.from, c.from) &&
           RoleCompatible(k.to, c.to) && RoleCompatible(k.via, c.via) &&
           RoleCompatible(k.object, c.object);
  }
  bool MayFuse(const Cluster& k, const Claim& c, const std::vector<Claim>& claims, Occurrence occ) const;
  void Add(Cluster* k, const Claim& c, uint32_t idx) const;
  void Bucket(std::vector<Claim>& claims, size_t b, size_t e);
  std::string Evidence(const Claim& c, bool date = true) const;
  std::string Position(const Cluster& k, const std::vector<Claim>& claims, std::string_view field) const;
  void Conflict(const std::vector<Claim>& claims, std::vector<Cluster>& clusters,
                const std::vector<size_t>& involved, std::string_view field);
  std::string PlaceName(int32_t e) const {
    return e < 0 ? "?" : facts_->entities[static_cast<size_t>(e)].name;
  }

  bool LoneOccurrencesMeet(const Cluster& a, const Cluster& c) const;
  static int SpanDays(const std::vector<Claim>& claims, const Cluster& k);
  static bool LengthsDiffer(int a, int b);
  // Every claim of the cluster that states its date tells a repetition.
  static bool Repeated(const std::vector<Claim>& claims, const Cluster& k) {
    bool any = false;
    for (uint32_t ci : k.claims) {
      if (!claims[ci].date_stated) continue;
      if (!claims[ci].again) return false;
      any = true;
    }
    return any;
  }
  static bool LengthsDisagree(const std::vector<Claim>& claims, const Cluster& a, const Cluster& c);

  std::optional<Claim> MakeClaim(uint32_t di, uint32_t ei) const;
  void MirrorSpouses(std::vector<Claim>* claims) const;
  void TraceBucket(const std::vector<Claim>& claims, const std::vector<Cluster>& clusters,
                   const std::vector<size_t>& eligible) const;

  const Resolved& r_;
  FactBase* facts_;
  const size_t batch_claims_;  // subjects are fused in batches of about this many claims
  const BatchSink* sink_;      // takes each batch's events and conflicts; null: kept in facts_
  const bool trace_;  // CAIRN_TRACE_CONFLICTS set: print every bucket of two or more events
};

// A marriage, engagement or divorce is both spouses': "In 1954 she married
// X" tells X's marriage too, with her as its object, unless the sentence
// already gives X that event.
void EventPass::MirrorSpouses(std::vector<Claim>* claims) const {
  const size_t n = claims->size();
  for (size_t i = 0; i < n; ++i) {
    const Claim c = (*claims)[i];
    const EventTypeInfo* info = EventType(c.type);
    if (!info || !info->shared) continue;
    if (c.object < 0 || c.object == c.subject) continue;
    if (facts_->entities[static_cast<size_t>(c.object)].type != EntityType::kPerson) continue;
    bool told = false;
    for (size_t j = 0; j < n && !told; ++j) {
      const Claim& o = (*claims)[j];
      told = o.doc == c.doc && o.subject == c.object && o.type == c.type &&
             o.m->sentence == c.m->sentence;
    }
    if (told) continue;
    Claim m = c;
    m.subject = c.object;
    m.object = c.subject;
    m.attributed = c.attributed == c.object ? -1 : c.attributed;
    claims->push_back(std::move(m));
  }
}

// One line per event of the bucket: its date, stated or not, its documents
// and whether it may take part in a conflict.
void EventPass::TraceBucket(const std::vector<Claim>& claims, const std::vector<Cluster>& clusters,
                            const std::vector<size_t>& eligible) const {
  const Claim& c0 = claims[clusters.front().claims.front()];
  std::fprintf(stderr, "cairn: conflicts: %s %.*s: %zu events\n",
               facts_->entities[static_cast<size_t>(c0.subject)].name.c_str(),
               static_cast<int>(c0.type.size()), c0.type.data(), clusters.size());
  for (size_t i = 0; i < clusters.size(); ++i) {
    const Cluster& k = clusters[i];
    std::string line = "  [" + std::to_string(i) + "] " + DescribeDate(k.date) +
                       " place=" + PlaceName(k.place) + " to=" + PlaceName(k.to) +
                       " object=" + PlaceName(k.object);
    line +=
        std::find(eligible.begin(), eligible.end(), i) == eligible.end() ? " (not eligible)" : "";
    for (uint32_t ci : k.claims) {
      const Claim& c = claims[ci];
      const Document& d = *r_.docs[c.doc];
      line += "\n      " + (d.name.empty() ? d.id : d.name) +
              (c.date_stated ? " stated " : " unstated ") + "'" + c.m->date.text +
              "': " + Abbreviate(d.Slice(Span{c.begin, c.end}), 80);
      for (const DateInterval& o : c.other_dates) line += " [also " + DescribeDate(o) + "]";
    }
    std::fprintf(stderr, "%s\n", line.c_str());
  }
}

// Two clusters of a repeatable type that share no object, destination or
// facility are one occurrence told twice only when their dates are both
// known and lie within a year of each other and nothing they name differs.
bool EventPass::LoneOccurrencesMeet(const Cluster& a, const Cluster& c) const {
  if (!a.date.closed() || !c.date.closed()) return false;
  constexpr Day kNear = 366;
  Day gap = std::max(*a.date.earliest - *c.date.latest, *c.date.earliest - *a.date.latest);
  if (gap > kNear) return false;
  return RoleCompatible(a.place, c.place) && RoleCompatible(a.to, c.to) &&
         RoleCompatible(a.from, c.from) && RoleCompatible(a.object, c.object);
}

// The stated length a claim of the cluster counted its date from, -1 when none.
int EventPass::SpanDays(const std::vector<Claim>& claims, const Cluster& k) {
  for (uint32_t ci : k.claims) {
    if (claims[ci].span_days > 0 && claims[ci].date_stated) return claims[ci].span_days;
  }
  return -1;
}

// True when each cluster has a claim whose date was counted from a stated
// length and the two lengths differ by a quarter or more and by half a year
// or more ("about two years" vs. "about a year").
bool EventPass::LengthsDisagree(const std::vector<Claim>& claims, const Cluster& a,
                                const Cluster& c) {
  int la = SpanDays(claims, a), lc = SpanDays(claims, c);
  return la > 0 && lc > 0 && LengthsDiffer(la, lc);
}

bool EventPass::LengthsDiffer(int a, int b) {
  int lo = std::min(a, b), hi = std::max(a, b);
  return hi - lo >= 180 && hi * 4 >= lo * 5;
}

bool EventPass::MayFuse(const Cluster& k, const Claim& c, const std::vector<Claim>& claims,
                        Occurrence occ) const {
  // Two stays told with lengths that disagree are two positions, not one event
  // (rule span-length).
  if (c.span_days > 0 && c.date_stated) {
    for (uint32_t i : k.claims) {
      const Claim& o = claims[i];
      if (o.doc != c.doc && o.span_days > 0 && o.date_stated &&
          LengthsDiffer(o.span_days, c.span_days))
        return false;
    }
  }
  for (uint32_t i : k.claims) {
    const Claim& o = claims[i];
    if (o.doc == c.doc && o.m->sentence == c.m->sentence) return Agree(k, c);
  }
  if (!Agree(k, c)) return false;
  bool same_doc = k.docs.count(c.doc) > 0;
  if (occ == Occurrence::kOnce) return true;
  if (same_doc) return false;
  if (occ == Occurrence::kUsuallyOnce) return true;
  // Repeatable: only with positive evidence of the same occurrence; two posts named
  // differently ("first secretary", "acting head") are two occurrences.
  if (!k.detail_norm.empty() && !c.detail_norm.empty() &&
      k.detail_norm.find(c.detail_norm) == std::string::npos &&
      c.detail_norm.find(k.detail_norm) == std::string::npos)
    return false;
  if (k.object >= 0 && k.object == c.object) return true;
  if (k.to >= 0 && k.to == c.to) return true;
  // The same river or border post: "waded across the Tumen in the spring of
  // 1998" is the "crossed the Tumen into China in March 1998" of another text.
  if (k.via >= 0 && k.via == c.via) return true;
  if (k.place >= 0 && k.place == c.place) return true;
  if (!k.detail_norm.empty() && k.detail_norm == c.detail_norm) return true;
  return false;
}

void EventPass::Add(Cluster* k, const Claim& c, uint32_t idx) const {
  const DateInterval& d = c.m->date;
  if (k->claims.empty()) {
    k->date = d;
  } else if (d.known()) {
    // Both claims hold: the intersection, as tight as the evidence allows;
    // the text of the narrower claim.
    if (!d.text.empty() && (k->date.text.empty() || d.Within(k->date))) k->date.text = d.text;
    if (d.earliest && (!k->date.earliest || *d.earliest > *k->date.earliest)) k->date.earliest = d.earliest;
    if (d.latest && (!k->date.latest || *d.latest < *k->date.latest)) k->date.latest = d.latest;
    if (d.precision > k->date.precision) k->date.precision = d.precision;
  }
  k->claims.push_back(idx);
  k->docs.insert(c.doc);
  k->place = Narrower(k->place, c.place);
  k->from = Narrower(k->from, c.from);
  k->to = Narrower(k->to, c.to);
  k->via = Narrower(k->via, c.via);
  k->object = Narrower(k->object, c.object);
  if (k->detail_norm.empty()) k->detail_norm = c.detail_norm;
}

std::string EventPass::Evidence(const Claim& c, bool date) const {
  const Document& d = *r_.docs[c.doc];
  std::string out = d.name.empty() ? d.id : d.name;
  out += ": '";
  std::string quote = Abbreviate(d.Slice(Span{c.begin, c.end}), 90);
  out += c.m->date.text.empty() || !date ? quote : c.m->date.text;
  out += "'";
  if (!date) return out;
  // An age or a relative date: say what it was counted from.
  for (const Timex& t : d.timexes) {
    if (t.sentence != c.m->sentence || !t.anchored) continue;
    if (t.kind != Timex::Kind::kAge && t.kind != Timex::Kind::kRelative) continue;
    if (!c.m->date.text.empty() && d.Slice(t.span) != c.m->date.text) continue;
    if (auto ref = d.ReferenceDateAt(t.span.begin)) {
      out += " on " + FormatDay(*ref);
      break;
    }
  }
  return out;
}

std::string EventPass::Position(const Cluster& k, const std::vector<Claim>& claims,
                                std::string_view field) const {
  std::string value = field == "date" ? DescribeDate(k.date) : PlaceName(RoleOf(k, field));
  // The evidence is a claim that states the value.
  uint32_t first = k.claims.front();
  for (uint32_t i : k.claims) {
    const Claim& c = claims[i];
    if (field == "date" ? c.date_stated : RoleOf(c, field) >= 0) {
      first = i;
      break;
    }
  }
  // A place: the claim that names the very place, when one does.
  for (uint32_t i : k.claims) {
    if (field != "date" && RoleOf(claims[i], field) == RoleOf(k, field)) {
      first = i;
      break;
    }
  }
  return value + " (" + Evidence(claims[first], field == "date") + ")";
}

void EventPass::Conflict(const std::vector<Claim>& claims, std::vector<Cluster>& clusters,
                         const std::vector<size_t>& involved, std::string_view field) {
  const Claim& first = claims[clusters[involved.front()].claims.front()];
  const EntityRecord& subj = facts_->entities[static_cast<size_t>(first.subject)];
  ConflictRecord cr;
  cr.subject = subj.id;
  cr.type = std::string(first.type);
  cr.field = std::string(field);
  cr.id = "cf" + HashHex(cr.subject + "|" + cr.type + "|" + cr.field);
  std::string verb = DescribeEventType(first.type);
  for (size_t n = 0; n < involved.size(); ++n) {
    const Cluster& k = clusters[involved[n]];
    ConflictRecord::Claim cl;
    cl.value = field == "date" ? DescribeDate(k.date) : PlaceName(RoleOf(k, field));
    cl.events.push_back(k.event_id);
    // Only the claims that state the value support it: an undated claim
    // fused into a dated event, or a date taken from the dateline, does not.
    for (uint32_t i : k.claims) {
      const Claim& c = claims[i];
      bool states = field == "date" ? c.date_stated : RoleOf(c, field) >= 0;
      if (!states) continue;
      const Document& d = *r_.docs[c.doc];
      if (field == "date" && !c.date_sentence.empty()) {
        cl.sources.push_back(SourceAt(d, c.date_sentence.begin, c.date_sentence.end));
      }
      cl.sources.push_back(SourceAt(d, c.begin, c.end));
    }
    if (n) cr.explanation += " vs. ";
    cr.explanation += verb +
                      (field == "date"   ? " "
                       : field == "to"   ? " to "
                       : field == "from" ? " from "
                                         : " in ") +
                      Position(k, claims, field);
    cr.claims.push_back(std::move(cl));
  }
  cr.explanation = subj.name + ": " + cr.explanation + ".";
  facts_->conflicts.push_back(std::move(cr));
}

void EventPass::Bucket(std::vector<Claim>& claims, size_t b, size_t e) {
  std::vector<Claim> bucket(claims.begin() + static_cast<std::ptrdiff_t>(b),
                            claims.begin() + static_cast<std::ptrdiff_t>(e));
  Occurrence occ = OccurrenceOf(bucket.front().type);
  std::vector<Cluster> clusters;
  for (uint32_t i = 0; i < bucket.size(); ++i) {
    bool placed = false;
    for (Cluster& k : clusters) {
      if (MayFuse(k, bucket[i], bucket, occ)) {
        Add(&k, bucket[i], i);
        placed = true;
        break;
      }
    }
    if (!placed) {
      clusters.emplace_back();
      Add(&clusters.back(), bucket[i], i);
    }
  }

  // Records.
  const EntityRecord& subj = facts_->entities[static_cast<size_t>(bucket.front().subject)];
  auto id_of = [&](int32_t x) { return x < 0 ? std::string() : facts_->entities[static_cast<size_t>(x)].id; };
  for (Cluster& k : clusters) {
    const Claim& c0 = bucket[k.claims.front()];
    const Document& d0 = *r_.docs[c0.doc];
    EventRecord ev;
    ev.id = "ev" + HashHex(subj.id + "|" + std::string(c0.type) + "|" + d0.id + ":" + std::to_string(c0.begin) +
                           ":" + std::to_string(c0.ev));
    k.event_id = ev.id;
    ev.type = std::string(c0.type);
    ev.subject = subj.id;
    ev.date = k.date;
    ev.place = id_of(k.place);
    ev.from = id_of(k.from);
    ev.to = id_of(k.to);
    ev.via = id_of(k.via);
    ev.object = id_of(k.object);
    ev.hedged = true;
    std::set<std::tuple<uint32_t, uint32_t, uint32_t>> seen;
    for (uint32_t i : k.claims) {
      const Claim& c = bucket[i];
      const Document& d = *r_.docs[c.doc];
      if (ev.detail.empty()) ev.detail = c.m->detail;
      if (ev.attributed_to.empty()) ev.attributed_to = id_of(c.attributed);
      if (!c.m->hedged) ev.hedged = false;
      if (seen.emplace(c.doc, c.begin, c.end).second) {
        ev.sources.push_back(SourceAt(d, c.begin, c.end));
      }
    }
    facts_->events.push_back(std::move(ev));
  }
  if (clusters.size() < 2) return;

  // Conflicts, only between different documents.
  std::map<uint32_t, std::set<uint32_t>> sentences_per_doc;
  for (const Claim& c : bucket) sentences_per_doc[c.doc].insert(c.m->sentence);
  // Documents are compared by the claims that state something: an undated
  // claim fused into an event is no support for its date.
  auto stating_docs = [&](const Cluster& k) {
    std::set<uint32_t> out;
    for (uint32_t ci : k.claims) {
      if (bucket[ci].date_stated || bucket[ci].place >= 0) out.insert(bucket[ci].doc);
    }
    return out;
  };
  auto disjoint_docs = [&](const Cluster& a, const Cluster& x) {
    std::set<uint32_t> ax = stating_docs(x);
    for (uint32_t d : stating_docs(a)) {
      if (ax.count(d)) return false;
    }
    return true;
  };
  std::vector<size_t> eligible;
  for (size_t i = 0; i < clusters.size(); ++i) {
    const Cluster& k = clusters[i];
    bool stated = false;
    for (uint32_t ci : k.claims) {
      if (bucket[ci].date_stated || bucket[ci].place >= 0) stated = true;
    }
    if (!stated) continue;
    if (occ == Occurrence::kUsuallyOnce) {
      // Each of its documents tells one occurrence: none of their other
      // dated claims of this type falls outside this one's date.
      bool only = true;
      const std::set<uint32_t> docs = stating_docs(k);
      for (const Claim& c : bucket) {
        if (docs.count(c.doc) && c.m->date.known() && !c.m->date.Overlaps(k.date)) only = false;
      }
      if (!only) continue;
    }
    eligible.push_back(i);
  }
  if (trace_) TraceBucket(bucket, clusters, eligible);
  // Repeatable types conflict only between claims that name the same
  // occurrence: the same object, destination or facility, each named by one
  // occurrence in its document.
  auto keys_of = [&](const Cluster& k) {
    std::vector<std::string> keys;
    if (occ != Occurrence::kRepeatable) {
      keys.push_back("");
      return keys;
    }
    if (k.object >= 0) keys.push_back("o" + std::to_string(k.object));
    if (k.to >= 0) keys.push_back("t" + std::to_string(k.to));
    // Rule return-country: a return goes back to a country; "settled back in South Korea"
    // and "moved back to Seoul" name one going home when each text tells one.
    if (k.to >= 0 && bucket.front().type == "return") {
      const std::string& cc = facts_->entities[static_cast<size_t>(k.to)].country;
      if (!cc.empty()) keys.push_back("c" + cc);
    }
    // A facility (a camp, a prison) names one stay; a city may hold two jobs.
    if (k.place >= 0 && facts_->entities[static_cast<size_t>(k.place)].place_kind == "facility") {
      keys.push_back("p" + std::to_string(k.place));
    }
    // Rule same-post: a post named alike ("promoted to colonel", "made a colonel") is
    // one appointment, as fusion already takes it (MayFuse).
    // "Acting head" is the post of "head", held for the time being.
    if (!k.detail_norm.empty() && k.claims.size() > 0 && bucket[k.claims[0]].type == "employment") {
      std::string post = k.detail_norm;
      if (post.rfind("acting ", 0) == 0) post.erase(0, 7);
      keys.push_back("d" + post);
    }
    return keys;
  };
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i : eligible) {
    for (const std::string& key : keys_of(clusters[i])) groups[key].push_back(i);
  }
  std::map<std::string, std::vector<size_t>> told_twice;  // the groups before the filter
  if (occ == Occurrence::kRepeatable) {
    // Rule lone-occurrence: every cluster also joins the group "*" of
    // claims that name nothing in common; such a pair conflicts only when
    // each document tells this one occurrence of the type and the dates lie
    // within a year of each other (NearDates), as sources that misremember
    // one arrest do ("October 1986" vs. "1985").
    // A career's posts and a writer's books are many by nature: not those.
    const std::string_view t = bucket.front().type;
    if (t != "employment" && t != "education" && t != "publication") {
      for (size_t i : eligible) groups["*"].push_back(i);
    }
    told_twice = groups;
    // A document telling two occurrences with the same key (two crossings
    // into China) cannot say which one another document means.
    for (auto& [key, members] : groups) {
      std::map<uint32_t, int> per_doc;
      for (size_t i : members) {
        for (uint32_t d : clusters[i].docs) ++per_doc[d];
      }
      std::vector<size_t> kept;
      for (size_t i : members) {
        bool unique = true;
        for (uint32_t d : clusters[i].docs) unique = unique && per_doc[d] == 1;
        if (unique) kept.push_back(i);
      }
      members = std::move(kept);
    }
  }
  std::vector<size_t> date_involved, place_involved, to_involved;
  // A quote that also writes a date fitting the other side.
  auto fits_other = [&](const Cluster& one, const Cluster& two) {
    for (uint32_t ci : one.claims) {
      // Only a claim that states its date may have taken the wrong one.
      if (!bucket[ci].date_stated) continue;
      for (const DateInterval& o : bucket[ci].other_dates) {
        if (o.Overlaps(two.date)) return true;
      }
    }
    return false;
  };
  auto date_stated = [&](const Cluster& one) {
    for (uint32_t ci : one.claims) {
      if (bucket[ci].date_stated) return true;
    }
    return false;
  };
  for (const auto& [g, members] : groups) {
    for (size_t x = 0; x < members.size(); ++x) {
      for (size_t y = x + 1; y < members.size(); ++y) {
        const Cluster& a = clusters[members[x]];
        const Cluster& c = clusters[members[y]];
        if (!disjoint_docs(a, c)) continue;
        // (A post named alike in two countries is two postings.)
        if (g.size() > 1 && g[0] == 'd' && OtherCountries(a.place, c.place)) continue;
        // Rule again-occurrence: "That June I crossed the Tumen again" is a later crossing
        // than the one another text dates, no second reading of it.
        if (Repeated(bucket, a) || Repeated(bucket, c)) continue;
        if (g == "*" && !LoneOccurrencesMeet(a, c)) continue;
        // A stay dated by its length and one dated by a single day, month or
        // year (its start, its end or a moment of it) are not comparable.
        if (g == "*" && (SpanDays(bucket, a) > 0) != (SpanDays(bucket, c) > 0)) continue;
        // Rule span-length: two stays told with their lengths ("four years in
        // all" vs. "nearly three years") disagree even where the intervals
        // counted from them overlap.
        if (a.date.Overlaps(c.date) && RoleCompatible(a.object, c.object) &&
            LengthsDisagree(bucket, a, c)) {
          date_involved.push_back(members[x]);
          date_involved.push_back(members[y]);
          continue;
        }
        bool dates_claimed =
            date_stated(a) && date_stated(c) && !fits_other(a, c) && !fits_other(c, a);
        // Claims naming different objects are different occurrences.
        if (dates_claimed && a.date.known() && c.date.known() && !a.date.Overlaps(c.date) &&
            RoleCompatible(a.object, c.object)) {
          date_involved.push_back(members[x]);
          date_involved.push_back(members[y]);
        } else if (occ == Occurrence::kOnce && a.date.Overlaps(c.date) &&
                   !RoleCompatible(a.place, c.place)) {
          place_involved.push_back(members[x]);
          place_involved.push_back(members[y]);
        } else if (occ == Occurrence::kUsuallyOnce && a.date.Overlaps(c.date)) {
          // One occurrence told by two documents with places in different
          // countries: "reached South Korea" vs. "resettled in Japan". A city
          // inside the other's country agrees (RoleCompatible fused them).
          if (OtherCountries(a.to, c.to)) {
            to_involved.push_back(members[x]);
            to_involved.push_back(members[y]);
          } else if (OtherCountries(a.place, c.place)) {
            place_involved.push_back(members[x]);
            place_involved.push_back(members[y]);
          }
        }
      }
    }
  }
  // Rule nearest-occurrence: a document that tells two occurrences with one key
  // ("married him in 1954 ... remarried him in 1983") is still compared with one
  // that tells a single one: a date that fits none of the first's, a year at most
  // from the nearest, is that occurrence misdated ("married in 1953").
  for (const auto& [g, all] : told_twice) {
    if (g == "*") continue;
    const std::vector<size_t>& kept = groups[g];
    for (size_t x : kept) {
      const Cluster& a = clusters[x];
      if (!a.date.closed() || !date_stated(a)) continue;
      std::map<uint32_t, std::vector<size_t>> several;  // document -> its occurrences
      for (size_t y : all) {
        if (std::find(kept.begin(), kept.end(), y) != kept.end()) continue;
        for (uint32_t d : clusters[y].docs) several[d].push_back(y);
      }
      for (const auto& [d, ys] : several) {
        if (a.docs.count(d)) continue;
        bool fits = false;
        size_t nearest = 0;
        Day nearest_gap = 367;
        for (size_t y : ys) {
          const Cluster& c = clusters[y];
          if (!c.date.closed() || c.date.Overlaps(a.date)) {
            fits = true;
            break;
          }
          Day gap = std::max(*a.date.earliest - *c.date.latest, *c.date.earliest - *a.date.latest);
          if (gap < nearest_gap) {
            nearest_gap = gap;
            nearest = y;
          }
        }
        if (fits || nearest_gap > 366) continue;
        const Cluster& c = clusters[nearest];
        if (!disjoint_docs(a, c) || !date_stated(c) || fits_other(a, c) || fits_other(c, a))
          continue;
        date_involved.push_back(x);
        date_involved.push_back(nearest);
      }
    }
  }
  for (auto* v : {&date_involved, &place_involved, &to_involved}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  if (date_involved.size() >= 2) Conflict(bucket, clusters, date_involved, "date");
  if (place_involved.size() >= 2) Conflict(bucket, clusters, place_involved, "place");
  if (to_involved.size() >= 2) Conflict(bucket, clusters, to_involved, "to");
}

// The claim of event mention `ei` of document `di`, when it has a person as
// its subject and a type.
std::optional<Claim> EventPass::MakeClaim(uint32_t di, uint32_t ei) const {
  const Document& d = *r_.docs[di];
  const auto& ent = r_.entity_of[di];
  auto role = [&](int32_t local) -> int32_t {
    if (local < 0 || static_cast<size_t>(local) >= ent.size()) return -1;
    return ent[static_cast<size_t>(local)];
  };
  const EventMention& m = d.events[ei];
  Claim c;
  c.subject = role(m.subject);
  if (c.subject < 0 || m.type.empty()) return std::nullopt;
  if (facts_->entities[static_cast<size_t>(c.subject)].type != EntityType::kPerson) {
    return std::nullopt;
  }
  c.doc = di;
  c.ev = ei;
  c.type = m.type;
  c.m = &m;
  c.place = role(m.place);
  c.from = role(m.from);
  c.to = role(m.to);
  c.via = role(m.via);
  c.object = role(m.object);
  c.attributed = role(m.attributed_to);
  c.detail_norm = NormalizeLabel(m.detail);
  Span q = m.quote;
  if (q.empty() && m.sentence < d.sentences.size()) q = d.sentences[m.sentence].span;
  if (q.end > d.text.size() || q.begin > q.end) q = Span{0, 0};
  c.begin = q.begin;
  c.end = q.end;
  if (m.date.earliest && m.date.latest && *m.date.earliest == *m.date.latest) {
    std::optional<Day> ref = d.ReferenceDateAt(q.begin);
    bool written = !m.date.text.empty() && d.Slice(q).find(m.date.text) != std::string_view::npos;
    c.dateline_date = ref && *ref == *m.date.earliest && !written;
  }
  c.date_stated = m.date.known() && !c.dateline_date && !m.date.text.empty() &&
                  d.Slice(Span{c.begin, c.end}).find(m.date.text) != std::string_view::npos;
  if (m.date.known() && !c.dateline_date && !c.date_stated && !m.date.text.empty() &&
      m.sentence < d.sentences.size()) {
    // The nearest earlier sentence of the same paragraph that writes it.
    const uint32_t para = d.sentences[m.sentence].paragraph;
    for (uint32_t back = 1; back <= m.sentence; ++back) {
      const Sentence& prev = d.sentences[m.sentence - back];
      if (prev.paragraph != para) break;
      if (d.Slice(prev.span).find(m.date.text) != std::string_view::npos) {
        c.date_stated = true;
        c.date_sentence = prev.span;
        break;
      }
    }
  }
  {
    // The cue counts in the trigger's own phrase, up to the next comma or stop.
    std::string_view phrase = d.Slice(Span{c.begin, c.end});
    const size_t trig = m.trigger.empty() ? std::string_view::npos : phrase.find(m.trigger);
    phrase = trig == std::string_view::npos ? std::string_view() : phrase.substr(trig);
    phrase = phrase.substr(0, phrase.find_first_of(",.;:"));
    for (std::string_view cue : {" again", " once more", " a second time"}) {
      const size_t at = phrase.find(cue);
      const size_t after = at + cue.size();
      if (at != std::string_view::npos &&
          (after == phrase.size() || !std::isalnum(static_cast<unsigned char>(phrase[after]))))
        c.again = true;
    }
  }
  // Only the timexes inside the quote when the document's are in text order (else all).
  const DocOrder& order = OrderOf(di);
  auto timex_from = d.timexes.begin();
  if (order.timexes_sorted)
    timex_from = std::lower_bound(
        d.timexes.begin(), d.timexes.end(), c.begin,
        [](const Timex& a, uint32_t begin) { return a.span.begin < begin; });
  for (auto it = timex_from; it != d.timexes.end(); ++it) {
    const Timex& t = *it;
    if (order.timexes_sorted && t.span.begin >= c.end) break;
    if (t.span.begin < c.begin || t.span.end > c.end) continue;
    if (t.kind == Timex::Kind::kDuration && t.duration_days > 0 && m.date.closed()) {
      // The interval spans the stated length (within a tenth, a month at least).
      const int width = *m.date.latest - *m.date.earliest + 1;
      if (std::abs(width - t.duration_days) <= std::max(31, t.duration_days / 10)) {
        c.span_days = t.duration_days;
      }
    }
    if (t.kind != Timex::Kind::kDate && t.kind != Timex::Kind::kRelative) continue;
    if (!t.value.known() || d.Slice(t.span) == m.date.text) continue;
    if (DatesAnotherEvent(d, ei, d.Slice(t.span), order.events_sorted)) continue;
    c.other_dates.push_back(t.value);
  }
  return c;
}

Status EventPass::Run() {
  facts_->events.clear();
  facts_->conflicts.clear();
  // Events of different subjects never fuse nor conflict: the claims are
  // built, fused and freed for one batch of subjects at a time (in subject
  // order, as one batch of them all would fuse them), so a large document's
  // claims are never held at once. A claim joins its subject's batch, and
  // the batch of the spouse it names (MirrorSpouses makes it theirs too).
  const size_t n_entities = facts_->entities.size();
  std::vector<uint32_t> per_subject(n_entities, 0);
  size_t most_claims = 0;  // the claims of every batch, mirrored spouses' at most
  for (uint32_t di = 0; di < r_.docs.size(); ++di) {
    const Document& d = *r_.docs[di];
    const auto& ent = r_.entity_of[di];
    auto person = [&](int32_t local) -> int32_t {
      if (local < 0 || static_cast<size_t>(local) >= ent.size()) return -1;
      const int32_t e = ent[static_cast<size_t>(local)];
      return e >= 0 && facts_->entities[static_cast<size_t>(e)].type == EntityType::kPerson ? e
                                                                                            : -1;
    };
    for (const EventMention& m : d.events) {
      const int32_t s = person(m.subject);
      if (s < 0 || m.type.empty()) continue;
      ++per_subject[static_cast<size_t>(s)];
      ++most_claims;
      const EventTypeInfo* info = EventType(m.type);
      if (info && info->shared && person(m.object) >= 0) ++most_claims;
    }
  }
  // Every claim becomes at most one event (of a large document, nearly
  // every claim its own): room for them all at once, never doubled; with a
  // sink, room for one batch's.
  if (sink_ == nullptr) facts_->events.reserve(most_claims);
  // Events by person, then date (unknown last), then type; conflicts by
  // person. A batch's subjects all come after the batches' before it, so
  // sorting each batch's records sorts them all.
  std::unordered_map<std::string, size_t> pos;
  for (size_t i = 0; i < facts_->entities.size(); ++i) pos.emplace(facts_->entities[i].id, i);
  auto event_less = [&](const EventRecord& a, const EventRecord& b) {
    size_t pa = pos[a.subject], pb = pos[b.subject];
    if (pa != pb) return pa < pb;
    bool ka = a.date.earliest || a.date.latest, kb = b.date.earliest || b.date.latest;
    if (ka != kb) return ka;
    Day da = a.date.earliest ? *a.date.earliest : (a.date.latest ? *a.date.latest : 0);
    Day db = b.date.earliest ? *b.date.earliest : (b.date.latest ? *b.date.latest : 0);
    if (da != db) return da < db;
    return a.type < b.type;
  };
  auto conflict_less = [&](const ConflictRecord& a, const ConflictRecord& b) {
    size_t pa = pos[a.subject], pb = pos[b.subject];
    if (pa != pb) return pa < pb;
    return std::tie(a.type, a.field) < std::tie(b.type, b.field);
  };
  const size_t batch = std::max<size_t>(batch_claims_, 1);
  std::vector<Claim> claims;
  for (size_t lo = 0; lo < n_entities;) {
    size_t hi = lo, n = 0;
    while (hi < n_entities && (hi == lo || n + per_subject[hi] <= batch)) n += per_subject[hi++];
    const size_t first_event = facts_->events.size();
    const size_t first_conflict = facts_->conflicts.size();
    if (sink_ != nullptr) facts_->events.reserve(n);
    auto in_batch = [&](int32_t e) {
      return e >= 0 && static_cast<size_t>(e) >= lo && static_cast<size_t>(e) < hi;
    };
    claims.clear();
    for (uint32_t di = 0; di < r_.docs.size(); ++di) {
      const Document& d = *r_.docs[di];
      const auto& ent = r_.entity_of[di];
      auto role = [&](int32_t local) -> int32_t {
        if (local < 0 || static_cast<size_t>(local) >= ent.size()) return -1;
        return ent[static_cast<size_t>(local)];
      };
      for (uint32_t ei = 0; ei < d.events.size(); ++ei) {
        const EventMention& m = d.events[ei];
        if (!in_batch(role(m.subject))) {
          // Only a shared event naming a spouse of the batch is read.
          const EventTypeInfo* info = EventType(m.type);
          if (!info || !info->shared || !in_batch(role(m.object))) continue;
        }
        if (std::optional<Claim> c = MakeClaim(di, ei)) claims.push_back(std::move(*c));
      }
    }
    MirrorSpouses(&claims);
    // The spouses' claims read for their mirror belong to another batch.
    claims.erase(std::remove_if(claims.begin(), claims.end(),
                                [&](const Claim& c) { return !in_batch(c.subject); }),
                 claims.end());
    std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
      if (a.subject != b.subject) return a.subject < b.subject;
      if (a.type != b.type) return a.type < b.type;
      if (a.doc != b.doc) return a.doc < b.doc;
      return a.begin < b.begin;
    });
    for (size_t b = 0; b < claims.size();) {
      size_t e = b + 1;
      while (e < claims.size() && claims[e].subject == claims[b].subject &&
             claims[e].type == claims[b].type)
        ++e;
      Bucket(claims, b, e);
      b = e;
    }
    StableSortInPlace(&facts_->events, first_event, event_less);
    std::stable_sort(facts_->conflicts.begin() + static_cast<std::ptrdiff_t>(first_conflict),
                     facts_->conflicts.end(), conflict_less);
    if (sink_ != nullptr) {
      Status st = (*sink_)(&facts_->events, &facts_->conflicts);
      facts_->events.clear();
      facts_->conflicts.clear();
      CAIRN_RETURN_IF_ERROR(st);
    }
    lo = hi;
  }
  return Status::OK();
}

}  // namespace

Status BuildEvents(const Resolved& r, FactBase* facts, size_t batch_claims, const BatchSink* sink) {
  return EventPass(r, facts, batch_claims, sink).Run();
}

}  // namespace cairn::resolve::internal
