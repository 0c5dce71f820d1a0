import Foundation
import RCMSCommands
import Testing

@testable import RCMSConfig

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "rcms-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

func runRCMS(_ arguments: [String]) async -> (status: Int32, output: String, error: String) {
    let capture = CapturingConsole()
    let status = await RCMSCommandLine.run(
        arguments, context: CommandContext(console: capture.console, environment: [:]))
    return (status, capture.output, capture.error)
}

/// The repository's root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

@Suite("rcms command line")
struct CommandLineTests {
    @Test func initThenValidatePasses() async throws {
        let folder = try TemporaryFolder()
        let created = await runRCMS(["tenant", "init", "fr-dz", "--tenants", folder.path])
        #expect(created.status == 0, "\(created.output) \(created.error)")
        #expect(created.output.contains("fr-dz: valid"))
        let validated = await runRCMS(["config", "validate", "--tenants", folder.path])
        #expect(validated.status == 0)
        #expect(validated.output.contains("1 tenant checked: 1 valid, 0 invalid"))
    }

    @Test func initWithLanguagesValidatesWithWarnings() async throws {
        let folder = try TemporaryFolder()
        let created = await runRCMS(["tenant", "init", "be-ma", "--tenants", folder.path, "--languages", "en,fr,ar"])
        #expect(created.status == 0, "\(created.output)")
        let validated = await runRCMS(["config", "validate", "--tenants", folder.path])
        #expect(validated.status == 0)
        #expect(validated.output.contains("placeholder value still to be decided"))
        let tenant = try String(contentsOfFile: "\(folder.path)/be-ma/tenant.yaml", encoding: .utf8)
        #expect(tenant.contains("supported: [en, fr, ar]"))
    }

    @Test func diffAcceptsRenamedCopyAndJSON() async throws {
        let old = try TemporaryFolder()
        let new = try TemporaryFolder()
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", old.path])
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", new.path])
        try FileManager.default.moveItem(atPath: "\(old.path)/fr-dz", toPath: "\(old.path)/fr-dz-scaffold")
        let tenant = "\(new.path)/fr-dz/tenant.yaml"
        let text = try String(contentsOfFile: tenant, encoding: .utf8)
        try text.replacingOccurrences(of: "time_zone: Africa/Algiers", with: "time_zone: Europe/Paris").write(
            toFile: tenant, atomically: true, encoding: .utf8)
        let result = await runRCMS([
            "config", "diff", "\(old.path)/fr-dz-scaffold", "\(new.path)/fr-dz", "--format", "json",
        ])
        #expect(result.status == 1)
        #expect(result.error.isEmpty, "a renamed copy is not an error")
        #expect(result.output.contains("time_zone=Africa/Algiers -> time_zone=Europe/Paris"))
    }

    @Test func initRefusesExistingFolder() async throws {
        let folder = try TemporaryFolder()
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", folder.path])
        let again = await runRCMS(["tenant", "init", "fr-dz", "--tenants", folder.path])
        #expect(again.status == 1)
        #expect(again.error.contains("--force"))
    }

    @Test(arguments: [
        ["tenant", "init", "france-algeria"], ["tenant", "init", "xx-dz"], ["tenant", "init", "dz-dz"],
    ])
    func initRejectsBadIDs(arguments: [String]) async throws {
        let folder = try TemporaryFolder()
        let result = await runRCMS(arguments + ["--tenants", folder.path])
        #expect(result.status == 2)
        #expect(!result.error.isEmpty)
    }

    @Test func validateFailsWithPositionedErrors() async throws {
        let folder = try TemporaryFolder()
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", folder.path])
        let workflow = "\(folder.path)/fr-dz/workflow.yaml"
        let text = try String(contentsOfFile: workflow, encoding: .utf8)
        try text.replacingOccurrences(of: "to: accepted", with: "to: acepted").write(
            toFile: workflow, atomically: true, encoding: .utf8)
        let result = await runRCMS(["config", "validate", "fr-dz", "--tenants", folder.path])
        #expect(result.status == 1)
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("acepted") })
        #expect(line.hasPrefix("\(folder.path)/fr-dz/workflow.yaml:"))
        #expect(line.contains(": error: "))
        #expect(line.contains("did you mean 'accepted'"))
    }

    @Test func validateJSONFormat() async throws {
        let folder = try TemporaryFolder()
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", folder.path])
        let result = await runRCMS(["config", "validate", "--tenants", folder.path, "--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
    }

    @Test(arguments: [
        ["config", "validate", "--tenant", "x"],
        ["config", "validate", "--format", "xml", "--tenants", "."],
        ["config", "frobnicate"],
        ["nothing"],
        ["config", "diff", "only-one"],
    ])
    func usageErrorsExitTwo(arguments: [String]) async {
        let result = await runRCMS(arguments)
        #expect(result.status == 2)
        #expect(!result.error.isEmpty)
    }

    @Test func unknownOptionSuggestsClosest() async {
        let result = await runRCMS(["config", "validate", "--tenant", "Tenants"])
        #expect(result.error.contains("did you mean '--tenants'"))
    }

    @Test func helpOnEveryCommand() async {
        for path in [["config", "validate"], ["config", "diff"], ["tenant", "init"]] {
            let result = await runRCMS(path + ["--help"])
            #expect(result.status == 0)
            #expect(result.output.contains("Usage: rcms \(path.joined(separator: " "))"))
        }
    }

    @Test func diffReportsMeaningNotText() async throws {
        let old = try TemporaryFolder()
        let new = try TemporaryFolder()
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", old.path])
        _ = await runRCMS(["tenant", "init", "fr-dz", "--tenants", new.path])
        let same = await runRCMS(["config", "diff", "\(old.path)/fr-dz", "\(new.path)/fr-dz"])
        #expect(same.status == 0)
        #expect(same.output.contains("no change in meaning"))

        let workflow = "\(new.path)/fr-dz/workflow.yaml"
        let text = try String(contentsOfFile: workflow, encoding: .utf8)
        try text.replacingOccurrences(of: "amount: 30", with: "amount: 45")
            .replacingOccurrences(of: "    - id: withdraw\n", with: "    - id: retract\n")
            .write(toFile: workflow, atomically: true, encoding: .utf8)
        let changed = await runRCMS(["config", "diff", "\(old.path)/fr-dz", "\(new.path)/fr-dz"])
        #expect(changed.status == 1)
        #expect(changed.output.contains("~ transition 'submit'"))
        #expect(changed.output.contains("deadline 30 calendar_days"))
        #expect(!changed.output.contains("path=draft -> submitted"), "only the changed part is shown")
        #expect(changed.output.contains("+ transition 'retract'"))
        #expect(changed.output.contains("- transition 'withdraw'"))
    }

    @Test func bundledTenantsValidate() async throws {
        let tenants = "\(repositoryRoot)/Tenants"
        try #require(FileManager.default.fileExists(atPath: tenants), "the bundled Tenants folder is missing")
        let result = await runRCMS(["config", "validate", "--tenants", tenants])
        #expect(result.status == 0, "\(result.output)")
        for id in ["de-pk", "gr-bd", "nl-lk", "at-rs", "tr-pk"] {
            #expect(result.output.contains("\(id): valid"))
        }
    }
}
