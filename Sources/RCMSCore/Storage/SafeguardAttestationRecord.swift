/// A user's statement that a safeguard check holds for a case, with the evidence it rests on.
public struct SafeguardAttestationRecord: Sendable, Hashable {
    public var caseID: Int64
    /// Safeguard id from the tenant configuration, such as `no_pending_asylum_claim`.
    public var safeguardID: String
    /// Id of the user who attested.
    public var attestedBy: Int64
    /// A reference to the evidence (a register query number, a document id), never its content.
    public var evidenceReference: String
    public var attestedAt: Instant

    public init(
        caseID: Int64, safeguardID: String, attestedBy: Int64, evidenceReference: String, attestedAt: Instant
    ) {
        self.caseID = caseID
        self.safeguardID = safeguardID
        self.attestedBy = attestedBy
        self.evidenceReference = evidenceReference
        self.attestedAt = attestedAt
    }
}
