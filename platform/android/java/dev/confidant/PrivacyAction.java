package dev.confidant;

import java.util.Map;

/**
 * A change the privacy center offers, as data: a UI draws a button with {@link #label} and, when
 * pressed, passes the action to {@link Confidant#performPrivacyAction} unchanged. {@link #id}:
 * forget, block, like, dislike, grant, deny, pause, resume, export or erase.
 */
public final class PrivacyAction {
  public final String id;
  public final PrivacyText label;
  /** What the action needs (target; or category, use, policy_version); unmodifiable. */
  public final Map<String, String> target;
  /** Ask the person this before acting (erase); null when not needed. */
  public final PrivacyText confirm;

  PrivacyAction(Object json, String what) {
    Map<String, Object> o = PrivacyJson.object(json, what);
    id = PrivacyJson.string(o, "id", what);
    label = PrivacyText.from(o.get("label"), what + ".label");
    target = PrivacyJson.strings(o.get("target"), what + ".target");
    confirm = o.containsKey("confirm") ? PrivacyText.from(o.get("confirm"), what + ".confirm") : null;
  }

  /** The action's JSON, as the model wrote it. */
  public String toJson() {
    StringBuilder out = new StringBuilder("{\"id\":");
    PrivacyJson.quote(out, id);
    out.append(",\"label\":");
    label.appendJson(out);
    out.append(",\"target\":");
    PrivacyJson.quoteMap(out, target);
    if (confirm != null) {
      out.append(",\"confirm\":");
      confirm.appendJson(out);
    }
    return out.append('}').toString();
  }

  @Override
  public String toString() {
    return toJson();
  }
}
