#include "annotate/annotate.h"

#include "annotate/internal.h"

namespace cairn::annotate {

namespace {
constexpr uint32_t kStride = 256;
}

std::optional<Format> FormatFromName(std::string_view name) {
  if (name == "conllu") return Format::kConllu;
  if (name == "brat") return Format::kBrat;
  if (name == "timeml") return Format::kTimeml;
  if (name == "json") return Format::kJson;
  return std::nullopt;
}

const char* FormatExtension(Format f) {
  switch (f) {
    case Format::kConllu:
      return "conllu";
    case Format::kBrat:
      return "ann";
    case Format::kTimeml:
      return "tml";
    case Format::kJson:
      return "json";
  }
  return "txt";
}

Status Write(const Document& doc, Format format, const WriteOptions& options, std::ostream& out) {
  if (!doc.syntax.empty() && doc.syntax.size() != doc.tokens.size())
    return Status::Internal(doc.name + ": syntax has " + std::to_string(doc.syntax.size()) +
                            " entries for " + std::to_string(doc.tokens.size()) + " tokens");
  switch (format) {
    case Format::kConllu:
      WriteConllu(doc, options, out);
      break;
    case Format::kBrat:
      WriteBrat(doc, out);
      break;
    case Format::kTimeml:
      WriteTimeml(doc, options, out);
      break;
    case Format::kJson:
      WriteJson(doc, options, out);
      break;
  }
  if (!out) return Status::IOError(doc.name + ": write failed");
  return Status::OK();
}

// A code point starts at every byte that is not a continuation byte (10xxxxxx).
CodePoints::CodePoints(std::string_view text) : text_(text) {
  checkpoints_.reserve(text.size() / kStride + 1);
  uint32_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i % kStride == 0) checkpoints_.push_back(n);
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  if (text.size() % kStride == 0) checkpoints_.push_back(n);
}

uint32_t CodePoints::At(uint32_t byte) const {
  uint32_t k = byte / kStride;
  uint32_t n = checkpoints_[k];
  for (uint32_t i = k * kStride; i < byte; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++n;
  return n;
}

std::vector<std::string> EntityTags(const Document& doc) {
  std::vector<std::string> tags(doc.tokens.size());
  for (const Mention& m : doc.mentions) {
    // The first token ending after the mention's start.
    auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), m.span.begin,
                               [](const Token& t, uint32_t off) { return t.span.end <= off; });
    const char* type = m.type == EntityType::kPerson         ? "PER"
                       : m.type == EntityType::kPlace        ? "LOC"
                       : m.type == EntityType::kOrganization ? "ORG"
                                                             : "MISC";
    size_t first = static_cast<size_t>(it - doc.tokens.begin());
    bool free = true;
    size_t last = first;
    for (; last < doc.tokens.size() && doc.tokens[last].span.begin < m.span.end; ++last)
      if (!tags[last].empty()) free = false;
    if (!free || last == first) continue;  // overlaps a mention already tagged
    for (size_t k = first; k < last; ++k) tags[k] = std::string(k == first ? "B-" : "I-") + type;
  }
  return tags;
}

}  // namespace cairn::annotate
