#include "export/export.h"

#include <map>
#include <nlohmann/json.hpp>

#include "export/redact.h"
#include "resolve/resolve.h"

namespace cairn::exporter {
namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

// Never throws: invalid UTF-8 in stored text becomes U+FFFD.
std::string Dump(const ordered& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

ordered OrNull(const std::string& s) { return s.empty() ? ordered(nullptr) : ordered(s); }
ordered DayOrNull(const std::optional<Day>& d) {
  return d ? ordered(FormatDay(*d)) : ordered(nullptr);
}

ordered DateJson(const DateInterval& d) {
  ordered o;
  o["text"] = OrNull(d.text);
  o["earliest"] = DayOrNull(d.earliest);
  o["latest"] = DayOrNull(d.latest);
  return o;
}

ordered SourcesJson(const std::vector<SourceRef>& sources) {
  ordered a = ordered::array();
  for (const SourceRef& s : sources) {
    ordered o;
    o["doc"] = s.doc;
    o["start"] = s.start;
    o["end"] = s.end;
    o["quote"] = s.quote;
    // Added to the facts format: the 1-based page (null when the document
    // has no pages) and, for text read by OCR, "ocr": true.
    o["page"] = s.page > 0 ? ordered(s.page) : ordered(nullptr);
    if (s.ocr) o["ocr"] = true;
    a.push_back(std::move(o));
  }
  return a;
}

Status CheckStream(const std::ostream& out) {
  return out.good() ? Status::OK() : Status::IOError("writing the export failed");
}

}  // namespace

std::string DocumentJson(const store::DocumentInfo& doc) {
  ordered o;
  o["kind"] = "document";
  o["id"] = doc.id;
  o["name"] = doc.name;
  o["title"] = OrNull(doc.title);
  o["date"] = DayOrNull(doc.date);
  o["language"] = doc.language.empty() ? std::string("und") : doc.language;
  o["sha256"] = doc.sha256;
  o["author"] = OrNull(doc.author);
  o["version"] = doc.version;
  o["format"] = OrNull(doc.format);
  o["bytes"] = doc.text_bytes;
  o["pages"] = doc.pages > 0 ? ordered(doc.pages) : ordered(nullptr);
  o["parent"] = OrNull(doc.parent);
  return Dump(o);
}

std::string EntityJson(const EntityRecord& e) {
  ordered o;
  o["kind"] = "entity";
  o["id"] = e.id;
  o["type"] = EntityTypeName(e.type);
  o["name"] = e.name;
  o["aliases"] = e.aliases;
  o["docs"] = e.docs;
  o["country"] = OrNull(e.country);
  o["place_kind"] = OrNull(e.place_kind);
  if (e.lat && e.lon) {
    o["geo"] = ordered::array({*e.lat, *e.lon});
  } else {
    o["geo"] = nullptr;
  }
  o["protected"] = e.protected_identity;
  return Dump(o);
}

std::string EventJson(const EventRecord& e) {
  ordered o;
  o["kind"] = "event";
  o["id"] = e.id;
  o["type"] = e.type;
  o["subject"] = e.subject;
  o["date"] = DateJson(e.date);
  o["place"] = OrNull(e.place);
  o["from"] = OrNull(e.from);
  o["to"] = OrNull(e.to);
  o["via"] = OrNull(e.via);
  o["object"] = OrNull(e.object);
  o["detail"] = OrNull(e.detail);
  o["sources"] = SourcesJson(e.sources);
  o["attributed_to"] = OrNull(e.attributed_to);
  o["hedged"] = e.hedged;
  return Dump(o);
}

std::string ConflictJson(const ConflictRecord& c) {
  ordered o;
  o["kind"] = "conflict";
  o["id"] = c.id;
  o["subject"] = c.subject;
  o["type"] = c.type;
  o["field"] = c.field;
  ordered claims = ordered::array();
  for (const ConflictRecord::Claim& cl : c.claims) {
    ordered x;
    x["value"] = cl.value;
    x["events"] = cl.events;
    x["sources"] = SourcesJson(cl.sources);
    claims.push_back(std::move(x));
  }
  o["claims"] = std::move(claims);
  o["explanation"] = c.explanation;
  return Dump(o);
}

Status WriteJsonl(const std::vector<store::DocumentInfo>& docs, const FactBase& facts,
                  std::ostream& out) {
  for (const store::DocumentInfo& d : docs) out << DocumentJson(d) << '\n';
  for (const EntityRecord& e : facts.entities) out << EntityJson(e) << '\n';
  for (const EventRecord& e : facts.events) out << EventJson(e) << '\n';
  for (const ConflictRecord& c : facts.conflicts) out << ConflictJson(c) << '\n';
  out.flush();
  return CheckStream(out);
}

Status LoadForExport(store::Store& store, const ExportOptions& options,
                     std::vector<store::DocumentInfo>* docs, FactBase* facts) {
  // One snapshot: documents and facts as one ingest left them, even while
  // another process ingests.
  CAIRN_RETURN_IF_ERROR(store.BeginRead());
  auto d = store.ListDocuments();
  auto f = d.ok() ? store.LoadFacts() : Result<FactBase>(d.status());
  const bool redact = options.redact || options.protect_all;
  auto key = redact && f.ok() ? store.LoadRedaction()
                              : Result<store::RedactionSettings>(store::RedactionSettings{});
  auto prot = options.protect_all && key.ok() ? store.LoadProtections()
                                              : Result<std::vector<std::pair<std::string, bool>>>(
                                                    std::vector<std::pair<std::string, bool>>{});
  CAIRN_RETURN_IF_ERROR(store.EndRead());
  if (!d.ok()) return d.status();
  if (!f.ok()) return f.status();
  if (!key.ok()) return key.status();
  if (!prot.ok()) return prot.status();
  if (options.protect_all) {
    resolve::ProtectAll(&*f, options.allow);
    resolve::ApplyProtections(&*f, *prot);
  }
  *docs = redact ? RedactDocuments(*d, *f) : std::move(*d);
  *facts = redact ? Redact(*f, key->secret) : std::move(*f);
  return Status::OK();
}

Status WriteJsonl(store::Store& store, std::ostream& out, bool redact) {
  std::vector<store::DocumentInfo> docs;
  FactBase facts;
  ExportOptions options;
  options.redact = redact;
  CAIRN_RETURN_IF_ERROR(LoadForExport(store, options, &docs, &facts));
  return WriteJsonl(docs, facts, out);
}

const std::vector<std::string>& EventsCsvColumns() {
  static const std::vector<std::string> kColumns = {
      "event_id",  "type",          "subject_id",   "subject",     "date_text",
      "earliest",  "latest",        "place",        "from",        "to",
      "via",       "object",        "detail",       "hedged",      "attributed_to",
      "doc_id",    "doc_name",      "start",        "end",         "quote",
      "page"};
  return kColumns;
}

std::string CsvField(std::string_view v) {
  bool quote = !v.empty() && (v.front() == ' ' || v.back() == ' ');
  for (char c : v) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

Status WriteEventsCsv(const std::vector<store::DocumentInfo>& docs, const FactBase& facts,
                      std::ostream& out) {
  std::map<std::string, const EntityRecord*, std::less<>> entities;
  for (const EntityRecord& e : facts.entities) entities[e.id] = &e;
  std::map<std::string, std::string, std::less<>> doc_names;
  for (const store::DocumentInfo& d : docs) doc_names[d.id] = d.name;
  // Entity columns show the display name; the subject also gets its id.
  auto name = [&](const std::string& id) -> std::string {
    if (id.empty()) return {};
    auto it = entities.find(id);
    return it == entities.end() ? id : it->second->name;
  };
  auto write_row = [&](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out << ',';
      out << CsvField(fields[i]);
    }
    out << "\r\n";  // RFC 4180 line ends
  };
  write_row(EventsCsvColumns());
  for (const EventRecord& e : facts.events) {
    std::vector<std::string> base = {
        e.id,
        e.type,
        e.subject,
        name(e.subject),
        e.date.text,
        e.date.earliest ? FormatDay(*e.date.earliest) : std::string(),
        e.date.latest ? FormatDay(*e.date.latest) : std::string(),
        name(e.place),
        name(e.from),
        name(e.to),
        name(e.via),
        name(e.object),
        e.detail,
        e.hedged ? "true" : "false",
        name(e.attributed_to)};
    std::vector<SourceRef> sources = e.sources;
    if (sources.empty()) sources.emplace_back();
    for (const SourceRef& s : sources) {
      std::vector<std::string> row = base;
      auto dn = doc_names.find(s.doc);
      row.push_back(s.doc);
      row.push_back(dn == doc_names.end() ? std::string() : dn->second);
      row.push_back(s.doc.empty() ? std::string() : std::to_string(s.start));
      row.push_back(s.doc.empty() ? std::string() : std::to_string(s.end));
      row.push_back(s.quote);
      row.push_back(s.page > 0 ? std::to_string(s.page) : std::string());
      write_row(row);
    }
  }
  out.flush();
  return CheckStream(out);
}

Status WriteEventsCsv(store::Store& store, std::ostream& out, bool redact) {
  std::vector<store::DocumentInfo> docs;
  FactBase facts;
  ExportOptions options;
  options.redact = redact;
  CAIRN_RETURN_IF_ERROR(LoadForExport(store, options, &docs, &facts));
  return WriteEventsCsv(docs, facts, out);
}

}  // namespace cairn::exporter
