#include "syntax/syntax.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/ud.h"
#include "syntax/internal.h"

#ifdef CAIRN_SHIPPED_MODEL
// models/syntax.model, linked in by embedded_model.cc.
extern "C" const char cairn_syntax_model_begin[];
extern "C" const char cairn_syntax_model_end[];
#endif

namespace cairn::syntax {

struct Model::Data : ModelData {};

namespace {

constexpr std::string_view kMagic = "CAIRNSYN";
// Version 1: tags, dictionary, tagger, parser. Version 2 adds the second
// tagging pass after the first (both are read).
constexpr uint32_t kVersion = 2;

uint32_t Checksum(std::string_view s) {
  uint64_t h = HashBytes(s);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

}  // namespace

std::string SerializeModel(const ModelData& m) {
  std::string out(kMagic);
  const bool two_pass = m.tagger2.classes() > 0;
  PutU32(&out, two_pass ? kVersion : 1);
  PutU32(&out, static_cast<uint32_t>(m.tags.size()));
  for (const auto& [u, x] : m.tags) {
    out.push_back(static_cast<char>(u));
    out.push_back(static_cast<char>(x));
  }
  std::vector<std::pair<std::string, uint8_t>> dict(m.tagdict.begin(), m.tagdict.end());
  std::sort(dict.begin(), dict.end());
  PutU32(&out, static_cast<uint32_t>(dict.size()));
  for (const auto& [w, c] : dict) {
    PutU32(&out, static_cast<uint32_t>(w.size()));
    PutBytes(&out, w);
    out.push_back(static_cast<char>(c));
  }
  m.tagger.Write(&out);
  if (two_pass) m.tagger2.Write(&out);
  m.parser.Write(&out);
  PutU32(&out, Checksum(out));
  return out;
}

Status ParseModel(std::string_view bytes, std::string_view name, ModelData* m) {
  auto bad = [&](const std::string& what) {
    return Status::Corruption(std::string(name) + ": corrupt syntax model (" + what + ")");
  };
  if (bytes.size() < kMagic.size() + 8 || bytes.substr(0, kMagic.size()) != kMagic) {
    return bad("not a Cairn syntax model");
  }
  size_t end = bytes.size() - 4;
  uint32_t sum = 0;
  size_t sp = end;
  GetU32(bytes, &sp, &sum);
  std::string_view body = bytes.substr(0, end);
  if (Checksum(body) != sum) return bad("checksum mismatch");
  size_t pos = kMagic.size();
  uint32_t version = 0, ntags = 0, ndict = 0;
  if (!GetU32(body, &pos, &version) || version < 1 || version > kVersion) {
    return bad("version " + std::to_string(version) + ", expected 1 to " +
               std::to_string(kVersion));
  }
  if (!GetU32(body, &pos, &ntags) || ntags == 0 || ntags > 256) return bad("tag count");
  std::string_view t;
  if (!GetBytes(body, &pos, size_t{ntags} * 2, &t)) return bad("truncated tags");
  m->tags.clear();
  for (uint32_t i = 0; i < ntags; ++i) {
    auto u = static_cast<uint8_t>(t[2 * i]);
    auto x = static_cast<uint8_t>(t[2 * i + 1]);
    if (u >= ud::kUposCount || x >= ud::XposCount()) return bad("tag id out of range");
    m->tags.emplace_back(u, x);
  }
  if (!GetU32(body, &pos, &ndict)) return bad("truncated tag dictionary");
  m->tagdict.clear();
  for (uint32_t i = 0; i < ndict; ++i) {
    uint32_t len = 0;
    std::string_view w, c;
    if (!GetU32(body, &pos, &len) || !GetBytes(body, &pos, len, &w) ||
        !GetBytes(body, &pos, 1, &c)) {
      return bad("truncated tag dictionary");
    }
    auto cls = static_cast<uint8_t>(c[0]);
    if (cls >= ntags) return bad("tag dictionary class out of range");
    m->tagdict.emplace(std::string(w), cls);
  }
  if (Status s = m->tagger.Read(body, &pos, name); !s.ok()) return s;
  m->tagger2 = Weights();
  if (version >= 2) {
    if (Status s = m->tagger2.Read(body, &pos, name); !s.ok()) return s;
    if (m->tagger2.classes() != static_cast<int>(ntags)) return bad("second tagger classes");
  }
  if (Status s = m->parser.Read(body, &pos, name); !s.ok()) return s;
  if (m->tagger.classes() != static_cast<int>(ntags)) return bad("tagger classes");
  if (m->parser.classes() != TransitionCount()) return bad("parser transitions");
  if (pos != body.size()) return bad("trailing bytes");
  return Status::OK();
}

Model::Model() : data_(std::make_unique<Data>()) {}
Model::~Model() = default;

Result<std::shared_ptr<const Model>> Model::FromBytes(std::string_view bytes,
                                                      std::string_view name) {
  std::shared_ptr<Model> m(new Model());
  if (Status s = ParseModel(bytes, name, m->data_.get()); !s.ok()) return s;
  return std::shared_ptr<const Model>(std::move(m));
}

Result<std::string> ReadModelFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open syntax model");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": cannot read syntax model");
  return ss.str();
}

Result<std::shared_ptr<const Model>> Model::Load(const std::string& path) {
  auto bytes = ReadModelFile(path);
  if (!bytes.ok()) return bytes.status();
  return FromBytes(*bytes, path);
}

Result<std::shared_ptr<const Model>> Model::Shipped() {
#ifdef CAIRN_SHIPPED_MODEL
  static const Result<std::shared_ptr<const Model>> kShipped = FromBytes(
      std::string_view(cairn_syntax_model_begin,
                       static_cast<size_t>(cairn_syntax_model_end - cairn_syntax_model_begin)),
      "models/syntax.model (built in)");
  return kShipped;
#else
  return Status::NotFound("models/syntax.model: no syntax model was built into this binary");
#endif
}

namespace {

// A UD word of a sentence: a slice of the document's text and the token
// that carries it.
struct UdPiece {
  std::string_view text;
  uint32_t token;
};

}  // namespace

struct Analyzer::Impl {
  std::shared_ptr<const Model> model;
  std::vector<WordInfo> info;
  std::vector<uint32_t> feats;
  std::vector<int32_t> scores;
  std::vector<int> first, tags;
  TagWordCache word_cache;
  ParseState state;
  uint64_t tagged = 0, parsed = 0, skipped = 0;
  uint64_t generation = 0;  // taggings so far: which words `tags` describe
  // RunSentence's scratch.
  std::vector<UdPiece> run_pieces;
  std::vector<std::string_view> run_words;
  std::string run_buf;

  const ModelData& m() const { return model->data(); }

  void TagWords(const std::vector<std::string_view>& words) {
    PredictTagsCached(m(), words, &word_cache, &info, &feats, &scores, &first, &tags);
    tagged += words.size();
    ++generation;
  }

  void ParseWords(const std::vector<std::string_view>& words) {
    const int n = static_cast<int>(info.size());
    state.Init(n);
    const int nt = TransitionCount();
    while (!state.Terminal()) {
      // Where one transition alone is valid, it is the one the scores would
      // pick: SHIFT on an empty stack, LEFT(root) of the last word left on
      // the stack at the root. Not scoring those states saves a feature
      // extraction and a table lookup per feature; the parse is the same.
      if (state.stack.empty()) {
        state.Apply(0);
        continue;
      }
      if (state.b >= n && state.stack.size() == 1) {
        state.Apply(LeftT(RootLabel()));
        continue;
      }
      ParserFeatures(state, info, tags, &feats);
      scores.assign(static_cast<size_t>(nt), 0);
      m().parser.Score(feats.data(), feats.size(), scores.data());
      int best = -1;
      for (int t = 0; t < nt; ++t) {
        if ((best < 0 || scores[static_cast<size_t>(t)] > scores[static_cast<size_t>(best)]) &&
            state.Valid(t)) {
          best = t;
        }
      }
      state.Apply(best);
    }
    AttachPunctuation(m(), words, tags, &state);
    parsed += static_cast<uint64_t>(n);
  }

  std::vector<TokenSyntax> Output(bool with_tree) const {
    std::vector<TokenSyntax> out(info.size());
    const int n = static_cast<int>(info.size());
    for (int i = 0; i < n; ++i) {
      auto& o = out[static_cast<size_t>(i)];
      const auto& tag = m().tags[static_cast<size_t>(tags[static_cast<size_t>(i)])];
      o.upos = tag.first;
      o.xpos = tag.second;
      if (with_tree) {
        int h = state.head[static_cast<size_t>(i)];
        o.head = h == n ? -1 : h;
        o.deprel = static_cast<uint8_t>(state.label[static_cast<size_t>(i)]);
      }
    }
    return out;
  }
};

Analyzer::Analyzer(std::shared_ptr<const Model> model) : impl_(std::make_unique<Impl>()) {
  impl_->model = std::move(model);
}
Analyzer::~Analyzer() = default;

uint64_t Analyzer::words_tagged() const { return impl_->tagged; }
uint64_t Analyzer::words_parsed() const { return impl_->parsed; }

std::vector<TokenSyntax> Analyzer::Tag(const std::vector<std::string_view>& words) {
  impl_->TagWords(words);
  return impl_->Output(false);
}

std::vector<TokenSyntax> Analyzer::Analyze(const std::vector<std::string_view>& words) {
  if (words.empty()) return {};
  impl_->TagWords(words);
  impl_->ParseWords(words);
  return impl_->Output(true);
}

namespace {

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// The length of an English clitic ending `w` ("n't", "'m", "'re", "'ve",
// "'ll", "'d", with a straight or curly apostrophe), 0 when none; EWT
// writes these as words of their own ("do n't", "I 'm").
size_t CliticLength(std::string_view w) {
  static constexpr std::string_view kClitics[] = {
      "n't",
      "n\xE2\x80\x99"
      "t",
      "'m",
      "\xE2\x80\x99"
      "m",
      "'re",
      "\xE2\x80\x99"
      "re",
      "'ve",
      "\xE2\x80\x99"
      "ve",
      "'ll",
      "\xE2\x80\x99"
      "ll",
      "'d",
      "\xE2\x80\x99"
      "d",
  };
  for (std::string_view c : kClitics) {
    size_t min_stem = c[0] == 'n' ? 2 : 1;
    if (w.size() >= c.size() + min_stem && EqualsLower(w.substr(w.size() - c.size()), c)) {
      return c.size();
    }
  }
  return 0;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The sentence's tokens as UD words: clitics split off ("don't" -> "do",
// "n't"; "cannot" -> "can", "not"), and an abbreviation glued to the next
// token's full stop inside the sentence ("Mr" "." -> "Mr.", "U.S" "." ->
// "U.S.") joined back into one word, as EWT writes them.
void UdWords(const Document& doc, const Sentence& s, bool as_given, std::vector<UdPiece>* out) {
  out->clear();
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    const Token& tok = doc.tokens[t];
    std::string_view w = doc.Slice(tok.span);
    if (as_given) {
      out->push_back({w, t});
      continue;
    }
    if (t + 2 < s.end_token && !w.empty() && IsAsciiLetter(w.back()) && w.size() <= 4 &&
        doc.tokens[t + 1].span.begin == tok.span.end && doc.Slice(doc.tokens[t + 1].span) == "." &&
        (w.size() <= 3 || w.find('.') != std::string_view::npos) && (w[0] >= 'A' && w[0] <= 'Z')) {
      // "Mr" "." "Kim": the full stop is the abbreviation's.
      out->push_back({std::string_view(doc.text).substr(tok.span.begin, tok.span.size() + 1), t});
      ++t;
      continue;
    }
    if (EqualsLower(w, "cannot")) {
      out->push_back({w.substr(0, 3), t});
      out->push_back({w.substr(3), t});
      continue;
    }
    size_t c = CliticLength(w);
    if (c > 0) {
      out->push_back({w.substr(0, w.size() - c), t});
      out->push_back({w.substr(w.size() - c), t});
      continue;
    }
    out->push_back({w, t});
  }
}

bool HasCue(const Document& doc, const Sentence& s, const std::vector<std::string>& cues,
            std::string* buf) {
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    const Token& tok = doc.tokens[t];
    if (!tok.Has(kTokWord)) continue;
    std::string_view w = doc.Slice(tok.span);
    buf->assign(w);
    for (char& c : *buf) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (std::binary_search(cues.begin(), cues.end(), *buf)) return true;
  }
  return false;
}

}  // namespace

uint64_t Analyzer::sentences_skipped() const { return impl_->skipped; }

Status Analyzer::Run(Document* doc, const RunOptions& options) {
  doc->syntax.assign(doc->tokens.size(), TokenSyntax{});
  for (const Sentence& s : doc->sentences) {
    if (Status st = RunSentence(doc, s, options); !st.ok()) return st;
  }
  return Status::OK();
}

Status Analyzer::RunSentence(Document* doc, const Sentence& s, const RunOptions& options) {
  if (s.end_token > doc->tokens.size() || s.first_token > s.end_token ||
      doc->syntax.size() != doc->tokens.size()) {
    return Status::Internal(doc->name + ": sentence tokens out of range");
  }
  std::vector<UdPiece>& pieces = impl_->run_pieces;
  std::vector<std::string_view>& words = impl_->run_words;
  if (options.cue_words && !HasCue(*doc, s, *options.cue_words, &impl_->run_buf)) {
    ++impl_->skipped;
    return Status::OK();
  }
  UdWords(*doc, s, options.tokens_are_words, &pieces);
  words.clear();
  for (const UdPiece& p : pieces) words.push_back(p.text);
  impl_->TagWords(words);
  ParseTagged(doc, s);
  return Status::OK();
}

void Analyzer::ParseTagged(Document* doc, const Sentence& s) {
  const std::vector<UdPiece>& pieces = impl_->run_pieces;
  std::vector<TokenSyntax> out;
  if (!pieces.empty()) {
    impl_->ParseWords(impl_->run_words);
    out = impl_->Output(true);
  }
  // Back to tokens: a token split into words takes the word whose head is
  // outside the token ("do" of "don't"); a joined abbreviation's full stop
  // becomes punctuation under it.
  std::vector<bool> done(s.end_token - s.first_token, false);
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t tok = pieces[i].token;
    int h = out[i].head;
    if (h >= 0 && pieces[static_cast<size_t>(h)].token == tok) continue;  // inside its token
    if (done[tok - s.first_token]) continue;
    done[tok - s.first_token] = true;
    TokenSyntax& o = doc->syntax[tok];
    o = out[i];
    o.head = h < 0 ? -1 : static_cast<int32_t>(pieces[static_cast<size_t>(h)].token);
    uint32_t end = tok + 1;
    if (pieces[i].text.size() > doc->tokens[tok].span.size()) {  // joined "Mr" "."
      TokenSyntax& stop = doc->syntax[end];
      stop.upos = static_cast<uint8_t>(ud::Upos::kPunct);
      stop.xpos = ud::XposId(".");
      stop.deprel = ud::DeprelId("punct");
      stop.head = static_cast<int32_t>(tok);
      done[end - s.first_token] = true;
    }
  }
  // A token whose words all point inside it (cannot happen in a tree, but
  // stay total): its first word.
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t tok = pieces[i].token;
    if (done[tok - s.first_token]) continue;
    done[tok - s.first_token] = true;
    TokenSyntax& o = doc->syntax[tok];
    o = out[i];
    o.head = -1;
  }
}

OnDemand::OnDemand(Analyzer* analyzer, Document* doc, RunOptions options)
    : analyzer_(analyzer),
      doc_(doc),
      options_(std::move(options)),
      bounds_(doc->sentences),
      done_(doc->sentences.size(), 0) {
  doc->syntax.assign(doc->tokens.size(), TokenSyntax{});
}

Result<size_t> OnDemand::Find(uint32_t token) const {
  // The last sentence whose first token is at or before `token`.
  auto it = std::upper_bound(bounds_.begin(), bounds_.end(), token,
                             [](uint32_t t, const Sentence& s) { return t < s.first_token; });
  if (it == bounds_.begin() || token >= (it - 1)->end_token)
    return Status::Internal(doc_->name + ": token " + std::to_string(token) +
                            " is in no sentence to parse");
  return static_cast<size_t>(it - bounds_.begin()) - 1;
}

Status OnDemand::Ensure(uint32_t token) {
  Result<size_t> found = Find(token);
  if (!found.ok()) return found.status();
  const size_t si = *found;
  if (done_[si]) return Status::OK();
  done_[si] = 1;
  const Sentence& s = bounds_[si];
  if (tagged_sentence_ == si && tagged_generation_ == analyzer_->impl_->generation) {
    // Verbs tagged it (so it holds a cue word) and nothing was tagged since.
    if (s.end_token > doc_->tokens.size() || doc_->syntax.size() != doc_->tokens.size())
      return Status::Internal(doc_->name + ": sentence tokens out of range");
    analyzer_->ParseTagged(doc_, s);
    ++analysed_;
    return Status::OK();
  }
  const uint64_t skipped = analyzer_->sentences_skipped();
  Status st = analyzer_->RunSentence(doc_, s, options_);
  if (analyzer_->sentences_skipped() != skipped)
    ++skipped_;
  else
    ++analysed_;
  return st;
}

Status OnDemand::Verbs(uint32_t token, std::vector<uint32_t>* verbs) {
  verbs->clear();
  Result<size_t> found = Find(token);
  if (!found.ok()) return found.status();
  const size_t si = *found;
  const Sentence& s = bounds_[si];
  if (s.end_token > doc_->tokens.size() || s.first_token > s.end_token ||
      doc_->syntax.size() != doc_->tokens.size())
    return Status::Internal(doc_->name + ": sentence tokens out of range");
  const auto verb = static_cast<uint8_t>(ud::Upos::kVerb);
  if (done_[si]) {  // analysed (or left unanalysed) already: its tags are in doc->syntax
    for (uint32_t t = s.first_token; t < s.end_token; ++t)
      if (doc_->syntax[t].upos == verb) verbs->push_back(t);
    return Status::OK();
  }
  Analyzer::Impl& im = *analyzer_->impl_;
  const bool held = tagged_sentence_ == si && tagged_generation_ == im.generation;
  if (!held) {
    if (options_.cue_words && !HasCue(*doc_, s, *options_.cue_words, &im.run_buf))
      return Status::OK();  // Ensure leaves it unanalysed: no verb
    UdWords(*doc_, s, options_.tokens_are_words, &im.run_pieces);
    im.run_words.clear();
    for (const UdPiece& p : im.run_pieces) im.run_words.push_back(p.text);
    im.TagWords(im.run_words);
    tagged_sentence_ = si;
    tagged_generation_ = im.generation;
    ++tagged_;
  }
  // A token takes one of its words' tags (RunSentence); an abbreviation's
  // full stop joined to it becomes PUNCT.
  for (size_t i = 0; i < im.run_pieces.size(); ++i) {
    if (im.m().tags[static_cast<size_t>(im.tags[i])].first != verb) continue;
    const uint32_t t = im.run_pieces[i].token;
    if (verbs->empty() || verbs->back() != t) verbs->push_back(t);
  }
  return Status::OK();
}

}  // namespace cairn::syntax
