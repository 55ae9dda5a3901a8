#include "pinned_signer.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "read_file.hpp"

namespace confidant::cli {

Result<std::string> read_signer_file(const std::filesystem::path& file) {
  auto read = tools::read_file(file);
  if (!read) return read.status();
  std::string line = read->substr(0, read->find('\n'));
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  const bool hex = line.size() == 64 && std::all_of(line.begin(), line.end(), [](unsigned char c) {
                     return std::isxdigit(c) != 0;
                   });
  if (!hex) return Status{ErrorCode::kInvalidArgument, file.string() + ": expected 64 hex digits (a signing.pub)"};
  return line;
}

std::string read_pinned_signer(const std::filesystem::path& file) {
  auto key = read_signer_file(file);
  return key ? key.value() : std::string();
}

bool same_key(std::string_view a_hex, std::string_view b_hex) {
  return a_hex.size() == b_hex.size() && std::equal(a_hex.begin(), a_hex.end(), b_hex.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

Status write_pinned_signer(const std::filesystem::path& file, const std::string& key_hex) {
  const std::filesystem::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << key_hex << "\n";
    if (!out) return {ErrorCode::kIo, temporary.string() + ": cannot write"};
  }
  std::error_code ec;
  // A public key: readable by all (0644) whatever the umask, writable by the owner only.
  using std::filesystem::perms;
  std::filesystem::permissions(temporary, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read,
                               std::filesystem::perm_options::replace, ec);
  if (ec) return {ErrorCode::kIo, temporary.string() + ": " + ec.message()};
  std::filesystem::rename(temporary, file, ec);  // atomic: never a half-written key
  if (ec) return {ErrorCode::kIo, file.string() + ": " + ec.message()};
  return {};
}

}  // namespace confidant::cli
