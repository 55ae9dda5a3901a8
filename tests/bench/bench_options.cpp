#include "bench_options.hpp"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>

namespace confidant::bench {
namespace {

template <typename T>
bool parse_number(const char* text, T& out) {
  const char* end = text + std::strlen(text);
  auto [ptr, error] = std::from_chars(text, end, out);
  return error == std::errc() && ptr == end;
}

}  // namespace

const char* sync_name(Sync sync) { return sync == Sync::kFull ? "FULL" : "NORMAL"; }

std::optional<Options> parse_options(int argc, char** argv, std::string_view usage, int& exit_code) {
  Options options;
  auto fail = [&](const std::string& fault) -> std::optional<Options> {
    if (!fault.empty()) std::fprintf(stderr, "%s: %s\n", argv[0], fault.c_str());
    std::fprintf(stderr, "%.*s", static_cast<int>(usage.size()), usage.data());
    exit_code = fault.empty() ? 0 : 2;
    return std::nullopt;
  };
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") return fail("");
    if (flag == "--json") { options.json = true; continue; }
    if (flag == "--no-key") { options.no_key = true; continue; }
    if (i + 1 >= argc) return fail("unknown flag or missing value: " + flag);
    const char* value = argv[++i];
    if (flag == "--rows") {
      if (!parse_number(value, options.rows) || options.rows < 1) return fail("--rows wants a positive integer");
    } else if (flag == "--rounds") {
      if (!parse_number(value, options.rounds) || options.rounds < 1) return fail("--rounds wants a positive integer");
    } else if (flag == "--seed") {
      if (!parse_number(value, options.seed)) return fail("--seed wants an unsigned integer");
    } else if (flag == "--sync") {
      const std::string level = value;
      if (level == "full" || level == "FULL") options.sync = Sync::kFull;
      else if (level == "normal" || level == "NORMAL") options.sync = Sync::kNormal;
      else return fail("--sync wants full or normal");
    } else if (flag == "--tmp") {
      options.tmp = value;
    } else if (flag == "--db-dir") {
      options.db_dir = value;
    } else {
      return fail("unknown flag: " + flag);
    }
  }
  return options;
}

}  // namespace confidant::bench
