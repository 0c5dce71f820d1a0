import RCMSCore
import RCMSTestSupport
import Testing

/// The gram index behind name search: it must stay in step with the keys, and a query must
/// find the same cases whichever way the index leads it.
@Suite("Name search index")
struct NameSearchIndexTests {
    let tenant = StorageFixtures.tenantA

    private func found(_ storage: any Storage, _ text: String) throws -> Set<Int64> {
        Set(
            try storage.read(tenant: tenant) { try $0.listCases(CaseQuery(name: .contains(text), limit: 1_000)) }.map(
                \.id))
    }

    @Test("a renamed person is found by the new name only", arguments: TestDatabases.backends)
    func rename(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: 1)
            var person = PersonRecord(id: 1, caseID: cases[0].id, surname: "Oyelaran", givenNames: "Tobi")
            try storage.write(tenant: tenant) { try $0.insertPerson(person) }
            #expect(try found(storage, "yelar") == [cases[0].id])

            person = PersonRecord(id: 1, caseID: cases[0].id, surname: "Quispe", givenNames: "Tobi")
            try storage.write(tenant: tenant) { try $0.updatePerson(person) }
            #expect(try found(storage, "yelar").isEmpty)
            #expect(try found(storage, "quisp") == [cases[0].id])
        }
    }

    @Test("a query of common grams scans and finds the same cases", arguments: TestDatabases.backends)
    func commonGrams(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            // More persons share "khan" than the rare-filter limit, so its grams count as common.
            let count = 1_050
            let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: count + 1)
            try storage.write(tenant: tenant) { transaction in
                for index in 0..<count {
                    try transaction.insertPerson(
                        PersonRecord(id: Int64(index + 1), caseID: cases[index].id, surname: "Khan", givenNames: "Amir")
                    )
                }
                try transaction.insertPerson(
                    PersonRecord(id: 9_999, caseID: cases[count].id, surname: "Khan", givenNames: "Zainab"))
            }
            // A page contains at most 1,000 cases.
            #expect(try found(storage, "khan").count == 1_000)
            #expect(try found(storage, "amir khan").count == 1_000)
            #expect(try found(storage, "zainab") == [cases[count].id])
            #expect(try found(storage, "zainab khan") == [cases[count].id])
            #expect(try found(storage, "kh").count == 1_000, "a two-letter query scans, up to the page limit")
            #expect(try found(storage, "qqq").isEmpty)
        }
    }

    @Test("the migration cuts grams for keys stored before it", arguments: TestDatabases.backends)
    func backfill(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: 2)
            try storage.write(tenant: tenant) { transaction in
                try transaction.insertPerson(
                    PersonRecord(id: 1, caseID: cases[0].id, surname: "Ng", givenNames: "Wen"))
                try transaction.insertPerson(
                    PersonRecord(id: 2, caseID: cases[1].id, surname: "Παπαδόπουλος", givenNames: "Γιώργος"))
            }
            let written = try TestDatabases.countRows("person_search_grams", on: storage)
            // As a database of schema 5 would be: keys without grams, the older deadline indexes.
            try TestDatabases.executeMaintenanceSQL(
                """
                DROP TABLE person_search_grams;
                DROP INDEX deadlines_by_case_status;
                DROP INDEX deadlines_by_due_date_case;
                CREATE INDEX deadlines_by_case ON deadlines (tenant_id, case_id);
                CREATE INDEX deadlines_by_due_date ON deadlines (tenant_id, status, due_date);
                DELETE FROM schema_migrations WHERE version >= 6;
                """, on: storage)
            _ = try storage.migrate()
            #expect(try TestDatabases.countRows("person_search_grams", on: storage) == written)
            #expect(try found(storage, "wen ng") == [cases[0].id])
            #expect(try found(storage, "papadopoulos") == [cases[1].id])
            #expect(try found(storage, "γιώργος") == [cases[1].id])
        }
    }
}
