// The encrypting VFS: a shim over another SQLite VFS (the platform's default,
// or a test's fault-injecting one) that seals everything it writes.
//
// It opens only a store's database file and that database's -wal and -journal
// files, and only for a store whose context is registered (store_context.hpp).
// Every other open — temporary databases, statement journals, super-journals —
// is refused, so nothing SQLite spills can reach the disk unencrypted. Its files
// have no shared-memory methods: SQLite must run WAL in EXCLUSIVE locking mode,
// which keeps the WAL index in heap memory and no -shm file on disk.
#pragma once

#include <string>

#include "confidant/status.hpp"

struct sqlite3_vfs;

namespace confidant::store {

// The SQLite VFS named `name` ("" = the default), or nullptr.
sqlite3_vfs* find_base_vfs(const std::string& name);

// Registers (once per base) the encrypting VFS over the VFS named `base_vfs`
// ("" = the default) and returns the name to pass to sqlite3_open_v2.
Result<std::string> encrypting_vfs(const std::string& base_vfs);

}  // namespace confidant::store
