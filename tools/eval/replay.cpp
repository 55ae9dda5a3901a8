#include "eval/replay.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>

#include "confidant/sdk.hpp"

namespace confidant::eval {
namespace {

namespace fs = std::filesystem;

// At most this many users at once: each has an SDK worker thread of its
// own, and more than a few stores at once only contend for the disk.
constexpr unsigned kMaxThreads = 8;

// The replay's time: set before each signal is tracked and before ranking.
class ReplayClock final : public Clock {
 public:
  std::int64_t now_ms() const override { return ms_.load(std::memory_order_acquire); }
  void set(std::int64_t ms) { ms_.store(ms, std::memory_order_release); }

 private:
  std::atomic<std::int64_t> ms_{0};
};

const std::vector<DataCategory> kGranted = {DataCategory::kPreferences, DataCategory::kBrowsing,
                                            DataCategory::kSearch, DataCategory::kPurchases,
                                            DataCategory::kLocation};

// One thread's worth of replaying, with buffers kept across users: each
// catalog variant is moved into `work_` and back rather than copied per user.
class Replayer {
 public:
  Replayer(const Dataset& data, std::size_t k, const std::vector<const std::vector<Candidate>*>& catalogs,
           const fs::path& scratch)
      : data_(data), k_(k), scratch_(scratch), excluded_(data.catalog.size(), 0) {
    for (const std::vector<Candidate>* catalog : catalogs) catalogs_.push_back(*catalog);
    work_.reserve(data.catalog.size());
  }

  // `positions`: one per variant, then the not-personal order's.
  Status run(const UserCase& c, std::size_t index, std::vector<std::optional<std::size_t>>& positions,
             std::uint64_t& dropped) {
    // Appended: "u" + to_string(index) makes GCC 12 at -O3 report a false
    // -Wrestrict inside libstdc++'s insert.
    fs::path dir = scratch_ / "u";
    dir += std::to_string(index);
    Status st = replay(c, dir, positions, dropped);
    std::error_code ec;
    fs::remove_all(dir, ec);  // a user's store is not needed once ranked
    return st;
  }

 private:
  Status replay(const UserCase& c, const fs::path& dir, std::vector<std::optional<std::size_t>>& positions,
                std::uint64_t& dropped) {
    auto clock = std::make_shared<ReplayClock>();
    clock->set(data_.interactions[c.training.front()].signal.at);
    Options options;
    options.dir = dir;
    options.key_provider = make_in_memory_key_provider();
    options.clock = clock;
    // Room for the whole history, and no timed batches: the worker stores
    // everything at flush(), with the clock where the replay left it.
    options.queue_capacity = c.training.size() + 1;
    options.batch_size = c.training.size() + 1;
    options.flush_interval = std::chrono::hours(24);
    auto opened = Sdk::open(std::move(options));
    if (!opened) return opened.status();
    Sdk& sdk = *opened.value();
    if (Status st = sdk.wait_until_ready(); !st) return st;
    if (Status st = sdk.grant(kGranted, {Use::kPersonalize}); !st) return st;

    for (const std::size_t i : c.training) {
      const Interaction& interaction = data_.interactions[i];
      clock->set(interaction.signal.at);
      const Status st = sdk.track(interaction.signal);
      if (st.code() == ErrorCode::kNotPermitted) {
        ++dropped;
      } else if (st.code() == ErrorCode::kInvalidArgument) {
        return {st.code(), "line " + std::to_string(interaction.line) + ": signal." + st.message()};
      } else if (!st) {
        return st;
      }
    }
    if (Status st = sdk.flush(); !st) return st;

    clock->set(c.held_out_at);
    Status ranked = Status::ok();
    for (std::size_t v = 0; v < catalogs_.size() && ranked; ++v) ranked = rank(sdk, c, catalogs_[v], positions[v]);
    // Then the order the SDK gives when it may not personalize (paused:
    // nothing is purged), over the first variant: popularity under the
    // product's rules (variety), what "not personalized" means as shipped.
    if (ranked) ranked = sdk.set_paused(true);
    if (ranked) ranked = rank(sdk, c, catalogs_[0], positions[catalogs_.size()]);
    Status closed = sdk.close();
    return ranked ? closed : ranked;
  }

  Status rank(Sdk& sdk, const UserCase& c, std::vector<Candidate>& catalog, std::optional<std::size_t>& position) {
    for (const std::size_t out : c.excluded_items) excluded_[out] = 1;
    work_.clear();
    for (std::size_t i = 0; i < catalog.size(); ++i) {
      if (!excluded_[i]) work_.push_back(std::move(catalog[i]));
    }
    RankRequest request;
    request.limit = std::min(k_, work_.size());
    request.seed = 0;
    request.exploration_share = 0;
    auto ranked = sdk.rank(work_, request);
    // Back where they came from, whatever rank() said.
    std::size_t next = 0;
    for (std::size_t i = 0; i < catalog.size(); ++i) {
      if (!excluded_[i]) catalog[i] = std::move(work_[next++]);
    }
    for (const std::size_t out : c.excluded_items) excluded_[out] = 0;
    if (!ranked) return ranked.status();

    const std::string& target = data_.catalog[c.held_out_item].id;
    const auto& list = ranked.value();
    for (std::size_t p = 0; p < list.size(); ++p) {
      if (list[p].id == target) {
        position = p + 1;
        break;
      }
    }
    return Status::ok();
  }

  const Dataset& data_;
  std::size_t k_;
  fs::path scratch_;
  std::vector<std::vector<Candidate>> catalogs_;  // this thread's copies of the variants
  std::vector<Candidate> work_;
  std::vector<char> excluded_;
};

}  // namespace

Result<ReplayOutcome> replay_confidant(const Dataset& data, const Split& split, std::size_t k,
                                       const std::vector<const std::vector<Candidate>*>& catalogs,
                                       const fs::path& scratch) {
  // Per case, its positions in every variant: one worker writes one case.
  std::vector<std::vector<std::optional<std::size_t>>> by_case(
      split.cases.size(), std::vector<std::optional<std::size_t>>(catalogs.size() + 1));
  std::vector<std::uint64_t> dropped(split.cases.size(), 0);

  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_lock;
  Status first_error;
  auto fail = [&](Status st) {
    const std::lock_guard<std::mutex> lock(error_lock);
    if (!failed.exchange(true)) first_error = std::move(st);
  };
  auto worker = [&] {
    try {
      Replayer replayer(data, k, catalogs, scratch);
      for (std::size_t i = next++; i < split.cases.size() && !failed; i = next++) {
        if (Status st = replayer.run(split.cases[i], i, by_case[i], dropped[i]); !st) fail(std::move(st));
      }
    } catch (const std::exception& e) {
      fail({ErrorCode::kInternal, e.what()});
    }
  };

  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const auto threads = static_cast<unsigned>(std::min<std::size_t>({hardware, kMaxThreads, split.cases.size()}));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();  // this thread too
  for (std::thread& thread : pool) thread.join();

  if (failed) return first_error;
  ReplayOutcome outcome;
  outcome.positions.assign(catalogs.size(), std::vector<std::optional<std::size_t>>(split.cases.size()));
  outcome.not_personal.resize(split.cases.size());
  for (std::size_t i = 0; i < split.cases.size(); ++i) {
    for (std::size_t v = 0; v < catalogs.size(); ++v) outcome.positions[v][i] = by_case[i][v];
    outcome.not_personal[i] = by_case[i][catalogs.size()];
    outcome.dropped += dropped[i];
  }
  return outcome;
}

}  // namespace confidant::eval
