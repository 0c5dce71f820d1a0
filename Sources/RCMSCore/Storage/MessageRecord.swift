/// A message between the requesting and the requested state about one case.
public struct MessageRecord: Sendable, Hashable {
    public var id: Int64
    public var caseID: Int64
    /// The party that sent it: `requesting` or `requested`.
    public var senderParty: String
    public var body: String
    public var sentAt: Instant

    public init(id: Int64, caseID: Int64, senderParty: String, body: String, sentAt: Instant) {
        self.id = id
        self.caseID = caseID
        self.senderParty = senderParty
        self.body = body
        self.sentAt = sentAt
    }
}
