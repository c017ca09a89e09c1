// Resolution reads a document through Store::LoadForResolution: only the
// mentions whose name split it reads are loaded (a large document holds a
// mention every few dozen bytes, most of them places or repeated names), and
// the entities' mention lists are mapped onto them; only the timexes of the
// events' sentences and quotes. The resolved facts must be exactly those of the whole
// annotations; this test ingests real text through the pipeline (in passages,
// as a large document is read) and compares the two loads and their facts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/ingest_runner.h"
#include "quiet_sink.h"
#include "resolve/resolve.h"
#include "run_cairn.h"
#include "store/store.h"

namespace cairn {
namespace {

using cairn::testing::QuietSink;
using cairn::testing::ScratchDir;
using cairn::testing::WriteFile;

// Testimonies of several people, named in full, by surname, by given name
// and in a spaced form, with places and dates around them.
std::string Story(int i) {
  const char* full[] = {"Kim Young-ho", "Pak Sun-hui", "Ri Chol Min", "Choi Eun-ha"};
  const char* sur[] = {"Kim", "Pak", "Ri", "Choi"};
  const char* given[] = {"Young-ho", "Sun-hui", "Chol Min", "Eun-ha"};
  const char* places[] = {"Hyesan", "Musan", "Hoeryong", "Onsong"};
  const int p = i % 4, q = (i + 1) % 4;
  return std::string(full[p]) + " was born in " + places[p] + " in " + std::to_string(1950 + i) +
         ".\n\nIn March " + std::to_string(1990 + i) + ", " + sur[p] +
         " crossed the Tumen River into China with " + full[q] + ". " + given[p] +
         " was arrested in Yanji in " + std::to_string(1991 + i) + " and sent back to " +
         places[q] + ".\n\n" + given[q] + " reached Seoul in " + std::to_string(2001 + i) +
         ". The harvest of " + std::to_string(1980 + i) + " had been poor.\n\n\n";
}

// Everything a person would see of the facts, in order.
std::string Digest(const FactBase& f) {
  std::string out;
  for (const EntityRecord& e : f.entities) {
    out += "E " + e.id + " " + std::to_string(static_cast<int>(e.type)) + " " + e.name + " [";
    for (const std::string& a : e.aliases) out += a + "|";
    out += "] [";
    for (const std::string& d : e.docs) out += d + "|";
    out += "]" + std::string(e.protected_identity ? " protected" : "") + "\n";
  }
  for (const EventRecord& e : f.events) {
    out += "V " + e.id + " " + e.type + " " + e.subject + " " + FormatInterval(e.date) + " " +
           e.place + " " + e.from + " " + e.to + " " + e.via + " " + e.object + " " + e.detail;
    for (const SourceRef& s : e.sources)
      out += " {" + s.doc + ":" + std::to_string(s.start) + "-" + std::to_string(s.end) + "}";
    out += "\n";
  }
  for (const ConflictRecord& c : f.conflicts)
    out +=
        "C " + c.id + " " + c.subject + " " + c.type + " " + c.field + " " + c.explanation + "\n";
  return out;
}

FactBase ResolveAll(const std::vector<Document>& docs, resolve::Options options = {}) {
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  std::vector<store::EntityLink> links;
  return resolve::Resolver(options).Resolve(ptrs, {}, {}, &links);
}

// Everything of the facts, the conflicts' claims and sources included.
std::string FullDigest(const FactBase& f) {
  std::string out = Digest(f);
  for (const EventRecord& e : f.events) {
    out += e.id + " " + e.attributed_to + (e.hedged ? " hedged" : "");
    for (const SourceRef& s : e.sources) out += " '" + s.quote + "'";
    out += "\n";
  }
  for (const ConflictRecord& c : f.conflicts) {
    for (const ConflictRecord::Claim& cl : c.claims) {
      out += c.id + " " + cl.value;
      for (const std::string& ev : cl.events) out += " " + ev;
      for (const SourceRef& s : cl.sources)
        out += " {" + s.doc + ":" + std::to_string(s.start) + "-" + std::to_string(s.end) + "} '" +
               s.quote + "'";
      out += "\n";
    }
  }
  return out;
}

// Persons told by several documents with other dates (births, crossings and
// arrivals that conflict), one of them long (read in passages by
// IngestStages), and a marriage told by each spouse's document, a year apart.
std::vector<std::string> WriteManyPersons(const ScratchDir& dir) {
  std::vector<std::string> files;
  auto add = [&](const std::string& name, const std::string& text) {
    WriteFile(dir.path() / name, text);
    files.push_back((dir.path() / name).string());
  };
  std::string big;
  for (int i = 0; i < 12; ++i) big += Story(i);
  add("big.txt", big);
  add("a.txt", Story(1) + Story(2));
  add("b.txt", Story(5) + Story(7));
  add("c.txt", Story(3) + Story(6) + Story(9));
  add("d.txt",
      "Han Mi-rae was born in Chongjin in 1962.\n\nIn 1988 Han Mi-rae married Jo Seong-u in "
      "Chongjin.\n");
  add("e.txt",
      "Jo Seong-u was born in Hamhung in 1960.\n\nJo Seong-u married Han Mi-rae in 1989. "
      "Jo Seong-u crossed the Tumen River into China in 1997.\n");
  return files;
}

// Ingest without the parser, big.txt in passages.
cli::Stages IngestStages() {
  cli::IngestOptions options;
  options.syntax = false;
  cli::Stages stages = cli::DefaultStages(options);
  stages.passages.min_document_bytes = 4000;
  stages.passages.passage_bytes = 2000;
  return stages;
}

TEST(ResolutionLoad, OnlyNamedMentionsAreLoadedAndTheFactsAreThoseOfTheWholeAnnotations) {
  ScratchDir dir;
  std::string big;
  for (int i = 0; i < 32; ++i) big += Story(i);
  WriteFile(dir.path() / "big.txt", big);
  WriteFile(dir.path() / "small.txt", Story(1) + Story(2));
  auto store = store::Store::Open((dir.path() / "kb.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  cli::IngestOptions options;
  options.syntax = false;
  cli::Stages stages = cli::DefaultStages(options);
  stages.passages.min_document_bytes = 4000;  // big.txt in passages, small.txt whole
  stages.passages.passage_bytes = 2000;
  QuietSink sink;
  auto sum = cli::RunIngest(
      **store, {(dir.path() / "big.txt").string(), (dir.path() / "small.txt").string()}, stages,
      sink);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  ASSERT_EQ(sum->added, 2u);

  auto list = (*store)->ListDocuments();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  std::vector<Document> whole, lean;
  size_t pruned = 0, kept = 0;
  for (const store::DocumentInfo& info : *list) {
    auto w = (*store)->LoadDocument(info.id, /*with_annotations=*/true);
    auto l = (*store)->LoadForResolution(info.id);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    EXPECT_EQ(l->text, w->text);
    EXPECT_EQ(l->sentences.size(), w->sentences.size());
    // Only the timexes of the events' sentences and quotes, each as stored.
    EXPECT_LT(l->timexes.size(), w->timexes.size()) << info.name;
    EXPECT_EQ(l->timexes.capacity(), l->timexes.size()) << "sized exactly";
    for (const Timex& t : l->timexes) {
      bool in_event = false;
      for (const EventMention& e : w->events)
        in_event |= e.sentence == t.sentence ||
                    (t.span.begin >= e.quote.begin && t.span.end <= e.quote.end);
      EXPECT_TRUE(in_event) << w->Slice(t.span);
      auto same = std::find_if(w->timexes.begin(), w->timexes.end(), [&](const Timex& x) {
        return x.span.begin == t.span.begin && x.span.end == t.span.end &&
               x.sentence == t.sentence && x.value.earliest == t.value.earliest &&
               x.value.latest == t.value.latest && x.value.text == t.value.text &&
               x.anchored == t.anchored && x.kind == t.kind;
      });
      EXPECT_NE(same, w->timexes.end()) << w->Slice(t.span);
    }
    for (const Timex& t : w->timexes) {
      for (const EventMention& e : w->events) {
        if (e.sentence != t.sentence) continue;
        EXPECT_TRUE(std::any_of(l->timexes.begin(), l->timexes.end(),
                                [&](const Timex& x) {
                                  return x.span.begin == t.span.begin && x.span.end == t.span.end;
                                }))
            << "a timex of an event's sentence is loaded: " << w->Slice(t.span);
        break;
      }
    }
    EXPECT_EQ(l->events.size(), w->events.size());
    EXPECT_EQ(l->mentions.capacity(), l->mentions.size()) << "sized exactly";
    EXPECT_EQ(l->events.capacity(), l->events.size()) << "sized exactly";
    ASSERT_EQ(l->entities.size(), w->entities.size());
    // Every loaded mention has a name split, and each entity's list points at
    // the same mention as before, or at none for one without a split.
    for (const Mention& m : l->mentions) EXPECT_FALSE(m.surname.empty() && m.given.empty());
    // Of those, only the first of each surface form of an entity (the one
    // whose split resolution takes).
    for (size_t e = 0; e < w->entities.size(); ++e) {
      const auto& wm = w->entities[e].mentions;
      const auto& lm = l->entities[e].mentions;
      ASSERT_EQ(lm.size(), wm.size()) << "an entity keeps its count of mentions";
      std::vector<std::string_view> forms;
      for (size_t j = 0; j < wm.size(); ++j) {
        ASSERT_LT(wm[j], w->mentions.size());
        const Mention& m = w->mentions[wm[j]];
        const std::string_view form = w->Slice(m.span);
        if ((m.surname.empty() && m.given.empty()) ||
            std::find(forms.begin(), forms.end(), form) != forms.end()) {
          EXPECT_EQ(lm[j], store::Store::kNoMention);
          ++pruned;
          continue;
        }
        forms.push_back(form);
        ASSERT_LT(lm[j], l->mentions.size());
        const Mention& n = l->mentions[lm[j]];
        EXPECT_EQ(n.span.begin, m.span.begin);
        EXPECT_EQ(n.span.end, m.span.end);
        EXPECT_EQ(n.surname, m.surname);
        EXPECT_EQ(n.given, m.given);
        EXPECT_EQ(n.entity, m.entity);
        ++kept;
      }
    }
    EXPECT_LT(l->mentions.size(), w->mentions.size()) << info.name;
    whole.push_back(std::move(*w));
    lean.push_back(std::move(*l));
  }
  EXPECT_GT(pruned, 50u);
  EXPECT_GE(kept, 7u) << "the full names of the four persons of big.txt and three of small.txt";

  const std::string expected = Digest(ResolveAll(whole));
  size_t persons = 0;
  for (const EntityRecord& e : ResolveAll(whole).entities) persons += e.type == EntityType::kPerson;
  EXPECT_GE(persons, 4u) << expected;
  EXPECT_NE(expected.find("\nV "), std::string::npos) << "events were resolved";
  EXPECT_EQ(Digest(ResolveAll(lean)), expected);

  // And UpdateStore, which reads through LoadForResolution, stores the same
  // entities and events (a fresh store: the resolver's own ids are kept).
  ASSERT_TRUE(resolve::UpdateStore(store->get()).ok());
  auto stored = (*store)->LoadFacts();
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->entities.size(), ResolveAll(whole).entities.size());
  EXPECT_EQ(stored->events.size(), ResolveAll(whole).events.size());
}

// Fusion reads, fuses and frees the claims of one batch of persons at a time
// (Options::fusion_batch_claims), so a large document's claims are never
// held at once. Events of different persons never fuse nor conflict, and a
// marriage is mirrored into the spouse's batch: the facts, their order, their
// conflicts and their sources are those of one batch of everyone.
TEST(ResolutionLoad, FusionInBatchesOfPersonsGivesTheFactsOfOneBatch) {
  ScratchDir dir;
  const std::vector<std::string> files = WriteManyPersons(dir);
  auto store = store::Store::Open((dir.path() / "kb.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  cli::Stages stages = IngestStages();
  QuietSink sink;
  auto sum = cli::RunIngest(**store, files, stages, sink);
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  ASSERT_EQ(sum->added, files.size());
  auto list = (*store)->ListDocuments();
  ASSERT_TRUE(list.ok());
  std::vector<Document> docs;
  for (const store::DocumentInfo& info : *list) {
    auto d = (*store)->LoadForResolution(info.id);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    docs.push_back(std::move(*d));
  }

  auto digest = FullDigest;
  resolve::Options all;
  all.fusion_batch_claims = SIZE_MAX;
  const FactBase one = ResolveAll(docs, all);
  const std::string expected = digest(one);
  // The facts are worth comparing: several persons with events, conflicts
  // between documents, and both spouses' marriages.
  size_t persons_with_events = 0, marriages = 0;
  for (const EntityRecord& e : one.entities) {
    if (e.type != EntityType::kPerson) continue;
    persons_with_events += std::any_of(one.events.begin(), one.events.end(),
                                       [&](const EventRecord& v) { return v.subject == e.id; });
  }
  for (const EventRecord& v : one.events) marriages += v.type == "marriage";
  EXPECT_GE(persons_with_events, 6u) << expected;
  EXPECT_GE(one.events.size(), 40u) << expected;
  EXPECT_FALSE(one.conflicts.empty()) << expected;
  EXPECT_GE(marriages, 2u) << "each spouse's marriage\n" << expected;
  for (size_t batch : {size_t{0}, size_t{1}, size_t{2}, size_t{5}, size_t{64}}) {
    resolve::Options o;
    o.fusion_batch_claims = batch;
    EXPECT_EQ(digest(ResolveAll(docs, o)), expected) << "batches of " << batch << " claims";
  }

  // UpdateStore resolves without the quotes, frees the documents' annotations
  // and then fills the quotes in from their texts alone: the same sources.
  resolve::Options lean;
  lean.copy_quotes = false;
  FactBase unquoted = ResolveAll(docs, lean);
  size_t empty = 0;
  for (const EventRecord& e : unquoted.events) {
    for (const SourceRef& s : e.sources) empty += s.quote.empty();
  }
  EXPECT_GT(empty, 40u) << "no quote was copied";
  std::vector<Document> texts;
  for (const Document& d : docs) {
    Document t;
    t.id = d.id;
    t.text = d.text;
    texts.push_back(std::move(t));
  }
  std::vector<const Document*> ptrs;
  for (const Document& d : texts) ptrs.push_back(&d);
  resolve::FillQuotes(ptrs, &unquoted);
  EXPECT_EQ(digest(unquoted), expected);
  size_t conflict_sources = 0;
  for (size_t i = 0; i < one.conflicts.size(); ++i) {
    for (size_t j = 0; j < one.conflicts[i].claims.size(); ++j) {
      const auto& want = one.conflicts[i].claims[j].sources;
      const auto& got = unquoted.conflicts[i].claims[j].sources;
      ASSERT_EQ(got.size(), want.size());
      for (size_t k = 0; k < want.size(); ++k) EXPECT_EQ(got[k].quote, want[k].quote);
      conflict_sources += want.size();
    }
  }
  EXPECT_GT(conflict_sources, 0u);
}

// UpdateStore writes each batch of persons' events and conflicts as soon as
// it is fused, within one write (Store::BeginReplaceFacts), so that a large
// document's fused events are never all held. The store then holds what one
// write of all the facts would: Resolve's facts with their stable ids (a new
// version's person given back its id, the events' references following),
// in order, quoted, for any batch size.
TEST(ResolutionLoad, WritingEachBatchAsItIsFusedStoresTheFactsOfOneWrite) {
  ScratchDir dir;
  std::vector<std::string> files = WriteManyPersons(dir);
  const std::string told =
      "Yun Bo-ra was born in Kaesong in 1970.\n\nYun Bo-ra crossed the Tumen "
      "River into China in 1998.\n";
  // Stored first, so that its persons' ids are not the highest (which the
  // resolver would give out again by itself).
  files.insert(files.begin(), (dir.path() / "f.txt").string());
  std::string expected;
  int run = 0;
  for (size_t batch : {SIZE_MAX, size_t{0}, size_t{1}, size_t{5}}) {
    SCOPED_TRACE("batches of " + std::to_string(batch) + " claims");
    WriteFile(dir.path() / "f.txt", told);
    auto store = store::Store::Open((dir.path() / ("kb" + std::to_string(run++) + ".db")).string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    cli::Stages stages = IngestStages();
    stages.resolve = [batch](store::Store* s) {
      resolve::Options o;
      o.fusion_batch_claims = batch;
      return resolve::UpdateStore(s, o);
    };
    QuietSink sink;
    auto sum = cli::RunIngest(**store, files, stages, sink);
    ASSERT_TRUE(sum.ok()) << sum.status().ToString();
    auto first = (*store)->LoadFacts();
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    if (batch == SIZE_MAX) {
      // One write of Resolve's facts, given their ids as a new store gives them.
      auto list = (*store)->ListDocuments();
      ASSERT_TRUE(list.ok());
      std::vector<Document> docs;
      for (const store::DocumentInfo& info : *list)
        docs.push_back(*(*store)->LoadForResolution(info.id));
      FactBase once = ResolveAll(docs);
      resolve::AssignStableIds({}, {}, &once, nullptr, nullptr);
      EXPECT_EQ(FullDigest(*first), FullDigest(once));
      EXPECT_GE(once.events.size(), 40u);
      EXPECT_FALSE(once.conflicts.empty());
    }
    // A new version of f.txt drops its links: the resolver names its person
    // anew, and the stable ids give the old id back, in its events too.
    WriteFile(dir.path() / "f.txt", told + "Yun Bo-ra reached Seoul in 2002.\n");
    sum = cli::RunIngest(**store, files, stages, sink);
    ASSERT_TRUE(sum.ok()) << sum.status().ToString();
    ASSERT_EQ(sum->updated, 1u);
    auto second = (*store)->LoadFacts();
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_FALSE(*(*store)->FactsStale());
    auto yun = [](const FactBase& f) {
      for (const EntityRecord& e : f.entities)
        if (e.name == "Yun Bo-ra") return e.id;
      return std::string();
    };
    ASSERT_FALSE(yun(*first).empty());
    EXPECT_EQ(yun(*second), yun(*first));
    EXPECT_EQ(std::count_if(second->events.begin(), second->events.end(),
                            [&](const EventRecord& e) { return e.subject == yun(*first); }),
              3);
    std::string got = FullDigest(*first) + "--\n" + FullDigest(*second);
    auto links = (*store)->LoadLinks();
    ASSERT_TRUE(links.ok());
    for (const store::EntityLink& l : *links)
      got += l.doc_id + "#" + std::to_string(l.local) + " " + l.entity_id + "\n";
    if (batch == SIZE_MAX) {
      expected = got;
    } else {
      EXPECT_EQ(got, expected);
    }
  }
}

// A batch that cannot be written (a full disk) stops resolution there: its
// error is returned, and no later batch is fused or handed over.
TEST(ResolutionLoad, ResolveInBatchesStopsAtTheFirstFailure) {
  ScratchDir dir;
  const std::vector<std::string> files = WriteManyPersons(dir);
  auto store = store::Store::Open((dir.path() / "kb.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  QuietSink sink;
  ASSERT_TRUE(cli::RunIngest(**store, files, IngestStages(), sink).ok());
  std::vector<Document> docs;
  auto list = (*store)->ListDocuments();
  ASSERT_TRUE(list.ok());
  for (const store::DocumentInfo& info : *list)
    docs.push_back(*(*store)->LoadForResolution(info.id));
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  resolve::Options o;
  o.fusion_batch_claims = 1;
  const FactBase all = resolve::Resolver(o).Resolve(ptrs, {}, {}, nullptr);
  size_t entities = 0, batches = 0, quoted = 0;
  std::vector<EventRecord> handed;
  auto count_entities = [&](const FactBase& f) {
    entities = f.entities.size();
    EXPECT_TRUE(f.events.empty());
    return Status::OK();
  };
  Status st = resolve::Resolver(o).ResolveInBatches(
      ptrs, {}, {}, nullptr, count_entities,
      [&](std::vector<EventRecord>* ev, std::vector<ConflictRecord>*) {
        handed.insert(handed.end(), ev->begin(), ev->end());
        return ++batches == 3 ? Status::IOError("database or disk is full") : Status::OK();
      });
  EXPECT_EQ(st.code(), Status::Code::kIOError);
  EXPECT_EQ(batches, 3u);
  EXPECT_EQ(entities, all.entities.size());
  ASSERT_LT(handed.size(), all.events.size());
  for (size_t i = 0; i < handed.size(); ++i) EXPECT_EQ(handed[i].id, all.events[i].id);
  for (const EventRecord& e : handed) quoted += !e.sources.at(0).quote.empty();
  EXPECT_EQ(quoted, handed.size()) << "handed over with their quotes";

  // An error before the events: none is fused.
  batches = 0;
  st = resolve::Resolver(o).ResolveInBatches(
      ptrs, {}, {}, nullptr, [](const FactBase&) { return Status::IOError("locked"); },
      [&](std::vector<EventRecord>*, std::vector<ConflictRecord>*) {
        ++batches;
        return Status::OK();
      });
  EXPECT_EQ(st.code(), Status::Code::kIOError);
  EXPECT_EQ(batches, 0u);
}

}  // namespace
}  // namespace cairn
