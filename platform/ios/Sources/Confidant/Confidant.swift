// The Swift face of the C ABI: one `Confidant` object owns one
// confidant_sdk handle (freed in deinit). Every call that can fail throws a
// `ConfidantError`; JSON documents decode into Codable value types.
//
// Threads. The C SDK may be used from any thread concurrently, so this class
// is Sendable. `track` and `stats` never block; every other call runs on the
// SDK's worker and blocks its caller until done: call the `async` variants
// (or the blocking ones off the main thread).
import CConfidant
import Foundation

public final class Confidant: @unchecked Sendable {
    // @unchecked: the only state is the handle, which the C ABI documents as
    // safe for concurrent use; it is freed once, in deinit.
    private let handle: OpaquePointer

    /// Everything open needs; nil means the library default.
    public struct Options {
        public var directory: URL
        public var keyProvider: KeyProvider
        /// A clock that always answers this Unix time (ms): tests and demos.
        public var fixedClockUnixMs: Int64?
        public var queueCapacity: Int?
        public var batchSize: Int?
        public var flushIntervalMs: Int64?
        public var retentionDays: Int32?
        /// The brand's Ed25519 signing public key (64 hex digits), pinned in
        /// the app. nil: no brand config can be installed, nothing is shared.
        public var brandSigningKey: String?
        /// Where reports are POSTed (the collector's /v1/reports). nil:
        /// reports are queued, not sent.
        public var syncURL: String?
        /// Sends reports; `URLSessionTransport()` unless the app has its own
        /// HTTP stack (or an oblivious relay).
        public var transport: (any Transport)?

        public init(directory: URL, keyProvider: KeyProvider) {
            self.directory = directory
            self.keyProvider = keyProvider
        }
    }

    /// The ABI of the loaded library; `open` refuses to run when it differs
    /// from the header's.
    public static var abiVersion: UInt32 { confidant_abi_version() }
    /// The library's release, e.g. "0.1.0".
    public static var version: String { String(cString: confidant_version()) }

    /// Starts the SDK and returns at once; the store opens in the background.
    /// Store errors (wrongKey, tampered, notAStore, io) arrive from
    /// `waitUntilReady()` and every later call. Prefer `open(_:)` (async).
    public init(options: Options) throws {
        guard confidant_abi_version() == UInt32(CONFIDANT_ABI_VERSION) else {
            throw ConfidantError.unsupported(
                "abi: library \(confidant_abi_version()), package built for \(CONFIDANT_ABI_VERSION)")
        }
        var opts: OpaquePointer?
        try check(confidant_options_new(&opts))
        defer { confidant_options_free(opts) }
        let o = opts!
        try check(confidant_options_set_dir(o, options.directory.path))
        try check(confidant_options_set_key_provider(o, options.keyProvider.handle))
        if let ms = options.fixedClockUnixMs { try check(confidant_options_set_fixed_clock(o, ms)) }
        if let n = options.queueCapacity { try check(confidant_options_set_queue_capacity(o, n)) }
        if let n = options.batchSize { try check(confidant_options_set_batch_size(o, n)) }
        if let ms = options.flushIntervalMs { try check(confidant_options_set_flush_interval_ms(o, ms)) }
        if let days = options.retentionDays { try check(confidant_options_set_retention_days(o, days)) }
        if let key = options.brandSigningKey { try check(confidant_options_set_brand_signing_key(o, key)) }
        if let url = options.syncURL { try check(confidant_options_set_sync_url(o, url)) }
        if let transport = options.transport {
            var vtable = cTransport(transport)
            try check(confidant_options_set_transport(o, &vtable))  // the SDK owns the box from here on
        }
        var sdk: OpaquePointer?
        try check(confidant_sdk_open(o, &sdk))
        handle = sdk!
    }

    /// Opens and waits until the store is ready, off the calling thread.
    public static func open(_ options: Options) async throws -> Confidant {
        let sdk = try Confidant(options: options)
        try await sdk.waitUntilReady()
        return sdk
    }

    /// Persists what is queued, stops the worker and releases the handle.
    deinit { confidant_sdk_free(handle) }

    // MARK: Readiness

    /// Blocks until the store is open; throws why it could not be.
    public func waitUntilReady() throws { try check(confidant_sdk_wait_until_ready(handle)) }

    public func waitUntilReady() async throws { try await background { try self.waitUntilReady() } }

    // MARK: Consent

    /// Records a grant for every (category, use) pair. `policyVersion` is the
    /// version of the screen shown; of `shownText` only a SHA-256 is kept.
    public func grant(_ categories: [ConsentCategory], uses: [ConsentUse] = [.personalize],
                      source: ConsentSource = .user, policyVersion: String? = nil, shownText: String? = nil) throws
    {
        try decide(confidant_sdk_grant, categories, uses, source, policyVersion, shownText)
    }

    /// Records a denial; a deny purges the category's signals and their effect
    /// on the profile before it returns.
    public func deny(_ categories: [ConsentCategory], uses: [ConsentUse] = [.personalize],
                     source: ConsentSource = .user, policyVersion: String? = nil, shownText: String? = nil) throws
    {
        try decide(confidant_sdk_deny, categories, uses, source, policyVersion, shownText)
    }

    private typealias Decision = (
        OpaquePointer, UnsafePointer<confidant_category>, Int, UnsafePointer<confidant_use>, Int,
        confidant_consent_source, UnsafePointer<CChar>?, Int, UnsafePointer<CChar>?, Int
    ) -> OpaquePointer?

    private func decide(_ call: Decision, _ categories: [ConsentCategory], _ uses: [ConsentUse],
                        _ source: ConsentSource, _ policyVersion: String?, _ shownText: String?) throws
    {
        let cats = categories.map { confidant_category(rawValue: $0.rawValue)! }
        let us = uses.map { confidant_use(rawValue: $0.rawValue)! }
        let src = confidant_consent_source(rawValue: source.rawValue)!
        try withOptionalText(policyVersion) { pv, pvLen in
            try withOptionalText(shownText) { st, stLen in
                try cats.withUnsafeBufferPointer { c in
                    try us.withUnsafeBufferPointer { u in
                        try check(call(handle, c.baseAddress ?? emptyCategory, c.count, u.baseAddress ?? emptyUse,
                                       u.count, src, pv, pvLen, st, stLen))
                    }
                }
            }
        }
    }

    /// The state of every (category, use) pair.
    public func consentStates() throws -> ConsentStates {
        let count = ConsentCategory.allCases.count * ConsentUse.allCases.count
        var raw = [confidant_consent_state](repeating: .CONFIDANT_CONSENT_UNKNOWN, count: count)
        try raw.withUnsafeMutableBufferPointer { try check(confidant_sdk_consent_states(handle, $0.baseAddress!, count)) }
        return ConsentStates(states: raw.map { ConsentState(rawValue: $0.rawValue) ?? .unknown })
    }

    /// The consent receipt ("confidant.consent.v1", docs/consent.md) as JSON.
    public func consentReceiptJSON() throws -> Data { try buffer { confidant_sdk_consent_receipt_json(handle, $0) } }

    /// Applies what the app's consent-management platform collected
    /// (confidant_sdk_apply_cmp_json; docs/consent.md, "Consent from a CMP").
    /// `json`: {"iabtcf":{"IABTCF_gdprApplies":1,"IABTCF_TCString":"CQ..."},
    /// "consent_mode":{"ad_storage":"granted",...},"vendor_id":N}, every member
    /// optional (read the IABTCF_ values from UserDefaults). Returns the outcome
    /// as JSON: "applied", "cmp_hash", "policy_version", and "decisions" and
    /// "states" per pair. Throws invalidArgument naming the field (unsupported
    /// for a TC string version other than 2); nothing is applied then. Blocking.
    public func applyCMP(json: String) throws -> Data {
        try json.withCString { j in try buffer { confidant_sdk_apply_cmp_json(handle, j, json.utf8.count, $0) } }
    }

    // MARK: Signals and preferences

    /// Tracks one signal. Never blocks on I/O. Throws invalidArgument naming
    /// the field, notPermitted when consent does not allow its category,
    /// busy when the queue is full, closed after close or erase.
    public func track(_ signal: Signal) throws {
        let data = try JSONEncoder().encode(signal)
        try track(json: String(decoding: data, as: UTF8.self))
    }

    /// Tracks one signal given as a JSON object (signal_from_json's form).
    public func track(json: String) throws {
        try json.withCString { try check(confidant_sdk_track_json(handle, $0, json.utf8.count)) }
    }

    /// States a preference about a target ("drinks/tea", "milk=oat", "item:sku-9").
    public func prefer(_ kind: PreferenceKind, _ target: String, text: String? = nil) throws {
        let k = confidant_preference_kind(rawValue: kind.rawValue)!
        try target.withCString { t in
            try withOptionalText(text) { x, xLen in
                try check(confidant_sdk_prefer(handle, k, t, target.utf8.count, x, xLen))
            }
        }
    }

    /// Forgets a target and every stored signal mentioning it.
    public func forget(_ target: String) throws {
        try target.withCString { try check(confidant_sdk_forget(handle, $0, target.utf8.count)) }
    }

    /// While paused nothing new is learned and the profile is not used.
    public func setPaused(_ paused: Bool) throws { try check(confidant_sdk_set_paused(handle, paused)) }

    /// Blocks until every signal queued before the call is persisted.
    public func flush() throws { try check(confidant_sdk_flush(handle)) }

    public func flush() async throws { try await background { try self.flush() } }

    // MARK: Profile and export

    /// The profile as the person may read it.
    public func profile() throws -> Profile { try decode(Profile.self, profileJSON(), what: "profile") }

    public func profile() async throws -> Profile { try await background { try self.profile() } }

    /// The profile's JSON (to_json(Profile)).
    public func profileJSON() throws -> Data { try buffer { confidant_sdk_profile_json(handle, $0) } }

    /// Everything kept about the person ("confidant.export.v1", docs/profile.md).
    public func exportJSON() throws -> Data { try buffer { confidant_sdk_export_json(handle, $0) } }

    public func exportJSON() async throws -> Data { try await background { try self.exportJSON() } }

    // MARK: Ranking

    /// Orders the app's candidates as this person would want them, best first.
    public func rank(_ candidates: [Candidate], request: RankRequest = RankRequest()) throws -> RankResult {
        let encoder = JSONEncoder()
        let items = String(decoding: try encoder.encode(candidates), as: UTF8.self)
        let req = request.isEmpty ? nil : String(decoding: try encoder.encode(request), as: UTF8.self)
        return try rank(candidatesJSON: items, requestJSON: req)
    }

    public func rank(_ candidates: [Candidate], request: RankRequest = RankRequest()) async throws -> RankResult {
        try await background { try self.rank(candidates, request: request) }
    }

    /// Ranks candidates given as a JSON array or JSONL, with an optional
    /// request object (docs/capi.md, "Ranking").
    public func rank(candidatesJSON: String, requestJSON: String? = nil) throws -> RankResult {
        let data = try candidatesJSON.withCString { c in
            try withOptionalText(requestJSON) { r, rLen in
                try buffer { confidant_sdk_rank_json(handle, c, candidatesJSON.utf8.count, r, rLen, $0) }
            }
        }
        return try decode(RankResult.self, data, what: "rank results")
    }

    /// Why `itemID` was placed where it was in the last rank call.
    public func why(_ itemID: String) throws -> RankedItem {
        let data = try itemID.withCString { i in
            try buffer { confidant_sdk_why_json(handle, i, itemID.utf8.count, $0) }
        }
        return try decode(RankedItem.self, data, what: "why")
    }

    // MARK: Aggregated sync (docs/sync.md)

    /// Installs the brand's signed config (as the collector serves it at
    /// /v1/config). Throws tampered for a bad signature, invalidArgument
    /// for a malformed or older config ("rollback refused").
    public func installConfig(_ signedConfig: Data) throws {
        try signedConfig.withUnsafeBytes { raw in
            try check(confidant_sdk_install_config(handle, raw.bindMemory(to: UInt8.self).baseAddress, signedConfig.count))
        }
    }

    /// Makes this epoch's reports from share-consented data and sends what is
    /// queued until the deadline. Call it from a background task
    /// (BGTaskScheduler) with the time the system gave you.
    public func sync(deadlineMs: Int64 = 30_000, dryRun: Bool = false) throws -> SyncResult {
        let data = try buffer { confidant_sdk_sync_json(handle, deadlineMs, dryRun, $0) }
        return try decode(SyncResult.self, data, what: "sync result")
    }

    public func sync(deadlineMs: Int64 = 30_000, dryRun: Bool = false) async throws -> SyncResult {
        try await background { try self.sync(deadlineMs: deadlineMs, dryRun: dryRun) }
    }

    /// Every report made, decoded, with its epsilon: "what did you share?".
    public func sharedReports() throws -> [SharedReport] {
        let data = try buffer { confidant_sdk_shared_reports_json(handle, $0) }
        return try data.split(separator: UInt8(ascii: "\n")).map {
            try decode(SharedReport.self, Data($0), what: "shared report")
        }
    }

    /// The privacy budget spent, in total and per metric.
    public func budget() throws -> Budget {
        try decode(Budget.self, try buffer { confidant_sdk_budget_json(handle, $0) }, what: "budget")
    }

    // MARK: Lifecycle

    /// Crypto-shredding: destroys the data key and the provider's wrapping
    /// key, removes the store's files and closes the SDK.
    public func erase() throws { try check(confidant_sdk_erase(handle)) }

    public func erase() async throws { try await background { try self.erase() } }

    /// Persists what is queued and closes; later calls throw `.closed`.
    public func close() throws { try check(confidant_sdk_close(handle)) }

    /// Counters since open. Never blocks.
    public func stats() throws -> Stats {
        var s = confidant_stats()
        try check(confidant_sdk_stats(handle, &s, MemoryLayout<confidant_stats>.size))
        return Stats(accepted: s.accepted, rejectedInvalid: s.rejected_invalid, droppedConsent: s.dropped_consent,
                     droppedOverflow: s.dropped_overflow, persisted: s.persisted)
    }

    // MARK: Helpers

    private func buffer(_ call: (UnsafeMutablePointer<confidant_buffer>) -> OpaquePointer?) throws -> Data {
        var out = confidant_buffer(data: nil, len: 0)
        defer { confidant_buffer_free(&out) }  // wipes the library's copy
        try check(call(&out))
        guard let bytes = out.data else { return Data() }
        return Data(bytes: bytes, count: out.len)
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw ConfidantError.internal("\(what): the library's JSON did not decode: \(error)")
        }
    }
}

private let emptyCategoryStorage: [confidant_category] = [.CONFIDANT_CATEGORY_PREFERENCES]
private let emptyUseStorage: [confidant_use] = [.CONFIDANT_USE_PERSONALIZE]
private var emptyCategory: UnsafePointer<confidant_category> {
    // Only reached with a count of 0, which the library refuses by name.
    emptyCategoryStorage.withUnsafeBufferPointer { $0.baseAddress! }
}
private var emptyUse: UnsafePointer<confidant_use> { emptyUseStorage.withUnsafeBufferPointer { $0.baseAddress! } }

/// Passes an optional string as (pointer, byte length), NULL and 0 for nil.
private func withOptionalText<R>(_ text: String?, _ body: (UnsafePointer<CChar>?, Int) throws -> R) rethrows -> R {
    guard let text else { return try body(nil, 0) }
    return try text.withCString { try body($0, text.utf8.count) }
}

/// Runs a blocking SDK call on a background queue.
private func background<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try body() })
        }
    }
}
