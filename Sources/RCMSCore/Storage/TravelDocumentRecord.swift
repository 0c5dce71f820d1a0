import RCMSConfig

/// A travel document issued for a case: its number from the template's series, its validity
/// on the issuing party's calendar, its status and the signed payload its QR code carries.
public struct TravelDocumentRecord: Sendable, Hashable {
    /// Whether the document may still be used.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case valid
        /// Withdrawn with a reason; the number is never given again.
        case cancelled
        /// Replaced by a document issued later for the same case, such as after a failed transfer.
        case superseded
    }

    public var id: Int64
    public var caseID: Int64
    /// The document number, series prefix and zero-padded counter, such as `PK0000042`.
    public var number: String
    public var templateID: String
    /// The party that issued and signed it: `requesting` or `requested`.
    public var issuedBy: String
    /// The first day of validity, the issuing party's civil date at issue.
    public var validFrom: CivilDate
    /// The last day of validity; `nil` for a document valid for a single journey.
    public var validUntil: CivilDate?
    public var status: Status
    /// Why the document was cancelled or superseded.
    public var statusReason: String?
    /// The signed compact payload, as ``TravelDocumentPayload/compact`` writes it.
    public var payload: String
    /// The id of the key that signed the payload.
    public var keyID: String
    public var issuedAt: Instant
    public var statusChangedAt: Instant?

    public init(
        id: Int64, caseID: Int64, number: String, templateID: String, issuedBy: String, validFrom: CivilDate,
        validUntil: CivilDate?, status: Status = .valid, statusReason: String? = nil, payload: String, keyID: String,
        issuedAt: Instant, statusChangedAt: Instant? = nil
    ) {
        self.id = id
        self.caseID = caseID
        self.number = number
        self.templateID = templateID
        self.issuedBy = issuedBy
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.status = status
        self.statusReason = statusReason
        self.payload = payload
        self.keyID = keyID
        self.issuedAt = issuedAt
        self.statusChangedAt = statusChangedAt
    }
}

/// The reads of issued travel documents, which both SQL backends offer through ``SQLScope``.
// NOTE: kept apart from `StorageReader` so that the travel document work stays in its own
// files; the engine reaches it by casting a reader, and it may move into the protocol.
public protocol TravelDocumentReader {
    /// The documents issued for a case, oldest first.
    func travelDocuments(caseID: Int64) throws -> [TravelDocumentRecord]
    /// The document with this number in the tenant, whatever its status.
    func travelDocument(number: String) throws -> TravelDocumentRecord?
}

/// The writes of issued travel documents inside one tenant transaction.
public protocol TravelDocumentWriter: TravelDocumentReader {
    /// Returns the next counter value of `series` in the tenant: 1, 2, 3, ...
    ///
    /// The counter row stays locked until the transaction ends, so concurrent issuers take
    /// turns, and a rolled-back transaction gives its value back: no duplicate, no gap.
    func nextDocumentCounter(series: String) throws -> Int64
    func insertTravelDocument(_ record: TravelDocumentRecord) throws
    /// Sets the status of a document and why; throws `notFound` for an unknown number.
    func updateTravelDocumentStatus(
        number: String, status: TravelDocumentRecord.Status, reason: String, at instant: Instant) throws
}
