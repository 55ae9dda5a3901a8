package dev.confidant;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Wraps the store's data key. A handle over a native provider: close it when
 * every {@link ConfidantOptions} built with it has been used to open (an open
 * SDK keeps its own reference, so closing early is safe).
 */
public final class KeyProvider implements AutoCloseable {
  private long handle;

  private KeyProvider(long handle) {
    this.handle = handle;
  }

  /**
   * A 32-byte wrapping key in a file (mode 0600, created when missing and
   * {@code createIfMissing}). For desktop tools and tests: on a device use the
   * Android Keystore provider. {@link ErrorCode#IO} when it cannot be read.
   */
  public static KeyProvider keyFile(File path, boolean createIfMissing) {
    return new KeyProvider(NativeBridge.keyProviderKeyFile(NativeBridge.path(path.getPath()), createIfMissing));
  }

  /**
   * A wrapping key derived from a passphrase with Argon2id (0 and 0 for the
   * defaults: 2 passes, 64 MiB). The array is not kept; wipe it afterwards.
   */
  public static KeyProvider passphrase(char[] passphrase, long opsLimit, long memLimitBytes) {
    if (passphrase == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "passphrase: must not be null");
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
    byte[] utf8 = new byte[encoded.remaining()];
    encoded.get(utf8);
    if (encoded.hasArray()) Arrays.fill(encoded.array(), (byte) 0);
    try {
      return new KeyProvider(NativeBridge.keyProviderPassphrase(utf8, opsLimit, memLimitBytes));
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  /** A random key held in memory: its store cannot be reopened once it is gone. Tests only. */
  public static KeyProvider inMemory() {
    return new KeyProvider(NativeBridge.keyProviderInMemory());
  }

  /** A provider implemented in Java (see {@link HostKeyProvider} for threads and errors). */
  public static KeyProvider fromHost(HostKeyProvider provider) {
    if (provider == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "provider: must not be null");
    String kind = provider.kind();
    if (kind == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "kind: must not be null");
    return new KeyProvider(NativeBridge.keyProviderHost(provider, NativeBridge.path(kind)));
  }

  synchronized long handle() {
    if (handle == 0) throw new ConfidantException(ErrorCode.CLOSED, "key provider: closed");
    return handle;
  }

  @Override
  public synchronized void close() {
    if (handle != 0) {
      NativeBridge.keyProviderFree(handle);
      handle = 0;
    }
  }
}
