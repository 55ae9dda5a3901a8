// Transport: how reports leave the device (docs/sync.md). The host sends one
// HTTP request; the SDK keeps the queue, the retries, the backoff and the
// give-up rules. `URLSessionTransport` is the default on Apple platforms.
//
// Threads. `send` is called on the SDK's worker thread, one request at a
// time, and may block up to `request.timeoutMs`. It must not call back into
// the same Confidant instance.
import CConfidant
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Data
    public var timeoutMs: Int64

    public init(method: String = "POST", url: String, headers: [(String, String)] = [], body: Data = Data(),
                timeoutMs: Int64 = 15_000) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutMs = timeoutMs
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

public protocol Transport: AnyObject, Sendable {
    /// Returns a response for any HTTP status (4xx and 5xx included). Throws
    /// only when no response arrived (network failure, timeout): the SDK
    /// then retries later.
    func send(_ request: HTTPRequest) throws -> HTTPResponse
}

/// Sends with a URLSession (ephemeral: no cookies, no cache, no credentials).
public final class URLSessionTransport: Transport, @unchecked Sendable {
    // @unchecked: URLSession is thread-safe; nothing else is stored.
    private let session: URLSession

    public init(configuration: URLSessionConfiguration = .ephemeral) {
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme, scheme == "https" || scheme == "http" else {
            throw ConfidantError.invalidArgument("url: not an http(s) URL: \(request.url)")
        }
        var urlRequest = URLRequest(url: url, timeoutInterval: Double(request.timeoutMs) / 1000)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if request.method != "GET" { urlRequest.httpBody = request.body }
        // The SDK's worker is a plain thread: wait for the callback here.
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            outcome.set(data: data, response: response, error: error)
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + .milliseconds(Int(request.timeoutMs) + 1000)) == .timedOut {
            task.cancel()
            throw ConfidantError.io("transport: no answer within \(request.timeoutMs) ms")
        }
        return try outcome.httpResponse()
    }

    private final class Outcome: @unchecked Sendable {
        // Written once by the completion handler, read after the semaphore.
        private var body: Data?
        private var urlResponse: URLResponse?
        private var failure: (any Error)?

        func set(data: Data?, response: URLResponse?, error: (any Error)?) {
            body = data
            urlResponse = response
            failure = error
        }

        func httpResponse() throws -> HTTPResponse {
            if let failure { throw ConfidantError.io("transport: \(failure.localizedDescription)") }
            guard let http = urlResponse as? HTTPURLResponse else {
                throw ConfidantError.io("transport: not an HTTP response")
            }
            var headers: [(String, String)] = []
            for (name, value) in http.allHeaderFields {
                headers.append((String(describing: name).lowercased(), String(describing: value)))
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: body ?? Data())
        }
    }
}

final class TransportBox {
    let transport: any Transport
    init(_ transport: any Transport) { self.transport = transport }
}

/// The C vtable over a Swift Transport; the box is released by the SDK.
func cTransport(_ transport: any Transport) -> confidant_transport {
    confidant_transport(struct_size: MemoryLayout<confidant_transport>.size,
                        ctx: Unmanaged.passRetained(TransportBox(transport)).toOpaque(), send: transportSendThunk,
                        destroy: transportReleaseThunk)
}

private let transportSendThunk: @convention(c) (
    UnsafeMutableRawPointer?, UnsafePointer<confidant_http_request>, OpaquePointer
) -> OpaquePointer? = { ctx, request, response in
    do {
        let r = request.pointee
        var headers: [(String, String)] = []
        if let list = r.headers {
            for i in 0..<r.headers_len {
                let h = list[i]
                headers.append((text(h.name, h.name_len), text(h.value, h.value_len)))
            }
        }
        let body = r.body.map { Data(bytes: $0, count: r.body_len) } ?? Data()
        let swiftRequest = HTTPRequest(method: String(cString: r.method), url: String(cString: r.url), headers: headers,
                                       body: body, timeoutMs: r.timeout_ms)
        let box = Unmanaged<TransportBox>.fromOpaque(ctx!).takeUnretainedValue()
        let answer = try box.transport.send(swiftRequest)
        confidant_http_response_set_status(response, Int32(clamping: answer.status))
        for (name, value) in answer.headers {
            let added = name.withCString { n in
                value.withCString { v in confidant_http_response_add_header(response, n, name.utf8.count, v, value.utf8.count) }
            }
            if let added { return added }
        }
        return answer.body.withUnsafeBytes { raw in
            confidant_http_response_set_body(response, raw.bindMemory(to: UInt8.self).baseAddress, answer.body.count)
        }
    } catch let error as ConfidantError {
        return errorObject(error)
    } catch {
        return errorObject(ConfidantError.io("transport: \(error)"))
    }
}

private let transportReleaseThunk: @convention(c) (UnsafeMutableRawPointer?) -> Void = { ctx in
    if let ctx { Unmanaged<TransportBox>.fromOpaque(ctx).release() }
}

private func text(_ pointer: UnsafePointer<CChar>, _ length: Int) -> String {
    String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
}
