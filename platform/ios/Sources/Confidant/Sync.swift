// Aggregated sync's values (docs/sync.md), decoded from the C ABI's JSON.

/// What one `sync` call did.
public struct SyncResult: Codable, Sendable, Equatable {
    public var prepared: Int
    public var sent: Int
    public var pending: Int
    public var dropped: Int
    /// "metric: why" for each metric not reported this epoch.
    public var withheld: [String]
    /// Dry run: the reports it would make, decoded, one JSON object a line.
    public var dryRunReports: String

    enum CodingKeys: String, CodingKey {
        case prepared, sent, pending, dropped, withheld
        case dryRunReports = "dry_run_reports"
    }
}

/// One report as the person reads it in the sync ledger.
public struct SharedReport: Codable, Sendable, Equatable {
    public struct Decoded: Codable, Sendable, Equatable {
        public var reportID: String
        public var configVersion: Int
        public var metric: String
        public var epoch: Int
        public var epsilon: Double
        public var domainSize: Int
        public var bits: String
        /// The buckets the randomized answer claims (mostly noise, by design).
        public var ones: [String]

        enum CodingKeys: String, CodingKey {
            case reportID = "report_id", configVersion = "config_version", metric, epoch, epsilon
            case domainSize = "domain_size", bits, ones
        }
    }

    public var report: Decoded
    /// pending, sent, dropped or discarded.
    public var status: String
    public var epsilon: Double
    public var dataCategories: [String]
    public var createdAt: String
    public var settledAt: String?
    public var attempts: Int
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case report, status, epsilon, attempts
        case dataCategories = "data_categories", createdAt = "created_at", settledAt = "settled_at"
        case lastError = "last_error"
    }
}

/// The privacy budget spent in the rolling window.
public struct Budget: Codable, Sendable, Equatable {
    public struct Metric: Codable, Sendable, Equatable {
        public var metric: String
        public var spent: Double
        public var cap: Double
    }

    public var configVersion: Int
    public var windowDays: Int
    public var spent: Double
    public var cap: Double
    public var metrics: [Metric]

    enum CodingKeys: String, CodingKey {
        case configVersion = "config_version", windowDays = "window_days", spent, cap, metrics
    }
}
