// Shared helpers of the extraction tests: run segmentation and extraction over a short
// text of our own, and read the events and entities it gives.
#ifndef CAIRN_TESTS_EXTRACT_EXTRACT_FIXTURE_H_
#define CAIRN_TESTS_EXTRACT_EXTRACT_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/document.h"
#include "extract/extract.h"
#include "syntax/syntax.h"
#include "text/segment.h"

namespace cairn::extract_test {

// The syntax stage as ingest runs it: the shipped model on the sentences holding a
// trigger word. Null when the binary has no model (the parse-reading rules then stay off).
inline syntax::Analyzer* TestAnalyzer() {
  static const std::unique_ptr<syntax::Analyzer> analyzer = [] {
    auto model = syntax::Model::Shipped();
    return model.ok() ? std::make_unique<syntax::Analyzer>(*model) : nullptr;
  }();
  return analyzer.get();
}

// The document `text` after segmentation and extraction, with an optional text date,
// author and title (for the rules that read them). With `parse`, the syntax stage runs
// before extraction, as in ingest (loading the model costs each test process a quarter
// of a second, so only the tests of the parse rules ask for it).
inline Document Analyze(const std::string& text, std::optional<Day> date = std::nullopt,
                        const std::string& author = "", const std::string& title = "",
                        bool parse = false) {
  Document d;
  d.name = "t.txt";
  d.title = title;
  d.text = text;
  d.date = date;
  d.author = author;
  text::Segmenter seg;
  EXPECT_TRUE(seg.Run(&d).ok());
  if (syntax::Analyzer* a = parse ? TestAnalyzer() : nullptr) {
    syntax::RunOptions run;
    run.cue_words = extract::SyntaxCueWords();
    EXPECT_TRUE(a->Run(&d, run).ok());
  }
  EXPECT_TRUE(extract::Extract(&d).ok());
  return d;
}

// Analyze with the syntax stage.
inline Document AnalyzeParsed(const std::string& text, std::optional<Day> date = std::nullopt) {
  return Analyze(text, date, "", "", /*parse=*/true);
}

// The events of one type, in text order.
inline std::vector<const EventMention*> Of(const Document& d, const std::string& type) {
  std::vector<const EventMention*> out;
  for (const EventMention& e : d.events)
    if (e.type == type) out.push_back(&e);
  return out;
}

// An entity's name and country, or "" for none (-1).
inline std::string Name(const Document& d, int entity) {
  return entity >= 0 ? d.entities[entity].name : "";
}
inline std::string Country(const Document& d, int entity) {
  return entity >= 0 ? d.entities[entity].country : "";
}

// An event's date as FormatInterval prints it.
inline std::string Dates(const EventMention& e) { return FormatInterval(e.date); }

}  // namespace cairn::extract_test

#endif  // CAIRN_TESTS_EXTRACT_EXTRACT_FIXTURE_H_
