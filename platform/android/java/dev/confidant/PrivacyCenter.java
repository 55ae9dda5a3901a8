package dev.confidant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The privacy center model (docs/privacy-center.md, format "confidant.privacy-center.v1"):
 * everything the person may see and change, in five sections, each row with the actions it
 * offers. Plain immutable values; read with {@link Confidant#privacyCenter()}.
 */
public final class PrivacyCenter {
  public final String format;
  /** When it was read (RFC 3339, UTC). */
  public final String asOf;
  public final PrivacyText title;
  /** told, learned, not_used, shared, consent, in that order; unmodifiable. */
  public final List<PrivacySection> sections;
  /** On everything at once: pause or resume, export, erase; unmodifiable. */
  public final List<PrivacyAction> actions;

  private PrivacyCenter(Object json) {
    Map<String, Object> o = PrivacyJson.object(json, "center");
    format = PrivacyJson.string(o, "format", "center");
    asOf = PrivacyJson.string(o, "as_of", "center");
    title = PrivacyText.from(o.get("title"), "center.title");
    List<PrivacySection> s = new ArrayList<>();
    for (Object section : PrivacyJson.array(o.get("sections"), "sections")) s.add(new PrivacySection(section, "sections"));
    sections = Collections.unmodifiableList(s);
    actions = actions(o.get("actions"), "actions");
  }

  /** The model from its JSON (what {@link Confidant#privacyCenterJson()} returns). */
  public static PrivacyCenter fromJson(String json) {
    return new PrivacyCenter(PrivacyJson.parse(json));
  }

  /** The section with this id, or null. */
  public PrivacySection section(String id) {
    for (PrivacySection s : sections) {
      if (s.id.equals(id)) return s;
    }
    return null;
  }

  static List<PrivacyAction> actions(Object json, String what) {
    List<PrivacyAction> out = new ArrayList<>();
    for (Object action : PrivacyJson.array(json, what)) out.add(new PrivacyAction(action, what));
    return Collections.unmodifiableList(out);
  }
}
