// The brand's key files: DIR/{signing,sealing}.{pub,key}, hex on one line.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/hex.hpp"
#include "confidant/brand.hpp"
#include "crypto/sealed_box.hpp"
#include "crypto/signature.hpp"

namespace confidant::brand {
namespace {

// O_EXCL: never overwrite a key (losing the sealing key loses every report
// sealed to it); `mode` applies at creation, so a secret is never readable
// by others even for a moment.
Status write_new_file(const std::filesystem::path& path, const std::string& text, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    const ErrorCode code = errno == EEXIST ? ErrorCode::kInvalidArgument : ErrorCode::kIo;
    return {code, path.string() + ": " + std::strerror(errno)};
  }
  const std::string line = text + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) return {ErrorCode::kIo, path.string() + ": could not write"};
  return {};
}

// The file's hex line, or "" when it is absent.
Result<std::string> read_hex_file(const std::filesystem::path& path, std::size_t bytes, bool required) {
  std::ifstream in(path);
  if (!in) {
    if (!required) return std::string();
    return Status{ErrorCode::kInvalidArgument, path.string() + ": missing"};
  }
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  auto decoded = hex::from_hex(line);
  if (!decoded || decoded->size() != bytes)
    return Status{ErrorCode::kInvalidArgument,
                  path.string() + ": expected " + std::to_string(bytes * 2) + " hex digits on the first line"};
  return line;
}

}  // namespace

KeySet generate_keys() {
  const crypto::SigningKeyPair signing = crypto::generate_signing_key_pair();
  const crypto::BoxKeyPair sealing = crypto::generate_box_key_pair();
  return {hex::to_hex(signing.public_key), hex::to_hex(signing.secret_key), hex::to_hex(sealing.public_key),
          hex::to_hex(sealing.secret_key)};
}

Status write_keys(const KeySet& keys, const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return {ErrorCode::kIo, dir.string() + ": " + error.message()};
  if (Status s = write_new_file(dir / "signing.key", keys.signing_secret, 0600); !s.is_ok()) return s;
  if (Status s = write_new_file(dir / "sealing.key", keys.sealing_secret, 0600); !s.is_ok()) return s;
  if (Status s = write_new_file(dir / "signing.pub", keys.signing_public, 0644); !s.is_ok()) return s;
  return write_new_file(dir / "sealing.pub", keys.sealing_public, 0644);
}

Result<KeySet> read_keys(const std::filesystem::path& dir) {
  KeySet keys;
  struct Wanted {
    const char* file;
    std::size_t bytes;
    bool required;
    std::string KeySet::*field;
  };
  const Wanted wanted[] = {{"signing.pub", crypto::kSignPublicKeyBytes, true, &KeySet::signing_public},
                           {"signing.key", crypto::kSignSecretKeyBytes, false, &KeySet::signing_secret},
                           {"sealing.pub", crypto::kBoxPublicKeyBytes, true, &KeySet::sealing_public},
                           {"sealing.key", crypto::kBoxSecretKeyBytes, false, &KeySet::sealing_secret}};
  for (const Wanted& w : wanted) {
    auto text = read_hex_file(dir / w.file, w.bytes, w.required);
    if (!text.is_ok()) return text.status();
    keys.*(w.field) = std::move(text.value());
  }
  return keys;
}

}  // namespace confidant::brand
