// A provider that keeps its wrapping key in a file: for desktop tools and servers.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "confidant/key_provider.hpp"
#include "crypto/key_wrap.hpp"

namespace confidant {
namespace {

class KeyFileProvider final : public KeyProvider {
 public:
  explicit KeyFileProvider(crypto::SecureKey key) : key_(std::move(key)) {}

  std::string kind() const override { return "key-file"; }

  Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                         std::span<const std::uint8_t> context) override {
    return crypto::wrap_data_key(key_, kind(), data_key, context);
  }

  Status unwrap(std::span<const std::uint8_t> wrapped, std::span<const std::uint8_t> context,
                std::span<std::uint8_t, kDataKeyBytes> data_key_out) override {
    return crypto::unwrap_data_key(key_, kind(), wrapped, context, data_key_out);
  }

 private:
  crypto::SecureKey key_;
};

Status io_error(const std::filesystem::path& path, const char* what) {
  return {ErrorCode::kIo, std::string("key file ") + path.string() + ": " + what + ": " + std::strerror(errno)};
}

// Reads exactly the key's bytes; a file of any other size is refused so that a
// truncated or unrelated file never silently becomes a key.
Status read_key(int fd, const std::filesystem::path& path, crypto::SecureKey& key) {
  auto out = key.bytes();
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(path, "read");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  std::uint8_t extra = 0;
  if (got != out.size() || ::read(fd, &extra, 1) != 0) {
    return {ErrorCode::kInvalidArgument,
            "key file " + path.string() + ": must hold exactly " + std::to_string(kDataKeyBytes) + " bytes"};
  }
  return Status::ok();
}

Status write_new_key(const std::filesystem::path& path, crypto::SecureKey& key) {
  // O_EXCL: never overwrite a key someone else just created.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return io_error(path, "create");
  key = crypto::SecureKey::random();
  const auto bytes = key.bytes();
  const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    return io_error(path, "write");
  }
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<KeyProvider>> make_key_file_provider(const std::filesystem::path& path,
                                                            bool create_if_missing) {
  crypto::SecureKey key;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    const Status st = read_key(fd, path, key);
    ::close(fd);
    if (!st) return st;
  } else if (errno == ENOENT && create_if_missing) {
    if (Status st = write_new_key(path, key); !st) return st;
  } else {
    return io_error(path, "open");
  }
  return std::unique_ptr<KeyProvider>(std::make_unique<KeyFileProvider>(std::move(key)));
}

}  // namespace confidant
