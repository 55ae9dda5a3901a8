package dev.confidant;

/**
 * A key provider implemented by the app (the Android Keystore, see
 * {@code platform/android/android-only/} and docs/android.md), handed to
 * {@link KeyProvider#fromHost(HostKeyProvider)}.
 *
 * <p><b>Threads.</b> Every method is called on the SDK's worker thread (a
 * native thread the JNI library attaches to the JVM), one call at a time,
 * while a store opens, is created or erased. A method must not call back into
 * {@link Confidant}.
 *
 * <p><b>Errors.</b> Throw {@link ConfidantException} to report a specific code
 * ({@link ErrorCode#WRONG_KEY} when the wrapped bytes do not authenticate under
 * this provider's key); any other exception becomes {@link ErrorCode#INTERNAL},
 * and a result of the wrong length {@link ErrorCode#INVALID_ARGUMENT}. Either
 * way the error reaches {@link Confidant#waitUntilReady()}, never a crash.
 */
public interface HostKeyProvider {
  /**
   * Recorded beside the wrapped key: a store only opens with a provider of the
   * kind that created it. 1..32 printable ASCII characters, no spaces
   * (e.g. {@code "android-keystore"}). Read once, when the provider is created.
   */
  String kind();

  /**
   * Encrypts the 32-byte {@code dataKey}, authenticating {@code context} (the
   * store's id) as associated data. Returns 1..900 bytes.
   */
  byte[] wrap(byte[] dataKey, byte[] context);

  /** Reverses {@link #wrap}: returns exactly 32 bytes, or throws WRONG_KEY. */
  byte[] unwrap(byte[] wrapped, byte[] context);

  /**
   * Deletes the wrapping key itself (the keystore entry); called by
   * {@link Confidant#erase()} so copies of the store taken earlier cannot be
   * opened either. Does nothing by default.
   */
  default void destroyKey() {}
}
