/// Failures of the encrypted attachment store, each with a stable code.
///
/// Descriptions name attachment ids and key ids only, never a file's original name or its
/// content, so they may be logged and shown to an operator.
public enum AttachmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No attachment key was configured.
    case missingKey
    /// The configured key is not 32 bytes of base64; `reason` says what is wrong with it.
    case invalidKey(reason: String)
    /// The file was encrypted under a key id that is not configured.
    case unknownKey(attachmentID: Int64, fileKeyID: String, configuredKeyIDs: [String])
    /// The file does not start with the attachment format's marker.
    case notAnAttachmentFile(attachmentID: Int64)
    /// A chunk failed authentication: the file was changed, or belongs to another attachment.
    case authenticationFailed(attachmentID: Int64)
    /// The file ends before its final chunk.
    case truncated(attachmentID: Int64)
    /// The decrypted bytes do not have the digest recorded when they were stored.
    case digestMismatch(attachmentID: Int64)
    /// No stored file has this id.
    case fileNotFound(attachmentID: Int64)
    /// The upload is larger than the store accepts.
    case tooLarge(limitBytes: Int64)
    /// A tenant id that cannot name a folder safely.
    case invalidTenant
    /// The attachment is not part of the case or document named in the request.
    case notInCase(attachmentID: Int64, caseID: Int64)
    /// A file system operation failed.
    case io(operation: String, errno: Int32)

    /// A stable identifier for programs and logs, such as `attachment.authentication_failed`.
    public var code: String {
        switch self {
        case .missingKey: return "attachment.missing_key"
        case .invalidKey: return "attachment.invalid_key"
        case .unknownKey: return "attachment.unknown_key"
        case .notAnAttachmentFile: return "attachment.not_an_attachment_file"
        case .authenticationFailed: return "attachment.authentication_failed"
        case .truncated: return "attachment.truncated"
        case .digestMismatch: return "attachment.digest_mismatch"
        case .fileNotFound: return "attachment.file_not_found"
        case .tooLarge: return "attachment.too_large"
        case .invalidTenant: return "attachment.invalid_tenant"
        case .notInCase: return "attachment.not_in_case"
        case .io: return "attachment.io"
        }
    }

    public var description: String {
        switch self {
        case .missingKey:
            return
                "no attachment key is configured: set RCMS_ATTACHMENT_KEY to 32 random bytes in base64, or name a file holding it with --attachment-key-file, RCMS_ATTACHMENT_KEY_FILE or attachment_key_file in Config/rcms.yaml"
        case .invalidKey(let reason):
            return "the attachment key is unusable: \(reason); it must be 32 bytes written in base64"
        case .unknownKey(let id, let fileKeyID, let configured):
            return
                "attachment \(id) is encrypted under key \(fileKeyID), which is not configured (configured: \(configured.joined(separator: ", "))); configure that key or finish 'rcms keys rotate-attachments'"
        case .notAnAttachmentFile(let id):
            return "the file of attachment \(id) is not an encrypted attachment"
        case .authenticationFailed(let id):
            return "attachment \(id) failed authentication: the file was changed or damaged"
        case .truncated(let id):
            return "the file of attachment \(id) is cut short"
        case .digestMismatch(let id):
            return "attachment \(id) decrypts to bytes whose BLAKE2b digest differs from the recorded one"
        case .fileNotFound(let id):
            return "no stored file for attachment \(id)"
        case .tooLarge(let limit):
            return "the attachment is larger than the limit of \(limit) bytes"
        case .invalidTenant:
            return "the tenant id may hold only lower-case letters, digits and '-'"
        case .notInCase(let id, let caseID):
            return "attachment \(id) does not belong to case \(caseID)"
        case .io(let operation, let errno):
            return "attachment store: \(operation) failed (errno \(errno))"
        }
    }
}
