#include <algorithm>
#include <array>
#include <string>

#include "capi/errors.hpp"
#include "capi/host_seams.hpp"

namespace confidant::capi {
namespace {

static_assert(CONFIDANT_DATA_KEY_BYTES == kDataKeyBytes);

class HostKeyProvider final : public KeyProvider {
 public:
  HostKeyProvider(HostContext context, const confidant_key_provider_callbacks& callbacks, std::string kind)
      : context_(std::move(context)),
        wrap_(callbacks.wrap),
        unwrap_(callbacks.unwrap),
        destroy_key_(callbacks.destroy_key),
        kind_(std::move(kind)) {}

  std::string kind() const override { return kind_; }

  Result<std::vector<std::uint8_t>> wrap(std::span<const std::uint8_t, kDataKeyBytes> data_key,
                                         std::span<const std::uint8_t> context) override {
    std::array<std::uint8_t, CONFIDANT_MAX_WRAPPED_KEY_BYTES> out{};
    std::size_t len = 0;
    confidant_error* error = nullptr;
    try {
      error = wrap_(context_.get(), data_key.data(), data_key.size(), context.data(), context.size(), out.data(),
                    out.size(), &len);
    } catch (const std::exception& e) {
      return threw("wrap", e.what());
    } catch (...) {
      return threw("wrap", "an exception of an unknown type");
    }
    if (error != nullptr) return take_status(error, where("wrap"));
    if (len == 0 || len > out.size()) {
      return bad_length("wrap", len, "1.." + std::to_string(out.size()));
    }
    return std::vector<std::uint8_t>(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(len));
  }

  Status unwrap(std::span<const std::uint8_t> wrapped, std::span<const std::uint8_t> context,
                std::span<std::uint8_t, kDataKeyBytes> data_key_out) override {
    std::size_t len = 0;
    confidant_error* error = nullptr;
    Status outcome;
    try {
      error = unwrap_(context_.get(), wrapped.data(), wrapped.size(), context.data(), context.size(),
                      data_key_out.data(), data_key_out.size(), &len);
      if (error != nullptr) {
        outcome = take_status(error, where("unwrap"));
      } else if (len != data_key_out.size()) {
        outcome = bad_length("unwrap", len, std::to_string(data_key_out.size()));
      }
    } catch (const std::exception& e) {
      outcome = threw("unwrap", e.what());
    } catch (...) {
      outcome = threw("unwrap", "an exception of an unknown type");
    }
    // Whatever a failed call left there is not a key; do not let it linger.
    if (!outcome) std::fill(data_key_out.begin(), data_key_out.end(), std::uint8_t{0});
    return outcome;
  }

  Status destroy() override {
    if (destroy_key_ == nullptr) return Status::ok();
    try {
      if (confidant_error* error = destroy_key_(context_.get())) return take_status(error, where("destroy_key"));
    } catch (const std::exception& e) {
      return threw("destroy_key", e.what());
    } catch (...) {
      return threw("destroy_key", "an exception of an unknown type");
    }
    return Status::ok();
  }

 private:
  std::string where(std::string_view callback) const {
    return "key provider '" + kind_ + "': " + std::string(callback);
  }
  // A C++ host let an exception escape its callback: a bug on the host's
  // side, reported like one of ours.
  Status threw(std::string_view callback, const char* what) const {
    return Status(ErrorCode::kInternal, where(callback) + " threw: " + what);
  }
  Status bad_length(std::string_view callback, std::size_t len, const std::string& expected) const {
    return Status(ErrorCode::kInvalidArgument,
                  where(callback) + " returned " + std::to_string(len) + " bytes, expected " + expected);
  }

  HostContext context_;
  decltype(confidant_key_provider_callbacks::wrap) wrap_;
  decltype(confidant_key_provider_callbacks::unwrap) unwrap_;
  decltype(confidant_key_provider_callbacks::destroy_key) destroy_key_;
  const std::string kind_;
};

}  // namespace

std::shared_ptr<KeyProvider> make_host_key_provider(HostContext context,
                                                    const confidant_key_provider_callbacks& callbacks,
                                                    std::string kind) {
  return std::make_shared<HostKeyProvider>(std::move(context), callbacks, std::move(kind));
}

}  // namespace confidant::capi
