import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A response as read off the socket.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object or array.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body)) }

    /// `error.code` of an error body.
    var errorCode: String? { ((json as? [String: Any])?["error"] as? [String: Any])?["code"] as? String }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A tiny HTTP/1.1 client over a plain socket to 127.0.0.1, so tests can send exactly the
/// bytes they mean (conflicting headers, a false Content-Length). One request per connection.
enum RawHTTPClient {
    /// Sends `bytes` and reads until the server closes or the body declared by
    /// Content-Length is complete; gives up after `timeoutSeconds`.
    static func exchange(port: UInt16, _ bytes: [UInt8], timeoutSeconds: Int = 10) throws -> RawResponse {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClientError(description: "socket failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ClientError(description: "connect failed") }

        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            // The server may respond and close before reading everything (413); read what came.
            if sent <= 0 { break }
            offset += sent
        }

        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        // Once the head is in, only the count of body bytes is compared, so a large body is
        // not parsed again after every read.
        var head: (length: Int, declared: Int)?
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
            if head == nil, let response = parse(received) {
                head = (received.count - response.body.count, declaredLength(response))
            }
            if let head, received.count - head.length >= head.declared { break }
        }
        guard let response = parse(received) else {
            throw ClientError(description: "no HTTP response (\(received.count) bytes)")
        }
        return response
    }

    /// Sends one request with `Connection: close`.
    static func request(
        port: UInt16, _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []
    ) throws -> RawResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return try exchange(port: port, Array(head.utf8) + body)
    }

    /// Sends a JSON request; `token` becomes a bearer `Authorization` header.
    static func json(
        port: UInt16, _ method: String, _ path: String, token: String? = nil, body: Any? = nil,
        headers: [String: String] = [:]
    ) throws -> RawResponse {
        var allHeaders = headers
        if let token { allHeaders["Authorization"] = "Bearer \(token)" }
        var bytes: [UInt8] = []
        if let body {
            bytes = [UInt8](try JSONSerialization.data(withJSONObject: body))
            allHeaders["Content-Type"] = "application/json"
        }
        return try request(port: port, method, path, headers: allHeaders, body: bytes)
    }

    private static func declaredLength(_ response: RawResponse) -> Int {
        Int(response.headers["content-length"] ?? "") ?? Int.max
    }

    private static func parse(_ bytes: [UInt8]) -> RawResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard
            let end = (0...max(0, bytes.count - 4)).first(where: {
                Array(bytes[$0..<min($0 + 4, bytes.count)]) == separator
            })
        else { return nil }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
            let status = Int(statusLine.split(separator: " ")[1])
        else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return RawResponse(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
    }
}
