package dev.confidant;

/** Who made a consent decision; numbers as {@code confidant_consent_source}. */
public enum ConsentSource {
  /** The person, on a consent screen. */
  USER(0),
  /** The app, before any screen was shown. */
  APP_DEFAULT(1),
  /** The app's consent-management platform, through {@link Confidant#applyCmpJson} only (grant and deny refuse it). */
  CMP(2);

  final int value;

  ConsentSource(int value) {
    this.value = value;
  }
}
