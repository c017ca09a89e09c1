// The redaction leak test: 1,000 generated testimonies in which protected
// persons are named in varied forms (full name, given name alone, the other
// order, title + surname, possessives with straight and curly apostrophes,
// the name in the file name, the name in Hangul with particles, honorifics
// and possessives glued to it). Every redacted output — JSONL, CSV and
// GeoJSON exports, every view, search and show — must hold none of those
// forms; the same outputs without --redact must hold them (so the test
// fails when redaction is switched off).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "run_cairn.h"

namespace cairn {
namespace {

using cairn::testing::RunCairn;
using cairn::testing::ScratchDir;
using cairn::testing::ShellQuote;
namespace fs = std::filesystem;

struct Person {
  std::string surname, given;
  std::string hangul;  // the same name in Hangul, surname first
  std::string full() const { return surname + " " + given; }
};

// Protected and unprotected persons come from disjoint given names, so an
// unprotected name never holds a protected form.
Person Protected(size_t i) {
  static const char* kSur[] = {"Kim", "Pak", "Choe", "Han", "Jang", "Ri"};
  static const char* kA[] = {"Young", "Sun", "Chol", "Myong", "Hye", "Jin"};
  static const char* kB[] = {"ho", "hui", "su", "ok"};
  // The same syllables in Hangul (리 is the North's spelling of Ri/Lee).
  static const char* kSurH[] = {"김", "박", "최", "한", "장", "리"};
  static const char* kAH[] = {"영", "순", "철", "명", "혜", "진"};
  static const char* kBH[] = {"호", "희", "수", "옥"};
  return {kSur[i % 6], std::string(kA[(i / 6) % 6]) + "-" + kB[(i / 36) % 4],
          std::string(kSurH[i % 6]) + kAH[(i / 6) % 6] + kBH[(i / 36) % 4]};
}
Person Unprotected(size_t i) {
  static const char* kSur[] = {"Kang", "Yun", "Jo", "Oh"};
  static const char* kA[] = {"Kwang", "Song", "Dong", "Chun"};
  static const char* kB[] = {"nam", "sik", "il"};
  return {kSur[i % 4], std::string(kA[(i / 4) % 4]) + "-" + kB[(i / 16) % 3], ""};
}

std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

std::string Testimony(size_t i, const Person& p, const Person& other) {
  const std::string y = std::to_string(1960 + i % 30);
  const std::string y2 = std::to_string(1995 + i % 15);
  std::string t = "Testimony of " + p.full() + "\n\n" + p.full() +
                  " (not her real name) was born in Hyesan in " + y + ". " + p.given +
                  " crossed the Tumen River in " + y2 + ".\n";
  switch (i % 4) {
    case 0:
      t += "Mrs. " + p.surname + " says " + p.full() + "\xE2\x80\x99s mother stayed behind.\n";
      break;
    case 1:
      t += p.full() + "'s brother was arrested in Yanji in 2003.\n";
      break;
    case 2:
      t += p.given + " " + p.surname + " reached Seoul in 2006.\n";
      break;
    default:
      t += "In 2007, " + p.given + " reached Seoul by way of Bangkok.\n";
      break;
  }
  t += "Her neighbour " + other.full() + " was arrested in Yanji in 2004.\n";
  // The name in Hangul with what Korean glues to it: particles, the
  // honorific 씨, the possessive 의.
  switch (i % 3) {
    case 0:
      t += "Her Korean name is " + p.hangul + ". " + p.hangul + "씨는 " + y2 +
           "년에 두만강을 건넜다.\n";
      break;
    case 1:
      t += p.hangul + "의 어머니는 혜산에 남았다. " + p.hangul + "가 말했다.\n";
      break;
    default:
      t += "탈북자 " + p.hangul + "은 " + y2 + "년에 중국으로 갔다. " + p.hangul +
           "씨의 동생은 체포되었다.\n";
      break;
  }
  return t;
}

TEST(RedactionLeak, NoProtectedNameFormInAnyRedactedOutputOfAThousandDocuments) {
  ScratchDir dir;
  const std::string db = dir / "kb.db";
  std::set<std::string> forms;
  std::vector<std::string> some_protected;
  fs::create_directories(dir.path() / "in");
  for (size_t i = 0; i < 1000; ++i) {
    const Person p = Protected(i), o = Unprotected(i);
    std::string file =
        Lower(p.surname + "_" + p.given + "_testimony_" + std::to_string(i) + ".txt");
    for (char& c : file)
      if (c == '-') c = '_';
    std::ofstream(dir.path() / "in" / file, std::ios::binary) << Testimony(i, p, o);
    forms.insert(p.full());
    forms.insert(p.given);
    forms.insert(p.given + " " + p.surname);
    forms.insert("Mrs. " + p.surname);
    forms.insert(p.hangul);
    std::string under = Lower(p.surname + "_" + p.given);
    for (char& c : under)
      if (c == '-') c = '_';
    forms.insert(under);
    if (i < 3) some_protected.push_back(p.full());
  }
  auto ing = RunCairn(dir, "ingest --quiet --db " + ShellQuote(db) + " " + ShellQuote(dir / "in"));
  ASSERT_EQ(ing.status, 0) << ing.err;

  auto outputs = [&](bool redact) {
    const std::string r = redact ? " --redact" : "";
    const std::string d = " --db " + ShellQuote(db) + r;
    std::vector<std::string> cmds = {"export --format jsonl" + d,   "export --format csv" + d,
                                     "export --format geojson" + d, "people" + d,
                                     "people --json" + d,           "timeline" + d,
                                     "timeline --json" + d,         "conflicts" + d,
                                     "conflicts --json" + d,        "search Tumen --limit 50" + d,
                                     "search Seoul --limit 50" + d, "show d1" + d,
                                     "show d2 --sentences" + d,     "show d4" + d};
    for (const std::string& n : some_protected) {
      cmds.push_back("person " + ShellQuote(n) + d);
      cmds.push_back("person --json " + ShellQuote(n) + d);
      cmds.push_back("timeline " + ShellQuote(n) + d);
      cmds.push_back("route --geojson " + ShellQuote(n) + d);
    }
    std::string all;
    for (const std::string& c : cmds) {
      auto x = RunCairn(dir, c);
      EXPECT_TRUE(x.status == 0 || c.rfind("route", 0) == 0) << c << ": " << x.err;
      all += x.out;
      all += '\n';
    }
    return all;
  };
  const std::string redacted = outputs(true);
  const std::string lower_redacted = Lower(redacted);
  size_t leaks = 0;
  for (const std::string& f : forms) {
    const bool ci = f.find('_') != std::string::npos;
    const std::string& hay = ci ? lower_redacted : redacted;
    for (size_t at = hay.find(f); at != std::string::npos; at = hay.find(f, at + 1)) {
      if (++leaks <= 10)
        ADD_FAILURE() << "leak of \"" << f << "\": …"
                      << redacted.substr(at > 60 ? at - 60 : 0, 140);
    }
  }
  EXPECT_EQ(leaks, 0u);
  EXPECT_GT(redacted.size(), 100000u) << "the outputs hold the documents' facts";
  // Without redaction the same outputs name them: the test can fail.
  const std::string plain = outputs(false);
  size_t named = 0;
  for (const std::string& f : forms) named += plain.find(f) != std::string::npos;
  EXPECT_GT(named, forms.size() / 2);
}

}  // namespace
}  // namespace cairn
