// Place context through the public Sdk: used only with location consent;
// withdrawing location forgets what was learned about places.
#include <catch2/catch.hpp>

#include "support/sdk_harness.hpp"

using namespace sdk_test;

namespace {

Signal at(Signal s, std::int64_t at_ms) {
  s.at = at_ms;
  return s;
}

std::vector<Candidate> menu() {
  Candidate tea;
  tea.id = "tea-1";
  tea.categories = {"drinks/tea"};
  tea.popularity = 0.5;
  Candidate latte = tea;
  latte.id = "latte-1";
  latte.categories = {"drinks/coffee"};
  return {tea, latte};
}

bool any_place_reason(const std::vector<RankedItem>& items) {
  for (const RankedItem& item : items)
    for (const Reason& r : item.reasons)
      if (r.code == "at_this_place") return true;
  return false;
}

// A week of tea at the kiosk, each order 15 minutes after a visit there.
void kiosk_week(Harness& h) {
  for (int day = 0; day < 7; ++day) {
    const std::int64_t t = h.clock->now_ms() - (7 - day) * kDayMs;
    (void)h.sdk->track(at(signal(SignalType::kVisit, "place:kiosk", {}), t));
    h.track(at(signal(SignalType::kOrder, "tea-1", {"drinks/tea"}), t + 15 * 60'000));
  }
  h.flush();
}

}  // namespace

TEST_CASE("the place favours what is ordered there only while location is granted") {
  Harness h;
  h.grant({DataCategory::kPurchases});
  RankRequest request;
  request.place = "place:kiosk";

  SECTION("without location, visits are not kept and the place means nothing") {
    kiosk_week(h);
    auto ranked = h.sdk->rank(menu(), request);
    REQUIRE(ranked);
    CHECK_FALSE(any_place_reason(ranked.value()));
  }
  SECTION("with location the habit shows; withdrawing location forgets it") {
    h.grant({DataCategory::kLocation});
    kiosk_week(h);
    auto ranked = h.sdk->rank(menu(), request);
    REQUIRE(ranked);
    CHECK(ranked->front().id == "tea-1");
    CHECK(any_place_reason(ranked.value()));
    CHECK(h.exported().find("\"place\":\"place:kiosk\"") != std::string::npos);

    h.deny({DataCategory::kLocation});
    h.grant({DataCategory::kLocation});  // granted again: nothing learned before comes back
    auto after = h.sdk->rank(menu(), request);
    REQUIRE(after);
    CHECK_FALSE(any_place_reason(after.value()));
    CHECK(h.exported().find("place:kiosk") == std::string::npos);
  }
}
