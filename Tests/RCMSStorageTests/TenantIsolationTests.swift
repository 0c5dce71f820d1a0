import RCMSConfig
import RCMSCore
import RCMSTestSupport
import Testing

@Suite("Tenant isolation")
struct TenantIsolationTests {
    let owner = StorageFixtures.tenantA
    let other = StorageFixtures.tenantB

    /// One row of every kind in the owner tenant, all tied to one case.
    struct Seeded {
        var caseRecord: CaseRecord
        var person: PersonRecord
        var document: DocumentRecord
        var attachment: AttachmentRecord
        var message: MessageRecord
        var deadline: DeadlineRecord
        var attestation: SafeguardAttestationRecord
        var hold: HoldRecord
        var user: UserRecord
        var token: TokenRecord
    }

    private func seed(_ storage: any Storage) throws -> Seeded {
        let at = StorageFixtures.baseInstant
        let caseRecord = StorageFixtures.makeCase(state: "submitted")
        let person = PersonRecord(
            id: RecordID.random(), caseID: caseRecord.id, surname: "Khan", givenNames: "Muhammad",
            dateOfBirth: PartialDate(year: 1990, month: 4), sex: .male, nationalityClaimed: "pk")
        let document = DocumentRecord(
            id: RecordID.random(), caseID: caseRecord.id, documentTypeID: "passport",
            fields: [.init(fieldID: "number", value: "AB123", shared: true)])
        let attachment = AttachmentRecord(
            id: RecordID.random(), caseID: caseRecord.id, documentID: document.id, originalName: "scan.pdf",
            mediaType: "application/pdf", size: 1024, digest: String(repeating: "0", count: 64), biometric: false,
            storedAt: at)
        let message = MessageRecord(
            id: RecordID.random(), caseID: caseRecord.id, senderParty: "requesting", body: "please verify", sentAt: at)
        let deadline = DeadlineRecord(
            id: RecordID.random(), caseID: caseRecord.id, transitionID: "reply", party: "requested",
            dueDate: CivilDate("2026-03-10")!, unit: .calendarDays)
        let user = UserRecord(
            id: RecordID.random(), party: "requesting", roleIDs: ["caseworker"], loginName: "anna",
            passwordHash: "$argon2id$x")
        let attestation = SafeguardAttestationRecord(
            caseID: caseRecord.id, safeguardID: "identity_confirmed", attestedBy: user.id, evidenceReference: "REG-1",
            attestedAt: at)
        let hold = HoldRecord(
            id: RecordID.random(), caseID: caseRecord.id, placedBy: user.id, reason: "check", placedAt: at)
        let token = TokenRecord(tokenHash: "t0k3n", userID: user.id, expiresAt: at.adding(seconds: 3600))

        try storage.write(tenant: owner) { transaction throws in
            try StorageFixtures.publishVersion(transaction)
            try transaction.insertCase(caseRecord)
            try transaction.insertPerson(person)
            try transaction.insertDocument(document)
            try transaction.insertAttachment(attachment)
            try transaction.insertMessage(message)
            try transaction.insertDeadline(deadline)
            try transaction.insertUser(user)
            try transaction.insertAttestation(attestation)
            try transaction.insertHold(hold)
            try transaction.insertToken(token)
            try transaction.appendAudit(AuditDraft(at: at, actor: String(user.id), action: "case.create")) { _, _ in "h"
            }
        }
        return Seeded(
            caseRecord: caseRecord, person: person, document: document, attachment: attachment, message: message,
            deadline: deadline, attestation: attestation, hold: hold, user: user, token: token)
    }

    @Test("another tenant's reads return nothing of the owner's rows", arguments: TestDatabases.backends)
    func readsAreScoped(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let seeded = try seed(storage)
            let caseID = seeded.caseRecord.id
            let everything = Instant(microsecondsSinceEpoch: .min)..<Instant(microsecondsSinceEpoch: .max)

            // The owner sees every row.
            try storage.read(tenant: owner) { reader throws in
                #expect(try reader.fetchCase(caseID) == seeded.caseRecord)
                #expect(try reader.persons(caseID: caseID) == [seeded.person])
                #expect(try reader.fetchDocument(seeded.document.id) == seeded.document)
                #expect(try reader.documents(caseID: caseID) == [seeded.document])
                #expect(try reader.fetchAttachment(seeded.attachment.id) == seeded.attachment)
                #expect(try reader.attachments(caseID: caseID) == [seeded.attachment])
                #expect(try reader.messages(caseID: caseID) == [seeded.message])
                #expect(try reader.messages(sentIn: everything) == [seeded.message])
                #expect(try reader.deadlines(caseID: caseID) == [seeded.deadline])
                #expect(try reader.attestations(caseID: caseID) == [seeded.attestation])
                #expect(try reader.holds(caseID: caseID) == [seeded.hold])
                #expect(try reader.fetchUser(seeded.user.id) == seeded.user)
                #expect(try reader.fetchUser(loginName: "anna") == seeded.user)
                #expect(try reader.fetchToken(hash: "t0k3n") == seeded.token)
                #expect(try reader.lastAuditEntry()?.sequence == 1)
            }

            // The other tenant reads none of them, by id, by listing, by name or by date.
            try storage.read(tenant: other) { reader throws in
                #expect(try reader.configurationVersion(hash: StorageFixtures.configurationHash) == nil)
                #expect(try reader.configurationVersions().isEmpty)
                #expect(try reader.currentConfigurationVersion() == nil)
                #expect(try reader.currentConfigurationHash() == nil)
                #expect(try reader.fetchCase(caseID) == nil)
                #expect(try reader.listCases(CaseQuery()).isEmpty)
                #expect(try reader.listCases(CaseQuery(name: .contains("khan"))).isEmpty)
                #expect(try reader.listCases(CaseQuery(overdueAsOf: CivilDate("2027-01-01")!)).isEmpty)
                #expect(try reader.persons(caseID: caseID).isEmpty)
                #expect(try reader.fetchDocument(seeded.document.id) == nil)
                #expect(try reader.documents(caseID: caseID).isEmpty)
                #expect(try reader.fetchAttachment(seeded.attachment.id) == nil)
                #expect(try reader.attachments(caseID: caseID).isEmpty)
                #expect(try reader.messages(caseID: caseID).isEmpty)
                #expect(try reader.messages(sentIn: everything).isEmpty)
                #expect(try reader.deadlines(caseID: caseID).isEmpty)
                #expect(try reader.runningDeadlines(dueBefore: CivilDate("2027-01-01")!, limit: 10).isEmpty)
                #expect(try reader.attestations(caseID: caseID).isEmpty)
                #expect(try reader.holds(caseID: caseID).isEmpty)
                #expect(try reader.fetchUser(seeded.user.id) == nil)
                #expect(try reader.fetchUser(loginName: "anna") == nil)
                #expect(try reader.users().isEmpty)
                #expect(try reader.fetchToken(hash: "t0k3n") == nil)
                #expect(try reader.lastAuditEntry() == nil)
                #expect(try reader.auditEntries(sequences: 1...100).isEmpty)
                #expect(try reader.auditEntries(recordedIn: everything).isEmpty)
            }
        }
    }

    @Test("another tenant's writes never change the owner's rows", arguments: TestDatabases.backends)
    func writesAreScoped(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let seeded = try seed(storage)
            let caseID = seeded.caseRecord.id
            let at = StorageFixtures.baseInstant

            #expect(throws: StorageError.notFound(kind: "case", id: String(caseID))) {
                try storage.write(tenant: other) { try $0.updateCase(seeded.caseRecord, expectedVersion: 1) }
            }
            #expect(throws: StorageError.self) {
                try storage.write(tenant: other) { try $0.updatePerson(seeded.person) }
            }
            #expect(throws: StorageError.self) {
                try storage.write(tenant: other) { try $0.replaceDocumentFields(documentID: seeded.document.id, []) }
            }
            #expect(throws: StorageError.self) {
                var deadline = seeded.deadline
                deadline.status = .met
                try storage.write(tenant: other) { try $0.updateDeadline(deadline) }
            }
            #expect(throws: StorageError.self) {
                try storage.write(tenant: other) {
                    try $0.liftHold(id: seeded.hold.id, HoldRecord.Lift(liftedBy: 1, reason: "x", liftedAt: at))
                }
            }
            #expect(throws: StorageError.self) {
                try storage.write(tenant: other) { try $0.updateUser(seeded.user) }
            }
            // Rows of another tenant cannot be referenced: the case does not exist for it.
            #expect(throws: StorageError.self) {
                try storage.write(tenant: other) { try $0.insertPerson(seeded.person) }
            }
            try storage.write(tenant: other) { transaction throws in
                try transaction.deleteToken(hash: "t0k3n")
                #expect(try transaction.deleteTokens(expiredBefore: Instant(microsecondsSinceEpoch: .max)) == 0)
                #expect(try transaction.purgePersonalData(caseID: caseID, scope: .all) == PurgeReport())
            }

            // The same ids are free in the other tenant and stay apart.
            try storage.write(tenant: other) { transaction throws in
                try StorageFixtures.publishVersion(transaction)
                var copy = seeded.caseRecord
                copy.state = "other-tenant"
                try transaction.insertCase(copy)
                try transaction.insertUser(seeded.user)
                try transaction.appendAudit(AuditDraft(at: at, actor: "x", action: "case.create")) { _, _ in "g" }
            }

            try storage.read(tenant: owner) { reader throws in
                #expect(try reader.fetchCase(caseID) == seeded.caseRecord)
                #expect(try reader.persons(caseID: caseID) == [seeded.person])
                #expect(try reader.fetchDocument(seeded.document.id) == seeded.document)
                #expect(try reader.deadlines(caseID: caseID) == [seeded.deadline])
                #expect(try reader.holds(caseID: caseID) == [seeded.hold])
                #expect(try reader.fetchToken(hash: "t0k3n") == seeded.token)
                #expect(try reader.messages(caseID: caseID) == [seeded.message])
                #expect(try reader.lastAuditEntry()?.entryHash == "h")
            }
            #expect(try storage.read(tenant: other) { try $0.fetchCase(caseID)?.state } == "other-tenant")
        }
    }
}
