internal import CSQLite
import Foundation
import RCMSCore
import Synchronization

/// One SQLite connection with its statement cache, closed when the object goes away.
///
/// A connection is used by one thread at a time: the pool lends it out under its lock and takes
/// it back afterwards. That hand-over is what makes the unchecked `Sendable` sound.
final class SQLiteConnection: SQLConnection, PooledConnection, @unchecked Sendable {
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]
    /// Receives the text of each statement this connection prepares, once.
    private let preparedLog: SQLiteStatementLog?
    let dialect = SQLDialect.sqlite

    /// How long a statement waits for another connection's write lock before failing, in ms.
    static let busyTimeoutMilliseconds: Int32 = 5000

    init(path: String, preparedLog: SQLiteStatementLog? = nil) throws {
        self.preparedLog = preparedLog
        var db: OpaquePointer?
        // NOMUTEX: each connection is used by one thread at a time, so SQLite's own per-call
        // locking would only cost time.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let result = sqlite3_open_v2(path, &db, flags, nil)
        guard result == SQLITE_OK, let db else {
            let failure = SQLiteFailure(code: result, connection: db)
            sqlite3_close_v2(db)
            throw StorageError.backend(
                code: "SQLITE_\(result)", message: "cannot open the database: \(failure.message)")
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        // Defensive mode stops SQL from corrupting the file on purpose (writable_schema and
        // the like); RCMSKit never needs those.
        _ = rcms_sqlite_db_config_defensive(db, 1)

        // WAL lets readers go on while one writer writes. synchronous=NORMAL in WAL mode is
        // durable across application crashes; a power loss can undo at most the last
        // transactions committed before it, never corrupt the file. foreign_keys enforces the
        // tenant-scoped references; secure_delete overwrites deleted content, so purged
        // personal data does not linger in free pages. A page cache of 16 MiB per connection
        // (the default is 2 MiB) keeps the upper index pages of a large file in memory.
        try executeScript(
            """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA secure_delete = ON;
            PRAGMA cache_size = -16384;
            """)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    var isReusable: Bool { sqlite3_get_autocommit(handle) != 0 }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int64 {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try bind(statement, parameters)
        var result = sqlite3_step(statement.handle)
        while result == SQLITE_ROW { result = sqlite3_step(statement.handle) }
        guard result == SQLITE_DONE else { throw SQLiteFailure(code: result, connection: handle).storageError }
        return sqlite3_changes64(handle)
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try bind(statement, parameters)
        var rows: [SQLRow] = []
        let columns = sqlite3_column_count(statement.handle)
        while true {
            let result = sqlite3_step(statement.handle)
            if result == SQLITE_DONE { break }
            guard result == SQLITE_ROW else { throw SQLiteFailure(code: result, connection: handle).storageError }
            rows.append(SQLRow((0..<columns).map { value(statement.handle, $0) }))
        }
        return rows
    }

    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard result == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
            throw SQLiteFailure(code: result, message: text).storageError
        }
    }

    func begin(writing: Bool) throws {
        // IMMEDIATE takes the write lock now, waiting up to the busy timeout, so two writers
        // queue here instead of one failing later with "database is locked" on its first write.
        try executeScript(writing ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
    }

    func commit() throws {
        try executeScript("COMMIT")
    }

    func rollback() {
        if sqlite3_get_autocommit(handle) == 0 {
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
        }
    }

    /// Returns the cached statement for `sql`, preparing it on first use.
    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        var raw: OpaquePointer?
        let result = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard result == SQLITE_OK, let raw else { throw SQLiteFailure(code: result, connection: handle).storageError }
        let statement = SQLiteStatement(handle: raw)
        statements[sql] = statement
        preparedLog?.record(sql)
        return statement
    }

    private func bind(_ statement: SQLiteStatement, _ parameters: [SQLValue]) throws {
        let boxes: [SQLValueBox] = parameters.map { value in
            switch value {
            case .null: return .null
            case .integer(let number): return .integer(number)
            case .text(let text): return .text(text)
            case .blob(let bytes): return .blob(bytes)
            case .bool(let flag): return .integer(flag ? 1 : 0)
            }
        }
        do {
            try statement.bind(boxes, connection: handle)
        } catch {
            throw error.storageError
        }
    }

    private func value(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        case SQLITE_FLOAT:
            return .integer(Int64(sqlite3_column_double(statement, column)))
        default:
            return .null
        }
    }
}

/// The distinct statements the connections of one storage prepared, kept for query-plan checks.
final class SQLiteStatementLog: Sendable {
    private let texts = Mutex<Set<String>>([])

    func record(_ sql: String) {
        _ = texts.withLock { $0.insert(sql) }
    }

    var all: [String] { texts.withLock { $0.sorted() } }
}
