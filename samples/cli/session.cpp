#include "session.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "curl_transport.hpp"
#include "output.hpp"
#include "pinned_signer.hpp"

namespace confidant::cli {
namespace {

namespace fs = std::filesystem;

// No store there yet: a new one (and its key) may be created.
bool holds_no_store(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return !ec;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec) && !ec;
}

// Why the store could not be opened, as the exit code the contract gives it.
Exit exit_for_open(ErrorCode code) {
  switch (code) {
    case ErrorCode::kWrongKey: return Exit::kWrongKey;
    case ErrorCode::kTampered:
    case ErrorCode::kNotAStore: return Exit::kDamagedStore;
    default: return Exit::kFailure;
  }
}

}  // namespace

std::variant<Session, Exit> Session::prepare(const GlobalOptions& options) {
  Session session(options);
  if (options.passphrase_env) {
    const char* value = std::getenv(options.passphrase_env->c_str());
    if (value == nullptr || *value == '\0') {
      usage_error("--passphrase-env " + *options.passphrase_env + ": the variable is unset or empty");
      return Exit::kUsage;
    }
    session.passphrase_ = value;
  }
  return session;
}

std::variant<std::shared_ptr<KeyProvider>, Exit> Session::key_provider(Purpose purpose) const {
  if (options_.passphrase_env) return std::shared_ptr<KeyProvider>(make_passphrase_key_provider(passphrase_));

  const fs::path& key_file = *options_.key_file;
  std::error_code ec;
  const bool key_exists = fs::exists(key_file, ec);
  if (!key_exists && !holds_no_store(options_.dir)) {
    // Erasing needs no key: there is nothing of this key file to destroy.
    if (purpose == Purpose::kErase) return std::shared_ptr<KeyProvider>(make_in_memory_key_provider());
    error("key file " + key_file.string() + " does not exist, and " + options_.dir.string() +
          " is not empty (it holds a store): give the key file the store was created with");
    return Exit::kWrongKey;
  }
  if (!key_exists) {
    // The key file may live inside the new store's directory.
    fs::create_directories(options_.dir, ec);
    if (ec) {
      error("cannot create " + options_.dir.string() + ": " + ec.message());
      return Exit::kFailure;
    }
  }
  auto provider = make_key_file_provider(key_file, /*create_if_missing=*/!key_exists);
  if (!provider) {
    error(provider.status().message());
    // A file of the wrong size is not this store's key; an I/O error is not the person's doing.
    return provider.status().code() == ErrorCode::kInvalidArgument ? Exit::kWrongKey : Exit::kFailure;
  }
  return std::shared_ptr<KeyProvider>(std::move(provider.value()));
}

std::variant<std::unique_ptr<Sdk>, Exit> Session::start(std::shared_ptr<KeyProvider> provider) const {
  Options sdk_options;
  sdk_options.dir = options_.dir;
  sdk_options.key_provider = std::move(provider);
  sdk_options.clock = options_.now_ms ? make_fixed_clock(*options_.now_ms) : make_system_clock();
  sdk_options.brand_signing_key = signer_ ? *signer_ : read_pinned_signer(pinned_signer_path());
  sdk_options.transport = std::make_shared<posix::CurlTransport>();
  sdk_options.sync.url = sync_url_;
  auto sdk = Sdk::open(std::move(sdk_options));
  if (!sdk) {
    error("cannot open " + options_.dir.string() + ": " + sdk.status().to_string());
    return Exit::kFailure;
  }
  return std::move(sdk.value());
}

Session Session::with_sync_url(std::string url) const {
  Session copy = *this;
  copy.sync_url_ = std::move(url);
  return copy;
}

Session Session::with_signer(std::string key_hex) const {
  Session copy = *this;
  copy.signer_ = std::move(key_hex);
  return copy;
}

std::variant<std::unique_ptr<Sdk>, Exit> Session::open() const {
  auto provider = key_provider(Purpose::kUse);
  if (auto* exit = std::get_if<Exit>(&provider)) return *exit;
  auto started = start(std::get<std::shared_ptr<KeyProvider>>(std::move(provider)));
  if (auto* exit = std::get_if<Exit>(&started)) return *exit;
  std::unique_ptr<Sdk> sdk = std::get<std::unique_ptr<Sdk>>(std::move(started));
  if (const Status ready = sdk->wait_until_ready(); !ready) {
    error("cannot open the store in " + options_.dir.string() + ": " + ready.to_string());
    return exit_for_open(ready.code());
  }
  return sdk;
}

Exit Session::erase() const {
  auto provider = key_provider(Purpose::kErase);
  if (auto* exit = std::get_if<Exit>(&provider)) return *exit;
  auto started = start(std::get<std::shared_ptr<KeyProvider>>(std::move(provider)));
  if (auto* exit = std::get_if<Exit>(&started)) return *exit;
  std::unique_ptr<Sdk> sdk = std::get<std::unique_ptr<Sdk>>(std::move(started));
  // With a wrong key the SDK still shreds the store's files, and leaves the
  // key that did not open it alone.
  if (const Status erased = sdk->erase(); !erased) {
    error("erase: " + erased.to_string());
    return exit_for(erased.code());
  }
  // The pinned brand key is the CLI's, not the store's: it goes too.
  std::error_code ignored;
  std::filesystem::remove(pinned_signer_path(), ignored);
  return Exit::kOk;
}

}  // namespace confidant::cli
