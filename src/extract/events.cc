#include "extract/events.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/data.h"
#include "core/event_types.h"
#include "core/ud.h"
#include "extract/gazetteer.h"
#include "extract/timex.h"

namespace cairn::extract {
namespace {

enum class Role : uint8_t { kAgent, kPatient, kNoun };
enum class CueKind : uint8_t { kNegation, kIrrealis, kHedge, kAssert };
enum class CueScope : uint8_t { kForward, kBackward, kSentence, kGovernor, kModal, kAdjacent };

struct TriggerDef {
  std::string type;  // spec type or "move:<class>"
  std::vector<std::string> words;
  Role role = Role::kAgent;
  std::vector<std::string> requires_any;
  std::string detail_after;  // "as", "to", or ""
  bool needs_object = false;  // no event without an organization or work after it
  std::vector<std::string> before_any;  // one must precede the trigger in its clause
  std::vector<std::string> unless_next;  // none may follow the trigger directly
};

struct CueDef {
  std::vector<std::string> words;
  CueKind kind = CueKind::kNegation;
  CueScope scope = CueScope::kForward;
};

std::vector<std::string> SplitWords(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t e = s.find(sep, pos);
    if (e == std::string_view::npos) e = s.size();
    if (e > pos) out.emplace_back(s.substr(pos, e - pos));
    pos = e + 1;
  }
  return out;
}

bool In(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (w == s) return true;
  return false;
}

// Lowercases ASCII and folds the typographic apostrophe to '.
std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x99 ||
         static_cast<unsigned char>(s[i + 2]) == 0x98)) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
  }
  return out;
}

// Closed word classes used by the subject and scope rules: grammar, not lexicon, kept in
// data/word_classes.tsv. Each is a hash set of views into the embedded file, built once,
// so a lookup costs one hash of a short word.
using WordSet = std::unordered_set<std::string_view>;
const WordSet& WordClass(std::string_view name) {
  static const auto* kClasses = [] {
    auto* m = new std::unordered_map<std::string_view, WordSet>();
    auto text = data::Get("word_classes.tsv");
    // The embedded table is checked by the tests; one that fails the check is reported
    // and not read half-way.
    if (text) {
      Status st = EventFinder::ValidateWordClasses("data/word_classes.tsv", *text);
      if (!st.ok()) {
        std::fprintf(stderr, "cairn: %s\n", st.message().c_str());
        text.reset();
      }
    }
    if (text)
      for (const auto& row : data::ParseTsv(*text)) {
        if (row.size() < 2) continue;
        WordSet& set = (*m)[row[0]];
        std::string_view words = row[1];
        for (size_t pos = 0; pos <= words.size();) {
          size_t e = words.find('|', pos);
          if (e == std::string_view::npos) e = words.size();
          if (e > pos) set.insert(words.substr(pos, e - pos));
          pos = e + 1;
        }
      }
    return m;
  }();
  static const WordSet kEmpty;
  auto it = kClasses->find(name);
  return it == kClasses->end() ? kEmpty : it->second;
}

const WordSet& AuxSet() { return WordClass("aux"); }
bool IsAux(std::string_view w) { return AuxSet().count(w) != 0; }
const WordSet& PrepositionSet() { return WordClass("preposition"); }
const WordSet& DeterminerSet() { return WordClass("determiner"); }
const WordSet& GroupWordSet() { return WordClass("group"); }
const WordSet& KinshipSet() { return WordClass("kinship"); }
const WordSet& PunishmentSet() { return WordClass("punishment"); }
const WordSet& ClauseBreakSet() { return WordClass("clause_break"); }
const WordSet& ScopeEndSet() { return WordClass("scope_end"); }
const WordSet& SpeechVerbSet() { return WordClass("speech_verb"); }
const WordSet& NominativePronounSet() { return WordClass("nominative_pronoun"); }
bool IsNominativePronoun(std::string_view w) { return NominativePronounSet().count(w) != 0; }
const WordSet& ObjectPronounSet() { return WordClass("object_pronoun"); }
const WordSet& PossessivePronounSet() { return WordClass("possessive_pronoun"); }
bool IsPossessivePronoun(std::string_view w) { return PossessivePronounSet().count(w) != 0; }
bool IsWorkplace(std::string_view w) { return WordClass("workplace").count(w) != 0; }

bool IsDmz(const LocalEntity& e) {
  std::string n = Lower(e.name);
  return n.find("dmz") != std::string::npos || n.find("demilitarized") != std::string::npos ||
         n.find("demilitarised") != std::string::npos || n.find("panmunjom") != std::string::npos;
}

enum WordClassBit : uint32_t {
  kClsAux = 1u << 0,
  kClsPreposition = 1u << 1,
  kClsDeterminer = 1u << 2,
  kClsGroupWord = 1u << 3,
  kClsKinship = 1u << 4,
  kClsPunishment = 1u << 5,
  kClsClauseBreak = 1u << 6,
  kClsScopeEnd = 1u << 7,
  kClsSpeechVerb = 1u << 8,
  kClsNominativePronoun = 1u << 9,
  kClsObjectPronoun = 1u << 10,
  kClsPossessivePronoun = 1u << 11,
};

// Every closed-class bit of a word in one lookup (built once from the sets above).
uint32_t ClassBits(std::string_view w) {
  static const std::unordered_map<std::string_view, uint32_t>* kMap = [] {
    auto* m = new std::unordered_map<std::string_view, uint32_t>();
    const std::pair<const WordSet*, uint32_t> sets[] = {
        {&AuxSet(), kClsAux},
        {&PrepositionSet(), kClsPreposition},
        {&DeterminerSet(), kClsDeterminer},
        {&GroupWordSet(), kClsGroupWord},
        {&KinshipSet(), kClsKinship},
        {&PunishmentSet(), kClsPunishment},
        {&ClauseBreakSet(), kClsClauseBreak},
        {&ScopeEndSet(), kClsScopeEnd},
        {&SpeechVerbSet(), kClsSpeechVerb},
        {&NominativePronounSet(), kClsNominativePronoun},
        {&ObjectPronounSet(), kClsObjectPronoun},
        {&PossessivePronounSet(), kClsPossessivePronoun},
    };
    for (const auto& [set, bit] : sets)
      for (std::string_view word : *set) (*m)[word] |= bit;
    return m;
  }();
  auto it = kMap->find(w);
  return it == kMap->end() ? 0 : it->second;
}

// data/given_name_genders.tsv: lowercased given name -> 'm' or 'f'. A row whose sex is
// neither is left out (the extraction tests check every row).
const std::unordered_map<std::string, char>& GivenNameSexes() {
  static const std::unordered_map<std::string, char> table = [] {
    std::unordered_map<std::string, char> m;
    if (auto f = data::Get("given_name_genders.tsv")) {
      for (const auto& row : data::ParseTsv(*f)) {
        if (row.size() >= 2 && (row[1] == "m" || row[1] == "f"))
          m.emplace(Lower(row[0]), row[1][0]);
      }
    }
    return m;
  }();
  return table;
}

// A plausible age written as digits: "34".
// A stay abroad that places what happens during it: "during a visit to Vienna", "on a
// trip to Beijing" (rules trip-place and the escape roles).
bool IsTripNoun(std::string_view w) { return WordClass("trip_noun").count(w) != 0; }

// A diplomatic mission (rules mission-anaphor and the post of its head).
bool IsMissionNoun(std::string_view w) { return WordClass("diplomatic_post").count(w) != 0; }

bool IsAge(std::string_view w) {
  if (w.empty() || w.size() > 3) return false;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return v >= 1 && v <= 110;
}

struct Word {
  std::string low;
  uint32_t cls = 0;  // WordClassBit flags
  bool Is(uint32_t bit) const { return (cls & bit) != 0; }
  Span span;
  int mention = -1;  // index into doc->mentions, -1 when none
  bool upper = false;
  bool punct = false;
  int paren = 0;     // parenthesis depth
  bool quoted = false;
};

// One event candidate before consolidation.
struct Candidate {
  EventMention ev;
  bool own_date = false;          // the date came from the event's own sentence
  DateInterval narrative;         // the fallback date of the preceding narrative
  bool single_occurrence = false;
  size_t order = 0;
  int age_at = -1;  // "at the age of 18": the age the event happened at, -1 when none
  bool age_derived = false;  // a birth reckoned from an age ("X, 27,"), not stated
};

}  // namespace

struct EventFinder::Lexicon {
  std::unordered_set<std::string> first_words;  // first words of every trigger and cue
  std::vector<TriggerDef> triggers;
  std::unordered_map<std::string, std::vector<int>> trig_by_first;
  std::vector<CueDef> cues;
  std::unordered_map<std::string, std::vector<int>> cue_by_first;
  std::unordered_set<std::string> job_titles;  // data/job_titles.tsv
  std::unordered_set<std::string> titles;      // data/name_stopwords.tsv "title", lowercase
  // data/subject_cues.tsv: kind -> phrases.
  std::unordered_map<std::string, std::unordered_set<std::string>> subject_cues;
  const std::unordered_set<std::string>& SubjectCues(const std::string& kind) const {
    static const std::unordered_set<std::string> kNone;
    auto it = subject_cues.find(kind);
    return it == subject_cues.end() ? kNone : it->second;
  }
  bool SubjectCue(const std::string& kind, const std::string& phrase) const {
    auto it = subject_cues.find(kind);
    return it != subject_cues.end() && it->second.count(phrase) != 0;
  }
};

Status EventFinder::ValidateTriggers(std::string_view file_name, std::string_view contents) {
  static const std::unordered_set<std::string_view> kMoves = {
      "move:escape", "move:arrive", "move:relocate", "move:return", "move:cross", "move:defect"};
  for (const data::TsvRow& row : data::ParseTsvRows(contents)) {
    const std::vector<std::string_view>& cols = row.fields;
    auto bad = [&](const char* column, std::string_view value, std::string_view want) {
      return data::BadTsvValue(file_name, row.line, column, value, want);
    };
    if (cols.size() < 3) return bad("role", "", "present (need type, forms, role)");
    if (!EventType(cols[0]) && !kMoves.count(cols[0]))
      return bad("type", cols[0], "an event type of the spec or move:<class>");
    if (SplitWords(cols[1], '|').empty()) return bad("forms", cols[1], "a |-separated list");
    if (cols[2] != "agent" && cols[2] != "patient" && cols[2] != "noun")
      return bad("role", cols[2], "one of agent|patient|noun");
    if (cols.size() > 4 && cols[4] != "-" && cols[4].rfind("after:", 0) != 0)
      return bad("detail", cols[4], "after:<word> or -");
    if (cols.size() > 5 && cols[5] != "-" && cols[5] != "object")
      return bad("object", cols[5], "one of object|-");
  }
  return Status::OK();
}

Status EventFinder::ValidateWordClasses(std::string_view file_name, std::string_view contents) {
  static const std::vector<std::string_view> kClasses = {
      "aux",          "preposition", "determiner",         "group",
      "kinship",      "punishment",  "clause_break",       "scope_end",
      "speech_verb",  "nominative_pronoun", "object_pronoun", "possessive_pronoun",
      "trip_noun", "work_noun", "passive_aux", "country_ground", "present_adverb",
      "job_loss_verb", "learning_verb", "hearsay_verb", "happening_verb", "mission_noun",
      "workplace", "diplomatic_post", "border_ground", "people_noun"};
  std::unordered_set<std::string> seen;
  for (const data::TsvRow& row : data::ParseTsvRows(contents)) {
    const std::vector<std::string_view>& cols = row.fields;
    auto bad = [&](const char* column, std::string_view value, std::string_view want) {
      return data::BadTsvValue(file_name, row.line, column, value, want);
    };
    std::string known;
    for (std::string_view c : kClasses) known += (known.empty() ? "" : "|") + std::string(c);
    if (cols.size() < 2) return bad("words", "", "present (need class, words)");
    if (std::find(kClasses.begin(), kClasses.end(), cols[0]) == kClasses.end())
      return bad("class", cols[0], "one of " + known);
    if (!seen.insert(std::string(cols[0])).second)
      return Status::InvalidArgument(std::string(file_name) + ":" + std::to_string(row.line) +
                                     ": column 'class': '" + std::string(cols[0]) +
                                     "' is given twice");
    for (const std::string& w : SplitWords(cols[1], '|'))
      for (char ch : w)
        if (ch == ' ' || (ch >= 'A' && ch <= 'Z'))
          return bad("words", w, "a lowercase word without spaces");
    if (SplitWords(cols[1], '|').empty()) return bad("words", cols[1], "a |-separated list");
  }
  for (std::string_view c : kClasses)
    if (!seen.count(std::string(c)))
      return Status::InvalidArgument(std::string(file_name) + ": class '" + std::string(c) +
                                     "' is missing");
  return Status::OK();
}

// The job titles of data/job_titles.tsv, one word a row.
static void JobTitlesInto(std::unordered_set<std::string>* out) {
  if (auto text = data::Get("job_titles.tsv"))
    for (const auto& row : data::ParseTsv(*text))
      if (!row.empty()) out->emplace(row[0]);
}

// The cues of data/subject_cues.tsv by kind; a row of an unknown kind is reported and
// left out.
static void SubjectCuesInto(std::unordered_map<std::string, std::unordered_set<std::string>>* out) {
  static const std::unordered_set<std::string_view> kKinds = {
      "narration", "narrated", "own_words", "witness", "asker",
      "answerer",  "byline",   "teller",    "self_name"};
  auto text = data::Get("subject_cues.tsv");
  if (!text) return;
  size_t row_no = 0;
  for (const auto& row : data::ParseTsv(*text)) {
    ++row_no;
    if (row.size() < 2 || !kKinds.count(row[0])) {
      std::fprintf(stderr, "cairn: data/subject_cues.tsv: row %zu: kind '%s' is not one of %s\n",
                   row_no, row.empty() ? "" : std::string(row[0]).c_str(),
                   "narration|narrated|own_words|witness|asker|answerer|byline|teller|"
                   "self_name");
      continue;
    }
    (*out)[std::string(row[0])].emplace(row[1]);
  }
}

EventFinder::EventFinder() : lex_(std::make_unique<Lexicon>()) {
  auto triggers = data::Get("event_triggers.tsv");
  // The embedded table is checked by the tests; a table that fails the check is not read
  // half-way but reported and left out.
  if (triggers) {
    Status st = ValidateTriggers("data/event_triggers.tsv", *triggers);
    if (!st.ok()) {
      std::fprintf(stderr, "cairn: %s\n", st.message().c_str());
      triggers.reset();
    }
  }
  if (auto text = triggers) {
    for (const auto& row : data::ParseTsv(*text)) {
      if (row.size() < 3) continue;
      for (const std::string& form : SplitWords(row[1], '|')) {
        TriggerDef t;
        t.type = std::string(row[0]);
        t.words = SplitWords(form, ' ');
        t.role = row[2] == "patient" ? Role::kPatient
                 : row[2] == "noun"  ? Role::kNoun
                                     : Role::kAgent;
        if (row.size() > 3 && row[3] != "-") t.requires_any = SplitWords(row[3], '|');
        if (row.size() > 4 && row[4].substr(0, 6) == "after:") t.detail_after = row[4].substr(6);
        t.needs_object = row.size() > 5 && row[5] == "object";
        if (row.size() > 6 && row[6] != "-") t.before_any = SplitWords(row[6], '|');
        if (row.size() > 7 && row[7] != "-") t.unless_next = SplitWords(row[7], '|');
        if (t.words.empty()) continue;
        lex_->trig_by_first[t.words[0]].push_back(static_cast<int>(lex_->triggers.size()));
        lex_->first_words.insert(t.words[0]);
        lex_->triggers.push_back(std::move(t));
      }
    }
  }
  if (auto text = data::Get("modality.tsv")) {
    for (const auto& row : data::ParseTsv(*text)) {
      if (row.size() < 3) continue;
      CueDef c;
      c.words = SplitWords(row[0], ' ');
      if (c.words.empty()) continue;
      c.kind = row[1] == "negation"   ? CueKind::kNegation
               : row[1] == "irrealis" ? CueKind::kIrrealis
               : row[1] == "hedge"    ? CueKind::kHedge
                                      : CueKind::kAssert;
      c.scope = row[2] == "forward"    ? CueScope::kForward
                : row[2] == "backward" ? CueScope::kBackward
                : row[2] == "sentence" ? CueScope::kSentence
                : row[2] == "governor" ? CueScope::kGovernor
                : row[2] == "adjacent" ? CueScope::kAdjacent
                                       : CueScope::kModal;
      lex_->cue_by_first[c.words[0]].push_back(static_cast<int>(lex_->cues.size()));
      lex_->first_words.insert(c.words[0]);
      lex_->cues.push_back(std::move(c));
    }
  }
  JobTitlesInto(&lex_->job_titles);
  SubjectCuesInto(&lex_->subject_cues);
  if (auto text = data::Get("name_stopwords.tsv"))
    for (const auto& row : data::ParseTsv(*text))
      if (row.size() >= 2 && row[0] == "title") lex_->titles.insert(Lower(row[1]));
}

EventFinder::~EventFinder() = default;

const EventFinder& EventFinder::Default() {
  static const EventFinder* finder = new EventFinder();
  return *finder;
}

namespace {
bool IsBeForm(std::string_view w);  // a form of be or get that makes a passive

// All the per-document state of one Run.
class DocRun {
 public:
  DocRun(const EventFinder::Lexicon& lex, Document* doc,
         const std::function<Status(uint32_t)>* parse = nullptr,
         const std::function<Status(uint32_t, std::vector<uint32_t>*)>* verbs = nullptr)
      : lex_(lex),
        parse_(parse),
        verbs_(verbs),
        doc_(*doc),
        trace_(std::getenv("CAIRN_TRACE_EVENTS") != nullptr) {}
  void Run();
  // The first failure of the parse-on-demand callback.
  const Status& parse_status() const { return parse_status_; }

 private:
  // Sentence-level analysis.
  void BuildWords(const Sentence& s);
  int MatchTrigger(size_t i, size_t* len) const;
  int MatchCue(size_t i, size_t* len) const;
  int MatchTriggerUncached(size_t i, size_t* len) const;
  int MatchCueUncached(size_t i, size_t* len) const;
  bool Asserted(size_t t, size_t tlen) const {
    return Assertion(t, tlen) == EventMention::Modality::kAsserted;
  }
  // Whether the trigger is asserted, and if not, negated or irrealis.
  EventMention::Modality Assertion(size_t t, size_t tlen) const;
  std::vector<int> SubjectsLeft(size_t t, bool* blocked);
  std::vector<int> SubjectsRight(size_t t, size_t tlen) const;
  // The person named by the mention ending at words[i] when it is the subject of a
  // subordinate clause whose verb is words[t]: "since X left", "when X had fled"; -1 else.
  int SubordinateSubject(size_t i, size_t t) const;
  // Rule appositive-relative: "X (...), the film director who ... and who was held": the
  // person an appositive noun phrase before the relative "who" at words[i] stands for.
  int AppositiveAntecedent(size_t i) const;
  bool VerbConjunct(size_t t) const;
  bool InProperName(size_t i) const;
  std::vector<int> AdjunctSubject(size_t i);
  bool RelativeEndDate(size_t t, DateInterval* out) const;
  // Rule companion-group: "With her son she walked ..., and the two ...": the named person
  // of a group the text completes with an unnamed relative, or -1.
  int CompanionOf(size_t t);
  size_t KinPossessive(size_t kin) const;
  size_t OwnerWordBefore(size_t n) const;
  // The persons "the couple", "the pair", "the two" at words[i] stand for: the married
  // pair the text told of, else the group last named, else a companion group.
  std::vector<int> GroupOf(size_t i);
  // Rule family-move: "The family flew out of X and settled in Y": a movement of the
  // family takes the salient person along; -1 when the clause has no such subject.
  int FamilyMover(size_t t) const;
  std::string SettleSouth(const std::vector<int>& subjects, size_t t);
  bool DateInOwnPhrase(size_t from) const;
  void UnnamedSite(const TriggerDef& def, size_t t, size_t tlen, EventMention* ev);
  void CompanionGroup(uint32_t si);
  int KinMover(size_t t, size_t tlen);
  bool InlandTrip(bool own_arrival, const EventMention& ev,
                  const std::vector<int>& subjects) const;
  // Rule unnamed-border: "crossed the border", "waded across the frozen river": the
  // border or river the verb crosses, unnamed.
  bool UnnamedBorder(size_t k) const;
  bool IntransitiveCross(size_t t, size_t tlen, const std::vector<int>& subjects) const;
  bool ToldBefore(const EventMention& ev, const std::vector<int>& subjects) const;
  int LeadDescription(size_t t) const;
  bool EchoesAbduction(size_t t, size_t tlen, EventMention* ev);
  bool ParentTakes(size_t t) const;
  void RelativeDestination(const TriggerDef& def, size_t t, EventMention* ev);
  void RelocationOrigin(const std::vector<int>& subjects, EventMention* ev) const;
  // Rule participle-opener: "Born in X in 1963, he comes ...": the main clause's subject.
  std::vector<int> OpenerSubject(size_t t);
  // Rule learned-role: "the soldier" names the person the text called "soldier X" or
  // "X, a former soldier"; -1 when it did not.
  int RoleHolder(size_t i) const;
  void LearnRoles();
  std::vector<int> ResolvePronoun(std::string_view w, size_t pos);
  std::vector<int> ResolvePronounFor(std::string_view w, size_t pos);
  char SexOf(int p);
  bool SexFits(int p, std::string_view pronoun);
  int PersonAt(size_t i) const;
  int EntityAt(size_t i, EntityType type) const;
  size_t MentionEnd(size_t i) const;
  size_t MentionBegin(size_t i) const;
  // A person mention that can be a subject: not after a preposition ("with Kim"),
  // not a possessor ("Kim's wife").
  bool InSubjectPosition(size_t i) const;
  bool IsPassive(size_t t) const;
  // An infobox row label: the sentence's first word (after a bullet) followed by ':' or a tab.
  bool InfoboxLabel(size_t i) const;
  void Lifespan();
  void AgePredicate();
  void JobTitles();
  // The interval of a detention from its end ("until 1983") and length ("four years").
  bool DetentionSpan(size_t t, DateInterval* out) const;
  // *settled: a rule decided the trigger takes none of the sentence's dates (present-now,
  // present-conjunct), so no parse can give it one.
  DateInterval DateFor(size_t t, bool* own, bool* settled = nullptr) const;
  void FillRoles(const TriggerDef& def, size_t t, size_t tlen, EventMention* ev, size_t* end);
  // Rule clause-place: the place the trigger's own clause gives when no preposition did.
  void ClausePlace(const TriggerDef& def, size_t t, size_t tlen, size_t end, EventMention* ev);
  // Rules embassy-destination and movement-site: "fled to the South Korean consulate" goes
  // to South Korea, "swam to the Chinese bank" to China; "landed at Suwon", "inside the Joint
  // Security Area" is where it happened.
  void MovementSite(size_t t, size_t end, EventMention* ev);
  void ThereIsTheLastPlace(size_t t, size_t tlen, EventMention* ev) const;
  void WhomObject(size_t t, EventMention* ev) const;
  void ThisWasIn();
  void FacilityLater(size_t t, size_t tlen, EventMention* ev) const;
  // The country an agent phrase starting at word k names ("Chinese police", "a Seoul
  // court"), "" when none.
  std::string AgentCountry(size_t k, size_t end) const;
  // Rules repatriation-ends and crossing-origin: the ends of a movement its words leave
  // open, from where the text last placed the person.
  void MovementEnds(int subject, EventMention* ev);
  // The place entity of a gazetteer entry, added to the document when new.
  int GazetteerPlace(int32_t index);
  // The first place (not a country) named inside an organization's name: "Seoul National
  // University Hospital" -> Seoul; -1 when none.
  int PlaceInOrganization(int entity);
  bool WorkplaceAfter(size_t mention_end) const;
  bool ParagraphNamesCountry(const std::string& cc) const;
  void NoteMissionPlace();
  int MissionAnaphor() const;
  std::string DetailAfter(size_t from) const;
  // An event of this sentence with its quote, trigger, hedging and attribution set.
  EventMention NewEvent(std::string type, std::string trigger) const;
  // Records `ev` for each subject. `own`: its date came from its sentence. A
  // `reference` ("his defection") takes no narrative date: it only folds into others.
  void Emit(EventMention ev, const std::vector<int>& subjects, bool own, bool single,
            bool reference = false);
  void AgeBirths();
  void AgeClauses();
  void EventAges();
  int CommaAged(size_t i, size_t* age_end) const;
  void AgeAtDeath();
  void InfoboxSpouses();
  void FamilyPunishment();
  // Trigger-vocabulary rules (see their definitions).
  bool VocabularyFits(const TriggerDef& def, size_t t) const;
  bool NominalDate(size_t after) const;
  size_t ObjectInTrigger(size_t t, size_t tlen) const;
  int OrganizationBefore(size_t t) const;
  int NamedOrganization(size_t t, size_t tlen);
  int OrganizationNamed(size_t b, size_t e);
  std::vector<int> AuthorOfWork(size_t t);
  int WorkOwnerBefore(size_t end);
  size_t CopulaBefore(size_t k) const;
  bool PunishmentCause(size_t kin, size_t verb) const;
  int InferredPlace(const char* name, const char* country);
  void UpdateSalience(uint32_t sentence_index);
  // The sex of an unnamed relative who is the sentence's subject ("Her mother never
  // left"), or 0.
  char KinSubjectSex() const;
  // A timex of this sentence (index into timex_ids_) a later sentence may take as its
  // narrative date; the last such date ending before word t.
  bool NarrativeTimex(size_t k) const;
  DateInterval SentenceDateBefore(size_t t) const;
  // A relative clause set off by commas that ends right before words[t] (over auxiliaries):
  // ", who defected in 1997, has died"; *open and *close are its two commas.
  bool RelativeClauseBefore(size_t t, size_t* open, size_t* close) const;
  int RelativeOwner(size_t mention_begin);
  void Consolidate();
  int SpeakerOrAuthor(uint32_t off) const;
  int Topic() const;
  int MostNamedPerson() const;
  // Rule turn-label: at a paragraph's start, who speaks in it ("Q:", "A:", "KIM:", "The
  // Chair:"); a turn lasts until the next label, and an unlabeled paragraph after a
  // question is the interviewee's answer.
  void Turn(uint32_t si);
  // The speaker a label words_[0, colon) names: a person, -2 for whoever asks, -3 when the
  // words are no turn label ("Editor's note:", "Born:").
  int TurnLabel(size_t colon) const;
  // Rule narrator-cue: "This statement was written by X", "Testimony of X", "Witness: X",
  // "X in her own words": X is the "I" of the text.
  void FindNarrator();
  // Rule bare-questions: an interview whose questions stand alone as paragraphs, without
  // "Q:" ("How did you become a pilot?"), at least two of them.
  bool BareQuestion(uint32_t si) const;

  // Steps over the syntax stage's parse (Document::syntax; issue 8), used where the
  // surface cascade finds nothing. Each returns nothing when the sentence was not parsed.
  // The token of words[i] (its first), or -1 when the sentence has no parse.
  int ParsedToken(size_t i) const;
  // The token of words[i] (its first), or -1; neither asks for the parse nor reads it.
  int TokenOfWord(size_t i) const;
  // The word holding token `tok`, or SIZE_MAX.
  size_t WordOfToken(int tok) const;
  // The children of token `tok` in this sentence with a relation whose base is `base`.
  std::vector<int> DepChildren(int tok, std::string_view base) const;
  // Rule parse-subject: the persons the trigger at words[t]'s nsubj / nsubj:pass names,
  // through conj to the first conjunct's subject and through acl:relcl to the head noun
  // of the relative clause. *path says which relations were followed.
  std::vector<int> ParseSubject(size_t t, std::string* path);
  // Rule parse-date: the date of this sentence that the verb trigger at words[t] governs
  // in the parse (a timex attached to it by obl, obl:tmod, nmod:tmod, obl:unmarked or
  // advmod); -1 when none. *path says which relation.
  int ParseDateTimex(size_t t, std::string* path) const;
  // The top token of the k-th timex of the sentence (its head lies outside it), or -1.
  int TimexTop(size_t k) const;
  // Rule parse-foreign-date: whether the parse puts the k-th timex in another clause than
  // the verb trigger at words[t]'s: the first verb above the timex is neither the trigger,
  // nor above it (a shared adverbial), nor below it. (A date between a first conjunct and
  // the trigger coordinated with it is left shared: "was caught in 2007 and handed back".)
  bool ForeignDate(size_t t, size_t k) const;
  bool TodayPast(size_t t, const DateInterval& date) const;
  // Whether the k-th timex of the sentence is one rule parse-date may attach.
  bool DateCandidate(size_t k) const;
  // Whether rules parse-date and parse-foreign-date can change `date` (`own`: the
  // trigger's own) of the trigger at words[t]; false only where the sentence's tags
  // (extract::Options::verbs) prove they cannot, so its parse need not be made: both
  // read a verb trigger; parse-date replaces the date only by another one, and
  // parse-foreign-date clears it only through a verb other than the trigger.
  bool DateParseMatters(size_t t, const DateInterval& date, bool own);
  // Whether the sentence's tags prove that ForeignDate(t, q) is false whatever the parse,
  // for the trigger at token `trig`: the trigger lies between the q-th timex and every
  // other verb, and the parse's tree over the tokens is projective.
  bool ForeignDateImpossible(int trig, size_t q) const;
  // Whether rule parse-subject can find a subject: only a word of this sentence that
  // names a person or is a nominative pronoun can be one, whatever the parse.
  bool SubjectParseMatters() const;

  const EventFinder::Lexicon& lex_;
  // Parsing on demand (extract::Options::parse): asked once per sentence, before its
  // parse is first read (ParsedToken); null when Document::syntax is complete already.
  const std::function<Status(uint32_t)>* parse_;
  mutable int64_t parse_asked_ = -1;  // the sentence it was last asked for
  mutable Status parse_status_;
  // Tagging on demand (extract::Options::verbs), asked once per sentence; null or empty:
  // every parse rule asks for the parse.
  const std::function<Status(uint32_t, std::vector<uint32_t>*)>* verbs_;
  int64_t verbs_asked_ = -1;  // the sentence verbs_tokens_ are of
  std::vector<uint32_t> verbs_tokens_;
  Document& doc_;
  std::vector<Word> words_;
  uint32_t sent_ = 0;
  std::vector<std::pair<size_t, size_t>> timex_words_;  // (first word, last word) per timex
  std::vector<int> timex_ids_;
  std::vector<size_t> trigger_words_;  // positions of every trigger in the sentence
  std::vector<std::pair<int, size_t>> cue_at_, trig_at_;  // (id, length) per word, -1 none
  std::vector<std::vector<uint32_t>> mentions_by_sentence_, timexes_by_sentence_;
  // Salience: persons in order of last mention, with the sentence of that mention.
  std::vector<std::pair<int, uint32_t>> recent_;
  int last_subject_ = -1;
  std::vector<int8_t> sex_;  // SexOf per entity, -1 not yet read
  int approach_via_ = -1;  // the river or border a way led to (rule approach-border)
  uint32_t approach_sentence_ = 0;
  int work_owner_ = -1;       // who owns the last work a sentence named ("his first book")
  uint32_t work_sentence_ = 0;
  int kin_sentence_ = -1;    // the last sentence whose subject is "my father" and the like
  char kin_sex_ = 0;         // that relative's sex, 'm' or 'f'
  std::vector<int> last_group_;
  int speaker_ = -1;   // "I" of the current interview turn
  bool asker_seen_ = false;  // a question's turn ("Q:") came before
  int narrator_ = -1;  // "My name is X": the "I" of the rest of the text
  int salient_ = -1;   // MostNamedPerson(), Topic()'s last resort
  bool asked_ = false;               // the last turn asked a question (its answer follows)
  const Part* turn_part_ = nullptr;  // the part of the page the current turn is in
  // Role nouns the text has given a person: "soldier" of "soldier X", "X, a soldier".
  std::unordered_map<std::string, int> role_of_;
  std::vector<int> couple_;          // the last married pair told of
  int bare_questions_ = 0;           // paragraphs that are one question to "you"
  uint32_t group_sentence_ = 0;  // where last_group_ was set
  bool in_quote_ = false;
  DateInterval narrative_;
  uint32_t narrative_sentence_ = 0;
  const Part* narrative_part_ = nullptr;
  // Rule sentence-narrative: the last usable date of this sentence before the current
  // trigger ("She escaped in the spring of 2008 and reached Thailand, where she was
  // detained"): newer than the sentences before, so it, not theirs, is the fallback.
  DateInterval sentence_narrative_;
  bool hedged_ = false;
  // When every hedge cue of the sentence opens a conjunct ("and reportedly"),
  // the first one's word: triggers before it are not hedged. 0 otherwise.
  size_t hedge_from_ = 0;
  // The first "before"/"after"/"until" after the sentence's hedge cue: the clause it opens
  // is outside the cue's scope ("reportedly served a year ... before she escaped again").
  size_t hedge_end_ = 0;
  // Where the subordinate clause that holds every hedge cue of the sentence opens ("was
  // arrested in 2019 after a neighbour reported that ..."), 0 when a cue stands outside
  // one: triggers before it are not hedged.
  size_t hedge_sub_ = 0;
  int attributed_ = -1;
  // The sentence takes no narrative date: it speaks of now ("now", "currently").
  bool no_carry_ = false;
  bool shifted_ = false;
  int age_at_ = -1;  // the current trigger's "at the age of N"
  // The current trigger is told ahead of the narrative ("..., before defecting in 2019"):
  // it leaves where the person is in the story unchanged.
  bool ahead_ = false;
  // A group a group noun resolved to in this sentence ("the couple"): "they" next.
  std::vector<int> told_group_;
  // Rule age-at-event: "joined the army at the age of 18": an age right after the trigger's
  // phrase dates the event from the person's birth, when the text gives it.
  bool Credited(size_t b) const {
    // A byline: "By X" opening its line.
    if (b == 1 && words_[0].low == "by") return true;
    for (size_t k = b, n = 0; k > 1 && n < 5; --k, ++n) {
      const Word& w = words_[k - 1];
      if (w.punct || w.mention >= 0) return false;
      if (In(w.low, {"by", "with"}))
        return In(words_[k - 2].low, {"translated", "edited", "written", "co-written",
                                      "co-authored", "ghostwritten", "illustrated",
                                      "photographed", "interviewed", "compiled", "narrated"});
    }
    return false;
  }
  int AgeAt(size_t t) const {
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      auto [a, b] = timex_words_[k];
      if (x.kind != Timex::Kind::kAge || x.age_years < 0) continue;
      // "At 17 she crossed into China", "Aged 19, Kim fled": an age opening the clause,
      // with only its subject between it and the trigger.
      if (b < t && (a == 0 || words_[a - 1].punct) && In(words_[a].low, {"at", "aged"})) {
        bool subject_only = true;
        for (size_t j = b + 1; j < t && subject_only; ++j)
          subject_only = words_[j].low == "," || words_[j].Is(kClsNominativePronoun) ||
                         PersonAt(j) >= 0 || words_[j].Is(kClsAux);
        if (subject_only) return x.age_years;
      }
      if (a <= t || a > t + 12) continue;
      bool blocked = false;
      for (size_t j = t + 1; j < a && !blocked; ++j)
        blocked = words_[j].Is(kClsClauseBreak) || words_[j].low == "and";
      if (!blocked && In(words_[a].low, {"at", "aged"})) return x.age_years;
    }
    return -1;
  }  // the current trigger's own words move it off the narrative date
  // Rule shifted-time: "later worked", "Afterwards, ...", "had worked": a trigger whose
  // own words put it after or before the narrative date does not take that date.
  bool Shifted(size_t t) const {
    auto cue = [&](size_t k) {
      return In(words_[k].low, {"later", "afterwards", "afterward", "subsequently", "eventually",
                                "then", "since", "had"});
    };
    if (cue(0)) return true;
    for (size_t k = t; k > 0 && k + 6 > t; --k) {
      if (words_[k - 1].Is(kClsClauseBreak) || words_[k - 1].low == ",") break;
      if (cue(k - 1)) return true;
    }
    return ShiftedBySentence(t);
  }
  // Rule shifted-sentence: "He later went to Britain ... and became the first refugee to
  // study there", "They were later caught ... and held in a detention facility": a
  // sentence adverb that moves the time on scopes over the verbs coordinated after it
  // ("and"), unless a date between them sets the time again.
  bool ShiftedBySentence(size_t t) const {
    for (size_t k = 0; k < t; ++k) {
      if (!In(words_[k].low, {"later", "afterwards", "afterward", "subsequently", "eventually"}))
        continue;
      bool dated = false, joined = false;
      for (const auto& [a, b] : timex_words_)
        if (a > k && a < t) dated = true;
      for (size_t w = k + 1; w < t; ++w) joined = joined || words_[w].low == "and";
      if (joined && !dated) return true;
    }
    return false;
  }
  int span_days_ = 0;  // the current trigger's length when its start is the narrative's
  // Rule duration-span: "entered the academy in 1981, where he trained for the next fourteen
  // years", "For the next five years she was kept in guest houses", "was questioned for
  // about two years": a job, study or confinement whose length its sentence states lasts
  // from its start for that length. The start is its own date, else the narrative's (the
  // length is returned for Emit to apply to it).
  int DurationSpan(const std::string& type, size_t t, size_t tlen, bool own,
                   DateInterval* date) const {
    if (!In(type, {"employment", "education", "detention", "interrogation"})) return 0;
    int days = -1;
    for (size_t k = 0; k < timex_ids_.size() && days < 0; ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      auto [a, b] = timex_words_[k];
      // "for two years", or the length as the trigger's object: "spent eight months in".
      if (x.kind != Timex::Kind::kDuration || x.duration_days <= 0 ||
          (words_[a].low != "for" && a != t + tlen))
        continue;
      bool ok = a <= 1 && b < t;  // "For the next five years she was kept ..."
      if (a >= t + tlen) {
        ok = true;
        for (size_t q : trigger_words_) {
          size_t len = 0;
          int id = q > t && q < a ? MatchTrigger(q, &len) : -1;
          if (id >= 0 && lex_.triggers[id].type != type) ok = false;  // another verb's length
        }
        for (size_t w = t + tlen; w < a && ok; ++w)
          if (words_[w].Is(kClsClauseBreak) || words_[w].low == ".") ok = false;
      }
      if (ok) days = x.duration_days;
    }
    if (days <= 0) return 0;
    if (!own) return days;
    if (!date->closed()) return 0;
    *date = Lengthened(*date, days);
    Trace(t, "duration-span: interval from its start and length");
    return 0;
  }
  // [start, the day before start + length]: from the start's first day, so that the next
  // stage, which begins where this one ends, does not overlap it.
  static DateInterval Lengthened(DateInterval d, int days) {
    // Whole years ("two years") count in calendar years; other lengths ("eight months",
    // "eighteen months") in days.
    const int rest = days % 365;
    const int years = rest <= 10 || rest >= 355 ? (days + 182) / 365 : 0;
    Day end = years >= 1 ? AddYears(*d.earliest, years) - 1 : *d.earliest + days - 1;
    d.latest = std::max(*d.latest, end);
    return d;
  }
  // Rule since-not-point: "the most senior envoy to defect since 2016": a "since" date
  // starts a state (a job, a study, a confinement, a marriage), never dates a single act.
  bool SinceOnly(const std::string& type, const DateInterval& date) const {
    if (const EventTypeInfo* info = EventType(type); info && info->state) return false;
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      size_t a = timex_words_[k].first;
      if (x.value.earliest == date.earliest && x.value.latest == date.latest && a > 0 &&
          words_[a - 1].low == "since") {
        Trace(a, "since-not-point: no date for a single act");
        return true;
      }
    }
    return false;
  }
  // Rule today-state: "Today she works for a nonprofit in Seoul": a job or study the text
  // says holds today began at no date the text gives.
  bool TodayState(const std::string& type, size_t t) const {
    if (!In(type, {"employment", "education"})) return false;
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      auto [a, b] = timex_words_[k];
      if (x.kind == Timex::Kind::kRelative && a == b && a < t && words_[a].low == "today") {
        Trace(t, "today-state: no date for a state that holds today");
        return true;
      }
    }
    return false;
  }
  // Rule birth-not-narrative: "He was born in Pyongyang in 1973. He studied Arabic at ...":
  // the date of a birth this sentence tells is not the time of what follows it.
  bool DatesABirth(const Timex& x) const {
    for (auto it = out_.rbegin(); it != out_.rend() && it->ev.sentence == sent_; ++it)
      if (it->ev.type == "birth" && it->own_date && it->ev.date.earliest == x.value.earliest &&
          it->ev.date.latest == x.value.latest)
        return true;
    return false;
  }
  std::vector<Candidate> out_;
  std::unordered_map<int, std::string> country_of_;  // person -> country of last arrival
  // person -> the last arrival itself: where (a place entity), when, and in which sentence
  struct Arrival {
    int to = -1;
    DateInterval date;
    uint32_t sentence = 0;
  };
  std::unordered_map<int, Arrival> arrived_;
  int mission_place_ = -1;  // where the last diplomatic mission named is (rule mission-anaphor)
  const bool trace_;  // CAIRN_TRACE_EVENTS set: explain every trigger on stderr
  void Trace(size_t i, const char* what) const {
    if (trace_)
      std::fprintf(stderr, "cairn: events: %s s%u \"%s\": %s\n", doc_.name.c_str(), sent_,
                   words_[i].low.c_str(), what);
  }
};

void DocRun::BuildWords(const Sentence& s) {
  words_.clear();
  int paren = 0;
  for (uint32_t ti = s.first_token; ti < s.end_token && ti < doc_.tokens.size(); ++ti) {
    const Token& tok = doc_.tokens[ti];
    std::string_view text = doc_.Slice(tok.span);
    // Join hyphenated words: X - Y with no spaces.
    if (text == "-" && !words_.empty() && !tok.Has(kTokSpaceBefore) && ti + 1 < s.end_token &&
        !doc_.tokens[ti + 1].Has(kTokSpaceBefore) && !words_.back().punct &&
        !doc_.tokens[ti + 1].Has(kTokPunct)) {
      Word& w = words_.back();
      w.span.end = doc_.tokens[ti + 1].span.end;
      w.low = Lower(doc_.Slice(w.span));
      ++ti;
      continue;
    }
    Word w;
    w.span = tok.span;
    w.low = Lower(text);
    w.upper = tok.Has(kTokUpper);
    w.punct = tok.Has(kTokPunct);
    if (text == "(") ++paren;
    w.paren = paren;
    if (text == ")" && paren > 0) --paren;
    // Quotation state carries across sentences of a paragraph.
    if (text == "\xE2\x80\x9C") in_quote_ = true;  // left double quotation mark
    w.quoted = in_quote_;
    if (text == "\xE2\x80\x9D") in_quote_ = false;  // right double quotation mark
    if (text == "\"") {
      in_quote_ = !in_quote_;
      w.quoted = true;
    }
    words_.push_back(std::move(w));
  }
  for (Word& w : words_) w.cls = ClassBits(w.low);
  // Mentions onto words.
  for (uint32_t mi : mentions_by_sentence_[sent_]) {
    const Mention& m = doc_.mentions[mi];
    for (Word& w : words_)
      if (w.span.begin >= m.span.begin && w.span.begin < m.span.end) w.mention = static_cast<int>(mi);
  }
  // Timexes onto word ranges.
  timex_words_.clear();
  timex_ids_.clear();
  for (uint32_t xi : timexes_by_sentence_[sent_]) {
    const Timex& x = doc_.timexes[xi];
    size_t first = SIZE_MAX, last = 0;
    for (size_t i = 0; i < words_.size(); ++i) {
      if (words_[i].span.end > x.span.begin && words_[i].span.begin < x.span.end) {
        first = std::min(first, i);
        last = std::max(last, i);
      }
    }
    if (first == SIZE_MAX) continue;
    timex_words_.emplace_back(first, last);
    timex_ids_.push_back(static_cast<int>(xi));
  }
  // Cue and trigger matches, once per sentence; one hash lookup rules out most words.
  cue_at_.assign(words_.size(), {-1, 0});
  trig_at_.assign(words_.size(), {-1, 0});
  for (size_t i = 0; i < words_.size(); ++i) {
    if (words_[i].punct && words_[i].low != "-") continue;
    if (!lex_.first_words.count(words_[i].low)) continue;
    size_t len = 0;
    int id = MatchCueUncached(i, &len);
    cue_at_[i] = {id, len};
    len = 0;
    id = MatchTriggerUncached(i, &len);
    trig_at_[i] = {id, len};
  }
}

int DocRun::MatchTrigger(size_t i, size_t* len) const {
  *len = trig_at_[i].second;
  return trig_at_[i].first;
}

int DocRun::MatchCue(size_t i, size_t* len) const {
  *len = cue_at_[i].second;
  return cue_at_[i].first;
}

// The longest entry of `defs` (indexed by first word in `by_first`) whose words
// start at words[i]; -1 when none. Shared by triggers and cues.
// With `adverb`, one manner adverb may stand after the first word ("worked illegally in",
// "sent forcibly back"): the match then spans it too.
bool MannerAdverb(const Word& w) {
  const std::string& s = w.low;
  return !w.upper && s.size() > 4 && s.compare(s.size() - 2, 2, "ly") == 0 &&
         !In(s, {"family", "assembly", "supply", "ally", "rally", "anomaly", "monopoly", "only",
                 "early", "daily", "weekly", "monthly", "yearly", "likely", "july"});
}

template <typename Def>
int LongestMatch(const std::vector<Word>& words, size_t i, const std::vector<Def>& defs,
                 const std::unordered_map<std::string, std::vector<int>>& by_first,
                 size_t* len, bool adverb = false) {
  *len = 0;
  auto it = by_first.find(words[i].low);
  if (it == by_first.end()) return -1;
  int best = -1;
  size_t best_words = 0;
  for (int id : it->second) {
    const std::vector<std::string>& w = defs[id].words;
    if (i + w.size() > words.size() || w.size() <= best_words) continue;
    bool ok = true;
    for (size_t k = 1; k < w.size() && ok; ++k) ok = words[i + k].low == w[k];
    if (ok) {
      best = id;
      best_words = w.size();
      *len = w.size();
    }
  }
  // Only where no entry matches as written ("detained briefly by" stays "detained").
  if (best >= 0 || !adverb || i + 1 >= words.size() || !MannerAdverb(words[i + 1])) return best;
  for (int id : it->second) {
    const std::vector<std::string>& w = defs[id].words;
    if (w.size() < 2 || i + w.size() + 1 > words.size() || w.size() <= best_words) continue;
    bool ok = true;
    for (size_t k = 1; k < w.size() && ok; ++k) ok = words[i + 1 + k].low == w[k];
    if (ok) {
      best = id;
      best_words = w.size();
      *len = w.size() + 1;
    }
  }
  return best;
}

int DocRun::MatchTriggerUncached(size_t i, size_t* len) const {
  return LongestMatch(words_, i, lex_.triggers, lex_.trig_by_first, len, /*adverb=*/true);
}

int DocRun::MatchCueUncached(size_t i, size_t* len) const {
  size_t best_len = 0;
  int best = LongestMatch(words_, i, lex_.cues, lex_.cue_by_first, &best_len);
  // A capitalized single-word modal is a month or a name ("May 2015", "Will").
  if (best >= 0 && best_len == 1 && words_[i].upper && In(words_[i].low, {"may", "will"}))
    return -1;
  // Cue words inside a temporal expression ("in May") are not cues.
  for (const auto& [a, b] : timex_words_)
    if (i >= a && i <= b) return -1;
  *len = best_len;
  return best;
}

// Whether the trigger at words [t, t+tlen) is asserted by the text.
EventMention::Modality DocRun::Assertion(size_t t, size_t tlen) const {
  using M = EventMention::Modality;
  if (words_[t].quoted) return M::kIrrealis;  // not recorded as such: see Run()
  // Forward and modal cues to the left, within their scope.
  size_t i = 0;
  while (i < t) {
    size_t len = 0;
    int id = MatchCue(i, &len);
    if (id < 0) {
      ++i;
      continue;
    }
    const CueDef& c = lex_.cues[id];
    if ((c.kind == CueKind::kNegation || c.kind == CueKind::kIrrealis) &&
        c.scope == CueScope::kForward && i + len <= t) {
      // ("would later" is the longer cue at its position, an assertion, so it never
      // reaches here as "would".)
      bool reaches = t - (i + len) <= 10;
      for (size_t k = i + len; k < t && reaches; ++k)
        if (words_[k].Is(kClsScopeEnd)) reaches = false;
      if (reaches) return c.kind == CueKind::kNegation ? M::kNegated : M::kIrrealis;
    }
    // "she nearly died", "was almost caught": only the verb right after the cue (over
    // auxiliaries), not "nearly ten years later she crossed".
    if (c.kind == CueKind::kNegation && c.scope == CueScope::kAdjacent && i + len <= t) {
      bool next = true;
      for (size_t k = i + len; k < t && next; ++k) next = words_[k].Is(kClsAux);
      if (next) return M::kNegated;
    }
    i += len;
  }
  // Rule conditional-noun: "a confirmed defection would make him ...": an event noun under
  // a modal is supposed, not told.
  if (t + tlen + 1 < words_.size() && In(words_[t + tlen].low, {"would", "could", "might"}) &&
      t > 0 && In(words_[t - 1].low, {"a", "an", "confirmed", "possible", "any"}))
    return M::kIrrealis;
  // Backward cues right after the trigger ("his escape failed").
  // ("a failed escape attempt" after the verb says nothing about the verb's event.)
  if (t + tlen < words_.size() && In(words_[t + tlen].low, {"failed", "foundered"}))
    return M::kNegated;
  // A bare infinitive is asserted only under an implicative governor.
  size_t inf = SIZE_MAX;
  if (t > 0 && words_[t - 1].low == "to") inf = t - 1;
  if (t > 0 && In(words_[t - 1].low, {"and", "or"})) {
    for (size_t k = t - 1; k > 0 && k + 12 > t; --k) {
      if (words_[k].Is(kClsClauseBreak) || words_[k].low == ",") break;
      // "to skip ... and defect", but not "flew to Seoul and arrived".
      // Rule to-determiner: "taken to the police office ... and held there": "to" before a
      // determiner is a preposition, no infinitive.
      if (words_[k - 1].low == "to" && !words_[k].punct && !words_[k].upper &&
          words_[k].mention < 0 && !words_[k].Is(kClsDeterminer)) {
        // "promoted to consul in 2008 and headed ...": the "to" closing an earlier trigger is
        // its preposition, not an infinitive's.
        bool prep = false;
        for (size_t j = k >= 4 ? k - 4 : 0; j + 1 < k && !prep; ++j) {
          size_t len = 0;
          prep = MatchTrigger(j, &len) >= 0 && j + len == k;
        }
        if (prep) break;
        inf = k - 1;
        break;
      }
    }
  }
  if (inf != SIZE_MAX) {
    bool governed = false;
    for (size_t k = inf; k > 0 && k + 6 > inf && !governed; --k) {
      size_t len = 0;
      int id = MatchCue(k - 1, &len);
      if (id >= 0 && lex_.cues[id].kind == CueKind::kAssert &&
          lex_.cues[id].scope == CueScope::kGovernor)
        governed = true;
    }
    if (!governed) return M::kIrrealis;
  }
  return M::kAsserted;
}

int DocRun::PersonAt(size_t i) const {
  int m = words_[i].mention;
  if (m < 0) return -1;
  const Mention& mm = doc_.mentions[m];
  if (mm.type != EntityType::kPerson) return -1;
  return mm.entity;
}

int DocRun::EntityAt(size_t i, EntityType type) const {
  int m = words_[i].mention;
  if (m < 0) return -1;
  const Mention& mm = doc_.mentions[m];
  if (mm.type != type) return -1;
  return mm.entity;
}

size_t DocRun::MentionBegin(size_t i) const {
  int m = words_[i].mention;
  while (i > 0 && words_[i - 1].mention == m && m >= 0) --i;
  return i;
}

size_t DocRun::MentionEnd(size_t i) const {
  int m = words_[i].mention;
  while (i + 1 < words_.size() && words_[i + 1].mention == m && m >= 0) ++i;
  return i + 1;
}

bool DocRun::InSubjectPosition(size_t i) const {
  size_t b = MentionBegin(i), e = MentionEnd(i);
  bool after_prep = b > 0 && words_[b - 1].Is(kClsPreposition);
  // "to the cinematographer Kim", "with a fellow defector Lee": a title phrase between
  // the preposition and the name.
  size_t j = b;
  int title_words = 0;
  while (j > 0 && title_words < 3 && !words_[j - 1].punct && !words_[j - 1].upper &&
         words_[j - 1].mention < 0 && words_[j - 1].cls == 0) {
    --j;
    ++title_words;
  }
  if (title_words > 0 && j > 1 && words_[j - 1].Is(kClsDeterminer) &&
      words_[j - 2].Is(kClsPreposition))
    after_prep = true;
  bool possessive = e < words_.size() && words_[e].low == "'s";
  // "MODERATOR (X Y): ...", "the host (X Y)": a name in parentheses is an apposition.
  const bool parenthesized = b > 0 && words_[b - 1].low == "(";
  return !after_prep && !possessive && !parenthesized;
}

int DocRun::SpeakerOrAuthor(uint32_t off) const {
  if (speaker_ >= 0) return speaker_;
  if (speaker_ == -2) return -1;  // a question's "I" is the interviewer's
  if (narrator_ >= 0) return narrator_;
  auto match = [&](const std::string& name) -> int {
    if (name.empty()) return -1;
    std::string want = Lower(name);
    for (size_t e = 0; e < doc_.entities.size(); ++e) {
      const LocalEntity& le = doc_.entities[e];
      if (le.type != EntityType::kPerson) continue;
      if (Lower(le.name) == want) return static_cast<int>(e);
      for (const std::string& a : le.aliases)
        if (Lower(a) == want) return static_cast<int>(e);
    }
    return -1;
  };
  if (const Part* p = doc_.PartAt(off)) {
    int e = match(p->author);
    if (e >= 0) return e;
    if (!p->author.empty()) return -1;
    // A page of several posts: another post's byline is not this post's "I".
    for (const Part& other : doc_.parts)
      if (&other != p && !other.author.empty()) return -1;
  }
  int e = match(doc_.author);
  if (e >= 0) return e;
  for (size_t k = 0; k < doc_.entities.size(); ++k)
    if (doc_.entities[k].is_author && doc_.entities[k].type == EntityType::kPerson)
      return static_cast<int>(k);
  return -1;
}

int DocRun::Topic() const {
  std::string title = Lower(doc_.title);
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    const LocalEntity& le = doc_.entities[e];
    if (le.type != EntityType::kPerson) continue;
    if (le.is_topic) return static_cast<int>(e);
    if (!title.empty() && title.find(Lower(le.name)) != std::string::npos) return static_cast<int>(e);
  }
  for (const Mention& m : doc_.mentions) {
    if (m.type == EntityType::kPerson && m.sentence == 0) return m.entity;
  }
  return salient_;
}

// Rule salient-person: the person a document without a named topic is about is the one it
// names most often, the first named on a tie; never its byline author or its interviewer
// ("Interview by X", "Interviewer: X").
int DocRun::MostNamedPerson() const {
  std::vector<int> count(doc_.entities.size(), 0);
  std::vector<size_t> first(doc_.entities.size(), SIZE_MAX);
  for (size_t mi = 0; mi < doc_.mentions.size(); ++mi) {
    const Mention& m = doc_.mentions[mi];
    if (m.type != EntityType::kPerson || m.entity < 0 ||
        static_cast<size_t>(m.entity) >= doc_.entities.size())
      continue;
    if (doc_.entities[m.entity].is_author) continue;
    // The words before the mention in its line: "Interview by", "Interviewer:" (a few
    // dozen bytes, so that a long line costs no more than a short one).
    size_t from = m.span.begin > 40 ? m.span.begin - 40 : 0;
    size_t line = doc_.text.substr(from, m.span.begin - from).rfind('\n');
    line = line == std::string::npos ? from : from + line + 1;
    std::string before = Lower(doc_.text.substr(line, m.span.begin - line));
    while (!before.empty() && (before.back() == ' ' || before.back() == ':')) before.pop_back();
    bool interviewer = false;
    for (const std::string& cue : lex_.SubjectCues("byline"))
      if (before.size() >= cue.size() &&
          before.compare(before.size() - cue.size(), cue.size(), cue) == 0)
        interviewer = true;
    if (interviewer) {
      count[m.entity] = INT32_MIN / 2;
      continue;
    }
    ++count[m.entity];
    first[m.entity] = std::min(first[m.entity], mi);
  }
  int best = -1;
  for (size_t e = 0; e < count.size(); ++e) {
    if (count[e] <= 0) continue;
    if (best < 0 || count[e] > count[best] || (count[e] == count[best] && first[e] < first[best]))
      best = static_cast<int>(e);
  }
  return best;
}

bool DocRun::BareQuestion(uint32_t si) const {
  const Sentence& s = doc_.sentences[si];
  if (s.span.end <= s.span.begin || doc_.text[s.span.end - 1] != '?') return false;
  bool alone = (si == 0 || doc_.sentences[si - 1].paragraph != s.paragraph) &&
               (si + 1 >= doc_.sentences.size() || doc_.sentences[si + 1].paragraph != s.paragraph);
  if (!alone) return false;
  std::string low = " " + Lower(doc_.Slice(s.span)) + " ";
  for (char& c : low)
    if (c == '?' || c == ',' || c == '.') c = ' ';
  if (low.find(':') != std::string::npos) return false;  // a labeled turn
  return low.find(" you ") != std::string::npos || low.find(" your ") != std::string::npos;
}

int DocRun::TurnLabel(size_t colon) const {
  if (words_[colon].paren > 0) return -3;  // "X (Korean: ...)"
  std::string label, first, second;
  bool caps = true;
  int person = -1;
  bool only_name = true;  // every word is the person's name or a title ("Mr. X")
  for (size_t j = 0; j < colon; ++j) {
    const Word& w = words_[j];
    if (w.punct && !In(w.low, {".", "(", ")"})) return -3;  // "\"...\": a quote", "a, b:"
    if (w.punct) continue;
    if (person < 0) person = PersonAt(j);
    if (PersonAt(j) < 0 && !lex_.titles.count(w.low) && w.low != "the") only_name = false;
    if (first.empty())
      first = w.low;
    else if (second.empty())
      second = w.low;
    label += (label.empty() ? "" : " ") + w.low;
    for (char c : doc_.Slice(w.span))
      if (c >= 'a' && c <= 'z') caps = false;
  }
  if (label.empty()) return -3;
  // "Q:", "The Chair:", "MODERATOR (Y):", but not "Editor's note:".
  if (lex_.SubjectCue("asker", label) ||
      (lex_.SubjectCue("asker", first) && second != "'s" && words_[1].low != "'s"))
    return -2;
  if (lex_.SubjectCue("answerer", label)) return Topic() >= 0 ? Topic() : -1;
  if (person >= 0 && only_name) return person;
  // "KIM OK-SUN:": a speaker in capitals, whom the names stage may not have read.
  if (caps && label.size() > 2) {
    for (size_t e = 0; e < doc_.entities.size(); ++e) {
      const LocalEntity& le = doc_.entities[e];
      if (le.type != EntityType::kPerson) continue;
      if (Lower(le.name) == label) return static_cast<int>(e);
      for (const std::string& a : le.aliases)
        if (Lower(a) == label) return static_cast<int>(e);
    }
  }
  return -3;
}

void DocRun::Turn(uint32_t si) {
  // A turn ends with its post: another part of a page has turns of its own.
  const Part* part = doc_.PartAt(doc_.sentences[si].span.begin);
  if (part != turn_part_) {
    speaker_ = -1;
    asked_ = false;
    turn_part_ = part;
  }
  size_t colon = SIZE_MAX;
  for (size_t j = 1; j < words_.size() && j <= 7; ++j) {
    if (words_[j].low == ":") {
      colon = j;
      break;
    }
  }
  int who = colon != SIZE_MAX && colon + 1 < words_.size() ? TurnLabel(colon) : -3;
  if (who == -3 && bare_questions_ >= 2 && BareQuestion(si)) who = -2;
  if (who != -3) {
    speaker_ = who;
    asked_ = who == -2;
    asker_seen_ = asker_seen_ || asked_;
    if (trace_)
      Trace(0, who == -2 ? "turn-label: the asker's turn" : "turn-label: a speaker's turn");
    return;
  }
  // An unlabeled paragraph right after a question answers it.
  if (asked_) {
    speaker_ = Topic() >= 0 ? Topic() : -1;
    asked_ = false;
    Trace(0, "turn-label: the answer to a question");
  }
}

void DocRun::FindNarrator() {
  auto tokens = [](std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
      unsigned char u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || c == '\'' || c == '-' || u >= 0x80) {
        cur.push_back(static_cast<char>(std::tolower(u)));
      } else {
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
        if (c == ':' || c == '|' || c == '"' || c == '\n') out.push_back(std::string(1, c));
      }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
  };
  for (const Mention& m : doc_.mentions) {
    if (m.type != EntityType::kPerson || m.entity < 0 || m.sentence >= doc_.sentences.size())
      continue;
    const Span& sp = doc_.sentences[m.sentence].span;
    // At most 200 bytes before the name: the cue is near it, and a long sentence of many
    // names stays linear.
    uint32_t from = std::max(sp.begin, m.span.begin > 200 ? m.span.begin - 200 : 0u);
    std::vector<std::string> before = tokens(doc_.text.substr(from, m.span.begin - from));
    // Honorifics between the cue and the name: "by Mr. X", "Witness: Rev. X".
    while (!before.empty() && lex_.titles.count(before.back())) before.pop_back();
    bool narrator = false;
    const char* why = "";
    if (!before.empty() && before.back() == "by") {
      bool noun = false, verb = false;
      for (const std::string& w : before) {
        noun = noun || lex_.SubjectCue("narration", w);
        verb = verb || lex_.SubjectCue("narrated", w);
      }
      narrator = noun && verb;
      why = "narrator-cue: a first-person text written or given by X";
    }
    // "Witness: X", "Testimony of X", "remarks by X" opening its line or heading part.
    if (!narrator && !before.empty()) {
      std::vector<std::string> part;
      for (const std::string& w : before) {
        if (w == ":" || w == "|" || w == "\"" || w == "\n") {
          part.clear();
          if (w == ":" && !before.empty()) continue;
        }
        if (w != ":" && w != "|" && w != "\"" && w != "\n") part.push_back(w);
      }
      // The label before a colon right before the name: "Witness: X".
      size_t n = before.size();
      std::string last = before[n - 1];
      if (last == ":" && n >= 2) {
        std::string one = before[n - 2];
        narrator = lex_.SubjectCue("witness", one);
      } else {
        std::string two = part.size() >= 2 ? part[part.size() - 2] + " " + part.back() : "";
        narrator =
            part.size() <= 4 && !part.empty() && !two.empty() && lex_.SubjectCue("witness", two);
      }
      why = "narrator-cue: a testimony, speech or witness label naming X";
    }
    // "My name is X", "I am X": the teller names themself, wherever in the text.
    if (!narrator && !before.empty()) {
      for (const std::string& cue : lex_.SubjectCues("self_name")) {
        std::vector<std::string> words = tokens(cue);
        if (words.size() <= before.size() &&
            std::equal(words.rbegin(), words.rend(), before.rbegin())) {
          // The phrase opens its sentence or follows a comma or "and".
          const size_t at = before.size() - words.size();
          narrator = at == 0 || before[at - 1] == "and" || before[at - 1] == "\n";
          if (!narrator) {
            const uint32_t b = m.span.begin;
            std::string_view pre = std::string_view(doc_.text).substr(from, b - from);
            size_t cut = pre.size();
            for (size_t n = 0; n < words.size() && cut > 0; ++n) {
              while (cut > 0 && pre[cut - 1] == ' ') --cut;
              while (cut > 0 && pre[cut - 1] != ' ') --cut;
            }
            while (cut > 0 && pre[cut - 1] == ' ') --cut;
            narrator = cut == 0 || pre[cut - 1] == ',' || pre[cut - 1] == '.';
          }
          if (narrator) break;
        }
      }
      why = "narrator-cue: the teller names themself";
    }
    // "X in her own words", "X tells her story".
    if (!narrator) {
      std::string after =
          Lower(doc_.text.substr(m.span.end, std::min<size_t>(40, sp.end - m.span.end)));
      while (!after.empty() && (after[0] == ' ' || after[0] == ',' || after[0] == ':'))
        after.erase(0, 1);
      for (const std::string& cue : lex_.SubjectCues("own_words"))
        if (after.compare(0, cue.size(), cue) == 0) narrator = true;
      why = "narrator-cue: X in X's own words";
    }
    if (narrator) {
      narrator_ = m.entity;
      if (trace_)
        std::fprintf(stderr, "cairn: events: %s s%u: %s (%s)\n", doc_.name.c_str(), m.sentence, why,
                     doc_.entities[m.entity].name.c_str());
      return;
    }
  }
}

std::vector<int> DocRun::ResolvePronoun(std::string_view w, size_t pos) {
  std::vector<int> r = ResolvePronounFor(w, pos);
  // Rule speaker-not-third-person: in an interview's answer the speaker says "I"; their
  // "he" or "she" is someone else ("A: My cousin was arrested in 2016. She was sent to
  // Kaechon"), never the speaker.
  // (Only where the turns are an interview's, with questions, or the sentence speaks in
  // the first person: "Han Mi-rae: a profile" opens no turn of speech.)
  auto first_person = [&] {
    for (const Word& x : words_)
      if (!x.quoted && In(x.low, {"i", "me", "my", "we", "us", "our"})) return true;
    return false;
  };
  if (speaker_ >= 0 && r.size() == 1 && r[0] == speaker_ &&
      In(w, {"he", "she", "him", "her", "his", "hers", "himself", "herself"}) &&
      (asker_seen_ || first_person())) {
    Trace(pos, "speaker-not-third-person: the speaker's he or she is someone else");
    return {};
  }
  return r;
}

std::vector<int> DocRun::ResolvePronounFor(std::string_view w, size_t pos) {
  if (w == "i" || w == "me" || w == "my" || w == "we" || w == "us" || w == "our") {
    int a = SpeakerOrAuthor(words_[pos].span.begin);
    return a >= 0 ? std::vector<int>{a} : std::vector<int>{};
  }
  if (w == "they" || w == "them" || w == "their") {
    if (last_group_.size() >= 2) return last_group_;
    // A group of one named person and others ("Park and her mother ... they"); each
    // mention keeps it current ("the three were sold ... They were caught ... they fled").
    if (last_group_.size() == 1 && sent_ - group_sentence_ <= 2) {
      group_sentence_ = sent_;
      return last_group_;
    }
    return {};
  }
  // Rule cataphora: "After he defected in 1994, Kim Min-ho worked as a driver": a pronoun
  // in a leading subordinate clause is the main clause's named subject.
  if (pos > 0 && In(words_[0].low, {"after", "before", "when", "since", "while", "once",
                                     "although", "though", "because", "until"})) {
    size_t comma = pos;
    while (comma < words_.size() && words_[comma].low != ",") ++comma;
    bool first_comma = true;
    for (size_t k = 1; k < pos && first_comma; ++k) first_comma = words_[k].low != ",";
    if (first_comma && comma + 1 < words_.size()) {
      int p = PersonAt(comma + 1);
      if (p >= 0 && MentionBegin(comma + 1) == comma + 1 && SexFits(p, w)) {
        size_t e = MentionEnd(comma + 1);
        bool verb_next = e < words_.size() && !words_[e].punct && !words_[e].upper &&
                         !In(words_[e].low, {"'s", "’s", "and"});
        if (verb_next) {
          Trace(pos, "cataphora: the main clause's subject");
          return {p};
        }
      }
    }
  }
  // he / she / him / her / his (possessives resolve as their pronoun does): the subject
  // of this clause so far, else the last subject.
  for (size_t k = pos; k > 0; --k) {
    size_t i = k - 1;
    if (words_[i].Is(kClsClauseBreak)) break;
    int p = PersonAt(i);
    if (p >= 0) {
      if (InSubjectPosition(i) && SexFits(p, w)) return {p};
      k = MentionBegin(i) + 1;
    }
  }
  // Rule kin-antecedent: in a sentence whose subject is an unnamed relative, a later
  // clause's "he" or "she" of the relative's sex is the relative, no person the text
  // names: "Her mother never left Musan; she died there" (no one named between).
  if (pos > 2 && In(w, {"he", "she"})) {
    const char sex = KinSubjectSex();
    bool named = false;
    for (size_t k = 2; k < pos && !named; ++k) named = PersonAt(k) >= 0;
    if (!named && ((sex == 'm' && w == "he") || (sex == 'f' && w == "she"))) {
      Trace(pos, "kin-antecedent: the relative this sentence is about");
      return {};
    }
  }
  // And right after such a sentence with an auxiliary: "My father was gone. He had
  // complained ...".
  if (kin_sentence_ >= 0 && sent_ == static_cast<uint32_t>(kin_sentence_) + 1 &&
      ((kin_sex_ == 'm' && In(w, {"he", "him", "his"})) ||
       (kin_sex_ == 'f' && In(w, {"she", "her"})))) {
    Trace(pos, "kin-antecedent: the relative the sentence before is about");
    return {};
  }
  if (last_subject_ >= 0 && SexFits(last_subject_, w)) return {last_subject_};
  if (last_subject_ >= 0) {
    // Rule pronoun-sex: "Fischer met Choi, and she ...": a name of the other sex is
    // passed over for the latest person of the last three sentences it may mean.
    for (auto it = recent_.rbegin(); it != recent_.rend() && sent_ - it->second <= 3; ++it) {
      if (SexFits(it->first, w)) {
        Trace(pos, "pronoun-sex: the last subject's name is of the other sex");
        return {it->first};
      }
    }
    return {};
  }
  if (!recent_.empty()) return {recent_.back().first};
  return {};
}

// The sex a person's name or title shows: 'm', 'f', or 0 when neither does. Read from
// the first word of the name or an alias (data/given_name_genders.tsv) and from a title
// written before a mention ("Mr. Shin", "Mrs. Ko").
char DocRun::SexOf(int p) {
  if (p < 0 || static_cast<size_t>(p) >= doc_.entities.size()) return 0;
  if (sex_.size() < doc_.entities.size()) sex_.resize(doc_.entities.size(), -1);
  int8_t& cached = sex_[static_cast<size_t>(p)];
  if (cached >= 0) return static_cast<char>(cached);
  const LocalEntity& e = doc_.entities[static_cast<size_t>(p)];
  const auto& table = GivenNameSexes();
  char sex = 0;
  auto by_name = [&](std::string_view name) {
    size_t end = name.find(' ');
    auto it = table.find(Lower(name.substr(0, end)));
    return it == table.end() ? '\0' : it->second;
  };
  if (e.type == EntityType::kPerson) {
    sex = by_name(e.name);
    for (const std::string& a : e.aliases) {
      if (!sex) sex = by_name(a);
    }
    for (uint32_t mi : e.mentions) {
      if (sex || mi >= doc_.mentions.size()) break;
      const uint32_t b = doc_.mentions[mi].span.begin;
      std::string_view before = std::string_view(doc_.text).substr(0, b);
      std::string_view own = doc_.Slice(doc_.mentions[mi].span);
      for (std::string_view t : {"Mr. ", "Mr "}) {
        if (before.ends_with(t) || own.starts_with(t)) sex = 'm';
      }
      for (std::string_view t : {"Mrs. ", "Mrs ", "Ms. ", "Ms ", "Miss "}) {
        if (before.ends_with(t) || own.starts_with(t)) sex = 'f';
      }
    }
  }
  cached = static_cast<int8_t>(sex);
  return sex;
}

bool DocRun::SexFits(int p, std::string_view pronoun) {
  const char sex = SexOf(p);
  if (!sex) return true;
  if (In(pronoun, {"he", "him", "his", "himself"})) return sex == 'm';
  if (In(pronoun, {"she", "her", "hers", "herself"})) return sex == 'f';
  return true;
}

// The persons in subject position left of words[t]; *blocked when the subject
// is a non-person noun phrase ("her parents divorced").
std::vector<int> DocRun::SubjectsLeft(size_t t, bool* blocked) {
  *blocked = false;
  // Parenthetical right after a name: "X (born 1957)".
  if (words_[t].paren > 0) {
    size_t k = t;
    while (k > 0 && words_[k].low != "(") --k;
    if (words_[k].low == "(" && k > 0) {
      int p = PersonAt(k - 1);
      if (p >= 0) return {p};
    }
  }
  // A noun phrase right before the trigger: "her parents divorced", "many women who are sold".
  {
    size_t k = t;
    while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
    if (k > 0) {
      const Word& w = words_[k - 1];
      bool content = !w.punct && w.mention < 0 && !w.Is(kClsNominativePronoun) &&
                     !w.Is(kClsPreposition) && !w.Is(kClsAux) &&
                     !In(w.low, {"who", "which", "that", "and", "or", "but", "then"});
      if (int r = content ? RoleHolder(k - 1) : -1; r >= 0) {
        Trace(k - 1, "learned-role: the person the text gave this noun");
        return {r};
      }
      // Rule group-noun: "Both women were sold", "the two sisters were caught": the group
      // the text has just formed.
      if (content && k >= 2 && words_[k - 2].Is(kClsGroupWord) &&
          WordClass("people_noun").count(w.low)) {
        std::vector<int> g = GroupOf(k - 2);
        if (!g.empty()) {
          Trace(k - 1, "group-noun: the group the text has formed");
          return g;
        }
      }
      if (content && k >= 2 && words_[k - 2].low == "the") {
        // Rule teller-noun: "The witness was born in ...": the text's teller.
        if (lex_.SubjectCue("teller", w.low)) {
          int teller = narrator_ >= 0 ? narrator_ : Topic();
          if (teller >= 0) {
            Trace(k - 1, "teller-noun: the text's teller");
            return {teller};
          }
        }
        // Rule age-noun: "The 25-year-old now studies": the salient person.
        if (w.low.size() > 9 && w.low.compare(w.low.size() - 9, 9, "-year-old") == 0 &&
            last_subject_ >= 0)
          return {last_subject_};
        if (w.Is(kClsGroupWord)) {
          std::vector<int> g = GroupOf(k - 1);
          if (!g.empty()) return g;
        }
      }
      if (content && k >= 2 && words_[k - 2].Is(kClsDeterminer)) {
        if (w.Is(kClsGroupWord) && last_group_.size() >= 2) return last_group_;
        if (w.Is(kClsGroupWord) && words_[k - 2].low == "the") {
          if (int c = CompanionOf(k - 1); c >= 0) {
            Trace(k - 1, "companion-group: the named person of the group");
            return {c};
          }
        }
        // "Park and her mother fled": the named person is a subject too.
        if (k >= 4 && words_[k - 3].low == "and" && PersonAt(k - 4) >= 0) {
          last_group_ = {PersonAt(k - 4)};
          group_sentence_ = sent_;
          return {PersonAt(k - 4)};
        }
        *blocked = true;
        return {};
      }
      if (content && w.Is(kClsGroupWord) && last_group_.size() >= 2) return last_group_;
    }
  }
  // Rule speech-parenthetical: "Her brother, she writes, was sent to a camp", "Kim, he
  // said, was arrested": the teller between commas is not the subject; what stands
  // before the first comma is.
  {
    size_t k = t;
    while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
    if (k >= 4 && words_[k - 1].low == "," && words_[k - 2].Is(kClsSpeechVerb)) {
      size_t teller = k - 3;
      if (PersonAt(teller) >= 0) teller = MentionBegin(teller);
      if ((words_[teller].Is(kClsNominativePronoun) || PersonAt(teller) >= 0) && teller >= 2 &&
          words_[teller - 1].low == ",") {
        Trace(teller, "speech-parenthetical: the teller is not the subject");
        int p = PersonAt(teller - 2);
        if (p >= 0 && InSubjectPosition(teller - 2)) return {p};
        *blocked = true;
        return {};
      }
    }
  }
  // Rule relative-parenthetical: "Kim Duk-hong, who defected with Hwang Jang-yop in 1997,
  // has died": a verb right after a relative clause set off by commas is its antecedent's,
  // not that of a person inside the clause.
  if (size_t open = 0, close = 0; RelativeClauseBefore(t, &open, &close)) {
    size_t a = open;  // the comma opening the clause; over an age: "Kim, 81, who"
    if (a >= 2 && IsAge(words_[a - 1].low) && words_[a - 2].low == ",") a -= 2;
    if (int q = a >= 1 ? PersonAt(a - 1) : -1; q >= 0 && InSubjectPosition(a - 1)) {
      Trace(a - 1, "relative-parenthetical: the antecedent of the clause between commas");
      return {q};
    }
  }
  bool passed_subject_slot = false;  // a non-person word stood where a subject would
  bool passed_comma = false;
  const bool conjunct = VerbConjunct(t);
  for (size_t k = t; k > 0; --k) {
    size_t i = k - 1;
    const Word& w = words_[i];
    if (w.Is(kClsClauseBreak)) break;
    if (w.paren > 0 && w.low != "(") continue;
    // Rule subordinate-subject: "... since Thae left London": a subordinate clause whose
    // subject is not a known person is not the main subject's event.
    if (In(w.low, {"since", "when", "after", "before", "because", "while", "until", "although",
                   "if", "whereas"}) &&
        passed_subject_slot && !passed_comma) {
      *blocked = true;
      return {};
    }
    if (w.low == ",") passed_comma = true;
    // Rule speech-complement: "Kim said his uncle had been arrested ... and was sentenced",
    // "Kim says the man had fled": a clause reported without "that" has its own subject,
    // a noun phrase that is not a known person; the teller is not its subject.
    if (w.Is(kClsSpeechVerb) && passed_subject_slot && !passed_comma && i + 1 < t &&
        (words_[i + 1].Is(kClsDeterminer) || words_[i + 1].Is(kClsPossessivePronoun))) {
      Trace(i, "speech-complement: the reported clause has a subject of its own");
      *blocked = true;
      return {};
    }
    // Rule subordinate-named-subject: "... since Thae left London", "after Kim defected":
    // a person right after a subordinator and right before the verb is its own subject.
    if (int q = SubordinateSubject(i, t); q >= 0) return {q};
    // "..., when Thae Yong Ho, the envoy in London, fled": a name the names stage did not
    // read stands as the subordinate clause's subject.
    if (In(w.low, {"since", "when", "after", "before", "because", "while", "until", "although",
                   "whereas", "once"}) &&
        i + 2 < t && words_[i + 1].upper && !words_[i + 1].punct && words_[i + 1].mention < 0 &&
        words_[i + 2].upper && !words_[i + 2].punct && words_[i + 2].mention < 0) {
      Trace(i, "subordinate-subject: an unread name is the clause's subject");
      *blocked = true;
      return {};
    }
    // "when she was arrested": the pronoun is the subordinate clause's own subject.
    if (w.Is(kClsNominativePronoun) && i > 0 && !passed_comma &&
        In(words_[i - 1].low, {"since", "when", "after", "before", "because", "while", "until",
                               "although", "if", "whereas"}))
      return ResolvePronoun(w.low, i);
    // "The soldier, identified only by ..., crossed": a learned role as the subject.
    if (int r = passed_comma ? RoleHolder(i) : -1; r >= 0) {
      Trace(i, "learned-role: the person the text gave this noun");
      return {r};
    }
    if (!w.punct && !w.Is(kClsAux) && PersonAt(i) < 0) passed_subject_slot = true;
    int p = PersonAt(i);
    if (p >= 0) {
      size_t b = MentionBegin(i);
      if (InSubjectPosition(i)) {
        std::vector<int> out{p};
        // "X and Y did", "She and the director Y did": both.
        size_t j = b;
        while (j > 0 && b - j < 4 && !words_[j - 1].punct && !words_[j - 1].upper &&
               words_[j - 1].mention < 0 && !In(words_[j - 1].low, {"and", "or"}) &&
               (words_[j - 1].cls == 0 || In(words_[j - 1].low, {"the", "a", "her", "his"})))
          --j;
        if (j >= 2 && words_[j - 1].low == "and") {
          int q = PersonAt(j - 2);
          if (q >= 0 && q != p) out.insert(out.begin(), q);
          if (q < 0 && words_[j - 2].Is(kClsNominativePronoun) && words_[j - 2].low != "i") {
            std::vector<int> r = ResolvePronoun(words_[j - 2].low, j - 2);
            if (r.size() == 1 && r[0] != p) out.insert(out.begin(), r[0]);
          }
        }
        return out;
      }
      k = b + 1;
      continue;
    }
    if (w.Is(kClsNominativePronoun)) {
      bool after_prep = i > 0 && words_[i - 1].Is(kClsPreposition);
      if (!after_prep) return ResolvePronoun(w.low, i);
    }
    if (In(w.low, {"they", "both"}) && last_group_.size() >= 2) return last_group_;
    // "the couple gave their minders the slip, reached ...": the group named before.
    if (w.Is(kClsGroupWord) && i > 0 && words_[i - 1].low == "the" &&
        (i < 2 || !words_[i - 2].Is(kClsPreposition))) {
      std::vector<int> g = GroupOf(i);
      if (!g.empty()) return g;
    }
    // Rule asked-you: in an interviewer's turn "You also married there" is the interviewee's.
    if (w.low == "you" && speaker_ == -2 && !(i > 0 && words_[i - 1].Is(kClsPreposition))) {
      int topic = Topic();
      if (topic >= 0) return {topic};
    }
    // Rule of-us: "The three of us walked": the speaker with others.
    if (w.low == "us" && i > 0 && words_[i - 1].low == "of") return ResolvePronoun("we", i);
    // ("caught in Shenyang that winter and sent back": "that" opening a date is no
    // relative or complement clause.)
    if (w.low == "that" &&
        std::any_of(timex_words_.begin(), timex_words_.end(),
                    [&](const std::pair<size_t, size_t>& x) { return x.first == i; }))
      continue;
    if ((w.low == "who" || w.low == "that") && conjunct && passed_comma) {
      Trace(i, "verb-conjunct: a relative clause of an earlier conjunct");
      continue;
    }
    if (w.low == "who" || w.low == "that") {
      size_t j = i;
      while (j > 0 && words_[j - 1].low == ",") --j;
      // "Kim Mi-ok, 34, who fled": skip the appositive age.
      if (j >= 2 && IsAge(words_[j - 1].low) && words_[j - 2].low == ",") {
        j -= 2;
        while (j > 0 && words_[j - 1].low == ",") --j;
      }
      if (j > 0) {
        int q = PersonAt(j - 1);
        if (q >= 0) return {q};
        if (words_[j - 1].Is(kClsNominativePronoun)) continue;
        // (Only inside the relative clause: a main verb after it takes the relative's dates.)
        if (w.low == "who" && !passed_comma) {
          q = AppositiveAntecedent(i);
          if (q >= 0) return {q};
        }
        // Rule predicate-relative: "X is a pianist who defected": the relative clause
        // on a predicate noun tells of the copula's subject.
        for (size_t m = j - 1, n = 0; m > 1 && n < 10; --m, ++n) {
          const std::string& v = words_[m - 1].low;
          if (words_[m - 1].Is(kClsClauseBreak) || v == ",") break;
          // "was born in X to parents who": a prepositional object is no predicate noun.
          // But "a former teacher from Hyesan who": no place is a "who"; the relative
          // hangs on the noun the place's phrase modifies.
          if (words_[m - 1].Is(kClsPreposition)) {
            const bool place_of_noun = In(v, {"from", "of", "in"}) &&
                                       EntityAt(m, EntityType::kPlace) >= 0 && m >= 2 &&
                                       !words_[m - 2].upper && !words_[m - 2].punct &&
                                       std::find(trigger_words_.begin(), trigger_words_.end(),
                                                 m - 2) == trigger_words_.end() &&
                                       words_[m - 2].low != "born";
            if (!place_of_noun) break;
            continue;
          }
          if (!In(v, {"is", "was", "are", "were"})) continue;
          size_t sb = m - 1;
          if (sb > 0 && words_[sb - 1].low == ")") {  // "X (born 1974) is"
            while (sb > 0 && words_[sb - 1].low != "(") --sb;
            if (sb > 0) --sb;
          }
          if (sb > 0 && PersonAt(sb - 1) >= 0 && InSubjectPosition(sb - 1))
            return {PersonAt(sb - 1)};
          if (sb > 0 && words_[sb - 1].Is(kClsNominativePronoun))
            return ResolvePronoun(words_[sb - 1].low, sb - 1);
          break;
        }
      }
      // "X learned that his brothers had died": a complement clause has its own subject.
      *blocked = true;
      return {};
    }
  }
  return {};
}

// Rule name-word: "the University of Foreign Studies", "Institute of Peace Studies": a
// capitalized word in an "X of Y Z" name (the names stage may cut the name at "of") is
// no trigger, and the clause of the trigger before it goes on over it.
bool DocRun::InProperName(size_t i) const {
  if (i < 2 || !words_[i].upper || words_[i].punct) return false;
  for (size_t k = i; k-- > 0 && k + 4 > i;) {
    if (words_[k].low == "of") return k > 0 && words_[k - 1].upper && !words_[k - 1].punct;
    if (!words_[k].upper || words_[k].punct) return false;
  }
  return false;
}

// Rule verb-conjunct: "X worked at a lab, married a woman who had fled, and later
// completed a degree": a verb after ", and" (adverbs and auxiliaries between) is the last
// of a series whose subject stands before the first verb; a relative clause on an earlier
// conjunct's object does not stop the walk to it.
bool DocRun::VerbConjunct(size_t t) const {
  size_t k = t;
  while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
  return k >= 2 && In(words_[k - 1].low, {"and", "then"}) && words_[k - 2].low == ",";
}

int DocRun::AppositiveAntecedent(size_t i) const {
  // "and who": the first relative of the pair.
  if (i > 0 && words_[i - 1].low == "and") {
    for (size_t k = i - 1; k > 0; --k) {
      if (words_[k - 1].Is(kClsClauseBreak)) break;
      if (words_[k - 1].low == "who") {
        i = k - 1;
        break;
      }
    }
    if (words_[i].low != "who" || (i > 0 && words_[i - 1].low == "and")) return -1;
  }
  // The appositive: "the" or "a" and up to five words, after a comma.
  size_t k = i;
  size_t n = 0;
  while (k > 0 && n < 6 && !words_[k - 1].punct && words_[k - 1].mention < 0 &&
         !In(words_[k - 1].low, {"the", "a", "an"})) {
    --k;
    ++n;
  }
  if (k == 0 || !In(words_[k - 1].low, {"the", "a", "an"}) || n == 0) return -1;
  --k;
  if (k == 0 || words_[k - 1].low != ",") return -1;
  --k;
  // "Do Hae-rim, 47, a poet who fled": the name's appositive age.
  if (k >= 2 && IsAge(words_[k - 1].low) && words_[k - 2].low == ",") k -= 2;
  // "X (Hangul; also X'), the director": the name's parenthesis.
  if (k > 0 && words_[k - 1].low == ")") {
    size_t m = k - 1;
    while (m > 0 && words_[m].low != "(") --m;
    if (words_[m].low != "(") return -1;
    k = m;
  }
  if (k == 0) return -1;
  int p = PersonAt(k - 1);
  return p >= 0 && InSubjectPosition(k - 1) ? p : -1;
}

int DocRun::CompanionOf(size_t t) {
  // In this sentence before the trigger, else in the one before: "with her son",
  // "X and her mother".
  for (size_t k = t; k >= 3; --k) {
    size_t i = k - 1;  // the kinship noun
    if (!words_[i].Is(kClsKinship)) continue;
    const std::string& pos = words_[i - 1].low;
    if (!IsPossessivePronoun(pos) || !In(words_[i - 2].low, {"with", "and"})) continue;
    std::vector<int> owner = ResolvePronoun(pos, i - 1);
    if (owner.size() == 1) return owner[0];
  }
  if (last_group_.size() == 1 && sent_ - group_sentence_ <= 1) return last_group_[0];
  return -1;
}

std::vector<int> DocRun::GroupOf(size_t i) {
  if (In(words_[i].low, {"couple", "pair"}) && couple_.size() == 2) {
    Trace(i, "couple: the married pair");
    told_group_ = couple_;
    return couple_;
  }
  if (last_group_.size() >= 2) return last_group_;
  if (int c = CompanionOf(i); c >= 0) {
    Trace(i, "companion-group: the named person of the group");
    return {c};
  }
  return {};
}

int DocRun::FamilyMover(size_t t) const {
  if (last_subject_ < 0) return -1;
  for (size_t k = t; k >= 2; --k) {
    const Word& w = words_[k - 1];
    if (w.Is(kClsClauseBreak) || PersonAt(k - 1) >= 0 || w.Is(kClsNominativePronoun)) return -1;
    if (w.low == "family" && In(words_[k - 2].low, {"the", "whole", "entire"})) {
      size_t d = words_[k - 2].low == "the" ? k - 2 : k - 3;
      if (k < 3 && d != k - 2) return -1;
      // The clause's subject: at the sentence's start or after a comma or "then".
      if (d == 0 || words_[d - 1].punct || words_[d - 1].low == "then") return last_subject_;
      // Rule family-after-date: "that year the family was sent to X", "in 1997 the family
      // moved": a leading date is no subject either.
      for (const auto& [a, b] : timex_words_)
        if (b + 1 == d && (a == 0 || words_[a - 1].punct || words_[a - 1].low == "and" ||
                           (words_[a - 1].Is(kClsPreposition) &&
                            (a == 1 || words_[a - 2].punct || words_[a - 2].low == "and"))))
          return last_subject_;
      return -1;
    }
  }
  return -1;
}

// Rule settle-again: settling in South Korea by someone the text already brought there is
// that same arrival told again ("entered South Korea in July 2019 ... the most senior
// official known to have settled in the South"), not a new event: "" drops it.
// Rule settle-home: settling there after an escape by someone the text made a victim of
// abduction, or gave a South Korean birthplace, is going home: a return. A group moving
// together ("the couple") shares the move.
std::string DocRun::SettleSouth(const std::vector<int>& subjects, size_t t) {
  bool all_there = !subjects.empty();
  bool southerner = false;
  for (int s : subjects) {
    auto where = country_of_.find(s);
    if (where == country_of_.end() || where->second != "KR") all_there = false;
    for (const Candidate& c : out_) {
      if (c.ev.subject != s) continue;
      if (c.ev.type == "crime_victim" ||
          (c.ev.type == "birth" && c.ev.place >= 0 && doc_.entities[c.ev.place].country == "KR"))
        southerner = true;
    }
  }
  if (all_there) {
    Trace(t, "settle-again: the arrival already told");
    return "";
  }
  if (southerner) {
    Trace(t, "settle-home: a southerner going back");
    return "return";
  }
  return "defection";
}

// Whether a date stands in the phrase that starts at words[from], before any comma or
// clause break: "before settling in Seoul in 1999".
bool DocRun::DateInOwnPhrase(size_t from) const {
  size_t end = from;
  while (end < words_.size() && words_[end].low != "," && !words_[end].Is(kClsClauseBreak)) ++end;
  for (const auto& [a, b] : timex_words_)
    if (a >= from && b < end) return true;
  return false;
}

// Rule unnamed-site: "An attempt to fly out of Beijing ended when police arrested him at the
// airport": an arrest or detention at an unnamed site ("the airport", "the station") is in
// the city the sentence names before it, rather than the agent's country.
void DocRun::UnnamedSite(const TriggerDef& def, size_t t, size_t tlen, EventMention* ev) {
  if (def.type != "arrest" && def.type != "detention") return;
  if (ev->place >= 0 && doc_.entities[ev->place].place_kind != "country") return;
  bool site = false;
  for (size_t k = t + tlen; k + 2 < words_.size() && k < t + tlen + 6 && !site; ++k) {
    if (words_[k].Is(kClsClauseBreak)) break;
    site = In(words_[k].low, {"at", "in"}) && words_[k + 1].low == "the" &&
           In(words_[k + 2].low, {"airport", "station", "port", "harbour", "harbor", "hotel"});
  }
  if (!site) return;
  int city = -1;
  for (size_t k = 0; k < t; ++k) {
    int p = EntityAt(k, EntityType::kPlace);
    if (p >= 0 && doc_.entities[p].place_kind == "city") city = p;
  }
  if (city < 0) return;
  if (ev->place >= 0 && doc_.entities[ev->place].country != doc_.entities[city].country) return;
  ev->place = city;
  Trace(t, "unnamed-site: the city named before it");
}

// The possessive pronoun of the relative at words[kin], over up to two words that
// describe the relative ("her younger sister", "his two small sons"); SIZE_MAX when none.
size_t DocRun::KinPossessive(size_t kin) const {
  const size_t p = OwnerWordBefore(kin);
  return p != SIZE_MAX && IsPossessivePronoun(words_[p].low) ? p : SIZE_MAX;
}

// The possessive pronoun or "'s" that owns the noun at words[n], over up to two words that
// describe it ("her younger sister", "his first book", "Kim's new memoir"); SIZE_MAX when
// none.
size_t DocRun::OwnerWordBefore(size_t n) const {
  for (size_t k = n; k > 0 && n - k <= 2; --k) {
    const Word& w = words_[k - 1];
    if (IsPossessivePronoun(w.low) || w.low == "'s") return k - 1;
    // ("his first book": an adverb such as "first" is of the aux class, so not that test.)
    if (w.punct || w.upper || w.mention >= 0 || w.Is(kClsPreposition) || IsBeForm(w.low) ||
        w.Is(kClsDeterminer) || In(w.low, {"and", "or", "but"}))
      break;
  }
  return SIZE_MAX;
}

// Rule companion-group: "X left in 1998 with her mother and sister": X and unnamed
// relatives make a group; "the three", "they", "the couple" in the next sentences are X.
void DocRun::CompanionGroup(uint32_t si) {
  // Rule couple-they: "the couple reached the embassy. They lived ...": the pair again.
  if (!told_group_.empty()) {
    last_group_ = told_group_;
    group_sentence_ = si;
    told_group_.clear();
    return;
  }
  // (A sentence naming two persons makes its own group.)
  int named = -1;
  for (size_t i = 0; i < words_.size(); ++i) {
    int p = PersonAt(i);
    if (p < 0) continue;
    if (named >= 0 && p != named) return;
    named = p;
  }
  for (size_t n = 2; n < words_.size(); ++n) {
    if (!words_[n].Is(kClsKinship) || words_[n].quoted) continue;
    // "with her younger sister" as "with her sister".
    const size_t poss = KinPossessive(n);
    if (poss == SIZE_MAX || poss == 0) continue;
    const size_t i = poss + 1;
    const std::string& pos = words_[i - 1].low;
    if (words_[i - 2].low != "with" && !(words_[i - 2].low == "and" && PersonAt(i - 3) >= 0))
      continue;
    std::vector<int> owner = ResolvePronoun(pos, i - 1);
    if (owner.size() != 1) continue;
    last_group_ = owner;
    group_sentence_ = si;
    return;
  }
}

// Rule relocation-origin: a move with no origin of its own leaves the city the person was
// last placed in: their last move's destination, else their birthplace ("born in Pyongyang
// ... in 1997 the family was sent away to X" leaves Pyongyang).
void DocRun::RelocationOrigin(const std::vector<int>& subjects, EventMention* ev) const {
  if (ev->from >= 0 || subjects.size() != 1) return;
  // (Only the birthplace: where an arrival ended the text does not say the next move began.)
  int home = -1;
  for (const Candidate& c : out_) {
    if (c.ev.subject != subjects[0]) continue;
    if (c.ev.type == "birth" && c.ev.place >= 0 && home < 0) home = c.ev.place;
    if (In(c.ev.type, {"relocation", "return", "defection", "border_crossing", "repatriation"}))
      return;
  }
  if (home < 0 || home == ev->to || doc_.entities[home].place_kind != "city") return;
  ev->from = home;
  Trace(0, "relocation-origin: the city last placed in");
}

// Rule relative-destination: "his journey to the South, which he reached in 2002": an arrival
// verb in a relative clause reaches the place the clause hangs on.
void DocRun::RelativeDestination(const TriggerDef& def, size_t t, EventMention* ev) {
  if (def.type != "move:arrive" || ev->to >= 0 || t < 4) return;
  size_t k = t - 1;
  if (PersonAt(k) >= 0)
    k = MentionBegin(k);
  else if (!words_[k].Is(kClsNominativePronoun))
    return;
  if (k < 3 || !In(words_[k - 1].low, {"which", "that"}) || words_[k - 2].low != ",") return;
  const size_t last = k - 3;  // the antecedent's last word
  int place = EntityAt(last, EntityType::kPlace);
  if (place < 0 && last > 0 && words_[last - 1].low == "the" && words_[last].upper &&
      (words_[last].low == "south" || words_[last].low == "north"))
    place = words_[last].low == "north" ? InferredPlace("North Korea", "KP")
                                        : InferredPlace("South Korea", "KR");
  if (place < 0) return;
  ev->to = place;
  Trace(t, "relative-destination: the place the relative clause hangs on");
}

// Rule taken-echo: "Choi was kidnapped in Hong Kong; Shin ... was taken six months later",
// "abducted in 1978, months after his wife had been taken there": a bare "taken" is an
// abduction only beside an abduction verb in its sentence; "there" is that verb's place.
bool DocRun::EchoesAbduction(size_t t, size_t tlen, EventMention* ev) {
  int place = -1;
  bool echo = false;
  for (size_t k = 0; k < words_.size(); ++k) {
    if (k >= t && k < t + tlen) continue;
    if (In(words_[k].low, {"abducted", "kidnapped", "kidnaped", "snatched", "seized"})) echo = true;
    if (int p = EntityAt(k, EntityType::kPlace); p >= 0 && k < t) place = p;
  }
  if (!echo) {
    Trace(t, "taken-echo: no abduction verb beside it");
    return false;
  }
  if (t + tlen < words_.size() && words_[t + tlen].low == "there" && ev->place < 0)
    ev->place = place;
  Trace(t, "taken-echo: an abduction told again");
  return true;
}

// Rule parent-takes: "my mother took me across to North Korea": a child taken over a border
// by a parent moves with the family home; a relocation, not an escape.
bool DocRun::ParentTakes(size_t t) const {
  return t >= 2 && In(words_[t - 1].low, {"mother", "father", "parents"}) &&
         (IsPossessivePronoun(words_[t - 2].low) || words_[t - 2].low == "'s");
}

// Rule lead-description: "A North Korean air force captain flew a MiG-19 south and landed
// at a South Korean air base ... The ministry identified the pilot as Capt. X": a news lead
// describes the story's person by a title before naming them. An indefinite title phrase
// opening the clause, before the document's first mention of its most named person, is
// that person.
int DocRun::LeadDescription(size_t t) const {
  // ("a former envoy on leaving Kuwait": the trigger of a prepositional phrase.)
  if (salient_ < 0 || t == 0 || words_[t - 1].Is(kClsPreposition)) return -1;
  for (const Mention& m : doc_.mentions)
    if (m.entity == salient_ && m.sentence <= sent_) return -1;
  // The title noun: the last word of the phrase before the verbs.
  size_t k = t;
  while (k > 0 && !words_[k - 1].Is(kClsClauseBreak) && !lex_.job_titles.count(words_[k - 1].low))
    --k;
  if (k == 0 || !lex_.job_titles.count(words_[k - 1].low)) return -1;
  size_t b = k - 1;
  for (size_t n = 0; b > 0 && n < 5 && !In(words_[b].low, {"a", "an"}); ++n) {
    if (words_[b - 1].punct || words_[b - 1].mention >= 0) return -1;
    --b;
  }
  if (!In(words_[b].low, {"a", "an"})) return -1;
  // The phrase opens its clause: the sentence's start or after a comma.
  if (b > 0 && !words_[b - 1].punct) return -1;
  return salient_;
}

// Rule unnamed-border (see UnnamedBorder's declaration).
bool DocRun::IntransitiveCross(size_t t, size_t tlen, const std::vector<int>& subjects) const {
  // "she first crossed in 2002", "they crossed at night": "cross" with no object is
  // crossing the border in these accounts.
  // "Kim escaped again the following year", "fled a second time": a repeated escape with
  // no place is another crossing out of the North.
  if (tlen == 1 && In(words_[t].low, {"escaped", "fled", "escapes", "flees"}) &&
      t + 1 < words_.size()) {
    const std::string& n = words_[t + 1].low;
    if (n == "again" || (n == "once" && t + 2 < words_.size() && words_[t + 2].low == "more") ||
        (n == "a" && t + 3 < words_.size() && In(words_[t + 2].low, {"second", "third"}) &&
         words_[t + 3].low == "time")) {
      // ("fled a second time from the camp": out of a camp, not the country.)
      for (size_t k = t + 1; k < words_.size() && k < t + 8; ++k) {
        if (words_[k].Is(kClsClauseBreak)) break;
        if (In(words_[k].low, {"camp", "prison", "jail", "centre", "center", "cell", "hospital",
                               "farm", "house", "home", "factory", "school"}))
          return false;
      }
      return true;
    }
  }
  // Rule bare-flight: "Ahn, who fled in 2009, said ...", "he fled with his wife in 2016",
  // "the elder, left in 2009": fleeing or leaving with no place, by someone the text has
  // not placed outside the North, is leaving it (but not "fled when the police came", nor
  // out of a camp).
  if (tlen == 1 && In(words_[t].low, {"fled", "left"}) && t + 1 < words_.size() &&
      subjects.size() == 1) {
    auto where = country_of_.find(subjects[0]);
    if (where != country_of_.end() && where->second != "KP") return false;
    size_t k = t + 1;
    if (words_[k].low == "with") {  // "with his wife", "with her two children"
      for (++k; k < words_.size() && k < t + 6; ++k)
        if (words_[k].Is(kClsKinship)) break;
      if (k >= words_.size() || !words_[k].Is(kClsKinship)) return false;
      ++k;
    }
    if (k >= words_.size()) return true;
    bool dated = false;
    for (const auto& [a, b] : timex_words_)
      dated = dated || a == k || (a == k + 1 && words_[k].low == "in");
    // ("the camp she left, and": "left" with its object before it; only "fled" ends a clause.)
    if (!dated && !(words_[t].low == "fled" && words_[k].punct && words_[k].low != "-"))
      return false;
    for (size_t n = t + 1; n < words_.size() && n < t + 10; ++n) {
      if (words_[n].Is(kClsClauseBreak)) break;
      if (In(words_[n].low, {"camp", "prison", "jail", "centre", "center", "cell", "hospital"}))
        return false;
    }
    return true;
  }
  if (tlen != 1 || words_[t].low.rfind("cross", 0) != 0) return false;
  if (t + 1 >= words_.size()) return true;
  const Word& next = words_[t + 1];
  return (next.punct && next.low != "-") ||
         In(next.low, {"in", "on", "at", "with", "alone", "together", "twice", "again", "first",
                       "safely", "successfully", "illegally", "and", "but"});
}

bool DocRun::UnnamedBorder(size_t k) const {
  // The verb's object, or an "across"/"over" phrase right after it: the article, at most
  // two modifiers ("the frozen", "the Chinese"), then the noun, which ends the phrase
  // ("the border area", "the river's edge" are somewhere else).
  if (k < words_.size() && In(words_[k].low, {"across", "over"})) ++k;
  if (k >= words_.size() || words_[k].low != "the") return false;
  for (size_t n = k + 1; n < words_.size() && n <= k + 3; ++n) {
    const Word& w = words_[n];
    if (w.punct || w.mention >= 0 || w.Is(kClsClauseBreak)) return false;
    if (WordClass("border_ground").count(w.low) == 0) continue;
    if (n + 1 >= words_.size()) return true;
    const Word& next = words_[n + 1];
    return next.punct || next.Is(kClsPreposition) || In(next.low, {"and", "but", "at", "on"});
  }
  return false;
}

// Rule inland-trip: "We made our way to Hoeryong, a city on the border, and waded across the
// Tumen": a way to a North Korean town by someone not placed outside the North is travel
// inside it; the crossing is the next verb.
// An arrival the person makes (not one they are taken on, "a broker took me to Hyesan")
// is not such a way: it names where the person got to.
bool DocRun::InlandTrip(bool own_arrival, const EventMention& ev,
                        const std::vector<int>& subjects) const {
  if (own_arrival || ev.to < 0 || ev.via >= 0 || ev.from >= 0 || subjects.size() != 1)
    return false;
  const LocalEntity& to = doc_.entities[ev.to];
  if (to.country != "KP" || !In(to.place_kind, {"city", "province"})) return false;
  auto where = country_of_.find(subjects[0]);
  return where == country_of_.end() || where->second == "KP";
}

// Rule told-before: "since his defection became public": an undated reference to a
// once-in-a-life movement the text already told of the person is that event, not another.
bool DocRun::ToldBefore(const EventMention& ev, const std::vector<int>& subjects) const {
  if (ev.type != "defection" || ev.date.known() || ev.to >= 0 || ev.place >= 0 ||
      subjects.size() != 1)
    return false;
  for (const Candidate& c : out_)
    if (c.ev.subject == subjects[0] && c.ev.type == ev.type) return true;
  return false;
}

// Rule kin-mover: "her mother moved the children to X", "Kim's father moved the family to
// Y": a parent moving the family moves the person whose parent it is.
int DocRun::KinMover(size_t t, size_t tlen) {
  bool family = false;
  for (size_t k = t; k < t + tlen; ++k)
    family = family || In(words_[k].low, {"children", "family"});
  // "The mother leads her daughters over the river": the children right after the verb.
  const size_t a = t + tlen;
  if (a + 1 < words_.size() && (IsPossessivePronoun(words_[a].low) || words_[a].low == "the") &&
      In(words_[a + 1].low, {"children", "daughters", "sons", "family"}))
    family = true;
  if (!family || t < 2 || !In(words_[t - 1].low, {"mother", "father", "parents"})) return -1;
  // "The mother" opening the clause: the parent of the person the story is about.
  if (words_[t - 2].low == "the" && (t == 2 || words_[t - 3].punct))
    return Topic() >= 0 ? Topic() : last_subject_;
  if (IsPossessivePronoun(words_[t - 2].low)) {
    std::vector<int> owner = ResolvePronoun(words_[t - 2].low, t - 2);
    return owner.size() == 1 ? owner[0] : -1;
  }
  if (words_[t - 2].low == "'s" && t >= 3) return PersonAt(t - 3);
  return -1;
}

std::vector<int> DocRun::OpenerSubject(size_t t) {
  for (size_t k = 0; k < t; ++k)
    if (!words_[k].punct) return {};
  for (size_t k = t + 1; k + 1 < words_.size(); ++k) {
    if (words_[k].Is(kClsClauseBreak)) return {};
    if (words_[k].low != ",") continue;
    size_t n = k + 1;
    if (PersonAt(n) >= 0 && InSubjectPosition(n)) return {PersonAt(n)};
    if (In(words_[n].low, {"he", "she", "i", "we"})) return ResolvePronoun(words_[n].low, n);
  }
  return {};
}

void DocRun::LearnRoles() {
  for (size_t i = 0; i < words_.size(); ++i) {
    int p = PersonAt(i);
    if (p < 0 || MentionBegin(i) != i) continue;
    size_t b = i, e = MentionEnd(i);
    // "North Korean soldier X", "defector X": a lowercase noun right before the name.
    if (b > 0) {
      const Word& w = words_[b - 1];
      size_t tlen = 0;
      auto ends = [&](std::string_view suffix) {
        return w.low.size() > suffix.size() &&
               w.low.compare(w.low.size() - suffix.size(), suffix.size(), suffix) == 0;
      };
      // A noun: not a verb's past ("visited"), an adverb, a plural or a trigger.
      if (!w.punct && !w.upper && w.cls == 0 && w.mention < 0 && w.low.size() > 3 &&
          !(ends("s") && !ends("ss")) && !ends("ed") && !ends("ly") &&
          MatchTrigger(b - 1, &tlen) < 0)
        role_of_[w.low] = p;
    }
    // "X, a former soldier,", "X, the pilot who": the appositive's head noun.
    if (e + 2 < words_.size() && words_[e].low == "," &&
        In(words_[e + 1].low, {"a", "an", "the"})) {
      size_t k = e + 2, last = SIZE_MAX;
      for (; k < words_.size() && k < e + 7; ++k) {
        const Word& w = words_[k];
        if (w.punct || w.upper || w.Is(kClsPreposition) || In(w.low, {"who", "and", "which"}))
          break;
        last = k;
      }
      if (last != SIZE_MAX && words_[last].cls == 0) role_of_[words_[last].low] = p;
    }
    i = MentionEnd(i) - 1;
  }
}

int DocRun::RoleHolder(size_t i) const {
  if (words_[i].upper && i > 0) return -1;
  auto it = role_of_.find(words_[i].low);
  if (it == role_of_.end()) return -1;
  // "the soldier", "the former pilot": a definite article within three words before it.
  for (size_t k = i; k > 0 && k + 4 > i; --k) {
    const std::string& w = words_[k - 1].low;
    if (w == "the") return k >= 2 && words_[k - 2].Is(kClsPreposition) ? -1 : it->second;
    if (words_[k - 1].punct || words_[k - 1].mention >= 0 || words_[k - 1].Is(kClsAux)) return -1;
  }
  return -1;
}

int DocRun::SubordinateSubject(size_t i, size_t t) const {
  int p = PersonAt(i);
  if (p < 0 || MentionEnd(i) > t) return -1;
  size_t k = MentionEnd(i);
  // An appositive between the name and its verb: "when X, the envoy in London, fled".
  if (k < t && words_[k].low == ",") {
    size_t c = k + 1;
    while (c < t && c < k + 12 && words_[c].low != "," && !words_[c].Is(kClsClauseBreak)) ++c;
    if (c < t && words_[c].low == ",") k = c + 1;
  }
  for (; k < t; ++k)
    if (!words_[k].Is(kClsAux)) return -1;
  size_t b = MentionBegin(i);
  if (b == 0) return -1;
  if (!In(words_[b - 1].low, {"since", "when", "after", "before", "because", "while", "until",
                              "although", "though", "if", "whereas", "once"}))
    return -1;
  return p;
}

std::vector<int> DocRun::SubjectsRight(size_t t, size_t tlen) const {
  for (size_t i = t + tlen; i < words_.size(); ++i) {
    if (words_[i].Is(kClsClauseBreak) || words_[i].low == "." || words_[i].low == "but") break;
    // Rule relative-patient: "arrested my father": the event is the relative's.
    if (words_[i].Is(kClsKinship)) return {};
    int p = PersonAt(i);
    if (p >= 0) return {p};
    if (words_[i].Is(kClsObjectPronoun)) {
      if (words_[i].low == "him" || words_[i].low == "her") {
        // The salient person who is not this sentence's agent.
        if (last_subject_ >= 0) return {last_subject_};
      }
      if (words_[i].low == "me" || words_[i].low == "us") {
        int a = SpeakerOrAuthor(words_[i].span.begin);
        if (a >= 0) return {a};
      }
      if (words_[i].low == "them" && last_group_.size() >= 2) return last_group_;
      // "X and her mother cross ... soldiers hold them": the group of one named person.
      if (words_[i].low == "them" && last_group_.size() == 1 && sent_ - group_sentence_ <= 2)
        return last_group_;
    }
  }
  // Fall back to a named person elsewhere in the sentence ("a man ... absconded with the
  // money Kim had saved").
  for (size_t i = 0; i < words_.size(); ++i) {
    int p = PersonAt(i);
    if (p >= 0) return {p};
  }
  return {};
}

bool DocRun::InfoboxLabel(size_t i) const {
  if (i >= words_.size()) return false;
  for (size_t k = 0; k < i; ++k)  // only a bullet before the label: "- Birthplace: X"
    if (!words_[k].punct) return false;
  uint32_t end = words_[i].span.end;
  return end < doc_.text.size() && (doc_.text[end] == ':' || doc_.text[end] == '\t');
}

bool IsBeForm(std::string_view w) {
  return WordClass("passive_aux").count(w) != 0;
}

bool DocRun::IsPassive(size_t t) const {
  size_t k = t;
  // "was caught ... and repatriated": a participle coordinated with a passive.
  if (k > 0 && words_[k - 1].low == "and") {
    for (size_t j = k - 1; j > 0 && j + 12 > k; --j) {
      if (words_[j - 1].Is(kClsClauseBreak)) break;
      if (In(words_[j - 1].low, {"was", "were", "been", "being", "got"})) return true;
    }
  }
  while (k > 0) {
    const std::string& w = words_[k - 1].low;
    if (IsBeForm(w)) return true;
    if (!IsAux(w) && !(w.size() > 2 && w.compare(w.size() - 2, 2, "ly") == 0)) return false;
    --k;
  }
  return false;
}

// The date of the event at words[t]: a timex in its clause, else one before it in the
// sentence; *own says whether one was found.
DateInterval DocRun::DateFor(size_t t, bool* own, bool* settled) const {
  *own = false;
  // Rule relative-clause-date: "Kim, who defected with Hwang in 1997, has died in Seoul":
  // a date inside a relative clause set off by commas right before the trigger is the
  // clause's, not the trigger's.
  size_t rel_open = SIZE_MAX, rel_close = SIZE_MAX;
  RelativeClauseBefore(t, &rel_open, &rel_close);
  auto usable = [&](int xi) {
    const Timex& x = doc_.timexes[xi];
    if (rel_open != SIZE_MAX) {
      for (size_t k = 0; k < timex_ids_.size(); ++k)
        if (timex_ids_[k] == xi && timex_words_[k].first > rel_open &&
            timex_words_[k].second < rel_close)
          return false;
    }
    if (x.kind == Timex::Kind::kAge || x.kind == Timex::Kind::kDuration) return false;
    return x.value.closed();
  };
  // Rule until-end: "was made manager at the end of 1996 and stayed until October 1998":
  // a date after "until" ends the state the trigger starts; it is not its start. It widens
  // a start found in the clause, and dates the event alone only when nothing else does.
  auto end_bound = [&](size_t k) {
    const size_t a = timex_words_[k].first;
    return a > t && In(words_[a - 1].low, {"until", "till"});
  };
  // Clause bounds around t.
  size_t cb = t, ce = t;
  while (cb > 0 && !words_[cb - 1].Is(kClsClauseBreak) && words_[cb - 1].low != "which" &&
         words_[cb - 1].low != "but")
    --cb;
  if (ce + 1 < words_.size() && words_[ce + 1].low == ":") ++ce;  // infobox "Born: 1968"
  // A subordinate clause after the trigger ("settled in the South since X did in 1997",
  // "when she was 20") has its own time.
  auto starts_timex = [&](size_t w) {
    for (const auto& [a, b] : timex_words_)
      if (a == w || a + 1 == w) return true;  // "since April 2019", "since 2019"
    return false;
  };
  // Rule since-phrase: "since the expulsion of his superior in 2017" is a phrase, not a
  // clause: its date starts the state.
  auto since_phrase = [&](size_t w) {
    return words_[w].low == "since" && w + 1 < words_.size() &&
           In(words_[w + 1].low, {"the", "his", "her", "their"});
  };
  while (ce + 1 < words_.size() && !words_[ce + 1].Is(kClsClauseBreak) &&
         !In(words_[ce + 1].low, {"which", "but", "who"}) &&
         !(In(words_[ce + 1].low, {"since", "when", "whereas", "although"}) &&
           !starts_timex(ce + 2) && !since_phrase(ce + 1)))
    ++ce;
  int end_k = -1;  // the first "until" date of the clause, with no other trigger before it
  for (size_t k = 0; k < timex_ids_.size() && end_k < 0; ++k) {
    const size_t a = timex_words_[k].first;
    if (!end_bound(k) || a > ce || !usable(timex_ids_[k])) continue;
    bool other = false;
    for (size_t q : trigger_words_) other = other || (q > t && q < a);
    if (!other) end_k = static_cast<int>(k);
  }
  auto until_end = [&](DateInterval v) {
    if (end_k < 0) return v;
    const Timex& e = doc_.timexes[timex_ids_[end_k]];
    if (v.closed() && e.value.closed() && *e.value.latest > *v.latest) {
      v.latest = e.value.latest;
      v.text += " until " + e.value.text;
      Trace(t, "until-end: the start widened to the end after until");
    }
    return v;
  };
  int best = -1;
  size_t best_dist = SIZE_MAX;
  // Rule own-phrase-date: a date after the trigger and before the next trigger is the
  // trigger's own ("crossed in 1998 and settled in the South in 2001").
  {
    size_t next = ce + 1;
    for (size_t q : trigger_words_)
      if (q > t && q < next) next = q;
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      auto [a, b] = timex_words_[k];
      if (a <= t || b >= next || !usable(timex_ids_[k])) continue;
      if (words_[a].paren > 0 && words_[t].paren == 0) continue;
      if (end_bound(k)) continue;
      *own = true;
      return until_end(doc_.timexes[timex_ids_[k]].value);
    }
  }
  // Rule present-now: "arrived in Seoul in 2004 and now runs a restaurant": a verb the
  // text puts in the present takes no earlier date of its sentence.
  for (size_t k = t; k > 0 && k + 3 > t; --k) {
    const Word& w = words_[k - 1];
    if (WordClass("present_adverb").count(w.low)) {
      Trace(t, "present-now: no earlier date of the sentence");
      if (settled) *settled = true;
      return {};
    }
    if (!w.Is(kClsAux)) break;
  }
  // Rule present-conjunct: "has lived in Seoul since 2004 and works as a counsellor": a
  // verb in the present joined to an earlier one takes none of its sentence's dates.
  if (const std::string& v = words_[t].low;
      t > 0 && In(words_[t - 1].low, {"and", "but"}) && v.size() > 3 && v.back() == 's' &&
      !v.ends_with("ss") && !words_[t].Is(kClsAux) && !IsBeForm(v) &&
      !In(v, {"has", "was", "is", "does"})) {
    Trace(t, "present-conjunct: no earlier date of the sentence");
    if (settled) *settled = true;
    return {};
  }
  // A trigger between the expression and this one is nearer to it: "was born in X and
  // left in 2010" dates the leaving, not the birth.
  auto shadowed = [&](size_t a, size_t b) {
    for (size_t q : trigger_words_) {
      if (q == t) continue;
      if ((q > b && q < t) || (q < a && q > t)) return true;
    }
    return false;
  };
  // Rule owned-phrase-date: a date in another trigger's phrase that a comma closes before
  // this trigger is that trigger's ("the edition, published in 2013, carries the name she was
  // born with": the year is the publishing's).
  auto owned = [&](size_t a, size_t b) {
    if (b >= t) return false;
    bool comma = false;
    for (size_t w = b + 1; w < t && !comma; ++w) comma = words_[w].low == ",";
    if (!comma) return false;
    for (size_t q : trigger_words_)
      if (q != t && q < a) return true;
    return false;
  };
  for (size_t k = 0; k < timex_ids_.size(); ++k) {
    auto [a, b] = timex_words_[k];
    if (b < cb || a > ce || !usable(timex_ids_[k]) || shadowed(a, b) || owned(a, b)) continue;
    // A parenthesis is an aside: "X (born 1970) defected" does not date the defection.
    if (words_[a].paren > 0 && words_[t].paren == 0) continue;
    if (end_bound(k)) continue;
    size_t dist = a > t ? a - t : (t > b ? t - b : 0);
    // Prefer the more precise expression when two are near ("A few months after arriving,
    // in January 2005").
    if (best >= 0) {
      const Timex& cur = doc_.timexes[timex_ids_[best]];
      const Timex& cand = doc_.timexes[timex_ids_[k]];
      bool cand_abs = cand.kind == Timex::Kind::kDate, cur_abs = cur.kind == Timex::Kind::kDate;
      if (cand_abs != cur_abs) {
        if (cand_abs) {
          best = static_cast<int>(k);
          best_dist = dist;
        }
        continue;
      }
    }
    if (dist < best_dist) {
      best = static_cast<int>(k);
      best_dist = dist;
    }
  }
  if (best < 0) {
    // A temporal adverbial earlier in the sentence scopes over what follows it, unless it
    // is another trigger's own (owned-phrase-date).
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      auto [a, b] = timex_words_[k];
      if (b < t && usable(timex_ids_[k]) && (words_[a].paren == 0 || words_[t].paren > 0) &&
          !owned(a, b))
        best = static_cast<int>(k);
    }
  }
  if (best < 0 && end_k >= 0) best = end_k;  // only an end: as before, the event's date
  if (best < 0) return {};
  *own = true;
  if (best == end_k) {
    // Rule until-narrative: "I was sent to the camp, where I stayed until 2006", told after
    // "In 2004 police arrested me": the narrative's date starts the state the end closes.
    DateInterval v = doc_.timexes[timex_ids_[best]].value;
    const bool near = narrative_.closed() && sent_ > narrative_sentence_ &&
                      sent_ - narrative_sentence_ <= 3 &&
                      doc_.sentences[narrative_sentence_].paragraph ==
                          doc_.sentences[sent_].paragraph;
    if (near && v.closed() && *narrative_.earliest < *v.earliest) {
      Trace(t, "until-narrative: the narrative's date starts the state");
      v.earliest = narrative_.earliest;
      v.text = narrative_.text + " until " + v.text;
    }
    return v;
  }
  return until_end(doc_.timexes[timex_ids_[best]].value);
}

std::string DocRun::DetailAfter(size_t from) const {
  size_t b = from, e = from;
  while (e < words_.size()) {
    const Word& w = words_[e];
    if (w.punct || w.Is(kClsClauseBreak) ||
        (e > b && In(w.low, {"in", "at", "for", "within", "from", "after", "before", "when",
                             "while", "and", "but", "until", "on", "with", "by", "of"})))
      break;
    ++e;
  }
  if (e == b) return {};
  // Drop a leading article.
  if (In(words_[b].low, {"a", "an", "the"}) && e > b + 1) ++b;
  return std::string(doc_.text.substr(words_[b].span.begin,
                                      words_[e - 1].span.end - words_[b].span.begin));
}

int DocRun::InferredPlace(const char* name, const char* country) {
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    const LocalEntity& le = doc_.entities[e];
    if (le.type == EntityType::kPlace && le.country == country && le.place_kind == "country")
      return static_cast<int>(e);
  }
  LocalEntity le;
  le.type = EntityType::kPlace;
  le.name = name;
  le.country = country;
  le.place_kind = "country";
  doc_.entities.push_back(std::move(le));
  return static_cast<int>(doc_.entities.size() - 1);
}

// Fills place/from/to/via/object/detail from the words after the trigger.
void DocRun::FillRoles(const TriggerDef& def, size_t t, size_t tlen, EventMention* ev,
                       size_t* end_out) {
  // Forced movements take movement roles too: "sent back to North Korea" is a destination.
  const bool move =
      def.type.rfind("move:", 0) == 0 || def.type == "repatriation" || def.type == "return";
  const std::string cls = def.type.rfind("move:", 0) == 0 ? def.type.substr(5) : "return";
  std::vector<int> pair;  // a border pair "X–Y border"
  size_t i = t + tlen;
  // A sentence-initial place adverbial ("In Chongjin, X worked ...").
  // (Rule own-place-first: the trigger's own "in" or "at" place, more precise, replaces it.)
  int opener_place = -1;
  if (!move && words_.size() > 2 && words_[0].low == "in") {
    int p = EntityAt(1, EntityType::kPlace);
    if (p >= 0) ev->place = opener_place = p;
    // "In the South, X worked ...": the two Koreas as the field names them.
    if (p < 0 && words_.size() > 4 && words_[1].low == "the" && words_[3].low == "," &&
        words_[2].upper && (words_[2].low == "south" || words_[2].low == "north"))
      ev->place = words_[2].low == "north" ? InferredPlace("North Korea", "KP")
                                           : InferredPlace("South Korea", "KR");
  }
  bool in_by_phrase = false;
  for (; i < words_.size(); ++i) {
    const Word& w = words_[i];
    if (i == t + tlen && w.low == ":") continue;  // infobox "Birthplace: X"
    if (w.low == ")" && words_[t].paren > 0) break;  // "(born 1980)" ends at its parenthesis
    // An agent's by-phrase ends at a coordinator: "caught by police and sent back to X,
    // where ... in Y": what follows is the next verb's.
    if (in_by_phrase && (w.low == "and" || w.low == ",")) in_by_phrase = false;
    // The next event's words are its own: any trigger but a reference ("of defecting")
    // for other events; another movement joined by "and" for a movement.
    if (i > t + tlen && !in_by_phrase) {
      size_t len = 0;
      int other = MatchTrigger(i, &len);
      // "has since worked": an adverb between an auxiliary and its verb, not a reference.
      bool verb = i >= 2 && words_[i - 2].Is(kClsAux) && words_[i - 1].Is(kClsPreposition);
      if (other >= 0 && !move &&
          (verb ||
           (!words_[i - 1].Is(kClsPreposition) && !words_[i - 1].Is(kClsPossessivePronoun))))
        break;
      if (other >= 0 && move && lex_.triggers[other].type.rfind("move:", 0) == 0 &&
          words_[i - 1].low == "and")
        break;
    }
    if (w.Is(kClsClauseBreak) || In(w.low, {"but", "which", "who", "making", "while", "when",
                                           "after", "before", "because", "until", "although"}))
      break;
    // Rule attribution-ends-roles: "born in 1996, according to the ministry", "..., citing
    // a ministry report": the source of the statement is no participant of the event.
    if ((w.low == "according" && i + 1 < words_.size() && words_[i + 1].low == "to") ||
        (w.low == "citing" && i > 0 && words_[i - 1].low == ","))
      break;
    if (w.low == "by" && i + 1 < words_.size()) in_by_phrase = true;
    int place = EntityAt(i, EntityType::kPlace);
    // "fled the North", "arrived in the South": the two Koreas as the field names them.
    if (place < 0 && move && w.upper && w.mention < 0 && i > 0 && words_[i - 1].low == "the" &&
        (w.low == "north" || w.low == "south") &&
        (i + 1 >= words_.size() || !words_[i + 1].upper || words_[i + 1].punct)) {
      place = w.low == "north" ? InferredPlace("North Korea", "KP")
                               : InferredPlace("South Korea", "KR");
    }
    int org = EntityAt(i, EntityType::kOrganization);
    int work = EntityAt(i, EntityType::kWork);
    int person = PersonAt(i);
    size_t b = MentionBegin(i), e = MentionEnd(i);
    std::string prev = b > 0 ? words_[b - 1].low : "";
    // "at a Seoul hospital", "to the Rome embassy": the preposition before the article.
    if (In(prev, {"the", "a", "an"}) && b > 1) prev = words_[b - 2].low;
    if (place >= 0) {
      const LocalEntity& le = doc_.entities[place];
      // Border pair: X – Y border.
      if (e + 1 < words_.size() && In(words_[e].low, {"–", "-", "/", "—"})) {
        int q = EntityAt(e + 1, EntityType::kPlace);
        if (q >= 0) {
          size_t e2 = MentionEnd(e + 1);
          if (e2 < words_.size() && In(words_[e2].low, {"border", "borders", "frontier"})) {
            pair = {place, q};
            i = e2;
            continue;
          }
        }
      }
      bool water = le.place_kind == "river" || le.place_kind == "border" || IsDmz(le);
      // Right after the verb, article allowed: "fled North Korea", "fled the North".
      bool direct = b == t + tlen || (b == t + tlen + 1 && words_[t + tlen].low == "the");
      if (move) {
        if (water || In(prev, {"across", "through", "via", "over", "along", "under", "past"}))
          ev->via = place;
        // "during a visit to Vienna", "on a trip to Beijing": where the escape happened.
        else if (prev == "to" && b >= 3 &&
                 IsTripNoun(words_[b - 2].low) &&
                 (cls == "escape" || cls == "defect"))
          ev->place = ev->place < 0 ? place : ev->place;
        // "into the Yanbian region of China": an "of" place in the destination's country
        // contains the destination; it is not where the movement began.
        else if (prev == "of" && ev->to >= 0 && doc_.entities[ev->to].country == le.country) {
          Trace(t, "destination-container: not an origin");
        } else if (In(prev, {"from", "of"}) && b > 0 && words_[b - 1].low != "out")
          ev->from = ev->from < 0 ? place : ev->from;
        else if (In(prev, {"to", "into", "reach", "reached", "reaching", "entered", "toward",
                           "towards", "for"}) ||
                 (prev == "in" && cls != "escape" && cls != "defect") ||
                 (direct && (cls == "arrive" || cls == "return")))
          ev->to = ev->to < 0 ? place : ev->to;
        else if (direct && (cls == "escape" || cls == "defect"))
          ev->from = ev->from < 0 ? place : ev->from;
        else if (prev == "at" && ev->to < 0)
          ev->to = place;
      } else if ((ev->place < 0 || (ev->place == opener_place && In(prev, {"in", "at"}))) &&
                 (In(prev, {"in", "at", "near", "outside", "up", ":"}) || InfoboxLabel(t) ||
                  // "posted to Rome", "works for a Seoul charity"
                  (In(prev, {"to", "for"}) && def.type == "employment"))) {
        ev->place = place;
      } else if (ev->place < 0 && WorkplaceAfter(e)) {
        ev->place = place;
        Trace(t, "workplace-name: the place that names the school or workplace");
      }
      i = e - 1;
      continue;
    }
    if ((org >= 0 || work >= 0) && ev->object < 0 && !move) {
      if (def.type == "publication" ? work >= 0 || org >= 0 : true) ev->object = org >= 0 ? org : work;
      i = e - 1;
      continue;
    }
    if (person >= 0 && ev->object < 0 &&
        In(def.type, {"marriage", "engagement", "meeting", "threat"})) {
      ev->object = person;
      i = e - 1;
      continue;
    }
  }
  *end_out = i;
  // "Her memoir, Beyond the River, was published": the work stands before a passive verb.
  if (def.type == "publication" && ev->object < 0) {
    for (size_t k = t; k > 0; --k) {
      if (words_[k - 1].Is(kClsClauseBreak)) break;
      int work = EntityAt(k - 1, EntityType::kWork);
      if (work >= 0) {
        ev->object = work;
        break;
      }
    }
  }
  if (!def.detail_after.empty()) {
    for (size_t k = t; k < i; ++k) {
      if (words_[k].low == def.detail_after) {
        ev->detail = DetailAfter(k + 1);
        break;
      }
    }
    if (ev->detail.empty() && def.type == "employment" && words_[t].low == "became")
      ev->detail = DetailAfter(t + 1);
    // Rule promotion-title: "promoted to first secretary", "was made a colonel": the post
    // is the words after the trigger, so that two promotions stay two jobs.
    bool promoted = false;
    for (size_t k = t; k < t + tlen; ++k)
      promoted = promoted || In(words_[k].low, {"promoted", "made"});
    if (ev->detail.empty() && def.type == "employment" && promoted && t + tlen < words_.size()) {
      size_t from = t + tlen;
      if (words_[from].low == "to" && from + 1 < words_.size()) ++from;
      if (!words_[from].upper || words_[from].mention < 0) ev->detail = DetailAfter(from);
    }
  }
  // "has led the mission": the post of its head.
  if (ev->detail.empty() && def.type == "employment" && t + tlen + 1 < words_.size() &&
      In(words_[t + tlen - 1].low, {"led", "headed", "leads", "heads"}) &&
      words_[t + tlen].low == "the" && IsMissionNoun(words_[t + tlen + 1].low))
    ev->detail = "head";
  if (def.type == "death" && In(words_[t].low, {"committed", "killed", "took"}))
    ev->detail = "suicide";
  if (def.type == "death" && words_[t].low.find("execut") != std::string::npos)
    ev->detail = "execution";
  if (pair.size() == 2 && ev->to < 0) {
    const LocalEntity& a = doc_.entities[pair[0]];
    const LocalEntity& b = doc_.entities[pair[1]];
    std::string from_c = ev->from >= 0 ? doc_.entities[ev->from].country : "KP";
    if (a.country != from_c && b.country == from_c) ev->to = pair[0];
    else if (b.country != from_c && a.country == from_c) ev->to = pair[1];
    if (ev->from < 0) ev->from = a.country == from_c ? pair[0] : (b.country == from_c ? pair[1] : -1);
  }
  // Crossing a North Korean border river out of the North leads into China, when the
  // document places the story there (a Chinese place is mentioned).
  if (move && ev->to < 0 && ev->via >= 0 && doc_.entities[ev->via].place_kind == "river" &&
      doc_.entities[ev->via].country == "KP" &&
      (ev->from < 0 || doc_.entities[ev->from].country == "KP")) {
    for (const LocalEntity& le : doc_.entities)
      if (le.type == EntityType::kPlace && le.country == "CN") {
        ev->to = InferredPlace("China", "CN");
        break;
      }
  }
  if (move && ev->to < 0 && ev->via >= 0 && IsDmz(doc_.entities[ev->via]) &&
      (ev->from < 0 || doc_.entities[ev->from].country != "KR"))
    ev->to = InferredPlace("South Korea", "KR");
  // Rule border-origin: a crossing into China over a North Korean border river, or into the
  // South over the DMZ, starts in North Korea.
  if (move && ev->from < 0 && ev->to >= 0 && ev->via >= 0 &&
      doc_.entities[ev->via].country == "KP" &&
      (doc_.entities[ev->via].place_kind == "river" || IsDmz(doc_.entities[ev->via])) &&
      (doc_.entities[ev->to].country == "CN" || doc_.entities[ev->to].country == "KR"))
    ev->from = InferredPlace("North Korea", "KP");
  ClausePlace(def, t, tlen, i, ev);
}

std::string DocRun::AgentCountry(size_t k, size_t end) const {
  const PlaceCues& cues = PlaceCues::Default();
  // An agent noun within two words: "Chinese police", "Chinese border guards".
  // A source, not the actor: "US officials said he was arrested", "according to Thai police".
  if (k >= 2 && words_[k - 2].low == "according") return "";
  auto agent_after = [&](size_t from) {
    for (size_t j = from; j < end && j < from + 3; ++j) {
      if (words_[j].punct) return false;
      if (cues.agents.count(words_[j].low))
        return j + 1 >= words_.size() || !words_[j + 1].Is(kClsSpeechVerb);
    }
    return false;
  };
  if (!words_[k].upper) return "";
  std::string key = words_[k].low;
  for (int n = 1; n <= cues.max_demonym_words && k + static_cast<size_t>(n) <= end; ++n) {
    if (n > 1) key += " " + words_[k + static_cast<size_t>(n) - 1].low;
    auto it = cues.demonyms.find(key);
    if (it != cues.demonyms.end() && agent_after(k + static_cast<size_t>(n))) return it->second;
  }
  // A place name before an agent noun, not after a preposition: "a Seoul court".
  int place = EntityAt(k, EntityType::kPlace);
  if (place >= 0 && MentionBegin(k) == k && (k == 0 || !words_[k - 1].Is(kClsPreposition)) &&
      !doc_.entities[place].country.empty() && agent_after(MentionEnd(k)))
    return doc_.entities[place].country;
  return "";
}

void DocRun::MovementEnds(int subject, EventMention* ev) {
  auto where = country_of_.find(subject);
  std::string last = where == country_of_.end() ? "" : where->second;
  // Placed nowhere yet: a story that names a Chinese place has the person in China before
  // a repatriation or an overland crossing into a third country (every land route out of
  // the North into Mongolia or Southeast Asia runs through China).
  const bool third_country =
      ev->to >= 0 && In(doc_.entities[ev->to].country, {"MN", "LA", "VN", "MM", "TH", "KH"});
  // North Korea borders none of those: a crossing from it into one went through China.
  if (third_country && last == "KP") last = "";
  if (last.empty() && (ev->type == "repatriation" || ev->type == "trafficking" || third_country))
    for (const LocalEntity& le : doc_.entities)
      if (le.type == EntityType::kPlace && le.country == "CN") {
        last = "CN";
        break;
      }
  auto country_place = [&](const std::string& cc) {
    int place = -1;
    for (size_t e = 0; e < doc_.entities.size() && place < 0; ++e) {
      const LocalEntity& le = doc_.entities[e];
      if (le.type == EntityType::kPlace && le.place_kind == "country" && le.country == cc)
        place = static_cast<int>(e);
    }
    const Gazetteer& g = Gazetteer::Default();
    for (int32_t gi = 0; gi < static_cast<int32_t>(g.size()) && place < 0; ++gi)
      if (g.entry(gi).kind == "country" && g.entry(gi).country == cc) place = GazetteerPlace(gi);
    return place;
  };
  // Rule repatriation-ends: "we were sent back" is sent back to North Korea, from the
  // country the person last reached.
  if (ev->type == "repatriation") {
    if (ev->to < 0) {
      ev->to = InferredPlace("North Korea", "KP");
      Trace(0, "repatriation-ends: to North Korea");
      // The person is in the North from now on ("sent back ... jailed").
      country_of_[subject] = "KP";
      arrived_[subject] = Arrival{ev->to, ev->date, sent_};
    }
    if (ev->from < 0 && !last.empty() && last != "KP" && doc_.entities[ev->to].country == "KP") {
      ev->from = country_place(last);
      Trace(0, "repatriation-ends: from the country last reached");
    }
    return;
  }
  // Rule trafficking-in-china: a sale the text places nowhere, of a person it has placed
  // nowhere, in a story set in China happens there (where defectors are trafficked).
  if (ev->type == "trafficking" && ev->place < 0 && !arrived_.count(subject) && last == "CN") {
    ev->place = country_place("CN");
    Trace(0, "trafficking-in-china: the story's country");
    return;
  }
  // Rule crossing-origin: "walked across the desert into Mongolia" starts in the country
  // the person last reached, when that is another.
  if (ev->type == "border_crossing" && ev->from < 0 && ev->to >= 0 && !last.empty() &&
      last != doc_.entities[ev->to].country) {
    ev->from = country_place(last);
    Trace(0, "crossing-origin: from the country last reached");
  }
  // Rule direct-arrival: a defection that lands at a site in the South ("landed at Suwon
  // Air Base", "inside the Joint Security Area") by someone the text has placed nowhere
  // else came straight from the North.
  if (ev->type == "defection" && ev->from < 0 && ev->place >= 0 && ev->to >= 0 &&
      (last.empty() || last == "KP") && doc_.entities[ev->to].country == "KR" &&
      (doc_.entities[ev->place].country == "KR" || IsDmz(doc_.entities[ev->place]))) {
    ev->from = country_place("KP");
    Trace(0, "direct-arrival: straight from the North");
  }
}

int DocRun::GazetteerPlace(int32_t index) {
  const GazetteerEntry& g = Gazetteer::Default().entry(index);
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    const LocalEntity& le = doc_.entities[e];
    if (le.type == EntityType::kPlace && (le.gazetteer == index || le.name == g.name))
      return static_cast<int>(e);
  }
  LocalEntity le;
  le.type = EntityType::kPlace;
  le.name = g.name;
  le.country = g.country;
  le.place_kind = g.kind;
  le.lat = g.lat;
  le.lon = g.lon;
  le.gazetteer = index;
  doc_.entities.push_back(std::move(le));
  return static_cast<int>(doc_.entities.size() - 1);
}

// Rule workplace-name: "finished Hongwon senior middle school", "manager of the Wonsan
// branch": a place right before a workplace or school noun (data/word_classes.tsv, class
// workplace), over at most three lowercase words, is where that workplace is.
bool DocRun::WorkplaceAfter(size_t e) const {
  for (size_t k = e; k < words_.size() && k < e + 4; ++k) {
    if (words_[k].punct || words_[k].upper || words_[k].mention >= 0) return false;
    if (IsWorkplace(words_[k].low)) return true;
  }
  return false;
}

// Rule paragraph-country: "... crossed into China.\n\nChina was brutal. He worked as a
// servant": a paragraph that names the country of the last arrival, up to this sentence,
// goes on telling of the stay there.
bool DocRun::ParagraphNamesCountry(const std::string& cc) const {
  if (cc.empty()) return false;
  const uint32_t para = doc_.sentences[sent_].paragraph;
  for (uint32_t si = sent_ + 1; si-- > 0;) {
    if (doc_.sentences[si].paragraph != para) break;
    for (uint32_t mi : mentions_by_sentence_[si]) {
      const Mention& m = doc_.mentions[mi];
      if (m.type != EntityType::kPlace || m.entity < 0) continue;
      const LocalEntity& le = doc_.entities[m.entity];
      if (le.place_kind == "country" && le.country == cc) return true;
    }
  }
  return false;
}

// Rule mission-anaphor: "North Korea's embassy in Kuwait ... X took charge of the mission
// in 2017", "had been the embassy's counsellor": a job at "the mission" or "the embassy"
// that names no place is at the mission the text named last, with its place.

void DocRun::NoteMissionPlace() {
  for (size_t k = 0; k < words_.size(); ++k) {
    if (!IsMissionNoun(words_[k].low) || words_[k].quoted) continue;
    int place = -1;
    if (k + 2 < words_.size() && In(words_[k + 1].low, {"in", "to"}))
      place = EntityAt(k + 2, EntityType::kPlace);
    if (place < 0 && k > 0) place = EntityAt(k - 1, EntityType::kPlace);  // "the Rome embassy"
    if (place >= 0 && doc_.entities[place].country != "KP") mission_place_ = place;
  }
}

int DocRun::MissionAnaphor() const {
  if (mission_place_ < 0) return -1;
  for (size_t k = 1; k < words_.size(); ++k) {
    if (!IsMissionNoun(words_[k].low) || words_[k - 1].low != "the") continue;
    size_t n = k + 1;
    if (n < words_.size() && words_[n].low == "'s") continue;
    // "the embassy's counsellor" stays; "the embassy in Rome" is placed by its own words.
    if (n + 1 < words_.size() && In(words_[n].low, {"in", "to", "at"}) &&
        EntityAt(n + 1, EntityType::kPlace) >= 0)
      return -1;
    return mission_place_;
  }
  for (size_t k = 1; k + 1 < words_.size(); ++k)
    if (IsMissionNoun(words_[k].low) && words_[k - 1].low == "the" && words_[k + 1].low == "'s")
      return mission_place_;
  return -1;
}

int DocRun::PlaceInOrganization(int entity) {
  if (entity < 0 || doc_.entities[entity].type != EntityType::kOrganization) return -1;
  const Gazetteer& g = Gazetteer::Default();
  std::string key = Gazetteer::Normalize(doc_.entities[entity].name);
  // Rule institution-place: a well-known university stands where data/institutions.tsv says.
  static const auto* kInstitutions = [] {
    auto* m = new std::unordered_map<std::string, std::string>();
    if (auto text = data::Get("institutions.tsv"))
      for (const auto& row : data::ParseTsv(*text))
        if (row.size() >= 2) (*m)[Gazetteer::Normalize(row[0])] = Gazetteer::Normalize(row[1]);
    return m;
  }();
  if (auto it = kInstitutions->find(key); it != kInstitutions->end()) {
    auto hits = g.FindKey(it->second);
    if (!hits.empty()) return GazetteerPlace(hits.front());
  }
  std::vector<std::string_view> parts;
  for (size_t p = 0; p < key.size();) {
    size_t sp = key.find(' ', p);
    if (sp == std::string::npos) sp = key.size();
    parts.push_back(std::string_view(key).substr(p, sp - p));
    p = sp + 1;
  }
  for (size_t a = 0; a < parts.size(); ++a) {
    int32_t found = -1;
    for (size_t n = 1; a + n <= parts.size() && static_cast<int>(n) <= g.max_words(); ++n) {
      std::string_view gram(parts[a].data(),
                            parts[a + n - 1].data() + parts[a + n - 1].size() - parts[a].data());
      if (!g.IsKeyPrefix(gram)) break;
      auto hits = g.FindKey(gram);
      if (!hits.empty()) found = hits.front();
    }
    if (found >= 0 && g.entry(found).kind != "country" && !g.entry(found).country.empty())
      return GazetteerPlace(found);
  }
  return -1;
}

// Rule there-place: "was taken to the security office in Hyesan and held there": a stay
// told with "there" is at the last place its sentence names before the trigger.
void DocRun::ThereIsTheLastPlace(size_t t, size_t tlen, EventMention* ev) const {
  if (ev->place >= 0 || !In(ev->type, {"detention", "employment", "education"})) return;
  const size_t last = t + tlen - 1;
  const bool there =
      words_[last].low == "there" || (last + 1 < words_.size() && words_[last + 1].low == "there");
  if (!there) return;
  for (size_t k = t; k > 0; --k) {
    const int p = EntityAt(k - 1, EntityType::kPlace);
    if (p >= 0) {
      ev->place = p;
      Trace(t, "there-place: the last place before the trigger");
      return;
    }
  }
}

// Rule whom-object: "He is survived by Choi, 79, whom he remarried in North Korea": the
// spouse of a marriage told in a "whom" clause is the person the clause follows.
void DocRun::WhomObject(size_t t, EventMention* ev) const {
  if (ev->object >= 0 || !In(ev->type, {"marriage", "divorce", "engagement"})) return;
  size_t k = t;
  while (k > 0 && (words_[k - 1].Is(kClsAux) || In(words_[k - 1].low, {"later", "then", "first"})))
    --k;
  if (k == 0) return;
  if (words_[k - 1].Is(kClsNominativePronoun)) {
    --k;
  } else if (PersonAt(k - 1) >= 0) {
    k = MentionBegin(k - 1);
  } else {
    return;
  }
  if (k == 0 || words_[k - 1].low != "whom") return;
  size_t j = k - 1;
  while (j > 0 && (words_[j - 1].low == "," || IsAge(words_[j - 1].low))) --j;
  const int p = j > 0 ? PersonAt(j - 1) : -1;
  if (p < 0) return;
  ev->object = p;
  Trace(t, "whom-object: the person the whom clause follows");
}

// Rule this-was-in: "He was sent to a camp for officials. By one account this was in the
// mid-1980s.": a sentence telling no event that dates "this" or "that" dates the events
// of the sentence before it (same paragraph) that its own words left undated.
void DocRun::ThisWasIn() {
  if (!trigger_words_.empty() || sent_ == 0) return;
  const Timex* date = nullptr;
  for (size_t k = 0; k < timex_ids_.size() && !date; ++k) {
    const size_t a = timex_words_[k].first;
    const Timex& x = doc_.timexes[timex_ids_[k]];
    if (a < 3 || x.kind != Timex::Kind::kDate || !x.value.closed()) continue;
    if (In(words_[a - 3].low, {"this", "that"}) && In(words_[a - 2].low, {"was", "happened"}) &&
        In(words_[a - 1].low, {"in", "on", "during"}))
      date = &x;
  }
  if (!date) return;
  const uint32_t para = doc_.sentences[sent_].paragraph;
  for (Candidate& c : out_) {
    if (c.ev.sentence + 1 != sent_ || c.own_date || c.ev.date.known()) continue;
    if (doc_.sentences[c.ev.sentence].paragraph != para) continue;
    c.ev.date = date->value;
    c.ev.date.text = std::string(doc_.Slice(date->span));
    c.own_date = true;
    Trace(0, "this-was-in: the next sentence dates the event");
  }
}

// Rule stay-facility: "spent nearly three years, until early 1983, in Prison No. 6",
// "locked up ..., four years in all, in a facility the North calls Camp 9": a confinement
// the words after it did not place is at the camp or prison its sentence names later,
// before any other trigger.
void DocRun::FacilityLater(size_t t, size_t tlen, EventMention* ev) const {
  if (ev->place >= 0) return;
  for (size_t k = t + tlen; k < words_.size(); ++k) {
    if (std::find(trigger_words_.begin(), trigger_words_.end(), k) != trigger_words_.end()) return;
    const int p = EntityAt(k, EntityType::kPlace);
    if (p >= 0 && doc_.entities[p].place_kind == "facility") {
      ev->place = p;
      Trace(t, "stay-facility: the camp or prison named later in the sentence");
      return;
    }
  }
}

void DocRun::MovementSite(size_t t, size_t end, EventMention* ev) {
  const PlaceCues& cues = PlaceCues::Default();
  // From the trigger's own last word on: "landed at" ends in its preposition.
  for (size_t k = t + 1; k < end; ++k) {
    // ("made a break for the American embassy": "for" names a destination too.)
    if (!In(words_[k].low,
            {"to", "at", "into", "inside", "within", "in", "toward", "towards", "onto", "for"}))
      continue;
    size_t b = k + 1;
    if (b < end && In(words_[b].low, {"the", "a", "an"})) ++b;
    if (b >= end) break;
    // "to the South Korean embassy", "at the US consulate": the mission's country.
    if (ev->to < 0 && In(words_[k].low, {"to", "at", "into", "toward", "towards", "onto", "for"})) {
      std::string cc;
      size_t after = b;
      std::string key = words_[b].low;
      for (int n = 1; n <= cues.max_demonym_words && b + static_cast<size_t>(n) <= end; ++n) {
        if (n > 1) key += " " + words_[b + static_cast<size_t>(n) - 1].low;
        auto it = cues.demonyms.find(key);
        if (words_[b].upper && it != cues.demonyms.end()) {
          cc = it->second;
          after = b + static_cast<size_t>(n);
        }
      }
      int place = EntityAt(b, EntityType::kPlace);
      if (cc.empty() && place >= 0 && doc_.entities[place].place_kind == "country") {
        cc = doc_.entities[place].country;
        after = MentionEnd(b);
      }
      // "a South Korean air base": one modifier before a site noun.
      if (!cc.empty() && after + 1 < end && In(words_[after].low, {"air", "naval", "military"}))
        ++after;
      if (!cc.empty() && after < end &&
          WordClass("country_ground").count(words_[after].low)) {
        for (size_t e = 0; e < doc_.entities.size() && ev->to < 0; ++e) {
          const LocalEntity& le = doc_.entities[e];
          if (le.type == EntityType::kPlace && le.place_kind == "country" && le.country == cc)
            ev->to = static_cast<int>(e);
        }
        const Gazetteer& g = Gazetteer::Default();
        for (int32_t gi = 0; gi < static_cast<int32_t>(g.size()) && ev->to < 0; ++gi)
          if (g.entry(gi).kind == "country" && g.entry(gi).country == cc)
            ev->to = GazetteerPlace(gi);
        if (ev->to >= 0) Trace(t, "embassy-destination: the mission's country");
        continue;
      }
    }
    // "landed at Suwon Air Base", "inside the Joint Security Area": the site of the
    // movement, never a country, a river or the whole DMZ.
    int place = EntityAt(b, EntityType::kPlace);
    if (ev->place >= 0 || place < 0 || MentionBegin(b) != b) continue;
    const LocalEntity& le = doc_.entities[place];
    bool site = In(words_[k].low, {"at", "inside", "within"})
                    ? In(le.place_kind, {"city", "facility", "border"})
                    : words_[k].low == "in" && le.place_kind == "border";
    const std::string low = Lower(le.name);
    if (site && low.find("demilitari") == std::string::npos) {
      ev->place = place;
      Trace(t, "movement-site: where the movement happened");
    }
  }
}

void DocRun::ClausePlace(const TriggerDef& def, size_t t, size_t tlen, size_t end,
                         EventMention* ev) {
  const bool move = def.type.rfind("move:", 0) == 0 || def.type == "repatriation";
  // The trigger's clause: left to a clause break, comma or relative word; right to where
  // its roles ended.
  size_t begin = t;
  while (begin > 0) {
    const Word& w = words_[begin - 1];
    if (w.Is(kClsClauseBreak) || In(w.low, {",", ".", "which", "who", "where", "when", "while",
                                            "after", "before", "because", "but"}))
      break;
    --begin;
  }
  end = std::min(end, words_.size());
  // Agents named by a demonym or a place: "caught by Chinese police", "a Seoul court".
  const bool agent_type = In(def.type, {"arrest", "detention", "sentencing", "interrogation",
                                        "trafficking", "crime_victim", "repatriation"});
  if (agent_type && (def.type == "repatriation" ? ev->from < 0 : ev->place < 0)) {
    std::string cc;
    for (size_t k = begin; k < end && cc.empty(); ++k)
      if (k < t || k >= t + tlen) cc = AgentCountry(k, end);
    if (!cc.empty()) {
      int place = -1;
      for (size_t e = 0; e < doc_.entities.size() && place < 0; ++e) {
        const LocalEntity& le = doc_.entities[e];
        if (le.type == EntityType::kPlace && le.place_kind == "country" && le.country == cc)
          place = static_cast<int>(e);
      }
      if (place < 0) {
        const Gazetteer& g = Gazetteer::Default();
        for (int32_t gi = 0; gi < static_cast<int32_t>(g.size()) && place < 0; ++gi)
          if (g.entry(gi).kind == "country" && g.entry(gi).country == cc)
            place = GazetteerPlace(gi);
      }
      if (def.type == "repatriation") {
        if (place >= 0 && (ev->to < 0 || doc_.entities[ev->to].country != cc)) ev->from = place;
      } else if (place >= 0) {
        ev->place = place;
      }
      if (place >= 0) Trace(t, "clause-place: the agent's demonym or place");
    }
  }
  // Rule trip-place: "during a trip to Vienna, the couple reached the embassy", "on a
  // visit to Beijing in 2005 she was arrested": a trip or visit phrase before the trigger,
  // closed by a comma or opening the sentence, is where what follows happened.
  auto trip_place = [&]() {
    for (size_t k = 0; k + 2 < t; ++k) {
      if (!IsTripNoun(words_[k].low) ||
          !In(words_[k + 1].low, {"to", "in"}))
        continue;
      int place = EntityAt(k + 2, EntityType::kPlace);
      if (place < 0) continue;
      bool other = false;  // another trigger between the phrase and this one owns it
      for (size_t q : trigger_words_) other = other || (q > k + 2 && q < t);
      bool comma = false;  // an adverbial set off by a comma, not an object ("back from a trip")
      for (size_t w = k + 3; w < t && !comma; ++w) comma = words_[w].low == ",";
      if (other || !comma) continue;
      ev->place = place;
      Trace(t, "trip-place: the place of a leading trip or visit");
      return;
    }
  };
  if (move) {
    MovementSite(t, end, ev);
    if (ev->place < 0) trip_place();
    return;
  }
  if (ev->place < 0) trip_place();
  if (ev->place >= 0) return;
  // An organization named after a place: "died at Seoul National University Hospital",
  // "the Busan District Court sentenced him".
  // The agent before the trigger first, then the object after it.
  std::vector<int> orgs;
  if (In(def.type, {"sentencing", "arrest", "detention"}))
    for (size_t k = begin; k < t; ++k)
      if (EntityAt(k, EntityType::kOrganization) >= 0)
        orgs.push_back(EntityAt(k, EntityType::kOrganization));
  orgs.push_back(ev->object);
  for (int org : orgs) {
    if (int p = PlaceInOrganization(org); p >= 0) {
      ev->place = p;
      Trace(t, "clause-place: the place in the organization's name");
      return;
    }
  }
  // "On his return to Pyongyang in 1999 he was named ...": a sentence-initial arrival
  // phrase places what follows it.
  if (words_.size() > 4 && In(words_[0].low, {"on", "upon", "after"})) {
    size_t k = 1;
    if (words_[k].Is(kClsPossessivePronoun)) ++k;
    if (k + 2 < t && In(words_[k].low, {"return", "arrival", "returning", "arriving"}) &&
        In(words_[k + 1].low, {"to", "in", "at"})) {
      int place = EntityAt(k + 2, EntityType::kPlace);
      if (place >= 0) {
        ev->place = place;
        Trace(t, "clause-place: the place of a leading arrival phrase");
        return;
      }
    }
  }
  // "worked in the South", "lived in the North": the two Koreas as the field names them.
  for (size_t k = t + tlen; k + 2 < end + 1 && k + 2 < words_.size(); ++k) {
    if (In(words_[k].low, {"in", "to"}) && words_[k + 1].low == "the" && words_[k + 2].upper &&
        words_[k + 2].mention < 0 && In(words_[k + 2].low, {"south", "north"}) &&
        (k + 3 >= words_.size() || !words_[k + 3].upper || words_[k + 3].punct)) {
      ev->place = words_[k + 2].low == "north" ? InferredPlace("North Korea", "KP")
                                               : InferredPlace("South Korea", "KR");
      Trace(t, "clause-place: the South or the North");
      return;
    }
  }
  // "in Britain, where he studied": the place a relative "where" refers to.
  if (begin >= 3 && words_[begin - 1].low == "where" && words_[begin - 2].low == ",") {
    int place = EntityAt(begin - 3, EntityType::kPlace);
    if (place >= 0) {
      ev->place = place;
      Trace(t, "clause-place: the place of a relative where");
    }
  }
}

EventMention DocRun::NewEvent(std::string type, std::string trigger) const {
  EventMention ev;
  ev.type = std::move(type);
  ev.sentence = sent_;
  ev.quote = doc_.sentences[sent_].span;
  ev.trigger = std::move(trigger);
  ev.hedged = hedged_;
  // Rule hedge-conjunct: "had been repatriated in 2012, and reportedly served a
  // year": a cue opening a later conjunct leaves the words before it unhedged. A clause
  // opened by "before"/"after" after the cue, or a trigger before the subordinate clause
  // that holds the cue, is outside its scope too.
  if (hedged_ && (hedge_from_ > 0 || hedge_end_ > 0 || hedge_sub_ > 0)) {
    size_t at = 0;
    while (at < words_.size() && words_[at].low != ev.trigger) ++at;
    if (at < words_.size() && ((hedge_from_ > 0 && at < hedge_from_) ||
                               (hedge_end_ > 0 && at > hedge_end_) ||
                               (hedge_sub_ > 0 && at < hedge_sub_)))
      ev.hedged = false;
  }
  ev.attributed_to = attributed_;
  return ev;
}

void DocRun::Emit(EventMention ev, const std::vector<int>& subjects, bool own, bool single,
                  bool reference) {
  for (int s : subjects) {
    if (s < 0 || s >= static_cast<int>(doc_.entities.size())) continue;
    if (doc_.entities[s].type != EntityType::kPerson) continue;
    Candidate c;
    c.ev = ev;
    c.ev.subject = s;
    // Rule china-origin: a crossing into China by someone the text has placed nowhere
    // else starts in North Korea, the one country that borders it in these accounts.
    if (c.ev.type == "border_crossing" && c.ev.from < 0 && c.ev.to >= 0 &&
        doc_.entities[c.ev.to].country == "CN") {
      auto where = country_of_.find(s);
      if (where == country_of_.end() || where->second == "KP")
        c.ev.from = InferredPlace("North Korea", "KP");
    }
    MovementEnds(s, &c.ev);
    if (c.ev.type == "employment" && c.ev.place < 0) {
      if (int m = MissionAnaphor(); m >= 0) {
        c.ev.place = m;
        Trace(0, "mission-anaphor: the place of the mission named before");
      }
    }
    // Rule job-where-arrived: a job, study, founding, arrest or detention the sentence places nowhere
    // happens in the country the person last arrived in ("crossed into China, where he worked
    // at a mill"; "reached the South in 2003 ... began teaching in 2004"; "sent back in 2003
    // ... jailed"), when it is not dated before that arrival and, undated, follows it closely
    // in the same paragraph.
    if (In(c.ev.type,
           {"employment", "education", "detention", "arrest", "trafficking", "founding"}) &&
        c.ev.place < 0) {
      auto a = arrived_.find(s);
      if (a != arrived_.end() && !doc_.entities[a->second.to].country.empty()) {
        const Arrival& arr = a->second;
        bool after = false;
        if (ev.date.earliest && arr.date.earliest)
          after = *ev.date.earliest >= *arr.date.earliest;
        else if (!ev.date.known())
          after = sent_ - arr.sentence <= 2 &&
                  (doc_.sentences[arr.sentence].paragraph == doc_.sentences[sent_].paragraph ||
                   ParagraphNamesCountry(doc_.entities[arr.to].country));
        if (after) {
          const std::string& cc = doc_.entities[arr.to].country;
          int place = arr.to;
          for (size_t k = 0; k < doc_.entities.size(); ++k)
            if (doc_.entities[k].type == EntityType::kPlace &&
                doc_.entities[k].place_kind == "country" && doc_.entities[k].country == cc)
              place = static_cast<int>(k);
          c.ev.place = place;
          Trace(0, "job-where-arrived: place from the last arrival or placed job");
        }
      }
    }
    if (const EventTypeInfo* info = EventType(ev.type);
        ev.to >= 0 && !ahead_ && info && info->movement) {
      country_of_[s] = doc_.entities[ev.to].country;
      arrived_[s] = Arrival{ev.to, ev.date, sent_};
    }
    // A placed job is where the person is until the next arrival: "posted to the embassy in
    // Rome in 2015 ... promoted to first secretary in 2017" stays in Italy.
    if (c.ev.type == "employment" && c.ev.place >= 0 && c.ev.date.earliest) {
      auto a = arrived_.find(s);
      if (a == arrived_.end() || !a->second.date.earliest ||
          *a->second.date.earliest <= *c.ev.date.earliest)
        arrived_[s] = Arrival{c.ev.place, c.ev.date, sent_};
    }
    if (c.ev.object == s) c.ev.object = -1;
    // Rule couple-subjects: "She and the director X married in 1953": each of two
    // coordinated spouses is the other's.
    if (In(c.ev.type, {"marriage", "divorce", "engagement"}) && c.ev.object < 0 &&
        subjects.size() == 2) {
      const int o = subjects[0] == s ? subjects[1] : subjects[0];
      if (o >= 0 && o != s && doc_.entities[o].type == EntityType::kPerson) {
        c.ev.object = o;
        Trace(0, "couple-subjects: the other spouse is the object");
      }
    }
    if (c.ev.type == "marriage" && c.ev.object >= 0 &&
        doc_.entities[c.ev.object].type == EntityType::kPerson)
      couple_ = {s, c.ev.object};
    c.own_date = own;
    // The narrative date holds within its paragraph, never in the present tense ("he
    // now works as a welder"), never for a birth, never for a reference.
    bool same_para = doc_.sentences[narrative_sentence_].paragraph ==
                     doc_.sentences[sent_].paragraph;
    c.narrative = !reference && !no_carry_ && !shifted_ &&
                          narrative_part_ == doc_.PartAt(ev.quote.begin) && same_para &&
                          sent_ - narrative_sentence_ <= 8 && ev.type != "birth"
                      ? narrative_
                      : DateInterval{};
    if (!reference && !no_carry_ && !shifted_ && ev.type != "birth" &&
        sentence_narrative_.closed())
      c.narrative = sentence_narrative_;
    if (span_days_ > 0 && c.narrative.closed()) c.narrative = Lengthened(c.narrative, span_days_);
    c.single_occurrence = single;
    c.age_at = age_at_;
    c.age_derived = c.ev.type == "birth" && c.ev.detail.rfind("age ", 0) == 0;
    c.order = out_.size();
    out_.push_back(std::move(c));
  }
}

// Births from ages: "63-year-old X", "X, aged 44,", and the news appositive "X, 44,".
void DocRun::AgeBirths() {
  for (size_t i = 0; i + 3 < words_.size(); ++i) {
    int p = PersonAt(i);
    if (p < 0 || words_[i].quoted) continue;
    size_t e = MentionEnd(i);
    // "X (Hangul), 52,": the name's parenthesis stands between it and its age.
    if (e < words_.size() && words_[e].low == "(") {
      size_t close = e;
      while (close < words_.size() && words_[close].low != ")") ++close;
      // (a name's parenthesis may hold several spellings: up to forty words)
      if (close < words_.size() && close < e + 40) e = close + 1;
    }
    // "X, now 27, said": the age the person has at the text's date.
    if (e + 2 < words_.size() && words_[e].low == "," && words_[e + 1].low == "now") ++e;
    // "identified the pilot as X, 28.": the age may close the sentence.
    const bool last = e + 3 == words_.size() && words_[e + 2].low == ".";
    if (e + 2 >= words_.size() || !In(words_[e].low, {",", "now"}) || !IsAge(words_[e + 1].low) ||
        !(In(words_[e + 2].low, {",", ")", ";"}) || last))
      continue;
    // Not a list of numbers or a date ("May 5, 2010,"): the word after the comma is an age.
    int age = std::stoi(words_[e + 1].low);
    EventMention ev = NewEvent("birth", words_[e + 1].low);
    ev.detail = "age " + std::to_string(age);
    bool own = false;
    if (auto ref = doc_.ReferenceDateAt(words_[e + 1].span.begin)) {
      ev.date = TimeTagger::BirthFromAge(age, *ref);
      ev.date.text = std::string(doc_.Slice(Span{words_[i].span.begin, words_[e + 2].span.end}));
      own = true;
    }
    Emit(ev, {p}, own, true);
    i = e + 2;
  }
  for (size_t k = 0; k < timex_ids_.size(); ++k) {
    const Timex& x = doc_.timexes[timex_ids_[k]];
    if (x.kind != Timex::Kind::kAge || x.age_years < 0) continue;
    auto [a, b] = timex_words_[k];
    if (words_[a].quoted) continue;
    std::string_view text = doc_.Slice(x.span);
    std::string low = Lower(text);
    int subject = -1;
    if (low.find("year-old") != std::string::npos || low.find("year old") != std::string::npos) {
      if (b + 1 < words_.size()) subject = PersonAt(b + 1);
      // Rule age-description: "the 52-year-old had been ..." names the salient person as
      // the subject of its own clause.
      if (subject < 0 && a > 0 && words_[a - 1].low == "the" && b + 1 < words_.size() &&
          (words_[b + 1].Is(kClsAux) || words_[b + 1].Is(kClsSpeechVerb)) &&
          InSubjectPosition(a - 1))
        subject = last_subject_;
    } else if (low.rfind("aged", 0) == 0 && a >= 2 && words_[a - 1].low == ",") {
      subject = PersonAt(a - 2);
    }
    if (subject < 0) continue;
    EventMention ev = NewEvent("birth", std::string(text));
    bool own = false;
    if (x.anchored && x.value.closed()) {
      ev.date = TimeTagger::BirthFromAge(x.age_years, x.value);
      ev.date.text = std::string(text);
      own = true;
    }
    ev.detail = "age " + std::to_string(x.age_years);
    Emit(ev, {subject}, own, true);
  }
}

// ", aged 19" at words[i]: the age, and its last word in *age_end; -1 when none.
int DocRun::CommaAged(size_t i, size_t* age_end) const {
  if (words_[i].quoted || words_[i].low != "," || i + 1 >= words_.size() ||
      words_[i + 1].low != "aged")
    return -1;
  int age = -1;
  for (size_t k = 0; k < timex_ids_.size(); ++k) {
    const Timex& x = doc_.timexes[timex_ids_[k]];
    if (timex_words_[k].first == i + 1 && x.kind == Timex::Kind::kAge) {
      age = x.age_years;
      *age_end = timex_words_[k].second;
    }
  }
  return age;
}

// Rule event-age: "made it to Seoul in 2012, aged 19", "fled in 1998, aged 23": an age
// closing the clause held on the date of the event that clause tells, by that event's one
// subject (run after the sentence's triggers, whose events it reads).
void DocRun::EventAges() {
  for (size_t i = 1; i + 2 < words_.size(); ++i) {
    size_t age_end = 0;
    const int age = CommaAged(i, &age_end);
    if (age < 0 || !(age_end + 1 >= words_.size() ||
                     In(words_[age_end + 1].low, {",", ".", ";", ")", "and"})))
      continue;
    // The clause's last date before it.
    int date_k = -1;
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      if (timex_words_[k].second >= i || x.kind != Timex::Kind::kDate || !x.value.closed())
        continue;
      bool broken = false;
      for (size_t w = timex_words_[k].second + 1; w < i && !broken; ++w)
        broken = words_[w].Is(kClsClauseBreak) || words_[w].low == ",";
      if (!broken) date_k = static_cast<int>(k);
    }
    if (date_k < 0) continue;
    // ("in 1981, aged eight, he entered": the subject after it is rule age-at-date's.)
    if (age_end + 2 < words_.size() && words_[age_end + 1].low == "," &&
        (PersonAt(age_end + 2) >= 0 || words_[age_end + 2].Is(kClsNominativePronoun)))
      continue;
    const Timex& on = doc_.timexes[timex_ids_[date_k]];
    const std::string_view on_text = doc_.Slice(on.span);
    int who = -1;
    bool one = true;  // ("X and Y crossed in 1998, aged 23" says whose age no better)
    for (size_t e = out_.size(); e > 0; --e) {
      const EventMention& m = out_[e - 1].ev;
      if (m.sentence != sent_) break;
      if (m.type == "birth" || m.subject < 0 || m.date.text != on_text) continue;
      if (who >= 0 && m.subject != who) one = false;
      who = m.subject;
    }
    if (who < 0 || !one) continue;
    EventMention ev = NewEvent("birth", words_[age_end].low);
    ev.detail = "age " + std::to_string(age);
    ev.date = TimeTagger::BirthFromAge(age, on.value);
    ev.date.text = std::string(
        doc_.Slice(Span{words_[timex_words_[date_k].first].span.begin, words_[age_end].span.end}));
    Trace(age_end, "event-age: birth from an age at the clause's event");
    Emit(ev, {who}, true, true);
  }
}

// Rule age-clause: ages told in a clause of their own hold on the text's date: "X, and
// said to be 24, crossed" (said, believed, reported, thought to be N) gives X's birth; "Now
// 25 and living in Seoul, he agreed" gives the birth of the clause's subject.
void DocRun::AgeClauses() {
  auto ends_age = [&](size_t k) {
    return k >= words_.size() || In(words_[k].low, {",", ".", ";", ")", "and"});
  };
  auto emit = [&](int who, size_t age_word, size_t from) {
    auto ref = doc_.ReferenceDateAt(words_[age_word].span.begin);
    if (who < 0 || !ref) return;
    int age = std::stoi(words_[age_word].low);
    EventMention ev = NewEvent("birth", words_[age_word].low);
    ev.detail = "age " + std::to_string(age);
    ev.date = TimeTagger::BirthFromAge(age, *ref);
    ev.date.text = std::string(doc_.Slice(Span{words_[from].span.begin, words_[age_word].span.end}));
    Trace(age_word, "age-clause: birth from an age on the text's date");
    Emit(ev, {who}, true, true);
  };
  for (size_t i = 0; i + 3 < words_.size(); ++i) {
    if (words_[i].quoted) continue;
    if (WordClass("hearsay_verb").count(words_[i].low) &&
        words_[i + 1].low == "to" && words_[i + 2].low == "be" && IsAge(words_[i + 3].low) &&
        ends_age(i + 4)) {
      int who = -1;
      for (size_t k = i; k > 0 && k + 8 > i && who < 0; --k) {
        if (PersonAt(k - 1) >= 0) who = PersonAt(k - 1);
        else if (!In(words_[k - 1].low, {",", "and", "is", "was", "who"})) break;
      }
      emit(who, i + 3, i);
    }
  }
  // Rule age-at-date: "Kim was 35 in 1994", "in 1981, aged eight, he entered ...": the age
  // held on the date the clause states, not on the text's.
  auto date_at = [&](size_t w) -> const Timex* {
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      if (timex_words_[k].first == w && x.kind == Timex::Kind::kDate && x.value.closed())
        return &x;
    }
    return nullptr;
  };
  auto emit_at = [&](int who, size_t age_word, const Timex& on, size_t from, size_t to,
                     int age) {
    if (who < 0) return;
    EventMention ev = NewEvent("birth", words_[age_word].low);
    ev.detail = "age " + std::to_string(age);
    ev.date = TimeTagger::BirthFromAge(age, on.value);
    ev.date.text = std::string(doc_.Slice(Span{words_[from].span.begin, words_[to].span.end}));
    Trace(age_word, "age-at-date: birth from an age on a stated date");
    Emit(ev, {who}, true, true);
  };
  for (size_t i = 0; i + 4 < words_.size(); ++i) {
    if (words_[i].quoted || words_[i + 1].low != "was" || !IsAge(words_[i + 2].low) ||
        words_[i + 3].low != "in")
      continue;
    const Timex* on = date_at(i + 4);
    if (on == nullptr) continue;
    int who = PersonAt(i);
    if (who < 0 && words_[i].Is(kClsNominativePronoun)) {
      std::vector<int> r = ResolvePronoun(words_[i].low, i);
      if (r.size() == 1) who = r[0];
    }
    emit_at(who, i + 2, *on, i, i + 4, std::stoi(words_[i + 2].low));
  }
  for (size_t i = 0; i + 5 < words_.size(); ++i) {
    size_t age_end = 0;
    const int age = CommaAged(i, &age_end);
    if (age < 0 || age_end + 2 >= words_.size() || words_[age_end + 1].low != ",") continue;
    const Timex* on = nullptr;
    size_t from = 0;
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      if (timex_words_[k].second + 1 == i && x.kind == Timex::Kind::kDate && x.value.closed()) {
        on = &x;
        from = timex_words_[k].first;
      }
    }
    if (on == nullptr) continue;
    const size_t subj = age_end + 2;
    int who = PersonAt(subj);
    if (who < 0 && words_[subj].Is(kClsNominativePronoun)) {
      std::vector<int> r = ResolvePronoun(words_[subj].low, subj);
      if (r.size() == 1) who = r[0];
    }
    emit_at(who, age_end, *on, from, age_end, age);
  }
  if (words_.size() > 5 && words_[0].low == "now" && IsAge(words_[1].low) &&
      In(words_[2].low, {",", "and"})) {
    size_t k = 2;
    while (k < words_.size() && words_[k].low != ",") ++k;
    ++k;
    if (k < words_.size()) {
      int who = PersonAt(k);
      if (who < 0 && words_[k].Is(kClsNominativePronoun)) {
        std::vector<int> r = ResolvePronoun(words_[k].low, k);
        if (r.size() == 1) who = r[0];
      }
      emit(who, 1, 0);
    }
  }
}

// Rule infobox-spouse: the encyclopedia row "Spouse(s)  X (m. 1954; div. 1976)" gives the
// marriage of X and of the page's person in the year after "m." (the common abbreviation
// of "married" in such rows).
void DocRun::InfoboxSpouses() {
  // The row may be cut into several sentences ("(div.); Y (m. 1961; ..."): its label opens
  // the paragraph.
  uint32_t first = sent_;
  while (first > 0 && doc_.sentences[first - 1].paragraph == doc_.sentences[sent_].paragraph)
    --first;
  std::string label = Lower(doc_.text.substr(doc_.sentences[first].span.begin, 6));
  bool row = label == "spouse";
  for (size_t i = 0; i + 5 < words_.size(); ++i) {
    if (In(words_[i].low, {"spouse", "spouses"})) row = true;
    int p = PersonAt(i);
    if (!row || p < 0 || words_[i].quoted) continue;
    size_t e = MentionEnd(i);
    if (e + 3 >= words_.size() || words_[e].low != "(" || words_[e + 1].low != "m" ||
        words_[e + 2].low != ".")
      continue;
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      const Timex& x = doc_.timexes[timex_ids_[k]];
      if (timex_words_[k].first != e + 3 || x.kind != Timex::Kind::kDate || !x.value.closed())
        continue;
      EventMention ev = NewEvent("marriage", "m.");
      ev.date = x.value;
      std::vector<int> who = {p};
      int topic = Topic();
      if (topic >= 0 && topic != p) {
        who.push_back(topic);
        ev.object = p;
      }
      Trace(e + 1, "infobox-spouse: marriage");
      Emit(ev, who, true, false);
    }
    i = e;
  }
}

// Rule died-at-age: "Han died in Seoul on 9 May 2004 at 73", "she died in 1999, aged 80":
// the age at a dated death gives the birth interval against the death's date.
void DocRun::AgeAtDeath() {
  for (size_t i = 0; i + 1 < words_.size(); ++i) {
    size_t a = 0;
    if (In(words_[i].low, {"at", "aged"}) && IsAge(words_[i + 1].low))
      a = i + 1;
    else if (words_[i].low == "at" && i + 4 < words_.size() && words_[i + 1].low == "the" &&
             words_[i + 2].low == "age" && words_[i + 3].low == "of" && IsAge(words_[i + 4].low))
      a = i + 4;
    if (a == 0 || words_[i].quoted) continue;
    if (a + 1 < words_.size() && !In(words_[a + 1].low, {",", ".", ";", "and", "after", "in"}))
      continue;  // "at 10 Downing Street", "aged 80 years" are other phrases
    for (auto it = out_.rbegin(); it != out_.rend() && it->ev.sentence == sent_; ++it) {
      if (it->ev.type != "death" || !it->own_date || !it->ev.date.closed()) continue;
      bool has_birth = false;
      for (const Candidate& c : out_)
        has_birth = has_birth || (c.ev.type == "birth" && c.ev.sentence == sent_ &&
                                  c.ev.subject == it->ev.subject);
      if (has_birth) break;
      int age = std::stoi(words_[a].low);
      EventMention ev = NewEvent("birth", words_[a].low);
      ev.detail = "age " + std::to_string(age);
      ev.date = TimeTagger::BirthFromAge(age, it->ev.date);
      ev.date.text = std::string(doc_.Slice(Span{words_[i].span.begin, words_[a].span.end}));
      Trace(a, "died-at-age: birth from the age at a dated death");
      Emit(ev, {it->ev.subject}, true, true);
      return;
    }
  }
}

// Rule detention-span: "held in Camp 18 until 2002, twenty-eight years in all", "spent
// nearly three years, until early 1983, in Prison No. 6", "three years at Yodok, released
// in 2003": the end of the confinement and its length give its interval.
bool DocRun::DetentionSpan(size_t t, DateInterval* out) const {
  int end = -1, length = -1;
  for (size_t k = 0; k < timex_ids_.size(); ++k) {
    auto [a, b] = timex_words_[k];
    const Timex& x = doc_.timexes[timex_ids_[k]];
    // Rule span-own-length: "After nine months of torture he was sent to the camp, where
    // he spent three years": a length after "after" or "within" times what came before;
    // the stay's own length is the first one after the trigger, else one before it.
    if (x.kind == Timex::Kind::kDuration && x.duration_days > 0) {
      const bool times_another = a > 0 && In(words_[a - 1].low, {"after", "within", "before"});
      if (!times_another && (length < 0 || (a > t && timex_words_[length].first < t)))
        length = static_cast<int>(k);
      continue;
    }
    if (a <= t || !x.value.closed() || end >= 0) continue;
    if (x.kind != Timex::Kind::kDate && !(x.kind == Timex::Kind::kRelative && x.anchored)) continue;
    bool until = a > 0 && In(words_[a - 1].low, {"until", "till", "through"});
    bool released =
        a > 1 && words_[a - 1].low == "in" && In(words_[a - 2].low, {"released", "freed"});
    if (until || released) end = static_cast<int>(k);
  }
  if (end < 0 || length < 0) return false;
  const Timex& e = doc_.timexes[timex_ids_[end]];
  int days = doc_.timexes[timex_ids_[length]].duration_days;
  DateInterval iv = e.value;
  int years = (days + 182) / 365;
  // The length counts back from the end's last day: "until 2002, twenty-eight years" began
  // by the end of 1974.
  iv.earliest = years >= 1 ? AddYears(*e.value.latest, -years) : *e.value.latest - days;
  iv.text = std::string(doc_.Slice(e.span));
  *out = iv;
  Trace(t, "detention-span: interval from its end and length");
  return true;
}

// Rule age-at-death: "He was 80." right after the sentence that dates the person's death
// gives the age on that date; "She is 31." gives it on the text's date.
void DocRun::AgePredicate() {
  if (words_.size() < 4) return;
  if (!In(words_[0].low, {"he", "she"}) || !In(words_[1].low, {"was", "is"}) ||
      !IsAge(words_[2].low))
    return;
  size_t k = 3;
  if (k + 1 < words_.size() && words_[k].low == "years" && words_[k + 1].low == "old") k += 2;
  // "She is 29, from Musan, and ...": the age stated first, the clause going on.
  bool goes_on = words_[1].low == "is" && k < words_.size() && words_[k].low == ",";
  if (!goes_on && (words_.size() > 6 || k + 1 != words_.size() || words_[k].low != ".")) return;
  std::vector<int> who = ResolvePronoun(words_[0].low, 0);
  if (who.size() != 1) return;
  int age = std::stoi(words_[2].low);
  EventMention ev = NewEvent("birth", words_[2].low);
  ev.detail = "age " + std::to_string(age);
  bool own = false;
  if (words_[1].low == "was") {
    // Linked only to the dated death the sentence before tells of the same person.
    for (const Candidate& c : out_) {
      if (c.ev.type == "death" && c.ev.subject == who[0] && c.own_date && c.ev.date.closed() &&
          c.ev.sentence + 1 == sent_ &&
          doc_.sentences[c.ev.sentence].paragraph == doc_.sentences[sent_].paragraph) {
        ev.date = TimeTagger::BirthFromAge(age, c.ev.date);
        own = true;
      }
    }
  } else if (auto ref = doc_.ReferenceDateAt(words_[2].span.begin)) {
    ev.date = TimeTagger::BirthFromAge(age, *ref);
    own = true;
  }
  if (!own) return;
  ev.date.text = std::string(doc_.Slice(Span{words_[0].span.begin, words_[k].span.begin}));
  Trace(2, "age-at-death: birth");
  Emit(ev, who, own, true);
}

// Rule job-title: "X had been counsellor for political affairs at the embassy in Havana",
// "X, a former guard at Camp 22,": a post named by a title (data/job_titles.tsv) that a
// copula or an appositive gives the person, when a preposition ties it to a place or body.
void DocRun::JobTitles() {
  static const TriggerDef kJob = [] {
    TriggerDef d;
    d.type = "employment";
    return d;
  }();
  for (size_t i = 0; i + 2 < words_.size(); ++i) {
    if (!lex_.job_titles.count(words_[i].low) || words_[i].mention >= 0 || words_[i].quoted)
      continue;
    if (!In(words_[i + 1].low, {"at", "of", "for", "in", "to"})) continue;
    // Rule rank-infinitive: "is the second soldier to defect this year" ranks the person
    // among those who did something; it tells no post held at the text's date. ("ambassador
    // to Britain", "envoy to the UN": a place or determiner follows "to", not a verb.)
    if (words_[i + 1].low == "to" && !words_[i + 2].punct && words_[i + 2].mention < 0 &&
        !words_[i + 2].upper &&
        !In(words_[i + 2].low, {"the", "a", "an", "his", "her", "its", "their", "our", "this",
                                "that", "these", "those"}))
      continue;
    // Walk left over the title's modifiers to its article or copula.
    size_t k = i;
    while (k > 0 && i - k < 4 && !words_[k - 1].punct && words_[k - 1].mention < 0 &&
           !words_[k - 1].Is(kClsAux) && !words_[k - 1].Is(kClsPreposition) &&
           !In(words_[k - 1].low, {"a", "an", "the", "became", "becomes", "become", "remained"}))
      --k;
    if (k > 0 && In(words_[k - 1].low, {"a", "an", "the"})) --k;
    size_t cop = CopulaBefore(k);
    std::vector<int> subjects;
    const bool as_adjunct =
        cop > 0 && words_[cop - 1].low == "as" && (cop == 1 || words_[cop - 2].low == ",");
    if (as_adjunct || k == 0) {
      // Rule title-adjunct: "In 2013, as a junior secretary in Lima, he negotiated ...",
      // "Acting envoy in Lima since 2017, Kang vanished ...": a title phrase set off by a
      // comma before the main clause is the post of that clause's subject.
      subjects = AdjunctSubject(i);
      if (subjects.empty()) continue;
      Trace(i, "title-adjunct: the post of the main clause's subject");
    } else if (cop > 0 && In(words_[cop - 1].low,
                             {"was", "is", "been", "became", "becomes", "remained", "as"})) {
      if (words_[cop - 1].low == "as") continue;  // "served as": the trigger lexicon's
      bool blocked = false;
      subjects = SubjectsLeft(cop - 1, &blocked);
      if (blocked) continue;
    } else if (k > 1 && words_[k - 1].low == "," && PersonAt(k - 2) >= 0) {
      subjects = {PersonAt(k - 2)};  // the appositive
    } else {
      continue;
    }
    if (subjects.empty()) continue;
    // Already an employment of this sentence ("worked as a driver at ..."): not twice.
    bool told = false;
    for (const Candidate& c : out_)
      if (c.ev.sentence == sent_ && c.ev.type == "employment") told = true;
    if (told) continue;
    EventMention ev = NewEvent("employment", words_[i].low);
    size_t end = i + 1;
    FillRoles(kJob, i, 1, &ev, &end);
    ev.detail = std::string(
        doc_.text.substr(words_[k].span.begin, words_[i].span.end - words_[k].span.begin));
    if (In(words_[k].low, {"a", "an", "the"}) && k < i)
      ev.detail = std::string(doc_.text.substr(words_[k + 1].span.begin,
                                               words_[i].span.end - words_[k + 1].span.begin));
    bool own = false;
    ev.date = DateFor(i, &own);
    Trace(i, "job-title: employment");
    Emit(ev, subjects, own, false);
    return;
  }
}

// Rule relative-end: "studied at the Wonsan institute, which she finished in 1991", "a
// mill job, which he left in 2003": a relative clause on the study's or job's object whose
// verb ends it dates it by that end.
bool DocRun::RelativeEndDate(size_t t, DateInterval* out) const {
  for (size_t k = t + 1; k + 3 < words_.size() && k < t + 16; ++k) {
    if (words_[k].Is(kClsClauseBreak)) return false;
    if (words_[k].low != "which" || words_[k - 1].low != ",") continue;
    size_t v = k + 1;
    if (!words_[v].Is(kClsNominativePronoun)) return false;
    ++v;
    if (!In(words_[v].low, {"finished", "completed", "left", "quit"})) return false;
    for (size_t x = 0; x < timex_ids_.size(); ++x) {
      auto [a, b] = timex_words_[x];
      const Timex& tx = doc_.timexes[timex_ids_[x]];
      if (a <= v || a > v + 4 || tx.kind != Timex::Kind::kDate || !tx.value.closed()) continue;
      *out = tx.value;
      Trace(t, "relative-end: the date its relative clause ends it");
      return true;
    }
    return false;
  }
  return false;
}

// The subject right after the comma that closes a leading adjunct holding words[i].
std::vector<int> DocRun::AdjunctSubject(size_t i) {
  for (size_t k = i + 1; k + 1 < words_.size() && k < i + 16; ++k) {
    if (words_[k].Is(kClsClauseBreak) || words_[k].quoted) return {};
    if (words_[k].low != ",") continue;
    if (PersonAt(k + 1) >= 0 && MentionBegin(k + 1) == k + 1) return {PersonAt(k + 1)};
    if (words_[k + 1].Is(kClsNominativePronoun) && !In(words_[k + 1].low, {"we", "they"}))
      return ResolvePronoun(words_[k + 1].low, k + 1);
  }
  return {};
}

// Rule lifespan: the encyclopedia lead "X (Korean: ...; 20 November 1926 – 16 April 2018)"
// gives X's birth and death, the two dates joined by a dash and closing the parenthesis
// that follows X's name.
void DocRun::Lifespan() {
  for (size_t k = 0; k + 1 < timex_ids_.size(); ++k) {
    auto [a1, b1] = timex_words_[k];
    auto [a2, b2] = timex_words_[k + 1];
    const Timex& x1 = doc_.timexes[timex_ids_[k]];
    const Timex& x2 = doc_.timexes[timex_ids_[k + 1]];
    if (x1.kind != Timex::Kind::kDate || x2.kind != Timex::Kind::kDate) continue;
    if (!x1.value.closed() || !x2.value.closed() || words_[a1].paren == 0) continue;
    if (a2 != b1 + 2 || !In(words_[b1 + 1].low, {"–", "-", "—"})) continue;
    if (b2 + 1 >= words_.size() || words_[b2 + 1].low != ")") continue;
    size_t open = a1;
    while (open > 0 && words_[open].low != "(") --open;
    if (words_[open].low != "(" || open == 0) continue;
    int p = PersonAt(open - 1);
    if (p < 0) continue;
    EventMention birth = NewEvent("birth", "lifespan");
    birth.date = x1.value;
    birth.date.text = std::string(doc_.Slice(x1.span));
    Emit(birth, {p}, true, true);
    EventMention death = NewEvent("death", "lifespan");
    death.date = x2.value;
    death.date.text = std::string(doc_.Slice(x2.span));
    Emit(death, {p}, true, true);
    if (trace_) Trace(b1 + 1, "lifespan: birth and death");
    return;
  }
}

// "his family were punished", "her parents were sent to a camp": the punishment of
// relatives for the person's acts.
void DocRun::FamilyPunishment() {
  for (size_t i = 0; i + 1 < words_.size(); ++i) {
    if (!words_[i].Is(kClsKinship) || words_[i].quoted) continue;
    // Owner: a possessive pronoun or "X's" right before the kinship noun (within 3 words).
    std::vector<int> owner;
    for (size_t k = i; k > 0 && k + 4 > i; --k) {
      const std::string& w = words_[k - 1].low;
      if (IsPossessivePronoun(w)) {
        owner = ResolvePronoun(w, k - 1);
        break;
      }
      if (w == "'s" && k >= 2 && PersonAt(k - 2) >= 0) {
        owner = {PersonAt(k - 2)};
        break;
      }
    }
    if (owner.empty()) continue;
    // A punishment verb after it, within the clause.
    for (size_t j = i + 1; j < words_.size() && j < i + 12; ++j) {
      if (words_[j].Is(kClsClauseBreak) || words_[j].low == ".") break;
      if (words_[j].Is(kClsPunishment) && IsPassive(j)) {
        if (!Asserted(j, 1)) break;
        // Punished for the person's own act: "for his actions", "after he defected".
        bool cause = false;
        for (size_t k = j + 1; k + 1 < words_.size() && !cause; ++k) {
          if (words_[k].low == "for" && (words_[k + 1].Is(kClsPossessivePronoun) ||
                                         PersonAt(k + 1) >= 0))
            cause = true;
          // "after he defected", "after Kim's escape": the act must be a person's, not
          // "after a failed escape attempt" of the relatives themselves.
          if (In(words_[k].low, {"because", "after", "following", "over"}) && k + 1 < words_.size() &&
              (PersonAt(k + 1) >= 0 || words_[k + 1].Is(kClsNominativePronoun) ||
               words_[k + 1].Is(kClsPossessivePronoun))) {
            for (size_t m = k + 1; m < words_.size() && m < k + 8 && !cause; ++m)
              cause = words_[m].low.rfind("defect", 0) == 0 || words_[m].low.rfind("escap", 0) == 0 ||
                      In(words_[m].low, {"fled", "flight", "left"});
          }
        }
        if (!cause) cause = PunishmentCause(i, j);
        if (!cause) break;
        EventMention ev = NewEvent("family_punishment", words_[j].low);
        ev.detail = words_[j].low;
        bool own = false;
        ev.date = DateFor(j, &own);
        shifted_ = Shifted(j);
        Emit(ev, owner, own, false);
        shifted_ = false;
        return;
      }
    }
  }
}

// Rule noun-possessor: a trigger noun of role noun ("his death", "Kim's arrest") is an
// event only with its possessor, who is its subject. Rule held-subject: a detention form
// that begins with its auxiliary ("was held", "was in prison") tells of the person right
// before it, not of a noun phrase farther left ("the ground where executions were held").
bool DocRun::VocabularyFits(const TriggerDef& def, size_t t) const {
  if (def.role == Role::kNoun) {
    bool possessed = t > 0 && (words_[t - 1].Is(kClsPossessivePronoun) ||
                               (words_[t - 1].low == "'s" && t >= 2 && PersonAt(t - 2) >= 0));
    if (!possessed) {
      Trace(t, "noun-possessor: no possessor");
      return false;
    }
    // "a warrant for his arrest": what is called for has not happened.
    size_t owner = words_[t - 1].low == "'s" ? MentionBegin(t - 2) : t - 1;
    if (owner > 0 && words_[owner - 1].low == "for") {
      Trace(t, "noun-possessor: called for, not told");
      return false;
    }
    return true;
  }
  // Rule kin-they: "reports that his parents were punished ...; accounts state that they were
  // sent to a camp": "they" after the person's relatives in the sentence are the relatives.
  {
    size_t k = t;
    while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
    if (k > 0 && words_[k - 1].low == "they") {
      for (size_t j = 0; j + 1 < k; ++j)
        if (words_[j].Is(kClsKinship) && words_[j].low.back() == 's') {
          Trace(t, "kin-they: the relatives' event");
          return false;
        }
    }
  }
  if (def.type == "detention" && IsBeForm(def.words[0])) {
    size_t k = t;
    while (k > 0 && words_[k - 1].Is(kClsAux) && !words_[k - 1].Is(kClsNominativePronoun)) --k;
    bool person = k > 0 && (PersonAt(k - 1) >= 0 || words_[k - 1].Is(kClsNominativePronoun) ||
                            In(words_[k - 1].low, {"who", "that"}));
    if (!person) Trace(t, "held-subject: no person right before");
    return person;
  }
  return true;
}

// Rule nominal-date: "after Kim's death in 2006", "her arrest came in 1985": an event noun
// whose own phrase dates it is told there, not merely referred to.
bool DocRun::NominalDate(size_t after) const {
  size_t k = after;
  if (k < words_.size() && WordClass("happening_verb").count(words_[k].low)) ++k;
  if (k + 1 < words_.size() && words_[k].low == "took" && words_[k + 1].low == "place") k += 2;
  if (k + 1 >= words_.size() || !In(words_[k].low, {"in", "on"})) return false;
  for (size_t x = 0; x < timex_ids_.size(); ++x) {
    const Timex& tx = doc_.timexes[timex_ids_[x]];
    if (timex_words_[x].first == k + 1 && tx.kind == Timex::Kind::kDate && tx.value.closed())
      return true;
  }
  return false;
}

// Rule object-in-trigger: "held me", "kept her under guard": the person undergoing the
// event is the object pronoun inside the trigger's own words. Returns the length to
// search after, so that the pronoun is the first word searched.
size_t DocRun::ObjectInTrigger(size_t t, size_t tlen) const {
  for (size_t k = 1; k < tlen; ++k)
    if (words_[t + k].Is(kClsObjectPronoun)) return k;
  return tlen;
}

// Rule title-copula: the copula of a title phrase starting at words[k], over adverbs ("was
// then an instructor") and a coordinated title ("was a member and a supervisor at");
// k itself when none is there.
size_t DocRun::CopulaBefore(size_t k) const {
  size_t c = k;
  while (c > 0 && words_[c - 1].Is(kClsAux) && !IsBeForm(words_[c - 1].low) &&
         !In(words_[c - 1].low, {"had", "has", "have", "having", "would", "did", "does", "do"}))
    --c;
  if (c > 0 && words_[c - 1].low == "and") {
    for (size_t m = c - 1, n = 0; m > 0 && n < 6; --m, ++n) {
      if (words_[m - 1].punct || words_[m - 1].mention >= 0) break;
      if (In(words_[m - 1].low, {"was", "is", "been", "became"})) return m;
    }
  }
  return c;
}

// Rule punishment-cause: relatives punished "because of me", or a punishment the person
// "learned" of ("later learned that his parents had been executed"): the family's
// punishment for the person's acts, as defectors' accounts tell it.
bool DocRun::PunishmentCause(size_t kin, size_t verb) const {
  for (size_t k = verb + 1; k + 2 < words_.size(); ++k)
    if (words_[k].low == "because" && words_[k + 1].low == "of" &&
        (PersonAt(k + 2) >= 0 || words_[k + 2].Is(kClsObjectPronoun)))
      return true;
  for (size_t k = 0; k + 1 < kin; ++k) {
    if (!WordClass("learning_verb").count(words_[k].low)) continue;
    if (words_[k + 1].low == "that" ||
        (words_[k + 1].low == "out" && k + 2 < kin && words_[k + 2].low == "that"))
      return true;
  }
  return false;
}

// Rule founded-before: "NK Watch, a group she founded": the organization named before the
// noun that the founding verb follows.
int DocRun::OrganizationBefore(size_t t) const {
  for (size_t k = t; k > 0 && k + 14 > t; --k) {
    if (words_[k - 1].Is(kClsClauseBreak)) break;
    int org = EntityAt(k - 1, EntityType::kOrganization);
    if (org >= 0) return org;
  }
  return -1;
}

// Rule founded-name: what is founded is an organization, named by the capitalized words
// right after the verb ("founded No Chain in 2012", "the studio he founded, Shin Films,")
// or before the appositive noun the verb follows ("Free Hands, a small group he started").
int DocRun::NamedOrganization(size_t t, size_t tlen) {
  auto run_from = [&](size_t b) {  // end of a capitalized run starting at b
    size_t e = b;
    while (e < words_.size() && e < b + 6) {
      const Word& w = words_[e];
      if (w.upper && !w.punct) {
        ++e;
        continue;
      }
      // "Fund for Liberty", "League of Hope": a connector inside the name.
      if (e > b && In(w.low, {"of", "for", "and"}) && e + 1 < words_.size() &&
          words_[e + 1].upper && !words_[e + 1].punct)
        ++e;
      else
        break;
    }
    // A name may hold a place or a person ("Seoul Hope Fund") but not end in one.
    while (e > b && words_[e - 1].mention >= 0) --e;
    return e;
  };
  auto is_timex = [&](size_t k) {
    for (const auto& [a, b] : timex_words_)
      if (k >= a && k <= b) return true;
    return false;
  };
  size_t b = t + tlen;
  if (b < words_.size() && words_[b].low == ",") ++b;
  if (b < words_.size() && !is_timex(b)) {
    size_t e = run_from(b);
    if (e > b) {
      Trace(t, "founded-name: the name after the verb");
      return OrganizationNamed(b, e);
    }
  }
  // "X, a small group he started": back over the subject and the noun to the comma.
  for (size_t k = t; k > 1 && k + 10 > t; --k) {
    if (words_[k - 1].Is(kClsClauseBreak)) break;
    if (!In(words_[k - 1].low, {"a", "an", "the"}) || words_[k - 2].low != ",") continue;
    size_t e = k - 2, s0 = e;
    while (s0 > 0 && e - s0 < 6 && words_[s0 - 1].upper && !words_[s0 - 1].punct &&
           words_[s0 - 1].mention < 0 && !is_timex(s0 - 1))
      --s0;
    // Not the sentence's first word alone: "Today, a group ..." names nothing.
    if (s0 < e && !(s0 == 0 && e == 1)) {
      Trace(t, "founded-name: the name before the appositive");
      return OrganizationNamed(s0, e);
    }
    break;
  }
  return -1;
}

// The organization entity named by words [b, e), made when the document has none.
int DocRun::OrganizationNamed(size_t b, size_t e) {
  std::string name(
      doc_.text.substr(words_[b].span.begin, words_[e - 1].span.end - words_[b].span.begin));
  for (size_t k = 0; k < doc_.entities.size(); ++k)
    if (doc_.entities[k].type == EntityType::kOrganization && doc_.entities[k].name == name)
      return static_cast<int>(k);
  LocalEntity le;
  le.type = EntityType::kOrganization;
  le.name = std::move(name);
  doc_.entities.push_back(std::move(le));
  return static_cast<int>(doc_.entities.size() - 1);
}

// Rule work-subject: "The book first appeared in French", "his memoir ... came out": a
// publication whose grammatical subject is the work is its author's: the possessor of the
// work noun, else the person the text is about at that point.
// The owner of the last work named before words[end] with a possessive ("his first book",
// "Kim's memoir"); -1 when none.
int DocRun::WorkOwnerBefore(size_t end) {
  int owner = -1;
  for (size_t n = 1; n < end; ++n) {
    if (words_[n].quoted || !WordClass("work_noun").count(words_[n].low)) continue;
    const size_t p = OwnerWordBefore(n);
    if (p == SIZE_MAX) continue;
    if (words_[p].low == "'s") {
      if (p >= 1 && PersonAt(p - 1) >= 0) owner = PersonAt(p - 1);
    } else if (!In(words_[p].low, {"my", "our", "your", "their"})) {
      std::vector<int> r = ResolvePronoun(words_[p].low, p);
      if (r.size() == 1) owner = r[0];
    }
  }
  return owner;
}

std::vector<int> DocRun::AuthorOfWork(size_t t) {
  // The work noun heads the clause the verb closes: "His memoir of that period, written in
  // English and released last year".
  size_t k = t;
  while (k > 0 && t - k < 16 && !words_[k - 1].Is(kClsClauseBreak) &&
         !WordClass("work_noun").count(words_[k - 1].low))
    --k;
  if (k < 2 || words_[k - 1].Is(kClsClauseBreak) || t - k >= 16) return {};
  const std::string& det = words_[k - 2].low;
  if (IsPossessivePronoun(det)) return ResolvePronoun(det, k - 2);
  if (det == "'s" && k >= 3 && PersonAt(k - 3) >= 0) return {PersonAt(k - 3)};
  if (In(det, {"the", "this"})) {
    int who = Topic();
    if (who < 0) who = last_subject_;
    if (who >= 0) Trace(t, "work-subject: the work of the person the text is about");
    return who >= 0 ? std::vector<int>{who} : std::vector<int>{};
  }
  return {};
}

// Rule relative-subject: a person introduced by kinship to someone ("His grandfather X
// was ...", "Kim's father, Y, was ...") is told about in passing, for the possessor's
// story: a following "he" is still the possessor.
int DocRun::RelativeOwner(size_t b) {
  size_t k = b;
  if (k > 0 && words_[k - 1].low == ",") --k;
  if (k < 2 || !words_[k - 1].Is(kClsKinship)) return -1;
  size_t o = k - 2;
  if (words_[o].Is(kClsPossessivePronoun)) {
    if (In(words_[o].low, {"my", "our", "their", "your"})) return -1;
    auto r = ResolvePronoun(words_[o].low, o);
    return r.size() == 1 ? r[0] : -1;
  }
  if (words_[o].low == "'s" && o > 0) return PersonAt(o - 1);
  return -1;
}

char DocRun::KinSubjectSex() const {
  // "My father was gone", "His father stayed in Musan": a possessive, a relative, then the
  // verb (no name in apposition, no "and" joining another subject, no "'s").
  if (words_.size() < 3 || !words_[0].Is(kClsPossessivePronoun)) return 0;
  const Word& after = words_[2];
  if (!after.Is(kClsAux) &&
      (after.punct || after.upper || after.mention >= 0 || after.Is(kClsPreposition) ||
       In(after.low, {"and", "or", "'s", "’s"})))
    return 0;
  const std::string_view k = words_[1].low;
  return In(k, {"father", "brother", "husband", "son", "uncle", "grandfather"})     ? 'm'
         : In(k, {"mother", "sister", "wife", "daughter", "aunt", "grandmother"}) ? 'f'
                                                                                : 0;
}

bool DocRun::NarrativeTimex(size_t k) const {
  const Timex& x = doc_.timexes[timex_ids_[k]];
  return (x.kind == Timex::Kind::kDate || (x.kind == Timex::Kind::kRelative && x.anchored)) &&
         x.value.closed() && !words_[timex_words_[k].first].quoted &&
         words_[timex_words_[k].first].paren == 0 && !DatesABirth(x);
}

DateInterval DocRun::SentenceDateBefore(size_t t) const {
  // Only in the trigger's own stretch of the sentence: "...; however, Y died" is told
  // apart from the date before the break.
  size_t from = 0;
  for (size_t k = t; k > 0; --k)
    if (words_[k - 1].Is(kClsClauseBreak)) {
      from = k;
      break;
    }
  // (Nor from a relative clause between commas right before it: rule relative-clause-date.)
  size_t rel_open = SIZE_MAX, rel_close = SIZE_MAX;
  RelativeClauseBefore(t, &rel_open, &rel_close);
  DateInterval out;
  for (size_t k = 0; k < timex_ids_.size(); ++k)
    if (timex_words_[k].first >= from && timex_words_[k].second < t && NarrativeTimex(k) &&
        !(rel_open != SIZE_MAX && timex_words_[k].first > rel_open &&
          timex_words_[k].second < rel_close))
      out = doc_.timexes[timex_ids_[k]].value;
  return out;
}

bool DocRun::RelativeClauseBefore(size_t t, size_t* open, size_t* close) const {
  size_t k = t;
  while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
  if (k < 4 || words_[k - 1].low != ",") return false;
  for (size_t j = k - 1; j >= 2 && k - j < 40; --j) {
    if (words_[j - 1].Is(kClsClauseBreak)) return false;
    if (In(words_[j - 1].low, {"who", "which"}) && words_[j - 2].low == ",") {
      *open = j - 2;
      *close = k - 1;
      return true;
    }
  }
  return false;
}

void DocRun::UpdateSalience(uint32_t si) {
  // "My father was gone.", "Her brother had been arrested": an unnamed relative is the
  // subject (rule kin-antecedent).
  // (Only with an auxiliary: after "Her mother sold fish at the market.", "She trained as
  // a nurse" is still the story's woman; after "Her mother was gone.", "She" is the mother.)
  if (const char sex = KinSubjectSex(); sex && words_[2].Is(kClsAux)) {
    kin_sentence_ = static_cast<int>(si);
    kin_sex_ = sex;
  }
  // Subject of this sentence: the first person mention not after a preposition or
  // possessive, or a resolved nominative pronoun.
  int subject = -1;
  std::vector<int> persons;
  for (size_t i = 0; i < words_.size(); ++i) {
    if (words_[i].quoted) continue;
    int p = PersonAt(i);
    if (p >= 0) {
      size_t b = MentionBegin(i), e = MentionEnd(i);
      if (subject < 0 && b == i && InSubjectPosition(i)) subject = p;
      if (persons.empty() || persons.back() != p) persons.push_back(p);
      // Rule credited-person: "translated by X", "written with the correspondent Y": a
      // person credited with making the text is no actor of its story: they form no group
      // with its people and take none of their pronouns.
      if (!Credited(b)) recent_.emplace_back(p, si);
      i = e - 1;
      continue;
    }
    if (subject < 0 && In(words_[i].low, {"he", "she"}) &&
        !(i > 0 && words_[i - 1].Is(kClsPreposition))) {
      auto r = ResolvePronoun(words_[i].low, i);
      if (!r.empty()) subject = r[0];
    }
  }
  if (subject >= 0) {
    for (size_t i = 0; i < words_.size(); ++i)
      if (PersonAt(i) == subject && MentionBegin(i) == i) {
        if (int owner = RelativeOwner(i); owner >= 0) {
          Trace(i, "relative-subject: the possessor stays salient");
          subject = owner;
        }
        break;
      }
  }
  if (subject >= 0) last_subject_ = subject;
  // Groups: "X and Y", else the two most recent distinct persons.
  for (size_t i = 0; i + 2 < words_.size(); ++i) {
    int p = PersonAt(i);
    if (p < 0) continue;
    size_t e = MentionEnd(i);
    if (e + 1 < words_.size() && words_[e].low == "and") {
      int q = PersonAt(e + 1);
      if (q >= 0 && q != p) {
        last_group_ = {p, q};
        group_sentence_ = si;
        return;
      }
    }
  }
  std::vector<int> distinct;
  for (auto it = recent_.rbegin(); it != recent_.rend() && distinct.size() < 2; ++it) {
    if (si - it->second > 3) break;
    if (std::find(distinct.begin(), distinct.end(), it->first) == distinct.end())
      distinct.push_back(it->first);
  }
  if (distinct.size() == 2 && !(last_group_.size() == 1 && si - group_sentence_ <= 2)) {
    last_group_ = {distinct[1], distinct[0]};
    group_sentence_ = si;
  }
}

// Rule distinct-jobs: a job or a course of study is often told twice, and a life
// holds several. An undated mention in another sentence that names a place or
// an organization the dated one lacks, and shares none with it, tells an
// occurrence of its own ("worked at a clinic from 1990. ... has since worked at
// a hospital in Incheon"): folding it would give the 1990 job Incheon.
bool NamesAnotherOccurrence(const Candidate& a, const Candidate& b) {
  if (a.ev.type != "employment" && a.ev.type != "education") return false;
  if (a.ev.sentence == b.ev.sentence || a.own_date == b.own_date) return false;
  const EventMention& dated = a.own_date ? a.ev : b.ev;
  const EventMention& undated = a.own_date ? b.ev : a.ev;
  auto shared = [](int x, int y) { return x >= 0 && x == y; };
  if (shared(dated.place, undated.place) || shared(dated.object, undated.object) ||
      shared(dated.to, undated.to))
    return false;
  auto adds = [](int mine, int other) { return mine >= 0 && other < 0; };
  return adds(undated.place, dated.place) || adds(undated.object, dated.object) ||
         adds(undated.to, dated.to);
}

bool Compatible(const Document& doc, const Candidate& a, const Candidate& b) {
  if (a.ev.subject != b.ev.subject || a.ev.type != b.ev.type) return false;
  if (NamesAnotherOccurrence(a, b)) return false;
  auto same_place = [&](int x, int y) {
    if (x < 0 || y < 0 || x == y) return true;
    const LocalEntity& ex = doc.entities[x];
    const LocalEntity& ey = doc.entities[y];
    if (ex.place_kind == "country" || ey.place_kind == "country")
      return !ex.country.empty() && ex.country == ey.country;
    return false;
  };
  if (!same_place(a.ev.to, b.ev.to) || !same_place(a.ev.from, b.ev.from) ||
      !same_place(a.ev.place, b.ev.place))
    return false;
  if (a.ev.object >= 0 && b.ev.object >= 0 && a.ev.object != b.ev.object) return false;
  if (!a.ev.detail.empty() && !b.ev.detail.empty()) {
    std::string da = Lower(a.ev.detail), db = Lower(b.ev.detail);
    if (da.find(db) == std::string::npos && db.find(da) == std::string::npos) return false;
  }
  if (a.single_occurrence || b.single_occurrence) return true;
  if (a.own_date && b.own_date && !a.ev.date.Overlaps(b.ev.date)) return false;
  // A mention dated only by its narrative must agree with an explicit date.
  if (a.own_date && !b.own_date && b.narrative.closed() && !a.ev.date.Overlaps(b.narrative))
    return false;
  if (b.own_date && !a.own_date && a.narrative.closed() && !b.ev.date.Overlaps(a.narrative))
    return false;
  return true;
}

int64_t Width(const DateInterval& d) {
  if (!d.closed()) return INT64_MAX;
  return static_cast<int64_t>(*d.latest) - *d.earliest;
}

void DocRun::Consolidate() {
  std::vector<Candidate> kept;
  // Kept events by (subject, type), in keeping order: only those can be compatible,
  // so long documents do not compare every event with every other.
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  // Events with their own date first, so undated mentions fold into dated ones;
  // among dated births, a stated birth ("was born in 1996") before one reckoned
  // from an age ("X, 27,"), so the statement is the one kept and quoted.
  std::stable_sort(out_.begin(), out_.end(), [](const Candidate& a, const Candidate& b) {
    if (a.own_date != b.own_date) return a.own_date > b.own_date;
    return a.age_derived < b.age_derived;
  });
  for (Candidate& c : out_) {
    std::vector<size_t>& same = by_key[std::to_string(c.ev.subject) + "/" + c.ev.type];
    Candidate* into = nullptr;
    for (size_t k : same)
      if (Compatible(doc_, kept[k], c)) {
        into = &kept[k];
        break;
      }
    if (into == nullptr) {
      same.push_back(kept.size());
      kept.push_back(std::move(c));
      continue;
    }
    EventMention& k = into->ev;
    // Rule stated-birth-wins: an age gives the birth year only up to a year's
    // slack around the text's date; a stated date is not narrowed by it.
    const bool reckoned_over_stated = c.age_derived && !into->age_derived && into->own_date;
    if (c.own_date && !reckoned_over_stated &&
        (!into->own_date || Width(c.ev.date) < Width(k.date))) {
      k.date = c.ev.date;
      into->own_date = true;
    }
    if (k.place < 0) k.place = c.ev.place;
    if (k.from < 0) k.from = c.ev.from;
    if (k.to < 0) k.to = c.ev.to;
    if (k.via < 0) k.via = c.ev.via;
    if (k.object < 0) k.object = c.ev.object;
    if (k.detail.empty()) k.detail = c.ev.detail;
    if (k.attributed_to < 0) k.attributed_to = c.ev.attributed_to;
    into->order = std::min(into->order, c.order);
  }
  for (Candidate& c : kept) {
    if (c.own_date || c.age_at < 0) continue;
    for (const Candidate& b : kept) {
      if (b.ev.type != "birth" || b.ev.subject != c.ev.subject || !b.own_date ||
          !b.ev.date.closed())
        continue;
      c.ev.date = b.ev.date;
      c.ev.date.earliest = AddYears(*b.ev.date.earliest, c.age_at);
      c.ev.date.latest = AddYears(*b.ev.date.latest, c.age_at + 1) - 1;
      c.ev.date.precision = Precision::kYear;
      c.ev.date.text = "at the age of " + std::to_string(c.age_at);
      c.own_date = true;
      break;
    }
  }
  // Rule arrest-then-return: "was arrested in Longjing the following year and repatriated":
  // a repatriation told in the sentence of a dated arrest of the same person, after it,
  // happens when the arrest does (the handing back follows the arrest within weeks); the
  // narrative date of the sentences before does not reach it.
  for (Candidate& c : kept) {
    if (c.own_date || c.ev.type != "repatriation") continue;
    for (const Candidate& a : kept) {
      if (a.ev.type != "arrest" || a.ev.subject != c.ev.subject || !a.own_date ||
          a.ev.sentence != c.ev.sentence || a.ev.quote.begin > c.ev.quote.begin ||
          !a.ev.date.closed())
        continue;
      c.ev.date = a.ev.date;
      c.own_date = true;
      break;
    }
  }
  for (Candidate& c : kept)
    if (!c.own_date && c.narrative.closed()) c.ev.date = c.narrative;
  std::sort(kept.begin(), kept.end(),
            [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
  doc_.events.clear();
  for (Candidate& c : kept) doc_.events.push_back(std::move(c.ev));
}

// Rule today-past: "Today I lead a group I founded", "will tell the panel today about the
// camp where she was held": a deictic "today" or "now" is the time of the telling; a past act
// the sentence tells in another clause is not dated by it. "was released today" (the trigger
// governs "today") keeps it. Needs the parse; without it nothing changes.
bool DocRun::TodayPast(size_t t, const DateInterval& date) const {
  int day = -1;
  for (size_t k = 0; k < timex_ids_.size(); ++k) {
    const Timex& x = doc_.timexes[timex_ids_[k]];
    auto [a, b] = timex_words_[k];
    if (a == b && In(words_[a].low, {"today", "now", "tonight"}) &&
        x.value.earliest == date.earliest && x.value.latest == date.latest)
      day = static_cast<int>(a);
  }
  if (day < 0) return false;
  const int trig = ParsedToken(t);
  const int when = ParsedToken(static_cast<size_t>(day));
  if (trig < 0 || when < 0) return false;
  static const uint8_t kVbd = ud::XposId("VBD"), kVbn = ud::XposId("VBN");
  const uint8_t xpos = doc_.syntax[trig].xpos;
  if (xpos != kVbd && xpos != kVbn) return false;
  if (doc_.syntax[when].head == trig) return false;
  Trace(t, "today-past: 'today' is the time of the telling, not of this past act");
  return true;
}

int DocRun::ParsedToken(size_t i) const {
  if (parse_ != nullptr && *parse_ && parse_asked_ != sent_) {
    parse_asked_ = sent_;
    const Sentence& s = doc_.sentences[sent_];
    if (s.first_token < s.end_token) {
      Status st = (*parse_)(s.first_token);
      if (!st.ok() && parse_status_.ok()) parse_status_ = std::move(st);
    }
  }
  if (doc_.syntax.size() != doc_.tokens.size()) return -1;
  const int tok = TokenOfWord(i);
  if (tok < 0 || doc_.syntax[tok].upos == 0) return -1;  // the sentence was left unanalysed
  return tok;
}

int DocRun::TokenOfWord(size_t i) const {
  if (i >= words_.size()) return -1;
  const Sentence& s = doc_.sentences[sent_];
  uint32_t b = words_[i].span.begin;
  auto it =
      std::lower_bound(doc_.tokens.begin() + s.first_token, doc_.tokens.begin() + s.end_token, b,
                       [](const Token& tok, uint32_t off) { return tok.span.begin < off; });
  if (it == doc_.tokens.begin() + s.end_token || it->span.begin != b) return -1;
  return static_cast<int>(it - doc_.tokens.begin());
}

bool DocRun::DateCandidate(size_t k) const {
  const Timex& x = doc_.timexes[timex_ids_[k]];
  return (x.kind == Timex::Kind::kDate || (x.kind == Timex::Kind::kRelative && x.anchored)) &&
         x.value.closed() && !words_[timex_words_[k].first].quoted;
}

bool DocRun::DateParseMatters(size_t t, const DateInterval& date, bool own) {
  if (verbs_ == nullptr || !*verbs_ || parse_ == nullptr || !*parse_) return true;
  if (verbs_asked_ != sent_) {
    verbs_asked_ = sent_;
    verbs_tokens_.clear();
    const Sentence& s = doc_.sentences[sent_];
    if (s.first_token < s.end_token) {
      Status st = (*verbs_)(s.first_token, &verbs_tokens_);
      if (!st.ok()) {
        if (parse_status_.ok()) parse_status_ = std::move(st);
        verbs_asked_ = -1;
        return true;
      }
    }
  }
  const int trig = TokenOfWord(t);
  // Both rules read only a trigger the parse tags VERB (ParseDateTimex, ForeignDate).
  if (trig < 0 ||
      !std::binary_search(verbs_tokens_.begin(), verbs_tokens_.end(), static_cast<uint32_t>(trig)))
    return false;
  // parse-date: a candidate the trigger governs replaces a date not its own, or its own
  // when the two share neither end.
  for (size_t k = 0; k < timex_ids_.size(); ++k) {
    const DateInterval& v = doc_.timexes[timex_ids_[k]].value;
    if (DateCandidate(k) && (!own || (v.earliest != date.earliest && v.latest != date.latest)))
      return true;
  }
  // parse-foreign-date: only an own date, one of the sentence's timexes, and only through
  // another verb governing that timex, which no parse can make it when the trigger stands
  // between them (ForeignDateImpossible).
  if (!own || verbs_tokens_.size() < 2) return false;
  for (size_t q = 0; q < timex_ids_.size(); ++q)
    if (doc_.timexes[timex_ids_[q]].value.earliest == date.earliest &&
        !ForeignDateImpossible(trig, q))
      return true;
  return false;
}

bool DocRun::ForeignDateImpossible(int trig, size_t q) const {
  const Sentence& s = doc_.sentences[sent_];
  // ForeignDate's ancestor walk looks 40 heads up: a longer path is beyond it.
  if (s.end_token - s.first_token > 41) return false;
  // The parser's trees are projective over its words (arc-hybrid); over Cairn's tokens
  // too, unless a token was split into words: the analyzer splits only "cannot" and the
  // clitics n't, 'm, 're, 've, 'll and 'd (straight or curly apostrophe; not 's).
  for (uint32_t c = s.first_token; c < s.end_token; ++c) {
    const std::string_view w = doc_.Slice(doc_.tokens[c].span);
    if (w.find('\'') == std::string_view::npos &&
        w.find("\xE2\x80\x99") == std::string_view::npos && w.size() != 6)
      continue;
    const std::string low = Lower(w);  // the curly apostrophe folded to '
    const size_t a = low.rfind('\'');
    if (low == "cannot" || (a != std::string::npos && In(std::string_view(low).substr(a + 1),
                                                         {"t", "m", "re", "ve", "ll", "d"})))
      return false;
  }
  // In a projective tree every token between a word and an ancestor of it is that
  // ancestor's descendant: a verb that governs the timex from beyond the trigger governs
  // the trigger too, and ForeignDate leaves such a date shared. Every verb but the trigger
  // (by the tags, which the parse reuses) beyond it, then, and the date stays.
  const Span& x = doc_.timexes[timex_ids_[q]].span;
  const Span& tr = doc_.tokens[static_cast<uint32_t>(trig)].span;
  const bool before = x.end <= tr.begin;  // the timex before the trigger
  if (!before && x.begin < tr.end) return false;
  // Re-attaching punctuation after the parse (UD's rule) keeps every word's verb
  // ancestors and hangs a mark on an ancestor of a word next to it, except a quote or
  // bracket, which hangs on the head of what it encloses: none in the timex, then (no
  // token of it without a letter or digit that holds a quote, a bracket or non-ASCII).
  for (uint32_t c = s.first_token; c < s.end_token; ++c) {
    const Span& sp = doc_.tokens[c].span;
    if (sp.begin < x.begin || sp.end > x.end) continue;
    const std::string_view w = doc_.Slice(sp);
    bool alnum = false, paired = false;
    for (const char ch : w) {
      alnum =
          alnum || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
      paired = paired || static_cast<unsigned char>(ch) >= 0x80 ||
               std::string_view("()[]{}\"'`").find(ch) != std::string_view::npos;
    }
    if (!alnum && paired) return false;
  }
  for (uint32_t v : verbs_tokens_) {
    if (v == static_cast<uint32_t>(trig)) continue;
    if (before ? v < static_cast<uint32_t>(trig) : v > static_cast<uint32_t>(trig)) return false;
  }
  return true;
}

bool DocRun::SubjectParseMatters() const {
  for (size_t w = 0; w < words_.size(); ++w)
    if (PersonAt(w) >= 0 || words_[w].Is(kClsNominativePronoun)) return true;
  return false;
}

size_t DocRun::WordOfToken(int tok) const {
  if (tok < 0 || static_cast<size_t>(tok) >= doc_.tokens.size()) return SIZE_MAX;
  uint32_t b = doc_.tokens[tok].span.begin;
  auto it = std::upper_bound(words_.begin(), words_.end(), b,
                             [](uint32_t off, const Word& w) { return off < w.span.begin; });
  if (it == words_.begin()) return SIZE_MAX;
  --it;
  if (b >= it->span.end) return SIZE_MAX;
  return static_cast<size_t>(it - words_.begin());
}

std::vector<int> DocRun::DepChildren(int tok, std::string_view base) const {
  std::vector<int> out;
  if (tok < 0) return out;
  const Sentence& s = doc_.sentences[sent_];
  for (uint32_t c = s.first_token; c < s.end_token; ++c)
    if (doc_.syntax[c].head == tok && ud::DeprelBase(doc_.syntax[c].deprel) == base)
      out.push_back(static_cast<int>(c));
  return out;
}

std::vector<int> DocRun::ParseSubject(size_t t, std::string* path) {
  int cur = ParsedToken(t);
  if (cur < 0) return {};
  // The persons a subject token names: a person mention, or a pronoun resolved as the
  // surface rules resolve it.
  auto persons = [&](int tok) -> std::vector<int> {
    size_t w = WordOfToken(tok);
    if (w == SIZE_MAX) return {};
    if (int p = PersonAt(w); p >= 0) {
      // ("Hwang Jang-yop's former aide dies": a possessor the parse took for the subject
      // is the possessor still.)
      const size_t e = MentionEnd(w);
      if (e < words_.size() && In(words_[e].low, {"'s", "’s"})) return {};
      return {p};
    }
    if (words_[w].Is(kClsNominativePronoun)) return ResolvePronoun(words_[w].low, w);
    return {};
  };
  for (int step = 0; step < 4 && cur >= 0; ++step) {
    std::vector<int> subj = DepChildren(cur, "nsubj");
    if (!subj.empty()) {
      const int s0 = subj[0];
      const size_t sw = WordOfToken(s0);
      if (sw == SIZE_MAX) return {};
      const std::string_view low = words_[sw].low;
      std::string_view rel = ud::DeprelName(doc_.syntax[cur].deprel);
      // "a miner who crossed": the relative pronoun stands for the clause's head noun.
      if (rel == "acl:relcl" && In(low, {"who", "that", "which", "whom"})) {
        *path += "nsubj=" + std::string(low) + " <- acl:relcl";
        return persons(doc_.syntax[cur].head);
      }
      *path += ud::DeprelName(doc_.syntax[s0].deprel);
      return persons(s0);
    }
    std::string_view rel = ud::DeprelName(doc_.syntax[cur].deprel);
    if (rel == "conj") {
      *path += "conj <- ";
      cur = doc_.syntax[cur].head;
      continue;
    }
    if (rel == "acl:relcl") {
      *path += "acl:relcl head";
      return persons(doc_.syntax[cur].head);
    }
    break;
  }
  return {};
}

int DocRun::TimexTop(size_t k) const {
  const Timex& x = doc_.timexes[timex_ids_[k]];
  const Sentence& s = doc_.sentences[sent_];
  if (doc_.syntax.size() != doc_.tokens.size()) return -1;
  for (uint32_t c = s.first_token; c < s.end_token; ++c) {
    const Span& sp = doc_.tokens[c].span;
    if (sp.begin < x.span.begin || sp.end > x.span.end) continue;
    if (doc_.syntax[c].upos == 0) return -1;
    int h = doc_.syntax[c].head;
    if (h < 0 || doc_.tokens[h].span.begin < x.span.begin || doc_.tokens[h].span.end > x.span.end)
      return static_cast<int>(c);
  }
  return -1;
}

bool DocRun::ForeignDate(size_t t, size_t k) const {
  int trig = ParsedToken(t);
  if (trig < 0 || doc_.syntax[trig].upos != static_cast<uint8_t>(ud::Upos::kVerb)) return false;
  int top = TimexTop(k);
  if (top < 0) return false;
  auto verb = [&](int tok) {
    return doc_.syntax[tok].upos == static_cast<uint8_t>(ud::Upos::kVerb);
  };
  int gov = doc_.syntax[top].head;
  for (int step = 0; gov >= 0 && !verb(gov) && step < 6; ++step) gov = doc_.syntax[gov].head;
  if (gov < 0 || !verb(gov) || gov == trig) return false;
  // An age apposition ("in 1981, aged eight, he entered") is no clause of its own, however
  // the parse attaches it: the date is the sentence's.
  if (const size_t w = WordOfToken(gov); w < words_.size() && words_[w].low == "aged") return false;
  auto above = [&](int a, int b) {  // a is an ancestor of b
    for (int h = doc_.syntax[b].head, step = 0; h >= 0 && step < 40;
         h = doc_.syntax[h].head, ++step)
      if (h == a) return true;
    return false;
  };
  return !above(gov, trig) && !above(trig, gov);
}

int DocRun::ParseDateTimex(size_t t, std::string* path) const {
  // No date to attach: the parse is not read (nor made, when parsing on demand).
  bool any = false;
  for (size_t k = 0; k < timex_ids_.size() && !any; ++k) any = DateCandidate(k);
  if (!any) return -1;
  int trig = ParsedToken(t);
  if (trig < 0 || doc_.syntax[trig].upos != static_cast<uint8_t>(ud::Upos::kVerb)) return -1;
  const Sentence& s = doc_.sentences[sent_];
  for (size_t k = 0; k < timex_ids_.size(); ++k) {
    const Timex& x = doc_.timexes[timex_ids_[k]];
    if (!DateCandidate(k)) continue;
    // The timex's top token: the one whose head lies outside it.
    int top = -1;
    for (uint32_t c = s.first_token; c < s.end_token && top < 0; ++c) {
      const Span& sp = doc_.tokens[c].span;
      if (sp.begin < x.span.begin || sp.end > x.span.end) continue;
      int h = doc_.syntax[c].head;
      if (h < 0 || doc_.tokens[h].span.begin < x.span.begin || doc_.tokens[h].span.end > x.span.end)
        top = static_cast<int>(c);
    }
    if (top < 0 || doc_.syntax[top].head != trig) continue;
    std::string_view rel = ud::DeprelName(doc_.syntax[top].deprel);
    if (!In(rel, {"obl", "obl:tmod", "nmod:tmod", "obl:unmarked", "nmod:unmarked", "advmod"}))
      continue;
    *path = std::string(rel);
    return static_cast<int>(k);
  }
  return -1;
}

void DocRun::Run() {
  mentions_by_sentence_.assign(doc_.sentences.size(), {});
  timexes_by_sentence_.assign(doc_.sentences.size(), {});
  for (size_t mi = 0; mi < doc_.mentions.size(); ++mi)
    if (doc_.mentions[mi].sentence < doc_.sentences.size())
      mentions_by_sentence_[doc_.mentions[mi].sentence].push_back(static_cast<uint32_t>(mi));
  for (size_t xi = 0; xi < doc_.timexes.size(); ++xi)
    if (doc_.timexes[xi].sentence < doc_.sentences.size())
      timexes_by_sentence_[doc_.timexes[xi].sentence].push_back(static_cast<uint32_t>(xi));
  salient_ = MostNamedPerson();
  FindNarrator();
  for (uint32_t si = 0; si < doc_.sentences.size(); ++si) bare_questions_ += BareQuestion(si);
  uint32_t last_paragraph = UINT32_MAX;
  for (uint32_t si = 0; si < doc_.sentences.size(); ++si) {
    const Sentence& s = doc_.sentences[si];
    sent_ = si;
    if (s.paragraph != last_paragraph) in_quote_ = false;
    BuildWords(s);
    if (words_.empty()) continue;
    // An interview turn "Name: ..." makes Name the paragraph's "I".
    if (s.paragraph != last_paragraph) {
      last_paragraph = s.paragraph;
      // Unnamed turns: "A: ..." answers are the interviewee's, the person the document is
      // about; "Q: ..." questions are the interviewer's, never the subject's.
      Turn(si);
    }
    LearnRoles();
    bool question = doc_.text[s.span.end - 1] == '?';
    // "My name is X." / "I am X." introduces the narrator.
    for (size_t i = 0; i + 3 < words_.size(); ++i) {
      bool intro = (words_[i].low == "my" && words_[i + 1].low == "name" &&
                    words_[i + 2].low == "is") ||
                   (words_[i].low == "i" && (words_[i + 1].low == "am" || words_[i + 1].low == "'m"));
      size_t at = words_[i].low == "my" ? i + 3 : i + 2;
      if (intro && at < words_.size() && PersonAt(at) >= 0 && !words_[i].quoted) {
        narrator_ = PersonAt(at);
        break;
      }
    }
    // Hedging, attribution and tense for the whole sentence.
    hedged_ = false;
    hedge_from_ = 0;
    hedge_end_ = 0;
    hedge_sub_ = 0;
    bool hedge_outside = false;
    attributed_ = -1;
    no_carry_ = false;
    for (size_t i = 0; i < words_.size(); ++i) {
      if (WordClass("present_adverb").count(words_[i].low)) no_carry_ = true;
      size_t len = 0;
      int id = MatchCue(i, &len);
      if (id >= 0 && lex_.cues[id].kind == CueKind::kHedge && !words_[i].quoted) {
        bool conjunct = i > 0 && In(words_[i - 1].low, {"and", "but"});
        if (!hedged_) hedge_from_ = conjunct ? i : 0;
        if (!conjunct) hedge_from_ = 0;
        hedged_ = true;
        // The subordinator opening the cue's clause, if one does.
        size_t sub = 0;
        for (size_t k = i; k > 0 && k + 10 > i; --k) {
          const Word& w = words_[k - 1];
          if (w.punct || w.Is(kClsClauseBreak)) break;
          if (In(w.low, {"after", "before", "because", "when", "since", "until", "once"})) {
            sub = k - 1;
            break;
          }
        }
        if (sub == 0) hedge_outside = true;
        hedge_sub_ = hedge_outside ? 0 : (hedge_sub_ == 0 ? sub : std::min(hedge_sub_, sub));
      }
      if (hedged_ && hedge_end_ == 0 && In(words_[i].low, {"before", "after", "until"}))
        hedge_end_ = i;
      if (words_[i].low == "according" && i + 2 < words_.size() && words_[i + 1].low == "to") {
        size_t j = i + 2;
        if (words_[j].low == "the" && j + 1 < words_.size()) ++j;
        int m = words_[j].mention;
        if (m >= 0) attributed_ = doc_.mentions[m].entity;
      }
      if (words_[i].Is(kClsSpeechVerb) && i > 0 && attributed_ < 0) {
        size_t j = i - 1;
        if (words_[j].low == "also" && j > 0) --j;
        int m = words_[j].mention;
        if (m >= 0 && doc_.mentions[m].type != EntityType::kPlace)
          attributed_ = doc_.mentions[m].entity;
      }
    }
    trigger_words_.clear();
    for (size_t i = 0; i < words_.size(); ++i) {
      size_t len = 0;
      // References ("of defecting", "his escape") do not claim nearby dates.
      if (MatchTrigger(i, &len) < 0) continue;
      if (InProperName(i)) continue;
      if (!(i > 0 &&
            (words_[i - 1].Is(kClsPreposition) || words_[i - 1].Is(kClsPossessivePronoun))))
        trigger_words_.push_back(i);
      i += len - 1;  // "was posted": the words of one trigger are not another's
    }
    if (!question) {
      AgeBirths();
      AgeClauses();
      Lifespan();
      AgePredicate();
      FamilyPunishment();
      for (size_t i = 0; i < words_.size(); ++i) {
        size_t tlen = 0;
        int id = MatchTrigger(i, &tlen);
        if (id < 0) continue;
        // Several definitions may share these words ("joined the army" is an enlistment,
        // "joined the Ministry" a job): take the first whose requirements hold.
        std::vector<int> alts;
        for (int alt : lex_.trig_by_first.at(lex_.triggers[id].words[0])) {
          const TriggerDef& a = lex_.triggers[alt];
          // (A manner adverb after the first word is spanned too: "worked illegally in".)
          const size_t adv = a.words.size() >= 2 && tlen == a.words.size() + 1 &&
                                     MannerAdverb(words_[i + 1])
                                 ? 1
                                 : 0;
          if (a.words.size() + adv != tlen) continue;
          bool same = true;
          for (size_t k = 1; k < a.words.size() && same; ++k)
            same = words_[i + k + adv].low == a.words[k];
          if (!same) continue;
          bool found = a.requires_any.empty();
          for (size_t k = i + tlen; k < words_.size() && k < i + tlen + 10 && !found; ++k)
            for (const std::string& r : a.requires_any)
              if (words_[k].low == r) found = true;
          // "the memoir she wrote came out": a word the trigger needs before it.
          if (found && !a.before_any.empty()) {
            bool before = false;
            for (size_t k = i; k > 0 && k + 14 > i && !before; --k) {
              if (words_[k - 1].Is(kClsClauseBreak)) break;
              for (const std::string& r : a.before_any)
                if (words_[k - 1].low == r) before = true;
            }
            found = before;
          }
          // "held responsible", "held her hand": a word right after that undoes the reading.
          if (found && i + tlen < words_.size())
            for (const std::string& r : a.unless_next)
              if (words_[i + tlen].low == r) found = false;
          if (found) alts.push_back(alt);
        }
        if (alts.empty()) continue;
        id = alts[0];
        const TriggerDef* defp = &lex_.triggers[id];
        // Adjective use: "the married couple".
        if (i > 0 && In(words_[i - 1].low, {"the", "a", "an"})) continue;
        // Rule participle-modifier: "for newly arrived defectors", "a recently released
        // prisoner": a participle between a degree adverb and its noun describes the noun.
        if (tlen == 1 && i > 0 && In(words_[i - 1].low, {"newly", "recently", "freshly"}) &&
            i + 1 < words_.size() && !words_[i + 1].upper && !words_[i + 1].punct &&
            !words_[i + 1].Is(kClsPreposition) && !words_[i + 1].Is(kClsDeterminer) &&
            !words_[i + 1].Is(kClsAux) &&
            // Not after a subject or an auxiliary: "she recently escaped prison".
            !(i >= 2 && (words_[i - 2].Is(kClsNominativePronoun) || PersonAt(i - 2) >= 0 ||
                         words_[i - 2].Is(kClsAux) || In(words_[i - 2].low, {"who", "that"})))) {
          Trace(i, "participle-modifier: describes the noun after it");
          continue;
        }
        // Words that are part of a name or title are not triggers ("Start" in a title).
        if (words_[i].mention >= 0) continue;
        if (InProperName(i)) {
          Trace(i, "name-word: part of an organization's name");
          i += tlen - 1;
          continue;
        }
        if (!VocabularyFits(*defp, i)) {
          i += tlen - 1;
          continue;
        }
        // Rule first-to: "became the first refugee to study at ..." names a feat, not a post;
        // the infinitive tells the event (data/modality.tsv: "became the first").
        if (defp->type == "employment" && words_[i].low == "became" && i + 2 < words_.size() &&
            words_[i + 1].low == "the" && In(words_[i + 2].low, {"first", "only", "last"})) {
          Trace(i, "first-to: a feat, not a post");
          i += tlen - 1;
          continue;
        }
        // Leaving a job is not holding one; "left his job as" / "losing his job".
        if (defp->type == "employment" && i >= 2 &&
            WordClass("job_loss_verb").count(words_[i - 2].low))
          continue;
        if (EventMention::Modality m = Assertion(i, tlen);
            m != EventMention::Modality::kAsserted) {
          Trace(i, "not asserted");
          // Kept for annotation output, except quoted speech, which is
          // reported rather than negated or irrealis.
          if (!words_[i].quoted) {
            EventMention un = NewEvent(defp->type, defp->words[0]);
            un.modality = m;
            doc_.unasserted.push_back(std::move(un));
          }
          i += tlen - 1;
          continue;
        }
        EventMention ev = NewEvent(defp->type, defp->words[0]);
        size_t roles_end = i + tlen;
        FillRoles(*defp, i, tlen, &ev, &roles_end);
        UnnamedSite(*defp, i, tlen, &ev);
        RelativeDestination(*defp, i, &ev);
        // An alternative that needs an object it lacks gives way to the next one.
        for (size_t a = 1; a < alts.size() && defp->needs_object && ev.object < 0; ++a) {
          defp = &lex_.triggers[alts[a]];
          ev = NewEvent(defp->type, defp->words[0]);
          roles_end = i + tlen;
          FillRoles(*defp, i, tlen, &ev, &roles_end);
        }
        const TriggerDef& def = *defp;
        if (def.type == "crime_victim" && words_[i + tlen - 1].low == "taken" &&
            !EchoesAbduction(i, tlen, &ev)) {
          i += tlen - 1;
          continue;
        }
        ThereIsTheLastPlace(i, tlen, &ev);
        WhomObject(i, &ev);
        // Subjects.
        std::vector<int> subjects;
        bool blocked = false;
        bool possessed = i > 0 && (words_[i - 1].Is(kClsPossessivePronoun) ||
                                   (words_[i - 1].low == "'s" && i >= 2 && PersonAt(i - 2) >= 0));
        // "his defection", "after arriving", "of defecting": a reference to an event that
        // the text states (or dates) elsewhere; it takes no date from this sentence.
        const std::string& tw = words_[i].low;
        bool gerund = tw.size() > 4 && tw.compare(tw.size() - 3, 3, "ing") == 0;
        bool after_prep = i > 0 && In(words_[i - 1].low, {"after", "before", "since", "upon",
                                                          "of", "while", "during", "about"});
        // "after Kim defected", "after he had crawled across": a subordinate clause that
        // presupposes an event rather than telling it.
        bool subordinate = false;
        std::string_view subordinator;
        for (size_t k = i; k > 0 && k + 6 > i; --k) {
          const std::string& w = words_[k - 1].low;
          if (In(w, {"after", "before", "since", "once", "until"})) {
            subordinate = true;
            subordinator = w;
            break;
          }
          if (!(PersonAt(k - 1) >= 0 || IsNominativePronoun(w) || IsAux(w))) break;
        }
        // ("my military service began in 1979" is a clause of its own, not a reference.)
        bool reference = (possessed && tlen == 1 && !NominalDate(i + tlen)) ||
                         (gerund && after_prep) || subordinate;
        // ("before being flown to Seoul in September": the passive gerund too.)
        const bool before_gerund =
            (gerund && i > 0 && words_[i - 1].low == "before") ||
            (i >= 2 && words_[i - 1].low == "being" && words_[i - 2].low == "before");
        if (reference && !possessed && before_gerund && DateInOwnPhrase(i + tlen)) {
          reference = false;
          ahead_ = true;
          Trace(i, "before-gerund-date: a later step told with its own date");
        }
        // Rule subordinate-own-date: "before she reached South Korea in 2017", "after he
        // defected in 1994": a clause with its subject and its own date tells the event.
        if (reference && !possessed && !gerund && subordinate && i > 0 &&
            words_[i - 1].low != subordinator && In(subordinator, {"before", "after"}) &&
            DateInOwnPhrase(i + tlen)) {
          reference = false;
          if (subordinator == "before") ahead_ = true;
          Trace(i, "subordinate-own-date: the clause dates its own event");
        }
        if (def.type == "founding" && ev.object < 0 && !def.before_any.empty())
          ev.object = OrganizationBefore(i);
        // (An organization farther on, "... with United Nations bodies", is not the one founded
        // when a name stands right after the verb.)
        bool far_object = false;
        for (size_t k = i + tlen; k < words_.size() && ev.object >= 0; ++k) {
          if (EntityAt(k, EntityType::kOrganization) == ev.object) break;
          if (words_[k].low == ",") far_object = true;
        }
        if (def.type == "founding" && (ev.object < 0 || far_object)) {
          int named = NamedOrganization(i, tlen);
          if (named >= 0) ev.object = named;
        }
        if (def.needs_object && ev.object < 0) {
          Trace(i, "no object");
          i += tlen - 1;
          continue;
        }
        if (possessed) {
          if (words_[i - 1].low == "'s")
            subjects = {PersonAt(i - 2)};
          else
            subjects = ResolvePronoun(words_[i - 1].low, i - 1);
        } else if (def.role == Role::kPatient && !IsPassive(i) &&
                   // Rule passive-trigger: "he was seized" is passive by its own words.
                   !IsBeForm(words_[i].low)) {
          subjects = SubjectsRight(i, ObjectInTrigger(i, tlen));
        } else {
          subjects = SubjectsLeft(i, &blocked);
          // "which was published": the work's author is the sentence's subject.
          if (subjects.empty() && !blocked && def.type == "publication") {
            for (size_t k = 0; k < i && subjects.empty(); ++k) {
              if (In(words_[k].low, {"he", "she", "his", "her"}))
                subjects = ResolvePronoun(words_[k].low, k);
              else if (PersonAt(k) >= 0)
                subjects = {PersonAt(k)};
            }
          }
        }
        if (subjects.empty() && blocked && def.type == "publication") {
          subjects = AuthorOfWork(i);
          if (!subjects.empty()) blocked = false;
        }
        // Rule divorce-couple: "In 2015 she married a man she met at church. They divorced
        // three years later": "they" who divorce are the couple the text last married, its
        // one named spouse when the other is unnamed.
        if (subjects.empty() && !blocked && def.type == "divorce") {
          size_t k = i;
          while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
          if (k > 0 && In(words_[k - 1].low, {"they", "couple"})) {
            for (size_t e = out_.size(); e > 0; --e) {
              const Candidate& c = out_[e - 1];
              if (c.ev.sentence + 3 < sent_) break;
              if (c.ev.type != "marriage" || c.ev.subject < 0) continue;
              Trace(k - 1, "divorce-couple: the couple the text last married");
              subjects = {c.ev.subject};
              if (c.ev.object >= 0 && c.ev.object != c.ev.subject &&
                  doc_.entities[c.ev.object].type == EntityType::kPerson)
                subjects.push_back(c.ev.object);
              break;
            }
          }
        }
        // Rule work-pronoun: "... this is his first book. It was published in 2021": "it" is
        // the work the text last gave an owner, in this sentence or the one before.
        if (subjects.empty() && !blocked && def.type == "publication") {
          size_t k = i;
          while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
          if (k > 0 && words_[k - 1].low == "it" &&
              (k == 1 || words_[k - 2].punct || In(words_[k - 2].low, {"and", "but"}))) {
            int owner = WorkOwnerBefore(k - 1);
            if (owner < 0 && work_owner_ >= 0 && sent_ == work_sentence_ + 1) owner = work_owner_;
            if (owner >= 0) {
              Trace(k - 1, "work-pronoun: the work the text last gave an owner");
              subjects = {owner};
            }
          }
        }
        // Rule infobox-row: "Born: 1968, Hamhung", "Died<TAB>4 May 2002, Seoul" are the
        // topic person's.
        if (subjects.empty() && (def.type == "birth" || def.type == "death") && InfoboxLabel(i)) {
          int topic = Topic();
          if (topic >= 0) subjects = {topic};
        }
        if (subjects.empty() && def.type.rfind("move:", 0) == 0) {
          if (int f = FamilyMover(i); f >= 0) {
            subjects = {f};
            Trace(i, "family-move: the salient person moves with the family");
          }
        }
        if (subjects.empty() && def.type.rfind("move:", 0) == 0) {
          if (int k = KinMover(i, tlen); k >= 0) {
            subjects = {k};
            blocked = false;
            Trace(i, "kin-mover: the parent moves the person's family");
          }
        }
        if (subjects.empty() && def.type.rfind("move:", 0) == 0) {
          if (int p = LeadDescription(i); p >= 0) {
            subjects = {p};
            blocked = false;
            Trace(i, "lead-description: the story's person before it names them");
          }
        }
        if (subjects.empty() && !blocked) {
          subjects = OpenerSubject(i);
          if (!subjects.empty()) Trace(i, "participle-opener: the main clause's subject");
        }
        // Rule parse-subject: where the surface rules found no person subject, or took a
        // noun phrase farther left for the subject ("He attended the Institute, a school
        // that ..., and graduated"), the parse's subject of the trigger, when it is a person.
        if (subjects.empty() && !possessed &&
            !(def.role == Role::kPatient && !IsPassive(i) && !IsBeForm(words_[i].low)) &&
            SubjectParseMatters()) {
          std::string path;
          subjects = ParseSubject(i, &path);
          if (!subjects.empty()) {
            blocked = false;
            Trace(i, ("parse-subject: subject via " + path).c_str());
          }
        }
        // Rule own-death-learned: "Pak later learned he had died in custody": no one learns
        // or tells of their own death, so the "he" is someone else.
        if (def.type == "death" && subjects.size() == 1) {
          size_t k = i;
          while (k > 0 && words_[k - 1].Is(kClsAux)) --k;
          if (k >= 3 && In(words_[k - 1].low, {"he", "she"})) {
            size_t v = k - 1;  // the verb of learning or telling ends before v
            if (words_[v - 1].low == "that") --v;
            if (v >= 2 && (WordClass("learning_verb").count(words_[v - 1].low) ||
                           words_[v - 1].Is(kClsSpeechVerb))) {
              size_t b = v - 1;  // over adverbs: "Pak later learned"
              while (b > 0 && (words_[b - 1].Is(kClsAux) ||
                               In(words_[b - 1].low, {"later", "then", "soon", "also"}) ||
                               (!words_[b - 1].upper && words_[b - 1].low.ends_with("ly"))))
                --b;
              int teller = -1;
              if (b > 0 && PersonAt(b - 1) >= 0) {
                teller = PersonAt(b - 1);
              } else if (b > 0 && words_[b - 1].Is(kClsNominativePronoun)) {
                std::vector<int> r = ResolvePronoun(words_[b - 1].low, b - 1);
                if (r.size() == 1) teller = r[0];
              }
              if (teller == subjects[0]) {
                Trace(k - 1, "own-death-learned: the one who learns of a death is not the dead");
                subjects.clear();
                blocked = true;
              }
            }
          }
        }
        // Decide movement types by destination.
        bool single = def.type == "birth" || def.type == "death";
        if (def.type.rfind("move:", 0) == 0) {
          std::string cls = def.type.substr(5);
          std::string dest = ev.to >= 0 ? doc_.entities[ev.to].country : "";
          bool any_place = ev.to >= 0 || ev.from >= 0 || ev.via >= 0 || ev.place >= 0;
          if (cls == "relocate") {
            if (ev.to < 0) {
              i += tlen - 1;
              continue;
            }
            // Rule sent-to-facility: "sent to Camp 15", "sent to a hospital in X" is no new
            // home; the detention rules read it.
            // ("sent to work in a mine in X": an infinitive, not a destination.)
            const bool infinitive = words_[i].low == "sent" && i + tlen < words_.size() &&
                                    words_[i + tlen].mention < 0 && !words_[i + tlen].upper &&
                                    !words_[i + tlen].Is(kClsDeterminer);
            if (infinitive ||
                (words_[i].low == "sent" && doc_.entities[ev.to].place_kind == "facility")) {
              Trace(i, "sent-to-facility: not a relocation");
              i += tlen - 1;
              continue;
            }
            // Rule settle-south: settling in South Korea is reaching the refuge, whatever
            // the route.
            // ("was later found to be living in South Korea": the same arrival, found out.)
            ev.type = dest == "KR" && (words_[i].low.find("settl") != std::string::npos ||
                                       words_[i].low == "found")
                          ? "defection"
                          : "relocation";
            // Rule found-living: a finding tells a state, not when the move happened.
            if (words_[i].low == "found") reference = true;
            if (ev.type == "relocation") RelocationOrigin(subjects, &ev);
            if (ev.type == "defection") {
              ev.type = SettleSouth(subjects, i);
              if (ev.type.empty()) {
                i += tlen - 1;
                continue;
              }
            }
          } else if (cls == "return") {
            if (ev.to < 0) {
              i += tlen - 1;
              continue;
            }
            // Rule return-back: "moved back to Seoul", "returned to China" go back to a
            // country left, except out of the North, which is a crossing.
            auto last = subjects.size() == 1 ? country_of_.find(subjects[0]) : country_of_.end();
            ev.type = dest != "KP" && last != country_of_.end() && last->second == "KP"
                          ? "border_crossing"
                          : "return";
          } else if (cls == "defect") {
            ev.type = "defection";
            if (dest == "KP") ev.type = "return";
          } else {  // escape, cross, arrive
            if (!any_place) {
              if (cls == "arrive" ||
                  !(UnnamedBorder(i + tlen) || IntransitiveCross(i, tlen, subjects))) {
                i += tlen - 1;
                continue;
              }
              Trace(i, "unnamed-border: over a border or river the text does not name");
            }
            if (cls == "arrive" && ev.to < 0) {
              i += tlen - 1;
              continue;
            }
            // Rule approach-border: "made his way to the Tumen River and crossed into China
            // on 17 April": the way to a river or border is the approach; the crossing is the
            // later verb of the sentence, with its own date.
            const int way = ev.via >= 0 ? ev.via : ev.to;
            if (cls == "escape" && way >= 0 &&
                !In(words_[i].low, {"crossed", "crossing", "waded", "swam", "cross"}) &&
                In(doc_.entities[way].place_kind, {"river", "border"})) {
              bool later_cross = false;
              for (size_t q : trigger_words_)
                later_cross = later_cross || (q > i && In(words_[q].low, {"crossed", "waded",
                                                                          "swam", "crossing"}));
              if (later_cross) {
                Trace(i, "approach-border: the way to the river, crossed by a later verb");
                approach_via_ = way;
                approach_sentence_ = sent_;
                i += tlen - 1;
                continue;
              }
            }
            // (The crossing that follows goes over that river.)
            if (cls == "escape" && ev.via < 0 && approach_via_ >= 0 && approach_sentence_ == sent_)
              ev.via = approach_via_;
            // Rule camp-escape: "escaped from Yodok prison camp in 2002": out of a camp or
            // prison, with nowhere beyond it named, crosses no border.
            if (cls == "escape" && ev.from >= 0 && ev.to < 0 && ev.via < 0 &&
                doc_.entities[ev.from].place_kind == "facility") {
              Trace(i, "camp-escape: out of a camp or prison, not across a border");
              i += tlen - 1;
              continue;
            }
            // Reaching a consulate in Shanghai after crossing into China is travel within
            // the country the person is already in, not a border event.
            if (cls == "arrive" && !dest.empty() && dest != "KR" && subjects.size() == 1) {
              auto where = country_of_.find(subjects[0]);
              if (where != country_of_.end() && where->second == dest) {
                i += tlen - 1;
                continue;
              }
            }
            // ("A broker took me to Hyesan": being taken to a town of the North by someone
            // still there is travel inside it, as walking there is.)
            if (InlandTrip(cls == "arrive" && def.role != Role::kPatient, ev, subjects)) {
              Trace(i, "inland-trip: a way to the border inside the North");
              i += tlen - 1;
              continue;
            }
            if (dest == "KR")
              ev.type = "defection";
            else if (dest == "KP")
              ev.type = cls == "arrive" ? "return" : "border_crossing";
            else
              ev.type = "border_crossing";
            if (def.role == Role::kPatient && ParentTakes(i)) {
              ev.type = "relocation";
              Trace(i, "parent-takes: a child moving with the family");
            }
            // Rule embassy-asylum: reaching or fleeing to a foreign state's embassy or
            // consulate ("reached the United States embassy") is asking that state for
            // asylum: a defection to it, not a border crossing.
            bool mission = false;
            for (size_t w = i + tlen; w < words_.size() && w < i + tlen + 6 && !mission; ++w) {
              if (words_[w].Is(kClsClauseBreak)) break;
              mission = WordClass("mission_noun").count(words_[w].low) != 0;
            }
            if (mission && !dest.empty() && dest != "KP") {
              ev.type = "defection";
              Trace(i, "embassy-asylum: a defection to the mission's state");
            }
          }
          // A manner phrase "by crawling through X" belongs to the event before it.
          if (i > 0 && words_[i - 1].low == "by" && !out_.empty() &&
              out_.back().ev.sentence == si) {
            Candidate& prev = out_.back();
            if (prev.ev.via < 0) prev.ev.via = ev.via;
            if (prev.ev.to < 0) prev.ev.to = ev.to;
            i = std::max(i, roles_end) - 1;
            continue;
          }
          // Rule leave-and-reach: "left China ... and reached South Korea" is one journey
          // from the first verb's origin to the second's destination.
          if ((cls == "arrive" || ev.type == "defection") && ev.to >= 0 && !out_.empty()) {
            Candidate& prev = out_.back();
            bool joined = false;
            size_t and_at = 0;
            for (size_t k = i; k > 0 && k + 12 > i; --k)
              if (words_[k - 1].low == "and") {
                joined = true;
                and_at = k - 1;
              }
            // "fled the North in 2003 and reached South Korea the following year": a date
            // of the first verb's own, between it and the "and", makes two journeys.
            if (joined) {
              size_t first_verb = 0;
              for (size_t q : trigger_words_)
                if (q < and_at) first_verb = q;
              for (auto [a, b] : timex_words_)
                if (a > first_verb && b < and_at) joined = false;
              if (!joined) Trace(i, "leave-and-reach: the first verb has its own date");
            }
            if (joined && prev.ev.sentence == si && prev.ev.from >= 0 && prev.ev.to < 0 &&
                prev.ev.type == "border_crossing" && subjects.size() == 1 &&
                prev.ev.subject == subjects[0]) {
              if (ev.from < 0) ev.from = prev.ev.from;
              if (ev.via < 0) ev.via = prev.ev.via;
              Trace(i, "leave-and-reach: one journey");
              out_.pop_back();
            }
          }
        }
        // A leading adverbial ("After arriving in Seoul, she ...") shares the main subject.
        if (subjects.empty() && !blocked && after_prep) {
          size_t k = i + tlen;
          while (k < words_.size() && words_[k].low != ",") ++k;
          // Rule adverbial-no-comma: "While studying in Kyiv he met ...": without a comma
          // the main clause starts at the first nominative pronoun.
          for (size_t q = i + tlen; q < k && q < i + tlen + 10; ++q) {
            if (words_[q].Is(kClsClauseBreak)) break;
            if (words_[q].Is(kClsNominativePronoun) && !In(words_[q].low, {"i", "we", "you"})) {
              k = q - 1;
              Trace(i, "adverbial-no-comma: the main clause's subject");
              break;
            }
          }
          for (++k; k < words_.size() && subjects.empty(); ++k) {
            if (PersonAt(k) >= 0)
              subjects = {PersonAt(k)};
            else if (words_[k].Is(kClsNominativePronoun))
              subjects = ResolvePronoun(words_[k].low, k);
            else if (!words_[k].Is(kClsAux))
              break;
          }
        }
        if (trace_) {
          std::string who;
          for (int sj : subjects) who += (sj >= 0 ? doc_.entities[sj].name : "?") + ";";
          Trace(i, (ev.type + " subjects=" + who + (blocked ? " (blocked)" : "")).c_str());
        }
        bool own = false, settled = false;
        if (!reference) ev.date = DateFor(i, &own, &settled);
        // Rules parse-date and parse-foreign-date: the date the parse attaches to a verb
        // trigger is its own; one it puts in a sibling clause ("was later promoted" after
        // "took up his post in May 2015") is not.
        if (!reference && !settled && DateParseMatters(i, ev.date, own)) {
          std::string path;
          int k = ParseDateTimex(i, &path);
          const Timex* x = k >= 0 ? &doc_.timexes[timex_ids_[k]] : nullptr;
          // (A date DateFor built from this timex, "from 2003 until May 2007", is kept.)
          if (x && (!own ||
                    (ev.date.earliest != x->value.earliest && ev.date.latest != x->value.latest))) {
            ev.date = x->value;
            own = true;
            Trace(i, ("parse-date: date via " + path).c_str());
          } else if (!x && own) {
            for (size_t q = 0; q < timex_ids_.size(); ++q) {
              const Timex& y = doc_.timexes[timex_ids_[q]];
              if (y.value.earliest != ev.date.earliest || !ForeignDate(i, q)) continue;
              Trace(i, "parse-foreign-date: the date belongs to another clause");
              ev.date = {};
              own = false;
              break;
            }
          }
        }
        if (!reference && !own && In(ev.type, {"education", "employment"}))
          own = RelativeEndDate(i, &ev.date);
        const bool spanned = !reference && ev.type == "detention" && DetentionSpan(i, &ev.date);
        if (ev.type == "detention") FacilityLater(i, tlen, &ev);
        own = spanned || own;
        const bool since = own && (SinceOnly(ev.type, ev.date) || TodayState(ev.type, i) ||
                                   TodayPast(i, ev.date));
        if (since) {
          ev.date = {};
          own = false;
        }
        if (!reference && !spanned) span_days_ = DurationSpan(ev.type, i, tlen, own, &ev.date);
        shifted_ = since || Shifted(i);
        if (shifted_) Trace(i, "shifted: no narrative date");
        age_at_ = own || reference || def.type == "birth" ? -1 : AgeAt(i);
        if (reference && possessed && ToldBefore(ev, subjects)) {
          Trace(i, "told-before: a reference to the event already told");
          i += tlen - 1;
          continue;
        }
        sentence_narrative_ = SentenceDateBefore(i);
        Emit(ev, subjects, own, single, reference);
        sentence_narrative_ = {};  // (the other emitters take no date of this trigger's)
        ahead_ = false;
        age_at_ = -1;
        shifted_ = false;
        span_days_ = 0;
        i += tlen - 1;
      }
    }
    if (!question) InfoboxSpouses();
    if (!question) AgeAtDeath();
    if (!question) EventAges();
    if (!question) JobTitles();
    if (!question) ThisWasIn();
    NoteMissionPlace();
    UpdateSalience(si);
    CompanionGroup(si);
    if (int owner = WorkOwnerBefore(words_.size()); owner >= 0) {
      work_owner_ = owner;
      work_sentence_ = si;
    }
    // Narrative reference: the last usable date of this sentence.
    for (size_t k = 0; k < timex_ids_.size(); ++k) {
      if (!NarrativeTimex(k)) continue;
      const Timex& x = doc_.timexes[timex_ids_[k]];
      narrative_ = x.value;
      narrative_sentence_ = si;
      narrative_part_ = doc_.PartAt(x.span.begin);
    }
  }
  Consolidate();
}

}  // namespace

void EventFinder::Run(Document* doc) const {
  doc->unasserted.clear();
  DocRun run(*lex_, doc);
  run.Run();
}

Status EventFinder::Run(Document* doc, const std::function<Status(uint32_t token)>& parse) const {
  // No tags first: every parse rule asks for the parse it reads.
  return Run(doc, parse, {});
}

Status EventFinder::Run(
    Document* doc, const std::function<Status(uint32_t token)>& parse,
    const std::function<Status(uint32_t, std::vector<uint32_t>*)>& verbs) const {
  doc->unasserted.clear();
  DocRun run(*lex_, doc, &parse, &verbs);
  run.Run();
  return run.parse_status();
}

}  // namespace cairn::extract
