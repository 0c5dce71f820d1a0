import Foundation
import RCMSConfig

extension CaseEngine {
    /// Extends a running deadline of a case by `amount` days in the unit the configuration
    /// allows for extensions, within its maximum, with a reason; only the party the deadline
    /// runs for may ask. The reason is audited as a digest.
    @discardableResult
    public func extendDeadline(
        tenant: String, caseID: Int64, deadlineID: Int64, amount: Int, reason: String, by user: EngineUser,
        at instant: Instant = .now()
    ) throws -> DeadlineRecord {
        try storage.write(tenant: tenant) { transaction in
            let (_, configuration) = try visibleCase(caseID, for: user, in: transaction)
            try requirePermission(.caseTransition, of: user, in: configuration)
            guard var deadline = try transaction.deadlines(caseID: caseID).first(where: { $0.id == deadlineID }),
                deadline.isRunning
            else {
                throw EngineError.invalidInput([
                    FieldProblem(
                        field: "deadline", code: "not_running",
                        message: "deadline \(deadlineID) is not running on this case")
                ])
            }
            guard deadline.party == user.party.rawValue, let side = PartySide(rawValue: deadline.party) else {
                throw EngineError.unmetConditions([
                    .wrongParty(
                        transition: deadline.transitionID, required: PartySide(rawValue: deadline.party) ?? .requested,
                        actual: user.party)
                ])
            }
            let allowance = configuration.workflow.transition(deadline.transitionID)?.deadline?.extension
            guard let party = configuration.parties.party(side), let calendar = configuration.calendar(for: side),
                let unit = DeadlineUnit(rawValue: deadline.unit.rawValue)
            else { throw EngineError.caseNotFound(caseID) }
            let clock = try PartyClock(timeZoneIdentifier: party.timeZone.value, calendar: WorkingCalendar(calendar))
            var terms = DeadlineTerms(
                startDate: DeadlineCalculator.civilDate(of: deadline.startedAt.date, in: clock.timeZone),
                amount: Int(deadline.amount), unit: unit)
            if deadline.extendedBy > 0, let allowance {
                terms.extensions.append(
                    DeadlineExtension(amount: Int(deadline.extendedBy), unit: allowance.unit.value, reason: "earlier"))
            }
            let extended: ComputedDeadline
            do {
                extended = try calculator.extend(
                    try calculator.compute(terms, clock: clock), by: amount, reason: reason, allowance: allowance,
                    clock: clock)
            } catch {
                throw EngineError.invalidInput([
                    FieldProblem(field: "amount", code: "extension_refused", message: "\(error)")
                ])
            }
            deadline.dueDate = extended.dueDate
            deadline.status = .extended
            deadline.extendedBy += Int64(amount)
            try transaction.updateDeadline(deadline)
            try AuditRecorder.append(
                AuditDraft(
                    at: instant, actor: String(user.id), action: AuditAction.deadlineExtend.rawValue,
                    objectIDs: ["case:\(caseID)", "deadline:\(deadlineID)"],
                    fieldNames: ["due_date:\(extended.dueDate)", "extended_by:\(deadline.extendedBy)", "reason"],
                    digests: [AuditRecorder.digest(reason)]),
                in: transaction)
            return deadline
        }
    }
}
