import Foundation
import RCMSConfig

extension CaseEngine {
    /// Performs a workflow transition on a case read at `expectedVersion`.
    ///
    /// - Throws: ``EngineError/unmetConditions(_:)`` listing every unmet condition,
    ///   ``EngineError/staleVersion(caseID:read:current:)`` when the case changed since it was read.
    @discardableResult
    public func perform(
        tenant: String, caseID: Int64, transition: String, expectedVersion: Int64, by user: EngineUser,
        at instant: Instant = .now()
    ) throws -> CaseRecord {
        do {
            return try storage.write(tenant: tenant) { transaction in
                let (record, configuration) = try visibleCase(caseID, for: user, in: transaction)
                return try apply(
                    transition, to: record, configuration: configuration, actor: user.actor,
                    readVersion: expectedVersion, at: instant, in: transaction)
            }
        } catch StorageError.staleVersion(let id, let expected, let actual) {
            throw EngineError.staleVersion(caseID: id, read: expected, current: actual)
        }
    }

    /// The transitions of the case's current state with what still blocks each, so a user sees
    /// the unmet conditions before trying.
    public func availableTransitions(
        tenant: String, caseID: Int64, for user: EngineUser
    ) throws
        -> [AvailableTransition]
    {
        try storage.read(tenant: tenant) { reader in
            try availableTransitions(of: try readCase(caseID, for: user, in: reader), for: user)
        }
    }

    /// Reads a case the user may see and the parts the workflow decides on, in `reader`, so
    /// that a caller can build both a view and the available transitions from one read.
    ///
    /// - Throws: ``EngineError/caseNotFound(_:)`` when there is no such case or the user may
    ///   not see it, as ``availableTransitions(tenant:caseID:for:)`` does.
    public func readCase(_ caseID: Int64, for user: EngineUser, in reader: any StorageReader) throws -> CaseParts {
        let (record, configuration) = try visibleCase(caseID, for: user, in: reader)
        return try parts(of: record, configuration: configuration, in: reader)
    }

    /// Returns the transitions of the case's current state with the conditions that still block
    /// each, decided on parts read by ``readCase(_:for:in:)``.
    public func availableTransitions(of parts: CaseParts, for user: EngineUser) throws -> [AvailableTransition] {
        let engine = try workflowEngine(for: parts.configuration, hash: parts.record.configurationHash)
        return engine.availableTransitions(for: parts.snapshot, actor: user.actor)
    }

    /// Decides a transition and writes its changes: the case's state and version, deadlines
    /// met or started, and the audit entries, written last.
    func apply(
        _ transitionID: String, to record: CaseRecord, configuration: TenantConfiguration, actor: CaseActor,
        readVersion: Int64, at instant: Instant, in transaction: any StorageTransaction
    ) throws -> CaseRecord {
        let snapshot = try snapshot(of: record, configuration: configuration, in: transaction)
        let engine = try workflowEngine(for: configuration, hash: record.configurationHash)
        let request = TransitionRequest(
            snapshot: snapshot, actor: actor, transitionID: transitionID, readVersion: readVersion,
            instant: instant.date)

        let decision: TransitionDecision
        switch engine.decide(request) {
        case .refused(let conditions):
            if conditions.count == 1, case .staleVersion(let read, let current) = conditions[0] {
                throw EngineError.staleVersion(caseID: record.id, read: read, current: current)
            }
            throw EngineError.unmetConditions(conditions)
        case .allowed(let allowed):
            decision = allowed
        }

        var updated = record
        updated.state = decision.toState
        updated.updatedAt = instant
        if decision.closesCase { updated.closedAt = instant }
        if decision.recordsTransfer { updated.transferredAt = instant }
        let stored = try transaction.updateCase(updated, expectedVersion: readVersion)

        let running = try transaction.deadlines(caseID: record.id)
        for closure in decision.deadlinesToClose {
            guard var deadline = running.first(where: { String($0.id) == closure.deadlineID }) else { continue }
            deadline.status = closure.outcome == .met ? .met : .expired
            deadline.expiryActionDone = closure.outcome != .met
            try transaction.updateDeadline(deadline)
        }
        var deadlineIDs: [String] = []
        for start in decision.deadlinesToStart {
            let deadline = DeadlineRecord(
                id: RecordID.random(), caseID: record.id, transitionID: start.transitionID,
                party: start.party.rawValue, dueDate: start.deadline.dueDate,
                unit: DeadlineRecord.Unit(rawValue: start.deadline.terms.unit.rawValue) ?? .calendarDays,
                startedAt: instant, amount: Int64(start.deadline.terms.amount))
            try transaction.insertDeadline(deadline)
            deadlineIDs.append("deadline:\(deadline.id)")
        }

        for action in decision.auditActions {
            let objects =
                ["case:\(record.id)", "transition:\(transitionID)"] + (action == .deadlineStart ? deadlineIDs : [])
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: actor.auditID, action: action.rawValue, objectIDs: objects,
                    fieldNames: action == .caseTransition ? ["state:\(decision.fromState)->\(decision.toState)"] : []),
                in: transaction)
        }
        try issueTravelDocument(
            for: transitionID, case: stored, configuration: configuration, actor: actor, at: instant, in: transaction)
        return stored
    }

    /// The facts the workflow engine decides on, read from storage.
    func snapshot(
        of record: CaseRecord, configuration: TenantConfiguration, in reader: any StorageReader
    ) throws
        -> CaseSnapshot
    {
        try parts(of: record, configuration: configuration, in: reader).snapshot
    }

    /// Reads the parts of `record` that the workflow decides on.
    func parts(
        of record: CaseRecord, configuration: TenantConfiguration, in reader: any StorageReader
    ) throws
        -> CaseParts
    {
        let documents = try reader.documents(caseID: record.id)
        let persons = try reader.persons(caseID: record.id)
        var particulars: [Int64: [String: String]] = [:]
        for person in persons { particulars[person.id] = try reader.particulars(personID: person.id) }
        return CaseParts(
            record: record, configuration: configuration, persons: persons, particulars: particulars,
            documents: documents, deadlines: try reader.deadlines(caseID: record.id),
            attestations: try reader.attestations(caseID: record.id), holds: try reader.holds(caseID: record.id))
    }
}

/// A case record with its pinned configuration and the parts the workflow decides on, all
/// from one read.
public struct CaseParts: Sendable {
    public var record: CaseRecord
    public var configuration: TenantConfiguration
    public var persons: [PersonRecord]
    /// Each person's particulars beyond names and date of birth, by person id.
    public var particulars: [Int64: [String: String]]
    public var documents: [DocumentRecord]
    public var deadlines: [DeadlineRecord]
    public var attestations: [SafeguardAttestationRecord]
    public var holds: [HoldRecord]

    /// The facts the workflow engine decides on.
    public var snapshot: CaseSnapshot {
        var documentFields: [String: Set<String>] = [:]
        for document in documents {
            documentFields[document.documentTypeID, default: []].formUnion(
                document.fields.filter { !$0.value.isEmpty }.map(\.fieldID))
        }
        var personFields: Set<String> = []
        for person in persons {
            if !person.surname.isEmpty { personFields.insert("surname") }
            if !person.givenNames.isEmpty { personFields.insert("given_names") }
            if person.dateOfBirth != nil { personFields.insert("date_of_birth") }
            if person.sex != .unknown { personFields.insert("sex") }
            if person.nationalityClaimed != nil { personFields.insert("nationality_claimed") }
            personFields.formUnion(particulars[person.id, default: [:]].keys)
        }
        let openDeadlines = deadlines.filter(\.isRunning).map { deadline in
            OpenDeadline(
                id: String(deadline.id), transitionID: deadline.transitionID,
                awaitedState: configuration.workflow.transition(deadline.transitionID)?.to.value ?? "")
        }
        return CaseSnapshot(
            id: String(record.id), state: record.state, version: record.version,
            isVoluntaryReturn: record.voluntaryReturn, documents: documentFields, personFields: personFields,
            attestedSafeguards: Set(attestations.map(\.safeguardID)), activeHolds: holds.filter(\.isInForce).count,
            openDeadlines: openDeadlines)
    }
}
