#include "line_reader.hpp"

#include <sys/stat.h>
#include <sys/types.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace confidant::cli {

LineReader::LineReader() : file_(stdin) {}

LineReader::LineReader(const std::filesystem::path& path) : owned_(true) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    error_ = std::strerror(errno);
    return;
  }
  // fopen() accepts a directory on Linux; reading it would then fail with an
  // error that says less than this.
  struct stat info {};
  if (::fstat(::fileno(file_), &info) == 0 && S_ISDIR(info.st_mode)) {
    error_ = "is a directory";
    std::fclose(file_);
    file_ = nullptr;
  }
}

LineReader::~LineReader() {
  std::free(buffer_);
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

std::optional<std::string_view> LineReader::next() {
  if (file_ == nullptr) return std::nullopt;
  errno = 0;
  const ssize_t length = ::getline(&buffer_, &capacity_, file_);
  if (length < 0) {
    if (std::ferror(file_)) error_ = errno != 0 ? std::strerror(errno) : "read error";
    return std::nullopt;
  }
  std::string_view line(buffer_, static_cast<std::size_t>(length));
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  return line;
}

}  // namespace confidant::cli
