#include "output.hpp"

#include <cstdio>

namespace confidant::cli {

void error(std::string_view message) {
  std::string line = "confidant: ";
  line += message;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

bool print_text(std::string_view text) {
  const bool written = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
  return std::fflush(stdout) == 0 && written;
}

bool print_line(std::string_view line) { return print_text(line) && print_text("\n"); }

std::string_view usage_text() {
  return R"(usage: confidant --dir DIR [--passphrase-env NAME | --key-file FILE] [--now ISO8601] COMMAND ...
commands:
  consent grant|deny CATEGORIES USES    comma lists or "all"
                                        categories: preferences browsing search purchases location sensitive
                                        uses: personalize share
  consent show                          the consent receipt (JSON)
  consent cmp [--tcf STRING] [--iabtcf FILE] [--consent-mode SIGNAL=granted|denied,...] [--vendor-id N]
                                        applies what the app's CMP collected (TCF v2.2, Consent Mode v2);
                                        prints the outcome (JSON)
  track [FILE|-]                        JSONL signals; prints {"accepted":N,"rejected":M}
  prefer like|dislike|block TARGET [--text "..."]
                                        TARGET: a category path, attr=value or item:ID
  profile                               the profile (JSON)
  forget TARGET
  rank FILE [--limit N] [--moment NAME] [--slot home|related:ITEM] [--seed N] [--place ID]
  export                                everything kept (JSON)
  erase                                 destroys the store and its key
  config install FILE [--signer PUBKEY_FILE]
                                        verifies and installs the brand's signed config; the first
                                        install pins the signing key, later ones must match it
  sync [--url URL] [--dry-run] [--deadline-ms N]
                                        makes this epoch's reports and sends the queue to URL;
                                        --dry-run prints the decoded reports it would make (JSONL)
  shared                                every report made, decoded (JSONL)
  budget                                the privacy budget spent (JSON)
  privacy-center --json                 what the person may see and change, as one model (JSON)
  privacy-center --serve HOST:PORT      serve the privacy center page for this store (port 0 picks one)
  experiment leave ID                   leaves the brand's experiment ID (a consent-ledger record)
       confidant eval --interactions FILE --catalog FILE [--k N] [--split new|repeat] [--json]
                                        offline HR@K, NDCG@K, MRR@K (95 % intervals) of Confidant,
                                        with and without related items, and four baselines
                                        (no global options: own temporary stores)
exit codes: 0 ok, 1 other failure, 2 usage, 3 bad input, 4 wrong key, 5 corrupt or tampered store)";
}

void usage_error(std::string_view message) {
  error(message);
  error("usage: confidant --dir DIR [--passphrase-env NAME | --key-file FILE] [--now ISO8601] COMMAND ... "
        "(confidant --help lists the commands)");
}

std::string json_string(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace confidant::cli
