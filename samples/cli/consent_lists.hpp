// Reads the consent arguments of `consent grant|deny CATEGORIES USES`: a
// comma list of names ("purchases,browsing") or "all". The names are the
// stable ones of confidant/consent.hpp, spelled exactly (case-sensitive), so
// what a script writes is what receipts and exports show.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "confidant/consent.hpp"

namespace confidant::cli {

// Either the parsed list (in the order given, duplicates removed) or a
// message naming the bad item: "categories: unknown 'purchase' (expected ...)".
template <typename T>
using ListOr = std::variant<std::vector<T>, std::string>;

ListOr<DataCategory> parse_categories(std::string_view text);
ListOr<Use> parse_uses(std::string_view text);

std::string_view category_name(DataCategory category) noexcept;
std::string_view use_name(Use use) noexcept;

}  // namespace confidant::cli
