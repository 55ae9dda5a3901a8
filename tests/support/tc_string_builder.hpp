// A TC string encoder for the tests, written bit by bit from the field table
// of the TCF v2.2 specification ("TC String Format"), independently of the
// SDK's decoder: a BitWriter packs big-endian fields and spells them in
// base64url without padding, and TcBuilder lays out the core string, the
// DisclosedVendors and PublisherTC segments from plain fields, each with a
// valid default, so a test changes only what it is about. It can also write
// what the specification forbids (a range past MaxVendorId, restriction type
// 3, letters past 'z', non-zero padding), since the decoder must refuse it.
//
// Header-only. Thread-safety: plain values used by one test thread.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace confidant::testing {

class BitWriter {
 public:
  // `width` bits of `value`, most significant first.
  BitWriter& put(std::uint64_t value, unsigned width) {
    if (width > 64 || (width < 64 && value >> width != 0)) throw std::invalid_argument("value wider than its field");
    for (unsigned i = width; i-- > 0;) bits_.push_back(((value >> i) & 1u) != 0);
    return *this;
  }
  BitWriter& flag(bool value) { return put(value ? 1 : 0, 1); }
  // One bit per id 1..n, set for the ids in `ids`.
  BitWriter& bits(const std::set<int>& ids, int n) {
    for (int id = 1; id <= n; ++id) flag(ids.count(id) != 0);
    return *this;
  }
  std::size_t size() const { return bits_.size(); }

  // Six bits a character; the last character padded with `padding` bits.
  std::string base64url(bool padding = false) const {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    for (std::size_t i = 0; i < bits_.size(); i += 6) {
      int sextet = 0;
      for (std::size_t k = 0; k < 6; ++k) {
        const bool bit = i + k < bits_.size() ? bits_[i + k] : padding;
        sextet = (sextet << 1) | (bit ? 1 : 0);
      }
      out += kAlphabet[sextet];
    }
    return out;
  }

 private:
  std::vector<bool> bits_;
};

struct RangeEntry {
  int first = 0;
  int last = 0;  // == first: a single id (IsARange 0)
};

// A vendor section: the ids, and how to write them.
struct VendorField {
  std::set<int> ids;
  bool range = false;
  std::optional<int> max_vendor_id;           // default: the largest id (0 when none)
  std::optional<std::vector<RangeEntry>> entries;  // range encoding: these instead of ids' runs

  int max_id() const { return max_vendor_id.value_or(ids.empty() ? 0 : *ids.rbegin()); }
  std::vector<RangeEntry> runs() const {
    if (entries) return *entries;
    std::vector<RangeEntry> out;
    for (const int id : ids) {
      if (!out.empty() && out.back().last + 1 == id) {
        out.back().last = id;
      } else {
        out.push_back({id, id});
      }
    }
    return out;
  }
  void write(BitWriter& w) const {
    w.put(static_cast<std::uint64_t>(max_id()), 16).flag(range);
    if (!range) {
      w.bits(ids, max_id());
      return;
    }
    write_entries(w, runs());
  }
  static void write_entries(BitWriter& w, const std::vector<RangeEntry>& entries) {
    w.put(entries.size(), 12);
    for (const RangeEntry& e : entries) {
      w.flag(e.first != e.last).put(static_cast<std::uint64_t>(e.first), 16);
      if (e.first != e.last) w.put(static_cast<std::uint64_t>(e.last), 16);
    }
  }
};

struct Restriction {
  int purpose = 1;
  int type = 0;  // 0 not allowed, 1 require consent, 2 require legitimate interest
  std::vector<RangeEntry> vendors;
};

struct PublisherTc {
  std::set<int> consent;
  std::set<int> legitimate_interest;
  int custom = 0;
  std::set<int> custom_consent;
  std::set<int> custom_legitimate_interest;
};

struct TcBuilder {
  int version = 2;
  std::uint64_t created = 17489088000;  // deciseconds: 2025-06-03T00:00:00Z (day-level, as CMPs now write)
  std::uint64_t last_updated = 17489088000;
  int cmp_id = 300;
  int cmp_version = 7;
  int consent_screen = 1;
  std::pair<int, int> language = {4, 13};  // "en" (a=0)
  int vendor_list_version = 93;
  int policy_version = 5;
  bool service_specific = true;
  bool non_standard_texts = false;
  std::set<int> special_features;
  std::set<int> purposes;
  std::set<int> purposes_li;
  bool purpose_one_treatment = false;
  std::pair<int, int> country = {3, 4};  // "DE"
  VendorField vendor_consents;
  VendorField vendor_li;
  std::vector<Restriction> restrictions;
  std::optional<VendorField> disclosed;
  std::optional<PublisherTc> publisher;
  bool dirty_padding = false;  // pad the core with ones

  // The core's fixed fields, Version to PublisherCC: 213 bits.
  BitWriter head() const {
    BitWriter w;
    w.put(static_cast<std::uint64_t>(version), 6).put(created, 36).put(last_updated, 36);
    w.put(static_cast<std::uint64_t>(cmp_id), 12).put(static_cast<std::uint64_t>(cmp_version), 12);
    w.put(static_cast<std::uint64_t>(consent_screen), 6);
    w.put(static_cast<std::uint64_t>(language.first), 6).put(static_cast<std::uint64_t>(language.second), 6);
    w.put(static_cast<std::uint64_t>(vendor_list_version), 12).put(static_cast<std::uint64_t>(policy_version), 6);
    w.flag(service_specific).flag(non_standard_texts);
    w.bits(special_features, 12).bits(purposes, 24).bits(purposes_li, 24).flag(purpose_one_treatment);
    w.put(static_cast<std::uint64_t>(country.first), 6).put(static_cast<std::uint64_t>(country.second), 6);
    return w;
  }

  std::string core() const {
    BitWriter w = head();
    vendor_consents.write(w);
    vendor_li.write(w);
    w.put(restrictions.size(), 12);
    for (const Restriction& r : restrictions) {
      w.put(static_cast<std::uint64_t>(r.purpose), 6).put(static_cast<std::uint64_t>(r.type), 2);
      VendorField::write_entries(w, r.vendors);
    }
    return w.base64url(dirty_padding);
  }

  static std::string disclosed_segment(const VendorField& vendors) {
    BitWriter w;
    w.put(1, 3);
    vendors.write(w);
    return w.base64url();
  }

  static std::string publisher_segment(const PublisherTc& p) {
    BitWriter w;
    w.put(3, 3).bits(p.consent, 24).bits(p.legitimate_interest, 24).put(static_cast<std::uint64_t>(p.custom), 6);
    w.bits(p.custom_consent, p.custom).bits(p.custom_legitimate_interest, p.custom);
    return w.base64url();
  }

  std::string encode() const {
    std::string out = core();
    if (disclosed) out += "." + disclosed_segment(*disclosed);
    if (publisher) out += "." + publisher_segment(*publisher);
    return out;
  }
};

}  // namespace confidant::testing
