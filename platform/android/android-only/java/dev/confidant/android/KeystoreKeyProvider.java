package dev.confidant.android;

import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import dev.confidant.ConfidantException;
import dev.confidant.ErrorCode;
import dev.confidant.HostKeyProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Wraps Confidant's data key with an AES-256-GCM key that never leaves the
 * Android Keystore (hardware-backed where the device has it).
 *
 * <p>ANDROID ONLY, NOT COMPILED ON THE CI MACHINE (no Android SDK there): it is
 * built by build.gradle into the AAR. The same wrap/unwrap shape, with the key
 * in memory, is tested on the host JVM by HostKeyProviderTest.
 *
 * <pre>{@code
 * KeyProvider keys = KeyProvider.fromHost(new KeystoreKeyProvider("confidant.store"));
 * }</pre>
 *
 * <p>Wrapped form: 12-byte IV followed by the GCM ciphertext and tag (60
 * bytes). The store's id is authenticated as associated data. A reset
 * keystore, a restored backup on another device or an entry deleted by
 * {@link #destroyKey()} reads as {@link ErrorCode#WRONG_KEY}.
 */
public final class KeystoreKeyProvider implements HostKeyProvider {
  private static final String KEYSTORE = "AndroidKeyStore";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String alias;

  /** {@code alias}: the Keystore entry, one per store directory. */
  public KeystoreKeyProvider(String alias) {
    this.alias = alias;
  }

  @Override
  public String kind() {
    return "android-keystore";
  }

  @Override
  public byte[] wrap(byte[] dataKey, byte[] context) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key(true)); // the Keystore picks the IV
      cipher.updateAAD(context);
      byte[] sealed = cipher.doFinal(dataKey);
      byte[] iv = cipher.getIV();
      byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
      System.arraycopy(sealed, 0, out, iv.length, sealed.length);
      return out;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new ConfidantException(ErrorCode.IO, "android keystore: " + e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] context) {
    if (wrapped.length <= IV_BYTES) {
      throw new ConfidantException(ErrorCode.WRONG_KEY, "android keystore: wrapped key too short");
    }
    try {
      SecretKey key = key(false);
      if (key == null) throw new ConfidantException(ErrorCode.WRONG_KEY, "android keystore: no entry " + alias);
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 0, IV_BYTES));
      cipher.updateAAD(context);
      return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new ConfidantException(ErrorCode.WRONG_KEY, "android keystore: the data key does not authenticate");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new ConfidantException(ErrorCode.IO, "android keystore: " + e);
    }
  }

  @Override
  public void destroyKey() {
    try {
      KeyStore store = KeyStore.getInstance(KEYSTORE);
      store.load(null);
      store.deleteEntry(alias);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new ConfidantException(ErrorCode.IO, "android keystore: " + e);
    }
  }

  private SecretKey key(boolean create) throws GeneralSecurityException, java.io.IOException {
    KeyStore store = KeyStore.getInstance(KEYSTORE);
    store.load(null);
    KeyStore.Entry entry = store.getEntry(alias, null);
    if (entry instanceof KeyStore.SecretKeyEntry) return ((KeyStore.SecretKeyEntry) entry).getSecretKey();
    if (!create) return null;
    KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE);
    generator.init(new KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
                       .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                       .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                       .setKeySize(256)
                       .setRandomizedEncryptionRequired(true)
                       .build());
    return generator.generateKey();
  }
}
