// The privacy center (docs/privacy-center.md): everything the person may see
// and change, decoded from confidant_sdk_privacy_center_json, and the one
// call that performs any action the model offers. A native screen draws the
// sections' rows and a button per action; pressing it passes the action back
// to `performPrivacyAction` unchanged, then reads the model again.
import CConfidant
import Foundation

/// One text a person sees: `text` is the English template of `key` filled
/// with `params`. Translate by `key` (the strings table in
/// docs/privacy-center.md), falling back to `text` for a key you do not know.
public struct PrivacyText: Codable, Sendable, Equatable {
    public var key: String
    public var text: String
    public var params: [String: String]
}

/// A change the model offers, as data. `id`: forget, block, like, dislike,
/// grant, deny, pause, resume, export or erase; `target` holds what it needs.
public struct PrivacyAction: Codable, Sendable, Equatable {
    public var id: String
    public var label: PrivacyText
    public var target: [String: String]
    /// Ask the person this before acting (erase); nil when not needed.
    public var confirm: PrivacyText?
}

/// One thing shown: a preference, an interest, a report, a consent cell.
public struct PrivacyRow: Codable, Sendable, Equatable {
    public var id: String
    /// stated_preference, interest, usual, block, suppression, paused,
    /// sensitive, report, budget or consent.
    public var kind: String
    public var title: PrivacyText
    /// Shown under the title, in order.
    public var lines: [PrivacyText]
    /// Raw values for a screen's own layout (target, dates, names); not for display.
    public var facts: [String: String]
    public var actions: [PrivacyAction]
}

public struct PrivacySection: Codable, Sendable, Equatable {
    /// told, learned, not_used, shared or consent.
    public var id: String
    public var title: PrivacyText
    public var summary: PrivacyText
    /// Shown when `rows` is empty.
    public var empty: PrivacyText
    public var rows: [PrivacyRow]
}

/// The model ("confidant.privacy-center.v1"): five sections, in order, and the
/// actions on everything at once (pause or resume, export, erase).
public struct PrivacyCenter: Codable, Sendable, Equatable {
    public var format: String
    /// When it was read (RFC 3339, UTC).
    public var asOf: String
    public var title: PrivacyText
    public var sections: [PrivacySection]
    public var actions: [PrivacyAction]

    enum CodingKeys: String, CodingKey {
        case format, title, sections, actions
        case asOf = "as_of"
    }

    public func section(_ id: String) -> PrivacySection? { sections.first { $0.id == id } }
}

/// What performing an action returned.
public struct PrivacyActionResult: Sendable, Equatable {
    public var id: String
    /// export: the export document ("confidant.export.v1"); nil otherwise.
    public var exportJSON: Data?
}

extension Confidant {
    /// The privacy center model. Blocking.
    public func privacyCenter() throws -> PrivacyCenter {
        try decode(PrivacyCenter.self, privacyCenterJSON(), what: "privacy center")
    }

    public func privacyCenter() async throws -> PrivacyCenter { try await background { try self.privacyCenter() } }

    /// The model's JSON, for a web page that renders it itself.
    public func privacyCenterJSON() throws -> Data { try buffer { confidant_sdk_privacy_center_json(handle, $0) } }

    /// Performs an action the model offered. Throws invalidArgument naming the
    /// field for a malformed action (nothing is changed), and the errors of the
    /// call it names (notPermitted for a like without the preferences grant).
    /// After "erase" every later call throws closed. Blocking.
    @discardableResult
    public func performPrivacyAction(_ action: PrivacyAction) throws -> PrivacyActionResult {
        try performPrivacyAction(json: String(decoding: try JSONEncoder().encode(action), as: UTF8.self))
    }

    @discardableResult
    public func performPrivacyAction(_ action: PrivacyAction) async throws -> PrivacyActionResult {
        try await background { try self.performPrivacyAction(action) }
    }

    /// The same from the action's JSON: a web view's one-function bridge.
    @discardableResult
    public func performPrivacyAction(json: String) throws -> PrivacyActionResult {
        let data = try json.withCString { j in
            try buffer { confidant_sdk_perform_privacy_action_json(handle, j, json.utf8.count, $0) }
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = object["id"] as? String
        else { throw ConfidantError.internal("privacy action: the library's JSON did not decode") }
        var result = PrivacyActionResult(id: id, exportJSON: nil)
        if let export = object["export"] {
            result.exportJSON = try JSONSerialization.data(withJSONObject: export)
        }
        return result
    }
}
