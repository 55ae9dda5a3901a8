// The workload's Engine over the raw sqlite3 C API. bench_sqlite_engine.cpp is
// compiled twice: into store_bench against the system SQLite (plain baseline),
// and into store_bench_sqlcipher against SQLCipher's sqlite3.h and library
// (which export the same sqlite3_* symbols, hence the separate executable).
//
// Both are configured like the Confidant store: 4096-byte pages, EXCLUSIVE
// locking set before WAL (so the WAL index lives in heap memory, no -shm file),
// the requested synchronous level, temp_store=MEMORY, mmap_size=0, and the
// library's default cache_size.
#pragma once

#include <memory>
#include <string>

#include "bench_options.hpp"
#include "bench_workload.hpp"

namespace confidant::bench {

// `raw_key_hex` empty: plain SQLite. Otherwise 64 hex digits given to SQLCipher
// as a raw key (PRAGMA key = "x'...'"), which skips its passphrase KDF the way
// Confidant's key provider hands over a ready key; every cipher setting but
// cipher_page_size=4096 stays at SQLCipher's default. open() fails when a key
// is given but the library linked is not SQLCipher.
std::unique_ptr<Engine> make_sqlite_engine(Sync sync, std::string raw_key_hex);

// "SQLite 3.40.1", or "SQLCipher 3.4.1 (SQLite 3.15.2)" when the library has a codec.
std::string sqlite_library_name();

}  // namespace confidant::bench
