import Foundation
import RCMSConfig

/// The case state machine of one pinned tenant configuration.
///
/// It is a pure value: given a case snapshot, an actor and a transition, it returns the
/// changes to write or every unmet condition at once. It never reads or writes storage, so
/// the same request always yields the same decision.
public struct WorkflowEngine: Sendable {
    public let configuration: TenantConfiguration
    public let calculator: DeadlineCalculator
    let clocks: [PartySide: PartyClock]

    /// Builds the engine for `configuration`, the version a case is pinned to.
    ///
    /// - Throws: ``WorkflowEngineError`` when a party's calendar is missing or its time zone
    ///   is unknown to this system's zone database.
    public init(
        configuration: TenantConfiguration, calculator: DeadlineCalculator = DeadlineCalculator()
    )
        throws(WorkflowEngineError)
    {
        var clocks: [PartySide: PartyClock] = [:]
        for side in [PartySide.requesting, .requested] {
            guard let party = configuration.parties.party(side), let calendar = configuration.calendar(for: side) else {
                throw .missingCalendar(party: side)
            }
            do {
                clocks[side] = try PartyClock(
                    timeZoneIdentifier: party.timeZone.value, calendar: WorkingCalendar(calendar))
            } catch {
                throw .unknownTimeZone(party: side, identifier: party.timeZone.value)
            }
        }
        self.configuration = configuration
        self.calculator = calculator
        self.clocks = clocks
    }

    /// Returns the time zone and working-day calendar of a state party; `nil` for the monitor.
    public func clock(for side: PartySide) -> PartyClock? { clocks[side] }

    /// Decides whether `request` may be made, and if so, what it changes.
    ///
    /// Reasons come in a fixed order: the transition and state, the actor, documents, fields,
    /// safeguards, holds, the deadline, and last the version.
    public func decide(_ request: TransitionRequest) -> TransitionOutcome {
        let snapshot = request.snapshot
        var unmet: [UnmetCondition] = []

        guard let transition = configuration.workflow.transition(request.transitionID) else {
            unmet.append(.unknownTransition(transition: request.transitionID))
            unmet += versionCheck(read: request.readVersion, snapshot: snapshot)
            return .refused(unmet)
        }

        unmet += stateCheck(transition, snapshot: snapshot)
        unmet += authorisationCheck(transition, actor: request.actor)
        unmet += requirementCheck(transition, snapshot: snapshot)

        var starts: [DeadlineStart] = []
        if let deadline = transition.deadline {
            do {
                starts.append(try startDeadline(deadline, of: transition, at: request.instant))
            } catch {
                unmet.append(.deadlineNotComputable(transition: transition.id.value, error: error))
            }
        }

        unmet += versionCheck(read: request.readVersion, snapshot: snapshot)
        guard unmet.isEmpty else { return .refused(unmet) }

        return .allowed(
            decision(for: transition, snapshot: snapshot, actor: request.actor, starts: starts))
    }

    /// The transitions leaving the case's current state, each with the conditions `actor`
    /// has not met yet.
    ///
    /// - Parameter includingUnauthorised: Also list transitions the actor may never make
    ///   (another party's, another role's, the system's), with those reasons. It is off by
    ///   default, so a screen shows only actions its user could take.
    public func availableTransitions(
        for snapshot: CaseSnapshot, actor: CaseActor, includingUnauthorised: Bool = false
    ) -> [AvailableTransition] {
        configuration.workflow.transitions.compactMap { transition in
            guard transition.from.contains(where: { $0.value == snapshot.state }) else { return nil }
            let authorisation = authorisationCheck(transition, actor: actor)
            if !authorisation.isEmpty && !includingUnauthorised { return nil }
            return AvailableTransition(
                transitionID: transition.id.value, toState: transition.to.value,
                unmetConditions: authorisation + requirementCheck(transition, snapshot: snapshot))
        }
    }

    // MARK: - Checks

    func stateCheck(_ transition: Transition, snapshot: CaseSnapshot) -> [UnmetCondition] {
        guard !transition.from.contains(where: { $0.value == snapshot.state }) else { return [] }
        return [
            .notAllowedFromState(
                transition: transition.id.value, state: snapshot.state, allowedFrom: transition.from.map(\.value))
        ]
    }

    func authorisationCheck(_ transition: Transition, actor: CaseActor) -> [UnmetCondition] {
        let id = transition.id.value
        guard case .user(_, let party, let roles) = actor else {
            return transition.isSystem ? [] : [.userOnlyTransition(transition: id)]
        }
        if transition.isSystem { return [.systemOnlyTransition(transition: id)] }

        var unmet: [UnmetCondition] = []
        if let required = transition.party?.value, required != party {
            unmet.append(.wrongParty(transition: id, required: required, actual: party))
        }
        // A role counts only if the transition lists it, it belongs to the actor's party and
        // it has the permission. The validator checks the last two, but the engine does not
        // rely on a configuration having passed it.
        let qualifying = transition.roleIDs.filter { roleID in
            guard roles.contains(roleID), let role = configuration.role(roleID) else { return false }
            return role.party.value == party && role.allows(.caseTransition)
        }
        if qualifying.isEmpty {
            unmet.append(.missingRole(transition: id, anyOf: transition.roleIDs))
        }
        return unmet
    }

    func requirementCheck(_ transition: Transition, snapshot: CaseSnapshot) -> [UnmetCondition] {
        let id = transition.id.value
        var unmet: [UnmetCondition] = []

        let requires = transition.requires
        for document in requires?.documents ?? [] where snapshot.documents[document.value] == nil {
            unmet.append(.missingDocument(transition: id, documentType: document.value))
        }
        let anyOf = (requires?.anyDocuments ?? []).map(\.value)
        if !anyOf.isEmpty && !anyOf.contains(where: { snapshot.documents[$0] != nil }) {
            unmet.append(.missingAnyDocument(transition: id, anyOf: anyOf))
        }
        for field in requires?.fields ?? [] where !snapshot.hasField(field.value) {
            unmet.append(.missingField(transition: id, field: field.value))
        }

        // Safeguards for voluntary returns only, such as informed consent, are left out on a
        // forced return. A safeguard missing from the configuration counts as applying to
        // every case, so a broken reference blocks instead of letting a removal through.
        for safeguardID in SafeguardRules(configuration: configuration).pendingSafeguards(for: id, snapshot: snapshot) {
            unmet.append(.missingSafeguard(transition: id, safeguard: safeguardID))
        }

        // A hold stops the removal itself: entering a removal state, and carrying out the
        // transfer from one. Postponing or withdrawing stays possible while it is in force.
        let target = configuration.workflow.state(transition.to.value)
        let current = configuration.workflow.state(snapshot.state)
        let movesPerson = target?.isRemoval == true || (current?.isRemoval == true && target?.isTransferred == true)
        if movesPerson && snapshot.activeHolds > 0 {
            unmet.append(.activeHold(transition: id, state: transition.to.value, holds: snapshot.activeHolds))
        }
        return unmet
    }

    func versionCheck(read: Int64, snapshot: CaseSnapshot) -> [UnmetCondition] {
        read == snapshot.version ? [] : [.staleVersion(read: read, current: snapshot.version)]
    }

    // MARK: - Decision

    func startDeadline(
        _ deadline: Deadline, of transition: Transition, at instant: Date
    ) throws(DeadlineError)
        -> DeadlineStart
    {
        let side = deadline.party.value
        guard let clock = clocks[side] else { throw .noPartyCalendar(side) }
        let computed = try calculator.start(
            at: instant, amount: deadline.amount.value, unit: deadline.unit.value, clock: clock)
        return DeadlineStart(
            transitionID: transition.id.value, awaitedState: transition.to.value, party: side, deadline: computed,
            onExpiry: deadline.onExpiry?.action.value, expiryTransition: deadline.onExpiry?.transition?.value,
            legalBasis: deadline.legalBasis?.value, verified: deadline.verified ?? true)
    }

    func decision(
        for transition: Transition, snapshot: CaseSnapshot, actor: CaseActor, starts: [DeadlineStart]
    ) -> TransitionDecision {
        let target = configuration.workflow.state(transition.to.value)
        var audit: [AuditAction] = [.caseTransition]

        // Leaving the awaited state meets a deadline; a transition back into the same state
        // leaves nothing, so its deadlines keep running.
        var closures: [DeadlineClosure] = []
        if transition.to.value != snapshot.state {
            for open in snapshot.openDeadlines where open.awaitedState == snapshot.state {
                let expiry = configuration.workflow.transition(open.transitionID)?.deadline?.onExpiry?.transition?.value
                let expired = actor == .system && expiry == transition.id.value
                closures.append(DeadlineClosure(deadlineID: open.id, outcome: expired ? .expired : .met))
                audit.append(expired ? .deadlineExpire : .deadlineMeet)
            }
        }
        audit += starts.map { _ in .deadlineStart }

        if target?.isRemoval == true { audit.append(.caseRemovalEntered) }
        if target?.isTransferred == true { audit.append(.caseTransfer) }
        if target?.isClosed == true { audit.append(.caseClose) }

        return TransitionDecision(
            caseID: snapshot.id, transitionID: transition.id.value, fromState: snapshot.state,
            toState: transition.to.value, previousVersion: snapshot.version, newVersion: snapshot.version + 1,
            deadlinesToStart: starts, deadlinesToClose: closures, auditActions: audit,
            entersRemovalState: target?.isRemoval ?? false, closesCase: target?.isClosed ?? false,
            recordsTransfer: target?.isTransferred ?? false)
    }
}

/// The reasons an engine cannot be built from a configuration.
public enum WorkflowEngineError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingCalendar(party: PartySide)
    case unknownTimeZone(party: PartySide, identifier: String)

    public var code: String {
        switch self {
        case .missingCalendar: return "missing_calendar"
        case .unknownTimeZone: return "unknown_time_zone"
        }
    }

    public var description: String {
        switch self {
        case .missingCalendar(let party):
            return "the \(party.rawValue) party has no working-day calendar in this configuration"
        case .unknownTimeZone(let party, let identifier):
            return "time zone '\(identifier)' of the \(party.rawValue) party is not in this system's zone database"
        }
    }
}
