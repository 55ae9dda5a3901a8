// Helpers for the Sdk tests: an Sdk on a temporary directory with a key file
// (fast to open) and a FakeClock, plus short builders for signals.
//
// Header-only, for the tests that drive a whole Sdk (tests/api, tests/sync). Thread-safety: one test thread, except
// where a test says otherwise.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "confidant/sdk.hpp"
#include "support/fake_clock.hpp"
#include "support/files.hpp"

namespace sdk_test {

using namespace confidant;
using confidant::testing::FakeClock;
using confidant::testing::kDayMs;
using confidant::testing::kHourMs;
using confidant::testing::TempDir;

struct Harness {
  TempDir tmp{"confidant-sdk"};
  std::shared_ptr<FakeClock> clock = std::make_shared<FakeClock>();
  std::unique_ptr<Sdk> sdk;

  std::filesystem::path dir() const { return tmp.path() / "app"; }
  std::filesystem::path key_file() const { return tmp.path() / "wrapping.key"; }

  Options options() const {
    Options o;
    o.dir = dir();
    auto provider = make_key_file_provider(key_file());
    REQUIRE(provider);
    o.key_provider = std::shared_ptr<KeyProvider>(std::move(provider.value()));
    o.clock = clock;
    return o;
  }

  explicit Harness(bool open_now = true) {
    if (open_now) open();
  }
  ~Harness() {
    if (sdk) (void)sdk->close();
  }

  void open(Options o) {
    auto opened = Sdk::open(std::move(o));
    INFO(opened.status().to_string());
    REQUIRE(opened);
    sdk = std::move(opened.value());
    const Status ready = sdk->wait_until_ready();
    INFO(ready.to_string());
    REQUIRE(ready);
  }
  void open() { open(options()); }
  void reopen() {
    REQUIRE(sdk->close());
    sdk.reset();
    open();
  }

  void grant(std::vector<DataCategory> categories, std::vector<Use> uses = {Use::kPersonalize}) {
    const Status st = sdk->grant(categories, uses, {Source::kUser, "2026-11", "We personalize on your phone."});
    INFO(st.to_string());
    REQUIRE(st);
  }
  void deny(std::vector<DataCategory> categories, std::vector<Use> uses = {Use::kPersonalize}) {
    const Status st = sdk->deny(categories, uses, {Source::kUser, "2026-11", "We personalize on your phone."});
    INFO(st.to_string());
    REQUIRE(st);
  }
  // track() that must be accepted.
  void track(const Signal& signal) {
    const Status st = sdk->track(signal);
    INFO(st.to_string());
    REQUIRE(st);
  }
  void flush() {
    const Status st = sdk->flush();
    INFO(st.to_string());
    REQUIRE(st);
  }
  Profile profile() {
    auto p = sdk->profile();
    INFO(p.status().to_string());
    REQUIRE(p);
    return p.value();
  }
  std::string exported() {
    auto e = sdk->export_json();
    INFO(e.status().to_string());
    REQUIRE(e);
    return e.value();
  }
};

inline Signal signal(SignalType type, std::string item, std::vector<std::string> categories,
                     std::map<std::string, std::string> attrs = {}) {
  Signal s;
  s.type = type;
  s.item = std::move(item);
  s.categories = std::move(categories);
  s.attrs = std::move(attrs);
  return s;
}

inline Signal search(std::string query, std::vector<std::string> categories) {
  Signal s;
  s.type = SignalType::kSearch;
  s.query = std::move(query);
  s.categories = std::move(categories);
  return s;
}

// Relative paths of every regular file under `root`, at any depth, that
// holds `needle`.
inline std::vector<std::string> files_holding(const std::filesystem::path& root, const std::string& needle) {
  std::vector<std::string> out;
  if (!std::filesystem::exists(root)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto bytes = confidant::testing::read_bytes(entry.path());
    const std::string text(bytes.begin(), bytes.end());
    if (text.find(needle) != std::string::npos) out.push_back(entry.path().lexically_relative(root).string());
  }
  return out;
}

inline const Interest* find_interest(const Profile& p, const std::string& target) {
  for (const Interest& i : p.interests) {
    if (i.target == target) return &i;
  }
  return nullptr;
}

inline const Suppression* find_suppression(const Profile& p, const std::string& target) {
  for (const Suppression& s : p.suppressions) {
    if (s.target == target) return &s;
  }
  return nullptr;
}

inline const Usual* find_usual(const Profile& p, const std::string& attribute) {
  for (const Usual& u : p.usual) {
    if (u.attribute == attribute) return &u;
  }
  return nullptr;
}

}  // namespace sdk_test
