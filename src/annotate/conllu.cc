// CoNLL-U (https://universaldependencies.org/format.html): the writer and the
// reader that turns a treebank's sentences into a Document.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <charconv>

#include "annotate/internal.h"
#include "core/ud.h"

namespace cairn::annotate {
namespace {

// FORM and # text hold no tabs or line breaks.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

bool IsSpaceByte(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Whether white space follows byte `end` of the text (U+00A0 and the other
// Unicode spaces count; the end of the text counts as space).
bool SpaceAt(const std::string& text, uint32_t end) {
  if (end >= text.size()) return true;
  if (IsSpaceByte(text[end])) return true;
  if (static_cast<unsigned char>(text[end]) < 0x80) return false;
  int32_t i = static_cast<int32_t>(end);
  UChar32 c;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && (u_isUWhiteSpace(c) != 0);
}

}  // namespace

void WriteConllu(const Document& doc, const WriteOptions& options, std::ostream& out) {
  std::vector<std::string> ner = EntityTags(doc);
  out << "# newdoc id = " << OneLine(doc.name) << "\n";
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sen = doc.sentences[s];
    std::string id;
    if (options.sent_ids != nullptr && s < options.sent_ids->size() &&
        !(*options.sent_ids)[s].empty())
      id = (*options.sent_ids)[s];
    else
      id = doc.name + "-" + std::to_string(s + 1);
    out << "# sent_id = " << OneLine(id) << "\n";
    out << "# text = " << OneLine(doc.Slice(sen.span)) << "\n";
    for (uint32_t t = sen.first_token; t < sen.end_token; ++t) {
      const Token& tok = doc.tokens[t];
      out << (t - sen.first_token + 1) << '\t' << OneLine(doc.Slice(tok.span)) << "\t_\t";
      if (doc.syntax.empty()) {
        out << "_\t_\t_\t_\t_";
      } else {
        const TokenSyntax& sx = doc.syntax[t];
        out << ud::UposName(static_cast<ud::Upos>(sx.upos)) << '\t' << ud::XposName(sx.xpos)
            << "\t_\t";
        if (sx.head < 0)
          out << 0;
        else if (static_cast<uint32_t>(sx.head) >= sen.first_token &&
                 static_cast<uint32_t>(sx.head) < sen.end_token)
          out << (static_cast<uint32_t>(sx.head) - sen.first_token + 1);
        else
          out << '_';  // a head outside the sentence is not CoNLL-U's to say
        out << '\t' << ud::DeprelName(sx.deprel);
      }
      out << "\t_\t";
      std::string misc;
      if (!ner[t].empty()) misc = "NER=" + ner[t];
      if (!SpaceAt(doc.text, tok.span.end))
        misc += misc.empty() ? "SpaceAfter=No" : "|SpaceAfter=No";
      out << (misc.empty() ? "_" : misc) << '\n';
    }
    out << '\n';
  }
}

namespace {

// The shape flags of a token, as text::Segmenter sets them.
uint16_t ShapeFlags(std::string_view s) {
  int letters = 0, upper = 0, digits = 0;
  bool first_upper = false, hangul = false;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) continue;
    if (u_isalpha(c)) {
      if (letters == 0) first_upper = u_isupper(c) || u_istitle(c);
      ++letters;
      if (u_isupper(c)) ++upper;
      if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
          (c >= 0x3130 && c <= 0x318F))
        hangul = true;
    } else if (u_isdigit(c)) {
      ++digits;
    }
  }
  uint16_t f = letters > 0 ? kTokWord : digits > 0 ? kTokNumber : kTokPunct;
  if (letters > 0 && digits > 0) f |= kTokNumber;
  if (first_upper) f |= kTokUpper;
  if (letters >= 2 && upper == letters) f |= kTokAllCaps;
  if (hangul) f |= kTokHangul;
  return f;
}

bool ParseUint(std::string_view s, uint32_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool HasSpaceAfterNo(std::string_view misc) {
  size_t i = 0;
  while (i <= misc.size()) {
    size_t bar = misc.find('|', i);
    if (bar == std::string_view::npos) bar = misc.size();
    if (misc.substr(i, bar - i) == "SpaceAfter=No") return true;
    i = bar + 1;
  }
  return false;
}

// One sentence's words as read, before they become tokens.
struct Word {
  std::string form;
  bool space_after = true;
  uint32_t head = 0;
  bool has_head = false;
  size_t line = 0;
};
struct MultiWord {
  uint32_t first = 0, last = 0;  // word ids, inclusive
  std::string form;
  bool space_after = true;
  size_t line = 0;
};

class Reader {
 public:
  explicit Reader(std::string_view name) : name_(name) { out_.doc.name = std::string(name); }

  Status Line(size_t lineno, std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return EndSentence(lineno);
    if (line[0] == '#') {
      if (words_.empty() && multi_.empty()) Comment(line);
      return Status::OK();
    }
    std::string_view cols[10];
    size_t n = 0, i = 0;
    while (n < 10) {
      size_t tab = line.find('\t', i);
      if (tab == std::string_view::npos) {
        cols[n++] = line.substr(i);
        i = line.size() + 1;
        break;
      }
      cols[n++] = line.substr(i, tab - i);
      i = tab + 1;
    }
    if (n != 10 || i <= line.size())
      return Error(lineno, "expected 10 tab-separated columns, found " +
                               std::to_string(n == 10 && i <= line.size() ? 11 : n) +
                               " (is this CoNLL-U?)");
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) return Status::OK();  // an empty node
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      MultiWord mw;
      if (!ParseUint(id.substr(0, dash), &mw.first) || !ParseUint(id.substr(dash + 1), &mw.last) ||
          mw.last < mw.first)
        return Error(lineno, "bad multiword token range '" + std::string(id) + "'");
      if (mw.first != words_.size() + 1)
        return Error(lineno, "bad ID sequence: range " + std::string(id) + " where word " +
                                 std::to_string(words_.size() + 1) + " was expected");
      mw.form = std::string(cols[1]);
      mw.space_after = !HasSpaceAfterNo(cols[9]);
      mw.line = lineno;
      multi_.push_back(std::move(mw));
      return Status::OK();
    }
    uint32_t num = 0;
    if (!ParseUint(id, &num)) return Error(lineno, "bad ID '" + std::string(id) + "'");
    if (num != words_.size() + 1)
      return Error(lineno, "bad ID sequence: " + std::to_string(num) + " where " +
                               std::to_string(words_.size() + 1) + " was expected");
    if (cols[1].empty()) return Error(lineno, "empty FORM");
    Word w;
    w.form = std::string(cols[1]);
    w.space_after = !HasSpaceAfterNo(cols[9]);
    w.line = lineno;
    if (cols[6] != "_") {
      if (!ParseUint(cols[6], &w.head))
        return Error(lineno, "bad HEAD '" + std::string(cols[6]) + "'");
      w.has_head = true;
    }
    words_.push_back(std::move(w));
    return Status::OK();
  }

  Result<ConlluDocument> Finish(size_t lineno) {
    if (Status st = EndSentence(lineno); !st.ok()) return st;
    if (out_.doc.sentences.empty())
      return Status::InvalidArgument(name_ + ": no CoNLL-U sentences");
    if (!out_.doc.paragraphs.empty())
      out_.doc.paragraphs.back().span.end = static_cast<uint32_t>(out_.doc.text.size());
    return std::move(out_);
  }

 private:
  Status Error(size_t lineno, const std::string& what) const {
    return Status::InvalidArgument(name_ + ":" + std::to_string(lineno) + ": " + what);
  }

  void Comment(std::string_view line) {
    auto value = [&](std::string_view key) -> std::optional<std::string_view> {
      std::string_view rest = line.substr(1);
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      if (rest.substr(0, key.size()) != key) return std::nullopt;
      rest.remove_prefix(key.size());
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      if (rest.empty()) return std::string_view();
      if (rest[0] != '=') return std::nullopt;
      rest.remove_prefix(1);
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      return rest;
    };
    if (auto v = value("sent_id")) sent_id_ = std::string(*v);
    // "# newpar", "# newpar id = p2", "# newdoc id = d1".
    auto starts = [&](std::string_view key) {
      std::string_view rest = line.substr(1);
      while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
      return rest.substr(0, key.size()) == key &&
             (rest.size() == key.size() || rest[key.size()] == ' ' || rest[key.size()] == '=');
    };
    if (starts("newdoc") || starts("newpar")) new_paragraph_ = true;
  }

  Status EndSentence(size_t lineno) {
    if (words_.empty()) {
      if (!multi_.empty()) return Error(multi_.back().line, "multiword token without its words");
      return Status::OK();
    }
    const uint32_t n = static_cast<uint32_t>(words_.size());
    for (const Word& w : words_)
      if (w.has_head && w.head > n)
        return Error(w.line, "HEAD " + std::to_string(w.head) + " out of range (the sentence has " +
                                 std::to_string(n) + " words)");
    for (const MultiWord& mw : multi_)
      if (mw.last > n)
        return Error(mw.line, "multiword token range " + std::to_string(mw.first) + "-" +
                                  std::to_string(mw.last) + " out of range (the sentence has " +
                                  std::to_string(n) + " words)");
    Document& doc = out_.doc;
    std::string& text = doc.text;
    // Separator from the previous sentence: a blank line before a new
    // paragraph, nothing after SpaceAfter=No, else a space.
    if (!doc.sentences.empty()) {
      if (new_paragraph_) {
        text += "\n\n";
      } else if (prev_space_after_) {
        text += ' ';
      }
    }
    if (doc.paragraphs.empty() || new_paragraph_) {
      if (!doc.paragraphs.empty()) {
        uint32_t end = static_cast<uint32_t>(text.size());
        while (end > doc.paragraphs.back().span.begin && IsSpaceByte(text[end - 1])) --end;
        doc.paragraphs.back().span.end = end;
      }
      Paragraph p;
      p.span.begin = static_cast<uint32_t>(text.size());
      doc.paragraphs.push_back(p);
    }
    Sentence sen;
    sen.span.begin = static_cast<uint32_t>(text.size());
    sen.first_token = static_cast<uint32_t>(doc.tokens.size());
    sen.paragraph = static_cast<uint32_t>(doc.paragraphs.size() - 1);
    const uint32_t sentence_index = static_cast<uint32_t>(doc.sentences.size());
    size_t next_multi = 0;
    for (uint32_t w = 1; w <= n;) {
      uint32_t last = w;
      bool space_after = words_[w - 1].space_after;
      // The words of a multiword token are substrings of its surface form when
      // they spell it ("didn't" = "did" + "n't"); otherwise they are written
      // one after another without spaces, so every FORM stays a token.
      if (next_multi < multi_.size() && multi_[next_multi].first == w) {
        const MultiWord& mw = multi_[next_multi++];
        last = mw.last;
        space_after = mw.space_after;
      }
      for (uint32_t k = w; k <= last; ++k) {
        Token tok;
        tok.span.begin = static_cast<uint32_t>(text.size());
        text += words_[k - 1].form;
        tok.span.end = static_cast<uint32_t>(text.size());
        tok.sentence = sentence_index;
        tok.flags = ShapeFlags(doc.Slice(tok.span));
        if (tok.span.begin > 0 && SpaceAt(text, tok.span.begin - 1)) tok.flags |= kTokSpaceBefore;
        if (k == 1) tok.flags |= kTokSentStart;
        doc.tokens.push_back(tok);
      }
      if (last < n && space_after) text += ' ';
      prev_space_after_ = space_after;
      w = last + 1;
    }
    sen.span.end = static_cast<uint32_t>(text.size());
    sen.end_token = static_cast<uint32_t>(doc.tokens.size());
    doc.sentences.push_back(sen);
    out_.sent_ids.push_back(sent_id_);
    sent_id_.clear();
    new_paragraph_ = false;
    words_.clear();
    multi_.clear();
    (void)lineno;
    return Status::OK();
  }

  std::string name_;
  ConlluDocument out_;
  std::vector<Word> words_;
  std::vector<MultiWord> multi_;
  std::string sent_id_;
  bool new_paragraph_ = false;
  bool prev_space_after_ = true;
};

bool ValidUtf8(std::string_view s, size_t* bad) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      *bad = static_cast<size_t>(at);
      return false;
    }
  }
  return true;
}

}  // namespace

Result<ConlluDocument> ReadConllu(std::string_view name, std::string_view content) {
  size_t bad = 0;
  if (content.size() > static_cast<size_t>(INT32_MAX))
    return Status::InvalidArgument(std::string(name) + ": too large for CoNLL-U input");
  if (!ValidUtf8(content, &bad)) {
    size_t line = 1 + static_cast<size_t>(std::count(content.begin(), content.begin() + bad, '\n'));
    return Status::InvalidArgument(std::string(name) + ":" + std::to_string(line) +
                                   ": invalid UTF-8 (CoNLL-U is UTF-8 text)");
  }
  Reader reader(name);
  size_t lineno = 0, i = 0;
  while (i < content.size()) {
    size_t nl = content.find('\n', i);
    if (nl == std::string_view::npos) nl = content.size();
    ++lineno;
    if (Status st = reader.Line(lineno, content.substr(i, nl - i)); !st.ok()) return st;
    i = nl + 1;
  }
  auto r = reader.Finish(lineno);
  if (r.ok()) r->doc.format = "conllu";
  return r;
}

}  // namespace cairn::annotate
