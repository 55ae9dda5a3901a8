// The main database file: a plain header, then SQLite's pages, each encrypted
// in place with its nonce and tag in the page's 40 reserved bytes.
//
// It also looks at the store's WAL: a log with content means the database had
// pages, so a database that is missing, or has no pages while the log holds
// whole frames, was removed or cut. SQLite would take it for a new, empty
// database and delete the log; the open is refused instead (kTampered), and
// nothing is created. A page SQLite needs that lies past the end of the file
// was cut off too, and is reported like a page that fails authentication.
#include <algorithm>
#include <cstring>

#include "crypto/bytes.hpp"
#include "store/encrypted_file.hpp"
#include "store/page_codec.hpp"
#include "store/vfs.hpp"

namespace confidant::store {
namespace {

using layout::kHeaderBytes;
using layout::kPageSize;
using layout::kReserveBytes;
constexpr int kReserveHeaderOffset = 20;                     // SQLite header: reserved bytes per page

class PageFile final : public EncryptedFile {
 public:
  using EncryptedFile::EncryptedFile;

  int open(int flags, int* out_flags) override {
    // Before anything opens it: a FIFO at the log would block.
    if (Status st = check_regular_file(wal_name()); !st) return fail(SQLITE_CANTOPEN, std::move(st), true);
    // Created only when missing and no log says it existed.
    int rc = base_.open(name_.c_str(), flags & ~SQLITE_OPEN_CREATE, out_flags);
    if (rc != SQLITE_OK && !exists(name_) && exists(wal_name())) {
      return lost_pages("is missing but its log is not empty");
    }
    if (rc != SQLITE_OK && (flags & SQLITE_OPEN_CREATE)) rc = base_.open(name_.c_str(), flags, out_flags);
    if (rc != SQLITE_OK) {
      if (!(flags & SQLITE_OPEN_CREATE)) return fail(rc, {ErrorCode::kNotAStore, "no store at " + name_}, false);
      return fail(rc, {ErrorCode::kIo, "cannot open " + name_}, false);
    }
    return load_or_create_header();
  }

  int read(void* out, int amount, sqlite3_int64 offset) override {
    auto* dst = static_cast<std::uint8_t*>(out);
    // SQLite reads whole pages, except the first 100 bytes of page 1 and a few
    // header fields; those go through the scratch page.
    if (amount == static_cast<int>(kPageSize) && offset % kPageSize == 0) {
      return read_page(dst, page_number(offset));
    }
    // Those partial reads are hints SQLite checks again with a whole-page read
    // (from the WAL when the page is there). A page a power cut tore during a
    // checkpoint is still whole in the WAL, so a partial read of a page that
    // does not authenticate reads as zeros, like a missing page, and the
    // whole-page read that follows decides.
    bool short_read = false;
    while (amount > 0) {
      const std::uint64_t pgno = page_number(offset);
      const std::size_t in_page = static_cast<std::size_t>(offset % kPageSize);
      const std::size_t n = std::min<std::size_t>(kPageSize - in_page, static_cast<std::size_t>(amount));
      const int rc = read_page(scratch_.data(), pgno, /*report=*/false);
      if (rc == SQLITE_IOERR_SHORT_READ || rc == SQLITE_IOERR_DATA) {
        short_read = true;
        std::memset(scratch_.data(), 0, kPageSize);
      } else if (rc != SQLITE_OK) {
        return rc;
      }
      std::memcpy(dst, scratch_.data() + in_page, n);
      dst += n;
      offset += static_cast<sqlite3_int64>(n);
      amount -= static_cast<int>(n);
    }
    return short_read ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
  }

  int write(const void* in, int amount, sqlite3_int64 offset) override {
    if (writes_forbidden()) return SQLITE_IOERR_WRITE;
    if (amount != static_cast<int>(kPageSize) || offset % kPageSize != 0) {
      return fail(SQLITE_IOERR_WRITE,
                  {ErrorCode::kInternal, name_ + ": refused a write that is not one whole page"}, false);
    }
    const std::uint64_t pgno = page_number(offset);
    const auto* src = static_cast<const std::uint8_t*>(in);
    if (pgno == 1 && src[kReserveHeaderOffset] < kReserveBytes) {
      // Without the reserve, the nonce and tag would overwrite SQLite's data.
      return fail(SQLITE_IOERR_WRITE,
                  {ErrorCode::kInternal, name_ + ": database has fewer than 40 reserved bytes per page"}, false);
    }
    // A checkpoint writes back the page it just read from the WAL, already sealed.
    if (const std::uint8_t* sealed = context_->page_memo().find(pgno, src)) {
      return base_.write(sealed, kPageSize, physical(offset));
    }
    seal_page(keys(), pgno, src, scratch_.data());
    return base_.write(scratch_.data(), kPageSize, physical(offset));
  }

  int truncate(sqlite3_int64 size) override {
    if (writes_forbidden()) return SQLITE_IOERR_TRUNCATE;
    return base_.truncate(physical(size));
  }

  int sync(int flags) override { return base_.sync(flags); }

  int file_size(sqlite3_int64* size) override {
    sqlite3_int64 physical_size = 0;
    const int rc = base_.size(&physical_size);
    *size = std::max<sqlite3_int64>(0, physical_size - kHeaderBytes);
    return rc;
  }

  int file_control(int op, void* arg) override {
    if (op == kFcntlRewrap) return rewrap(*static_cast<KeyProvider*>(arg));
    if (op == SQLITE_FCNTL_SIZE_HINT) {
      // Growing ahead would create zero-filled pages that do not authenticate.
      return SQLITE_OK;
    }
    return base_.file_control(op, arg);
  }

 private:
  static std::uint64_t page_number(sqlite3_int64 offset) { return static_cast<std::uint64_t>(offset) / kPageSize + 1; }
  static sqlite3_int64 physical(sqlite3_int64 logical) { return logical + kHeaderBytes; }
  StoreKeys& keys() { return *context_->keys(); }

  // `report`: a failure is the store's error and forbids further writes.
  int read_page(std::uint8_t* page, std::uint64_t pgno, bool report = true) {
    const int rc = base_.read(page, kPageSize, physical(static_cast<sqlite3_int64>((pgno - 1) * kPageSize)));
    if (rc == SQLITE_IOERR_SHORT_READ && report) {
      // SQLite reads a whole page only below the database size its log or
      // header gives, and a committed page is in the log until a checkpoint
      // has made it durable here: a page the file lacks was cut off. (SQLite
      // would read zeros, and might write a checkpoint over the damage.)
      return fail(SQLITE_IOERR_DATA,
                  {ErrorCode::kTampered, "page " + std::to_string(pgno) + " of " + name_ +
                                             " is missing: the file ends before it (cut or damaged)"},
                  true);
    }
    if (rc != SQLITE_OK) return rc;  // a partial read past the end reads as zeros (SHORT_READ), like any file
    if (!open_page(keys(), pgno, page)) {
      if (!report) return SQLITE_IOERR_DATA;
      return fail(SQLITE_IOERR_DATA,
                  {ErrorCode::kTampered, "page " + std::to_string(pgno) + " of " + name_ +
                                             " failed authentication (corrupt or tampered)"},
                  true);
    }
    return SQLITE_OK;
  }

  // ---- the log beside it ----

  std::string wal_name() const { return name_ + "-wal"; }

  // xAccess: the unix VFS (and FaultVfs) call an empty file absent.
  bool exists(const std::string& path) {
    int found = 0;
    sqlite3_vfs* vfs = base_.vfs();
    return vfs->xAccess(vfs, path.c_str(), SQLITE_ACCESS_EXISTS, &found) == SQLITE_OK && found;
  }

  // Whole frames in the store's WAL, counted from its size. They are not
  // authenticated: the keys come from a header that may be gone, and frames
  // of another store beside this database would be tampering just as well.
  // (Called once the database is open: the unix VFS opens a log only then.)
  std::uint64_t log_frames() {
    BaseFile log(base_.vfs());
    int out_flags = 0;
    sqlite3_int64 size = 0;
    if (log.open(wal_name().c_str(), SQLITE_OPEN_READONLY | SQLITE_OPEN_WAL, &out_flags) != SQLITE_OK ||
        log.size(&size) != SQLITE_OK) {
      return 0;
    }
    const std::uint64_t units = layout::wal_geometry().complete_units(static_cast<std::uint64_t>(size));
    return units > 1 ? units - 1 : 0;  // unit 0 is SQLite's WAL header
  }

  // The database lost its pages while its log still holds some.
  int lost_pages(const std::string& what) {
    return fail(SQLITE_CANTOPEN,
                {ErrorCode::kTampered, name_ + " " + what + ": the database was removed or cut (damaged or tampered)"},
                true);
  }

  // ---- header and key slots ----

  int load_or_create_header() {
    sqlite3_int64 size = 0;
    if (base_.size(&size) != SQLITE_OK) return fail(SQLITE_CANTOPEN, {ErrorCode::kIo, "cannot size " + name_}, true);
    if (size <= static_cast<sqlite3_int64>(kHeaderBytes)) {
      if (const std::uint64_t frames = log_frames(); frames > 0) {
        return lost_pages("has no pages (" + std::to_string(size) + " bytes) but its log holds " +
                          std::to_string(frames) + " frames");
      }
    }
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(std::min<sqlite3_int64>(size, kHeaderBytes)));
    if (!bytes.empty() && base_.read(bytes.data(), static_cast<int>(bytes.size()), 0) != SQLITE_OK) {
      return fail(SQLITE_CANTOPEN, {ErrorCode::kIo, "cannot read the header of " + name_}, true);
    }
    layout::DbHeader header;
    switch (layout::parse_db_header(bytes, static_cast<std::uint64_t>(size), header)) {
      case layout::HeaderState::kValid: return unlock_with_provider(header);
      case layout::HeaderState::kUnfinished:
        if (!context_->create_if_missing()) {
          return fail(SQLITE_CANTOPEN, {ErrorCode::kNotAStore, "no store at " + name_}, true);
        }
        return create_header();
      case layout::HeaderState::kNoKeySlot:
        return fail(SQLITE_CANTOPEN,
                    {ErrorCode::kTampered, name_ + ": no intact key slot (the store was erased or damaged)"}, true);
      case layout::HeaderState::kUnsupported:
        return fail(SQLITE_CANTOPEN, {ErrorCode::kUnsupported, name_ + ": store format not supported by this build"},
                    true);
      case layout::HeaderState::kNotAStore: break;
    }
    return fail(SQLITE_CANTOPEN, {ErrorCode::kNotAStore, name_ + " is not a Confidant store"}, true);
  }

  int unlock_with_provider(const layout::DbHeader& header) {
    KeyProvider& provider = *context_->provider();
    int order[2] = {0, 1};
    const auto generation = [&](int i) { return header.slots[i] ? header.slots[i]->generation : 0; };
    if (generation(1) > generation(0)) std::swap(order[0], order[1]);
    Status last{ErrorCode::kWrongKey, "no key slot matches"};
    for (int i : order) {
      const auto& slot = header.slots[i];
      if (!slot) continue;
      if (slot->kind != provider.kind()) {
        last = {ErrorCode::kWrongKey, name_ + " is wrapped by the '" + slot->kind + "' key provider, not '" +
                                          provider.kind() + "'"};
        continue;
      }
      crypto::SecureKey data_key;
      last = provider.unwrap(slot->wrapped, layout::key_slot_context(header.id, slot->generation), data_key.bytes());
      if (!last) continue;
      StoreKeys keys = StoreKeys::from_data_key(header.id, std::move(data_key));
      keys.slot_generation = slot->generation;
      keys.active_slot = i;
      context_->set_keys(std::move(keys));
      const int other = 1 - i;
      if (header.slots[other] && header.slots[other]->generation < slot->generation) {
        // A re-wrap was interrupted after writing the new slot: finish it so the
        // old wrapping key stops working.
        if (int rc = write_slot(other, std::nullopt); rc != SQLITE_OK) return rc;
      }
      return SQLITE_OK;
    }
    return fail(SQLITE_CANTOPEN, last, true);
  }

  int create_header() {
    layout::DbHeader header;
    crypto::random_bytes(header.id);
    crypto::SecureKey data_key = crypto::SecureKey::random();
    auto wrapped = context_->provider()->wrap(data_key.bytes(), layout::key_slot_context(header.id, 1));
    if (!wrapped) return fail(SQLITE_CANTOPEN, wrapped.status(), true);
    if (wrapped->size() > layout::kMaxWrappedBytes || context_->provider()->kind().size() > layout::kMaxKindBytes) {
      return fail(SQLITE_CANTOPEN, {ErrorCode::kInvalidArgument, "key provider: wrapped key or kind too long"}, true);
    }
    header.slots[0] = layout::KeySlot{1, context_->provider()->kind(), std::move(wrapped.value())};
    const auto bytes = layout::serialize_db_header(header);
    if (base_.write(bytes.data(), static_cast<int>(bytes.size()), 0) != SQLITE_OK ||
        base_.sync(SQLITE_SYNC_FULL) != SQLITE_OK) {
      return fail(SQLITE_CANTOPEN, {ErrorCode::kIo, "cannot write the header of " + name_}, true);
    }
    StoreKeys keys = StoreKeys::from_data_key(header.id, std::move(data_key));
    keys.slot_generation = 1;
    keys.active_slot = 0;
    context_->set_keys(std::move(keys));
    return SQLITE_OK;
  }

  int write_slot(int index, const std::optional<layout::KeySlot>& slot) {
    const auto bytes = layout::serialize_key_slot(slot);
    if (base_.write(bytes.data(), static_cast<int>(bytes.size()),
                    static_cast<sqlite3_int64>(layout::kKeySlotOffset[index])) != SQLITE_OK ||
        base_.sync(SQLITE_SYNC_FULL) != SQLITE_OK) {
      return fail(SQLITE_IOERR_WRITE, {ErrorCode::kIo, "cannot write a key slot of " + name_}, false);
    }
    return SQLITE_OK;
  }

  // New slot first, synced; then the old one is wiped. A crash in between
  // leaves both, and the next open with the new provider finishes the wipe.
  int rewrap(KeyProvider& provider) {
    if (writes_forbidden()) return SQLITE_IOERR_WRITE;
    StoreKeys& k = keys();
    const std::uint64_t generation = k.slot_generation + 1;
    auto wrapped = provider.wrap(k.data_key.bytes(), layout::key_slot_context(k.id, generation));
    if (!wrapped) return fail(SQLITE_ERROR, wrapped.status(), false);
    if (wrapped->size() > layout::kMaxWrappedBytes || provider.kind().size() > layout::kMaxKindBytes) {
      return fail(SQLITE_ERROR, {ErrorCode::kInvalidArgument, "key provider: wrapped key or kind too long"}, false);
    }
    const int target = 1 - k.active_slot;
    if (int rc = write_slot(target, layout::KeySlot{generation, provider.kind(), std::move(wrapped.value())});
        rc != SQLITE_OK) {
      return rc;
    }
    if (int rc = write_slot(k.active_slot, std::nullopt); rc != SQLITE_OK) return rc;
    k.active_slot = target;
    k.slot_generation = generation;
    context_->set_provider(&provider);
    return SQLITE_OK;
  }

  std::vector<std::uint8_t> scratch_ = std::vector<std::uint8_t>(kPageSize);
};

}  // namespace

std::unique_ptr<EncryptedFile> make_page_file(sqlite3_vfs* base_vfs, std::shared_ptr<StoreContext> context,
                                              std::string name) {
  return std::make_unique<PageFile>(base_vfs, std::move(context), std::move(name));
}

}  // namespace confidant::store
