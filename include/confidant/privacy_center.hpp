// The privacy center: everything the person may see and change about their
// data, as one display-ready model (Sdk::privacy_center), and one entry point
// that carries out any change the model offers (Sdk::perform_privacy_action).
//
// The model is in sections (what you told us, what we learned, what we don't
// use, what was shared, your consent choices). Each section holds rows; each
// row holds texts to show and the actions it allows, as data: a UI draws a
// button per action and, when pressed, hands the action back unchanged. It
// needs to know none of the rules (which cell may be granted, what "forget"
// removes); the next model shows the result.
//
// Every text a person sees is a Text: a stable key, its English wording and
// the parameters filled into it, so an app can translate by key
// (docs/privacy-center.md lists every key with its English template). Raw
// values a native screen may want (a target, a date, a category name) are in
// a row's `facts`, which are not meant to be shown as they are.
//
// The JSON form (to_json) is versioned by `format`; a field is only ever added
// under the same format, never renamed or removed.
//
// Thread-safety: plain values; every function here is pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "confidant/export.hpp"
#include "confidant/status.hpp"

namespace confidant {

// The `format` of the model's JSON; bumped only if a field changes meaning.
inline constexpr std::string_view kPrivacyCenterFormat = "confidant.privacy-center.v1";

// Ordered name/value pairs (the order the English text uses them).
using TextParams = std::vector<std::pair<std::string, std::string>>;

// One text a person sees. `text` is the English template of `key` with each
// "{name}" replaced by the parameter `name`.
struct Text {
  std::string key;    // "learned.strength.strong"
  std::string text;   // "Strong interest"
  TextParams params;  // {{"date", "2026-11-20"}}
};

// What an action does; the `id` of its JSON form.
//   forget   target: {"target"}       Sdk::forget
//   block    target: {"target"}       Sdk::prefer(kBlock)
//   like     target: {"target"[, "text"]}  Sdk::prefer(kLike)
//   dislike  target: {"target"[, "text"]}  Sdk::prefer(kDislike)
//   grant    target: {"category","use"[, "policy_version"]}  Sdk::grant, source user
//   deny     target: {"category","use"[, "policy_version"]}  Sdk::deny, source user
//   pause    target: {}               Sdk::set_paused(true)
//   resume   target: {}               Sdk::set_paused(false)
//   export   target: {}               Sdk::export_json
//   erase    target: {}               Sdk::erase (closes the Sdk)
// A grant or deny without policy_version records "1" (ConsentContext's default).
struct PrivacyAction {
  std::string id;
  Text label;      // the button's text
  TextParams target;  // the values the action needs, all strings
  // Set when a UI should ask before acting (erase): the question to ask.
  // Empty key: no confirmation needed.
  Text confirm;
};

// One thing shown: a preference, an interest, a report, a consent cell.
struct PrivacyRow {
  std::string id;    // stable within a model: "interest:drinks/coffee", "consent:purchases:share"
  std::string kind;  // stated_preference, interest, usual, block, suppression, paused,
                     // sensitive, report, budget, consent
  Text title;
  std::vector<Text> lines;  // the rest of what to show, in order
  TextParams facts;         // raw values for native screens (not for display)
  std::vector<PrivacyAction> actions;
};

struct PrivacySection {
  std::string id;  // told, learned, not_used, shared, consent
  Text title;
  Text summary;    // one sentence on what the section is
  Text empty;      // shown when `rows` is empty
  std::vector<PrivacyRow> rows;
};

struct PrivacyCenter {
  std::string format = std::string(kPrivacyCenterFormat);
  std::int64_t as_of_ms = 0;    // the SDK's clock when it was read
  Text title;
  std::vector<PrivacySection> sections;  // always the five, in the order above
  std::vector<PrivacyAction> actions;    // for everything at once: pause or resume, export, erase
};

// What performing an action returned.
struct PrivacyActionResult {
  std::string id;           // the action performed
  std::string export_json;  // export: the document (Sdk::export_json); empty otherwise
};

// One JSON object, one line:
//   {"format":"confidant.privacy-center.v1","as_of":"2026-11-20T08:00:00.000Z",
//    "title":{Text},"sections":[{"id":"told","title":{Text},"summary":{Text},"empty":{Text},
//      "rows":[{"id":..,"kind":..,"title":{Text},"lines":[{Text}],"facts":{"name":"value"},
//               "actions":[{Action}]}]}],"actions":[{Action}]}
// Text: {"key":..,"text":..,"params":{"name":"value"}};
// Action: {"id":..,"label":{Text},"target":{"name":"value"}[,"confirm":{Text}]}.
CONFIDANT_EXPORT std::string to_json(const PrivacyCenter& center);
CONFIDANT_EXPORT std::string to_json(const PrivacyAction& action);
// {"id":"forget"} or {"id":"export","export":{...the export document...}}
CONFIDANT_EXPORT std::string to_json(const PrivacyActionResult& result);

// Reads an action as the model writes it (label and confirm are accepted and
// ignored, so a UI may send the object back whole). kInvalidArgument names
// the field: "id: unknown action 'frob'", "target.target: required",
// "target.use: unknown value 'sell'", "target.colour: unknown field".
CONFIDANT_EXPORT Result<PrivacyAction> parse_privacy_action(std::string_view json);

}  // namespace confidant
