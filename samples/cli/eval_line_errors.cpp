#include "eval_line_errors.hpp"

#include "output.hpp"

namespace confidant::cli {

void LineErrors::report(const std::filesystem::path& file, std::uint64_t line, const std::string& why) {
  if (count_++ < kShown) error("eval: " + file.string() + ": line " + std::to_string(line) + ": " + why);
}

void LineErrors::finish() const {
  if (count_ > kShown) error("eval: " + std::to_string(count_ - kShown) + " more bad lines not shown");
}

}  // namespace confidant::cli
