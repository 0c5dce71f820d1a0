import RCMSConfig

/// One reason a change to a case cannot be made yet.
///
/// The engine reports every unmet condition at once, so an officer gets the whole list of
/// what is missing before the first retry. Each reason has a stable ``code`` for clients and
/// an English ``message`` that names configuration ids and never personal data.
public enum UnmetCondition: Sendable, Hashable, CustomStringConvertible {
    // Transitions.
    case unknownTransition(transition: String)
    case notAllowedFromState(transition: String, state: String, allowedFrom: [String])
    case wrongParty(transition: String, required: PartySide, actual: PartySide)
    case missingRole(transition: String, anyOf: [String])
    /// Only the system performs the transition, on a deadline's expiry.
    case systemOnlyTransition(transition: String)
    /// The system actor asked for a transition that a user of a party performs.
    case userOnlyTransition(transition: String)
    case missingDocument(transition: String, documentType: String)
    case missingAnyDocument(transition: String, anyOf: [String])
    case missingField(transition: String, field: String)
    case missingSafeguard(transition: String, safeguard: String)
    case activeHold(transition: String, state: String, holds: Int)
    /// The case changed since the caller read it.
    case staleVersion(read: Int64, current: Int64)
    /// The deadline the transition starts cannot be counted, which is a configuration problem.
    case deadlineNotComputable(transition: String, error: DeadlineError)

    // Safeguards and holds.
    case unknownSafeguard(safeguard: String)
    case notAttester(safeguard: String, attestedBy: [String])
    case missingEvidence(safeguard: String)
    /// None of the actor's roles has the permission the action needs.
    case missingPermission(permission: Permission)
    /// The action needs a reason, written for the audit trail.
    case missingReason(action: AuditAction)
    /// The action is made by a person of a party and recorded with their id.
    case systemActorNotAllowed(action: AuditAction)
    case noActiveHold
    /// The independent monitor placed the hold, so only a monitor may lift it.
    case monitorHold(hold: String)

    /// A stable, lower-case code for clients and tests.
    public var code: String {
        switch self {
        case .unknownTransition: return "unknown_transition"
        case .notAllowedFromState: return "not_allowed_from_state"
        case .wrongParty: return "wrong_party"
        case .missingRole: return "missing_role"
        case .systemOnlyTransition: return "system_only_transition"
        case .userOnlyTransition: return "user_only_transition"
        case .missingDocument: return "missing_document"
        case .missingAnyDocument: return "missing_any_document"
        case .missingField: return "missing_field"
        case .missingSafeguard: return "missing_safeguard"
        case .activeHold: return "active_hold"
        case .monitorHold: return "monitor_hold"
        case .staleVersion: return "stale_version"
        case .deadlineNotComputable: return "deadline_not_computable"
        case .unknownSafeguard: return "unknown_safeguard"
        case .notAttester: return "not_attester"
        case .missingEvidence: return "missing_evidence"
        case .missingPermission: return "missing_permission"
        case .missingReason: return "missing_reason"
        case .systemActorNotAllowed: return "system_actor_not_allowed"
        case .noActiveHold: return "no_active_hold"
        }
    }

    /// An English sentence naming the ids involved, fit for an HTTP error or a log line.
    public var message: String {
        switch self {
        case .unknownTransition(let transition):
            return "transition '\(transition)' is not defined in this case's workflow"
        case .notAllowedFromState(let transition, let state, let allowedFrom):
            return
                "transition '\(transition)' cannot be made from state '\(state)'; it starts from: \(Self.list(allowedFrom))"
        case .wrongParty(let transition, let required, let actual):
            return
                "transition '\(transition)' is made by the \(required.rawValue) party, not the \(actual.rawValue) party"
        case .missingRole(let transition, let anyOf):
            return "transition '\(transition)' needs one of the roles: \(Self.list(anyOf))"
        case .systemOnlyTransition(let transition):
            return "transition '\(transition)' is made only by the system when a deadline expires"
        case .userOnlyTransition(let transition):
            return "transition '\(transition)' is made by an officer, not by the system"
        case .missingDocument(let transition, let documentType):
            return "transition '\(transition)' needs a document of type '\(documentType)'"
        case .missingAnyDocument(let transition, let anyOf):
            return "transition '\(transition)' needs at least one document of the types: \(Self.list(anyOf))"
        case .missingField(let transition, let field):
            return "transition '\(transition)' needs a value in field '\(field)'"
        case .missingSafeguard(let transition, let safeguard):
            return "transition '\(transition)' needs safeguard '\(safeguard)' attested with its evidence"
        case .monitorHold(let hold):
            return "hold \(hold) was placed by the independent monitor; only a monitor can lift it"
        case .activeHold(let transition, let state, let holds):
            let count = holds == 1 ? "1 active hold" : "\(holds) active holds"
            return
                "transition '\(transition)' into '\(state)' moves the person, which \(count) blocks until lifted"
        case .staleVersion(let read, let current):
            return
                "the case changed since it was read (version \(read), now \(current)); reload it and try again"
        case .deadlineNotComputable(let transition, let error):
            return "the deadline of transition '\(transition)' cannot be computed: \(error.description)"
        case .unknownSafeguard(let safeguard):
            return "safeguard '\(safeguard)' is not defined in this tenant"
        case .notAttester(let safeguard, let attestedBy):
            return
                "safeguard '\(safeguard)' is attested by a role with permission 'safeguard.attest' among: \(Self.list(attestedBy))"
        case .missingEvidence(let safeguard):
            return "attesting safeguard '\(safeguard)' needs a reference to its evidence"
        case .missingPermission(let permission):
            return "none of the actor's roles has the permission '\(permission.rawValue)'"
        case .missingReason(let action):
            return "'\(action.rawValue)' needs a reason"
        case .systemActorNotAllowed(let action):
            return "'\(action.rawValue)' is done by an officer, not by the system"
        case .noActiveHold:
            return "the hold is not active, so there is nothing to lift"
        }
    }

    public var description: String { "\(code): \(message)" }

    static func list(_ ids: [String]) -> String {
        ids.isEmpty ? "(none)" : ids.joined(separator: ", ")
    }
}
