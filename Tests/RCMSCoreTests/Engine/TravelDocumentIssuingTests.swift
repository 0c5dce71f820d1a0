import Foundation
import RCMSConfig
import RCMSCore
import RCMSTestSupport
import Testing

/// A bundled tenant with an engine that signs travel documents with keys in a fresh folder.
struct IssuingFixture {
    let base: EngineFixture
    let engine: CaseEngine
    let keys: TravelDocumentKeyStore

    init(tenant: String, storage: any Storage, keyFolder: String) throws {
        base = try EngineFixture(tenant: tenant, storage: storage)
        keys = TravelDocumentKeyStore(dataDirectory: keyFolder)
        if try keys.publicKeys(tenant: tenant).isEmpty {
            try keys.create(tenant: tenant, party: "requested")
        }
        engine = CaseEngine(storage: storage, versions: base.engine.versions, travelDocumentKeys: keys)
    }

    var tenant: String { base.tenant }

    func perform(_ transition: String, on caseID: Int64, by user: EngineUser) throws {
        try engine.perform(
            tenant: tenant, caseID: caseID, transition: transition, expectedVersion: try base.version(caseID),
            by: user)
    }

    /// Opens a case and drives it to acceptance, with the travel document particulars the
    /// issuing transition requires; returns the case id.
    func acceptedCase(surname: String = "Rahman", transliterated: (String, String)? = nil) throws -> Int64 {
        let opened = try engine.openCase(
            tenant: tenant,
            OpenCaseInput(
                person: PersonInput(
                    surname: surname, givenNames: "Abdul Karim", transliteratedSurname: transliterated?.0,
                    transliteratedGivenNames: transliterated?.1, dateOfBirth: "1991-03-14", sex: .male,
                    nationalityClaimed: "PK"),
                documents: [
                    DocumentInput(
                        type: "application_form",
                        fields: ["internal_file_reference": "F-1", "application_date": "2026-03-02"]),
                    DocumentInput(type: "passport", fields: ["number": "BX0412345"]),
                ]),
            by: base.requesting)
        let caseID = opened.record.id
        if tenant == "nl-lk" {
            // Sri Lanka needs a photo with the application; the particular stands for one here.
            try engine.storage.write(tenant: tenant) { transaction in
                let person = try #require(try transaction.persons(caseID: caseID).first)
                try transaction.setParticular(personID: person.id, fieldID: "photo", value: "attachment:1")
            }
        }
        try engine.attest(
            tenant: tenant, caseID: caseID, safeguard: "no_valid_residence_permit", evidenceReference: "register 1",
            by: base.requesting)
        try perform("submit", on: caseID, by: base.requesting)
        try perform("accept", on: caseID, by: base.requested)
        try engine.addDocument(
            tenant: tenant, caseID: caseID,
            DocumentInput(
                type: "travel_document",
                fields: ["number": "X1", "issue_date": "2026-04-01", "expiry_date": "2026-10-01"]),
            by: base.requested)
        return caseID
    }

    func trail() throws -> [AuditEntry] {
        try engine.storage.read(tenant: tenant) { reader in
            guard let last = try reader.lastAuditEntry() else { return [] }
            return try reader.auditEntries(sequences: 1...last.sequence)
        }
    }
}

func temporaryFolder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-td-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Issuing travel documents through the engine")
struct TravelDocumentIssuingTests {
    @Test(arguments: TestDatabases.backends)
    func pakistanIssuesOnTransition(backend: TestBackend) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestDatabases.with(backend) { storage in
            let fixture = try IssuingFixture(tenant: "de-pk", storage: storage, keyFolder: folder)
            let caseID = try fixture.acceptedCase()
            try fixture.perform("issue_travel_document", on: caseID, by: fixture.base.requested)

            let documents = try fixture.engine.travelDocuments(
                tenant: "de-pk", caseID: caseID, for: fixture.base.requesting)
            let document = try #require(documents.first)
            #expect(documents.count == 1)
            #expect(document.number == "PK0000001")
            #expect(document.status == .valid)
            #expect(document.issuedBy == "requested")
            #expect(document.templateID == "emergency_travel_document")

            // Six months on Pakistan's calendar, counted from Pakistan's date of issue.
            let karachi = DeadlineCalculator.civilDate(of: Date(), in: TimeZone(identifier: "Asia/Karachi")!)
            #expect(document.validFrom == karachi)
            let until = try #require(document.validUntil)
            #expect(until.year * 12 + until.month - (karachi.year * 12 + karachi.month) == 6)

            let verifier = TravelDocumentVerifier(keys: fixture.keys, storage: storage, tenants: ["de-pk"])
            let check = try verifier.verify(document.payload)
            #expect(check.outcome == .valid)
            #expect(check.fields?.surname == "Rahman")
            #expect(check.fields?.number == "PK0000001")
            #expect(check.fields?.issuingState == "PAK")

            // Purging the person keeps only the payload's digest, which still verifies.
            try storage.write(tenant: "de-pk") { try $0.purgePersonalData(caseID: caseID, scope: .persons) }
            let purged = try #require(
                try fixture.engine.travelDocuments(tenant: "de-pk", caseID: caseID, for: fixture.base.requesting).first)
            #expect(purged.payload.hasPrefix("blake2b:"))
            #expect(try verifier.verify(document.payload).outcome == .valid)

            let issue = try #require(fixture.trail().first { $0.action == "travel_document.issue" })
            #expect(issue.action == "travel_document.issue")
            #expect(issue.objectIDs.contains("travel_document:PK0000001"))
            #expect(!issue.objectIDs.joined().contains("Rahman"))
        }
    }

    @Test(arguments: TestDatabases.backends)
    func unlatinNameNeedsTransliteration(backend: TestBackend) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestDatabases.with(backend) { storage in
            let fixture = try IssuingFixture(tenant: "de-pk", storage: storage, keyFolder: folder)
            let caseID = try fixture.acceptedCase(surname: "خان")
            do {
                try fixture.perform("issue_travel_document", on: caseID, by: fixture.base.requested)
                Issue.record("a travel document was issued without a Latin surname")
            } catch EngineError.invalidInput(let problems) {
                #expect(problems.map(\.code) == ["transliteration_required"])
                #expect(problems.first?.field == "person.transliterated_surname")
            }
            // Nothing was written: the case stays accepted and no number was used up.
            let state = try storage.read(tenant: "de-pk") { try $0.fetchCase(caseID)?.state }
            #expect(state == "accepted")

            let transliterated = try fixture.acceptedCase(surname: "خان", transliterated: ("Khan", "Abdul Karim"))
            try fixture.perform("issue_travel_document", on: transliterated, by: fixture.base.requested)
            let document = try #require(
                fixture.engine.travelDocuments(tenant: "de-pk", caseID: transliterated, for: fixture.base.requested)
                    .first)
            #expect(document.number == "PK0000001")
        }
    }

    @Test(arguments: TestDatabases.backends)
    func missingKeyRefusesIssuing(backend: TestBackend) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestDatabases.with(backend) { storage in
            let base = try EngineFixture(tenant: "nl-lk", storage: storage)
            let engine = CaseEngine(
                storage: storage, versions: base.engine.versions,
                travelDocumentKeys: TravelDocumentKeyStore(dataDirectory: folder))
            let fixture = try IssuingFixture(tenant: "nl-lk", storage: storage, keyFolder: folder)
            let caseID = try fixture.acceptedCase()
            try FileManager.default.removeItem(atPath: "\(folder)/keys")
            do {
                try engine.perform(
                    tenant: "nl-lk", caseID: caseID, transition: "issue_travel_document",
                    expectedVersion: try base.version(caseID), by: base.requested)
                Issue.record("issued without a key")
            } catch EngineError.invalidInput(let problems) {
                #expect(problems.first?.code == "no_travel_document_key")
            }
        }
    }

    /// Officers of two tenants issue at once: each tenant's series has every number once.
    @Test(arguments: TestDatabases.backends)
    func concurrentIssuingHasNoGapOrDuplicate(backend: TestBackend) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestDatabases.with(backend) { storage in
            let pakistan = try IssuingFixture(tenant: "de-pk", storage: storage, keyFolder: folder)
            let sriLanka = try IssuingFixture(tenant: "nl-lk", storage: storage, keyFolder: folder)
            let perTenant = 6
            var jobs: [(IssuingFixture, Int64)] = []
            for _ in 0..<perTenant {
                jobs.append((pakistan, try pakistan.acceptedCase()))
                jobs.append((sriLanka, try sriLanka.acceptedCase()))
            }

            let failures = Failures()
            let work = jobs
            DispatchQueue.concurrentPerform(iterations: work.count) { index in
                let (fixture, caseID) = work[index]
                do {
                    try fixture.perform("issue_travel_document", on: caseID, by: fixture.base.requested)
                } catch {
                    failures.add("\(fixture.tenant) case \(caseID): \(error)")
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")

            for (fixture, prefix, width) in [(pakistan, "PK", 7), (sriLanka, "LKLP", 6)] {
                var numbers: [String] = []
                for (owner, caseID) in jobs where owner.tenant == fixture.tenant {
                    numbers += try fixture.engine.travelDocuments(
                        tenant: fixture.tenant, caseID: caseID, for: fixture.base.requested
                    ).map(\.number)
                }
                let expected = (1...perTenant).map {
                    prefix + String(repeating: "0", count: width - String($0).count) + String($0)
                }
                #expect(numbers.sorted() == expected, "\(fixture.tenant)")
            }
        }
    }

    @Test(arguments: TestDatabases.backends)
    func cancelAndReissueKeepOldNumbers(backend: TestBackend) throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestDatabases.with(backend) { storage in
            let fixture = try IssuingFixture(tenant: "de-pk", storage: storage, keyFolder: folder)
            let requested = fixture.base.requested
            let caseID = try fixture.acceptedCase()
            try fixture.perform("issue_travel_document", on: caseID, by: requested)

            // The requesting state may not cancel Pakistan's document.
            #expect(throws: EngineError.self) {
                try fixture.engine.cancelTravelDocument(
                    tenant: "de-pk", caseID: caseID, number: "PK0000001", reason: "x", by: fixture.base.requesting)
            }
            #expect(throws: EngineError.self) {
                try fixture.engine.cancelTravelDocument(
                    tenant: "de-pk", caseID: caseID, number: "PK0000001", reason: " ", by: requested)
            }

            // A failed transfer: the document is replaced, then the replacement is cancelled.
            let second = try fixture.engine.reissueTravelDocument(
                tenant: "de-pk", caseID: caseID, number: "PK0000001", reason: "transfer failed", by: requested)
            #expect(second.number == "PK0000002")
            let cancelled = try fixture.engine.cancelTravelDocument(
                tenant: "de-pk", caseID: caseID, number: "PK0000002", reason: "person absconded", by: requested)
            #expect(cancelled.status == .cancelled)

            let documents = try fixture.engine.travelDocuments(tenant: "de-pk", caseID: caseID, for: requested)
            #expect(documents.map(\.number) == ["PK0000001", "PK0000002"])
            #expect(documents.map(\.status) == [.superseded, .cancelled])

            let trail = try fixture.trail().filter { $0.action.hasPrefix("travel_document.") }
            #expect(
                trail.map(\.action) == [
                    "travel_document.issue", "travel_document.supersede", "travel_document.issue",
                    "travel_document.cancel",
                ])
            #expect(trail[1].objectIDs.contains("travel_document:PK0000001"))
            #expect(trail[3].objectIDs.contains("travel_document:PK0000002"))
            #expect(try AuditRecorder.verify(tenant: "de-pk", storage: storage).isIntact)

            let verifier = TravelDocumentVerifier(keys: fixture.keys, storage: storage, tenants: ["de-pk"])
            #expect(try verifier.verify(documents[0].payload).outcome == .superseded)
            #expect(try verifier.verify(documents[1].payload).outcome == .cancelled)
        }
    }
}

/// Failures collected from concurrent work.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        messages.append(message)
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}
