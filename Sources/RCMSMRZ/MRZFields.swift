import RCMSConfig

/// The sex field: `F`, `M`, or `<` when unspecified.
public enum MRZSex: String, Sendable, Hashable, Codable, CaseIterable {
    case female = "F"
    case male = "M"
    case unspecified = "<"

    /// Reads `F`, `M`, `<`, or `X`, which the visual zone prints for unspecified and the
    /// machine-readable zone writes `<` (Doc 9303 Part 4).
    public init?(letter: String) {
        switch letter.uppercased() {
        case "F": self = .female
        case "M": self = .male
        case "<", "X": self = .unspecified
        default: return nil
        }
    }
}

/// The values of a zone as the case records them, which ``MRZZone/make(_:fields:)`` writes out.
public struct MRZFields: Sendable, Hashable {
    /// One or two letters: `P` for a passport, `I`, `A` or `C` for other travel documents.
    public var documentCode: String
    /// The issuing state or organisation: an ICAO three-letter code such as `UTO`, or `D`.
    public var issuingState: String
    /// The surname (primary identifier), as written in the case, in Latin or Cyrillic letters.
    public var surname: String
    /// The given names (secondary identifier), separated by spaces; empty when there are none.
    public var givenNames: String
    /// The document number: letters and digits.
    public var documentNumber: String
    /// The holder's nationality as an ICAO three-letter code.
    public var nationality: String
    /// The date of birth, whole or with unknown parts.
    public var dateOfBirth: MRZDate
    public var sex: MRZSex
    /// The date of expiry; its year must lie from 2000 to 2099, the only century a zone's
    /// expiry year is read in.
    public var dateOfExpiry: CivilDate
    /// The optional data field, the personal number on TD3; letters, digits and spaces.
    public var optionalData: String
    /// The second optional data field on line 2 of TD1; must be empty for TD2 and TD3.
    public var optionalData2: String

    /// Creates the fields of a zone.
    public init(
        documentCode: String, issuingState: String, surname: String, givenNames: String, documentNumber: String,
        nationality: String, dateOfBirth: MRZDate, sex: MRZSex, dateOfExpiry: CivilDate, optionalData: String = "",
        optionalData2: String = ""
    ) {
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.surname = surname
        self.givenNames = givenNames
        self.documentNumber = documentNumber
        self.nationality = nationality
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.dateOfExpiry = dateOfExpiry
        self.optionalData = optionalData
        self.optionalData2 = optionalData2
    }
}

/// The lines of a machine-readable zone.
public struct MRZZone: Sendable, Hashable {
    public let format: MRZFormat
    /// The lines, each exactly ``MRZFormat/lineLength`` characters.
    public let lines: [String]
    /// Whether the name was cut to fit; see ``MRZNameField``.
    public let nameTruncated: Bool

    /// The lines joined by line feeds.
    public var text: String { lines.joined(separator: "\n") }

    /// Writes the zone of `format` for `fields`, with every check digit.
    ///
    /// A document number longer than 9 characters on TD1 or TD2 has its first 9 characters in
    /// the number field and `<` in that field's check digit (Doc 9303 Parts 5 and 6). The rest of
    /// the number, the check digit of the whole number and a filler start the optional data.
    ///
    /// - Throws: ``MRZError`` naming the first field that cannot be written; a value longer
    ///   than its field is rejected rather than cut, except the name.
    public static func make(_ format: MRZFormat, fields: MRZFields) throws(MRZError) -> MRZZone {
        let layout = MRZLayout(format)
        let code = try code(fields.documentCode)
        let issuer = try stateCode(fields.issuingState, field: .issuingState)
        let nationality = try stateCode(fields.nationality, field: .nationality)
        let name = try MRZNameField.make(
            surname: fields.surname, givenNames: fields.givenNames, width: format.nameWidth)
        let number = try plain(fields.documentNumber, field: .documentNumber)
        guard !number.isEmpty else {
            throw MRZError(.invalidField, field: .documentNumber, "document number is empty")
        }
        let expiry = fields.dateOfExpiry
        guard (2000...2099).contains(expiry.year) else {
            throw MRZError(
                .invalidDate, field: .dateOfExpiry,
                "date of expiry must lie from 2000 to 2099; a zone's two-digit expiry year is read in this century")
        }
        let optional = try plain(fields.optionalData, field: .optionalData)
        let optional2 = try plain(fields.optionalData2, field: .optionalData2)

        var numberField = number
        var numberCheck = MRZCheckDigit.compute(number)!
        var optionalField = optional
        if number.count > 9 {
            guard format.allowsLongDocumentNumber else {
                throw MRZError(
                    .fieldTooLong, field: .documentNumber,
                    "document number has \(number.count) characters; a TD3 zone holds 9")
            }
            // The overflow, its check digit and a filler that ends it come before any optional data.
            let overflow = number.dropFirst(9) + String(numberCheck) + "<"
            numberField = String(number.prefix(9))
            numberCheck = "<"
            optionalField = overflow + optional
            if overflow.count - 1 > format.optionalDataWidth {
                throw MRZError(
                    .fieldTooLong, field: .documentNumber,
                    "document number has \(number.count) characters; a \(format.label) zone holds at most \(9 + format.optionalDataWidth - 1)"
                )
            }
            if optional.isEmpty { optionalField = String(optionalField.dropLast()) }
        }
        if optionalField.count > format.optionalDataWidth {
            throw MRZError(
                .fieldTooLong, field: .optionalData,
                number.count > 9
                    ? "optional data does not fit after the long document number; \(format.optionalDataWidth) characters hold both"
                    : "optional data has \(optional.count) characters; a \(format.label) zone holds \(format.optionalDataWidth)"
            )
        }
        if optional2.count > format.optionalData2Width {
            throw MRZError(
                .fieldTooLong, field: .optionalData2,
                format == .td1
                    ? "second optional data has \(optional2.count) characters; a TD1 zone holds 11"
                    : "second optional data exists on TD1 only")
        }

        var lines = Array(
            repeating: Array(repeating: Character("<"), count: format.lineLength), count: format.lineCount)
        func put(_ value: some StringProtocol, at slot: MRZLayout.Slot) {
            for (offset, character) in value.prefix(slot.width).enumerated() {
                lines[slot.line][slot.start + offset] = character
            }
        }
        put(code, at: layout.documentCode)
        put(issuer, at: layout.issuingState)
        put(name.text, at: layout.name)
        put(numberField, at: layout.documentNumber)
        put(String(numberCheck), at: layout.documentNumberCheck)
        put(nationality, at: layout.nationality)
        put(fields.dateOfBirth.zoneText, at: layout.dateOfBirth)
        put(String(MRZCheckDigit.compute(fields.dateOfBirth.zoneText)!), at: layout.dateOfBirthCheck)
        put(fields.sex.rawValue, at: layout.sex)
        let expiryText = MRZDate(expiry).zoneText
        put(expiryText, at: layout.dateOfExpiry)
        put(String(MRZCheckDigit.compute(expiryText)!), at: layout.dateOfExpiryCheck)
        put(optionalField, at: layout.optionalData)
        if let slot = layout.optionalDataCheck {
            // Doc 9303 Part 4: an unused personal number field has a filler as its check digit.
            let digit = optionalField.isEmpty ? "<" : String(MRZCheckDigit.compute(optionalField)!)
            put(digit, at: slot)
        }
        if let slot = layout.optionalData2 { put(optional2, at: slot) }
        let covered = layout.compositeCoverage.map { String(lines[$0.line][$0.range]) }.joined()
        put(String(MRZCheckDigit.compute(covered)!), at: layout.composite)

        return MRZZone(format: format, lines: lines.map { String($0) }, nameTruncated: name.truncated)
    }

    static func code(_ text: String) throws(MRZError) -> String {
        let value = text.uppercased()
        guard (1...2).contains(value.count), value.first!.isZoneLetter,
            value.dropFirst().allSatisfy({ $0.isZoneLetter || $0 == "<" })
        else {
            throw MRZError(
                .invalidField, field: .documentCode,
                "document code must be one or two letters, such as P, I or AC")
        }
        return value
    }

    static func stateCode(_ text: String, field: MRZField) throws(MRZError) -> String {
        let value = text.uppercased()
        guard (1...3).contains(value.count), value.allSatisfy(\.isZoneLetter) else {
            throw MRZError(
                .invalidField, field: field,
                "\(field.label) must be an ICAO code of one to three letters, such as UTO or D")
        }
        return value
    }

    /// Upper-cases a number or optional data value and writes its spaces as fillers, and rejects
    /// any character outside `A`–`Z` and `0`–`9`.
    static func plain(_ text: String, field: MRZField) throws(MRZError) -> String {
        let value = text.uppercased().trimmingSpaces.map { $0 == " " ? Character("<") : $0 }
        guard value.allSatisfy({ $0.isZoneLetter || $0.isZoneDigit || $0 == "<" }) else {
            throw MRZError(
                .invalidField, field: field, "\(field.label) may hold only letters A-Z, digits and spaces")
        }
        if field == .documentNumber, value.contains("<") {
            throw MRZError(.invalidField, field: field, "document number may hold only letters A-Z and digits")
        }
        return String(value)
    }
}

extension StringProtocol {
    /// The text without blanks (spaces, tabs, carriage returns) at either end.
    var trimmingSpaces: SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
