package dev.confidant;

/** One consent change, as {@link ConsentListener} receives it. A plain value. */
public final class ConsentEvent {
  /**
   * The consent ledger record's number: strictly increasing from one event to the next (also
   * across restarts of the same store). A gap means events were missed, or a ledger record that
   * changes no state (the person leaving a brand's experiment): either way, re-read the states.
   */
  public final long sequence;

  public final Category category;
  public final Use use;
  /** {@link ConsentState#GRANTED} or {@link ConsentState#DENIED} (a withdrawal). */
  public final ConsentState state;

  public final ConsentSource source;
  /** As recorded: the screen's policy version, or the CMP's versions. */
  public final String policyVersion;
  /** When it was recorded (Unix ms, UTC, the SDK's clock). */
  public final long atUnixMs;
  /** Events dropped just before this one because listeners fell far behind (0 normally). */
  public final long missed;

  ConsentEvent(long sequence, Category category, Use use, ConsentState state, ConsentSource source,
      String policyVersion, long atUnixMs, long missed) {
    this.sequence = sequence;
    this.category = category;
    this.use = use;
    this.state = state;
    this.source = source;
    this.policyVersion = policyVersion;
    this.atUnixMs = atUnixMs;
    this.missed = missed;
  }

  @Override
  public String toString() {
    return "ConsentEvent{" + sequence + " " + category + "/" + use + " " + state + " by " + source + " under "
        + policyVersion + " at " + atUnixMs + (missed > 0 ? ", " + missed + " missed" : "") + "}";
  }
}
