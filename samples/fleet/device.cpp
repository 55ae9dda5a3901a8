#include "device.hpp"

#include "confidant/sdk.hpp"

namespace fleet {

using namespace confidant;

namespace {

// The orders that make `truth` this device's true values: three orders in
// its top category, carrying its attribute values (if it has any).
std::vector<Signal> orders_for(const brand::ConfigInfo& config, const DeviceTruth& truth) {
  Signal order;
  order.type = SignalType::kOrder;
  order.item = "fleet-item";
  for (const auto& metric : config.metrics) {
    const auto it = truth.values.find(metric.id);
    if (it == truth.values.end()) continue;
    const std::string& member = metric.domain[it->second];
    if (metric.source == "top_category") order.categories.push_back(member);
    else order.attrs[metric.attribute] = member;
  }
  if (order.categories.empty()) order.categories.push_back("fleet/other");
  return std::vector<Signal>(3, order);
}

}  // namespace

DeviceOutcome run_device(const DeviceSetup& setup, const DeviceTruth& truth) {
  DeviceOutcome out;
  Options options;
  options.dir = setup.dir;
  options.key_provider = make_in_memory_key_provider();
  options.brand_signing_key = setup.signing_public;
  options.transport = setup.transport;
  options.sync.url = setup.reports_url;
  options.flush_interval = std::chrono::milliseconds(1);
  auto opened = Sdk::open(std::move(options));
  if (!opened) return {0, 0, 0, "open: " + opened.status().to_string()};
  Sdk& sdk = *opened.value();
  const auto fail = [&](const std::string& step, const Status& st) {
    out.error = step + ": " + st.to_string();
    (void)sdk.erase();
    return out;
  };
  const ConsentContext context{Source::kUser, "fleet-1", "Share anonymous, noised trends with the brand."};
  if (Status st = sdk.wait_until_ready(); !st) return fail("open", st);
  if (Status st = sdk.grant({DataCategory::kPurchases}, {Use::kPersonalize, Use::kShare}, context); !st)
    return fail("grant", st);
  if (Status st = sdk.install_config(setup.signed_config); !st) return fail("install_config", st);
  for (const Signal& signal : orders_for(*setup.config, truth)) {
    if (Status st = sdk.track(signal); !st) return fail("track", st);
  }
  if (Status st = sdk.flush(); !st) return fail("flush", st);
  auto synced = sdk.sync({std::chrono::milliseconds(20000), false});
  if (!synced) return fail("sync", synced.status());
  out.prepared = synced->prepared;
  out.sent = synced->sent;
  out.pending = synced->pending;
  // Crypto-shred: the simulated phone is done, and 2,000 stores add up.
  if (Status st = sdk.erase(); !st) out.error = "erase: " + st.to_string();
  return out;
}

}  // namespace fleet
