// An encrypted PDF (standard security handler, revision 2, RC4 40-bit),
// written byte by byte by the test: refused with a message that says so,
// read with --pdf-password.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace cairn::ingest {
namespace {

std::string Md5(const std::string& in) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(in.data(), in.size(), md, &n, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<char*>(md), n);
}

std::string Rc4(const std::string& key, const std::string& data) {
  unsigned char s[256];
  for (int i = 0; i < 256; ++i) s[i] = static_cast<unsigned char>(i);
  for (int i = 0, j = 0; i < 256; ++i) {
    j = (j + s[i] + static_cast<unsigned char>(key[static_cast<size_t>(i) % key.size()])) & 255;
    std::swap(s[i], s[j]);
  }
  std::string out = data;
  for (size_t k = 0, i = 0, j = 0; k < out.size(); ++k) {
    i = (i + 1) & 255;
    j = (j + s[i]) & 255;
    std::swap(s[i], s[j]);
    out[k] = static_cast<char>(out[k] ^ s[(s[i] + s[j]) & 255]);
  }
  return out;
}

std::string Hex(const std::string& b) {
  static const char* k = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : b) {
    out += k[c >> 4];
    out += k[c & 15];
  }
  return out;
}

std::string EncryptedPdf(const std::string& user, const std::string& owner) {
  const std::string pad(
      "\x28\xBF\x4E\x5E\x4E\x75\x8A\x41\x64\x00\x4E\x56\xFF\xFA\x01\x08\x2E\x2E\x00\xB6\xD0\x68\x3E"
      "\x80\x2F\x0C\xA9\xFE\x64\x53\x69\x7A",
      32);
  auto padded = [&](const std::string& pw) { return (pw + pad).substr(0, 32); };
  const std::string id = "0123456789abcdef";
  const std::string o = Rc4(Md5(padded(owner)).substr(0, 5), padded(user));
  const std::string p("\xFC\xFF\xFF\xFF", 4);  // P = -4, little-endian
  const std::string key = Md5(padded(user) + o + p + id).substr(0, 5);
  const std::string u = Rc4(key, pad);
  const std::string content = "BT /F1 24 Tf 72 700 Td (Secret testimony text.) Tj ET";
  const std::string obj_key = Md5(key + std::string("\x04\x00\x00\x00\x00", 5)).substr(0, 10);
  const std::string enc = Rc4(obj_key, content);
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font "
      "<< /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(enc.size()) + " >>\nstream\n" + enc + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Filter /Standard /V 1 /R 2 /O <" + Hex(o) + "> /U <" + Hex(u) + "> /P -4 >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    std::string n = std::to_string(off);
    pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objs.size() + 1) +
         " /Root 1 0 R /Encrypt 6 0 R /ID [<" + Hex(id) + "> <" + Hex(id) + ">] >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

TEST(EncryptedPdfTest, RefusedWithoutPasswordReadWithIt) {
  const std::string pdf = EncryptedPdf("secret", "owner-pw");
  Result<Document> none = LoadBytes("locked.pdf", pdf);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(),
            "locked.pdf: encrypted PDF: a password is needed (give it with --pdf-password)");
  Options wrong;
  wrong.pdf_password = "guess";
  Result<Document> bad = LoadBytes("locked.pdf", pdf, wrong);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "locked.pdf: encrypted PDF: the password given with --pdf-password does not open it");
  Options right;
  right.pdf_password = "secret";
  Result<Document> ok = LoadBytes("locked.pdf", pdf, right);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_NE(ok->text.find("Secret testimony text."), std::string::npos) << ok->text;
}

}  // namespace
}  // namespace cairn::ingest
