// Reports eval's bad input lines ("FILE: line N: why"), at most kShown of
// them: a log with a systematic problem (every time in the wrong unit, say)
// would otherwise give one message per line, and the first few already say
// what is wrong. The rest are counted, and finish() says how many were not
// shown.
//
// Thread-safety: one instance per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "confidant_eval/eval.hpp"

namespace confidant::eval {

class LineErrors {
 public:
  static constexpr std::size_t kShown = 20;

  // `messages` must outlive this.
  explicit LineErrors(const Messages& messages) : messages_(messages) {}

  void report(const std::filesystem::path& file, std::uint64_t line, const std::string& why);
  // "N more bad lines not shown", when some were held back.
  void finish() const;
  bool any() const { return count_ > 0; }

 private:
  const Messages& messages_;
  std::size_t count_ = 0;
};

}  // namespace confidant::eval
