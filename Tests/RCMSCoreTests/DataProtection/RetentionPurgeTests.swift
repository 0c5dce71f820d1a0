import Foundation
import RCMSConfig
import RCMSCore
import RCMSSQLite
import RCMSTestSupport
import Testing

@Suite("Retention purges that leave no copy")
struct RetentionPurgeTests {
    static let surname = "Zzyxquorvath"

    @Test("a purged person is gone from tables, files and the SQLite file", arguments: TestDatabases.backends)
    func purgeLeavesNoCopy(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try DataProtectionFixture(storage: storage)
            defer { fixture.removeFiles() }
            let tenant = fixture.tenant
            let (caseID, passportID) = try fixture.openCase(surname: Self.surname, fatherName: "Omar \(Self.surname)")

            let photo = try fixture.engine.addAttachment(
                tenant: tenant, caseID: caseID, documentID: passportID, originalName: "\(Self.surname)-photo.jpg",
                mediaType: "image/jpeg", biometric: true, bytes: Array(repeating: 0xA5, count: 150_000),
                in: fixture.store, by: fixture.requesting)
            let scan = try fixture.engine.addAttachment(
                tenant: tenant, caseID: caseID, documentID: passportID, originalName: "\(Self.surname)-passport.pdf",
                mediaType: "application/pdf", biometric: false, bytes: Array("%PDF-1.7 \(Self.surname)".utf8),
                in: fixture.store, by: fixture.requesting)
            try fixture.engine.sendMessage(
                tenant: tenant, caseID: caseID, body: "Identity of \(Self.surname) to be confirmed.",
                by: fixture.requesting)
            // An earlier version of the passport's fields names the person; the edit replaces it.
            try storage.write(tenant: tenant) { transaction in
                try transaction.replaceDocumentFields(
                    documentID: passportID, [.init(fieldID: "number", value: "\(Self.surname)-X1", shared: true)])
                try transaction.replaceDocumentFields(
                    documentID: passportID, [.init(fieldID: "number", value: "BX0499999", shared: true)])
                // Free text officers wrote: an interview place, a lifted hold, an evidence reference.
                try transaction.insertInterview(
                    InterviewRecord(
                        id: RecordID.random(), caseID: caseID, scheduledAt: .now(),
                        place: "Consulate, ask for \(Self.surname)", interpreterLanguage: "urd", scheduledBy: 1))
                let holdID = RecordID.random()
                try transaction.insertHold(
                    HoldRecord(
                        id: holdID, caseID: caseID, placedBy: 3, reason: "Appeal of \(Self.surname) pending",
                        placedAt: .now()))
                try transaction.liftHold(
                    id: holdID,
                    HoldRecord.Lift(liftedBy: 3, reason: "Appeal of \(Self.surname) decided", liftedAt: .now()))
                try transaction.insertAttestation(
                    SafeguardAttestationRecord(
                        caseID: caseID, safeguardID: "no_pending_asylum_claim", attestedBy: 1,
                        evidenceReference: "Asylum file \(Self.surname)", attestedAt: .now()))
            }
            try fixture.close(caseID)

            let sqlitePath = (storage as? SQLiteStorage)?.path
            if let sqlitePath {
                let before =
                    occurrences(of: Self.surname, inFile: sqlitePath)
                    + occurrences(of: Self.surname, inFile: sqlitePath + "-wal")
                #expect(before > 0, "the surname must be on disk before the purge, or the test proves nothing")
            }
            #expect(try fixture.store.files.storedIDs(tenant: tenant).sorted() == [photo.id, scan.id].sorted())

            let report = try #require(try fixture.executor().run(tenant: tenant, dryRun: false))
            let biometricRule = try #require(report.rules.first { $0.plan.ruleID == "purge_biometrics" })
            #expect(biometricRule.removed.map(\.caseID) == [caseID])
            #expect(biometricRule.total.rows.attachments == 1)
            let caseRule = try #require(report.rules.first { $0.plan.ruleID == "purge_case" })
            #expect(caseRule.total.rows.persons == 1)
            #expect(caseRule.total.rows.messages == 1)
            #expect(caseRule.total.rows.attachments == 1)
            #expect(caseRule.total.files == 1)
            #expect(caseRule.total.rows.notes == 4, "interview place, hold and lift reasons, evidence reference")

            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.listCases(CaseQuery(name: .contains(Self.surname))).isEmpty)
                #expect(try reader.persons(caseID: caseID).isEmpty)
                #expect(try reader.attachments(caseID: caseID).isEmpty)
                #expect(try reader.messages(caseID: caseID).isEmpty)
                #expect(try reader.documents(caseID: caseID).allSatisfy { $0.fields.isEmpty })
                #expect(try reader.fetchCase(caseID) != nil)
                // The safeguard records stay, without their free text.
                let placeholder = PurgeReport.notePlaceholder
                #expect(try reader.interviews(caseID: caseID).map(\.place) == [placeholder])
                let holds = try reader.holds(caseID: caseID)
                #expect(holds.map(\.reason) == [placeholder])
                #expect(holds.map(\.lift?.reason) == [placeholder])
                let attestations = try reader.attestations(caseID: caseID)
                #expect(attestations.filter { $0.safeguardID == "no_pending_asylum_claim" }.count == 1)
                #expect(attestations.allSatisfy { $0.evidenceReference == placeholder })
            }
            #expect(try fixture.store.files.storedIDs(tenant: tenant).isEmpty)

            if let sqlitePath {
                #expect(occurrences(of: Self.surname, inFile: sqlitePath) == 0)
                #expect(occurrences(of: Self.surname, inFile: sqlitePath + "-wal") == 0)
            }

            // A second run finds nothing left and writes nothing.
            let again = try #require(try fixture.executor().run(tenant: tenant, dryRun: false))
            #expect(again.rules.allSatisfy { $0.removed.isEmpty })
            #expect(again.rules.first { $0.plan.ruleID == "purge_case" }?.alreadyClear == [caseID])

            guard case .intact = try AuditRecorder.verify(tenant: tenant, storage: storage) else {
                Issue.record("the audit chain does not verify after the purge")
                return
            }
            let entries = try storage.read(tenant: tenant) { reader throws in
                try reader.auditEntries(sequences: 1...(try reader.lastAuditEntry()!.sequence))
            }
            let purges = entries.filter { $0.action == DataProtectionAuditAction.retentionPurge.rawValue }
            #expect(purges.count == 2)
            #expect(purges.allSatisfy { $0.objectIDs.contains("case:\(caseID)") })
            #expect(
                entries.allSatisfy { entry in
                    !(entry.objectIDs + entry.fieldNames + entry.digests).joined().lowercased().contains("zzyxquorvath")
                })
        }
    }

    @Test("a hold in force blocks the purge, and the dry run says so", arguments: TestDatabases.backends)
    func holdBlocksPurge(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try DataProtectionFixture(storage: storage)
            defer { fixture.removeFiles() }
            let tenant = fixture.tenant
            let held = try fixture.openCase(surname: "Heldenberg").caseID
            let free = try fixture.openCase(surname: "Freimann").caseID
            let open = try fixture.openCase(surname: "Offenbach").caseID
            try fixture.close(held)
            try fixture.close(free)
            let hold = try fixture.engine.placeHold(
                tenant: tenant, caseID: held, reason: "monitoring visit pending", by: fixture.monitor)

            let dryRun = try #require(try fixture.executor().run(tenant: tenant, dryRun: true))
            let caseRule = try #require(dryRun.rules.first { $0.plan.ruleID == "purge_case" })
            #expect(caseRule.removed.map(\.caseID) == [free])
            #expect(caseRule.skipped == [RetentionSkip(caseID: held, reason: .holdInForce(count: 1))])
            #expect(!caseRule.removed.contains { $0.caseID == open }, "an open case is not reached by case_closed")
            // A dry run changes nothing.
            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.persons(caseID: free).count == 1)
            }

            _ = try fixture.executor().run(tenant: tenant, dryRun: false)
            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.persons(caseID: held).count == 1)
                #expect(try reader.persons(caseID: free).isEmpty)
                #expect(try reader.persons(caseID: open).count == 1)
            }

            try fixture.engine.liftHold(
                tenant: tenant, caseID: held, holdID: hold.id, reason: "visit done", by: fixture.monitor)
            _ = try fixture.executor().run(tenant: tenant, dryRun: false)
            try storage.read(tenant: tenant) { reader throws in
                #expect(try reader.persons(caseID: held).isEmpty)
            }
            guard case .intact = try AuditRecorder.verify(tenant: tenant, storage: storage) else {
                Issue.record("the audit chain does not verify after the purges")
                return
            }
        }
    }

    @Test("anonymising keeps the case skeleton with a placeholder person", arguments: TestDatabases.backends)
    func anonymise(backend: TestBackend) throws {
        let rules = """
            retention:
              - id: anonymise_case
                target: case
                action: anonymise
                trigger: case_closed
                after_days: 0
                legal_basis: test rule

            """
        try TestDatabases.with(backend) { storage in
            let fixture = try DataProtectionFixture(storage: storage, rules: rules)
            defer { fixture.removeFiles() }
            let caseID = try fixture.openCase(surname: Self.surname).caseID
            try fixture.close(caseID)
            _ = try fixture.executor().run(tenant: fixture.tenant, dryRun: false)
            try storage.read(tenant: fixture.tenant) { reader throws in
                let persons = try reader.persons(caseID: caseID)
                #expect(persons.map(\.surname) == [RetentionExecutor.placeholderSurname])
                #expect(persons.first?.searchKeys == [])
                #expect(try reader.listCases(CaseQuery(name: .contains(Self.surname))).isEmpty)
                #expect(try reader.fetchCase(caseID)?.state == "withdrawn")
            }
            let again = try #require(try fixture.executor().run(tenant: fixture.tenant, dryRun: true))
            #expect(again.rules[0].alreadyClear == [caseID])
        }
    }
}
