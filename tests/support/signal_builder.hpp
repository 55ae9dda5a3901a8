// A Signal with the fields the profile and ranking read, in one call, for
// the layers' tests (a search gets a placeholder query, which it requires).
//
// Thread-safety: returns a fresh value.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "confidant/signal.hpp"

namespace confidant::testing {

inline Signal signal(SignalType type, std::int64_t at, std::optional<std::string> item,
                     std::vector<std::string> categories = {}, std::map<std::string, std::string> attrs = {}) {
  Signal s;
  s.type = type;
  s.at = at;
  s.item = std::move(item);
  s.categories = std::move(categories);
  s.attrs = std::move(attrs);
  if (type == SignalType::kSearch) s.query = "query";
  return s;
}

}  // namespace confidant::testing
