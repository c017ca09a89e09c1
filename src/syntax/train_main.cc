// cairn-train: retrains the syntax model from the UD treebanks and evaluates
// a model on them (gold tokenization, predicted tags).
//
//   cairn-train --corpora ../shared/corpora --out models/syntax.model
//   cairn-train --eval [--model FILE] --corpora ../shared/corpora
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "syntax/internal.h"
#include "syntax/syntax.h"
#include "syntax/train.h"

namespace {

using cairn::syntax::Analyzer;
using cairn::syntax::Model;

int Fail(const cairn::Status& s) {
  std::cerr << "cairn-train: " << s.message() << "\n";
  return 1;
}

int EvaluateAll(const std::shared_ptr<const Model>& model, const std::string& corpora) {
  const std::pair<const char*, const char*> sets[] = {
      {"EWT dev", "ud-english-ewt/en_ewt-ud-dev.conllu"},
      {"EWT test", "ud-english-ewt/en_ewt-ud-test.conllu"},
      {"PUD", "ud-english-pud/en_pud-ud-test.conllu"},
  };
  std::printf("%-9s %7s %6s %6s %6s %6s %6s %6s %10s %10s\n", "set", "words", "UPOS", "XPOS", "UAS",
              "LAS", "uLAS", "UAS-p", "tag w/s", "parse w/s");
  for (const auto& [label, file] : sets) {
    auto gold = cairn::syntax::ReadConllu(corpora + "/" + file);
    if (!gold.ok()) return Fail(gold.status());
    Analyzer a(model);
    cairn::syntax::Scores s = cairn::syntax::Evaluate(&a, *gold);
    std::printf("%-9s %7llu %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %10.0f %10.0f\n", label,
                static_cast<unsigned long long>(s.words), s.upos, s.xpos, s.uas, s.las,
                s.las_universal, s.uas_no_punct, s.tag_words_per_s, s.parse_words_per_s);
  }
  std::printf(
      "(gold tokenization, predicted tags; every word counts, punctuation too; LAS compares "
      "full labels, uLAS universal labels as CoNLL 2018; UAS-p: UAS of the words that are not "
      "punctuation)\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Train or evaluate Cairn's tagger and parser on Universal Dependencies");
  std::string corpora = "../shared/corpora";
  std::string out = "models/syntax.model";
  std::string model_path;
  bool eval_only = false;
  cairn::syntax::TrainOptions o;
  app.add_option("--corpora", corpora, "folder holding ud-english-ewt/ and ud-english-pud/");
  app.add_option("--out", out, "model file to write");
  app.add_flag("--eval", eval_only, "evaluate a model instead of training");
  app.add_option("--model", model_path, "model file to evaluate (default: the built-in one)");
  app.add_option("--tagger-epochs", o.tagger_epochs);
  app.add_option("--tagger2-epochs", o.tagger2_epochs, "epochs of the second tagging pass");
  app.add_option("--parser-epochs", o.parser_epochs);
  app.add_option("--folds", o.folds, "jackknifing folds for the parser's training tags");
  app.add_option("--min-quantum", o.min_quantum, "drop weights below this many int16 steps");
  int prune = 0;
  app.add_option("--prune", prune,
                 "with --model: drop weights below this many int16 steps, write --out, evaluate");
  std::string second_pass;
  app.add_option("--second-pass", second_pass,
                 "with --prune: take the second tagging pass from this model file");
  app.add_option("--tags-cache", o.tags_cache,
                 "experiments: cache the jackknifed first-pass tags in this file");
  bool second_only = false;
  app.add_flag("--retrain-second-pass", second_only,
               "experiments: retrain only the second tagging pass of --model, write --out, "
               "evaluate");
  bool parser_only = false;
  app.add_flag("--retrain-parser", parser_only,
               "experiments: retrain only the parser of --model, write --out, evaluate");
  CLI11_PARSE(app, argc, argv);

  if (second_only || parser_only) {
    auto base = cairn::syntax::ReadModelFile(model_path);
    if (!base.ok()) return Fail(base.status());
    auto train = cairn::syntax::ReadConllu(corpora + "/ud-english-ewt/en_ewt-ud-train.conllu");
    if (!train.ok()) return Fail(train.status());
    o.log = &std::cerr;
    auto bytes = parser_only ? cairn::syntax::RetrainParser(*train, o, *base, model_path)
                             : cairn::syntax::RetrainSecondPass(*train, o, *base, model_path);
    if (!bytes.ok()) return Fail(bytes.status());
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    if (!f.flush()) return Fail(cairn::Status::IOError(out + ": cannot write"));
    auto model = Model::FromBytes(*bytes, out);
    if (!model.ok()) return Fail(model.status());
    return EvaluateAll(*model, corpora);
  }

  if (prune > 0) {
    auto bytes = cairn::syntax::ReadModelFile(model_path);
    if (!bytes.ok()) return Fail(bytes.status());
    cairn::syntax::ModelData m;
    if (cairn::Status s = cairn::syntax::ParseModel(*bytes, model_path, &m); !s.ok())
      return Fail(s);
    if (!second_pass.empty()) {
      auto other = cairn::syntax::ReadModelFile(second_pass);
      if (!other.ok()) return Fail(other.status());
      cairn::syntax::ModelData o2;
      if (cairn::Status s = cairn::syntax::ParseModel(*other, second_pass, &o2); !s.ok())
        return Fail(s);
      if (o2.tags != m.tags)
        return Fail(cairn::Status::InvalidArgument(second_pass + ": other tags"));
      m.tagger2 = std::move(o2.tagger2);
    }
    m.tagger.Prune(prune);
    if (m.tagger2.classes() > 0) m.tagger2.Prune(prune);
    m.parser.Prune(prune);
    std::string pruned = cairn::syntax::SerializeModel(m);
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f.write(pruned.data(), static_cast<std::streamsize>(pruned.size()));
    if (!f.flush()) return Fail(cairn::Status::IOError(out + ": cannot write"));
    std::fprintf(
        stderr,
        "wrote %s: %zu bytes; tagger %zu features %zu weights, second pass %zu features %zu "
        "weights, parser %zu features %zu weights\n",
        out.c_str(), pruned.size(), m.tagger.features(), m.tagger.entries(), m.tagger2.features(),
        m.tagger2.entries(), m.parser.features(), m.parser.entries());
    auto model = Model::FromBytes(pruned, out);
    if (!model.ok()) return Fail(model.status());
    return EvaluateAll(*model, corpora);
  }

  if (eval_only) {
    auto model = model_path.empty() ? Model::Shipped() : Model::Load(model_path);
    if (!model.ok()) return Fail(model.status());
    return EvaluateAll(*model, corpora);
  }
  auto train = cairn::syntax::ReadConllu(corpora + "/ud-english-ewt/en_ewt-ud-train.conllu");
  if (!train.ok()) return Fail(train.status());
  auto t0 = std::chrono::steady_clock::now();
  o.log = &std::cerr;
  std::string bytes = cairn::syntax::Train(*train, o);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::string tmp = out + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f.flush()) return Fail(cairn::Status::IOError(tmp + ": cannot write"));
  }
  if (std::rename(tmp.c_str(), out.c_str()) != 0) {
    return Fail(cairn::Status::IOError(out + ": cannot replace"));
  }
  std::fprintf(stderr, "wrote %s: %zu bytes, trained in %.0f s\n", out.c_str(), bytes.size(), secs);
  auto model = Model::FromBytes(bytes, out);
  if (!model.ok()) return Fail(model.status());
  return EvaluateAll(*model, corpora);
}
