// Byte layout of the store's files (documented for humans in docs/storage.md).
//
// Main database file:  [ header: 4096 bytes, plain ] [ page 1 ] [ page 2 ] ...
//   Each 4096-byte page is SQLite's page with 40 reserved bytes at its end;
//   bytes [0, 4056) are encrypted in place, the reserve holds nonce (24) + tag (16).
// Log files (-wal, -journal): [ header: 4096 bytes, plain ] [ unit 0 ] [ unit 1 ] ...
//   The file SQLite sees is cut into units (for the WAL: its 32-byte header,
//   then one unit per frame); each unit is stored as
//   nonce (24) | encrypt(valid length u32 | unit bytes) | tag (16),
//   except a WAL frame, whose page is sealed exactly as in the database file
//   (so a checkpoint can copy it without sealing it again), behind a head:
//   nonce (24) | encrypt(valid length u32 | frame header (24) | page tag (16)) | tag (16) | page (4096).
// Only format constants, random ids, nonces, tags and wrapped keys are plain.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/little_endian.hpp"

namespace confidant::store::layout {

inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::uint32_t kPageSize = 4096;
inline constexpr std::uint32_t kReserveBytes = 40;  // nonce + tag
inline constexpr std::uint32_t kHeaderBytes = 4096;
inline constexpr std::size_t kIdBytes = 16;

using StoreId = std::array<std::uint8_t, kIdBytes>;

// What a byte of associated data says about the unit it authenticates, so a
// unit cannot be moved between files of different kinds.
enum class FileKind : std::uint8_t { kDatabase = 'D', kWal = 'W', kJournal = 'J', kSeal = 'S' };

// Associated data of every sealed unit: store id | kind | unit number (u64 LE).
using UnitAd = std::array<std::uint8_t, kIdBytes + 1 + 8>;
UnitAd unit_ad(const StoreId& id, FileKind kind, std::uint64_t unit);

using le::get_u32;
using le::get_u64;
using le::put_u32;
using le::put_u64;

// ---- main database header ----------------------------------------------------

inline constexpr std::size_t kKeySlotOffset[2] = {512, 1536};
inline constexpr std::size_t kKeySlotBytes = 1024;
inline constexpr std::size_t kMaxKindBytes = 32;
inline constexpr std::size_t kMaxWrappedBytes = 900;

struct KeySlot {
  std::uint64_t generation = 0;
  std::string kind;                    // KeyProvider::kind()
  std::vector<std::uint8_t> wrapped;   // KeyProvider::wrap() output
};

struct DbHeader {
  StoreId id{};
  std::optional<KeySlot> slots[2];
};

enum class HeaderState {
  kValid,       // magic, format and at least one intact key slot
  kUnfinished,  // creation never completed (empty, or a torn first write): safe to create anew
  kNoKeySlot,   // a store header whose key slots are all damaged or shredded
  kNotAStore,   // something else entirely
  kUnsupported, // a Confidant store of another format version or page size
};

// Parses the first kHeaderBytes of a database file (`bytes` may be shorter when
// the file is). `file_size` is the whole file's size.
HeaderState parse_db_header(std::span<const std::uint8_t> bytes, std::uint64_t file_size, DbHeader& out);

// A complete 4096-byte header. Slots absent in `header` are written as zeros.
std::vector<std::uint8_t> serialize_db_header(const DbHeader& header);
// One key slot's 1024 bytes (with its check hash), for in-place slot updates.
std::vector<std::uint8_t> serialize_key_slot(const std::optional<KeySlot>& slot);
// The AD a provider binds a wrapped key to: store id | slot generation.
std::vector<std::uint8_t> key_slot_context(const StoreId& id, std::uint64_t generation);

// ---- log files ---------------------------------------------------------------

inline constexpr std::size_t kSealOffset[2] = {512, 1024};
inline constexpr std::size_t kSealBytes = 24 + 16 + 16;  // nonce | counter u64, sealed units u64 | tag
inline constexpr std::size_t kUnitOverhead = 24 + 4 + 16;  // nonce | valid length | tag
inline constexpr std::size_t kFrameHeaderBytes = 24;        // SQLite's WAL frame header
inline constexpr std::size_t kFrameHeadBytes = 24 + 4 + kFrameHeaderBytes + 16 + 16;
inline constexpr std::size_t kFrameOverhead = kFrameHeadBytes - kFrameHeaderBytes;  // the page is stored in place

// The WAL: a 32-byte header unit, then one unit per frame (24-byte frame header + page).
// The rollback journal: a sector-sized header unit, then one unit per record
// (4-byte page number + page + 4-byte checksum). Units are laid out back to back.
struct LogGeometry {
  std::uint32_t first_unit;      // logical size of unit 0
  std::uint32_t unit;            // logical size of every later unit
  std::uint32_t later_overhead;  // stored bytes beyond the logical ones, for units after 0
  bool frames;                   // units after 0 are WAL frames (see the top of this file)

  std::uint64_t logical_start(std::uint64_t index) const {
    return index == 0 ? 0 : first_unit + (index - 1) * std::uint64_t{unit};
  }
  std::uint32_t logical_size(std::uint64_t index) const { return index == 0 ? first_unit : unit; }
  std::uint64_t unit_at(std::uint64_t logical_offset) const {
    return logical_offset < first_unit ? 0 : 1 + (logical_offset - first_unit) / unit;
  }
  std::uint32_t stored_size(std::uint64_t index) const {
    return index == 0 ? first_unit + std::uint32_t{kUnitOverhead} : unit + later_overhead;
  }
  std::uint64_t physical_start(std::uint64_t index) const {
    return index == 0 ? kHeaderBytes : kHeaderBytes + stored_size(0) + (index - 1) * std::uint64_t{stored_size(1)};
  }
  // Units wholly present in a file of `physical_size` bytes.
  std::uint64_t complete_units(std::uint64_t physical_size) const;
};

LogGeometry wal_geometry();
LogGeometry journal_geometry();

// The plain part of a log header: magic, kind and the owning store's id.
std::vector<std::uint8_t> serialize_log_header(FileKind kind, const StoreId& id);
// True when `bytes` (the first 48 bytes or more) carry the log magic, `kind` and `id`.
bool log_header_matches(std::span<const std::uint8_t> bytes, FileKind kind, const StoreId& id);

}  // namespace confidant::store::layout
