// The users file of `cairn serve --users`: parsing, its errors (file, line,
// problem), token lookup, and `cairn users add`'s AddUser.
#include "server/users.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cairn::server {
namespace {

namespace fs = std::filesystem;

// SHA-256 of "password", as `printf %s password | sha256sum` prints it.
constexpr const char kPasswordSha[] =
    "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

TEST(UsersTest, TokenHashIsSha256Hex) {
  EXPECT_EQ(TokenSha256("password"), kPasswordSha);
  EXPECT_EQ(TokenSha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(UsersTest, ParsesNamesRolesAndHashesSkippingCommentsAndBlankLines) {
  const std::string text = std::string("# who may use the server\n\n") + "alice\teditor\t" +
                           kPasswordSha + "\r\n" + "  bob   viewer  " +
                           TokenSha256("bob's token of some length") + "  \n";
  auto users = Users::Parse(text, "users.txt");
  ASSERT_TRUE(users.ok()) << users.status().message();
  ASSERT_EQ(users->all().size(), 2u);
  EXPECT_EQ(users->all()[0].name, "alice");
  EXPECT_EQ(users->all()[0].role, Role::kEditor);
  EXPECT_EQ(users->all()[1].name, "bob");
  EXPECT_EQ(users->all()[1].role, Role::kViewer);
  const User* u = users->Find("password");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->name, "alice");
  ASSERT_NE(users->Find("bob's token of some length"), nullptr);
  EXPECT_EQ(users->Find("bob's token of some length")->name, "bob");
  EXPECT_EQ(users->Find("Password"), nullptr);
  EXPECT_EQ(users->Find(""), nullptr);
  // Upper-case hex is the same hash.
  std::string upper = kPasswordSha;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto again = Users::Parse("carol editor " + upper + "\n", "u");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_NE(again->Find("password"), nullptr);
}

TEST(UsersTest, ErrorsNameTheFileTheLineAndTheProblem) {
  const std::string h = kPasswordSha;
  const struct {
    std::string text;
    std::string error;
  } cases[] = {
      {"# ok\nalice admin " + h + "\n", "users.txt:2: role 'admin' is not one of viewer|editor"},
      {"alice editor\n",
       "users.txt:1: expected 3 fields (name, role, SHA-256 of the token), found 2"},
      {"\n\nalice editor abc123\n",
       "users.txt:3: the token hash must be 64 hex digits (SHA-256), not 'abc123'"},
      {"al/ice editor " + h + "\n",
       "users.txt:1: user name 'al/ice' may hold only letters, digits, . _ - @"},
      {"alice editor " + h + "\nalice viewer " + TokenSha256("x") + "\n",
       "users.txt:2: user 'alice' is listed twice"},
      {"alice editor " + h + "\nbob viewer " + h + "\n",
       "users.txt:2: user 'bob' has the token of a user listed before"},
  };
  for (const auto& c : cases) {
    auto users = Users::Parse(c.text, "users.txt");
    ASSERT_FALSE(users.ok()) << c.text;
    EXPECT_EQ(users.status().message(), c.error);
    EXPECT_EQ(users.status().code(), Status::Code::kInvalidArgument);
  }
}

class UsersFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cairn-users-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(UsersFileTest, LoadNamesAMissingOrEmptyFile) {
  auto missing = Users::Load((dir_ / "none.txt").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("none.txt: cannot read the users file"),
            std::string::npos)
      << missing.status().message();
  std::ofstream((dir_ / "empty.txt").string()) << "# nobody yet\n";
  auto empty = Users::Load((dir_ / "empty.txt").string());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("empty.txt: no users"), std::string::npos);
}

TEST_F(UsersFileTest, AddUserAppendsALineTheServerReadsAndRefusesDuplicates) {
  const std::string path = (dir_ / "users.txt").string();
  auto token = NewToken();
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->size(), 64u);
  EXPECT_NE(*token, *NewToken()) << "tokens are random";
  ASSERT_TRUE(AddUser(path, "alice", Role::kEditor, *token).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "the file is its owner's only";
  ASSERT_TRUE(AddUser(path, "bob", Role::kViewer, "a viewer's long token").ok());
  auto users = Users::Load(path);
  ASSERT_TRUE(users.ok()) << users.status().message();
  ASSERT_EQ(users->all().size(), 2u);
  EXPECT_EQ(users->Find(*token)->name, "alice");
  EXPECT_EQ(users->Find("a viewer's long token")->role, Role::kViewer);
  std::ifstream in(path);
  std::ostringstream all_ss;
  all_ss << in.rdbuf();
  const std::string all = all_ss.str();
  EXPECT_EQ(all.find(*token), std::string::npos) << "only the hash is stored";

  Status dup = AddUser(path, "alice", Role::kViewer, "another long token!");
  EXPECT_EQ(dup.message(), path + ":3: user 'alice' is listed twice");
  EXPECT_FALSE(AddUser(path, "carol", Role::kViewer, *token).ok()) << "alice's token";
  EXPECT_FALSE(AddUser(path, "dave", Role::kViewer, "short").ok());
  EXPECT_FALSE(AddUser(path, "e ve", Role::kViewer, "a long enough token").ok());
  ASSERT_EQ(Users::Load(path)->all().size(), 2u) << "nothing written on error";
}

}  // namespace
}  // namespace cairn::server
