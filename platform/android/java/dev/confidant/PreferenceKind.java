package dev.confidant;

/** A stated preference; numbers as {@code confidant_preference_kind}. */
public enum PreferenceKind {
  LIKE(0),
  DISLIKE(1),
  /** "Don't personalize this": always honoured, whatever the consent. */
  BLOCK(2);

  final int value;

  PreferenceKind(int value) {
    this.value = value;
  }
}
