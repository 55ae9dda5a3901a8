// The brand's readable JSON config (schema in docs/sync.md) into a
// BrandConfig. Strict: an unknown key, a wrong type or an out-of-range value
// is an error naming the field, so a typo cannot silently change what
// devices share.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "confidant/status.hpp"
#include "confidant_sync.pb.h"

namespace confidant::brand {

Result<proto::BrandConfig> config_from_json(std::string_view text);

}  // namespace confidant::brand
