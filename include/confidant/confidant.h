/*
 * confidant.h: the C ABI of Confidant, for hosts that cannot use the C++ API
 * (the Swift package, the JNI library, any FFI). It is a thin skin over
 * confidant/sdk.hpp: same behaviour, same errors, same JSON documents.
 * docs/capi.md gives the rules in one place; the essentials:
 *
 * Ownership. Every object is an opaque handle created by a `_new` or `_open`
 * call and released by its own `_free` call; `_free(NULL)` is a no-op. Output
 * bytes arrive in a confidant_buffer the caller releases with
 * confidant_buffer_free(). Inputs are borrowed for the duration of the call
 * only: nothing keeps a caller's pointer, except host callback contexts
 * (`ctx`), which the SDK owns from the moment it is handed one and releases
 * through the vtable's `destroy` exactly once.
 *
 * Errors. Every call that can fail returns a confidant_error* : NULL on
 * success, otherwise an error the caller must release with
 * confidant_error_free(). Its code is one of the stable numbers of
 * confidant_code (never renumbered; new ones are appended) and its message is
 * English, names the field at fault, is valid UTF-8 and contains no NUL.
 * Passing NULL where a parameter is non-null is reported as
 * CONFIDANT_CODE_INVALID_ARGUMENT naming the parameter, never a crash. No C++
 * exception ever crosses this boundary.
 *
 * Strings. Names (file paths, a key provider's kind) are NUL-terminated
 * UTF-8. Data (signal JSON, targets, the person's own words, passphrases) is
 * UTF-8 with an explicit byte length and need not be NUL-terminated, so hosts
 * can pass the bytes of their own string types without copying.
 *
 * Threads. An open confidant_sdk may be used from any thread, concurrently,
 * exactly like the C++ Sdk (see sdk.hpp): track is non-blocking, the other
 * calls run on the SDK's worker and block until done, so make them off the UI
 * thread. Other handles (options, key providers) are not synchronised: use
 * each from one thread at a time. A `_free` call must not race any other call
 * on the same handle.
 *
 * Versioning. CONFIDANT_ABI_VERSION changes only when a declaration here
 * changes incompatibly; compare it with confidant_abi_version() at start-up.
 * What grows without breaking compiled hosts: new functions; new values of
 * an enum; new trailing fields of confidant_stats (filled up to the size the
 * host passes); new trailing hooks of the host callback structs, which open
 * with `struct_size`: the host sets it to sizeof the struct it was compiled
 * with, and a hook beyond that size is treated as absent (NULL), so a host
 * built against an older, shorter struct keeps working and a host built
 * against a newer, longer one passes hooks this library ignores.
 */
#ifndef CONFIDANT_CONFIDANT_H
#define CONFIDANT_CONFIDANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Portability macros ------------------------------------------------ */

/* Clang's nullability qualifiers let Swift import non-optional types. GCC
 * does not know them, so they vanish there. */
#if defined(__clang__)
#define CONFIDANT_NONNULL _Nonnull
#define CONFIDANT_NULLABLE _Nullable
#define CONFIDANT_ASSUME_NONNULL_BEGIN                                   \
  _Pragma("clang diagnostic push")                                       \
  _Pragma("clang diagnostic ignored \"-Wnullability-extension\"")        \
  _Pragma("clang assume_nonnull begin")
#define CONFIDANT_ASSUME_NONNULL_END \
  _Pragma("clang assume_nonnull end") \
  _Pragma("clang diagnostic pop")
#else
#define CONFIDANT_NONNULL
#define CONFIDANT_NULLABLE
#define CONFIDANT_ASSUME_NONNULL_BEGIN
#define CONFIDANT_ASSUME_NONNULL_END
#endif

/* Swift imports an enum marked this way as a Swift enum (non-frozen: a
 * newer library may add cases, so switches need `@unknown default`). */
#if defined(__clang__) && defined(__has_attribute)
#if __has_attribute(enum_extensibility)
#define CONFIDANT_ENUM_ATTR __attribute__((enum_extensibility(open)))
#endif
#endif
#ifndef CONFIDANT_ENUM_ATTR
#define CONFIDANT_ENUM_ATTR
#endif

/* A C host may pass any int where an enum is expected. To C++ (this
 * library) an enum without a fixed type cannot hold numbers past its
 * enumerators' range, so reading one would be undefined behaviour before it
 * could be refused; with `int` fixed it is just a number to check. Size and
 * calling convention are those of the C enum, an int. */
#ifdef __cplusplus
#define CONFIDANT_ENUM_BASE : int
#else
#define CONFIDANT_ENUM_BASE
#endif

/* An ignored error is a silently lost signal or consent decision. */
#if defined(__GNUC__) || defined(__clang__)
#define CONFIDANT_MUST_USE __attribute__((warn_unused_result))
#define CONFIDANT_C_API __attribute__((visibility("default")))
#else
#define CONFIDANT_MUST_USE
#define CONFIDANT_C_API
#endif

/* Every entry point catches everything; C++ callers may rely on it. */
#ifdef __cplusplus
#define CONFIDANT_NOEXCEPT noexcept
#else
#define CONFIDANT_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

CONFIDANT_ASSUME_NONNULL_BEGIN

/* ---- Versions ---------------------------------------------------------- */

/* The ABI this header describes. Bumped on any incompatible change to a
 * declaration below; additions (new functions, new enum values, new fields
 * at the end of confidant_stats) do not bump it. */
#define CONFIDANT_ABI_VERSION 1

/* The ABI the loaded library implements; a host built against this header
 * should refuse to run when it differs from CONFIDANT_ABI_VERSION.
 * Thread-safe; never fails. */
CONFIDANT_C_API uint32_t confidant_abi_version(void) CONFIDANT_NOEXCEPT;

/* The library's release, e.g. "0.1.0": static storage, never freed.
 * Thread-safe; never fails. */
CONFIDANT_C_API const char* confidant_version(void) CONFIDANT_NOEXCEPT;

/* ---- Errors ------------------------------------------------------------ */

/* Stable numbers, shared with the C++ ErrorCode (status.hpp) and the CLI.
 * Never renumbered; new codes are appended. One per line, `NAME = number`:
 * the bindings' CI check reads them from here. */
typedef enum CONFIDANT_ENUM_ATTR confidant_code CONFIDANT_ENUM_BASE {
  CONFIDANT_CODE_OK = 0,                /* success; never carried by an error object */
  CONFIDANT_CODE_INVALID_ARGUMENT = 1,  /* a caller-supplied value is malformed; the message names it */
  CONFIDANT_CODE_WRONG_KEY = 2,         /* the key provider could not unwrap the store's data key */
  CONFIDANT_CODE_TAMPERED = 3,          /* stored data failed authentication (corrupt or altered) */
  CONFIDANT_CODE_NOT_A_STORE = 4,       /* the file is not a Confidant store */
  CONFIDANT_CODE_IO = 5,                /* the operating system refused a read, write or sync */
  CONFIDANT_CODE_BUSY = 6,              /* another handle holds the store, or the signal queue is full */
  CONFIDANT_CODE_INTERNAL = 7,          /* a bug (or a host callback that threw); report the message */
  CONFIDANT_CODE_UNSUPPORTED = 8,       /* a format version or feature this build does not have */
  CONFIDANT_CODE_CLOSED = 9,            /* the SDK was closed or erased */
  CONFIDANT_CODE_NOT_PERMITTED = 10     /* consent does not allow it (or paused); nothing was kept */
} confidant_code;

/* An error: a code and a message. Immutable; may be read from any thread. */
typedef struct confidant_error confidant_error;

/* The error's code; CONFIDANT_CODE_INVALID_ARGUMENT for a NULL error. */
CONFIDANT_C_API confidant_code confidant_error_code(const confidant_error* CONFIDANT_NULLABLE error) CONFIDANT_NOEXCEPT;

/* The error's message: NUL-terminated UTF-8, owned by the error and valid
 * until confidant_error_free(). "" for a NULL error. */
CONFIDANT_C_API const char* confidant_error_message(const confidant_error* CONFIDANT_NULLABLE error) CONFIDANT_NOEXCEPT;

/* Releases an error. NULL is a no-op. */
CONFIDANT_C_API void confidant_error_free(confidant_error* CONFIDANT_NULLABLE error) CONFIDANT_NOEXCEPT;

/* Creates an error, for host callbacks that must report one (a keystore
 * that is locked, say). `message` is `message_len` bytes of UTF-8 (invalid
 * bytes become U+FFFD); NULL with length 0 means no message. A code that is
 * not a known error code (CONFIDANT_CODE_OK included) becomes
 * CONFIDANT_CODE_INTERNAL, with the number in the message. Never returns
 * NULL (out of memory yields a shared static error, which
 * confidant_error_free() accepts too). Thread-safe. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* confidant_error_new(confidant_code code,
                                                                       const char* CONFIDANT_NULLABLE message,
                                                                       size_t message_len) CONFIDANT_NOEXCEPT;

/* The short name of a code, e.g. "wrong_key" (the C++ error_code_name and
 * the name the CLI prints); "unknown" for a number that is not a code.
 * Static storage. Thread-safe. */
CONFIDANT_C_API const char* confidant_code_name(confidant_code code) CONFIDANT_NOEXCEPT;

/* ---- Owned output bytes ------------------------------------------------ */

/* Bytes the library allocated for the caller. `data` holds `len` bytes
 * followed by a NUL (not counted in `len`), so JSON can be read as a C
 * string; `data` is NULL exactly when nothing was returned. Release with
 * confidant_buffer_free(), never with free(). A function that writes a
 * buffer overwrites it without releasing what it held, and leaves it
 * {NULL, 0} when it fails. */
typedef struct confidant_buffer {
  uint8_t* CONFIDANT_NULLABLE data;
  size_t len;
} confidant_buffer;

/* Overwrites the bytes with zeros (they often hold personal data), releases
 * them and resets the buffer to {NULL, 0}. NULL or an empty buffer is a
 * no-op; calling it twice is harmless. */
CONFIDANT_C_API void confidant_buffer_free(confidant_buffer* CONFIDANT_NULLABLE buffer) CONFIDANT_NOEXCEPT;

/* ---- Consent vocabulary (names as in consent.hpp and docs/consent.md) -- */

typedef enum CONFIDANT_ENUM_ATTR confidant_category CONFIDANT_ENUM_BASE {
  CONFIDANT_CATEGORY_PREFERENCES = 0,
  CONFIDANT_CATEGORY_BROWSING = 1,
  CONFIDANT_CATEGORY_SEARCH = 2,
  CONFIDANT_CATEGORY_PURCHASES = 3,
  CONFIDANT_CATEGORY_LOCATION = 4,
  CONFIDANT_CATEGORY_SENSITIVE = 5
} confidant_category;
#define CONFIDANT_CATEGORY_COUNT 6

typedef enum CONFIDANT_ENUM_ATTR confidant_use CONFIDANT_ENUM_BASE {
  CONFIDANT_USE_PERSONALIZE = 0,
  CONFIDANT_USE_SHARE = 1
} confidant_use;
#define CONFIDANT_USE_COUNT 2

typedef enum CONFIDANT_ENUM_ATTR confidant_consent_state CONFIDANT_ENUM_BASE {
  CONFIDANT_CONSENT_UNKNOWN = 0, /* never decided: behaves exactly as denied */
  CONFIDANT_CONSENT_GRANTED = 1,
  CONFIDANT_CONSENT_DENIED = 2
} confidant_consent_state;

/* Who made a consent decision. */
typedef enum CONFIDANT_ENUM_ATTR confidant_consent_source CONFIDANT_ENUM_BASE {
  CONFIDANT_SOURCE_USER = 0,        /* the person, on a consent screen */
  CONFIDANT_SOURCE_APP_DEFAULT = 1, /* the app, before any screen was shown */
  CONFIDANT_SOURCE_CMP = 2          /* the app's CMP, through confidant_sdk_apply_cmp_json only
                                       (grant and deny refuse it) */
} confidant_consent_source;

/* (category, use) pairs are numbered category-major:
 * index = category * CONFIDANT_USE_COUNT + use. New categories are appended,
 * so an index keeps its meaning; a new use would renumber the pairs and so
 * bumps CONFIDANT_ABI_VERSION. */
#define CONFIDANT_CONSENT_PAIR_COUNT (CONFIDANT_CATEGORY_COUNT * CONFIDANT_USE_COUNT)

typedef enum CONFIDANT_ENUM_ATTR confidant_preference_kind CONFIDANT_ENUM_BASE {
  CONFIDANT_PREFERENCE_LIKE = 0,
  CONFIDANT_PREFERENCE_DISLIKE = 1,
  CONFIDANT_PREFERENCE_BLOCK = 2   /* "don't personalize this" */
} confidant_preference_kind;

typedef enum CONFIDANT_ENUM_ATTR confidant_log_level CONFIDANT_ENUM_BASE {
  CONFIDANT_LOG_DEBUG = 0,
  CONFIDANT_LOG_INFO = 1,
  CONFIDANT_LOG_WARNING = 2,
  CONFIDANT_LOG_ERROR = 3
} confidant_log_level;

/* ---- Host callbacks ---------------------------------------------------- */
/*
 * Each seam the host implements is a vtable: a context pointer, the
 * functions, and `destroy`. The struct itself is copied when it is handed
 * over (the caller may reuse its memory); the context is owned by the SDK
 * from then on, even when the call that took it fails, and `destroy(ctx)`
 * (when not NULL) runs exactly once, on whichever thread drops the last
 * reference: a `_free` call, or the SDK's worker as it shuts down. No other
 * function of the vtable runs during or after `destroy`.
 *
 * A callback must not call back into the SDK (the consent observer, which
 * runs on a thread of its own, excepted). What it does wrong becomes an
 * error, never a crash: a length out of range is
 * CONFIDANT_CODE_INVALID_ARGUMENT naming the callback, an error with an
 * unknown code becomes CONFIDANT_CODE_INTERNAL, and a C++ exception thrown
 * through a callback is caught (CONFIDANT_CODE_INTERNAL) when host and
 * library share one C++ runtime (builds against the system's libraries,
 * Apple platforms). A library with its own static C++ runtime (the bundled
 * builds for Linux and Android) cannot catch it: there, as for any C
 * function, a callback must not let an exception escape.
 *
 * Every vtable opens with `struct_size`: set it to sizeof the struct (e.g.
 * `confidant_transport t = {sizeof t, ctx, send, destroy};`). Hooks past
 * `struct_size` are absent; a size too small to reach the required hooks
 * is CONFIDANT_CODE_INVALID_ARGUMENT ("transport.struct_size: ..."), and
 * then nothing else is read: the context stays the host's.
 */

/* The largest wrapped key the store can hold (bytes). */
#define CONFIDANT_MAX_WRAPPED_KEY_BYTES 900
/* The store's data key (bytes). */
#define CONFIDANT_DATA_KEY_BYTES 32
/* A key provider's kind: 1..32 printable ASCII characters, no spaces. */
#define CONFIDANT_MAX_KIND_BYTES 32

/* Wraps the store's data key with a key the host controls (the iOS
 * Keychain, the Android Keystore). Called on the SDK's worker thread while
 * a store opens, is created or erased, one call at a time.
 * Each function returns NULL on success or an error made with
 * confidant_error_new(), which the SDK takes ownership of. */
typedef struct confidant_key_provider_callbacks {
  size_t struct_size; /* sizeof(confidant_key_provider_callbacks), as the host was compiled */
  void* CONFIDANT_NULLABLE ctx;
  /* Recorded beside the wrapped key (e.g. "keychain"), copied when the
   * provider is created: a store only opens with a provider of the kind that
   * created it. 1..CONFIDANT_MAX_KIND_BYTES printable ASCII, no spaces. */
  const char* kind;
  /* Encrypts the `data_key_len` (= CONFIDANT_DATA_KEY_BYTES) bytes of
   * `data_key`, binding `context` (the store's id; authenticate it as
   * associated data), into `out`, which has room for `out_capacity`
   * (= CONFIDANT_MAX_WRAPPED_KEY_BYTES) bytes; sets `*out_len` to 1..capacity. */
  confidant_error* CONFIDANT_NULLABLE (*CONFIDANT_NONNULL wrap)(void* CONFIDANT_NULLABLE ctx, const uint8_t* data_key,
                                              size_t data_key_len, const uint8_t* context, size_t context_len,
                                              uint8_t* out, size_t out_capacity, size_t* out_len);
  /* Reverses wrap: writes the data key into `out` (room for `out_capacity` =
   * CONFIDANT_DATA_KEY_BYTES) and sets `*out_len` to exactly that. Return an
   * error with CONFIDANT_CODE_WRONG_KEY when the bytes do not authenticate
   * under this provider's key (another device, a reset keystore). */
  confidant_error* CONFIDANT_NULLABLE (*CONFIDANT_NONNULL unwrap)(void* CONFIDANT_NULLABLE ctx, const uint8_t* wrapped,
                                                size_t wrapped_len, const uint8_t* context, size_t context_len,
                                                uint8_t* out, size_t out_capacity, size_t* out_len);
  /* Optional: deletes the wrapping key itself (the keystore entry), called by
   * confidant_sdk_erase() so copies of the store taken earlier cannot be
   * opened either. NULL: there is nothing to delete. */
  confidant_error* CONFIDANT_NULLABLE (*CONFIDANT_NULLABLE destroy_key)(void* CONFIDANT_NULLABLE ctx);
  /* Optional: releases `ctx` (see above). */
  void (*CONFIDANT_NULLABLE destroy)(void* CONFIDANT_NULLABLE ctx);
} confidant_key_provider_callbacks;

/* Receives the SDK's log lines. Called on the SDK's worker thread only, with
 * no SDK lock held. `message` is `message_len` bytes of UTF-8 followed by a
 * NUL, valid during the call only; it never contains signal contents, the
 * person's words or keys. */
typedef struct confidant_logger {
  size_t struct_size; /* sizeof(confidant_logger), as the host was compiled */
  void* CONFIDANT_NULLABLE ctx;
  void (*CONFIDANT_NONNULL log)(void* CONFIDANT_NULLABLE ctx, confidant_log_level level, const char* message, size_t message_len);
  void (*CONFIDANT_NULLABLE destroy)(void* CONFIDANT_NULLABLE ctx);
} confidant_logger;

/* The SDK's only source of time. Called from any thread (the caller's in
 * track and prefer, the worker's otherwise), concurrently: it must be
 * thread-safe. Returns Unix time in milliseconds (UTC). If it throws, the
 * SDK uses the system clock for that reading. */
typedef struct confidant_clock {
  size_t struct_size; /* sizeof(confidant_clock), as the host was compiled */
  void* CONFIDANT_NULLABLE ctx;
  int64_t (*CONFIDANT_NONNULL now_ms)(void* CONFIDANT_NULLABLE ctx);
  void (*CONFIDANT_NULLABLE destroy)(void* CONFIDANT_NULLABLE ctx);
} confidant_clock;

/* One header of an HTTP request or response: UTF-8 bytes, not
 * NUL-terminated. */
typedef struct confidant_http_header {
  const char* name;
  size_t name_len;
  const char* value;
  size_t value_len;
} confidant_http_header;

/* One HTTP request for sync (docs/sync.md). Everything is valid during the
 * send call only. `method` and `url` are NUL-terminated. */
typedef struct confidant_http_request {
  const char* method;
  const char* url;
  const confidant_http_header* CONFIDANT_NULLABLE headers;
  size_t headers_len;
  const uint8_t* CONFIDANT_NULLABLE body;
  size_t body_len;
  int64_t timeout_ms; /* give up (and return an error) after this long */
} confidant_http_request;

/* Where the host puts the response: filled with the confidant_http_response_*
 * functions below during the send call (the SDK owns the memory). */
typedef struct confidant_http_response confidant_http_response;

/* Sends one HTTP request: the host's HTTP stack (URLSession,
 * HttpURLConnection, or a relay). Queueing, retries, backoff and give-up
 * rules are the SDK's. Called on the SDK's worker thread, one request at a
 * time, with no SDK lock held; it may block up to request->timeout_ms.
 * Returns NULL with the response filled for ANY HTTP status (4xx and 5xx
 * included), or an error made with confidant_error_new() (which the SDK
 * takes) when no response arrived: CONFIDANT_CODE_IO for a network failure
 * or a timeout (the report is retried later). A status outside 100..599 is
 * treated as no response. */
typedef struct confidant_transport {
  size_t struct_size; /* sizeof(confidant_transport), as the host was compiled */
  void* CONFIDANT_NULLABLE ctx;
  confidant_error* CONFIDANT_NULLABLE (*CONFIDANT_NONNULL send)(void* CONFIDANT_NULLABLE ctx,
                                                                 const confidant_http_request* request,
                                                                 confidant_http_response* response);
  void (*CONFIDANT_NULLABLE destroy)(void* CONFIDANT_NULLABLE ctx);
} confidant_transport;

/* Fill a response, during the send call only. */
CONFIDANT_C_API void confidant_http_response_set_status(confidant_http_response* response,
                                                        int32_t status) CONFIDANT_NOEXCEPT;
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_http_response_add_header(
    confidant_http_response* response, const char* name, size_t name_len, const char* value,
    size_t value_len) CONFIDANT_NOEXCEPT;
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_http_response_set_body(
    confidant_http_response* response, const uint8_t* CONFIDANT_NULLABLE body, size_t body_len) CONFIDANT_NOEXCEPT;

/* ---- Key providers ----------------------------------------------------- */

/* A key provider handle. It may be given to several options objects (each
 * keeps its own reference) and freed right after: the SDK keeps the provider
 * alive as long as it needs it. */
typedef struct confidant_key_provider confidant_key_provider;

/* A provider over host callbacks (copied; `callbacks->ctx` is owned by the
 * SDK from now on, see "Host callbacks"). CONFIDANT_CODE_INVALID_ARGUMENT
 * for a missing wrap/unwrap or a malformed kind, after destroying ctx. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_key_provider_new_callbacks(
    const confidant_key_provider_callbacks* callbacks, confidant_key_provider* CONFIDANT_NULLABLE* CONFIDANT_NONNULL out) CONFIDANT_NOEXCEPT;

/* A 32-byte wrapping key in the file at `path` (NUL-terminated), created
 * with mode 0600 when absent and `create_if_missing`. For desktop tools and
 * tests. confidant_sdk_erase() overwrites and removes the file. Kind
 * "key-file". Fails with the code of the C++ make_key_file_provider. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_key_provider_new_key_file(
    const char* path, bool create_if_missing, confidant_key_provider* CONFIDANT_NULLABLE* CONFIDANT_NONNULL out) CONFIDANT_NOEXCEPT;

/* A wrapping key derived from a passphrase (`passphrase_len` bytes) with
 * Argon2id. `ops_limit` / `mem_limit_bytes` of 0 mean the defaults (2 passes,
 * 64 MiB). Opening then takes a noticeable fraction of a second. Kind
 * "passphrase". */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_key_provider_new_passphrase(
    const char* passphrase, size_t passphrase_len, uint64_t ops_limit, uint64_t mem_limit_bytes,
    confidant_key_provider* CONFIDANT_NULLABLE* CONFIDANT_NONNULL out) CONFIDANT_NOEXCEPT;

/* A random wrapping key held in process memory: a store made with it cannot
 * be reopened once the provider is gone. For tests. Kind "memory". */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_key_provider_new_in_memory(
    confidant_key_provider* CONFIDANT_NULLABLE* CONFIDANT_NONNULL out) CONFIDANT_NOEXCEPT;

/* Releases the caller's reference. NULL is a no-op. */
CONFIDANT_C_API void confidant_key_provider_free(confidant_key_provider* CONFIDANT_NULLABLE provider) CONFIDANT_NOEXCEPT;

/* ---- Options ----------------------------------------------------------- */

/* Everything confidant_sdk_open needs. Defaults as in sdk.hpp's Options.
 * Setters only store values; confidant_sdk_open checks them and names the
 * bad one. Use from one thread at a time. */
typedef struct confidant_options confidant_options;

CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_new(
    confidant_options* CONFIDANT_NULLABLE* CONFIDANT_NONNULL out) CONFIDANT_NOEXCEPT;
/* Releases the options and their references (an SDK opened with them keeps
 * its own). NULL is a no-op. */
CONFIDANT_C_API void confidant_options_free(confidant_options* CONFIDANT_NULLABLE options) CONFIDANT_NOEXCEPT;

/* Required: the directory the SDK owns (NUL-terminated path; created if
 * missing). Use app-private storage excluded from backups. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_dir(
    confidant_options* options, const char* dir) CONFIDANT_NOEXCEPT;
/* Required: the provider that wraps the store's data key (a new reference is
 * taken; the caller still frees its own). */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_key_provider(
    confidant_options* options, const confidant_key_provider* provider) CONFIDANT_NOEXCEPT;
/* Default: no logging. `logger` is copied and its ctx owned from now on. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_logger(
    confidant_options* options, const confidant_logger* logger) CONFIDANT_NOEXCEPT;
/* Default: the system clock. `clock` is copied and its ctx owned from now on. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_clock(
    confidant_options* options, const confidant_clock* clock) CONFIDANT_NOEXCEPT;
/* A clock that always answers `unix_ms`: reproducible demos and tests. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_fixed_clock(
    confidant_options* options, int64_t unix_ms) CONFIDANT_NOEXCEPT;
/* Default 10000: signals waiting for the worker before track reports BUSY. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_queue_capacity(
    confidant_options* options, size_t signals) CONFIDANT_NOEXCEPT;
/* Default 1024 signals / 250 ms: the worker persists a batch at whichever
 * comes first. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_batch_size(
    confidant_options* options, size_t signals) CONFIDANT_NOEXCEPT;
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_flush_interval_ms(
    confidant_options* options, int64_t milliseconds) CONFIDANT_NOEXCEPT;
/* Default 90: raw signals are kept this long, then folded into the profile. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_retention_days(
    confidant_options* options, int32_t days) CONFIDANT_NOEXCEPT;
/* Sync (docs/sync.md). The brand's Ed25519 signing public key, 64 hex digits
 * (NUL-terminated), pinned in the app. Default: none, so no brand config can
 * be installed and nothing is ever shared. Checked by confidant_sdk_open. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_brand_signing_key(
    confidant_options* options, const char* key_hex) CONFIDANT_NOEXCEPT;
/* Where reports are POSTed (the collector's /v1/reports). Default: none;
 * reports are then queued and not sent. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_sync_url(
    confidant_options* options, const char* url) CONFIDANT_NOEXCEPT;
/* Default: none. `transport` is copied and its ctx owned from now on. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_options_set_transport(
    confidant_options* options, const confidant_transport* transport) CONFIDANT_NOEXCEPT;

/* ---- The SDK ----------------------------------------------------------- */

/* An open SDK: safe to use from any thread (see the top of this file). */
typedef struct confidant_sdk confidant_sdk;

/* Checks the options, starts the SDK's worker and returns at once; the store
 * opens in the background (confidant_sdk_wait_until_ready). The options are
 * copied: free them whenever convenient. Store errors (WRONG_KEY, TAMPERED,
 * NOT_A_STORE, IO) arrive from confidant_sdk_wait_until_ready and every later
 * call; confidant_sdk_erase still works then. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_open(
    const confidant_options* options, confidant_sdk* CONFIDANT_NULLABLE* CONFIDANT_NONNULL out) CONFIDANT_NOEXCEPT;

/* Persists what is queued, closes and releases the SDK; blocks until the
 * worker has stopped. No other call on `sdk` may be running or made after.
 * NULL is a no-op. */
CONFIDANT_C_API void confidant_sdk_free(confidant_sdk* CONFIDANT_NULLABLE sdk) CONFIDANT_NOEXCEPT;

/* Blocks until the store is open; returns why it could not be. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_wait_until_ready(
    confidant_sdk* sdk) CONFIDANT_NOEXCEPT;

/* Records a decision for every (category, use) pair of the two lists, one
 * ledger record each. `policy_version` (`policy_version_len` bytes; NULL and
 * 0 for the default "1") is the version of the policy or screen shown;
 * `shown_text` (NULL and 0 when none) the text the person saw, of which only
 * a SHA-256 is kept. A deny purges the category's signals and their effect on
 * the profile before it returns. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_grant(
    confidant_sdk* sdk, const confidant_category* categories, size_t category_count, const confidant_use* uses,
    size_t use_count, confidant_consent_source source, const char* CONFIDANT_NULLABLE policy_version,
    size_t policy_version_len, const char* CONFIDANT_NULLABLE shown_text, size_t shown_text_len) CONFIDANT_NOEXCEPT;
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_deny(
    confidant_sdk* sdk, const confidant_category* categories, size_t category_count, const confidant_use* uses,
    size_t use_count, confidant_consent_source source, const char* CONFIDANT_NULLABLE policy_version,
    size_t policy_version_len, const char* CONFIDANT_NULLABLE shown_text, size_t shown_text_len) CONFIDANT_NOEXCEPT;

/* Writes the current state of the first `count` pairs (numbered as
 * described at CONFIDANT_CONSENT_PAIR_COUNT) into `states`; slots past the
 * pairs this library knows are set to CONFIDANT_CONSENT_UNKNOWN. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_consent_states(
    confidant_sdk* sdk, confidant_consent_state* states, size_t count) CONFIDANT_NOEXCEPT;

/* The consent receipt: one JSON object (format "confidant.consent.v1",
 * docs/consent.md) with every ledger record, whether the hash chain
 * verifies, and the current states. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_consent_receipt_json(
    confidant_sdk* sdk, confidant_buffer* out) CONFIDANT_NOEXCEPT;

/* Applies what the app's consent-management platform collected
 * (Sdk::apply_cmp in sdk.hpp, cmp.hpp; docs/consent.md has the mapping):
 * `json` (`json_len` bytes) is one JSON object, every member optional,
 *   {"iabtcf":{"IABTCF_gdprApplies":1,"IABTCF_TCString":"CQ..."},
 *    "consent_mode":{"ad_storage":"granted","ad_user_data":"denied",...},
 *    "tc_string":"CQ...", "vendor_id":755}
 * ("iabtcf": the IABTCF_ values as the CMP stored them, strings or
 * integers; "tc_string": short for iabtcf.IABTCF_TCString; "vendor_id": the
 * brand's IAB vendor id, 0 or absent for none). The decisions are recorded
 * with source "cmp" and withdrawals purged before it returns; when the state
 * is the one applied last nothing is recorded, so the person's later choices
 * stand. `out` receives
 *   {"applied":true,"cmp_hash":"<sha-256 hex>","policy_version":"tcf:policy=5,...",
 *    "decisions":{"preferences":{"personalize":"granted","share":"withdrawn"},...},
 *    "states":{"preferences":{"personalize":"granted","share":"denied"},...}}
 * with "none" for a pair the CMP leaves alone. INVALID_ARGUMENT names the
 * field ("IABTCF_TCString.vendorConsents.maxVendorId: truncated ...",
 * "consent_mode.ad_storage: ..."), UNSUPPORTED for a TC string version other
 * than 2; either way nothing is applied. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_apply_cmp_json(
    confidant_sdk* sdk, const char* json, size_t json_len, confidant_buffer* out) CONFIDANT_NOEXCEPT;

/* ---- Consent events (consent_events.hpp, docs/consent.md) ------------- */

/* One consent change: one ledger record, whatever made it (grant, deny,
 * apply_cmp). Filled by the library and valid during the callback only.
 * Fields are only ever appended: `struct_size` says how many bytes this
 * library filled, so a host compiled against a newer header reads a field
 * only when struct_size reaches past it. */
typedef struct confidant_consent_event {
  size_t struct_size;
  /* The ledger record's number: strictly increasing from one event to the
   * next, also across restarts of the same store. A gap means missed events
   * or a ledger record that changes no state (leaving a brand's experiment):
   * re-read the states. */
  uint64_t sequence;
  confidant_category category;
  confidant_use use;
  confidant_consent_state state;   /* GRANTED or DENIED (a withdrawal) */
  confidant_consent_source source;
  /* As recorded: `policy_version_len` bytes of UTF-8 followed by a NUL. */
  const char* policy_version;
  size_t policy_version_len;
  int64_t at_ms;    /* when it was recorded (Unix ms, UTC, from the SDK's clock) */
  /* Events dropped just before this one because the observers fell more
   * than 1024 events behind (0 normally); then re-read the states. */
  uint64_t missed;
} confidant_consent_event;

/* Observes consent changes. Registered with confidant_sdk_add_consent_observer;
 * the struct is copied, `ctx` is owned by the SDK from then on (see "Host
 * callbacks"): `destroy(ctx)` runs once, after the observer is removed, or
 * when the SDK closes, is erased or freed.
 *
 * Thread: `on_consent` runs on the SDK's consent-event thread (never the
 * caller's, never the worker), one event at a time, in sequence order,
 * after the change and the purge it caused are durable in the store, with
 * no SDK lock held. Reentrancy: unlike the other host callbacks, it MAY call
 * back into the SDK: any confidant_sdk_* function (reading the receipt,
 * granting, removing this observer, even close), except confidant_sdk_free,
 * which must never run from it. A slow observer delays only later events.
 * Misbehaviour stays the host's: a C++ exception thrown through it is
 * caught and counted, and delivery goes on. */
typedef struct confidant_consent_observer {
  size_t struct_size; /* sizeof(confidant_consent_observer), as the host was compiled */
  void* CONFIDANT_NULLABLE ctx;
  void (*CONFIDANT_NONNULL on_consent)(void* CONFIDANT_NULLABLE ctx, const confidant_consent_event* event);
  void (*CONFIDANT_NULLABLE destroy)(void* CONFIDANT_NULLABLE ctx);
} confidant_consent_observer;

/* Starts delivering every consent change committed from now on to
 * `observer`; `*out_id` (never 0) names it for removal. INVALID_ARGUMENT for
 * a NULL observer or on_consent, or a struct_size too small
 * ("consent_observer.struct_size: ..."); CLOSED after close or erase. The
 * context is the SDK's even when this fails (but for a NULL observer or a
 * too-small struct_size: "Host callbacks"). Close and erase deliver the
 * events already waiting before they return; nothing is delivered after.
 * Never blocks on I/O. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_add_consent_observer(
    confidant_sdk* sdk, const confidant_consent_observer* observer, uint64_t* out_id) CONFIDANT_NOEXCEPT;

/* Stops delivery to the observer `id`: once it returns, on_consent is not
 * called again and no call is in progress (unless it runs inside that call,
 * which then finishes), and `destroy(ctx)` has run (called from inside
 * that call: it runs as soon as the call returns). An unknown or already
 * removed id is not an error.
 * May wait for a call in progress, never for I/O. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_remove_consent_observer(
    confidant_sdk* sdk, uint64_t id) CONFIDANT_NOEXCEPT;

/* Tracks one signal given as one JSON object (`json_len` bytes), the form of
 * signal_from_json in signal.hpp and of the CLI's JSONL:
 *   {"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],
 *    "attrs":{"milk":"oat"},"at":"2026-11-20T08:00:00Z"}
 * Never blocks on I/O. INVALID_ARGUMENT (naming the field) for malformed
 * JSON or an invalid signal; NOT_PERMITTED when consent does not allow its
 * category (dropped, never stored); BUSY when the queue is full (dropped);
 * CLOSED after close or erase. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_track_json(
    confidant_sdk* sdk, const char* json, size_t json_len) CONFIDANT_NOEXCEPT;

/* States a preference about `target` ("drinks/tea", "milk=oat",
 * "item:sku-9"), with the person's own words in `text` (NULL and 0 for
 * none). like and dislike need `preferences` granted for personalize
 * (NOT_PERMITTED otherwise); a block is always honoured. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_prefer(
    confidant_sdk* sdk, confidant_preference_kind kind, const char* target, size_t target_len,
    const char* CONFIDANT_NULLABLE text, size_t text_len) CONFIDANT_NOEXCEPT;

/* The profile as the person may read it: one JSON object, the form of
 * to_json(Profile) in profile.hpp ("as_of", "paused", "preferences",
 * "interests", "usual", "suppressions"). Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_profile_json(
    confidant_sdk* sdk, confidant_buffer* out) CONFIDANT_NOEXCEPT;

/* Forgets a target (as in prefer) and every stored signal mentioning it.
 * Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_forget(
    confidant_sdk* sdk, const char* target, size_t target_len) CONFIDANT_NOEXCEPT;

/* While paused nothing new is learned and the profile is not used; it is
 * kept and shown. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_set_paused(
    confidant_sdk* sdk, bool paused) CONFIDANT_NOEXCEPT;

/* Everything the SDK keeps about the person, one JSON object (format
 * "confidant.export.v1", docs/profile.md). Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_export_json(
    confidant_sdk* sdk, confidant_buffer* out) CONFIDANT_NOEXCEPT;

/* ---- The privacy center (privacy_center.hpp, docs/privacy-center.md) -- */

/* Everything the person may see and change, as one JSON object: format
 * "confidant.privacy-center.v1", five sections of rows, each row with keyed
 * texts and the actions it offers as data. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_privacy_center_json(
    confidant_sdk* sdk, confidant_buffer* out) CONFIDANT_NOEXCEPT;
/* Performs one action the model offered, given as its JSON (`json_len`
 * bytes), e.g. {"id":"forget","target":{"target":"drinks/tea"}}; the whole
 * action object as the model wrote it is accepted. `out`: {"id":"forget"},
 * or for "export" {"id":"export","export":{...the export document...}}.
 * A malformed action is INVALID_ARGUMENT naming the field
 * ("target.target: required") and changes nothing; otherwise the errors of
 * the call the action names (NOT_PERMITTED for a like without the
 * preferences grant). After "erase" every later call is CLOSED; only
 * confidant_sdk_free remains. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_perform_privacy_action_json(
    confidant_sdk* sdk, const char* json, size_t json_len, confidant_buffer* out) CONFIDANT_NOEXCEPT;

/* ---- Aggregated sync (sync.hpp, docs/sync.md) ------------------------- */

/* Installs the brand's signed config (`config_len` bytes, as the collector
 * serves it at /v1/config). Refused, keeping the last good one:
 * INVALID_ARGUMENT (no pinned key, malformed, a field out of range, or not
 * newer than the installed one: "rollback refused"), TAMPERED (unsigned, or
 * the signature does not verify). Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_install_config(
    confidant_sdk* sdk, const uint8_t* CONFIDANT_NULLABLE config, size_t config_len) CONFIDANT_NOEXCEPT;
/* Makes this epoch's reports and sends what is queued through the transport
 * until `deadline_ms` has passed; `dry_run` makes and returns them decoded,
 * keeping nothing. `out`: {"prepared":N,"sent":N,"pending":N,"dropped":N,
 * "withheld":["metric: why"],"dry_run_reports":"<JSONL>"}. A network failure
 * is not an error (the reports stay queued). Blocking: call it from a
 * background task. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_sync_json(
    confidant_sdk* sdk, int64_t deadline_ms, bool dry_run, confidant_buffer* out) CONFIDANT_NOEXCEPT;
/* The sync ledger: every report made, decoded, one JSON object a line. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_shared_reports_json(
    confidant_sdk* sdk, confidant_buffer* out) CONFIDANT_NOEXCEPT;
/* The privacy budget: {"config_version":N,"window_days":N,"spent":e,"cap":e,
 * "metrics":[{"metric":ID,"spent":e,"cap":e}]}. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_budget_json(
    confidant_sdk* sdk, confidant_buffer* out) CONFIDANT_NOEXCEPT;
/* The person leaves the brand's experiment `experiment_id` (UTF-8,
 * `experiment_id_len` bytes) for good: a consent-ledger record (source user,
 * policy version "1"; it changes no consent state), no more holdout lists,
 * no more outcome reports, pending ones discarded (docs/sync.md,
 * "Experiments"). CONFIDANT_CODE_INVALID_ARGUMENT naming "experiment" when
 * the installed config declares no such experiment. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_leave_experiment(
    confidant_sdk* sdk, const char* experiment_id, size_t experiment_id_len) CONFIDANT_NOEXCEPT;

/* ---- Ranking (ranking.hpp, docs/ranking.md) --------------------------- */

/* Orders the app's candidates as this person would want them, best first,
 * each with its reasons. `candidates` (`candidates_len` bytes) is a JSON
 * array of candidate objects, or JSONL (one object per line, blank lines
 * skipped) when its first non-space byte is not '['; each object is the form
 * of candidate_from_json and of the CLI's `rank` input:
 *   {"id":"sku-9","categories":["drinks/tea"],"attrs":{"milk":"oat"},
 *    "kind":"consumable","popularity":0.3,"related":{"latte-1":0.8},"sensitive":false}
 * A JSON array is at most 4 MiB; pass longer lists as JSONL.
 * `request` (NULL and 0 for every default) is a JSON object with any of
 *   "limit" (default 10), "slot" ("home" or "related:ITEM"), "moment",
 *   "seed", "variety" (bool), "max_per_category", "exploration_share",
 *   "utc_offset_minutes"
 * as in ranking.hpp's RankRequest. `out` receives one JSON object,
 *   {"results":[{"id":"latte-1","score":3.25,"reasons":[{"code":"usual_attribute",
 *     "text":"...","params":{...}}],"exploration":false}, ...]}
 * each result the form of to_json(RankedItem) (docs/ranking.md lists the
 * reason codes). INVALID_ARGUMENT names the candidate ("candidates[2]: ...",
 * "candidates line 3: ...") or the request field ("request.limit: ...").
 * Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_rank_json(
    confidant_sdk* sdk, const char* candidates, size_t candidates_len, const char* CONFIDANT_NULLABLE request,
    size_t request_len, confidant_buffer* out) CONFIDANT_NOEXCEPT;

/* Why `item_id` was placed where it was in the last rank call: one result
 * object as in confidant_sdk_rank_json. INVALID_ARGUMENT when the item was
 * not in that list. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_why_json(
    confidant_sdk* sdk, const char* item_id, size_t item_id_len, confidant_buffer* out) CONFIDANT_NOEXCEPT;

/* Blocks until every signal queued before the call is persisted or dropped;
 * returns the first error a batch met since the previous flush (those
 * signals are lost). */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_flush(confidant_sdk* sdk) CONFIDANT_NOEXCEPT;

/* Crypto-shredding: destroys the data key and the provider's wrapping key
 * (destroy_key), removes the store's files and closes the SDK; queued
 * signals are discarded. Works on a store that could not be opened too (then
 * the provider's key is left alone: it did not open this store). The handle
 * must still be freed. Blocking. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_erase(confidant_sdk* sdk) CONFIDANT_NOEXCEPT;

/* Persists what is queued, stops the worker and closes the store; later
 * calls fail with CLOSED. Idempotent. The handle must still be freed. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_close(confidant_sdk* sdk) CONFIDANT_NOEXCEPT;

/* Counters since open. Fields are only ever appended. */
typedef struct confidant_stats {
  uint64_t accepted;          /* track calls that queued a signal */
  uint64_t rejected_invalid;  /* track calls refused with INVALID_ARGUMENT */
  uint64_t dropped_consent;   /* dropped because consent did not allow them */
  uint64_t dropped_overflow;  /* dropped because the queue was full (BUSY) */
  uint64_t persisted;         /* signals written to the store */
} confidant_stats;

/* Fills the first `stats_size` bytes of `stats` (pass sizeof(confidant_stats)):
 * a host built against an older, shorter struct keeps working. Never
 * blocks. */
CONFIDANT_C_API CONFIDANT_MUST_USE confidant_error* CONFIDANT_NULLABLE confidant_sdk_stats(
    const confidant_sdk* sdk, confidant_stats* stats, size_t stats_size) CONFIDANT_NOEXCEPT;

CONFIDANT_ASSUME_NONNULL_END

#ifdef __cplusplus
}  /* extern "C" */
#endif

#endif /* CONFIDANT_CONFIDANT_H */
