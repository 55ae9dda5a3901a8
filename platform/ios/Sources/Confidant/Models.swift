// Codable value types for the JSON documents the C ABI returns (docs/capi.md,
// "Payloads"). Decoding is lenient about members added later (unknown keys
// are ignored) and strict about the ones that exist today.
import Foundation

/// A signal to track: the form of signal_from_json (one line of the CLI's
/// JSONL). Absent members are left out of the JSON; the library rejects
/// unknown members, so only these exist.
public struct Signal: Codable, Sendable, Equatable {
    public var type: String
    public var item: String?
    public var categories: [String]?
    public var attrs: [String: String]?
    public var query: String?
    public var rating: Int?
    /// ISO 8601 UTC ("2026-11-20T08:00:00Z"); nil means now.
    public var at: String?
    public var text: String?

    public init(type: String, item: String? = nil, categories: [String]? = nil, attrs: [String: String]? = nil,
                query: String? = nil, rating: Int? = nil, at: String? = nil, text: String? = nil) {
        self.type = type
        self.item = item
        self.categories = categories
        self.attrs = attrs
        self.query = query
        self.rating = rating
        self.at = at
        self.text = text
    }

    public static func order(_ item: String, categories: [String], attrs: [String: String] = [:]) -> Signal {
        Signal(type: "order", item: item, categories: categories, attrs: attrs.isEmpty ? nil : attrs)
    }

    public static func view(_ item: String, categories: [String]) -> Signal {
        Signal(type: "view", item: item, categories: categories)
    }
}

/// The profile as the person may read it: to_json(Profile) (docs/profile.md).
public struct Profile: Codable, Sendable, Equatable {
    public struct Preference: Codable, Sendable, Equatable {
        public let kind: String
        public let target: String
        public let text: String
        public let at: String?
        public let explanation: String
    }

    public struct Interest: Codable, Sendable, Equatable {
        public let target: String
        public let score: Double
        public let signals: Int64
        public let last: String?
        public let explanation: String
    }

    public struct Usual: Codable, Sendable, Equatable {
        public let attribute: String
        public let value: String
        public let orders: Int64
        public let share: Double
        public let explanation: String
    }

    public struct Suppression: Codable, Sendable, Equatable {
        public let target: String
        public let reason: String
        public let since: String?
        public let until: String?
        public let explanation: String
    }

    public let asOf: String?
    public let paused: Bool
    public let preferences: [Preference]
    public let interests: [Interest]
    public let usual: [Usual]
    public let suppressions: [Suppression]

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of"
        case paused, preferences, interests, usual, suppressions
    }
}

/// A candidate the app asks to rank: the form of candidate_from_json.
public struct Candidate: Codable, Sendable, Equatable {
    public var id: String
    public var categories: [String]?
    public var attrs: [String: String]?
    public var kind: String?
    public var popularity: Double?
    public var related: [String: Double]?
    public var sensitive: Bool?

    public init(id: String, categories: [String]? = nil, attrs: [String: String]? = nil, kind: String? = nil,
                popularity: Double? = nil, related: [String: Double]? = nil, sensitive: Bool? = nil) {
        self.id = id
        self.categories = categories
        self.attrs = attrs
        self.kind = kind
        self.popularity = popularity
        self.related = related
        self.sensitive = sensitive
    }
}

/// Options of one rank call (ranking.hpp's RankRequest); nil means the default.
public struct RankRequest: Codable, Sendable, Equatable {
    public var limit: Int?
    /// "home" or "related:ITEM".
    public var slot: String?
    public var moment: String?
    public var seed: Int64?
    public var variety: Bool?
    public var maxPerCategory: Int?
    public var explorationShare: Double?
    public var utcOffsetMinutes: Int?
    /// Where the person is now (the id their visit signals carry); used only
    /// with location granted for personalize.
    public var place: String?

    public init(limit: Int? = nil, slot: String? = nil, moment: String? = nil, seed: Int64? = nil,
                variety: Bool? = nil, maxPerCategory: Int? = nil, explorationShare: Double? = nil,
                utcOffsetMinutes: Int? = nil, place: String? = nil) {
        self.limit = limit
        self.slot = slot
        self.moment = moment
        self.seed = seed
        self.variety = variety
        self.maxPerCategory = maxPerCategory
        self.explorationShare = explorationShare
        self.utcOffsetMinutes = utcOffsetMinutes
        self.place = place
    }

    /// True when every member is nil (the request is then not sent at all:
    /// the library reads an empty object as malformed, not as "defaults").
    var isEmpty: Bool {
        limit == nil && slot == nil && moment == nil && seed == nil && variety == nil && maxPerCategory == nil
            && explorationShare == nil && utcOffsetMinutes == nil && place == nil
    }

    enum CodingKeys: String, CodingKey {
        case limit, slot, moment, seed, variety, place
        case maxPerCategory = "max_per_category"
        case explorationShare = "exploration_share"
        case utcOffsetMinutes = "utc_offset_minutes"
    }
}

/// Why an item was placed where it was.
public struct Reason: Codable, Sendable, Equatable {
    /// A stable code (docs/ranking.md lists them), e.g. "usual_attribute".
    public let code: String
    /// English text for the person.
    public let text: String
    public let params: [String: String]?
}

/// One ranked item: to_json(RankedItem).
public struct RankedItem: Codable, Sendable, Equatable {
    public let id: String
    public let score: Double
    public let reasons: [Reason]
    /// Placed by exploration rather than by the profile (absent: false).
    public let exploration: Bool?
}

/// The output of rank: {"results":[...]}, best first.
public struct RankResult: Codable, Sendable, Equatable {
    public let results: [RankedItem]
}

/// Counters since open (confidant_stats).
public struct Stats: Sendable, Equatable {
    public let accepted: UInt64
    public let rejectedInvalid: UInt64
    public let droppedConsent: UInt64
    public let droppedOverflow: UInt64
    public let persisted: UInt64
}
