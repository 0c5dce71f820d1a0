import Foundation
import RCMSConfig
import RCMSMRZ

struct MRZCheckCommand: Command {
    static let path = ["mrz", "check"]
    static let summary = "Read a machine-readable zone from standard input and check every check digit"
    static let valueOptions: Set<String> = ["birth-on-file", "today"]
    static let help = """
        Usage: rcms mrz check [--birth-on-file DATE] [--today YYYY-MM-DD] < zone.txt

        Reads the lines of a TD1 (3 x 30), TD2 (2 x 36) or TD3 (2 x 44) zone from standard
        input, splits its fields, verifies each check digit and the composite, and prints the
        fields, every check and every problem as JSON.

        A two-digit birth year takes the century of the date of birth on file when its last two
        digits agree; otherwise the latest century that keeps the date out of the future. Expiry
        years are read as 20YY.

        Options:
          --birth-on-file DATE  the date of birth the case records: YYYY-MM-DD, YYYY-MM or YYYY
          --today YYYY-MM-DD    the day of the reading (default: today, UTC)
        Exit status: 0 every check passes, 1 a check fails or the zone cannot be read,
        2 usage error.
        """

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return try run(arguments, context: context, input: String(decoding: data, as: UTF8.self))
    }

    /// Checks the zone in `input`; the part of ``run(_:context:)`` after standard input is read.
    static func run(_ arguments: Arguments, context: CommandContext, input: String) throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("rcms mrz check takes no arguments; pipe the zone lines to standard input")
        }
        var readingContext = MRZReadingContext(today: CivilDate.today)
        if let text = arguments.options["today"] {
            guard let today = CivilDate(text) else { throw UsageError("--today takes a date written YYYY-MM-DD") }
            readingContext.today = today
        }
        if let text = arguments.options["birth-on-file"] {
            guard let stored = MRZDate(text), stored.year != nil else {
                throw UsageError("--birth-on-file takes a date written YYYY-MM-DD, YYYY-MM or YYYY")
            }
            readingContext.storedDateOfBirth = stored
        }
        let lines = MRZReader.lines(of: input)
        guard !lines.isEmpty else {
            throw UsageError("no zone lines on standard input; for example: rcms mrz check < zone.txt")
        }

        let report: MRZCheckReport
        do {
            report = MRZCheckReport(try MRZReader.read(lines, context: readingContext))
        } catch {
            context.console.printError("error: \(error.description)")
            report = MRZCheckReport(unreadable: error)
        }
        context.console.print(try report.json())
        return report.valid ? ExitStatus.success : ExitStatus.failure
    }
}

/// The JSON form of `rcms mrz check`.
struct MRZCheckReport: Encodable {
    struct Fields: Encodable {
        var documentCode: String
        var issuingState: String
        var surname: String
        var givenNames: String
        var documentNumber: String
        var nationality: String
        var dateOfBirth: String?
        var birthYearRule: String
        var sex: String?
        var dateOfExpiry: String?
        var optionalData: String
        var optionalData2: String?

        func encode(to encoder: Encoder) throws {
            // Written out so that a missing value shows as null rather than vanishing.
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(documentCode, forKey: .documentCode)
            try container.encode(issuingState, forKey: .issuingState)
            try container.encode(surname, forKey: .surname)
            try container.encode(givenNames, forKey: .givenNames)
            try container.encode(documentNumber, forKey: .documentNumber)
            try container.encode(nationality, forKey: .nationality)
            try container.encode(dateOfBirth, forKey: .dateOfBirth)
            try container.encode(birthYearRule, forKey: .birthYearRule)
            try container.encode(sex, forKey: .sex)
            try container.encode(dateOfExpiry, forKey: .dateOfExpiry)
            try container.encode(optionalData, forKey: .optionalData)
            try container.encode(optionalData2, forKey: .optionalData2)
        }

        enum CodingKeys: String, CodingKey {
            case documentCode, issuingState, surname, givenNames, documentNumber, nationality, dateOfBirth
            case birthYearRule, sex, dateOfExpiry, optionalData, optionalData2
        }
    }

    struct Problem: Encodable {
        var code: String
        var field: String?
        var line: Int?
        var column: Int?
        var message: String

        init(_ error: MRZError) {
            code = error.code.rawValue
            field = error.field?.rawValue
            line = error.line
            column = error.column
            message = error.description
        }
    }

    var format: String?
    var valid: Bool
    var fields: Fields?
    var matchesStoredDateOfBirth: Bool?
    var checks: [MRZCheckResult]
    var problems: [Problem]

    init(_ reading: MRZReading) {
        format = reading.format.rawValue
        valid = reading.isValid
        fields = Fields(
            documentCode: reading.documentCode, issuingState: reading.issuingState, surname: reading.surname,
            givenNames: reading.givenNames, documentNumber: reading.documentNumber,
            nationality: reading.nationality, dateOfBirth: reading.dateOfBirth?.description,
            birthYearRule: reading.birthYearRule.rawValue,
            sex: reading.sex.map { $0 == .unspecified ? "unspecified" : $0.rawValue },
            dateOfExpiry: reading.dateOfExpiry?.description, optionalData: reading.optionalData,
            optionalData2: reading.optionalData2)
        matchesStoredDateOfBirth = reading.matchesStoredDateOfBirth
        checks = reading.checks
        problems = reading.problems.map(Problem.init)
    }

    init(unreadable error: MRZError) {
        valid = false
        checks = []
        problems = [Problem(error)]
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

struct MRZMakeCommand: Command {
    static let path = ["mrz", "make"]
    static let summary = "Write the machine-readable zone of a travel document from its fields"
    static let valueOptions: Set<String> = [
        "format", "document-code", "issuing-state", "surname", "given-names", "number", "nationality", "birth",
        "sex", "expiry", "optional", "optional2",
    ]
    static let help = """
        Usage: rcms mrz make --format td1|td2|td3 --document-code CODE --issuing-state STATE
                             --surname NAME [--given-names NAMES] --number NUMBER
                             --nationality STATE --birth DATE --sex F|M|X --expiry YYYY-MM-DD
                             [--optional DATA] [--optional2 DATA]

        Prints the zone's lines with every check digit (ICAO Doc 9303). Names are
        transliterated from Latin or Cyrillic letters; a name too long for the field is cut
        from the end of its parts, given names first, and a warning goes to standard error.

        Options:
          --format FORMAT        td1 (3 x 30), td2 (2 x 36) or td3 (2 x 44)
          --document-code CODE   one or two letters, for example P, I or AC
          --issuing-state STATE  ICAO code of the issuing state, for example UTO or D
          --surname NAME         the surname as the case records it
          --given-names NAMES    given names separated by spaces (default: none)
          --number NUMBER        document number; on TD1 and TD2 more than 9 characters
                                 continue in the optional data field
          --nationality STATE    ICAO code of the holder's nationality
          --birth DATE           date of birth: YYYY-MM-DD, YYYY-MM, YYYY or unknown;
                                 unknown parts are written < in the zone
          --sex SEX              F, M, or X (written <) when unspecified
          --expiry YYYY-MM-DD    date of expiry, from 2000 to 2099
          --optional DATA        optional data; the personal number on TD3
          --optional2 DATA       the second optional data field of TD1
        Exit status: 0 the zone was written, 2 usage error or a field that cannot be written.
        """

    static let required = [
        "format", "document-code", "issuing-state", "surname", "number", "nationality", "birth", "sex", "expiry",
    ]

    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32 {
        guard arguments.positionals.isEmpty else {
            throw UsageError("rcms mrz make takes options only; see the list with --help")
        }
        let missing = required.filter { arguments.options[$0] == nil }
        guard missing.isEmpty else {
            throw UsageError("missing \(missing.map { "--\($0)" }.joined(separator: ", "))")
        }
        let options = arguments.options
        guard let format = MRZFormat(rawValue: options["format"]!.lowercased()) else {
            throw UsageError("unknown format '\(options["format"]!)'; use td1, td2 or td3")
        }
        guard let birth = MRZDate(options["birth"]!) else {
            throw UsageError("--birth takes YYYY-MM-DD, YYYY-MM, YYYY or unknown, and a day that exists")
        }
        guard let expiry = CivilDate(options["expiry"]!) else {
            throw UsageError("--expiry takes a date written YYYY-MM-DD that exists")
        }
        guard let sex = MRZSex(letter: options["sex"]!) else {
            throw UsageError("--sex takes F, M or X")
        }
        let fields = MRZFields(
            documentCode: options["document-code"]!, issuingState: options["issuing-state"]!,
            surname: options["surname"]!, givenNames: options["given-names"] ?? "", documentNumber: options["number"]!,
            nationality: options["nationality"]!, dateOfBirth: birth, sex: sex, dateOfExpiry: expiry,
            optionalData: options["optional"] ?? "", optionalData2: options["optional2"] ?? "")

        let zone: MRZZone
        do {
            zone = try MRZZone.make(format, fields: fields)
        } catch {
            throw UsageError("\(error.description) [\(error.code.rawValue)]")
        }
        for line in zone.lines { context.console.print(line) }
        if zone.nameTruncated {
            context.console.printError(
                "warning: the name was cut to fit the \(format.label) name field; compare the zone with the case before the travel document is issued"
            )
        }
        return ExitStatus.success
    }
}
