#include "device.hpp"

#include <atomic>
#include <chrono>

#include "confidant/sdk.hpp"

namespace fleet {

using namespace confidant;

namespace {

constexpr std::int64_t kHourMs = 60LL * 60 * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

// The device's time, moved by the simulation: the history, the visits and
// the sync each happen in their own epoch. It runs on from where it was set
// (the system clock plus an offset), so waits such as a sync's backoff end.
class SimulatedClock final : public Clock {
 public:
  std::int64_t now_ms() const override { return system_ms() + offset_.load(); }
  void set(std::int64_t ms) { offset_.store(ms - system_ms()); }

 private:
  static std::int64_t system_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  std::atomic<std::int64_t> offset_{0};
};

// The menu as the app hands it to rank(): consumables without categories
// (so ordering them leaves the top-category metrics' truth alone), with a
// popularity prior that makes the non-personal order the menu's order.
std::vector<Candidate> menu_candidates() {
  std::vector<Candidate> menu;
  for (std::size_t i = 0; i < kMenuSize; ++i) {
    Candidate c;
    c.id = menu_item(i);
    c.kind = CandidateKind::kConsumable;
    c.popularity = 0.9 - 0.05 * static_cast<double>(i);
    menu.push_back(std::move(c));
  }
  return menu;
}

Signal menu_order(std::size_t index) {
  Signal order;
  order.type = SignalType::kOrder;
  order.item = menu_item(index);
  return order;
}

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

std::size_t outcome_bucket(const brand::OutcomeInfo& outcome, const DeviceOutcome& did) {
  const std::uint32_t count = outcome.source == "orders"        ? did.orders
                              : outcome.source == "active_days" ? did.order_days
                                                                : 0;  // no purchases or visits are simulated
  std::size_t bucket = 0;
  for (std::size_t j = 0; j < outcome.bucket_starts.size(); ++j)
    if (outcome.bucket_starts[j] <= count) bucket = j;
  return bucket;
}

DeviceOutcome run_device(const DeviceSetup& setup, const DeviceTruth& truth) {
  DeviceOutcome out;
  Options options;
  options.dir = setup.dir;
  options.key_provider = make_in_memory_key_provider();
  options.brand_signing_key = setup.signing_public;
  options.transport = setup.transport;
  options.sync.url = setup.reports_url;
  options.flush_interval = std::chrono::milliseconds(1);
  const std::int64_t epoch_ms = static_cast<std::int64_t>(setup.config->epoch_seconds) * 1000;
  const std::int64_t measured_start = (setup.now_ms / epoch_ms - 1) * epoch_ms;
  auto clock = std::make_shared<SimulatedClock>();
  // The history happens two epochs back, so the measured epoch holds only the visits.
  if (setup.people != People::kNone) clock->set(measured_start - epoch_ms + kHourMs);
  options.clock = clock;
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
  if (setup.people != People::kNone) {
    // The history: each favourite ordered twice, so the profile knows the tastes.
    for (std::size_t favourite : truth.tastes.favourites)
      for (int n = 0; n < 2; ++n)
        if (Status st = sdk.track(menu_order(favourite)); !st) return fail("track", st);
    if (Status st = sdk.flush(); !st) return fail("flush", st);
    std::mt19937_64 rng(truth.choice_seed);
    const std::vector<Candidate> menu = menu_candidates();
    for (int visit = 0; visit < kVisitsPerEpoch; ++visit) {
      clock->set(measured_start + visit * kDayMs + 10 * kHourMs);
      RankRequest request;
      request.limit = kMenuSize;
      request.seed = truth.choice_seed + static_cast<std::uint64_t>(visit);
      auto ranked = sdk.rank(menu, request);
      if (!ranked) return fail("rank", ranked.status());
      std::vector<std::size_t> shown;
      for (const RankedItem& item : ranked.value())
        if (const std::size_t index = menu_index(item.id); index < kMenuSize) shown.push_back(index);
      if (!ranked->empty() && !ranked->front().reasons.empty())
        out.arm = ranked->front().reasons.front().code == "experiment_holdout" ? 2 : 1;
      const std::vector<std::size_t> ordered = choose(setup.people, truth.tastes, shown, rng);
      for (std::size_t index : ordered) {
        if (Status st = sdk.track(menu_order(index)); !st) return fail("track", st);
      }
      out.orders += static_cast<std::uint32_t>(ordered.size());
      out.order_days += ordered.empty() ? 0 : 1;
      if (Status st = sdk.flush(); !st) return fail("flush", st);
    }
    clock->set(setup.now_ms);  // back to the real time, for the sync
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
