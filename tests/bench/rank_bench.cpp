// rank_bench: what ranking costs, against a naive ranker in the same run.
//
//   rank_bench [--rounds N] [--seed N] [--json] [--skip-naive]
//
// The profile: a person with 60 days of activity (views, clicks, orders,
// purchases, impressions, dismissals) over 200 leaf categories and 2,000
// items, stated likes, dislikes and blocks, in a ProfileState on a real
// encrypted store, plus what the ranking learned from the same signals (hour
// histograms, impression counts).
//
// Timed, each the median of N rounds:
//   rank 1k / 10k   Ranker::rank, as the engine calls it: limit 20, variety
//                   on, exploration at its default share. The profile index
//                   is kept between calls while the profile is unchanged
//                   (ranking/index_cache.hpp): the common case, an app
//                   ranking several lists between batches of signals.
//   cold 1k / 10k   the same with the profile indexed anew for the call
//                   (ranking::rank without a cache): what a call pays when
//                   nothing prepared the index, e.g. the first in a new minute.
//   changed 1k/10k  the first Ranker::rank after the profile changed (one
//                   new signal applied and observed), as the SDK runs it: the
//                   worker warms the index between rounds (Ranker::warm,
//                   timed apart as "warm"), then the app's call comes.
//   naive 1k / 10k  the same evidence scored the obvious way: std::map
//                   lookups keyed by std::string copies, a feature map per
//                   candidate, a full sort, then the variety cap
// Allocations: operator new is replaced in this program and counted across
// one ranking call; allocs_per_candidate is that count over the candidates
// (the per-call work — the profile index, the results and their reasons — is
// spread over them). The marginal figure (10k minus 1k, per extra candidate)
// is what the hot loop itself allocates.
//
// A benchmark, not a test: never registered with ctest; it exits non-zero
// only when the SDK fails.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "confidant/key_provider.hpp"
#include "confidant/ranking.hpp"
#include "profile/profile_state.hpp"
#include "ranking/pipeline/rank.hpp"
#include "ranking/ranker.hpp"
#include "ranking/learned/schema.hpp"
#include "store/store.hpp"

// ---- counting allocations ------------------------------------------------

namespace {
std::atomic<std::uint64_t> g_allocations{0};

void* counted_alloc(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* counted_aligned_alloc(std::size_t size, std::align_val_t align) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  const auto alignment = static_cast<std::size_t>(align);
  const std::size_t rounded = (std::max<std::size_t>(size, 1) + alignment - 1) / alignment * alignment;
  if (void* p = std::aligned_alloc(alignment, rounded)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_alloc(size); }
void* operator new[](std::size_t size) { return counted_alloc(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted_alloc(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return counted_alloc(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t size, std::align_val_t align) { return counted_aligned_alloc(size, align); }
void* operator new[](std::size_t size, std::align_val_t align) { return counted_aligned_alloc(size, align); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using confidant::Candidate;
using confidant::RankRequest;
using confidant::Signal;
using confidant::SignalType;
using confidant::profile::ProfileState;

constexpr std::int64_t kNow = 1795161600000;  // 2026-11-20T08:00:00Z
constexpr std::int64_t kDayMs = 86'400'000;

struct Args {
  int rounds = 21;
  std::uint64_t seed = 20261120;
  bool json = false;
  bool skip_naive = false;  // for profiling the ranker alone
};

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "rank_bench: %s\n", what.c_str());
  std::exit(1);
}

void check(const confidant::Status& st, const char* what) {
  if (!st) fail(std::string(what) + ": " + st.to_string());
}

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail(flag + ": missing value");
      return argv[++i];
    };
    if (flag == "--json") {
      args.json = true;
    } else if (flag == "--skip-naive") {
      args.skip_naive = true;
    } else if (flag == "--rounds") {
      args.rounds = std::max(1, std::atoi(value().c_str()));
    } else if (flag == "--seed") {
      args.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (flag == "--help") {
      std::printf("usage: rank_bench [--rounds N] [--seed N] [--json] [--skip-naive]\n");
      std::exit(0);
    } else {
      fail("unknown option " + flag + " (usage: rank_bench [--rounds N] [--seed N] [--json])");
    }
  }
  return args;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// ---- the workload ---------------------------------------------------------

// 10 departments x 5 families x 4 leaves = 200 leaf categories.
std::vector<std::string> leaf_paths() {
  std::vector<std::string> paths;
  for (int d = 0; d < 10; ++d) {
    for (int f = 0; f < 5; ++f) {
      for (int l = 0; l < 4; ++l) {
        paths.push_back("dept" + std::to_string(d) + "/family" + std::to_string(f) + "/leaf" + std::to_string(l));
      }
    }
  }
  return paths;
}

const std::vector<std::string> kColours = {"red", "blue", "green", "black", "white", "grey", "brass", "oak"};
const std::vector<std::string> kSizes = {"xs", "s", "m", "l", "xl"};

std::vector<Signal> activity(std::mt19937_64& random, const std::vector<std::string>& paths) {
  // A person has favourites: a fifth of the categories get most of the activity.
  std::vector<Signal> signals;
  const SignalType types[] = {SignalType::kView,  SignalType::kView,     SignalType::kView,      SignalType::kClick,
                              SignalType::kOrder, SignalType::kPurchase, SignalType::kImpression, SignalType::kImpression,
                              SignalType::kDismiss, SignalType::kAddToCart};
  for (int i = 0; i < 4000; ++i) {
    const bool favourite = random() % 4 != 0;
    const std::size_t leaf = favourite ? random() % 40 : random() % paths.size();
    const std::size_t item = leaf * 10 + random() % 10;  // 2,000 items, 10 per leaf
    Signal s;
    s.type = types[random() % std::size(types)];
    s.item = "sku-" + std::to_string(item);
    s.categories = {paths[leaf]};
    if (s.type != SignalType::kImpression) {
      s.attrs = {{"colour", kColours[random() % kColours.size()]}, {"size", kSizes[random() % kSizes.size()]}};
    }
    s.at = kNow - static_cast<std::int64_t>(random() % (60 * kDayMs));
    signals.push_back(std::move(s));
  }
  return signals;
}

std::vector<Candidate> catalogue(std::mt19937_64& random, const std::vector<std::string>& paths, std::size_t count) {
  std::vector<Candidate> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    Candidate c;
    c.id = "sku-" + std::to_string(i);
    const std::size_t leaf = (i / 10) % paths.size();
    c.categories = {paths[leaf]};
    if (random() % 5 == 0) c.categories.push_back(paths[random() % paths.size()]);
    if (c.categories.size() == 2 && c.categories[0] == c.categories[1]) c.categories.pop_back();
    c.attrs = {{"colour", kColours[random() % kColours.size()]}, {"size", kSizes[random() % kSizes.size()]}};
    c.popularity = static_cast<double>(random() % 1000) / 1000.0;
    for (int r = 0; r < 3; ++r) c.related["sku-" + std::to_string(random() % count)] = static_cast<double>(random() % 100) / 100.0;
    c.sensitive = random() % 100 == 0;
    out.push_back(std::move(c));
  }
  return out;
}

struct Fixture {
  fs::path dir;
  std::unique_ptr<confidant::KeyProvider> provider = confidant::make_in_memory_key_provider();
  std::unique_ptr<confidant::store::Store> store;
  std::unique_ptr<ProfileState> profile;
  std::unique_ptr<confidant::ranking::Ranker> ranker;

  ~Fixture() {
    ranker.reset();
    profile.reset();
    if (store) (void)store->close();
    store.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

void build(Fixture& f, std::mt19937_64& random, const std::vector<std::string>& paths) {
  f.dir = fs::temp_directory_path() / ("confidant-rank-bench-" + std::to_string(random()));
  std::vector<confidant::store::Migration> migrations;
  for (auto steps : {confidant::profile::migrations(), confidant::ranking::migrations()}) {
    for (auto& step : steps) migrations.push_back({static_cast<int>(migrations.size()) + 1, std::move(step.sql)});
  }
  confidant::store::StoreOptions options;
  options.dir = f.dir;
  options.key_provider = f.provider.get();
  options.migrations = migrations;
  options.durability = confidant::store::Durability::kNormal;
  auto store = confidant::store::Store::open(options);
  check(store.status(), "open store");
  f.store = std::move(store.value());
  auto profile = ProfileState::load(*f.store, confidant::profile::Taxonomy::builtin(),
                                    confidant::profile::ModelParams::defaults());
  check(profile.status(), "load profile");
  f.profile = std::move(profile.value());
  auto ranker = confidant::ranking::Ranker::load(*f.store);
  check(ranker.status(), "load ranker");
  f.ranker = std::move(ranker.value());

  check(f.store->exec("BEGIN"), "begin");
  for (const Signal& s : activity(random, paths)) {
    if (f.profile->blocks(s)) continue;
    f.profile->apply(s, false);
    f.ranker->observe(s);
  }
  const auto prefer = [&f](confidant::PreferenceKind kind, const std::string& text) {
    auto target = confidant::profile::parse_target(text);
    check(target.status(), "target");
    check(f.profile->add_preference(*f.store, kind, target.value(), "", kNow - kDayMs), "prefer");
  };
  prefer(confidant::PreferenceKind::kLike, "dept1/family2");
  prefer(confidant::PreferenceKind::kLike, "colour=oak");
  prefer(confidant::PreferenceKind::kLike, "item:sku-77");
  prefer(confidant::PreferenceKind::kDislike, "dept3");
  prefer(confidant::PreferenceKind::kDislike, "size=xs");
  prefer(confidant::PreferenceKind::kBlock, "dept9/family4");
  prefer(confidant::PreferenceKind::kBlock, "colour=grey");
  check(f.profile->save(*f.store), "save profile");
  check(f.ranker->save(*f.store), "save ranker");
  check(f.store->exec("COMMIT"), "commit");
}

// ---- the naive ranker ------------------------------------------------------

// The same evidence, the way one writes it first: every lookup key built as
// a std::string, a std::map per candidate for its features, a full sort.
struct NaiveResult {
  std::string id;
  double score = 0;
  std::string category;
};

std::vector<NaiveResult> naive_rank(const ProfileState& profile, const std::vector<Candidate>& candidates,
                                    std::size_t limit, std::size_t max_per_category) {
  const auto& params = profile.params();
  std::map<std::string, double> categories, attributes, items;
  profile.terms().for_each([&](const confidant::profile::RowKey& key, const confidant::profile::Term& term) {
    const double score = term.decayed.at(kNow, params.half_life_ms(key.type));
    if (key.kind == confidant::profile::TargetKind::kCategory) {
      for (std::size_t slash = 0; slash != std::string::npos;) {
        slash = key.key.find('/', slash + 1);
        categories[key.key.substr(0, slash)] += score;
      }
    } else if (key.kind == confidant::profile::TargetKind::kAttribute) {
      attributes[key.key + "=" + key.value] += score;
    } else if (key.type != SignalType::kImpression) {
      items[key.key] += score;
    }
  });
  const auto usual = profile.usual(kNow);
  const auto saturate = [](double s) { return s >= 0 ? s / (s + 3.0) : s / (3.0 - s); };

  std::vector<NaiveResult> scored;
  for (const Candidate& c : candidates) {
    const std::string id = c.id;
    std::map<std::string, double> features;
    bool drop = profile.preferences().blocks_item(id) || profile.suppressions().suppressed(id, c.categories, kNow) ||
                c.sensitive;
    for (const std::string& path : c.categories) {
      const std::string copy = path;
      drop = drop || profile.preferences().blocks_path(copy) || profile.taxonomy().is_sensitive(copy);
      for (std::size_t slash = 0; slash != std::string::npos;) {
        slash = copy.find('/', slash + 1);
        const std::string prefix = copy.substr(0, slash);
        const auto it = categories.find(prefix);
        if (it != categories.end()) features["category"] = std::max(features["category"], saturate(it->second));
        if (const auto* stated = profile.preferences().find(prefix)) {
          features["stated"] += stated->kind == confidant::PreferenceKind::kLike ? 1 : -1;
        }
      }
    }
    for (const auto& [key, value] : c.attrs) {
      const std::string target = key + "=" + value;
      drop = drop || profile.preferences().blocks_attribute(key, value);
      const auto it = attributes.find(target);
      if (it != attributes.end()) features["attribute"] = std::max(features["attribute"], saturate(it->second));
      if (const auto* stated = profile.preferences().find(target)) {
        features["stated"] += stated->kind == confidant::PreferenceKind::kLike ? 1 : -1;
      }
      for (const auto& u : usual) {
        if (u.attribute == key) features["usual"] += u.value == value ? 0.5 : 0.0;
      }
    }
    if (drop) continue;
    if (const auto* stated = profile.preferences().find("item:" + id)) {
      features["stated"] += stated->kind == confidant::PreferenceKind::kLike ? 1 : -1;
    }
    const auto history = items.find(id);
    if (history != items.end()) features["item"] = saturate(history->second);
    for (const auto& [other, weight] : c.related) {
      const auto it = items.find(other);
      if (it != items.end() && it->second > 0) features["related"] = std::max(features["related"], weight * saturate(it->second));
    }
    features["popularity"] = c.popularity;
    const double score = 25 * features["stated"] + features["category"] + 1.2 * features["usual"] +
                         0.4 * features["attribute"] + 0.8 * features["item"] + 0.6 * features["related"] +
                         0.5 * features["popularity"];
    scored.push_back({id, score, c.categories.empty() ? std::string() : c.categories.front()});
  }
  std::sort(scored.begin(), scored.end(), [](const NaiveResult& a, const NaiveResult& b) { return a.score > b.score; });
  std::vector<NaiveResult> out;
  std::map<std::string, std::size_t> per_category;
  for (const NaiveResult& r : scored) {
    if (out.size() == limit) break;
    if (out.size() < 10 && per_category[r.category] >= max_per_category) continue;
    ++per_category[r.category];
    out.push_back(r);
  }
  return out;
}

// ---- measuring ---------------------------------------------------------------

struct Measure {
  double median_ms = 0;
  std::uint64_t allocations = 0;  // in one call
};

// One run, timed (no warm-up run: what is timed is a first call).
template <typename Fn>
double time_once(Fn&& fn) {
  const auto start = Clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

template <typename Fn>
Measure measure(int rounds, Fn&& fn) {
  Measure m;
  if (rounds == 0) return m;
  fn();  // warm: caches, first-touch allocations of the allocator itself
  std::vector<double> times;
  for (int r = 0; r < rounds; ++r) {
    const std::uint64_t before = g_allocations.load(std::memory_order_relaxed);
    const auto start = Clock::now();
    fn();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    m.allocations = g_allocations.load(std::memory_order_relaxed) - before;
  }
  m.median_ms = median(times);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  std::mt19937_64 random(args.seed);
  const std::vector<std::string> paths = leaf_paths();
  Fixture fixture;
  build(fixture, random, paths);
  const std::vector<Candidate> all = catalogue(random, paths, 10'000);
  const std::vector<Candidate> first_1k(all.begin(), all.begin() + 1000);

  RankRequest request;
  request.limit = 20;
  request.variety = true;
  const confidant::ranking::ConsentFacts consent{true, false, false};
  std::size_t listed = 0;
  const auto run = [&](const std::vector<Candidate>& candidates) {
    auto ranked = fixture.ranker->rank(*fixture.profile, consent, kNow, candidates, request);
    check(ranked.status(), "rank");
    listed = ranked->size();
  };
  const Measure rank_1k = measure(args.rounds, [&] { run(first_1k); });
  const Measure rank_10k = measure(args.rounds, [&] { run(all); });
  const auto run_cold = [&](const std::vector<Candidate>& candidates) {
    const confidant::ranking::RankingInputs inputs{fixture.profile.get(), consent, kNow, &fixture.ranker->learned(),
                                                   nullptr, nullptr};
    auto ranked = confidant::ranking::rank(inputs, candidates, request);
    check(ranked.status(), "rank");
    listed = ranked->size();
  };
  const Measure cold_1k = measure(args.rounds, [&] { run_cold(first_1k); });
  const Measure cold_10k = measure(args.rounds, [&] { run_cold(all); });
  // A new signal each round changes the profile (and the learned state's
  // version, which the index is keyed on) before the warm and the call.
  std::uint64_t change = 0;
  const auto change_profile = [&] {
    Signal s;
    s.type = SignalType::kView;
    s.item = "sku-" + std::to_string(change % 2000);
    s.categories = {paths[change % paths.size()]};
    s.at = kNow - 60'000 + static_cast<std::int64_t>(change % 1000);
    ++change;
    fixture.profile->apply(s, false);
    fixture.ranker->observe(s);
  };
  const auto warm = [&] { fixture.ranker->warm(*fixture.profile, consent, kNow); };
  std::vector<double> warm_times;
  const auto run_changed = [&](const std::vector<Candidate>& candidates, int rounds) {
    std::vector<double> times;
    for (int r = 0; r < rounds; ++r) {
      change_profile();
      warm_times.push_back(time_once(warm));
      times.push_back(time_once([&] { run(candidates); }));
    }
    return median(times);
  };
  const double changed_1k = run_changed(first_1k, args.rounds);
  const double changed_10k = run_changed(all, args.rounds);
  const double warm_ms = median(warm_times);
  std::size_t naive_listed = 20;
  const int naive_rounds = args.skip_naive ? 0 : std::max(3, args.rounds / 4);
  const Measure naive_1k = measure(naive_rounds, [&] { naive_listed = naive_rank(*fixture.profile, first_1k, 20, 4).size(); });
  const Measure naive_10k = measure(naive_rounds, [&] { naive_listed = naive_rank(*fixture.profile, all, 20, 4).size(); });
  if (listed != 20 || naive_listed != 20) fail("expected 20 results");

  const double per_candidate = static_cast<double>(rank_10k.allocations) / 10'000.0;
  const double marginal = (static_cast<double>(rank_10k.allocations) - static_cast<double>(rank_1k.allocations)) / 9'000.0;
  if (args.json) {
    std::printf(
        "{\"rank_1k_ms\":%.4f,\"rank_10k_ms\":%.4f,\"naive_10k_ms\":%.4f,\"allocs_per_candidate\":%.4f,"
        "\"rank_1k_cold_ms\":%.4f,\"rank_10k_cold_ms\":%.4f,\"naive_1k_ms\":%.4f,\"speedup_10k\":%.1f,"
        "\"allocs_per_extra_candidate\":%.4f,\"allocs_per_call_10k\":%llu,\"profile_terms\":%zu,\"rounds\":%d,"
        "\"rank_1k_after_change_ms\":%.4f,\"rank_10k_after_change_ms\":%.4f,\"warm_ms\":%.4f}\n",
        rank_1k.median_ms, rank_10k.median_ms, naive_10k.median_ms, per_candidate, cold_1k.median_ms,
        cold_10k.median_ms, naive_1k.median_ms, naive_10k.median_ms / rank_10k.median_ms, marginal,
        static_cast<unsigned long long>(rank_10k.allocations), fixture.profile->terms().size(), args.rounds,
        changed_1k, changed_10k, warm_ms);
    return 0;
  }
  std::printf("profile: %zu terms, %zu suppression rows, %zu preferences; limit 20, variety on\n",
              fixture.profile->terms().size(), fixture.profile->suppressions().rows().size(),
              fixture.profile->preferences().size());
  std::printf("%-6s %12s %14s %12s %12s %8s %14s\n", "", "confidant", "after change", "cold index", "naive", "ratio",
              "allocs/call");
  std::printf("%-6s %9.3f ms %11.3f ms %9.3f ms %9.3f ms %7.1fx %14llu\n", "1k", rank_1k.median_ms, changed_1k,
              cold_1k.median_ms,
              naive_1k.median_ms, naive_1k.median_ms / rank_1k.median_ms,
              static_cast<unsigned long long>(rank_1k.allocations));
  std::printf("%-6s %9.3f ms %11.3f ms %9.3f ms %9.3f ms %7.1fx %14llu\n", "10k", rank_10k.median_ms, changed_10k,
              cold_10k.median_ms,
              naive_10k.median_ms, naive_10k.median_ms / rank_10k.median_ms,
              static_cast<unsigned long long>(rank_10k.allocations));
  std::printf("allocations per candidate: %.4f (per extra candidate, 1k -> 10k: %.4f)\n", per_candidate, marginal);
  std::printf("the worker's warm after a change (Ranker::warm, off the app's call): %.3f ms\n", warm_ms);
  std::printf("targets: 1k <= 0.15 ms, 10k <= 1.5 ms, >= 5x naive, no per-candidate allocation\n");
  return 0;
}
