// A concurrency stress for the whole SDK, the same through each of its faces
// (the C++ Sdk, the C ABI): threads call every public member in random
// interleavings for a bounded number of operations, then the invariants are
// checked:
//   - every acknowledged signal of a category that stayed granted, about a
//     target nothing forgot or blocked, and not raced by a pause, is in the
//     export (nothing acknowledged is lost);
//   - after a final withdrawal, nothing of the withdrawn category is in the
//     export or pending in the sync ledger;
//   - (by the caller) the consent ledger verifies.
// Built for the tsan preset (ThreadSanitizer reports any data race) and run
// in the ordinary builds too.
//
// Which signals the invariant may count: browsing is granted before the run
// and never withdrawn; checked signals are views of unique items under
// drinks/tea, which no forget or block names. A pause drops what reaches the
// worker while it holds, so a signal counts only when no set_paused(true) was
// in flight when track() began and none started until it returned (the
// worker persists every signal queued before a task runs, so one acknowledged
// before a pause call began is kept).
//
// Header-only. Thread-safety: run() is the only multi-threaded part; each
// Driver must be safe to call from every thread at once (as the SDK is).
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/json.hpp"
#include "confidant/consent.hpp"
#include "confidant/profile.hpp"
#include "confidant/ranking.hpp"
#include "confidant/signal.hpp"

namespace stress {

using namespace confidant;

// The SDK under test through one face. Each call returns whether the SDK
// answered ok; a refusal (consent, pause, not ranked) is a normal outcome.
struct Driver {
  virtual ~Driver() = default;
  virtual bool track(const Signal& signal) = 0;
  virtual bool rank(const std::vector<Candidate>& candidates, const RankRequest& request) = 0;
  virtual bool why(const std::string& item) = 0;
  virtual bool grant(DataCategory category, Use use) = 0;
  virtual bool deny(DataCategory category, Use use) = 0;
  virtual bool prefer(PreferenceKind kind, const std::string& target) = 0;
  virtual bool forget(const std::string& target) = 0;
  virtual bool set_paused(bool paused) = 0;
  virtual bool sync(bool dry_run) = 0;
  virtual bool flush() = 0;
  virtual std::string export_json() = 0;
  virtual std::string shared_reports() = 0;
};

struct Figures {
  std::uint64_t operations = 0;
  std::uint64_t acknowledged = 0;  // track() answered ok
  std::uint64_t checked = 0;       // of those, counted by the invariant
  double seconds = 0;
};

// Categories the run grants and withdraws at random (never browsing).
inline constexpr DataCategory kToggled[] = {DataCategory::kPurchases, DataCategory::kSearch, DataCategory::kLocation,
                                            DataCategory::kPreferences, DataCategory::kSensitive};

inline std::vector<Candidate> candidates() {
  std::vector<Candidate> out;
  for (int i = 0; i < 24; ++i) {
    Candidate c;
    c.id = "c-" + std::to_string(i);
    c.categories = {i % 3 == 0 ? "drinks/tea" : i % 3 == 1 ? "food/pasta" : "health/vitamins"};
    c.attrs = {{"size", i % 2 ? "grande" : "tall"}};
    c.popularity = static_cast<double>(i) / 24.0;
    out.push_back(c);
  }
  return out;
}

class Run {
 public:
  explicit Run(Driver& driver) : driver_(driver) {}

  // `threads` threads, `operations` each, drawn from `seed`.
  Figures run(std::uint64_t seed, int threads, int operations) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([this, seed, t, operations] { worker(seed * 1000 + static_cast<std::uint64_t>(t), t, operations); });
    }
    for (std::thread& thread : pool) thread.join();
    figures_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    figures_.operations = ops_.load();
    figures_.acknowledged = acknowledged_.load();
    figures_.checked = checked_.size();
    return figures_;
  }

  // Every counted signal's item is among the export's signals.
  void check_nothing_acknowledged_is_lost() {
    REQUIRE(driver_.flush());
    const std::set<std::string> kept = exported_items(driver_.export_json());
    std::size_t missing = 0;
    for (const std::string& item : checked_) {
      if (!kept.contains(item)) {
        if (++missing <= 5) UNSCOPED_INFO("acknowledged, never withdrawn, not in the export: " << item);
      }
    }
    CHECK(missing == 0);
  }

  // Withdraws `purchases` for personalize, then finds none of it anywhere.
  void check_withdrawal_purges() {
    REQUIRE(driver_.deny(DataCategory::kPurchases, Use::kPersonalize));
    auto doc = json::parse(driver_.export_json());
    REQUIRE(doc);
    for (const json::Value& signal : doc->find("signals")->as_array()) {
      const std::string type = signal.find("type")->as_string();
      INFO(type);
      CHECK((type != "order" && type != "purchase" && type != "already_have"));
    }
    const std::string ledger = driver_.shared_reports();
    std::size_t start = 0;
    while (start < ledger.size()) {
      const std::size_t end = ledger.find('\n', start);
      auto entry = json::parse(std::string_view(ledger).substr(start, end - start));
      REQUIRE(entry);
      if (entry->find("status")->as_string() == "pending") {
        for (const json::Value& category : entry->find("data_categories")->as_array()) {
          CHECK(category.as_string() != "purchases");
        }
      }
      start = end + 1;
    }
  }

 private:
  static std::set<std::string> exported_items(const std::string& exported) {
    auto doc = json::parse(exported);
    REQUIRE(doc);
    std::set<std::string> items;
    for (const json::Value& signal : doc->find("signals")->as_array()) {
      if (const json::Value* item = signal.find("item")) items.insert(item->as_string());
    }
    return items;
  }

  void worker(std::uint64_t seed, int thread, int operations) {
    std::mt19937_64 rng(seed);
    const auto pick = [&rng](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const std::vector<Candidate> shelf = candidates();
    for (int i = 0; i < operations; ++i) {
      ops_.fetch_add(1);
      switch (pick(16)) {
        case 0: case 1: case 2: case 3: case 4: {  // the checked kind: a browsing view
          const std::string item = "t" + std::to_string(thread) + "-" + std::to_string(i);
          Signal s;
          s.type = SignalType::kView;
          s.item = item;
          s.categories = {"drinks/tea"};
          const bool quiet = pauses_in_flight_.load() == 0;
          const std::uint64_t before = pauses_started_.load();
          if (driver_.track(s)) {
            acknowledged_.fetch_add(1);
            if (quiet && pauses_started_.load() == before) {
              std::lock_guard lock(mu_);
              checked_.push_back(item);
            }
          }
          break;
        }
        case 5: {  // other categories, some of them sensitive
          Signal s;
          const std::size_t kind = pick(3);
          s.type = kind == 0 ? SignalType::kOrder : kind == 1 ? SignalType::kSearch : SignalType::kVisit;
          if (s.type == SignalType::kSearch) s.query = "pasta";
          // A visit's item is the place.
          s.item = s.type == SignalType::kVisit ? "store-" + std::to_string(pick(3)) : "x-" + std::to_string(pick(8));
          s.categories = {pick(4) == 0 ? "health/vitamins" : "food/pasta"};
          s.attrs = {{"size", pick(2) ? "grande" : "tall"}};
          if (driver_.track(s)) acknowledged_.fetch_add(1);
          break;
        }
        case 6: {
          RankRequest request;
          request.seed = rng();
          if (pick(3) == 0) request.slot = Slot::related_to(shelf[pick(shelf.size())].id);
          (void)driver_.rank(shelf, request);
          break;
        }
        case 7: (void)driver_.why(shelf[pick(shelf.size())].id); break;
        case 8: (void)driver_.grant(kToggled[pick(std::size(kToggled))], pick(2) ? Use::kPersonalize : Use::kShare); break;
        case 9: (void)driver_.deny(kToggled[pick(std::size(kToggled))], pick(2) ? Use::kPersonalize : Use::kShare); break;
        case 10: {
          static const char* const kTargets[] = {"food/pasta", "size=grande", "item:x-1", "health/vitamins"};
          const auto kind = static_cast<PreferenceKind>(pick(3));
          (void)driver_.prefer(kind, kTargets[pick(std::size(kTargets))]);
          break;
        }
        case 11: {
          static const char* const kTargets[] = {"food", "size=tall", "item:x-2", "health"};
          (void)driver_.forget(kTargets[pick(std::size(kTargets))]);
          break;
        }
        case 12: {
          if (pick(2) == 0) {
            pauses_in_flight_.fetch_add(1);
            pauses_started_.fetch_add(1);
            (void)driver_.set_paused(true);
            pauses_in_flight_.fetch_sub(1);
          } else {
            (void)driver_.set_paused(false);
          }
          break;
        }
        case 13: (void)driver_.sync(pick(2) == 0); break;
        case 14: (void)driver_.export_json(); break;
        default: (void)driver_.flush(); break;
      }
    }
  }

  Driver& driver_;
  std::atomic<std::uint64_t> ops_{0};
  std::atomic<std::uint64_t> acknowledged_{0};
  std::atomic<int> pauses_in_flight_{0};
  std::atomic<std::uint64_t> pauses_started_{0};
  std::mutex mu_;
  std::vector<std::string> checked_;
  Figures figures_;
};

}  // namespace stress
