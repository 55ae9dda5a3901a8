#include "capi/buffers.hpp"

#include <cstdlib>
#include <cstring>

#include "capi/errors.hpp"

namespace confidant::capi {

confidant_error* fill_buffer(confidant_buffer* out, std::string_view bytes) noexcept {
  *out = confidant_buffer{nullptr, 0};
  auto* data = static_cast<std::uint8_t*>(std::malloc(bytes.size() + 1));
  if (data == nullptr) return out_of_memory();
  if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());
  data[bytes.size()] = 0;
  *out = confidant_buffer{data, bytes.size()};
  return nullptr;
}

}  // namespace confidant::capi

extern "C" void confidant_buffer_free(confidant_buffer* buffer) noexcept {
  if (buffer == nullptr || buffer->data == nullptr) return;
  // Exports and profiles are personal data: wipe them before the allocator
  // may hand the memory to someone else. Volatile, so the stores are not
  // dropped as dead before free().
  volatile std::uint8_t* bytes = buffer->data;
  for (std::size_t i = 0; i <= buffer->len; ++i) bytes[i] = 0;
  std::free(buffer->data);
  *buffer = confidant_buffer{nullptr, 0};
}
