// Turns the global options into an open Sdk: the key provider (passphrase or
// key file), the clock (--now or the system's), and the wait for the store,
// whose failure decides the exit code (wrong key 4, damaged store 5).
//
// A key file is created only when DIR holds no store yet (absent or empty):
// a mistyped --key-file on an existing store then says "wrong key" instead of
// silently creating a stray key that can never open it.
//
// Every failure is reported on stderr here, so callers only pass the exit
// code on.
//
// Thread-safety: one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "args.hpp"
#include "confidant/sdk.hpp"
#include "exit_codes.hpp"

namespace confidant::cli {

class Session {
 public:
  // Checks what can be checked without touching the disk: the passphrase
  // variable must be set and non-empty (a usage error otherwise).
  static std::variant<Session, Exit> prepare(const GlobalOptions& options);

  // Opens the store and waits until it is ready. The brand signing key
  // pinned for this store (DIR/brand_signer.pub, written by `config
  // install`) is passed to the Sdk, with a libcurl transport.
  std::variant<std::unique_ptr<Sdk>, Exit> open() const;

  // The same session, sending reports to `url` (sync --url).
  Session with_sync_url(std::string url) const;
  // The same session with `key_hex` as the pinned signing key (config
  // install, before it is persisted).
  Session with_signer(std::string key_hex) const;
  // Where the pinned key is kept: beside the store, in DIR.
  std::filesystem::path pinned_signer_path() const { return options_.dir / "brand_signer.pub"; }

  // Crypto-shreds the store, whatever state it is in. With a key that does
  // not open it, the store's files are shredded but the key file given is
  // left alone: it belongs to some other store, which it must keep opening.
  Exit erase() const;

 private:
  explicit Session(GlobalOptions options) : options_(std::move(options)) {}

  enum class Purpose { kUse, kErase };
  std::variant<std::shared_ptr<KeyProvider>, Exit> key_provider(Purpose purpose) const;
  std::variant<std::unique_ptr<Sdk>, Exit> start(std::shared_ptr<KeyProvider> provider) const;

  GlobalOptions options_;
  std::string passphrase_;
  std::string sync_url_;
  std::optional<std::string> signer_;  // overrides the pinned file
};

}  // namespace confidant::cli
