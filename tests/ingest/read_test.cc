// Reading files and rejecting bad input: each failure is one clear Status
// naming the file and the problem.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/decode.h"
#include "ingest/ingest.h"
#include "test_util.h"

namespace cairn::ingest {
namespace {
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "cairn_ingest_XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    path_ = p ? fs::path(p) : fs::path();
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path Write(const std::string& name, const std::string& bytes) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p;
  }

 private:
  fs::path path_;
};

TEST(LoadFileTest, MissingPathIsNotFound) {
  TempDir dir;
  fs::path p = dir.path() / "nope.txt";
  Result<Document> r = LoadFile(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(Contains(r.status().message(), "nope.txt")) << r.status().message();
}

TEST(LoadFileTest, UnreadableFileIsIOErrorWithReason) {
  if (geteuid() == 0) {
    GTEST_SKIP() << "running as root: permissions are ignored, so a chmod 000 file stays readable";
  }
  TempDir dir;
  fs::path p = dir.Write("secret.txt", "Some text that nobody may read.\n");
  fs::permissions(p, fs::perms::none);
  Result<Document> r = LoadFile(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_TRUE(Contains(r.status().message(), "secret.txt"));
  EXPECT_TRUE(Contains(r.status().message(), "Permission denied")) << r.status().message();
}

TEST(LoadFileTest, PathThroughAFileIsIOErrorWithReason) {
  // Works as root too: the OS refuses a path that goes through a file.
  TempDir dir;
  fs::path f = dir.Write("plain.txt", "text");
  Result<Document> r = LoadFile(f / "child.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kIOError);
  EXPECT_TRUE(Contains(r.status().message(), "plain.txt/child.txt: Not a directory"))
      << r.status().message();
}

TEST(LoadFileTest, DirectoryIsRejectedByName) {
  TempDir dir;
  Result<Document> r = LoadFile(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Contains(r.status().message(), "is a directory")) << r.status().message();
}

TEST(LoadFileTest, BinaryFileWithNul) {
  TempDir dir;
  std::string bytes = "GIF89a";
  bytes.push_back('\0');
  bytes += "\x01\x02 rest of an image";
  fs::path p = dir.Write("picture.txt", bytes);
  Result<Document> r = LoadFile(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_TRUE(Contains(r.status().message(), "picture.txt: binary file")) << r.status().message();
}

TEST(LoadFileTest, BinaryFileWithManyControlCharacters) {
  std::string bytes;
  for (int i = 0; i < 200; ++i) bytes += (i % 3 == 0) ? '\x03' : 'a';
  Result<Document> r = LoadBytes("ctl.dat", bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_TRUE(Contains(r.status().message(), "binary file")) << r.status().message();
}

TEST(LoadFileTest, EmptyAndWhitespaceOnly) {
  TempDir dir;
  Result<Document> empty = LoadFile(dir.Write("empty.txt", ""));
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(Contains(empty.status().message(), "empty.txt: empty file"))
      << empty.status().message();
  Result<Document> blank = LoadFile(dir.Write("blank.txt", "  \n\t\n \xc2\xa0\n"));
  ASSERT_FALSE(blank.ok());
  EXPECT_TRUE(Contains(blank.status().message(), "only white space")) << blank.status().message();
}

TEST(LoadFileTest, OversizeStatesSizeAndLimit) {
  TempDir dir;
  fs::path p = dir.Write("big.txt", std::string(300, 'x') + "\n");
  Options opt;
  opt.max_file_bytes = 100;
  Result<Document> r = LoadFile(p, opt);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status().message(), "big.txt")) << r.status().message();
  EXPECT_TRUE(Contains(r.status().message(), "301 bytes")) << r.status().message();
  EXPECT_TRUE(Contains(r.status().message(), "limit of 100 bytes")) << r.status().message();
  Result<Document> r2 = LoadBytes("mem.txt", std::string(300, 'x'), opt);
  ASSERT_FALSE(r2.ok());
  EXPECT_TRUE(Contains(r2.status().message(), "limit of 100 bytes"));
}

TEST(LoadFileTest, InvalidUtf8NamesOffset) {
  // Well-formed UTF-8 (an em dash) and then a truncated sequence: damaged UTF-8.
  std::string bytes = "He crossed the river \xe2\x80\x94 alone.\nThen \xe2\x80 it broke.\n";
  Result<Document> r = LoadBytes("broken.txt", bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_EQ(r.status().message(), "broken.txt: invalid UTF-8 at byte " +
                                      std::to_string(bytes.find("\xe2\x80 it")));
}

TEST(LoadFileTest, UndecodableLegacyBytesRejected) {
  // Bytes 0x81 and 0x8D are undefined in Windows-1252 and form no EUC-KR text.
  std::string bytes = "Notes: \x81\x8d\x81 and \x8d\x81 again \x81.\n";
  Result<Document> r = LoadBytes("junk.txt", bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status().message(), "junk.txt: invalid UTF-8 at byte 7"))
      << r.status().message();
}

TEST(DecodeTest, FirstInvalidUtf8) {
  EXPECT_EQ(FirstInvalidUtf8("plain"), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("ok \xed\x95\x9c"), std::string_view::npos);  // Hangul 한
  EXPECT_EQ(FirstInvalidUtf8("ab\xc0\xaf"), 2u);                            // overlong
  EXPECT_EQ(FirstInvalidUtf8("ab\xed\xa0\x80"), 2u);                        // surrogate
  EXPECT_EQ(FirstInvalidUtf8("abc\xff"), 3u);
  bool mb = false;
  FirstInvalidUtf8("x\xc3\xa9", &mb);
  EXPECT_TRUE(mb);
}

TEST(LoadFileTest, Utf8BomStrippedAndHashOfRawBytes) {
  std::string bytes = "\xEF\xBB\xBFTitle line\n\nBody text here.\n";
  Result<Document> r = LoadBytes("bom.txt", bytes);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->text.rfind("Title line", 0), 0u);
  EXPECT_EQ(r->encoding, "UTF-8");
  // sha256 of the raw bytes, BOM included (computed with sha256sum).
  Result<Document> abc = LoadBytes("abc.txt", "abc");
  ASSERT_TRUE(abc.ok());
  EXPECT_EQ(abc->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(r->sha256.size(), 64u);
  EXPECT_NE(r->sha256, abc->sha256);
}

TEST(LoadFileTest, Windows1252Decoded) {
  Result<Document> r = LoadFile(fs::path(CAIRN_TEST_DATA_DIR) / "ingest" / "cp1252.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->encoding, "windows-1252");
  EXPECT_EQ(r->name, "cp1252.txt");
  EXPECT_TRUE(Contains(r->text, "The résumé said")) << r->text;
  EXPECT_TRUE(Contains(r->text, "“at night” – alone — in 1998")) << r->text;
  EXPECT_EQ(r->title, "Café notes");
}

TEST(LoadFileTest, EucKrDecodedAndKorean) {
  Result<Document> r = LoadFile(fs::path(CAIRN_TEST_DATA_DIR) / "ingest" / "euckr.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->encoding, "EUC-KR");
  EXPECT_EQ(r->language, "ko");
  EXPECT_TRUE(Contains(r->text, "김철수는 1975년 함경북도 청진에서 태어났다.")) << r->text;
  EXPECT_EQ(r->title, "탈북자 수기");
}

TEST(LoadFileTest, Utf16WithBom) {
  std::string bytes = "\xFF\xFE";
  for (char c : std::string("Hello there.\n")) {
    bytes.push_back(c);
    bytes.push_back('\0');
  }
  Result<Document> r = LoadBytes("wide.txt", bytes);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->encoding, "UTF-16LE");
  EXPECT_EQ(r->text, "Hello there.");
}

TEST(CollectFilesTest, FilesFoldersHiddenSortedAndErrors) {
  TempDir dir;
  dir.Write("b/two.txt", "two");
  dir.Write("b/one.txt", "one");
  dir.Write("a/z.txt", "z");
  dir.Write("a/.hidden.txt", "hidden");
  dir.Write(".secret/x.txt", "x");
  fs::path single = dir.Write("single.md", "# s");
  std::vector<Status> errors;
  std::vector<fs::path> files =
      CollectFiles({single.string(), dir.path().string(), (dir.path() / "missing").string()},
                   &errors);
  std::vector<std::string> rel;
  for (const fs::path& f : files) rel.push_back(fs::relative(f, dir.path()).string());
  // The file given first, then the folder's files in sorted order; single.md
  // is listed once although the folder holds it too.
  EXPECT_EQ(rel, (std::vector<std::string>{"single.md", "a/z.txt", "b/one.txt", "b/two.txt"}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code(), Status::Code::kNotFound);
  EXPECT_TRUE(Contains(errors[0].message(), "missing")) << errors[0].message();
}

TEST(CollectFilesTest, SymlinkLoopReportedAndWalkContinues) {
  TempDir dir;
  dir.Write("docs/a.txt", "a");
  dir.Write("docs/sub/b.txt", "b");
  fs::create_directory_symlink(dir.path() / "docs", dir.path() / "docs" / "sub" / "back");
  fs::create_symlink(dir.path() / "docs" / "self", dir.path() / "docs" / "self");
  std::vector<Status> errors;
  std::vector<fs::path> files = CollectFiles({(dir.path() / "docs").string()}, &errors);
  std::vector<std::string> names;
  for (const fs::path& f : files) names.push_back(f.filename().string());
  EXPECT_EQ(names, (std::vector<std::string>{"a.txt", "b.txt"}));
  ASSERT_EQ(errors.size(), 2u);
  bool loop = false, self = false;
  for (const Status& s : errors) {
    if (Contains(s.message(), "symbolic link loop")) loop = true;
    if (Contains(s.message(), "self") && Contains(s.message(), "looping")) self = true;
  }
  EXPECT_TRUE(loop) << errors[0].message() << " / " << errors[1].message();
  EXPECT_TRUE(self);
}

}  // namespace
}  // namespace cairn::ingest
