package dev.confidant;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Key providers written in Java: called on the SDK's worker thread (attached
 * to the JVM by the JNI library); what they throw or return wrong becomes a
 * clean error. The AES-GCM provider is the shape of the Android Keystore one
 * (android-only/), with the key in memory instead of in the Keystore.
 */
public class HostKeyProviderTest {
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  static class AesGcmProvider implements HostKeyProvider {
    final byte[] key = new byte[32];
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean destroyed;
    volatile String thread;

    AesGcmProvider() {
      new SecureRandom().nextBytes(key);
    }

    @Override
    public String kind() {
      return "test-aes-gcm";
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] context) {
      calls.incrementAndGet();
      thread = Thread.currentThread().getName();
      try {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(context);
        byte[] sealed = cipher.doFinal(dataKey);
        byte[] out = Arrays.copyOf(iv, iv.length + sealed.length);
        System.arraycopy(sealed, 0, out, iv.length, sealed.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new ConfidantException(ErrorCode.INTERNAL, "wrap: " + e);
      }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] context) {
      calls.incrementAndGet();
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, wrapped, 0, 12));
        cipher.updateAAD(context);
        return cipher.doFinal(wrapped, 12, wrapped.length - 12);
      } catch (AEADBadTagException e) {
        throw new ConfidantException(ErrorCode.WRONG_KEY, "the data key does not authenticate under this key");
      } catch (GeneralSecurityException e) {
        throw new ConfidantException(ErrorCode.INTERNAL, "unwrap: " + e);
      }
    }

    @Override
    public void destroyKey() {
      destroyed = true;
    }
  }

  private ConfidantOptions options(KeyProvider provider) {
    return ConfidantOptions.builder().dir(new File(temp.getRoot(), "store")).keyProvider(provider).build();
  }

  private static ConfidantException expect(ErrorCode code, Runnable call) {
    try {
      call.run();
    } catch (ConfidantException e) {
      assertEquals(e.toString(), code, e.code());
      return e;
    }
    fail("expected " + code);
    return null;
  }

  @Test
  public void javaProviderWrapsUnwrapsAndDestroys() {
    AesGcmProvider host = new AesGcmProvider();
    try (KeyProvider provider = KeyProvider.fromHost(host)) {
      try (Confidant sdk = Confidant.openAndWait(options(provider))) {
        sdk.grant(Collections.singletonList(Category.PURCHASES), Collections.singletonList(Use.PERSONALIZE),
            ConsentSource.USER, null, null);
        sdk.track(ConfidantTest.LATTE);
      }
      assertTrue(host.calls.get() >= 1);
      assertTrue("called on the SDK's worker, not the test thread",
          !Thread.currentThread().getName().equals(host.thread));
      try (Confidant sdk = Confidant.openAndWait(options(provider))) {
        assertThat(sdk.profileJson(), containsString("drinks/coffee/latte"));
      }
      // Another key of the same kind: the provider says WRONG_KEY, with its words.
      try (KeyProvider other = KeyProvider.fromHost(new AesGcmProvider())) {
        ConfidantException e = expect(ErrorCode.WRONG_KEY, () -> Confidant.openAndWait(options(other)));
        assertThat(e.getMessage(), containsString("does not authenticate"));
      }
      try (Confidant sdk = Confidant.openAndWait(options(provider))) {
        sdk.erase();
      }
      assertTrue("erase calls destroyKey", host.destroyed);
    }
  }

  @Test
  public void throwingProviderIsAnInternalError() {
    HostKeyProvider throwing = new AesGcmProvider() {
      @Override
      public byte[] wrap(byte[] dataKey, byte[] context) {
        throw new IllegalStateException("keystore locked");
      }
    };
    try (KeyProvider provider = KeyProvider.fromHost(throwing)) {
      ConfidantException e = expect(ErrorCode.INTERNAL, () -> Confidant.openAndWait(options(provider)));
      assertThat(e.getMessage(), containsString("keystore locked"));
      assertThat(e.getMessage(), containsString("key provider 'test-aes-gcm': wrap: threw java.lang.IllegalStateException"));
    }
  }

  @Test
  public void garbageResultsAreInvalidArguments() {
    HostKeyProvider empty = new AesGcmProvider() {
      @Override
      public byte[] wrap(byte[] dataKey, byte[] context) {
        return null;
      }
    };
    try (KeyProvider provider = KeyProvider.fromHost(empty)) {
      ConfidantException e = expect(ErrorCode.INVALID_ARGUMENT, () -> Confidant.openAndWait(options(provider)));
      assertThat(e.getMessage(), containsString("wrap returned 0 bytes"));
    }
    HostKeyProvider huge = new AesGcmProvider() {
      @Override
      public byte[] wrap(byte[] dataKey, byte[] context) {
        return new byte[5000];
      }
    };
    try (KeyProvider provider = KeyProvider.fromHost(huge)) {
      ConfidantException e = expect(ErrorCode.INVALID_ARGUMENT, () -> Confidant.openAndWait(options(provider)));
      assertThat(e.getMessage(), containsString("5000"));
    }
  }

  @Test
  public void badKindIsRefused() {
    HostKeyProvider spaced = new AesGcmProvider() {
      @Override
      public String kind() {
        return "has space";
      }
    };
    expect(ErrorCode.INVALID_ARGUMENT, () -> KeyProvider.fromHost(spaced));
  }
}
