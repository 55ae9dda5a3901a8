// The store seen from outside: a wrong key (exit 4) changes nothing, a
// damaged store is refused (exit 5), erase shreds it whatever its state.
#include "cli_runner.hpp"

#include <sodium.h>
#include <sys/stat.h>

using namespace cli_test;
using confidant::testing::hash_directory;

namespace {

// A store with some consent, signals and a preference in it.
void fill(const Cli& cli) {
  cli.ok({"consent", "grant", "all", "personalize"});
  cli.ok({"track"}, R"({"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],"attrs":{"milk":"oat"}})"
                    "\n"
                    R"({"type":"view","item":"tea-7","categories":["drinks/tea"]})"
                    "\n");
  cli.ok({"prefer", "like", "drinks/tea", "--text", "green tea"});
}

// 32 random bytes: a well-formed key file that is not this store's key.
fs::path other_key(const Cli& cli) {
  std::vector<std::uint8_t> key(32);
  randombytes_buf(key.data(), key.size());
  const fs::path path = cli.tmp / "other.key";
  confidant::testing::write_bytes(path, key);
  return path;
}

}  // namespace

TEST_CASE("cli: a wrong key file exits 4 and leaves the store's files as they were") {
  Cli cli;
  fill(cli);
  const auto before = hash_directory(cli.dir());
  const fs::path wrong = other_key(cli);
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"profile"}, {"consent", "show"}, {"export"}, {"forget", "drinks/tea"}}) {
    const Run run = cli.with_key(wrong, command);
    INFO(command[0] << ": " << run.err);
    CHECK(run.exit_code == 4);
    CHECK(run.out.empty());
    CHECK(contains(run.err, "wrong_key"));
    CHECK(all_lines_prefixed(run.err));
  }
  const Run track = cli.with_key(wrong, {"track"}, R"({"type":"view","item":"x"})" "\n");
  CHECK(track.exit_code == 4);
  CHECK(track.out.empty());
  CHECK(hash_directory(cli.dir()) == before);
  // The right key still opens it, with everything there.
  CHECK(contains(cli.ok({"export"}), "green tea"));
}

TEST_CASE("cli: a key file that does not exist is not created for an existing store (exit 4)") {
  Cli cli;
  fill(cli);
  const auto before = hash_directory(cli.dir());
  const fs::path missing = cli.tmp / "typo.key";
  const Run run = cli.with_key(missing, {"profile"});
  CHECK(run.exit_code == 4);
  CHECK(contains(run.err, "typo.key does not exist"));
  CHECK(all_lines_prefixed(run.err));
  CHECK_FALSE(fs::exists(missing));
  CHECK(hash_directory(cli.dir()) == before);
}

TEST_CASE("cli: a tampered store exits 5") {
  Cli cli;
  fill(cli);
  REQUIRE(fs::exists(cli.db()));
  const auto size = fs::file_size(cli.db());
  REQUIRE(size > 3 * 4096);
  // Every page: which pages one command reads depends on the schema, and
  // the point here is the exit code, not which page is caught.
  for (std::uintmax_t offset = 4096 + 2048; offset < size; offset += 4096) {
    confidant::testing::flip_byte(cli.db(), offset);
  }
  const Run run = cli({"export"});
  INFO(run.err);
  CHECK(run.exit_code == 5);
  CHECK(run.out.empty());
  CHECK(all_lines_prefixed(run.err));
}

TEST_CASE("cli: a file that is not a store exits 5") {
  Cli cli;
  fs::create_directories(cli.dir());
  cli.write_file("store/confidant.db", std::string(8192, 'x'));
  cli.write_file("store.key", std::string(32, 'k'));
  const Run run = cli({"profile"});
  INFO(run.err);
  CHECK(run.exit_code == 5);
  CHECK(contains(run.err, "not_a_store"));
}

TEST_CASE("cli: a FIFO in place of the store's journal exits 5 at once instead of hanging") {
  Cli cli;
  fill(cli);
  const fs::path journal = cli.dir() / "confidant.db-journal";
  fs::remove(journal);
  REQUIRE(::mkfifo(journal.c_str(), 0600) == 0);
  const auto before = hash_directory(cli.dir());
  // Opening a FIFO blocks until a writer comes: a hang is the bug, and
  // run_cli kills the child and throws when the deadline passes.
  std::vector<std::string> args = cli.globals(cli.key());
  args.push_back("export");
  const Run run = run_cli(args, "", {}, std::chrono::seconds(10));
  INFO(run.err);
  CHECK(run.exit_code == 5);
  CHECK(run.out.empty());
  CHECK(contains(run.err, "not_a_store"));
  CHECK(contains(run.err, "confidant.db-journal is a FIFO"));
  CHECK(all_lines_prefixed(run.err));
  CHECK(fs::is_fifo(fs::symlink_status(journal)));
  CHECK(hash_directory(cli.dir()) == before);
}

TEST_CASE("cli: erase shreds the store and its key, a new store starts empty") {
  Cli cli;
  fill(cli);
  const Run erased = cli({"erase"});
  INFO(erased.err);
  CHECK(erased.exit_code == 0);
  CHECK(erased.out.empty());
  CHECK(erased.err.empty());
  CHECK_FALSE(fs::exists(cli.db()));
  CHECK_FALSE(fs::exists(cli.key()));

  const confidant::json::Value profile = parse_json_line(cli.ok({"profile"}));
  CHECK(member(profile, "preferences").as_array().empty());
  CHECK(member(profile, "interests").as_array().empty());
  CHECK(member(profile, "usual").as_array().empty());
  CHECK(member(profile, "suppressions").as_array().empty());
  CHECK(member(parse_json_line(cli.ok({"consent", "show"})), "records").as_array().empty());
}

TEST_CASE("cli: erase works with a wrong key, and leaves that other key file alone") {
  Cli cli;
  fill(cli);
  const fs::path wrong = other_key(cli);
  const auto wrong_bytes = confidant::testing::read_bytes(wrong);
  const Run erased = cli.with_key(wrong, {"erase"});
  INFO(erased.err);
  CHECK(erased.exit_code == 0);
  CHECK_FALSE(fs::exists(cli.db()));
  CHECK(confidant::testing::read_bytes(wrong) == wrong_bytes);
  // The store's own key can no longer open anything of it: a new, empty store.
  CHECK(member(parse_json_line(cli.ok({"export"})), "signals").as_array().empty());
}

TEST_CASE("cli: erase works on a damaged store and without the key file") {
  Cli cli;
  fill(cli);
  confidant::testing::flip_byte(cli.db(), fs::file_size(cli.db()) / 2);
  CHECK(cli({"erase"}).exit_code == 0);
  CHECK_FALSE(fs::exists(cli.db()));

  Cli second;
  fill(second);
  fs::remove(second.key());
  CHECK(second({"erase"}).exit_code == 0);
  CHECK_FALSE(fs::exists(second.db()));
}
