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
    // NSLock is a plain pthread mutex, so a thread that finds it taken sleeps at once. Under
    // load, Synchronization's Mutex spun and took the priority-inheritance futex path here.
    private let lock = NSLock()

    public init() {}

    public func write(line: String) {
        var bytes = Data(line.utf8)
        bytes.append(0x0A)
        // The bytes are built before the lock is taken, so other requests wait for the write alone.
        lock.withLock { FileHandle.standardError.write(bytes) }
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
        var out = "{"
        out.reserveCapacity(256)
        var first = true
        func append(_ key: String, _ value: LogValue) {
            if !first { out += "," }
            first = false
            appendQuoted(key, to: &out)
            out += ":"
            switch value {
            case .string(let text): appendQuoted(text, to: &out)
            case .int(let number): out += String(number)
            case .double(let number): out += number.isFinite ? threeDecimals(number) : "null"
            case .bool(let flag): out += flag ? "true" : "false"
            }
        }
        for key in leadingKeys {
            if let value = fields[key] { append(key, value) }
        }
        for key in fields.keys.sorted() where !leadingKeys.contains(key) {
            append(key, fields[key]!)
        }
        out += "}"
        return out
    }

    private static let leadingKeys = ["ts", "level", "msg"]

    /// Appends `text` as a JSON string, escaped as `JSONOutput.string` escapes it.
    static func appendQuoted(_ text: String, to out: inout String) {
        // Most values (ids, routes, codes) need no escape and are appended whole.
        if !text.utf8.contains(where: JSONOutput.needsEscape) {
            out += "\""
            out += text
            out += "\""
            return
        }
        var json = JSONOutput(capacity: text.utf8.count + 16)
        json.string(text)
        out += String(decoding: json.bytes, as: UTF8.self)
    }

    /// Formats a finite number as C's `%.3f` does. It calls `vsnprintf` because `String(format:)`
    /// took about a quarter of the time of each log line in a perf profile of `rcms serve`.
    static func threeDecimals(_ number: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
            let count = withVaList([number]) { vsnprintf(buffer.baseAddress, buffer.count, "%.3f", $0) }
            guard count > 0, Int(count) < buffer.count else { return String(format: "%.3f", number) }
            return String(decoding: UnsafeRawBufferPointer(buffer).prefix(Int(count)), as: UTF8.self)
        }
    }

    private static func timestamp() -> String { Instant.now().description }
}
