// A private temporary directory, removed with everything in it when the
// object goes: eval's throwaway stores live there and must not outlive the
// command, whatever way it ends.
//
// Thread-safety: create and destroy on one thread; path() may be read from any.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace confidant::eval {

class ScratchDir {
 public:
  // A new directory (mode 0700) under /dev/shm when it is usable, else the
  // system's temporary directory ($TMPDIR, /tmp);
  // nullopt with `why` set when it cannot be made.
  static std::optional<ScratchDir> create(std::string& why);

  ~ScratchDir();
  ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  ScratchDir& operator=(ScratchDir&&) = delete;
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

}  // namespace confidant::eval
