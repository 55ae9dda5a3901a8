// The C entry points of consent: grant, deny, a CMP's signals, the states,
// the receipt.
#include <string>
#include <tuple>
#include <vector>

#include "capi/arguments.hpp"
#include "capi/sdk_call.hpp"

using namespace confidant;
using namespace confidant::capi;

namespace {

// The C pair numbering is the C++ one (category-major), so states copy over.
static_assert(CONFIDANT_CONSENT_PAIR_COUNT == std::tuple_size_v<decltype(ConsentStates::states)>);

struct ConsentChange {
  std::vector<DataCategory> categories;
  std::vector<Use> uses;
  ConsentContext context;
};

// Reads the C arguments of grant and deny into `change`; an error names the
// bad one. Enum values are checked: a C enum can carry any int.
confidant_error* read_change(const confidant_category* categories, size_t category_count, const confidant_use* uses,
                             size_t use_count, confidant_consent_source source, const char* policy_version,
                             size_t policy_version_len, const char* shown_text, size_t shown_text_len,
                             ConsentChange& change) {
  if (categories == nullptr && category_count != 0) return null_text("categories", category_count);
  if (uses == nullptr && use_count != 0) return null_text("uses", use_count);
  for (size_t i = 0; i < category_count; ++i) {
    const auto category = to_category(categories[i]);
    if (!category) {
      return make_error(ErrorCode::kInvalidArgument, "categories[" + std::to_string(i) + "]: unknown category " +
                                                         std::to_string(static_cast<int>(categories[i])));
    }
    change.categories.push_back(*category);
  }
  for (size_t i = 0; i < use_count; ++i) {
    const auto use = to_use(uses[i]);
    if (!use) {
      return make_error(ErrorCode::kInvalidArgument,
                        "uses[" + std::to_string(i) + "]: unknown use " + std::to_string(static_cast<int>(uses[i])));
    }
    change.uses.push_back(*use);
  }
  const auto from = to_source(source);
  if (!from) {
    return make_error(ErrorCode::kInvalidArgument, "source: unknown source " + std::to_string(static_cast<int>(source)));
  }
  change.context.source = *from;
  const auto version = text_argument(policy_version, policy_version_len);
  if (!version) return null_text("policy_version", policy_version_len);
  if (policy_version != nullptr) change.context.policy_version = std::string(*version);
  const auto text = text_argument(shown_text, shown_text_len);
  if (!text) return null_text("shown_text", shown_text_len);
  change.context.shown_text = std::string(*text);
  return nullptr;
}

template <typename Decide>
confidant_error* change_consent(confidant_sdk* sdk, const confidant_category* categories, size_t category_count,
                                const confidant_use* uses, size_t use_count, confidant_consent_source source,
                                const char* policy_version, size_t policy_version_len, const char* shown_text,
                                size_t shown_text_len, Decide&& decide) noexcept {
  return with_sdk(sdk, [&](Sdk& s) -> confidant_error* {
    ConsentChange change;
    if (confidant_error* bad = read_change(categories, category_count, uses, use_count, source, policy_version,
                                           policy_version_len, shown_text, shown_text_len, change)) {
      return bad;
    }
    return from_status(decide(s, change));
  });
}

}  // namespace

extern "C" {

confidant_error* confidant_sdk_grant(confidant_sdk* sdk, const confidant_category* categories, size_t category_count,
                                     const confidant_use* uses, size_t use_count, confidant_consent_source source,
                                     const char* policy_version, size_t policy_version_len, const char* shown_text,
                                     size_t shown_text_len) noexcept {
  return change_consent(sdk, categories, category_count, uses, use_count, source, policy_version, policy_version_len,
                        shown_text, shown_text_len, [](Sdk& s, const ConsentChange& c) {
                          return s.grant(c.categories, c.uses, c.context);
                        });
}

confidant_error* confidant_sdk_deny(confidant_sdk* sdk, const confidant_category* categories, size_t category_count,
                                    const confidant_use* uses, size_t use_count, confidant_consent_source source,
                                    const char* policy_version, size_t policy_version_len, const char* shown_text,
                                    size_t shown_text_len) noexcept {
  return change_consent(sdk, categories, category_count, uses, use_count, source, policy_version, policy_version_len,
                        shown_text, shown_text_len, [](Sdk& s, const ConsentChange& c) {
                          return s.deny(c.categories, c.uses, c.context);
                        });
}

confidant_error* confidant_sdk_apply_cmp_json(confidant_sdk* sdk, const char* json, size_t json_len,
                                             confidant_buffer* out) noexcept {
  if (out == nullptr) return null_argument("out");
  *out = confidant_buffer{nullptr, 0};
  const auto text = text_argument(json, json_len);
  if (!text) return null_text("json", json_len);
  return json_into(sdk, out, [&](Sdk& s) -> Result<std::string> {
    Result<CmpRequest> request = cmp_request_from_json(*text);
    if (!request) return request.status();
    Result<CmpOutcome> outcome = s.apply_cmp(request->signals, request->options);
    if (!outcome) return outcome.status();
    return to_json(outcome.value());
  });
}

confidant_error* confidant_sdk_consent_states(confidant_sdk* sdk, confidant_consent_state* states,
                                              size_t count) noexcept {
  if (states == nullptr && count != 0) return null_text("states", count);
  return with_sdk(sdk, [&](Sdk& s) -> confidant_error* {
    const Result<ConsentStates> current = s.consent();
    if (!current) return from_status(current.status());
    const auto& known = current.value().states;
    for (size_t i = 0; i < count; ++i) {
      states[i] = i < known.size() ? to_c(known[i]) : CONFIDANT_CONSENT_UNKNOWN;
    }
    return nullptr;
  });
}

confidant_error* confidant_sdk_consent_receipt_json(confidant_sdk* sdk, confidant_buffer* out) noexcept {
  return json_into(sdk, out, [](Sdk& s) { return s.consent_receipt(); });
}

}  // extern "C"
