import RCMSYAML

/// One finding about a tenant configuration, at a position in one of its files.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    /// A stable identifier for the check, such as `unknown_reference`.
    public var code: String
    public var mark: Mark
    public var message: String

    public init(_ severity: Severity, _ code: String, at mark: Mark, _ message: String) {
        self.severity = severity
        self.code = code
        self.mark = mark
        self.message = message
    }

    public init(_ error: YAMLError) {
        self.init(.error, error.code.rawValue, at: error.mark, error.message)
    }

    /// `FILE:LINE:COLUMN: error|warning: MESSAGE`.
    public var description: String { "\(mark): \(severity.rawValue): \(message)" }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column, so output reads top to bottom.
    public var sortedByPosition: [Diagnostic] {
        sorted { ($0.mark.file, $0.mark.line, $0.mark.column) < ($1.mark.file, $1.mark.line, $1.mark.column) }
    }
}
