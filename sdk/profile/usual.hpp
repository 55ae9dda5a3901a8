// The usual: per attribute, the value the person orders most — "milk=oat",
// "size=grande" — built from order terms (orders, and purchases in a
// consumable category). The top value by decayed order weight is the usual
// when it has at least ModelParams::usual_min_orders orders and at least
// usual_min_share of that attribute's decayed order weight, so one afternoon
// tea with no milk does not replace ten oat lattes.
//
// Thread-safety: a pure function over const tables.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "profile/model_params.hpp"
#include "profile/preferences.hpp"
#include "profile/terms.hpp"

namespace confidant::profile {

struct UsualChoice {
  std::string attribute;               // "milk"
  std::string value;                   // "oat"
  std::int64_t orders = 0;             // orders with this value
  std::int64_t attribute_orders = 0;   // orders naming the attribute at all
  double share = 0;                    // of the attribute's decayed order weight, 0..1
};

// By attribute name. Attribute values the person blocked take no part.
std::vector<UsualChoice> usual_choices(const TermTable& terms, const ModelParams& params,
                                       const Preferences& preferences, std::int64_t now_ms);

}  // namespace confidant::profile
