// Reports as a device would seal them, made directly (without an SDK), for
// the brand-side tests: the collector's gate, its storage and its server.
//
// Thread-safety: plain values.
#pragma once

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "common/hex.hpp"
#include "confidant/brand.hpp"
#include "confidant_sync.pb.h"
#include "crypto/bytes.hpp"
#include "crypto/sealed_box.hpp"
#include "sync/oue.hpp"

namespace confidant::testing {

struct ReportSpec {
  std::uint64_t config_version = 1;
  std::string metric_id = "top_drink";
  std::uint64_t epoch = 0;
  double epsilon = 2.0;
  std::uint32_t domain_size = 4;
  std::vector<std::uint32_t> ones = {0};
  // An outcome report: the experiment and the arm (1 personalized, 2 holdout).
  std::string experiment_id = "";
  std::uint32_t arm = 0;
};

inline proto::SyncReport make_report(const ReportSpec& spec) {
  proto::SyncReport r;
  std::array<std::uint8_t, 16> id{};
  crypto::random_bytes(id);
  r.set_format(1);
  r.set_report_id(std::string(id.begin(), id.end()));
  r.set_config_version(spec.config_version);
  r.set_metric_id(spec.metric_id);
  r.set_epoch(spec.epoch);
  r.set_epsilon(spec.epsilon);
  r.set_domain_size(spec.domain_size);
  std::string bits(sync::packed_size(spec.domain_size), '\0');
  for (std::uint32_t one : spec.ones) bits[one / 8] = static_cast<char>(bits[one / 8] | (1 << (one % 8)));
  r.set_bits(bits);
  r.set_experiment_id(spec.experiment_id);
  r.set_arm(spec.arm);
  return r;
}

inline std::string seal_bytes(const std::string& bytes, const std::string& sealing_public_hex) {
  const auto key = hex::from_hex(sealing_public_hex).value();
  const auto sealed =
      crypto::seal_to(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
                      std::span<const std::uint8_t, 32>(key.data(), 32));
  return std::string(sealed.begin(), sealed.end());
}

inline std::string sealed_report(const ReportSpec& spec, const std::string& sealing_public_hex) {
  return seal_bytes(make_report(spec).SerializeAsString(), sealing_public_hex);
}

// n reports whose true values follow `truth` (shares per bucket),
// randomized with OUE at `epsilon` by a seeded generator.
inline std::vector<std::string> randomized_reports(const std::vector<double>& truth, std::size_t n, ReportSpec spec,
                                                   const std::string& sealing_public_hex, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::discrete_distribution<std::uint32_t> pick(truth.begin(), truth.end());
  const sync::Uniform uniform = [&rng] { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t value = pick(rng);
    const auto bits = sync::oue_randomize(value, spec.domain_size, spec.epsilon, uniform);
    spec.ones.clear();
    for (std::uint32_t b = 0; b < spec.domain_size; ++b)
      if (sync::bit_set(bits, b)) spec.ones.push_back(b);
    out.push_back(sealed_report(spec, sealing_public_hex));
  }
  return out;
}

}  // namespace confidant::testing
