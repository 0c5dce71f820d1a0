import RCMSCore

struct MigrateCommand: Command {
    static let path = ["migrate"]
    static let summary = "Create or upgrade the database schema"
    static let valueOptions: Set<String> = ["database"]
    static let help = """
        Usage: rcms migrate [--database URL]

        Brings the database schema to the version this rcms supports, applying each missing
        step in order. Running it again does nothing. A database migrated by a newer rcms is
        left untouched and reported.

        Options:
          --database URL  sqlite:PATH or postgres://USER@HOST:PORT/DATABASE[?schema=NAME]
                          (default: RCMS_DATABASE_URL, else database_url in Config/rcms.yaml,
                          else sqlite:data/rcms.sqlite)
        Exit status: 0 schema current, 1 migration failed, 2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("rcms migrate takes no arguments; name the database with --database URL")
        }
        let url = try StorageFactory.resolveURL(option: arguments.options["database"], environment: context.environment)
        let shown = StorageFactory.redacted(url)

        let report: MigrationReport
        do {
            let storage = try StorageFactory.open(url: url)
            defer { storage.close() }
            report = try storage.migrate()
        } catch let error as StorageError {
            context.console.printError("error: \(shown): \(error.description) [\(error.code)]")
            return ExitStatus.failure
        }

        if report.applied.isEmpty {
            context.console.print("\(shown): schema is current at version \(report.toVersion); nothing to do")
        } else {
            let steps = report.applied.map(String.init).joined(separator: ", ")
            context.console.print(
                "\(shown): migrated schema from version \(report.fromVersion) to \(report.toVersion) (applied \(steps))"
            )
        }
        return ExitStatus.success
    }
}
