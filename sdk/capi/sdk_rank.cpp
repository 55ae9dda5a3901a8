// The C entry points of ranking: rank a list of candidates, and ask why an
// item of the last list was placed where it was.
#include <string>

#include "capi/arguments.hpp"
#include "capi/sdk_call.hpp"
#include "confidant/ranking.hpp"

using namespace confidant;
using namespace confidant::capi;

extern "C" {

confidant_error* confidant_sdk_rank_json(confidant_sdk* sdk, const char* candidates, size_t candidates_len,
                                         const char* request, size_t request_len, confidant_buffer* out) noexcept {
  // Reset before any argument check can fail: a failed call leaves {NULL, 0}.
  if (out != nullptr) *out = confidant_buffer{nullptr, 0};
  const auto candidate_text = text_argument(candidates, candidates_len);
  if (!candidate_text) return null_text("candidates", candidates_len);
  const auto request_text = text_argument(request, request_len);
  if (!request_text) return null_text("request", request_len);
  return json_into(sdk, out, [&](Sdk& s) -> Result<std::string> {
    // Inputs are read before the SDK is asked, so bad ones cost no worker time.
    auto list = candidates_from_json(*candidate_text);
    if (!list) return list.status();
    RankRequest ranking;
    if (request != nullptr) {
      auto read = rank_request_from_json(*request_text);
      if (!read) return read.status();
      ranking = std::move(read.value());
    }
    auto ranked = s.rank(list.value(), ranking);
    if (!ranked) return ranked.status();
    return to_json(ranked.value());
  });
}

confidant_error* confidant_sdk_why_json(confidant_sdk* sdk, const char* item_id, size_t item_id_len,
                                        confidant_buffer* out) noexcept {
  if (out != nullptr) *out = confidant_buffer{nullptr, 0};  // as in rank_json
  const auto id = text_argument(item_id, item_id_len);
  if (!id) return null_text("item_id", item_id_len);
  return json_into(sdk, out, [&](Sdk& s) -> Result<std::string> {
    auto item = s.why(*id);
    if (!item) return item.status();
    return to_json(item.value());
  });
}

}  // extern "C"
