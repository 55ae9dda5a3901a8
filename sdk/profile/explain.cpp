#include "profile/explain.hpp"

#include <algorithm>

#include "common/time.hpp"
#include "profile/decay.hpp"

namespace confidant::profile {
namespace {

constexpr std::string_view kDash = " \xE2\x80\x94 ";  // " — "

std::string joined(std::string_view label, std::string_view rest) {
  std::string line;
  line.reserve(label.size() + kDash.size() + rest.size());
  line.append(label).append(kDash).append(rest);
  return line;
}

std::string_view verb(SignalType type) {
  switch (type) {
    case SignalType::kView: return "viewed";
    case SignalType::kSearch: return "searched for";
    case SignalType::kAddToCart: return "added to cart";
    case SignalType::kPurchase: return "bought";
    case SignalType::kOrder: return "ordered";
    case SignalType::kDismiss: return "dismissed";
    case SignalType::kAlreadyHave: return "owned";
    case SignalType::kRate: return "rated";
    case SignalType::kVisit: return "visited";
    case SignalType::kImpression: return "shown";
    case SignalType::kClick: return "clicked";
    case SignalType::kLike:
    case SignalType::kDislike:
    case SignalType::kBlock: break;
  }
  return "seen";
}

std::string times(std::int64_t count) {
  if (count == 1) return "once";
  if (count == 2) return "twice";
  return std::to_string(count) + " times";
}

}  // namespace

std::string label_of(const Taxonomy& taxonomy, TargetKind kind, std::string_view key, std::string_view value) {
  switch (kind) {
    case TargetKind::kCategory: return taxonomy.label(key);
    case TargetKind::kAttribute: {
      std::string label(value);
      label.append(" ").append(key);
      std::replace_if(label.begin() + static_cast<std::ptrdiff_t>(value.size()), label.end(),
                      [](char c) { return c == '_' || c == '-'; }, ' ');
      return label;
    }
    case TargetKind::kItem: return std::string(key);
  }
  return std::string(key);
}

std::string explain_preference(PreferenceKind kind, std::string_view label) {
  switch (kind) {
    case PreferenceKind::kLike: return joined(label, "you told us");
    case PreferenceKind::kDislike: return joined(label, "you told us you don't like it");
    case PreferenceKind::kBlock: return joined(label, "you asked us not to personalize this");
  }
  return joined(label, "you told us");
}

std::string describe_activity(SignalType type, std::int64_t count, std::int64_t last_ms, std::int64_t now_ms,
                              std::int64_t recent_ms) {
  std::string line(verb(type));
  line.append(" ").append(times(count)).append(" ");
  if (now_ms - last_ms <= recent_ms) {
    if (recent_ms == 7 * kMsPerDay) {
      line.append("this week");
    } else {
      line.append("in the last ").append(std::to_string(recent_ms / kMsPerDay)).append(" days");
    }
    return line;
  }
  const std::string when = timefmt::iso8601_utc(last_ms);
  line.append("last on ").append(when.empty() ? std::string("an unknown date") : when.substr(0, 10));
  return line;
}

std::string explain_interest(std::string_view label, std::string_view activity, const PreferenceKind* stated) {
  if (stated == nullptr) return joined(label, activity);
  std::string rest = *stated == PreferenceKind::kDislike ? "you told us you don't like it; " : "you told us; ";
  rest.append(activity);
  return joined(label, rest);
}

std::string explain_usual(std::string_view label, std::int64_t orders, std::int64_t attribute_orders) {
  return joined(label, "your usual (" + std::to_string(orders) + " of " + std::to_string(attribute_orders) +
                           " orders)");
}

std::string explain_suppression(std::string_view label, SignalType reason, bool is_item) {
  const std::string_view what = is_item ? "this" : "one of these";
  switch (reason) {
    case SignalType::kAlreadyHave: return joined(label, "you already have " + std::string(what));
    case SignalType::kDismiss: return joined(label, "you dismissed " + std::string(what));
    default: return joined(label, "you bought " + std::string(what));
  }
}

}  // namespace confidant::profile
