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

#include <functional>
#include <memory>
#include <string>
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
};

// Runs every extraction stage in order. REQUIRES: doc has been segmented.
Status Extract(Document* doc);
Status Extract(Document* doc, const Options& options);

// The lowercase words that make a sentence worth parsing before extraction: the
// first word of every event trigger form (data/event_triggers.tsv), sorted and
// unique, for syntax::RunOptions::cue_words. Built once; thread-safe.
std::shared_ptr<const std::vector<std::string>> SyntaxCueWords();

}  // namespace cairn::extract
