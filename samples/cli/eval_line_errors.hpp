// Reports eval's bad input lines on stderr ("eval: FILE: line N: why"),
// at most kShown of them: a log with a systematic problem (every time in
// the wrong unit, say) would otherwise print one message per line, and
// the first few already say what is wrong. The rest are counted, and
// finish() says how many were not shown.
//
// Thread-safety: one instance per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace confidant::cli {

class LineErrors {
 public:
  static constexpr std::size_t kShown = 20;

  void report(const std::filesystem::path& file, std::uint64_t line, const std::string& why);
  // Prints "eval: N more bad lines not shown" when some were held back.
  void finish() const;
  bool any() const { return count_ > 0; }

 private:
  std::size_t count_ = 0;
};

}  // namespace confidant::cli
