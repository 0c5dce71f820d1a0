import Foundation

/// One HTTP request as the server read it: method, decoded path, headers, query and body.
public struct HTTPRequest: Sendable {
    /// Upper-case method such as `GET`.
    public var method: String
    /// The path without the query string, such as `/api/v1/tenants/de-pk/users`.
    public var path: String
    /// Header names in lower case; a repeated header keeps every value in arrival order.
    public var headers: [(name: String, value: String)]
    /// Query arguments; a key given without `=` has an empty value.
    public var query: [String: String]
    public var body: [UInt8]
    /// Set when the transport refused the request before it reached a route.
    public var rejection: HTTPRejection?

    public init(
        method: String, path: String, headers: [(name: String, value: String)] = [], query: [String: String] = [:],
        body: [UInt8] = [], rejection: HTTPRejection? = nil
    ) {
        self.method = method
        self.path = path
        self.headers = headers
        self.query = query
        self.body = body
        self.rejection = rejection
    }

    /// Returns the first value of header `name` (matched without regard to case).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }
}

/// The reason the transport responded to a request without routing it.
public enum HTTPRejection: Sendable, Hashable {
    /// The declared or received body is larger than the limit, in bytes.
    case payloadTooLarge(limit: Int)
    /// The request cannot be read safely, such as two different `Content-Length` values.
    case malformed(String)
}

/// A response body the transport pulls piece by piece while it sends it, such as a file
/// decrypted chunk by chunk, so the whole body is never in memory.
public struct HTTPBodyStream: Sendable {
    /// The body's length in bytes when it is known before sending, sent as `Content-Length`.
    /// The transport stops pulling once that many bytes went out, so a stream with a length
    /// checks its own end before it returns its last bytes. Without a length the body goes out
    /// in chunked transfer encoding.
    public var length: Int64?
    /// Returns the next bytes of the body, or `nil` at its end; a piece may be empty. A throw
    /// closes the connection at once, so the client sees a body cut short, and the transport
    /// calls it no more.
    public var next: @Sendable () throws -> [UInt8]?

    public init(length: Int64?, next: @escaping @Sendable () throws -> [UInt8]?) {
        self.length = length
        self.next = next
    }
}

/// One HTTP response: status, headers and either body bytes or a body stream.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// When set, the transport sends this stream as the body and ignores `body`.
    public var stream: HTTPBodyStream?

    public init(
        status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], stream: HTTPBodyStream? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = stream
    }

    /// Makes a response whose body is `value` as JSON, with sorted keys so output is stable.
    public static func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        let body = (try? JSONCoding.encoder.encode(value)).map { [UInt8]($0) } ?? Array("{}".utf8)
        return HTTPResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: body)
    }

    /// Makes a response whose body is `value` as JSON, written by the value itself. The bytes
    /// are the same as those of the `Encodable` overload.
    static func json(_ value: some JSONWritable, status: Int = 200) -> HTTPResponse {
        var json = JSONOutput()
        value.write(to: &json)
        return HTTPResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: json.bytes)
    }

    /// Makes a plain text response, for the Prometheus exposition format and similar.
    public static func text(_ text: String, contentType: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// An empty `204 No Content`.
    public static var noContent: HTTPResponse { HTTPResponse(status: 204) }

    /// Adds a header, keeping any earlier one of the same name.
    public func adding(header name: String, _ value: String) -> HTTPResponse {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}

/// The JSON encoder and decoder every route uses; keys are spelled out in `CodingKeys`, so
/// no key strategy rewrites map keys such as file paths.
///
/// Both are made once and shared. Their options never change afterwards, and Foundation
/// declares both types `Sendable`, so several threads may encode and decode at once.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder = JSONDecoder()
}
