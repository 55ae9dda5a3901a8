// confidant-brand: the brand's key and config tool (docs/sync.md, docs/collector.md).
//
//   confidant-brand keygen DIR                   signing + sealing key pairs (secrets 0600)
//   confidant-brand sign DIR CONFIG.json OUT     the readable config into the signed binary one
//
// Exit codes: 0 ok, 1 the operation failed (the message says why), 2 bad usage.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "confidant/brand.hpp"
#include "read_file.hpp"

namespace {

constexpr const char* kUsage =
    "usage: confidant-brand keygen DIR\n"
    "         signing + sealing key pairs in DIR (signing.key and sealing.key mode 0600); never overwrites\n"
    "       confidant-brand sign DIR CONFIG.json OUT\n"
    "         signs the readable JSON config with DIR/signing.key into OUT (what devices and the collector read)\n"
    "exit codes: 0 ok, 1 the operation failed (the message says why), 2 bad usage\n";

int usage(const std::string& problem) {
  std::cerr << "confidant-brand: " << problem << "\n" << kUsage;
  return 2;
}

int fail(const std::string& message) {
  std::cerr << "confidant-brand: " << message << "\n";
  return 1;
}

int run(int argc, char** argv) {
  if (argc < 2) return usage("missing command");
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "keygen") {
    if (argc != 3) return usage("keygen takes DIR");
    const auto keys = confidant::brand::generate_keys();
    if (auto st = confidant::brand::write_keys(keys, argv[2]); !st) return fail(st.message());
    std::cout << "signing public key (pin it in the app as Options::brand_signing_key): " << keys.signing_public << "\n";
    return 0;
  }
  if (command == "sign") {
    if (argc != 5) return usage("sign takes DIR CONFIG.json OUT");
    auto keys = confidant::brand::read_keys(argv[2]);
    if (!keys) return fail(keys.status().message());
    if (keys->signing_secret.empty()) return fail(std::string(argv[2]) + "/signing.key: missing");
    auto json = confidant::tools::read_file(argv[3]);
    if (!json) return fail(json.status().message());
    auto signed_config = confidant::brand::sign_config(json.value(), keys.value());
    if (!signed_config) return fail(std::string(argv[3]) + ": " + signed_config.status().message());
    // Written aside and renamed: a collector or a CI job reading OUT never
    // sees half a config, and a failed write leaves the previous one intact.
    const std::filesystem::path target = argv[4];
    const std::filesystem::path partial = target.string() + ".partial";
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << signed_config.value();
    out.close();
    std::error_code renamed;
    if (out) std::filesystem::rename(partial, target, renamed);
    if (!out || renamed) {
      std::filesystem::remove(partial, renamed);
      return fail(target.string() + ": cannot write");
    }
    return 0;
  }
  return usage("unknown command " + command);
}

}  // namespace

// Whatever goes wrong below (a full disk, memory, a bug) is a message and
// exit 1, never an abort.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    return fail(std::string("unexpected failure: ") + e.what());
  } catch (...) {
    return fail("unexpected failure");
  }
}
