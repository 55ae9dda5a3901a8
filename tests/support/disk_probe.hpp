// Looking at a store's files from outside, as a thief or a forensic tool would.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace confidant::testing {

// A fresh directory under the system temp directory, removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Every regular file in `dir` (not recursive), sorted by name.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir);

// The files of `dir` that contain `needle` anywhere in their bytes.
std::vector<std::string> files_containing(const std::filesystem::path& dir, const std::string& needle);

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path);
void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

// XORs the byte at `offset` with `mask` in place.
void flip_byte(const std::filesystem::path& path, std::uint64_t offset, std::uint8_t mask = 0x01);

}  // namespace confidant::testing
