// Storage on PostgreSQL through libpq; `conninfo` is a postgresql:// URI.
#pragma once

#include "storage.hpp"

namespace collector {

confidant::Result<std::unique_ptr<Storage>> open_postgres_storage(const std::string& conninfo);

}  // namespace collector
