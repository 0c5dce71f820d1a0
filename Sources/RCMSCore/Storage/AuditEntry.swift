/// One entry of a tenant's audit trail, a link in its hash chain.
///
/// Entries hold ids, field names and digests only, never personal values, so purging a case's
/// personal data leaves the chain intact.
public struct AuditEntry: Sendable, Hashable {
    /// Position in the tenant's chain: 1, 2, 3, ... with no gaps.
    public var sequence: Int64
    public var at: Instant
    /// User id, or a name such as `system` for background jobs.
    public var actor: String
    /// What happened, such as `case.transition`.
    public var action: String
    /// Ids of the objects concerned, such as case and document ids.
    public var objectIDs: [String]
    /// Names of the fields that changed.
    public var fieldNames: [String]
    /// Digests of values, so a value can be checked later without being stored.
    public var digests: [String]
    /// `entryHash` of the previous entry; empty for the first.
    public var previousHash: String
    public var entryHash: String

    public init(
        sequence: Int64, at: Instant, actor: String, action: String, objectIDs: [String], fieldNames: [String],
        digests: [String], previousHash: String, entryHash: String
    ) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.objectIDs = objectIDs
        self.fieldNames = fieldNames
        self.digests = digests
        self.previousHash = previousHash
        self.entryHash = entryHash
    }
}

/// An audit entry before the storage layer places it in the chain.
public struct AuditDraft: Sendable, Hashable {
    public var at: Instant
    public var actor: String
    public var action: String
    public var objectIDs: [String]
    public var fieldNames: [String]
    public var digests: [String]

    public init(
        at: Instant, actor: String, action: String, objectIDs: [String] = [], fieldNames: [String] = [],
        digests: [String] = []
    ) {
        self.at = at
        self.actor = actor
        self.action = action
        self.objectIDs = objectIDs
        self.fieldNames = fieldNames
        self.digests = digests
    }

    /// Returns the entry this draft becomes at `sequence` after `previousHash`, sealed with `entryHash`.
    public func entry(sequence: Int64, previousHash: String, entryHash: String) -> AuditEntry {
        AuditEntry(
            sequence: sequence, at: at, actor: actor, action: action, objectIDs: objectIDs, fieldNames: fieldNames,
            digests: digests, previousHash: previousHash, entryHash: entryHash)
    }
}
