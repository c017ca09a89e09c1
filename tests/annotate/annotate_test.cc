// annotate/: CoNLL-U read and written back, brat offsets in code points,
// TimeML values, JSON, and bad CoNLL-U.
#include "annotate/annotate.h"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "core/ud.h"
#include "extract/extract.h"
#include "text/segment.h"

namespace cairn::annotate {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string Written(const Document& doc, Format f, const WriteOptions& o = {}) {
  std::ostringstream out;
  Status st = Write(doc, f, o, out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return out.str();
}

// Segments and extracts `text` as `cairn annotate` does for a document.
Document Read(const std::string& text, std::optional<Day> date = std::nullopt) {
  Document doc;
  doc.name = "test.txt";
  doc.format = "text";
  doc.text = text;
  doc.date = date;
  text::Segmenter seg;
  EXPECT_TRUE(seg.Run(&doc).ok());
  EXPECT_TRUE(extract::Extract(&doc).ok());
  return doc;
}

// Sentences as lists of word forms, read straight from CoNLL-U lines (word
// lines only: no ranges, no empty nodes), independently of ReadConllu.
std::vector<std::vector<std::string>> RawForms(const std::string& conllu) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> cur;
  std::istringstream in(conllu);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      continue;
    }
    if (line[0] == '#') continue;
    std::string id = line.substr(0, line.find('\t'));
    if (id.find_first_of("-.") != std::string::npos) continue;
    size_t a = line.find('\t') + 1;
    cur.push_back(line.substr(a, line.find('\t', a) - a));
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::vector<std::vector<std::string>> DocForms(const Document& doc) {
  std::vector<std::vector<std::string>> out;
  for (const Sentence& s : doc.sentences) {
    std::vector<std::string> forms;
    for (uint32_t t = s.first_token; t < s.end_token; ++t)
      forms.emplace_back(doc.Slice(doc.tokens[t].span));
    out.push_back(forms);
  }
  return out;
}

// ---- CoNLL-U ----------------------------------------------------------------

TEST(ConlluRead, SmallFileGivesItsTextTokensAndSentences) {
  std::string content = ReadAll(fs::path(CAIRN_TEST_DATA_DIR) / "annotate" / "small.conllu");
  auto r = ReadConllu("small.conllu", content);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Document& doc = r->doc;
  EXPECT_EQ(doc.text,
            "She didn't stay in Hyesan. In 1998 Choi Min-jung (최민정) crossed into China.\n\n"
            "“Home,” she said.");
  ASSERT_EQ(doc.sentences.size(), 3u);
  EXPECT_EQ(doc.Slice(doc.sentences[0].span), "She didn't stay in Hyesan.");
  EXPECT_EQ(doc.Slice(doc.sentences[2].span), "“Home,” she said.");
  EXPECT_EQ(doc.paragraphs.size(), 2u);
  EXPECT_EQ(doc.sentences[2].paragraph, 1u);
  EXPECT_EQ(r->sent_ids, (std::vector<std::string>{"small-1", "small-2", "small-3"}));
  // The multiword token's words are tokens; the empty node is not.
  std::vector<std::vector<std::string>> want = {
      {"She", "did", "n't", "stay", "in", "Hyesan", "."},
      {"In", "1998", "Choi", "Min-jung", "(", "최민정", ")", "crossed", "into", "China", "."},
      {"“", "Home", ",", "”", "she", "said", "."}};
  EXPECT_EQ(DocForms(doc), want);
  EXPECT_EQ(RawForms(content), want);
  const Token& hangul = doc.tokens[12];
  EXPECT_EQ(doc.Slice(hangul.span), "최민정");
  EXPECT_TRUE(hangul.Has(kTokHangul));
  EXPECT_FALSE(hangul.Has(kTokSpaceBefore));
  EXPECT_TRUE(doc.tokens[0].Has(kTokSentStart));
  EXPECT_TRUE(doc.tokens[0].Has(kTokUpper));
  EXPECT_TRUE(doc.tokens[6].Has(kTokPunct));
}

TEST(ConlluRoundTrip, SmallFileFormsSentencesAndSpacingSurvive) {
  std::string content = ReadAll(fs::path(CAIRN_TEST_DATA_DIR) / "annotate" / "small.conllu");
  auto first = ReadConllu("small.conllu", content);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  WriteOptions o;
  o.sent_ids = &first->sent_ids;
  std::string written = Written(first->doc, Format::kConllu, o);
  EXPECT_NE(written.find("# sent_id = small-2\n# text = In 1998 Choi Min-jung (최민정) crossed "
                         "into China.\n"),
            std::string::npos)
      << written;
  EXPECT_NE(written.find("6\tHyesan\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"), std::string::npos)
      << written;
  auto second = ReadConllu("written.conllu", written);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(DocForms(second->doc), DocForms(first->doc));
  EXPECT_EQ(second->sent_ids, first->sent_ids);
  // "n't" is glued to "did" in the text, as the multiword token spelled it,
  // and written back with SpaceAfter=No.
  EXPECT_EQ(second->doc.Slice(second->doc.sentences[0].span), "She didn't stay in Hyesan.");
}

TEST(ConlluRoundTrip, EwtDevFormsAndSentenceBoundariesAreIdentical) {
  fs::path ewt = fs::path(CAIRN_SHARED_DIR) / "corpora" / "ud-english-ewt" / "en_ewt-ud-dev.conllu";
  if (!fs::exists(ewt)) GTEST_SKIP() << ewt << " is absent";
  std::string content = ReadAll(ewt);
  auto first = ReadConllu("en_ewt-ud-dev.conllu", content);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  std::vector<std::vector<std::string>> raw = RawForms(content);
  ASSERT_GT(raw.size(), 2000u);
  EXPECT_EQ(DocForms(first->doc), raw);
  WriteOptions o;
  o.sent_ids = &first->sent_ids;
  std::string written = Written(first->doc, Format::kConllu, o);
  EXPECT_EQ(RawForms(written), raw);
  auto second = ReadConllu("written.conllu", written);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(DocForms(second->doc), raw);
  EXPECT_EQ(second->sent_ids, first->sent_ids);
  // Every original sentence's # text is the sentence's text as rebuilt,
  // whenever the file's own SpaceAfter marks agree with it.
  std::istringstream in(content);
  std::string line;
  size_t s = 0, same = 0;
  while (std::getline(in, line))
    if (line.rfind("# text = ", 0) == 0 && s < first->doc.sentences.size())
      same += line.substr(9) == first->doc.Slice(first->doc.sentences[s++].span);
  EXPECT_GT(same, s * 95 / 100) << same << " of " << s;
}

TEST(ConlluWrite, SyntaxColumnsComeFromDocumentSyntax) {
  auto r = ReadConllu("s.conllu",
                      "1\tShe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tfled\t_\t_\t_\t_\t_\t_\t_\t"
                      "SpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Document& doc = r->doc;
  std::string bare = Written(doc, Format::kConllu);
  EXPECT_NE(bare.find("1\tShe\t_\t_\t_\t_\t_\t_\t_\t_\n"), std::string::npos) << bare;
  doc.syntax.resize(3);
  doc.syntax[0] = {static_cast<uint8_t>(ud::Upos::kPron), ud::XposId("PRP"), ud::DeprelId("nsubj"),
                   1};
  doc.syntax[1] = {static_cast<uint8_t>(ud::Upos::kVerb), ud::XposId("VBD"), ud::DeprelId("root"),
                   -1};
  doc.syntax[2] = {static_cast<uint8_t>(ud::Upos::kPunct), ud::XposId("."), ud::DeprelId("punct"),
                   1};
  std::string out = Written(doc, Format::kConllu);
  EXPECT_NE(out.find("1\tShe\t_\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
                     "2\tfled\t_\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
                     "3\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"),
            std::string::npos)
      << out;
  nlohmann::json j = nlohmann::json::parse(Written(doc, Format::kJson));
  EXPECT_EQ(j["sentences"][0]["tokens"][0]["upos"], "PRON");
  EXPECT_EQ(j["sentences"][0]["tokens"][0]["head"], 1);
  EXPECT_EQ(j["sentences"][0]["tokens"][1]["deprel"], "root");
  doc.syntax.pop_back();
  std::ostringstream sink;
  EXPECT_EQ(Write(doc, Format::kConllu, {}, sink).code(), Status::Code::kInternal);
}

TEST(ConlluWrite, EntityTagsInMiscAreBio) {
  Document doc = Read("Choi Min-jung fled from Hyesan to the Tumen River.");
  std::string out = Written(doc, Format::kConllu);
  EXPECT_NE(out.find("\tChoi\t_\t_\t_\t_\t_\t_\t_\tNER=B-PER\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\tjung\t_\t_\t_\t_\t_\t_\t_\tNER=I-PER\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\tHyesan\t_\t_\t_\t_\t_\t_\t_\tNER=B-LOC\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\tTumen\t_\t_\t_\t_\t_\t_\t_\tNER=B-LOC\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\tRiver\t_\t_\t_\t_\t_\t_\t_\tNER=I-LOC|SpaceAfter=No\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n"), std::string::npos) << out;
}

TEST(ConlluRead, BadInputNamesFileAndLine) {
  struct Case {
    std::string content;
    std::string want;
  };
  const std::string w = "\t_\t_\t_\t_\t_\t_\t_\t_\n";
  std::vector<Case> cases = {
      {"Kim crossed the river in 1998.\nShe reached Seoul.\n",
       "bad.conllu:1: expected 10 tab-separated columns"},
      {"1\tA" + w + "3\tB" + w + "\n", "bad.conllu:2: bad ID sequence: 3 where 2 was expected"},
      {"# c\n1\tA" + w + "\n2\tB" + w + "\n",
       "bad.conllu:4: bad ID sequence: 2 where 1 was expected"},
      {"1\tA\t_\t_\t_\t_\t9\t_\t_\t_\n2\tB" + w + "\n", "bad.conllu:1: HEAD 9 out of range"},
      {"1-3\tAB" + w + "1\tA" + w + "2\tB" + w + "\n",
       "bad.conllu:1: multiword token range 1-3 out of range"},
      {"1\tA" + w + "x\tB" + w, "bad.conllu:2: bad ID 'x'"},
      {"1\tA\t_\t_\t_\t_\t_\t_\t_\t_\t_\n",
       "bad.conllu:1: expected 10 tab-separated columns, found 11"},
      {"1\tA" + w + "2\t\xff\xfe" + w, "bad.conllu:2: invalid UTF-8"},
      {"# only a comment\n\n", "bad.conllu: no CoNLL-U sentences"},
  };
  for (const Case& c : cases) {
    auto r = ReadConllu("bad.conllu", c.content);
    ASSERT_FALSE(r.ok()) << c.want;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(r.status().message().rfind(c.want, 0), 0u) << r.status().message();
  }
}

TEST(ConlluRead, ExtractionRunsOnItsTokens) {
  std::string content = ReadAll(fs::path(CAIRN_TEST_DATA_DIR) / "annotate" / "small.conllu");
  auto r = ReadConllu("small.conllu", content);
  ASSERT_TRUE(r.ok());
  Document& doc = r->doc;
  ASSERT_TRUE(extract::Extract(&doc).ok());
  bool crossing = false;
  for (const EventMention& ev : doc.events)
    if (ev.date.text == "1998" ||
        (ev.date.earliest && FormatDay(*ev.date.earliest) == "1998-01-01"))
      crossing = crossing || ev.type == "border_crossing";
  EXPECT_TRUE(crossing) << Written(doc, Format::kJson);
  // "didn't stay" is negated: no event from the first sentence.
  for (const EventMention& ev : doc.events) EXPECT_NE(ev.sentence, 0u) << ev.type;
}

// ---- brat -------------------------------------------------------------------

std::u32string Utf32(std::string_view s) {
  std::u32string out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::string Utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    char buf[4];
    int32_t n = 0;
    UBool err = false;
    U8_APPEND(buf, n, 4, static_cast<UChar32>(c), err);
    (void)err;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

TEST(Brat, OffsetsAreCodePointsThatSliceTheRightWords) {
  const std::string text =
      "“최민정 is not my real name,” she says. Choi Min-jung (최민정) was born in Hyesan in "
      "1972. In March 1998 she crossed the Tumen River into China. She reportedly reached "
      "Seoul in 2002.";
  Document doc = Read(text);
  std::string ann = Written(doc, Format::kBrat);
  std::u32string chars = Utf32(text);
  std::regex t_line(R"(^T(\d+)\t(\S+) (\d+) (\d+)\t(.*)$)");
  std::map<std::string, std::string> t_type, t_text;
  std::multimap<std::string, std::string> by_type;  // type -> text
  std::istringstream in(ann);
  std::string line;
  bool any_multibyte_offset = false;
  while (std::getline(in, line)) {
    std::smatch m;
    if (line[0] != 'T') continue;
    ASSERT_TRUE(std::regex_match(line, m, t_line)) << line;
    size_t b = std::stoul(m[3]), e = std::stoul(m[4]);
    ASSERT_LE(e, chars.size()) << line;
    EXPECT_EQ(Utf8(std::u32string_view(chars).substr(b, e - b)), m[5].str()) << line;
    t_type["T" + m[1].str()] = m[2];
    t_text["T" + m[1].str()] = m[5];
    by_type.emplace(m[2], m[5]);
    if (text.find(m[5].str()) != b) any_multibyte_offset = true;
  }
  EXPECT_TRUE(any_multibyte_offset) << "the test text must make code points differ from bytes";
  auto has = [&](const std::string& type, const std::string& words) {
    auto [a, b] = by_type.equal_range(type);
    for (auto it = a; it != b; ++it)
      if (it->second == words) return true;
    return false;
  };
  EXPECT_TRUE(has("Person", "Choi Min-jung")) << ann;
  EXPECT_TRUE(has("Place", "Hyesan")) << ann;
  EXPECT_TRUE(has("Place", "Tumen River")) << ann;
  EXPECT_TRUE(has("Timex", "March 1998")) << ann;
  EXPECT_TRUE(has("birth", "born")) << ann;
  EXPECT_TRUE(has("border_crossing", "crossed")) << ann;
  // The border crossing's event line names its trigger and roles.
  std::regex e_line(R"(^E(\d+)\t(\S+):(T\d+)((?: \S+:T\d+)*)$)");
  bool crossing = false, hedged = false;
  std::string hedged_event;
  std::istringstream in2(ann);
  while (std::getline(in2, line)) {
    std::smatch m;
    if (line[0] == 'A') {
      EXPECT_EQ(line.substr(line.find('\t') + 1, 7), "Hedged ") << line;
      hedged = true;
      hedged_event = line.substr(line.rfind(' ') + 1);
    }
    if (line[0] != 'E') continue;
    ASSERT_TRUE(std::regex_match(line, m, e_line)) << line;
    EXPECT_EQ(t_type[m[3]], m[2]) << line;
    std::string args = m[4];
    std::regex arg_re(R"((\w+):(T\d+))");
    for (std::sregex_iterator it(args.begin(), args.end(), arg_re), end; it != end; ++it)
      EXPECT_TRUE(t_type.count((*it)[2])) << line;
    if (m[2] == "border_crossing") {
      crossing = true;
      EXPECT_NE(args.find("Subject:"), std::string::npos) << line;
      std::smatch to, date;
      ASSERT_TRUE(std::regex_search(args, to, std::regex(R"(To:(T\d+))"))) << line;
      EXPECT_EQ(t_text[to[1]], "China");
      ASSERT_TRUE(std::regex_search(args, date, std::regex(R"(Date:(T\d+))"))) << line;
      EXPECT_EQ(t_text[date[1]], "March 1998");
    }
  }
  EXPECT_TRUE(crossing) << ann;
  EXPECT_TRUE(hedged) << ann;
  EXPECT_EQ(hedged_event.substr(0, 1), "E");
}

TEST(Brat, NegatedAndIrrealisTriggersGetTheirAttributes) {
  Document doc = Read(
      "Choi Min-jung did not escape that year. Later she planned to flee to China. "
      "In 1998 she crossed the Tumen River into China.");
  std::string ann = Written(doc, Format::kBrat);
  std::regex t_line(R"(^T(\d+)\t(\S+) (\d+) (\d+)\t(.*)$)");
  std::map<std::string, std::string> t_text;     // T -> text
  std::map<std::string, std::string> e_trigger;  // E -> its trigger's T
  std::map<std::string, std::string> attr;       // E -> attribute
  std::istringstream in(ann);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, t_line)) t_text["T" + m[1].str()] = m[5];
    if (std::regex_match(line, m, std::regex(R"(^(E\d+)\t[^:]+:(T\d+).*$)")))
      e_trigger[m[1]] = m[2];
    if (std::regex_match(line, m, std::regex(R"(^A\d+\t(\w+) (E\d+)$)"))) attr[m[2]] = m[1];
  }
  std::map<std::string, std::string> by_word;  // trigger word -> attribute ("" when asserted)
  for (const auto& [e, t] : e_trigger) by_word[t_text[t] + "@" + t] = attr[e];
  int negated = 0, irrealis = 0, asserted = 0;
  for (const auto& [word, a] : by_word) {
    if (word.rfind("escape@", 0) == 0) negated += a == "Negated";
    if (word.rfind("flee@", 0) == 0) irrealis += a == "Irrealis";
    if (word.rfind("crossed@", 0) == 0) asserted += a.empty();
  }
  EXPECT_EQ(negated, 1) << ann;
  EXPECT_EQ(irrealis, 1) << ann;
  EXPECT_EQ(asserted, 1) << ann;
  nlohmann::json j = nlohmann::json::parse(Written(doc, Format::kJson));
  ASSERT_EQ(j["unasserted_events"].size(), 2u) << j.dump();
  EXPECT_EQ(j["unasserted_events"][0]["modality"], "negated");
  EXPECT_EQ(j["unasserted_events"][1]["modality"], "irrealis");
  for (const EventMention& ev : doc.events)
    EXPECT_EQ(ev.modality, EventMention::Modality::kAsserted);
}

TEST(Brat, SpansAcrossLineBreaksAndTabsBecomeFragments) {
  Document doc;
  doc.name = "t.txt";
  doc.text = "최 Korean\tPeople's\nArmy";
  Mention m;
  m.type = EntityType::kOrganization;
  m.span = {4, static_cast<uint32_t>(doc.text.size())};
  doc.mentions.push_back(m);
  std::string ann = Written(doc, Format::kBrat);
  EXPECT_EQ(ann, "T1\tOrganization 2 8;9 17;18 22\tKorean People's Army\n");
}

// ---- TimeML -----------------------------------------------------------------

std::map<std::string, std::pair<std::string, std::string>> Timex3(const std::string& tml) {
  std::map<std::string, std::pair<std::string, std::string>> out;  // text -> (type, value)
  std::regex re(R"re(<TIMEX3 tid="t\d+" type="([A-Z]+)" value="([^"]*)"[^>]*>([^<]*)</TIMEX3>)re");
  for (std::sregex_iterator it(tml.begin(), tml.end(), re), end; it != end; ++it)
    out[(*it)[3]] = {(*it)[1], (*it)[2]};
  return out;
}

TEST(Timeml, ValuesOfNewsAndTestimonyExpressions) {
  const std::string text =
      "She was arrested in 1998. Two years later she reached Seoul. She fled again in April "
      "2004. That summer she married. Famine struck in the 1990s. She was held for five "
      "months. Last month she testified. The hearing was on 14 March 2019. He was a "
      "63-year-old farmer.";
  Document doc = Read(text, ParseDay("2019-05-10"));
  WriteOptions o;
  o.dct = ParseDay("2019-05-10");
  std::string tml = Written(doc, Format::kTimeml, o);
  auto got = Timex3(tml);
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(got["1998"], P("DATE", "1998")) << tml;
  EXPECT_EQ(got["April 2004"], P("DATE", "2004-04")) << tml;
  EXPECT_EQ(got["the 1990s"], P("DATE", "199")) << tml;
  EXPECT_EQ(got["Two years later"], P("DATE", "2000")) << tml;
  EXPECT_EQ(got["That summer"], P("DATE", "2004-SU")) << tml;
  EXPECT_EQ(got["for five months"], P("DURATION", "P5M")) << tml;
  EXPECT_EQ(got["Last month"], P("DATE", "2019-04")) << tml;
  EXPECT_EQ(got["14 March 2019"], P("DATE", "2019-03-14")) << tml;
  EXPECT_EQ(got["63-year-old"], P("DURATION", "P63Y")) << tml;
  EXPECT_NE(tml.find("<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2019-05-10\""),
            std::string::npos);
}

TEST(Timeml, SeasonsDecadesAndEscaping) {
  Document doc =
      Read("In the summer of 1997 & the winter of 1999 <she> hid. In the mid-'90s it was worse.");
  std::string tml = Written(doc, Format::kTimeml);
  auto got = Timex3(tml);
  using P = std::pair<std::string, std::string>;
  EXPECT_EQ(got["the summer of 1997"], P("DATE", "1997-SU")) << tml;
  EXPECT_EQ(got["the winter of 1999"], P("DATE", "1999-WI")) << tml;
  EXPECT_EQ(got["the mid-'90s"], P("DATE", "199")) << tml;
  EXPECT_NE(tml.find(" &amp; "), std::string::npos) << tml;
  EXPECT_NE(tml.find("&lt;she&gt;"), std::string::npos) << tml;
  EXPECT_EQ(tml.find("<DCT>"), std::string::npos) << "no date, no DCT";
}

// ---- JSON -------------------------------------------------------------------

TEST(Json, ParsesAndHoldsEverything) {
  Document doc = Read(
      "Choi Min-jung (최민정) was born in Hyesan in 1972. In March 1998 she crossed "
      "the Tumen River into China.");
  nlohmann::json j = nlohmann::json::parse(Written(doc, Format::kJson));
  EXPECT_EQ(j["text"], doc.text);
  ASSERT_EQ(j["sentences"].size(), 2u);
  EXPECT_EQ(j["sentences"][0]["tokens"][0]["form"], "Choi");
  EXPECT_EQ(j["sentences"][0]["tokens"][0]["ner"], "B-PER");
  bool birth = false, crossing = false;
  for (const auto& ev : j["events"]) {
    if (ev["type"] == "birth") {
      birth = true;
      EXPECT_EQ(ev["date"]["earliest"], "1972-01-01");
      EXPECT_EQ(ev["date"]["latest"], "1972-12-31");
      EXPECT_EQ(j["entities"][ev["subject"].get<int>()]["name"], "Choi Min-jung");
      EXPECT_EQ(j["entities"][ev["place"].get<int>()]["name"], "Hyesan");
    }
    if (ev["type"] == "border_crossing") {
      crossing = true;
      EXPECT_EQ(j["entities"][ev["to"].get<int>()]["name"], "China");
      EXPECT_EQ(ev["quote"]["text"], "In March 1998 she crossed the Tumen River into China.");
    }
  }
  EXPECT_TRUE(birth);
  EXPECT_TRUE(crossing);
  // Code point offsets beside byte offsets: the Hangul name is 3 characters, 9 bytes.
  const auto& hangul = j["sentences"][0]["tokens"][5];
  EXPECT_EQ(hangul["form"], "최민정");
  EXPECT_EQ(hangul["end"].get<int>() - hangul["begin"].get<int>(), 9);
  EXPECT_EQ(hangul["char_end"].get<int>() - hangul["char_begin"].get<int>(), 3);
  EXPECT_FALSE(j["timexes"].empty());
  EXPECT_EQ(j["timexes"][0]["timeml_value"], "1972");
}

TEST(CodePointsTest, CountsCharactersAcrossCheckpoints) {
  std::string s;
  for (int i = 0; i < 300; ++i) s += "가a";  // 4 bytes, 2 code points each
  CodePoints cp(s);
  EXPECT_EQ(cp.At(0), 0u);
  EXPECT_EQ(cp.At(3), 1u);
  EXPECT_EQ(cp.At(4), 2u);
  EXPECT_EQ(cp.At(1000), 500u);
  EXPECT_EQ(cp.At(static_cast<uint32_t>(s.size())), 600u);
}

}  // namespace
}  // namespace cairn::annotate
