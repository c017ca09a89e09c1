// Extract: the cascade that turns a segmented Document into mentions,
// entities, temporal expressions and events.
//
//   NameFinder  (names.h)  -> mentions, entities
//   MarkProtected (protect.h) -> which persons' identities are withheld
//   TimeTagger  (timex.h)  -> timexes
//   EventFinder (events.h) -> events: triggers, roles, subjects (pronouns and
//                              speakers resolved), negation and modality,
//                              attribution, hedging, dates
//
// An Extractor is immutable and shared by all threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace cairn::extract {

// How Extract reads the syntax stage's parse (Document::syntax).
struct Options {
  // Parsing on demand: called with a token right before extraction first
  // reads the parse of the sentence holding it, so that only the sentences a
  // parse rule consults need be tagged and parsed (syntax::OnDemand::Ensure,
  // which sized Document::syntax beforehand). Extraction then reads what it
  // left in Document::syntax; its first failure is Extract's. Empty:
  // Document::syntax is read as it is (filled before, or empty: no parse).
  std::function<Status(uint32_t token)> parse;
  // Tagging without parsing, on demand (syntax::OnDemand::Verbs): puts in
  // *verbs the tokens of the sentence holding `token` that its parse would
  // tag VERB. A parse rule that can tell from these alone that the parse
  // cannot change its answer then does not ask for it (`parse` must be set
  // too). Empty: every parse rule asks for the parse it reads.
  std::function<Status(uint32_t token, std::vector<uint32_t>* verbs)> verbs;
  // Tagging on demand, for the name finder (names.h, TagWords): the UPOS of
  // one sentence's token texts by the tagger alone (no parse), asked only for
  // the sentences holding capitalized runs the surface rules leave
  // unexplained. Empty: the name finder reads the tags Document::syntax holds
  // (for the sentences analysed before), else keeps to its surface rules.
  std::function<void(const std::vector<std::string_view>& words, std::vector<uint8_t>* upos)> tag;
};

// Runs every extraction stage in order. REQUIRES: doc has been segmented.
Status Extract(Document* doc);
Status Extract(Document* doc, const Options& options);

// The lowercase words that make a sentence worth parsing before extraction: the
// first word of every event trigger form (data/event_triggers.tsv), sorted and
// unique, for syntax::RunOptions::cue_words. Built once; thread-safe.
std::shared_ptr<const std::vector<std::string>> SyntaxCueWords();

// Bounded memory for large documents (passages.cc). A document of at least
// `min_document_bytes` of text is analysed in passages of whole lines of
// about `passage_bytes` (cut after a blank line when one comes within twice
// that, else after a line end, else inside an overlong line at a space),
// each passage a document of its own to the stages, so their per-word
// records live for one passage only.
struct PassageOptions {
  size_t min_document_bytes = size_t{1} << 20;
  size_t passage_bytes = size_t{256} << 10;
  // Called with each passage after the stages ran on it (tests, benches).
  std::function<void(const Document&)> on_passage;
  // Streaming (the store writing a large document as it is extracted):
  // when set, each passage's mentions, timexes and events (and unasserted
  // triggers), with the document's offsets and indices, are handed over in
  // a Document holding only those arrays, right after the passage is read,
  // and the document keeps none of them: the k-th mention handed over is
  // mention k of the document, as its entities' mention lists say (likewise
  // timexes and events). Its first failure is RunInPassages'.
  std::function<Status(const Document& output)> on_output;
};

// The passages of `text`: consecutive spans that tile it, each of at most
// twice `passage_bytes` (a cut never splits a UTF-8 character).
std::vector<Span> SplitPassages(std::string_view text, size_t passage_bytes);

// Runs `stages` (segment, syntax, extract) on each passage of `doc` as a
// document of its own, carrying the document's title, date, author,
// language and the parts and sections over it, and appends each passage's
// paragraphs, sentences, mentions, entities, timexes and events to `doc`
// with offsets and indices shifted. Entities of the same type and name in
// several passages are one entity; protection cues are applied again over
// the whole document (a document-wide note protects every passage's
// persons). `doc` keeps no tokens and no syntax (Sentence token ranges still
// count them). The facts are those of the passages taken one by one.
// REQUIRES: doc->text holds the whole text; the stages fill what a
// segmented, extracted document holds.
Status RunInPassages(Document* doc, const std::function<Status(Document*)>& stages,
                     const PassageOptions& options = {});

}  // namespace cairn::extract
