package dev.confidant;

/** The state of one (category, use) pair; numbers as {@code confidant_consent_state}. */
public enum ConsentState {
  /** Never decided: behaves exactly as {@link #DENIED}. */
  UNKNOWN(0),
  GRANTED(1),
  DENIED(2);

  final int value;

  ConsentState(int value) {
    this.value = value;
  }

  static ConsentState fromValue(int value) {
    for (ConsentState state : values()) {
      if (state.value == value) return state;
    }
    return UNKNOWN;
  }
}
