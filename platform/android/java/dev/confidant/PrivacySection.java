package dev.confidant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One section of the privacy center: told, learned, not_used, shared or consent. */
public final class PrivacySection {
  public final String id;
  public final PrivacyText title;
  public final PrivacyText summary;
  /** Shown when {@link #rows} is empty. */
  public final PrivacyText empty;
  /** Unmodifiable. */
  public final List<PrivacyRow> rows;

  PrivacySection(Object json, String what) {
    Map<String, Object> o = PrivacyJson.object(json, what);
    id = PrivacyJson.string(o, "id", what);
    title = PrivacyText.from(o.get("title"), what + ".title");
    summary = PrivacyText.from(o.get("summary"), what + ".summary");
    empty = PrivacyText.from(o.get("empty"), what + ".empty");
    List<PrivacyRow> r = new ArrayList<>();
    for (Object row : PrivacyJson.array(o.get("rows"), what + ".rows")) r.add(new PrivacyRow(row, what + ".rows"));
    rows = Collections.unmodifiableList(r);
  }

  /** The row with this id, or null. */
  public PrivacyRow row(String rowId) {
    for (PrivacyRow r : rows) {
      if (r.id.equals(rowId)) return r;
    }
    return null;
  }
}
