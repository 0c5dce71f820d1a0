import Foundation
import RCMSConfig

/// The time zone and working-day calendar of the party that must act before a deadline.
public struct PartyClock: Sendable, Hashable {
    public var timeZone: TimeZone
    public var calendar: WorkingCalendar

    public init(timeZone: TimeZone, calendar: WorkingCalendar) {
        self.timeZone = timeZone
        self.calendar = calendar
    }

    /// Creates a clock from an IANA zone name such as `Asia/Karachi`.
    ///
    /// - Throws: ``DeadlineError/unknownTimeZone(_:)`` when the system's zone database lacks it.
    public init(timeZoneIdentifier: String, calendar: WorkingCalendar) throws(DeadlineError) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { throw .unknownTimeZone(timeZoneIdentifier) }
        self.init(timeZone: zone, calendar: calendar)
    }
}

/// More time granted on a running deadline, with the reason recorded for the audit trail.
public struct DeadlineExtension: Sendable, Hashable, Codable {
    public var amount: Int
    public var unit: DeadlineUnit
    public var reason: String

    public init(amount: Int, unit: DeadlineUnit, reason: String) {
        self.amount = amount
        self.unit = unit
        self.reason = reason
    }
}

/// The inputs a deadline is counted from: the civil start date in the acting party's zone, the
/// period, and every extension granted so far, in order.
///
/// Storage keeps these terms, not only the due date, so that a corrected holiday list can be
/// applied again to every open deadline.
public struct DeadlineTerms: Sendable, Hashable, Codable {
    public var startDate: CivilDate
    public var amount: Int
    public var unit: DeadlineUnit
    public var extensions: [DeadlineExtension]

    public init(startDate: CivilDate, amount: Int, unit: DeadlineUnit, extensions: [DeadlineExtension] = []) {
        self.startDate = startDate
        self.amount = amount
        self.unit = unit
        self.extensions = extensions
    }

    /// The days granted by extensions so far, in any unit, for the configured maximum.
    public var extendedAmount: Int { extensions.reduce(0) { $0 + $1.amount } }
}

/// A deadline with its due date worked out.
public struct ComputedDeadline: Sendable, Hashable {
    public var terms: DeadlineTerms
    /// The last day of the period as counted, before any move off a non-working day.
    public var countedEndDate: CivilDate
    /// The last day on which the party may still act; the deadline runs to the end of it in
    /// the party's zone.
    public var dueDate: CivilDate
    /// The first instant after the deadline: the start of the civil day after `dueDate` in
    /// the party's zone.
    public var expiresAt: Date
    /// The IANA zone the dates are civil dates of.
    public var timeZoneIdentifier: String

    /// Whether the counted end fell on a non-working day and the due date was moved.
    public var wasMovedToWorkingDay: Bool { dueDate != countedEndDate }

    /// Returns whether the deadline has passed at `instant`.
    public func isExpired(at instant: Date) -> Bool { instant >= expiresAt }
}

/// Counts deadlines in civil days of the acting party, never as a number of 24-hour spans and
/// never in the server's own zone or locale.
///
/// Counting rules, in the manner of Regulation (EEC, Euratom) No 1182/71:
/// - the start date is the civil date, in the acting party's zone, of the instant the
///   transition was made, and that day itself is not counted;
/// - `calendar_days`: the period ends on start date + amount;
/// - `working_days`: the period ends on the amount-th working day after the start date;
/// - a `calendar_days` period whose last day is not a working day ends on the next working
///   day instead, when ``movesEndOffNonWorkingDay`` is on (the default, as Article 3(4) of
///   that Regulation does for Saturdays, Sundays and public holidays);
/// - the deadline runs until the end of its due date in the party's zone.
///
/// NOTE: Article 3(5) of that Regulation (a period of two days or more holds at least two
/// working days) is not applied; no agreement in use has needed it.
public struct DeadlineCalculator: Sendable, Hashable {
    /// Whether a `calendar_days` period ending on a weekend day or holiday ends on the next
    /// working day instead.
    public var movesEndOffNonWorkingDay: Bool

    public init(movesEndOffNonWorkingDay: Bool = true) {
        self.movesEndOffNonWorkingDay = movesEndOffNonWorkingDay
    }

    /// Starts a deadline at `instant`, counting `amount` days of `unit` on `clock`.
    ///
    /// - Throws: ``DeadlineError`` for a negative amount or a calendar with no working day.
    public func start(
        at instant: Date, amount: Int, unit: DeadlineUnit, clock: PartyClock
    ) throws(DeadlineError) -> ComputedDeadline {
        let startDate = Self.civilDate(of: instant, in: clock.timeZone)
        return try compute(DeadlineTerms(startDate: startDate, amount: amount, unit: unit), clock: clock)
    }

    /// Works out the due date of `terms` on `clock`: the period, then each extension counted
    /// from the end of the one before, then the move off a non-working day.
    ///
    /// An extension counts from the period's counted end, not from a day it was moved to, so a
    /// granted extension is never shortened or lengthened by the weekend it happened to start
    /// on.
    public func compute(_ terms: DeadlineTerms, clock: PartyClock) throws(DeadlineError) -> ComputedDeadline {
        guard terms.amount >= 0 else { throw .negativeAmount(terms.amount) }
        var end = try advance(terms.startDate, by: terms.amount, unit: terms.unit, calendar: clock.calendar)
        var lastUnit = terms.unit
        for granted in terms.extensions {
            guard granted.amount > 0 else { throw .extensionAmountNotPositive(granted.amount) }
            end = try advance(end, by: granted.amount, unit: granted.unit, calendar: clock.calendar)
            lastUnit = granted.unit
        }

        var due = end
        if lastUnit == .calendarDays && movesEndOffNonWorkingDay {
            due = try clock.calendar.workingDay(onOrAfter: end)
        }

        return ComputedDeadline(
            terms: terms, countedEndDate: end, dueDate: due,
            expiresAt: Self.startOfDay(due.adding(days: 1), in: clock.timeZone),
            timeZoneIdentifier: clock.timeZone.identifier)
    }

    func advance(
        _ date: CivilDate, by amount: Int, unit: DeadlineUnit, calendar: WorkingCalendar
    ) throws(DeadlineError) -> CivilDate {
        switch unit {
        case .calendarDays: return date.adding(days: amount)
        case .workingDays: return try calendar.workingDay(amount, after: date)
        }
    }

    /// Converts `instant` to its civil date in `timeZone`.
    ///
    /// Foundation's Gregorian calendar is used for this conversion only, because it carries
    /// the zone database's offsets and daylight-saving rules. Weekends and holidays come from
    /// ``WorkingCalendar``.
    public static func civilDate(of instant: Date, in timeZone: TimeZone) -> CivilDate {
        let parts = gregorian(in: timeZone).dateComponents([.year, .month, .day], from: instant)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Returns the first instant of `date` in `timeZone`: local midnight, or the first instant after
    /// it where a zone skips midnight for daylight saving time.
    public static func startOfDay(_ date: CivilDate, in timeZone: TimeZone) -> Date {
        let calendar = gregorian(in: timeZone)
        // Noon exists on every civil day in every zone, so it anchors the day before asking
        // for its start.
        let noon = DateComponents(year: date.year, month: date.month, day: date.day, hour: 12)
        return calendar.startOfDay(for: calendar.date(from: noon)!)
    }

    static func gregorian(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}

/// The reasons a deadline cannot be computed or changed.
public enum DeadlineError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownTimeZone(String)
    case negativeAmount(Int)
    case noWorkingDay(after: CivilDate)
    /// Only the requesting and requested state keep a calendar; the monitor has none.
    case noPartyCalendar(PartySide)
    /// The transition's deadline declares no `extension`.
    case extensionNotAllowed
    case extensionReasonMissing
    case extensionAmountNotPositive(Int)
    case extensionExceedsMaximum(requested: Int, remaining: Int)

    /// A stable code for the error.
    public var code: String {
        switch self {
        case .unknownTimeZone: return "unknown_time_zone"
        case .negativeAmount: return "negative_deadline_amount"
        case .noWorkingDay: return "no_working_day"
        case .noPartyCalendar: return "no_party_calendar"
        case .extensionNotAllowed: return "extension_not_allowed"
        case .extensionReasonMissing: return "extension_reason_missing"
        case .extensionAmountNotPositive: return "extension_amount_not_positive"
        case .extensionExceedsMaximum: return "extension_exceeds_maximum"
        }
    }

    public var description: String {
        switch self {
        case .unknownTimeZone(let zone):
            return "time zone '\(zone)' is not in this system's zone database"
        case .negativeAmount(let amount):
            return "a deadline of \(amount) days cannot be counted; the amount must be zero or more"
        case .noWorkingDay(let date):
            return
                "the calendar has no working day within \(WorkingCalendar.searchLimitInDays) days after \(date); check its weekend rules and holidays"
        case .noPartyCalendar(let party):
            return "the \(party.rawValue) party keeps no working-day calendar, so no deadline runs for it"
        case .extensionNotAllowed:
            return "this deadline may not be extended; its configuration declares no extension"
        case .extensionReasonMissing:
            return "an extension needs a reason"
        case .extensionAmountNotPositive(let amount):
            return "an extension of \(amount) days is not possible; grant one day or more"
        case .extensionExceedsMaximum(let requested, let remaining):
            return
                "an extension of \(requested) days exceeds what remains of the configured maximum (\(remaining) days)"
        }
    }
}
