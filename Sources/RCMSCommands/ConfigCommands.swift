import Foundation
import RCMSConfig

/// Lists the tenant folders under a directory, or checks the named ones exist.
func tenantDirectories(in root: String, named names: [String]) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw UsageError(
            "tenants directory '\(root)' does not exist; pass --tenants DIR or create it with 'rcms tenant init'")
    }
    let all = try FileManager.default.contentsOfDirectory(atPath: root).filter { name in
        var isFolder: ObjCBool = false
        return !name.hasPrefix(".")
            && FileManager.default.fileExists(atPath: "\(root)/\(name)", isDirectory: &isFolder) && isFolder.boolValue
    }.sorted()
    if names.isEmpty { return all }
    for name in names where !all.contains(name) {
        throw UsageError(
            "no tenant '\(name)' in '\(root)'; known tenants: \(all.isEmpty ? "none" : all.joined(separator: ", "))")
    }
    return names
}

struct ConfigValidateCommand: Command {
    static let path = ["config", "validate"]
    static let summary = "Check tenant configurations and print every finding with file, line and column"
    static let valueOptions: Set<String> = ["tenants", "format"]
    static let help = """
        Usage: rcms config validate [TENANT...] [--tenants DIR] [--format text|json]

        Loads each tenant folder and reports every error and warning as
        FILE:LINE:COLUMN: error|warning: MESSAGE, then a summary.

        Arguments:
          TENANT            tenant ids to check (default: every folder under DIR)
        Options:
          --tenants DIR     folder holding one sub-folder per tenant (default: Tenants)
          --format FORMAT   text (default) or json
        Exit status: 0 no errors (warnings allowed), 1 an error was found, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        let root = arguments.options["tenants"] ?? context.environment["RCMS_TENANTS"] ?? "Tenants"
        let format = arguments.options["format"] ?? "text"
        guard format == "text" || format == "json" else {
            throw UsageError("unknown format '\(format)'; use --format text or --format json")
        }
        let names = try tenantDirectories(in: root, named: arguments.positionals)
        if names.isEmpty {
            throw UsageError("no tenant folder in '\(root)'; create one with 'rcms tenant init REQUESTING-REQUESTED'")
        }
        let loader = TenantLoader()
        let results = names.map { loader.load(directory: "\(root)/\($0)", displayPrefix: "\(root)/\($0)") }

        if format == "json" {
            context.console.print(try ValidationReport(results: results).json())
        } else {
            for result in results {
                for diagnostic in result.diagnostics { context.console.print(diagnostic.description) }
                let status = result.diagnostics.hasErrors ? "invalid" : "valid"
                context.console.print(
                    "\(result.tenantID): \(status) (\(count(result.diagnostics.errorCount, "error")), \(count(result.diagnostics.warningCount, "warning")))"
                )
            }
            let invalid = results.filter { $0.diagnostics.hasErrors }.count
            let errors = results.reduce(0) { $0 + $1.diagnostics.errorCount }
            let warnings = results.reduce(0) { $0 + $1.diagnostics.warningCount }
            context.console.print(
                "\(count(results.count, "tenant")) checked: \(results.count - invalid) valid, \(invalid) invalid; \(count(errors, "error")), \(count(warnings, "warning"))"
            )
        }
        return results.contains { $0.diagnostics.hasErrors } ? ExitStatus.failure : ExitStatus.success
    }
}

func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
}

/// The JSON form of `rcms config validate --format json`.
struct ValidationReport: Encodable {
    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var code: String
        var message: String
    }

    struct Tenant: Encodable {
        var id: String
        var valid: Bool
        var contentHash: String?
        var errors: Int
        var warnings: Int
        var diagnostics: [Entry]
    }

    var tenants: [Tenant]
    var valid: Bool

    init(results: [TenantLoadResult]) {
        tenants = results.map { result in
            Tenant(
                id: result.tenantID, valid: !result.diagnostics.hasErrors,
                contentHash: result.configuration?.contentHash,
                errors: result.diagnostics.errorCount, warnings: result.diagnostics.warningCount,
                diagnostics: result.diagnostics.map {
                    Entry(
                        file: $0.mark.file, line: $0.mark.line, column: $0.mark.column, severity: $0.severity.rawValue,
                        code: $0.code, message: $0.message)
                })
        }
        valid = tenants.allSatisfy(\.valid)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

struct ConfigDiffCommand: Command {
    static let path = ["config", "diff"]
    static let summary = "Show what changes in meaning between two tenant folders"
    static let valueOptions: Set<String> = ["format"]
    static let help = """
        Usage: rcms config diff OLD-FOLDER NEW-FOLDER [--format text|json]

        Compares two versions of a tenant configuration by meaning: states, transitions,
        deadlines, documents, fields, safeguards, roles, calendars, holidays, languages and
        retention rules added (+), removed (-) or changed (~). Reordering or reformatting
        the YAML is no change.
        Exit status: 0 no change, 1 changes found, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.count == 2 else {
            throw UsageError(
                "expected two tenant folders, OLD and NEW; for example: rcms config diff old/de-pk Tenants/de-pk")
        }
        if let format = arguments.options["format"], format != "text" && format != "json" {
            throw UsageError("unknown format '\(format)'; use --format text or --format json")
        }
        let loader = TenantLoader()
        var drafts: [TenantDraft] = []
        for folder in arguments.positionals {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw UsageError("'\(folder)' is not a tenant folder")
            }
            var result = loader.load(directory: folder)
            // An old copy kept under another folder name is still the same tenant.
            result.diagnostics.removeAll { $0.code == "tenant_id_mismatch" }
            if result.diagnostics.hasErrors {
                context.console.printError(
                    "warning: \(folder) has \(count(result.diagnostics.errorCount, "error")); run 'rcms config validate' on it. The diff covers what could be read."
                )
            }
            drafts.append(result.draft)
        }
        let changes = ConfigDiff.compare(old: drafts[0], new: drafts[1])
        if arguments.options["format"] == "json" {
            let entries = changes.map { ["kind": $0.kind.rawValue, "subject": $0.subject, "detail": $0.detail ?? ""] }
            let data = try JSONSerialization.data(
                withJSONObject: ["changes": entries], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            context.console.print(String(decoding: data, as: UTF8.self))
            return changes.isEmpty ? ExitStatus.success : ExitStatus.failure
        }
        for change in changes { context.console.print(change.description) }
        context.console.print(changes.isEmpty ? "no change in meaning" : count(changes.count, "change"))
        return changes.isEmpty ? ExitStatus.success : ExitStatus.failure
    }
}

struct TenantInitCommand: Command {
    static let path = ["tenant", "init"]
    static let summary = "Create a tenant folder that validates, with DECIDE: comments to fill in"
    static let valueOptions: Set<String> = ["tenants", "languages"]
    static let flagOptions: Set<String> = ["force"]
    static let help = """
        Usage: rcms tenant init REQUESTING-REQUESTED [--tenants DIR] [--languages LIST] [--force]

        Creates DIR/REQUESTING-REQUESTED with every section a tenant needs: parties, languages,
        calendars, roles, document types, safeguards, workflow and retention. Each place where a
        person must supply a fact is marked with a 'DECIDE:' comment. The new tenant validates.

        Arguments:
          REQUESTING-REQUESTED  two lower-case ISO 3166-1 alpha-2 codes, for example be-pk
        Options:
          --tenants DIR     folder holding one sub-folder per tenant (default: Tenants)
          --languages LIST  comma-separated BCP 47 codes, for example en,fr,ar (default: en);
                            each label gets an entry per language marked 'DECIDE:' to translate
          --force           write into an existing folder, replacing files of the same name
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.count == 1, let id = arguments.positionals.first else {
            throw UsageError("expected one tenant id such as be-pk (requesting state, then requested state)")
        }
        let root = arguments.options["tenants"] ?? context.environment["RCMS_TENANTS"] ?? "Tenants"
        let files: [String: String]
        do {
            let languages = (arguments.options["languages"] ?? "en").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            files = try TenantTemplate.files(for: id, languages: languages)
        } catch let problem as TenantTemplate.Problem {
            throw UsageError(problem.description)
        }
        let folder = "\(root)/\(id)"
        if FileManager.default.fileExists(atPath: folder) && !arguments.flags.contains("force") {
            context.console.printError(
                "error: '\(folder)' already exists; choose another id or pass --force to overwrite its files")
            return ExitStatus.failure
        }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = URL(fileURLWithPath: "\(folder)/\(path)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            context.console.print("created \(folder)/\(path)")
        }
        let result = TenantLoader().load(directory: folder)
        context.console.print(
            "\(id): \(result.diagnostics.hasErrors ? "invalid" : "valid") (\(count(result.diagnostics.errorCount, "error")), \(count(result.diagnostics.warningCount, "warning")))"
        )
        context.console.print("Next: fill in each 'DECIDE:' comment (grep -rn DECIDE \(folder)), then run")
        context.console.print("  rcms config validate \(id) --tenants \(root)")
        return result.diagnostics.hasErrors ? ExitStatus.failure : ExitStatus.success
    }
}
