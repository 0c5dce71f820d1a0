import Foundation

/// The summary of one wrk run.
struct WrkResult {
    var requestsPerSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    var requests: Int
    /// Responses with a status outside 2xx and 3xx, which make the rate meaningless.
    var errorResponses: Int
    /// Connect, read, write and timeout errors together.
    var socketErrors: Int
}

/// Runs Debian's wrk against one URL on 127.0.0.1 for a bounded time and reads its summary.
struct WrkRunner {
    var executable = "/usr/bin/wrk"
    var threads = 2
    var connections = 32
    var durationSeconds: Int

    static func installHint() -> String { "install it with: apt-get install -y wrk" }

    var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    /// Runs wrk once. A POST is described by a Lua file that only sets `wrk.method`, `wrk.body`
    /// and `wrk.headers`, with no per-request functions, so wrk builds the request only once.
    func run(url: String, token: String, post body: String? = nil, work: String) throws -> WrkResult {
        guard url.hasPrefix("http://127.0.0.1:") else {
            throw BenchError("invalid wrk target \(url): only 127.0.0.1 is allowed")
        }
        var arguments = [
            "-t", String(threads), "-c", String(connections), "-d", "\(durationSeconds)s", "--timeout", "5s",
            "--latency", "-H", "Authorization: Bearer \(token)",
        ]
        if let body {
            let script = "\(work)/post-\(UUID().uuidString).lua"
            let escaped = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let lua = """
                wrk.method = "POST"
                wrk.body = "\(escaped)"
                wrk.headers["Content-Type"] = "application/json"

                """
            try lua.write(toFile: script, atomically: true, encoding: .utf8)
            arguments += ["-s", script]
        }
        arguments.append(url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("wrk exited with \(process.terminationStatus): \(output)")
        }
        return try Self.parse(output)
    }

    /// Reads `Requests/sec`, the 50 % and 99 % lines of `--latency` and the error counts.
    static func parse(_ output: String) throws -> WrkResult {
        var result = WrkResult(
            requestsPerSecond: 0, p50Milliseconds: 0, p99Milliseconds: 0, requests: 0, errorResponses: 0,
            socketErrors: 0)
        var sawRate = false
        for rawLine in output.split(separator: "\n") {
            let words = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
            guard let first = words.first else { continue }
            switch first {
            case "Requests/sec:":
                result.requestsPerSecond = Double(words.count > 1 ? words[1] : "") ?? 0
                sawRate = true
            case "50%":
                result.p50Milliseconds = milliseconds(words.count > 1 ? words[1] : "")
            case "99%":
                result.p99Milliseconds = milliseconds(words.count > 1 ? words[1] : "")
            case "Non-2xx":
                result.errorResponses = Int(words.last ?? "") ?? 0
            case "Socket":
                // Socket errors: connect 0, read 0, write 0, timeout 0
                result.socketErrors = stride(from: 4, to: words.count, by: 2).reduce(0) {
                    $0 + (Int(words[$1]) ?? 0)
                }
            default:
                if words.count > 1, words[1] == "requests", let count = Int(first) { result.requests = count }
            }
        }
        guard sawRate else { throw BenchError("wrk printed no Requests/sec line:\n\(output)") }
        return result
    }

    /// wrk prints times as `812.00us`, `1.25ms` or `1.02s`.
    static func milliseconds(_ text: String) -> Double {
        for (suffix, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)]
        where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? 0) * factor
        }
        return Double(text) ?? 0
    }
}
