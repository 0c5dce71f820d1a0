import Foundation
import RCMSConfig

/// What one sweep over a tenant's deadlines did.
public struct SweepReport: Sendable, Hashable {
    /// Deadlines found past their expiry.
    public var expired = 0
    /// Automatic transitions performed, such as deemed acceptance.
    public var transitions = 0
    /// Deadlines whose expiry only notifies or escalates.
    public var notified = 0
    /// `false` when another server held the sweep lock, so this one did nothing.
    public var ran = true
}

extension CaseEngine {
    /// Finds the tenant's deadlines that have expired at `instant` and runs each one's expiry
    /// action exactly once: an automatic transition by the system actor, or a notification or
    /// escalation entry in the audit trail. Only one server runs it at a time.
    public func sweepDeadlines(tenant: String, at instant: Instant = .now(), batch: Int = 500) throws -> SweepReport {
        let result = try storage.withAdvisoryLock("deadline-sweep:\(tenant)") { () throws -> SweepReport in
            var report = SweepReport()
            // The latest civil date anywhere is at most 14 hours ahead of UTC, so every deadline
            // that may have expired is due before UTC's date plus one day.
            let utcDate = DeadlineCalculator.civilDate(of: instant.date, in: TimeZone(identifier: "UTC")!)
            let candidates = try storage.read(tenant: tenant) {
                try $0.runningDeadlines(dueBefore: utcDate.adding(days: 1), limit: batch)
            }
            for candidate in candidates {
                try storage.write(tenant: tenant) { transaction in
                    try expire(candidate.id, caseID: candidate.caseID, at: instant, in: transaction, report: &report)
                }
            }
            return report
        }
        return result ?? SweepReport(ran: false)
    }

    private func expire(
        _ deadlineID: Int64, caseID: Int64, at instant: Instant, in transaction: any StorageTransaction,
        report: inout SweepReport
    ) throws {
        // Read again inside the transaction: another sweep or a user may have closed it.
        guard var deadline = try transaction.deadlines(caseID: caseID).first(where: { $0.id == deadlineID }),
            deadline.isRunning, !deadline.expiryActionDone,
            let record = try transaction.fetchCase(caseID)
        else { return }
        let configuration = try versions.version(tenant: transaction.tenant, hash: record.configurationHash)
        guard let side = PartySide(rawValue: deadline.party), let party = configuration.parties.party(side),
            let zone = TimeZone(identifier: party.timeZone.value)
        else { return }
        let expiresAt = DeadlineCalculator.startOfDay(deadline.dueDate.adding(days: 1), in: zone)
        guard instant.date >= expiresAt else { return }
        report.expired += 1

        let expiry = configuration.workflow.transition(deadline.transitionID)?.deadline?.onExpiry
        if expiry?.action.value == .transition, let automatic = expiry?.transition?.value {
            do {
                _ = try apply(
                    automatic, to: record, configuration: configuration, actor: .system, readVersion: record.version,
                    at: instant, in: transaction)
                report.transitions += 1
                return
            } catch EngineError.unmetConditions {
                // The automatic transition is not possible from where the case is now; the
                // expiry is still recorded below so it is not retried on every sweep.
            }
        }
        deadline.status = .expired
        deadline.expiryActionDone = true
        try transaction.updateDeadline(deadline)
        report.notified += 1
        try AuditRecorder.append(
            AuditDraft(
                at: instant, actor: "system", action: AuditAction.deadlineExpire.rawValue,
                objectIDs: ["case:\(caseID)", "deadline:\(deadline.id)", "transition:\(deadline.transitionID)"],
                fieldNames: [expiry?.action.value.rawValue ?? ExpiryAction.notify.rawValue]),
            in: transaction)
    }
}
