import RCMSConfig

/// A time limit one party must meet in a case, computed from a transition's deadline rule.
public struct DeadlineRecord: Sendable, Hashable {
    /// The state of a deadline.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Running; counts as overdue once the due date has passed.
        case open
        /// The party acted in time.
        case met
        /// The due date passed without the action.
        case expired
        /// Moved to a later due date; still running.
        case extended
    }

    /// The unit the rule counts its amount in.
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        case calendarDays = "calendar_days"
        case workingDays = "working_days"
    }

    public var id: Int64
    public var caseID: Int64
    /// The transition whose rule set the deadline.
    public var transitionID: String
    /// The party that must act.
    public var party: String
    /// The last day on which acting is in time, in the party's calendar.
    public var dueDate: CivilDate
    public var unit: Unit
    public var status: Status
    /// Whether the expiry action (notify, escalate, automatic transition) has run.
    public var expiryActionDone: Bool
    /// The instant the deadline started; with `amount`, `unit` and `extendedBy` it is recounted
    /// when a holiday list is corrected. Zero for deadlines stored before it was recorded.
    public var startedAt: Instant
    /// The number of days counted, before extensions.
    public var amount: Int64
    /// Days added by extensions, in the deadline's unit.
    public var extendedBy: Int64

    public init(
        id: Int64, caseID: Int64, transitionID: String, party: String, dueDate: CivilDate, unit: Unit,
        status: Status = .open, expiryActionDone: Bool = false, startedAt: Instant = Instant(microsecondsSinceEpoch: 0),
        amount: Int64 = 0, extendedBy: Int64 = 0
    ) {
        self.startedAt = startedAt
        self.amount = amount
        self.extendedBy = extendedBy
        self.id = id
        self.caseID = caseID
        self.transitionID = transitionID
        self.party = party
        self.dueDate = dueDate
        self.unit = unit
        self.status = status
        self.expiryActionDone = expiryActionDone
    }

    /// Whether the deadline still runs (open or extended).
    public var isRunning: Bool { status == .open || status == .extended }
}
