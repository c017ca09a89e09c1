// Events: triggers, roles, subjects, modality, attribution and dates.
//
// EventFinder reads a Document that has been segmented and annotated with
// mentions, entities (names.h) and timexes (timex.h), and fills
// Document::events with one EventMention per asserted event and person:
//
//  1. Triggers from data/event_triggers.tsv, matched in one pass per sentence
//     over lowercased words (hyphenated words kept whole).
//  2. Assertion, NegEx-style (data/modality.tsv): a trigger inside the scope of
//     a negation or irrealis cue ("could not get to", "planned to marry",
//     "awaiting repatriation", "if he were to flee"), a bare infinitive not
//     governed by an implicative verb ("moved there to attend"), an adjective
//     use ("the married couple"), a question or quoted speech is not asserted.
//  3. Subjects: the person in subject position left of the trigger, with
//     pronouns resolved by salience (the most recent subject), "I" resolved to
//     the interview turn's speaker or the part's byline author, plural subjects
//     ("X and Y", "they", "both", "the couple") giving each person the event,
//     relative clauses ("X, who ... married") taking their antecedent; patients
//     of passive or victim events ("was sold", "defrauded him") on either side.
//     A non-person subject ("her parents divorced") gives no event.
//  4. Roles: places by their prepositions (to/into -> to, from -> from,
//     across/through/via -> via, in -> place), border pairs ("the
//     China-North Korea border") and the DMZ inferring a destination; the
//     movement type decided by the destination (South Korea -> defection,
//     North Korea -> return, elsewhere -> border_crossing).
//  5. Dates: a timex in the trigger's clause, else one earlier in the sentence,
//     else the narrative date of the preceding sentences (HeidelTime's
//     narrative reference); ages before a name ("44-year-old X") give births.
//  6. Attribution ("according to X", "X said") and hedging ("reportedly").
//  7. Consolidation: mentions of the same event in one document (same person,
//     type and compatible roles) become one event holding the most precise date.
//
// Named rules, each reported by CAIRN_TRACE_EVENTS when it decides: infobox-row
// ("Born<TAB>3 March 1931, Wonsan"), lifespan ("X (...; 1926 – 2018)"), age-at-death
// ("He was 80." after a dated death), age-at-event ("at the age of 18" from the birth),
// job-title ("X, a former guard at Camp 22", data/job_titles.tsv), detention-span
// ("until 2002, twenty-eight years in all"), own-phrase-date (the date between a trigger
// and the next one is its own), shifted-time ("later", "afterwards", "had" take no
// narrative date), settle-south, china-origin / border-origin (a crossing into China
// starts in North Korea unless the text placed the person elsewhere), leave-and-reach
// ("left X and reached Y" is one journey), predicate-relative ("X is a pianist who
// defected"), subordinate-subject, relative-patient ("arrested my father"),
// conditional-noun ("a defection would ...").
//
// Place rule clause-place: when no preposition placed an event, its own clause may:
// an agent named by a demonym or a place ("caught by Chinese police", "a Seoul court";
// data/demonyms.tsv), an organization named after a place ("died at Seoul National
// University Hospital"), "in the South/North", or a relative "X, where he studied".
// Movement rules: repatriation-ends (to the North, from the country last reached),
// crossing-origin (from the country last reached), embassy-destination ("fled to the
// South Korean consulate" goes to South Korea), movement-site ("landed at Suwon"),
// trafficking-in-china (a sale placed nowhere in a story set in China), return-back
// ("moved back to Seoul", "returned to X" is a return, but out of the North a crossing).
//
// Immutable after construction: share one instance across threads.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace cairn::extract {

class EventFinder {
 public:
  // The process-wide finder built from the embedded data files.
  static const EventFinder& Default();
  EventFinder();
  ~EventFinder();
  EventFinder(const EventFinder&) = delete;
  EventFinder& operator=(const EventFinder&) = delete;

  // REQUIRES: doc segmented; mentions, entities and timexes filled.
  // Replaces doc->events (and may add inferred place entities to doc->entities).
  void Run(Document* doc) const;
  // With `parse` (extract::Options::parse): called once per sentence right before the
  // first read of its parse. Its first failure is returned, after the run completes.
  Status Run(Document* doc, const std::function<Status(uint32_t token)>& parse) const;
  // With `verbs` too (extract::Options::verbs): the parse rules ask for the tags of a
  // sentence first and skip the parse where they prove it cannot change their answer.
  Status Run(Document* doc, const std::function<Status(uint32_t token)>& parse,
             const std::function<Status(uint32_t, std::vector<uint32_t>*)>& verbs) const;

  // Checks a trigger table in the format of data/event_triggers.tsv: every row has a
  // known event type (or move:<class>), forms, and a role of agent|patient; the optional
  // object column is "object" or "-". The error names the file, the line and the value,
  // e.g. "event_triggers.tsv:12: column 'role': 'noun' is not one of agent|patient".
  static Status ValidateTriggers(std::string_view file_name, std::string_view contents);

  // Checks a word-class table in the format of data/word_classes.tsv: one row per known
  // class (aux, preposition, ..., possessive_pronoun), each once, with lowercase words.
  // E.g. "word_classes.tsv:9: column 'class': 'verbs' is not one of aux|preposition|...".
  static Status ValidateWordClasses(std::string_view file_name, std::string_view contents);

  struct Lexicon;  // defined in events.cc

 private:
  std::unique_ptr<Lexicon> lex_;
};

}  // namespace cairn::extract
