/// A problem with a machine-readable zone or with the fields given to make one.
///
/// The message names the field, line or column and never repeats a name, number or date, so
/// the error can go to a log. The ``code`` stays the same across releases.
public struct MRZError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable codes of ``MRZError``.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The zone has no line, or a number of lines no format has.
        case lineCount = "mrz_line_count"
        /// A line is shorter or longer than its format defines.
        case lineLength = "mrz_line_length"
        /// A character outside `A`–`Z`, `0`–`9` and `<`.
        case invalidCharacter = "mrz_invalid_character"
        /// The zone belongs to a document this module does not read, such as a visa.
        case unsupportedDocument = "mrz_unsupported_document"
        /// A field contains a value its definition does not allow.
        case invalidField = "mrz_invalid_field"
        /// A date field contains a day that does not exist or an impossible mix of known parts.
        case invalidDate = "mrz_invalid_date"
        /// A value is longer than its field.
        case fieldTooLong = "mrz_field_too_long"
        /// A name contains a letter of a script with no Doc 9303 transliteration here.
        case unsupportedScript = "mrz_unsupported_script"
        /// A name does not fit the name field even with every part cut to its first letter.
        case nameTooLong = "mrz_name_too_long"
    }

    public var code: Code
    /// The field concerned, when there is one.
    public var field: MRZField?
    /// The 1-based line of the zone, when the problem is at a known place.
    public var line: Int?
    /// The 1-based column of the zone, when the problem is at a known place.
    public var column: Int?
    /// An English sentence a user can act on.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, field: MRZField? = nil, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line 2, column 14: ` before the message when the place is known.
    public var description: String {
        switch (line, column) {
        case (let line?, let column?): return "line \(line), column \(column): \(message)"
        case (let line?, nil): return "line \(line): \(message)"
        default: return message
        }
    }
}

/// The fields of a machine-readable zone, named as in Doc 9303.
public enum MRZField: String, Sendable, Hashable, Codable, CaseIterable {
    case documentCode = "document_code"
    case issuingState = "issuing_state"
    case name
    case surname
    case givenNames = "given_names"
    case documentNumber = "document_number"
    case nationality
    case dateOfBirth = "date_of_birth"
    case sex
    case dateOfExpiry = "date_of_expiry"
    case optionalData = "optional_data"
    case optionalData2 = "optional_data_2"
    case composite

    /// The field's name in messages: `date of birth`, `optional data`.
    public var label: String {
        switch self {
        case .documentCode: return "document code"
        case .issuingState: return "issuing state"
        case .name: return "name"
        case .surname: return "surname"
        case .givenNames: return "given names"
        case .documentNumber: return "document number"
        case .nationality: return "nationality"
        case .dateOfBirth: return "date of birth"
        case .sex: return "sex"
        case .dateOfExpiry: return "date of expiry"
        case .optionalData: return "optional data"
        case .optionalData2: return "second optional data"
        case .composite: return "composite"
        }
    }
}
