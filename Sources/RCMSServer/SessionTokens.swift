import RCMSCore
import RCMSCrypto

/// Bearer tokens: `TENANT.SECRET`, where the secret is 32 random bytes in hex; only the
/// BLAKE2b hash of the whole token is stored.
///
/// The tenant prefix lets the server find the token's tenant without searching every tenant,
/// and shows an operator which tenant a leaked token belongs to; it grants nothing by itself.
public enum SessionTokens {
    /// Makes a new token and the hash to store for it.
    public static func make(tenant: String) -> (token: String, hash: String) {
        let token = "\(tenant).\(secureRandomBytes(32).hexString)"
        return (token, hash(token))
    }

    /// Returns the stored form of a token: BLAKE2b, lower-case hex.
    public static func hash(_ token: String) -> String { Blake2b.hexDigest(token) }

    /// Returns the tenant a token names, or `nil` when it is not shaped like one of ours.
    public static func tenant(of token: String) -> String? {
        // In ASCII text without a carriage return every character is one byte, so checking the
        // bytes gives the same result as checking the characters below, without grapheme breaking.
        let bytes = token.utf8
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot != bytes.startIndex else { return nil }
            let secret = bytes[bytes.index(after: dot)...]
            guard secret.count == 64, secret.allSatisfy(isASCIIHexDigit) else { return nil }
            return String(token[..<dot])
        }
        guard let dot = token.lastIndex(of: "."), dot != token.startIndex else { return nil }
        let secret = token[token.index(after: dot)...]
        guard secret.count == 64, secret.allSatisfy(\.isHexDigit) else { return nil }
        return String(token[..<dot])
    }

    private static func isASCIIHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// Stores a token for `userID` in `transaction` that expires after `lifetimeSeconds`, and
    /// returns it; the caller shows it once.
    public static func issue(
        userID: Int64, lifetimeSeconds: Int64, now: Instant = .now(), in transaction: any StorageTransaction
    ) throws -> (token: String, expiresAt: Instant) {
        let (token, hash) = make(tenant: transaction.tenant)
        let expiresAt = now.adding(seconds: lifetimeSeconds)
        try transaction.insertToken(TokenRecord(tokenHash: hash, userID: userID, expiresAt: expiresAt))
        return (token, expiresAt)
    }
}
