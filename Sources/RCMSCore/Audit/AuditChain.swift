import Foundation
import RCMSCrypto

/// The content of one audit entry, as the hash chain encodes it.
///
/// It carries ids, field names and digests only, never a personal value, so purging a case's
/// personal data under a retention rule leaves every link of the chain verifiable.
public struct AuditChainEntry: Sendable, Hashable, Codable {
    public var tenantID: String
    /// Position in the tenant's chain: 1, 2, 3, … with no gap.
    public var sequence: Int64
    /// When it happened, in whole microseconds since 1970-01-01T00:00:00Z; an integer, so the
    /// encoding does not depend on how a floating-point time was rounded on the way in.
    public var microsecondsSinceEpoch: Int64
    /// A user id, or `system` for the engine's own actions.
    public var actorID: String
    /// The action, such as `case.transition` (see ``AuditAction``).
    public var action: String
    /// Ids of the objects concerned, in the order written (`case:c-81f2`, `document:d-17`).
    public var objectIDs: [String]
    /// Names of the fields concerned (`person.surname`), never their values.
    public var fieldNames: [String]
    /// Digests of values, so a value can be checked later without being kept here.
    public var digests: [String]

    public init(
        tenantID: String, sequence: Int64, microsecondsSinceEpoch: Int64, actorID: String, action: String,
        objectIDs: [String] = [], fieldNames: [String] = [], digests: [String] = []
    ) {
        self.tenantID = tenantID
        self.sequence = sequence
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
        self.actorID = actorID
        self.action = action
        self.objectIDs = objectIDs
        self.fieldNames = fieldNames
        self.digests = digests
    }

    /// Creates an entry at `instant`, truncated to the microsecond.
    public init(
        tenantID: String, sequence: Int64, at instant: Date, actorID: String, action: AuditAction,
        objectIDs: [String] = [], fieldNames: [String] = [], digests: [String] = []
    ) {
        let micros = Int64((instant.timeIntervalSince1970 * 1_000_000).rounded(.down))
        self.init(
            tenantID: tenantID, sequence: sequence, microsecondsSinceEpoch: micros, actorID: actorID,
            action: action.rawValue, objectIDs: objectIDs, fieldNames: fieldNames, digests: digests)
    }

    /// The bytes the chain hashes, the same on every platform and in every release.
    ///
    /// Layout, all integers big-endian:
    /// 1. the 8 ASCII bytes `RCMSAUD1` (format and version);
    /// 2. `tenantID` as a string;
    /// 3. `sequence` as 8 bytes, two's complement;
    /// 4. `microsecondsSinceEpoch` as 8 bytes, two's complement;
    /// 5. `actorID`, then `action`, each as a string;
    /// 6. `objectIDs`, `fieldNames`, `digests`, each as a list.
    ///
    /// A string is its UTF-8 byte count as 4 bytes, then the bytes, exactly as given (no
    /// Unicode normalisation, so storage must return what it was handed). A list is its
    /// element count as 4 bytes, then each element as a string, in the order given. Every part
    /// is length-prefixed, so no two different entries share an encoding.
    public var canonicalBytes: [UInt8] {
        var bytes = Array("RCMSAUD1".utf8)
        bytes.appendString(tenantID)
        bytes.appendInteger(sequence)
        bytes.appendInteger(microsecondsSinceEpoch)
        bytes.appendString(actorID)
        bytes.appendString(action)
        for list in [objectIDs, fieldNames, digests] {
            bytes.appendInteger(UInt32(clamping: list.count))
            for item in list { bytes.appendString(item) }
        }
        return bytes
    }
}

/// An audit entry placed in the chain, with the hash that seals it.
public struct SealedAuditEntry: Sendable, Hashable {
    public var entry: AuditChainEntry
    /// The hash of the entry before it; ``AuditChain/genesisHash`` for the first.
    public var previousHash: [UInt8]
    /// BLAKE2b-256 of `previousHash` followed by the entry's canonical bytes.
    public var hash: [UInt8]

    public init(entry: AuditChainEntry, previousHash: [UInt8], hash: [UInt8]) {
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hash chain over a tenant's audit trail.
public enum AuditChain {
    /// The hash the first entry follows: 32 zero bytes.
    public static let genesisHash = [UInt8](repeating: 0, count: Blake2b.outputLength)

    /// BLAKE2b-256 of `previous` followed by `entry`'s canonical bytes.
    public static func hash(of entry: AuditChainEntry, after previous: [UInt8]) -> [UInt8] {
        Blake2b.hash(previous + entry.canonicalBytes)
    }

    /// Seals `entry` as the link after `previous`.
    public static func seal(_ entry: AuditChainEntry, after previous: [UInt8]) -> SealedAuditEntry {
        SealedAuditEntry(entry: entry, previousHash: previous, hash: hash(of: entry, after: previous))
    }

    /// Seals entries in order, the first after `previous`.
    public static func seal(_ entries: [AuditChainEntry], after previous: [UInt8] = genesisHash) -> [SealedAuditEntry] {
        var last = previous
        return entries.map { entry in
            let sealed = seal(entry, after: last)
            last = sealed.hash
            return sealed
        }
    }
}

extension [UInt8] {
    fileprivate mutating func appendInteger<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    fileprivate mutating func appendString(_ text: String) {
        let utf8 = Array(text.utf8)
        appendInteger(UInt32(clamping: utf8.count))
        append(contentsOf: utf8)
    }
}
