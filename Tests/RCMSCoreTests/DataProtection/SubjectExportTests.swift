import Foundation
import RCMSCore
import RCMSTestSupport
import Testing

@Suite("Subject access export")
struct SubjectExportTests {
    @Test("the export holds every section and the decrypted files, and is audited", arguments: TestDatabases.backends)
    func export(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try DataProtectionFixture(storage: storage)
            defer { fixture.removeFiles() }
            let tenant = fixture.tenant
            let (caseID, passportID) = try fixture.openCase(surname: "Exportova", fatherName: "Ivan")
            let photo = Array(repeating: UInt8(0x5A), count: 70_000)
            let attachment = try fixture.engine.addAttachment(
                tenant: tenant, caseID: caseID, documentID: passportID, originalName: "photo.jpg",
                mediaType: "image/jpeg", biometric: true, bytes: photo, in: fixture.store, by: fixture.requesting)
            try fixture.engine.sendMessage(
                tenant: tenant, caseID: caseID, body: "Please confirm.", by: fixture.requesting)
            try fixture.engine.attest(
                tenant: tenant, caseID: caseID, safeguard: "no_suspensive_remedy", evidenceReference: "court 7/26",
                by: fixture.requesting)
            try fixture.engine.placeHold(tenant: tenant, caseID: caseID, reason: "check", by: fixture.monitor)

            let folder = "\(fixture.root)/export"
            let result = try fixture.engine.exportSubject(
                tenant: tenant, caseID: caseID, to: folder, from: fixture.store, by: .user(fixture.requesting))
            #expect(result.attachmentFiles == 1)

            let json = try #require(FileManager.default.contents(atPath: "\(folder)/subject.json"))
            let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            for section in [
                "case", "persons", "documents", "attachments", "messages", "interviews", "deadlines", "attestations",
                "holds", "audit",
            ] {
                #expect(document[section] != nil, "missing section \(section)")
            }
            let persons = try #require(document["persons"] as? [[String: Any]])
            #expect(persons.first?["surname"] as? String == "Exportova")
            #expect((persons.first?["particulars"] as? [String: String])?["father_name"] == "Ivan")
            #expect((document["holds"] as? [Any])?.count == 1)
            #expect((document["attestations"] as? [Any])?.count == 1)
            #expect(((document["audit"] as? [Any])?.count ?? 0) >= 5)
            let attachments = try #require(document["attachments"] as? [[String: Any]])
            let file = try #require(attachments.first?["file"] as? String)
            #expect(file == "attachments/\(attachment.id)-photo.jpg")
            #expect(FileManager.default.contents(atPath: "\(folder)/\(file)") == Data(photo))

            let last = try storage.read(tenant: tenant) { try $0.lastAuditEntry() }
            #expect(last?.action == DataProtectionAuditAction.subjectExport.rawValue)
            #expect(last?.objectIDs == ["case:\(caseID)", "attachment:\(attachment.id)"])
            #expect(last?.digests == [result.documentDigest])

            // A second export refuses to mix into the same folder.
            #expect(throws: EngineError.self) {
                try fixture.engine.exportSubject(
                    tenant: tenant, caseID: caseID, to: folder, from: fixture.store, by: .operator("test"))
            }
            // The requested party's officer has no export permission in de-pk.
            let requested = EngineUser(id: 2001, party: .requested, roles: ["requested_officer"])
            #expect(throws: EngineError.self) {
                try fixture.engine.exportSubject(
                    tenant: tenant, caseID: caseID, to: "\(fixture.root)/other", from: fixture.store,
                    by: .user(requested))
            }
        }
    }

    @Test("retention deletes the cached export of a purged case", arguments: TestDatabases.backends)
    func retentionRemovesCachedExport(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try DataProtectionFixture(storage: storage)
            defer { fixture.removeFiles() }
            let (caseID, passportID) = try fixture.openCase(surname: "Cachewitz")
            try fixture.engine.addAttachment(
                tenant: fixture.tenant, caseID: caseID, documentID: passportID, originalName: "scan.pdf",
                mediaType: "application/pdf", biometric: false, bytes: Array("scan".utf8), in: fixture.store,
                by: fixture.requesting)
            let folder = try fixture.store.files.exportFolder(tenant: fixture.tenant, caseID: caseID)
            try fixture.engine.exportSubject(
                tenant: fixture.tenant, caseID: caseID, to: folder, from: fixture.store, by: .operator("test"))
            try fixture.close(caseID)

            _ = try fixture.executor().run(tenant: fixture.tenant, dryRun: false)
            #expect(!FileManager.default.fileExists(atPath: folder))
            #expect(try fixture.store.files.storedIDs(tenant: fixture.tenant).isEmpty)
        }
    }
}
