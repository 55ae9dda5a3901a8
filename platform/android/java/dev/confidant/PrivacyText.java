package dev.confidant;

import java.util.Map;

/**
 * One text a person sees in the privacy center: {@link #text} is the English template of
 * {@link #key} filled with {@link #params}. Translate by key (the strings table in
 * docs/privacy-center.md), falling back to {@link #text} for a key the app does not know.
 */
public final class PrivacyText {
  public final String key;
  public final String text;
  /** In the order the English text uses them; unmodifiable. */
  public final Map<String, String> params;

  PrivacyText(Map<String, Object> json, String what) {
    key = PrivacyJson.string(json, "key", what);
    text = PrivacyJson.string(json, "text", what);
    params = PrivacyJson.strings(json.get("params"), what + ".params");
  }

  static PrivacyText from(Object json, String what) {
    return new PrivacyText(PrivacyJson.object(json, what), what);
  }

  void appendJson(StringBuilder out) {
    out.append("{\"key\":");
    PrivacyJson.quote(out, key);
    out.append(",\"text\":");
    PrivacyJson.quote(out, text);
    out.append(",\"params\":");
    PrivacyJson.quoteMap(out, params);
    out.append('}');
  }

  @Override
  public String toString() {
    return text;
  }
}
