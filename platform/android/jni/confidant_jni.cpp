// libconfidant_jni.so: the JNI glue between dev.confidant.NativeBridge and
// the C ABI (confidant/confidant.h, libconfidant_c.so). Only the C ABI is
// used: no C++ type of the SDK crosses into this library.
//
// Rules (docs/android.md, docs/capi.md "For the bindings"):
//  * Classes and method IDs are looked up once, in JNI_OnLoad, and the
//    native methods are registered there (RegisterNatives), so a renamed
//    Java method fails at load time, not at the first call.
//  * Every native method runs inside guarded(): a C++ exception never
//    unwinds into the JVM; a C error becomes a dev.confidant.ConfidantException.
//  * Strings cross as byte[] of UTF-8, decoded in Java; never NewStringUTF,
//    which expects modified UTF-8.
//  * Host key provider callbacks run on the SDK's worker thread, which is
//    attached to the JVM on first use (as a daemon, detached when the thread
//    ends) and runs each callback inside its own local reference frame.
#include <jni.h>

#include <confidant/confidant.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <vector>

namespace {

JavaVM* g_vm = nullptr;
jclass g_exception_class = nullptr;      // dev.confidant.ConfidantException (global ref)
jmethodID g_exception_ctor = nullptr;    // ConfidantException(int, byte[])
jclass g_bridge_class = nullptr;         // dev.confidant.NativeBridge (global ref)
jmethodID g_error_code = nullptr;        // static int NativeBridge.errorCode(Throwable)
jmethodID g_error_message = nullptr;     // static byte[] NativeBridge.errorMessage(Throwable)
jmethodID g_host_wrap = nullptr;         // byte[] HostKeyProvider.wrap(byte[], byte[])
jmethodID g_host_unwrap = nullptr;       // byte[] HostKeyProvider.unwrap(byte[], byte[])
jmethodID g_host_destroy_key = nullptr;  // void HostKeyProvider.destroyKey()
jmethodID g_transport_send = nullptr;    // byte[] TransportAdapter.send(byte[], byte[], byte[], byte[], long)

// A Java exception is already pending: return to the JVM without throwing another.
struct JavaPending {};

void wipe(void* data, size_t len) {
  volatile unsigned char* p = static_cast<volatile unsigned char*>(data);
  for (size_t i = 0; i < len; ++i) p[i] = 0;
}

// Throws `code` with `message` as a ConfidantException (when none is pending).
void throw_code(JNIEnv* env, int code, const char* message, size_t len) noexcept {
  if (env->ExceptionCheck()) return;
  jbyteArray bytes = env->NewByteArray(static_cast<jsize>(len));
  if (bytes == nullptr) return;  // OutOfMemoryError pending
  env->SetByteArrayRegion(bytes, 0, static_cast<jsize>(len), reinterpret_cast<const jbyte*>(message));
  auto exception = static_cast<jthrowable>(env->NewObject(g_exception_class, g_exception_ctor, code, bytes));
  env->DeleteLocalRef(bytes);
  if (exception == nullptr) return;
  env->Throw(exception);
  env->DeleteLocalRef(exception);
}

void throw_code(JNIEnv* env, int code, const char* message) noexcept {
  throw_code(env, code, message, std::strlen(message));
}

// Turns a C error into a pending Java exception and releases it.
[[noreturn]] void raise(JNIEnv* env, confidant_error* error) {
  const char* message = confidant_error_message(error);
  throw_code(env, confidant_error_code(error), message, std::strlen(message));
  confidant_error_free(error);
  throw JavaPending{};
}

void check(JNIEnv* env, confidant_error* error) {
  if (error != nullptr) raise(env, error);
}

[[noreturn]] void invalid(JNIEnv* env, const std::string& message) {
  throw_code(env, CONFIDANT_CODE_INVALID_ARGUMENT, message.c_str(), message.size());
  throw JavaPending{};
}

// Runs `body`, catching everything: the value of `body`, or `fallback` with a
// Java exception pending.
template <typename R, typename F>
R guarded(JNIEnv* env, R fallback, F&& body) noexcept {
  try {
    return body();
  } catch (const JavaPending&) {
  } catch (const std::bad_alloc&) {
    throw_code(env, CONFIDANT_CODE_INTERNAL, "jni: out of memory");
  } catch (const std::exception& e) {
    std::string message = std::string("jni: ") + e.what();
    throw_code(env, CONFIDANT_CODE_INTERNAL, message.c_str(), message.size());
  } catch (...) {
    throw_code(env, CONFIDANT_CODE_INTERNAL, "jni: unknown exception");
  }
  return fallback;
}

template <typename F>
void guarded_void(JNIEnv* env, F&& body) noexcept {
  guarded(env, 0, [&] {
    body();
    return 0;
  });
}

// The bytes of a Java byte[] (nullptr array: `null` is true, no bytes),
// wiped when done: they may be a passphrase or personal data.
class Bytes {
 public:
  Bytes(JNIEnv* env, jbyteArray array) {
    if (array == nullptr) return;
    null_ = false;
    const jsize len = env->GetArrayLength(array);
    data_.resize(static_cast<size_t>(len) + 1, '\0');  // + a NUL for names
    env->GetByteArrayRegion(array, 0, len, reinterpret_cast<jbyte*>(data_.data()));
    if (env->ExceptionCheck()) throw JavaPending{};
  }
  ~Bytes() { wipe(data_.data(), data_.size()); }
  Bytes(const Bytes&) = delete;
  Bytes& operator=(const Bytes&) = delete;

  bool null() const { return null_; }
  const char* data() const { return null_ ? nullptr : data_.data(); }
  size_t size() const { return null_ ? 0 : data_.size() - 1; }

  // A NUL-terminated name (path, kind): refuses null and embedded NULs.
  const char* name(JNIEnv* env, const char* what) const {
    if (null_) invalid(env, std::string(what) + ": must not be null");
    if (std::memchr(data_.data(), '\0', size()) != nullptr) invalid(env, std::string(what) + ": contains a NUL character");
    return data_.data();
  }

 private:
  std::vector<char> data_;
  bool null_ = true;
};

// A library-owned buffer, released (and wiped by the library) on scope exit.
struct Buffer {
  confidant_buffer buffer{nullptr, 0};
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { confidant_buffer_free(&buffer); }
};

jbyteArray to_java(JNIEnv* env, const uint8_t* data, size_t len) {
  if (len > static_cast<size_t>(INT32_MAX)) {
    throw_code(env, CONFIDANT_CODE_INTERNAL, "jni: payload larger than a Java array");
    throw JavaPending{};
  }
  jbyteArray array = env->NewByteArray(static_cast<jsize>(len));
  if (array == nullptr) throw JavaPending{};
  if (len > 0) env->SetByteArrayRegion(array, 0, static_cast<jsize>(len), reinterpret_cast<const jbyte*>(data));
  return array;
}

// Calls `fill(&buffer)` and returns the buffer's bytes as a Java byte[].
template <typename F>
jbyteArray buffer_call(JNIEnv* env, F&& fill) {
  Buffer out;
  check(env, fill(&out.buffer));
  return to_java(env, out.buffer.data, out.buffer.len);
}

confidant_sdk* sdk_of(jlong handle) { return reinterpret_cast<confidant_sdk*>(static_cast<intptr_t>(handle)); }
confidant_key_provider* provider_of(jlong handle) {
  return reinterpret_cast<confidant_key_provider*>(static_cast<intptr_t>(handle));
}
jlong handle_of(void* p) { return static_cast<jlong>(reinterpret_cast<intptr_t>(p)); }

// ---- Host key provider (Java HostKeyProvider over the C vtable) ----------

// Detaches the worker thread from the JVM when the thread ends, if this
// library attached it.
struct ThreadAttachment {
  bool attached = false;
  ~ThreadAttachment() {
    if (attached && g_vm != nullptr) g_vm->DetachCurrentThread();
  }
};
thread_local ThreadAttachment t_attachment;

// The JNIEnv of the calling thread, attaching it (as a daemon, so it never
// keeps the JVM alive) when it is a native thread the JVM does not know.
JNIEnv* current_env() {
  JNIEnv* env = nullptr;
  jint status = g_vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_6);
  if (status == JNI_OK) return env;
  if (status != JNI_EDETACHED) return nullptr;
#ifdef __ANDROID__
  JNIEnv** out = &env;  // Android's jni.h declares JNIEnv**
#else
  void** out = reinterpret_cast<void**>(&env);
#endif
  if (g_vm->AttachCurrentThreadAsDaemon(out, nullptr) != JNI_OK) return nullptr;
  t_attachment.attached = true;
  return env;
}

struct HostContext {
  jobject provider = nullptr;  // global ref to the HostKeyProvider (or the TransportAdapter)
};

confidant_error* error_new(confidant_code code, const std::string& message) {
  return confidant_error_new(code, message.data(), message.size());
}

// Turns the pending Java exception into a C error (and clears it).
confidant_error* error_from_java(JNIEnv* env) {  // the SDK prefixes "key provider 'K': wrap: "
  jthrowable thrown = env->ExceptionOccurred();
  env->ExceptionClear();
  std::string prefix = "threw ";
  if (thrown == nullptr) return error_new(CONFIDANT_CODE_INTERNAL, prefix + "(unknown)");
  jint code = env->CallStaticIntMethod(g_bridge_class, g_error_code, thrown);
  if (env->ExceptionCheck()) {
    env->ExceptionClear();
    code = CONFIDANT_CODE_INTERNAL;
  }
  auto message = static_cast<jbyteArray>(env->CallStaticObjectMethod(g_bridge_class, g_error_message, thrown));
  std::string text;
  if (env->ExceptionCheck() || message == nullptr) {
    env->ExceptionClear();
    text = prefix + "(no message)";
  } else {
    Bytes bytes(env, message);
    text = bytes.size() > 0 ? std::string(bytes.data(), bytes.size()) : std::string();
    // A ConfidantException reports its own code and words; anything else is a throw.
    if (code == CONFIDANT_CODE_INTERNAL) text = prefix + text;
  }
  return error_new(static_cast<confidant_code>(code), text);
}

// Runs one callback with the worker attached and a local reference frame
// around it, so nothing leaks on a thread that never returns to Java.
template <typename F>
confidant_error* host_call(const char* callback, F&& body) noexcept {
  try {
    JNIEnv* env = current_env();
    if (env == nullptr) return error_new(CONFIDANT_CODE_INTERNAL, std::string(callback) + ": cannot attach thread to the JVM");
    if (env->PushLocalFrame(16) != JNI_OK) {
      env->ExceptionClear();
      return error_new(CONFIDANT_CODE_INTERNAL, std::string(callback) + ": out of memory");
    }
    struct LocalFrame {  // popped on every path out, exceptions included
      JNIEnv* env;
      ~LocalFrame() {
        env->ExceptionClear();
        env->PopLocalFrame(nullptr);
      }
    } frame{env};
    try {
      return body(env);
    } catch (const JavaPending&) {
      return error_from_java(env);
    }
  } catch (const std::exception& e) {
    return error_new(CONFIDANT_CODE_INTERNAL, std::string(callback) + ": " + e.what());
  } catch (...) {
    return error_new(CONFIDANT_CODE_INTERNAL, std::string(callback) + ": unknown exception");
  }
}

// Calls wrap or unwrap: input bytes and context in, a byte[] out, copied into
// the SDK's buffer. A null result is 0 bytes, which the SDK refuses by name.
confidant_error* host_transform(void* ctx, jmethodID method, const char* callback, const uint8_t* input,
                                size_t input_len, const uint8_t* context, size_t context_len, uint8_t* out,
                                size_t out_capacity, size_t* out_len) noexcept {
  *out_len = 0;
  return host_call(callback, [&](JNIEnv* env) -> confidant_error* {
    auto* host = static_cast<HostContext*>(ctx);
    jbyteArray in = to_java(env, input, input_len);
    jbyteArray ad = to_java(env, context, context_len);
    auto result = static_cast<jbyteArray>(env->CallObjectMethod(host->provider, method, in, ad));
    const bool threw = env->ExceptionCheck();
    // Best effort: do not leave the data key in the Java heap array.
    std::vector<jbyte> zeros(input_len, 0);
    jthrowable pending = nullptr;
    if (threw) {
      pending = env->ExceptionOccurred();
      env->ExceptionClear();
    }
    if (input_len > 0) env->SetByteArrayRegion(in, 0, static_cast<jsize>(input_len), zeros.data());
    if (pending != nullptr) {
      env->Throw(pending);
      throw JavaPending{};
    }
    if (result == nullptr) return nullptr;
    const size_t len = static_cast<size_t>(env->GetArrayLength(result));
    if (len > out_capacity) {
      return error_new(CONFIDANT_CODE_INVALID_ARGUMENT,
                       "returned " + std::to_string(len) + " bytes, more than " + std::to_string(out_capacity));
    }
    env->GetByteArrayRegion(result, 0, static_cast<jsize>(len), reinterpret_cast<jbyte*>(out));
    if (env->ExceptionCheck()) throw JavaPending{};
    *out_len = len;
    std::vector<jbyte> wipe_result(len, 0);
    if (len > 0) env->SetByteArrayRegion(result, 0, static_cast<jsize>(len), wipe_result.data());
    return nullptr;
  });
}

confidant_error* host_wrap(void* ctx, const uint8_t* data_key, size_t data_key_len, const uint8_t* context,
                           size_t context_len, uint8_t* out, size_t out_capacity, size_t* out_len) {
  return host_transform(ctx, g_host_wrap, "wrap", data_key, data_key_len, context, context_len, out, out_capacity,
                        out_len);
}

confidant_error* host_unwrap(void* ctx, const uint8_t* wrapped, size_t wrapped_len, const uint8_t* context,
                             size_t context_len, uint8_t* out, size_t out_capacity, size_t* out_len) {
  return host_transform(ctx, g_host_unwrap, "unwrap", wrapped, wrapped_len, context, context_len, out, out_capacity,
                        out_len);
}

confidant_error* host_destroy_key(void* ctx) {
  return host_call("destroyKey", [&](JNIEnv* env) -> confidant_error* {
    env->CallVoidMethod(static_cast<HostContext*>(ctx)->provider, g_host_destroy_key);
    if (env->ExceptionCheck()) throw JavaPending{};
    return nullptr;
  });
}

void host_destroy(void* ctx) {
  auto* host = static_cast<HostContext*>(ctx);
  try {
    JNIEnv* env = current_env();
    if (env != nullptr && host->provider != nullptr) env->DeleteGlobalRef(host->provider);
  } catch (...) {
  }
  delete host;
}

// ---- Host transport (Java TransportAdapter over the C vtable) ------------

void put_int(std::vector<uint8_t>& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(value >> shift));
}

// Reads TransportAdapter's flat answer; false when it is malformed.
struct Reader {
  const uint8_t* data;
  size_t size;
  size_t at = 0;
  bool int32(uint32_t& value) {
    if (size - at < 4) return false;
    value = (uint32_t{data[at]} << 24) | (uint32_t{data[at + 1]} << 16) | (uint32_t{data[at + 2]} << 8) | data[at + 3];
    at += 4;
    return true;
  }
  bool text(const char*& start, size_t& len) {
    uint32_t n = 0;
    if (!int32(n) || size - at < n) return false;
    start = reinterpret_cast<const char*>(data + at);
    len = n;
    at += n;
    return true;
  }
};

confidant_error* host_send(void* ctx, const confidant_http_request* request, confidant_http_response* response) {
  return host_call("transport", [&](JNIEnv* env) -> confidant_error* {
    std::vector<uint8_t> headers;
    put_int(headers, static_cast<uint32_t>(request->headers_len));
    for (size_t i = 0; i < request->headers_len; ++i) {
      const confidant_http_header& h = request->headers[i];
      put_int(headers, static_cast<uint32_t>(h.name_len));
      headers.insert(headers.end(), h.name, h.name + h.name_len);
      put_int(headers, static_cast<uint32_t>(h.value_len));
      headers.insert(headers.end(), h.value, h.value + h.value_len);
    }
    jbyteArray method = to_java(env, reinterpret_cast<const uint8_t*>(request->method), std::strlen(request->method));
    jbyteArray url = to_java(env, reinterpret_cast<const uint8_t*>(request->url), std::strlen(request->url));
    jbyteArray header_bytes = to_java(env, headers.data(), headers.size());
    jbyteArray body = to_java(env, request->body, request->body_len);
    auto answer = static_cast<jbyteArray>(env->CallObjectMethod(static_cast<HostContext*>(ctx)->provider,
                                                                 g_transport_send, method, url, header_bytes, body,
                                                                 static_cast<jlong>(request->timeout_ms)));
    if (env->ExceptionCheck()) throw JavaPending{};
    if (answer == nullptr) return error_new(CONFIDANT_CODE_IO, "transport: no answer");
    Bytes bytes(env, answer);
    Reader in{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
    uint32_t status = 0, count = 0;
    if (!in.int32(status) || !in.int32(count)) return error_new(CONFIDANT_CODE_IO, "transport: malformed answer");
    confidant_http_response_set_status(response, static_cast<int32_t>(status));
    for (uint32_t i = 0; i < count; ++i) {
      const char *name = nullptr, *value = nullptr;
      size_t name_len = 0, value_len = 0;
      if (!in.text(name, name_len) || !in.text(value, value_len))
        return error_new(CONFIDANT_CODE_IO, "transport: malformed headers");
      if (confidant_error* e = confidant_http_response_add_header(response, name, name_len, value, value_len)) return e;
    }
    return confidant_http_response_set_body(response, in.data + in.at, in.size - in.at);
  });
}

// ---- Native methods of dev.confidant.NativeBridge ------------------------

jint abiVersion(JNIEnv*, jclass) { return static_cast<jint>(confidant_abi_version()); }

jbyteArray version(JNIEnv* env, jclass) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    const char* v = confidant_version();
    return to_java(env, reinterpret_cast<const uint8_t*>(v), std::strlen(v));
  });
}

jlong keyProviderKeyFile(JNIEnv* env, jclass, jbyteArray path, jboolean create) {
  return guarded(env, jlong{0}, [&] {
    Bytes p(env, path);
    confidant_key_provider* provider = nullptr;
    check(env, confidant_key_provider_new_key_file(p.name(env, "path"), create == JNI_TRUE, &provider));
    return handle_of(provider);
  });
}

jlong keyProviderPassphrase(JNIEnv* env, jclass, jbyteArray passphrase, jlong ops, jlong mem) {
  return guarded(env, jlong{0}, [&] {
    Bytes p(env, passphrase);
    if (ops < 0 || mem < 0) invalid(env, "opsLimit, memLimitBytes: must not be negative");
    confidant_key_provider* provider = nullptr;
    check(env, confidant_key_provider_new_passphrase(p.data(), p.size(), static_cast<uint64_t>(ops),
                                                     static_cast<uint64_t>(mem), &provider));
    return handle_of(provider);
  });
}

jlong keyProviderInMemory(JNIEnv* env, jclass) {
  return guarded(env, jlong{0}, [&] {
    confidant_key_provider* provider = nullptr;
    check(env, confidant_key_provider_new_in_memory(&provider));
    return handle_of(provider);
  });
}

jlong keyProviderHost(JNIEnv* env, jclass, jobject host_provider, jbyteArray kind) {
  return guarded(env, jlong{0}, [&] {
    Bytes k(env, kind);
    const char* kind_name = k.name(env, "kind");
    auto* host = new HostContext;
    host->provider = env->NewGlobalRef(host_provider);
    if (host->provider == nullptr) {
      delete host;
      throw JavaPending{};
    }
    confidant_key_provider_callbacks callbacks{};
    callbacks.struct_size = sizeof callbacks;
    callbacks.ctx = host;
    callbacks.kind = kind_name;
    callbacks.wrap = host_wrap;
    callbacks.unwrap = host_unwrap;
    callbacks.destroy_key = host_destroy_key;
    callbacks.destroy = host_destroy;  // owns `host` from here, even on failure
    confidant_key_provider* provider = nullptr;
    check(env, confidant_key_provider_new_callbacks(&callbacks, &provider));
    return handle_of(provider);
  });
}

void keyProviderFree(JNIEnv* env, jclass, jlong provider) {
  guarded_void(env, [&] { confidant_key_provider_free(provider_of(provider)); });
}

// Bits of `present` in NativeBridge.open.
constexpr jint kHasFixedClock = 1, kHasQueueCapacity = 2, kHasBatchSize = 4, kHasFlushInterval = 8,
               kHasRetentionDays = 16;

struct Options {
  confidant_options* options = nullptr;
  Options() = default;
  Options(const Options&) = delete;
  Options& operator=(const Options&) = delete;
  ~Options() { confidant_options_free(options); }
};

size_t unsigned_size(JNIEnv* env, jlong value, const char* what) {
  if (value < 0) invalid(env, std::string(what) + ": " + std::to_string(value) + " must not be negative");
  return static_cast<size_t>(value);
}

jlong open(JNIEnv* env, jclass, jbyteArray dir, jlong provider, jint present, jlong fixed_clock_ms,
           jlong queue_capacity, jlong batch_size, jlong flush_interval_ms, jint retention_days,
           jbyteArray brand_signing_key, jbyteArray sync_url, jobject transport) {
  return guarded(env, jlong{0}, [&] {
    Bytes d(env, dir);
    const char* dir_name = d.name(env, "dir");
    Options o;
    check(env, confidant_options_new(&o.options));
    check(env, confidant_options_set_dir(o.options, dir_name));
    check(env, confidant_options_set_key_provider(o.options, provider_of(provider)));
    if (present & kHasFixedClock) check(env, confidant_options_set_fixed_clock(o.options, fixed_clock_ms));
    if (present & kHasQueueCapacity) {
      check(env, confidant_options_set_queue_capacity(o.options, unsigned_size(env, queue_capacity, "queueCapacity")));
    }
    if (present & kHasBatchSize) {
      check(env, confidant_options_set_batch_size(o.options, unsigned_size(env, batch_size, "batchSize")));
    }
    if (present & kHasFlushInterval) check(env, confidant_options_set_flush_interval_ms(o.options, flush_interval_ms));
    if (present & kHasRetentionDays) check(env, confidant_options_set_retention_days(o.options, retention_days));
    Bytes key(env, brand_signing_key);
    if (!key.null()) check(env, confidant_options_set_brand_signing_key(o.options, key.name(env, "brandSigningKey")));
    Bytes url(env, sync_url);
    if (!url.null()) check(env, confidant_options_set_sync_url(o.options, url.name(env, "syncUrl")));
    if (transport != nullptr) {
      auto* host = new HostContext{env->NewGlobalRef(transport)};
      const confidant_transport vtable{sizeof(confidant_transport), host, host_send, host_destroy};
      check(env, confidant_options_set_transport(o.options, &vtable));  // owns `host` from here on
    }
    confidant_sdk* sdk = nullptr;
    check(env, confidant_sdk_open(o.options, &sdk));
    return handle_of(sdk);
  });
}

void free_sdk(JNIEnv* env, jclass, jlong sdk) {
  guarded_void(env, [&] { confidant_sdk_free(sdk_of(sdk)); });
}

void waitUntilReady(JNIEnv* env, jclass, jlong sdk) {
  guarded_void(env, [&] { check(env, confidant_sdk_wait_until_ready(sdk_of(sdk))); });
}

template <typename E>
std::vector<E> enums(JNIEnv* env, jintArray array, const char* what) {
  static_assert(sizeof(E) == sizeof(jint), "C enums are ints");
  if (array == nullptr) invalid(env, std::string(what) + ": must not be null");
  const jsize len = env->GetArrayLength(array);
  std::vector<jint> values(static_cast<size_t>(len));
  env->GetIntArrayRegion(array, 0, len, values.data());
  if (env->ExceptionCheck()) throw JavaPending{};
  std::vector<E> out;
  out.reserve(values.size());
  for (jint v : values) out.push_back(static_cast<E>(v));
  return out;
}

void consent(JNIEnv* env, jclass, jlong sdk, jboolean grant, jintArray categories, jintArray uses, jint source,
             jbyteArray policy_version, jbyteArray shown_text) {
  guarded_void(env, [&] {
    auto c = enums<confidant_category>(env, categories, "categories");
    auto u = enums<confidant_use>(env, uses, "uses");
    Bytes policy(env, policy_version);
    Bytes shown(env, shown_text);
    const auto src = static_cast<confidant_consent_source>(source);
    auto decide = grant == JNI_TRUE ? confidant_sdk_grant : confidant_sdk_deny;
    check(env, decide(sdk_of(sdk), c.data(), c.size(), u.data(), u.size(), src, policy.data(), policy.size(),
                      shown.data(), shown.size()));
  });
}

jintArray consentStates(JNIEnv* env, jclass, jlong sdk, jint count) {
  return guarded(env, jintArray{nullptr}, [&] {
    if (count < 0) invalid(env, "count: must not be negative");
    std::vector<confidant_consent_state> states(static_cast<size_t>(count), CONFIDANT_CONSENT_UNKNOWN);
    check(env, confidant_sdk_consent_states(sdk_of(sdk), states.data(), states.size()));
    jintArray out = env->NewIntArray(count);
    if (out == nullptr) throw JavaPending{};
    std::vector<jint> values(states.begin(), states.end());
    env->SetIntArrayRegion(out, 0, count, values.data());
    return out;
  });
}

jbyteArray consentReceipt(JNIEnv* env, jclass, jlong sdk) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    return buffer_call(env, [&](confidant_buffer* out) { return confidant_sdk_consent_receipt_json(sdk_of(sdk), out); });
  });
}

jbyteArray applyCmp(JNIEnv* env, jclass, jlong sdk, jbyteArray json) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    Bytes j(env, json);
    return buffer_call(env, [&](confidant_buffer* out) {
      return confidant_sdk_apply_cmp_json(sdk_of(sdk), j.data(), j.size(), out);
    });
  });
}

void track(JNIEnv* env, jclass, jlong sdk, jbyteArray json) {
  guarded_void(env, [&] {
    Bytes j(env, json);
    check(env, confidant_sdk_track_json(sdk_of(sdk), j.data(), j.size()));
  });
}

void prefer(JNIEnv* env, jclass, jlong sdk, jint kind, jbyteArray target, jbyteArray text) {
  guarded_void(env, [&] {
    Bytes t(env, target);
    Bytes words(env, text);
    check(env, confidant_sdk_prefer(sdk_of(sdk), static_cast<confidant_preference_kind>(kind), t.data(), t.size(),
                                    words.data(), words.size()));
  });
}

jbyteArray profile(JNIEnv* env, jclass, jlong sdk) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    return buffer_call(env, [&](confidant_buffer* out) { return confidant_sdk_profile_json(sdk_of(sdk), out); });
  });
}

void forget(JNIEnv* env, jclass, jlong sdk, jbyteArray target) {
  guarded_void(env, [&] {
    Bytes t(env, target);
    check(env, confidant_sdk_forget(sdk_of(sdk), t.data(), t.size()));
  });
}

void setPaused(JNIEnv* env, jclass, jlong sdk, jboolean paused) {
  guarded_void(env, [&] { check(env, confidant_sdk_set_paused(sdk_of(sdk), paused == JNI_TRUE)); });
}

jbyteArray exportJson(JNIEnv* env, jclass, jlong sdk) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    return buffer_call(env, [&](confidant_buffer* out) { return confidant_sdk_export_json(sdk_of(sdk), out); });
  });
}

jbyteArray rank(JNIEnv* env, jclass, jlong sdk, jbyteArray candidates, jbyteArray request) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    Bytes c(env, candidates);
    Bytes r(env, request);
    return buffer_call(env, [&](confidant_buffer* out) {
      return confidant_sdk_rank_json(sdk_of(sdk), c.data(), c.size(), r.data(), r.size(), out);
    });
  });
}

jbyteArray why(JNIEnv* env, jclass, jlong sdk, jbyteArray item_id) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    Bytes id(env, item_id);
    return buffer_call(env, [&](confidant_buffer* out) {
      return confidant_sdk_why_json(sdk_of(sdk), id.data(), id.size(), out);
    });
  });
}

void flush(JNIEnv* env, jclass, jlong sdk) {
  guarded_void(env, [&] { check(env, confidant_sdk_flush(sdk_of(sdk))); });
}

void erase(JNIEnv* env, jclass, jlong sdk) {
  guarded_void(env, [&] { check(env, confidant_sdk_erase(sdk_of(sdk))); });
}

void close(JNIEnv* env, jclass, jlong sdk) {
  guarded_void(env, [&] { check(env, confidant_sdk_close(sdk_of(sdk))); });
}

void installConfig(JNIEnv* env, jclass, jlong sdk, jbyteArray config) {
  guarded_void(env, [&] {
    Bytes bytes(env, config);
    check(env, confidant_sdk_install_config(sdk_of(sdk), reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
  });
}

jbyteArray syncJson(JNIEnv* env, jclass, jlong sdk, jlong deadline_ms, jboolean dry_run) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    return buffer_call(env, [&](confidant_buffer* out) {
      return confidant_sdk_sync_json(sdk_of(sdk), deadline_ms, dry_run == JNI_TRUE, out);
    });
  });
}

jbyteArray sharedReports(JNIEnv* env, jclass, jlong sdk) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    return buffer_call(env, [&](confidant_buffer* out) { return confidant_sdk_shared_reports_json(sdk_of(sdk), out); });
  });
}

jbyteArray budgetJson(JNIEnv* env, jclass, jlong sdk) {
  return guarded(env, jbyteArray{nullptr}, [&] {
    return buffer_call(env, [&](confidant_buffer* out) { return confidant_sdk_budget_json(sdk_of(sdk), out); });
  });
}

jlongArray stats(JNIEnv* env, jclass, jlong sdk) {
  return guarded(env, jlongArray{nullptr}, [&] {
    confidant_stats s{};
    check(env, confidant_sdk_stats(sdk_of(sdk), &s, sizeof s));
    const jlong values[] = {static_cast<jlong>(s.accepted), static_cast<jlong>(s.rejected_invalid),
                            static_cast<jlong>(s.dropped_consent), static_cast<jlong>(s.dropped_overflow),
                            static_cast<jlong>(s.persisted)};
    jlongArray out = env->NewLongArray(5);
    if (out == nullptr) throw JavaPending{};
    env->SetLongArrayRegion(out, 0, 5, values);
    return out;
  });
}

// JNINativeMethod's fields are char* in older jni.h versions.
#define NATIVE(name, signature, function) \
  JNINativeMethod { const_cast<char*>(name), const_cast<char*>(signature), reinterpret_cast<void*>(function) }

jclass global_class(JNIEnv* env, const char* name) {
  jclass local = env->FindClass(name);
  if (local == nullptr) return nullptr;
  auto global = static_cast<jclass>(env->NewGlobalRef(local));
  env->DeleteLocalRef(local);
  return global;
}

bool load(JNIEnv* env) {
  g_exception_class = global_class(env, "dev/confidant/ConfidantException");
  g_bridge_class = global_class(env, "dev/confidant/NativeBridge");
  if (g_exception_class == nullptr || g_bridge_class == nullptr) return false;
  g_exception_ctor = env->GetMethodID(g_exception_class, "<init>", "(I[B)V");
  g_error_code = env->GetStaticMethodID(g_bridge_class, "errorCode", "(Ljava/lang/Throwable;)I");
  g_error_message = env->GetStaticMethodID(g_bridge_class, "errorMessage", "(Ljava/lang/Throwable;)[B");
  jclass host = env->FindClass("dev/confidant/HostKeyProvider");
  if (host == nullptr) return false;
  g_host_wrap = env->GetMethodID(host, "wrap", "([B[B)[B");
  g_host_unwrap = env->GetMethodID(host, "unwrap", "([B[B)[B");
  g_host_destroy_key = env->GetMethodID(host, "destroyKey", "()V");
  env->DeleteLocalRef(host);
  jclass adapter = env->FindClass("dev/confidant/TransportAdapter");
  if (adapter == nullptr) return false;
  g_transport_send = env->GetMethodID(adapter, "send", "([B[B[B[BJ)[B");
  env->DeleteLocalRef(adapter);
  if (g_transport_send == nullptr) return false;
  if (g_exception_ctor == nullptr || g_error_code == nullptr || g_error_message == nullptr || g_host_wrap == nullptr ||
      g_host_unwrap == nullptr || g_host_destroy_key == nullptr) {
    return false;
  }
  const JNINativeMethod methods[] = {
      NATIVE("abiVersion", "()I", abiVersion),
      NATIVE("version", "()[B", version),
      NATIVE("keyProviderKeyFile", "([BZ)J", keyProviderKeyFile),
      NATIVE("keyProviderPassphrase", "([BJJ)J", keyProviderPassphrase),
      NATIVE("keyProviderInMemory", "()J", keyProviderInMemory),
      NATIVE("keyProviderHost", "(Ldev/confidant/HostKeyProvider;[B)J", keyProviderHost),
      NATIVE("keyProviderFree", "(J)V", keyProviderFree),
      NATIVE("open", "([BJIJJJJI[B[BLdev/confidant/TransportAdapter;)J", open),
      NATIVE("installConfig", "(J[B)V", installConfig),
      NATIVE("sync", "(JJZ)[B", syncJson),
      NATIVE("sharedReports", "(J)[B", sharedReports),
      NATIVE("budget", "(J)[B", budgetJson),
      NATIVE("free", "(J)V", free_sdk),
      NATIVE("waitUntilReady", "(J)V", waitUntilReady),
      NATIVE("consent", "(JZ[I[II[B[B)V", consent),
      NATIVE("consentStates", "(JI)[I", consentStates),
      NATIVE("consentReceipt", "(J)[B", consentReceipt),
      NATIVE("applyCmp", "(J[B)[B", applyCmp),
      NATIVE("track", "(J[B)V", track),
      NATIVE("prefer", "(JI[B[B)V", prefer),
      NATIVE("profile", "(J)[B", profile),
      NATIVE("forget", "(J[B)V", forget),
      NATIVE("setPaused", "(JZ)V", setPaused),
      NATIVE("export", "(J)[B", exportJson),
      NATIVE("rank", "(J[B[B)[B", rank),
      NATIVE("why", "(J[B)[B", why),
      NATIVE("flush", "(J)V", flush),
      NATIVE("erase", "(J)V", erase),
      NATIVE("close", "(J)V", close),
      NATIVE("stats", "(J)[J", stats),
  };
  return env->RegisterNatives(g_bridge_class, methods, sizeof methods / sizeof methods[0]) == JNI_OK;
}

}  // namespace

extern "C" JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void*) {
  g_vm = vm;
  JNIEnv* env = nullptr;
  if (vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_6) != JNI_OK) return JNI_ERR;
  try {
    if (!load(env)) return JNI_ERR;  // the pending NoSuchMethodError/NoClassDefFoundError says what
  } catch (...) {
    return JNI_ERR;
  }
  return JNI_VERSION_1_6;
}
