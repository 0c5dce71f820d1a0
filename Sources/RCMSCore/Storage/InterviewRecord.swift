/// An interview the requested state's representation holds with the person to establish
/// nationality: when, where and in which language the interpreter speaks.
public struct InterviewRecord: Sendable, Hashable {
    public var id: Int64
    public var caseID: Int64
    public var scheduledAt: Instant
    public var place: String
    /// BCP 47 code of the interpreter's language.
    public var interpreterLanguage: String
    public var scheduledBy: Int64

    public init(
        id: Int64, caseID: Int64, scheduledAt: Instant, place: String, interpreterLanguage: String, scheduledBy: Int64
    ) {
        self.id = id
        self.caseID = caseID
        self.scheduledAt = scheduledAt
        self.place = place
        self.interpreterLanguage = interpreterLanguage
        self.scheduledBy = scheduledBy
    }
}
