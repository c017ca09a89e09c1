// Users of `cairn serve`: who may read and who may change, from a users file.
//
// One user per line, fields separated by spaces or tabs:
//
//   # name   role    SHA-256 of the user's token (64 hex digits)
//   alice    editor  2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b
//   bob      viewer  81b637d8fcd2c6da6359e6963113a1170de795e4b725b84d1e0b4cfd9ec58ce9
//
// Blank lines and lines starting with '#' are skipped. A name is 1 to 64
// letters, digits, '.', '_', '-' or '@'; a role is viewer (reads) or editor
// (reads and changes). The token itself is never stored: only its SHA-256,
// as `printf %s "$TOKEN" | sha256sum` prints it, or `cairn users add` writes.
// Names and token hashes are unique in a file.
//
// Thread-safety: a Users is immutable once loaded and may be shared by any
// number of threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace cairn::server {

enum class Role { kViewer, kEditor };

std::string_view RoleName(Role role);

struct User {
  std::string name;
  Role role = Role::kViewer;
  std::string token_sha256;  // 64 lowercase hex digits
};

class Users {
 public:
  // Parses a users file's `text`; errors name `file`, the line and the
  // problem ("users.txt:3: role 'admin' is not one of viewer|editor").
  static Result<Users> Parse(std::string_view text, const std::string& file);
  // Reads and parses the file at `path`.
  static Result<Users> Load(const std::string& path);

  // The user whose token is `token`, or nullptr. Compares every user's hash
  // in constant time, so the answer's timing says nothing about the tokens.
  const User* Find(std::string_view token) const;
  const std::vector<User>& all() const { return users_; }
  bool empty() const { return users_.empty(); }

 private:
  std::vector<User> users_;
};

// The SHA-256 of `token`, as 64 lowercase hex digits.
std::string TokenSha256(std::string_view token);

// A new random token (32 bytes from OpenSSL's generator, as 64 hex digits).
Result<std::string> NewToken();

// Appends a line for `name` with `role` and `token` to the users file at
// `path` (created, readable by its owner only, when missing). The file as it
// would be afterwards is parsed first: a bad name, a name or token already
// there, or a broken existing line is an error and the file is not changed.
Status AddUser(const std::string& path, const std::string& name, Role role, std::string_view token);

// "viewer" or "editor" -> the role; anything else is an error naming it.
Result<Role> ParseRole(std::string_view name);

}  // namespace cairn::server
