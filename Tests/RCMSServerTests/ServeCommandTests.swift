import Foundation
import RCMSCommands
import RCMSTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("rcms serve and rcms user", .serialized)
struct ServeCommandTests {
    /// Makes a folder with a copy of one bundled tenant and nothing else.
    static func workspace() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("Tenants"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: repositoryRoot.appendingPathComponent("Tenants/de-pk"),
            to: folder.appendingPathComponent("Tenants/de-pk"))
        return folder
    }

    @Test("serve starts, creates the first administrator, answers, and stops on SIGTERM")
    func serveUntilSignal() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let console = CapturingConsole()
        let context = CommandContext(
            console: console.console,
            environment: ["RCMS_ADMIN_PASSWORD": "first admin password", "RCMS_LOG_LEVEL": "warning"])
        let arguments = [
            "serve", "--listen", "127.0.0.1:0", "--tenants", folder.appendingPathComponent("Tenants").path,
            "--database", "sqlite:\(folder.path)/db/rcms.sqlite", "--config",
            folder.appendingPathComponent("none.yaml").path,
        ]
        let task = Task { await RCMSCommandLine.run(arguments, context: context) }

        // Bounded wait for the welcome text: at most 30 s.
        var port: UInt16?
        for _ in 0..<300 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            if let range = console.output.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = UInt16(console.output[range].split(separator: ":").last ?? "")
            }
        }
        let bound = try #require(port, "no URL printed; output: \(console.output) \(console.error)")
        #expect(console.output.contains("admin-de-pk"))
        #expect(!console.output.contains("first admin password"))

        let ready = try RawHTTPClient.request(port: bound, "GET", "/readyz")
        #expect(ready.status == 200)
        let login = try RawHTTPClient.json(
            port: bound, "POST", "/api/v1/tenants/de-pk/sessions",
            body: ["login": "admin-de-pk", "password": "first admin password"])
        #expect(login.status == 201)

        kill(getpid(), SIGTERM)
        #expect(await task.value == 0)
        #expect(throws: (any Error).self) { try RawHTTPClient.request(port: bound, "GET", "/healthz") }
    }

    @Test("serve refuses to start with an invalid tenant and prints positioned diagnostics")
    func invalidTenant() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("Tenants/de-pk/workflow.yaml")
        try (try String(contentsOf: file, encoding: .utf8) + "\nbogus: [\n").write(
            to: file, atomically: true, encoding: .utf8)
        let console = CapturingConsole()
        let status = await RCMSCommandLine.run(
            [
                "serve", "--listen", "127.0.0.1:0", "--tenants", folder.appendingPathComponent("Tenants").path,
                "--database", "sqlite:\(folder.path)/db/rcms.sqlite",
            ], context: CommandContext(console: console.console, environment: [:]))
        #expect(status == 1)
        #expect(console.error.contains("/Tenants/de-pk/workflow.yaml:"))
        #expect(!FileManager.default.fileExists(atPath: "\(folder.path)/db/rcms.sqlite"))
    }

    @Test("user add and token create make a user and a working token")
    func userAndToken() async throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = "sqlite:\(folder.path)/rcms.sqlite"
        let console = CapturingConsole()
        let context = CommandContext(console: console.console, environment: [:])
        #expect(
            await RCMSCommandLine.run(
                [
                    "config", "publish", "de-pk", "--tenants", folder.appendingPathComponent("Tenants").path,
                    "--database", database,
                ],
                context: context) == 0)

        let refused = await RCMSCommandLine.run(
            [
                "user", "add", "--tenant", "de-pk", "--login", "rq", "--party", "requested", "--roles",
                "requesting_admin", "--database", database,
            ],
            context: context)
        #expect(refused == 1)
        #expect(console.error.contains("belongs to party requesting"))

        let added = await RCMSCommandLine.run(
            [
                "user", "add", "--tenant", "de-pk", "--login", "rq", "--party", "requested", "--roles",
                "requested_admin", "--database", database,
            ],
            context: context)
        #expect(added == 0)
        #expect(console.output.contains("password (shown once): "))

        let tokenConsole = CapturingConsole()
        let created = await RCMSCommandLine.run(
            ["token", "create", "--tenant", "de-pk", "--login", "rq", "--days", "2", "--database", database],
            context: CommandContext(console: tokenConsole.console, environment: [:]))
        #expect(created == 0)
        #expect(tokenConsole.output.hasPrefix("de-pk."))
        #expect(tokenConsole.output.count == "de-pk.".count + 64)
    }
}
