#include "core/event_types.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/data.h"

namespace cairn {
namespace {

std::string Roles(const EventTypeInfo& t) {
  std::string s;
  for (const std::string& r : t.roles) s += (s.empty() ? "" : ",") + r;
  return s;
}

TEST(EventTypes, TheEmbeddedTableReadsWithoutError) {
  auto text = data::Get("event_types.tsv");
  ASSERT_TRUE(text.has_value());
  auto table = EventTypeTable::FromTsv("data/event_types.tsv", *text);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ(table->All().size(), EventTypes().size());
  for (const EventTypeInfo& t : EventTypes()) {
    EXPECT_EQ(EventType(t.type), &t);
    EXPECT_FALSE(t.verb.empty()) << t.type;
  }
}

// The vocabulary of ../shared/spec/facts-format.md, the contract of the export.
TEST(EventTypes, EverySpecTypeIsInTheTable) {
  const char* kSpec[] = {"birth",           "death",
                         "marriage",        "divorce",
                         "engagement",      "enlistment",
                         "discharge",       "employment",
                         "education",       "publication",
                         "founding",        "relocation",
                         "border_crossing", "defection",
                         "return",          "repatriation",
                         "arrest",          "detention",
                         "interrogation",   "sentencing",
                         "trafficking",     "family_punishment",
                         "crime_victim",    "illness",
                         "meeting",         "threat"};
  for (const char* type : kSpec) EXPECT_NE(EventType(type), nullptr) << type;
  EXPECT_EQ(EventTypes().size(), std::size(kSpec));
  EXPECT_EQ(EventType("escape"), nullptr);
  EXPECT_EQ(EventType(""), nullptr);
}

TEST(EventTypes, TheTableSaysWhatEachTypeIs) {
  const EventTypeInfo* birth = EventType("birth");
  ASSERT_NE(birth, nullptr);
  EXPECT_EQ(birth->occurrence, Occurrence::kOnce);
  EXPECT_FALSE(birth->movement);
  EXPECT_EQ(birth->verb, "born");
  const EventTypeInfo* crossing = EventType("border_crossing");
  ASSERT_NE(crossing, nullptr);
  EXPECT_TRUE(crossing->movement);
  EXPECT_EQ(crossing->occurrence, Occurrence::kRepeatable);
  EXPECT_EQ(Roles(*crossing), "from,to,via");
  EXPECT_TRUE(crossing->Takes("via"));
  EXPECT_FALSE(crossing->Takes("place"));
  EXPECT_EQ(crossing->verb, "crossed a border");
  EXPECT_EQ(EventType("defection")->occurrence, Occurrence::kUsuallyOnce);
  EXPECT_TRUE(EventType("employment")->state);
  EXPECT_FALSE(EventType("arrest")->state);
  EXPECT_TRUE(EventType("marriage")->shared);
  EXPECT_FALSE(EventType("meeting")->shared);
}

// The roles column is the spec's "fields that matter" without the date: read
// from the spec itself when ../shared is present.
TEST(EventTypes, RolesAreTheSpecsFieldsThatMatter) {
  std::filesystem::path spec = std::filesystem::path(CAIRN_SHARED_DIR) / "spec" / "facts-format.md";
  std::ifstream in(spec);
  if (!in) GTEST_SKIP() << spec << " is absent";
  std::map<std::string, std::string> fields;  // type -> "place,detail"
  std::string line;
  bool in_types = false;
  while (std::getline(in, line)) {
    if (line.rfind("#", 0) == 0) in_types = line == "### Event types";  // to the next heading
    if (!in_types || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '|');) cells.push_back(cell);
    ASSERT_GE(cells.size(), 4u) << line;
    std::string type = cells[1].substr(cells[1].find('`') + 1);
    type = type.substr(0, type.find('`'));
    std::string roles;
    std::stringstream fs(cells[3]);
    for (std::string f; std::getline(fs, f, ',');) {
      f = f.substr(f.find_first_not_of(' '));
      f = f.substr(0,
                   f.find_first_of(" (") == std::string::npos ? f.size() : f.find_first_of(" ("));
      if (f != "date") roles += (roles.empty() ? "" : ",") + f;
    }
    fields[type] = roles;
  }
  ASSERT_EQ(fields.size(), EventTypes().size());
  for (const auto& [type, roles] : fields) {
    const EventTypeInfo* t = EventType(type);
    ASSERT_NE(t, nullptr) << type;
    EXPECT_EQ(Roles(*t), roles) << type;
  }
}

TEST(EventTypes, ABadRowIsNamedByFileLineAndValue) {
  struct Case {
    std::string row, message;
  };
  const Case kCases[] = {
      {"escape\tonce\tmaybe\tto\tpoint\tno\tescaped",
       "mine.tsv:3: column 'movement': 'maybe' is not one of yes|no"},
      {"escape\tsometimes\tyes\tto\tpoint\tno\tescaped",
       "mine.tsv:3: column 'occurrence': 'sometimes' is not one of once|usually_once|many"},
      {"escape\tmany\tyes\tto|where\tpoint\tno\tescaped",
       "mine.tsv:3: column 'roles': 'where' is not one of place|from|to|via|object|detail"},
      {"escape\tmany\tyes\tfrom\tpoint\tno\tescaped",
       "mine.tsv:3: column 'roles': 'from' is not a list with to (a movement)"},
      {"escape\tmany\tyes\tto\tlong\tno\tescaped",
       "mine.tsv:3: column 'extent': 'long' is not one of state|point"},
      {"Escape\tmany\tyes\tto\tpoint\tno\tescaped",
       "mine.tsv:3: column 'type': 'Escape' is not a name of lowercase letters and _"},
      {"birth\tonce\tno\tplace\tpoint\tno\tborn",
       "mine.tsv:3: column 'type': 'birth' is not a type not listed before"},
      {"escape\tmany\tyes\tto\tpoint", "mine.tsv:3: column 'shared': '' is not present"},
  };
  for (const Case& c : kCases) {
    const std::string tsv =
        "# a small table of our own\nbirth\tonce\tno\tplace\tpoint\tno\tborn\n" + c.row + "\n";
    auto table = EventTypeTable::FromTsv("mine.tsv", tsv);
    ASSERT_FALSE(table.ok()) << c.row;
    EXPECT_EQ(table.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(table.status().message(), c.message);
  }
}

TEST(EventTypes, ATestBuildsASmallTableOfItsOwn) {
  auto built = EventTypeTable::FromTsv("mine.tsv",
                                       "# two types\n"
                                       "escape\tusually_once\tyes\tfrom|to\tpoint\tno\tescaped\n"
                                       "vigil\tmany\tno\t-\tstate\tno\tkept a vigil\n");
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const EventTypeTable table = *built;  // a copy finds its own rows
  ASSERT_EQ(table.All().size(), 2u);
  EXPECT_EQ(table.All()[0].type, "escape");
  const EventTypeInfo* escape = table.Find("escape");
  ASSERT_NE(escape, nullptr);
  EXPECT_EQ(escape, &table.All()[0]);
  EXPECT_TRUE(escape->movement);
  EXPECT_EQ(escape->occurrence, Occurrence::kUsuallyOnce);
  EXPECT_EQ(Roles(*escape), "from,to");
  const EventTypeInfo* vigil = table.Find("vigil");
  ASSERT_NE(vigil, nullptr);
  EXPECT_TRUE(vigil->roles.empty());
  EXPECT_TRUE(vigil->state);
  EXPECT_EQ(vigil->verb, "kept a vigil");
  EXPECT_EQ(table.Find("birth"), nullptr);
  // The default table is not changed by another one.
  EXPECT_EQ(EventType("escape"), nullptr);
}

}  // namespace
}  // namespace cairn
