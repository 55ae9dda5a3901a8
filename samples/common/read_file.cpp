#include "read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include <sys/stat.h>

namespace confidant::tools {
namespace {

Status cannot(const std::filesystem::path& file, const std::string& why) {
  return {ErrorCode::kInvalidArgument, file.string() + ": " + why};
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& file) {
  struct ::stat info {};
  if (::stat(file.c_str(), &info) != 0) return cannot(file, std::string("cannot read (") + std::strerror(errno) + ")");
  if (S_ISDIR(info.st_mode)) return cannot(file, "is a directory");
  if (!S_ISREG(info.st_mode) && !S_ISFIFO(info.st_mode)) return cannot(file, "not a regular file");
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!in) return cannot(file, std::string("cannot read (") + std::strerror(errno) + ")");
  std::string bytes;
  char buffer[16384];
  while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, in.get())) bytes.append(buffer, got);
  if (std::ferror(in.get())) return cannot(file, std::string("read failed (") + std::strerror(errno) + ")");
  return bytes;
}

}  // namespace confidant::tools
