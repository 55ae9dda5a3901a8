package dev.confidant;

/** Counters since open ({@code confidant_stats}). */
public final class Stats {
  /** Track calls that queued a signal. */
  public final long accepted;
  /** Track calls refused with INVALID_ARGUMENT. */
  public final long rejectedInvalid;
  /** Dropped because consent did not allow them. */
  public final long droppedConsent;
  /** Dropped because the queue was full (BUSY). */
  public final long droppedOverflow;
  /** Signals written to the store. */
  public final long persisted;

  Stats(long[] v) {
    accepted = v[0];
    rejectedInvalid = v[1];
    droppedConsent = v[2];
    droppedOverflow = v[3];
    persisted = v[4];
  }

  @Override
  public String toString() {
    return "Stats{accepted=" + accepted + ", rejectedInvalid=" + rejectedInvalid + ", droppedConsent="
        + droppedConsent + ", droppedOverflow=" + droppedOverflow + ", persisted=" + persisted + "}";
  }
}
