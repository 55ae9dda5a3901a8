// How eval brings a log's times into the range signals may have: integer
// seconds read as seconds, a log wholly before 2000 moved forward by just
// enough whole weeks, and every other log left as it is.
#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "eval/time_shift.hpp"
#include "eval_data.hpp"

namespace {

using namespace confidant;
using namespace confidant::eval;
using namespace confidant::eval::testing;

constexpr std::int64_t kWeek = 7 * 24 * 3'600'000LL;

DatasetBuilder at_times(std::initializer_list<std::int64_t> times) {
  DatasetBuilder b;
  b.item("A");
  for (const std::int64_t at : times) b.order("u1", "A", at);
  return b;
}

std::vector<std::int64_t> times_of(const Dataset& data) {
  std::vector<std::int64_t> out;
  for (const Interaction& interaction : data.interactions) out.push_back(interaction.signal.at);
  return out;
}

}  // namespace

TEST_CASE("eval time shift: MovieLens' integer seconds become milliseconds, then move to 2000") {
  // 1998-11-01T08:00:00Z (a Sunday) and an hour later, in seconds. As
  // milliseconds they are 1998; 2000-01-01 is 60.8 weeks later, so 61
  // weeks (427 days): 2000-01-02T08:00:00Z, a Sunday again.
  DatasetBuilder b = at_times({909907200, 909910800});
  const TimeFix fix = fix_times(b.data());
  CHECK(fix.seconds_to_ms);
  CHECK(fix.shift_days == 427);
  CHECK(times_of(b.data()) == std::vector<std::int64_t>{946800000000, 946803600000});
  CHECK(times_of(b.data())[0] >= kEarliestSignalTimeMs);
}

TEST_CASE("eval time shift: a log in milliseconds from before 2000 moves by just enough whole weeks") {
  // Exactly two weeks early: two weeks, landing on 2000-01-01 itself.
  DatasetBuilder exact = at_times({kEarliestSignalTimeMs - 2 * kWeek, kEarliestSignalTimeMs - kWeek});
  TimeFix fix = fix_times(exact.data());
  CHECK_FALSE(fix.seconds_to_ms);
  CHECK(fix.shift_days == 14);
  CHECK(times_of(exact.data()) == std::vector<std::int64_t>{kEarliestSignalTimeMs, kEarliestSignalTimeMs + kWeek});

  // One millisecond more than two weeks early: three.
  DatasetBuilder over = at_times({kEarliestSignalTimeMs - 2 * kWeek - 1, kEarliestSignalTimeMs - 1});
  fix = fix_times(over.data());
  CHECK(fix.shift_days == 21);
  CHECK(times_of(over.data()) ==
        std::vector<std::int64_t>{kEarliestSignalTimeMs + kWeek - 1, kEarliestSignalTimeMs + 3 * kWeek - 1});
}

TEST_CASE("eval time shift: a recent log is left as it is") {
  DatasetBuilder b = at_times({kT0, kT0 + 1000});
  const TimeFix fix = fix_times(b.data());
  CHECK_FALSE(fix.seconds_to_ms);
  CHECK(fix.shift_days == 0);
  CHECK(times_of(b.data()) == std::vector<std::int64_t>{kT0, kT0 + 1000});
}

TEST_CASE("eval time shift: one early line in a recent log is a bad line, not a reason to move the log") {
  DatasetBuilder early = at_times({kEarliestSignalTimeMs - kWeek, kT0});
  TimeFix fix = fix_times(early.data());
  CHECK_FALSE(fix.seconds_to_ms);
  CHECK(fix.shift_days == 0);
  CHECK(times_of(early.data()) == std::vector<std::int64_t>{kEarliestSignalTimeMs - kWeek, kT0});

  // A log whose latest time is 2000-01-01 exactly does not move either.
  DatasetBuilder edge = at_times({kEarliestSignalTimeMs - kWeek, kEarliestSignalTimeMs});
  fix = fix_times(edge.data());
  CHECK(fix.shift_days == 0);
}

TEST_CASE("eval time shift: a negative time leaves everything as it is (validation names it)") {
  DatasetBuilder b = at_times({-5, 909907200});
  const TimeFix fix = fix_times(b.data());
  CHECK_FALSE(fix.seconds_to_ms);
  CHECK(fix.shift_days == 0);
  CHECK(times_of(b.data()) == std::vector<std::int64_t>{-5, 909907200});
}

TEST_CASE("eval time shift: no interactions, nothing to fix") {
  DatasetBuilder b;
  const TimeFix fix = fix_times(b.data());
  CHECK_FALSE(fix.seconds_to_ms);
  CHECK(fix.shift_days == 0);
}
