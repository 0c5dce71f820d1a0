import Foundation
import RCMSConfig
import RCMSCore
import RCMSTestSupport
import Testing

@Suite("Readmission procedure through the engine")
struct ProcedureTests {
    /// Greece asks Bangladesh to readmit a person: application, interview, acceptance, travel
    /// permit, transfer, with every safeguard attested before the removal is scheduled.
    @Test(arguments: TestDatabases.backends)
    func greeceToBangladeshFromApplicationToTransfer(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "gr-bd", storage: storage)
            let opened = try fixture.openCase()
            let caseID = opened.record.id
            #expect(opened.record.state == "draft")

            // The requested state does not see a draft.
            #expect(throws: EngineError.caseNotFound(caseID)) {
                try fixture.engine.sendMessage(tenant: "gr-bd", caseID: caseID, body: "x", by: fixture.requested)
            }

            // Submitting needs the residence-permit check first.
            #expect(throws: EngineError.self) { try fixture.perform("submit", on: caseID, by: fixture.requesting) }
            try fixture.attestAll(["no_valid_residence_permit"], caseID: caseID)
            let submitted = try fixture.perform("submit", on: caseID, by: fixture.requesting)
            #expect(submitted.state == "submitted")

            let deadlines = try storage.read(tenant: "gr-bd") { try $0.deadlines(caseID: caseID) }
            #expect(deadlines.count == 1)
            #expect(deadlines.first?.party == "requested")

            try fixture.engine.scheduleInterview(
                tenant: "gr-bd", caseID: caseID, scheduledAt: Instant.now().adding(seconds: 86_400 * 7),
                place: "Embassy of Bangladesh, Athens", interpreterLanguage: "bn", by: fixture.requested)
            try fixture.perform("request_interview", on: caseID, by: fixture.requested)
            try fixture.perform("complete_interview", on: caseID, by: fixture.requested)
            try fixture.engine.sendMessage(
                tenant: "gr-bd", caseID: caseID, body: "Nationality confirmed after interview.", by: fixture.requested)
            try fixture.perform("accept", on: caseID, by: fixture.requested)

            try fixture.engine.addDocument(
                tenant: "gr-bd", caseID: caseID,
                DocumentInput(
                    type: "travel_document",
                    fields: ["number": "TP-2026-118", "issue_date": "2026-04-01", "expiry_date": "2026-07-01"]),
                by: fixture.requested)
            try fixture.perform("issue_travel_document", on: caseID, by: fixture.requested)

            // Scheduling the removal is refused until every safeguard is attested, and the
            // refusal names each one that is missing.
            do {
                try fixture.perform("schedule_removal", on: caseID, by: fixture.requesting)
                Issue.record("schedule_removal passed without safeguards")
            } catch EngineError.unmetConditions(let conditions) {
                let missing = conditions.compactMap { condition -> String? in
                    if case .missingSafeguard(_, let safeguard) = condition { return safeguard }
                    return nil
                }
                #expect(
                    Set(missing).isSuperset(of: [
                        "no_pending_asylum_claim", "no_suspensive_remedy", "identity_confirmed",
                    ]))
                #expect(!missing.contains("informed_consent"), "consent applies to voluntary returns only")
            }
            try fixture.attestAll(
                [
                    "no_pending_asylum_claim", "no_suspensive_remedy", "identity_confirmed",
                    "legal_procedures_concluded",
                    "fit_to_travel",
                ],
                caseID: caseID)

            // The independent monitor holds the removal; it is blocked until the hold is lifted.
            let hold = try fixture.engine.placeHold(
                tenant: "gr-bd", caseID: caseID, reason: "medical report pending", by: fixture.monitor)
            #expect(throws: EngineError.self) {
                try fixture.perform("schedule_removal", on: caseID, by: fixture.requesting)
            }
            try fixture.engine.liftHold(
                tenant: "gr-bd", caseID: caseID, holdID: hold.id, reason: "fit to travel", by: fixture.monitor)

            try fixture.perform("schedule_removal", on: caseID, by: fixture.requesting)

            // A hold placed once the removal is scheduled stops the transfer itself, and only
            // the monitor who placed it can lift it.
            let lateHold = try fixture.engine.placeHold(
                tenant: "gr-bd", caseID: caseID, reason: "complaint received", by: fixture.monitor)
            #expect(throws: EngineError.self) {
                try fixture.perform("confirm_transfer", on: caseID, by: fixture.requesting)
            }
            do {
                try fixture.engine.liftHold(
                    tenant: "gr-bd", caseID: caseID, holdID: lateHold.id, reason: "officer", by: fixture.requesting)
                Issue.record("an officer lifted the monitor's hold")
            } catch EngineError.unmetConditions(let conditions) {
                #expect(conditions.map(\.code) == ["monitor_hold"])
            }
            try fixture.engine.liftHold(
                tenant: "gr-bd", caseID: caseID, holdID: lateHold.id, reason: "complaint answered", by: fixture.monitor)
            let transferred = try fixture.perform("confirm_transfer", on: caseID, by: fixture.requesting)
            #expect(transferred.state == "transferred")
            #expect(transferred.transferredAt != nil)
            #expect(transferred.closedAt != nil)

            let verification = try AuditRecorder.verify(tenant: "gr-bd", storage: storage)
            #expect(verification.isIntact)
            let actions = try storage.read(tenant: "gr-bd") { reader in
                try reader.auditEntries(sequences: 1...1000).map(\.action)
            }
            #expect(actions.contains("case.open"))
            #expect(actions.contains("hold.place"))
            #expect(actions.contains("case.transfer"))
        }
    }

    @Test(arguments: TestDatabases.backends)
    func staleVersionIsRefused(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "gr-bd", storage: storage)
            let caseID = try fixture.openCase().record.id
            try fixture.attestAll(["no_valid_residence_permit"], caseID: caseID)
            let read = try fixture.version(caseID)
            try fixture.perform("submit", on: caseID, by: fixture.requesting)
            #expect(throws: EngineError.self) {
                try fixture.engine.perform(
                    tenant: "gr-bd", caseID: caseID, transition: "withdraw", expectedVersion: read,
                    by: fixture.requesting)
            }
            do {
                try fixture.engine.perform(
                    tenant: "gr-bd", caseID: caseID, transition: "withdraw", expectedVersion: read,
                    by: fixture.requesting)
            } catch let error as EngineError {
                #expect(error.code == "stale_version")
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func silenceBecomesDeemedAcceptance(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "at-rs", storage: storage)
            let start = Instant(iso8601: "2026-03-02T09:00:00Z")!
            let caseID = try fixture.openCase(at: start).record.id
            try fixture.attestAll(["no_valid_residence_permit"], caseID: caseID)
            try fixture.perform("submit", on: caseID, by: fixture.requesting, at: start)

            let early = try fixture.engine.sweepDeadlines(tenant: "at-rs", at: start.adding(seconds: 86_400 * 5))
            #expect(early.expired == 0)

            let late = start.adding(seconds: 86_400 * 20)
            let report = try fixture.engine.sweepDeadlines(tenant: "at-rs", at: late)
            #expect(report.transitions == 1)
            let state = try storage.read(tenant: "at-rs") { try $0.fetchCase(caseID)!.state }
            #expect(state == "accepted")

            let again = try fixture.engine.sweepDeadlines(tenant: "at-rs", at: late.adding(seconds: 60))
            #expect(again.transitions == 0, "the expiry action runs once")
            let systemEntries = try storage.read(tenant: "at-rs") { reader in
                try reader.auditEntries(sequences: 1...1000).filter { $0.actor == "system" }
            }
            #expect(!systemEntries.isEmpty)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func deadlineExtensionWithinMaximum(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "at-rs", storage: storage)
            let start = Instant(iso8601: "2026-03-02T09:00:00Z")!
            let caseID = try fixture.openCase(at: start).record.id
            try fixture.attestAll(["no_valid_residence_permit"], caseID: caseID)
            try fixture.perform("submit", on: caseID, by: fixture.requesting, at: start)
            let deadline = try #require(try storage.read(tenant: "at-rs") { try $0.deadlines(caseID: caseID) }.first)
            #expect(deadline.dueDate == CivilDate(year: 2026, month: 3, day: 12)!)

            #expect(throws: EngineError.self) {
                try fixture.engine.extendDeadline(
                    tenant: "at-rs", caseID: caseID, deadlineID: deadline.id, amount: 2, reason: "x",
                    by: fixture.requesting)
            }
            let extended = try fixture.engine.extendDeadline(
                tenant: "at-rs", caseID: caseID, deadlineID: deadline.id, amount: 4,
                reason: "records requested from the registry", by: fixture.requested)
            #expect(extended.dueDate == CivilDate(year: 2026, month: 3, day: 16)!)
            #expect(extended.status == .extended)
            #expect(throws: EngineError.self) {
                try fixture.engine.extendDeadline(
                    tenant: "at-rs", caseID: caseID, deadlineID: deadline.id, amount: 3, reason: "more",
                    by: fixture.requested)
            }
        }
    }

    /// Bangladesh announces Eid a day later than estimated: the running working-day deadline
    /// that the holiday falls within moves, and the move is audited.
    @Test(arguments: TestDatabases.backends)
    func holidayCorrectionMovesRunningDeadlines(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "gr-bd", storage: storage)
            let start = Instant(iso8601: "2026-03-16T08:00:00Z")!
            let caseID = try fixture.openCase(at: start).record.id
            try fixture.attestAll(["no_valid_residence_permit"], caseID: caseID)
            try fixture.perform("submit", on: caseID, by: fixture.requesting, at: start)
            try fixture.perform("accept", on: caseID, by: fixture.requested, at: start)
            let before = try #require(
                try storage.read(tenant: "gr-bd") { try $0.deadlines(caseID: caseID) }.first { $0.isRunning })

            // Eid ul-Fitr 21-23 March estimated; the corrected list adds 24 March, a Tuesday.
            var files = fixture.configuration.bundle.files
            let index = try #require(files.firstIndex { $0.path == "calendars/bd.yaml" })
            let text = files[index].text
            let marker = "      - date: 2026-03-26\n"
            try #require(text.contains(marker))
            let added = "      - date: 2026-03-24\n        name: {el: Ιντ, en: Eid holiday, bn: ঈদ}\n"
            files[index] = TenantBundle.File(
                path: files[index].path,
                contents: Array(text.replacingOccurrences(of: marker, with: added + marker).utf8))
            let corrected = try #require(
                TenantLoader().load(bundle: TenantBundle(tenantID: "gr-bd", files: files), displayPrefix: "gr-bd")
                    .configuration)
            try fixture.engine.versions.publish(corrected, by: "test")

            let after = try #require(
                try storage.read(tenant: "gr-bd") { try $0.deadlines(caseID: caseID) }.first { $0.id == before.id })
            // Ten working days from Monday 16 March skip the Friday-Saturday weekends and the
            // Shab-e-Qadr, Eid and Independence Day holidays; one more holiday adds a day.
            #expect(before.dueDate == CivilDate(year: 2026, month: 4, day: 5)!)
            #expect(after.dueDate == CivilDate(year: 2026, month: 4, day: 6)!)
            let actions = try storage.read(tenant: "gr-bd") { try $0.auditEntries(sequences: 1...1000).map(\.action) }
            #expect(actions.contains("deadline.recompute"))
        }
    }

    @Test(arguments: TestDatabases.backends)
    func duplicatesAcrossScriptsAreReported(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "gr-bd", storage: storage)
            let first = try fixture.openCase(surname: "İSMAİL", givenNames: "Hasan", dateOfBirth: "1990")
            let second = try fixture.openCase(surname: "ismail", givenNames: "hasan", dateOfBirth: "1990-05-02")
            #expect(second.possibleDuplicates == [first.record.id])
            let other = try fixture.openCase(surname: "ismail", givenNames: "hasan", dateOfBirth: "1985")
            #expect(other.possibleDuplicates.isEmpty, "an incompatible date of birth is not a duplicate")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func invalidInputNamesFieldsAndWritesNothing(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "gr-bd", storage: storage)
            do {
                _ = try fixture.engine.openCase(
                    tenant: "gr-bd",
                    OpenCaseInput(
                        person: PersonInput(surname: "Rahman", givenNames: "Karim", dateOfBirth: "2025-02-29"),
                        documents: [DocumentInput(type: "passport", fields: ["numbr": "X"])]),
                    by: fixture.requesting)
                Issue.record("expected invalid input")
            } catch EngineError.invalidInput(let problems) {
                #expect(problems.map(\.field).contains("person.date_of_birth"))
            }
            do {
                _ = try fixture.engine.openCase(
                    tenant: "gr-bd",
                    OpenCaseInput(
                        person: PersonInput(surname: "Rahman", givenNames: "Karim", dateOfBirth: "1990"),
                        documents: [DocumentInput(type: "passport", fields: ["numbr": "X"])]),
                    by: fixture.requesting)
            } catch EngineError.invalidInput(let problems) {
                #expect(problems.map(\.field).contains("documents[0].fields.numbr"))
                #expect(problems.map(\.field).contains("documents[0].fields.number"))
            }
            let cases = try storage.read(tenant: "gr-bd") { try $0.listCases(CaseQuery()) }
            #expect(cases.isEmpty)

            let opened = try fixture.openCase()
            do {
                try fixture.engine.addDocument(
                    tenant: "gr-bd", caseID: opened.record.id,
                    DocumentInput(
                        type: "passport",
                        fields: ["number": "X1", "issue_date": "2026-05-01", "expiry_date": "2026-04-01"]),
                    by: fixture.requesting)
                Issue.record("a document expiring before its issue date was accepted")
            } catch EngineError.invalidInput(let problems) {
                #expect(problems.map(\.field) == ["document.fields.expiry_date"])
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func auditTamperingIsFound(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "gr-bd", storage: storage)
            let caseID = try fixture.openCase().record.id
            try fixture.engine.sendMessage(tenant: "gr-bd", caseID: caseID, body: "first", by: fixture.requesting)
            try fixture.engine.sendMessage(tenant: "gr-bd", caseID: caseID, body: "second", by: fixture.requesting)
            #expect(try AuditRecorder.verify(tenant: "gr-bd", storage: storage).isIntact)

            switch backend {
            case .sqlite:
                try TestDatabases.executeMaintenanceSQL(
                    """
                    DROP TRIGGER audit_entries_no_update;
                    UPDATE audit_entries SET actor = '9999' WHERE tenant_id = 'gr-bd' AND sequence = 3;
                    """, on: storage)
            case .postgres:
                try TestDatabases.executeMaintenanceSQL(
                    """
                    SET session_replication_role = replica;
                    UPDATE audit_entries SET actor = '9999' WHERE tenant_id = 'gr-bd' AND sequence = 3;
                    SET session_replication_role = origin;
                    """, on: storage)
            }
            let verification = try AuditRecorder.verify(tenant: "gr-bd", storage: storage)
            #expect(!verification.isIntact)
            #expect(verification.failure?.sequence == 3)
        }
    }

    @Test(arguments: TestDatabases.backends)
    func casesKeepTheirVersionUntilMigrated(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try EngineFixture(tenant: "gr-bd", storage: storage)
            let caseID = try fixture.openCase().record.id
            let pinned = fixture.configuration.contentHash

            var files = fixture.configuration.bundle.files
            let index = files.firstIndex { $0.path == "workflow.yaml" }!
            let edited = files[index].text.replacingOccurrences(of: "id: draft\n", with: "id: preparation\n")
                .replacingOccurrences(of: "initial: draft", with: "initial: preparation")
                .replacingOccurrences(of: "        - draft\n", with: "        - preparation\n")
            files[index] = TenantBundle.File(path: "workflow.yaml", contents: Array(edited.utf8))
            let result = TenantLoader().load(
                bundle: TenantBundle(tenantID: "gr-bd", files: files), displayPrefix: "gr-bd")
            let newVersion = try #require(
                result.configuration, "\(result.diagnostics.filter { $0.severity == .error })")
            try fixture.engine.versions.publish(newVersion, by: "test")

            let stillPinned = try storage.read(tenant: "gr-bd") { try $0.fetchCase(caseID)! }
            #expect(stillPinned.configurationHash == pinned)
            let newCase = try fixture.openCase(surname: "Other").record
            #expect(newCase.configurationHash == newVersion.contentHash)
            #expect(newCase.state == "preparation")

            #expect(throws: EngineError.self) {
                try fixture.engine.migrateOpenCases(
                    tenant: "gr-bd", to: newVersion.contentHash, stateMapping: [:], by: "test")
            }
            let moved = try fixture.engine.migrateOpenCases(
                tenant: "gr-bd", to: newVersion.contentHash, stateMapping: ["draft": "preparation"], by: "test")
            #expect(moved == [caseID])
            let migrated = try storage.read(tenant: "gr-bd") { try $0.fetchCase(caseID)! }
            #expect(migrated.state == "preparation")
            #expect(migrated.configurationHash == newVersion.contentHash)
        }
    }
}
