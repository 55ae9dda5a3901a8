// The consent vocabulary as Swift enums (names as in docs/consent.md).
import CConfidant

/// What kind of data a consent decision covers.
public enum ConsentCategory: UInt32, CaseIterable, Sendable, Codable {
    case preferences = 0
    case browsing = 1
    case search = 2
    case purchases = 3
    case location = 4
    case sensitive = 5
}

/// What the data may be used for.
public enum ConsentUse: UInt32, CaseIterable, Sendable, Codable {
    case personalize = 0
    case share = 1
}

/// The current decision for one (category, use) pair.
public enum ConsentState: UInt32, Sendable, Codable {
    /// Never decided: behaves exactly as denied.
    case unknown = 0
    case granted = 1
    case denied = 2
}

/// Who made a consent decision.
public enum ConsentSource: UInt32, Sendable, Codable {
    /// The person, on a consent screen.
    case user = 0
    /// The app, before any screen was shown.
    case appDefault = 1
    /// The app's consent-management platform, through `applyCMP` only
    /// (grant and deny refuse it).
    case cmp = 2
}

/// A stated preference about a target.
public enum PreferenceKind: UInt32, Sendable, Codable {
    case like = 0
    case dislike = 1
    /// "Don't personalize this."
    case block = 2
}

/// Every (category, use) pair's state, as confidant_sdk_consent_states reports it.
public struct ConsentStates: Sendable, Equatable {
    public let states: [ConsentState]

    public subscript(category: ConsentCategory, use: ConsentUse) -> ConsentState {
        let index = Int(category.rawValue) * ConsentUse.allCases.count + Int(use.rawValue)
        return index < states.count ? states[index] : .unknown
    }
}
