internal import CLibPQ
import Foundation
import RCMSCore
import RCMSCrypto

/// One libpq connection with its prepared statements, closed when the object goes away.
///
/// A connection is used by one thread at a time: the pool lends it out under its lock and takes
/// it back afterwards. That hand-over is what makes the unchecked `Sendable` sound.
final class PostgresConnection: SQLConnection, PooledConnection, @unchecked Sendable {
    private let handle: OpaquePointer
    /// Prepared statement names by SQL text, so each statement is parsed and planned once.
    private var prepared: [String: String] = [:]
    let dialect = SQLDialect.postgres

    /// Connects with libpq's connection string or URI, then sets the session up: the schema of
    /// this deployment first on the search path, UTC, ISO dates (`YYYY-MM-DD`), UTF-8.
    init(conninfo: String, schema: String) throws {
        guard let connection = PQconnectdb(conninfo) else {
            throw StorageError.backend(code: "08000", message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let failure = PostgresFailure(result: nil, connection: connection)
            PQfinish(connection)
            throw StorageError.backend(code: "08001", message: "connecting to PostgreSQL failed: \(failure.message)")
        }
        handle = connection
        // libpq prints server notices ("schema already exists, skipping") to standard error by
        // default; they are expected during migrations and carry nothing to act on.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        try executeScript(
            """
            SET search_path TO \(PostgresURL.quoted(schema)), public;
            SET TimeZone TO 'UTC';
            SET DateStyle TO 'ISO, YMD';
            SET client_encoding TO 'UTF8';
            SET bytea_output TO 'hex';
            """)
    }

    deinit {
        PQfinish(handle)
    }

    var isReusable: Bool {
        PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    @discardableResult
    func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int64 {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        guard let text = PQcmdTuples(result) else { return 0 }
        return Int64(String(cString: text)) ?? 0
    }

    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        var rows: [SQLRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            rows.append(
                SQLRow(
                    (0..<columnCount).map { column in
                        if PQgetisnull(result, row, column) == 1 { return .null }
                        return .text(String(cString: PQgetvalue(result, row, column)))
                    }))
        }
        return rows
    }

    func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result)
    }

    func begin(writing: Bool) throws {
        // Read-only work runs on one snapshot for the whole transaction; writes use READ
        // COMMITTED, where compare-and-set updates and row locks give the guarantees we need.
        try executeScript(writing ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    }

    func commit() throws {
        try executeScript("COMMIT")
    }

    func rollback() {
        if PQtransactionStatus(handle) != PQTRANS_IDLE {
            PQclear(PQexec(handle, "ROLLBACK"))
        }
    }

    /// Prepares `sql` once per connection, then runs it with `parameters` in text format.
    private func run(_ sql: String, _ parameters: [SQLValue]) throws -> OpaquePointer {
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "rcms_\(prepared.count + 1)"
            let result = PQprepare(handle, name, Self.numberedPlaceholders(sql), Int32(parameters.count), nil)
            defer { PQclear(result) }
            try check(result)
            prepared[sql] = name
        }

        let texts: [UnsafeMutablePointer<CChar>?] = parameters.map { value in
            switch value {
            case .null: return nil
            case .integer(let number): return strdup(String(number))
            case .text(let text): return strdup(text)
            case .bool(let flag): return strdup(flag ? "true" : "false")
            case .blob(let bytes): return strdup("\\x" + bytes.hexString)
            }
        }
        // The copies may hold personal data; they are zeroed before they are freed.
        defer {
            for text in texts {
                if let text {
                    memset(text, 0, strlen(text))
                    free(text)
                }
            }
        }
        let values = texts.map { UnsafePointer($0) }
        let result = PQexecPrepared(handle, name, Int32(values.count), values, nil, nil, 0)
        do {
            try check(result)
        } catch {
            PQclear(result)
            throw error
        }
        guard let result else { throw StorageError.backend(code: "08000", message: "no result from the server") }
        return result
    }

    private func check(_ result: OpaquePointer?) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw PostgresFailure(result: result, connection: handle).storageError
        }
    }

    /// Rewrites `?1`, `?2`, ... as PostgreSQL's `$1`, `$2`, ... The shared SQL has no other `?`.
    static func numberedPlaceholders(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count)
        var previous: Character = " "
        for character in sql {
            if previous == "?", !character.isNumber {
                // A bare `?` would be ambiguous; the shared SQL always numbers its parameters.
                preconditionFailure("unnumbered placeholder in SQL")
            }
            out.append(character == "?" ? "$" : character)
            previous = character
        }
        return out
    }
}
