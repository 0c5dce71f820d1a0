import RCMSConfig
import Testing

@testable import RCMSCore

@Suite("Working-day calendars")
struct WorkingCalendarTests {
    /// Loads the calendar of the requested state from a tenant whose calendar file is `yaml`.
    static func requestedCalendar(_ tenant: String, file: String, yaml: String) throws -> WorkingCalendar {
        let configuration = try Fixtures.configuration(tenant, replacing: [file: yaml])
        return WorkingCalendar(try #require(configuration.calendar(for: .requested)))
    }

    static func pakistan() throws -> WorkingCalendar {
        try requestedCalendar("be-pk", file: "calendars/pk.yaml", yaml: Fixtures.pakistanCalendarYAML)
    }

    static func bangladesh() throws -> WorkingCalendar {
        let yaml = Fixtures.calendarYAML(
            key: "bd", country: "BD", weekend: [("1970-01-01", "friday, saturday")],
            holidays: [("2026-03-21", true), ("2026-03-22", true), ("2026-03-23", true), ("2026-12-16", false)])
        return try requestedCalendar("be-bd", file: "calendars/bd.yaml", yaml: yaml)
    }

    /// Loads a weekend that moves from Thursday–Friday to Friday–Saturday on 1 July 2026, with one
    /// Saturday declared a working day.
    static func changingWeekend() throws -> WorkingCalendar {
        let yaml = Fixtures.calendarYAML(
            key: "pk", country: "PK",
            weekend: [("1970-01-01", "thursday, friday"), ("2026-07-01", "friday, saturday")],
            holidays: [("2026-07-06", false)], extraWorkingDays: ["2026-07-11"])
        return try requestedCalendar("be-pk", file: "calendars/pk.yaml", yaml: yaml)
    }

    @Test(
        "Saturday–Sunday weekend with holidays (Pakistan)",
        arguments: [
            ("2026-12-04", true),  // Friday
            ("2026-12-05", false),  // Saturday
            ("2026-12-06", false),  // Sunday
            ("2026-12-07", true),  // Monday
            ("2026-12-25", false),  // Friday, a holiday
            ("2026-03-23", false),  // Monday, a holiday
        ])
    func pakistanDays(date: String, working: Bool) throws {
        #expect(try Self.pakistan().isWorkingDay(Fixtures.date(date)) == working)
    }

    @Test(
        "Friday–Saturday weekend (Bangladesh)",
        arguments: [
            ("2026-12-03", true),  // Thursday
            ("2026-12-04", false),  // Friday
            ("2026-12-05", false),  // Saturday
            ("2026-12-06", true),  // Sunday
            ("2026-12-16", false),  // Wednesday, Victory Day
        ])
    func bangladeshDays(date: String, working: Bool) throws {
        #expect(try Self.bangladesh().isWorkingDay(Fixtures.date(date)) == working)
    }

    @Test(
        "a weekend rule applies from its date on; extra working days override it",
        arguments: [
            ("2026-06-25", false),  // Thursday, old weekend
            ("2026-06-26", false),  // Friday, both weekends
            ("2026-06-27", true),  // Saturday, still a working day under the old rule
            ("2026-07-02", true),  // Thursday, a working day under the new rule
            ("2026-07-04", false),  // Saturday, new weekend
            ("2026-07-06", false),  // Monday, a holiday
            ("2026-07-11", true),  // Saturday, declared a working day
            ("1969-12-25", false),  // Thursday before the first rule: the first rule applies
        ])
    func changingWeekendDays(date: String, working: Bool) throws {
        #expect(try Self.changingWeekend().isWorkingDay(Fixtures.date(date)) == working)
    }

    @Test("counting skips weekends and holidays and never counts the start date")
    func counting() throws {
        let calendar = try Self.pakistan()
        #expect(try calendar.workingDay(1, after: Fixtures.date("2026-12-04")) == Fixtures.date("2026-12-07"))
        #expect(try calendar.workingDay(0, after: Fixtures.date("2026-12-05")) == Fixtures.date("2026-12-05"))
        #expect(try calendar.workingDay(onOrAfter: Fixtures.date("2026-12-25")) == Fixtures.date("2026-12-28"))
    }

    @Test("no working day at all")
    func noWorkingDay() {
        let calendar = WorkingCalendar(
            weekendRules: [.init(from: Fixtures.date("1970-01-01"), days: Set(Weekday.allCases))])
        #expect(throws: DeadlineError.noWorkingDay(after: Fixtures.date("2026-01-01"))) {
            try calendar.workingDay(onOrAfter: Fixtures.date("2026-01-01"))
        }
    }

    @Test("estimated holidays are listed for a correction to check")
    func estimated() throws {
        let range = Fixtures.date("2026-01-01")...Fixtures.date("2026-12-31")
        #expect(
            try Self.pakistan().estimatedHolidays(in: range)
                == ["2026-03-20", "2026-03-21", "2026-03-22"].map(
                    Fixtures.date))
    }
}
