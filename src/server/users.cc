#include "server/users.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

namespace cairn::server {
namespace {

constexpr size_t kMaxName = 64;

std::string Hex(const unsigned char* bytes, size_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 15]);
  }
  return out;
}

bool NameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '@';
}

// The problem with `name` as a user name, or "".
std::string BadName(std::string_view name) {
  if (name.empty() || name.size() > kMaxName)
    return "a user name is 1 to " + std::to_string(kMaxName) + " characters";
  for (char c : name)
    if (!NameChar(c))
      return "user name '" + std::string(name) + "' may hold only letters, digits, . _ - @";
  return "";
}

std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

std::string_view RoleName(Role role) { return role == Role::kEditor ? "editor" : "viewer"; }

Result<Role> ParseRole(std::string_view name) {
  if (name == "viewer") return Role::kViewer;
  if (name == "editor") return Role::kEditor;
  return Status::InvalidArgument("role '" + std::string(name) + "' is not one of viewer|editor");
}

std::string TokenSha256(std::string_view token) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(token.data(), token.size(), md.data(), &len, EVP_sha256(), nullptr) != 1)
    return std::string();
  return Hex(md.data(), len);
}

Result<std::string> NewToken() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    return Status::Internal("cannot make a random token (OpenSSL RAND_bytes failed)");
  return Hex(bytes.data(), bytes.size());
}

Result<Users> Users::Parse(std::string_view text, const std::string& file) {
  Users users;
  std::set<std::string> names, hashes;
  size_t line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto fields = Fields(line);
    if (fields.empty() || fields[0][0] == '#') continue;
    auto fail = [&](const std::string& problem) {
      return Status::InvalidArgument(file + ":" + std::to_string(line_no) + ": " + problem);
    };
    if (fields.size() != 3)
      return fail("expected 3 fields (name, role, SHA-256 of the token), found " +
                  std::to_string(fields.size()));
    User u;
    u.name = std::string(fields[0]);
    if (std::string bad = BadName(u.name); !bad.empty()) return fail(bad);
    auto role = ParseRole(fields[1]);
    if (!role.ok()) return fail(role.status().message());
    u.role = *role;
    std::string hash(fields[2]);
    bool hex = hash.size() == 64;
    for (char& c : hash) {
      if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
      hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    if (!hex)
      return fail("the token hash must be 64 hex digits (SHA-256), not '" +
                  std::string(fields[2].substr(0, 80)) + "'");
    u.token_sha256 = std::move(hash);
    if (!names.insert(u.name).second) return fail("user '" + u.name + "' is listed twice");
    if (!hashes.insert(u.token_sha256).second)
      return fail("user '" + u.name + "' has the token of a user listed before");
    users.users_.push_back(std::move(u));
  }
  return users;
}

Result<Users> Users::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read the users file: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": cannot read the users file");
  auto users = Parse(ss.str(), path);
  if (!users.ok()) return users;
  if (users->empty())
    return Status::InvalidArgument(path + ": no users (one line per user: name role sha256)");
  return users;
}

const User* Users::Find(std::string_view token) const {
  if (token.empty()) return nullptr;
  const std::string hash = TokenSha256(token);
  const User* found = nullptr;
  for (const User& u : users_) {
    unsigned char diff = u.token_sha256.size() == hash.size() ? 0 : 1;
    for (size_t i = 0; i < hash.size() && i < u.token_sha256.size(); ++i)
      diff |= static_cast<unsigned char>(u.token_sha256[i] ^ hash[i]);
    if (diff == 0) found = &u;
  }
  return found;
}

Status AddUser(const std::string& path, const std::string& name, Role role,
               std::string_view token) {
  if (std::string bad = BadName(name); !bad.empty()) return Status::InvalidArgument(bad);
  if (token.size() < 16) return Status::InvalidArgument("a token must be at least 16 characters");
  std::string existing;
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      existing = ss.str();
    }
  }
  std::string line = name + "\t" + std::string(RoleName(role)) + "\t" + TokenSha256(token) + "\n";
  std::string prefix = existing;
  if (!prefix.empty() && prefix.back() != '\n') prefix.push_back('\n');
  auto check = Users::Parse(prefix + line, path);
  if (!check.ok()) return check.status();
  const std::string add = (prefix.size() > existing.size() ? "\n" : "") + line;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return Status::IOError(path + ": cannot write the users file: " + std::strerror(errno));
  ssize_t n = ::write(fd, add.data(), add.size());
  int err = errno;
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (n != static_cast<ssize_t>(add.size()) || !synced)
    return Status::IOError(path + ": cannot write the users file: " + std::strerror(err));
  return Status::OK();
}

}  // namespace cairn::server
