import RCMSConfig

extension CaseEngine {
    /// Records that a safeguard holds for a case, with a reference to the evidence.
    public func attest(
        tenant: String, caseID: Int64, safeguard: String, evidenceReference: String, by user: EngineUser,
        at instant: Instant = .now()
    ) throws {
        try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            let outcome = SafeguardRules(configuration: configuration).attest(
                safeguard, on: String(caseID), evidenceReference: evidenceReference, by: user.actor)
            guard outcome.value != nil else { throw EngineError.unmetConditions(outcome.unmetConditions) }
            try transaction.insertAttestation(
                SafeguardAttestationRecord(
                    caseID: caseID, safeguardID: safeguard, attestedBy: user.id, evidenceReference: evidenceReference,
                    attestedAt: instant))
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.safeguardAttest.rawValue,
                    objectIDs: ["case:\(caseID)", "safeguard:\(safeguard)"], fieldNames: ["evidence_reference"],
                    digests: [AuditRecorder.digest(evidenceReference)]),
                in: transaction)
        }
    }

    /// Places a hold on a case; while it is in force no transition enters a removal state.
    @discardableResult
    public func placeHold(
        tenant: String, caseID: Int64, reason: String, by user: EngineUser, at instant: Instant = .now()
    ) throws -> HoldRecord {
        try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            let outcome = HoldRules(configuration: configuration).place(
                on: String(caseID), reason: reason, by: user.actor)
            guard outcome.value != nil else { throw EngineError.unmetConditions(outcome.unmetConditions) }
            let hold = HoldRecord(
                id: RecordID.random(), caseID: caseID, placedBy: user.id, reason: reason, placedAt: instant)
            try transaction.insertHold(hold)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.holdPlace.rawValue,
                    objectIDs: ["case:\(caseID)", "hold:\(hold.id)"], fieldNames: ["reason"],
                    digests: [AuditRecorder.digest(reason)]),
                in: transaction)
            return hold
        }
    }

    /// Lifts a hold in force, with a reason.
    public func liftHold(
        tenant: String, caseID: Int64, holdID: Int64, reason: String, by user: EngineUser, at instant: Instant = .now()
    ) throws {
        try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            let hold = try transaction.holds(caseID: caseID).first { $0.id == holdID && $0.isInForce }
            let active = hold != nil
            if let hold, user.party != .monitor,
                try transaction.fetchUser(hold.placedBy)?.party == PartySide.monitor.rawValue
            {
                throw EngineError.unmetConditions([.monitorHold(hold: String(holdID))])
            }
            let outcome = HoldRules(configuration: configuration).lift(
                on: String(caseID), reason: reason, by: user.actor, holdIsActive: active)
            guard outcome.value != nil else { throw EngineError.unmetConditions(outcome.unmetConditions) }
            try transaction.liftHold(id: holdID, HoldRecord.Lift(liftedBy: user.id, reason: reason, liftedAt: instant))
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.holdLift.rawValue,
                    objectIDs: ["case:\(caseID)", "hold:\(holdID)"], fieldNames: ["reason"],
                    digests: [AuditRecorder.digest(reason)]),
                in: transaction)
        }
    }
}
