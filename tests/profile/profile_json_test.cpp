// to_json(Profile): the documented one-line object, member order fixed, the
// person's words escaped but intact, times as ISO 8601 UTC; and the
// preference kind names.
#include <catch2/catch.hpp>

#include <string>

#include "common/json.hpp"
#include "confidant/profile.hpp"

namespace {

using confidant::Interest;
using confidant::PreferenceKind;
using confidant::Profile;
using confidant::SignalType;
using confidant::StatedPreference;
using confidant::Suppression;
using confidant::Usual;

constexpr std::int64_t kT0 = 1795161600000;  // 2026-11-20T08:00:00.000Z

TEST_CASE("preference kinds have stable names") {
  CHECK(std::string(confidant::preference_kind_name(PreferenceKind::kLike)) == "like");
  CHECK(std::string(confidant::preference_kind_name(PreferenceKind::kDislike)) == "dislike");
  CHECK(std::string(confidant::preference_kind_name(PreferenceKind::kBlock)) == "block");
}

TEST_CASE("an empty profile") {
  Profile p;
  p.as_of_ms = kT0;
  CHECK(confidant::to_json(p) ==
        R"j({"as_of":"2026-11-20T08:00:00.000Z","paused":false,"preferences":[],"interests":[],"usual":[],)j"
        R"j("suppressions":[]})j");
}

TEST_CASE("every section, exactly as documented") {
  Profile p;
  p.as_of_ms = kT0;
  p.paused = true;
  p.preferences.push_back(
      StatedPreference{PreferenceKind::kLike, "drinks/tea", "I \"love\" tea\u2028ok", kT0 - 1000, "tea — you told us"});
  p.interests.push_back(Interest{"footwear/running_shoes", 1.25, 5, kT0 - 86'400'000,
                                 "running shoes — viewed 5 times this week"});
  p.usual.push_back(Usual{"milk", "oat", 8, 0.9, "oat milk — your usual (8 of 9 orders)"});
  p.suppressions.push_back(Suppression{"item:battery-1", SignalType::kAlreadyHave, kT0, kT0 + 180LL * 86'400'000,
                                       "battery-1 — you already have this"});
  const std::string json = confidant::to_json(p);
  CHECK(json ==
        R"j({"as_of":"2026-11-20T08:00:00.000Z","paused":true,)j"
        R"j("preferences":[{"kind":"like","target":"drinks/tea","text":"I \"love\" tea\u2028ok",)j"
        R"j("at":"2026-11-20T07:59:59.000Z","explanation":"tea — you told us"}],)j"
        R"j("interests":[{"target":"footwear/running_shoes","score":1.25,"signals":5,)j"
        R"j("last":"2026-11-19T08:00:00.000Z","explanation":"running shoes — viewed 5 times this week"}],)j"
        R"j("usual":[{"attribute":"milk","value":"oat","orders":8,"share":0.9,)j"
        R"j("explanation":"oat milk — your usual (8 of 9 orders)"}],)j"
        R"j("suppressions":[{"target":"item:battery-1","reason":"already_have","since":"2026-11-20T08:00:00.000Z",)j"
        R"j("until":"2027-05-19T08:00:00.000Z","explanation":"battery-1 — you already have this"}]})j");

  // And a strict reader gets the person's words back byte for byte.
  auto parsed = confidant::json::parse(json);
  REQUIRE(parsed);
  const auto* preferences = parsed->find("preferences");
  REQUIRE(preferences != nullptr);
  CHECK(preferences->as_array().at(0).find("text")->as_string() == "I \"love\" tea\u2028ok");
  CHECK(parsed->find("interests")->as_array().at(0).find("score")->as_double() == 1.25);
}

TEST_CASE("times outside what ISO 8601 can carry are null") {
  Profile p;
  p.as_of_ms = -1;
  CHECK(confidant::to_json(p).rfind(R"j({"as_of":null,)j", 0) == 0);
}

}  // namespace
