// Writes the binary seeds of the fuzz corpora (tests/fuzz/<target>/seed-*):
// signed configs, config protobufs, plaintext and sealed reports, uploads
// and acks, made with the fixed keys of fuzz_keys.hpp so that they verify
// and open in every run. The text seeds are written by hand.
//
//   cmake --build --preset fuzz --target fuzz_make_seeds
//   build/fuzz/tests/fuzz/fuzz_make_seeds tests/fuzz
//
// Sealed boxes are randomized, so rerunning changes the bytes of the sealed
// seeds (not what they mean).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "confidant/brand.hpp"
#include "confidant_sync.pb.h"
#include "fuzz_keys.hpp"
#include "sync/oue.hpp"
#include "sync/wire.hpp"

using namespace confidant;

namespace {

std::filesystem::path root;

void write(const std::string& target, const std::string& name, char mode, const std::string& bytes) {
  const std::filesystem::path dir = root / target;
  std::filesystem::create_directories(dir);
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out << mode << bytes;
  std::printf("%s/%s: %zu bytes\n", target.c_str(), name.c_str(), bytes.size() + 1);
}

const char* const kCafe =
    R"({"version":7,"brand":"cafe","epoch_seconds":604800,"budget_window_days":30,"budget_total_cap":16,)"
    R"("min_group_size":100,"taxonomy":[{"path":"health","sensitive":true}],)"
    R"("metrics":[{"id":"top_drink","source":"top_category","domain":["drinks/coffee","drinks/tea","food/bakery",)"
    R"("health/pregnancy"],"epsilon":2,"budget_cap":8},{"id":"milk","source":"attribute_value","attribute":"milk",)"
    R"("domain":["oat","dairy","soy"],"epsilon":2,"budget_cap":8}]})";

const char* const kMinimal =
    R"({"version":1,"budget_total_cap":1,"metrics":[{"id":"m","source":"top_category","domain":["a"],"epsilon":1}]})";

const char* const kWithItems =
    R"({"version":9,"budget_total_cap":4,"metrics":[],"items":[{"item":"latte-1","popularity":0.5,)"
    R"("related":[{"item":"croissant","weight":0.8}]}],"ranking":{"per_category_cap":3,"exploration_share":0.2}})";

std::string report(std::uint64_t version, const std::string& metric, std::uint64_t epoch, double epsilon,
                   std::uint32_t domain, const std::string& bits, char id_byte) {
  proto::SyncReport r;
  r.set_format(1);
  r.set_report_id(std::string(16, id_byte));
  r.set_config_version(version);
  r.set_metric_id(metric);
  r.set_epoch(epoch);
  r.set_epsilon(epsilon);
  r.set_domain_size(domain);
  r.set_bits(bits);
  return r.SerializeAsString();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s TESTS_FUZZ_DIR\n", argv[0]);
    return 2;
  }
  root = argv[1];
  const fuzz::FixedKeys& k = fuzz::fixed_keys();
  const brand::KeySet keys{k.signing_public_hex, k.signing_secret_hex, k.sealing_public_hex, k.sealing_secret_hex};

  const auto sign = [&](const char* json) {
    auto signed_config = brand::sign_config(json, keys);
    if (!signed_config) {
      std::fprintf(stderr, "sign: %s\n", signed_config.status().message().c_str());
      std::exit(1);
    }
    return signed_config.value();
  };
  const std::string cafe = sign(kCafe);
  const std::string minimal = sign(kMinimal);
  const std::string with_items = sign(kWithItems);

  // brand_config: signed configs, their BrandConfig bytes, a tampered one.
  write("brand_config", "seed-signed-cafe", 's', cafe);
  write("brand_config", "seed-signed-minimal", 's', minimal);
  write("brand_config", "seed-signed-items", 's', with_items);
  std::string tampered = cafe;
  tampered[tampered.size() / 2] ^= 0x01;
  write("brand_config", "seed-signed-tampered", 's', tampered);
  for (const auto& [name, signed_bytes] : {std::pair{"cafe", cafe}, std::pair{"items", with_items}}) {
    proto::SignedConfig envelope;
    envelope.ParseFromString(signed_bytes);
    write("brand_config", std::string("seed-body-") + name, 'c', envelope.config());
  }

  // capi_json: the same configs, installed through the C ABI.
  write("capi_json", "seed-install-cafe", 'c', cafe);
  write("capi_json", "seed-install-items", 'c', with_items);
  write("capi_json", "seed-install-tampered", 'c', tampered);

  // report_open: plaintext reports, sealed uploads, plaintext uploads.
  const std::string valid = report(7, "top_drink", 2968, 2.0, 4, std::string(1, '\x05'), 'Z');
  const std::string milk = report(7, "milk", 2967, 2.0, 3, std::string(1, '\x02'), 'M');
  const std::string stale = report(7, "top_drink", 2900, 2.0, 4, std::string(1, '\x01'), 'S');
  const std::string wrong_epsilon = report(7, "top_drink", 2968, 1.0, 4, std::string(1, '\x01'), 'E');
  const std::string bit_past_domain = report(7, "milk", 2968, 2.0, 3, std::string(1, '\x08'), 'B');
  write("report_open", "seed-plain-valid", 'p', valid);
  write("report_open", "seed-plain-milk", 'p', milk);
  write("report_open", "seed-plain-wrong-epsilon", 'p', wrong_epsilon);
  write("report_open", "seed-plain-bit-past-domain", 'p', bit_past_domain);
  write("report_open", "seed-upload-sealed", 'u',
        sync::make_upload({fuzz::seal_to_fixed_key(valid), fuzz::seal_to_fixed_key(milk), std::string(48, 'x')}));
  write("report_open", "seed-upload-plain", 'U', sync::make_upload({valid, stale, valid, milk, wrong_epsilon}));

  // sync_ack: acks as the collector writes them.
  write("sync_ack", "seed-ack-rejections", 'a',
        sync::make_ack(3, {{1, "invalid: report.epsilon: differs from the metric's"}, {4, "duplicate"},
                           {1, "stale_epoch"}}));
  write("sync_ack", "seed-ack-all-accepted", 'a', sync::make_ack(12, {}));
  return 0;
}
