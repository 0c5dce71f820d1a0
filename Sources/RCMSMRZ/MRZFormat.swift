/// The three sizes of machine-readable zone that Doc 9303 defines for travel documents.
public enum MRZFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Card size, 3 lines of 30 characters (Doc 9303 Part 5).
    case td1
    /// 2 lines of 36 characters (Doc 9303 Part 6).
    case td2
    /// Passport size, 2 lines of 44 characters (Doc 9303 Part 4).
    case td3

    /// The number of lines.
    public var lineCount: Int { self == .td1 ? 3 : 2 }

    /// The number of characters in each line.
    public var lineLength: Int {
        switch self {
        case .td1: return 30
        case .td2: return 36
        case .td3: return 44
        }
    }

    /// The width of the name field.
    public var nameWidth: Int {
        switch self {
        case .td1: return 30
        case .td2: return 31
        case .td3: return 39
        }
    }

    /// The width of the optional data field (the personal number on TD3).
    public var optionalDataWidth: Int {
        switch self {
        case .td1: return 15
        case .td2: return 7
        case .td3: return 14
        }
    }

    /// The width of the second optional data field, which only TD1 has.
    public var optionalData2Width: Int { self == .td1 ? 11 : 0 }

    /// Whether a document number of more than 9 characters may continue in the optional data
    /// field; Doc 9303 Parts 5 and 6 allow it on TD1 and TD2, Part 4 has no such rule for TD3.
    public var allowsLongDocumentNumber: Bool { self != .td3 }

    /// The name of the format in messages.
    public var label: String { rawValue.uppercased() }
}

/// The place of each field of a format: a line and a range of 0-based columns.
struct MRZLayout {
    struct Slot {
        var line: Int
        var start: Int
        var width: Int

        var range: Range<Int> { start..<(start + width) }
    }

    var documentCode: Slot
    var issuingState: Slot
    var name: Slot
    var documentNumber: Slot
    var documentNumberCheck: Slot
    var nationality: Slot
    var dateOfBirth: Slot
    var dateOfBirthCheck: Slot
    var sex: Slot
    var dateOfExpiry: Slot
    var dateOfExpiryCheck: Slot
    var optionalData: Slot
    /// The personal number's check digit; only TD3 has one.
    var optionalDataCheck: Slot?
    var optionalData2: Slot?
    var composite: Slot
    /// The stretches the composite check digit covers, in order (Doc 9303 Parts 4 to 6).
    var compositeCoverage: [Slot]

    init(_ format: MRZFormat) {
        switch format {
        case .td1:
            documentCode = Slot(line: 0, start: 0, width: 2)
            issuingState = Slot(line: 0, start: 2, width: 3)
            documentNumber = Slot(line: 0, start: 5, width: 9)
            documentNumberCheck = Slot(line: 0, start: 14, width: 1)
            optionalData = Slot(line: 0, start: 15, width: 15)
            dateOfBirth = Slot(line: 1, start: 0, width: 6)
            dateOfBirthCheck = Slot(line: 1, start: 6, width: 1)
            sex = Slot(line: 1, start: 7, width: 1)
            dateOfExpiry = Slot(line: 1, start: 8, width: 6)
            dateOfExpiryCheck = Slot(line: 1, start: 14, width: 1)
            nationality = Slot(line: 1, start: 15, width: 3)
            optionalData2 = Slot(line: 1, start: 18, width: 11)
            optionalDataCheck = nil
            composite = Slot(line: 1, start: 29, width: 1)
            name = Slot(line: 2, start: 0, width: 30)
            compositeCoverage = [
                Slot(line: 0, start: 5, width: 25), Slot(line: 1, start: 0, width: 7),
                Slot(line: 1, start: 8, width: 7), Slot(line: 1, start: 18, width: 11),
            ]
        case .td2, .td3:
            let optionalWidth = format.optionalDataWidth
            let hasPersonalCheck = format == .td3
            documentCode = Slot(line: 0, start: 0, width: 2)
            issuingState = Slot(line: 0, start: 2, width: 3)
            name = Slot(line: 0, start: 5, width: format.nameWidth)
            documentNumber = Slot(line: 1, start: 0, width: 9)
            documentNumberCheck = Slot(line: 1, start: 9, width: 1)
            nationality = Slot(line: 1, start: 10, width: 3)
            dateOfBirth = Slot(line: 1, start: 13, width: 6)
            dateOfBirthCheck = Slot(line: 1, start: 19, width: 1)
            sex = Slot(line: 1, start: 20, width: 1)
            dateOfExpiry = Slot(line: 1, start: 21, width: 6)
            dateOfExpiryCheck = Slot(line: 1, start: 27, width: 1)
            optionalData = Slot(line: 1, start: 28, width: optionalWidth)
            optionalDataCheck = hasPersonalCheck ? Slot(line: 1, start: 28 + optionalWidth, width: 1) : nil
            optionalData2 = nil
            composite = Slot(line: 1, start: format.lineLength - 1, width: 1)
            compositeCoverage = [
                Slot(line: 1, start: 0, width: 10), Slot(line: 1, start: 13, width: 7),
                Slot(line: 1, start: 21, width: format.lineLength - 22),
            ]
        }
    }
}
