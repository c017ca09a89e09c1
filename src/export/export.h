// Export: writes the knowledge base in the formats others read.
//
//   WriteJsonl      the facts export of ../shared/spec/facts-format.md: one
//                   JSON object per line, kind = document, entity, event,
//                   conflict (in that order).
//   WriteEventsCsv  one row per (event, source), RFC 4180 quoting, for
//                   spreadsheets.
//
// The record serializers are public so tests and other writers (the server,
// views) produce byte-identical records. Stateless functions; thread-safe.
// `export` is a C++ keyword, hence the namespace name.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/facts.h"
#include "core/status.h"
#include "store/store.h"

namespace cairn::exporter {

// What an export withholds.
struct ExportOptions {
  bool redact = false;  // protected identities withheld (see redact.h)
  // This export only (`export --protect-all`; implies redact): every named
  // person withheld but those named in `allow` (any spelling, script or
  // order), and the analysts' protect / unprotect as always.
  bool protect_all = false;
  std::vector<std::string> allow;
};

// The documents and facts an export writes, from one read snapshot of
// `store`, with `options` applied.
Status LoadForExport(store::Store& store, const ExportOptions& options,
                     std::vector<store::DocumentInfo>* docs, FactBase* facts);

// Writes every current document, then the resolved facts, from `store`.
// Errors: the store's own, or an IOError when `out` fails.
// With `redact`, protected identities are withheld (see redact.h).
Status WriteJsonl(store::Store& store, std::ostream& out, bool redact = false);
// The same from values already in memory.
Status WriteJsonl(const std::vector<store::DocumentInfo>& docs, const FactBase& facts,
                  std::ostream& out);

// One row per event source (an event with no source still gets one row).
Status WriteEventsCsv(store::Store& store, std::ostream& out, bool redact = false);
Status WriteEventsCsv(const std::vector<store::DocumentInfo>& docs, const FactBase& facts,
                      std::ostream& out);

// One JSON line each (no trailing newline). Absent values are JSON null,
// dates are YYYY-MM-DD, geo is [lat, lon] or null.
std::string DocumentJson(const store::DocumentInfo& doc);
std::string EntityJson(const EntityRecord& e);
std::string EventJson(const EventRecord& e);
std::string ConflictJson(const ConflictRecord& c);

// The CSV header line's fields, in order.
const std::vector<std::string>& EventsCsvColumns();
// One RFC 4180 field: quoted (with doubled quotes) when it holds a comma,
// quote, CR or LF, or starts/ends with a space; as is otherwise.
std::string CsvField(std::string_view v);

}  // namespace cairn::exporter
