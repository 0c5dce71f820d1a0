import RCMSConfig

/// A date of birth known to the year, to the year and month, or to the day.
///
/// Many readmission applications carry a date of birth that the person or their documents give
/// only as a year (`1987`) or a month (`1987-04`). The value keeps that precision everywhere:
/// in its text form, in comparisons with a full date from a travel document, and in age
/// questions, which answer with a range instead of inventing a day.
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// How much of the date is known.
    public enum Precision: String, Sendable, Hashable, CaseIterable, Codable {
        case year
        case month
        case day
    }

    public let year: Int
    /// The month, 1 to 12, when known.
    public let month: Int?
    /// The day of the month, when known; never set without `month`.
    public let day: Int?

    /// Creates a date known to the year, the month or the day.
    ///
    /// Returns `nil` when a day is given without a month, or when a part does not exist
    /// (month 13, `2025-02-29`).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, CivilDate(year: year, month: month, day: day) != nil else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date known to the day.
    public init(_ date: CivilDate) {
        self.year = date.year
        self.month = date.month
        self.day = date.day
    }

    public var precision: Precision {
        if day != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    /// The full date, when the day is known.
    public var civilDate: CivilDate? {
        guard let month, let day else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// The first day the date may stand for: 1 January for a year, the 1st for a month.
    public var earliest: CivilDate {
        CivilDate(year: year, month: month ?? 1, day: day ?? 1)!
    }

    /// The last day the date may stand for: 31 December for a year, the month's last day.
    public var latest: CivilDate {
        let lastMonth = month ?? 12
        let lastDay = day ?? CivilDate.daysIn(month: lastMonth, year: year)
        return CivilDate(year: year, month: lastMonth, day: lastDay)!
    }

    /// The days the date may stand for, both ends included.
    public var possibleDays: ClosedRange<CivilDate> { earliest...latest }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, showing only what is known.
    public var description: String {
        let full = earliest.description
        switch precision {
        case .year: return String(full.prefix(4))
        case .month: return String(full.prefix(7))
        case .day: return full
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `nil` for any other text or a day that does not
    /// exist. Use ``parse(_:)`` for a message that names the problem.
    public init?(_ description: String) {
        guard let value = try? Self.parse(description) else { return nil }
        self = value
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` exactly, keeping the precision written.
    ///
    /// - Throws: ``PartialDateError`` naming the problem: a spelling that is not one of the
    ///   three forms, a month outside 1 to 12, or a day the month does not have (`2025-02-29`).
    public static func parse(_ text: String) throws(PartialDateError) -> PartialDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count),
            zip(parts, widths).allSatisfy({ part, width in
                part.count == width && part.allSatisfy { $0.isASCII && $0.isNumber }
            })
        else {
            throw PartialDateError(text: text, problem: .malformed)
        }
        let numbers = parts.map { Int($0)! }

        guard let yearOnly = PartialDate(year: numbers[0]) else {
            throw PartialDateError(text: text, problem: .yearOutOfRange)
        }
        if numbers.count == 1 { return yearOnly }

        guard let yearMonth = PartialDate(year: numbers[0], month: numbers[1]) else {
            throw PartialDateError(text: text, problem: .monthOutOfRange)
        }
        if numbers.count == 2 { return yearMonth }

        guard let date = CivilDate(year: numbers[0], month: numbers[1], day: numbers[2]) else {
            throw PartialDateError(text: text, problem: .dayOutOfRange)
        }
        return PartialDate(date)
    }

    /// Whether both dates may stand for the same day: `1987` and `1987-04-12` may, `1987-05`
    /// and `1987-04-12` may not.
    ///
    /// The days a partial date stands for are a year, a month or a day, so two such ranges are
    /// either nested or apart. Overlap is therefore the same as one containing the other.
    public func isCompatible(with other: PartialDate) -> Bool {
        earliest <= other.latest && other.earliest <= latest
    }

    /// Returns the person's age in whole years on `date`, from the smallest to the largest value
    /// the known part of the date of birth allows.
    ///
    /// The result is `nil` when `date` comes before every possible date of birth.
    ///
    /// A birthday counts as reached when the month and day of `date` are on or after those of
    /// the date of birth; someone born on 29 February is a year older on 1 March in common
    /// years.
    public func age(on date: CivilDate) -> ClosedRange<Int>? {
        guard date >= earliest else { return nil }
        let oldest = Self.completedYears(from: earliest, to: date)
        let youngest = date >= latest ? Self.completedYears(from: latest, to: date) : 0
        return youngest...oldest
    }

    /// Returns whether the person is at least `years` old on `date`, or `nil` when the known
    /// part of the date of birth cannot decide it.
    public func isAtLeast(_ years: Int, on date: CivilDate) -> Bool? {
        guard let range = age(on: date) else { return false }
        if range.lowerBound >= years { return true }
        if range.upperBound < years { return false }
        return nil
    }

    static func completedYears(from birth: CivilDate, to date: CivilDate) -> Int {
        let reachedBirthday = (date.month, date.day) >= (birth.month, birth.day)
        return date.year - birth.year - (reachedBirthday ? 0 : 1)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Self.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The reason a text is not a partial date.
public struct PartialDateError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: String, Sendable, Hashable {
        case malformed = "malformed_partial_date"
        case yearOutOfRange = "year_out_of_range"
        case monthOutOfRange = "month_out_of_range"
        case dayOutOfRange = "impossible_date"
    }

    /// The text that was read. A date of birth is personal data: keep it out of logs and
    /// HTTP errors, and show it only to the user who typed it.
    public var text: String
    public var problem: Problem

    /// A stable code for the problem.
    public var code: String { problem.rawValue }

    /// An English message that names the problem without repeating the text read.
    public var description: String {
        switch problem {
        case .malformed:
            return "a partial date is written YYYY, YYYY-MM or YYYY-MM-DD"
        case .yearOutOfRange:
            return "the year of a partial date must be between 0001 and 9999"
        case .monthOutOfRange:
            return "the month of a partial date must be between 01 and 12"
        case .dayOutOfRange:
            return "the day does not exist in that month and year; check the day, the month and leap years"
        }
    }

    /// The message with the text read, for the user who typed it only: `'2025-02-29' is not a
    /// date: 2025-02 has 28 days`.
    public var messageForAuthor: String {
        guard problem == .dayOutOfRange, let month = PartialDate(text.prefix(7).description),
            let monthNumber = month.month
        else {
            return "'\(text)' is not a partial date: \(description)"
        }
        let days = CivilDate.daysIn(month: monthNumber, year: month.year)
        return "'\(text)' is not a date: \(month) has \(days) days"
    }
}
