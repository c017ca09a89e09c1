// A frozen copy of the segmenter as it was before it worked on UTF-8
// directly (UTF-16 copy of the whole text plus an offset map), kept only as
// the reference that segment_differential_test.cc compares the real one
// against. Not built into any library; do not change its behaviour.
#pragma once

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/data.h"
#include "core/document.h"
#include "core/status.h"

namespace cairn::text::reference {

namespace ascii16 {

// ICU counts '@' as ALetter (so mail addresses stay one word).
inline bool IsLetter(char16_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@';
}
inline bool IsDigit(char16_t c) { return c >= '0' && c <= '9'; }
// ALetter, Numeric and ExtendNumLet all join each other (WB5, WB8-WB10, WB13a/b).
inline bool IsWordUnit(char16_t c) { return IsLetter(c) || IsDigit(c) || c == '_'; }
// MidLetter, MidNumLet and Single_Quote between letters (WB6/WB7). ICU's
// rules leave the colon out of MidLetter.
bool JoinsLetters(char16_t c) { return c == '.' || c == '\''; }
// MidNum, MidNumLet and Single_Quote between digits (WB11/WB12).
bool JoinsDigits(char16_t c) { return c == '.' || c == '\'' || c == ',' || c == ';'; }

// Sentence_Break classes of ASCII.
inline bool IsSATerm(char16_t c) { return c == '.' || c == '!' || c == '?'; }
inline bool IsClose(char16_t c) {
  return c == '"' || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' ||
         c == '}';
}
inline bool IsSp(char16_t c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
inline bool IsParaSep(char16_t c) { return c == '\r' || c == '\n'; }
inline bool IsSContinue(char16_t c) { return c == ',' || c == '-' || c == ':'; }
inline bool IsUpper(char16_t c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLower(char16_t c) { return c >= 'a' && c <= 'z'; }

}  // namespace ascii16
using namespace ascii16;

inline void AsciiSentenceBounds(const char16_t* s, int32_t n, std::vector<int32_t>* bounds) {
  bounds->push_back(0);
  int32_t i = 0;
  while (i < n) {
    char16_t c = s[i];
    if (IsParaSep(c)) {  // SB3, SB4
      int32_t e = i + 1;
      if (c == '\r' && e < n && s[e] == '\n') ++e;
      bounds->push_back(e);
      i = e;
      continue;
    }
    if (!IsSATerm(c)) {
      ++i;
      continue;
    }
    int32_t j = i + 1;
    if (c == '.' && j < n) {
      if (IsDigit(s[j])) {  // SB6
        i = j;
        continue;
      }
      if (i > 0 && (IsUpper(s[i - 1]) || IsLower(s[i - 1])) && IsUpper(s[j])) {  // SB7
        i = j;
        continue;
      }
    }
    int32_t j1 = j;
    while (j1 < n && IsClose(s[j1])) ++j1;
    int32_t j2 = j1;
    while (j2 < n && IsSp(s[j2])) ++j2;
    if (j2 < n && (IsSContinue(s[j2]) || IsSATerm(s[j2]))) {  // SB8a
      i = j2;
      continue;
    }
    if (c == '.') {  // SB8: a lower-case letter ahead before any letter, ParaSep or SATerm
      int32_t k = j2;
      while (k < n && !IsUpper(s[k]) && !IsLower(s[k]) && !IsParaSep(s[k]) && !IsSATerm(s[k])) ++k;
      if (k < n && IsLower(s[k])) {
        i = k;
        continue;
      }
    }
    int32_t e = j2;
    if (e < n && IsParaSep(s[e])) {  // SB11: the paragraph separator stays with the sentence
      ++e;
      if (s[e - 1] == '\r' && e < n && s[e] == '\n') ++e;
    }
    if (e < n) bounds->push_back(e);
    i = e;
  }
  if (bounds->back() != n) bounds->push_back(n);
}

inline bool IsAscii(const char16_t* s, int32_t n) {
  char16_t any = 0;
  for (int32_t i = 0; i < n; ++i) any |= s[i];
  return any < 0x80;
}

inline void AsciiWordBounds(const char16_t* s, int32_t n, std::vector<int32_t>* bounds) {
  bounds->push_back(0);
  int32_t i = 0;
  while (i < n) {
    char16_t c = s[i];
    int32_t j = i + 1;
    if (IsWordUnit(c)) {
      while (j < n) {
        char16_t d = s[j];
        if (IsWordUnit(d)) {
          ++j;
          continue;
        }
        if (j + 1 < n) {
          char16_t p = s[j - 1], q = s[j + 1];
          if ((IsLetter(p) && IsLetter(q) && JoinsLetters(d)) ||
              (IsDigit(p) && IsDigit(q) && JoinsDigits(d))) {
            j += 2;
            continue;
          }
        }
        break;
      }
    } else if (c == ' ') {
      while (j < n && s[j] == ' ') ++j;  // WB3d: horizontal white space stays together
    } else if (c == '\r') {
      if (j < n && s[j] == '\n') ++j;  // WB3
    }
    bounds->push_back(j);
    i = j;
  }
}

enum class AbbrevKind { kTitle, kOther };

// data/abbreviations.tsv, loaded once: abbreviation (with its full stop) -> kind.
inline const std::unordered_map<std::u16string, AbbrevKind>& Abbreviations() {
  static const auto* const table = [] {
    auto* t = new std::unordered_map<std::u16string, AbbrevKind>;
    auto text = data::Get("abbreviations.tsv");
    if (!text) return t;
    for (const auto& row : data::ParseTsv(*text)) {
      if (row.empty() || row[0].empty()) continue;
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(row[0].data(), static_cast<int32_t>(row[0].size())));
      std::u16string key(u.getBuffer(), static_cast<size_t>(u.length()));
      (*t)[key] = row.size() > 1 && row[1] == "title" ? AbbrevKind::kTitle : AbbrevKind::kOther;
    }
    return t;
  }();
  return *table;
}

inline bool IsSpace16(char16_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);  // ASCII White_Space
  return u_isUWhiteSpace(c) || c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

inline bool IsOpeningPunct(char16_t c) {
  return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == 0x201C || c == 0x2018 ||
         c == 0x00AB;
}

inline bool IsHangulSyllable(char16_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

inline bool IsApostrophe(char16_t c) { return c == '\'' || c == 0x2019; }

struct Impl {
  std::unique_ptr<icu::BreakIterator> sentences;
  std::unique_ptr<icu::BreakIterator> words;
  bool ok = false;
  // Scratch space reused across documents.
  UText sentence_text = UTEXT_INITIALIZER;
  UText word_text = UTEXT_INITIALIZER;
  std::vector<int32_t> bounds_;
  std::vector<int32_t> word_bounds;
  std::vector<int32_t> ascii_bounds;
  std::vector<uint32_t> to8;

  ~Impl() {
    utext_close(&sentence_text);
    utext_close(&word_text);
  }

  Impl() {
    UErrorCode err = U_ZERO_ERROR;
    sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), err));
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), err));
    ok = U_SUCCESS(err) && sentences && words;
  }

  // The word that ends just before u[end] ('.' included), from the previous
  // white space, without opening punctuation.
  static std::u16string WordBefore(const icu::UnicodeString& u, int32_t begin, int32_t end) {
    int32_t b = end;
    while (b > begin && !IsSpace16(u.charAt(b - 1))) --b;
    while (b < end && IsOpeningPunct(u.charAt(b))) ++b;
    return std::u16string(u.getBuffer() + b, static_cast<size_t>(end - b));
  }

  // True when the full stop at u[dot] ends an abbreviation that never ends a
  // sentence ("Mr.", "Gen.", "c."), so a break after it is wrong.
  static bool IsTitleAbbreviation(const icu::UnicodeString& u, int32_t begin, int32_t dot) {
    std::u16string w = WordBefore(u, begin, dot + 1);
    if (w.size() < 2) return false;
    const auto& abbr = Abbreviations();
    auto it = abbr.find(w);
    return it != abbr.end() && it->second == AbbrevKind::kTitle;
  }

  static bool IsAnyAbbreviation(const icu::UnicodeString& u, int32_t begin, int32_t dot) {
    std::u16string w = WordBefore(u, begin, dot + 1);
    return Abbreviations().count(w) > 0;
  }

  // Rule name-initial (added with segment.cc's IsNameInitial, same
  // semantics): "John F. Delaney", "Mr T. Albright" keep their full stop
  // inside the sentence unless a closed-class word opens the next one.
  static bool IsNameInitial(const icu::UnicodeString& u, int32_t begin, int32_t dot, int32_t next,
                            int32_t end) {
    static const auto* const openers = [] {
      auto* out = new std::unordered_map<std::string, bool>;
      auto text = data::Get("word_classes.tsv");
      if (!text) return out;
      for (const auto& row : data::ParseTsv(*text)) {
        if (row.size() < 2) continue;
        if (row[0] != "determiner" && row[0] != "preposition" && row[0] != "nominative_pronoun" &&
            row[0] != "possessive_pronoun" && row[0] != "aux")
          continue;
        std::string words(row[1]);
        size_t b = 0;
        while (b <= words.size()) {
          size_t bar = words.find('|', b);
          if (bar == std::string::npos) bar = words.size();
          (*out)[words.substr(b, bar - b)] = true;
          b = bar + 1;
        }
      }
      return out;
    }();
    std::u16string w = WordBefore(u, begin, dot + 1);
    if (w.size() != 2 || w[0] < 'A' || w[0] > 'Z') return false;
    int32_t prev_end = dot - 1;
    while (prev_end > begin && IsSpace16(u.charAt(prev_end - 1))) --prev_end;
    if (prev_end <= begin || prev_end == dot - 1) return false;
    std::u16string prev = WordBefore(u, begin, prev_end);
    if (prev.empty() || prev[0] < 'A' || prev[0] > 'Z') return false;
    int32_t nb = next;
    while (nb < end && IsSpace16(u.charAt(nb))) ++nb;
    std::string nw;
    for (int32_t k = nb; k < end; ++k) {
      char16_t c = u.charAt(k);
      bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!alpha && c != '.') break;
      nw += static_cast<char>(c);
    }
    if (nw.size() < 2 || nw[0] < 'A' || nw[0] > 'Z') return false;
    const bool initial = nw.size() == 2 && nw[1] == '.';
    if (!initial && !(nw[1] >= 'a' && nw[1] <= 'z')) return false;
    for (char& c : nw) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return initial || !openers->count(nw);
  }

  // The word boundaries of u[sb, se), relative to sb: an ASCII fast path
  // (the same boundaries as ICU; tests/text) or ICU's word iterator.
  void WordBounds(const icu::UnicodeString& u, int32_t sb, int32_t se) {
    word_bounds.clear();
    const char16_t* p = u.getBuffer() + sb;
    if (IsAscii(p, se - sb)) {
      AsciiWordBounds(p, se - sb, &word_bounds);
      return;
    }
    UErrorCode err = U_ZERO_ERROR;
    UText* ut = utext_openUChars(&word_text, p, se - sb, &err);
    words->setText(ut, err);
    if (U_FAILURE(err)) return;
    for (int32_t b = words->first(); b != icu::BreakIterator::DONE; b = words->next()) {
      word_bounds.push_back(b);
    }
  }

  // Sentence spans [b, e) in UTF-16 units for the paragraph u[pb, pe).
  void SplitSentences(const icu::UnicodeString& u, int32_t pb, int32_t pe,
                      std::vector<std::pair<int32_t, int32_t>>* out) {
    std::vector<int32_t>& bounds = bounds_;
    bounds.assign(1, pb);
    const char16_t* para = u.getBuffer() + pb;
    if (IsAscii(para, pe - pb)) {
      // The same boundaries as ICU's sentence iterator (tests/text).
      ascii_bounds.clear();
      AsciiSentenceBounds(para, pe - pb, &ascii_bounds);
      for (int32_t b : ascii_bounds) {
        if (b + pb > bounds.back()) bounds.push_back(b + pb);
      }
    } else {
      // The paragraph as ICU sees it, without copying it.
      UErrorCode err = U_ZERO_ERROR;
      UText* ut = utext_openUChars(&sentence_text, para, pe - pb, &err);
      sentences->setText(ut, err);
      if (U_FAILURE(err)) return;
      for (int32_t b = sentences->first(); b != icu::BreakIterator::DONE; b = sentences->next()) {
        if (b + pb > bounds.back()) bounds.push_back(b + pb);
      }
    }
    if (bounds.back() != pe) bounds.push_back(pe);
    // Drop breaks after abbreviations that never end a sentence.
    std::vector<int32_t> kept{bounds.front()};
    for (size_t i = 1; i + 1 < bounds.size(); ++i) {
      int32_t e = bounds[i];
      while (e > kept.back() && IsSpace16(u.charAt(e - 1))) --e;
      if (e > kept.back() && u.charAt(e - 1) == '.' && IsTitleAbbreviation(u, kept.back(), e - 1)) {
        continue;
      }
      if (e > kept.back() && u.charAt(e - 1) == '.' &&
          IsNameInitial(u, kept.back(), e - 1, bounds[i], bounds[i + 1])) {
        continue;
      }
      // After any other abbreviation ("U.S."), a break is wrong when what
      // follows is the paragraph's unpunctuated rest: a headline such as
      // "Defector Moves To U.S. To Get Married".
      if (i + 2 == bounds.size() && e > kept.back() && u.charAt(e - 1) == '.' &&
          IsAnyAbbreviation(u, kept.back(), e - 1)) {
        int32_t last = pe;
        while (last > bounds[i] && IsSpace16(u.charAt(last - 1))) --last;
        char16_t c = last > bounds[i] ? u.charAt(last - 1) : u'.';
        if (c != '.' && c != '!' && c != '?' && c != '"' && c != 0x201D && c != 0x2019 &&
            c != '\'' && c != ')') {
          continue;
        }
      }
      kept.push_back(bounds[i]);
    }
    kept.push_back(bounds.back());
    // Split sentences glued without a space: "officials.In 1987".
    std::vector<int32_t> all{kept.front()};
    for (size_t i = 1; i < kept.size(); ++i) {
      int32_t sb = all.back();
      int32_t se = kept[i];
      for (int32_t j = sb + 1; j + 2 < se; ++j) {
        char16_t c = u.charAt(j);
        if (c != '.' && c != '?' && c != '!') continue;
        char16_t prev = u.charAt(j - 1);
        char16_t next = u.charAt(j + 1);
        char16_t next2 = u.charAt(j + 2);
        // Korean glued after a full stop: "탈출했다.그는".
        if (IsHangulSyllable(prev) && IsHangulSyllable(next)) {
          all.push_back(j + 1);
          sb = j + 1;
          continue;
        }
        if (!(u_islower(prev) || u_isdigit(prev) || prev == ')')) continue;
        if (!u_isupper(next) || next2 == '.') continue;
        if (!(u_islower(next2) || IsSpace16(next2) || u_isupper(next2))) continue;
        std::u16string w = WordBefore(u, sb, j + 1);
        // "e.g.", "U.S.", "fig.3": a full stop inside the word means an
        // abbreviation or a number, not a glued sentence.
        if (w.find(u'.', 0) < w.size() - 1) continue;
        // Web and mail addresses: "www.Example.org", "name@Host.com".
        if (w.find(u'/') != std::u16string::npos || w.find(u'@') != std::u16string::npos ||
            w.rfind(u"www", 0) == 0) {
          continue;
        }
        if (c == '.' && IsAnyAbbreviation(u, sb, j)) continue;
        size_t letters = 0;
        for (char16_t x : w) letters += u_isalpha(x) ? 1 : 0;
        if (letters < 2 && !u_isdigit(prev)) continue;
        all.push_back(j + 1);
        sb = j + 1;
      }
      all.push_back(se);
    }
    for (size_t i = 0; i + 1 < all.size(); ++i) {
      int32_t b = all[i], e = all[i + 1];
      while (b < e && IsSpace16(u.charAt(b))) ++b;
      while (e > b && IsSpace16(u.charAt(e - 1))) --e;
      if (b < e) out->push_back({b, e});
    }
  }
};

inline Status Run(Impl* impl_, Document* doc) {
  if (!impl_->ok) return Status::Internal(doc->name + ": ICU break iterators unavailable");
  doc->paragraphs.clear();
  doc->sentences.clear();
  doc->tokens.clear();
  const std::string& text = doc->text;
  if (text.size() > UINT32_MAX / 2) {
    return Status::InvalidArgument(doc->name + ": text too large to segment");
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // UTF-16 index -> UTF-8 byte offset, exact (invalid bytes were rejected by ingest;
  // any left become U+FFFD, one unit per bad byte sequence).
  const char16_t* p16 = u.getBuffer();
  std::vector<uint32_t>& to8 = impl_->to8;
  to8.assign(static_cast<size_t>(u.length()) + 1, 0);
  {
    int32_t i16 = 0;
    size_t i8 = 0;
    while (i8 < text.size() && i16 < u.length()) {
      unsigned char c = static_cast<unsigned char>(text[i8]);
      if (c < 0x80) {
        to8[static_cast<size_t>(i16++)] = static_cast<uint32_t>(i8++);
        continue;
      }
      size_t len8 = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      if (i8 + len8 > text.size()) len8 = text.size() - i8;
      int32_t len16 = U16_IS_LEAD(p16[i16]) ? 2 : 1;
      for (int32_t k = 0; k < len16 && i16 + k < u.length(); ++k) {
        to8[static_cast<size_t>(i16 + k)] = static_cast<uint32_t>(i8);
      }
      i16 += len16;
      i8 += len8;
    }
    for (int32_t k = i16; k <= u.length(); ++k)
      to8[static_cast<size_t>(k)] = static_cast<uint32_t>(text.size());
  }
  auto span8 = [&](int32_t b, int32_t e) {
    return Span{to8[static_cast<size_t>(b)], to8[static_cast<size_t>(e)]};
  };

  const int32_t n = u.length();
  int32_t line_begin = 0;
  std::vector<std::pair<int32_t, int32_t>> sents;
  while (line_begin <= n) {
    int32_t line_end = u.indexOf(static_cast<char16_t>('\n'), line_begin);
    if (line_end < 0) line_end = n;
    int32_t pb = line_begin, pe = line_end;
    while (pb < pe && IsSpace16(u.charAt(pb))) ++pb;
    while (pe > pb && IsSpace16(u.charAt(pe - 1))) --pe;
    if (pb < pe) {
      uint32_t para_index = static_cast<uint32_t>(doc->paragraphs.size());
      doc->paragraphs.push_back(Paragraph{span8(pb, pe)});
      sents.clear();
      impl_->SplitSentences(u, pb, pe, &sents);
      for (const auto& [sb, se] : sents) {
        Sentence s;
        s.span = span8(sb, se);
        s.paragraph = para_index;
        s.first_token = static_cast<uint32_t>(doc->tokens.size());
        uint32_t sent_index = static_cast<uint32_t>(doc->sentences.size());
        impl_->WordBounds(u, sb, se);
        const std::vector<int32_t>& wb = impl_->word_bounds;
        for (size_t w = 1; w < wb.size(); ++w) {
          int32_t tb = wb[w - 1] + sb, te = wb[w] + sb;
          bool blank = true;
          for (int32_t k = tb; k < te; ++k) {
            if (!IsSpace16(p16[k])) {
              blank = false;
              break;
            }
          }
          if (blank) continue;
          // Split a possessive "'s" off its word: "Jang's" -> "Jang", "'s".
          int32_t cuts[3] = {tb, te, te};
          int n_pieces = 1;
          if (te - tb > 2 && IsApostrophe(p16[te - 2]) &&
              (p16[te - 1] == 's' || p16[te - 1] == 'S') && u_isalpha(p16[te - 3])) {
            cuts[1] = te - 2;
            n_pieces = 2;
          }
          for (int piece = 0; piece < n_pieces; ++piece) {
            int32_t b = cuts[piece], e = cuts[piece + 1];
            Token t;
            t.span = span8(b, e);
            t.sentence = sent_index;
            uint16_t f = 0;
            int letters = 0, upper = 0, digits = 0;
            bool first_letter_upper = false, hangul = false;
            for (int32_t k = b; k < e;) {
              char16_t c16 = p16[k];
              if (c16 < 0x80) {  // ASCII: no ICU property look-ups
                ++k;
                bool up = c16 >= 'A' && c16 <= 'Z';
                if (up || (c16 >= 'a' && c16 <= 'z')) {
                  if (letters == 0) first_letter_upper = up;
                  ++letters;
                  if (up) ++upper;
                } else if (c16 >= '0' && c16 <= '9') {
                  ++digits;
                }
                continue;
              }
              UChar32 c = u.char32At(k);
              k += U16_LENGTH(c);
              if (u_isalpha(c)) {
                if (letters == 0) first_letter_upper = u_isupper(c) || u_istitle(c);
                ++letters;
                if (u_isupper(c)) ++upper;
                UErrorCode err = U_ZERO_ERROR;
                if (uscript_getScript(c, &err) == USCRIPT_HANGUL) hangul = true;
              } else if (u_isdigit(c)) {
                ++digits;
              }
            }
            if (letters > 0)
              f |= kTokWord;
            else if (digits > 0)
              f |= kTokNumber;
            else
              f |= kTokPunct;
            if (letters > 0 && digits > 0) f |= kTokNumber;
            if (first_letter_upper) f |= kTokUpper;
            if (letters >= 2 && upper == letters) f |= kTokAllCaps;
            if (hangul) f |= kTokHangul;
            if (b > 0 && IsSpace16(p16[b - 1])) f |= kTokSpaceBefore;
            if (doc->tokens.size() == s.first_token) f |= kTokSentStart;
            t.flags = f;
            doc->tokens.push_back(t);
          }
        }
        s.end_token = static_cast<uint32_t>(doc->tokens.size());
        doc->sentences.push_back(s);
      }
    }
    line_begin = line_end + 1;
  }
  return Status::OK();
}

// The reference segmenter: the same interface as text::Segmenter.
class Segmenter {
 public:
  Status Run(Document* doc) { return reference::Run(&impl_, doc); }

 private:
  Impl impl_;
};

}  // namespace cairn::text::reference
