/*
 * A plain C11 host of libconfidant_c.so: proves that confidant.h compiles as
 * C under -pedantic -Werror and that a C program can drive the SDK end to
 * end: open (with a key provider written in C over a key file, and with the
 * built-in key-file provider), consent, track, rank, profile, export, erase, and
 * the numbered errors (wrong key -> 2, an invalid signal -> 1 naming the
 * field).
 *
 * Prints one line per failed check and exits 1 if there was any.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, nftw */

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confidant/confidant.h"

static int failures = 0;

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                             \
    }                                                                         \
  } while (0)

/* Consumes `err`: success expected. */
#define EXPECT_OK(call) expect_ok((call), #call, __LINE__)
/* Consumes `err`: a failure with `code` whose message contains `needle`. */
#define EXPECT_ERROR(call, code, needle) expect_error((call), (code), (needle), #call, __LINE__)

static void expect_ok(confidant_error* err, const char* what, int line) {
  if (err != NULL) {
    fprintf(stderr, "line %d: %s failed: %s (%d): %s\n", line, what, confidant_code_name(confidant_error_code(err)),
            (int)confidant_error_code(err), confidant_error_message(err));
    ++failures;
  }
  confidant_error_free(err);
}

static void expect_error(confidant_error* err, confidant_code code, const char* needle, const char* what, int line) {
  if (err == NULL) {
    fprintf(stderr, "line %d: %s succeeded, expected code %d\n", line, what, (int)code);
    ++failures;
    return;
  }
  if (confidant_error_code(err) != code || strstr(confidant_error_message(err), needle) == NULL) {
    fprintf(stderr, "line %d: %s: got %d '%s', expected %d containing '%s'\n", line, what,
            (int)confidant_error_code(err), confidant_error_message(err), (int)code, needle);
    ++failures;
  }
  confidant_error_free(err);
}

/* 2026-11-20T08:00:00Z: a fixed clock makes the run reproducible. */
static const int64_t kNow = 1795161600000;

/* ---- A key provider written in C, over a key file -----------------------
 * Not cryptography, only a stand-in with the shape of a real one: the data
 * key is XORed with the file's 32-byte key and followed by an 8-byte check
 * over key, context and data key, so a different key file or another
 * store's context fails to unwrap, as a keystore's would. */

typedef struct {
  char path[512];
  int* destroyed; /* counts destroy(ctx) calls, to prove each runs once */
} file_key_ctx;

static int read_key(const char* path, uint8_t key[32]) {
  FILE* f = fopen(path, "rb");
  if (f == NULL) return 0;
  const size_t got = fread(key, 1, 32, f);
  fclose(f);
  return got == 32;
}

static uint64_t check_value(const uint8_t* key, const uint8_t* context, size_t context_len, const uint8_t* data_key) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  size_t i;
  for (i = 0; i < 32; ++i) h = (h ^ key[i]) * 1099511628211ull;
  for (i = 0; i < context_len; ++i) h = (h ^ context[i]) * 1099511628211ull;
  for (i = 0; i < 32; ++i) h = (h ^ data_key[i]) * 1099511628211ull;
  return h;
}

static confidant_error* file_key_wrap(void* ctx, const uint8_t* data_key, size_t data_key_len,
                                      const uint8_t* context, size_t context_len, uint8_t* out,
                                      size_t out_capacity, size_t* out_len) {
  const file_key_ctx* self = (const file_key_ctx*)ctx;
  uint8_t key[32];
  uint64_t check;
  size_t i;
  if (data_key_len != 32 || out_capacity < 40) return confidant_error_new(CONFIDANT_CODE_INTERNAL, "sizes", 5);
  if (!read_key(self->path, key)) return confidant_error_new(CONFIDANT_CODE_IO, "no key file", 11);
  for (i = 0; i < 32; ++i) out[i] = data_key[i] ^ key[i];
  check = check_value(key, context, context_len, data_key);
  for (i = 0; i < 8; ++i) out[32 + i] = (uint8_t)(check >> (8 * i));
  *out_len = 40;
  return NULL;
}

static confidant_error* file_key_unwrap(void* ctx, const uint8_t* wrapped, size_t wrapped_len,
                                        const uint8_t* context, size_t context_len, uint8_t* out,
                                        size_t out_capacity, size_t* out_len) {
  const file_key_ctx* self = (const file_key_ctx*)ctx;
  uint8_t key[32];
  uint64_t check = 0;
  size_t i;
  static const char kMismatch[] = "this key file did not wrap that key";
  if (wrapped_len != 40 || out_capacity != 32) return confidant_error_new(CONFIDANT_CODE_WRONG_KEY, "layout", 6);
  if (!read_key(self->path, key)) return confidant_error_new(CONFIDANT_CODE_WRONG_KEY, "no key file", 11);
  for (i = 0; i < 32; ++i) out[i] = wrapped[i] ^ key[i];
  for (i = 0; i < 8; ++i) check |= (uint64_t)wrapped[32 + i] << (8 * i);
  if (check != check_value(key, context, context_len, out)) {
    memset(out, 0, 32);
    return confidant_error_new(CONFIDANT_CODE_WRONG_KEY, kMismatch, sizeof kMismatch - 1);
  }
  *out_len = 32;
  return NULL;
}

static confidant_error* file_key_destroy_key(void* ctx) {
  const file_key_ctx* self = (const file_key_ctx*)ctx;
  return remove(self->path) == 0 ? NULL : confidant_error_new(CONFIDANT_CODE_IO, "cannot remove", 13);
}

static void file_key_destroy(void* ctx) {
  file_key_ctx* self = (file_key_ctx*)ctx;
  ++*self->destroyed;
  free(self);
}

static confidant_key_provider* c_file_key_provider(const char* path, int* destroyed) {
  confidant_key_provider_callbacks callbacks;
  confidant_key_provider* provider = NULL;
  file_key_ctx* ctx = (file_key_ctx*)calloc(1, sizeof *ctx);
  if (ctx == NULL) return NULL;
  snprintf(ctx->path, sizeof ctx->path, "%s", path);
  ctx->destroyed = destroyed;
  memset(&callbacks, 0, sizeof callbacks);
  callbacks.struct_size = sizeof callbacks;
  callbacks.ctx = ctx;
  callbacks.kind = "c-key-file";
  callbacks.wrap = file_key_wrap;
  callbacks.unwrap = file_key_unwrap;
  callbacks.destroy_key = file_key_destroy_key;
  callbacks.destroy = file_key_destroy;
  EXPECT_OK(confidant_key_provider_new_callbacks(&callbacks, &provider));
  return provider;
}

/* ---- Helpers ------------------------------------------------------------ */

static void write_key_file(const char* path, uint8_t fill) {
  uint8_t key[32];
  FILE* f = fopen(path, "wb");
  memset(key, fill, sizeof key);
  CHECK(f != NULL);
  if (f == NULL) return;
  CHECK(fwrite(key, 1, sizeof key, f) == sizeof key);
  fclose(f);
}

static int file_exists(const char* path) { return access(path, F_OK) == 0; }

/* Opens `dir` with `provider` (the options keep their own reference). */
static confidant_sdk* open_sdk(const char* dir, const confidant_key_provider* provider) {
  confidant_options* options = NULL;
  confidant_sdk* sdk = NULL;
  EXPECT_OK(confidant_options_new(&options));
  if (options == NULL) return NULL;
  EXPECT_OK(confidant_options_set_dir(options, dir));
  EXPECT_OK(confidant_options_set_key_provider(options, provider));
  EXPECT_OK(confidant_options_set_fixed_clock(options, kNow));
  EXPECT_OK(confidant_sdk_open(options, &sdk));
  confidant_options_free(options);
  return sdk;
}

/* Whether the JSON in `buffer` contains `needle`; releases the buffer. */
static int buffer_contains(confidant_buffer* buffer, const char* needle) {
  const int found = buffer->data != NULL && strlen((const char*)buffer->data) == buffer->len &&
                    strstr((const char*)buffer->data, needle) != NULL;
  if (!found) fprintf(stderr, "'%s' not in: %s\n", needle, buffer->data ? (const char*)buffer->data : "(null)");
  confidant_buffer_free(buffer);
  CHECK(buffer->data == NULL && buffer->len == 0);
  return found;
}

static void track(confidant_sdk* sdk, const char* json) { EXPECT_OK(confidant_sdk_track_json(sdk, json, strlen(json))); }

static void track_refused(confidant_sdk* sdk, const char* json, confidant_code code, const char* needle) {
  EXPECT_ERROR(confidant_sdk_track_json(sdk, json, strlen(json)), code, needle);
}

static void grant_purchases_and_browsing(confidant_sdk* sdk) {
  static const confidant_category categories[] = {CONFIDANT_CATEGORY_PURCHASES, CONFIDANT_CATEGORY_BROWSING};
  static const confidant_use uses[] = {CONFIDANT_USE_PERSONALIZE};
  static const char policy[] = "2026-11";
  static const char shown[] = "We use your orders to suggest your usual.";
  EXPECT_OK(confidant_sdk_grant(sdk, categories, 2, uses, 1, CONFIDANT_SOURCE_USER, policy, sizeof policy - 1, shown,
                                sizeof shown - 1));
}

/* A consent observer in plain C: counts events and its own release. Read
 * only after confidant_sdk_free, which ends the consent-event thread. */
struct consent_counter {
  int events;
  int last_sequence_ok;
  uint64_t last_sequence;
  int destroyed;
};

static void count_consent(void* ctx, const confidant_consent_event* event) {
  struct consent_counter* counter = (struct consent_counter*)ctx;
  counter->events++;
  if (event->sequence <= counter->last_sequence || event->struct_size != sizeof *event) counter->last_sequence_ok = 0;
  counter->last_sequence = event->sequence;
}

static void release_counter(void* ctx) { ((struct consent_counter*)ctx)->destroyed++; }

static const char kLatte[] =
    "{\"type\":\"order\",\"item\":\"latte-1\",\"categories\":[\"drinks/coffee/latte\"],\"attrs\":{\"milk\":\"oat\"}}";

/* ---- The scenarios ------------------------------------------------------ */

static void versions_and_codes(void) {
  confidant_error* unknown = confidant_error_new((confidant_code)99, "x", 1);
  CHECK(confidant_abi_version() == CONFIDANT_ABI_VERSION);
  CHECK(strlen(confidant_version()) > 0);
  CHECK(strcmp(confidant_code_name(CONFIDANT_CODE_WRONG_KEY), "wrong_key") == 0);
  CHECK(strcmp(confidant_code_name(CONFIDANT_CODE_NOT_PERMITTED), "not_permitted") == 0);
  CHECK(strcmp(confidant_code_name((confidant_code)99), "unknown") == 0);
  CHECK(confidant_error_code(unknown) == CONFIDANT_CODE_INTERNAL);
  CHECK(strstr(confidant_error_message(unknown), "99") != NULL);
  confidant_error_free(unknown);
}

static void with_c_key_provider(const char* base) {
  char dir[600], key_path[600], other_key_path[600];
  int destroyed = 0;
  confidant_key_provider* provider;
  confidant_key_provider* other;
  confidant_sdk* sdk;
  confidant_buffer out = {NULL, 0};
  confidant_consent_state states[CONFIDANT_CONSENT_PAIR_COUNT];
  confidant_stats stats;
  /* Signal JSON need not be NUL-terminated: only the given bytes are read. */
  static const char padded[] = "{\"type\":\"view\",\"item\":\"tea-1\",\"categories\":[\"drinks/tea\"]}GARBAGE";

  snprintf(dir, sizeof dir, "%s/c-provider", base);
  snprintf(key_path, sizeof key_path, "%s/c-provider.key", base);
  snprintf(other_key_path, sizeof other_key_path, "%s/other.key", base);
  write_key_file(key_path, 0x5a);
  write_key_file(other_key_path, 0xa5);

  provider = c_file_key_provider(key_path, &destroyed);
  other = c_file_key_provider(other_key_path, &destroyed);
  CHECK(provider != NULL && other != NULL);
  if (provider == NULL || other == NULL) return;

  sdk = open_sdk(dir, provider);
  CHECK(sdk != NULL);
  if (sdk == NULL) return;
  EXPECT_OK(confidant_sdk_wait_until_ready(sdk));
  grant_purchases_and_browsing(sdk);

  EXPECT_OK(confidant_sdk_consent_states(sdk, states, CONFIDANT_CONSENT_PAIR_COUNT));
  CHECK(states[CONFIDANT_CATEGORY_PURCHASES * CONFIDANT_USE_COUNT + CONFIDANT_USE_PERSONALIZE] ==
        CONFIDANT_CONSENT_GRANTED);
  CHECK(states[CONFIDANT_CATEGORY_SEARCH * CONFIDANT_USE_COUNT + CONFIDANT_USE_PERSONALIZE] ==
        CONFIDANT_CONSENT_UNKNOWN);

  track(sdk, kLatte);
  track(sdk, kLatte);
  EXPECT_OK(confidant_sdk_track_json(sdk, padded, sizeof padded - 1 - strlen("GARBAGE")));
  track_refused(sdk, "{\"type\":\"rate\",\"item\":\"latte-1\",\"rating\":9}", CONFIDANT_CODE_INVALID_ARGUMENT, "rating");
  track_refused(sdk, "{\"type\":\"view\",\"colour\":\"red\"}", CONFIDANT_CODE_INVALID_ARGUMENT, "colour");
  track_refused(sdk, "{\"type\":\"search\",\"query\":\"decaf\"}", CONFIDANT_CODE_NOT_PERMITTED, "search");
  EXPECT_OK(confidant_sdk_flush(sdk));

  EXPECT_OK(confidant_sdk_profile_json(sdk, &out));
  CHECK(buffer_contains(&out, "\"target\":\"drinks/coffee/latte\""));
  EXPECT_OK(confidant_sdk_consent_receipt_json(sdk, &out));
  CHECK(buffer_contains(&out, "2026-11"));
  EXPECT_OK(confidant_sdk_export_json(sdk, &out));
  CHECK(buffer_contains(&out, "confidant.export.v1"));
  EXPECT_OK(confidant_sdk_privacy_center_json(sdk, &out));
  CHECK(buffer_contains(&out, "\"id\":\"interest:drinks/coffee/latte\""));
  {
    static const char pause[] = "{\"id\":\"pause\",\"target\":{}}";
    EXPECT_OK(confidant_sdk_perform_privacy_action_json(sdk, pause, strlen(pause), &out));
    CHECK(buffer_contains(&out, "{\"id\":\"pause\"}"));
    EXPECT_ERROR(confidant_sdk_perform_privacy_action_json(sdk, "{\"id\":\"forget\"}", 15, &out),
                 CONFIDANT_CODE_INVALID_ARGUMENT, "target.target: required");
    static const char resume[] = "{\"id\":\"resume\"}";
    EXPECT_OK(confidant_sdk_perform_privacy_action_json(sdk, resume, strlen(resume), &out));
    CHECK(buffer_contains(&out, "{\"id\":\"resume\"}"));
  }
  {
    static const char candidates[] =
        "{\"id\":\"latte-1\",\"categories\":[\"drinks/coffee/latte\"],\"attrs\":{\"milk\":\"oat\"}}\n"
        "{\"id\":\"cake-1\",\"categories\":[\"food/cake\"],\"popularity\":0.9}\n";
    static const char request[] = "{\"limit\":5,\"moment\":\"morning_commute\"}";
    static const char bad[] = "[{\"id\":\"x\",\"popularity\":\"high\"}]";
    EXPECT_OK(confidant_sdk_rank_json(sdk, candidates, strlen(candidates), request, strlen(request), &out));
    CHECK(buffer_contains(&out, "{\"results\":[{\"id\":\"latte-1\""));
    EXPECT_OK(confidant_sdk_why_json(sdk, "cake-1", 6, &out));
    CHECK(buffer_contains(&out, "\"reasons\""));
    EXPECT_ERROR(confidant_sdk_rank_json(sdk, bad, strlen(bad), NULL, 0, &out), CONFIDANT_CODE_INVALID_ARGUMENT,
                 "candidates[0]: popularity");
    CHECK(out.data == NULL);
  }

  EXPECT_OK(confidant_sdk_stats(sdk, &stats, sizeof stats));
  CHECK(stats.accepted == 3);
  CHECK(stats.persisted == 3);
  CHECK(stats.rejected_invalid == 1); /* the bad rating; the unknown field never became a signal */
  EXPECT_OK(confidant_sdk_close(sdk));
  EXPECT_ERROR(confidant_sdk_flush(sdk), CONFIDANT_CODE_CLOSED, "");
  confidant_sdk_free(sdk);

  /* Another key file: the store does not open, and says why with code 2. */
  sdk = open_sdk(dir, other);
  if (sdk != NULL) {
    EXPECT_ERROR(confidant_sdk_wait_until_ready(sdk), CONFIDANT_CODE_WRONG_KEY, "did not wrap");
    EXPECT_ERROR(confidant_sdk_profile_json(sdk, &out), CONFIDANT_CODE_WRONG_KEY, "");
    confidant_sdk_free(sdk);
  }

  /* The right key again: everything is still there; then erase it all,
   * the provider's key file included (destroy_key). */
  sdk = open_sdk(dir, provider);
  if (sdk != NULL) {
    EXPECT_OK(confidant_sdk_profile_json(sdk, &out));
    CHECK(buffer_contains(&out, "drinks/tea"));
    EXPECT_OK(confidant_sdk_erase(sdk));
    CHECK(!file_exists(key_path));
    CHECK(file_exists(other_key_path));
    track_refused(sdk, kLatte, CONFIDANT_CODE_CLOSED, "");
    confidant_sdk_free(sdk);
  }

  /* Each context is destroyed exactly once, when its last user lets go. */
  CHECK(destroyed == 0);
  confidant_key_provider_free(provider);
  confidant_key_provider_free(other);
  CHECK(destroyed == 2);
}

static void with_builtin_key_file(const char* base) {
  char dir[600], key_path[600], wrong_path[600];
  confidant_key_provider* provider = NULL;
  confidant_key_provider* wrong = NULL;
  confidant_key_provider* missing = NULL;
  confidant_sdk* sdk;
  confidant_buffer out = {NULL, 0};
  static const char like_words[] = "I love a flat white";
  struct consent_counter counter = {0, 1, 0, 0};

  snprintf(dir, sizeof dir, "%s/builtin", base);
  snprintf(key_path, sizeof key_path, "%s/builtin.key", base);
  snprintf(wrong_path, sizeof wrong_path, "%s/wrong.key", base);
  EXPECT_OK(confidant_key_provider_new_key_file(key_path, true, &provider));
  EXPECT_OK(confidant_key_provider_new_key_file(wrong_path, true, &wrong));
  EXPECT_ERROR(confidant_key_provider_new_key_file(dir, false, &missing), CONFIDANT_CODE_IO, "key file");
  CHECK(missing == NULL); /* a failed call leaves its output NULL */
  if (provider == NULL || wrong == NULL) return;

  sdk = open_sdk(dir, provider);
  if (sdk == NULL) return;
  EXPECT_OK(confidant_sdk_wait_until_ready(sdk));
  {
    confidant_consent_observer observer;
    uint64_t id = 0;
    observer.struct_size = sizeof observer;
    observer.ctx = &counter;
    observer.on_consent = count_consent;
    observer.destroy = release_counter;
    EXPECT_OK(confidant_sdk_add_consent_observer(sdk, &observer, &id));
    CHECK(id != 0);
  }
  EXPECT_ERROR(confidant_sdk_prefer(sdk, CONFIDANT_PREFERENCE_LIKE, "drinks/coffee", 13, like_words,
                                    sizeof like_words - 1),
               CONFIDANT_CODE_NOT_PERMITTED, "preferences");
  {
    static const confidant_category preferences[] = {CONFIDANT_CATEGORY_PREFERENCES};
    static const confidant_use personalize[] = {CONFIDANT_USE_PERSONALIZE};
    EXPECT_OK(confidant_sdk_grant(sdk, preferences, 1, personalize, 1, CONFIDANT_SOURCE_APP_DEFAULT, NULL, 0, NULL, 0));
  }
  grant_purchases_and_browsing(sdk);
  EXPECT_OK(confidant_sdk_prefer(sdk, CONFIDANT_PREFERENCE_LIKE, "drinks/coffee", 13, like_words,
                                 sizeof like_words - 1));
  track(sdk, kLatte);
  EXPECT_OK(confidant_sdk_flush(sdk));
  EXPECT_OK(confidant_sdk_profile_json(sdk, &out));
  CHECK(buffer_contains(&out, like_words));
  EXPECT_OK(confidant_sdk_forget(sdk, "drinks/coffee", 13));
  EXPECT_OK(confidant_sdk_set_paused(sdk, true));
  track_refused(sdk, kLatte, CONFIDANT_CODE_NOT_PERMITTED, "");
  EXPECT_OK(confidant_sdk_profile_json(sdk, &out));
  CHECK(buffer_contains(&out, "\"paused\":true"));
  confidant_sdk_free(sdk); /* free without close: closes on the way */
  CHECK(counter.events == 3); /* preferences, then purchases and browsing: one per pair */
  CHECK(counter.last_sequence_ok);
  CHECK(counter.destroyed == 1);

  sdk = open_sdk(dir, wrong);
  if (sdk != NULL) {
    EXPECT_ERROR(confidant_sdk_wait_until_ready(sdk), CONFIDANT_CODE_WRONG_KEY, "");
    confidant_sdk_free(sdk);
  }

  sdk = open_sdk(dir, provider);
  if (sdk != NULL) {
    EXPECT_OK(confidant_sdk_wait_until_ready(sdk));
    EXPECT_OK(confidant_sdk_erase(sdk));
    confidant_sdk_free(sdk);
  }
  CHECK(!file_exists(key_path));
  confidant_key_provider_free(provider);
  confidant_key_provider_free(wrong);
}

static int remove_entry(const char* path, const struct stat* st, int flag, struct FTW* ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

int main(void) {
  char base[] = "/tmp/confidant-capi-c-XXXXXX";
  if (mkdtemp(base) == NULL) {
    perror("mkdtemp");
    return 1;
  }
  versions_and_codes();
  with_c_key_provider(base);
  with_builtin_key_file(base);
  nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("c_smoke: all checks passed\n");
  return 0;
}
