import RCMSCore

/// The server backend: a PostgreSQL schema shared by any number of RCMSKit servers, reached
/// through a small pool of libpq connections.
public final class PostgresStorage: Storage {
    /// The schema that contains this deployment's tables.
    public let schema: String
    private let pool: ConnectionPool<PostgresConnection>

    /// Connects to the database of `url` (`postgres://` or `postgresql://`, with an optional
    /// `schema=NAME` parameter, default `rcms`).
    ///
    /// - Parameter connections: how many connections the pool may open; at least 2, because
    ///   `withAdvisoryLock` keeps one while its body writes through another.
    public init(url: String, connections: Int = 4) throws {
        let parsed = try PostgresURL(url)
        schema = parsed.schema
        pool = ConnectionPool(capacity: max(2, connections)) { [parsed] in
            try PostgresConnection(conninfo: parsed.conninfo, schema: parsed.schema)
        }
        // Opens one connection now so a wrong URL fails here rather than at the first request.
        try pool.withConnection { _ in }
    }

    /// The newest schema version this binary supports.
    public static var knownSchemaVersion: Int { PostgresSchema.migrations.map(\.version).max() ?? 0 }

    public func migrate() throws -> MigrationReport {
        try pool.withConnection { connection in
            // Servers starting together take turns; the lock is released at commit.
            let lock = "SELECT pg_advisory_xact_lock(hashtextextended('rcms.migrate.' || \(literal(schema)), 0))"
            try connection.transaction(writing: true) {
                _ = try connection.query(lock, [])
                try connection.executeScript("CREATE SCHEMA IF NOT EXISTS \(PostgresURL.quoted(schema))")
            }
            return try SQLMigrator.migrate(connection, migrations: PostgresSchema.migrations, serialize: lock)
        }
    }

    @discardableResult
    public func write<T>(tenant: String, _ body: (any StorageTransaction) throws -> T) throws -> T {
        try pool.withConnection { connection in
            try connection.transaction(writing: true) {
                try body(SQLScope(connection: connection, tenant: tenant))
            }
        }
    }

    public func read<T>(tenant: String, _ body: (any StorageReader) throws -> T) throws -> T {
        try pool.withConnection { connection in
            try connection.transaction(writing: false) {
                try body(SQLScope(connection: connection, tenant: tenant))
            }
        }
    }

    /// Runs `body` while holding a session advisory lock named after the schema and `name`.
    ///
    /// The lock lives on one pooled connection, so other servers on the same database get `nil`
    /// until `body` returns.
    public func withAdvisoryLock<T>(_ name: String, _ body: () throws -> T) throws -> T? {
        try pool.withConnection { connection in
            let key: [SQLValue] = [.text("rcms.job.\(schema).\(name)")]
            let rows = try connection.query("SELECT pg_try_advisory_lock(hashtextextended(?1, 0))", key)
            guard try rows.first?.bool(0) == true else { return nil }
            defer { _ = try? connection.query("SELECT pg_advisory_unlock(hashtextextended(?1, 0))", key) }
            return try body()
        }
    }

    /// Vacuums the tables that hold personal data, so the dead row versions a purge left are
    /// removed from their pages and cannot be read back through the table.
    ///
    /// Plain `VACUUM` takes no exclusive lock. It does not rewrite the files (`VACUUM FULL`
    /// would) or reach PostgreSQL's own write-ahead log and its archives, which keep the old
    /// rows until they are recycled.
    public func maintenanceAfterPurge() throws {
        try pool.withConnection { connection in
            // VACUUM refuses to run inside a transaction block; one statement per call keeps
            // libpq from wrapping several in an implicit one.
            try connection.executeScript(
                "VACUUM persons, person_search_keys, person_search_grams, person_particulars, document_fields, attachments, messages"
            )
        }
    }

    public func close() {
        pool.close()
    }

    /// Runs SQL as given, outside any tenant scope, for operators' tools and tests.
    ///
    /// Never pass it values from a request, because nothing is bound or escaped.
    public func executeMaintenanceSQL(_ sql: String) throws {
        try pool.withConnection { connection in try connection.executeScript(sql) }
    }

    /// Counts the rows of one table across all tenants, for benchmarks and operators' checks.
    ///
    /// - Parameter table: a table name of the schema; anything else is rejected.
    public func countRows(table: String) throws -> Int64 {
        guard !table.isEmpty, table.allSatisfy({ $0.isLetter || $0 == "_" }) else {
            throw StorageError.constraint("'\(table)' is not a table name")
        }
        return try pool.withConnection { connection in
            try connection.query("SELECT count(*) FROM \(table)", []).first?.int64(0) ?? 0
        }
    }

    /// Returns a string literal for a name this type validated (the schema name).
    private func literal(_ text: String) -> String { "'\(text)'" }
}
