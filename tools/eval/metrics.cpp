#include "eval/metrics.hpp"

#include <cmath>

namespace confidant::eval {

void MetricSum::add(std::optional<std::size_t> position) {
  ++users_;
  if (!position || *position == 0 || *position > k_) return;
  const auto r = static_cast<double>(*position);
  sum_.hr += 1;
  sum_.ndcg += 1 / std::log2(r + 1);
  sum_.mrr += 1 / r;
}

Metrics MetricSum::mean() const {
  if (users_ == 0) return {};
  const auto n = static_cast<double>(users_);
  return {sum_.hr / n, sum_.ndcg / n, sum_.mrr / n};
}

}  // namespace confidant::eval
