// The brand signing key pinned for a store by `config install`: one line of
// 64 hex digits in DIR/brand_signer.pub, read back by every later command so
// the Sdk verifies configs against the same key.
//
// Thread-safety: pure functions over the file system.
#pragma once

#include <filesystem>
#include <string>

#include "confidant/status.hpp"

namespace confidant::cli {

// The key, or "" when none is pinned (the Sdk then refuses every config).
std::string read_pinned_signer(const std::filesystem::path& file);
// The first line of a signing.pub as `confidant-brand keygen` writes it;
// kInvalidArgument names the file when it is not 64 hex digits.
Result<std::string> read_signer_file(const std::filesystem::path& file);
// Hex digits compare case-insensitively.
bool same_key(std::string_view a_hex, std::string_view b_hex);
Status write_pinned_signer(const std::filesystem::path& file, const std::string& key_hex);

}  // namespace confidant::cli
