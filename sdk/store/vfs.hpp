// The encrypting VFS: a shim over another SQLite VFS (the platform's default,
// or a test's fault-injecting one) that seals everything it writes.
//
// It opens only a store's database file and that database's -wal and -journal
// files, and only for a store whose context is registered (store_context.hpp).
// Every other open — temporary databases, statement journals, super-journals —
// is refused, so nothing SQLite spills can reach the disk unencrypted. Its files
// have no shared-memory methods: SQLite must run WAL in EXCLUSIVE locking mode,
// which keeps the WAL index in heap memory and no -shm file on disk.
//
// A store file must be a regular file: before the base VFS opens (or deletes)
// one, the shim looks at what is at its path without following a link, and
// refuses a FIFO (opening one blocks until a writer comes), a directory, a
// symbolic link (it leads out of the store), a socket or a device.
//
// Thread-safety: the entry points may be called from any thread; the table of
// registered VFSes and the store contexts looked up are guarded by mutexes,
// and each open file is used only by the connection that opened it.
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

// kNotAStore, naming `path` and what it is, when something other than a
// regular file is at `path` (lstat: a symbolic link is not followed). Absent
// is fine, as is a path lstat cannot look at (the open that follows reports
// it). Only the platform's file system is asked: for a test's in-memory base
// VFS the path is absent there.
Status check_regular_file(const std::string& path);

}  // namespace confidant::store
