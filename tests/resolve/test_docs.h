// Hand-built Documents with extraction results, for resolver and view tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace cairn::testing {

inline Document MakeDoc(std::string id, std::string name, std::string text) {
  Document d;
  d.id = std::move(id);
  d.name = std::move(name);
  d.text = std::move(text);
  // One sentence per '.'-terminated stretch.
  uint32_t start = 0;
  for (uint32_t i = 0; i < d.text.size(); ++i) {
    if (d.text[i] == '.' || i + 1 == d.text.size()) {
      Sentence s;
      s.span = Span{start, i + 1};
      d.sentences.push_back(s);
      start = i + 1;
      while (start < d.text.size() && d.text[start] == ' ') ++start;
    }
  }
  return d;
}

inline Span Find(const Document& d, std::string_view needle) {
  size_t p = d.text.find(needle);
  if (p == std::string::npos) return Span{0, 0};
  return Span{static_cast<uint32_t>(p), static_cast<uint32_t>(p + needle.size())};
}

inline int32_t AddPerson(Document* d, std::string name, std::vector<std::string> aliases = {},
                         std::string surname = {}, std::string given = {}) {
  LocalEntity e;
  e.type = EntityType::kPerson;
  e.name = std::move(name);
  e.aliases = std::move(aliases);
  int32_t idx = static_cast<int32_t>(d->entities.size());
  Span sp = Find(*d, e.name);
  if (!sp.empty()) {
    Mention m;
    m.type = EntityType::kPerson;
    m.span = sp;
    m.entity = idx;
    m.surname = std::move(surname);
    m.given = std::move(given);
    e.mentions.push_back(static_cast<uint32_t>(d->mentions.size()));
    d->mentions.push_back(m);
  }
  d->entities.push_back(std::move(e));
  return idx;
}

inline int32_t AddPlace(Document* d, std::string name, std::string country, std::string kind,
                        int32_t gazetteer = -1, double lat = 0, double lon = 0) {
  LocalEntity e;
  e.type = EntityType::kPlace;
  e.name = std::move(name);
  e.country = std::move(country);
  e.place_kind = std::move(kind);
  e.gazetteer = gazetteer;
  if (lat != 0 || lon != 0) {
    e.lat = lat;
    e.lon = lon;
  }
  d->entities.push_back(std::move(e));
  return static_cast<int32_t>(d->entities.size() - 1);
}

inline int32_t AddThing(Document* d, EntityType t, std::string name) {
  LocalEntity e;
  e.type = t;
  e.name = std::move(name);
  d->entities.push_back(std::move(e));
  return static_cast<int32_t>(d->entities.size() - 1);
}

// An event whose quote is the sentence holding `quote`.
inline EventMention& AddEvent(Document* d, std::string type, int32_t subject, DateInterval date,
                              std::string_view quote) {
  EventMention m;
  m.type = std::move(type);
  m.subject = subject;
  m.date = std::move(date);
  Span q = Find(*d, quote);
  m.sentence = static_cast<uint32_t>(std::max(0, d->SentenceAt(q.begin)));
  m.quote = d->sentences.empty() ? q : d->sentences[m.sentence].span;
  d->events.push_back(m);
  return d->events.back();
}

// The documents as the resolver takes them.
inline std::vector<const Document*> Pointers(const std::vector<Document>& docs) {
  std::vector<const Document*> out;
  for (const auto& d : docs) out.push_back(&d);
  return out;
}

}  // namespace cairn::testing
