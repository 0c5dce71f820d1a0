import RCMSConfig

/// A date in a zone, whole or with unknown parts: a date of birth may lack its day, its month
/// or all of it.
///
/// Doc 9303 Part 3 lets the issuer fill the unknown parts of a date of birth with `<`: a year
/// known alone is written `74<<<<`, a year and month `7408<<`, nothing known `<<<<<<`. A known
/// part never follows an unknown one here: a month without a year, or a day without a month,
/// is rejected.
public struct MRZDate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The four-digit year, when known.
    public let year: Int?
    /// The month, 1 to 12, when known.
    public let month: Int?
    /// The day of the month, when known.
    public let day: Int?

    /// The date with no known part, written `<<<<<<`.
    public static let unknown = MRZDate(checkedYear: nil, month: nil, day: nil)

    /// Creates a date from its known parts; `nil` when a part does not exist or follows an
    /// unknown one.
    public init?(year: Int?, month: Int? = nil, day: Int? = nil) {
        if let year, !(1...9999).contains(year) { return nil }
        if let month {
            guard year != nil, (1...12).contains(month) else { return nil }
        }
        if let day {
            guard let year, let month, CivilDate(year: year, month: month, day: day) != nil else { return nil }
        }
        self.init(checkedYear: year, month: month, day: day)
    }

    /// Creates a date known to the day.
    public init(_ date: CivilDate) {
        self.init(checkedYear: date.year, month: date.month, day: date.day)
    }

    private init(checkedYear year: Int?, month: Int?, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `unknown` for a date with no known part.
    public init?(_ text: String) {
        if text == "unknown" {
            self = .unknown
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            zip(parts, [4, 2, 2]).allSatisfy({ part, width in part.count == width && part.allSatisfy(\.isZoneDigit) })
        else { return nil }
        let numbers = parts.map { Int($0)! }
        self.init(
            year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// The full date, when every part is known.
    public var civilDate: CivilDate? {
        guard let year, let month, let day else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// Whether every part is known.
    public var isComplete: Bool { day != nil }

    /// The six zone characters `YYMMDD`, with `<<` for each unknown part.
    public var zoneText: String {
        [year.map { $0 % 100 }, month, day].map { part in
            guard let part else { return "<<" }
            return part < 10 ? "0\(part)" : "\(part)"
        }.joined()
    }

    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `unknown`, showing only what is known.
    public var description: String {
        guard let year else { return "unknown" }
        let digits = String(year)
        var text = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        for part in [month, day] {
            guard let part else { break }
            text += part < 10 ? "-0\(part)" : "-\(part)"
        }
        return text
    }

    /// The first day the date may stand for, when the year is known.
    public var earliest: CivilDate? {
        guard let year else { return nil }
        return CivilDate(year: year, month: month ?? 1, day: day ?? 1)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = MRZDate(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "a zone date is written YYYY-MM-DD, YYYY-MM, YYYY or unknown"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The parts of a six-character zone date as written, before the century is known.
struct ZoneDateParts: Equatable {
    var year: Int?
    var month: Int?
    var day: Int?

    /// Splits `YYMMDD` into parts that are each two digits or `<<`.
    ///
    /// Returns `nil` for any other text, a month outside 1 to 12, a day outside 1 to 31, or a
    /// known part after an unknown one.
    init?(_ text: Substring) {
        let characters = Array(text)
        guard characters.count == 6 else { return nil }
        var parts: [Int?] = []
        for index in stride(from: 0, to: 6, by: 2) {
            let pair = characters[index..<(index + 2)]
            if pair.allSatisfy({ $0 == "<" }) {
                parts.append(nil)
            } else if pair.allSatisfy(\.isZoneDigit) {
                parts.append(Int(String(pair))!)
            } else {
                return nil
            }
        }
        if parts[1] != nil && parts[0] == nil { return nil }
        if parts[2] != nil && parts[1] == nil { return nil }
        if let month = parts[1], !(1...12).contains(month) { return nil }
        if let day = parts[2], !(1...31).contains(day) { return nil }
        year = parts[0]
        month = parts[1]
        day = parts[2]
    }
}
