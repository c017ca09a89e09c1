// Bounded memory: a large document is segmented, analysed and extracted
// passage by passage (extract::RunInPassages). These tests check the logic,
// not the memory: the passages tile the text and stay bounded, the stages
// only ever see one passage, and the document's facts are exactly those of
// its passages taken one by one, and for a document made of copies of
// ordinary testimonies, those of the testimonies taken separately.
// bench/ingest_bench --big measures the memory itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "extract/extract.h"
#include "extract_fixture.h"
#include "text/segment.h"

namespace cairn {
namespace {

// Three short testimonies of our own, each naming its person in its first
// sentence and dating its events absolutely, as ordinary testimonies do.
const char* const kTestimonies[] = {
    "Jo Myong-suk was born in 1968 in Chongjin.\n\n"
    "She worked as a nurse at a hospital in Chongjin until 1996.\n\n"
    "In March 1998 Jo Myong-suk crossed the Tumen River into China. She lived in Yanji "
    "for three years.\n\n"
    "Chinese police arrested her in Yanji in 2001, and she was repatriated to North Korea "
    "in May 2001.\n\n"
    "Jo Myong-suk arrived in South Korea in 2004.\n",

    "Han Tae-sik was born in 1975 in Hyesan.\n\n"
    "He served in the army from 1993 to 2000.\n\n"
    "Han Tae-sik crossed the Yalu River into China in August 2008. He defected to South "
    "Korea in 2009.\n\n"
    "He now lives in Seoul, where he married in 2012.\n",

    "Ryu Kyong-ae was born in Musan in 1981.\n\n"
    "In 2002 Ryu Kyong-ae fled across the Tumen River to China, where she was sold to a "
    "farmer.\n\n"
    "She escaped in 2006 and travelled through Laos to Thailand.\n\n"
    "Ryu Kyong-ae reached South Korea in 2007.\n",
};

// The stages as ingest runs them, without the parser (these tests are
// about the passages, not the parse).
Status Stages(Document* d) {
  thread_local text::Segmenter segmenter;
  if (Status st = segmenter.Run(d); !st.ok()) return st;
  return extract::Extract(d);
}

Document Whole(std::string text) {
  Document d;
  d.name = "t.txt";
  d.text = std::move(text);
  EXPECT_TRUE(Stages(&d).ok());
  return d;
}

std::string EntityName(const Document& d, int32_t e) {
  return e >= 0 && static_cast<size_t>(e) < d.entities.size() ? d.entities[e].name : "";
}

// An event as a fact: type, subject, date, places, object. `quote` adds the
// sentence that states it (for comparisons at the same offsets).
using Fact = std::tuple<std::string, std::string, std::string, std::string, std::string,
                        std::string, std::string, std::string>;
std::vector<Fact> Facts(const Document& d, bool quote) {
  std::vector<Fact> out;
  for (const EventMention& e : d.events) {
    out.emplace_back(e.type, EntityName(d, e.subject), FormatInterval(e.date),
                     EntityName(d, e.place), EntityName(d, e.from), EntityName(d, e.to),
                     EntityName(d, e.object), quote ? std::string(d.Slice(e.quote)) : "");
  }
  return out;
}

std::set<Fact> FactSet(const Document& d) {
  auto v = Facts(d, false);
  return {v.begin(), v.end()};
}

// Every offset and index of `d` is inside it and consistent.
void ExpectConsistent(const Document& d) {
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    const Sentence& s = d.sentences[i];
    ASSERT_LE(s.span.end, d.text.size());
    ASSERT_LT(s.paragraph, d.paragraphs.size());
    ASSERT_TRUE(d.paragraphs[s.paragraph].span.begin <= s.span.begin &&
                s.span.end <= d.paragraphs[s.paragraph].span.end);
    if (i > 0) {
      ASSERT_LE(d.sentences[i - 1].span.end, s.span.begin);
      ASSERT_EQ(d.sentences[i - 1].end_token, s.first_token);
    }
  }
  for (size_t i = 0; i < d.mentions.size(); ++i) {
    const Mention& m = d.mentions[i];
    ASSERT_LT(m.sentence, d.sentences.size());
    ASSERT_TRUE(d.sentences[m.sentence].span.Contains(m.span.begin));
    ASSERT_GE(m.entity, 0);
    ASSERT_LT(static_cast<size_t>(m.entity), d.entities.size());
    const auto& ms = d.entities[m.entity].mentions;
    ASSERT_NE(std::find(ms.begin(), ms.end(), i), ms.end()) << "mention " << i;
  }
  for (const Timex& t : d.timexes) {
    ASSERT_LT(t.sentence, d.sentences.size());
    ASSERT_TRUE(d.sentences[t.sentence].span.Contains(t.span.begin));
  }
  for (const EventMention& e : d.events) {
    ASSERT_LT(e.sentence, d.sentences.size());
    ASSERT_LE(e.quote.end, d.text.size());
    for (int32_t r : {e.subject, e.place, e.from, e.to, e.via, e.object, e.attributed_to})
      ASSERT_LT(r, static_cast<int32_t>(d.entities.size()));
  }
}

// `copies` rounds of the three testimonies, each testimony followed by two
// blank lines (a gap wider than a paragraph's).
std::string Copies(int copies) {
  std::string text;
  for (int k = 0; k < copies; ++k) {
    for (const char* t : kTestimonies) {
      text += t;
      text += "\n\n";
    }
  }
  return text;
}

TEST(Passages, TileTheTextAtParagraphGapsAndStayBounded) {
  const std::string text = Copies(5);
  for (size_t target : {200u, 700u, 1500u, 2500u}) {
    const auto spans = extract::SplitPassages(text, target);
    ASSERT_GT(spans.size(), 1u) << "target " << target << ", " << text.size() << " bytes";
    uint32_t at = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
      EXPECT_EQ(spans[i].begin, at);
      EXPECT_GT(spans[i].size(), 0u);
      EXPECT_LE(spans[i].size(), 2 * target) << "target " << target;
      at = spans[i].end;
      if (i + 1 < spans.size()) {
        // Each passage but the last ends after a blank line.
        const std::string_view p = std::string_view(text).substr(spans[i].begin, spans[i].size());
        EXPECT_GE(p.size(), target);
        EXPECT_TRUE(p.ends_with("\n\n")) << "target " << target << " passage " << i;
      }
    }
    EXPECT_EQ(at, text.size());
  }
}

TEST(Passages, AWidestGapIsPreferred) {
  // Within the window (target to twice the target) a passage ends at the
  // end of a testimony (two blank lines) rather than at a paragraph gap.
  const std::string text = Copies(6);
  const auto spans = extract::SplitPassages(text, 600);
  for (size_t i = 0; i + 1 < spans.size(); ++i) {
    EXPECT_EQ(text.substr(spans[i].end - 3, 3), "\n\n\n") << "passage " << i;
  }
}

TEST(Passages, AnOverlongLineIsCutAtSpacesOrCharacters) {
  std::string spaced, hangul;
  while (spaced.size() < 5000) spaced += "Kim Young-ho crossed the river ";
  while (hangul.size() < 5000) hangul += "\xEA\xB9\x80\xEC\x98\x81\xED\x98\xB8";  // no spaces
  for (const std::string& text : {spaced, hangul}) {
    const auto spans = extract::SplitPassages(text, 1000);
    ASSERT_GE(spans.size(), 3u);
    for (size_t i = 0; i < spans.size(); ++i) {
      EXPECT_LE(spans[i].size(), 2000u);
      // Never inside a UTF-8 character.
      EXPECT_NE(static_cast<unsigned char>(text[spans[i].begin]) & 0xC0, 0x80u);
      if (i + 1 < spans.size() && &text == &spaced) {
        EXPECT_EQ(text[spans[i].end - 1], ' ');
      }
    }
  }
}

TEST(Passages, FactsAreThePassagesFactsAndEachStageSeesOnePassage) {
  Document doc;
  doc.name = "big.txt";
  doc.text = Copies(8);  // about 8 KB
  doc.date = DayFromCivil(2015, 6, 1);
  extract::PassageOptions options;
  options.passage_bytes = 1000;
  size_t passages = 0, largest = 0, tokens = 0;
  options.on_passage = [&](const Document& sub) {
    ++passages;
    largest = std::max(largest, sub.text.size());
    tokens += sub.tokens.size();
    EXPECT_EQ(sub.date, doc.date) << "the document's date is carried into each passage";
  };
  ASSERT_TRUE(extract::RunInPassages(&doc, Stages, options).ok());
  EXPECT_GT(passages, 4u);
  EXPECT_LE(largest, 2000u);
  EXPECT_TRUE(doc.tokens.empty()) << "no token outlives its passage";
  EXPECT_EQ(doc.sentences.back().end_token, tokens);
  ExpectConsistent(doc);

  // The same passages as documents of their own, their facts in order.
  std::vector<Fact> expected;
  for (Span p : extract::SplitPassages(doc.text, options.passage_bytes)) {
    Document part;
    part.name = "part.txt";
    part.text = doc.text.substr(p.begin, p.size());
    part.date = doc.date;
    ASSERT_TRUE(Stages(&part).ok());
    auto f = Facts(part, true);
    expected.insert(expected.end(), f.begin(), f.end());
  }
  ASSERT_GT(expected.size(), 20u);
  EXPECT_EQ(Facts(doc, true), expected);
}

TEST(Passages, CopiesOfTestimoniesGiveTheTestimoniesFacts) {
  // The facts of the three testimonies, each a document of its own.
  std::set<Fact> separate;
  for (const char* t : kTestimonies) {
    auto f = FactSet(Whole(t));
    ASSERT_FALSE(f.empty()) << t;
    separate.insert(f.begin(), f.end());
  }
  // Twenty copies of them in one document, in passages of 1500 bytes (each
  // testimony is under 500): the same facts.
  Document doc;
  doc.name = "copies.txt";
  doc.text = Copies(20);
  extract::PassageOptions options;
  options.passage_bytes = 1500;
  ASSERT_TRUE(extract::RunInPassages(&doc, Stages, options).ok());
  ExpectConsistent(doc);
  EXPECT_EQ(FactSet(doc), separate);
  // One person per name, however many passages name them.
  for (const char* name : {"Jo Myong-suk", "Han Tae-sik", "Ryu Kyong-ae"}) {
    EXPECT_EQ(std::count_if(doc.entities.begin(), doc.entities.end(),
                            [&](const LocalEntity& e) { return e.name == name; }),
              1)
        << name;
  }
}

TEST(Passages, ADocumentWideProtectionNoteCoversEveryPassage) {
  Document doc;
  doc.name = "protected.txt";
  doc.text = "Names have been changed to protect their families.\n\n" + Copies(4);
  extract::PassageOptions options;
  options.passage_bytes = 600;
  ASSERT_TRUE(extract::RunInPassages(&doc, Stages, options).ok());
  size_t persons = 0;
  for (const LocalEntity& e : doc.entities) {
    if (e.type != EntityType::kPerson) continue;
    ++persons;
    EXPECT_TRUE(e.protected_identity) << e.name;
  }
  EXPECT_GE(persons, 3u);
}

}  // namespace
}  // namespace cairn
