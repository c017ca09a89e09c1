// The JSON API of `cairn serve`, started in process on 127.0.0.1 with a free
// port, over a store of the five example documents plus tests/testdata/web
// (a person two documents disagree about, and a document with hostile markup).
#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/ingest_runner.h"
#include "cli/progress.h"
#include "core/event_types.h"
#include "resolve/resolve.h"
#include "server/users.h"
#include "store/store.h"
#include "views/views.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char kToken[] = "s3cret-token";

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("cairn-server-test-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    Build(Db());
  }
  // A store of the test documents at `path`.
  static void Build(const std::string& path) {
    auto st = store::Store::Open(path);
    ASSERT_TRUE(st.ok()) << st.status().message();
    auto progress = cli::MakeProgress(/*quiet=*/true, stderr);
    auto sum = cli::RunIngest(**st,
                              {std::string(CAIRN_SOURCE_DIR) + "/examples/documents",
                               std::string(CAIRN_SOURCE_DIR) + "/tests/testdata/web"},
                              cli::DefaultStages({}), *progress);
    ASSERT_TRUE(sum.ok() && sum->ok());
  }
  // A store of its own for a test that changes it.
  std::string Fresh(const std::string& name) {
    const std::string path = (*dir_ / (name + ".db")).string();
    Build(path);
    db_ = path;
    return path;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string Db() { return (*dir_ / "kb.db").string(); }
  std::string db_ = Db();   // what Start serves
  bool precompute_ = true;  // what Start asks for

  std::unique_ptr<server::Server> Start(bool editable, bool redact = false,
                                        const std::string& users = "",
                                        uint64_t max_upload = 64ull << 20) {
    server::Options o;
    o.db = db_;
    o.port = 0;
    o.threads = 4;
    o.redact = redact;
    o.users_file = users;
    o.max_upload_bytes = max_upload;
    o.precompute = precompute_;
    if (editable) o.editor_token = kToken;
    auto s = server::Server::Start(o);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return s.ok() ? std::move(*s) : nullptr;
  }
  static json Get(httplib::Client& c, const std::string& path, int want = 200) {
    auto r = c.Get(path);
    EXPECT_TRUE(r) << path;
    if (!r) return nullptr;
    EXPECT_EQ(r->status, want) << path << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  static httplib::Result Post(httplib::Client& c, const std::string& path, const json& body,
                              httplib::Headers headers = {{"X-Cairn-Token", kToken}}) {
    return c.Post(path, headers, body.dump(), "application/json");
  }
  static std::string PersonId(httplib::Client& c, const std::string& name) {
    for (const json& p : Get(c, "/api/people"))
      if (p["name"] == name) return p["id"];
    return "";
  }

  static fs::path* dir_;
};
fs::path* ServerTest::dir_ = nullptr;

TEST_F(ServerTest, ViewsAreTheCliJsonShapes) {
  auto srv = Start(false);
  httplib::Client c("127.0.0.1", srv->port());
  auto st = store::Store::Open(Db());
  auto facts = (*st)->LoadFacts();
  EXPECT_EQ(Get(c, "/api/people?limit=0"), json::parse(*views::People(*facts, true)));
  const std::string han = PersonId(c, "Han Mi-rae");
  ASSERT_FALSE(han.empty());
  json person = Get(c, "/api/person/" + han);
  json cli = json::parse(*views::Person(*facts, han, true));
  EXPECT_EQ(person["events"], cli["events"]);
  EXPECT_EQ(person["docs"].size(), 2u);
  ASSERT_EQ(person["conflicts"].size(), 1u);
  EXPECT_TRUE(person["conflicts"][0]["decision"].is_null());
  // A name in any spelling finds the person, as in the CLI.
  EXPECT_EQ(Get(c, "/api/person/Han%20Mi-rae")["id"], han);
  EXPECT_EQ(Get(c, "/api/timeline/" + han)["events"].size(), person["events"].size());
  json route = Get(c, "/api/route/" + han);
  EXPECT_GE(route["stops"].size(), 3u);
  EXPECT_TRUE(Get(c, "/api/person/Nobody%20At-all", 404).contains("error"));
}

// The front end takes its event types (the search filter, the route's
// movements) from here: the engine's table, data/event_types.tsv.
TEST_F(ServerTest, EventTypesAreTheEnginesTable) {
  auto srv = Start(false);
  httplib::Client c("127.0.0.1", srv->port());
  json types = Get(c, "/api/event-types");
  ASSERT_TRUE(types.is_array());
  ASSERT_EQ(types.size(), EventTypes().size());
  std::set<std::string> moves;
  for (size_t i = 0; i < types.size(); ++i) {
    const EventTypeInfo& t = EventTypes()[i];
    EXPECT_EQ(types[i]["type"], t.type);
    EXPECT_EQ(types[i]["movement"], t.movement) << t.type;
    EXPECT_EQ(types[i]["state"], t.state) << t.type;
    EXPECT_EQ(types[i]["roles"], json(t.roles)) << t.type;
    EXPECT_EQ(types[i]["verb"], t.verb) << t.type;
    if (types[i]["movement"] == true) moves.insert(types[i]["type"]);
  }
  EXPECT_EQ(types[0]["occurrence"], "once") << "birth happens once";
  EXPECT_TRUE(moves.count("border_crossing") && !moves.count("arrest"));
}

TEST_F(ServerTest, EveryResponseForbidsExternalContent) {
  auto srv = Start(false);
  httplib::Client c("127.0.0.1", srv->port());
  for (const char* path : {"/", "/api/people", "/api/nothing-here"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r);
    const std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("http"), std::string::npos) << "no other host is allowed: " << csp;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  }
  // Only the front end's own files are served.
  EXPECT_EQ(c.Get("/src/../../CMakeLists.txt")->status, 404);
  EXPECT_EQ(c.Get("/vendor/anything.js")->status, 404);
  EXPECT_EQ(c.Get("/src/app.js")->status, 200);
}

TEST_F(ServerTest, SearchUnderstandsPhrasesOrNotAndFilters) {
  auto srv = Start(false);
  httplib::Client c("127.0.0.1", srv->port());
  auto count = [&](const std::string& q) {
    return Get(c, "/api/search?q=" + httplib::detail::encode_query_param(q))["hits"].size();
  };
  const size_t words = count("crossed the Tumen River");
  const size_t phrase = count("\"crossed the Tumen River\"");
  EXPECT_GT(phrase, 0u);
  EXPECT_LT(phrase, words);
  EXPECT_EQ(count("Yanji OR Hamhung"), count("Yanji") + count("Hamhung") - count("Yanji Hamhung"));
  EXPECT_EQ(count("Tumen NOT arrested"), count("Tumen") - count("Tumen arrested"));
  EXPECT_EQ(count("repatri*"), count("repatriated OR repatriation OR repatriates OR repatriate"));
  // Filters: the documents that state a matching event.
  const std::string han = PersonId(c, "Han Mi-rae");
  json hits = Get(c, "/api/search?q=Tumen&person=" + han)["hits"];
  EXPECT_EQ(hits.size(), 2u);
  json births = Get(c, "/api/search?type=birth&from=1979&to=1981")["hits"];
  ASSERT_FALSE(births.empty());
  for (const json& h : births) EXPECT_NE(h["doc"], "d6") << "d6 dates the birth 1983";
  Get(c, "/api/search?q=%22%22", 400);
}

TEST_F(ServerTest, PeopleAndSearchArePagedWithTotals) {
  auto srv = Start(false);
  httplib::Client c("127.0.0.1", srv->port());
  auto st = store::Store::Open(Db());
  auto facts = (*st)->LoadFacts();
  json all = json::parse(*views::People(*facts, true));
  ASSERT_GE(all.size(), 4u);
  // A page is a slice of the CLI's list, the whole count in X-Total-Count.
  auto r = c.Get("/api/people?offset=1&limit=2");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("X-Total-Count"), std::to_string(all.size()));
  json page = json::parse(r->body);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0], all[1]);
  EXPECT_EQ(page[1], all[2]);
  // Filtered by a part of a name or alias, sorted by name.
  r = c.Get("/api/people?filter=MI-RAE&sort=name");
  ASSERT_TRUE(r);
  json han = json::parse(r->body);
  ASSERT_EQ(han.size(), 1u);
  EXPECT_EQ(han[0]["name"], "Han Mi-rae");
  EXPECT_EQ(r->get_header_value("X-Total-Count"), "1");
  json by_name = Get(c, "/api/people?sort=name&limit=0");
  ASSERT_EQ(by_name.size(), all.size());
  for (size_t i = 1; i < by_name.size(); ++i)
    EXPECT_LE(by_name[i - 1]["name"].get<std::string>(), by_name[i]["name"].get<std::string>());
  Get(c, "/api/people?sort=height", 400);
  // Search: the total, and pages that continue each other.
  json one = Get(c, "/api/search?q=crossed&limit=1");
  ASSERT_EQ(one["hits"].size(), 1u);
  EXPECT_TRUE(one["total_exact"].get<bool>());
  const int total = one["total"];
  EXPECT_GE(total, 3);
  json rest = Get(c, "/api/search?q=crossed&limit=50&offset=1");
  EXPECT_EQ(rest["hits"].size(), static_cast<size_t>(total - 1));
  for (const json& h : rest["hits"]) EXPECT_NE(h["doc"], one["hits"][0]["doc"]);
}

TEST_F(ServerTest, DocumentSegmentsRebuildTheTextAndMarkEvents) {
  auto srv = Start(false);
  httplib::Client c("127.0.0.1", srv->port());
  auto st = store::Store::Open(Db());
  auto info = (*st)->FindDocument("hostile_markup_note.html");
  ASSERT_TRUE(info.ok());
  auto doc = (*st)->LoadDocument(info->id, false);
  json d = Get(c, "/api/document/" + info->id);
  std::string text;
  bool event_seen = false;
  for (const json& s : d["segments"]) {
    EXPECT_EQ(s["o"].get<size_t>(), text.size()) << "byte offsets follow the text";
    text += s["t"].get<std::string>();
    if (s.contains("ev")) event_seen = true;
  }
  EXPECT_EQ(text, doc->text);
  EXPECT_TRUE(event_seen);
  EXPECT_EQ(d["versions"].size(), 1u);
  // The markup is data in a JSON string, never HTML.
  auto raw = c.Get("/api/document/" + info->id);
  EXPECT_EQ(raw->get_header_value("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(ServerTest, ChangesNeedTheTokenAndTheSameOrigin) {
  {
    auto ro = Start(false);
    httplib::Client c("127.0.0.1", ro->port());
    auto r = Post(c, "/api/undo", {{"id", "c1"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << "read-only by default";
  }
  auto srv = Start(true);
  httplib::Client c("127.0.0.1", srv->port());
  EXPECT_EQ(Post(c, "/api/undo", {{"id", "c1"}}, {})->status, 401);
  EXPECT_EQ(Post(c, "/api/undo", {{"id", "c1"}}, {{"X-Cairn-Token", "wrong-token!"}})->status, 401);
  EXPECT_EQ(Post(c, "/api/undo", {{"id", "c1"}},
                 {{"X-Cairn-Token", kToken}, {"Origin", "http://evil.example"}})
                ->status,
            403);
  EXPECT_EQ(Post(c, "/api/undo", {{"id", "c1"}},
                 {{"X-Cairn-Token", kToken}, {"Sec-Fetch-Site", "cross-site"}})
                ->status,
            403);
  const std::string origin = "http://127.0.0.1:" + std::to_string(srv->port());
  auto ok =
      Post(c, "/api/undo", {{"id", "c999"}},
           {{"X-Cairn-Token", kToken}, {"Origin", origin}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(ok->status, 404) << "allowed through, and c999 does not exist: " << ok->body;
}

TEST_F(ServerTest, ConflictDecisionPersistsAcrossReResolutionAndIsAudited) {
  Fresh("decision");
  auto srv = Start(true);
  httplib::Client c("127.0.0.1", srv->port());
  json conflicts = Get(c, "/api/conflicts");
  ASSERT_EQ(conflicts.size(), 1u);
  const std::string id = conflicts[0]["id"];
  const std::string side = conflicts[0]["claims"][0]["value"];
  EXPECT_EQ(Post(c, "/api/decision", {{"conflict", id}, {"decision", "accept"}, {"value", "1492"}})
                ->status,
            400)
      << "only a side of the conflict can be accepted";
  auto r = Post(c, "/api/decision",
                {{"conflict", id}, {"decision", "accept"}, {"value", side}, {"note", "registry"}});
  ASSERT_EQ(r->status, 200) << r->body;
  json decided = Get(c, "/api/conflicts")[0]["decision"];
  EXPECT_EQ(decided["decision"], "accept");
  EXPECT_EQ(decided["value"], side);
  EXPECT_EQ(decided["note"], "registry");
  json audit = Get(c, "/api/audit");
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0]["action"], "decision");
  // The facts shown follow the decision: the accepted side's events are
  // marked accepted, the other side's rejected, in the person, the timeline
  // and the route (which leaves them out of its stops).
  const json& claims = conflicts[0]["claims"];
  ASSERT_EQ(claims.size(), 2u);
  const std::string kept = claims[0]["events"][0], dropped = claims[1]["events"][0];
  const std::string subject = conflicts[0]["subject"]["id"];
  auto marks = [&](httplib::Client& cl, const std::string& view) {
    std::map<std::string, std::string> out;  // event -> accepted | rejected
    const json body = Get(cl, "/api/" + view + "/" + subject);
    for (const json& ev : body["events"]) {
      if (ev.contains("accepted")) out[ev["id"]] = "accepted";
      if (ev.contains("rejected")) out[ev["id"]] = "rejected";
    }
    return out;
  };
  for (const char* view : {"person", "timeline"}) {
    auto m = marks(c, view);
    EXPECT_EQ(m[kept], "accepted") << view;
    EXPECT_EQ(m[dropped], "rejected") << view;
    EXPECT_EQ(m.size(), 2u) << view;
  }
  json route = Get(c, "/api/route/" + subject);
  ASSERT_EQ(route["rejected"].size(), 1u);
  EXPECT_EQ(route["rejected"][0]["id"], dropped);
  srv->Stop();
  // Re-resolution (what every ingest does) keeps the decision.
  {
    auto st = store::Store::Open(db_);
    ASSERT_TRUE(resolve::UpdateStore(st->get()).ok());
  }
  srv = Start(true);
  httplib::Client c2("127.0.0.1", srv->port());
  const std::string han = PersonId(c2, "Han Mi-rae");
  EXPECT_EQ(Get(c2, "/api/person/" + han)["conflicts"][0]["decision"]["note"], "registry");
  // The accepted value still shows after re-resolution.
  {
    auto m = marks(c2, "person");
    EXPECT_EQ(m.size(), 2u);
    std::set<std::string> values;
    const json person = Get(c2, "/api/person/" + han);
    for (const json& ev : person["events"])
      if (ev.contains("accepted")) values.insert(ev["date"]["display"].get<std::string>());
    EXPECT_EQ(values, std::set<std::string>{side}) << "the accepted birth date is " << side;
  }
  // Undo takes it back.
  const std::string rid = decided["id"];
  ASSERT_EQ(Post(c2, "/api/undo", {{"id", rid}})->status, 200);
  EXPECT_TRUE(Get(c2, "/api/conflicts")[0]["decision"].is_null());
  EXPECT_TRUE(marks(c2, "timeline").empty()) << "an undone decision marks nothing";
  json list = Get(c2, "/api/corrections");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_FALSE(list[0]["undone_at"].is_null());
  srv->Stop();
}

TEST_F(ServerTest, SplitThenMergeBackThenUndo) {
  Fresh("split");
  auto srv = Start(true);
  httplib::Client c("127.0.0.1", srv->port());
  const std::string han = PersonId(c, "Han Mi-rae");
  const std::string doc = Get(c, "/api/person/" + han)["docs"][0];
  auto r = Post(c, "/api/split", {{"entity", han}, {"doc", doc}});
  ASSERT_EQ(r->status, 200) << r->body;
  std::vector<std::string> ids;
  for (const json& p : Get(c, "/api/people"))
    if (p["name"] == "Han Mi-rae") ids.push_back(p["id"]);
  ASSERT_EQ(ids.size(), 2u) << "the split made two persons";
  r = Post(c, "/api/merge", {{"a", ids[0]}, {"b", ids[1]}});
  ASSERT_EQ(r->status, 200) << r->body;
  size_t n = 0;
  for (const json& p : Get(c, "/api/people")) n += p["name"] == "Han Mi-rae";
  EXPECT_EQ(n, 1u) << "merging the split-off part back makes one person again";
  json list = Get(c, "/api/corrections");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["author"], "editor");
  EXPECT_EQ(list[0]["kind"], "merge") << "newest first";
  // Undoing the merge splits them again; undoing the split too makes one.
  ASSERT_EQ(Post(c, "/api/undo", {{"id", list[0]["id"]}})->status, 200);
  n = 0;
  for (const json& p : Get(c, "/api/people")) n += p["name"] == "Han Mi-rae";
  EXPECT_EQ(n, 2u);
  ASSERT_EQ(Post(c, "/api/undo", {{"id", list[1]["id"]}})->status, 200);
  n = 0;
  for (const json& p : Get(c, "/api/people")) n += p["name"] == "Han Mi-rae";
  EXPECT_EQ(n, 1u);
  EXPECT_EQ(Post(c, "/api/undo", {{"id", list[1]["id"]}})->status, 400) << "undone already";
  srv->Stop();
}

TEST_F(ServerTest, RedactedServerNamesNoProtectedPerson) {
  auto plain = Start(false);
  httplib::Client pc("127.0.0.1", plain->port());
  std::vector<std::string> names, ids, docs;
  for (const json& p : Get(pc, "/api/people")) {
    if (!p["protected"].get<bool>()) continue;
    ids.push_back(p["id"]);
    names.push_back(p["name"]);
    for (const json& a : p["aliases"])
      if (a.get<std::string>().size() > 2) names.push_back(a);
    // (A named value: a range-for over a member of a temporary reads freed memory.)
    const json person = Get(pc, "/api/person/" + ids.back());
    for (const json& d : person["docs"]) docs.push_back(d);
  }
  ASSERT_FALSE(names.empty()) << "the examples hold a protected person";
  auto srv = Start(false, /*redact=*/true);
  httplib::Client c("127.0.0.1", srv->port());
  std::vector<std::string> paths = {"/api/people", "/api/conflicts", "/api/documents",
                                    "/api/places", "/api/search?q=said"};
  for (const auto& id : ids) {
    paths.push_back("/api/person/" + id);
    paths.push_back("/api/timeline/" + id);
  }
  for (const auto& d : docs) paths.push_back("/api/document/" + d);
  for (const std::string& path : paths) {
    auto r = c.Get(path);
    ASSERT_TRUE(r);
    for (const std::string& n : names)
      EXPECT_EQ(r->body.find(n), std::string::npos) << path << " names " << n;
  }
  // A keyed pseudonym, the same on every page, and not the id.
  const std::string pseudonym = Get(c, "/api/person/" + ids[0])["name"];
  EXPECT_EQ(pseudonym.rfind("Person-", 0), 0u) << pseudonym;
  EXPECT_EQ(pseudonym.find(ids[0]), std::string::npos) << pseudonym;
  bool listed = false;
  for (const json& p : Get(c, "/api/people")) listed |= p["name"] == pseudonym;
  EXPECT_TRUE(listed) << pseudonym;
}

// Every person's answers to the person page's four calls, and pages of the
// people list, by path: status, body and X-Total-Count as sent.
std::map<std::string, std::string> PersonPageAnswers(httplib::Client& c) {
  std::map<std::string, std::string> out;
  for (const char* path :
       {"/api/people?limit=0", "/api/people?sort=name&reverse=1&limit=0",
        "/api/people?filter=HAN&sort=docs", "/api/people?offset=2&limit=3&sort=conflicts"}) {
    auto r = c.Get(path);
    out[path] =
        r ? std::to_string(r->status) + " " + r->get_header_value("X-Total-Count") + " " + r->body
          : "no answer";
  }
  auto people = c.Get("/api/people?limit=0");
  if (!people) return out;
  for (const json& p : json::parse(people->body)) {
    const std::string id = p["id"];
    for (const std::string& path : {"/api/person/" + id, "/api/timeline/" + id, "/api/route/" + id,
                                    "/api/conflicts?person=" + id}) {
      auto r = c.Get(path);
      out[path] = r ? std::to_string(r->status) + " " + r->body : "no answer";
    }
  }
  return out;
}

// The person page's answers are computed once per person, from the person's
// slice of the facts, and a change recomputes only the persons it changes;
// the people list comes from rows made once (PeopleTable): after every kind
// of correction each answer is byte for byte the one a server computing it
// from all the facts gives.
TEST_F(ServerTest, PrecomputedPersonAnswersEqualComputedOnesAfterEveryCorrection) {
  Fresh("precompute");
  auto srv = Start(true);
  ASSERT_TRUE(srv);
  httplib::Client c("127.0.0.1", srv->port());
  // The answers of `srv`, checked against a server that computes each.
  auto answers = [&](const std::string& after) {
    precompute_ = false;
    auto computing = Start(false);
    precompute_ = true;
    httplib::Client cc("127.0.0.1", computing->port());
    const auto want = PersonPageAnswers(cc);
    const auto got = PersonPageAnswers(c);
    EXPECT_GE(want.size(), 4u + 4u * 4u) << after;
    EXPECT_EQ(got.size(), want.size()) << after;
    for (const auto& [path, body] : want) {
      auto it = got.find(path);
      EXPECT_TRUE(it != got.end() && it->second == body) << after << ": " << path;
      EXPECT_EQ(body.rfind("200 ", 0), 0u) << after << ": " << path << ": " << body;
    }
    computing->Stop();
    return got;
  };
  const server::Server::Warmth w0 = srv->WaitUntilWarm();
  EXPECT_GT(w0.persons, 3u);
  EXPECT_EQ(w0.computed, w0.persons) << "each person's answers computed once, at the start";
  const auto before = answers("at the start");
  EXPECT_EQ(srv->WaitUntilWarm().computed, w0.computed) << "requests only looked answers up";

  // A conflict decision changes one person's answers: the others are kept.
  json conflicts = Get(c, "/api/conflicts");
  ASSERT_EQ(conflicts.size(), 1u);
  const std::string subject = conflicts[0]["subject"]["id"];
  auto r = Post(c, "/api/decision",
                {{"conflict", conflicts[0]["id"]},
                 {"decision", "accept"},
                 {"value", conflicts[0]["claims"][0]["value"]}});
  ASSERT_EQ(r->status, 200) << r->body;
  const server::Server::Warmth w1 = srv->WaitUntilWarm();
  EXPECT_EQ(w1.carried_over, w1.persons - 1);
  EXPECT_EQ(w1.computed, w0.computed + 1);
  const auto decided = answers("after a decision");
  for (const char* path :
       {"/api/person/", "/api/timeline/", "/api/route/", "/api/conflicts?person="})
    EXPECT_NE(decided.at(path + subject), before.at(path + subject)) << path;
  EXPECT_NE(decided.at("/api/person/" + subject).find("\"accepted\""), std::string::npos);

  // A split and a merge re-resolve; the undo of the decision takes it back.
  const std::string han = PersonId(c, "Han Mi-rae");
  const std::string doc = Get(c, "/api/person/" + han)["docs"][0];
  ASSERT_EQ(Post(c, "/api/split", {{"entity", han}, {"doc", doc}})->status, 200);
  srv->WaitUntilWarm();
  answers("after a split");
  std::vector<std::string> ids;
  for (const json& p : Get(c, "/api/people?limit=0"))
    if (p["name"] == "Han Mi-rae") ids.push_back(p["id"]);
  ASSERT_EQ(ids.size(), 2u);
  ASSERT_EQ(Post(c, "/api/merge", {{"a", ids[0]}, {"b", ids[1]}})->status, 200);
  srv->WaitUntilWarm();
  answers("after a merge");
  json list = Get(c, "/api/corrections");
  std::string decision;
  for (const json& e : list)
    if (e["kind"] == "decision") decision = e["id"];
  ASSERT_EQ(Post(c, "/api/undo", {{"id", decision}})->status, 200);
  srv->WaitUntilWarm();
  const auto undone = answers("after an undo");
  EXPECT_EQ(undone.at("/api/person/" + subject).find("\"accepted\""), std::string::npos);
  srv->Stop();
}

// `gz` inflated; "" if it is not gzip.
std::string Gunzip(const std::string& gz) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return "";
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  int r = Z_OK;
  while (r == Z_OK) {
    char buf[16384];
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    r = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  inflateEnd(&z);
  return r == Z_STREAM_END ? out : "";
}

// Large precomputed answers go compressed to a client that accepts gzip,
// and are the same answer once inflated; others get them as they are.
TEST_F(ServerTest, LargePrecomputedAnswersGoGzippedToClientsThatAcceptIt) {
  server::Options o;
  o.db = db_;
  o.port = 0;
  o.threads = 4;
  o.gzip_min_bytes = 2000;  // the examples' persons are small
  auto srv = server::Server::Start(o);
  ASSERT_TRUE(srv.ok()) << srv.status().message();
  (*srv)->WaitUntilWarm();
  httplib::Client c("127.0.0.1", (*srv)->port());
  c.set_decompress(false);  // the bytes as sent
  size_t gzipped = 0, plain = 0;
  for (const json& p : Get(c, "/api/people?limit=0")) {
    const std::string path = "/api/person/" + p["id"].get<std::string>();
    auto as_is = c.Get(path);
    ASSERT_TRUE(as_is);
    EXPECT_EQ(as_is->get_header_value("Content-Encoding"), "") << path;
    auto refused = c.Get(path, {{"Accept-Encoding", "gzip;q=0, identity"}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->body, as_is->body) << path;
    auto zipped = c.Get(path, {{"Accept-Encoding", "deflate, GZIP"}});
    ASSERT_TRUE(zipped);
    if (as_is->body.size() < o.gzip_min_bytes) {
      EXPECT_EQ(zipped->body, as_is->body) << path;
      ++plain;
      continue;
    }
    EXPECT_EQ(zipped->get_header_value("Content-Encoding"), "gzip") << path;
    EXPECT_EQ(zipped->get_header_value("Vary"), "Accept-Encoding") << path;
    EXPECT_LT(zipped->body.size(), as_is->body.size()) << path;
    EXPECT_EQ(Gunzip(zipped->body), as_is->body) << path;
    ++gzipped;
  }
  EXPECT_GT(gzipped, 0u);
  EXPECT_GT(plain, 0u);
}

// Polls an ingest job until it has finished (at most a minute).
json WaitForJob(httplib::Client& c, const std::string& id, const httplib::Headers& headers = {}) {
  json job;
  for (int i = 0; i < 600; ++i) {
    auto r = c.Get("/api/ingest/" + id, headers);
    if (!r || r->status != 200) return nullptr;
    job = json::parse(r->body);
    if (job["finished"].get<bool>()) return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ADD_FAILURE() << "ingest job " << id << " did not finish: " << job;
  return job;
}

TEST_F(ServerTest, IngestFromTheBrowserRunsInTheBackgroundAndReportsEachFile) {
  Fresh("ingest");
  auto srv = Start(true);
  httplib::Client c("127.0.0.1", srv->port());
  const size_t docs_before = Get(c, "/api/documents").size();
  httplib::MultipartFormDataItems items = {
      {"files",
       "Ahn Song-min was born in 1969 in Wonsan. In 1997 Ahn Song-min crossed the Yalu River.",
       "ahn_note.txt", "text/plain"},
      {"files", std::string("\x00\x01\x02\xff binary", 10), "scan.bin", "application/octet-stream"},
  };
  // Refused without the token and from another origin, as every change.
  EXPECT_EQ(c.Post("/api/ingest", items)->status, 401);
  EXPECT_EQ(
      c.Post("/api/ingest", {{"X-Cairn-Token", kToken}, {"Origin", "http://evil.example"}}, items)
          ->status,
      403);
  EXPECT_EQ(Post(c, "/api/ingest", {{"files", "x"}})->status, 400) << "not multipart";
  EXPECT_EQ(Get(c, "/api/ingest").size(), 0u) << "nothing was queued";

  auto r = c.Post("/api/ingest", {{"X-Cairn-Token", kToken}}, items);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  json queued = json::parse(r->body);
  EXPECT_EQ(queued["total"], 2);
  EXPECT_FALSE(queued["finished"].get<bool>());
  const std::string id = queued["id"];
  json job = WaitForJob(c, id);
  ASSERT_TRUE(job.is_object());
  EXPECT_EQ(job["state"], "finished");
  EXPECT_EQ(job["done"], 2);
  EXPECT_EQ(job["total"], 2);
  EXPECT_TRUE(job["current"].is_null());
  EXPECT_EQ(job["added"], 1);
  EXPECT_EQ(job["failed"], 1);
  EXPECT_EQ(job["author"], "editor");
  ASSERT_EQ(job["errors"].size(), 1u);
  EXPECT_EQ(job["errors"][0].get<std::string>().rfind("scan.bin: ", 0), 0u) << job["errors"][0];
  ASSERT_EQ(job["files"].size(), 2u);
  std::map<std::string, json> files;
  for (const json& f : job["files"]) files[f["file"]] = f;
  EXPECT_EQ(files["ahn_note.txt"]["outcome"], "new");
  EXPECT_TRUE(files["ahn_note.txt"]["error"].is_null());
  EXPECT_EQ(files["scan.bin"]["outcome"], "failed");
  EXPECT_FALSE(files["scan.bin"]["error"].get<std::string>().empty());
  EXPECT_TRUE(files["scan.bin"]["doc"].is_null());
  // The new document is linked and served at once, with its person.
  ASSERT_TRUE(files["ahn_note.txt"]["doc"].is_string()) << job;
  json doc = Get(c, "/api/document/" + files["ahn_note.txt"]["doc"].get<std::string>());
  EXPECT_EQ(doc["name"], "ahn_note.txt");
  EXPECT_EQ(Get(c, "/api/documents").size(), docs_before + 1);
  EXPECT_FALSE(PersonId(c, "Ahn Song-min").empty()) << "the new person is served";
  // The jobs list, and the audit log.
  json jobs = Get(c, "/api/ingest");
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0]["id"], id);
  json audit = Get(c, "/api/audit");
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit[0]["action"], "ingest");
  EXPECT_NE(audit[0]["detail"].get<std::string>().find("\"added\":1"), std::string::npos);

  // The same bytes again, waiting for the answer: unchanged, same document.
  auto again = c.Post("/api/ingest?wait=1", {{"X-Cairn-Token", kToken}}, {items[0]});
  ASSERT_EQ(again->status, 200) << again->body;
  json j2 = json::parse(again->body);
  EXPECT_TRUE(j2["finished"].get<bool>());
  EXPECT_EQ(j2["unchanged"], 1);
  EXPECT_EQ(j2["files"][0]["doc"], files["ahn_note.txt"]["doc"]);
  EXPECT_EQ(Get(c, "/api/ingest/i999", 404)["error"], "i999: no such ingest job");
  srv->Stop();
}

TEST_F(ServerTest, AnUploadOverTheCapIsRefusedWithAReason) {
  Fresh("upload-cap");
  auto srv = Start(true, false, "", /*max_upload=*/4096);
  httplib::Client c("127.0.0.1", srv->port());
  httplib::MultipartFormDataItems items = {
      {"files", std::string(8192, 'a'), "big.txt", "text/plain"}};
  auto r = c.Post("/api/ingest", {{"X-Cairn-Token", kToken}}, items);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_NE(r->body.find("--max-upload"), std::string::npos) << r->body;
  EXPECT_EQ(Get(c, "/api/ingest").size(), 0u);
}

// Search answers are cached per query, but never outlive the documents they
// were computed from: a document stored by another process (a `cairn
// ingest` beside the server) is found at once.
TEST_F(ServerTest, CachedSearchSeesDocumentsStoredByAnotherProcess) {
  const std::string db = Fresh("search-cache");
  auto srv = Start(false);
  httplib::Client c("127.0.0.1", srv->port());
  const std::string q = "/api/search?q=quillwort";
  EXPECT_EQ(Get(c, q)["total"], 0);
  EXPECT_EQ(Get(c, q)["total"], 0) << "the same answer from the cache";
  const fs::path doc = *dir_ / "search-cache-note.txt";
  std::ofstream(doc) << "Quillwort grows by the river where they crossed in 1998.\n";
  {
    auto st = store::Store::Open(db);
    ASSERT_TRUE(st.ok());
    auto progress = cli::MakeProgress(/*quiet=*/true, stderr);
    auto sum = cli::RunIngest(**st, {doc.string()}, cli::DefaultStages({}), *progress);
    ASSERT_TRUE(sum.ok() && sum->added == 1);
  }
  json found = Get(c, q);
  EXPECT_EQ(found["total"], 1) << found;
  ASSERT_EQ(found["hits"].size(), 1u);
  EXPECT_EQ(found["hits"][0]["name"], "search-cache-note.txt");
}

class UsersServerTest : public ServerTest {
 protected:
  // alice edits, bob views.
  std::string UsersFile() {
    const std::string path = (*dir_ / "users.txt").string();
    std::ofstream(path) << "# test users\n"
                        << "alice editor " << server::TokenSha256(kAlice) << "\n"
                        << "bob\tviewer\t" << server::TokenSha256(kBob) << "\n";
    return path;
  }
  static constexpr const char* kAlice = "alice-token-0123456789";
  static constexpr const char* kBob = "bob-token-0123456789";
};

TEST_F(UsersServerTest, OnlyUsersReadViewersCannotChangeAndChangesNameTheirUser) {
  Fresh("users");
  auto srv = Start(/*editable=*/false, false, UsersFile());
  ASSERT_TRUE(srv);
  httplib::Client c("127.0.0.1", srv->port());
  const httplib::Headers alice = {{"X-Cairn-Token", kAlice}}, bob = {{"X-Cairn-Token", kBob}};

  // Who is asking: /api/info answers everyone, the counts only to users.
  json anon = Get(c, "/api/info");
  EXPECT_TRUE(anon["login"].get<bool>());
  EXPECT_TRUE(anon["editable"].get<bool>());
  EXPECT_TRUE(anon["user"].is_null());
  EXPECT_FALSE(anon.contains("documents"));
  json as_bob = json::parse(c.Get("/api/info", bob)->body);
  EXPECT_EQ(as_bob["user"], "bob");
  EXPECT_EQ(as_bob["role"], "viewer");
  EXPECT_GT(as_bob["documents"].get<int>(), 0);

  // Reads need a user's token; the page itself and its scripts do not.
  EXPECT_EQ(c.Get("/api/people")->status, 401);
  EXPECT_EQ(c.Get("/api/people", {{"X-Cairn-Token", "guess-guess-guess"}})->status, 401);
  EXPECT_EQ(c.Get("/api/people", bob)->status, 200);
  EXPECT_EQ(c.Get("/api/conflicts", alice)->status, 200);
  EXPECT_EQ(c.Get("/")->status, 200);
  EXPECT_EQ(c.Get("/src/app.js")->status, 200);

  json conflicts = json::parse(c.Get("/api/conflicts", bob)->body);
  ASSERT_EQ(conflicts.size(), 1u);
  const json decision = {
      {"conflict", conflicts[0]["id"]}, {"decision", "unresolvable"}, {"note", "two registries"}};
  // A viewer reads only.
  auto refused = Post(c, "/api/decision", decision, bob);
  EXPECT_EQ(refused->status, 403);
  EXPECT_EQ(json::parse(refused->body)["error"], "bob is a viewer: changes need an editor");
  httplib::MultipartFormDataItems items = {{"files", "Text.", "a.txt", "text/plain"}};
  EXPECT_EQ(c.Post("/api/ingest", bob, items)->status, 403);
  EXPECT_EQ(Post(c, "/api/decision", decision, {})->status, 401);
  // The editor's change is hers in the corrections list and the audit log;
  // X-Cairn-User cannot claim another name.
  auto made =
      Post(c, "/api/decision", decision, {{"X-Cairn-Token", kAlice}, {"X-Cairn-User", "mallory"}});
  ASSERT_EQ(made->status, 200) << made->body;
  const std::string rid = json::parse(made->body)["id"];
  json corrections = json::parse(c.Get("/api/corrections", bob)->body);
  ASSERT_EQ(corrections.size(), 1u);
  EXPECT_EQ(corrections[0]["author"], "alice");
  EXPECT_TRUE(corrections[0]["undone_by"].is_null());
  ASSERT_EQ(Post(c, "/api/undo", {{"id", rid}}, alice)->status, 200);
  corrections = json::parse(c.Get("/api/corrections", bob)->body);
  EXPECT_EQ(corrections[0]["undone_by"], "alice");
  EXPECT_FALSE(corrections[0]["undone_at"].is_null());
  json audit = json::parse(c.Get("/api/audit", bob)->body);
  ASSERT_EQ(audit.size(), 2u);
  for (const json& e : audit) EXPECT_EQ(e["actor"], "alice") << e;
  EXPECT_EQ(audit[0]["action"], "undo");
  EXPECT_EQ(audit[1]["action"], "decision");
}

TEST_F(UsersServerTest, AUserAddedWhileTheServerRunsIsKnownWithinASecond) {
  const std::string path = UsersFile();
  auto srv = Start(false, false, path);
  ASSERT_TRUE(srv);
  httplib::Client c("127.0.0.1", srv->port());
  const httplib::Headers carol = {{"X-Cairn-Token", "carol-token-0123456789"}};
  EXPECT_EQ(c.Get("/api/people", carol)->status, 401);
  // mtime granularity: make sure the file's time moves.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(server::AddUser(path, "carol", server::Role::kViewer, "carol-token-0123456789").ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(c.Get("/api/people", carol)->status, 200);
  // A broken line keeps the users read before.
  std::ofstream(path, std::ios::app) << "dave admin 1234\n";
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(c.Get("/api/people", carol)->status, 200);
  EXPECT_EQ(c.Get("/api/people", {{"X-Cairn-Token", kAlice}})->status, 200);
}

TEST_F(UsersServerTest, ABadUsersFileStopsTheStartNamingItsLine) {
  const std::string path = (*dir_ / "bad-users.txt").string();
  std::ofstream(path) << "alice editor " << server::TokenSha256(kAlice) << "\n"
                      << "bob superuser " << server::TokenSha256(kBob) << "\n";
  server::Options o;
  o.db = Db();
  o.port = 0;
  o.users_file = path;
  auto s = server::Server::Start(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), path + ":2: role 'superuser' is not one of viewer|editor");
}

}  // namespace
}  // namespace cairn
