package dev.confidant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the privacy center needs, read and written without a library (the host JVM has none,
 * and Android's org.json is not on it): objects (member order kept), arrays, strings, and the
 * numbers, booleans and nulls a newer model might add. The text always comes from the SDK's
 * own writer, so a reading error is reported as INTERNAL: it means a bug, not bad input.
 */
final class PrivacyJson {
  private final String text;
  private int at;

  private PrivacyJson(String text) {
    this.text = text;
  }

  /** One JSON value: a Map, List, String, Double, Boolean or null. */
  static Object parse(String text) {
    PrivacyJson reader = new PrivacyJson(text);
    Object value = reader.value();
    reader.space();
    if (reader.at != text.length()) throw reader.error("text after the value");
    return value;
  }

  /**
   * The text of member {@code key} of the top-level object, exactly as written (for a document
   * embedded in another, such as the export in an action's result); null when absent.
   */
  static String rawMember(String text, String key) {
    PrivacyJson reader = new PrivacyJson(text);
    reader.space();
    reader.expect('{');
    reader.space();
    if (reader.peek() == '}') return null;
    while (true) {
      reader.space();
      String name = reader.string();
      reader.space();
      reader.expect(':');
      reader.space();
      int start = reader.at;
      reader.value();
      if (name.equals(key)) return text.substring(start, reader.at);
      reader.space();
      if (reader.peek() == ',') {
        reader.at++;
        continue;
      }
      reader.expect('}');
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map)) throw mismatch(what, "an object");
    return (Map<String, Object>) value;
  }

  static List<?> array(Object value, String what) {
    if (!(value instanceof List)) throw mismatch(what, "an array");
    return (List<?>) value;
  }

  static String string(Map<String, Object> object, String key, String what) {
    Object value = object.get(key);
    if (!(value instanceof String)) throw mismatch(what + "." + key, "a string");
    return (String) value;
  }

  /** An object of strings, e.g. a text's params or a row's facts; order kept, unmodifiable. */
  static Map<String, String> strings(Object value, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(value, what).entrySet()) {
      if (!(e.getValue() instanceof String)) throw mismatch(what + "." + e.getKey(), "a string");
      out.put(e.getKey(), (String) e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** Appends {@code value} as a JSON string literal. */
  static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  static void quoteMap(StringBuilder out, Map<String, String> members) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : members.entrySet()) {
      if (!first) out.append(',');
      first = false;
      quote(out, e.getKey());
      out.append(':');
      quote(out, e.getValue());
    }
    out.append('}');
  }

  private static ConfidantException mismatch(String what, String expected) {
    return new ConfidantException(ErrorCode.INTERNAL, "privacy center: " + what + ": expected " + expected);
  }

  private ConfidantException error(String what) {
    return new ConfidantException(ErrorCode.INTERNAL, "privacy center JSON: offset " + at + ": " + what);
  }

  private char peek() {
    if (at >= text.length()) throw error("unexpected end");
    return text.charAt(at);
  }

  private void expect(char c) {
    if (peek() != c) throw error("expected '" + c + "'");
    at++;
  }

  private void space() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) at++;
  }

  private Object value() {
    space();
    char c = peek();
    if (c == '{') return members();
    if (c == '[') return items();
    if (c == '"') return string();
    if (text.startsWith("true", at)) return literal(4, Boolean.TRUE);
    if (text.startsWith("false", at)) return literal(5, Boolean.FALSE);
    if (text.startsWith("null", at)) return literal(4, null);
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
    if (start == at) throw error("expected a value");
    try {
      return Double.valueOf(text.substring(start, at));
    } catch (NumberFormatException e) {
      throw error("malformed number");
    }
  }

  private Object literal(int length, Object value) {
    at += length;
    return value;
  }

  private Map<String, Object> members() {
    expect('{');
    Map<String, Object> out = new LinkedHashMap<>();
    space();
    if (peek() == '}') {
      at++;
      return out;
    }
    while (true) {
      space();
      String key = string();
      space();
      expect(':');
      out.put(key, value());
      space();
      if (peek() == ',') {
        at++;
        continue;
      }
      expect('}');
      return out;
    }
  }

  private List<Object> items() {
    expect('[');
    List<Object> out = new ArrayList<>();
    space();
    if (peek() == ']') {
      at++;
      return out;
    }
    while (true) {
      out.add(value());
      space();
      if (peek() == ',') {
        at++;
        continue;
      }
      expect(']');
      return out;
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = peek();
      at++;
      if (c == '"') return out.toString();
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = peek();
      at++;
      switch (e) {
        case '"': case '\\': case '/': out.append(e); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u':
          if (at + 4 > text.length()) throw error("truncated \\u escape");
          try {
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          } catch (NumberFormatException x) {
            throw error("malformed \\u escape");
          }
          at += 4;
          break;
        default: throw error("unknown escape");
      }
    }
  }
}
