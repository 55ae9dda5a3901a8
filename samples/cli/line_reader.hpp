// Reads a stream line by line, of any length, keeping every byte (a NUL
// inside a line must reach the JSON parser and be refused there, not cut the
// line short silently).
//
// Thread-safety: one thread per reader.
#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace confidant::cli {

class LineReader {
 public:
  // Standard input.
  LineReader();
  // A file; check ok() / error() before reading.
  explicit LineReader(const std::filesystem::path& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool ok() const { return file_ != nullptr; }
  // Why the file could not be opened, or why reading stopped early.
  const std::string& error() const { return error_; }

  // The next line without its '\n'; nullopt at the end or on a read error
  // (then error() is set).
  std::optional<std::string_view> next();

 private:
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  char* buffer_ = nullptr;
  std::size_t capacity_ = 0;
  std::string error_;
};

}  // namespace confidant::cli
