import RCMSConfig

/// The working-day calendar of one party: the weekend rule in force on each date, the public
/// holidays, and the extra working days that override both.
///
/// The weekend is read from the tenant's calendar only, never from a locale: several
/// requested states keep a Friday–Saturday weekend, and some have changed it by decree.
public struct WorkingCalendar: Sendable, Hashable {
    /// Weekend days that apply from `from` on, until the next rule's date.
    public struct WeekendRule: Sendable, Hashable {
        public var from: CivilDate
        public var days: Set<Weekday>

        public init(from: CivilDate, days: Set<Weekday>) {
            self.from = from
            self.days = days
        }
    }

    /// A public holiday; `estimated` marks a lunar date that moon sighting may still move.
    public struct Holiday: Sendable, Hashable {
        public var date: CivilDate
        public var estimated: Bool

        public init(date: CivilDate, estimated: Bool = false) {
            self.date = date
            self.estimated = estimated
        }
    }

    /// Rules sorted by their start date.
    public let weekendRules: [WeekendRule]
    /// Holidays by date; a date listed twice is one holiday, estimated only if every listing is.
    public let holidays: [CivilDate: Holiday]
    public let extraWorkingDays: Set<CivilDate>

    /// The maximum run of non-working days searched before a calendar is judged to have no
    /// working day at all (ten years), so that every search ends.
    public static let searchLimitInDays = 3_660

    /// Creates a calendar from its parts; the rules may be given in any order.
    public init(weekendRules: [WeekendRule], holidays: [Holiday] = [], extraWorkingDays: Set<CivilDate> = []) {
        self.weekendRules = weekendRules.sorted { $0.from < $1.from }
        var byDate: [CivilDate: Holiday] = [:]
        for holiday in holidays {
            let earlier = byDate[holiday.date]
            byDate[holiday.date] = Holiday(
                date: holiday.date, estimated: holiday.estimated && (earlier?.estimated ?? true))
        }
        self.holidays = byDate
        self.extraWorkingDays = extraWorkingDays
    }

    /// Creates the calendar a tenant configuration declares for one party.
    public init(_ calendar: PartyCalendar) {
        self.init(
            weekendRules: calendar.weekend.map { rule in
                WeekendRule(from: rule.from.value, days: Set(rule.days.map(\.value)))
            },
            holidays: (calendar.holidays ?? []).map { holiday in
                Holiday(date: holiday.date.value, estimated: holiday.estimated ?? false)
            },
            extraWorkingDays: Set((calendar.extraWorkingDays ?? []).map(\.value)))
    }

    /// The weekend days in force on `date`.
    ///
    /// Before the first rule's date the first rule applies, so a calendar whose history starts
    /// late still has a weekend. A calendar with no rule has no weekend.
    public func weekendDays(on date: CivilDate) -> Set<Weekday> {
        guard let first = weekendRules.first else { return [] }
        let inForce = weekendRules.last { $0.from <= date } ?? first
        return inForce.days
    }

    public func isWeekend(_ date: CivilDate) -> Bool {
        weekendDays(on: date).contains(date.weekday)
    }

    public func isHoliday(_ date: CivilDate) -> Bool {
        holidays[date] != nil
    }

    /// Returns whether `date` is a working day: not a weekend day under the rule in force, not a
    /// holiday, unless it is listed as an extra working day.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if extraWorkingDays.contains(date) { return true }
        return !isWeekend(date) && !isHoliday(date)
    }

    /// Returns `date` itself when it is a working day, otherwise the first working day after it.
    ///
    /// - Throws: ``DeadlineError/noWorkingDay(after:)`` when none comes within
    ///   ``searchLimitInDays``.
    public func workingDay(onOrAfter date: CivilDate) throws(DeadlineError) -> CivilDate {
        var candidate = date
        for _ in 0..<Self.searchLimitInDays {
            if isWorkingDay(candidate) { return candidate }
            candidate = candidate.adding(days: 1)
        }
        throw .noWorkingDay(after: date)
    }

    /// Returns the `count`-th working day after `date`, not counting `date` itself; `date` when
    /// `count` is zero.
    ///
    /// - Throws: ``DeadlineError/noWorkingDay(after:)`` when a run of non-working days longer
    ///   than ``searchLimitInDays`` is met.
    public func workingDay(_ count: Int, after date: CivilDate) throws(DeadlineError) -> CivilDate {
        var current = date
        for _ in 0..<max(0, count) {
            current = try workingDay(onOrAfter: current.adding(days: 1))
        }
        return current
    }

    /// Returns the holidays in `range` marked as estimated, in date order: the dates a correction by moon
    /// sighting may still move.
    public func estimatedHolidays(in range: ClosedRange<CivilDate>) -> [CivilDate] {
        holidays.values.filter { $0.estimated && range.contains($0.date) }.map(\.date).sorted()
    }
}
