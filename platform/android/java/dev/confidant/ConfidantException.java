package dev.confidant;

import java.nio.charset.StandardCharsets;

/**
 * An error of the SDK: a stable {@link ErrorCode} and an English message that
 * names the field at fault ({@code "rating: 9 out of range 1..5"}).
 *
 * <p>Unchecked, so Kotlin and Java lambdas need no ceremony; every method of
 * {@link Confidant} documents which codes it throws. Host key providers may
 * throw it too, to report a specific code (e.g. {@link ErrorCode#WRONG_KEY}
 * when the bytes do not authenticate).
 */
public class ConfidantException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int rawCode;

  public ConfidantException(ErrorCode code, String message) {
    super(message);
    if (code == null) throw new NullPointerException("code");
    this.code = code;
    this.rawCode = code.value();
  }

  /** Called from native code (kept by proguard-rules.pro): the message arrives as UTF-8 bytes. */
  ConfidantException(int rawCode, byte[] utf8Message) {
    super(utf8Message == null ? "" : new String(utf8Message, StandardCharsets.UTF_8));
    this.code = ErrorCode.fromValue(rawCode);
    this.rawCode = rawCode;
  }

  /** The code; {@link ErrorCode#INTERNAL} for a number newer than this Java library. */
  public ErrorCode code() {
    return code;
  }

  /** The number the C library reported (differs from {@code code().value()} only for unknown codes). */
  public int rawCode() {
    return rawCode;
  }

  /** Read from native code when a host callback throws this exception. */
  int nativeCode() {
    return rawCode;
  }

  @Override
  public String toString() {
    return "ConfidantException(" + code.codeName() + "): " + getMessage();
  }
}
