// Lower-case hexadecimal: digests in consent receipts, report ids in the
// sync ledger, keys in the brand's key files.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace confidant::hex {

std::string to_hex(std::span<const std::uint8_t> bytes);
std::string to_hex(std::string_view bytes);
// The bytes, or nothing when `text` has an odd length or a non-hex digit
// (either case is accepted).
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view text);

}  // namespace confidant::hex
