// Swift errors mapped from the C ABI's stable codes (confidant.h,
// confidant_code). One case per code, each carrying the library's message,
// which names the field at fault. The CMake check `ios/error_codes_mapped`
// reads every CONFIDANT_CODE_* line of the header and fails unless its name
// appears in this file, so keep one `case CONFIDANT_CODE_...` per code below.
import CConfidant

public enum ConfidantError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A caller-supplied value is malformed; the message names it (code 1).
    case invalidArgument(String)
    /// The key provider could not unwrap the store's data key (code 2).
    case wrongKey(String)
    /// Stored data failed authentication: corrupt or altered (code 3).
    case tampered(String)
    /// The file is not a Confidant store (code 4).
    case notAStore(String)
    /// The operating system refused a read, write or sync (code 5).
    case io(String)
    /// Another handle holds the store, or the signal queue is full (code 6).
    case busy(String)
    /// A bug, or a host callback that threw; report the message (code 7).
    case `internal`(String)
    /// A format version or feature this build does not have (code 8).
    case unsupported(String)
    /// The SDK was closed or erased (code 9).
    case closed(String)
    /// Consent does not allow it (or personalization is paused); nothing was kept (code 10).
    case notPermitted(String)
    /// A code this version of the package does not know (a newer library).
    case unknown(code: Int32, message: String)

    /// The C code number (stable, shared with the C++ API and the CLI).
    public var code: Int32 {
        switch self {
        case .invalidArgument: return 1
        case .wrongKey: return 2
        case .tampered: return 3
        case .notAStore: return 4
        case .io: return 5
        case .busy: return 6
        case .internal: return 7
        case .unsupported: return 8
        case .closed: return 9
        case .notPermitted: return 10
        case .unknown(let code, _): return code
        }
    }

    /// The library's message: English, names the field at fault.
    public var message: String {
        switch self {
        case .invalidArgument(let m), .wrongKey(let m), .tampered(let m), .notAStore(let m), .io(let m),
             .busy(let m), .internal(let m), .unsupported(let m), .closed(let m), .notPermitted(let m):
            return m
        case .unknown(_, let m):
            return m
        }
    }

    /// The code's short name as the C ABI and the CLI print it ("wrong_key").
    public var codeName: String {
        String(cString: confidant_code_name(confidant_code(rawValue: UInt32(bitPattern: code)) ?? .CONFIDANT_CODE_INTERNAL))
    }

    public var description: String { "\(codeName): \(message)" }

    /// Maps a C code and message to the Swift case.
    public init(code: confidant_code, message: String) {
        switch code {
        case .CONFIDANT_CODE_OK:
            // Never carried by an error object; treat a host bug as internal.
            self = .internal("code ok carried by an error: \(message)")
        case .CONFIDANT_CODE_INVALID_ARGUMENT: self = .invalidArgument(message)
        case .CONFIDANT_CODE_WRONG_KEY: self = .wrongKey(message)
        case .CONFIDANT_CODE_TAMPERED: self = .tampered(message)
        case .CONFIDANT_CODE_NOT_A_STORE: self = .notAStore(message)
        case .CONFIDANT_CODE_IO: self = .io(message)
        case .CONFIDANT_CODE_BUSY: self = .busy(message)
        case .CONFIDANT_CODE_INTERNAL: self = .internal(message)
        case .CONFIDANT_CODE_UNSUPPORTED: self = .unsupported(message)
        case .CONFIDANT_CODE_CLOSED: self = .closed(message)
        case .CONFIDANT_CODE_NOT_PERMITTED: self = .notPermitted(message)
        default: self = .unknown(code: Int32(bitPattern: code.rawValue), message: message)
        }
    }

    /// The C code for this error (for errors handed back to the library by
    /// Swift key providers).
    var cCode: confidant_code {
        confidant_code(rawValue: UInt32(bitPattern: code)) ?? .CONFIDANT_CODE_INTERNAL
    }
}

/// Turns a returned `confidant_error*` into a thrown ConfidantError, freeing it.
@inline(__always)
func check(_ error: OpaquePointer?) throws {
    guard let error else { return }
    defer { confidant_error_free(error) }
    throw ConfidantError(code: confidant_error_code(error), message: String(cString: confidant_error_message(error)))
}
