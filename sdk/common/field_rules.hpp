// The rules of the fields that name things, wherever they arrive: a signal's
// item, paths and attributes, a ranking candidate's, a stated preference's
// target, a brand config's taxonomy. One definition below the layers that
// take such values (signals, ranking, profile, sync), so they agree by
// construction and none borrows another's.
//
// Every text must be well-formed UTF-8 (common/utf8.hpp) with no control
// characters at all. Category paths: 1..max_category_segments segments
// joined by '/', each one or more of [a-z0-9_-]; no leading, trailing or
// doubled '/'; at most max_category_bytes in all. Attribute keys contain no
// '=' (targets are written key=value); keys and values are non-empty.
//
// Every refusal is kInvalidArgument "<field>: <problem>", e.g.
//   categories[2]: empty path segment
//   attrs["milk"]: value longer than 128 bytes (got 130)
// with caller-supplied text quoted and escaped (common/quote.hpp).
//
// Thread-safety: pure functions over constants.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "confidant/status.hpp"

namespace confidant::fields {

// Limits, in bytes of UTF-8 unless said otherwise.
struct FieldLimits {
  std::size_t max_item_bytes = 128;       // an item id: 1..128 bytes
  std::size_t max_categories = 8;         // category paths of one signal or candidate
  std::size_t max_category_segments = 6;  // "a/b/c/d/e/f"
  std::size_t max_category_bytes = 128;   // one whole path
  std::size_t max_attrs = 16;             // attribute pairs of one signal or candidate
  std::size_t max_attr_key_bytes = 64;
  std::size_t max_attr_value_bytes = 128;
};

// 1..max_bytes of UTF-8 without control characters. `what` opens the
// problem when one field holds two texts ("key " -> "key empty").
Status check_text(const std::string& field, std::string_view value, std::size_t max_bytes,
                  std::string_view what = {});
Status check_category_path(const std::string& field, std::string_view path, const FieldLimits& limits = {});
// `what` opens the problem ("attribute " -> "attribute key empty").
Status check_attribute(const std::string& field, std::string_view key, std::string_view value,
                       const FieldLimits& limits = {}, std::string_view what = {});

}  // namespace confidant::fields
