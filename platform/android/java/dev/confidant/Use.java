package dev.confidant;

/** What a consent decision allows; numbers as {@code confidant_use}. */
public enum Use {
  PERSONALIZE(0),
  SHARE(1);

  final int value;

  Use(int value) {
    this.value = value;
  }
}
