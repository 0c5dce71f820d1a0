import RCMSCore
import RCMSPostgres
import RCMSSQLite
import RCMSTestSupport
import Testing

@Suite("Schema migrations")
struct MigrationTests {
    private func knownVersion(_ backend: TestBackend) -> Int {
        backend == .sqlite ? SQLiteStorage.knownSchemaVersion : PostgresStorage.knownSchemaVersion
    }

    @Test("an empty database migrates to the newest version, and again is a no-op", arguments: TestDatabases.backends)
    func migrateFromEmptyAndRerun(backend: TestBackend) throws {
        try TestDatabases.with(backend, migrate: false) { storage in
            let first = try storage.migrate()
            #expect(first.fromVersion == 0)
            #expect(first.toVersion == knownVersion(backend))
            #expect(first.applied == Array(1...knownVersion(backend)))

            let second = try storage.migrate()
            #expect(second.fromVersion == knownVersion(backend))
            #expect(second.applied.isEmpty)

            // The schema works after migrating.
            try StorageFixtures.seedCases(storage, tenant: StorageFixtures.tenantA, count: 1)
            #expect(try storage.read(tenant: StorageFixtures.tenantA) { try $0.listCases(CaseQuery()).count } == 1)
        }
    }

    @Test("a database migrated by a newer rcms is refused", arguments: TestDatabases.backends)
    func newerSchemaRefused(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let future = knownVersion(backend) + 2
            try TestDatabases.executeMaintenanceSQL(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(future), 'from the future', 0)",
                on: storage)

            let error = #expect(throws: StorageError.self) { try storage.migrate() }
            #expect(error == .schemaTooNew(database: future, binary: knownVersion(backend)))
            #expect(
                error?.description
                    == "database schema version \(future) is newer than this rcms (\(knownVersion(backend))); upgrade rcms"
            )
        }
    }
}
