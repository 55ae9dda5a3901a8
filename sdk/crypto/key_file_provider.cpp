// A provider that keeps its wrapping key in a file: for desktop tools and servers.
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "confidant/key_provider.hpp"
#include "crypto/key_wrap.hpp"

namespace confidant {
namespace {

Status io_error(const std::filesystem::path& path, const char* what, int error) {
  return {ErrorCode::kIo, std::string("key file ") + path.string() + ": " + what + ": " + std::strerror(error)};
}

Status sync_parent(const std::filesystem::path& path) {
  const auto dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error(path, "open its directory", errno);
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  return rc == 0 ? Status::ok() : io_error(path, "sync its directory", error);
}

bool write_all(int fd, const std::uint8_t* bytes, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, bytes + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

class KeyFileProvider final : public crypto::HeldKeyProvider {
 public:
  KeyFileProvider(std::filesystem::path path, crypto::SecureKey key)
      : HeldKeyProvider("key-file", std::move(key)), path_(std::move(path)) {}

  // Overwrites the file's bytes before removing it, so the key does not linger
  // in a block the file system reuses later.
  Status destroy() override {
    (void)HeldKeyProvider::destroy();
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? Status::ok() : io_error(path_, "open", errno);
    std::uint8_t noise[kDataKeyBytes];
    randombytes_buf(noise, sizeof noise);
    const bool ok = write_all(fd, noise, sizeof noise) && ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!ok) return io_error(path_, "overwrite", error);
    if (::unlink(path_.c_str()) != 0) return io_error(path_, "remove", errno);
    return sync_parent(path_);
  }

 private:
  std::filesystem::path path_;
};

// Reads exactly the key's bytes; a file of any other size is refused so that a
// truncated or unrelated file never silently becomes a key.
Status read_key(const std::filesystem::path& path, crypto::SecureKey& key) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, "open", errno);
  auto out = key.bytes();
  std::size_t got = 0;
  Status st;
  while (got < out.size()) {
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      st = io_error(path, "read", errno);
      break;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  std::uint8_t extra = 0;
  if (st && (got != out.size() || ::read(fd, &extra, 1) != 0)) {
    st = {ErrorCode::kInvalidArgument,
          "key file " + path.string() + ": must hold exactly " + std::to_string(kDataKeyBytes) + " bytes"};
  }
  ::close(fd);
  return st;
}

// The key is written to a private temporary file and linked into place only
// when complete, so a reader never sees a partial key and, of two concurrent
// creators, the second finds the first one's key (link fails with EEXIST).
Status create_key(const std::filesystem::path& path, crypto::SecureKey& key) {
  std::string tmp = path.string() + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tmp.data());  // mode 0600
  if (fd < 0) return io_error(path, "create", errno);
  key = crypto::SecureKey::random();
  const bool written = write_all(fd, key.data(), kDataKeyBytes) && ::fsync(fd) == 0;
  const int write_error = errno;
  ::close(fd);
  if (!written) {
    ::unlink(tmp.c_str());
    return io_error(path, "write", write_error);
  }
  const int linked = ::link(tmp.c_str(), path.c_str());
  const int link_error = errno;
  ::unlink(tmp.c_str());
  if (linked != 0) {
    if (link_error == EEXIST) return read_key(path, key);
    return io_error(path, "create", link_error);
  }
  return sync_parent(path);
}

}  // namespace

Result<std::unique_ptr<KeyProvider>> make_key_file_provider(const std::filesystem::path& path,
                                                            bool create_if_missing) {
  crypto::SecureKey key;
  Status st = read_key(path, key);
  if (st.code() == ErrorCode::kIo && create_if_missing && !std::filesystem::exists(path)) st = create_key(path, key);
  if (!st) return st;
  return std::unique_ptr<KeyProvider>(std::make_unique<KeyFileProvider>(path, std::move(key)));
}

}  // namespace confidant
