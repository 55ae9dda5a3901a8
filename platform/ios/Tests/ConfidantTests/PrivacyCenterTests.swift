// The privacy center through Swift: the typed model of a store with a week of
// orders and a stated preference, actions taken from it changing the next
// model, and a malformed action refused with the field named.
import Foundation
import XCTest

@testable import Confidant

final class PrivacyCenterTests: XCTestCase {
    private var base: URL!

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("confidant-swift-pc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: base)
    }

    private func openWithAWeek() async throws -> Confidant {
        var o = Confidant.Options(directory: base.appendingPathComponent("store"),
                                  keyProvider: try .keyFile(at: base.appendingPathComponent("store.key")))
        o.fixedClockUnixMs = 1_795_680_000_000  // 2026-11-26T08:00:00Z
        let sdk = try await Confidant.open(o)
        try sdk.grant([.purchases, .browsing, .preferences], policyVersion: "2026-11", shownText: "We use your orders.")
        for _ in 0..<7 {
            try sdk.track(.order("latte-1", categories: ["drinks/coffee/latte"], attrs: ["milk": "oat"]))
        }
        try sdk.prefer(.like, "drinks/tea", text: "green tea, never sweetened")
        try await sdk.flush()
        return sdk
    }

    private func row(_ center: PrivacyCenter, _ section: String, _ id: String) -> PrivacyRow? {
        center.section(section)?.rows.first { $0.id == id }
    }

    func testModelShowsTheUsualAndTheStatedPreference() async throws {
        let sdk = try await openWithAWeek()
        let center = try await sdk.privacyCenter()
        XCTAssertEqual(center.format, "confidant.privacy-center.v1")
        XCTAssertEqual(center.sections.map(\.id), ["told", "learned", "not_used", "shared", "consent"])

        let tea = try XCTUnwrap(row(center, "told", "told:like:drinks/tea"))
        XCTAssertEqual(tea.title.text, "You like tea")
        XCTAssertEqual(tea.lines.first { $0.key == "told.words" }?.params["text"], "green tea, never sweetened")

        let usual = try XCTUnwrap(row(center, "learned", "usual:milk=oat"))
        let explanation = try XCTUnwrap(usual.lines.first { $0.key == "explanation" })
        XCTAssertTrue(explanation.text.contains("your usual (7 of 7 orders)"), explanation.text)
        XCTAssertEqual(usual.facts["strength"], "almost_always")
        XCTAssertEqual(usual.facts["last_fed"], "2026-11-26")

        let cell = try XCTUnwrap(row(center, "consent", "consent:purchases:personalize"))
        XCTAssertEqual(cell.facts["source"], "user")
        XCTAssertEqual(cell.actions.map(\.id), ["deny"])
        XCTAssertEqual(center.actions.last?.confirm?.key, "action.erase.confirm")
    }

    func testActionsFromTheModelChangeTheNextModel() async throws {
        let sdk = try await openWithAWeek()
        var center = try await sdk.privacyCenter()

        let usual = try XCTUnwrap(row(center, "learned", "usual:milk=oat"))
        let forget = try XCTUnwrap(usual.actions.first { $0.id == "forget" })
        let forgotten = try await sdk.performPrivacyAction(forget)
        XCTAssertEqual(forgotten.id, "forget")
        center = try await sdk.privacyCenter()
        XCTAssertNil(row(center, "learned", "usual:milk=oat"))

        let latte = try XCTUnwrap(row(center, "learned", "interest:drinks/coffee/latte"))
        try await sdk.performPrivacyAction(try XCTUnwrap(latte.actions.first { $0.id == "block" }))
        center = try await sdk.privacyCenter()
        XCTAssertNotNil(row(center, "not_used", "block:drinks/coffee/latte"))

        let cell = try XCTUnwrap(row(center, "consent", "consent:purchases:personalize"))
        try await sdk.performPrivacyAction(try XCTUnwrap(cell.actions.first { $0.id == "deny" }))
        center = try await sdk.privacyCenter()
        XCTAssertEqual(row(center, "consent", "consent:purchases:personalize")?.facts["state"], "denied")

        let exported = try sdk.performPrivacyAction(json: #"{"id":"export"}"#)
        let document = try XCTUnwrap(exported.exportJSON)
        let format = (try JSONSerialization.jsonObject(with: document) as? [String: Any])?["format"] as? String
        XCTAssertEqual(format, "confidant.export.v1")
    }

    func testMalformedActionNamesTheField() async throws {
        let sdk = try await openWithAWeek()
        let before = try await sdk.privacyCenter()
        do {
            try sdk.performPrivacyAction(json: #"{"id":"forget","target":{}}"#)
            XCTFail("a forget without a target was accepted")
        } catch let error as ConfidantError {
            guard case .invalidArgument(let message) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertTrue(message.contains("target.target: required"), message)
        }
        let after = try await sdk.privacyCenter()
        XCTAssertEqual(after.sections, before.sections)
    }
}
