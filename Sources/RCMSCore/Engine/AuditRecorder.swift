import Foundation
import RCMSCrypto

/// Appends entries to a tenant's audit chain inside a storage transaction, and verifies the
/// stored chain.
public enum AuditRecorder {
    /// Appends one entry, sealing it with the BLAKE2b chain hash over the previous entry's hash.
    @discardableResult
    public static func append(_ draft: AuditDraft, in transaction: any StorageTransaction) throws -> AuditEntry {
        let tenant = transaction.tenant
        return try transaction.appendAudit(draft) { sequence, previousHash in
            let entry = chainEntry(tenant: tenant, sequence: sequence, draft: draft)
            let previous = previousHash.isEmpty ? AuditChain.genesisHash : bytes(fromHex: previousHash)
            return AuditChain.hash(of: entry, after: previous).hexString
        }
    }

    /// Recomputes the whole chain of a tenant and names the first entry that was changed,
    /// removed or reordered.
    public static func verify(tenant: String, storage: any Storage) throws -> AuditVerification {
        let entries = try storage.read(tenant: tenant) { reader -> [AuditEntry] in
            guard let last = try reader.lastAuditEntry() else { return [] }
            return try reader.auditEntries(sequences: 1...max(1, last.sequence))
        }
        let sealed = entries.map { entry in
            SealedAuditEntry(
                entry: chainEntry(tenant: tenant, entry: entry),
                previousHash: entry.previousHash.isEmpty ? AuditChain.genesisHash : bytes(fromHex: entry.previousHash),
                hash: bytes(fromHex: entry.entryHash))
        }
        return AuditChainVerifier(tenantID: tenant).verify(sealed)
    }

    static func chainEntry(tenant: String, sequence: Int64, draft: AuditDraft) -> AuditChainEntry {
        AuditChainEntry(
            tenantID: tenant, sequence: sequence, microsecondsSinceEpoch: draft.at.microseconds, actorID: draft.actor,
            action: draft.action, objectIDs: draft.objectIDs, fieldNames: draft.fieldNames, digests: draft.digests)
    }

    static func chainEntry(tenant: String, entry: AuditEntry) -> AuditChainEntry {
        AuditChainEntry(
            tenantID: tenant, sequence: entry.sequence, microsecondsSinceEpoch: entry.at.microseconds,
            actorID: entry.actor, action: entry.action, objectIDs: entry.objectIDs, fieldNames: entry.fieldNames,
            digests: entry.digests)
    }

    /// Bytes of a lower-case or upper-case hex string; an invalid digit yields an empty array,
    /// which never matches a stored hash.
    static func bytes(fromHex hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return [] }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A digest of a personal value for the audit trail: BLAKE2b of the text, so an auditor can
    /// tell a value changed without the trail holding the value.
    public static func digest(_ value: String) -> String {
        Blake2b.hexDigest(value)
    }
}
