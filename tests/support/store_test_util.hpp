// Small file-system helpers for store tests: a self-deleting temporary
// directory, whole-file reads and in-place overwrites, per-file content hashes
// of a directory, and directory copies (crash images of a live store).
//
// They report failures by throwing std::runtime_error (or std::filesystem's
// errors), which Catch2 turns into a failed test case naming the file.
//
// Thread-safety: plain functions over the file system; a TempDir is owned by
// one thread.
//
// The namespace is store_test, not testing: support/disk_probe.hpp already
// declares a confidant::testing::TempDir, and two such classes in the support
// library would break the link (and the one-definition rule).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace confidant::store_test {

using Bytes = std::vector<std::uint8_t>;

// A fresh, empty directory under std::filesystem::temp_directory_path(),
// removed with everything in it when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "confidant-test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& child) const { return path_ / child; }

 private:
  std::filesystem::path path_;
};

// Every byte of `path`.
Bytes read_file_bytes(const std::filesystem::path& path);
// `bytes` of `path` from `offset` on (at most `count`; fewer at the end of the file).
Bytes read_file_bytes(const std::filesystem::path& path, std::uint64_t offset, std::size_t count);
// Writes `bytes` at `offset` of an existing file, without truncating it, and syncs.
void overwrite_file_bytes(const std::filesystem::path& path, std::uint64_t offset, std::span<const std::uint8_t> bytes);
// Creates or replaces `path` with `bytes`.
void write_file_bytes(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);

// FNV-1a (64-bit) of some bytes: enough to tell test files apart, not a MAC.
std::uint64_t content_hash(std::span<const std::uint8_t> bytes);
// File name (relative to `dir`, recursively) -> content hash of each regular file.
std::map<std::string, std::uint64_t> hash_directory(const std::filesystem::path& dir);
// The names (relative to `dir`, recursively) of every entry in `dir`.
std::vector<std::string> list_directory(const std::filesystem::path& dir);

// Copies `from`'s regular files (recursively) into `to`, created if missing,
// replacing files already there. The files may be open and locked by a store:
// the copy is what a crash or a backup at this instant would leave.
void copy_directory(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace confidant::store_test
