// confidant_test_brand DIR: a brand for the Swift and Java tests, which
// cannot call the brand library: its key files as `confidant-brand keygen`
// writes them (DIR/signing.pub is the key to pin) and DIR/config.signed (the
// tests' cafe config, version 1, epsilon 2), so a confidant-collector can
// serve it too (tests/capi/collector_fixture.sh).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "confidant/brand.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: confidant_test_brand DIR\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const confidant::brand::KeySet keys = confidant::brand::generate_keys();
  auto config = confidant::brand::sign_config(
      R"({"version":1,"brand":"cafe","epoch_seconds":604800,"budget_window_days":30,"budget_total_cap":16,
          "metrics":[{"id":"top_drink","source":"top_category","domain":["drinks/coffee","drinks/tea"],"epsilon":2,"budget_cap":8},
                     {"id":"milk","source":"attribute_value","attribute":"milk","domain":["oat","dairy"],"epsilon":2,"budget_cap":8}]})",
      keys);
  if (!config) {
    std::fprintf(stderr, "confidant_test_brand: %s\n", config.status().to_string().c_str());
    return 1;
  }
  if (auto written = confidant::brand::write_keys(keys, dir); !written) {
    std::fprintf(stderr, "confidant_test_brand: %s\n", written.to_string().c_str());
    return 1;
  }
  std::ofstream(dir / "config.signed", std::ios::binary) << config.value();
  return 0;
}
