// The search query parser: any bytes as a query against a small store; the
// only acceptable failure is "no words" (InvalidArgument).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "store/store.h"

namespace {

cairn::store::Store* TheStore() {
  static std::unique_ptr<cairn::store::Store> store = [] {
    auto s = cairn::store::Store::Open(":memory:");
    if (!s.ok()) __builtin_trap();
    cairn::Document d;
    d.name = "a.txt";
    d.path = "/a.txt";
    d.sha256 = std::string(64, 'a');
    d.text = "Kim Young-ho crossed the Tumen River near Hyesan in 1998.";
    if (!(*s)->Put(&d).ok()) __builtin_trap();
    return std::move(*s);
  }();
  return store.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto hits = TheStore()->Search(std::string_view(reinterpret_cast<const char*>(data), size), 5);
  if (!hits.ok() && hits.status().code() != cairn::Status::Code::kInvalidArgument) __builtin_trap();
  return 0;
}
