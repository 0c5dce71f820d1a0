import Foundation
import RCMSConfig

extension CaseEngine {
    /// Stores a file for a document of a case, encrypted under the store's current key, and
    /// records its metadata with the plaintext's BLAKE2b digest.
    ///
    /// The bytes go to disk under a new server-generated id before the transaction; when the
    /// transaction fails the file is deleted again. The audit entry holds ids and the digest,
    /// never the file name.
    @discardableResult
    public func addAttachment(
        tenant: String, caseID: Int64, documentID: Int64, originalName: String, mediaType: String, biometric: Bool,
        stream: some AttachmentByteSource, in store: AttachmentStore, by user: EngineUser,
        at instant: Instant = .now()
    ) throws -> AttachmentRecord {
        guard Self.isMediaType(mediaType) else {
            throw EngineError.invalidInput([
                FieldProblem(
                    field: "media_type", code: "invalid_value", message: "expected a media type such as image/jpeg")
            ])
        }
        try storage.read(tenant: tenant) { reader in
            try checkAttachable(caseID: caseID, documentID: documentID, by: user, in: reader)
        }

        let id = RecordID.random()
        let stored = try store.write(tenant: tenant, id: id, from: stream)
        let record = AttachmentRecord(
            id: id, caseID: caseID, documentID: documentID, originalName: AttachmentName.sanitized(originalName),
            mediaType: mediaType.lowercased(), size: stored.size, digest: stored.digest, biometric: biometric,
            storedAt: instant)
        do {
            try storage.write(tenant: tenant) { transaction in
                try checkAttachable(caseID: caseID, documentID: documentID, by: user, in: transaction)
                try transaction.insertAttachment(record)
                try AuditRecorder.append(
                    AuditDraft(
                        at: instant, actor: String(user.id), action: DataProtectionAuditAction.attachmentAdd.rawValue,
                        objectIDs: ["case:\(caseID)", "document:\(documentID)", "attachment:\(id)"],
                        fieldNames: biometric ? ["content", "biometric"] : ["content"], digests: [stored.digest]),
                    in: transaction)
            }
        } catch {
            _ = try? store.files.remove(tenant: tenant, id: id)
            throw error
        }
        return record
    }

    /// Stores `bytes` as a file for a document of a case; see the streaming variant.
    @discardableResult
    public func addAttachment(
        tenant: String, caseID: Int64, documentID: Int64, originalName: String, mediaType: String, biometric: Bool,
        bytes: [UInt8], in store: AttachmentStore, by user: EngineUser, at instant: Instant = .now()
    ) throws -> AttachmentRecord {
        try addAttachment(
            tenant: tenant, caseID: caseID, documentID: documentID, originalName: originalName, mediaType: mediaType,
            biometric: biometric, stream: InMemoryByteSource(bytes), in: store, by: user, at: instant)
    }

    /// Opens an attachment of a case for a user, after recording the access in the audit trail.
    /// The caller pulls the plaintext from the returned stream chunk by chunk.
    ///
    /// The case must be visible to the user and the attachment must belong to it; otherwise this
    /// throws before anything is read. Every chunk is authenticated before the stream returns
    /// it, and a changed file throws `AttachmentError.authenticationFailed`. The stream compares
    /// the plaintext with the length and digest recorded at upload and throws
    /// `AttachmentError.digestMismatch` in place of the last chunk when they differ.
    public func openAttachment(
        tenant: String, caseID: Int64, attachmentID: Int64, from store: AttachmentStore, by user: EngineUser,
        at instant: Instant = .now()
    ) throws -> (record: AttachmentRecord, stream: AttachmentStream) {
        let record = try storage.write(tenant: tenant) { transaction -> AttachmentRecord in
            _ = try visibleCase(caseID, for: user, in: transaction)
            guard let record = try transaction.fetchAttachment(attachmentID), record.caseID == caseID else {
                throw AttachmentError.notInCase(attachmentID: attachmentID, caseID: caseID)
            }
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: DataProtectionAuditAction.attachmentRead.rawValue,
                    objectIDs: ["case:\(caseID)", "attachment:\(attachmentID)"], digests: [record.digest]),
                in: transaction)
            return record
        }
        let stream = try store.openStream(
            tenant: tenant, id: attachmentID, expectedDigest: record.digest, expectedSize: record.size)
        return (record, stream)
    }

    /// Decrypts an attachment of a case for a user, handing the plaintext to `sink` in chunks,
    /// after the checks and the audit entry of `openAttachment`.
    ///
    /// Every chunk is authenticated before `sink` receives it, and a changed file throws
    /// `AttachmentError.authenticationFailed`. A plaintext whose length or digest differs from
    /// the recorded one throws `AttachmentError.digestMismatch` before `sink` gets the last
    /// chunk, so a streaming caller must drop what it received when this throws.
    @discardableResult
    public func readAttachment(
        tenant: String, caseID: Int64, attachmentID: Int64, from store: AttachmentStore, by user: EngineUser,
        at instant: Instant = .now(), into sink: ([UInt8]) throws -> Void
    ) throws -> AttachmentRecord {
        let (record, stream) = try openAttachment(
            tenant: tenant, caseID: caseID, attachmentID: attachmentID, from: store, by: user, at: instant)
        while let chunk = try stream.next() {
            try sink(chunk)
        }
        return record
    }

    /// Decrypts an attachment of a case into memory; see the streaming variant.
    public func readAttachment(
        tenant: String, caseID: Int64, attachmentID: Int64, from store: AttachmentStore, by user: EngineUser,
        at instant: Instant = .now()
    ) throws -> (record: AttachmentRecord, bytes: [UInt8]) {
        var bytes: [UInt8] = []
        let record = try readAttachment(
            tenant: tenant, caseID: caseID, attachmentID: attachmentID, from: store, by: user, at: instant
        ) { bytes += $0 }
        return (record, bytes)
    }

    /// Checks that the user may attach files to `documentID` of a case: the case is visible,
    /// the role may write documents, and the document is of the case and of the user's party.
    private func checkAttachable(
        caseID: Int64, documentID: Int64, by user: EngineUser, in reader: any StorageReader
    )
        throws
    {
        let (_, configuration) = try visibleCase(caseID, for: user, in: reader)
        try requirePermission(.documentWrite, of: user, in: configuration)
        guard let document = try reader.fetchDocument(documentID), document.caseID == caseID else {
            throw EngineError.invalidInput([
                FieldProblem(field: "document_id", code: "unknown_document", message: "no such document in the case")
            ])
        }
        if let type = configuration.documentType(document.documentTypeID), type.providedBy.value != user.party {
            throw EngineError.invalidInput([
                FieldProblem(
                    field: "document_id", code: "wrong_party",
                    message: "files are attached by the party that provides the document")
            ])
        }
    }

    /// Whether `text` has the shape `type/subtype` in token characters, at most 127 bytes.
    static func isMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, text.utf8.count <= 127 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty
                && part.unicodeScalars.allSatisfy {
                    $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "!#$&^_.+-".unicodeScalars.contains($0))
                }
        }
    }
}
