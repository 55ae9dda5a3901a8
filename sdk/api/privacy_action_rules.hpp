// Which privacy center actions exist and what each needs in its target:
// checked before anything is done, so a malformed action changes nothing and
// its error names the field.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "confidant/privacy_center.hpp"

namespace confidant::api {

// kInvalidArgument: "id: unknown action 'frob'", "target.target: required",
// "target.use: unknown value 'sell'", "target.colour: not a field of 'forget'".
Status check_privacy_action(const PrivacyAction& action);

// The target value named `name`; empty when absent.
std::string_view target_value(const PrivacyAction& action, std::string_view name);

}  // namespace confidant::api
