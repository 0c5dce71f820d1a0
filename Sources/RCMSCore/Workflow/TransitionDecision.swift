import Foundation
import RCMSConfig

/// A request to move a case along one transition of its workflow.
public struct TransitionRequest: Sendable, Hashable {
    public var snapshot: CaseSnapshot
    public var actor: CaseActor
    public var transitionID: String
    /// The case version the caller read; a different current version refuses the request.
    public var readVersion: Int64
    /// When the transition is made; deadlines it starts count from this instant's civil date.
    public var instant: Date

    public init(snapshot: CaseSnapshot, actor: CaseActor, transitionID: String, readVersion: Int64, instant: Date) {
        self.snapshot = snapshot
        self.actor = actor
        self.transitionID = transitionID
        self.readVersion = readVersion
        self.instant = instant
    }
}

/// A deadline the transition starts, to be stored with the case.
public struct DeadlineStart: Sendable, Hashable {
    /// The transition that starts it, whose configuration contains its extension and expiry.
    public var transitionID: String
    /// Leaving this state meets the deadline.
    public var awaitedState: String
    /// The party that must act before it expires.
    public var party: PartySide
    public var deadline: ComputedDeadline
    public var onExpiry: ExpiryAction?
    /// The system transition made on expiry when `onExpiry` is `transition`, such as deemed
    /// acceptance.
    public var expiryTransition: String?
    public var legalBasis: String?
    /// `false` when the period comes from a secondary source and awaits the official text.
    public var verified: Bool
}

/// A running deadline the transition ends.
public struct DeadlineClosure: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// The case left the awaited state in time.
        case met
        /// The system made the deadline's expiry transition.
        case expired
    }

    public var deadlineID: String
    public var outcome: Outcome
}

/// The changes one allowed transition makes, for the caller to write in one transaction with
/// a compare-and-set on ``previousVersion``.
public struct TransitionDecision: Sendable, Hashable {
    public var caseID: String
    public var transitionID: String
    public var fromState: String
    public var toState: String
    public var previousVersion: Int64
    public var newVersion: Int64
    public var deadlinesToStart: [DeadlineStart]
    public var deadlinesToClose: [DeadlineClosure]
    /// Audit entries to append, in order.
    public var auditActions: [AuditAction]
    /// Whether `toState` moves the person; holds and the baseline safeguards guarded it.
    public var entersRemovalState: Bool
    /// Whether `toState` closes the case, which starts `case_closed` retention periods.
    public var closesCase: Bool
    /// Whether `toState` records the transfer, which starts `case_transferred` periods.
    public var recordsTransfer: Bool
}

/// The engine's decision: the changes to make, or every reason the transition cannot be made.
public enum TransitionOutcome: Sendable, Hashable {
    case allowed(TransitionDecision)
    case refused([UnmetCondition])

    public var decision: TransitionDecision? {
        if case .allowed(let decision) = self { return decision }
        return nil
    }

    /// The reasons for a refusal; empty when allowed.
    public var unmetConditions: [UnmetCondition] {
        if case .refused(let reasons) = self { return reasons }
        return []
    }
}

/// A transition leaving the case's current state, with the conditions still unmet, so a
/// screen can explain a greyed-out action before the click.
public struct AvailableTransition: Sendable, Hashable {
    public var transitionID: String
    public var toState: String
    public var unmetConditions: [UnmetCondition]

    public var isAllowed: Bool { unmetConditions.isEmpty }
}
