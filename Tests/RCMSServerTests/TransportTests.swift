import Foundation
import RCMSServer
import RCMSTestSupport
import Synchronization
import Testing

@Suite("HTTP transport")
struct TransportTests {
    @Test("healthz answers with a request id; unknown paths are JSON 404s", arguments: TestDatabases.backends)
    func health(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let health = try RawHTTPClient.request(port: server.port, "GET", "/healthz")
            #expect(health.status == 200)
            #expect(health.text == #"{"status":"ok"}"#)
            let requestID = try #require(health.headers["x-request-id"])
            #expect(requestID.count == 16)
            #expect(requestID.allSatisfy { $0.isHexDigit })

            let missing = try RawHTTPClient.request(port: server.port, "GET", "/nowhere")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "not_found")

            let wrongMethod = try RawHTTPClient.request(port: server.port, "DELETE", "/healthz")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["allow"] == "GET")

            // The request line in the log carries the id sent to the client and the template.
            let line = try #require(server.logs.lines.first { $0.contains(requestID) })
            #expect(line.contains(#""route":"/healthz""#))
            #expect(line.contains(#""status":200"#))
        }
    }

    @Test("a declared body over the limit gets 413 before it is sent", arguments: TestDatabases.backends)
    func oversizedDeclaredBody(backend: TestBackend) throws {
        var options = HTTPServerOptions()
        options.maxBodyBytes = 1024
        try TestServer.with(backend, options: options) { server in
            // Claims 10 MiB, sends 10 bytes: the response must come without waiting for the rest.
            let head =
                "POST /api/v1/tenants/de-pk/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n"
            let response = try RawHTTPClient.exchange(port: server.port, Array(head.utf8) + Array("{\"a\":1234}".utf8))
            #expect(response.status == 413)
            #expect(response.errorCode == "request.too_large")
            #expect(response.headers["x-request-id"] != nil)
        }
    }

    @Test("a chunked body that grows past the limit gets 413", arguments: TestDatabases.backends)
    func oversizedChunkedBody(backend: TestBackend) throws {
        var options = HTTPServerOptions()
        options.maxBodyBytes = 1024
        try TestServer.with(backend, options: options) { server in
            let chunk = String(repeating: "x", count: 600)
            let chunkHex = String(chunk.utf8.count, radix: 16)
            var bytes =
                "POST /api/v1/tenants/de-pk/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            for _ in 0..<3 { bytes += "\(chunkHex)\r\n\(chunk)\r\n" }
            bytes += "0\r\n\r\n"
            let response = try RawHTTPClient.exchange(port: server.port, Array(bytes.utf8))
            #expect(response.status == 413)
        }
    }

    @Test("conflicting Content-Length headers are refused with 400", arguments: TestDatabases.backends)
    func conflictingContentLength(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let head =
                "POST /api/v1/tenants/de-pk/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 12\r\n\r\n"
            let response = try RawHTTPClient.exchange(
                port: server.port, Array(head.utf8) + Array("{\"a\":\"bcdef\"}".utf8))
            #expect(response.status == 400)
            // libmicrohttpd 0.9.75 passes both headers on; the server refuses them itself.
            #expect(response.errorCode == "request.malformed")
        }
    }

    @Test("a body within the limit reaches the handler whole", arguments: TestDatabases.backends)
    func bodyWithinLimit(backend: TestBackend) throws {
        let echo = Route(
            .post, "/test/echo", operationID: "testEcho", summary: "echo", access: .open,
            responses: [RouteResponse(200, "echo")]
        ) { context in HTTPResponse(status: 200, body: context.request.body) }
        var options = HTTPServerOptions()
        options.maxBodyBytes = 256 * 1024
        try TestServer.with(backend, options: options, extraRoutes: [echo]) { server in
            let payload = (0..<200_000).map { UInt8($0 % 251) }
            let response = try RawHTTPClient.request(port: server.port, "POST", "/test/echo", body: payload)
            #expect(response.status == 200)
            #expect(response.body == payload)
        }
    }

    @Test("stop() lets a request in flight finish", arguments: TestDatabases.backends)
    func gracefulShutdown(backend: TestBackend) throws {
        let entered = Atomic<Bool>(false)
        let slow = Route(
            .get, "/test/slow", operationID: "testSlow", summary: "slow", access: .open,
            responses: [RouteResponse(200, "slow")]
        ) { _ in
            entered.store(true, ordering: .releasing)
            usleep(600_000)
            return .json(["done": true])
        }
        try TestServer.with(backend, extraRoutes: [slow]) { server in
            let port = server.port
            let result = Mutex<RawResponse?>(nil)
            let thread = Thread {
                let response = try? RawHTTPClient.request(port: port, "GET", "/test/slow")
                result.withLock { $0 = response }
            }
            thread.start()
            // Bounded wait for the handler to start: at most 5 s.
            for _ in 0..<500 where !entered.load(ordering: .acquiring) { usleep(10_000) }
            let started = entered.load(ordering: .acquiring)
            #expect(started)

            server.http.stop(graceSeconds: 5)
            for _ in 0..<500 where result.withLock({ $0 == nil }) { usleep(10_000) }
            let response = try #require(result.withLock { $0 })
            #expect(response.status == 200)
            #expect(response.text == #"{"done":true}"#)
            #expect(server.http.requestsInFlight == 0)

            // After the stop nothing listens any more.
            #expect(throws: (any Error).self) { try RawHTTPClient.request(port: port, "GET", "/healthz") }
        }
    }
}
