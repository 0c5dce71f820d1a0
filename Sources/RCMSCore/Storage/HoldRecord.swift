/// A hold on a case, placed by a monitor, that blocks removal transitions until it is lifted.
public struct HoldRecord: Sendable, Hashable {
    /// The lifting of a hold: by whom, why and when.
    public struct Lift: Sendable, Hashable {
        public var liftedBy: Int64
        public var reason: String
        public var liftedAt: Instant

        public init(liftedBy: Int64, reason: String, liftedAt: Instant) {
            self.liftedBy = liftedBy
            self.reason = reason
            self.liftedAt = liftedAt
        }
    }

    public var id: Int64
    public var caseID: Int64
    /// Id of the user who placed it.
    public var placedBy: Int64
    public var reason: String
    public var placedAt: Instant
    /// `nil` while the hold is in force.
    public var lift: Lift?

    public init(id: Int64, caseID: Int64, placedBy: Int64, reason: String, placedAt: Instant, lift: Lift? = nil) {
        self.id = id
        self.caseID = caseID
        self.placedBy = placedBy
        self.reason = reason
        self.placedAt = placedAt
        self.lift = lift
    }

    public var isInForce: Bool { lift == nil }
}
