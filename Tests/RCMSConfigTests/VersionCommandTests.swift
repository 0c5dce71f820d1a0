import Foundation
import RCMSCommands
import RCMSSQLite
import Testing

@Suite("rcms config publish and audit verify")
struct VersionCommandTests {
    @Test func publishListAndVerify() async throws {
        let folder = try TemporaryFolder()
        let database = "sqlite:\(folder.path)/rcms.sqlite"
        let tenants = "\(repositoryRoot)/Tenants"

        let published = await runRCMS(["config", "publish", "gr-bd", "--tenants", tenants, "--database", database])
        #expect(published.status == 0, "\(published.error)")
        #expect(published.output.contains("gr-bd: published version "))
        _ = await runRCMS(["config", "publish", "gr-bd", "--tenants", tenants, "--database", database, "--by", "ops"])

        let versions = await runRCMS(["config", "versions", "gr-bd", "--database", database])
        #expect(versions.status == 0)
        #expect(versions.output.contains("ops  (current)"))

        let intact = await runRCMS(["audit", "verify", "gr-bd", "--database", database])
        #expect(intact.status == 0)
        #expect(intact.output.contains("gr-bd: audit chain intact (2 entries)"))

        let storage = try SQLiteStorage(path: "\(folder.path)/rcms.sqlite")
        try storage.executeMaintenanceSQL(
            """
            DROP TRIGGER audit_entries_no_update;
            UPDATE audit_entries SET actor = 'someone-else' WHERE tenant_id = 'gr-bd' AND sequence = 1;
            """)
        storage.close()

        let broken = await runRCMS(["audit", "verify", "gr-bd", "--database", database])
        #expect(broken.status == 1)
        #expect(broken.output.contains("BROKEN"))
    }

    @Test func migrateCasesChecksTheMapping() async throws {
        let folder = try TemporaryFolder()
        let database = "sqlite:\(folder.path)/rcms.sqlite"
        let tenants = "\(repositoryRoot)/Tenants"
        _ = await runRCMS(["config", "publish", "gr-bd", "--tenants", tenants, "--database", database])
        let unknown = await runRCMS(["config", "migrate-cases", "gr-bd", "--to", "0000", "--database", database])
        #expect(unknown.status == 1)
        #expect(unknown.error.contains("no published configuration version"))
        let badMap = await runRCMS([
            "config", "migrate-cases", "gr-bd", "--to", "0000", "--map", "draft", "--database", database,
        ])
        #expect(badMap.status == 2)
        let versions = await runRCMS(["config", "versions", "gr-bd", "--database", database])
        let hash = String(versions.output.split(separator: " ").first ?? "")
        let moved = await runRCMS(["config", "migrate-cases", "gr-bd", "--to", hash, "--database", database])
        #expect(moved.status == 0, "\(moved.error)")
        #expect(moved.output.contains("moved 0 open cases"))
    }

    @Test func publishRefusesInvalidTenant() async throws {
        let folder = try TemporaryFolder()
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", folder.path])
        let workflow = "\(folder.path)/fr-dz/workflow.yaml"
        let text = try String(contentsOfFile: workflow, encoding: .utf8)
        try text.replacingOccurrences(of: "to: accepted", with: "to: acepted").write(
            toFile: workflow, atomically: true, encoding: .utf8)
        let result = await runRCMS([
            "config", "publish", "fr-dz", "--tenants", folder.path, "--database", "sqlite:\(folder.path)/db.sqlite",
        ])
        #expect(result.status == 1)
        #expect(result.error.contains("nothing was published"))
    }
}
