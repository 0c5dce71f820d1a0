internal import CSodium

/// Argon2id password hashes in libsodium's self-describing string format.
public enum PasswordHash {
    /// Work factors: libsodium's interactive level, fit for a login request.
    public static func hash(_ password: String) throws -> String {
        Sodium.ensureReady()
        var output = [CChar](repeating: 0, count: Int(crypto_pwhash_STRBYTES))
        let input = Array(password.utf8CString.dropLast())
        let status = crypto_pwhash_str(
            &output, input, UInt64(input.count),
            UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE), Int(crypto_pwhash_MEMLIMIT_INTERACTIVE))
        guard status == 0 else { throw CryptoError.hashingFailed }
        let bytes = output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `password` matches a hash made by ``hash(_:)``.
    public static func verify(_ password: String, against stored: String) -> Bool {
        Sodium.ensureReady()
        let bytes = Array(password.utf8CString.dropLast())
        return crypto_pwhash_str_verify(stored, bytes, UInt64(bytes.count)) == 0
    }
}
