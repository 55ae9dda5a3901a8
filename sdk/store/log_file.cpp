// The write-ahead log and the rollback journal: the file SQLite sees is cut
// into units (see file_layout.hpp) that are sealed one by one.
//
// Why units and seals. SQLite writes a WAL frame as two writes (its 24-byte
// header, then the page), sometimes rewrites only the header or only the page,
// and expects to find garbage after a power cut at the unsynced end of the
// file. So:
//  * a unit is encrypted only when it is complete (or when something forces it
//    out: a read, a sync, another unit); the missing bytes are read back first;
//  * at every sync, after the data is durable, a seal records how many units
//    are now durable; the two seal slots alternate so a torn seal leaves the
//    previous one. A unit below the seal that does not authenticate is damage or
//    tampering and is reported; one above it is a write the power cut tore, and
//    reads as zeros, which SQLite already treats as the end of its log. The seal
//    is made durable by the next sync rather than one of its own: a power cut
//    may cost the newest seal (never data), halving the syncs per commit.
//  * before a unit below the seal is rewritten, the seal is first lowered (and
//    synced), so a torn rewrite is never mistaken for tampering.
#include <algorithm>
#include <cstring>

#include "crypto/aead.hpp"
#include "crypto/bytes.hpp"
#include "store/encrypted_file.hpp"
#include "store/page_codec.hpp"

namespace confidant::store {
namespace {

using layout::kHeaderBytes;
using layout::kUnitOverhead;
constexpr std::size_t kLenBytes = 4;

class LogFile final : public EncryptedFile {
 public:
  LogFile(sqlite3_vfs* base_vfs, std::shared_ptr<StoreContext> context, std::string name, layout::FileKind kind)
      : EncryptedFile(base_vfs, std::move(context), std::move(name)),
        kind_(kind),
        geometry_(kind == layout::FileKind::kWal ? layout::wal_geometry() : layout::journal_geometry()),
        unit_(kUnitOverhead + geometry_.unit),
        stored_(geometry_.frames ? geometry_.stored_size(1) : 0),
        pending_data_(geometry_.unit) {}

  int open(int flags, int* out_flags) override {
    if (context_->keys() == nullptr) {
      return fail(SQLITE_CANTOPEN, {ErrorCode::kInternal, name_ + ": opened before its database"}, false);
    }
    if (int rc = base_.open(name_.c_str(), flags, out_flags); rc != SQLITE_OK) return rc;
    return load_state();
  }

  int read(void* out, int amount, sqlite3_int64 offset) override {
    if (int rc = flush_pending(); rc != SQLITE_OK) return rc;
    auto* dst = static_cast<std::uint8_t*>(out);
    const std::uint64_t begin = static_cast<std::uint64_t>(offset);
    const std::uint64_t end = begin + static_cast<std::uint64_t>(amount);
    std::memset(dst, 0, static_cast<std::size_t>(amount));
    for (std::uint64_t pos = begin; pos < std::min(end, logical_size_);) {
      const std::uint64_t index = geometry_.unit_at(pos);
      const std::uint64_t unit_start = geometry_.logical_start(index);
      const std::uint64_t unit_end = unit_start + geometry_.logical_size(index);
      std::uint32_t valid = 0;
      if (int rc = load_unit(index, valid); rc != SQLITE_OK) return rc;
      const std::uint64_t stop = std::min({end, unit_end, unit_start + valid});
      if (stop > pos) std::memcpy(dst + (pos - begin), plain() + (pos - unit_start), stop - pos);
      pos = unit_end;
    }
    return end > logical_size_ ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
  }

  int write(const void* in, int amount, sqlite3_int64 offset) override {
    if (writes_forbidden()) return SQLITE_IOERR_WRITE;
    if (int rc = ensure_header(); rc != SQLITE_OK) return rc;
    const auto* src = static_cast<const std::uint8_t*>(in);
    std::uint64_t pos = static_cast<std::uint64_t>(offset);
    const std::uint64_t end = pos + static_cast<std::uint64_t>(amount);
    if (kind_ == layout::FileKind::kWal && pos == 0) {
      // A new WAL header starts a new log over the old one: the frames after it
      // are dead to SQLite, so they leave our size (and need no seal).
      if (int rc = flush_pending(); rc != SQLITE_OK) return rc;
      logical_size_ = 0;
    }
    while (pos < end) {
      const std::uint64_t index = geometry_.unit_at(pos);
      const std::uint64_t unit_start = geometry_.logical_start(index);
      const std::uint32_t size = geometry_.logical_size(index);
      const auto lo = static_cast<std::uint32_t>(pos - unit_start);
      const auto hi = static_cast<std::uint32_t>(std::min<std::uint64_t>(end - unit_start, size));
      if (int rc = stage(index, lo, hi, src + (pos - static_cast<std::uint64_t>(offset))); rc != SQLITE_OK) return rc;
      pos = unit_start + hi;
    }
    logical_size_ = std::max(logical_size_, end);
    return SQLITE_OK;
  }

  int truncate(sqlite3_int64 size_signed) override {
    if (writes_forbidden()) return SQLITE_IOERR_TRUNCATE;
    if (int rc = flush_pending(); rc != SQLITE_OK) return rc;
    const auto size = static_cast<std::uint64_t>(size_signed);
    if (size >= logical_size_) return SQLITE_OK;  // SQLite never grows a log by truncation
    if (size == 0) {
      // One truncate removes units and seals together.
      if (int rc = base_.truncate(0); rc != SQLITE_OK) return rc;
      header_written_ = false;
      sealed_units_ = 0;
      seal_counter_ = 0;
      logical_size_ = 0;
      return SQLITE_OK;
    }
    const std::uint64_t last = geometry_.unit_at(size - 1);
    const std::uint64_t keep_end = geometry_.logical_start(last) + geometry_.logical_size(last);
    if (int rc = lower_seal(last + 1); rc != SQLITE_OK) return rc;
    if (size < keep_end) {
      // The last unit keeps part of its bytes: rewrite it with its new length.
      std::uint32_t valid = 0;
      if (int rc = load_unit(last, valid); rc != SQLITE_OK) return rc;
      const auto new_valid = static_cast<std::uint32_t>(size - geometry_.logical_start(last));
      if (int rc = write_unit(last, std::min(valid, new_valid)); rc != SQLITE_OK) return rc;
    }
    const std::uint64_t physical_end = geometry_.physical_start(last + 1);
    if (int rc = base_.truncate(static_cast<sqlite3_int64>(physical_end)); rc != SQLITE_OK) return rc;
    logical_size_ = size;
    return SQLITE_OK;
  }

  int sync(int flags) override {
    if (writes_forbidden()) return SQLITE_IOERR_FSYNC;
    if (int rc = flush_pending(); rc != SQLITE_OK) return rc;
    if (int rc = base_.sync(flags); rc != SQLITE_OK) return rc;
    const std::uint64_t units = logical_size_ == 0 ? 0 : geometry_.unit_at(logical_size_ - 1) + 1;
    if (units == sealed_units_ || !header_written_) return SQLITE_OK;
    // Not synced on its own: the next sync carries it. A process that dies
    // leaves it to the OS; only a power cut can lose it, and then the other
    // slot's older seal applies (the units themselves are already durable).
    return write_seal(units);
  }

  int file_size(sqlite3_int64* size) override {
    *size = static_cast<sqlite3_int64>(logical_size_);
    return SQLITE_OK;
  }

  int file_control(int op, void* arg) override {
    if (op == SQLITE_FCNTL_SIZE_HINT) return SQLITE_OK;  // logical sizes do not map to physical ones
    return EncryptedFile::file_control(op, arg);
  }

  int close() override {
    const int flushed = writes_forbidden() ? SQLITE_OK : flush_pending();
    const int closed = base_.close();
    return flushed != SQLITE_OK ? flushed : closed;
  }

 private:
  StoreKeys& keys() { return *context_->keys(); }
  std::uint8_t* plain() { return unit_.data() + crypto::kNonceBytes + kLenBytes; }

  int tampered(const std::string& what) {
    return fail(SQLITE_IOERR_DATA, {ErrorCode::kTampered, name_ + ": " + what + " (corrupt or tampered)"}, true);
  }

  // ---- opening ----

  int load_state() {
    sqlite3_int64 size = 0;
    if (int rc = base_.size(&size); rc != SQLITE_OK) return rc;
    const auto physical_size = static_cast<std::uint64_t>(size);
    if (physical_size == 0) return SQLITE_OK;
    std::vector<std::uint8_t> head(static_cast<std::size_t>(std::min<std::uint64_t>(physical_size, kHeaderBytes)));
    if (int rc = base_.read(head.data(), static_cast<int>(head.size()), 0); rc != SQLITE_OK) return rc;
    if (!layout::log_header_matches(head, kind_, keys().id)) {
      // A header that never became durable leaves no unit behind it.
      if (physical_size <= kHeaderBytes) return SQLITE_OK;
      return fail(SQLITE_CANTOPEN, {ErrorCode::kTampered, name_ + " does not belong to this store"}, true);
    }
    header_written_ = physical_size >= kHeaderBytes;
    read_seals(head);
    std::uint64_t units = geometry_.complete_units(physical_size);
    if (units < sealed_units_) return tampered("the log is shorter than its seal says");
    // The last units may be torn writes of a power cut; they do not count.
    while (units > 0) {
      std::uint32_t valid = 0;
      const int rc = load_unit(units - 1, valid);
      if (rc != SQLITE_OK) return rc;
      if (loaded_ok_) {
        logical_size_ = geometry_.logical_start(units - 1) + valid;
        break;
      }
      --units;
    }
    return SQLITE_OK;
  }

  void read_seals(std::span<const std::uint8_t> head) {
    for (int slot = 0; slot < 2; ++slot) {
      const std::size_t at = layout::kSealOffset[slot];
      if (head.size() < at + layout::kSealBytes) continue;
      std::array<std::uint8_t, layout::kSealBytes> s{};
      std::copy_n(head.begin() + static_cast<std::ptrdiff_t>(at), s.size(), s.begin());
      auto body = std::span(s).subspan<crypto::kNonceBytes, 16>();
      if (!crypto::open_in_place(keys().log_key, std::span(s).first<crypto::kNonceBytes>(), seal_ad(slot), body,
                                 std::span(s).last<crypto::kTagBytes>())) {
        continue;
      }
      const std::uint64_t counter = layout::get_u64(body.data());
      if (counter >= seal_counter_) {
        seal_counter_ = counter;
        sealed_units_ = layout::get_u64(body.data() + 8);
      }
    }
  }

  // ---- seals ----

  layout::UnitAd seal_ad(int slot) const {
    return layout::unit_ad(context_->keys()->id, layout::FileKind::kSeal,
                           (static_cast<std::uint64_t>(kind_) << 8) | static_cast<std::uint64_t>(slot));
  }

  int write_seal(std::uint64_t units) {
    const std::uint64_t counter = seal_counter_ + 1;
    const int slot = static_cast<int>(counter % 2);
    std::array<std::uint8_t, layout::kSealBytes> s{};
    auto nonce = std::span(s).first<crypto::kNonceBytes>();
    auto body = std::span(s).subspan<crypto::kNonceBytes, 16>();
    layout::put_u64(body.data(), counter);
    layout::put_u64(body.data() + 8, units);
    crypto::random_nonce(nonce);
    crypto::seal_in_place(keys().log_key, nonce, seal_ad(slot), body, std::span(s).last<crypto::kTagBytes>());
    if (int rc = base_.write(s.data(), static_cast<int>(s.size()), static_cast<sqlite3_int64>(layout::kSealOffset[slot]));
        rc != SQLITE_OK) {
      return rc;
    }
    seal_counter_ = counter;
    sealed_units_ = units;
    return SQLITE_OK;
  }

  int lower_seal(std::uint64_t units) {
    if (units >= sealed_units_) return SQLITE_OK;
    if (int rc = write_seal(units); rc != SQLITE_OK) return rc;
    return base_.sync(SQLITE_SYNC_NORMAL);
  }

  int ensure_header() {
    if (header_written_) return SQLITE_OK;
    std::vector<std::uint8_t> head = layout::serialize_log_header(kind_, keys().id);
    head.resize(kHeaderBytes, 0);  // both seal slots empty: nothing sealed yet
    // Synced before any unit follows it, so after a power cut a log is either
    // headerless and empty or has its header: a missing header in front of
    // units can only be damage.
    if (int rc = base_.write(head.data(), static_cast<int>(head.size()), 0); rc != SQLITE_OK) return rc;
    if (int rc = base_.sync(SQLITE_SYNC_NORMAL); rc != SQLITE_OK) return rc;
    header_written_ = true;
    return SQLITE_OK;
  }

  // ---- units ----

  // Decrypts unit `index` into unit_ (plaintext at plain()). A unit that is
  // missing or does not authenticate above the seal reads as zeros with
  // loaded_ok_ false; below the seal it is an error.
  int load_unit(std::uint64_t index, std::uint32_t& valid) {
    loaded_ok_ = false;
    valid = 0;
    const std::uint32_t size = geometry_.logical_size(index);
    const bool frame = geometry_.frames && index > 0;
    std::uint8_t* stored = frame ? stored_.data() : unit_.data();
    const int rc = base_.read(stored, static_cast<int>(geometry_.stored_size(index)),
                              static_cast<sqlite3_int64>(geometry_.physical_start(index)));
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return rc;
    bool ok = rc == SQLITE_OK && (frame ? open_frame(index) : open_unit(index, size));
    if (ok) valid = std::min(layout::get_u32(unit_.data() + crypto::kNonceBytes), size);
    if (!ok) {
      if (index < sealed_units_) return tampered("unit " + std::to_string(index) + " failed authentication");
      std::memset(plain(), 0, size);
      return SQLITE_OK;
    }
    loaded_ok_ = true;
    return SQLITE_OK;
  }

  // unit_ holds nonce | length | bytes | tag: opens it in place.
  bool open_unit(std::uint64_t index, std::uint32_t size) {
    auto nonce = std::span(unit_).first<crypto::kNonceBytes>();
    auto text = std::span(unit_).subspan(crypto::kNonceBytes, kLenBytes + size);
    auto tag = std::span(unit_).subspan(crypto::kNonceBytes + kLenBytes + size).first<crypto::kTagBytes>();
    return crypto::open_in_place(keys().log_key, nonce, layout::unit_ad(keys().id, kind_, index), text, tag);
  }

  // stored_ holds a WAL frame (head, then the page sealed as in the database):
  // opens it into unit_'s length and plaintext. The head carries the page's tag,
  // so the page is bound to this frame and not only to its page number.
  bool open_frame(std::uint64_t index) {
    std::uint8_t* head = stored_.data();
    std::uint8_t* page = stored_.data() + layout::kFrameHeadBytes;
    constexpr std::size_t kHeadText = kLenBytes + layout::kFrameHeaderBytes + crypto::kTagBytes;
    auto nonce = std::span<const std::uint8_t, crypto::kNonceBytes>(head, crypto::kNonceBytes);
    auto text = std::span(head + crypto::kNonceBytes, kHeadText);
    auto tag = std::span<const std::uint8_t, crypto::kTagBytes>(head + crypto::kNonceBytes + kHeadText, crypto::kTagBytes);
    if (!crypto::open_in_place(keys().log_key, nonce, layout::unit_ad(keys().id, kind_, index), text, tag)) return false;
    const std::uint8_t* page_tag = text.data() + kLenBytes + layout::kFrameHeaderBytes;
    if (!crypto::constant_time_equal(page_tag, page + layout::kPageSize - crypto::kTagBytes, crypto::kTagBytes)) return false;
    const std::uint64_t pgno = frame_page_number(text.data() + kLenBytes);
    std::memcpy(unit_.data() + crypto::kNonceBytes, text.data(), kLenBytes + layout::kFrameHeaderBytes);
    std::uint8_t* plain_page = plain() + layout::kFrameHeaderBytes;
    std::memcpy(plain_page, page, layout::kPageSize);
    if (!open_page(keys(), pgno, plain_page)) return false;
    context_->page_memo().remember(pgno, page, plain_page);
    return true;
  }

  // SQLite's frame header starts with the page number, big-endian.
  static std::uint64_t frame_page_number(const std::uint8_t* frame_header) {
    return (std::uint64_t{frame_header[0]} << 24) | (std::uint64_t{frame_header[1]} << 16) |
           (std::uint64_t{frame_header[2]} << 8) | frame_header[3];
  }

  // Encrypts the plaintext in unit_ and writes it as unit `index`.
  int write_unit(std::uint64_t index, std::uint32_t valid) {
    if (int rc = lower_seal(index); rc != SQLITE_OK) return rc;
    const std::uint32_t size = geometry_.logical_size(index);
    layout::put_u32(unit_.data() + crypto::kNonceBytes, valid);
    const std::uint8_t* stored = geometry_.frames && index > 0 ? seal_frame(index) : seal_unit(index, size);
    return base_.write(stored, static_cast<int>(geometry_.stored_size(index)),
                       static_cast<sqlite3_int64>(geometry_.physical_start(index)));
  }

  const std::uint8_t* seal_unit(std::uint64_t index, std::uint32_t size) {
    auto nonce = std::span(unit_).first<crypto::kNonceBytes>();
    auto text = std::span(unit_).subspan(crypto::kNonceBytes, kLenBytes + size);
    auto tag = std::span(unit_).subspan(crypto::kNonceBytes + kLenBytes + size).first<crypto::kTagBytes>();
    crypto::random_nonce(nonce);
    crypto::seal_in_place(keys().log_key, nonce, layout::unit_ad(keys().id, kind_, index), text, tag);
    return unit_.data();
  }

  const std::uint8_t* seal_frame(std::uint64_t index) {
    std::uint8_t* head = stored_.data();
    std::uint8_t* page = stored_.data() + layout::kFrameHeadBytes;
    const std::uint8_t* frame_header = plain();
    seal_page(keys(), frame_page_number(frame_header), plain() + layout::kFrameHeaderBytes, page);
    constexpr std::size_t kHeadText = kLenBytes + layout::kFrameHeaderBytes + crypto::kTagBytes;
    std::uint8_t* text = head + crypto::kNonceBytes;
    std::memcpy(text, unit_.data() + crypto::kNonceBytes, kLenBytes + layout::kFrameHeaderBytes);
    std::memcpy(text + kLenBytes + layout::kFrameHeaderBytes, page + layout::kPageSize - crypto::kTagBytes,
                crypto::kTagBytes);
    auto nonce = std::span<std::uint8_t, crypto::kNonceBytes>(head, crypto::kNonceBytes);
    auto tag = std::span<std::uint8_t, crypto::kTagBytes>(text + kHeadText, crypto::kTagBytes);
    crypto::random_nonce(nonce);
    crypto::seal_in_place(keys().log_key, nonce, layout::unit_ad(keys().id, kind_, index), std::span(text, kHeadText),
                          tag);
    return stored_.data();
  }

  // Takes bytes [lo, hi) of unit `index`. A complete unit goes straight out;
  // a part waits in the pending buffer for the rest of its unit.
  int stage(std::uint64_t index, std::uint32_t lo, std::uint32_t hi, const std::uint8_t* src) {
    const std::uint32_t size = geometry_.logical_size(index);
    const bool joins = pending_ && pending_index_ == index && lo <= pending_hi_ && hi >= pending_lo_;
    if (!joins) {
      if (int rc = flush_pending(); rc != SQLITE_OK) return rc;
      if (lo == 0 && hi == size) {
        std::memcpy(plain(), src, size);
        return write_unit(index, size);
      }
      pending_ = true;
      pending_index_ = index;
      pending_lo_ = lo;
      pending_hi_ = hi;
    } else {
      pending_lo_ = std::min(pending_lo_, lo);
      pending_hi_ = std::max(pending_hi_, hi);
    }
    std::memcpy(pending_data_.data() + lo, src, hi - lo);
    return pending_lo_ == 0 && pending_hi_ == size ? flush_pending() : SQLITE_OK;
  }

  int flush_pending() {
    if (!pending_) return SQLITE_OK;
    pending_ = false;
    const std::uint32_t size = geometry_.logical_size(pending_index_);
    std::uint32_t valid = size;
    if (pending_lo_ != 0 || pending_hi_ != size) {
      // Fill the bytes SQLite did not give us from what the unit held before.
      if (int rc = load_unit(pending_index_, valid); rc != SQLITE_OK) return rc;
      valid = std::max(valid, pending_hi_);
    }
    std::memcpy(plain() + pending_lo_, pending_data_.data() + pending_lo_, pending_hi_ - pending_lo_);
    return write_unit(pending_index_, valid);
  }

  const layout::FileKind kind_;
  const layout::LogGeometry geometry_;
  std::vector<std::uint8_t> unit_;          // nonce | length | unit bytes | tag
  std::vector<std::uint8_t> stored_;        // a WAL frame as stored
  std::vector<std::uint8_t> pending_data_;  // bytes of the unit being assembled
  bool pending_ = false;
  std::uint64_t pending_index_ = 0;
  std::uint32_t pending_lo_ = 0, pending_hi_ = 0;
  bool loaded_ok_ = false;
  bool header_written_ = false;
  std::uint64_t logical_size_ = 0;
  std::uint64_t seal_counter_ = 0;
  std::uint64_t sealed_units_ = 0;
};

}  // namespace

std::unique_ptr<EncryptedFile> make_log_file(sqlite3_vfs* base_vfs, std::shared_ptr<StoreContext> context,
                                             std::string name, layout::FileKind kind) {
  return std::make_unique<LogFile>(base_vfs, std::move(context), std::move(name), kind);
}

}  // namespace confidant::store
