// Reading confidant_sdk_rank_json's two JSON inputs into the ranking's C++
// values. Each candidate goes through the public candidate_from_json, so the
// C ABI, the CLI and the C++ API accept exactly the same candidates; the
// request object has no public reader (the CLI builds a RankRequest from its
// flags), so it is read here, field by field, as strictly.
//
// Only JSON-level problems are caught here (syntax, unknown fields, wrong
// types); ranges are Sdk::rank()'s, which names the field.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "confidant/ranking.hpp"

namespace confidant::capi {

// A JSON array of candidate objects, or JSONL (one object per line, blank
// lines skipped) when the first non-whitespace byte is not '['. Errors name
// the candidate: "candidates[2]: popularity: expected a number, got a string"
// (array), "candidates line 3: ..." (JSONL).
Result<std::vector<Candidate>> candidates_from_json(std::string_view text);

// One JSON object with any of "limit", "slot" ("home" or "related:ITEM"),
// "moment", "seed", "variety", "max_per_category", "exploration_share",
// "utc_offset_minutes"; absent fields keep RankRequest's defaults. Errors
// name the field: "request.limit: expected a non-negative integer, got a string".
Result<RankRequest> rank_request_from_json(std::string_view text);

}  // namespace confidant::capi
