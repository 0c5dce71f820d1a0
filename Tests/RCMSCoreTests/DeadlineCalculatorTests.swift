import Foundation
import RCMSConfig
import Testing

@testable import RCMSCore

@Suite("Deadline computation")
struct DeadlineCalculatorTests {
    static func clock(_ zone: String, _ calendar: WorkingCalendar) throws -> PartyClock {
        try PartyClock(timeZoneIdentifier: zone, calendar: calendar)
    }

    static func greece() throws -> WorkingCalendar {
        let yaml = Fixtures.calendarYAML(
            key: "gr", country: "GR", weekend: [("1970-01-01", "saturday, sunday")],
            holidays: [("2025-03-25", false), ("2025-10-28", false), ("2026-03-25", false)])
        let configuration = try Fixtures.configuration("gr-pk", replacing: ["calendars/gr.yaml": yaml])
        return WorkingCalendar(try #require(configuration.calendar(for: .requesting)))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var calendar: String
        var zone: String
        var instant: String
        var amount: Int
        var unit: DeadlineUnit
        var due: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "working days across the year end skip 25 Dec and 1 Jan", calendar: "pk", zone: "Asia/Karachi",
            instant: "2026-12-21T10:00:00+05:00", amount: 10, unit: .workingDays, due: "2027-01-06"),
        Case(
            name: "calendar days ending on 1 Jan move past the holiday and the weekend", calendar: "pk",
            zone: "Asia/Karachi", instant: "2026-12-24T09:00:00+05:00", amount: 8, unit: .calendarDays,
            due: "2027-01-04"),
        Case(
            name: "working days, Saturday–Sunday weekend", calendar: "pk", zone: "Asia/Karachi",
            instant: "2026-12-13T11:00:00+05:00", amount: 5, unit: .workingDays, due: "2026-12-18"),
        Case(
            name: "working days, Friday–Saturday weekend and Victory Day", calendar: "bd", zone: "Asia/Dhaka",
            instant: "2026-12-13T11:00:00+06:00", amount: 5, unit: .workingDays, due: "2026-12-21"),
        Case(
            name: "calendar days ending on a Friday stay there under Saturday–Sunday", calendar: "pk",
            zone: "Asia/Karachi", instant: "2026-12-13T11:00:00+05:00", amount: 5, unit: .calendarDays,
            due: "2026-12-18"),
        Case(
            name: "calendar days ending on a Friday move to Sunday under Friday–Saturday", calendar: "bd",
            zone: "Asia/Dhaka", instant: "2026-12-13T11:00:00+06:00", amount: 5, unit: .calendarDays,
            due: "2026-12-20"),
        Case(
            name: "the weekend rule in force on each day counts", calendar: "changing", zone: "Asia/Karachi",
            instant: "2026-06-29T09:00:00+05:00", amount: 3, unit: .workingDays, due: "2026-07-02"),
        Case(
            name: "the start date is the party's civil date, not UTC's", calendar: "pk", zone: "Asia/Karachi",
            instant: "2026-12-06T20:30:00Z", amount: 1, unit: .workingDays, due: "2026-12-08"),
        Case(
            name: "zero calendar days end on the start date", calendar: "pk", zone: "Asia/Karachi",
            instant: "2026-12-07T08:00:00+05:00", amount: 0, unit: .calendarDays, due: "2026-12-07"),
    ]

    static func calendar(_ name: String) throws -> WorkingCalendar {
        switch name {
        case "pk": return try WorkingCalendarTests.pakistan()
        case "bd": return try WorkingCalendarTests.bangladesh()
        default: return try WorkingCalendarTests.changingWeekend()
        }
    }

    @Test("due dates", arguments: cases)
    func dueDates(_ testCase: Case) throws {
        let clock = try Self.clock(testCase.zone, Self.calendar(testCase.calendar))
        let deadline = try DeadlineCalculator().start(
            at: Fixtures.instant(testCase.instant), amount: testCase.amount, unit: testCase.unit, clock: clock)
        #expect(deadline.dueDate == Fixtures.date(testCase.due))
        #expect(deadline.timeZoneIdentifier == testCase.zone)
    }

    @Test("the move off a non-working day is an option")
    func moveIsOptional() throws {
        let clock = try Self.clock("Asia/Karachi", WorkingCalendarTests.pakistan())
        let instant = try Fixtures.instant("2026-12-24T09:00:00+05:00")
        let kept = try DeadlineCalculator(movesEndOffNonWorkingDay: false).start(
            at: instant, amount: 8, unit: .calendarDays, clock: clock)
        #expect(kept.dueDate == Fixtures.date("2027-01-01"))
        #expect(!kept.wasMovedToWorkingDay)
        let moved = try DeadlineCalculator().start(at: instant, amount: 8, unit: .calendarDays, clock: clock)
        #expect(moved.countedEndDate == Fixtures.date("2027-01-01"))
        #expect(moved.wasMovedToWorkingDay)
    }

    struct DSTCase: Sendable, CustomTestStringConvertible {
        var name: String
        var instant: String
        var amount: Int
        var unit: DeadlineUnit
        var moves: Bool
        var due: String
        var expiresAt: String
        var testDescription: String { name }
    }

    /// Transitions made at 23:30 in Athens on the Saturday before the clocks change.
    static let dstCases: [DSTCase] = [
        DSTCase(
            name: "March, 1 calendar day, kept on Sunday: the 23-hour day", instant: "2025-03-29T23:30:00+02:00",
            amount: 1, unit: .calendarDays, moves: false, due: "2025-03-30", expiresAt: "2025-03-30T21:00:00Z"),
        DSTCase(
            name: "March, 1 calendar day, moved to Monday", instant: "2025-03-29T23:30:00+02:00", amount: 1,
            unit: .calendarDays, moves: true, due: "2025-03-31", expiresAt: "2025-03-31T21:00:00Z"),
        DSTCase(
            name: "March, 2 working days", instant: "2025-03-29T23:30:00+02:00", amount: 2, unit: .workingDays,
            moves: true, due: "2025-04-01", expiresAt: "2025-04-01T21:00:00Z"),
        DSTCase(
            name: "October, 1 calendar day, kept on Sunday: the 25-hour day", instant: "2025-10-25T23:30:00+03:00",
            amount: 1, unit: .calendarDays, moves: false, due: "2025-10-26", expiresAt: "2025-10-26T22:00:00Z"),
        DSTCase(
            name: "October, 3 calendar days onto Ochi Day move to Wednesday", instant: "2025-10-25T23:30:00+03:00",
            amount: 3, unit: .calendarDays, moves: true, due: "2025-10-29", expiresAt: "2025-10-29T22:00:00Z"),
        DSTCase(
            name: "October, 2 working days skip Ochi Day", instant: "2025-10-25T23:30:00+03:00", amount: 2,
            unit: .workingDays, moves: true, due: "2025-10-29", expiresAt: "2025-10-29T22:00:00Z"),
        DSTCase(
            name: "last Saturday of March 2026", instant: "2026-03-28T23:30:00+02:00", amount: 1,
            unit: .calendarDays, moves: false, due: "2026-03-29", expiresAt: "2026-03-29T21:00:00Z"),
        DSTCase(
            name: "last Saturday of October 2026, a week after the change", instant: "2026-10-31T23:30:00+02:00",
            amount: 1, unit: .calendarDays, moves: false, due: "2026-11-01", expiresAt: "2026-11-01T22:00:00Z"),
    ]

    @Test("daylight saving time in Europe/Athens", arguments: dstCases)
    func daylightSaving(_ testCase: DSTCase) throws {
        let clock = try Self.clock("Europe/Athens", Self.greece())
        let start = try Fixtures.instant(testCase.instant)
        let deadline = try DeadlineCalculator(movesEndOffNonWorkingDay: testCase.moves).start(
            at: start, amount: testCase.amount, unit: testCase.unit, clock: clock)
        let expiry = try Fixtures.instant(testCase.expiresAt)

        #expect(deadline.terms.startDate == DeadlineCalculator.civilDate(of: start, in: clock.timeZone))
        #expect(deadline.dueDate == Fixtures.date(testCase.due))
        #expect(deadline.expiresAt == expiry)
        #expect(!deadline.isExpired(at: expiry.addingTimeInterval(-1)))
        #expect(deadline.isExpired(at: expiry))
    }

    @Test("the civil start date is the Saturday, though UTC+3 would say Sunday")
    func startDateBeforeSpringForward() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Athens"))
        let instant = try Fixtures.instant("2025-03-29T21:30:00Z")
        #expect(DeadlineCalculator.civilDate(of: instant, in: zone) == Fixtures.date("2025-03-29"))
    }

    @Test(
        "extensions stay within the configured maximum and need a reason",
        arguments: [
            ([4], 2, "late documents", nil as DeadlineError?, "2027-01-25"),
            ([6], 0, "late documents", nil, "2027-01-25"),
            ([4], 3, "late documents", .extensionExceedsMaximum(requested: 3, remaining: 2), ""),
            ([], 7, "late documents", .extensionExceedsMaximum(requested: 7, remaining: 6), ""),
            ([], 2, "  ", .extensionReasonMissing, ""),
            ([], 0, "late documents", .extensionAmountNotPositive(0), ""),
        ])
    func extensions(earlier: [Int], amount: Int, reason: String, error: DeadlineError?, due: String) throws {
        let clock = try Self.clock("Asia/Karachi", WorkingCalendarTests.pakistan())
        let allowance = try #require(Fixtures.engineConfiguration().workflow.transition("submit")?.deadline?.extension)
        let calculator = DeadlineCalculator()
        // 60 calendar days from Thursday 2026-11-19 end on Monday 2027-01-18.
        var deadline = try calculator.start(
            at: Fixtures.instant("2026-11-19T10:00:00+05:00"), amount: 60, unit: .calendarDays, clock: clock)
        #expect(deadline.dueDate == Fixtures.date("2027-01-18"))
        for days in earlier {
            deadline = try calculator.extend(deadline, by: days, reason: "first", allowance: allowance, clock: clock)
        }

        if let error {
            #expect(throws: error) {
                try calculator.extend(deadline, by: amount, reason: reason, allowance: allowance, clock: clock)
            }
        } else if amount > 0 {
            let extended = try calculator.extend(
                deadline, by: amount, reason: reason, allowance: allowance, clock: clock)
            #expect(extended.dueDate == Fixtures.date(due))
            #expect(extended.terms.extensions.last?.reason == reason)
        } else {
            #expect(deadline.dueDate == Fixtures.date(due))
        }
    }

    @Test("a deadline without an extension in its configuration cannot be extended")
    func extensionNotAllowed() throws {
        let clock = try Self.clock("Asia/Karachi", WorkingCalendarTests.pakistan())
        let deadline = try DeadlineCalculator().start(
            at: Fixtures.instant("2026-11-19T10:00:00+05:00"), amount: 5, unit: .workingDays, clock: clock)
        #expect(throws: DeadlineError.extensionNotAllowed) {
            try DeadlineCalculator().extend(deadline, by: 1, reason: "x", allowance: nil, clock: clock)
        }
    }

    @Test(
        "an estimated Eid moved by one day changes the due dates it touches",
        arguments: [
            ("2026-03-18", 2, DeadlineUnit.workingDays, "2026-03-24", "2026-03-20", true),
            ("2026-03-02", 10, .workingDays, "2026-03-16", "2026-03-16", false),
            ("2026-03-13", 7, .calendarDays, "2026-03-24", "2026-03-20", true),
            ("2026-03-16", 7, .calendarDays, "2026-03-24", "2026-03-24", false),
        ])
    func holidayCorrection(
        start: String, amount: Int, unit: DeadlineUnit, before: String, after: String, changed: Bool
    ) throws {
        let old = try WorkingCalendarTests.pakistan()
        // Moon sighting put Eid ul-Fitr a day later: 21–23 March instead of 20–22 March.
        let corrected = Fixtures.pakistanHolidays.filter { $0.date != "2026-03-20" }
        let yaml = Fixtures.calendarYAML(
            key: "pk", country: "PK", weekend: [("1970-01-01", "saturday, sunday")], holidays: corrected)
        let new = try WorkingCalendarTests.requestedCalendar("be-pk", file: "calendars/pk.yaml", yaml: yaml)
        let zone = try #require(TimeZone(identifier: "Asia/Karachi"))

        let terms = DeadlineTerms(startDate: Fixtures.date(start), amount: amount, unit: unit)
        let result = try DeadlineCalculator().recompute(terms, timeZone: zone, from: old, to: new)
        #expect(result.before.dueDate == Fixtures.date(before))
        #expect(result.after.dueDate == Fixtures.date(after))
        #expect(result.changed == changed)
    }

    @Test("a negative amount and an unknown zone are refused")
    func invalidInputs() throws {
        let calendar = try WorkingCalendarTests.pakistan()
        #expect(throws: DeadlineError.unknownTimeZone("Mars/Olympus")) {
            try PartyClock(timeZoneIdentifier: "Mars/Olympus", calendar: calendar)
        }
        let clock = try Self.clock("Asia/Karachi", calendar)
        #expect(throws: DeadlineError.negativeAmount(-1)) {
            try DeadlineCalculator().compute(
                DeadlineTerms(startDate: Fixtures.date("2026-01-05"), amount: -1, unit: .calendarDays), clock: clock)
        }
    }
}
