package dev.confidant;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.Arrays;
import java.util.Collections;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The Java API over libconfidant_jni.so and libconfidant_c.so, on the host JVM. */
public class ConfidantTest {
  static final String LATTE =
      "{\"type\":\"order\",\"item\":\"latte-1\",\"categories\":[\"drinks/coffee/latte\"],\"attrs\":{\"milk\":\"oat\"}}";
  static final String CANDIDATES =
      "[{\"id\":\"cake-1\",\"categories\":[\"food/cake\"],\"popularity\":0.9},"
          + "{\"id\":\"latte-1\",\"categories\":[\"drinks/coffee/latte\"],\"attrs\":{\"milk\":\"oat\"}}]";

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private File dir;
  private KeyProvider key;

  @Before
  public void setUp() throws Exception {
    dir = new File(temp.getRoot(), "store");
    key = KeyProvider.keyFile(new File(temp.getRoot(), "store.key"), true);
  }

  @After
  public void tearDown() {
    key.close();
  }

  private ConfidantOptions options(KeyProvider provider) {
    return ConfidantOptions.builder().dir(dir).keyProvider(provider).fixedClockMs(1795507200000L).build();
  }

  private static void grantOrders(Confidant sdk) {
    sdk.grant(Arrays.asList(Category.PURCHASES, Category.BROWSING), Collections.singletonList(Use.PERSONALIZE),
        ConsentSource.USER, "2026-11", "We use your orders to suggest your usual.");
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
  public void versionAndCodes() {
    assertFalse(Confidant.version().isEmpty());
    assertEquals(ErrorCode.WRONG_KEY, ErrorCode.fromValue(2));
    assertEquals("not_permitted", ErrorCode.NOT_PERMITTED.codeName());
    assertEquals(ErrorCode.INTERNAL, ErrorCode.fromValue(99));
  }

  @Test
  public void applyCmpFromIabtcfValuesAndConsentMode() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      String request =
          "{\"iabtcf\":{\"IABTCF_gdprApplies\":1,\"IABTCF_PolicyVersion\":5,\"IABTCF_PurposeConsents\":\"100011\"},"
              + "\"consent_mode\":{\"ad_storage\":\"granted\",\"ad_personalization\":\"granted\"}}";
      String outcome = sdk.applyCmpJson(request);
      assertThat(outcome, containsString("\"applied\":true"));
      assertThat(outcome, containsString("\"policy_version\":\"tcf:policy=5;consent_mode:v2\""));
      assertEquals(ConsentState.GRANTED, sdk.consentState(Category.PURCHASES, Use.PERSONALIZE));
      assertEquals(ConsentState.DENIED, sdk.consentState(Category.PURCHASES, Use.SHARE));
      assertEquals(ConsentState.UNKNOWN, sdk.consentState(Category.SENSITIVE, Use.PERSONALIZE));
      assertThat(sdk.consentReceiptJson(), containsString("\"source\":\"cmp\""));
      // The same state again changes nothing.
      assertThat(sdk.applyCmpJson(request), containsString("\"applied\":false"));
      ConfidantException bad =
          expect(ErrorCode.INVALID_ARGUMENT, () -> sdk.applyCmpJson("{\"consent_mode\":{\"ad_storage\":\"yes\"}}"));
      assertThat(bad.getMessage(), containsString("consent_mode.ad_storage"));
      expect(ErrorCode.UNSUPPORTED, () -> sdk.applyCmpJson("{\"tc_string\":\"BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA\"}"));
    }
  }

  @Test
  public void openConsentTrackProfileExportRank() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      assertEquals(ConsentState.UNKNOWN, sdk.consentState(Category.PURCHASES, Use.PERSONALIZE));
      grantOrders(sdk);
      assertEquals(ConsentState.GRANTED, sdk.consentState(Category.PURCHASES, Use.PERSONALIZE));
      assertEquals(ConsentState.UNKNOWN, sdk.consentState(Category.SEARCH, Use.PERSONALIZE));
      assertThat(sdk.consentReceiptJson(), containsString("2026-11"));

      for (int i = 0; i < 3; i++) sdk.track(LATTE);
      sdk.flush();
      Stats stats = sdk.stats();
      assertEquals(3, stats.accepted);
      assertEquals(3, stats.persisted);

      String profile = sdk.profileJson();
      assertThat(profile, containsString("\"target\":\"drinks/coffee/latte\""));
      assertThat(sdk.exportJson(), containsString("confidant.export.v1"));

      String ranked = sdk.rankJson(CANDIDATES, "{\"limit\":5,\"moment\":\"morning_commute\"}");
      assertTrue(ranked, ranked.startsWith("{\"results\":[{\"id\":\"latte-1\""));
      assertThat(sdk.whyJson("cake-1"), containsString("\"reasons\""));
      String defaults = sdk.rankJson(CANDIDATES, null);
      assertThat(defaults, containsString("cake-1"));
    }
  }

  @Test
  public void invalidSignalsNameTheField() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      grantOrders(sdk);
      ConfidantException e =
          expect(ErrorCode.INVALID_ARGUMENT, () -> sdk.track("{\"type\":\"rate\",\"item\":\"latte-1\",\"rating\":9}"));
      assertThat(e.getMessage(), containsString("rating"));
      e = expect(ErrorCode.INVALID_ARGUMENT, () -> sdk.track("{\"type\":\"view\",\"colour\":\"red\"}"));
      assertThat(e.getMessage(), containsString("colour"));
      e = expect(ErrorCode.INVALID_ARGUMENT, () -> sdk.track("not json"));
      expect(ErrorCode.INVALID_ARGUMENT, () -> sdk.track(null));
      e = expect(ErrorCode.INVALID_ARGUMENT, () -> sdk.rankJson("[{\"id\":\"x\",\"popularity\":\"high\"}]", null));
      assertThat(e.getMessage(), containsString("candidates[0]: popularity"));
      e = expect(ErrorCode.INVALID_ARGUMENT, () -> sdk.rankJson(CANDIDATES, "{\"limit\":0}"));
      assertThat(e.getMessage(), containsString("limit"));
      assertEquals(1, sdk.stats().rejectedInvalid);
    }
  }

  @Test
  public void consentIsEnforced() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      ConfidantException e = expect(ErrorCode.NOT_PERMITTED, () -> sdk.track(LATTE));
      assertThat(e.getMessage(), containsString("purchases"));
      grantOrders(sdk);
      sdk.track(LATTE);
      sdk.deny(Collections.singletonList(Category.PURCHASES), Collections.singletonList(Use.PERSONALIZE),
          ConsentSource.USER, null, null);
      assertEquals(ConsentState.DENIED, sdk.consentState(Category.PURCHASES, Use.PERSONALIZE));
      expect(ErrorCode.NOT_PERMITTED, () -> sdk.track(LATTE));
      assertThat(sdk.profileJson(), not(containsString("drinks/coffee/latte")));
    }
  }

  @Test
  public void preferencesAndForget() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      expect(ErrorCode.NOT_PERMITTED, () -> sdk.prefer(PreferenceKind.LIKE, "drinks/tea", null));
      sdk.grant(Collections.singletonList(Category.PREFERENCES), Collections.singletonList(Use.PERSONALIZE),
          ConsentSource.USER, null, null);
      sdk.prefer(PreferenceKind.LIKE, "drinks/tea", "I like green tea \uD83C\uDF75");  // outside the BMP
      assertThat(sdk.profileJson(), containsString("drinks/tea"));
      assertThat(sdk.exportJson(), containsString("I like green tea \uD83C\uDF75"));
      sdk.forget("drinks/tea");
      assertThat(sdk.profileJson(), not(containsString("drinks/tea")));
      sdk.setPaused(true);
      assertThat(sdk.profileJson(), containsString("\"paused\":true"));
    }
  }

  @Test
  public void dataSurvivesReopen() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      grantOrders(sdk);
      sdk.track(LATTE);
    }
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      assertThat(sdk.profileJson(), containsString("drinks/coffee/latte"));
    }
  }

  @Test
  public void eraseLeavesANewInstanceEmpty() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      grantOrders(sdk);
      sdk.track(LATTE);
      sdk.flush();
      sdk.erase();
      expect(ErrorCode.CLOSED, () -> sdk.track(LATTE));
      expect(ErrorCode.CLOSED, sdk::profileJson);
    }
    assertFalse("erase removes the key file", new File(temp.getRoot(), "store.key").exists());
    try (KeyProvider fresh = KeyProvider.keyFile(new File(temp.getRoot(), "store.key"), true);
        Confidant sdk = Confidant.openAndWait(options(fresh))) {
      assertEquals(ConsentState.UNKNOWN, sdk.consentState(Category.PURCHASES, Use.PERSONALIZE));
      assertThat(sdk.profileJson(), not(containsString("latte")));
      assertThat(sdk.exportJson(), not(containsString("latte")));
    }
  }

  @Test
  public void wrongKeyIsWrongKey() throws Exception {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      grantOrders(sdk);
      sdk.track(LATTE);
    }
    File empty = temp.newFile("other.key");
    try {
      KeyProvider.keyFile(empty, false).close();
      fail("an empty file is not a key file");
    } catch (ConfidantException e) {
      assertTrue(e.toString(), e.code() == ErrorCode.IO || e.code() == ErrorCode.INVALID_ARGUMENT);
    }
    try (KeyProvider other = KeyProvider.keyFile(new File(temp.getRoot(), "other-new.key"), true)) {
      Confidant sdk = Confidant.open(options(other));
      try {
        ConfidantException e = expect(ErrorCode.WRONG_KEY, sdk::waitUntilReady);
        assertThat(e.getMessage(), not(containsString("\u0000")));
        expect(ErrorCode.WRONG_KEY, sdk::profileJson);
      } finally {
        sdk.close();
      }
      expect(ErrorCode.WRONG_KEY, () -> Confidant.openAndWait(options(other)));
    }
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      assertThat(sdk.profileJson(), containsString("drinks/coffee/latte"));
    }
  }

  @Test
  public void closedHandlesAndBadArguments() {
    Confidant sdk = Confidant.openAndWait(options(key));
    sdk.close();
    sdk.close();  // idempotent
    expect(ErrorCode.CLOSED, () -> sdk.track(LATTE));
    expect(ErrorCode.CLOSED, sdk::flush);
    expect(ErrorCode.INVALID_ARGUMENT, () -> ConfidantOptions.builder().dir(dir).build());
    expect(ErrorCode.INVALID_ARGUMENT, () -> KeyProvider.keyFile(new File("bad\u0000path"), true));
    ConfidantException e = expect(ErrorCode.INVALID_ARGUMENT,
        () -> Confidant.open(ConfidantOptions.builder().dir(dir).keyProvider(key).retentionDays(-1).build()).close());
    assertThat(e.getMessage(), containsString("retention"));
    KeyProvider closed = KeyProvider.inMemory();
    closed.close();
    expect(ErrorCode.CLOSED, () -> Confidant.open(options(closed)));
  }

  @Test
  public void aSecondHandleOnTheSameStoreIsBusy() {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      expect(ErrorCode.BUSY, () -> Confidant.openAndWait(options(key)));
      sdk.flush();
    }
  }

  @Test
  public void manySignalsFromSeveralThreads() throws Exception {
    try (Confidant sdk = Confidant.openAndWait(options(key))) {
      grantOrders(sdk);
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        threads[t] = new Thread(() -> {
          for (int i = 0; i < 2000; i++) sdk.track(LATTE);
        });
        threads[t].start();
      }
      for (Thread thread : threads) thread.join();
      sdk.flush();
      assertEquals(8000, sdk.stats().persisted);
    }
  }
}
