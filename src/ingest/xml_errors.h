// Keeps libxml2's error reports off standard error.
//
// libxml2 reports errors through handlers that default to printing on
// standard error, and the parser options NOERROR and NOWARNING do not stop
// them all: an encoding conversion error (input sniffed as UCS-4 or UTF-16
// whose bytes do not convert) is raised without its parser context and goes
// to the generic handler. libxml2 2.9 has no per-context handler for these
// (xmlCtxtSetErrorHandler came in 2.13); its handlers are per thread, so a
// scope installs its own on the calling thread for as long as it lives and
// puts the previous ones back when it ends.
//
// Not thread-safe itself (it belongs to the thread that made it); scopes on
// different threads are independent, and scopes nest.
#pragma once

#include <string>

struct _xmlError;  // libxml2's xmlError, not included here

namespace cairn::ingest {

class LibxmlErrorScope {
 public:
  LibxmlErrorScope();
  ~LibxmlErrorScope();
  LibxmlErrorScope(const LibxmlErrorScope&) = delete;
  LibxmlErrorScope& operator=(const LibxmlErrorScope&) = delete;

  // Errors and warnings libxml2 reported on this thread while the scope
  // lived, and the first one's message (without its trailing newline).
  int reports() const { return reports_; }
  const std::string& first() const { return first_; }

 private:
  using StructuredFn = void (*)(void*, _xmlError*);
  using GenericFn = void (*)(void*, const char*, ...);
  static void OnStructured(void* self, _xmlError* error);
  static void OnGeneric(void* self, const char* format, ...);

  StructuredFn saved_structured_;
  void* saved_structured_context_;
  GenericFn saved_generic_;
  void* saved_generic_context_;
  int reports_ = 0;
  std::string first_;
};

}  // namespace cairn::ingest
