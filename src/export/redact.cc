#include "export/redact.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "resolve/romanize.h"

namespace cairn::exporter {
namespace {

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80 ||
         c == '-';
}

// General punctuation (U+2000..U+206F: dashes, curly quotes, "…") is three
// bytes E2 80..81 xx; the sequence ending just before `p` / starting at `p`.
bool PunctEndsBefore(std::string_view t, size_t p) {
  return p >= 3 && static_cast<unsigned char>(t[p - 3]) == 0xE2 &&
         (static_cast<unsigned char>(t[p - 2]) & 0xFE) == 0x80;
}
bool PunctAt(std::string_view t, size_t p) {
  return p + 2 < t.size() && static_cast<unsigned char>(t[p]) == 0xE2 &&
         (static_cast<unsigned char>(t[p + 1]) & 0xFE) == 0x80;
}

// A Hangul syllable (U+AC00..U+D7A3) starts at `p`.
bool HangulAt(std::string_view t, size_t p) {
  if (p + 3 > t.size()) return false;
  const unsigned cp = ((static_cast<unsigned char>(t[p]) & 0x0Fu) << 12) |
                      ((static_cast<unsigned char>(t[p + 1]) & 0x3Fu) << 6) |
                      (static_cast<unsigned char>(t[p + 2]) & 0x3Fu);
  return (static_cast<unsigned char>(t[p]) & 0xF0) == 0xE0 && cp >= 0xAC00 && cp <= 0xD7A3;
}

bool HasHangul(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i)
    if (HangulAt(s, i)) return true;
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

std::string Join(const std::vector<std::string>& w, size_t b, size_t e, std::string_view sep) {
  std::string out;
  for (size_t i = b; i < e; ++i) {
    if (i > b) out += sep;
    out += w[i];
  }
  return out;
}

// Every form a name of a protected person may take in a text: the name,
// its words in the other order, the given name alone (hyphenated, spaced or
// joined), the surname after a title, and the forms file names use
// (underscores). Matching is case-insensitive for ASCII letters.
void AddForms(const std::string& name, std::set<std::string>* forms) {
  auto titled = [&](const std::string& s) {
    for (const char* title : {"Mr. ", "Mrs. ", "Ms. ", "Miss ", "Mr ", "Mrs ", "Ms ", "Dr. "})
      forms->insert(title + s);
  };
  // "Mr. O": a one-letter name is masked only after its title (the letter
  // alone is every "O" of the text).
  if (name.size() < 2) {
    if (!name.empty()) titled(name);
    return;
  }
  forms->insert(name);
  if (HasHangul(name)) {
    std::string joined;
    for (char c : name)
      if (c != ' ') joined += c;
    forms->insert(joined);
    // The given name (all but the first syllable) alone, when two or more.
    if (joined.size() >= 9) forms->insert(joined.substr(3));
    return;
  }
  std::vector<std::string> w = Words(name);
  if (w.size() < 2) {
    titled(name);  // "Mrs. Choe" for a person known by the surname alone
    return;
  }
  const std::string surname = w.front(), given = Join(w, 1, w.size(), " ");
  const std::string last = w.back(), first_given = Join(w, 0, w.size() - 1, " ");
  for (const std::string& g : {given, first_given}) {
    if (g.size() < 3) continue;
    forms->insert(g);
    std::string spaced = g, joined;
    std::replace(spaced.begin(), spaced.end(), '-', ' ');
    for (char c : g)
      if (c != '-' && c != ' ') joined += c;
    forms->insert(spaced);
    if (joined.size() >= 4) forms->insert(joined);
  }
  forms->insert(given + " " + surname);     // "Hye-jin Kim"
  forms->insert(last + " " + first_given);  // "Kim Hye-jin" from "Hye-jin Kim"
  titled(surname);
  titled(last);
  std::string under = name;
  std::replace(under.begin(), under.end(), ' ', '_');
  forms->insert(under);
  std::replace(under.begin(), under.end(), '-', '_');
  forms->insert(under);
  std::string spaced = name;
  std::replace(spaced.begin(), spaced.end(), '-', ' ');
  forms->insert(spaced);
}

// Every protected surface form, longest first so "Kim Mi-ran" is masked
// before "Mi-ran", and the full name keys (resolve/romanize.h) of the
// protected names, which find a Hangul spelling no alias holds.
struct Protected {
  std::vector<std::string> names;
  std::set<std::string> keys;
  bool empty() const { return names.empty(); }
};

Protected ProtectedNames(const FactBase& facts) {
  std::set<std::string> forms;
  Protected out;
  for (const EntityRecord& e : facts.entities) {
    if (!e.protected_identity) continue;
    AddForms(e.name, &forms);
    for (const std::string& a : e.aliases) AddForms(a, &forms);
    if (e.type != EntityType::kPerson) continue;
    auto add_key = [&out](const std::string& n) {
      const resolve::NameKey k = resolve::KeyName(n);
      if (k.full() && k.kind == resolve::NameKey::Kind::kKorean) out.keys.insert(k.str());
    };
    add_key(e.name);
    for (const std::string& a : e.aliases) add_key(a);
  }
  for (const std::string& f : forms) out.names.push_back(Lower(f));
  std::sort(out.names.begin(), out.names.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  out.names.erase(std::unique(out.names.begin(), out.names.end()), out.names.end());
  return out;
}

// Masks Hangul names that key like a protected name ("김영호" for "Kim
// Young-ho") at the start of each run of Hangul syllables, whatever particle,
// honorific or possessive follows ("김영호씨는", "김영호의").
void MaskHangulByKey(std::string* text, const std::set<std::string>& keys) {
  if (keys.empty()) return;
  const std::string& t = *text;
  size_t p = 0;
  while (p < t.size()) {
    if (!HangulAt(t, p) || (p >= 3 && HangulAt(t, p - 3))) {
      ++p;
      continue;
    }
    size_t run = 0;  // syllables in this run
    while (HangulAt(t, p + 3 * run)) ++run;
    // A Korean name is two to four syllables, surname first.
    for (size_t n = std::min<size_t>(run, 4); n >= 2; --n) {
      const resolve::NameKey k = resolve::KeyName(std::string_view(t).substr(p, 3 * n));
      if (k.full() && keys.contains(k.str())) {
        std::fill(text->begin() + static_cast<long>(p),
                  text->begin() + static_cast<long>(p + 3 * n), '*');
        break;
      }
    }
    p += 3 * run;
  }
}

// Replaces whole-word occurrences of each form with '*' of the same byte
// length (ASCII case ignored). A Hangul name may have a particle or
// honorific glued to it ("김혜숙씨", "김혜숙은"); a possessive follows a
// straight or curly apostrophe; an underscore joins words of a file name.
std::string Mask(std::string text, const Protected& prot) {
  if (prot.empty() || text.empty()) return text;
  MaskHangulByKey(&text, prot.keys);
  const std::vector<std::string>& names = prot.names;
  const std::string low = Lower(text);
  for (const std::string& n : names) {
    const bool hangul = HasHangul(n);
    size_t pos = 0;
    while ((pos = low.find(n, pos)) != std::string::npos) {
      const size_t end = pos + n.size();
      const auto before = pos == 0 ? 0u : static_cast<unsigned char>(low[pos - 1]);
      bool left = pos == 0 || !IsWordByte(before) || PunctEndsBefore(low, pos);
      if (hangul && pos >= 3 && HangulAt(low, pos - 3)) left = false;
      bool right = end >= low.size() || !IsWordByte(static_cast<unsigned char>(low[end])) ||
                   PunctAt(low, end) || hangul;
      if (left && right) {
        std::fill(text.begin() + static_cast<long>(pos), text.begin() + static_cast<long>(end),
                  '*');
      }
      pos = pos + 1;
    }
  }
  return text;
}

// The key for an empty secret: random, once per process.
const std::string& ProcessKey() {
  static const std::string key = [] {
    std::array<unsigned char, 32> k{};
    if (RAND_bytes(k.data(), static_cast<int>(k.size())) != 1) {
      // No randomness at all: an output keyed by a known value would be
      // reversible, so nothing is keyed (every pseudonym the same "withheld").
      return std::string();
    }
    return std::string(k.begin(), k.end());
  }();
  return key;
}

// 12 for "e12"; 0 otherwise (ids sort by number, then as text).
uint64_t IdNumber(std::string_view id) {
  uint64_t n = 0;
  if (id.size() < 2) return 0;
  auto [p, ec] = std::from_chars(id.data() + 1, id.data() + id.size(), n);
  return ec == std::errc() && p == id.data() + id.size() ? n : 0;
}

}  // namespace

std::string Pseudonym(std::string_view secret, std::string_view id, EntityType type,
                      size_t digits) {
  const std::string prefix = type == EntityType::kPerson ? "Person-" : "Withheld-";
  const std::string& key = secret.empty() ? ProcessKey() : std::string(secret);
  if (key.empty()) return prefix + "withheld";
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(id.data()), id.size(), mac.data(),
           &len) == nullptr) {
    return prefix + "withheld";
  }
  // Crockford's base 32: no I, L, O or U, so a pseudonym reads unambiguously.
  static constexpr char kDigits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  digits = std::min<size_t>(digits, len * 8 / 5);
  std::string out = prefix;
  for (size_t i = 0; i < digits; ++i) {
    const size_t bit = i * 5;
    unsigned v =
        (static_cast<unsigned>(mac[bit / 8]) << 8) | (bit / 8 + 1 < len ? mac[bit / 8 + 1] : 0u);
    out += kDigits[(v >> (11 - bit % 8)) & 31u];
  }
  return out;
}

FactBase Redact(const FactBase& facts, std::string_view secret) {
  const Protected names = ProtectedNames(facts);
  FactBase out = facts;
  // (A protected person whose only name is too short to mask in text, "Mr. O",
  // still gets a pseudonym in place of that name.)
  const bool any = std::any_of(facts.entities.begin(), facts.entities.end(),
                               [](const EntityRecord& e) { return e.protected_identity; });
  if (names.empty() && !any) return out;
  // Pseudonyms in id order, so an entity keeps its pseudonym when a later
  // entity's would collide with it.
  std::vector<const EntityRecord*> prot;
  for (const EntityRecord& e : facts.entities)
    if (e.protected_identity) prot.push_back(&e);
  std::sort(prot.begin(), prot.end(), [](const EntityRecord* a, const EntityRecord* b) {
    const uint64_t na = IdNumber(a->id), nb = IdNumber(b->id);
    return na != nb ? na < nb : a->id < b->id;
  });
  std::map<std::string, std::string> pseudonym;  // id -> pseudonym
  std::set<std::string> taken;
  for (const EntityRecord* e : prot) {
    std::string p;
    for (size_t digits = 6; digits <= 51; digits += 2) {
      p = Pseudonym(secret, e->id, e->type, digits);
      if (!taken.contains(p)) break;
    }
    taken.insert(p);
    pseudonym.emplace(e->id, p);
  }
  for (EntityRecord& e : out.entities) {
    if (!e.protected_identity) {
      // Another person's name may hold a protected form ("the Kim Hye-jin
      // Foundation"); masked like text.
      e.name = Mask(e.name, names);
      for (std::string& a : e.aliases) a = Mask(a, names);
      continue;
    }
    e.name = pseudonym[e.id];
    e.aliases.clear();
  }
  for (EventRecord& ev : out.events) {
    for (SourceRef& s : ev.sources) s.quote = Mask(s.quote, names);
    ev.detail = Mask(ev.detail, names);
    ev.date.text = Mask(ev.date.text, names);
  }
  for (ConflictRecord& c : out.conflicts) {
    c.explanation = Mask(c.explanation, names);
    for (ConflictRecord::Claim& claim : c.claims) {
      claim.value = Mask(claim.value, names);
      for (SourceRef& s : claim.sources) s.quote = Mask(s.quote, names);
    }
  }
  return out;
}

std::string RedactText(std::string_view text, const FactBase& facts) {
  return Mask(std::string(text), ProtectedNames(facts));
}

std::string RedactSnippet(std::string_view snippet, const FactBase& facts) {
  const Protected prot = ProtectedNames(facts);
  const std::vector<std::string>& names = prot.names;
  std::string out = Mask(std::string(snippet), prot);
  if (names.empty()) return out;
  // A snippet may cut a name at either end ("…jin crossed", "says Kim Hye…"):
  // a cut word that is the end or the start of a protected form goes too.
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  auto fragment_of = [&](std::string_view w, bool at_start) {
    if (w.empty()) return false;
    const std::string lw = Lower(w);
    for (const std::string& n : names) {
      if (n.size() <= lw.size()) continue;
      if (at_start ? n.compare(n.size() - lw.size(), lw.size(), lw) == 0
                   : n.compare(0, lw.size(), lw) == 0)
        return true;
    }
    return false;
  };
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  for (size_t at = out.find(kEllipsis); at != std::string::npos;
       at = out.find(kEllipsis, at + kEllipsis.size())) {
    // The words touching the ellipsis (up to two, a name may be "Kim Hye").
    size_t b = at, words = 0;
    while (b > 0 && words < 2) {
      size_t e = b;
      while (b > 0 && !is_space(out[b - 1])) --b;
      if (!fragment_of(std::string_view(out).substr(b, at - b), false)) {
        b = e;
        break;
      }
      ++words;
      if (b > 0) --b;  // the space before
    }
    if (words > 0) {
      while (b < at && is_space(out[b])) ++b;
      for (size_t i = b; i < at; ++i)
        if (!is_space(out[i])) out[i] = '*';
    }
    const size_t s = at + kEllipsis.size();
    size_t e = s;
    words = 0;
    while (e < out.size() && words < 2) {
      size_t w0 = e;
      while (e < out.size() && !is_space(out[e])) ++e;
      if (!fragment_of(std::string_view(out).substr(s, e - s), true)) {
        e = w0;
        break;
      }
      ++words;
      if (e < out.size()) ++e;
    }
    for (size_t i = s; i < e && i < out.size(); ++i)
      if (!is_space(out[i])) out[i] = '*';
  }
  return out;
}

std::vector<store::DocumentInfo> RedactDocuments(const std::vector<store::DocumentInfo>& docs,
                                                 const FactBase& facts) {
  const Protected names = ProtectedNames(facts);
  std::vector<store::DocumentInfo> out = docs;
  for (store::DocumentInfo& d : out) {
    d.title = Mask(d.title, names);
    d.author = Mask(d.author, names);
    d.name = Mask(d.name, names);
    d.path = Mask(d.path, names);
  }
  return out;
}

}  // namespace cairn::exporter
