import RCMSConfig

/// The inputs of a reading beyond the zone's lines: today's date and, when the case has one,
/// the stored date of birth.
public struct MRZReadingContext: Sendable, Hashable {
    /// The day of the reading, which bounds a two-digit birth year from above.
    public var today: CivilDate
    /// The date of birth the case records, which settles the century of the zone's birth year.
    public var storedDateOfBirth: MRZDate?

    /// Creates a context.
    public init(today: CivilDate, storedDateOfBirth: MRZDate? = nil) {
        self.today = today
        self.storedDateOfBirth = storedDateOfBirth
    }
}

/// The rule that chose the century of a two-digit birth year.
public enum MRZBirthYearRule: String, Sendable, Hashable, Codable {
    /// The stored date of birth ends in the same two digits, so its century was taken.
    case storedDateOfBirth = "stored_date_of_birth"
    /// The latest century that does not put the date of birth after today.
    case notInFuture = "not_in_future"
    /// The zone leaves the year unknown.
    case unknownYear = "unknown_year"
}

/// The result of one check digit of a zone.
public struct MRZCheckResult: Sendable, Hashable, Codable {
    /// The field the digit covers; ``MRZField/composite`` for the digit over the whole zone.
    public var field: MRZField
    /// The character found in the zone.
    public var found: String
    /// The digit computed from the zone.
    public var expected: String
    public var passed: Bool
    /// `document number check digit is 5, expected 6`, or the same with `as expected`.
    public var message: String

    init(field: MRZField, label: String, found: Character, expected: Character, passed: Bool) {
        self.field = field
        self.found = String(found)
        self.expected = String(expected)
        self.passed = passed
        message =
            passed
            ? "\(label) check digit is \(found) as expected"
            : "\(label) check digit is \(found), expected \(expected)"
    }
}

/// The fields of a zone as read, with the result of every check digit.
public struct MRZReading: Sendable, Hashable {
    public var format: MRZFormat
    public var documentCode: String
    public var issuingState: String
    /// Surname parts separated by spaces.
    public var surname: String
    /// Given-name parts separated by spaces.
    public var givenNames: String
    /// The whole document number, including any part continued in the optional data.
    public var documentNumber: String
    public var nationality: String
    /// The date of birth with its century resolved; unknown parts stay unknown.
    public var dateOfBirth: MRZDate?
    public var birthYearRule: MRZBirthYearRule
    /// Whether the zone's date of birth may be the stored one, when a stored date was given.
    public var matchesStoredDateOfBirth: Bool?
    public var sex: MRZSex?
    public var dateOfExpiry: CivilDate?
    /// The optional data (the personal number on TD3), trailing fillers removed; on TD1 and TD2
    /// without a continued document number.
    public var optionalData: String
    /// The second optional data of TD1, trailing fillers removed.
    public var optionalData2: String?
    /// Every check digit, in zone order, composite last.
    public var checks: [MRZCheckResult]
    /// Field values the definition does not allow, such as a month 13 or a digit in the name.
    public var problems: [MRZError]

    /// Whether every check digit passes, no field has a problem and the date of birth does not
    /// contradict the stored one.
    public var isValid: Bool {
        problems.isEmpty && checks.allSatisfy(\.passed) && matchesStoredDateOfBirth != false
    }
}

/// Reads the zone a person presents and checks it.
public enum MRZReader {
    /// Splits text into zone lines: line breaks separate lines, blanks at either end of a line
    /// and empty lines are dropped.
    public static func lines(of text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
    }

    /// Reads the fields of a zone and checks every check digit.
    ///
    /// The format follows from the number of lines and their length. Check digit failures and
    /// field values the definition does not allow are reported in the reading. Only a zone
    /// whose shape or characters make it unreadable throws.
    ///
    /// - Throws: ``MRZError`` for a wrong number of lines, a wrong line length, a character
    ///   outside `A`–`Z`, `0`–`9` and `<`, or a visa zone.
    public static func read(_ lines: [String], context: MRZReadingContext) throws(MRZError) -> MRZReading {
        let format = try detectFormat(lines)
        let rows = lines.map(Array.init)
        let layout = MRZLayout(format)
        func text(_ slot: MRZLayout.Slot) -> String { String(rows[slot.line][slot.range]) }
        func character(_ slot: MRZLayout.Slot) -> Character { rows[slot.line][slot.start] }
        func stripped(_ slot: MRZLayout.Slot) -> String {
            String(text(slot).reversed().drop { $0 == "<" }.reversed())
        }

        let documentCode = stripped(layout.documentCode)
        if documentCode.hasPrefix("V") {
            throw MRZError(
                .unsupportedDocument, field: .documentCode, line: 1, column: 1,
                "document code V marks a visa, whose zone has no composite check digit; only TD1, TD2 and TD3 travel documents are read here"
            )
        }
        var problems: [MRZError] = []
        var checks: [MRZCheckResult] = []

        if !(character(layout.documentCode).isZoneLetter) {
            problems.append(problem(.invalidField, .documentCode, layout.documentCode, "must start with a letter"))
        }
        for (field, slot) in [(MRZField.issuingState, layout.issuingState), (.nationality, layout.nationality)]
        where !(character(slot).isZoneLetter && text(slot).allSatisfy { $0.isZoneLetter || $0 == "<" }) {
            problems.append(problem(.invalidField, field, slot, "must be a code of letters such as UTO or D<<"))
        }

        let nameField = text(layout.name)
        let name = MRZNameField.read(nameField[...])
        if !nameField.allSatisfy({ $0.isZoneLetter || $0 == "<" }) {
            problems.append(problem(.invalidField, .name, layout.name, "holds a digit; a name has letters only"))
        }
        if name.surname.isEmpty {
            problems.append(problem(.invalidField, .name, layout.name, "has no surname"))
        }

        // Document number, continued in the optional data when its check digit is a filler.
        var number = stripped(layout.documentNumber)
        var numberCheck = character(layout.documentNumberCheck)
        var optional = text(layout.optionalData)
        if numberCheck == "<" && format.allowsLongDocumentNumber {
            let overflow = optional.prefix { $0 != "<" }
            if overflow.count < 2 || text(layout.documentNumber).contains("<") {
                problems.append(
                    problem(
                        .invalidField, .documentNumber, layout.documentNumberCheck,
                        "check digit is <, but the optional data does not continue the document number"))
            } else {
                number += overflow.dropLast()
                numberCheck = overflow.last!
                optional = String(optional.dropFirst(overflow.count + 1))
            }
        }
        if number.isEmpty || number.contains("<") {
            problems.append(
                problem(.invalidField, .documentNumber, layout.documentNumber, "is empty or has a filler inside"))
        }
        checks.append(check(.documentNumber, "document number", number, numberCheck))

        let birthText = text(layout.dateOfBirth)
        checks.append(check(.dateOfBirth, "date of birth", birthText, character(layout.dateOfBirthCheck)))
        let birth = resolveBirth(birthText, context: context)
        if birth.date == nil {
            problems.append(
                problem(
                    .invalidDate, .dateOfBirth, layout.dateOfBirth,
                    "is not a date: each of YY, MM, DD must be two digits or <<, a known part may not follow an unknown one, and the day must exist"
                ))
        }

        let sexCharacter = character(layout.sex)
        let sex = MRZSex(letter: String(sexCharacter)).flatMap { sexCharacter == "X" ? nil : $0 }
        if sex == nil {
            problems.append(problem(.invalidField, .sex, layout.sex, "must be F, M or <"))
        }

        let expiryText = text(layout.dateOfExpiry)
        checks.append(check(.dateOfExpiry, "date of expiry", expiryText, character(layout.dateOfExpiryCheck)))
        var expiry: CivilDate?
        if let parts = ZoneDateParts(expiryText[...]), let yy = parts.year, let month = parts.month,
            let day = parts.day
        {
            expiry = CivilDate(year: 2000 + yy, month: month, day: day)
        }
        if expiry == nil {
            problems.append(
                problem(.invalidDate, .dateOfExpiry, layout.dateOfExpiry, "is not a date written YYMMDD"))
        }

        if let slot = layout.optionalDataCheck {
            let found = character(slot)
            let personal = text(layout.optionalData)
            let empty = personal.allSatisfy { $0 == "<" }
            // Doc 9303 Part 4: an unused personal number may have `<` or `0` as its check digit.
            if empty && (found == "<" || found == "0") {
                checks.append(
                    MRZCheckResult(
                        field: .optionalData, label: "personal number", found: found, expected: found, passed: true))
            } else {
                checks.append(check(.optionalData, "personal number", personal, found))
            }
        }

        let covered = layout.compositeCoverage.map(text).joined()
        checks.append(check(.composite, "composite", covered, character(layout.composite)))

        var matchesStored: Bool?
        if let stored = context.storedDateOfBirth, let date = birth.date {
            matchesStored = compatible(date, stored)
        }
        return MRZReading(
            format: format, documentCode: documentCode, issuingState: stripped(layout.issuingState),
            surname: name.surname, givenNames: name.givenNames, documentNumber: number,
            nationality: stripped(layout.nationality), dateOfBirth: birth.date, birthYearRule: birth.rule,
            matchesStoredDateOfBirth: matchesStored, sex: sex, dateOfExpiry: expiry,
            optionalData: String(optional.reversed().drop { $0 == "<" }.reversed()),
            optionalData2: layout.optionalData2.map(stripped), checks: checks, problems: problems)
    }

    /// Reads zone text: ``lines(of:)`` then ``read(_:context:)``.
    public static func read(_ text: String, context: MRZReadingContext) throws(MRZError) -> MRZReading {
        try read(lines(of: text), context: context)
    }

    static func detectFormat(_ lines: [String]) throws(MRZError) -> MRZFormat {
        for (index, line) in lines.enumerated() {
            if let column = line.firstIndex(where: { !$0.isZoneCharacter }) {
                let position = line.distance(from: line.startIndex, to: column) + 1
                let hint =
                    line[column].isLowercase
                    ? "; zone letters are upper case" : "; a zone holds only A-Z, 0-9 and <"
                throw MRZError(
                    .invalidCharacter, line: index + 1, column: position, "character is not allowed\(hint)")
            }
        }
        switch lines.count {
        case 2:
            let expected = lines[0].count == 36 ? MRZFormat.td2 : .td3
            for (index, line) in lines.enumerated() where line.count != expected.lineLength {
                throw MRZError(
                    .lineLength, line: index + 1,
                    "has \(line.count) characters; a \(expected.label) zone has \(expected.lineLength) per line (TD2 36, TD3 44)"
                )
            }
            return expected
        case 3:
            for (index, line) in lines.enumerated() where line.count != 30 {
                throw MRZError(
                    .lineLength, line: index + 1, "has \(line.count) characters; a TD1 zone has 30 per line")
            }
            return .td1
        default:
            throw MRZError(
                .lineCount,
                "the zone has \(lines.count) line\(lines.count == 1 ? "" : "s"); TD1 has 3 lines of 30 characters, TD2 2 of 36 and TD3 2 of 44"
            )
        }
    }

    static func check(_ field: MRZField, _ label: String, _ covered: String, _ found: Character) -> MRZCheckResult {
        let expected = MRZCheckDigit.compute(covered)!
        return MRZCheckResult(field: field, label: label, found: found, expected: expected, passed: found == expected)
    }

    static func problem(
        _ code: MRZError.Code, _ field: MRZField, _ slot: MRZLayout.Slot, _ text: String
    )
        -> MRZError
    {
        MRZError(code, field: field, line: slot.line + 1, column: slot.start + 1, "\(field.label) \(text)")
    }

    /// Picks the century of a two-digit birth year: the stored date of birth's when its last two
    /// digits agree, else the latest one that keeps the date out of the future.
    static func resolveBirth(_ text: String, context: MRZReadingContext) -> (date: MRZDate?, rule: MRZBirthYearRule) {
        guard let parts = ZoneDateParts(text[...]) else { return (nil, .notInFuture) }
        guard let yy = parts.year else { return (.unknown, .unknownYear) }

        if let storedYear = context.storedDateOfBirth?.year, storedYear % 100 == yy {
            return (MRZDate(year: storedYear, month: parts.month, day: parts.day), .storedDateOfBirth)
        }
        let century = context.today.year / 100 * 100
        var year = century + yy
        let month = parts.month ?? 1
        let earliest = CivilDate(
            year: year, month: month, day: min(parts.day ?? 1, CivilDate.daysIn(month: month, year: year)))!
        if year > context.today.year || earliest > context.today {
            year -= 100
        }
        return (MRZDate(year: year, month: parts.month, day: parts.day), .notInFuture)
    }

    /// Returns whether two dates with unknown parts may be the same day.
    static func compatible(_ a: MRZDate, _ b: MRZDate) -> Bool {
        func agree(_ x: Int?, _ y: Int?) -> Bool { x == nil || y == nil || x == y }
        return agree(a.year, b.year) && agree(a.month, b.month) && agree(a.day, b.day)
    }
}
