// A brand for tests: fresh keys and signed configs made with the brand's own
// tools (include/confidant/brand.hpp), so tests exercise the real format.
//
// Thread-safety: plain values.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "confidant/brand.hpp"

namespace confidant::testing {

// A config with two metrics: the top drink category and the usual milk.
// `extra` is spliced into the top-level object (e.g. R"(,"brand":"x")").
inline std::string cafe_config_json(int version = 1, double epsilon = 2.0, double metric_cap = 8.0,
                                    double total_cap = 16.0) {
  const std::string eps = std::to_string(epsilon);
  return R"({"version":)" + std::to_string(version) +
         R"(,"brand":"cafe","epoch_seconds":604800,"budget_window_days":30,"budget_total_cap":)" +
         std::to_string(total_cap) + R"(,"min_group_size":100,)" +
         R"("taxonomy":[{"path":"health","sensitive":true}],)" +
         R"("metrics":[{"id":"top_drink","source":"top_category","domain":["drinks/coffee","drinks/tea","food/bakery","health/pregnancy"],"epsilon":)" +
         eps + R"(,"budget_cap":)" + std::to_string(metric_cap) +
         R"(},{"id":"milk","source":"attribute_value","attribute":"milk","domain":["oat","dairy","soy"],"epsilon":)" + eps +
         R"(,"budget_cap":)" + std::to_string(metric_cap) + R"(}]})";
}

struct TestBrand {
  brand::KeySet keys = brand::generate_keys();

  std::string sign(const std::string& config_json) const {
    auto signed_config = brand::sign_config(config_json, keys);
    INFO(signed_config.status().to_string());
    REQUIRE(signed_config);
    return signed_config.value();
  }
  brand::ConfigInfo info(const std::string& signed_config) const {
    auto verified = brand::verify_config(signed_config, keys.signing_public);
    INFO(verified.status().to_string());
    REQUIRE(verified);
    return verified.value();
  }
};

}  // namespace confidant::testing
