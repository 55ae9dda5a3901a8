// Runs on Linux (Foundation + XCTest) against the CMake-built libconfidant_c.
import CConfidant
import Foundation
import XCTest

@testable import Confidant

final class ConfidantTests: XCTestCase {
    private var base: URL!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("confidant-swift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: base)
    }

    private func options(_ name: String = "store", key: String = "store.key") throws -> Confidant.Options {
        var o = Confidant.Options(directory: base.appendingPathComponent(name),
                                  keyProvider: try .keyFile(at: base.appendingPathComponent(key)))
        o.fixedClockUnixMs = 1_795_680_000_000  // 2026-11-24T04:00:00Z
        return o
    }

    private func openGranted() async throws -> Confidant {
        let sdk = try await Confidant.open(try options())
        try sdk.grant([.purchases, .browsing, .preferences], policyVersion: "2026-11", shownText: "We use your orders.")
        return sdk
    }

    private let latte = Signal.order("latte-1", categories: ["drinks/coffee/latte"], attrs: ["milk": "oat"])

    private func assertError(_ body: () throws -> Void, _ expected: (ConfidantError) -> Bool, naming needle: String,
                             file: StaticString = #filePath, line: UInt = #line)
    {
        do {
            try body()
            XCTFail("expected an error naming \(needle)", file: file, line: line)
        } catch let error as ConfidantError {
            XCTAssertTrue(expected(error), "unexpected \(error)", file: file, line: line)
            XCTAssertTrue(needle.isEmpty || error.message.contains(needle), "\(error) does not name \(needle)", file: file, line: line)
        } catch {
            XCTFail("not a ConfidantError: \(error)", file: file, line: line)
        }
    }

    func testVersionsAndOpen() async throws {
        XCTAssertEqual(Confidant.abiVersion, UInt32(CONFIDANT_ABI_VERSION))
        XCTAssertFalse(Confidant.version.isEmpty)
        let sdk = try await Confidant.open(try options())
        XCTAssertEqual(try sdk.stats().accepted, 0)
        try sdk.close()
        do {
            try await sdk.flush()
            XCTFail("flush after close")
        } catch let error as ConfidantError {
            guard case .closed = error else { return XCTFail("unexpected \(error)") }
        }
    }

    func testConsentGrantAndDeny() async throws {
        let sdk = try await openGranted()
        var states = try sdk.consentStates()
        XCTAssertEqual(states[.purchases, .personalize], .granted)
        XCTAssertEqual(states[.search, .personalize], .unknown)
        try sdk.deny([.browsing])
        states = try sdk.consentStates()
        XCTAssertEqual(states[.browsing, .personalize], .denied)
        let receipt = String(decoding: try sdk.consentReceiptJSON(), as: UTF8.self)
        XCTAssertTrue(receipt.contains("2026-11"))
        // Denied: the signal is dropped with notPermitted, never stored.
        assertError({ try sdk.track(.view("tea-1", categories: ["drinks/tea"])) }, {
            if case .notPermitted = $0 { return true } else { return false }
        }, naming: "browsing")
        assertError({ try sdk.track(json: #"{"type":"search","query":"decaf"}"#) }, {
            if case .notPermitted = $0 { return true } else { return false }
        }, naming: "search")
    }

    func testApplyCMPFromIABTCFValuesAndConsentMode() async throws {
        let sdk = try await Confidant.open(try options())
        // Purposes 1, 5 and 6 consented: personalize; Consent Mode agrees.
        let request = #"{"iabtcf":{"IABTCF_gdprApplies":1,"IABTCF_PolicyVersion":5,"IABTCF_PurposeConsents":"100011"},"#
            + #""consent_mode":{"ad_storage":"granted","ad_personalization":"granted"}}"#
        let outcome = try JSONSerialization.jsonObject(with: try sdk.applyCMP(json: request)) as? [String: Any]
        XCTAssertEqual(outcome?["applied"] as? Bool, true)
        XCTAssertEqual(outcome?["policy_version"] as? String, "tcf:policy=5;consent_mode:v2")
        let states = try sdk.consentStates()
        XCTAssertEqual(states[.purchases, .personalize], .granted)
        XCTAssertEqual(states[.purchases, .share], .denied)
        XCTAssertEqual(states[.sensitive, .personalize], .unknown)
        XCTAssertTrue(String(decoding: try sdk.consentReceiptJSON(), as: UTF8.self).contains(#""source":"cmp""#))
        // The same state again changes nothing.
        let again = try JSONSerialization.jsonObject(with: try sdk.applyCMP(json: request)) as? [String: Any]
        XCTAssertEqual(again?["applied"] as? Bool, false)
        assertError({ _ = try sdk.applyCMP(json: #"{"consent_mode":{"ad_storage":"yes"}}"#) }, {
            if case .invalidArgument = $0 { return true } else { return false }
        }, naming: "consent_mode.ad_storage")
        assertError({ _ = try sdk.applyCMP(json: #"{"tc_string":"BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA"}"#) }, {
            if case .unsupported = $0 { return true } else { return false }
        }, naming: "IABTCF_TCString.version")
    }

    func testTrackValidAndInvalid() async throws {
        let sdk = try await openGranted()
        try sdk.track(latte)
        try sdk.track(json: #"{"type":"view","item":"tea-1","categories":["drinks/tea"]}"#)
        assertError({ try sdk.track(Signal(type: "rate", item: "latte-1", rating: 9)) }, {
            if case .invalidArgument = $0 { return true } else { return false }
        }, naming: "rating")
        assertError({ try sdk.track(json: #"{"type":"view","colour":"red"}"#) }, {
            if case .invalidArgument = $0 { return true } else { return false }
        }, naming: "colour")
        assertError({ try sdk.track(json: "not json") }, {
            $0.code == 1 && $0.codeName == "invalid_argument"
        }, naming: "")
        try await sdk.flush()
        let stats = try sdk.stats()
        XCTAssertEqual(stats.accepted, 2)
        XCTAssertEqual(stats.persisted, 2)
    }

    func testProfileShowsTheUsualAfterOrders() async throws {
        let sdk = try await openGranted()
        for _ in 0..<3 { try sdk.track(latte) }
        try await sdk.flush()
        let profile = try await sdk.profile()
        XCTAssertFalse(profile.paused)
        XCTAssertTrue(profile.interests.contains { $0.target == "drinks/coffee/latte" }, "\(profile)")
        let usual = profile.usual.first { $0.attribute == "milk" }
        XCTAssertEqual(usual?.value, "oat", "\(profile)")
        XCTAssertEqual(usual?.orders, 3)
        try sdk.prefer(.like, "drinks/tea", text: "I love tea")
        let after = try await sdk.profile()
        XCTAssertTrue(after.preferences.contains { $0.target == "drinks/tea" && $0.kind == "like" })
    }

    func testExport() async throws {
        let sdk = try await openGranted()
        try sdk.track(latte)
        try await sdk.flush()
        let export = try await sdk.exportJSON()
        let object = try JSONSerialization.jsonObject(with: export) as? [String: Any]
        XCTAssertNotNil(object)
        XCTAssertTrue(String(decoding: export, as: UTF8.self).contains("confidant.export.v1"))
    }

    func testRankDecodes() async throws {
        let sdk = try await openGranted()
        for _ in 0..<3 { try sdk.track(latte) }
        try await sdk.flush()
        let candidates = [
            Candidate(id: "cake-1", categories: ["food/cake"], popularity: 0.9),
            Candidate(id: "latte-1", categories: ["drinks/coffee/latte"], attrs: ["milk": "oat"]),
        ]
        let ranked = try await sdk.rank(candidates, request: RankRequest(limit: 5, moment: "morning_commute"))
        XCTAssertEqual(ranked.results.first?.id, "latte-1")
        XCTAssertEqual(ranked.results.count, 2)
        XCTAssertFalse(ranked.results[0].reasons.isEmpty)
        XCTAssertFalse(ranked.results[0].reasons[0].code.isEmpty)
        let why = try sdk.why("cake-1")
        XCTAssertEqual(why.id, "cake-1")
        // Defaults (no request object sent) work too.
        let defaults = try await sdk.rank(candidates)
        XCTAssertEqual(defaults.results.count, 2)
        assertError({ _ = try sdk.rank(candidatesJSON: #"[{"id":"x","popularity":"high"}]"#) }, {
            if case .invalidArgument = $0 { return true } else { return false }
        }, naming: "candidates[0]: popularity")
        assertError({ _ = try sdk.rank(candidates, request: RankRequest(limit: 0)) }, {
            if case .invalidArgument = $0 { return true } else { return false }
        }, naming: "limit")
    }

    func testEraseLeavesANewInstanceEmpty() async throws {
        do {
            let sdk = try await openGranted()
            try sdk.track(latte)
            try await sdk.flush()
            let before = try await sdk.profile()
            XCTAssertFalse(before.interests.isEmpty)
            try await sdk.erase()
            assertError({ try sdk.track(self.latte) }, {
                if case .closed = $0 { return true } else { return false }
            }, naming: "")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: base.appendingPathComponent("store.key").path))
        let fresh = try await Confidant.open(try options())
        let profile = try await fresh.profile()
        XCTAssertTrue(profile.interests.isEmpty)
        XCTAssertTrue(profile.usual.isEmpty)
        XCTAssertEqual(try fresh.consentStates()[.purchases, .personalize], .unknown)
    }

    func testWrongKey() async throws {
        do {
            let sdk = try await openGranted()
            try sdk.track(latte)
            try await sdk.flush()
            try sdk.close()  // deterministic: the store is free before the next open
        }
        let other = try options(key: "other.key")
        let sdk = try Confidant(options: other)
        do {
            try await sdk.waitUntilReady()
            XCTFail("opened with the wrong key")
        } catch let error as ConfidantError {
            guard case .wrongKey = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(error.code, 2)
            XCTAssertEqual(error.codeName, "wrong_key")
        }
        do {
            _ = try await sdk.profile()
            XCTFail("profile with the wrong key")
        } catch let error as ConfidantError {
            XCTAssertEqual(error.code, 2)
        }
    }

    func testEveryCCodeMapsToItsOwnCase() {
        for raw in UInt32(1)...UInt32(10) {
            let code = confidant_code(rawValue: raw)!
            let error = ConfidantError(code: code, message: "m")
            XCTAssertEqual(error.code, Int32(raw))
            XCTAssertEqual(error.message, "m")
            XCTAssertEqual(error.codeName, String(cString: confidant_code_name(code)))
            if case .unknown = error { XCTFail("code \(raw) is unmapped") }
        }
    }
}

/// A Swift key wrapper (XOR with a fixed pad, tests only) proves the callback
/// bridge; a failing one proves a thrown Swift error becomes a clean error.
final class XorWrapper: KeyWrapping, @unchecked Sendable {
    let kind = "swift-xor"
    var failWith: (any Error)?
    var destroyed = false
    init(failWith: (any Error)? = nil) { self.failWith = failWith }
    func wrap(dataKey: [UInt8], context: [UInt8]) throws -> [UInt8] {
        if let failWith { throw failWith }
        return dataKey.map { $0 ^ 0x5a } + [0x01]
    }
    func unwrap(wrapped: [UInt8], context: [UInt8]) throws -> [UInt8] {
        if let failWith { throw failWith }
        guard wrapped.last == 0x01 else { throw ConfidantError.wrongKey("xor: not mine") }
        return wrapped.dropLast().map { $0 ^ 0x5a }
    }
    func destroyKey() throws { destroyed = true }
}

struct HostBug: Error {}

final class KeyWrappingTests: XCTestCase {
    func testSwiftKeyProviderRoundTripsAndErases() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("confidant-xor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrapper = XorWrapper()
        do {
            let sdk = try await Confidant.open(.init(directory: dir, keyProvider: try .custom(wrapper)))
            try sdk.grant([.purchases])
            try sdk.close()
        }
        let sdk = try await Confidant.open(.init(directory: dir, keyProvider: try .custom(wrapper)))
        XCTAssertEqual(try sdk.consentStates()[.purchases, .personalize], .granted)
        try await sdk.erase()
        XCTAssertTrue(wrapper.destroyed)
    }

    func testThrowingKeyProviderIsACleanError() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("confidant-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sdk = try Confidant(options: .init(directory: dir, keyProvider: try .custom(XorWrapper(failWith: HostBug()))))
        do {
            try await sdk.waitUntilReady()
            XCTFail("a throwing provider opened a store")
        } catch let error as ConfidantError {
            guard case .internal = error else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue(error.message.contains("HostBug"), error.message)
        }
    }

    func testBadKindIsInvalidArgument() {
        final class BadKind: KeyWrapping, @unchecked Sendable {
            let kind = "has space"
            func wrap(dataKey: [UInt8], context: [UInt8]) throws -> [UInt8] { dataKey }
            func unwrap(wrapped: [UInt8], context: [UInt8]) throws -> [UInt8] { wrapped }
        }
        XCTAssertThrowsError(try KeyProvider.custom(BadKind())) { XCTAssertEqual(($0 as? ConfidantError)?.code, 1) }
    }
}

// MARK: Sync

extension ConfidantTests {
    private final class RecordingTransport: Transport, @unchecked Sendable {
        private let lock = NSLock()
        private var urls: [String] = []
        var requests: [String] { lock.lock(); defer { lock.unlock() }; return urls }
        func send(_ request: HTTPRequest) throws -> HTTPResponse {
            lock.lock()
            urls.append(request.url)
            lock.unlock()
            return HTTPResponse(status: 200)
        }
    }

    private func testBrand() throws -> (signer: String, config: Data) {
        let dir = try XCTUnwrap(ProcessInfo.processInfo.environment["CONFIDANT_TEST_BRAND_DIR"],
                                "ctest sets CONFIDANT_TEST_BRAND_DIR (tests/capi/make_test_brand.cpp)")
        let signer = try String(contentsOfFile: dir + "/signing.pub", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return (signer, try Data(contentsOf: URL(fileURLWithPath: dir + "/config.signed")))
    }

    func testSyncThroughASwiftTransport() async throws {
        let brand = try testBrand()
        let recorder = RecordingTransport()
        var o = try options()
        o.brandSigningKey = brand.signer
        o.syncURL = "https://collector.test/v1/reports"
        o.transport = recorder
        let sdk = try await Confidant.open(o)
        var forged = brand.config
        forged[forged.count - 1] ^= 0x01
        assertError({ try sdk.installConfig(forged) }, { if case .tampered = $0 { return true } else { return false } },
                    naming: "signature")
        try sdk.installConfig(brand.config)
        try sdk.grant([.purchases], uses: [.personalize, .share])
        try sdk.track(latte)
        try await sdk.flush()

        let dry = try await sdk.sync(dryRun: true)
        XCTAssertTrue(dry.dryRunReports.contains("\"metric\":\"top_drink\""))
        XCTAssertTrue(recorder.requests.isEmpty)

        let result = try await sdk.sync()
        XCTAssertEqual(result.prepared, 2)
        XCTAssertEqual(result.sent, 2)
        XCTAssertEqual(recorder.requests, ["https://collector.test/v1/reports"])
        let shared = try sdk.sharedReports()
        XCTAssertEqual(shared.count, 2)
        XCTAssertEqual(shared.map { $0.status }, ["sent", "sent"])
        XCTAssertEqual(shared[0].dataCategories, ["purchases"])
        XCTAssertEqual(shared[0].report.epsilon, 2.0)
        let budget = try sdk.budget()
        XCTAssertEqual(budget.configVersion, 1)
        XCTAssertEqual(budget.spent, 4.0)
    }

    func testURLSessionTransportSyncsToARealCollector() async throws {
        let brand = try testBrand()
        let dir = try XCTUnwrap(ProcessInfo.processInfo.environment["CONFIDANT_TEST_BRAND_DIR"])
        let base = try String(contentsOfFile: dir + "/collector.url", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let transport = URLSessionTransport()
        // The collector (tests/capi/collector_fixture.sh) serves the same signed bytes.
        let served = try transport.send(HTTPRequest(method: "GET", url: base + "/v1/config"))
        XCTAssertEqual(served.status, 200)
        XCTAssertEqual(served.body, brand.config)

        var o = try options("real-sync", key: "real-sync.key")
        o.fixedClockUnixMs = nil  // the collector checks epochs against its own clock
        o.brandSigningKey = brand.signer
        o.syncURL = base + "/v1/reports"
        o.transport = transport
        let sdk = try await Confidant.open(o)
        try sdk.installConfig(served.body)
        try sdk.grant([.purchases], uses: [.personalize, .share])
        try sdk.track(.order("latte-1", categories: ["drinks/coffee/latte"], attrs: ["milk": "oat"]))
        try await sdk.flush()
        let result = try await sdk.sync()
        XCTAssertEqual(result.sent, 2, "\(result)")
        XCTAssertEqual(result.pending, 0)
        let stats = try transport.send(HTTPRequest(method: "GET", url: base + "/v1/stats"))
        XCTAssertTrue(String(decoding: stats.body, as: UTF8.self).contains("\"metric\":\"top_drink\""))
    }

    func testURLSessionTransportTurnsARefusedConnectionIntoAnError() {
        let transport = URLSessionTransport()
        XCTAssertThrowsError(try transport.send(HTTPRequest(url: "http://127.0.0.1:9/v1/reports", timeoutMs: 3000)))
        XCTAssertThrowsError(try transport.send(HTTPRequest(url: "ftp://example.com/x")))
    }
}
