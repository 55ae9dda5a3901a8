// eval's leave-last-out split: which signals are positive, the held-out
// interaction (the last positive in time order, file order among equal
// times), the training part (before it, without the held-out item in the
// new split, with it in the repeat split), the items taken out of the
// candidates, the repeat users, and every reason a user is skipped, on data
// laid out by hand.
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "eval/split.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant;
using namespace confidant::eval;
using namespace confidant::eval::testing;

Signal of(SignalType type, std::optional<std::int64_t> rating = std::nullopt) {
  Signal s;
  s.type = type;
  s.item = "A";
  s.rating = rating;
  return s;
}

// u1, in file order (index: what, when). In time order: view B, order A,
// order C, click A (the last positive: held out), impression D (after it:
// the future). Both splits' cases below lay it out.
void add_u1(DatasetBuilder& b) {
  b.order("u1", "A", kT0 + 2 * kHourMs);                            // 0
  b.signal("u1", SignalType::kView, "B", kT0 + 1 * kHourMs);        // 1
  b.order("u1", "C", kT0 + 3 * kHourMs);                            // 2
  b.signal("u1", SignalType::kClick, "A", kT0 + 4 * kHourMs);       // 3
  b.signal("u1", SignalType::kImpression, "D", kT0 + 5 * kHourMs);  // 4
}

}  // namespace

TEST_CASE("eval split: what the person chose or engaged with is positive") {
  for (const SignalType type : {SignalType::kOrder, SignalType::kPurchase, SignalType::kClick, SignalType::kAddToCart,
                                SignalType::kView, SignalType::kVisit}) {
    CHECK(is_positive(of(type)));
  }
  for (const SignalType type : {SignalType::kImpression, SignalType::kDismiss, SignalType::kSearch,
                                SignalType::kAlreadyHave, SignalType::kLike, SignalType::kDislike,
                                SignalType::kBlock}) {
    CHECK_FALSE(is_positive(of(type)));
  }
  CHECK(is_positive(of(SignalType::kRate, 5)));
  CHECK(is_positive(of(SignalType::kRate, 4)));
  CHECK_FALSE(is_positive(of(SignalType::kRate, 3)));
  CHECK_FALSE(is_positive(of(SignalType::kRate)));
}

TEST_CASE("eval split: a positive signal's catalog item, or none") {
  DatasetBuilder b;
  b.item("A").item("B");
  const Dataset& data = b.data();
  Signal s = of(SignalType::kOrder);
  // emplace, not `s.item = "B"`: assigning a literal into the engaged
  // optional makes GCC 12 at -O3 report a false -Wrestrict in libstdc++.
  s.item.emplace("B");
  CHECK(positive_catalog_item(data, s) == std::optional<std::size_t>(1));
  s.item.emplace("Z");
  CHECK_FALSE(positive_catalog_item(data, s));
  CHECK_FALSE(positive_catalog_item(data, of(SignalType::kImpression)));
}

TEST_CASE("eval split: held out, training part and excluded items, laid out by hand") {
  DatasetBuilder b;
  b.item("A").item("B").item("C").item("D");
  // u1, in file order (index: what, when). In time order: view B, order A,
  // order C, click A, impression D. The last positive is the click on A:
  // held out. Training: view B and order C (the earlier order of A is the
  // held-out item itself); the impression after it is the future.
  add_u1(b);  // 0..4
  // u2: two orders at the same time; the file's order decides: C is last.
  b.order("u2", "B", kT0);                                            // 5
  b.order("u2", "C", kT0);                                            // 6
  b.order("u3", "A", kT0);                                            // 7: one interaction only
  b.signal("u4", SignalType::kImpression, "A", kT0);                  // 8: nothing positive
  b.signal("u4", SignalType::kImpression, "B", kT0 + kHourMs);        // 9
  b.signal("u5", SignalType::kView, "A", kT0);                        // 10
  b.order("u5", "Z", kT0 + kHourMs);                                  // 11: held out, not in the catalog
  b.order("u6", "A", kT0);                                            // 12
  b.signal("u6", SignalType::kView, "A", kT0 + kHourMs);              // 13: held out, nothing else before it
  b.signal("u7", SignalType::kView, "D", kT0);                        // 14
  b.signal("u7", SignalType::kRate, "B", kT0 + kHourMs, 5);           // 15: the last positive
  b.signal("u7", SignalType::kRate, "C", kT0 + 2 * kHourMs, 3);       // 16: three stars: not positive

  const Split split = split_users(b.data());
  REQUIRE(split.cases.size() == 3);

  const UserCase& u1 = split.cases[0];
  CHECK(u1.user == 0);
  CHECK(u1.held_out == 3);
  CHECK(u1.held_out_item == 0);
  CHECK(u1.held_out_at == kT0 + 4 * kHourMs);
  CHECK(u1.training == std::vector<std::size_t>{1, 2});
  CHECK(u1.excluded_items == std::vector<std::size_t>{1, 2});

  const UserCase& u2 = split.cases[1];
  CHECK(u2.user == 1);
  CHECK(u2.held_out == 6);
  CHECK(u2.held_out_item == 2);
  CHECK(u2.training == std::vector<std::size_t>{5});
  CHECK(u2.excluded_items == std::vector<std::size_t>{1});

  const UserCase& u7 = split.cases[2];
  CHECK(u7.user == 6);
  CHECK(u7.held_out == 15);
  CHECK(u7.held_out_item == 1);
  CHECK(u7.held_out_at == kT0 + kHourMs);
  CHECK(u7.training == std::vector<std::size_t>{14});
  CHECK(u7.excluded_items == std::vector<std::size_t>{3});

  CHECK(split.skipped.too_few == 1);
  CHECK(split.skipped.no_positive == 1);
  CHECK(split.skipped.not_in_catalog == 1);
  CHECK(split.skipped.no_history == 1);
  CHECK(split.skipped.total() == 4);
}

TEST_CASE("eval split: excluded items are sorted, unique, and only those of the catalog") {
  DatasetBuilder b;
  b.item("A").item("B").item("C");
  b.order("u1", "C", kT0);
  b.signal("u1", SignalType::kImpression, "C", kT0 + 1);
  b.order("u1", "Z", kT0 + 2);  // not in the catalog: replayed, but no candidate to take away
  b.signal("u1", SignalType::kDismiss, "B", kT0 + 3);
  b.order("u1", "A", kT0 + 4);
  const Split split = split_users(b.data());
  REQUIRE(split.cases.size() == 1);
  CHECK(split.cases[0].training == std::vector<std::size_t>{0, 1, 2, 3});
  CHECK(split.cases[0].excluded_items == std::vector<std::size_t>{1, 2});
}

TEST_CASE("eval split: no interactions, no cases") {
  DatasetBuilder b;
  b.item("A");
  const Split split = split_users(b.data());
  CHECK(split.cases.empty());
  CHECK(split.skipped.total() == 0);
}

TEST_CASE("eval split: the repeat split keeps earlier interactions with the held-out item and takes nothing out") {
  DatasetBuilder b;
  b.item("A").item("B").item("C").item("D");
  // u1 as in the new split's case above: order A (2h), view B (1h), order C
  // (3h), click A (4h, held out), impression D (5h, the future). The
  // earlier order of A stays in the training part: a repeat.
  add_u1(b);  // 0..4
  // u6: order A, then view A held out: nothing before it in the new split
  // (skipped), the order in this one.
  b.order("u6", "A", kT0);                                          // 5
  b.signal("u6", SignalType::kView, "A", kT0 + kHourMs);            // 6
  // u8: only an impression of B before ordering it: kept, but not a
  // positive interaction, so not a repeat.
  b.signal("u8", SignalType::kImpression, "B", kT0);                // 7
  b.order("u8", "B", kT0 + kHourMs);                                // 8
  // u9: D, then C: new to the user.
  b.order("u9", "D", kT0);                                          // 9
  b.order("u9", "C", kT0 + kHourMs);                                // 10

  const Split split = split_users(b.data(), SplitMode::kRepeat);
  REQUIRE(split.cases.size() == 4);
  const UserCase& u1 = split.cases[0];
  CHECK(u1.held_out == 3);
  CHECK(u1.held_out_item == 0);
  CHECK(u1.training == std::vector<std::size_t>{1, 0, 2});
  CHECK(u1.excluded_items.empty());
  CHECK(u1.repeat);
  const UserCase& u6 = split.cases[1];
  CHECK(u6.held_out == 6);
  CHECK(u6.training == std::vector<std::size_t>{5});
  CHECK(u6.repeat);
  const UserCase& u8 = split.cases[2];
  CHECK(u8.training == std::vector<std::size_t>{7});
  CHECK_FALSE(u8.repeat);
  const UserCase& u9 = split.cases[3];
  CHECK(u9.training == std::vector<std::size_t>{9});
  CHECK(u9.excluded_items.empty());
  CHECK_FALSE(u9.repeat);
  CHECK(split.skipped.total() == 0);

  // The same log split the default way: u1 loses its order of A and
  // excludes B and C, u6 and u8 have no history, nobody is a repeat.
  const Split fresh = split_users(b.data());
  REQUIRE(fresh.cases.size() == 2);
  CHECK(fresh.cases[0].training == std::vector<std::size_t>{1, 2});
  CHECK(fresh.cases[0].excluded_items == std::vector<std::size_t>{1, 2});
  CHECK_FALSE(fresh.cases[0].repeat);
  CHECK_FALSE(fresh.cases[1].repeat);
  CHECK(fresh.skipped.no_history == 2);
}

TEST_CASE("eval split: the modes' names") {
  CHECK(std::string(split_mode_name(SplitMode::kNew)) == "new");
  CHECK(std::string(split_mode_name(SplitMode::kRepeat)) == "repeat");
  CHECK(split_mode_from_name("new") == SplitMode::kNew);
  CHECK(split_mode_from_name("repeat") == SplitMode::kRepeat);
  CHECK_FALSE(split_mode_from_name("Repeat"));
  CHECK_FALSE(split_mode_from_name(""));
}
