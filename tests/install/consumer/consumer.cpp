// An app's program against the installed C++ API, nothing else: opens an
// SDK in the directory it is given, records consent and an order, and
// checks that the profile learned it, that ranking puts the ordered kind of
// item first, and that erase removes the store. Exits 1 naming the first
// check that failed. tests/install builds it with find_package(Confidant)
// and with pkg-config, against the static and the shared library.
#include <confidant/sdk.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

namespace {

int fail(const std::string& what) {
  std::fprintf(stderr, "consumer.cpp: %s\n", what.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace confidant;
  if (argc != 2) return fail("usage: consumer_cpp <empty directory>");
  const std::filesystem::path dir = std::filesystem::path(argv[1]) / "store";

  auto opened = Sdk::open({.dir = dir, .key_provider = make_in_memory_key_provider()});
  if (!opened.is_ok()) return fail("open: " + opened.status().to_string());
  Sdk& sdk = *opened.value();
  if (Status st = sdk.wait_until_ready(); !st) return fail("wait_until_ready: " + st.to_string());

  // Without consent nothing is learned.
  const Signal order{.type = SignalType::kOrder, .item = "latte-1", .categories = {"drinks/coffee/latte"},
                     .attrs = {{"milk", "oat"}}};
  if (sdk.track(order).code() != ErrorCode::kNotPermitted) return fail("track before consent was not refused");

  if (Status st = sdk.grant({DataCategory::kPurchases}, {Use::kPersonalize}, {.policy_version = "2026-11"}); !st)
    return fail("grant: " + st.to_string());
  if (Status st = sdk.track(order); !st) return fail("track: " + st.to_string());
  if (Status st = sdk.flush(); !st) return fail("flush: " + st.to_string());

  auto profile = sdk.profile();
  if (!profile.is_ok()) return fail("profile: " + profile.status().to_string());
  bool learned = false;
  for (const Interest& interest : profile.value().interests)
    learned = learned || (interest.target == "drinks/coffee/latte" && interest.signals == 1);
  if (!learned) return fail("the profile has no interest in drinks/coffee/latte from one signal");

  const std::vector<Candidate> candidates = {
      {.id = "cake-1", .categories = {"food/cake"}, .popularity = 0.9},
      {.id = "latte-2", .categories = {"drinks/coffee/latte"}, .attrs = {{"milk", "oat"}}},
  };
  auto ranked = sdk.rank(candidates, {.limit = 2});
  if (!ranked.is_ok()) return fail("rank: " + ranked.status().to_string());
  if (ranked.value().size() != 2 || ranked.value()[0].id != "latte-2")
    return fail("rank did not put latte-2 first");

  if (Status st = sdk.erase(); !st) return fail("erase: " + st.to_string());
  if (std::filesystem::exists(dir) && !std::filesystem::is_empty(dir)) return fail("erase left files in the store");
  std::printf("consumer.cpp: ok (Confidant C++ API)\n");
  return 0;
}
