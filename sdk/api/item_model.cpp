#include "api/item_model.hpp"

#include <algorithm>
#include <cmath>

namespace confidant::api {
namespace {

// The ranking refuses values outside these (candidate rules): the model is
// the brand's, checked only by its signature, so it is clamped rather than
// allowed to make a valid candidate invalid.
constexpr std::size_t kMaxRelated = 64;

double unit(double value) { return std::isfinite(value) ? std::clamp(value, 0.0, 1.0) : 0.0; }

}  // namespace

ItemModel::ItemModel(const proto::BrandConfig& config) {
  for (const proto::ItemModel& item : config.items()) {
    if (item.item().empty()) continue;
    Entry entry;
    entry.popularity = unit(item.popularity());
    for (const proto::RelatedItem& related : item.related()) {
      if (entry.related.size() == kMaxRelated) break;
      if (!related.item().empty() && related.item() != item.item()) entry.related.emplace(related.item(), unit(related.weight()));
    }
    items_.insert_or_assign(item.item(), std::move(entry));
  }
}

bool ItemModel::completes(std::span<const Candidate> candidates) const {
  if (items_.empty()) return false;
  return std::any_of(candidates.begin(), candidates.end(), [this](const Candidate& c) {
    if (c.popularity != 0 && !c.related.empty()) return false;
    const auto it = items_.find(c.id);
    return it != items_.end() && ((c.popularity == 0 && it->second.popularity != 0) ||
                                  (c.related.empty() && !it->second.related.empty()));
  });
}

std::vector<Candidate> ItemModel::completed(std::span<const Candidate> candidates) const {
  std::vector<Candidate> out(candidates.begin(), candidates.end());
  for (Candidate& c : out) {
    const auto it = items_.find(c.id);
    if (it == items_.end()) continue;
    if (c.popularity == 0) c.popularity = it->second.popularity;
    if (c.related.empty()) c.related = it->second.related;
  }
  return out;
}

}  // namespace confidant::api
