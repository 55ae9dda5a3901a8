// The barista demo: a week in a coffee app, through Confidant's public API.
//
// The person grants what they choose, orders their oat-milk latte every
// morning, tells the app they are vegetarian, says they already own the
// camera battery they browsed, then withdraws purchase data and finally
// erases everything. At each step the demo prints what the person would see
// in the app's privacy screen, and checks its own claims: it exits non-zero
// when one does not hold (it also runs as a ctest test).
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include "confidant/brand.hpp"
#include "confidant/sdk.hpp"

namespace {

using namespace confidant;
namespace fs = std::filesystem;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kHourMs = 3600LL * 1000;

// The demo's own clock, so a week passes in a second.
class DemoClock final : public Clock {
 public:
  explicit DemoClock(std::int64_t start) : now_(start) {}
  std::int64_t now_ms() const override { return now_.load(); }
  void advance(std::int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<std::int64_t> now_;
};

int failures = 0;

void claim(bool holds, const std::string& what) {
  std::printf("  [%s] %s\n", holds ? "ok" : "FAILED", what.c_str());
  if (!holds) ++failures;
}

void must(const Status& st, const char* what) {
  if (!st) {
    std::fprintf(stderr, "barista demo: %s: %s\n", what, st.to_string().c_str());
    std::exit(1);
  }
}

void show(Sdk& sdk, const char* title) {
  auto profile = sdk.profile();
  must(profile.status(), "profile");
  std::printf("\n%s\n", title);
  for (const auto& p : profile->preferences) std::printf("  stated:     %s\n", p.explanation.c_str());
  for (const auto& u : profile->usual) std::printf("  usual:      %s\n", u.explanation.c_str());
  std::size_t shown = 0;
  for (const auto& i : profile->interests) {
    if (++shown > 5) break;
    std::printf("  interest:   %s\n", i.explanation.c_str());
  }
  for (const auto& s : profile->suppressions) std::printf("  not now:    %s\n", s.explanation.c_str());
}

Signal order(const char* item, const char* category, const char* milk, const char* size) {
  Signal s;
  s.type = SignalType::kOrder;
  s.item = item;
  s.categories = {category};
  s.attrs = {{"milk", milk}, {"size", size}};
  return s;
}

std::unique_ptr<Sdk> open(const fs::path& home, std::shared_ptr<DemoClock> clock, std::string brand_key = {}) {
  Options options;
  options.brand_signing_key = std::move(brand_key);  // pinned in the app: only this brand's configs are trusted
  options.dir = home / "confidant";
  auto key = make_key_file_provider(home / "wrapping.key");  // the OS keystore, on a phone
  must(key.status(), "key file");
  options.key_provider = std::shared_ptr<KeyProvider>(std::move(key.value()));
  options.clock = std::move(clock);
  auto sdk = Sdk::open(std::move(options));
  must(sdk.status(), "open");
  must(sdk.value()->wait_until_ready(), "open");
  return std::move(sdk.value());
}

// "2026-11-20T08:00:00Z", as the CLI's --now takes it.
std::string iso_time(std::int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The store and its key file, copied to `to` for the CLI's --dir and --key-file.
void keep_copy(const fs::path& home, const fs::path& to) {
  fs::remove_all(to);
  fs::create_directories(to);
  fs::copy(home / "confidant", to / "confidant", fs::copy_options::recursive);
  fs::copy_file(home / "wrapping.key", to / "wrapping.key");
}

}  // namespace

int main() {
  const fs::path home = fs::temp_directory_path() / ("confidant-barista-demo-" + std::to_string(getpid()));
  fs::remove_all(home);
  fs::create_directories(home);
  auto clock = std::make_shared<DemoClock>(1795161600000);  // Friday 2026-11-20, 08:00 UTC
  // The brand's side (its keys and signed config) would live on its servers;
  // the demo plays both parts.
  const brand::KeySet brand_keys = brand::generate_keys();
  auto brand_config = brand::sign_config(
      R"({"version":1,"brand":"Corner Coffee","epoch_seconds":604800,"budget_window_days":30,"budget_total_cap":8,
          "metrics":[{"id":"top_drink","source":"top_category","domain":["drinks/coffee","drinks/tea","food/bakery"],
                      "epsilon":2,"budget_cap":4}]})",
      brand_keys);
  must(brand_config.status(), "sign the brand config");
  auto sdk = open(home, clock, brand_keys.signing_public);

  std::printf("Day 0: the app is installed; nothing is granted yet.\n");
  claim(sdk->track(order("latte-1", "drinks/coffee/latte", "oat", "grande")).code() == ErrorCode::kNotPermitted,
        "an order before consent is dropped, never stored");

  must(sdk->grant({DataCategory::kPurchases, DataCategory::kBrowsing, DataCategory::kPreferences},
                  {Use::kPersonalize}, {Source::kUser, "2026-11", "Personalize my menu on this phone."}),
       "grant");
  std::printf("The person grants purchases, browsing and preferences, for personalization only.\n");

  for (int day = 0; day < 7; ++day) {
    must(sdk->track(order("latte-1", "drinks/coffee/latte", "oat", "grande")), "track");
    clock->advance(kDayMs);
  }
  clock->advance(7 * kHourMs);  // one afternoon
  must(sdk->track(order("tea-2", "drinks/tea", "none", "tall")), "track");
  must(sdk->prefer(PreferenceKind::kLike, "food/vegetarian", "I'm vegetarian"), "prefer");
  Signal battery;
  battery.type = SignalType::kView;
  battery.item = "battery-1";
  battery.categories = {"electronics/camera/batteries"};
  must(sdk->track(battery), "track");
  battery.type = SignalType::kAlreadyHave;
  must(sdk->track(battery), "track");
  must(sdk->flush(), "flush");

  show(*sdk, "After a week, the privacy screen shows:");
  auto week = sdk->profile();
  must(week.status(), "profile");
  bool oat = false;
  for (const auto& u : week->usual) oat = oat || (u.attribute == "milk" && u.value == "oat");
  claim(oat, "seven morning lattes make oat milk the usual; one afternoon tea does not change it");
  claim(!week->preferences.empty() && week->preferences[0].text == "I'm vegetarian",
        "the stated preference is shown back exactly as said");
  bool battery_suppressed = false;
  for (const auto& s : week->suppressions) battery_suppressed = battery_suppressed || s.target == "item:battery-1";
  claim(battery_suppressed, "the battery they already have is not suggested again");

  std::printf("\nThe brand asks, in its signed config, which drink category people favour this week.\n"
              "The person agrees to share purchases, anonymously.\n");
  must(sdk->install_config(brand_config.value()), "install the brand config");
  must(sdk->grant({DataCategory::kPurchases}, {Use::kShare}, {Source::kUser, "2026-11", "Share noised trends."}),
       "grant share");
  auto synced = sdk->sync();  // no transport in the demo: the report waits in the encrypted outbox
  must(synced.status(), "sync");
  claim(synced->prepared == 1 && synced->pending == 1, "one noised, sealed report is queued for this week");
  auto ledger = sdk->shared_reports();
  must(ledger.status(), "shared reports");
  std::printf("  What will be shared, decoded: %s", ledger->c_str());
  claim(ledger->find("\"epsilon\":2.0") != std::string::npos && ledger->find("\"data_categories\":[\"purchases\"]") !=
                                                                   std::string::npos,
        "the person can read every report, with its epsilon and the data it came from");
  auto budget = sdk->budget();
  must(budget.status(), "budget");
  std::printf("  Privacy budget: %s\n", to_json(budget.value()).c_str());

  // The week as it stands, kept for the privacy center (the demo erases its
  // own store at the end): closed first, so the copy is a consistent store.
  // One fixed place, replaced by each run, so runs do not pile up copies.
  const fs::path kept = fs::temp_directory_path() / "confidant-barista-demo-week";
  const std::string kept_at = iso_time(clock->now_ms());
  must(sdk->close(), "close");
  sdk.reset();
  keep_copy(home, kept);
  sdk = open(home, clock, brand_keys.signing_public);

  must(sdk->deny({DataCategory::kPurchases}, {Use::kPersonalize}, {Source::kUser, "2026-11", ""}), "deny");
  show(*sdk, "The person withdraws purchases. Before the call returned, the SDK purged:");
  auto after = sdk->profile();
  must(after.status(), "profile");
  claim(after->usual.empty(), "no usual is left: it came from purchases");
  auto ledger_after = sdk->shared_reports();
  must(ledger_after.status(), "shared reports");
  claim(ledger_after->find("\"status\":\"discarded\"") != std::string::npos &&
            ledger_after->find("\"status\":\"pending\"") == std::string::npos,
        "the report made from purchases was discarded before it was sent");
  auto exported = sdk->export_json();
  must(exported.status(), "export");
  claim(exported->find("latte-1") == std::string::npos, "the export holds no order any more");
  auto receipt = sdk->consent_receipt();
  must(receipt.status(), "receipt");
  claim(receipt->find("\"intact\":true") != std::string::npos, "the consent ledger's hash chain verifies");
  std::printf("  (export: %zu bytes of JSON; consent receipt: %zu bytes)\n", exported->size(), receipt->size());

  must(sdk->erase(), "erase");
  sdk.reset();
  std::printf("\nThe person deletes everything: the data key is shredded and the files removed.\n");
  auto fresh = open(home, clock);
  auto empty = fresh->profile();
  must(empty.status(), "profile");
  claim(empty->preferences.empty() && empty->interests.empty() && empty->usual.empty(),
        "a new instance starts empty");
  must(fresh->close(), "close");
  fs::remove_all(home);

  std::printf("\nThe week before the withdrawal was kept in %s. Open its privacy center in a browser:\n"
              "  %s --dir %s --key-file %s --now %s privacy-center --serve 127.0.0.1:0\n"
              "and go to the address it prints (Ctrl-C stops it).\n",
              kept.c_str(), CONFIDANT_CLI_PATH, (kept / "confidant").c_str(), (kept / "wrapping.key").c_str(),
              kept_at.c_str());
  std::printf("\n%s\n", failures == 0 ? "All claims hold." : "Some claims do not hold.");
  return failures == 0 ? 0 : 1;
}
