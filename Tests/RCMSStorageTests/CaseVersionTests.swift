import Dispatch
import RCMSCore
import RCMSTestSupport
import Synchronization
import Testing

@Suite("Optimistic concurrency and transactions")
struct CaseVersionTests {
    let tenant = StorageFixtures.tenantA

    @Test("an update with the current version wins and increments it", arguments: TestDatabases.backends)
    func updateIncrementsVersion(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let record = try StorageFixtures.seedCases(storage, tenant: tenant, count: 1)[0]
            var changed = record
            changed.state = "verified"
            changed.updatedAt = record.createdAt.adding(seconds: 60)

            let updated = try storage.write(tenant: tenant) { try $0.updateCase(changed, expectedVersion: 1) }
            #expect(updated.version == 2)
            let stored = try storage.read(tenant: tenant) { try $0.fetchCase(record.id) }
            #expect(stored == updated)

            let error = #expect(throws: StorageError.self) {
                try storage.write(tenant: tenant) { try $0.updateCase(changed, expectedVersion: 1) }
            }
            #expect(error == .staleVersion(caseID: record.id, expected: 1, actual: 2))
            #expect(error?.code == "storage.stale_version")
        }
    }

    @Test("two threads updating one case: exactly one wins", arguments: TestDatabases.backends)
    func concurrentWritersOnOneCase(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let record = try StorageFixtures.seedCases(storage, tenant: tenant, count: 1)[0]
            // Bounded: 10 rounds of two writers each.
            for round in 0..<10 {
                let expected = try storage.read(tenant: tenant) { try $0.fetchCase(record.id)!.version }
                let outcomes = Mutex<[Result<Int64, StorageError>]>([])
                DispatchQueue.concurrentPerform(iterations: 2) { writer in
                    var change = record
                    change.state = "state-\(round)-\(writer)"
                    do {
                        let updated = try storage.write(tenant: tenant) { transaction throws in
                            try transaction.updateCase(change, expectedVersion: expected)
                        }
                        outcomes.withLock { $0.append(.success(updated.version)) }
                    } catch let error as StorageError {
                        outcomes.withLock { $0.append(.failure(error)) }
                    } catch {
                        outcomes.withLock { $0.append(.failure(.backend(code: "test", message: "\(error)"))) }
                    }
                }
                let results = outcomes.withLock { $0 }
                let wins = results.compactMap { try? $0.get() }
                let losses = results.compactMap { result -> StorageError? in
                    if case .failure(let error) = result { return error }
                    return nil
                }
                #expect(wins == [expected + 1])
                #expect(losses == [.staleVersion(caseID: record.id, expected: expected, actual: expected + 1)])
            }
            #expect(try storage.read(tenant: tenant) { try $0.fetchCase(record.id)!.version } == 11)
        }
    }

    @Test("an error thrown in a write rolls back every change", arguments: TestDatabases.backends)
    func rollbackOnError(backend: TestBackend) throws {
        struct Refused: Error {}
        try TestDatabases.with(backend) { storage in
            let kept = try StorageFixtures.seedCases(storage, tenant: tenant, count: 1)[0]
            let doomed = StorageFixtures.makeCase(offsetSeconds: 5)

            #expect(throws: Refused.self) {
                try storage.write(tenant: tenant) { transaction throws in
                    try transaction.insertCase(doomed)
                    try transaction.insertPerson(
                        PersonRecord(id: 1, caseID: doomed.id, surname: "Khan", givenNames: "Amina"))
                    var changed = kept
                    changed.state = "verified"
                    try transaction.updateCase(changed, expectedVersion: 1)
                    try transaction.appendAudit(AuditDraft(at: doomed.createdAt, actor: "1", action: "case.create")) {
                        sequence, _ in "hash-\(sequence)"
                    }
                    throw Refused()
                }
            }
            // A failing statement (duplicate key) also rolls back what ran before it.
            #expect(throws: StorageError.duplicate(kind: "cases")) {
                try storage.write(tenant: tenant) { transaction throws in
                    try transaction.insertMessage(
                        MessageRecord(
                            id: 9, caseID: kept.id, senderParty: "requesting", body: "x", sentAt: kept.createdAt))
                    try transaction.insertCase(kept)
                }
            }

            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.fetchCase(doomed.id) == nil)
                #expect(try reader.persons(caseID: doomed.id).isEmpty)
                #expect(try reader.fetchCase(kept.id) == kept)
                #expect(try reader.lastAuditEntry() == nil)
                #expect(try reader.messages(caseID: kept.id).isEmpty)
            }
            // The connection is usable again after the rollbacks.
            try storage.write(tenant: tenant) { transaction throws in
                try transaction.appendAudit(AuditDraft(at: kept.createdAt, actor: "1", action: "case.view")) { _, _ in
                    "h1"
                }
            }
            #expect(try storage.read(tenant: tenant) { try $0.lastAuditEntry()?.sequence } == 1)
        }
    }
}
