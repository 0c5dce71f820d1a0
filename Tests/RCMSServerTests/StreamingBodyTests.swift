import Foundation
import RCMSServer
import RCMSTestSupport
import Synchronization
import Testing

/// Counts the streams whose producer was released by the transport.
final class ReleaseCounter: Sendable {
    let released = Atomic<Int>(0)
}

/// Lives as long as the stream that captured it.
final class ReleaseProbe: Sendable {
    let counter: ReleaseCounter

    init(_ counter: ReleaseCounter) { self.counter = counter }

    deinit { counter.released.add(1, ordering: .releasing) }
}

/// Hands out fixed pieces of a body one per call, then fails or ends.
final class PieceProducer: Sendable {
    private let pieces: Mutex<[[UInt8]]>
    private let failsAtEnd: Bool
    private let probe: ReleaseProbe

    init(_ pieces: [[UInt8]], failsAtEnd: Bool = false, probe: ReleaseProbe) {
        self.pieces = Mutex(pieces)
        self.failsAtEnd = failsAtEnd
        self.probe = probe
    }

    func next() throws -> [UInt8]? {
        if let piece = pieces.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return piece }
        if failsAtEnd { throw ClientError(description: "the producer failed") }
        return nil
    }
}

@Suite("Streaming response bodies")
struct StreamingBodyTests {
    /// Pieces larger and smaller than one read of the transport, with empty ones between.
    static let pieces: [[UInt8]] = [
        [], patternBytes(200_000, seed: 1), [7], [], patternBytes(70_000, seed: 2), patternBytes(3, seed: 3),
    ]
    static var whole: [UInt8] { pieces.flatMap { $0 } }

    static func route(_ path: String, length: Int64?, failsAtEnd: Bool, counter: ReleaseCounter) -> Route {
        Route(
            .get, path, operationID: "test" + path.split(separator: "/").joined(separator: "_"), summary: "stream",
            access: .open,
            responses: [RouteResponse(200, "stream")]
        ) { _ in
            let producer = PieceProducer(pieces, failsAtEnd: failsAtEnd, probe: ReleaseProbe(counter))
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/octet-stream")],
                stream: HTTPBodyStream(length: length) { try producer.next() })
        }
    }

    /// Waits at most two seconds for `counter` to reach `count`.
    static func waitForReleases(_ counter: ReleaseCounter, _ count: Int) -> Int {
        for _ in 0..<200 where counter.released.load(ordering: .acquiring) < count { usleep(10_000) }
        return counter.released.load(ordering: .acquiring)
    }

    @Test("pieces of any size arrive whole, with and without a length")
    func piecesArriveWhole() throws {
        let counter = ReleaseCounter()
        let routes = [
            Self.route("/test/known", length: Int64(Self.whole.count), failsAtEnd: false, counter: counter),
            Self.route("/test/unknown", length: nil, failsAtEnd: false, counter: counter),
        ]
        try TestServer.with(.sqlite, extraRoutes: routes) { server in
            let known = try RawHTTPClient.request(port: server.port, "GET", "/test/known")
            #expect(known.status == 200)
            #expect(known.headers["content-length"] == String(Self.whole.count))
            #expect(known.body == Self.whole)

            let unknown = try RawHTTPClient.request(port: server.port, "GET", "/test/unknown")
            #expect(unknown.status == 200)
            #expect(unknown.headers["transfer-encoding"] == "chunked")
            #expect(try Self.dechunked(unknown.body) == Self.whole)

            let head = try RawHTTPClient.request(port: server.port, "HEAD", "/test/known")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(Self.waitForReleases(counter, 3) == 3, "every stream is released once its response is done")
        }
    }

    @Test("a producer that fails closes the connection with the body cut short")
    func failingProducer() throws {
        let counter = ReleaseCounter()
        let routes = [
            Self.route("/test/failing", length: Int64(Self.whole.count) + 10, failsAtEnd: true, counter: counter),
            Self.route("/test/failing-chunked", length: nil, failsAtEnd: true, counter: counter),
        ]
        try TestServer.with(.sqlite, extraRoutes: routes) { server in
            let known = try RawHTTPClient.request(port: server.port, "GET", "/test/failing")
            #expect(known.status == 200)
            #expect(known.body.count < Self.whole.count + 10)

            let chunked = try RawHTTPClient.request(port: server.port, "GET", "/test/failing-chunked")
            #expect(chunked.status == 200)
            #expect(throws: ClientError.self, "no closing chunk") { _ = try Self.dechunked(chunked.body) }
            #expect(Self.waitForReleases(counter, 2) == 2)
        }
    }

    /// Decodes a chunked body; throws when the closing chunk is missing.
    static func dechunked(_ body: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while true {
            let lineEnd = (index..<max(index, body.count - 1)).first { body[$0] == 13 && body[$0 + 1] == 10 }
            guard let lineEnd else { throw ClientError(description: "a chunk size line is missing") }
            let sizeText = String(decoding: body[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText, radix: 16) else {
                throw ClientError(description: "a chunk size is malformed")
            }
            index = lineEnd + 2
            if size == 0 { return output }
            guard index + size + 2 <= body.count else { throw ClientError(description: "a chunk is cut short") }
            output += body[index..<(index + size)]
            index += size + 2
        }
    }
}

/// Bytes that differ by `seed`, so pieces out of order would show.
func patternBytes(_ count: Int, seed: UInt8) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) &+ seed }
}
