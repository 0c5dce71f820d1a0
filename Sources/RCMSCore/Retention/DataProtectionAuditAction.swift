/// The audit actions of attachments, retention and subject access exports.
///
/// Like `AuditAction`, the raw values are hashed into the chain and never change.
// NOTE: these would sit in `AuditAction` itself; they are kept apart so the data-protection
// work stays in its own files, and may move there with the same raw values.
public enum DataProtectionAuditAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// An attachment was stored, encrypted, for a document of a case.
    case attachmentAdd = "attachment.add"
    /// An attachment was decrypted for a user.
    case attachmentRead = "attachment.read"
    /// A retention rule purged personal data of a case.
    case retentionPurge = "retention.purge"
    /// A retention rule anonymised a case: particulars replaced by a placeholder.
    case retentionAnonymise = "retention.anonymise"
    /// The data held about a case's person was exported for a subject access request.
    case subjectExport = "subject.export"
}

/// Who runs a data-protection operation: a signed-in user, whose roles are checked, or an
/// operator at the command line, who already has the database and the keys.
public enum DataProtectionActor: Sendable, Hashable {
    case user(EngineUser)
    /// An operator of the installation, recorded under this name.
    case `operator`(String)

    /// The actor as the audit trail records it.
    public var auditName: String {
        switch self {
        case .user(let user): return String(user.id)
        case .operator(let name): return "operator:\(name)"
        }
    }
}
