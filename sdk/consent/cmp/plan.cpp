#include "consent/cmp/plan.hpp"

#include "consent/canonical_field.hpp"
#include "consent/cmp/consent_mode.hpp"
#include "consent/cmp/tcf_facts.hpp"
#include "consent/ledger.hpp"
#include "crypto/hash.hpp"

namespace confidant::consent::cmp {
namespace {

std::string tcf_versions(const TcfFacts& facts) {
  if (!facts.applies) return "tcf:gdpr_applies=0";
  std::string out = "tcf:policy=" + std::to_string(facts.policy_version);
  if (facts.vendor_list_version != 0) out += ",gvl=" + std::to_string(facts.vendor_list_version);
  if (facts.cmp_id != 0) out += ",cmp=" + std::to_string(facts.cmp_id) + "/" + std::to_string(facts.cmp_version);
  return out;
}

}  // namespace

Result<CmpPlan> plan_cmp(const CmpSignals& signals, const CmpOptions& options) {
  if (signals.iabtcf.empty() && signals.consent_mode.empty()) {
    return Status::invalid_field("cmp", "no input: give IABTCF_ values (a TC string) or Consent Mode signals");
  }
  if (options.vendor_id > kMaxVendorIdValue) {
    return Status::invalid_field("vendor_id", std::to_string(options.vendor_id) + " is outside 1..65535 (0: none)");
  }
  CmpPlan plan;
  std::string tcf_state, consent_mode_state;
  if (!signals.iabtcf.empty()) {
    auto facts = tcf_facts(signals.iabtcf, options.vendor_id);
    if (!facts) return facts.status();
    plan.decisions = from_tcf(facts.value());
    plan.policy_version = tcf_versions(facts.value());
    tcf_state = std::move(facts->state);
  }
  if (!signals.consent_mode.empty()) {
    auto facts = read_consent_mode(signals.consent_mode);
    if (!facts) return facts.status();
    plan.decisions = signals.iabtcf.empty() ? from_consent_mode(facts.value())
                                            : combine(plan.decisions, from_consent_mode(facts.value()));
    plan.policy_version += std::string(plan.policy_version.empty() ? "" : ";") + "consent_mode:v2";
    consent_mode_state = std::move(facts->state);
  }
  for (const DataCategory category : kAllCategories) {
    for (const Use use : kAllUses) {
      if (const auto decision = plan.decisions[pair_index(category, use)]) {
        plan.choices.push_back({category, use, *decision});
      }
    }
  }
  std::string canonical(kStateFormat);
  canonical += '\n';
  append_field(canonical, "tcf", tcf_state);
  append_field(canonical, "consent_mode", consent_mode_state);
  append_field(canonical, "vendor_id", std::to_string(options.vendor_id));
  plan.cmp_hash = to_hex(crypto::sha256(canonical));
  return plan;
}

}  // namespace confidant::consent::cmp
