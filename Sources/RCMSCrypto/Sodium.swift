internal import CSodium

/// libsodium must be initialised once before any other call; `sodium_init` is idempotent and
/// safe to call from several threads.
enum Sodium {
    static let ready: Bool = sodium_init() >= 0

    static func ensureReady() {
        precondition(ready, "libsodium failed to initialise")
    }
}

/// Errors from the cryptographic primitives.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidKeyLength(expected: Int, actual: Int)
    case authenticationFailed
    case hashingFailed

    public var description: String {
        switch self {
        case .invalidKeyLength(let expected, let actual):
            return "invalid key length: expected \(expected) bytes, got \(actual)"
        case .authenticationFailed:
            return "authentication failed: the data was changed or the key is wrong"
        case .hashingFailed:
            return "password hashing failed; the machine may be out of memory"
        }
    }
}
