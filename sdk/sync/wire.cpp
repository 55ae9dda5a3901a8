#include "sync/wire.hpp"

#include "confidant_sync.pb.h"

namespace confidant::sync {

std::string make_upload(const std::vector<std::string>& sealed_reports) {
  proto::SyncUpload upload;
  for (const std::string& sealed : sealed_reports) upload.add_sealed_reports(sealed);
  return upload.SerializeAsString();
}

Result<std::vector<std::string>> split_upload(std::string_view body) {
  proto::SyncUpload upload;
  if (!upload.ParseFromArray(body.data(), static_cast<int>(body.size())))
    return Status{ErrorCode::kInvalidArgument, "upload: malformed"};
  std::vector<std::string> sealed(upload.sealed_reports().begin(), upload.sealed_reports().end());
  // Lite keeps unknown fields without listing them; an upload rebuilt from
  // its reports alone must be the same bytes, or something else rode along.
  if (make_upload(sealed) != body)
    return Status{ErrorCode::kInvalidArgument, "upload: unknown fields or a non-canonical encoding"};
  return sealed;
}

std::string make_ack(std::uint32_t accepted, const std::vector<std::pair<std::uint32_t, std::string>>& rejected) {
  proto::SyncAck ack;
  ack.set_accepted(accepted);
  for (const auto& [index, reason] : rejected) {
    proto::RejectedReport* r = ack.add_rejected();
    r->set_index(index);
    r->set_reason(reason);
  }
  return ack.SerializeAsString();
}

std::optional<std::map<std::uint32_t, std::string>> rejections_of(std::string_view ack_body) {
  proto::SyncAck ack;
  if (!ack.ParseFromArray(ack_body.data(), static_cast<int>(ack_body.size()))) return std::nullopt;
  std::map<std::uint32_t, std::string> out;
  for (const proto::RejectedReport& r : ack.rejected()) out.emplace(r.index(), r.reason());
  return out;
}

std::uint64_t epoch_of(std::int64_t unix_ms, std::uint64_t epoch_seconds) noexcept {
  if (unix_ms < 0 || epoch_seconds == 0) return 0;
  return static_cast<std::uint64_t>(unix_ms) / 1000 / epoch_seconds;
}

}  // namespace confidant::sync
