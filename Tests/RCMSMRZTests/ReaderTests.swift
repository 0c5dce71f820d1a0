import RCMSConfig
import Testing

@testable import RCMSMRZ

/// Replaces the character at a 0-based column of one line.
func replacing(_ lines: [String], line: Int, column: Int, with character: Character) -> [String] {
    var copy = lines
    var row = Array(copy[line])
    row[column] = character
    copy[line] = String(row)
    return copy
}

@Suite("reading and checking zones")
struct ReaderTests {
    static let td3 = Specimen.all[0].lines
    static let td2 = Specimen.all[1].lines
    static let td1 = Specimen.all[2].lines

    /// A wrong digit at a check position fails that check, with a message naming the field, and
    /// the composite, which covers the check digits.
    @Test(arguments: [
        (td3, 1, 9, "5", MRZField.documentNumber, "document number check digit is 5, expected 6"),
        (td3, 1, 19, "3", .dateOfBirth, "date of birth check digit is 3, expected 2"),
        (td3, 1, 27, "8", .dateOfExpiry, "date of expiry check digit is 8, expected 9"),
        (td3, 1, 42, "2", .optionalData, "personal number check digit is 2, expected 1"),
        (td3, 1, 43, "1", .composite, "composite check digit is 1, expected 0"),
        (td2, 1, 9, "1", .documentNumber, "document number check digit is 1, expected 7"),
        (td2, 1, 35, "5", .composite, "composite check digit is 5, expected 6"),
        (td1, 0, 14, "8", .documentNumber, "document number check digit is 8, expected 7"),
        (td1, 1, 6, "4", .dateOfBirth, "date of birth check digit is 4, expected 2"),
        (td1, 1, 14, "0", .dateOfExpiry, "date of expiry check digit is 0, expected 9"),
        (td1, 1, 29, "9", .composite, "composite check digit is 9, expected 6"),
    ])
    func wrongCheckDigitIsNamed(
        lines: [String], line: Int, column: Int, digit: Character, field: MRZField, message: String
    ) throws {
        let reading = try MRZReader.read(replacing(lines, line: line, column: column, with: digit), context: readingDay)
        let failed = reading.checks.filter { !$0.passed }
        #expect(failed.map(\.field) == (field == .composite ? [.composite] : [field, .composite]))
        #expect(failed.first?.message == message)
        #expect(!reading.isValid)
    }

    @Test func wrongDataDigitFailsItsCheckAndTheComposite() throws {
        // 7408122 → 7409122: the date of birth no longer matches its check digit.
        let reading = try MRZReader.read(replacing(Self.td3, line: 1, column: 16, with: "9"), context: readingDay)
        #expect(reading.checks.filter { !$0.passed }.map(\.field) == [.dateOfBirth, .composite])
    }

    @Test(arguments: [
        (["P<UTO"], MRZError.Code.lineCount, "the zone has 1 line;"),
        ([String(td3[0].dropLast()), td3[1]], .lineLength, "line 1: has 43 characters; a TD3 zone has 44"),
        ([td1[0], td1[1], td1[2] + "<"], .lineLength, "line 3: has 31 characters; a TD1 zone has 30"),
        ([td2[0], td2[1] + "<"], .lineLength, "line 2: has 37 characters; a TD2 zone has 36"),
        (
            ["p<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", td3[1]], .invalidCharacter,
            "line 1, column 1: character is not allowed; zone letters are upper case"
        ),
        ([td3[0], "L898902C36UTO7408122F1204159ZE184226B<<<<-10"], .invalidCharacter, "line 2, column 42"),
        (["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", td3[1]], .unsupportedDocument, "visa"),
    ])
    func unreadableZoneThrows(lines: [String], code: MRZError.Code, message: String) {
        #expect {
            try MRZReader.read(lines, context: readingDay)
        } throws: { error in
            guard let error = error as? MRZError else { return false }
            return error.code == code && error.description.contains(message)
        }
    }

    @Test func fieldProblemsAreReportedWithTheChecks() throws {
        // Month 13 in the date of birth and sex Q.
        var lines = replacing(Self.td3, line: 1, column: 15, with: "1")
        lines = replacing(lines, line: 1, column: 16, with: "3")
        lines = replacing(lines, line: 1, column: 20, with: "Q")
        let reading = try MRZReader.read(lines, context: readingDay)
        #expect(reading.problems.map(\.field) == [.dateOfBirth, .sex])
        #expect(reading.problems.map(\.code) == [.invalidDate, .invalidField])
        #expect(reading.problems[0].description.hasPrefix("line 2, column 14: date of birth is not a date"))
        #expect(!reading.isValid)
    }

    @Test func linesAreTrimmedAndBlankLinesSkipped() throws {
        let text = "\n  " + Self.td2[0] + " \r\n\n" + Self.td2[1] + "\t\n"
        #expect(MRZReader.lines(of: text) == Self.td2)
        #expect(try MRZReader.read(text, context: readingDay).isValid)
    }

    /// Unknown parts of a date of birth are fillers; their check digit counts them as 0.
    @Test(arguments: [
        ("<<<<<<", "0", Optional(MRZDate.unknown), MRZBirthYearRule.unknownYear),
        ("74<<<<", "1", MRZDate(year: 1974), .notInFuture),
        ("7408<<", "7", MRZDate(year: 1974, month: 8), .notInFuture),
    ])
    func unknownDateParts(text: String, digit: Character, date: MRZDate?, rule: MRZBirthYearRule) throws {
        var fields = Specimen.eriksson
        fields.dateOfBirth = date!
        let zone = try MRZZone.make(.td3, fields: fields)
        #expect(zone.lines[1].dropFirst(13).prefix(7) == text + String(digit))

        let reading = try MRZReader.read(zone.lines, context: readingDay)
        #expect(reading.isValid, "\(reading.checks) \(reading.problems)")
        #expect(reading.dateOfBirth == date)
        #expect(reading.birthYearRule == rule)
    }

    @Test(arguments: ["<<08<<", "74<<12", "741<<<", "741301", "740230"])
    func impossibleBirthDateIsAProblem(text: String) throws {
        var row = Array(Self.td3[1])
        row.replaceSubrange(13..<19, with: Array(text))
        let reading = try MRZReader.read([Self.td3[0], String(row)], context: readingDay)
        #expect(reading.problems.map(\.code) == [.invalidDate])
        #expect(reading.dateOfBirth == nil)
    }

    /// Two-digit birth years: the stored date of birth's century when its digits agree, else
    /// the latest century that keeps the date out of the future. Expiry is always 20YY.
    @Test(arguments: [
        ("740812", "2026-11-01", nil, 1974, MRZBirthYearRule.notInFuture),
        ("100812", "2026-11-01", nil, 2010, .notInFuture),
        ("261031", "2026-11-01", nil, 2026, .notInFuture),
        ("261130", "2026-11-01", nil, 1926, .notInFuture),
        ("27<<<<", "2026-11-01", nil, 1927, .notInFuture),
        ("100812", "2026-11-01", "1910-08-12", 1910, .storedDateOfBirth),
        ("100812", "2026-11-01", "1910", 1910, .storedDateOfBirth),
        ("740812", "2026-11-01", "1975-08-12", 1974, .notInFuture),
    ])
    func birthYearResolution(text: String, today: String, stored: String?, year: Int, rule: MRZBirthYearRule) throws {
        let context = MRZReadingContext(today: CivilDate(today)!, storedDateOfBirth: stored.flatMap(MRZDate.init))
        let resolved = MRZReader.resolveBirth(text, context: context)
        #expect(resolved.date?.year == year)
        #expect(resolved.rule == rule)
    }

    @Test func storedDateOfBirthThatDiffersMakesTheReadingInvalid() throws {
        let stored = MRZReadingContext(today: readingDay.today, storedDateOfBirth: MRZDate("1974-09-12"))
        let reading = try MRZReader.read(Self.td3, context: stored)
        #expect(reading.matchesStoredDateOfBirth == false)
        #expect(!reading.isValid)

        let sameYear = MRZReadingContext(today: readingDay.today, storedDateOfBirth: MRZDate("1974"))
        #expect(try MRZReader.read(Self.td3, context: sameYear).matchesStoredDateOfBirth == true)
    }

    @Test func expiryYearIsAlwaysThisCentury() throws {
        var row = Array(Self.td3[1])
        row.replaceSubrange(21..<28, with: Array("9901015"))
        let lines = [Self.td3[0], String(row)]
        let reading = try MRZReader.read(lines, context: readingDay)
        #expect(reading.dateOfExpiry == CivilDate(year: 2099, month: 1, day: 1))
    }

    @Test func emptyPersonalNumberAcceptsFillerOrZero() throws {
        var fields = Specimen.eriksson
        fields.optionalData = ""
        let zone = try MRZZone.make(.td3, fields: fields)
        #expect(zone.lines[1].dropFirst(28).prefix(15) == "<<<<<<<<<<<<<<<")
        #expect(try MRZReader.read(zone.lines, context: readingDay).isValid)
        let zero = replacing(zone.lines, line: 1, column: 42, with: "0")
        #expect(try MRZReader.read(zero, context: readingDay).isValid)
    }
}
