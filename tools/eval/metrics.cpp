#include "eval/metrics.hpp"

#include <cmath>

namespace confidant::eval {

Metrics user_metrics(std::optional<std::size_t> position, std::size_t k) {
  if (!position || *position == 0 || *position > k) return {};
  const auto r = static_cast<double>(*position);
  return {1, 1 / std::log2(r + 1), 1 / r, *position == 1 ? 1.0 : 0.0};
}

void MetricSum::add(std::optional<std::size_t> position) {
  ++users_;
  const Metrics m = user_metrics(position, k_);
  sum_.hr += m.hr;
  sum_.ndcg += m.ndcg;
  sum_.mrr += m.mrr;
  sum_.hr1 += m.hr1;
}

Metrics MetricSum::mean() const {
  if (users_ == 0) return {};
  const auto n = static_cast<double>(users_);
  return {sum_.hr / n, sum_.ndcg / n, sum_.mrr / n, sum_.hr1 / n};
}

}  // namespace confidant::eval
