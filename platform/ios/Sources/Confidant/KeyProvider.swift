// Key providers: what wraps the store's data key. Built-in ones come from the
// C ABI (key file, passphrase, in-memory); `KeyProvider.custom` bridges a
// Swift `KeyWrapping` (the Keychain one on Apple platforms) to the ABI's
// callback vtable.
import CConfidant
import Foundation

/// A host-implemented wrapping key. Called on the SDK's worker thread, one
/// call at a time, while a store opens, is created or erased; it must not call
/// back into the SDK. Throw `ConfidantError.wrongKey` from `unwrap` when the
/// bytes do not authenticate; any other thrown error becomes `.internal`.
public protocol KeyWrapping: AnyObject, Sendable {
    /// Recorded beside the wrapped key: 1...32 printable ASCII, no spaces.
    var kind: String { get }
    /// Encrypts the 32-byte data key, authenticating `context` (the store id).
    func wrap(dataKey: [UInt8], context: [UInt8]) throws -> [UInt8]
    /// Reverses `wrap`; returns exactly 32 bytes.
    func unwrap(wrapped: [UInt8], context: [UInt8]) throws -> [UInt8]
    /// Deletes the wrapping key itself (erase); the default does nothing.
    func destroyKey() throws
}

extension KeyWrapping {
    public func destroyKey() throws {}
}

/// A key provider handle (confidant_key_provider). Use from one thread at a
/// time; an SDK opened with it keeps its own reference.
public final class KeyProvider {
    let handle: OpaquePointer

    init(handle: OpaquePointer) { self.handle = handle }

    deinit { confidant_key_provider_free(handle) }

    /// A 32-byte wrapping key in a file (mode 0600, created when missing and
    /// `createIfMissing`). Kind "key-file". The portable provider for Linux
    /// and tests; on iOS prefer `keychain` (the file sits beside the store).
    public static func keyFile(at url: URL, createIfMissing: Bool = true) throws -> KeyProvider {
        var out: OpaquePointer?
        try check(confidant_key_provider_new_key_file(url.path, createIfMissing, &out))
        return KeyProvider(handle: out!)
    }

    /// A key derived from a passphrase with Argon2id (0: the library defaults).
    public static func passphrase(_ passphrase: String, opsLimit: UInt64 = 0, memLimitBytes: UInt64 = 0) throws
        -> KeyProvider
    {
        var out: OpaquePointer?
        try passphrase.withCString { p in
            try check(confidant_key_provider_new_passphrase(p, passphrase.utf8.count, opsLimit, memLimitBytes, &out))
        }
        return KeyProvider(handle: out!)
    }

    /// A random key in process memory: the store cannot be reopened once the
    /// provider is gone. For tests.
    public static func inMemory() throws -> KeyProvider {
        var out: OpaquePointer?
        try check(confidant_key_provider_new_in_memory(&out))
        return KeyProvider(handle: out!)
    }

    /// A provider over a Swift `KeyWrapping`. The wrapper is retained by the
    /// SDK until its last user lets go.
    public static func custom(_ wrapper: any KeyWrapping) throws -> KeyProvider {
        let box = Unmanaged.passRetained(WrapperBox(wrapper)).toOpaque()
        var out: OpaquePointer?
        try wrapper.kind.withCString { kind in
            var callbacks = confidant_key_provider_callbacks(
                struct_size: MemoryLayout<confidant_key_provider_callbacks>.size, ctx: box, kind: kind, wrap: keyWrapThunk, unwrap: keyUnwrapThunk, destroy_key: keyDestroyThunk,
                destroy: keyReleaseThunk)
            // ctx is owned by the SDK from here on, even when this fails.
            try check(confidant_key_provider_new_callbacks(&callbacks, &out))
        }
        return KeyProvider(handle: out!)
    }
}

final class WrapperBox {
    let wrapper: any KeyWrapping
    init(_ wrapper: any KeyWrapping) { self.wrapper = wrapper }
}

/// Converts a thrown Swift error into an error object the SDK takes over.
func errorObject(_ error: any Error) -> OpaquePointer {
    let code: confidant_code
    let message: String
    if let error = error as? ConfidantError {
        code = error.cCode
        message = error.message
    } else {
        code = .CONFIDANT_CODE_INTERNAL
        message = "\(error)"
    }
    return message.withCString { confidant_error_new(code, $0, message.utf8.count) }
}

private func wrapper(_ ctx: UnsafeMutableRawPointer?) -> any KeyWrapping {
    Unmanaged<WrapperBox>.fromOpaque(ctx!).takeUnretainedValue().wrapper
}

/// Copies `bytes` into the SDK's buffer; a result that does not fit is
/// reported with its real length, which the SDK refuses as INVALID_ARGUMENT.
private func deliver(_ bytes: [UInt8], _ out: UnsafeMutablePointer<UInt8>, _ capacity: Int,
                     _ outLen: UnsafeMutablePointer<Int>)
{
    if bytes.count <= capacity {
        bytes.withUnsafeBufferPointer { out.update(from: $0.baseAddress!, count: bytes.count) }
    }
    outLen.pointee = bytes.count
}

private let keyWrapThunk: @convention(c) (
    UnsafeMutableRawPointer?, UnsafePointer<UInt8>, Int, UnsafePointer<UInt8>, Int, UnsafeMutablePointer<UInt8>, Int,
    UnsafeMutablePointer<Int>
) -> OpaquePointer? = { ctx, key, keyLen, context, contextLen, out, capacity, outLen in
    do {
        var wrapped = try wrapper(ctx).wrap(
            dataKey: Array(UnsafeBufferPointer(start: key, count: keyLen)),
            context: Array(UnsafeBufferPointer(start: context, count: contextLen)))
        deliver(wrapped, out, capacity, outLen)
        for i in wrapped.indices { wrapped[i] = 0 }
        return nil
    } catch {
        return errorObject(error)
    }
}

private let keyUnwrapThunk: @convention(c) (
    UnsafeMutableRawPointer?, UnsafePointer<UInt8>, Int, UnsafePointer<UInt8>, Int, UnsafeMutablePointer<UInt8>, Int,
    UnsafeMutablePointer<Int>
) -> OpaquePointer? = { ctx, wrapped, wrappedLen, context, contextLen, out, capacity, outLen in
    do {
        var key = try wrapper(ctx).unwrap(
            wrapped: Array(UnsafeBufferPointer(start: wrapped, count: wrappedLen)),
            context: Array(UnsafeBufferPointer(start: context, count: contextLen)))
        deliver(key, out, capacity, outLen)
        for i in key.indices { key[i] = 0 }
        return nil
    } catch {
        return errorObject(error)
    }
}

private let keyDestroyThunk: @convention(c) (UnsafeMutableRawPointer?) -> OpaquePointer? = { ctx in
    do {
        try wrapper(ctx).destroyKey()
        return nil
    } catch {
        return errorObject(error)
    }
}

private let keyReleaseThunk: @convention(c) (UnsafeMutableRawPointer?) -> Void = { ctx in
    if let ctx { Unmanaged<WrapperBox>.fromOpaque(ctx).release() }
}
