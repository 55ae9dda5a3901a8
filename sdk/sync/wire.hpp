// The HTTP bodies of sync: an upload (POST /v1/reports) carries sealed
// reports; the collector answers with a SyncAck. The device and the brand
// tools share these, so both sides agree on the format by construction.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "confidant/status.hpp"

namespace confidant::sync {

std::string make_upload(const std::vector<std::string>& sealed_reports);
Result<std::vector<std::string>> split_upload(std::string_view body);

std::string make_ack(std::uint32_t accepted, const std::vector<std::pair<std::uint32_t, std::string>>& rejected);
// The rejected reports of an ack, by index in the upload; nothing when the
// body is not a SyncAck (a server that answers 2xx with something else).
std::optional<std::map<std::uint32_t, std::string>> rejections_of(std::string_view ack_body);

// floor(unix_ms / 1000 / epoch_seconds): the only time a report carries.
std::uint64_t epoch_of(std::int64_t unix_ms, std::uint64_t epoch_seconds) noexcept;

}  // namespace confidant::sync
