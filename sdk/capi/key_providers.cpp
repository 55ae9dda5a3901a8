// The C entry points that make key providers: over host callbacks, or the
// portable ones of key_provider.hpp.
#include <string>
#include <string_view>

#include "capi/arguments.hpp"
#include "capi/errors.hpp"
#include "capi/host_seams.hpp"
#include "capi/host_struct.hpp"

using namespace confidant;
using namespace confidant::capi;

namespace {

// The kind is written into the store's header and compared on every open,
// so it must be short and mean the same bytes on every platform.
bool is_valid_kind(std::string_view kind) noexcept {
  if (kind.empty() || kind.size() > CONFIDANT_MAX_KIND_BYTES) return false;
  for (const char c : kind) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

confidant_error* hand_out(std::shared_ptr<KeyProvider> provider, confidant_key_provider** out) {
  *out = new confidant_key_provider{std::move(provider)};
  return nullptr;
}

}  // namespace

extern "C" {

confidant_error* confidant_key_provider_new_callbacks(const confidant_key_provider_callbacks* given,
                                                      confidant_key_provider** out) noexcept {
  if (out != nullptr) *out = nullptr;
  if (given == nullptr) return null_argument("callbacks");
  return guard([&]() -> confidant_error* {
    confidant_key_provider_callbacks copy;
    if (confidant_error* e = read_host_struct(
            given, CONFIDANT_REQUIRED_SIZE(confidant_key_provider_callbacks, unwrap), "callbacks", copy))
      return e;
    const confidant_key_provider_callbacks* callbacks = &copy;
    // Owned from here on, whatever happens below.
    HostContext context(callbacks->ctx, callbacks->destroy);
    if (out == nullptr) return null_argument("out");
    if (callbacks->wrap == nullptr) return null_argument("callbacks.wrap");
    if (callbacks->unwrap == nullptr) return null_argument("callbacks.unwrap");
    if (callbacks->kind == nullptr) return null_argument("callbacks.kind");
    const std::string_view kind(callbacks->kind);
    if (!is_valid_kind(kind)) {
      return make_error(ErrorCode::kInvalidArgument,
                        "callbacks.kind: must be 1.." + std::to_string(CONFIDANT_MAX_KIND_BYTES) +
                            " printable ASCII characters without spaces");
    }
    return hand_out(make_host_key_provider(std::move(context), *callbacks, std::string(kind)), out);
  });
}

confidant_error* confidant_key_provider_new_key_file(const char* path, bool create_if_missing,
                                                     confidant_key_provider** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (path == nullptr) return null_argument("path");
  return guard([&]() -> confidant_error* {
    auto provider = make_key_file_provider(std::filesystem::path(path), create_if_missing);
    if (!provider) return from_status(provider.status());
    return hand_out(std::move(provider.value()), out);
  });
}

confidant_error* confidant_key_provider_new_passphrase(const char* passphrase, size_t passphrase_len,
                                                       uint64_t ops_limit, uint64_t mem_limit_bytes,
                                                       confidant_key_provider** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  const auto text = text_argument(passphrase, passphrase_len);
  if (!text) return null_text("passphrase", passphrase_len);
  return guard([&]() -> confidant_error* {
    PassphraseParams params;
    if (ops_limit != 0) params.ops_limit = ops_limit;
    if (mem_limit_bytes != 0) params.mem_limit = mem_limit_bytes;
    return hand_out(make_passphrase_key_provider(std::string(*text), params), out);
  });
}

confidant_error* confidant_key_provider_new_in_memory(confidant_key_provider** out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  return guard([&]() -> confidant_error* { return hand_out(make_in_memory_key_provider(), out); });
}

void confidant_key_provider_free(confidant_key_provider* provider) noexcept { delete provider; }

}  // extern "C"
