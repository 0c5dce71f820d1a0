import Foundation
import RCMSConfig

/// A deadline worked out again after a calendar changed, for example when moon sighting
/// moved an estimated Eid holiday by a day.
public struct DeadlineRecomputation: Sendable, Hashable {
    public var before: ComputedDeadline
    public var after: ComputedDeadline

    /// Whether the due date moved, which the caller records in the audit trail and tells both parties.
    public var changed: Bool { before.dueDate != after.dueDate }
}

extension DeadlineCalculator {
    /// Grants more time on `deadline`, within the extension its transition declares.
    ///
    /// The maximum counts every extension of the deadline together, so two extensions of 3
    /// days exhaust a maximum of 6. The amount is counted in the unit the configuration gives
    /// for extensions.
    ///
    /// - Parameters:
    ///   - deadline: The running deadline.
    ///   - amount: Days to add, one or more.
    ///   - reason: The officer's reason for more time, which must not be empty. It is stored
    ///     with the deadline, so it must not contain personal data.
    ///   - allowance: The deadline's `extension` from the configuration; `nil` forbids it.
    ///   - clock: The acting party's zone and calendar.
    /// - Throws: ``DeadlineError`` naming the first rule the request breaks.
    public func extend(
        _ deadline: ComputedDeadline, by amount: Int, reason: String, allowance: Deadline.Extension?,
        clock: PartyClock
    ) throws(DeadlineError) -> ComputedDeadline {
        guard let allowance else { throw .extensionNotAllowed }
        guard amount > 0 else { throw .extensionAmountNotPositive(amount) }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .extensionReasonMissing }
        let remaining = max(0, allowance.maxAmount.value - deadline.terms.extendedAmount)
        guard amount <= remaining else { throw .extensionExceedsMaximum(requested: amount, remaining: remaining) }

        var terms = deadline.terms
        terms.extensions.append(DeadlineExtension(amount: amount, unit: allowance.unit.value, reason: reason))
        return try compute(terms, clock: clock)
    }

    /// Works out `terms` on the old and the new calendar of the acting party.
    ///
    /// The time zone stays the same; only weekends, holidays and extra working days change.
    public func recompute(
        _ terms: DeadlineTerms, timeZone: TimeZone, from old: WorkingCalendar, to new: WorkingCalendar
    ) throws(DeadlineError) -> DeadlineRecomputation {
        let before = try compute(terms, clock: PartyClock(timeZone: timeZone, calendar: old))
        let after = try compute(terms, clock: PartyClock(timeZone: timeZone, calendar: new))
        return DeadlineRecomputation(before: before, after: after)
    }
}
