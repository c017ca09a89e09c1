// Server: `cairn serve`, the knowledge base in a browser.
//
// One process over the same store as the CLI: a JSON API under /api/ (the
// views' --json shapes, see README "The web API") and the browser front end
// from web/ (its pages, and d3, topojson-client and world-atlas from
// web/node_modules), all served by Cairn itself: no page asks anything of
// another host, and every response carries a Content-Security-Policy that
// forbids it (default-src 'self').
//
// Access: read-only unless an editor token or a users file (users.h) is
// given. A change (a correction, a conflict decision, an undo, an ingest) is
// a POST that must carry an editor's token in the X-Cairn-Token header and
// come from the server's own origin (Origin and Sec-Fetch-Site are checked
// when the browser sends them); every change is written to the store's audit
// log under the user's name. With a users file, every API request needs a
// listed user's token (GET /api/info excepted); a viewer's change is refused
// with 403. The users file is read again within a second of a change.
//
// Uploads (POST /api/ingest) are ingested on one background thread, a job at
// a time, with a store connection of its own (the store's lock makes it the
// one writer); GET /api/ingest/ID reports the job's progress. With `redact`, protected persons are
// withheld in every response (names become "[withheld ID]", masked in text).
//
// Thread-safety: a Server answers requests on a pool of threads; each request
// borrows a store connection of its own, and the resolved facts are an
// immutable snapshot replaced after every change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"

namespace cairn::server {

struct Options {
  std::string db;                  // the store file; must exist
  std::string bind = "127.0.0.1";  // address to listen on
  int port = 8080;                 // 0: any free port (see Server::port)
  std::string editor_token;        // "" = read-only
  std::string users_file;          // "" = none; see users.h
  bool redact = false;             // the partner view: protected identities withheld
  std::string web_root;            // web/: index.html, src/, node_modules/
  int threads = 32;                // request threads (one per keep-alive connection)
  // Each person's answers to the person page's API calls (person, timeline,
  // route, conflicts) computed once per snapshot of the facts, in the
  // background from the start and after every change, so that a request is
  // a lookup; a change recomputes only the persons whose answers it changes.
  // false: each request target computed when first asked (tests compare).
  bool precompute = true;
  // Precomputed answers this large or larger are kept gzip-compressed too,
  // and sent so to clients that accept gzip (browsers do).
  size_t gzip_min_bytes = 32u << 10;
  uint64_t max_upload_bytes = 64ull << 20;  // one POST /api/ingest, all files together
  uint64_t max_file_bytes = 32ull << 20;    // one uploaded file (as cairn ingest)
};

class Server {
 public:
  // Opens the store, loads the facts, binds and starts answering on a
  // background thread. Errors name the store or the address.
  static Result<std::unique_ptr<Server>> Start(const Options& options);
  virtual ~Server() = default;

  virtual int port() const = 0;
  // Stops answering and joins the background thread. Idempotent.
  virtual void Stop() = 0;

  // Options::precompute: waits until every person's answers for the facts
  // served now are computed (benches, tests), and says what was done.
  struct Warmth {
    size_t persons = 0;       // persons served now
    size_t carried_over = 0;  // persons whose answers the last change kept
    uint64_t computed = 0;    // persons' answers computed since the start
  };
  virtual Warmth WaitUntilWarm() = 0;
};

}  // namespace cairn::server
