import Foundation
import RCMSCore

struct RetentionRunCommand: Command {
    static let path = ["retention", "run"]
    static let summary = "Purge or anonymise the cases each retention rule has reached"
    static let valueOptions: Set<String> = ["tenant", "database", "data", "tenants", "by"]
    static let flagOptions: Set<String> = ["dry-run"]
    static let help = """
        Usage: rcms retention run [--tenant T] [--dry-run] [--database URL] [--data DIR]
                                  [--tenants DIR] [--by NAME]

        Applies the retention rules of each tenant's newest published configuration. For every
        rule it prints how many cases and rows it removes (or, with --dry-run, would remove)
        and which cases it skips and why: a monitor's hold in force, or an open case whose
        'no_suspensive_remedy' check is not attested. Each case is purged in one transaction
        with an audit entry holding ids and counts; its encrypted attachment files and cached
        export are deleted. Afterwards the database's own copies are cleared (SQLite: the
        write-ahead log is checkpointed and truncated; PostgreSQL: the tables are vacuumed).
        Only ids and counts are printed, never names.

        Options:
          --tenant T      only this tenant (default: every folder under the tenants folder)
          --dry-run       count and report, change nothing
          --database URL  sqlite:PATH or postgres://... (default: RCMS_DATABASE_URL, else
                          database_url in Config/rcms.yaml, else sqlite:data/rcms.sqlite)
          --data DIR      data folder holding attachments and exports (default: RCMS_DATA_DIR,
                          else data_dir in Config/rcms.yaml, else data)
          --tenants DIR   folder holding one sub-folder per tenant (default: Tenants)
          --by NAME       who runs it, for the audit trail (default: the USER variable)
        Exit status: 0 done, 1 a tenant failed or another process was running its retention,
        2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("unexpected argument; name a tenant with --tenant")
        }
        let tenants: [String]
        if let tenant = arguments.options["tenant"] {
            tenants = [tenant]
        } else {
            let root = arguments.options["tenants"] ?? context.environment["RCMS_TENANTS"] ?? "Tenants"
            tenants = try tenantDirectories(in: root, named: [])
        }
        let dryRun = arguments.flags.contains("dry-run")
        let files = AttachmentFiles(
            dataDirectory: try DataProtectionSettings.dataDirectory(arguments, context: context))
        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let by = arguments.options["by"] ?? context.environment["USER"] ?? "cli"
        let executor = RetentionExecutor(storage: storage, files: files, actor: .operator(by))

        var failed = 0
        for tenant in tenants {
            context.console.print("\(tenant): retention \(dryRun ? "dry run" : "run")")
            do {
                let report = try executor.run(tenant: tenant, dryRun: dryRun) { rule, caseID, removal in
                    context.console.print("  \(rule): case \(caseID): removed \(describe(removal))")
                }
                guard let report else {
                    failed += 1
                    context.console.printError("\(tenant): another process is running retention; try again later")
                    continue
                }
                print(report, console: context.console)
            } catch {
                failed += 1
                context.console.printError("\(tenant): retention failed: \(error)")
            }
        }
        return failed == 0 ? ExitStatus.success : ExitStatus.failure
    }

    static func print(_ report: RetentionReport, console: Console) {
        let verb = report.dryRun ? "would remove" : "removed"
        for rule in report.rules {
            let plan = rule.plan
            console.print(
                "  rule \(plan.ruleID) (\(plan.action.rawValue) \(plan.target.rawValue)): \(verb) "
                    + "\(count(rule.removed.count, "case")), \(describe(rule.total)); "
                    + "\(rule.alreadyClear.count) already clear, \(rule.skipped.count) skipped")
            for skip in rule.skipped {
                console.print("    skipped case \(skip.caseID): \(skip.reason) [\(skip.reason.code)]")
            }
        }
    }

    static func describe(_ removal: RetentionRemoval) -> String {
        let rows = removal.rows
        return "\(count(Int(removal.rowCount), "row")) (persons \(rows.persons), search keys \(rows.searchKeys), "
            + "field values \(rows.fieldValues), attachments \(rows.attachments), messages \(rows.messages), "
            + "notes \(rows.notes)), "
            + count(removal.files, "file")
    }
}

struct ExportSubjectCommand: Command {
    static let path = ["export", "subject"]
    static let summary = "Export everything held about a case's person, for a subject access request"
    static let valueOptions: Set<String> = ["tenant", "case", "out", "database", "data", "attachment-key-file", "by"]
    static let help = """
        Usage: rcms export subject --tenant T --case ID [--out DIR] [--database URL] [--data DIR]
                                   [--attachment-key-file FILE] [--by NAME]

        Writes DIR/subject.json (particulars, documents and field values, attachment metadata,
        messages, interviews, deadlines, safeguard attestations, holds and the audit entries
        about the case) and each attachment decrypted under DIR/attachments/. DIR must be new
        or empty; it is created readable by its owner only. The export is recorded in the
        audit trail. Without --out it goes to DATA/exports/T/case-ID, which a retention purge
        of the case deletes; an export written elsewhere is yours to delete.

        The attachment key comes from --attachment-key-file, RCMS_ATTACHMENT_KEY,
        RCMS_ATTACHMENT_KEY_FILE or attachment_key_file in Config/rcms.yaml.
        Exit status: 0 exported, 1 failure (unknown case, wrong key, damaged file), 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard let tenant = arguments.options["tenant"], let caseText = arguments.options["case"] else {
            throw UsageError(
                "expected --tenant T and --case ID, for example: rcms export subject --tenant de-pk --case 42")
        }
        guard let caseID = Int64(caseText), caseID > 0 else { throw UsageError("--case expects a numeric case id") }
        let key = try DataProtectionSettings.attachmentKey(arguments, context: context)
        let store = AttachmentStore(
            dataDirectory: try DataProtectionSettings.dataDirectory(arguments, context: context),
            keyring: AttachmentKeyring(current: key))
        // A wrong key is reported before anything is written.
        try store.checkKeys(tenant: tenant)
        let folder = try arguments.options["out"] ?? store.files.exportFolder(tenant: tenant, caseID: caseID)

        let storage = try openMigratedStorage(arguments, context: context)
        defer { storage.close() }
        let by = arguments.options["by"] ?? context.environment["USER"] ?? "cli"
        let result = try CaseEngine(storage: storage).exportSubject(
            tenant: tenant, caseID: caseID, to: folder, from: store, by: .operator(by))
        context.console.print(
            "\(tenant): case \(caseID) exported to \(result.folder): subject.json, "
                + "\(count(result.attachmentFiles, "attachment file")), \("\(result.auditEntries) audit entries")")
        return ExitStatus.success
    }
}
