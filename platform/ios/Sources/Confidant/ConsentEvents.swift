// Consent events as an AsyncStream (confidant_sdk_add_consent_observer;
// docs/consent.md, "Consent events"): one event per consent ledger record,
// whoever made the change (the person, an app default, the app's CMP),
// after the change and its purge are durable in the store.
//
// Threads. The library calls the observer on its consent-event thread; the
// stream hands each event to whichever task iterates it. Iterating never
// blocks the SDK: the stream keeps the newest `bufferingNewest` events when
// the consumer falls behind (ConsentEvent.sequence then shows a gap, as it
// does after a ledger record that changes no state, e.g. leaving an experiment).
import CConfidant
import Foundation

/// One consent change.
public struct ConsentEvent: Sendable, Equatable {
    /// The ledger record's number: strictly increasing from one event to the
    /// next (also across restarts of the same store); a gap means events
    /// were dropped because the consumer fell behind.
    public let sequence: UInt64
    public let category: ConsentCategory
    public let use: ConsentUse
    /// `.granted` or `.denied` (a withdrawal).
    public let state: ConsentState
    public let source: ConsentSource
    /// As recorded: the screen's policy version, or the CMP's versions.
    public let policyVersion: String
    /// When it was recorded (Unix ms, UTC, the SDK's clock).
    public let atUnixMs: Int64
    /// Events the library dropped just before this one (0 normally).
    public let missed: UInt64
}

extension Confidant {
    /// Every consent change committed from now on, in ledger order, until
    /// the consumer stops iterating (which unregisters the observer) or the
    /// SDK closes or is erased (which ends the stream after the events
    /// already waiting). Each call makes an independent stream.
    ///
    ///     for await event in try sdk.consentEvents() { screen.update(event) }
    ///
    /// Throws `.closed` after close or erase.
    public func consentEvents(bufferingNewest limit: Int = 1024) throws -> AsyncStream<ConsentEvent> {
        let box = ConsentStreamBox()
        let stream = AsyncStream(ConsentEvent.self, bufferingPolicy: .bufferingNewest(limit)) { box.continuation = $0 }
        var observer = confidant_consent_observer(
            struct_size: MemoryLayout<confidant_consent_observer>.size,
            ctx: Unmanaged.passRetained(box).toOpaque(), on_consent: consentEventThunk,
            destroy: consentReleaseThunk)
        var id: UInt64 = 0
        try check(confidant_sdk_add_consent_observer(handle, &observer, &id))  // the SDK owns the box from here on
        let observerID = id
        // Weak: a stream kept by a task must not keep the SDK open; once the
        // SDK is gone its observers are gone too.
        box.continuation?.onTermination = { [weak self] _ in self?.removeConsentObserver(observerID) }
        return stream
    }

    fileprivate func removeConsentObserver(_ id: UInt64) {
        // Only a NULL handle can fail, and the handle is never NULL.
        if let error = confidant_sdk_remove_consent_observer(handle, id) { confidant_error_free(error) }
    }
}

final class ConsentStreamBox: @unchecked Sendable {
    // @unchecked: written once, before the observer is registered; read by
    // the consent-event thread afterwards (AsyncStream.Continuation is Sendable).
    var continuation: AsyncStream<ConsentEvent>.Continuation?
}

private let consentEventThunk: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<confidant_consent_event>) -> Void = {
    ctx, event in
    guard let ctx else { return }
    let box = Unmanaged<ConsentStreamBox>.fromOpaque(ctx).takeUnretainedValue()
    let e = event.pointee
    // A value this package does not know (a newer library) is not delivered
    // as a wrong one; the sequence gap shows it.
    guard let category = ConsentCategory(rawValue: e.category.rawValue),
          let use = ConsentUse(rawValue: e.use.rawValue),
          let state = ConsentState(rawValue: e.state.rawValue),
          let source = ConsentSource(rawValue: e.source.rawValue)
    else { return }
    let policyVersion = String(decoding: UnsafeRawBufferPointer(start: e.policy_version, count: e.policy_version_len),
                               as: UTF8.self)
    box.continuation?.yield(ConsentEvent(sequence: e.sequence, category: category, use: use, state: state,
                                         source: source, policyVersion: policyVersion, atUnixMs: e.at_ms,
                                         missed: e.missed))
}

private let consentReleaseThunk: @convention(c) (UnsafeMutableRawPointer?) -> Void = { ctx in
    guard let ctx else { return }
    let box = Unmanaged<ConsentStreamBox>.fromOpaque(ctx).takeRetainedValue()
    box.continuation?.finish()  // the SDK closed, or the observer was removed
}
