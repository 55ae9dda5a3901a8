// The privacy center's sections about the profile: what you told us, what we
// learned, what we don't use.
#include <algorithm>

#include "api/privacy_center_build.hpp"
#include "signals/signal.hpp"

namespace confidant::api {
namespace {

PrivacySection section(std::string_view id) {
  const std::string base = "section." + std::string(id);
  return {std::string(id), text(base + ".title"), text(base + ".summary"), text(base + ".empty"), {}};
}

Text explanation(const std::string& sentence) { return text("explanation", {{"sentence", sentence}}); }

// Scores are only comparable within one profile, so strength is read
// against the strongest interest: words that stay true as everything fades.
std::string_view strength(double score, double strongest) {
  const double ratio = strongest > 0 ? score / strongest : 0;
  if (ratio >= 0.6) return "strong";
  if (ratio >= 0.25) return "moderate";
  return "light";
}

std::string_view usual_strength(double share) {
  if (share >= 0.9) return "almost_always";
  if (share >= 0.7) return "usually";
  return "often";
}

// Like and dislike need `preferences` granted (Sdk::prefer): offered only then.
void add_opinion_actions(const CenterInputs& in, const std::string& target, std::vector<PrivacyAction>& out) {
  if (in.profile.paused || !in.states.granted(DataCategory::kPreferences, Use::kPersonalize)) return;
  // Saying again what the person already said would be a button that does nothing.
  for (const PreferenceKind kind : {PreferenceKind::kLike, PreferenceKind::kDislike}) {
    const bool said = std::any_of(in.profile.preferences.begin(), in.profile.preferences.end(),
                                  [&](const StatedPreference& p) { return p.kind == kind && p.target == target; });
    if (!said) out.push_back(target_action(preference_kind_name(kind), target));
  }
}

const Interest* interest_of(const CenterInputs& in, std::string_view target) {
  for (const Interest& i : in.profile.interests) {
    if (i.target == target) return &i;
  }
  return nullptr;
}

}  // namespace

PrivacySection told_section(const CenterInputs& in) {
  PrivacySection s = section("told");
  for (const StatedPreference& p : in.profile.preferences) {
    if (p.kind == PreferenceKind::kBlock) continue;  // under "what we don't use"
    const std::string kind = preference_kind_name(p.kind);
    PrivacyRow row;
    row.id = "told:" + kind + ":" + p.target;
    row.kind = "stated_preference";
    row.title = text("told." + kind + ".title", {{"label", label_of_target(in, p.target)}});
    if (!p.text.empty()) row.lines.push_back(text("told.words", {{"text", p.text}}));
    row.lines.push_back(explanation(p.explanation));
    row.lines.push_back(text("told.on", {{"date", date_of(p.at_ms)}}));
    row.facts = {{"target", p.target}, {"preference", kind}, {"stated_on", date_of(p.at_ms)}};
    row.actions.push_back(target_action("forget", p.target));
    s.rows.push_back(std::move(row));
  }
  return s;
}

PrivacySection learned_section(const CenterInputs& in) {
  PrivacySection s = section("learned");
  double strongest = 0;
  for (const Interest& i : in.profile.interests) strongest = std::max(strongest, i.score);
  for (const Interest& i : in.profile.interests) {
    const std::string_view words = strength(i.score, strongest);
    PrivacyRow row;
    row.id = "interest:" + i.target;
    row.kind = "interest";
    row.title = text("learned.interest.title", {{"label", label_of_target(in, i.target)}});
    row.lines.push_back(explanation(i.explanation));
    row.lines.push_back(text("learned.strength." + std::string(words)));
    row.lines.push_back(text("learned.last_fed", {{"date", date_of(i.last_ms)}}));
    row.facts = {{"target", i.target}, {"strength", std::string(words)}, {"last_fed", date_of(i.last_ms)},
                 {"signals", std::to_string(i.signals)}};
    add_opinion_actions(in, i.target, row.actions);
    row.actions.push_back(target_action("block", i.target));
    row.actions.push_back(target_action("forget", i.target));
    s.rows.push_back(std::move(row));
  }
  for (const Usual& u : in.profile.usual) {
    const std::string target = u.attribute + "=" + u.value;
    const std::string_view words = usual_strength(u.share);
    PrivacyRow row;
    row.id = "usual:" + target;
    row.kind = "usual";
    row.title = text("learned.usual.title", {{"label", label_of_target(in, target)}});
    row.lines.push_back(explanation(u.explanation));
    row.lines.push_back(text("learned.usual.strength." + std::string(words)));
    row.facts = {{"target", target}, {"strength", std::string(words)}, {"orders", std::to_string(u.orders)}};
    // A usual is built from the same orders as the attribute's interest,
    // whose latest signal is when the usual was last fed.
    if (const Interest* fed = interest_of(in, target)) {
      row.lines.push_back(text("learned.last_fed", {{"date", date_of(fed->last_ms)}}));
      row.facts.emplace_back("last_fed", date_of(fed->last_ms));
    }
    row.actions.push_back(target_action("block", target));
    row.actions.push_back(target_action("forget", target));
    s.rows.push_back(std::move(row));
  }
  return s;
}

PrivacySection not_used_section(const CenterInputs& in) {
  PrivacySection s = section("not_used");
  for (const StatedPreference& p : in.profile.preferences) {
    if (p.kind != PreferenceKind::kBlock) continue;
    PrivacyRow row;
    row.id = "block:" + p.target;
    row.kind = "block";
    row.title = text("not_used.block.title", {{"label", label_of_target(in, p.target)}});
    if (!p.text.empty()) row.lines.push_back(text("told.words", {{"text", p.text}}));
    row.lines.push_back(explanation(p.explanation));
    row.lines.push_back(text("told.on", {{"date", date_of(p.at_ms)}}));
    row.facts = {{"target", p.target}, {"stated_on", date_of(p.at_ms)}};
    row.actions.push_back(target_action("forget", p.target));
    s.rows.push_back(std::move(row));
  }
  for (const Suppression& x : in.profile.suppressions) {
    PrivacyRow row;
    row.id = "suppression:" + x.target;
    row.kind = "suppression";
    row.title = text("not_used.suppression.title", {{"label", label_of_target(in, x.target)}});
    row.lines.push_back(explanation(x.explanation));
    row.lines.push_back(text("not_used.suppression.until", {{"date", date_of(x.until_ms)}}));
    row.facts = {{"target", x.target}, {"reason", std::string(signals::name(x.reason))}, {"until", date_of(x.until_ms)}};
    row.actions.push_back(target_action("forget", x.target));
    s.rows.push_back(std::move(row));
  }
  {
    const bool paused = in.profile.paused;
    PrivacyRow row;
    row.id = "paused";
    row.kind = "paused";
    row.title = text(paused ? "not_used.paused.title" : "not_used.active.title");
    row.lines.push_back(text(paused ? "not_used.paused.detail" : "not_used.active.detail"));
    row.facts = {{"paused", paused ? "true" : "false"}};
    row.actions.push_back(action(paused ? "resume" : "pause"));
    s.rows.push_back(std::move(row));
  }
  {
    PrivacyRow row;
    row.id = "sensitive";
    row.kind = "sensitive";
    std::string uses;
    for (const Use use : kAllUses) {
      if (!in.states.granted(DataCategory::kSensitive, use)) continue;
      if (!uses.empty()) uses += ", ";
      uses += use_text(use).text;
      // Withdrawing is offered here; granting sensitive is a deliberate
      // choice made in the consent section, not a shortcut on this row.
      row.actions.push_back(cell_action("deny", DataCategory::kSensitive, use, in));
    }
    row.title = text(uses.empty() ? "not_used.sensitive.off.title" : "not_used.sensitive.on.title");
    row.lines.push_back(uses.empty() ? text("not_used.sensitive.off.detail")
                                     : text("not_used.sensitive.on.detail", {{"uses", uses}}));
    row.facts = {{"used", uses.empty() ? "false" : "true"}};
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace confidant::api
