#include "store/file_layout.hpp"

#include <algorithm>
#include <cstring>

#include "crypto/bytes.hpp"

namespace confidant::store::layout {
namespace {

constexpr std::uint8_t kDbMagic[16] = {'C', 'o', 'n', 'f', 'i', 'd', 'a', 'n',
                                       't', ' ', 's', 't', 'o', 'r', 'e', 0};
constexpr std::uint8_t kLogMagic[16] = {'C', 'o', 'n', 'f', 'i', 'd', 'a', 'n',
                                        't', ' ', 'l', 'o', 'g', 0, 0, 0};
constexpr std::uint8_t kSlotMagic[4] = {'K', 'S', 'L', 'T'};
constexpr std::size_t kCheckBytes = crypto::kCheckHashBytes;
// Key slot fields.
constexpr std::size_t kSlotGeneration = 4;
constexpr std::size_t kSlotKindLen = 12;
constexpr std::size_t kSlotKind = 13;
constexpr std::size_t kSlotWrappedLen = kSlotKind + kMaxKindBytes;
constexpr std::size_t kSlotWrapped = kSlotWrappedLen + 2;
constexpr std::size_t kSlotCheck = kKeySlotBytes - kCheckBytes;
static_assert(kSlotWrapped + kMaxWrappedBytes <= kSlotCheck);
// Header fields.
constexpr std::size_t kHdrVersion = 16, kHdrPageSize = 20, kHdrReserve = 24, kHdrSize = 28, kHdrId = 32,
                      kHdrCheck = 48;

// A short hash that tells an intact record from a torn or damaged one. It is
// not a MAC: authenticity comes from the AEAD of what the record protects.
void check_hash(std::span<const std::uint8_t> bytes, std::uint8_t* out) {
  crypto::check_hash(bytes, std::span<std::uint8_t, kCheckBytes>(out, kCheckBytes));
}
bool check_matches(std::span<const std::uint8_t> bytes, const std::uint8_t* expected) {
  std::uint8_t actual[kCheckBytes];
  check_hash(bytes, actual);
  return crypto::constant_time_equal(actual, expected, kCheckBytes);
}

std::optional<KeySlot> parse_slot(std::span<const std::uint8_t> s) {
  if (s.size() < kKeySlotBytes || std::memcmp(s.data(), kSlotMagic, 4) != 0) return std::nullopt;
  if (!check_matches(s.first(kSlotCheck), s.data() + kSlotCheck)) return std::nullopt;
  const std::size_t kind_len = s[kSlotKindLen];
  const std::size_t wrapped_len = s[kSlotWrappedLen] | (std::size_t{s[kSlotWrappedLen + 1]} << 8);
  if (kind_len > kMaxKindBytes || wrapped_len > kMaxWrappedBytes) return std::nullopt;
  KeySlot slot;
  slot.generation = get_u64(&s[kSlotGeneration]);
  slot.kind.assign(reinterpret_cast<const char*>(&s[kSlotKind]), kind_len);
  slot.wrapped.assign(&s[kSlotWrapped], &s[kSlotWrapped] + wrapped_len);
  return slot;
}

bool all_zero(std::span<const std::uint8_t> bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

}  // namespace

UnitAd unit_ad(const StoreId& id, FileKind kind, std::uint64_t unit) {
  UnitAd ad{};
  std::copy(id.begin(), id.end(), ad.begin());
  ad[kIdBytes] = static_cast<std::uint8_t>(kind);
  put_u64(&ad[kIdBytes + 1], unit);
  return ad;
}

HeaderState parse_db_header(std::span<const std::uint8_t> bytes, std::uint64_t file_size, DbHeader& out) {
  const bool no_pages = file_size <= kHeaderBytes;
  const std::size_t magic_seen = std::min<std::size_t>(bytes.size(), sizeof kDbMagic);
  const bool magic_ok = bytes.size() >= sizeof kDbMagic && std::memcmp(bytes.data(), kDbMagic, sizeof kDbMagic) == 0;
  if (!magic_ok) {
    // The header is the first thing ever written, and synced before anything
    // else; a short or zeroed one with no pages is a creation cut short.
    const bool torn_magic =
        magic_seen == 0 || std::memcmp(bytes.data(), kDbMagic, magic_seen) == 0 || all_zero(bytes.first(magic_seen));
    return (no_pages && torn_magic && all_zero(bytes.subspan(magic_seen))) ? HeaderState::kUnfinished
                                                                            : HeaderState::kNotAStore;
  }
  const bool fields_ok = bytes.size() >= kHdrCheck + kCheckBytes &&
                         check_matches(bytes.first(kHdrCheck), bytes.data() + kHdrCheck);
  if (!fields_ok) return no_pages ? HeaderState::kUnfinished : HeaderState::kNotAStore;
  if (get_u32(&bytes[kHdrVersion]) != kFormatVersion || get_u32(&bytes[kHdrPageSize]) != kPageSize ||
      get_u32(&bytes[kHdrReserve]) != kReserveBytes || get_u32(&bytes[kHdrSize]) != kHeaderBytes) {
    return HeaderState::kUnsupported;
  }
  std::copy_n(&bytes[kHdrId], kIdBytes, out.id.begin());
  bool any_slot = false;
  for (int i = 0; i < 2; ++i) {
    if (bytes.size() >= kKeySlotOffset[i] + kKeySlotBytes) {
      out.slots[i] = parse_slot(bytes.subspan(kKeySlotOffset[i], kKeySlotBytes));
      any_slot = any_slot || out.slots[i].has_value();
    }
  }
  if (any_slot) return HeaderState::kValid;
  return no_pages ? HeaderState::kUnfinished : HeaderState::kNoKeySlot;
}

std::vector<std::uint8_t> serialize_key_slot(const std::optional<KeySlot>& slot) {
  std::vector<std::uint8_t> s(kKeySlotBytes, 0);
  if (!slot) return s;
  std::memcpy(s.data(), kSlotMagic, 4);
  put_u64(&s[kSlotGeneration], slot->generation);
  s[kSlotKindLen] = static_cast<std::uint8_t>(std::min(slot->kind.size(), kMaxKindBytes));
  std::memcpy(&s[kSlotKind], slot->kind.data(), s[kSlotKindLen]);
  const std::size_t wrapped_len = std::min(slot->wrapped.size(), kMaxWrappedBytes);
  s[kSlotWrappedLen] = static_cast<std::uint8_t>(wrapped_len);
  s[kSlotWrappedLen + 1] = static_cast<std::uint8_t>(wrapped_len >> 8);
  std::memcpy(&s[kSlotWrapped], slot->wrapped.data(), wrapped_len);
  check_hash(std::span(s).first(kSlotCheck), &s[kSlotCheck]);
  return s;
}

std::vector<std::uint8_t> serialize_db_header(const DbHeader& header) {
  std::vector<std::uint8_t> h(kHeaderBytes, 0);
  std::memcpy(h.data(), kDbMagic, sizeof kDbMagic);
  put_u32(&h[kHdrVersion], kFormatVersion);
  put_u32(&h[kHdrPageSize], kPageSize);
  put_u32(&h[kHdrReserve], kReserveBytes);
  put_u32(&h[kHdrSize], kHeaderBytes);
  std::copy(header.id.begin(), header.id.end(), &h[kHdrId]);
  check_hash(std::span(h).first(kHdrCheck), &h[kHdrCheck]);
  for (int i = 0; i < 2; ++i) {
    const auto slot = serialize_key_slot(header.slots[i]);
    std::copy(slot.begin(), slot.end(), h.begin() + static_cast<std::ptrdiff_t>(kKeySlotOffset[i]));
  }
  return h;
}

std::vector<std::uint8_t> key_slot_context(const StoreId& id, std::uint64_t generation) {
  std::vector<std::uint8_t> ctx(id.begin(), id.end());
  ctx.resize(kIdBytes + 8);
  put_u64(&ctx[kIdBytes], generation);
  return ctx;
}

std::uint64_t LogGeometry::complete_units(std::uint64_t physical_size) const {
  if (physical_size < physical_start(1)) return 0;
  return 1 + (physical_size - physical_start(1)) / stored_size(1);
}

LogGeometry wal_geometry() { return {32, kFrameHeaderBytes + kPageSize, kFrameOverhead, true}; }
LogGeometry journal_geometry() { return {kPageSize, 4 + kPageSize + 4, kUnitOverhead, false}; }

std::vector<std::uint8_t> serialize_log_header(FileKind kind, const StoreId& id) {
  std::vector<std::uint8_t> h(48, 0);
  std::memcpy(h.data(), kLogMagic, sizeof kLogMagic);
  h[16] = static_cast<std::uint8_t>(kind);
  std::copy(id.begin(), id.end(), &h[32]);
  return h;
}

bool log_header_matches(std::span<const std::uint8_t> bytes, FileKind kind, const StoreId& id) {
  return bytes.size() >= 48 && std::memcmp(bytes.data(), kLogMagic, sizeof kLogMagic) == 0 &&
         bytes[16] == static_cast<std::uint8_t>(kind) && std::equal(id.begin(), id.end(), &bytes[32]);
}

}  // namespace confidant::store::layout
