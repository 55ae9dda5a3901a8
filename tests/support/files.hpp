// File-system helpers for tests that look at a store's files from outside, as
// a thief, a forensic tool or a crash would: a self-deleting temporary
// directory, whole-file and ranged reads, writes, in-place overwrites and bit
// flips, directory listings, per-file digests, and copies of a live store.
//
// They report failures by throwing std::runtime_error (or std::filesystem's
// errors), which Catch2 turns into a failed test case naming the file.
//
// Thread-safety: plain functions over the file system; a TempDir is owned by
// one thread.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace confidant::testing {

using Bytes = std::vector<std::uint8_t>;

// A fresh, empty directory under std::filesystem::temp_directory_path(),
// removed with everything in it when the object dies. The prefix only tells
// leftovers of a crashed test run apart.
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
Bytes read_bytes(const std::filesystem::path& path);
// `count` bytes of `path` from `offset` on (fewer at the end of the file).
Bytes read_bytes(const std::filesystem::path& path, std::uint64_t offset, std::size_t count);
// Creates or replaces `path` with `bytes`.
void write_bytes(const std::filesystem::path& path, std::span<const std::uint8_t> bytes);
// Writes `bytes` at `offset` of an existing file, without truncating it, and syncs.
void overwrite_bytes(const std::filesystem::path& path, std::uint64_t offset, std::span<const std::uint8_t> bytes);
// XORs the byte at `offset` of an existing file with `mask` in place (not synced).
void flip_byte(const std::filesystem::path& path, std::uint64_t offset, std::uint8_t mask = 0x01);

// Every regular file directly in `dir` (not recursive), sorted by name.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir);
// The names of the files of `dir` that contain `needle` anywhere in their bytes.
std::vector<std::string> files_containing(const std::filesystem::path& dir, const std::string& needle);
// The names (relative to `dir`, recursively) of every entry in `dir`, sorted.
std::vector<std::string> list_directory(const std::filesystem::path& dir);

// BLAKE2b-256 of a file's bytes: collision-resistant, so equal digests mean
// the file did not change, not merely that a checksum happened to agree.
using Digest = std::array<std::uint8_t, 32>;
// File name (relative to `dir`, recursively) -> digest of each regular file.
std::map<std::string, Digest> hash_directory(const std::filesystem::path& dir);

// Copies `from`'s regular files (recursively) into `to`, created if missing,
// replacing files already there. The files may be open and locked by a store:
// the copy is what a crash or a backup at this instant would leave.
void copy_directory(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace confidant::testing
