// Reads a whole input file for the command-line tools, refusing what is not
// a regular file (a directory, a device) with a message that names the file
// and says why, instead of the C++ streams' exception or an empty read.
//
// Thread-safety: a pure function over the file system.
#pragma once

#include <filesystem>

#include "confidant/status.hpp"

namespace confidant::tools {

// The file's bytes. kInvalidArgument "FILE: is a directory", "FILE: not a
// regular file", "FILE: cannot read (No such file or directory)", and so on;
// a FIFO is read like a pipe (a tool's input may come from one).
Result<std::string> read_file(const std::filesystem::path& file);

}  // namespace confidant::tools
