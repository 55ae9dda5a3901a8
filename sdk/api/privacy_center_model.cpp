// The privacy center model: the five sections and the actions on everything
// at once, plus what the section builders share (privacy_center_build.hpp).
#include <cstdio>

#include "api/privacy_center_build.hpp"
#include "common/time.hpp"
#include "consent/types.hpp"
#include "profile/explain.hpp"
#include "profile/target.hpp"

namespace confidant::api {

std::string date_of(std::int64_t unix_ms) { return timefmt::iso8601_utc(unix_ms).substr(0, 10); }

std::string number_text(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  std::string out(buf);
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

std::string label_of_target(const CenterInputs& in, std::string_view target) {
  auto parsed = profile::parse_target(target);
  if (!parsed || !in.taxonomy) return std::string(target);
  return profile::label_of(*in.taxonomy, parsed->kind, parsed->key, parsed->value);
}

PrivacyAction action(std::string_view id, TextParams target) {
  PrivacyAction out;
  out.id = std::string(id);
  out.label = text("action." + std::string(id));
  out.target = std::move(target);
  return out;
}

PrivacyAction target_action(std::string_view id, std::string_view target) {
  return action(id, {{"target", std::string(target)}});
}

PrivacyAction cell_action(std::string_view id, DataCategory category, Use use, const CenterInputs& in) {
  TextParams target{{"category", std::string(consent::name(category))}, {"use", std::string(consent::name(use))}};
  // The choice is recorded against the policy the person is looking at.
  if (!in.policy_version.empty()) target.emplace_back("policy_version", in.policy_version);
  return action(id, std::move(target));
}

Text category_text(DataCategory category) { return text("category." + std::string(consent::name(category))); }
Text use_text(Use use) { return text("use." + std::string(consent::name(use))); }

PrivacyCenter build_privacy_center(const CenterInputs& in) {
  PrivacyCenter center;
  center.as_of_ms = in.now_ms;
  center.title = text("center.title");
  center.sections = {told_section(in), learned_section(in), not_used_section(in), shared_section(in),
                     consent_section(in)};
  center.actions.push_back(action(in.profile.paused ? "resume" : "pause"));
  center.actions.push_back(action("export"));
  PrivacyAction erase = action("erase");
  erase.confirm = text("action.erase.confirm");
  center.actions.push_back(std::move(erase));
  return center;
}

}  // namespace confidant::api
