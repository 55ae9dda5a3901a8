// What the privacy center's section builders share: labels, dates, numbers
// as words, and the actions rows offer.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "api/privacy_center_inputs.hpp"
#include "api/privacy_texts.hpp"

namespace confidant::api {

// "2026-11-20" (UTC): the model shows days, not instants.
std::string date_of(std::int64_t unix_ms);
// A number for people: at most two decimals, no trailing zeros ("2", "0.25").
std::string number_text(double value);
// The person's words for a target or report bucket: a category's taxonomy
// label, "oat milk" for "milk=oat", the item id for "item:x"; the text itself
// when it is none of these.
std::string label_of_target(const CenterInputs& in, std::string_view target);

PrivacyAction action(std::string_view id, TextParams target = {});
PrivacyAction target_action(std::string_view id, std::string_view target);
PrivacyAction cell_action(std::string_view id, DataCategory category, Use use, const CenterInputs& in);

Text category_text(DataCategory category);
Text use_text(Use use);

PrivacySection told_section(const CenterInputs& in);
PrivacySection learned_section(const CenterInputs& in);
PrivacySection not_used_section(const CenterInputs& in);
PrivacySection shared_section(const CenterInputs& in);
PrivacySection consent_section(const CenterInputs& in);

}  // namespace confidant::api
