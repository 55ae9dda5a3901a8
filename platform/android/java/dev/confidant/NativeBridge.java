package dev.confidant;

import java.nio.charset.StandardCharsets;

/**
 * The native methods of libconfidant_jni.so, registered by name in its
 * JNI_OnLoad (RegisterNatives): renaming anything here needs the same change
 * in jni/confidant_jni.cpp, and proguard-rules.pro keeps these names.
 *
 * <p>Strings cross as UTF-8 byte arrays, never as modified UTF-8
 * ({@code NewStringUTF}); handles are {@code long}; a native error is thrown as
 * {@link ConfidantException}.
 */
final class NativeBridge {
  /** The C ABI this Java library was written against (CONFIDANT_ABI_VERSION). */
  static final int ABI_VERSION = 1;

  static {
    // libconfidant_jni.so needs libconfidant_c.so; load it first so older
    // Android linkers (which do not search the app's lib dir) find it.
    System.loadLibrary("confidant_c");
    System.loadLibrary("confidant_jni");
    int loaded = abiVersion();
    if (loaded != ABI_VERSION) {
      throw new UnsatisfiedLinkError(
          "libconfidant_c.so implements ABI " + loaded + ", this Java library needs " + ABI_VERSION);
    }
  }

  private NativeBridge() {}

  static final int HAS_FIXED_CLOCK = 1;
  static final int HAS_QUEUE_CAPACITY = 2;
  static final int HAS_BATCH_SIZE = 4;
  static final int HAS_FLUSH_INTERVAL = 8;
  static final int HAS_RETENTION_DAYS = 16;

  static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  /** A NUL-terminated name (path, kind): native code refuses an embedded NUL. */
  static byte[] path(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String string(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** Called from native code: the code a host callback's exception reports (INTERNAL unless it is ours). */
  static int errorCode(Throwable thrown) {
    return thrown instanceof ConfidantException
        ? ((ConfidantException) thrown).nativeCode()
        : ErrorCode.INTERNAL.value();
  }

  /** Called from native code: the words of a host callback's exception, as UTF-8. */
  static byte[] errorMessage(Throwable thrown) {
    String text = thrown instanceof ConfidantException ? thrown.getMessage() : thrown.toString();
    return utf8(text == null ? "" : text);
  }

  static native int abiVersion();

  static native byte[] version();

  static native long keyProviderKeyFile(byte[] path, boolean createIfMissing);

  static native long keyProviderPassphrase(byte[] passphrase, long opsLimit, long memLimitBytes);

  static native long keyProviderInMemory();

  static native long keyProviderHost(HostKeyProvider provider, byte[] kind);

  static native void keyProviderFree(long provider);

  static native long open(byte[] dir, long provider, int present, long fixedClockMs, long queueCapacity,
      long batchSize, long flushIntervalMs, int retentionDays, byte[] brandSigningKey, byte[] syncUrl,
      TransportAdapter transport);

  static native void installConfig(long sdk, byte[] signedConfig);

  static native byte[] sync(long sdk, long deadlineMs, boolean dryRun);

  static native byte[] sharedReports(long sdk);

  static native byte[] budget(long sdk);

  static native void free(long sdk);

  static native void waitUntilReady(long sdk);

  static native void consent(long sdk, boolean grant, int[] categories, int[] uses, int source, byte[] policyVersion,
      byte[] shownText);

  static native int[] consentStates(long sdk, int count);

  static native byte[] consentReceipt(long sdk);

  static native byte[] applyCmp(long sdk, byte[] json);

  static native void track(long sdk, byte[] json);

  static native void prefer(long sdk, int kind, byte[] target, byte[] text);

  static native byte[] profile(long sdk);

  static native void forget(long sdk, byte[] target);

  static native void setPaused(long sdk, boolean paused);

  static native byte[] export(long sdk);

  static native byte[] rank(long sdk, byte[] candidates, byte[] request);

  static native byte[] why(long sdk, byte[] itemId);

  static native void flush(long sdk);

  static native void erase(long sdk);

  static native void close(long sdk);

  static native long[] stats(long sdk);
}
