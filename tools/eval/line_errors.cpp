#include "eval/line_errors.hpp"

namespace confidant::eval {

void LineErrors::report(const std::filesystem::path& file, std::uint64_t line, const std::string& why) {
  if (count_++ < kShown) messages_(file.string() + ": line " + std::to_string(line) + ": " + why);
}

void LineErrors::finish() const {
  if (count_ > kShown) messages_(std::to_string(count_ - kShown) + " more bad lines not shown");
}

}  // namespace confidant::eval
