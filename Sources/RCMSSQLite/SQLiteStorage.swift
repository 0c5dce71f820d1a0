import Foundation
import RCMSCore
import Synchronization

/// The embedded backend: one SQLite file in WAL mode, shared by a small pool of connections.
///
/// Writers queue on SQLite's single write lock (`BEGIN IMMEDIATE` with a busy timeout); readers
/// run beside them on their own snapshot.
public final class SQLiteStorage: Storage {
    /// The database file.
    public let path: String
    private let pool: ConnectionPool<SQLiteConnection>
    private let statementLog = SQLiteStatementLog()

    /// Advisory locks held in this process, keyed by file and lock name; SQLite has no lock a
    /// second process could see, and the embedded backend serves from one process.
    private static let heldLocks = Mutex<Set<String>>([])

    /// Opens (creating when missing) the database at `path` and its parent folder.
    ///
    /// - Parameter connections: how many connections the pool may open.
    public init(path: String, connections: Int = 4) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StorageError.backend(code: "io", message: "cannot create the folder for the database file")
            }
        }
        self.path = path
        let log = statementLog
        pool = ConnectionPool(capacity: connections) { try SQLiteConnection(path: path, preparedLog: log) }
        // Opens one connection now so a bad path fails here rather than at the first request.
        try pool.withConnection { _ in }
    }

    /// Parses `sqlite:PATH` (also `sqlite://PATH`) into the file path.
    public static func path(fromURL url: String) -> String? {
        guard url.hasPrefix("sqlite:") else { return nil }
        var rest = String(url.dropFirst("sqlite:".count))
        if rest.hasPrefix("//") { rest = String(rest.dropFirst(2)) }
        return rest.isEmpty ? nil : rest
    }

    /// The newest schema version this binary supports.
    public static var knownSchemaVersion: Int { SQLiteSchema.migrations.map(\.version).max() ?? 0 }

    public func migrate() throws -> MigrationReport {
        try pool.withConnection { connection in
            try SQLMigrator.migrate(connection, migrations: SQLiteSchema.migrations)
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

    public func withAdvisoryLock<T>(_ name: String, _ body: () throws -> T) throws -> T? {
        let key = "\(path)\u{0}\(name)"
        guard Self.heldLocks.withLock({ $0.insert(key).inserted }) else { return nil }
        defer { _ = Self.heldLocks.withLock { $0.remove(key) } }
        return try body()
    }

    /// Copies every committed page from the write-ahead log into the database file and
    /// truncates the log to zero bytes, so the page images that still held purged rows are
    /// gone; `secure_delete` has already zeroed the rows in the database pages themselves.
    ///
    /// Throws `StorageError.busy` when a reader kept the checkpoint from finishing.
    public func maintenanceAfterPurge() throws {
        try pool.withConnection { connection in
            // The pragma returns (busy, log frames, checkpointed frames); busy = 1 means a
            // reader still needed old frames and the log was not truncated.
            let rows = try connection.query("PRAGMA wal_checkpoint(TRUNCATE)", [])
            if try rows.first?.int64(0) != 0 { throw StorageError.busy }
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

    /// Returns the query plan SQLite chose for each distinct statement this storage has run, as
    /// `EXPLAIN QUERY PLAN` prints it, one detail line per step. Plans are read with the
    /// statistics the file contains now. Operators and tests use them to find full scans.
    public func queryPlans() throws -> [(sql: String, plan: [String])] {
        let texts = statementLog.all.filter { text in
            let head = text.drop { $0.isWhitespace }.prefix(7).uppercased()
            return ["SELECT ", "UPDATE ", "DELETE ", "INSERT ", "WITH "].contains { head.hasPrefix($0) }
        }
        return try pool.withConnection { connection in
            try texts.map { sql in
                let rows = try connection.query("EXPLAIN QUERY PLAN \(sql)", [])
                return (sql, try rows.map { try $0.string(3) })
            }
        }
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
}
