import Foundation
import RCMSCrypto
import Testing

@testable import RCMSCore

@Suite("Audit chain")
struct AuditChainTests {
    static func entries(_ count: Int, tenant: String = "be-pk") -> [AuditChainEntry] {
        (1...count).map { sequence in
            AuditChainEntry(
                tenantID: tenant, sequence: Int64(sequence),
                microsecondsSinceEpoch: 1_795_000_000_000_000 + Int64(sequence) * 1_000_000,
                actorID: sequence.isMultiple(of: 2) ? "u-officer" : "system", action: "case.transition",
                objectIDs: ["case:c-\(sequence)"], fieldNames: ["person.surname"],
                digests: [Blake2b.hexDigest("value \(sequence)")])
        }
    }

    static func chain(_ count: Int = 6) -> [SealedAuditEntry] { AuditChain.seal(entries(count)) }

    static let verifier = AuditChainVerifier(tenantID: "be-pk")

    @Test("an untouched chain verifies")
    func intact() {
        let chain = Self.chain()
        #expect(
            Self.verifier.verify(chain) == .intact(checked: 6, last: AuditChainAnchor(sequence: 6, hash: chain[5].hash))
        )
        #expect(Self.verifier.verify([]).isIntact)
    }

    enum Tampering: String, CaseIterable, Sendable {
        case editAction, editDigest, editTime, editStoredHash, removeMiddle, removeFirst, swapPair, moveLastToFront
        case foreignEntry
    }

    @Test(
        "the first changed, removed or reordered entry is named",
        arguments: [
            (Tampering.editAction, AuditChainBreak.Kind.changed, Int64(3)),
            (.editDigest, .changed, 5),
            (.editTime, .changed, 1),
            (.editStoredHash, .changed, 2),
            (.removeMiddle, .removed, 4),
            (.removeFirst, .removed, 1),
            (.swapPair, .reordered, 4),
            (.moveLastToFront, .reordered, 6),
            (.foreignEntry, .foreignTenant, 2),
        ])
    func tampering(_ tampering: Tampering, kind: AuditChainBreak.Kind, sequence: Int64) throws {
        var chain = Self.chain()
        switch tampering {
        case .editAction: chain[2].entry.action = "case.read"
        case .editDigest: chain[4].entry.digests = [Blake2b.hexDigest("other value")]
        case .editTime: chain[0].entry.microsecondsSinceEpoch += 1
        case .editStoredHash: chain[1].hash[0] ^= 0xFF
        case .removeMiddle: chain.remove(at: 3)
        case .removeFirst: chain.removeFirst()
        case .swapPair: chain.swapAt(2, 3)
        case .moveLastToFront: chain.insert(chain.removeLast(), at: 0)
        case .foreignEntry: chain[1].entry.tenantID = "de-pk"
        }
        let failure = try #require(Self.verifier.verify(chain).failure)
        #expect(failure.kind == kind)
        #expect(failure.sequence == sequence)
        #expect(failure.description.contains("entry \(sequence)"))
    }

    @Test("a rewritten tail is consistent in itself but not with a known head")
    func rewrittenTail() throws {
        let original = Self.chain()
        var edited = Self.entries(6)
        edited[2].action = "case.read"
        let rewritten = Array(original.prefix(2)) + AuditChain.seal(Array(edited.suffix(4)), after: original[1].hash)

        #expect(Self.verifier.verify(rewritten).isIntact)
        let head = AuditChainAnchor(sequence: 6, hash: original[5].hash)
        let failure = try #require(AuditChainVerifier(tenantID: "be-pk", head: head).verify(rewritten).failure)
        #expect(failure.kind == .changed)
        #expect(failure.sequence == 6)
    }

    @Test("entries removed from the end are found from a known head")
    func truncated() throws {
        let chain = Self.chain()
        let head = AuditChainAnchor(sequence: 6, hash: chain[5].hash)
        let failure = try #require(
            AuditChainVerifier(tenantID: "be-pk", head: head).verify(Array(chain.prefix(4))).failure)
        #expect(failure == AuditChainBreak(kind: .removed, sequence: 5, position: 4))
    }

    @Test("verification continues from an earlier check")
    func continues() {
        let chain = Self.chain()
        let start = AuditChainAnchor(sequence: 3, hash: chain[2].hash)
        #expect(AuditChainVerifier(tenantID: "be-pk", start: start).verify(Array(chain.suffix(3))).isIntact)
    }

    @Test("the canonical encoding is fixed and length-prefixed")
    func canonicalBytes() {
        let entry = AuditChainEntry(
            tenantID: "be-pk", sequence: 1, microsecondsSinceEpoch: 2, actorID: "u", action: "a", objectIDs: ["x"])
        let expected: [UInt8] =
            Array("RCMSAUD1".utf8) + [0, 0, 0, 5] + Array("be-pk".utf8) + [0, 0, 0, 0, 0, 0, 0, 1]
            + [0, 0, 0, 0, 0, 0, 0, 2] + [0, 0, 0, 1] + Array("u".utf8) + [0, 0, 0, 1] + Array("a".utf8)
            + [0, 0, 0, 1, 0, 0, 0, 1] + Array("x".utf8) + [0, 0, 0, 0] + [0, 0, 0, 0]
        #expect(entry.canonicalBytes == expected)

        // Moving a character between neighbouring fields changes the bytes.
        var shifted = entry
        shifted.objectIDs = ["x", ""]
        #expect(shifted.canonicalBytes != entry.canonicalBytes)
    }

    @Test("the first hash follows the genesis hash")
    func firstHash() {
        let entry = Self.entries(1)[0]
        let sealed = AuditChain.seal(entry, after: AuditChain.genesisHash)
        #expect(sealed.previousHash == [UInt8](repeating: 0, count: 32))
        #expect(sealed.hash == Blake2b.hash([UInt8](repeating: 0, count: 32) + entry.canonicalBytes))
    }

    @Test("an entry made from a date keeps whole microseconds")
    func fromDate() {
        let entry = AuditChainEntry(
            tenantID: "be-pk", sequence: 1, at: Date(timeIntervalSince1970: 1.0000015), actorID: "system",
            action: .deadlineExpire)
        #expect(entry.microsecondsSinceEpoch == 1_000_001)
        #expect(entry.action == "deadline.expire")
    }
}
