// Consent events as an AsyncStream, against the CMake-built libconfidant_c:
// one event per ledger record, in sequence order, whatever the source; the
// stream ends when the SDK closes, after the events already waiting.
import CConfidant
import Foundation
import XCTest

@testable import Confidant

final class ConsentEventsTests: XCTestCase {
    private var base: URL!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("confidant-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: base)
    }

    private func open() async throws -> Confidant {
        var o = Confidant.Options(directory: base.appendingPathComponent("store"),
                                  keyProvider: try .keyFile(at: base.appendingPathComponent("store.key")))
        o.fixedClockUnixMs = 1_795_680_000_000
        return try await Confidant.open(o)
    }

    private func recordCount(_ sdk: Confidant) throws -> Int {
        let receipt = try JSONSerialization.jsonObject(with: try sdk.consentReceiptJSON()) as? [String: Any]
        return (receipt?["records"] as? [Any])?.count ?? -1
    }

    func testEveryChangeArrivesOnceInOrderAndTheStreamEndsAtClose() async throws {
        let sdk = try await open()
        let events = try sdk.consentEvents()
        try sdk.grant([.purchases, .browsing], policyVersion: "2026-11")
        try sdk.deny([.location], uses: [.share], source: .appDefault, policyVersion: "defaults")
        try sdk.setPaused(true)  // a setting, not a consent record: no event
        let outcome = try JSONSerialization.jsonObject(
            with: try sdk.applyCMP(json: #"{"consent_mode":{"ad_storage":"granted","analytics_storage":"denied"}}"#))
            as? [String: Any]
        XCTAssertEqual(outcome?["applied"] as? Bool, true)
        let total = try recordCount(sdk)
        XCTAssertGreaterThan(total, 3)
        try sdk.close()  // delivers what waits, then ends the stream

        var seen: [ConsentEvent] = []
        for await event in events { seen.append(event) }  // terminates: the SDK closed
        XCTAssertEqual(seen.count, total)
        XCTAssertEqual(seen.map(\.sequence), (1...UInt64(total)).map { $0 })
        XCTAssertEqual(seen[0].category, .purchases)
        XCTAssertEqual(seen[0].use, .personalize)
        XCTAssertEqual(seen[0].state, .granted)
        XCTAssertEqual(seen[0].source, .user)
        XCTAssertEqual(seen[0].policyVersion, "2026-11")
        XCTAssertEqual(seen[0].atUnixMs, 1_795_680_000_000)
        XCTAssertEqual(seen[2].source, .appDefault)
        XCTAssertEqual(seen[2].state, .denied)
        XCTAssertTrue(seen[3...].allSatisfy { $0.source == .cmp })
        XCTAssertTrue(seen.allSatisfy { $0.missed == 0 })
        XCTAssertThrowsError(try sdk.consentEvents())
    }

    func testTwoStreamsEachSeeEveryChangeWhileTheAppKeepsWorking() async throws {
        let sdk = try await open()
        let first = try sdk.consentEvents()
        let second = try sdk.consentEvents()
        let reader = Task { () -> [UInt64] in
            var sequences: [UInt64] = []
            for await event in first {
                sequences.append(event.sequence)
                if sequences.count == 3 { break }  // stops iterating: unregisters
            }
            return sequences
        }
        try sdk.grant([.search])
        try sdk.grant([.browsing])
        try sdk.deny([.search])
        let firstSaw = await reader.value
        XCTAssertEqual(firstSaw, [1, 2, 3])
        try sdk.grant([.purchases])  // after the first stream ended
        try sdk.close()
        var secondSaw: [UInt64] = []
        for await event in second { secondSaw.append(event.sequence) }
        XCTAssertEqual(secondSaw, [1, 2, 3, 4])
    }
}
