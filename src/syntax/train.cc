#include "syntax/train.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>

#include "core/ud.h"
#include "syntax/internal.h"

namespace cairn::syntax {
namespace {

// A small deterministic generator (splitmix64), the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() { return Mix64(s_++ * 0x9e3779b97f4a7c15ULL); }
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  template <typename T>
  void Shuffle(std::vector<T>* v) {
    for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[Next() % i]);
  }

 private:
  uint64_t s_;
};

std::vector<std::string_view> Forms(const UdSentence& s) {
  std::vector<std::string_view> out;
  out.reserve(s.size());
  for (const UdWord& w : s) out.push_back(w.form);
  return out;
}

struct TagSet {
  std::vector<std::pair<uint8_t, uint8_t>> tags;
  std::map<std::pair<uint8_t, uint8_t>, int> index;
  int Of(const UdWord& w) const { return index.at({w.upos, w.xpos}); }
};

TagSet MakeTagSet(const std::vector<UdSentence>& data) {
  TagSet t;
  for (const auto& s : data) {
    for (const auto& w : s) t.index.emplace(std::make_pair(w.upos, w.xpos), 0);
  }
  for (auto& [k, v] : t.index) {
    v = static_cast<int>(t.tags.size());
    t.tags.push_back(k);
  }
  return t;
}

// The tag dictionary of `data` (indices `use`) into m->tagdict.
void BuildTagDict(const std::vector<UdSentence>& data, const std::vector<size_t>& use,
                  const TagSet& ts, ModelData* m) {
  const int classes = static_cast<int>(ts.tags.size());
  std::unordered_map<std::string, std::vector<int>> counts;
  for (size_t i : use) {
    for (const UdWord& w : data[i]) {
      auto& c = counts[w.form];
      if (c.empty()) c.assign(static_cast<size_t>(classes), 0);
      ++c[static_cast<size_t>(ts.Of(w))];
    }
  }
  m->tagdict.clear();
  for (const auto& [form, c] : counts) {
    int total = 0, best = 0;
    for (int k = 0; k < classes; ++k) {
      total += c[static_cast<size_t>(k)];
      if (c[static_cast<size_t>(k)] > c[static_cast<size_t>(best)]) best = k;
    }
    if (total >= kTagDictMinCount &&
        c[static_cast<size_t>(best)] >= kTagDictMinShare * static_cast<double>(total)) {
      m->tagdict.emplace(form, static_cast<uint8_t>(best));
    }
  }
}

// Trains one tagging pass on `data` (indices `use`) into *out, with
// m->tagdict already built. With `right` (first-pass tags per sentence,
// predicted by taggers that did not see it), the second pass.
void TrainTagger(const std::vector<UdSentence>& data, const std::vector<size_t>& use,
                 const TagSet& ts, const TrainOptions& o, const ModelData& m,
                 const std::vector<std::vector<int>>* right, uint64_t seed, Weights* out) {
  const int epochs = right != nullptr ? o.tagger2_epochs : o.tagger_epochs;
  const int classes = static_cast<int>(ts.tags.size());
  TrainWeights tw(classes);
  std::vector<size_t> order = use;
  Rng rng(seed);
  std::vector<WordInfo> info;
  std::vector<uint32_t> feats;
  std::vector<float> scores(static_cast<size_t>(classes));
  std::vector<int> pred;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    rng.Shuffle(&order);
    size_t ok = 0, total = 0;
    for (size_t si : order) {
      const UdSentence& s = data[si];
      std::vector<std::string_view> words = Forms(s);
      DescribeWords(words, &info);
      const std::vector<int>* r = right != nullptr ? &(*right)[si] : nullptr;
      pred.assign(s.size(), 0);
      for (size_t i = 0; i < s.size(); ++i) {
        int gold = ts.Of(s[i]);
        auto it = m.tagdict.find(words[i]);
        if (it != m.tagdict.end()) {
          pred[i] = it->second;
          continue;
        }
        int p1 = i > 0 ? pred[i - 1] : -1;
        int p2 = i > 1 ? pred[i - 2] : -1;
        TaggerFeatures(info, static_cast<int>(i), p1, p2, &feats, r);
        std::fill(scores.begin(), scores.end(), 0.0f);
        tw.Score(feats, scores.data());
        int guess =
            static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        tw.Tick();
        if (guess != gold) {
          tw.Update(feats, gold, 1.0f);
          tw.Update(feats, guess, -1.0f);
        }
        ok += guess == gold;
        ++total;
        pred[i] = guess;
      }
    }
    if (o.log != nullptr) {
      *o.log << "  tagger" << (right != nullptr ? " (second pass)" : "") << " epoch " << epoch + 1
             << ": "
             << 100.0 * static_cast<double>(ok) / static_cast<double>(std::max<size_t>(total, 1))
             << "% of non-dictionary words right\n";
    }
  }
  out->Build(tw.Average(), classes, o.min_quantum);
}

void TrainParser(const std::vector<UdSentence>& data, const std::vector<std::vector<int>>& tags,
                 const TrainOptions& o, ModelData* m) {
  const int nt = TransitionCount();
  TrainWeights tw(nt);
  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  Rng rng(o.seed + 1);
  std::vector<WordInfo> info;
  std::vector<uint32_t> feats;
  std::vector<float> scores(static_cast<size_t>(nt));
  std::vector<int> gh, gl;
  ParseState st;
  for (int epoch = 0; epoch < o.parser_epochs; ++epoch) {
    rng.Shuffle(&order);
    size_t right = 0, total = 0;
    for (size_t si : order) {
      const UdSentence& s = data[si];
      const int n = static_cast<int>(s.size());
      if (n == 0) continue;
      DescribeWords(Forms(s), &info);
      gh.resize(s.size() + 1);
      gl.resize(s.size() + 1);
      for (size_t i = 0; i < s.size(); ++i) {
        gh[i] = s[i].head < 0 ? n : s[i].head;
        gl[i] = s[i].deprel;
      }
      gh[s.size()] = -1;
      gl[s.size()] = 0;
      st.Init(n);
      while (!st.Terminal()) {
        ParserFeatures(st, info, tags[si], &feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        tw.Score(feats, scores.data());
        ArcCosts ac = ComputeArcCosts(st, gh);
        int s0label = st.stack.empty() ? -1 : gl[static_cast<size_t>(st.stack.back())];
        auto cost = [&](int t) {
          if (t == 0) return ac.shift;
          int arc = (t - 1) % 2 == 0 ? ac.left : ac.right;
          return arc + ((t - 1) / 2 != s0label ? 1 : 0);
        };
        int pred = -1, best_gold = -1, min_cost = 1 << 30;
        for (int t = 0; t < nt; ++t) {
          if (!st.Valid(t)) continue;
          if (pred < 0 || scores[static_cast<size_t>(t)] > scores[static_cast<size_t>(pred)])
            pred = t;
          int c = cost(t);
          if (c < min_cost || (c == min_cost && scores[static_cast<size_t>(t)] >
                                                    scores[static_cast<size_t>(best_gold)])) {
            min_cost = c;
            best_gold = t;
          }
        }
        tw.Tick();
        if (cost(pred) > min_cost) {
          tw.Update(feats, best_gold, 1.0f);
          tw.Update(feats, pred, -1.0f);
        } else {
          ++right;
        }
        ++total;
        bool explore = epoch > 0 && rng.Uniform() < 0.9;
        st.Apply(explore ? pred : best_gold);
      }
    }
    if (o.log != nullptr) {
      *o.log << "  parser epoch " << epoch + 1 << ": "
             << 100.0 * static_cast<double>(right) / static_cast<double>(std::max<size_t>(total, 1))
             << "% of transitions right" << std::endl;
    }
  }
  m->parser.Build(tw.Average(), nt, o.min_quantum);
}

}  // namespace

Result<std::vector<UdSentence>> ParseConllu(std::string_view text, std::string_view name) {
  std::vector<UdSentence> out;
  UdSentence cur;
  size_t line_no = 0, pos = 0;
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(std::string(name) + ":" + std::to_string(line_no) +
                                   ": not CoNLL-U (" + what + ")");
  };
  while (pos <= text.size()) {
    size_t e = text.find('\n', pos);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(pos, e - pos);
    pos = e + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      if (e == text.size()) break;
      continue;
    }
    if (line[0] == '#') continue;
    std::vector<std::string_view> c;
    size_t p = 0;
    while (true) {
      size_t t = line.find('\t', p);
      c.push_back(line.substr(p, t == std::string_view::npos ? std::string_view::npos : t - p));
      if (t == std::string_view::npos) break;
      p = t + 1;
    }
    if (c.size() != 10)
      return bad("expected 10 tab-separated columns, found " + std::to_string(c.size()));
    if (c[0].find_first_of("-.") != std::string_view::npos) continue;
    UdWord w;
    w.form = std::string(c[1]);
    w.upos = static_cast<uint8_t>(ud::UposFromName(c[3]));
    w.xpos = ud::XposId(c[4]);
    w.deprel = ud::DeprelId(c[7]);
    int id = 0, head = 0;
    try {
      id = std::stoi(std::string(c[0]));
      head = c[6] == "_" ? 0 : std::stoi(std::string(c[6]));
    } catch (...) {
      return bad("ID or HEAD is not a number");
    }
    if (id != static_cast<int>(cur.size()) + 1) return bad("word IDs out of order");
    w.head = head - 1;
    cur.push_back(std::move(w));
    if (e == text.size()) break;
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  for (const auto& s : out) {
    for (const auto& w : s) {
      if (w.head >= static_cast<int>(s.size()) || w.head < -1) {
        return Status::InvalidArgument(std::string(name) + ": HEAD out of range");
      }
    }
  }
  return out;
}

Result<std::vector<UdSentence>> ReadConllu(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParseConllu(ss.str(), path);
}

namespace {

// Jackknifing: the parser (and the second tagging pass) train on tags
// predicted by taggers that did not see the sentence, as at run time. With
// o.tags_cache, read from that file when it holds tags for `train`, else
// computed and written there.
std::vector<std::vector<int>> JackknifeTags(const std::vector<UdSentence>& train, const TagSet& ts,
                                            const TrainOptions& o) {
  std::vector<std::vector<int>> tags(train.size());
  if (!o.tags_cache.empty()) {
    std::ifstream in(o.tags_cache, std::ios::binary);
    std::ostringstream ss;
    if (in) ss << in.rdbuf();
    const std::string bytes = ss.str();
    size_t pos = 0;
    uint32_t count = 0;
    bool ok = GetU32(bytes, &pos, &count) && count == train.size();
    for (size_t i = 0; ok && i < train.size(); ++i) {
      std::string_view v;
      ok = GetBytes(bytes, &pos, train[i].size(), &v);
      if (ok) tags[i].assign(v.begin(), v.end());
    }
    if (ok && pos == bytes.size()) {
      if (o.log != nullptr) *o.log << "jackknifed tags read from " << o.tags_cache << "\n";
      return tags;
    }
  }
  const size_t folds = static_cast<size_t>(std::max(o.folds, 2));
  std::vector<WordInfo> info;
  std::vector<uint32_t> feats;
  std::vector<int32_t> scores;
  for (size_t f = 0; f < folds; ++f) {
    size_t lo = train.size() * f / folds, hi = train.size() * (f + 1) / folds;
    std::vector<size_t> use;
    for (size_t i = 0; i < train.size(); ++i) {
      if (i < lo || i >= hi) use.push_back(i);
    }
    if (o.log != nullptr) *o.log << "tagger fold " << f + 1 << "/" << folds << "\n";
    ModelData fold;
    TrainOptions quiet = o;
    quiet.log = nullptr;
    quiet.min_quantum = 0;
    fold.tags = ts.tags;
    BuildTagDict(train, use, ts, &fold);
    TrainTagger(train, use, ts, quiet, fold, nullptr, o.seed, &fold.tagger);
    size_t right = 0, total = 0;
    for (size_t i = lo; i < hi; ++i) {
      std::vector<std::string_view> words = Forms(train[i]);
      DescribeWords(words, &info);
      TagPass(fold, fold.tagger, words, info, nullptr, &feats, &scores, &tags[i]);
      for (size_t k = 0; k < train[i].size(); ++k) right += tags[i][k] == ts.Of(train[i][k]);
      total += train[i].size();
    }
    if (o.log != nullptr) {
      *o.log << "  held-out tag accuracy "
             << 100.0 * static_cast<double>(right) / static_cast<double>(std::max<size_t>(total, 1))
             << "%" << std::endl;
    }
  }
  if (!o.tags_cache.empty()) {
    std::string bytes;
    PutU32(&bytes, static_cast<uint32_t>(train.size()));
    for (const auto& t : tags) {
      for (int x : t) bytes.push_back(static_cast<char>(x));
    }
    std::ofstream out(o.tags_cache, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  return tags;
}

}  // namespace

namespace {

// The base model a retraining keeps, checked against train's tag classes, and the
// jackknifed first-pass tags both retrainings learn from.
Status LoadBase(const std::vector<UdSentence>& train, const TrainOptions& o,
                std::string_view base, std::string_view base_name, ModelData* m, TagSet* ts,
                std::vector<std::vector<int>>* tags) {
  if (Status s = ParseModel(base, base_name, m); !s.ok()) return s;
  *ts = MakeTagSet(train);
  if (ts->tags != m->tags) {
    return Status::InvalidArgument(std::string(base_name) + ": tag classes differ from train's");
  }
  *tags = JackknifeTags(train, *ts, o);
  return Status::OK();
}

}  // namespace

Result<std::string> RetrainSecondPass(const std::vector<UdSentence>& train, const TrainOptions& o,
                                      std::string_view base, std::string_view base_name) {
  ModelData m;
  TagSet ts;
  std::vector<std::vector<int>> tags;
  if (Status s = LoadBase(train, o, base, base_name, &m, &ts, &tags); !s.ok()) return s;
  std::vector<size_t> all(train.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  if (o.log != nullptr) *o.log << "tagger, second pass (all of train)\n";
  TrainTagger(train, all, ts, o, m, &tags, o.seed + 2, &m.tagger2);
  return SerializeModel(m);
}

Result<std::string> RetrainParser(const std::vector<UdSentence>& train, const TrainOptions& o,
                                  std::string_view base, std::string_view base_name) {
  ModelData m;
  TagSet ts;
  std::vector<std::vector<int>> tags;
  if (Status s = LoadBase(train, o, base, base_name, &m, &ts, &tags); !s.ok()) return s;
  if (o.log != nullptr) *o.log << "parser\n";
  TrainParser(train, tags, o, &m);
  return SerializeModel(m);
}

std::string Train(const std::vector<UdSentence>& train, const TrainOptions& o) {
  TagSet ts = MakeTagSet(train);
  std::vector<std::vector<int>> tags = JackknifeTags(train, ts, o);
  ModelData m;
  if (o.log != nullptr) *o.log << "tagger (all of train)\n";
  std::vector<size_t> all(train.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  m.tags = ts.tags;
  BuildTagDict(train, all, ts, &m);
  TrainTagger(train, all, ts, o, m, nullptr, o.seed, &m.tagger);
  // The second pass learns from the jackknifed first-pass tags: as noisy as
  // the first pass is on text it has not seen.
  if (o.log != nullptr) *o.log << "tagger, second pass (all of train)\n";
  TrainTagger(train, all, ts, o, m, &tags, o.seed + 2, &m.tagger2);
  if (o.log != nullptr) *o.log << "parser\n";
  TrainParser(train, tags, o, &m);
  return SerializeModel(m);
}

Scores Evaluate(Analyzer* a, const std::vector<UdSentence>& gold) {
  Scores sc;
  uint64_t upos = 0, xpos = 0, uas = 0, las = 0, lasu = 0, nonpunct = 0, uas_nonpunct = 0;
  // Thread CPU time, not wall time: the speed of one core, whatever else
  // the machine runs.
  auto now = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  double tag_s = 0, all_s = 0;
  for (const UdSentence& s : gold) {
    std::vector<std::string_view> words = Forms(s);
    double t0 = now();
    a->Tag(words);
    double t1 = now();
    std::vector<TokenSyntax> out = a->Analyze(words);
    double t2 = now();
    tag_s += t1 - t0;
    all_s += t2 - t1;
    for (size_t i = 0; i < s.size(); ++i) {
      const UdWord& g = s[i];
      const TokenSyntax& p = out[i];
      upos += p.upos == g.upos;
      xpos += p.xpos == g.xpos;
      const bool punct = g.upos == static_cast<uint8_t>(ud::Upos::kPunct);
      nonpunct += !punct;
      if (p.head == g.head) {
        ++uas;
        uas_nonpunct += !punct;
        las += p.deprel == g.deprel;
        lasu += ud::DeprelBase(p.deprel) == ud::DeprelBase(g.deprel);
      }
    }
    sc.words += s.size();
  }
  auto pct = [&](uint64_t x) {
    return sc.words == 0 ? 0.0 : 100.0 * static_cast<double>(x) / static_cast<double>(sc.words);
  };
  sc.upos = pct(upos);
  sc.xpos = pct(xpos);
  sc.uas = pct(uas);
  sc.las = pct(las);
  sc.las_universal = pct(lasu);
  sc.uas_no_punct = nonpunct == 0
                        ? 0.0
                        : 100.0 * static_cast<double>(uas_nonpunct) / static_cast<double>(nonpunct);
  double w = static_cast<double>(sc.words);
  sc.tag_words_per_s = tag_s > 0 ? w / tag_s : 0;
  double parse_s = all_s - tag_s;
  sc.parse_words_per_s = parse_s > 0 ? w / parse_s : 0;
  return sc;
}

}  // namespace cairn::syntax
