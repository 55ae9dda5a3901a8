#include "api/manifest.hpp"

#include <array>
#include <string_view>

#include "api/settings.hpp"
#include "consent/schema.hpp"
#include "profile/profile_state.hpp"
#include "ranking/learned/schema.hpp"
#include "signals/schema.hpp"
#include "sync/schema.hpp"

namespace confidant::api {
namespace {

enum class Layer { kConsent, kSignals, kProfile, kSettings, kRanking, kSync };

struct Entry {
  Layer layer;
  int step;  // the layer's own step number
};

// Append only. Never edit or reorder a released line.
constexpr std::array<Entry, 9> kManifest = {{
    {Layer::kConsent, 1},
    {Layer::kSignals, 1},
    {Layer::kProfile, 1},
    {Layer::kSettings, 1},
    {Layer::kRanking, 1},
    {Layer::kSync, 1},
    {Layer::kRanking, 2},
    {Layer::kSync, 2},
    {Layer::kConsent, 2},
}};

std::vector<store::Migration> steps_of(Layer layer) {
  switch (layer) {
    case Layer::kConsent: return consent::migrations();
    case Layer::kSignals: return signals::migrations();
    case Layer::kProfile: return profile::migrations();
    case Layer::kSettings: return settings_migrations();
    case Layer::kRanking: return ranking::migrations();
    case Layer::kSync: return sync::migrations();
  }
  return {};
}

}  // namespace

std::vector<store::Migration> sdk_migrations() {
  std::vector<store::Migration> out;
  out.reserve(kManifest.size());
  for (std::size_t position = 0; position < kManifest.size(); ++position) {
    const Entry& entry = kManifest[position];
    const std::vector<store::Migration> steps = steps_of(entry.layer);
    // A manifest line naming a step its layer does not have is a build
    // mistake; Store::open then refuses the gap it leaves.
    for (const store::Migration& step : steps) {
      if (step.version == entry.step) {
        out.push_back({static_cast<int>(position) + 1, step.sql});
        break;
      }
    }
  }
  return out;
}

}  // namespace confidant::api
