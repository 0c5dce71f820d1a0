internal import CSodium

/// BLAKE2b (libsodium's generic hash) with a 32-byte output, fed in pieces.
///
/// The state lives in memory this object owns, because libsodium's state struct is declared
/// with an alignment Swift cannot import.
public final class Blake2b {
    public static let outputLength = 32
    private let state: UnsafeMutableRawPointer

    public init() {
        Sodium.ensureReady()
        state = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
        crypto_generichash_init(OpaquePointer(state), nil, 0, Self.outputLength)
    }

    deinit {
        state.deallocate()
    }

    public func update(_ bytes: some Sequence<UInt8>) {
        let array = Array(bytes)
        array.withUnsafeBufferPointer { buffer in
            _ = crypto_generichash_update(OpaquePointer(state), buffer.baseAddress, UInt64(buffer.count))
        }
    }

    public func update(_ text: String) {
        update(Array(text.utf8))
    }

    public func finalize() -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Self.outputLength)
        crypto_generichash_final(OpaquePointer(state), &output, Self.outputLength)
        return output
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        Sodium.ensureReady()
        let input = Array(bytes)
        var output = [UInt8](repeating: 0, count: outputLength)
        crypto_generichash(&output, outputLength, input, UInt64(input.count), nil, 0)
        return output
    }

    /// The digest of a string's UTF-8 bytes, as lower-case hex.
    public static func hexDigest(_ text: String) -> String {
        hash(Array(text.utf8)).hexString
    }
}

extension Sequence<UInt8> {
    /// Lower-case hexadecimal, two digits per byte.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Bytes from the operating system's secure random source.
public func secureRandomBytes(_ count: Int) -> [UInt8] {
    Sodium.ensureReady()
    var bytes = [UInt8](repeating: 0, count: count)
    randombytes_buf(&bytes, count)
    return bytes
}

/// Compares two byte strings in time that depends only on their length.
public func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    Sodium.ensureReady()
    return sodium_memcmp(a, b, a.count) == 0
}
