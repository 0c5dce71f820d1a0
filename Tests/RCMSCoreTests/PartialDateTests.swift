import Foundation
import RCMSConfig
import Testing

@testable import RCMSCore

@Suite("Partial dates of birth")
struct PartialDateTests {
    @Test(
        "parses and displays at the precision written",
        arguments: [
            ("1987", PartialDate.Precision.year, "1987-01-01", "1987-12-31"),
            ("1987-04", .month, "1987-04-01", "1987-04-30"),
            ("1987-04-12", .day, "1987-04-12", "1987-04-12"),
            ("2024-02", .month, "2024-02-01", "2024-02-29"),
            ("2025-02", .month, "2025-02-01", "2025-02-28"),
            ("2024-02-29", .day, "2024-02-29", "2024-02-29"),
            ("0999", .year, "0999-01-01", "0999-12-31"),
        ])
    func parses(text: String, precision: PartialDate.Precision, earliest: String, latest: String) throws {
        let date = try PartialDate.parse(text)
        #expect(date.precision == precision)
        #expect(date.description == text)
        #expect(date.earliest == Fixtures.date(earliest))
        #expect(date.latest == Fixtures.date(latest))
        #expect(PartialDate(text) == date)
    }

    @Test(
        "rejects impossible and malformed dates with a clear problem",
        arguments: [
            ("2025-02-29", PartialDateError.Problem.dayOutOfRange),
            ("1987-04-31", .dayOutOfRange),
            ("1900-02-29", .dayOutOfRange),
            ("1987-13", .monthOutOfRange),
            ("1987-00-10", .monthOutOfRange),
            ("0000", .yearOutOfRange),
            ("87", .malformed),
            ("1987-4", .malformed),
            ("1987-04-12T00:00", .malformed),
            ("", .malformed),
            ("1987/04/12", .malformed),
            ("１９８７", .malformed),
        ])
    func rejects(text: String, problem: PartialDateError.Problem) {
        #expect(throws: PartialDateError(text: text, problem: problem)) { try PartialDate.parse(text) }
        #expect(PartialDate(text) == nil)
    }

    @Test("an impossible day names the month's length to the person who typed it")
    func impossibleDayMessage() {
        let error = PartialDateError(text: "2025-02-29", problem: .dayOutOfRange)
        #expect(error.code == "impossible_date")
        #expect(error.messageForAuthor == "'2025-02-29' is not a date: 2025-02 has 28 days")
        #expect(!error.description.contains("2025"))
    }

    @Test(
        "compatibility: the same day is possible under both",
        arguments: [
            ("1987", "1987-04-12", true),
            ("1987-04", "1987-04-12", true),
            ("1987-05", "1987-04-12", false),
            ("1987", "1988", false),
            ("1987", "1987-12", true),
            ("1987-04-12", "1987-04-12", true),
            ("1987-04-12", "1987-04-13", false),
            ("1986", "1987-01-01", false),
        ])
    func compatibility(lhs: String, rhs: String, compatible: Bool) throws {
        let a = try PartialDate.parse(lhs)
        let b = try PartialDate.parse(rhs)
        #expect(a.isCompatible(with: b) == compatible)
        #expect(b.isCompatible(with: a) == compatible)
    }

    @Test(
        "age on a date is a range over the possible birthdays",
        arguments: [
            ("1987", "2026-06-01", 38...39),
            ("1987", "2026-12-31", 39...39),
            ("1987", "2026-01-01", 38...39),
            ("1987-04", "2026-04-15", 38...39),
            ("1987-04", "2026-05-01", 39...39),
            ("1987-04-12", "2026-04-11", 38...38),
            ("1987-04-12", "2026-04-12", 39...39),
            ("2000-02-29", "2025-02-28", 24...24),
            ("2000-02-29", "2025-03-01", 25...25),
            ("2026", "2026-06-01", 0...0),
            ("2008-06", "2026-06-10", 17...18),
        ])
    func ageRange(birth: String, on day: String, expected: ClosedRange<Int>) throws {
        #expect(try PartialDate.parse(birth).age(on: Fixtures.date(day)) == expected)
    }

    @Test("no age before the earliest possible birthday")
    func ageBeforeBirth() throws {
        #expect(try PartialDate.parse("2026-07").age(on: Fixtures.date("2026-06-30")) == nil)
    }

    @Test(
        "whether someone is an adult answers unknown when the date cannot tell",
        arguments: [
            ("2008-06", "2026-06-10", nil as Bool?),
            ("2008-06", "2026-07-01", true),
            ("2008-06-11", "2026-06-10", false),
            ("2009", "2026-06-10", false),
            ("1987", "2026-06-10", true),
        ])
    func adult(birth: String, on day: String, expected: Bool?) throws {
        #expect(try PartialDate.parse(birth).isAtLeast(18, on: Fixtures.date(day)) == expected)
    }

    @Test("encodes as its text form and decodes it back", arguments: ["1987", "1987-04", "1987-04-12"])
    func codable(text: String) throws {
        let date = try PartialDate.parse(text)
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([PartialDate].self, from: json) == [date])
    }

    @Test("decoding an impossible date fails")
    func decodingImpossible() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PartialDate].self, from: Data("[\"2025-02-29\"]".utf8))
        }
    }

    @Test("a day without a month is not a date")
    func dayWithoutMonth() {
        #expect(PartialDate(year: 1987, month: nil, day: 12) == nil)
        #expect(PartialDate(year: 1987, month: 4)?.precision == .month)
        #expect(PartialDate(Fixtures.date("1987-04-12")).civilDate == Fixtures.date("1987-04-12"))
    }
}
