// What the evaluation library's tests share: a Dataset built by hand
// (catalog items and interactions added in file order, line numbers
// counted as a file would, without going through the JSON readers:
// dataset_test does that), and a sink that keeps what eval tells a person.
//
// Thread-safety: plain values, one thread each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "confidant_eval/eval.hpp"
#include "eval/dataset.hpp"

namespace confidant::eval::testing {

// 2026-11-02T00:00:00Z, a Monday; times in the tests are offsets from it.
inline constexpr std::int64_t kT0 = 1793577600000;
inline constexpr std::int64_t kHourMs = 3'600'000;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

class DatasetBuilder {
 public:
  DatasetBuilder& item(const std::string& id, double popularity = 0) {
    Candidate candidate;
    candidate.id = id;
    candidate.popularity = popularity;
    data_.catalog_index.emplace(id, data_.catalog.size());
    data_.catalog.push_back(std::move(candidate));
    data_.catalog_lines.push_back(data_.catalog.size());
    return *this;
  }

  // A signal about `item` by `user` at `at` (a rating for kRate).
  DatasetBuilder& signal(const std::string& user, SignalType type, const std::string& item, std::int64_t at,
                         std::optional<std::int64_t> rating = std::nullopt) {
    Signal s;
    s.type = type;
    s.item = item;
    s.at = at;
    s.rating = rating;
    const auto [it, added] = data_.user_index.emplace(user, static_cast<std::uint32_t>(data_.users.size()));
    if (added) data_.users.push_back(user);
    data_.interactions.push_back({it->second, data_.interactions.size() + 1, std::move(s)});
    return *this;
  }

  // An order: the simplest positive signal.
  DatasetBuilder& order(const std::string& user, const std::string& item, std::int64_t at) {
    return signal(user, SignalType::kOrder, item, at);
  }

  Dataset& data() { return data_; }

 private:
  Dataset data_;
};

// Every message eval gives, in order; the Told must outlive the sink.
struct Told {
  std::vector<std::string> lines;
  Messages sink() {
    return [this](const std::string& message) { lines.push_back(message); };
  }
};

}  // namespace confidant::eval::testing
