#include "support/files.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace confidant::testing {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

// Closes `fd` without letting close() overwrite the errno a caller reports.
void close_keeping_errno(int fd) {
  const int saved = errno;
  ::close(fd);
  errno = saved;
}

// Writes `bytes` at `offset` of an existing file, without truncating it.
void write_at(const fs::path& path, std::uint64_t offset, std::span<const std::uint8_t> bytes, bool sync) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw_errno("open " + path.string());
  const bool ok = ::pwrite(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset)) ==
                      static_cast<ssize_t>(bytes.size()) &&
                  (!sync || ::fsync(fd) == 0);
  close_keeping_errno(fd);
  if (!ok) throw_errno("pwrite " + path.string());
}

}  // namespace

TempDir::TempDir(const std::string& prefix) {
  std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) throw_errno("mkdtemp " + pattern);
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

Bytes read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Bytes read_bytes(const fs::path& path, std::uint64_t offset, std::size_t count) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_errno("open " + path.string());
  Bytes out(count);
  std::size_t done = 0;
  while (done < count) {
    const ssize_t n = ::pread(fd, out.data() + done, count - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      close_keeping_errno(fd);
      throw_errno("pread " + path.string());
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(done);
  return out;
}

void write_bytes(const fs::path& path, std::span<const std::uint8_t> bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  out.flush();  // so a failed write is reported here, not lost in the destructor
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void overwrite_bytes(const fs::path& path, std::uint64_t offset, std::span<const std::uint8_t> bytes) {
  write_at(path, offset, bytes, /*sync=*/true);
}

void flip_byte(const fs::path& path, std::uint64_t offset, std::uint8_t mask) {
  Bytes byte = read_bytes(path, offset, 1);
  // Past the end there is nothing to flip; writing there would grow the file instead.
  if (byte.size() != 1) throw std::runtime_error("cannot flip a byte past the end of " + path.string());
  byte[0] ^= mask;
  // Not synced: tamper tests flip thousands of bytes in turn, and the store
  // reads them back through the same page cache.
  write_at(path, offset, byte, /*sync=*/false);
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> files_containing(const fs::path& dir, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& path : files_in(dir)) {
    const Bytes bytes = read_bytes(path);
    if (std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end()) != bytes.end()) {
      out.push_back(path.filename().string());
    }
  }
  return out;
}

std::vector<std::string> list_directory(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(entry.path(), dir).string());
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, Digest> hash_directory(const fs::path& dir) {
  if (::sodium_init() < 0) throw std::runtime_error("sodium_init failed");
  std::map<std::string, Digest> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const Bytes bytes = read_bytes(entry.path());
    Digest digest{};
    ::crypto_generichash(digest.data(), digest.size(), bytes.data(), bytes.size(), nullptr, 0);
    out[fs::relative(entry.path(), dir).string()] = digest;
  }
  return out;
}

void copy_directory(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

}  // namespace confidant::testing
