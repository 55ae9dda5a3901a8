#include "ranking/index/index_cache.hpp"

#include <deque>
#include <string>

#include "common/text_hash.hpp"

namespace confidant::ranking {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;

}  // namespace

std::int64_t valued_at(std::int64_t now_ms) noexcept {
  std::int64_t into_minute = now_ms % kMinuteMs;
  if (into_minute < 0) into_minute += kMinuteMs;
  return now_ms - into_minute;
}

void IndexCache::prepare(const RankingInputs& inputs, const RankingParams& params, Paths paths) {
  const profile::ProfileState& profile = *inputs.profile;
  Key key;
  key.profile = &profile;
  key.learned = inputs.learned;
  key.learned_version = inputs.learned != nullptr ? inputs.learned->version : 0;
  key.params = &params;
  key.terms = profile.terms().size();
  key.suppressions = profile.suppressions().rows().size();
  key.preferences = profile.preferences().size();
  key.next_seq = profile.preferences().next_seq();
  key.valued_at_ms = valued_at(inputs.now_ms);
  key.personal = inputs.consent.personal();
  key.sensitive = inputs.consent.sensitive;
  if (index_ && key == key_) return;

  // The memo points into the index: it goes first.
  std::deque<std::string> known;
  if (paths == Paths::kCarry && paths_) known = paths_->paths();
  paths_.reset();
  index_ = std::make_unique<ProfileIndex>(profile, inputs.learned, key.valued_at_ms, key.personal, key.sensitive);
  paths_ = std::make_unique<PathMemo>(PathContext{&profile, index_.get(), inputs.learned, &params, key.valued_at_ms});
  for (const std::string& path : known) paths_->facts(path, text::hash_text(path));
  key_ = key;
  ++builds_;
}

void IndexCache::clear() noexcept {
  paths_.reset();
  index_.reset();
  key_ = Key{};
}

}  // namespace confidant::ranking
