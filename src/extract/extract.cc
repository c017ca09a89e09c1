#include "extract/extract.h"

#include <algorithm>
#include <vector>

#include "core/data.h"
#include "extract/events.h"
#include "extract/names.h"
#include "extract/protect.h"
#include "extract/timex.h"

namespace cairn::extract {
namespace {

// Bounded work: the stages look left and right within a sentence (subjects,
// name runs, date ranges), so their cost grows with the square of its
// length. A "sentence" of thousands of tokens is not prose (a list of names
// or dates without punctuation, a page without full stops); it is cut into
// sentences of at most kMaxSentenceTokens tokens, which keeps extraction
// linear in the document's size. Real sentences are far shorter.
constexpr uint32_t kMaxSentenceTokens = 160;

void SplitOverlongSentences(Document* doc) {
  bool any = false;
  for (const Sentence& s : doc->sentences) {
    if (s.end_token - s.first_token > kMaxSentenceTokens) any = true;
  }
  if (!any || doc->tokens.empty()) return;
  std::vector<Sentence> out;
  out.reserve(doc->sentences.size());
  for (const Sentence& s : doc->sentences) {
    if (s.end_token - s.first_token <= kMaxSentenceTokens || s.end_token > doc->tokens.size()) {
      out.push_back(s);
      continue;
    }
    // Pieces that tile the sentence's bytes, each cut before a token.
    uint32_t begin = s.span.begin;
    for (uint32_t t = s.first_token; t < s.end_token; t += kMaxSentenceTokens) {
      const uint32_t e = std::min(s.end_token, t + kMaxSentenceTokens);
      Sentence piece = s;
      piece.first_token = t;
      piece.end_token = e;
      piece.span.begin = begin;
      piece.span.end = e < s.end_token ? doc->tokens[e].span.begin : s.span.end;
      begin = piece.span.end;
      out.push_back(piece);
    }
  }
  doc->sentences = std::move(out);
  for (uint32_t si = 0; si < doc->sentences.size(); ++si) {
    const Sentence& s = doc->sentences[si];
    for (uint32_t t = s.first_token; t < s.end_token && t < doc->tokens.size(); ++t)
      doc->tokens[t].sentence = si;
  }
}

}  // namespace

Status Extract(Document* doc) { return Extract(doc, Options{}); }

Status Extract(Document* doc, const Options& options) {
  if (doc == nullptr) return Status::InvalidArgument("extract: no document");
  if (!doc->text.empty() && doc->sentences.empty())
    return Status::InvalidArgument(doc->name + ": extract needs a segmented document");
  SplitOverlongSentences(doc);
  NameFinder::Default().Run(doc, options.tag ? &options.tag : nullptr);
  MarkProtected(doc);
  TimeTagger::Default().Run(doc);
  return EventFinder::Default().Run(doc, options.parse, options.verbs);
}

std::shared_ptr<const std::vector<std::string>> SyntaxCueWords() {
  static const std::shared_ptr<const std::vector<std::string>> kWords = [] {
    auto out = std::make_shared<std::vector<std::string>>();
    if (auto text = data::Get("event_triggers.tsv")) {
      for (const auto& row : data::ParseTsv(*text)) {
        std::string_view forms = row.size() > 1 ? row[1] : std::string_view();
        while (!forms.empty()) {
          size_t bar = forms.find('|');
          std::string_view form = forms.substr(0, bar);
          forms = bar == std::string_view::npos ? std::string_view() : forms.substr(bar + 1);
          form = form.substr(0, form.find(' '));
          if (!form.empty()) out->emplace_back(form);
        }
      }
    }
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
    return std::shared_ptr<const std::vector<std::string>>(std::move(out));
  }();
  return kWords;
}

}  // namespace cairn::extract
