package dev.confidant;

/** What performing a privacy center action returned. */
public final class PrivacyActionResult {
  /** The action performed. */
  public final String id;
  /** For "export": the export document ("confidant.export.v1"); null otherwise. */
  public final String exportJson;

  private PrivacyActionResult(String id, String exportJson) {
    this.id = id;
    this.exportJson = exportJson;
  }

  static PrivacyActionResult fromJson(String json) {
    String id = PrivacyJson.string(PrivacyJson.object(PrivacyJson.parse(json), "result"), "id", "result");
    return new PrivacyActionResult(id, PrivacyJson.rawMember(json, "export"));
  }
}
