// Ranking: the app hands Confidant its candidates (menu items, offers, rooms,
// articles) and gets them back in the order this person would want, each
// with the reasons why, computed on the device from the person's profile.
//
//   RankRequest request;                    // limit 10, home slot, variety on
//   request.moment = "morning_commute";
//   auto ranked = sdk->rank(candidates, request);
//   for (const RankedItem& item : ranked.value()) show(item.id, item.reasons[0].text);
//
// A Candidate carries what the brand's catalogue knows about an item; its
// JSON form is one line of the CLI's `rank` input:
//   {"id":"sku-9","categories":["drinks/tea"],"attrs":{"milk":"oat"},"kind":"consumable",
//    "popularity":0.3,"related":{"latte-1":0.8},"sensitive":false}
//
// What the ranking does (docs/ranking.md has the model and every number):
// hard filters first (what the person owns, dismissed, blocked, sensitive
// without consent, the item itself in a related slot, items shown too often
// today), then a score from stated preferences (which always win),
// interests, the usual, related items, popularity, time of day, the moment
// and novelty; then variety (at most `max_per_category` of one category in
// every 10) and a share of exploration labelled "new for you". Without
// personalization consent, or while paused, the order is non-personal
// (popularity) and no reason mentions the person.
//
// Reason codes are stable and machine-readable; the English text is for
// apps that do not localize (they can build their own text from the code and
// its params).
//
// Thread-safety: plain values; the JSON readers and writers below are pure
// functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "confidant/export.hpp"
#include "confidant/status.hpp"

namespace confidant {

// What having the item means (the CLI names: "consumable", "durable",
// "experience"). A durable good bought once is no reason to buy it again;
// a consumable ordered before is a reason to order it again.
enum class CandidateKind : std::uint8_t { kConsumable, kDurable, kExperience };

struct Candidate {
  // Required: the app's id, 1..128 bytes of UTF-8 without control
  // characters, unique among the candidates of one call.
  std::string id;
  // Taxonomy paths, most specific and primary first ("drinks/coffee/latte"),
  // with the rules of Signal::categories: at most 8. The first one is the
  // item's category for variety. May be empty (then no category evidence).
  std::vector<std::string> categories;
  // Attributes ({"milk": "oat", "size": "grande"}), rules of Signal::attrs: at most 16.
  std::map<std::string, std::string> attrs;
  // Empty: the taxonomy's kind for the first category that has one, else durable.
  std::optional<CandidateKind> kind;
  // The brand's popularity prior, 0..1. Default 0.
  double popularity = 0;
  // The brand's item model: other item ids -> relatedness 0..1 (at most 64).
  std::map<std::string, double> related;
  // The brand marks the item sensitive (it is also sensitive when the
  // taxonomy marks one of its categories). Default false.
  bool sensitive = false;
};

// Where the list is shown: the home page, or a "related to ITEM" slot (the
// item itself and its near-duplicates are never shown there).
struct Slot {
  enum class Kind : std::uint8_t { kHome, kRelated };
  Kind kind = Kind::kHome;
  std::string item;  // kRelated: the item the person is looking at

  static Slot home() { return {}; }
  static Slot related_to(std::string item_id) { return {Kind::kRelated, std::move(item_id)}; }
};

struct RankRequest {
  // How many results at most, 1..1000. Default 10.
  std::size_t limit = 10;
  // Default: home.
  Slot slot;
  // A moment of truth, which favours the categories that matter then. Built
  // in: "morning_commute", "lunch", "evening", "booking", "check_in",
  // "in_stay", "checkout" (docs/ranking.md lists what each favours). Other
  // names ([a-z0-9_], 1..64 bytes) are allowed and change nothing. Empty
  // (default): no moment.
  std::string moment;
  // Exploration is random but reproducible: the same seed, profile,
  // candidates and time give the same list. Default 0. Pass a new seed per
  // session for a list that explores differently each time.
  std::uint64_t seed = 0;
  // At most `max_per_category` items of one category (a candidate's first
  // path) in every 10 results. Default on.
  bool variety = true;
  // 1..1000. Default 4.
  std::size_t max_per_category = 4;
  // Share of results given to exploration ("new for you"), 0..1: one slot
  // per whole 1/share results (0.1: one in every 10; limits under 10 get
  // none). Default 0.1. Only personal lists explore.
  double exploration_share = 0.1;
  // The person's offset from UTC in minutes (-840..840), used only to word
  // times of day ("in the morning"). Default 0 (UTC).
  int utc_offset_minutes = 0;
  // Where the person is now: the app's id of the place (a store, a hotel;
  // the same id its `visit` signals carry), 1..128 bytes. Used only with
  // `location` granted for personalize: it favours what this person orders
  // at this place ("You often order this here"). Otherwise ignored. Empty
  // (default): unknown.
  std::string place;
};

// One reason a result is where it is.
struct Reason {
  // Stable machine code, e.g. "stated_like", "usual_attribute",
  // "category_interest", "related_to_recent", "popular", "time_of_day",
  // "moment", "new_for_you" (docs/ranking.md lists them all with their params).
  std::string code;
  // English, one sentence without a final period: "You told us you prefer oat milk".
  std::string text;
  // What the text was built from, for apps that word it themselves, e.g.
  // {"target": "milk=oat"}.
  std::map<std::string, std::string> params;
};

struct RankedItem {
  std::string id;
  // The item's own score (higher is better; comparable within one call
  // only). Results are in display order, which variety and exploration may
  // make differ from score order.
  double score = 0;
  // Strongest first; never empty.
  std::vector<Reason> reasons;
  // Placed by exploration ("new for you").
  bool exploration = false;
};

// "consumable", "durable", "experience".
CONFIDANT_EXPORT const char* candidate_kind_name(CandidateKind kind) noexcept;

// Reads one candidate from its JSON form (one line of the CLI's JSONL).
// Strict, like signal_from_json: unknown fields, wrong JSON types and
// unknown kinds are kInvalidArgument naming the field
// ("popularity: expected a number, got a string"). "id" is required, the
// rest optional. Value limits (lengths, ranges) are checked by rank(), which
// names the candidate ("candidates[3].popularity: 1.5 out of range 0..1").
CONFIDANT_EXPORT Result<Candidate> candidate_from_json(std::string_view json);
// Its JSON form; candidate_from_json(to_json(c)) == c.
CONFIDANT_EXPORT std::string to_json(const Candidate& candidate);

// A list of candidates as the C ABI and the bindings pass it: a JSON array
// of candidate objects, or JSONL (one object per line, blank lines skipped)
// when the first non-whitespace byte is not '['. Each is read as
// candidate_from_json reads one; an error names it:
// "candidates[2]: popularity: expected a number, got a string" (array),
// "candidates line 3: ..." (JSONL), "candidates: ..." (the array's syntax).
CONFIDANT_EXPORT Result<std::vector<Candidate>> candidates_from_json(std::string_view json);

// "home" or "related:ITEM". kInvalidArgument naming "slot" otherwise.
CONFIDANT_EXPORT Result<Slot> parse_slot(std::string_view text);
// Its text form: parse_slot(to_string(s)) gives s back for every item id.
CONFIDANT_EXPORT std::string to_string(const Slot& slot);

// A rank request as the C ABI and the bindings pass it: one JSON object with
// any of "limit", "slot" ("home" or "related:ITEM"), "moment", "seed",
// "variety", "max_per_category", "exploration_share", "utc_offset_minutes",
// "place"; absent fields keep RankRequest's defaults. Strict like
// candidate_from_json; errors name the field
// ("request.limit: expected a non-negative integer, got a string",
// "request: unknown field 'colour'"). Ranges are rank()'s.
CONFIDANT_EXPORT Result<RankRequest> rank_request_from_json(std::string_view json);
// Its JSON form, every field written; rank_request_from_json(to_json(r)) == r.
CONFIDANT_EXPORT std::string to_json(const RankRequest& request);

// One result, as one line of the CLI's output and the answer of why():
//   {"id":"latte-1","score":3.25,"reasons":[{"code":"usual_attribute","text":"...","params":{"attributes":"milk=oat"}}]}
// ("params" only when it has entries).
CONFIDANT_EXPORT std::string to_json(const RankedItem& item);
// A whole list, as the C ABI and the bindings return it:
// {"results":[<to_json(item)>, ...]} — an object rather than a bare array,
// so fields about the list as a whole can be added without breaking readers.
CONFIDANT_EXPORT std::string to_json(const std::vector<RankedItem>& results);

}  // namespace confidant
