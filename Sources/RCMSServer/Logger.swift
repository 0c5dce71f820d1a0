import Foundation
import RCMSCore
import Synchronization

/// The severity of a log event. Events below the logger's level are dropped.
public enum LogLevel: String, Sendable, Comparable, CaseIterable, Codable {
    case trace, debug, info, notice, warning, error, critical

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
}

/// One metadata value of a log event.
public enum LogValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
}

/// A destination for log lines, each one JSON object.
public protocol LogSink: Sendable {
    func write(line: String)
}

/// Writes each line to standard error, whole, so lines of concurrent requests never interleave.
public final class StandardErrorSink: LogSink {
    private let lock = Mutex(())

    public init() {}

    public func write(line: String) {
        lock.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}

/// Keeps log lines in memory, for tests.
public final class CapturingLogSink: LogSink {
    private let storage = Mutex<[String]>([])

    public init() {}

    public func write(line: String) { storage.withLock { $0.append(line) } }

    public var lines: [String] { storage.withLock { $0 } }
}

/// A structured logger shaped like swift-log: a level, a message and metadata, written as one
/// JSON line.
///
/// Callers pass ids, routes, counts and codes as metadata; names, document numbers, passwords
/// and tokens never belong in a message or a value.
public struct Logger: Sendable {
    public var label: String
    public var level: LogLevel
    /// Added to every event, such as the request id of a request's child logger.
    public var metadata: [String: LogValue]
    private let sink: any LogSink

    public init(label: String, level: LogLevel = .info, sink: any LogSink = StandardErrorSink()) {
        self.label = label
        self.level = level
        self.metadata = [:]
        self.sink = sink
    }

    /// Returns a copy that adds `extra` to every event.
    public func with(_ extra: [String: LogValue]) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func log(_ eventLevel: LogLevel, _ message: String, _ extra: [String: LogValue] = [:]) {
        guard eventLevel >= level else { return }
        var fields = metadata.merging(extra) { _, new in new }
        fields["level"] = .string(eventLevel.rawValue)
        fields["msg"] = .string(message)
        fields["logger"] = .string(label)
        fields["ts"] = .string(Self.timestamp())
        sink.write(line: Self.encode(fields))
    }

    public func debug(_ message: String, _ extra: [String: LogValue] = [:]) { log(.debug, message, extra) }
    public func info(_ message: String, _ extra: [String: LogValue] = [:]) { log(.info, message, extra) }
    public func warning(_ message: String, _ extra: [String: LogValue] = [:]) { log(.warning, message, extra) }
    public func error(_ message: String, _ extra: [String: LogValue] = [:]) { log(.error, message, extra) }

    /// Fixed key order (`ts`, `level`, `msg`, then the rest sorted) so lines are easy to scan.
    static func encode(_ fields: [String: LogValue]) -> String {
        let leading = ["ts", "level", "msg"]
        let keys = leading.filter { fields[$0] != nil } + fields.keys.filter { !leading.contains($0) }.sorted()
        let parts = keys.map { key -> String in
            let value: String
            switch fields[key]! {
            case .string(let text): value = quote(text)
            case .int(let number): value = String(number)
            case .double(let number): value = number.isFinite ? String(format: "%.3f", number) : "null"
            case .bool(let flag): value = flag ? "true" : "false"
            }
            return "\(quote(key)):\(value)"
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func timestamp() -> String { Instant.now().description }
}
