/// One readmission case: the row with its workflow state and version.
///
/// `version` implements optimistic concurrency: every successful update increments it by one,
/// and an update that expected another value fails with `StorageError.staleVersion`.
public struct CaseRecord: Sendable, Hashable {
    public var id: Int64
    /// Content hash of the configuration version the case is pinned to.
    public var configurationHash: String
    /// Workflow state id from the tenant configuration.
    public var state: String
    public var version: Int64
    public var voluntaryReturn: Bool
    public var createdAt: Instant
    public var updatedAt: Instant
    public var closedAt: Instant?
    public var transferredAt: Instant?

    public init(
        id: Int64, configurationHash: String, state: String, version: Int64 = 1, voluntaryReturn: Bool = false,
        createdAt: Instant, updatedAt: Instant? = nil, closedAt: Instant? = nil, transferredAt: Instant? = nil
    ) {
        self.id = id
        self.configurationHash = configurationHash
        self.state = state
        self.version = version
        self.voluntaryReturn = voluntaryReturn
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.closedAt = closedAt
        self.transferredAt = transferredAt
    }
}
