// Everything the CLI writes. Results go to stdout as one line of JSON each,
// so a script can pipe them into a JSON tool; everything meant for a person
// goes to stderr, every line starting with "confidant: " so it can be told
// apart from other tools' messages in a pipeline.
//
// Thread-safety: one thread (the CLI is single-threaded on its side).
#pragma once

#include <string>
#include <string_view>

namespace confidant::cli {

// "confidant: <message>\n" on stderr.
void error(std::string_view message);

// `line` and a newline on stdout, flushed. False when stdout refused it (a
// closed pipe, a full disk): the result did not reach anyone.
[[nodiscard]] bool print_line(std::string_view line);
// `text` as it is (JSONL already ends each line), flushed; false as above.
[[nodiscard]] bool print_text(std::string_view text);

// The usage summary (the contract of docs/cli.md), for --help on stdout.
std::string_view usage_text();

// A usage error: the message and a one-line reminder of the syntax, on
// stderr (both lines prefixed like every other message).
void usage_error(std::string_view message);

// `text` as a JSON string literal, quotes included.
std::string json_string(std::string_view text);

}  // namespace confidant::cli
