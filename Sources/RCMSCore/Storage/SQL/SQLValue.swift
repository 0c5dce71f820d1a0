import Foundation
import RCMSConfig

/// A value bound to, or read from, a SQL statement by a storage backend.
///
/// The storage backends share their query code through this type; the engine never builds SQL.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    /// Text, normalised to NFC before it is bound (see `bindable`).
    case text(String)
    case blob([UInt8])
    case bool(Bool)

    /// The value as it must be bound: text in NFC, so that equal names compare equal in both
    /// backends whatever form the client sent.
    public var bindable: SQLValue {
        // ASCII text is already in NFC; most bound text (tenant ids, codes, folded keys) is
        // ASCII, and Foundation's normalisation costs microseconds per call.
        if case .text(let text) = self, !text.utf8.allSatisfy({ $0 < 0x80 }) {
            return .text(text.precomposedStringWithCanonicalMapping)
        }
        return self
    }

    /// `.null` for `nil`, else `.text`.
    public static func text(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
    /// `.null` for `nil`, else `.integer`.
    public static func integer(_ value: Int64?) -> SQLValue { value.map { .integer($0) } ?? .null }
    /// `.null` for `nil`, else `.integer` with the microseconds.
    public static func instant(_ value: Instant?) -> SQLValue { value.map { .integer($0.microseconds) } ?? .null }
}

/// One result row, as the backend returned it.
///
/// SQLite returns typed values; libpq in text format returns every value as text, so each
/// accessor accepts either form.
public struct SQLRow: Sendable {
    public var values: [SQLValue]

    public init(_ values: [SQLValue]) {
        self.values = values
    }

    public func isNull(_ index: Int) -> Bool { values[index] == .null }

    public func int64(_ index: Int) throws -> Int64 {
        switch values[index] {
        case .integer(let value): return value
        case .text(let text): if let value = Int64(text) { return value }
        case .bool(let value): return value ? 1 : 0
        default: break
        }
        throw StorageError.corrupt("column \(index) is not an integer")
    }

    public func optionalInt64(_ index: Int) throws -> Int64? { isNull(index) ? nil : try int64(index) }

    public func int(_ index: Int) throws -> Int {
        let value = try int64(index)
        guard let narrow = Int(exactly: value) else { throw StorageError.corrupt("column \(index) is out of range") }
        return narrow
    }

    public func optionalInt(_ index: Int) throws -> Int? { isNull(index) ? nil : try int(index) }

    public func string(_ index: Int) throws -> String {
        if case .text(let text) = values[index] { return text }
        if case .integer(let value) = values[index] { return String(value) }
        throw StorageError.corrupt("column \(index) is not text")
    }

    public func optionalString(_ index: Int) throws -> String? { isNull(index) ? nil : try string(index) }

    public func bool(_ index: Int) throws -> Bool {
        switch values[index] {
        case .bool(let value): return value
        case .integer(let value): return value != 0
        case .text("t"), .text("true"), .text("1"): return true
        case .text("f"), .text("false"), .text("0"): return false
        default: throw StorageError.corrupt("column \(index) is not a boolean")
        }
    }

    /// Bytes from a blob, or from PostgreSQL's hex text form of `bytea` (`\x0a1b...`).
    public func bytes(_ index: Int) throws -> [UInt8] {
        switch values[index] {
        case .blob(let bytes): return bytes
        case .text(let text):
            let digits = Array(text.utf8)
            guard digits.count >= 2, digits[0] == 0x5C, digits[1] == 0x78, digits.count % 2 == 0 else { break }
            var out: [UInt8] = []
            out.reserveCapacity((digits.count - 2) / 2)
            var offset = 2
            while offset < digits.count {
                guard let high = hexValue(digits[offset]), let low = hexValue(digits[offset + 1]) else {
                    throw StorageError.corrupt("column \(index) contains invalid hex")
                }
                out.append(high << 4 | low)
                offset += 2
            }
            return out
        default: break
        }
        throw StorageError.corrupt("column \(index) is not binary")
    }

    public func instant(_ index: Int) throws -> Instant { Instant(microsecondsSinceEpoch: try int64(index)) }

    public func optionalInstant(_ index: Int) throws -> Instant? { isNull(index) ? nil : try instant(index) }

    /// Reads a date stored as `YYYY-MM-DD` text (SQLite) or as `date` in ISO style (PostgreSQL).
    public func civilDate(_ index: Int) throws -> CivilDate {
        guard let date = CivilDate(try string(index)) else {
            throw StorageError.corrupt("column \(index) is not a date")
        }
        return date
    }

    private func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: return digit - 0x30
        case 0x61...0x66: return digit - 0x61 + 10
        case 0x41...0x46: return digit - 0x41 + 10
        default: return nil
        }
    }
}
