import RCMSConfig

/// What the retention planner needs to know about one case: its dates and what may block a
/// purge.
public struct RetentionCandidate: Sendable, Hashable {
    public var caseID: Int64
    public var createdAt: Instant
    public var closedAt: Instant?
    public var transferredAt: Instant?
    /// Holds placed by a monitor and not yet lifted.
    public var holdsInForce: Int
    /// Whether the case's `no_suspensive_remedy` safeguard has been attested.
    public var suspensiveRemedyCleared: Bool

    public init(
        caseID: Int64, createdAt: Instant, closedAt: Instant? = nil, transferredAt: Instant? = nil,
        holdsInForce: Int = 0, suspensiveRemedyCleared: Bool = false
    ) {
        self.caseID = caseID
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.transferredAt = transferredAt
        self.holdsInForce = holdsInForce
        self.suspensiveRemedyCleared = suspensiveRemedyCleared
    }
}

/// Why a case that a rule's period has reached is left alone.
public enum RetentionSkipReason: Sendable, Hashable, CustomStringConvertible {
    /// A monitor's hold is in force; `count` holds.
    case holdInForce(count: Int)
    /// The case is open and nobody has attested that no remedy with suspensive effect is
    /// pending, so the data may still be needed before a court.
    case suspensiveRemedyMayBePending

    /// A stable identifier for programs and logs.
    public var code: String {
        switch self {
        case .holdInForce: return "hold_in_force"
        case .suspensiveRemedyMayBePending: return "suspensive_remedy_may_be_pending"
        }
    }

    public var description: String {
        switch self {
        case .holdInForce(let count): return count == 1 ? "a hold is in force" : "\(count) holds are in force"
        case .suspensiveRemedyMayBePending:
            return "the case is open and 'no_suspensive_remedy' is not attested"
        }
    }
}

/// A case a rule leaves alone, and why.
public struct RetentionSkip: Sendable, Hashable {
    public var caseID: Int64
    public var reason: RetentionSkipReason

    public init(caseID: Int64, reason: RetentionSkipReason) {
        self.caseID = caseID
        self.reason = reason
    }
}

/// One retention rule's share of a plan: the cases whose period has run out and the ones
/// skipped.
public struct RetentionRulePlan: Sendable, Hashable {
    public var ruleID: String
    public var target: RetentionTarget
    public var action: RetentionAction
    /// Cases to purge or anonymise, in the order given to the planner.
    public var due: [Int64]
    public var skipped: [RetentionSkip]
}

/// Decides which cases each retention rule reaches at an instant, without touching storage.
///
/// A rule reaches a case when the case's trigger instant (creation, closing or transfer) lies
/// at least `after_days` × 24 hours before `now`; a case without that instant (not closed,
/// not transferred) is not reached. A reached case is skipped while a hold is in force, and,
/// while it is still open, until its `no_suspensive_remedy` safeguard has been attested.
// NOTE: RCMSKit records no remedy itself; an open case whose `no_suspensive_remedy` check was
// never attested stands in for "a remedy with suspensive effect may be pending". Closed cases
// are not held back by it: closing ends the procedure the remedy would suspend.
public enum RetentionPlanner {
    /// The safeguard whose attestation records that no suspensive remedy is pending.
    public static let suspensiveRemedySafeguard = "no_suspensive_remedy"

    /// Plans every rule of `rules` over `cases` at `now`, in rule order.
    public static func plan(rules: [RetentionRule], cases: [RetentionCandidate], now: Instant) -> [RetentionRulePlan] {
        rules.map { rule in
            var due: [Int64] = []
            var skipped: [RetentionSkip] = []
            for candidate in cases where isReached(candidate, by: rule, at: now) {
                if let reason = skipReason(candidate) {
                    skipped.append(RetentionSkip(caseID: candidate.caseID, reason: reason))
                } else {
                    due.append(candidate.caseID)
                }
            }
            return RetentionRulePlan(
                ruleID: rule.id.value, target: rule.target.value, action: rule.action.value, due: due,
                skipped: skipped)
        }
    }

    /// Whether the rule's period has run out for the case at `now`.
    public static func isReached(_ candidate: RetentionCandidate, by rule: RetentionRule, at now: Instant) -> Bool {
        let start: Instant?
        switch rule.trigger.value {
        case .caseCreated: start = candidate.createdAt
        case .caseClosed: start = candidate.closedAt
        case .caseTransferred: start = candidate.transferredAt
        }
        guard let start else { return false }
        // Days are 24-hour periods counted from the trigger instant, the same in every time zone.
        let period = Int64(max(0, rule.afterDays.value)) * 86_400 * 1_000_000
        return start.microseconds <= now.microseconds - period
    }

    /// Why a reached case must be left alone, or `nil` when it may be purged.
    public static func skipReason(_ candidate: RetentionCandidate) -> RetentionSkipReason? {
        if candidate.holdsInForce > 0 { return .holdInForce(count: candidate.holdsInForce) }
        if candidate.closedAt == nil && !candidate.suspensiveRemedyCleared { return .suspensiveRemedyMayBePending }
        return nil
    }
}
