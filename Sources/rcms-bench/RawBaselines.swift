import CLibPQ
import CSQLite
import Foundation

/// Inserts `rows` rows into a fresh SQLite file with raw prepared statements, grouped into
/// `transactions` transactions, in the durability mode RCMSKit uses (WAL, synchronous=NORMAL).
func rawSQLiteInserts(path: String, rows: Int, transactions: Int) throws -> Double {
    var db: OpaquePointer?
    guard sqlite3_open(path, &db) == SQLITE_OK, let db else { throw BenchError("cannot open \(path)") }
    defer { sqlite3_close(db) }
    func exec(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("sqlite: \(String(cString: sqlite3_errmsg(db)))")
        }
    }
    try exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON")
    try exec(
        "CREATE TABLE rows (tenant_id TEXT NOT NULL, id INTEGER NOT NULL, a TEXT, b TEXT, c INTEGER, PRIMARY KEY (tenant_id, id))"
    )
    var statement: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO rows VALUES (?1, ?2, ?3, ?4, ?5)", -1, &statement, nil)
    defer { sqlite3_finalize(statement) }
    let perTransaction = max(1, rows / max(1, transactions))
    let transient = rcms_sqlite_transient()
    return try seconds {
        var written = 0
        while written < rows {
            try exec("BEGIN IMMEDIATE")
            for _ in 0..<min(perTransaction, rows - written) {
                sqlite3_bind_text(statement, 1, "gr-bd", -1, transient)
                sqlite3_bind_int64(statement, 2, Int64(written + 1))
                sqlite3_bind_text(statement, 3, "value \(written)", -1, transient)
                sqlite3_bind_text(statement, 4, "2026-03-02", -1, transient)
                sqlite3_bind_int64(statement, 5, Int64(written))
                guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchError("insert failed") }
                sqlite3_reset(statement)
                written += 1
            }
            try exec("COMMIT")
        }
    }
}

/// The same rows through libpq prepared statements on a PostgreSQL server.
func rawPostgresInserts(url: String, rows: Int, transactions: Int) throws -> Double {
    let base = url.split(separator: "?").first.map(String.init) ?? url
    guard let connection = PQconnectdb(base), PQstatus(connection) == CONNECTION_OK else {
        throw BenchError("cannot connect to PostgreSQL")
    }
    defer { PQfinish(connection) }
    func exec(_ sql: String) throws {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw BenchError("postgres: \(String(cString: PQerrorMessage(connection)))")
        }
    }
    try exec("SET client_min_messages = warning")
    try exec("DROP TABLE IF EXISTS bench_rows")
    try exec(
        "CREATE TABLE bench_rows (tenant_id TEXT NOT NULL, id BIGINT NOT NULL, a TEXT, b TEXT, c BIGINT, PRIMARY KEY (tenant_id, id))"
    )
    let prepared = PQprepare(connection, "bench_insert", "INSERT INTO bench_rows VALUES ($1, $2, $3, $4, $5)", 5, nil)
    PQclear(prepared)
    defer { try? exec("DROP TABLE IF EXISTS bench_rows") }
    let perTransaction = max(1, rows / max(1, transactions))
    return try seconds {
        var written = 0
        while written < rows {
            try exec("BEGIN")
            for _ in 0..<min(perTransaction, rows - written) {
                let values = ["gr-bd", String(written + 1), "value \(written)", "2026-03-02", String(written)]
                let cStrings = values.map { strdup($0) }
                defer { cStrings.forEach { free($0) } }
                var pointers = cStrings.map { UnsafePointer($0) }
                let result = PQexecPrepared(connection, "bench_insert", 5, &pointers, nil, nil, 0)
                let ok = PQresultStatus(result) == PGRES_COMMAND_OK
                PQclear(result)
                if !ok { throw BenchError("postgres insert failed") }
                written += 1
            }
            try exec("COMMIT")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
