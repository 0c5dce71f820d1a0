import Foundation
import RCMSCrypto

/// A 32-byte key that encrypts attachment files, with the short id written into each file's
/// header so a reader, or a key rotation, picks the right key.
///
/// Keys come from the server's settings or environment, never from the database, so a copy
/// of the database alone does not open the files. `description` shows the id only.
public struct AttachmentKey: Sendable, Hashable, CustomStringConvertible {
    /// Length of a key in bytes.
    public static let length = 32

    let bytes: [UInt8]
    /// The first 8 bytes of a BLAKE2b digest of the key, as 16 hex digits; it tells keys apart
    /// without revealing them.
    public let id: String

    /// Wraps raw key bytes; throws `AttachmentError.invalidKey` unless there are exactly 32.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.length else {
            throw AttachmentError.invalidKey(reason: "it decodes to \(bytes.count) bytes, not \(Self.length)")
        }
        self.init(checked: bytes)
    }

    private init(checked bytes: [UInt8]) {
        self.bytes = bytes
        id = Blake2b.hash(Array("rcms.attachment-key-id".utf8) + bytes).prefix(8).hexString
    }

    /// Parses a key written in base64 (standard or URL alphabet); surrounding whitespace, as in
    /// a key file ending with a newline, is ignored.
    public init(base64 text: String) throws {
        var cleaned = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        if cleaned.isEmpty { throw AttachmentError.missingKey }
        while cleaned.count % 4 != 0 { cleaned.append("=") }
        guard let data = Data(base64Encoded: cleaned) else {
            throw AttachmentError.invalidKey(reason: "it is not valid base64")
        }
        try self.init(bytes: [UInt8](data))
    }

    /// Reads a key file holding the base64 text of a key.
    public init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AttachmentError.invalidKey(reason: "the key file cannot be read")
        }
        try self.init(base64: String(decoding: data, as: UTF8.self))
    }

    /// Returns a new random key.
    public static func generate() -> AttachmentKey {
        AttachmentKey(checked: SecretStream.generateKey())
    }

    /// The key as base64, for writing a new key file; never log it.
    public var base64: String { Data(bytes).base64EncodedString() }

    public var description: String { "attachment key \(id)" }

    public static func == (lhs: AttachmentKey, rhs: AttachmentKey) -> Bool {
        constantTimeEqual(lhs.bytes, rhs.bytes)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
    }
}

/// The key new files are written with, and older keys that files may still be under while a
/// rotation runs.
public struct AttachmentKeyring: Sendable {
    public let current: AttachmentKey
    public let previous: [AttachmentKey]

    public init(current: AttachmentKey, previous: [AttachmentKey] = []) {
        self.current = current
        self.previous = previous.filter { $0.id != current.id }
    }

    /// The configured key with this id.
    public func key(id: String) -> AttachmentKey? {
        if current.id == id { return current }
        return previous.first { $0.id == id }
    }

    /// Ids of every configured key, the current one first.
    public var ids: [String] { [current.id] + previous.map(\.id) }
}
