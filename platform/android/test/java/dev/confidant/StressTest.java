package dev.confidant;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Eight JVM threads call every public member of one {@link Confidant} in
 * random interleavings (the stress of tests/support/stress.hpp, through JNI):
 * afterwards every acknowledged browsing view is in the export (browsing is
 * never withdrawn, and a view raced by a pause is not counted), a final
 * withdrawal of purchases leaves none of its signals, and the consent ledger
 * verifies.
 */
public class StressTest {
  private static final int THREADS = 8;
  private static final int OPERATIONS = 150;
  private static final Category[] TOGGLED = {
    Category.PURCHASES, Category.SEARCH, Category.LOCATION, Category.PREFERENCES, Category.SENSITIVE
  };
  private static final String CANDIDATES =
      "[{\"id\":\"c-1\",\"categories\":[\"drinks/tea\"],\"popularity\":0.5},"
          + "{\"id\":\"c-2\",\"categories\":[\"food/pasta\"],\"attrs\":{\"size\":\"tall\"}},"
          + "{\"id\":\"c-3\",\"categories\":[\"health/vitamins\"],\"popularity\":0.9}]";

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final AtomicInteger pausesInFlight = new AtomicInteger();
  private final AtomicLong pausesStarted = new AtomicLong();
  private final List<String> checked = Collections.synchronizedList(new ArrayList<String>());
  private final AtomicInteger unexpected = new AtomicInteger();

  private static void decide(Confidant sdk, boolean grant, Category category, Use use) {
    if (grant) {
      sdk.grant(Collections.singletonList(category), Collections.singletonList(use), ConsentSource.USER, "1", null);
    } else {
      sdk.deny(Collections.singletonList(category), Collections.singletonList(use), ConsentSource.USER, "1", null);
    }
  }

  private void operate(Confidant sdk, Random rng, int thread, int i) {
    switch (rng.nextInt(12)) {
      case 0: case 1: case 2: case 3: {
        String item = "t" + thread + "-" + i;
        // Read in this order, a pause that begins between the two reads changes
        // pausesStarted after `before`, so the view is not counted.
        long before = pausesStarted.get();
        boolean quiet = pausesInFlight.get() == 0;
        sdk.track("{\"type\":\"view\",\"item\":\"" + item + "\",\"categories\":[\"drinks/tea\"]}");
        if (quiet) {
          // A pause that starts before the worker persists the view drops it
          // (the worker checks again), so a view is only owed once flushed
          // with no pause started since it was tracked.
          sdk.flush();
          if (pausesStarted.get() == before) checked.add(item);
        }
        break;
      }
      case 4:
        sdk.track("{\"type\":\"order\",\"item\":\"x-" + rng.nextInt(5) + "\",\"categories\":[\"food/pasta\"],"
            + "\"attrs\":{\"size\":\"tall\"}}");
        break;
      case 5:
        sdk.rankJson(CANDIDATES, "{\"seed\":" + rng.nextInt(1000) + "}");
        break;
      case 6:
        sdk.whyJson("c-" + (1 + rng.nextInt(3)));
        break;
      case 7:
        decide(sdk, rng.nextBoolean(), TOGGLED[rng.nextInt(TOGGLED.length)],
            rng.nextBoolean() ? Use.PERSONALIZE : Use.SHARE);
        break;
      case 8:
        sdk.prefer(PreferenceKind.values()[rng.nextInt(3)], rng.nextBoolean() ? "food/pasta" : "size=tall", null);
        break;
      case 9:
        sdk.forget(rng.nextBoolean() ? "food" : "item:x-1");
        break;
      case 10:
        if (rng.nextBoolean()) {
          pausesInFlight.incrementAndGet();
          pausesStarted.incrementAndGet();
          try {
            sdk.setPaused(true);
          } finally {
            pausesInFlight.decrementAndGet();
          }
        } else {
          sdk.setPaused(false);
        }
        break;
      default:
        if (rng.nextBoolean()) sdk.exportJson(); else sdk.flush();
        break;
    }
  }

  @Test
  public void eightThreadsOnEveryMemberLoseNothingAcknowledged() throws Exception {
    KeyProvider key = KeyProvider.keyFile(new File(temp.getRoot(), "store.key"), true);
    Confidant sdk = Confidant.openAndWait(ConfidantOptions.builder()
        .dir(new File(temp.getRoot(), "store")).keyProvider(key).build());
    sdk.grant(Arrays.asList(Category.BROWSING, Category.PURCHASES), Arrays.asList(Use.PERSONALIZE, Use.SHARE),
        ConsentSource.USER, "1", null);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      final int thread = t;
      threads.add(new Thread(() -> {
        Random rng = new Random(1000L + thread);
        for (int i = 0; i < OPERATIONS; i++) {
          try {
            operate(sdk, rng, thread, i);
          } catch (ConfidantException e) {
            // Consent, pause and "not in the last ranking" refusals are normal outcomes.
            if (e.code() != ErrorCode.NOT_PERMITTED && e.code() != ErrorCode.INVALID_ARGUMENT) {
              unexpected.incrementAndGet();
            }
          } catch (RuntimeException e) {
            unexpected.incrementAndGet();
          }
        }
      }));
    }
    for (Thread thread : threads) thread.start();
    for (Thread thread : threads) thread.join();
    assertEquals(0, unexpected.get());
    assertFalse(checked.isEmpty());

    sdk.flush();
    String exported = sdk.exportJson();
    int missing = 0;
    for (String item : checked) {
      if (!exported.contains("\"item\":\"" + item + "\"")) missing++;
    }
    assertEquals("acknowledged views missing from the export", 0, missing);

    decide(sdk, false, Category.PURCHASES, Use.PERSONALIZE);
    assertFalse(sdk.exportJson().contains("\"type\":\"order\""));
    assertTrue(sdk.consentReceiptJson().contains("\"intact\":true"));
    sdk.erase();
    sdk.close();
    key.close();
  }
}
