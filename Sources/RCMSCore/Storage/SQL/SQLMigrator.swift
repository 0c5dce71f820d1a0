/// One step of a backend's schema history.
public struct SQLMigration: Sendable {
    /// 1, 2, 3, ... in the order the steps run; never reused or renumbered once released.
    public var version: Int
    /// A short name recorded beside the version.
    public var name: String
    /// The statements of the step, run in one transaction with the record of the step.
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies a backend's ordered migrations and records each in `schema_migrations`.
public enum SQLMigrator {
    /// Brings the schema up to the last of `migrations`, in one transaction.
    ///
    /// - Parameters:
    ///   - serialize: a statement run first inside the transaction, so that two servers
    ///     migrating at once take turns (PostgreSQL: a transaction advisory lock). Pass `nil`
    ///     when the write transaction already serialises them.
    public static func migrate(
        _ connection: any SQLConnection, migrations: [SQLMigration], serialize: String? = nil
    ) throws -> MigrationReport {
        let known = migrations.map(\.version).max() ?? 0
        return try connection.transaction(writing: true) {
            if let serialize { _ = try connection.query(serialize, []) }
            try connection.executeScript(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """)

            let rows = try connection.query("SELECT max(version) FROM schema_migrations", [])
            let current = try rows.first.flatMap { try $0.optionalInt(0) } ?? 0
            if current > known {
                throw StorageError.schemaTooNew(database: current, binary: known)
            }

            var applied: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > current {
                try connection.executeScript(migration.sql)
                try connection.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                    [.integer(Int64(migration.version)), .text(migration.name), .integer(Instant.now().microseconds)])
                applied.append(migration.version)
            }
            return MigrationReport(fromVersion: current, toVersion: max(current, known), applied: applied)
        }
    }
}
