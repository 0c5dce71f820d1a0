import Dispatch
import RCMSCore
import RCMSTestSupport
import Synchronization
import Testing

@Suite("Purging personal data and advisory locks")
struct PurgeAndLockTests {
    let tenant = StorageFixtures.tenantA

    @Test("a purge removes the chosen personal rows of one case only", arguments: TestDatabases.backends)
    func purge(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: 2)
            let at = StorageFixtures.baseInstant
            try storage.write(tenant: tenant) { transaction throws in
                for (index, record) in cases.enumerated() {
                    let base = Int64(index * 10)
                    try transaction.insertPerson(
                        PersonRecord(id: base + 1, caseID: record.id, surname: "Khan", givenNames: "Amina"))
                    try transaction.insertDocument(
                        DocumentRecord(
                            id: base + 2, caseID: record.id, documentTypeID: "passport",
                            fields: [.init(fieldID: "number", value: "X1", shared: true)]))
                    for (offset, biometric) in [(3, true), (4, false)] {
                        try transaction.insertAttachment(
                            AttachmentRecord(
                                id: base + Int64(offset), caseID: record.id, documentID: base + 2, originalName: "f",
                                mediaType: "image/png", size: 10, digest: "d", biometric: biometric, storedAt: at))
                    }
                    try transaction.insertMessage(
                        MessageRecord(id: base + 5, caseID: record.id, senderParty: "requesting", body: "b", sentAt: at)
                    )
                    try transaction.appendAudit(AuditDraft(at: at, actor: "1", action: "case.create")) { s, _ in "h\(s)"
                    }
                }
            }
            let target = cases[0].id

            let biometricOnly = try storage.write(tenant: tenant) {
                try $0.purgePersonalData(caseID: target, scope: .biometricAttachments)
            }
            #expect(biometricOnly == PurgeReport(attachments: 1))

            let pending = try storage.read(tenant: tenant) { try $0.pendingPurge(caseID: target) }
            let gramsBefore = try TestDatabases.countRows("person_search_grams", on: storage)
            #expect(gramsBefore > 0)
            let report = try storage.write(tenant: tenant) { try $0.purgePersonalData(caseID: target, scope: .all) }
            // Both persons have the same name, so half the grams belonged to the purged one.
            #expect(try TestDatabases.countRows("person_search_grams", on: storage) == gramsBefore / 2)
            #expect(report.persons == 1)
            #expect(report.searchKeys > 0)
            #expect(report.fieldValues == 1)
            #expect(report.attachments == 1)
            #expect(report.messages == 1)
            #expect(pending == report, "the count before a purge matches what the purge removes")
            #expect(try storage.read(tenant: tenant) { try $0.pendingPurge(caseID: target) } == PurgeReport())

            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.persons(caseID: target).isEmpty)
                #expect(try reader.attachments(caseID: target).isEmpty)
                #expect(try reader.messages(caseID: target).isEmpty)
                #expect(try reader.documents(caseID: target).map(\.fields) == [[]])
                #expect(try reader.fetchCase(target) != nil)
                #expect(try reader.listCases(CaseQuery(name: .contains("amina"))).map(\.id) == [cases[1].id])
                #expect(try reader.persons(caseID: cases[1].id).count == 1)
                #expect(try reader.attachments(caseID: cases[1].id).count == 2)
                #expect(try reader.auditEntries(sequences: 1...10).count == 2)
            }
        }
    }

    @Test("an advisory lock is held by one caller at a time", arguments: TestDatabases.backends)
    func advisoryLock(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let inner = Mutex<Int?>(nil)
            let outer = try storage.withAdvisoryLock("deadline-sweep") { () -> Int in
                // Another thread tries the same lock while this one holds it.
                DispatchQueue.concurrentPerform(iterations: 1) { _ in
                    let result = try? storage.withAdvisoryLock("deadline-sweep") { 2 }
                    inner.withLock { $0 = result ?? -1 }
                }
                // A different lock name is free, and the body can write meanwhile.
                #expect(try storage.withAdvisoryLock("retention") { 3 } == 3)
                try StorageFixtures.seedCases(storage, tenant: tenant, count: 1)
                return 1
            }
            #expect(outer == 1)
            #expect(inner.withLock { $0 } == -1)
            #expect(try storage.withAdvisoryLock("deadline-sweep") { 4 } == 4)
        }
    }

    @Test("retention candidates carry holds in force and the remedy attestation", arguments: TestDatabases.backends)
    func retentionCandidates(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let cases = try StorageFixtures.seedCases(storage, tenant: tenant, count: 3)
            let at = StorageFixtures.baseInstant
            try storage.write(tenant: tenant) { transaction in
                // Case 0: one hold lifted, one in force. Case 1: the remedy check and another attestation.
                try transaction.insertHold(
                    HoldRecord(id: 1, caseID: cases[0].id, placedBy: 7, reason: "appeal", placedAt: at))
                try transaction.insertHold(
                    HoldRecord(id: 2, caseID: cases[0].id, placedBy: 7, reason: "asylum", placedAt: at))
                try transaction.liftHold(id: 1, HoldRecord.Lift(liftedBy: 7, reason: "decided", liftedAt: at))
                for safeguard in ["no_suspensive_remedy", "no_pending_asylum_claim"] {
                    try transaction.insertAttestation(
                        SafeguardAttestationRecord(
                            caseID: cases[1].id, safeguardID: safeguard, attestedBy: 8, evidenceReference: "ref",
                            attestedAt: at))
                }
            }
            let (first, second) = try storage.read(tenant: tenant) { reader in
                let first = try reader.retentionCandidates(
                    remedySafeguard: "no_suspensive_remedy", after: nil, limit: 2)
                let second = try reader.retentionCandidates(
                    remedySafeguard: "no_suspensive_remedy", after: first.last?.cursor, limit: 2)
                return (first.map(\.candidate), second.map(\.candidate))
            }
            #expect(first.map(\.caseID) == [cases[0].id, cases[1].id])
            #expect(second.map(\.caseID) == [cases[2].id])
            #expect(first.map(\.holdsInForce) == [1, 0])
            #expect(first.map(\.suspensiveRemedyCleared) == [false, true])
            #expect(second.first?.createdAt == cases[2].createdAt)
        }
    }
}
