package dev.confidant;

import java.io.File;

/**
 * Everything {@link Confidant#open} needs, made with {@link #builder}. Values
 * are only stored here; {@code open} checks them and names the bad one.
 *
 * <pre>{@code
 * ConfidantOptions options = ConfidantOptions.builder()
 *     .dir(new File(context.getNoBackupFilesDir(), "confidant"))
 *     .keyProvider(keyProvider)
 *     .build();
 * }</pre>
 */
public final class ConfidantOptions {
  final File dir;
  final KeyProvider keyProvider;
  final Long fixedClockMs;
  final Long queueCapacity;
  final Long batchSize;
  final Long flushIntervalMs;
  final Integer retentionDays;
  final String brandSigningKey;
  final String syncUrl;
  final Transport transport;

  private ConfidantOptions(Builder b) {
    dir = b.dir;
    keyProvider = b.keyProvider;
    fixedClockMs = b.fixedClockMs;
    queueCapacity = b.queueCapacity;
    batchSize = b.batchSize;
    flushIntervalMs = b.flushIntervalMs;
    retentionDays = b.retentionDays;
    brandSigningKey = b.brandSigningKey;
    syncUrl = b.syncUrl;
    transport = b.transport;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ConfidantOptions}; {@code dir} and {@code keyProvider} are required. */
  public static final class Builder {
    private File dir;
    private KeyProvider keyProvider;
    private Long fixedClockMs;
    private Long queueCapacity;
    private Long batchSize;
    private Long flushIntervalMs;
    private Integer retentionDays;
    private String brandSigningKey;
    private String syncUrl;
    private Transport transport;

    private Builder() {}

    /** Required: the directory the SDK owns (created if missing); use no-backup app storage. */
    public Builder dir(File dir) {
      this.dir = dir;
      return this;
    }

    /** Required: wraps the store's data key. */
    public Builder keyProvider(KeyProvider keyProvider) {
      this.keyProvider = keyProvider;
      return this;
    }

    /** A clock that always answers {@code unixMs}: reproducible demos and tests. */
    public Builder fixedClockMs(long unixMs) {
      this.fixedClockMs = unixMs;
      return this;
    }

    /** Default 10000: signals waiting for the worker before track reports BUSY. */
    public Builder queueCapacity(long signals) {
      this.queueCapacity = signals;
      return this;
    }

    /** Default 1024: the worker persists a batch at this many signals or the interval. */
    public Builder batchSize(long signals) {
      this.batchSize = signals;
      return this;
    }

    /** Default 250 ms. */
    public Builder flushIntervalMs(long milliseconds) {
      this.flushIntervalMs = milliseconds;
      return this;
    }

    /** Default 90: raw signals are kept this long, then folded into the profile. */
    public Builder retentionDays(int days) {
      this.retentionDays = days;
      return this;
    }

    /**
     * The brand's Ed25519 signing public key (64 hex digits), pinned in the app. Default: none, so
     * no brand config can be installed and nothing is ever shared (docs/sync.md).
     */
    public Builder brandSigningKey(String hex) {
      this.brandSigningKey = hex;
      return this;
    }

    /** Where reports are POSTed (the collector's /v1/reports). Default: none (queued, not sent). */
    public Builder syncUrl(String url) {
      this.syncUrl = url;
      return this;
    }

    /** Sends reports; e.g. {@link HttpUrlConnectionTransport}. Default: none. */
    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    /** {@link ErrorCode#INVALID_ARGUMENT} when {@code dir} or {@code keyProvider} is missing. */
    public ConfidantOptions build() {
      if (dir == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "dir: required");
      if (keyProvider == null) throw new ConfidantException(ErrorCode.INVALID_ARGUMENT, "keyProvider: required");
      return new ConfidantOptions(this);
    }
  }
}
