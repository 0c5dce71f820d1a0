import RCMSCrypto

/// A known point of a chain: a sequence number and the hash of the entry there.
public struct AuditChainAnchor: Sendable, Hashable {
    public var sequence: Int64
    public var hash: [UInt8]

    public init(sequence: Int64, hash: [UInt8]) {
        self.sequence = sequence
        self.hash = hash
    }

    /// The point before the first entry: sequence 0 and the genesis hash.
    public static let genesis = AuditChainAnchor(sequence: 0, hash: AuditChain.genesisHash)
}

/// The first place where a chain stops being the one that was written.
public struct AuditChainBreak: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The entry's content or hash no longer matches the chain.
        case changed = "audit_entry_changed"
        /// An entry is missing: the sequence jumps over it, or the chain ends before it.
        case removed = "audit_entry_removed"
        /// An entry appears before one that should precede it.
        case reordered = "audit_entry_reordered"
        /// The entry belongs to another tenant's chain.
        case foreignTenant = "audit_entry_foreign_tenant"
    }

    public var kind: Kind
    /// The sequence number of the entry named: the changed, missing or misplaced one.
    public var sequence: Int64
    /// Zero-based position in the list checked where the break shows; the list's length when
    /// entries are missing at its end.
    public var position: Int

    /// A stable code for the kind of break.
    public var code: String { kind.rawValue }

    public var description: String {
        switch kind {
        case .changed:
            return "audit entry \(sequence) does not match the chain; it was changed after it was written"
        case .removed:
            return "audit entry \(sequence) is missing from the chain"
        case .reordered:
            return "audit entry \(sequence) is out of order (found at position \(position + 1))"
        case .foreignTenant:
            return "audit entry \(sequence) belongs to another tenant's chain"
        }
    }
}

/// The result of verifying a chain.
public enum AuditVerification: Sendable, Hashable {
    /// Every entry checked; `last` is where a later check can start from.
    case intact(checked: Int, last: AuditChainAnchor)
    case broken(AuditChainBreak)

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }

    public var failure: AuditChainBreak? {
        if case .broken(let failure) = self { return failure }
        return nil
    }
}

/// Recomputes a tenant's audit chain and names the first entry that was changed, removed or
/// moved.
///
/// A chain proves its own history only from a hash kept elsewhere: an attacker who rewrites
/// an entry and every hash after it leaves a chain that is consistent in itself. Give `head`
/// (the last sequence and hash from an earlier check or a published checkpoint) to catch
/// that, and to catch entries removed from the end.
public struct AuditChainVerifier: Sendable {
    public var tenantID: String
    /// The point the checked entries follow: the genesis, or the end of an earlier check.
    public var start: AuditChainAnchor
    /// A later point known from elsewhere that the chain must reach unchanged.
    public var head: AuditChainAnchor?

    public init(tenantID: String, start: AuditChainAnchor = .genesis, head: AuditChainAnchor? = nil) {
        self.tenantID = tenantID
        self.start = start
        self.head = head
    }

    /// Checks `entries`, which storage returns in the order it stores them.
    public func verify(_ entries: [SealedAuditEntry]) -> AuditVerification {
        let sequences = Set(entries.map(\.entry.sequence))
        var expected = start.sequence + 1
        var previous = start.hash

        for (position, sealed) in entries.enumerated() {
            let entry = sealed.entry
            guard entry.tenantID == tenantID else {
                return .broken(AuditChainBreak(kind: .foreignTenant, sequence: entry.sequence, position: position))
            }

            if entry.sequence != expected {
                // The expected entry still present further on means this one jumped ahead of
                // it; absent altogether means it was removed.
                let moved = entry.sequence < expected || sequences.contains(expected)
                let named = moved ? entry.sequence : expected
                return .broken(
                    AuditChainBreak(kind: moved ? .reordered : .removed, sequence: named, position: position))
            }

            let recomputed = AuditChain.hash(of: entry, after: previous)
            guard sealed.previousHash == previous, sealed.hash == recomputed else {
                return .broken(AuditChainBreak(kind: .changed, sequence: entry.sequence, position: position))
            }
            if let head, head.sequence == entry.sequence, head.hash != recomputed {
                return .broken(AuditChainBreak(kind: .changed, sequence: entry.sequence, position: position))
            }

            previous = recomputed
            expected += 1
        }

        if let head, head.sequence >= expected {
            return .broken(AuditChainBreak(kind: .removed, sequence: expected, position: entries.count))
        }
        return .intact(checked: entries.count, last: AuditChainAnchor(sequence: expected - 1, hash: previous))
    }
}
