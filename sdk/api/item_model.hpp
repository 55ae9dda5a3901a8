// ItemModel: the brand's item model from its signed config (popularity and
// related items per item id), used to complete the candidates an app passes
// to rank(): a candidate with no popularity (0) takes the model's, and one
// with no related items takes the model's. What the app sets always wins.
//
// It lives in the api layer because it joins two layers that must not know
// each other: sync (which holds the config) and ranking (which reads
// candidates).
//
// Thread-safety: immutable after construction.
#pragma once

#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "confidant/ranking.hpp"
#include "confidant_sync.pb.h"

namespace confidant::api {

class ItemModel {
 public:
  ItemModel() = default;
  explicit ItemModel(const proto::BrandConfig& config);

  bool empty() const noexcept { return items_.empty(); }
  // Whether some candidate would change.
  bool completes(std::span<const Candidate> candidates) const;
  // The candidates, completed from the model.
  std::vector<Candidate> completed(std::span<const Candidate> candidates) const;

 private:
  struct Entry {
    double popularity = 0;
    std::map<std::string, double> related;
  };
  std::unordered_map<std::string, Entry> items_;
};

}  // namespace confidant::api
