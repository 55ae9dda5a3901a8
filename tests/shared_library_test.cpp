// Links against the shared library through the public headers only: fails to
// link if the hidden-visibility build stops exporting the public API.
#include <array>

#include <catch2/catch.hpp>

#include "confidant/key_provider.hpp"
#include "confidant/status.hpp"

TEST_CASE("the shared library exports the public API") {
  auto provider = confidant::make_in_memory_key_provider();
  std::array<std::uint8_t, confidant::kDataKeyBytes> key{};
  key.fill(7);
  const std::array<std::uint8_t, 4> context{1, 2, 3, 4};
  auto wrapped = provider->wrap(key, context);
  REQUIRE(wrapped.is_ok());
  std::array<std::uint8_t, confidant::kDataKeyBytes> out{};
  REQUIRE(provider->unwrap(wrapped.value(), context, out).is_ok());
  CHECK(out == key);
  const confidant::Status wrong = confidant::make_in_memory_key_provider()->unwrap(wrapped.value(), context, out);
  CHECK(wrong.to_string().rfind("wrong_key: ", 0) == 0);
  CHECK(std::string(confidant::error_code_name(confidant::ErrorCode::kTampered)) == "tampered");
}
