// Storage on an embedded SQLite database (WAL, one transaction per upload).
#pragma once

#include "storage.hpp"

namespace collector {

confidant::Result<std::unique_ptr<Storage>> open_sqlite_storage(const std::string& path);

}  // namespace collector
