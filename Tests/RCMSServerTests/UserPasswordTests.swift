import Foundation
import RCMSCommands
import RCMSCore
import RCMSSQLite
import RCMSServer
import Testing

@Suite("rcms user passwd")
struct UserPasswordTests {
    func run(_ arguments: [String]) async -> (status: Int32, output: String, error: String) {
        let capture = CapturingConsole()
        let status = await RCMSCommandLine.run(
            arguments, context: CommandContext(console: capture.console, environment: [:]))
        return (status, capture.output, capture.error)
    }

    @Test func passwordChangeRevokesTokens() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-passwd-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = "sqlite:\(folder)/rcms.sqlite"
        let tenants = repositoryRoot.appendingPathComponent("Tenants").path

        #expect(await run(["config", "publish", "gr-bd", "--tenants", tenants, "--database", database]).status == 0)
        let added = await run([
            "user", "add", "--tenant", "gr-bd", "--login", "officer", "--party", "requesting", "--roles",
            "requesting_officer", "--database", database,
        ])
        #expect(added.status == 0, "\(added.error)")
        let token = await run(["token", "create", "--tenant", "gr-bd", "--login", "officer", "--database", database])
        #expect(token.status == 0)

        let changed = await run(["user", "passwd", "--tenant", "gr-bd", "--login", "officer", "--database", database])
        #expect(changed.status == 0, "\(changed.error)")
        #expect(changed.output.contains("1 session(s) and token(s) revoked"))
        #expect(changed.output.contains("password (shown once): "))

        let unknown = await run(["user", "passwd", "--tenant", "gr-bd", "--login", "nobody", "--database", database])
        #expect(unknown.status == 1)

        let storage = try SQLiteStorage(path: "\(folder)/rcms.sqlite")
        defer { storage.close() }
        let actions = try storage.read(tenant: "gr-bd") { reader in
            try reader.auditEntries(sequences: 1...100).map(\.action)
        }
        #expect(actions.contains("user.password"))
    }
}
