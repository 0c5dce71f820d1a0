import Foundation
import RCMSConfig
import RCMSCore

/// Opens and migrates the database named by `--database`, the environment or the config file.
func openMigratedStorage(_ arguments: Arguments, context: CommandContext) throws -> any Storage {
    let url = try StorageFactory.resolveURL(option: arguments.options["database"], environment: context.environment)
    let storage = try StorageFactory.open(url: url)
    do {
        _ = try storage.migrate()
    } catch {
        storage.close()
        throw error
    }
    return storage
}

struct ConfigPublishCommand: Command {
    static let path = ["config", "publish"]
    static let summary = "Validate a tenant folder and publish it as the tenant's newest configuration version"
    static let valueOptions: Set<String> = ["tenants", "database", "by"]
    static let help = """
        Usage: rcms config publish TENANT [--tenants DIR] [--database URL] [--by NAME]

        Validates DIR/TENANT and stores it as a configuration version identified by its content
        hash. New cases use the newest version; existing cases keep the version they started
        under. Publishing an older version again makes it the newest (a rollback). A tenant with
        any error is not published.

        Options:
          --tenants DIR   folder holding one sub-folder per tenant (default: Tenants)
          --database URL  sqlite:PATH or postgres://... (default: RCMS_DATABASE_URL, else
                          database_url in Config/rcms.yaml, else sqlite:data/rcms.sqlite)
          --by NAME       who publishes, for the audit trail (default: the USER variable)
        Exit status: 0 published, 1 validation or database error, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.count == 1, let tenant = arguments.positionals.first else {
            throw UsageError("expected one tenant id, for example: rcms config publish gr-bd")
        }
        let root = arguments.options["tenants"] ?? context.environment["RCMS_TENANTS"] ?? "Tenants"
        _ = try tenantDirectories(in: root, named: [tenant])
        let result = TenantLoader().load(directory: "\(root)/\(tenant)", displayPrefix: "\(root)/\(tenant)")
        for diagnostic in result.diagnostics { context.console.print(diagnostic.description) }
        guard let configuration = result.configuration else {
            context.console.printError(
                "error: \(tenant) has \(count(result.diagnostics.errorCount, "error")); nothing was published")
            return ExitStatus.failure
        }
        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let publisher = arguments.options["by"] ?? context.environment["USER"] ?? "cli"
        let record = try ConfigurationVersions(storage: storage).publish(configuration, by: publisher)
        context.console.print("\(tenant): published version \(record.contentHash) by \(publisher)")
        return ExitStatus.success
    }
}

struct ConfigVersionsCommand: Command {
    static let path = ["config", "versions"]
    static let summary = "List a tenant's published configuration versions, newest last"
    static let valueOptions: Set<String> = ["database"]
    static let help = """
        Usage: rcms config versions TENANT [--database URL]

        Prints each published version: content hash, publication time (UTC) and publisher.
        The last line is the version new cases use.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.count == 1, let tenant = arguments.positionals.first else {
            throw UsageError("expected one tenant id, for example: rcms config versions gr-bd")
        }
        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let versions = try storage.read(tenant: tenant) { try $0.configurationVersions() }
        if versions.isEmpty {
            context.console.print("\(tenant): no published version; run 'rcms config publish \(tenant)'")
            return ExitStatus.failure
        }
        for (index, version) in versions.enumerated() {
            let marker = index == versions.count - 1 ? "  (current)" : ""
            context.console.print("\(version.contentHash)  \(version.publishedAt)  \(version.publishedBy)\(marker)")
        }
        return ExitStatus.success
    }
}

struct AuditVerifyCommand: Command {
    static let path = ["audit", "verify"]
    static let summary = "Recompute each tenant's audit hash chain and name the first broken entry"
    static let valueOptions: Set<String> = ["database", "tenants"]
    static let help = """
        Usage: rcms audit verify [TENANT...] [--database URL] [--tenants DIR]

        Recomputes the BLAKE2b hash chain of each tenant's audit trail and reports the first
        entry that was changed, removed or reordered. Without TENANT, checks every tenant
        folder under DIR (default: Tenants).
        Exit status: 0 every chain intact, 1 a chain is broken or unreadable, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        let root = arguments.options["tenants"] ?? context.environment["RCMS_TENANTS"] ?? "Tenants"
        let tenants =
            arguments.positionals.isEmpty ? try tenantDirectories(in: root, named: []) : arguments.positionals
        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        var broken = 0
        for tenant in tenants {
            switch try AuditRecorder.verify(tenant: tenant, storage: storage) {
            case .intact(let checked, _):
                context.console.print("\(tenant): audit chain intact (\(checked) entries)")
            case .broken(let failure):
                broken += 1
                context.console.print("\(tenant): audit chain BROKEN: \(failure)")
            }
        }
        return broken == 0 ? ExitStatus.success : ExitStatus.failure
    }
}

struct ConfigMigrateCasesCommand: Command {
    static let path = ["config", "migrate-cases"]
    static let summary = "Move a tenant's open cases to another configuration version with a state mapping"
    static let valueOptions: Set<String> = ["to", "map", "database", "by"]
    static let help = """
        Usage: rcms config migrate-cases TENANT --to HASH [--map OLD=NEW,...] [--database URL] [--by NAME]

        Cases keep the configuration version they started under. This moves every open case
        of TENANT to the published version HASH (see 'rcms config versions'). A case's state
        keeps its id unless --map renames it. The mapping is checked against every open case
        before anything is written: each resulting state must exist in the new version, or
        nothing moves. Each moved case gets an audit entry.

        Options:
          --to HASH        content hash of a published version
          --map OLD=NEW    comma-separated state renames, such as draft=preparation
          --database URL   as for 'rcms migrate'
          --by NAME        who migrates, for the audit trail (default: the USER variable)
        Exit status: 0 moved, 1 mapping refused or database error, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.count == 1, let tenant = arguments.positionals.first,
            let hash = arguments.options["to"], !hash.isEmpty
        else {
            throw UsageError("expected a tenant and --to HASH, for example: rcms config migrate-cases gr-bd --to 5ea2…")
        }
        var mapping: [String: String] = [:]
        for pair in (arguments.options["map"] ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("--map takes OLD=NEW pairs separated by commas; '\(pair)' is not one")
            }
            mapping[parts[0]] = parts[1]
        }
        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let actor = arguments.options["by"] ?? context.environment["USER"] ?? "cli"
        do {
            let moved = try CaseEngine(storage: storage).migrateOpenCases(
                tenant: tenant, to: hash, stateMapping: mapping, by: actor)
            context.console.print("\(tenant): moved \(count(moved.count, "open case")) to version \(hash)")
            return ExitStatus.success
        } catch let error as EngineError {
            context.console.printError("error: \(error.description)")
            return ExitStatus.failure
        }
    }
}
