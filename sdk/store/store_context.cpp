#include "store/store_context.hpp"

#include <map>

#include "crypto/aead.hpp"

namespace confidant::store {
namespace {

constexpr char kKdfContext[9] = "cfdstore";
enum SubkeyId : std::uint64_t { kPageSubkey = 1, kLogSubkey = 2 };

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, std::shared_ptr<StoreContext>>& registry() {
  static std::map<std::string, std::shared_ptr<StoreContext>> r;
  return r;
}

}  // namespace

StoreKeys StoreKeys::from_data_key(const layout::StoreId& id, crypto::SecureKey data_key) {
  StoreKeys keys;
  keys.id = id;
  keys.page_key = crypto::derive_subkey(data_key, kPageSubkey, kKdfContext);
  keys.log_key = crypto::derive_subkey(data_key, kLogSubkey, kKdfContext);
  keys.data_key = std::move(data_key);
  return keys;
}

void StoreContext::fail(Status status, bool poison) {
  {
    std::lock_guard lock(mutex_);
    if (error_.is_ok()) error_ = std::move(status);
  }
  if (poison) poisoned_.store(true, std::memory_order_release);
}

Status StoreContext::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

Result<std::unique_ptr<ContextRegistration>> ContextRegistration::create(std::string db_full_path,
                                                                         std::shared_ptr<StoreContext> context) {
  std::lock_guard lock(registry_mutex());
  if (!registry().emplace(db_full_path, context).second) {
    return Status{ErrorCode::kBusy, db_full_path + " is already open in this process"};
  }
  return std::unique_ptr<ContextRegistration>(new ContextRegistration(std::move(db_full_path), std::move(context)));
}

ContextRegistration::~ContextRegistration() {
  std::lock_guard lock(registry_mutex());
  auto it = registry().find(path_);
  if (it != registry().end() && it->second == context_) registry().erase(it);
}

std::shared_ptr<StoreContext> find_context(const std::string& db_full_path) {
  std::lock_guard lock(registry_mutex());
  auto it = registry().find(db_full_path);
  return it == registry().end() ? nullptr : it->second;
}

}  // namespace confidant::store
