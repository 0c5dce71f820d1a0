import Foundation
import RCMSConfig

/// Where a subject access export was written and what it holds.
public struct SubjectExportResult: Sendable, Hashable {
    /// The folder holding `subject.json` and the `attachments` folder.
    public var folder: String
    /// Decrypted attachment files written.
    public var attachmentFiles: Int
    /// Audit entries about the case included in the document.
    public var auditEntries: Int
    /// BLAKE2b-256 of `subject.json`, as the audit trail records it.
    public var documentDigest: String
}

extension CaseEngine {
    /// Writes everything held about a case's person into `folder`, for a subject access
    /// request: `subject.json` (particulars, documents with their field values, attachment
    /// metadata, messages, interviews, deadlines, safeguard attestations, holds and the audit
    /// entries about the case) and each attachment decrypted under `attachments/`.
    ///
    /// `folder` must be missing or empty; it and its files are created readable by the owner
    /// only. The export is audited with the case, the attachment ids and the document's
    /// digest. When anything fails, the partly written folder is deleted.
    @discardableResult
    public func exportSubject(
        tenant: String, caseID: Int64, to folder: String, from store: AttachmentStore, by actor: DataProtectionActor,
        at instant: Instant = .now()
    ) throws -> SubjectExportResult {
        let export = try storage.read(tenant: tenant) { reader -> SubjectExportDocument in
            let record: CaseRecord
            switch actor {
            case .user(let user):
                let (visible, configuration) = try visibleCase(caseID, for: user, in: reader)
                try requirePermission(.exportSubject, of: user, in: configuration)
                record = visible
            case .operator:
                guard let found = try reader.fetchCase(caseID) else { throw EngineError.caseNotFound(caseID) }
                record = found
            }
            return try SubjectExportDocument(record: record, reader: reader, exportedAt: instant)
        }

        try Self.prepareEmptyFolder(folder)
        do {
            try AttachmentStore.createPrivateFolder("\(folder)/attachments")
            for attachment in export.attachments {
                let handle = try Self.createPrivateFile("\(folder)/\(attachment.file)")
                defer { try? handle.close() }
                try store.read(tenant: tenant, id: attachment.id, expectedDigest: attachment.digest) { chunk in
                    try handle.write(contentsOf: Data(chunk))
                }
            }

            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let json = try encoder.encode(export)
            let handle = try Self.createPrivateFile("\(folder)/subject.json")
            defer { try? handle.close() }
            try handle.write(contentsOf: json)
            let digest = AuditRecorder.digest(String(decoding: json, as: UTF8.self))

            try storage.write(tenant: tenant) { transaction in
                try AuditRecorder.append(
                    AuditDraft(
                        at: instant, actor: actor.auditName, action: DataProtectionAuditAction.subjectExport.rawValue,
                        objectIDs: ["case:\(caseID)"] + export.attachments.map { "attachment:\($0.id)" },
                        fieldNames: ["subject.json"], digests: [digest]),
                    in: transaction)
            }
            return SubjectExportResult(
                folder: folder, attachmentFiles: export.attachments.count, auditEntries: export.audit.count,
                documentDigest: digest)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    static func prepareEmptyFolder(_ folder: String) throws {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard existing.isEmpty else {
            throw EngineError.invalidInput([
                FieldProblem(
                    field: "out", code: "folder_not_empty",
                    message: "the export folder already holds files; name a new or empty folder")
            ])
        }
        try AttachmentStore.createPrivateFolder(folder)
    }

    static func createPrivateFile(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AttachmentError.io(operation: "creating an export file", errno: errno) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}

/// The `subject.json` document of a subject access export; keys are written in snake case
/// (`given_names`), instants as UTC in ISO 8601.
struct SubjectExportDocument: Encodable {
    struct Case: Encodable {
        var id: Int64
        var state: String
        var configurationVersion: String
        var voluntaryReturn: Bool
        var createdAt: String
        var closedAt: String?
        var transferredAt: String?
    }

    struct Person: Encodable {
        var id: Int64
        var surname: String
        var givenNames: String
        var transliteratedSurname: String?
        var transliteratedGivenNames: String?
        var dateOfBirth: String?
        var sex: String
        var nationalityClaimed: String?
        var particulars: [String: String]
    }

    struct Document: Encodable {
        struct Field: Encodable {
            var field: String
            var value: String
            var sharedWithOtherParty: Bool
        }
        var id: Int64
        var type: String
        var fields: [Field]
    }

    struct Attachment: Encodable {
        var id: Int64
        var documentId: Int64
        var originalName: String
        var mediaType: String
        var size: Int64
        var digest: String
        var biometric: Bool
        var storedAt: String
        /// Path of the decrypted file inside the export folder.
        var file: String
    }

    struct Message: Encodable {
        var id: Int64
        var senderParty: String
        var body: String
        var sentAt: String
    }

    struct Interview: Encodable {
        var id: Int64
        var scheduledAt: String
        var place: String
        var interpreterLanguage: String
    }

    struct Deadline: Encodable {
        var id: Int64
        var transition: String
        var party: String
        var dueDate: String
        var status: String
    }

    struct Attestation: Encodable {
        var safeguard: String
        var attestedBy: Int64
        var evidenceReference: String
        var attestedAt: String
    }

    struct Hold: Encodable {
        var id: Int64
        var placedBy: Int64
        var reason: String
        var placedAt: String
        var liftedAt: String?
        var liftReason: String?
    }

    struct Audit: Encodable {
        var sequence: Int64
        var at: String
        var actor: String
        var action: String
        var objectIds: [String]
        var fieldNames: [String]
    }

    var format = "rcms.subject-access-export"
    var formatVersion = 1
    var tenant: String
    var exportedAt: String
    var `case`: Case
    var persons: [Person]
    var documents: [Document]
    var attachments: [Attachment]
    var messages: [Message]
    var interviews: [Interview]
    var deadlines: [Deadline]
    var attestations: [Attestation]
    var holds: [Hold]
    var audit: [Audit]

    init(record: CaseRecord, reader: any StorageReader, exportedAt: Instant) throws {
        let caseID = record.id
        tenant = reader.tenant
        self.exportedAt = exportedAt.description
        `case` = Case(
            id: caseID, state: record.state, configurationVersion: record.configurationHash,
            voluntaryReturn: record.voluntaryReturn, createdAt: record.createdAt.description,
            closedAt: record.closedAt?.description, transferredAt: record.transferredAt?.description)
        persons = try reader.persons(caseID: caseID).map { person in
            Person(
                id: person.id, surname: person.surname, givenNames: person.givenNames,
                transliteratedSurname: person.transliteratedSurname,
                transliteratedGivenNames: person.transliteratedGivenNames,
                dateOfBirth: person.dateOfBirth?.description, sex: person.sex.rawValue,
                nationalityClaimed: person.nationalityClaimed, particulars: try reader.particulars(personID: person.id))
        }
        documents = try reader.documents(caseID: caseID).map { document in
            Document(
                id: document.id, type: document.documentTypeID,
                fields: document.fields.map {
                    Document.Field(field: $0.fieldID, value: $0.value, sharedWithOtherParty: $0.shared)
                })
        }
        attachments = try reader.attachments(caseID: caseID).map { attachment in
            // The id keeps file names unique; the sanitised name cannot leave the folder.
            Attachment(
                id: attachment.id, documentId: attachment.documentID, originalName: attachment.originalName,
                mediaType: attachment.mediaType, size: attachment.size, digest: attachment.digest,
                biometric: attachment.biometric, storedAt: attachment.storedAt.description,
                file: "attachments/\(attachment.id)-\(AttachmentName.sanitized(attachment.originalName))")
        }
        messages = try reader.messages(caseID: caseID).map {
            Message(id: $0.id, senderParty: $0.senderParty, body: $0.body, sentAt: $0.sentAt.description)
        }
        interviews = try reader.interviews(caseID: caseID).map {
            Interview(
                id: $0.id, scheduledAt: $0.scheduledAt.description, place: $0.place,
                interpreterLanguage: $0.interpreterLanguage)
        }
        deadlines = try reader.deadlines(caseID: caseID).map {
            Deadline(
                id: $0.id, transition: $0.transitionID, party: $0.party, dueDate: $0.dueDate.description,
                status: $0.status.rawValue)
        }
        attestations = try reader.attestations(caseID: caseID).map {
            Attestation(
                safeguard: $0.safeguardID, attestedBy: $0.attestedBy, evidenceReference: $0.evidenceReference,
                attestedAt: $0.attestedAt.description)
        }
        holds = try reader.holds(caseID: caseID).map {
            Hold(
                id: $0.id, placedBy: $0.placedBy, reason: $0.reason, placedAt: $0.placedAt.description,
                liftedAt: $0.lift?.liftedAt.description, liftReason: $0.lift?.reason)
        }
        audit = try Self.auditEntries(about: caseID, in: reader)
    }

    /// Entries naming `case:<id>`, read through the whole chain in pages of 1,000.
    static func auditEntries(about caseID: Int64, in reader: any StorageReader) throws -> [Audit] {
        guard let last = try reader.lastAuditEntry() else { return [] }
        let marker = "case:\(caseID)"
        var result: [Audit] = []
        var start: Int64 = 1
        while start <= last.sequence {
            let end = min(last.sequence, start + 999)
            for entry in try reader.auditEntries(sequences: start...end) where entry.objectIDs.contains(marker) {
                result.append(
                    Audit(
                        sequence: entry.sequence, at: entry.at.description, actor: entry.actor, action: entry.action,
                        objectIds: entry.objectIDs, fieldNames: entry.fieldNames))
            }
            start = end + 1
        }
        return result
    }
}
