// The collector binary over HTTP: its endpoints, its refusals (never a
// crash), its rate limit; and the brand tool that prepares its directory.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <random>
#include <sys/stat.h>

#include "collector/collector_process.hpp"
#include "support/report_factory.hpp"

using namespace collector_test;
using confidant::testing::ReportSpec;

namespace {

std::uint64_t current_epoch() {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  return confidant::brand::epoch_of(now, 604800);
}

int run(const std::string& command) { return WEXITSTATUS(std::system(command.c_str())); }

}  // namespace

TEST_CASE("the collector serves its signed config, ingests reports and shows them") {
  BrandDir dir;
  CollectorProcess server(dir.keys, {"--k", "3"});
  const confidant::HttpResponse config = server.get("/v1/config");
  CHECK(config.status == 200);
  CHECK(config.body == dir.signed_config);

  ReportSpec spec;
  spec.epoch = current_epoch();
  std::vector<std::string> sealed;
  for (int i = 0; i < 4; ++i) sealed.push_back(confidant::testing::sealed_report(spec, dir.brand.keys.sealing_public));
  const confidant::HttpResponse posted = server.post("/v1/reports", confidant::brand::make_upload(sealed));
  CHECK(posted.status == 200);
  confidant::proto::SyncAck ack;
  REQUIRE(ack.ParseFromString(posted.body));
  CHECK(ack.accepted() == 4);

  const confidant::HttpResponse stats = server.get("/v1/stats");
  CHECK(stats.status == 200);
  CHECK_THAT(stats.body, Catch::Contains("\"metric\":\"top_drink\""));
  CHECK_THAT(stats.body, Catch::Contains("\"reports\":4,\"published\":true"));
  const confidant::HttpResponse page = server.get("/");
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Catch::Contains("<svg"));
  CHECK_THAT(page.body, Catch::Contains("drinks/coffee"));
}

TEST_CASE("hostile bodies get 4xx and the server stays up") {
  BrandDir dir;
  CollectorProcess server(dir.keys, {"--rate", "100000"});
  CHECK(server.post("/v1/reports", "").status == 400);
  CHECK(server.post("/v1/reports", "\x0a\x05hello").status == 200);  // parses; the report inside is rejected
  CHECK(server.post("/v1/reports", std::string(300 * 1024, 'a')).status == 413);
  std::mt19937 rng(17);
  for (int i = 0; i < 200; ++i) {
    std::string noise(rng() % 4096, '\0');
    for (char& c : noise) c = static_cast<char>(rng());
    const int status = server.post("/v1/reports", noise).status;
    CHECK(status >= 200);
    CHECK(status < 500);
  }
  CHECK(server.get("/nowhere").status == 404);
  CHECK(server.alive());
  CHECK(server.get("/v1/stats").status == 200);
}

TEST_CASE("too many requests from one address get 429 with Retry-After") {
  BrandDir dir;
  CollectorProcess server(dir.keys, {"--rate", "5"});  // burst 10
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 30; ++i) {
    const confidant::HttpResponse r = server.get("/v1/stats");
    if (r.status == 429) {
      ++limited;
      for (const auto& [name, value] : r.headers)
        if (name == "retry-after") retry_after = value;
    }
  }
  CHECK(limited >= 15);
  CHECK(retry_after == "1");
}

TEST_CASE("the brand tool: keygen writes 0600 secrets, sign refuses a bad config naming the field") {
  confidant::testing::TempDir tmp("confidant-brand-tool");
  const std::string keys = (tmp.path() / "keys").string();
  REQUIRE(run(std::string(CONFIDANT_BRAND_TOOL) + " keygen " + keys + " >/dev/null") == 0);
  struct stat info {};
  REQUIRE(::stat((keys + "/signing.key").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  REQUIRE(::stat((keys + "/sealing.key").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(run(std::string(CONFIDANT_BRAND_TOOL) + " keygen " + keys + " 2>/dev/null") == 1);  // never overwrites

  const std::string good = (tmp.path() / "good.json").string();
  const std::string bad = (tmp.path() / "bad.json").string();
  FILE* f = std::fopen(good.c_str(), "w");
  std::fputs(confidant::testing::cafe_config_json().c_str(), f);
  std::fclose(f);
  f = std::fopen(bad.c_str(), "w");
  std::fputs(R"({"version":1,"budget_total_cap":8,"metrics":[{"id":"m","source":"top_category","domain":["a"],"epsilon":50}]})", f);
  std::fclose(f);
  const std::string out = (tmp.path() / "config.signed").string();
  CHECK(run(std::string(CONFIDANT_BRAND_TOOL) + " sign " + keys + " " + good + " " + out) == 0);
  auto read = confidant::brand::read_keys(keys);
  REQUIRE(read);
  std::FILE* in = std::fopen(out.c_str(), "rb");
  std::string bytes(4096, '\0');
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), in));
  std::fclose(in);
  CHECK(confidant::brand::verify_config(bytes, read->signing_public));
  const std::string err = (tmp.path() / "err.txt").string();
  CHECK(run(std::string(CONFIDANT_BRAND_TOOL) + " sign " + keys + " " + bad + " " + out + " 2>" + err) == 1);
  std::ifstream message(err);
  std::string text((std::istreambuf_iterator<char>(message)), std::istreambuf_iterator<char>());
  CHECK_THAT(text, Catch::Contains("config.metrics[0].epsilon"));
  CHECK(run(std::string(CONFIDANT_BRAND_TOOL) + " frobnicate 2>/dev/null") == 2);
}

TEST_CASE("the brand tool: a directory or a missing file where the config should be is exit 1 naming it, never an abort") {
  confidant::testing::TempDir tmp("confidant-brand-tool-input");
  const std::string keys = (tmp.path() / "keys").string();
  REQUIRE(run(std::string(CONFIDANT_BRAND_TOOL) + " keygen " + keys + " >/dev/null") == 0);
  const std::string out = (tmp.path() / "config.signed").string();
  const std::string err = (tmp.path() / "err.txt").string();
  const auto message = [&err] {
    std::ifstream in(err);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  // Before the fix: SIGABRT (an uncaught "Is a directory"), exit 134.
  CHECK(run(std::string(CONFIDANT_BRAND_TOOL) + " sign " + keys + " " + tmp.path().string() + " " + out + " 2>" + err) == 1);
  CHECK_THAT(message(), Catch::Contains(tmp.path().string() + ": is a directory"));
  CHECK(run(std::string(CONFIDANT_BRAND_TOOL) + " sign " + keys + " " + tmp.path().string() + "/absent.json " + out +
            " 2>" + err) == 1);
  CHECK_THAT(message(), Catch::Contains("absent.json: cannot read"));
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("both tools document their exit codes in --help, on stdout, exiting 0") {
  confidant::testing::TempDir tmp("confidant-help");
  for (const std::string tool : {CONFIDANT_BRAND_TOOL, CONFIDANT_COLLECTOR}) {
    INFO(tool);
    const std::string out = (tmp.path() / "help.txt").string();
    CHECK(run(tool + " --help >" + out + " 2>/dev/null") == 0);
    std::ifstream in(out);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK_THAT(text, Catch::Contains("usage:"));
    CHECK_THAT(text, Catch::Contains("exit codes: 0"));
  }
  CHECK(run(std::string(CONFIDANT_COLLECTOR) + " --keys 2>/dev/null") == 2);
  CHECK(run(std::string(CONFIDANT_COLLECTOR) + " --keys " + tmp.path().string() + "/none --listen 127.0.0.1:0 2>/dev/null") == 1);
}
