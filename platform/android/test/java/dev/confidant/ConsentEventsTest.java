package dev.confidant;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Consent listeners on the host JVM: every change fires one event in sequence order on the SDK's
 * consent-event thread (attached to the JVM, checked by -Xcheck:jni), whatever its source; a
 * throwing listener breaks nothing; removal stops delivery; close delivers what waits.
 */
public class ConsentEventsTest {
  static final long NOW = 1795507200000L;
  static final long PATIENCE_SECONDS = 20;

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private KeyProvider key;
  private Confidant sdk;

  @Before
  public void setUp() throws Exception {
    key = KeyProvider.keyFile(new File(temp.getRoot(), "store.key"), true);
    sdk = Confidant.openAndWait(ConfidantOptions.builder().dir(new File(temp.getRoot(), "store")).keyProvider(key)
        .fixedClockMs(NOW).build());
  }

  @After
  public void tearDown() {
    sdk.close();
    key.close();
  }

  /** Collects events from the consent-event thread. */
  static final class Collector implements ConsentListener {
    final List<ConsentEvent> events = new ArrayList<>(); // guarded by this
    final List<String> threads = new ArrayList<>(); // guarded by this

    @Override
    public synchronized void onConsentChanged(ConsentEvent event) {
      events.add(event);
      threads.add(Thread.currentThread().getName());
      notifyAll();
    }

    synchronized List<ConsentEvent> await(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
      while (events.size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new AssertionError("only " + events.size() + " of " + n + " events arrived");
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return new ArrayList<>(events);
    }

    synchronized List<ConsentEvent> snapshot() {
      return new ArrayList<>(events);
    }
  }

  private void change(boolean grant, Category category, Use use, String version) {
    if (grant) {
      sdk.grant(Collections.singletonList(category), Collections.singletonList(use), ConsentSource.USER, version, null);
    } else {
      sdk.deny(Collections.singletonList(category), Collections.singletonList(use), ConsentSource.USER, version, null);
    }
  }

  private int records() {
    String receipt = sdk.consentReceiptJson();
    int count = 0;
    for (int at = receipt.indexOf("\"seq\":"); at >= 0; at = receipt.indexOf("\"seq\":", at + 1)) count++;
    return count;
  }

  @Test
  public void everyChangeFiresOneEventInOrderWhateverItsSource() throws Exception {
    Collector seen = new Collector();
    sdk.addConsentListener(seen);
    sdk.grant(Arrays.asList(Category.PURCHASES, Category.BROWSING), Collections.singletonList(Use.PERSONALIZE),
        ConsentSource.USER, "2026-11", "We use your orders.");
    sdk.deny(Collections.singletonList(Category.LOCATION), Collections.singletonList(Use.SHARE),
        ConsentSource.APP_DEFAULT, "defaults", null);
    String outcome = sdk.applyCmpJson("{\"consent_mode\":{\"ad_storage\":\"granted\",\"analytics_storage\":\"denied\"}}");
    assertTrue(outcome, outcome.contains("\"applied\":true"));
    int total = records();
    assertTrue(total > 3);
    List<ConsentEvent> events = seen.await(total);
    assertEquals(total, events.size());
    for (int i = 0; i < total; i++) assertEquals(i + 1, events.get(i).sequence);
    ConsentEvent first = events.get(0);
    assertEquals(Category.PURCHASES, first.category);
    assertEquals(Use.PERSONALIZE, first.use);
    assertEquals(ConsentState.GRANTED, first.state);
    assertEquals(ConsentSource.USER, first.source);
    assertEquals("2026-11", first.policyVersion);
    assertEquals(NOW, first.atUnixMs);
    assertEquals(0, first.missed);
    assertEquals(ConsentSource.APP_DEFAULT, events.get(2).source);
    assertEquals(ConsentState.DENIED, events.get(2).state);
    for (int i = 3; i < total; i++) assertEquals(ConsentSource.CMP, events.get(i).source);
    // Never on a thread of the test: the SDK's own.
    synchronized (seen) {
      assertTrue(!seen.threads.contains(Thread.currentThread().getName()));
    }
  }

  @Test
  public void aThrowingListenerDoesNotBreakTheSdkOrTheOthers() throws Exception {
    AtomicInteger thrown = new AtomicInteger();
    sdk.addConsentListener(event -> {
      thrown.incrementAndGet();
      throw new IllegalStateException("host bug");
    });
    AtomicInteger readBack = new AtomicInteger();
    sdk.addConsentListener(event -> {
      // Back into the SDK from the consent-event thread.
      if (sdk.consentState(event.category, event.use) == event.state) readBack.incrementAndGet();
    });
    Collector seen = new Collector();
    sdk.addConsentListener(seen);
    // Each change waits for its event, so the state read back from the
    // listener is still the one the event reports (delivery is async).
    change(true, Category.BROWSING, Use.PERSONALIZE, "1");
    seen.await(1);
    change(false, Category.BROWSING, Use.PERSONALIZE, "1");
    seen.await(2);
    change(true, Category.SEARCH, Use.SHARE, "1");
    seen.await(3);
    assertEquals(3, thrown.get());
    assertEquals(3, readBack.get());
    assertEquals(ConsentState.GRANTED, sdk.consentState(Category.SEARCH, Use.SHARE));
  }

  @Test
  public void aRemovedListenerIsNotCalledAgain() throws Exception {
    Collector removed = new Collector();
    Collector kept = new Collector();
    sdk.addConsentListener(removed);
    sdk.addConsentListener(kept);
    change(true, Category.BROWSING, Use.PERSONALIZE, "1");
    removed.await(1);
    sdk.removeConsentListener(removed);
    sdk.removeConsentListener(removed); // twice: harmless
    change(true, Category.SEARCH, Use.PERSONALIZE, "1");
    kept.await(2);
    sdk.close();
    assertEquals(1, removed.snapshot().size());
    assertEquals(2, kept.snapshot().size());
  }

  @Test
  public void changesFromSeveralThreadsFireExactlyOneEventEach() throws Exception {
    Collector seen = new Collector();
    sdk.addConsentListener(seen);
    final int threads = 4;
    final int changes = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < changes; i++) {
          Category category = Category.values()[(thread + i) % Category.values().length];
          change(i % 3 != 0, category, Use.values()[i % 2], thread + "." + i);
        }
      }));
    }
    for (Future<?> f : done) f.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    pool.shutdown();
    sdk.close(); // delivers what waits before it returns
    List<ConsentEvent> events = seen.snapshot();
    assertEquals(threads * changes, events.size());
    Set<String> versions = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).sequence);
      versions.add(events.get(i).policyVersion);
    }
    assertEquals(threads * changes, versions.size()); // each change once
  }

  @Test
  public void closeDeliversWhatWaitsThenNothingMore() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    sdk.addConsentListener(event -> {
      if (calls.getAndIncrement() == 0) {
        entered.countDown();
        try {
          release.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    change(true, Category.BROWSING, Use.PERSONALIZE, "1");
    assertTrue(entered.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
    for (int i = 0; i < 10; i++) change(true, Category.SEARCH, Use.PERSONALIZE, "v" + i);
    ExecutorService closer = Executors.newSingleThreadExecutor();
    Future<Integer> closed = closer.submit(() -> {
      sdk.close();
      return calls.get();
    });
    release.countDown();
    Integer atClose = closed.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    closer.shutdown();
    assertNotNull(atClose);
    assertEquals(11, atClose.intValue());
    assertEquals(11, calls.get());
    try {
      sdk.addConsentListener(event -> {});
      throw new AssertionError("addConsentListener after close");
    } catch (ConfidantException e) {
      assertEquals(ErrorCode.CLOSED, e.code());
    }
  }
}
