package dev.confidant;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An open Confidant SDK: one person's on-device store. {@link AutoCloseable}:
 * {@link #close()} persists what is queued and releases the native handle
 * (Kotlin: {@code Confidant.open(options).use { ... }}).
 *
 * <p><b>Threads.</b> Safe to use from any thread, concurrently.
 * {@link #track} and {@link #stats} never block on I/O; every other call runs
 * on the SDK's worker thread and blocks its caller until done: call them from
 * a background executor or a coroutine on {@code Dispatchers.IO}, never from
 * the main thread. {@link #close()} waits for calls in progress.
 *
 * <p><b>Payloads.</b> Structured data crosses as JSON {@code String}s in the
 * documents of docs/capi.md (signals, profile, export, ranking), so this
 * library depends on no JSON library: parse them with whatever the app uses
 * (org.json, kotlinx.serialization, Moshi).
 *
 * <p><b>Errors.</b> Every failure is a {@link ConfidantException} with a stable
 * {@link ErrorCode}; after {@link #close()} or {@link #erase()} calls throw
 * {@link ErrorCode#CLOSED}.
 */
public final class Confidant implements AutoCloseable {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long handle;

  private Confidant(long handle) {
    this.handle = handle;
  }

  /** The library's release, e.g. "0.1.0". */
  public static String version() {
    return NativeBridge.string(NativeBridge.version());
  }

  /**
   * Checks the options and starts the SDK; the store opens in the background.
   * Cheap, but loads the native library on first use. Store errors
   * (WRONG_KEY, TAMPERED, NOT_A_STORE, IO) arrive from {@link #waitUntilReady()}
   * and every later call; {@link #erase()} still works then.
   *
   * @throws ConfidantException INVALID_ARGUMENT naming a bad option
   */
  public static Confidant open(ConfidantOptions options) {
    if (options == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "options: must not be null");
    int present = 0;
    if (options.fixedClockMs != null) present |= NativeBridge.HAS_FIXED_CLOCK;
    if (options.queueCapacity != null) present |= NativeBridge.HAS_QUEUE_CAPACITY;
    if (options.batchSize != null) present |= NativeBridge.HAS_BATCH_SIZE;
    if (options.flushIntervalMs != null) present |= NativeBridge.HAS_FLUSH_INTERVAL;
    if (options.retentionDays != null) present |= NativeBridge.HAS_RETENTION_DAYS;
    long handle = NativeBridge.open(NativeBridge.path(options.dir.getPath()), options.keyProvider.handle(), present,
        orZero(options.fixedClockMs), orZero(options.queueCapacity), orZero(options.batchSize),
        orZero(options.flushIntervalMs), options.retentionDays == null ? 0 : options.retentionDays,
        NativeBridge.utf8(options.brandSigningKey), NativeBridge.utf8(options.syncUrl),
        options.transport == null ? null : new TransportAdapter(options.transport));
    return new Confidant(handle);
  }

  /** {@link #open} then {@link #waitUntilReady()}; closes the handle when the store cannot open. Blocking. */
  public static Confidant openAndWait(ConfidantOptions options) {
    Confidant sdk = open(options);
    try {
      sdk.waitUntilReady();
      return sdk;
    } catch (RuntimeException e) {
      try {
        sdk.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private interface Call<T> {
    T run(long handle);
  }

  private <T> T call(Call<T> call) {
    lock.readLock().lock();
    try {
      if (handle == 0) throw new ConfidantException(ErrorCode.CLOSED, "sdk: closed");
      return call.run(handle);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Blocks until the store is open; throws why it could not be (WRONG_KEY, TAMPERED, NOT_A_STORE, IO). */
  public void waitUntilReady() {
    call(h -> {
      NativeBridge.waitUntilReady(h);
      return null;
    });
  }

  /**
   * Records a grant for every (category, use) pair, one consent ledger record
   * each. {@code policyVersion} (null for "1") is the version of the screen
   * shown; {@code shownText} (nullable) the text the person saw, of which only
   * a hash is kept. Blocking.
   */
  public void grant(Collection<Category> categories, Collection<Use> uses, ConsentSource source,
      String policyVersion, String shownText) {
    decide(true, categories, uses, source, policyVersion, shownText);
  }

  /** As {@link #grant}, for a denial: the categories' signals and their effect are purged first. Blocking. */
  public void deny(Collection<Category> categories, Collection<Use> uses, ConsentSource source,
      String policyVersion, String shownText) {
    decide(false, categories, uses, source, policyVersion, shownText);
  }

  private void decide(boolean grant, Collection<Category> categories, Collection<Use> uses, ConsentSource source,
      String policyVersion, String shownText) {
    if (categories == null || uses == null || source == null) {
      throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "categories, uses, source: must not be null");
    }
    int[] c = new int[categories.size()];
    int i = 0;
    for (Category category : categories) c[i++] = category.value;
    int[] u = new int[uses.size()];
    i = 0;
    for (Use use : uses) u[i++] = use.value;
    byte[] policy = NativeBridge.utf8(policyVersion);
    byte[] shown = NativeBridge.utf8(shownText);
    call(h -> {
      NativeBridge.consent(h, grant, c, u, source.value, policy, shown);
      return null;
    });
  }

  /** The current state of every (category, use) pair. Blocking. */
  public Map<Category, Map<Use, ConsentState>> consentStates() {
    int useCount = Use.values().length;
    int[] states = call(h -> NativeBridge.consentStates(h, Category.values().length * useCount));
    Map<Category, Map<Use, ConsentState>> result = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      Map<Use, ConsentState> row = new EnumMap<>(Use.class);
      for (Use use : Use.values()) {
        row.put(use, ConsentState.fromValue(states[category.value * useCount + use.value]));
      }
      result.put(category, row);
    }
    return result;
  }

  /** The state of one pair. Blocking. */
  public ConsentState consentState(Category category, Use use) {
    return consentStates().get(category).get(use);
  }

  /** The consent receipt, a JSON object of format "confidant.consent.v1" (docs/consent.md). Blocking. */
  public String consentReceiptJson() {
    return NativeBridge.string(call(NativeBridge::consentReceipt));
  }

  /**
   * Applies what the app's consent-management platform collected (docs/consent.md, "Consent from
   * a CMP"). {@code requestJson}:
   * {@code {"iabtcf":{"IABTCF_gdprApplies":1,"IABTCF_TCString":"CQ..."},"consent_mode":{"ad_storage":"granted"},"vendor_id":755}},
   * every member optional (the IABTCF_ values as the CMP wrote them to the default
   * SharedPreferences). Returns the outcome as JSON: applied, cmp_hash, policy_version, and
   * decisions and states per pair. Blocking.
   *
   * @throws ConfidantException INVALID_ARGUMENT naming the field (UNSUPPORTED for a TC string
   *     version other than 2); nothing is applied then
   */
  public String applyCmpJson(String requestJson) {
    byte[] json = requireUtf8(requestJson, "json");
    return NativeBridge.string(call(h -> NativeBridge.applyCmp(h, json)));
  }

  /**
   * Tracks one signal given as one JSON object, e.g.
   * {@code {"type":"order","item":"latte-1","categories":["drinks/coffee/latte"],"attrs":{"milk":"oat"}}}.
   * Never blocks on I/O.
   *
   * @throws ConfidantException INVALID_ARGUMENT naming the field; NOT_PERMITTED when consent
   *     does not allow its category (dropped); BUSY when the queue is full; CLOSED
   */
  public void track(String signalJson) {
    byte[] json = requireUtf8(signalJson, "json");
    call(h -> {
      NativeBridge.track(h, json);
      return null;
    });
  }

  /**
   * States a preference about a target ("drinks/tea", "milk=oat", "item:sku-9") with the
   * person's own words ({@code text}, nullable). LIKE and DISLIKE need PREFERENCES granted for
   * PERSONALIZE (NOT_PERMITTED otherwise); BLOCK is always honoured. Blocking.
   */
  public void prefer(PreferenceKind kind, String target, String text) {
    if (kind == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "kind: must not be null");
    byte[] t = requireUtf8(target, "target");
    byte[] words = NativeBridge.utf8(text);
    call(h -> {
      NativeBridge.prefer(h, kind.value, t, words);
      return null;
    });
  }

  /** The profile as the person may read it, one JSON object (docs/profile.md). Blocking. */
  public String profileJson() {
    return NativeBridge.string(call(NativeBridge::profile));
  }

  /** Forgets a target (as in {@link #prefer}) and every stored signal mentioning it. Blocking. */
  public void forget(String target) {
    byte[] t = requireUtf8(target, "target");
    call(h -> {
      NativeBridge.forget(h, t);
      return null;
    });
  }

  /** While paused nothing new is learned and the profile is not used. Blocking. */
  public void setPaused(boolean paused) {
    call(h -> {
      NativeBridge.setPaused(h, paused);
      return null;
    });
  }

  /** Everything kept about the person, one JSON object of format "confidant.export.v1". Blocking. */
  public String exportJson() {
    return NativeBridge.string(call(NativeBridge::export));
  }

  /**
   * Orders candidates best first, with reasons. {@code candidatesJson}: a JSON array of candidate
   * objects, or JSONL; {@code requestJson}: null for every default, or an object with any of
   * limit, slot, moment, seed, variety, max_per_category, exploration_share, utc_offset_minutes, place.
   * Returns {@code {"results":[...]}}. INVALID_ARGUMENT names the candidate or field. Blocking.
   */
  public String rankJson(String candidatesJson, String requestJson) {
    byte[] candidates = requireUtf8(candidatesJson, "candidates");
    byte[] request = NativeBridge.utf8(requestJson);
    return NativeBridge.string(call(h -> NativeBridge.rank(h, candidates, request)));
  }

  /**
   * Installs the brand's signed config (as the collector serves it at /v1/config). TAMPERED: unsigned
   * or the signature does not verify with the pinned key; INVALID_ARGUMENT: malformed, a field out of
   * range, or not newer than the installed one ("rollback refused"). Blocking.
   */
  public void installConfig(byte[] signedConfig) {
    if (signedConfig == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "signedConfig: must not be null");
    call(h -> {
      NativeBridge.installConfig(h, signedConfig);
      return null;
    });
  }

  /**
   * Makes this epoch's reports from share-consented data and sends what is queued until
   * {@code deadlineMs} has passed (call it from a WorkManager worker). Returns
   * {@code {"prepared":N,"sent":N,"pending":N,"dropped":N,"withheld":[...],"dry_run_reports":"..."}}.
   * A network failure is not an exception: the reports stay queued. Blocking.
   */
  public String syncJson(long deadlineMs, boolean dryRun) {
    return NativeBridge.string(call(h -> NativeBridge.sync(h, deadlineMs, dryRun)));
  }

  /** Every report made, decoded, with its epsilon and status: one JSON object a line. Blocking. */
  public String sharedReportsJsonl() {
    return NativeBridge.string(call(NativeBridge::sharedReports));
  }

  /** The privacy budget spent, in total and per metric, as JSON. Blocking. */
  public String budgetJson() {
    return NativeBridge.string(call(NativeBridge::budget));
  }

  /** Why an item of the last ranked list was placed where it was: one result object. Blocking. */
  public String whyJson(String itemId) {
    byte[] id = requireUtf8(itemId, "itemId");
    return NativeBridge.string(call(h -> NativeBridge.why(h, id)));
  }

  /**
   * Blocks until every signal tracked before the call is persisted; throws the first error a
   * batch met since the previous flush. Call it from a background job (WorkManager) when the
   * app goes to the background.
   */
  public void flush() {
    call(h -> {
      NativeBridge.flush(h);
      return null;
    });
  }

  /**
   * Crypto-shredding: destroys the data key and the provider's wrapping key, removes the store's
   * files and closes the SDK; a new instance on the same directory starts empty. {@link #close()}
   * is still needed. Blocking.
   */
  public void erase() {
    call(h -> {
      NativeBridge.erase(h);
      return null;
    });
  }

  /** Counters since open. Never blocks. */
  public Stats stats() {
    return new Stats(call(NativeBridge::stats));
  }

  /**
   * Persists what is queued, stops the worker and releases the native handle; later calls throw
   * CLOSED. Idempotent. Waits for calls in progress on other threads. Throws the error met while
   * persisting, if any (the handle is released anyway).
   */
  @Override
  public void close() {
    long h;
    lock.writeLock().lock();
    try {
      h = handle;
      handle = 0;
    } finally {
      lock.writeLock().unlock();
    }
    if (h == 0) return;
    try {
      NativeBridge.close(h);
    } finally {
      NativeBridge.free(h);
    }
  }

  private static byte[] requireUtf8(String s, String name) {
    if (s == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, name + ": must not be null");
    return NativeBridge.utf8(s);
  }
}
