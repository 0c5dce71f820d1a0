import Foundation
import RCMSCore
import RCMSPostgres
import RCMSSQLite

/// A storage backend the conformance suite runs against; its name is what the test output
/// prints beside each test case.
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }
}

/// Why a test database could not be opened.
public struct TestDatabaseUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// Opens real databases for tests: an SQLite file in a temporary folder, and a PostgreSQL
/// schema with a random name on the server named by `RCMS_TEST_POSTGRES_URL`.
public enum TestDatabases {
    /// The backends to test: SQLite always; PostgreSQL when `RCMS_TEST_POSTGRES_URL` is set,
    /// or when `RCMS_REQUIRE_POSTGRES=1`, in which case a missing URL fails the tests.
    public static var backends: [TestBackend] {
        let environment = ProcessInfo.processInfo.environment
        let hasURL = !(environment["RCMS_TEST_POSTGRES_URL"] ?? "").isEmpty
        let required = environment["RCMS_REQUIRE_POSTGRES"] == "1"
        return hasURL || required ? [.sqlite, .postgres] : [.sqlite]
    }

    /// Runs `body` with a fresh, empty database of `backend`, then deletes it.
    ///
    /// - Parameter migrate: whether to migrate the schema before `body` runs.
    public static func with<T>(
        _ backend: TestBackend, migrate: Bool = true, _ body: (any Storage) throws -> T
    ) throws -> T {
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("rcms-storage-test-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let storage = try SQLiteStorage(path: "\(folder)/nested/rcms.sqlite")
            defer { storage.close() }
            if migrate { _ = try storage.migrate() }
            return try body(storage)

        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["RCMS_TEST_POSTGRES_URL"], !url.isEmpty else {
                throw TestDatabaseUnavailable(
                    description:
                        "RCMS_REQUIRE_POSTGRES=1 but RCMS_TEST_POSTGRES_URL is not set; start a server with scripts/pg-test-cluster.sh"
                )
            }
            let schema = "rcms_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            let separator = url.contains("?") ? "&" : "?"
            let storage = try PostgresStorage(url: "\(url)\(separator)schema=\(schema)")
            defer {
                try? storage.executeMaintenanceSQL("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
                storage.close()
            }
            if migrate { _ = try storage.migrate() }
            return try body(storage)
        }
    }

    /// Counts the rows of one table across all tenants of a test database.
    public static func countRows(_ table: String, on storage: any Storage) throws -> Int64 {
        switch storage {
        case let sqlite as SQLiteStorage: return try sqlite.countRows(table: table)
        case let postgres as PostgresStorage: return try postgres.countRows(table: table)
        default: throw TestDatabaseUnavailable(description: "no row count for \(type(of: storage))")
        }
    }

    /// Runs raw SQL on a test database, for tests that must reach past the protocol (tampering,
    /// simulating a newer schema).
    public static func executeMaintenanceSQL(_ sql: String, on storage: any Storage) throws {
        switch storage {
        case let sqlite as SQLiteStorage: try sqlite.executeMaintenanceSQL(sql)
        case let postgres as PostgresStorage: try postgres.executeMaintenanceSQL(sql)
        default: throw TestDatabaseUnavailable(description: "no maintenance access to \(type(of: storage))")
        }
    }
}
