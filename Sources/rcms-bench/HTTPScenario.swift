import Foundation

/// A child process of the benchmark: `rcms` next to this binary, its output in files.
private struct Child {
    let process: Process
    let stdoutPath: String
    let stderrPath: String

    var output: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}

/// Returns the path of the `rcms` executable built beside `rcms-bench`.
func siblingRCMS() throws -> String {
    let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let path = own.deletingLastPathComponent().appendingPathComponent("rcms").path
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw BenchError("rcms not found at \(path); build the 'rcms' product too")
    }
    return path
}

private func start(_ executable: String, _ arguments: [String], in folder: String, name: String) throws -> Child {
    let child = Child(
        process: Process(), stdoutPath: "\(folder)/\(name).out", stderrPath: "\(folder)/\(name).err")
    _ = FileManager.default.createFile(atPath: child.stdoutPath, contents: nil)
    _ = FileManager.default.createFile(atPath: child.stderrPath, contents: nil)
    child.process.executableURL = URL(fileURLWithPath: executable)
    child.process.arguments = arguments
    child.process.standardInput = FileHandle.nullDevice
    child.process.standardOutput = FileHandle(forWritingAtPath: child.stdoutPath)
    child.process.standardError = FileHandle(forWritingAtPath: child.stderrPath)
    try child.process.run()
    return child
}

/// Runs a command to its end and returns its standard output; a non-zero exit is an error.
private func command(_ executable: String, _ arguments: [String], in folder: String, name: String) throws -> String {
    let child = try start(executable, arguments, in: folder, name: name)
    child.process.waitUntilExit()
    guard child.process.terminationStatus == 0 else {
        throw BenchError("\(name) exited with \(child.process.terminationStatus): \(child.errors)")
    }
    return child.output
}

/// Sends one request with curl to the server the benchmark started and returns the status and body.
private func request(
    _ method: String, _ url: String, token: String, body: String? = nil, in folder: String
) throws -> (status: Int, body: String) {
    guard url.hasPrefix("http://127.0.0.1:") else {
        throw BenchError("invalid request target \(url): only 127.0.0.1 is allowed")
    }
    var arguments = ["-s", "-S", "--max-time", "10", "-X", method, "-H", "Authorization: Bearer \(token)"]
    if let body {
        let file = "\(folder)/body-\(UUID().uuidString).json"
        try body.write(toFile: file, atomically: true, encoding: .utf8)
        arguments += ["-H", "Content-Type: application/json", "--data-binary", "@\(file)"]
    }
    arguments += ["-w", "\n%{http_code}", url]
    let output = try command("/usr/bin/curl", arguments, in: folder, name: "curl")
    guard let split = output.lastIndex(of: "\n"), let status = Int(output[output.index(after: split)...]) else {
        throw BenchError("curl printed no status: \(output)")
    }
    return (status, String(output[..<split]))
}

/// Measures `rcms serve` on 127.0.0.1 with a fresh SQLite database under wrk, beside a bare
/// libmicrohttpd server that returns the same number of bytes.
///
/// The read workload is `GET` of one case. The write workload is `POST .../messages` on a
/// second case: it is an engine write with its audit entry that can repeat without end, unlike
/// a workflow transition, and it leaves the first case's answer the same size throughout.
func httpScenario(work: String, durationSeconds: Int) throws -> [Figure] {
    let wrk = WrkRunner(durationSeconds: durationSeconds)
    guard wrk.isAvailable else { throw BenchError("wrk is missing; \(WrkRunner.installHint())") }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
        throw BenchError("curl is missing; install it with: apt-get install -y curl")
    }
    let rcms = try siblingRCMS()
    let folder = "\(work)/http"
    try FileManager.default.createDirectory(atPath: "\(folder)/data", withIntermediateDirectories: true)
    let database = "sqlite:\(folder)/rcms.sqlite"

    let server = try start(
        rcms,
        [
            "serve", "--listen", "127.0.0.1:0", "--database", database, "--data", "\(folder)/data", "--tenants",
            "Tenants", "--config", "\(folder)/no-settings.yaml",
        ], in: folder, name: "serve")
    var stopped = false
    func stopServer() {
        guard !stopped else { return }
        stopped = true
        if server.process.isRunning { server.process.terminate() }
        let deadline = Date().addingTimeInterval(20)
        while server.process.isRunning && Date() < deadline { usleep(50_000) }
        if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) }
        server.process.waitUntilExit()
    }
    defer { stopServer() }

    // The welcome line names the port the system picked.
    var base: String?
    let deadline = Date().addingTimeInterval(60)
    while base == nil && Date() < deadline && server.process.isRunning {
        if let range = server.output.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
            base = String(server.output[range])
        } else {
            usleep(50_000)
        }
    }
    guard let base else { throw BenchError("rcms serve did not start: \(server.errors.suffix(2000))") }

    _ = try command(
        rcms,
        [
            "user", "add", "--tenant", "de-pk", "--login", "bench-officer", "--party", "requesting", "--roles",
            "requesting_officer", "--database", database,
        ], in: folder, name: "user-add")
    let token = try command(
        rcms, ["token", "create", "--tenant", "de-pk", "--login", "bench-officer", "--database", database],
        in: folder, name: "token-create"
    ).trimmingCharacters(in: .whitespacesAndNewlines)

    let cases = "\(base)/api/v1/tenants/de-pk/cases"
    func openCase(_ surname: String) throws -> String {
        let body = """
            {"person":{"surname":"\(surname)","given_names":"محمد","transliterated_surname":"Khan",\
            "transliterated_given_names":"Muhammad","date_of_birth":"1993-07"},\
            "documents":[{"type":"application_form","fields":{"internal_file_reference":"BENCH-1",\
            "application_date":"2026-03-02"}},{"type":"passport","fields":{"number":"AB1234567","kind":"national"}}]}
            """
        let opened = try request("POST", cases, token: token, body: body, in: folder)
        guard opened.status == 201,
            let json = try JSONSerialization.jsonObject(with: Data(opened.body.utf8)) as? [String: Any],
            let id = (json["case"] as? [String: Any])?["id"] as? String
        else { throw BenchError("opening a case returned \(opened.status): \(opened.body)") }
        return id
    }
    let readCase = try openCase("خان")
    let messageCase = try openCase("قریشی")
    let shown = try request("GET", "\(cases)/\(readCase)", token: token, in: folder)
    guard shown.status == 200 else { throw BenchError("GET case returned \(shown.status): \(shown.body)") }
    let messageBody = #"{"body":"Please confirm the interview date and the interpreter."}"#
    let sent = try request("POST", "\(cases)/\(messageCase)/messages", token: token, body: messageBody, in: folder)
    guard sent.status == 201 else { throw BenchError("POST message returned \(sent.status): \(sent.body)") }

    let productGet = try wrk.run(url: "\(cases)/\(readCase)", token: token, work: folder)
    // /healthz is open and reads no database, so its rate is transport, routing and the request
    // log alone. The gap to the GET case rate is the token check and the engine's read.
    let productHealth = try wrk.run(url: "\(base)/healthz", token: token, work: folder)
    let productPost = try wrk.run(
        url: "\(cases)/\(messageCase)/messages", token: token, post: messageBody, work: folder)
    let peak = peakResidentMegabytes(pid: server.process.processIdentifier)
    stopServer()

    let bare = try BareHTTPServer(bodies: BareHTTPBodies(get: Array(shown.body.utf8), post: Array(sent.body.utf8)))
    defer { bare.stop() }
    let bareBase = "http://127.0.0.1:\(bare.port)"
    let bareGet = try wrk.run(url: "\(bareBase)/api/v1/tenants/de-pk/cases/1", token: token, work: folder)
    let barePost = try wrk.run(
        url: "\(bareBase)/api/v1/tenants/de-pk/cases/2/messages", token: token, post: messageBody, work: folder)

    for (name, result) in [("GET", productGet), ("POST", productPost)]
    where result.errorResponses > 0 || result.socketErrors > 0 {
        print("http: \(name) had \(result.errorResponses) non-2xx responses and \(result.socketErrors) socket errors")
    }
    let getBytes = shown.body.utf8.count
    func rate(_ label: String, _ ours: WrkResult, _ raw: WrkResult, goal: Bool) -> Figure {
        let ratio = ours.requestsPerSecond / raw.requestsPerSecond
        return Figure(
            scenario: "http", name: "\(label) requests/s", value: ours.requestsPerSecond, unit: "req/s",
            baseline: raw.requestsPerSecond, ratio: ratio, goal: goal ? ">= 50% of bare MHD" : nil,
            met: goal ? ratio >= 0.5 && ours.errorResponses == 0 : nil)
    }
    func latency(_ label: String, _ ours: Double, _ raw: Double, goal: Bool = false) -> Figure {
        Figure(
            scenario: "http", name: label, value: ours, unit: "ms", baseline: raw, ratio: ours > 0 ? raw / ours : nil,
            goal: goal ? "< 10 ms" : nil, met: goal ? ours < 10 : nil)
    }
    return [
        rate("GET case (\(getBytes) B)", productGet, bareGet, goal: true),
        latency("GET case p50", productGet.p50Milliseconds, bareGet.p50Milliseconds),
        latency("GET case p99", productGet.p99Milliseconds, bareGet.p99Milliseconds, goal: true),
        rate("GET /healthz (no database)", productHealth, bareGet, goal: false),
        rate("POST message", productPost, barePost, goal: false),
        latency("POST message p50", productPost.p50Milliseconds, barePost.p50Milliseconds),
        latency("POST message p99", productPost.p99Milliseconds, barePost.p99Milliseconds, goal: true),
        Figure(
            scenario: "http", name: "peak resident memory (rcms serve)", value: peak, unit: "MB", goal: "< 300 MB",
            met: peak < 300),
    ]
}
