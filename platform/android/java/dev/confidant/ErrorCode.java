package dev.confidant;

/**
 * The stable error codes of the C ABI ({@code confidant_code} in
 * {@code include/confidant/confidant.h}): same numbers, same short names.
 * Never renumbered; new codes are appended. The ctest check
 * {@code android/error_codes_mapped} fails when the header has a code this
 * enum lacks (each constant is written {@code NAME(number, "name")}).
 */
public enum ErrorCode {
  /** Success; never carried by a {@link ConfidantException}. */
  OK(0, "ok"),
  /** A caller-supplied value is malformed; the message names it. */
  INVALID_ARGUMENT(1, "invalid_argument"),
  /** The key provider could not unwrap the store's data key. */
  WRONG_KEY(2, "wrong_key"),
  /** Stored data failed authentication (corrupt or altered). */
  TAMPERED(3, "tampered"),
  /** The file is not a Confidant store. */
  NOT_A_STORE(4, "not_a_store"),
  /** The operating system refused a read, write or sync (also a missing key file). */
  IO(5, "io"),
  /** Another handle holds the store, or the signal queue is full. */
  BUSY(6, "busy"),
  /** A bug, an exception thrown by a host callback, out of memory, or an unknown code. */
  INTERNAL(7, "internal"),
  /** A format version or feature this build lacks. */
  UNSUPPORTED(8, "unsupported"),
  /** The SDK was closed or erased. */
  CLOSED(9, "closed"),
  /** Consent does not allow it, or personalization is paused; nothing was kept. */
  NOT_PERMITTED(10, "not_permitted");

  private final int value;
  private final String codeName;

  ErrorCode(int value, String codeName) {
    this.value = value;
    this.codeName = codeName;
  }

  /** The number of the C ABI. */
  public int value() {
    return value;
  }

  /** The short name ("wrong_key"), as the C++ API and the CLI print it. */
  public String codeName() {
    return codeName;
  }

  /** The code with this number; {@link #INTERNAL} for a number this build does not know. */
  public static ErrorCode fromValue(int value) {
    for (ErrorCode code : values()) {
      if (code.value == value) return code;
    }
    return INTERNAL;
  }
}
