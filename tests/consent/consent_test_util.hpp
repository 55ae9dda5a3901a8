// Helpers for the consent tests: a real encrypted Store holding the consent
// tables in a temporary directory, provenance values, and a strict JSON parser
// to check receipts with something other than the code that wrote them.
//
// Header-only and private to tests/consent. Failures throw std::runtime_error,
// which Catch2 reports.
//
// Thread-safety: everything here is used by one test thread.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "confidant/key_provider.hpp"
#include "consent/ledger.hpp"
#include "consent/schema.hpp"
#include "store/store.hpp"
#include "support/files.hpp"

namespace consent_test {

using confidant::testing::TempDir;

// A real encrypted store with the consent tables, in its own temp directory.
struct TestStore {
  TempDir dir{"confidant-consent"};
  std::unique_ptr<confidant::KeyProvider> provider = confidant::make_in_memory_key_provider();
  std::unique_ptr<confidant::store::Store> store;

  TestStore() { open(); }
  ~TestStore() {
    if (store) (void)store->close();
  }

  void open() {
    confidant::store::StoreOptions options;
    options.dir = dir.path() / "store";
    options.key_provider = provider.get();
    options.migrations = confidant::consent::migrations();
    auto opened = confidant::store::Store::open(options);
    INFO(opened.status().to_string());
    REQUIRE(opened);
    store = std::move(opened.value());
  }
  // Closes and opens the same files again (what an app restart does).
  void reopen() {
    REQUIRE(store->close());
    store.reset();
    open();
  }

  void exec(const std::string& sql) {
    const confidant::Status st = store->exec(sql);
    INFO(sql << ": " << st.to_string());
    REQUIRE(st);
  }
  std::int64_t count(const std::string& sql) {
    auto stmt = store->prepare(sql);
    INFO(sql << ": " << stmt.status().to_string());
    REQUIRE(stmt);
    auto row = stmt->step();
    REQUIRE(row);
    REQUIRE(row.value());
    return stmt->column_int64(0);
  }
};

inline constexpr std::int64_t kT0 = 1795161600000;  // 2026-11-20T08:00:00.000Z

inline confidant::consent::Provenance provenance(std::int64_t at_unix_ms = kT0, std::string policy = "2026-11",
                                                 confidant::consent::Source source = confidant::consent::Source::kUser) {
  return {source, at_unix_ms, std::move(policy), confidant::consent::text_hash_of("We personalize on your phone.")};
}

// ---- a strict JSON parser (RFC 8259), just enough to inspect receipts ----

struct Json {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // a number's literal, or a string's decoded UTF-8
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json& operator[](const std::string& key) const {
    if (kind != Kind::kObject) throw std::runtime_error("not an object, looking up '" + key + "'");
    for (const auto& [k, v] : members) {
      if (k == key) return v;
    }
    throw std::runtime_error("no member '" + key + "'");
  }
  bool has(const std::string& key) const {
    for (const auto& member : members) {
      if (member.first == key) return true;
    }
    return false;
  }
  const std::string& str() const {
    if (kind != Kind::kString) throw std::runtime_error("not a string");
    return text;
  }
  std::int64_t integer() const {
    if (kind != Kind::kNumber) throw std::runtime_error("not a number");
    return std::stoll(text);
  }
};

class JsonParser {
 public:
  explicit JsonParser(std::string_view input) : in_(input) {}

  Json parse_document() {
    Json value = parse_value(0);
    skip_space();
    if (pos_ != in_.size()) fail("trailing characters");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("JSON: " + what + " at byte " + std::to_string(pos_));
  }
  void skip_space() {
    while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r')) ++pos_;
  }
  char peek() const { return pos_ < in_.size() ? in_[pos_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  void literal(std::string_view word) {
    if (in_.substr(pos_, word.size()) != word) fail("bad literal");
    pos_ += word.size();
  }

  Json parse_value(int depth) {
    if (depth > 64) fail("nesting too deep");
    skip_space();
    Json value;
    const char c = peek();
    if (c == '{') {
      value.kind = Json::Kind::kObject;
      ++pos_;
      skip_space();
      if (peek() == '}') {
        ++pos_;
        return value;
      }
      while (true) {
        skip_space();
        std::string key = parse_string();
        for (const auto& member : value.members) {
          if (member.first == key) fail("duplicate key '" + key + "'");
        }
        skip_space();
        expect(':');
        value.members.emplace_back(std::move(key), parse_value(depth + 1));
        skip_space();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect('}');
        return value;
      }
    }
    if (c == '[') {
      value.kind = Json::Kind::kArray;
      ++pos_;
      skip_space();
      if (peek() == ']') {
        ++pos_;
        return value;
      }
      while (true) {
        value.items.push_back(parse_value(depth + 1));
        skip_space();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect(']');
        return value;
      }
    }
    if (c == '"') {
      value.kind = Json::Kind::kString;
      value.text = parse_string();
      return value;
    }
    if (c == 't' || c == 'f') {
      value.kind = Json::Kind::kBool;
      value.boolean = c == 't';
      literal(c == 't' ? "true" : "false");
      return value;
    }
    if (c == 'n') {
      literal("null");
      return value;
    }
    value.kind = Json::Kind::kNumber;
    value.text = parse_number();
    return value;
  }

  std::string parse_number() {
    const std::size_t start = pos_;
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (peek() >= '0' && peek() <= '9') ++pos_;
      if (pos_ == from) fail("expected a digit");
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else {
      digits();
    }
    if (peek() == '.') {
      ++pos_;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      digits();
    }
    return std::string(in_.substr(start, pos_ - start));
  }

  unsigned hex4() {
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
      else fail("bad \\u escape");
      ++pos_;
    }
    return value;
  }

  static void put_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  // Copies one raw UTF-8 character, rejecting ill-formed bytes.
  void copy_utf8(std::string& out) {
    const auto b0 = static_cast<unsigned char>(in_[pos_]);
    std::size_t length = 0;
    unsigned cp = 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      length = 2;
      cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      cp = b0 & 0x0f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      cp = b0 & 0x07;
    } else {
      fail("invalid UTF-8 lead byte");
    }
    if (pos_ + length > in_.size()) fail("truncated UTF-8");
    for (std::size_t i = 1; i < length; ++i) {
      const auto b = static_cast<unsigned char>(in_[pos_ + i]);
      if ((b & 0xc0) != 0x80) fail("invalid UTF-8 continuation");
      cp = (cp << 6) | (b & 0x3f);
    }
    const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[length] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) fail("ill-formed UTF-8");
    out.append(in_.substr(pos_, length));
    pos_ += length;
  }

  std::string parse_string() {
    expect('"');
    std::string out;
    while (true) {
      if (pos_ >= in_.size()) fail("unterminated string");
      const auto c = static_cast<unsigned char>(in_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) fail("raw control character in a string");
      if (c >= 0x80) {
        copy_utf8(out);
        continue;
      }
      ++pos_;
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      const char e = peek();
      ++pos_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xd800 && cp <= 0xdbff) {
            expect('\\');
            expect('u');
            const unsigned low = hex4();
            if (low < 0xdc00 || low > 0xdfff) fail("unpaired surrogate");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            fail("unpaired surrogate");
          }
          put_utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
};

inline Json parse_json(std::string_view text) { return JsonParser(text).parse_document(); }

}  // namespace consent_test
