#include "server/redaction.h"

#include "export/redact.h"

namespace cairn::server {

FactBase Redact(const FactBase& facts, std::string_view secret, std::vector<std::string>* texts) {
  if (texts != nullptr && !texts->empty()) {
    // RedactDocuments masks titles with the facts' protected names: any text
    // carried as a title is masked the same way.
    std::vector<store::DocumentInfo> carriers(texts->size());
    for (size_t i = 0; i < texts->size(); ++i) carriers[i].title = std::move((*texts)[i]);
    carriers = exporter::RedactDocuments(carriers, facts);
    for (size_t i = 0; i < texts->size(); ++i) (*texts)[i] = std::move(carriers[i].title);
  }
  return exporter::Redact(facts, secret);
}

}  // namespace cairn::server
