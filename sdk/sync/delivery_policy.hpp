// What to do after one upload attempt: settle the reports, try again later
// (and when), or give up. Pure, so every rule is tested without a network.
//
//   2xx                    sent (the collector de-duplicates by report id)
//   429, 503               retry, not before Retry-After (seconds) if given,
//                          and not before the backoff
//   other 4xx              drop: the collector refused these bytes, sending
//                          them again cannot help
//   5xx, no response       retry with backoff
// and a report whose attempts reach max_attempts, or older than max_age, is
// dropped instead of retried.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "confidant/status.hpp"
#include "confidant/sync.hpp"
#include "confidant/transport.hpp"
#include "sync/oue.hpp"

namespace confidant::sync {

enum class Outcome { kSent, kRetry, kDrop };

struct Verdict {
  Outcome outcome = Outcome::kRetry;
  std::int64_t next_attempt_ms = 0;  // kRetry
  std::string error;                 // kRetry, kDrop: why, for the ledger
};

// `attempts` counts this one.
Verdict judge(const Result<HttpResponse>& response, int attempts, std::int64_t created_ms, std::int64_t now_ms,
              const SyncPolicy& policy, const Uniform& uniform);

// initial * 2^(attempts-1) capped at max, jittered into [delay/2, delay].
std::int64_t backoff_ms(int attempts, const SyncPolicy& policy, const Uniform& uniform);

// Retry-After in delta-seconds (an HTTP date is ignored: the backoff applies).
std::optional<std::int64_t> retry_after_ms(const HttpResponse& response);

}  // namespace confidant::sync
