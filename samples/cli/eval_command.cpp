#include "eval_command.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "confidant_eval/eval.hpp"
#include "line_reader.hpp"
#include "output.hpp"

namespace confidant::cli {
namespace {

// Hands every line of `file` to `add` with its number. The exit code of the
// reading itself: ok, 3 unreadable, 1 a read error part-way.
template <typename Add>
Exit read_lines(const std::filesystem::path& file, Add add) {
  LineReader reader(file);
  if (!reader.ok()) {
    error("eval: cannot read " + file.string() + ": " + reader.error());
    return Exit::kBadInput;
  }
  std::uint64_t number = 0;
  while (const auto line = reader.next()) add(*line, ++number);
  if (!reader.error().empty()) {
    error("eval: reading " + file.string() + ": " + reader.error());
    return Exit::kFailure;
  }
  return Exit::kOk;
}

}  // namespace

Exit run_eval(const Eval& args) {
  eval::Evaluation evaluation(args.interactions, args.catalog,
                              [](const std::string& message) { error("eval: " + message); });
  Exit read = read_lines(args.interactions, [&](std::string_view line, std::uint64_t number) {
    evaluation.add_interaction_line(line, number);
  });
  if (read == Exit::kOk) {
    read = read_lines(args.catalog, [&](std::string_view line, std::uint64_t number) {
      evaluation.add_catalog_line(line, number);
    });
  }
  const bool input_ok = evaluation.finish_input();
  if (read != Exit::kOk) return read;
  if (!input_ok) return Exit::kBadInput;

  // Every failure has been told through the messages above.
  auto report = evaluation.run(args.k, args.split);
  if (!report) return exit_for(report.status().code());
  if (!print_line(args.json ? eval::report_json(report.value()) : eval::report_table(report.value()))) {
    error("eval: cannot write to standard output");
    return Exit::kFailure;
  }
  return Exit::kOk;
}

}  // namespace confidant::cli
