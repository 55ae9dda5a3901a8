#include "lift_words.hpp"

#include <cmath>
#include <cstdio>

#include "epoch_dates.hpp"

namespace collector {
namespace {

std::string one_decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", std::round(value * 10) / 10 + 0.0);  // never "-0.0"
  return text;
}

// Signed, so that a lift reads as a change: "+21 %", "-4 %", "+0 %".
std::string signed_text(double value, int decimals, const char* suffix) {
  char text[48];
  std::snprintf(text, sizeof text, "%+.*f%s", decimals, value, suffix);
  std::string out = text;
  if (out.rfind("-0", 0) == 0 && std::stod(out.substr(1)) == 0) out[0] = '+';  // no "-0 %"
  return out;
}

std::string mean_text(const confidant::brand::ArmEstimate& arm) {
  return one_decimal(arm.mean) + " ± " + one_decimal((arm.high - arm.low) / 2);
}

}  // namespace

std::string outcome_unit(const std::string& source) {
  if (source == "active_days") return "active days";
  return source;
}

std::string lift_sentence(const ExperimentStats& e, const std::string& source, std::uint64_t epoch_seconds,
                          std::uint32_t k) {
  if (!e.published) {
    return "not enough reports yet (k = " + std::to_string(k) + " in each arm; personalized " +
           std::to_string(e.personalized.reports) + ", not personalized " + std::to_string(e.holdout.reports) + ")";
  }
  const std::string unit = outcome_unit(source) + " " + per_epoch_words(epoch_seconds);
  std::string out = "personalized: " + mean_text(e.personalized.estimate) + " " + unit +
                    "; not personalized: " + mean_text(e.holdout.estimate) + "; lift ";
  if (e.lift.has_ratio) {
    out += signed_text(100 * (e.lift.ratio - 1), 0, " %") + " (" + signed_text(100 * (e.lift.ratio_low - 1), 0, " %") +
           " to " + signed_text(100 * (e.lift.ratio_high - 1), 0, " %") + ")";
  } else {
    out += signed_text(e.lift.difference, 1, "") + " " + unit + " (" + signed_text(e.lift.low, 1, "") + " to " +
           signed_text(e.lift.high, 1, "") + ")";
  }
  return out;
}

}  // namespace collector
