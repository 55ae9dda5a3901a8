package dev.confidant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One thing the privacy center shows: a preference, an interest, a report, a consent cell. */
public final class PrivacyRow {
  /** Stable within a model, e.g. "interest:drinks/coffee", "consent:purchases:share". */
  public final String id;
  /** stated_preference, interest, usual, block, suppression, paused, sensitive, report, budget or consent. */
  public final String kind;
  public final PrivacyText title;
  /** Shown under the title, in order; unmodifiable. */
  public final List<PrivacyText> lines;
  /** Raw values for a screen's own layout (target, dates, names); not for display; unmodifiable. */
  public final Map<String, String> facts;
  /** Unmodifiable. */
  public final List<PrivacyAction> actions;

  PrivacyRow(Object json, String what) {
    Map<String, Object> o = PrivacyJson.object(json, what);
    id = PrivacyJson.string(o, "id", what);
    kind = PrivacyJson.string(o, "kind", what);
    title = PrivacyText.from(o.get("title"), what + ".title");
    List<PrivacyText> l = new ArrayList<>();
    for (Object line : PrivacyJson.array(o.get("lines"), what + ".lines")) l.add(PrivacyText.from(line, what + ".lines"));
    lines = Collections.unmodifiableList(l);
    facts = PrivacyJson.strings(o.get("facts"), what + ".facts");
    actions = PrivacyCenter.actions(o.get("actions"), what + ".actions");
  }

  /** The action with this id, or null. */
  public PrivacyAction action(String actionId) {
    for (PrivacyAction a : actions) {
      if (a.id.equals(actionId)) return a;
    }
    return null;
  }

  /** The first line with this key, or null. */
  public PrivacyText line(String key) {
    for (PrivacyText t : lines) {
      if (t.key.equals(key)) return t;
    }
    return null;
  }
}
