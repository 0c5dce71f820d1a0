import RCMSConfig
import RCMSCore
import RCMSTestSupport
import Testing

@Suite("Case listing and name search")
struct CaseListingTests {
    let tenant = StorageFixtures.tenantA

    /// Names as case workers of either party would type them, each on its own case.
    static let people: [(surname: String, given: String)] = [
        ("خان", "محمد"),  // Arabic script
        ("Khan", "Muhammad"),  // Latin
        ("İSMAİL", "AYŞE"),  // Turkish capitals
        ("Παπαδόπουλος", "Γιώργος"),  // Greek
        ("Иванов", "Владимир"),  // Cyrillic
        ("Müller", "Jürgen"),
        ("فاطمة", "علي"),  // Arabic with ta marbuta
        ("Smith", "Anna"),
    ]

    private func seedPeople(_ storage: any Storage) throws -> [CaseRecord] {
        let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: Self.people.count)
        try storage.write(tenant: tenant) { transaction throws in
            for (index, person) in Self.people.enumerated() {
                try transaction.insertPerson(
                    PersonRecord(
                        id: Int64(index + 1), caseID: cases[index].id, surname: person.surname,
                        givenNames: person.given))
            }
        }
        return cases
    }

    /// Indexes into `people` of the cases a name query returns.
    private func search(_ storage: any Storage, _ match: CaseQuery.NameMatch, cases: [CaseRecord]) throws -> [Int] {
        let found = try storage.read(tenant: tenant) { try $0.listCases(CaseQuery(name: match)) }
        return found.compactMap { record in cases.firstIndex { $0.id == record.id } }.sorted()
    }

    @Test(
        "name search finds names across scripts, case and diacritics",
        arguments: TestDatabases.backends,
        [
            (CaseQuery.NameMatch.contains("Muhammad Khan"), [0, 1]),
            (.contains("محمد خان"), [0, 1]),
            (.contains("ismail"), [2]),
            (.contains("ısmaıl"), [2]),
            (.prefix("İSMAİL"), [2]),
            (.prefix("ayse"), [2]),
            (.contains("Papadopoulos"), [3]),
            (.contains("γιώργος"), [3]),
            (.contains("Vladimir Ivanov"), [4]),
            (.prefix("иванов"), [4]),
            (.contains("MULLER"), [5]),
            (.contains("فاطمه"), [6]),
            (.prefix("smi"), [7]),
            (.prefix("mith"), []),
            (.contains("mith"), [7]),
            (.contains("Nobody"), []),
        ])
    func crossScriptSearch(backend: TestBackend, query: (CaseQuery.NameMatch, [Int])) throws {
        try TestDatabases.with(backend) { storage in
            let cases = try seedPeople(storage)
            #expect(try search(storage, query.0, cases: cases) == query.1)
        }
    }

    @Test("filters by state and by overdue deadline, and pages by keyset", arguments: TestDatabases.backends)
    func filtersAndPages(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let submitted = try StorageFixtures.seedCases(storage, tenant: tenant, count: 5)
            let verified = try storage.write(tenant: tenant) { transaction throws in
                (0..<3).map { StorageFixtures.makeCase(state: "verified", offsetSeconds: 100 + Int64($0)) }
                    .map { record in
                        try? transaction.insertCase(record)
                        return record
                    }
            }
            try storage.write(tenant: tenant) { transaction throws in
                let deadlines: [(Int64, String, DeadlineRecord.Status)] = [
                    (submitted[0].id, "2026-03-01", .open),  // overdue on 2026-03-02
                    (submitted[1].id, "2026-03-02", .open),  // due that day: not overdue yet
                    (submitted[2].id, "2026-02-01", .met),  // met: never overdue
                    (verified[0].id, "2026-02-20", .extended),  // still running
                ]
                for (index, entry) in deadlines.enumerated() {
                    try transaction.insertDeadline(
                        DeadlineRecord(
                            id: Int64(index + 1), caseID: entry.0, transitionID: "reply", party: "requested",
                            dueDate: CivilDate(entry.1)!, unit: .calendarDays, status: entry.2))
                }
            }

            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.listCases(CaseQuery(states: ["verified"])) == verified)
                #expect(try reader.listCases(CaseQuery(states: [])).isEmpty)
                let overdue = try reader.listCases(CaseQuery(overdueAsOf: CivilDate("2026-03-02")!))
                #expect(overdue.map(\.id) == [submitted[0].id, verified[0].id])
                let overdueSubmitted = try reader.listCases(
                    CaseQuery(states: ["submitted"], overdueAsOf: CivilDate("2026-03-03")!))
                #expect(overdueSubmitted.map(\.id) == [submitted[0].id, submitted[1].id])
                let running = try reader.runningDeadlines(dueBefore: CivilDate("2026-03-02")!, limit: 10)
                #expect(running.map(\.id) == [4, 1])

                var pages: [[CaseRecord]] = []
                var cursor: CaseQuery.Cursor?
                for _ in 0..<10 {
                    let page = try reader.listCases(CaseQuery(after: cursor, limit: 3))
                    if page.isEmpty { break }
                    pages.append(page)
                    cursor = CaseQuery.Cursor(after: page.last!)
                }
                #expect(pages.map(\.count) == [3, 3, 2])
                #expect(pages.flatMap { $0 } == submitted + verified)
            }
        }
    }

    @Test("duplicate lookup matches exact keys of open cases with compatible dates", arguments: TestDatabases.backends)
    func duplicateLookup(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            // Births as documents give them; the last case is closed.
            let births: [PartialDate?] = [
                PartialDate(year: 1980), PartialDate(year: 1980, month: 5), PartialDate(year: 1980, month: 5, day: 3),
                PartialDate(year: 1980, month: 6), PartialDate(year: 1981), nil, PartialDate(year: 1980),
            ]
            let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: births.count)
            try storage.write(tenant: tenant) { transaction in
                for (index, birth) in births.enumerated() {
                    try transaction.insertPerson(
                        PersonRecord(
                            id: Int64(index + 1), caseID: cases[index].id, surname: "Rahman", givenNames: "Karim",
                            dateOfBirth: birth))
                }
                var closed = cases[6]
                closed.closedAt = closed.createdAt
                try transaction.updateCase(closed, expectedVersion: closed.version)
                try transaction.insertPerson(
                    PersonRecord(id: 99, caseID: cases[0].id, surname: "Hossain", givenNames: "Karim"))
            }
            let keys = PersonRecord(id: 0, caseID: 0, surname: "RAHMAN", givenNames: "karim").searchKeys
            func lookup(_ birth: PartialDate?, excluding: Int64 = 0) throws -> Set<Int> {
                let found = try storage.read(tenant: tenant) {
                    try $0.openCaseIDs(withSearchKeys: keys, bornCompatibleWith: birth, excluding: excluding, limit: 50)
                }
                return Set(found.compactMap { id in cases.firstIndex { $0.id == id } })
            }
            #expect(try lookup(PartialDate(year: 1980, month: 5, day: 3)) == [0, 1, 2, 5])
            #expect(try lookup(PartialDate(year: 1980, month: 6)) == [0, 3, 5])
            #expect(try lookup(PartialDate(year: 1981, month: 2)) == [4, 5])
            #expect(try lookup(nil) == [0, 1, 2, 3, 4, 5])
            #expect(try lookup(nil, excluding: cases[5].id) == [0, 1, 2, 3, 4])
            let other = try storage.read(tenant: tenant) {
                try $0.openCaseIDs(
                    withSearchKeys: ["nobody at all"], bornCompatibleWith: nil, excluding: 0, limit: 50)
            }
            #expect(other.isEmpty)
        }
    }

    @Test("the overdue filter pages the same way when most cases are overdue", arguments: TestDatabases.backends)
    func manyOverdue(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            // More overdue deadlines than the rare-filter limit: the filter is tested per case.
            let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: 1_200)
            try storage.write(tenant: tenant) { transaction in
                for (index, record) in cases.enumerated() {
                    // Every third case's deadline is met; the others are overdue on 2026-06-01.
                    try transaction.insertDeadline(
                        DeadlineRecord(
                            id: Int64(index + 1), caseID: record.id, transitionID: "reply", party: "requested",
                            dueDate: CivilDate(year: 2026, month: 5, day: 1)!, unit: .calendarDays,
                            status: index % 3 == 0 ? .met : .open))
                }
            }
            let expected = cases.enumerated().filter { $0.offset % 3 != 0 }.map(\.element.id)
            let asOf = CivilDate(year: 2026, month: 6, day: 1)!
            let first = try storage.read(tenant: tenant) { try $0.listCases(CaseQuery(overdueAsOf: asOf, limit: 500)) }
            let rest = try storage.read(tenant: tenant) {
                try $0.listCases(
                    CaseQuery(overdueAsOf: asOf, after: CaseQuery.Cursor(after: first.last!), limit: 1_000))
            }
            #expect(first.map(\.id) == Array(expected.prefix(500)))
            #expect(rest.map(\.id) == Array(expected.dropFirst(500)))
            let none = try storage.read(tenant: tenant) {
                try $0.listCases(CaseQuery(overdueAsOf: CivilDate(year: 2026, month: 4, day: 1)!, limit: 10))
            }
            #expect(none.isEmpty)
        }
    }
}
