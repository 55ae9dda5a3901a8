// scan_candidate() is the fast path of the candidate checks: it must accept
// exactly the valid candidates whose texts are all plain ASCII (anything
// else goes to check_candidate(), which has the last word), and its hashes
// must be the ones the profile index is keyed by.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

#include "confidant/ranking.hpp"
#include "ranking/pipeline/candidate_check.hpp"
#include "ranking/pipeline/candidate_scan.hpp"
#include "common/flat_map.hpp"

namespace {

using confidant::Candidate;
using confidant::CandidateKind;
using confidant::ranking::check_candidate;
using confidant::text::hash_text;
using confidant::ranking::scan_candidate;
using confidant::ranking::ScannedCandidate;
using confidant::text::TextKey;

bool all_ascii(const std::string& text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool texts_all_ascii(const Candidate& c) {
  bool ascii = all_ascii(c.id);
  for (const auto& [key, value] : c.attrs) ascii = ascii && all_ascii(key) && all_ascii(value);
  for (const auto& [other, weight] : c.related) ascii = ascii && all_ascii(other);
  return ascii;
}

// Mostly good texts of every short length, sometimes spoiled: a control
// byte, DEL, '=', a UTF-8 letter, a broken UTF-8 byte, empty, too long.
std::string some_text(std::mt19937_64& random, std::size_t max_bytes) {
  const std::size_t length = 1 + random() % 20;
  std::string text;
  for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + random() % 26);
  switch (random() % 12) {
    case 0: text[random() % length] = static_cast<char>(random() % 0x20); break;
    case 1: text[random() % length] = '\x7f'; break;
    case 2: text[random() % length] = '='; break;
    case 3: text.insert(random() % (length + 1), "é"); break;
    case 4: text[random() % length] = '\xc3'; break;
    case 5: text.clear(); break;
    case 6: text = std::string(max_bytes + random() % 2, 'x'); break;  // at the limit, or one over
    default: break;
  }
  return text;
}

Candidate some_candidate(std::mt19937_64& random) {
  Candidate c;
  c.id = some_text(random, 128);
  const std::size_t attributes = random() % 19;  // up to 18: the limit is 16
  for (std::size_t a = 0; a < attributes; ++a) c.attrs[some_text(random, 64)] = some_text(random, 128);
  const std::size_t related = random() % 8 == 0 ? 60 + random() % 10 : random() % 4;  // the limit is 64
  for (std::size_t r = 0; r < related; ++r) {
    const double weights[] = {0.0, 0.5, 1.0, 1.5, -0.1, std::nan("")};
    c.related[some_text(random, 128)] = random() % 4 == 0 ? weights[random() % 6] : 0.25;
  }
  const double popularity[] = {0.0, 0.3, 1.0, 1.01, -0.5, std::nan("")};
  c.popularity = random() % 3 == 0 ? popularity[random() % 6] : 0.5;
  if (random() % 10 == 0) c.kind = static_cast<CandidateKind>(random() % 5);  // 3 and 4 are not kinds
  c.categories.resize(random() % 10);  // more than 8 is too many; paths are not the scan's
  return c;
}

TEST_CASE("scan_candidate passes exactly the valid candidates with ASCII texts") {
  std::mt19937_64 random(20261206);
  std::size_t passed = 0;
  std::size_t valid_non_ascii = 0;
  ScannedCandidate scan;
  for (int i = 0; i < 20'000; ++i) {
    const Candidate c = some_candidate(random);
    const bool valid = static_cast<bool>(check_candidate(0, c));
    const bool ascii = texts_all_ascii(c);
    INFO(confidant::to_json(c));
    CHECK(scan_candidate(c, scan) == (valid && ascii));
    passed += valid && ascii ? 1 : 0;
    valid_non_ascii += valid && !ascii ? 1 : 0;
  }
  // Both sides of the answer were exercised.
  CHECK(passed > 100);
  CHECK(passed < 19'900);
  CHECK(valid_non_ascii > 10);
}

TEST_CASE("scan_candidate hashes the texts as the profile index keys them") {
  Candidate c;
  c.id = "sku-12345678";
  c.attrs = {{"milk", "oat"}, {"size", "grande"}, {"note", "crème brûlée"}};
  c.related = {{"a", 0.5}, {"latte-1", 0.8}, {"thé", 0.1}};
  ScannedCandidate scan;
  REQUIRE_FALSE(scan_candidate(c, scan));  // not ASCII: the full check decides (it is valid)
  REQUIRE(check_candidate(0, c));
  CHECK(scan.candidate == &c);
  CHECK(scan.id_hash == hash_text(c.id));
  REQUIRE(scan.attribute_count == 3);
  std::size_t a = 0;
  for (const auto& pair : c.attrs) {
    CHECK(scan.attributes[a] == &pair);
    CHECK(scan.attribute_hashes[a] == TextKey{pair.first, pair.second}.hash());
    ++a;
  }
  REQUIRE(scan.related_count == 3);
  std::size_t r = 0;
  for (const auto& pair : c.related) {
    CHECK(scan.related[r] == &pair);
    CHECK(scan.related_hashes[r] == hash_text(pair.first));
    ++r;
  }
}

}  // namespace
