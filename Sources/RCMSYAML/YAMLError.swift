/// A problem found while reading YAML, at a position.
///
/// The message never repeats a scalar's value beyond what is needed to name the problem, so
/// errors about files holding personal data can be logged.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case syntax
        case invalidUTF8 = "invalid_utf8"
        case tabIndentation = "tab_indentation"
        case duplicateKey = "duplicate_key"
        case unknownKey = "unknown_key"
        case missingKey = "missing_key"
        case typeMismatch = "type_mismatch"
        case invalidValue = "invalid_value"
        case fileTooLarge = "file_too_large"
        case tooDeep = "too_deep"
        case tooManyAliases = "too_many_aliases"
        case tooManyNodes = "too_many_nodes"
        case unknownAnchor = "unknown_anchor"
        case multipleDocuments = "multiple_documents"
        case io
    }

    public var code: Code
    public var mark: Mark
    public var message: String
    /// The coding path from the document root, for errors found while decoding.
    public var path: [String]

    public init(_ code: Code, at mark: Mark, _ message: String, path: [String] = []) {
        self.code = code
        self.mark = mark
        self.message = message
        self.path = path
    }

    public var description: String { "\(mark): error: \(message)" }
}

/// Every error found in one pass, for callers that report all of them at once.
public struct YAMLErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [YAMLError]

    public init(_ errors: [YAMLError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
