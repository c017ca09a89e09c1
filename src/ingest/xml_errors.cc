#include "ingest/xml_errors.h"

#include <libxml/globals.h>
#include <libxml/xmlerror.h>

#include "core/ascii.h"

namespace cairn::ingest {

LibxmlErrorScope::LibxmlErrorScope()
    : saved_structured_(xmlStructuredError),
      saved_structured_context_(xmlStructuredErrorContext),
      saved_generic_(xmlGenericError),
      saved_generic_context_(xmlGenericErrorContext) {
  // The structured handler takes every report raised through libxml2's
  // error module (parser, HTML, encoding, I/O); the generic one the few
  // messages printed directly.
  xmlSetStructuredErrorFunc(this, OnStructured);
  xmlSetGenericErrorFunc(this, OnGeneric);
}

LibxmlErrorScope::~LibxmlErrorScope() {
  xmlSetStructuredErrorFunc(saved_structured_context_, saved_structured_);
  xmlSetGenericErrorFunc(saved_generic_context_, saved_generic_);
}

void LibxmlErrorScope::OnStructured(void* self, _xmlError* error) {
  auto* scope = static_cast<LibxmlErrorScope*>(self);
  if (scope->reports_++ == 0 && error != nullptr && error->message != nullptr) {
    scope->first_ = std::string(ascii::Trim(error->message));
  }
}

// The message is a format string with arguments, often a piece of a line;
// only the count matters here.
void LibxmlErrorScope::OnGeneric(void* self, const char*, ...) {
  ++static_cast<LibxmlErrorScope*>(self)->reports_;
}

}  // namespace cairn::ingest
