internal import CSodium

/// Ed25519 signatures (libsodium `crypto_sign_*`): detached signatures over byte strings.
public enum Ed25519 {
    /// Bytes of a public key.
    public static let publicKeyLength = 32
    /// Bytes of a secret key as libsodium stores it: the 32-byte seed followed by the public key.
    public static let secretKeyLength = 64
    /// Bytes of a detached signature.
    public static let signatureLength = 64

    /// A key pair; the secret key never leaves the process except through ``secretKey``.
    public struct KeyPair: Sendable {
        public let publicKey: [UInt8]
        public let secretKey: [UInt8]

        /// Creates a key pair from a stored secret key, whose last 32 bytes are its public key.
        public init(secretKey: [UInt8]) throws(CryptoError) {
            guard secretKey.count == Ed25519.secretKeyLength else {
                throw .invalidKeyLength(expected: Ed25519.secretKeyLength, actual: secretKey.count)
            }
            self.secretKey = secretKey
            self.publicKey = Array(secretKey[32...])
        }

        /// Makes a new random key pair.
        public static func generate() -> KeyPair {
            Sodium.ensureReady()
            var publicKey = [UInt8](repeating: 0, count: Ed25519.publicKeyLength)
            var secretKey = [UInt8](repeating: 0, count: Ed25519.secretKeyLength)
            _ = crypto_sign_keypair(&publicKey, &secretKey)
            return try! KeyPair(secretKey: secretKey)
        }

        /// Returns the detached signature of `message`.
        public func sign(_ message: [UInt8]) -> [UInt8] {
            Sodium.ensureReady()
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            var length: UInt64 = 0
            _ = crypto_sign_detached(&signature, &length, message, UInt64(message.count), secretKey)
            return signature
        }
    }

    /// Returns whether `signature` is a valid signature of `message` under `publicKey`.
    public static func verify(signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        Sodium.ensureReady()
        guard signature.count == signatureLength, publicKey.count == publicKeyLength else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }
}

/// Base64url without padding (RFC 4648 section 5), the form compact payloads and key listings use.
public enum Base64URL {
    /// Returns the base64url text of `bytes`, without `=` padding.
    public static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            let characters = chunk.count + 1
            for position in 0..<characters { output.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Returns the bytes of base64url text without padding, or `nil` when it is not valid.
    public static func decode(_ text: String) -> [UInt8]? {
        var bits = 0
        var count = 0
        var output: [UInt8] = []
        for character in text.utf8 {
            let value: Int
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(character - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(character - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            default: return nil
            }
            bits = ((bits << 6) | value) & 0x3FFF
            count += 6
            if count >= 8 {
                count -= 8
                output.append(UInt8((bits >> count) & 0xFF))
            }
        }
        // Leftover bits must be zero padding of fewer than 6 bits, or the text was cut.
        guard count < 6, bits & ((1 << count) - 1) == 0 else { return nil }
        return output
    }
}
