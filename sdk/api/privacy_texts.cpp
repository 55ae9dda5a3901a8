// The privacy center's English strings, keyed. Keys are stable: an app's
// translations are looked up by them, so a wording may change here but a key
// keeps its meaning and its parameters.
#include "api/privacy_texts.hpp"

#include <array>

namespace confidant::api {
namespace {

constexpr auto kTable = std::to_array<TextTemplate>({
    {"center.title", "Your data and privacy"},
    // Sections
    {"section.told.title", "What you told us"},
    {"section.told.summary", "Preferences you stated yourself, kept in your own words."},
    {"section.told.empty", "You have not told us any preferences yet."},
    {"section.learned.title", "What we learned"},
    {"section.learned.summary",
     "Interests and usual choices worked out on this device from what you did. They fade with time."},
    {"section.learned.empty", "We have not learned anything yet."},
    {"section.not_used.title", "What we don't use"},
    {"section.not_used.summary", "What you asked us to leave out, and what we never use without your permission."},
    {"section.not_used.empty", "Nothing is left out."},
    {"section.shared.title", "What was shared"},
    {"section.shared.summary",
     "Each report sent to the brand, exactly as sent. Noise was added on this device first, so most of "
     "the answers marked in a report are random."},
    {"section.shared.empty", "Nothing has been shared."},
    {"section.consent.title", "Your consent choices"},
    {"section.consent.summary", "What each kind of data may be used for, and who made each choice."},
    {"section.consent.summary_policy",
     "What each kind of data may be used for, and who made each choice. Current policy version: {policy_version}."},
    {"section.consent.empty", "No consent choices."},
    // What you told us
    {"told.like.title", "You like {label}"},
    {"told.dislike.title", "You don't like {label}"},
    {"told.words", "In your words: \u201c{text}\u201d"},
    {"told.on", "You told us on {date}"},
    // Sentences the profile writes (English only; see docs/privacy-center.md)
    {"explanation", "{sentence}"},
    // What we learned
    {"learned.interest.title", "{label}"},
    {"learned.usual.title", "{label}"},
    {"learned.strength.strong", "Strong interest"},
    {"learned.strength.moderate", "Moderate interest"},
    {"learned.strength.light", "Light interest"},
    {"learned.usual.strength.almost_always", "Almost always your choice"},
    {"learned.usual.strength.usually", "Usually your choice"},
    {"learned.usual.strength.often", "Often your choice"},
    {"learned.last_fed", "Latest activity on {date}"},
    // What we don't use
    {"not_used.block.title", "Not personalized: {label}"},
    {"not_used.suppression.title", "Not recommended for now: {label}"},
    {"not_used.suppression.until", "Until {date}"},
    {"not_used.paused.title", "Personalization is paused"},
    {"not_used.paused.detail", "Nothing new is learned and your profile is not used until you resume. Nothing is deleted."},
    {"not_used.active.title", "Personalization is on"},
    {"not_used.active.detail", "You can pause it at any time. Nothing is deleted while paused."},
    {"not_used.sensitive.off.title", "Sensitive topics are not used"},
    {"not_used.sensitive.off.detail",
     "Health, religion, politics, sexuality, money troubles and similar topics are never used unless you allow it."},
    {"not_used.sensitive.on.title", "Sensitive topics are used, as you allowed"},
    {"not_used.sensitive.on.detail", "You allowed sensitive topics for: {uses}."},
    // What was shared
    {"shared.report.title", "Report: {metric}"},
    {"shared.report.sent", "Sent, after noise: {buckets}"},
    {"shared.report.sent_none", "Sent, after noise: no answer marked"},
    {"shared.report.epsilon", "Privacy cost: \u03b5 = {epsilon}"},
    {"shared.report.date", "Made on {date}"},
    {"shared.report.from", "Drawn from: {categories}"},
    {"shared.report.status.pending", "Waiting to be sent"},
    {"shared.report.status.sent", "Sent"},
    {"shared.report.status.dropped", "Not delivered; given up"},
    {"shared.report.status.discarded", "Discarded before sending, because you withdrew consent"},
    {"shared.budget.title", "Privacy budget"},
    {"shared.budget.left", "\u03b5 {left} of {cap} left for the last {days} days"},
    {"shared.budget.metric", "{metric}: \u03b5 {spent} of {cap} used"},
    {"shared.budget.none", "The brand has not set up sharing: nothing can be shared."},
    // Consent
    {"consent.cell.title", "{category}: {use}"},
    {"consent.state.granted", "Allowed"},
    {"consent.state.denied", "Not allowed"},
    {"consent.state.unknown", "Not asked yet, so not allowed"},
    {"consent.source.user", "You chose this on {date}"},
    {"consent.source.app_default", "Set by the app as a default on {date}"},
    {"consent.source.cmp", "From the app's consent settings on {date}"},
    {"consent.policy", "Policy version {policy_version}"},
    {"category.preferences", "Preferences you state"},
    {"category.browsing", "What you view"},
    {"category.search", "What you search for"},
    {"category.purchases", "What you buy"},
    {"category.location", "Where you are"},
    {"category.sensitive", "Sensitive topics"},
    {"use.personalize", "Personalize on this device"},
    {"use.share", "Share noised statistics with the brand"},
    // Actions
    {"action.forget", "Forget this"},
    {"action.block", "Don't personalize this"},
    {"action.like", "I like this"},
    {"action.dislike", "I don't like this"},
    {"action.grant", "Allow"},
    {"action.deny", "Don't allow"},
    {"action.pause", "Pause personalization"},
    {"action.resume", "Resume personalization"},
    {"action.export", "Download my data"},
    {"action.erase", "Delete all my data"},
    {"action.erase.confirm", "Delete everything kept about you on this device? This cannot be undone."},
    {"action.stop_sharing", "Stop sharing {category}"},
});

}  // namespace

std::span<const TextTemplate> privacy_text_table() noexcept { return kTable; }

Text text(std::string_view key, TextParams params) {
  Text out{std::string(key), std::string(key), std::move(params)};
  for (const TextTemplate& t : kTable) {
    if (t.key != key) continue;
    out.text.clear();
    std::string_view rest = t.english;
    while (!rest.empty()) {
      const auto open = rest.find('{');
      const auto close = open == std::string_view::npos ? open : rest.find('}', open);
      if (close == std::string_view::npos) {
        out.text.append(rest);
        break;
      }
      out.text.append(rest.substr(0, open));
      const std::string_view name = rest.substr(open + 1, close - open - 1);
      for (const auto& [param, value] : out.params) {
        if (param == name) out.text.append(value);
      }
      rest.remove_prefix(close + 1);
    }
    break;
  }
  return out;
}

}  // namespace confidant::api
