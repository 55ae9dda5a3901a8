#include "eval/scratch_dir.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

namespace confidant::eval {

namespace {

// Memory-backed when the system has it: each throwaway store syncs to disk
// about twenty times, which on a real disk costs more than everything else
// the replay does (the stores are encrypted and gone when eval ends).
std::filesystem::path scratch_base(std::error_code& ec) {
  const std::filesystem::path shm = "/dev/shm";
  if (std::filesystem::is_directory(shm, ec) && ::access(shm.c_str(), W_OK | X_OK) == 0) return shm;
  ec.clear();
  return std::filesystem::temp_directory_path(ec);
}

}  // namespace

std::optional<ScratchDir> ScratchDir::create(std::string& why) {
  std::error_code ec;
  const std::filesystem::path base = scratch_base(ec);
  if (ec) {
    why = "no temporary directory: " + ec.message();
    return std::nullopt;
  }
  // mkdtemp: a fresh name no other process can have taken, made 0700.
  std::string pattern = (base / "confidant-eval-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    why = "cannot create a directory in " + base.string() + ": " + std::strerror(errno);
    return std::nullopt;
  }
  return ScratchDir(std::filesystem::path(buffer.data()));
}

ScratchDir::~ScratchDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);  // best effort: nothing useful to do on failure
}

}  // namespace confidant::eval
