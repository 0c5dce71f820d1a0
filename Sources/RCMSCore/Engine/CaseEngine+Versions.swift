import Foundation
import RCMSConfig

extension CaseEngine {
    /// Moves the tenant's open cases to configuration version `hash`, mapping each case's
    /// state through `stateMapping` (a state absent from the mapping keeps its id).
    ///
    /// The mapping is checked against every open case before anything is written: each mapped
    /// state must exist in the new version. Returns the ids of the cases moved.
    @discardableResult
    public func migrateOpenCases(
        tenant: String, to hash: String, stateMapping: [String: String], by actor: String, at instant: Instant = .now()
    ) throws -> [Int64] {
        let target = try versions.version(tenant: tenant, hash: hash)
        let states = Set(target.workflow.states.map(\.id.value))
        return try storage.write(tenant: tenant) { transaction in
            var cases: [CaseRecord] = []
            var cursor: CaseQuery.Cursor?
            while true {
                let page = try transaction.listCases(CaseQuery(after: cursor, limit: 1000))
                cases += page.filter { $0.closedAt == nil && $0.configurationHash != hash }
                guard page.count == 1000, let last = page.last else { break }
                cursor = CaseQuery.Cursor(after: last)
            }

            var problems: [String] = []
            for (from, to) in stateMapping.sorted(by: { $0.key < $1.key }) where !states.contains(to) {
                problems.append("state '\(from)' maps to '\(to)', which the new version does not define")
            }
            for record in cases {
                let mapped = stateMapping[record.state] ?? record.state
                if !states.contains(mapped) {
                    problems.append(
                        "case \(record.id) is in state '\(record.state)', which the new version lacks; map it")
                }
            }
            if !problems.isEmpty { throw EngineError.invalidStateMapping(Array(Set(problems)).sorted()) }

            for record in cases {
                var moved = record
                moved.configurationHash = hash
                moved.state = stateMapping[record.state] ?? record.state
                moved.updatedAt = instant
                try transaction.updateCase(moved, expectedVersion: record.version)
                try AuditRecorder.append(
                    AuditDraft(
                        at: instant, actor: actor, action: AuditAction.caseMigrate.rawValue,
                        objectIDs: ["case:\(record.id)", "configuration:\(hash)"],
                        fieldNames: ["state:\(record.state)->\(moved.state)"]),
                    in: transaction)
            }
            return cases.map(\.id)
        }
    }

    /// Recounts the running deadlines of the tenant's open cases with the calendars of `new`,
    /// after a corrected holiday list (an estimated Eid date, say) was published. Each changed
    /// due date is audited. Returns how many changed.
    @discardableResult
    public func applyCalendarCorrection(
        tenant: String, from old: TenantConfiguration, to new: TenantConfiguration, at instant: Instant = .now()
    ) throws -> Int {
        try storage.write(tenant: tenant) { transaction in
            var changed = 0
            let far = CivilDate(year: 9999, month: 12, day: 31)!
            for deadline in try transaction.runningDeadlines(dueBefore: far, limit: 100_000) {
                guard deadline.startedAt.microseconds > 0, let side = PartySide(rawValue: deadline.party),
                    let oldCalendar = old.calendar(for: side), let newCalendar = new.calendar(for: side),
                    let zoneID = new.parties.party(side)?.timeZone.value, let zone = TimeZone(identifier: zoneID),
                    let unit = DeadlineUnit(rawValue: deadline.unit.rawValue)
                else { continue }
                let terms = DeadlineTerms(
                    startDate: DeadlineCalculator.civilDate(of: deadline.startedAt.date, in: zone),
                    amount: Int(deadline.amount + deadline.extendedBy), unit: unit)
                let result = try calculator.recompute(
                    terms, timeZone: zone, from: WorkingCalendar(oldCalendar), to: WorkingCalendar(newCalendar))
                guard result.changed, result.after.dueDate != deadline.dueDate else { continue }
                var updated = deadline
                updated.dueDate = result.after.dueDate
                try transaction.updateDeadline(updated)
                changed += 1
                try AuditRecorder.append(
                    AuditDraft(
                        at: instant, actor: "system", action: AuditAction.deadlineRecompute.rawValue,
                        objectIDs: [
                            "case:\(deadline.caseID)", "deadline:\(deadline.id)", "configuration:\(new.contentHash)",
                        ],
                        fieldNames: ["due_date:\(deadline.dueDate)->\(updated.dueDate)"]),
                    in: transaction)
            }
            return changed
        }
    }
}
