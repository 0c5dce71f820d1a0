import RCMSConfig

/// What the state machine needs to know about a case, read by the caller in one transaction.
///
/// It contains ids and presence only, never a personal value: the engine asks whether the
/// surname is filled, not what it is.
public struct CaseSnapshot: Sendable, Hashable {
    public var id: String
    /// The workflow state the case is in.
    public var state: String
    /// The optimistic-concurrency version; every change increments it by one.
    public var version: Int64
    /// Whether the case is a voluntary return, which brings in safeguards that apply only to
    /// voluntary returns, such as recorded informed consent.
    public var isVoluntaryReturn: Bool
    /// Documents attached to the case, by document type id, with the ids of their fields
    /// that have a value.
    public var documents: [String: Set<String>]
    /// Person particulars that have a value, without the `person.` prefix (`surname`).
    public var personFields: Set<String>
    /// Safeguards attested on the case, by safeguard id.
    public var attestedSafeguards: Set<String>
    /// Holds placed and not lifted; any one blocks entering a removal state.
    public var activeHolds: Int
    /// Deadlines running on the case.
    public var openDeadlines: [OpenDeadline]

    public init(
        id: String, state: String, version: Int64, isVoluntaryReturn: Bool = false,
        documents: [String: Set<String>] = [:], personFields: Set<String> = [], attestedSafeguards: Set<String> = [],
        activeHolds: Int = 0, openDeadlines: [OpenDeadline] = []
    ) {
        self.id = id
        self.state = state
        self.version = version
        self.isVoluntaryReturn = isVoluntaryReturn
        self.documents = documents
        self.personFields = personFields
        self.attestedSafeguards = attestedSafeguards
        self.activeHolds = activeHolds
        self.openDeadlines = openDeadlines
    }

    /// Returns whether a `requires.fields` reference (`person.surname`, `passport.number`) has a value.
    public func hasField(_ reference: String) -> Bool {
        let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        if parts[0] == "person" { return personFields.contains(parts[1]) }
        return documents[parts[0]]?.contains(parts[1]) ?? false
    }
}

/// A deadline running on a case, as storage keeps it.
public struct OpenDeadline: Sendable, Hashable {
    public var id: String
    /// The transition whose deadline this is.
    public var transitionID: String
    /// The state the case entered when the deadline started; leaving it meets the deadline.
    public var awaitedState: String

    public init(id: String, transitionID: String, awaitedState: String) {
        self.id = id
        self.transitionID = transitionID
        self.awaitedState = awaitedState
    }
}

/// The originator of a change: a signed-in user of one party with their roles, or the system
/// itself, which performs transitions on a deadline's expiry.
public enum CaseActor: Sendable, Hashable {
    case user(id: String, party: PartySide, roles: Set<String>)
    case system

    /// The id written to the audit trail; the system actor is `system`.
    public var auditID: String {
        switch self {
        case .user(let id, _, _): return id
        case .system: return "system"
        }
    }

    public var party: PartySide? {
        switch self {
        case .user(_, let party, _): return party
        case .system: return nil
        }
    }

    public var roles: Set<String> {
        switch self {
        case .user(_, _, let roles): return roles
        case .system: return []
        }
    }
}
