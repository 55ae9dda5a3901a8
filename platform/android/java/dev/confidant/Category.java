package dev.confidant;

/** Consent categories (consent.hpp, docs/consent.md); numbers as {@code confidant_category}. */
public enum Category {
  PREFERENCES(0),
  BROWSING(1),
  SEARCH(2),
  PURCHASES(3),
  LOCATION(4),
  SENSITIVE(5);

  final int value;

  Category(int value) {
    this.value = value;
  }
}
