internal import CSodium

/// Sizes of libsodium's XChaCha20-Poly1305 secret stream, read from the library at run time
/// because the C macros that define them do not import into Swift.
public enum SecretStream {
    /// Key length in bytes.
    public static var keyLength: Int {
        Sodium.ensureReady()
        return crypto_secretstream_xchacha20poly1305_keybytes()
    }

    /// Length in bytes of the header that starts every stream and carries its random nonce.
    public static var headerLength: Int {
        Sodium.ensureReady()
        return crypto_secretstream_xchacha20poly1305_headerbytes()
    }

    /// Bytes each encrypted chunk adds to its plaintext: one tag byte and a 16-byte MAC.
    public static var overheadPerChunk: Int {
        Sodium.ensureReady()
        return Int(crypto_secretstream_xchacha20poly1305_abytes())
    }

    /// Returns a fresh random key.
    public static func generateKey() -> [UInt8] {
        Sodium.ensureReady()
        var key = [UInt8](repeating: 0, count: keyLength)
        crypto_secretstream_xchacha20poly1305_keygen(&key)
        return key
    }
}

/// Errors of the secret stream beyond those shared with other primitives.
public enum SecretStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stream ended before its final chunk, so its end was cut off.
    case truncated
    /// Bytes follow the chunk marked final.
    case trailingData
    /// A chunk was pushed after the final one, or the stream was used after a failure.
    case misuse

    /// A stable identifier for programs and logs.
    public var code: String {
        switch self {
        case .truncated: return "crypto.stream_truncated"
        case .trailingData: return "crypto.stream_trailing_data"
        case .misuse: return "crypto.stream_misuse"
        }
    }

    public var description: String {
        switch self {
        case .truncated: return "the encrypted stream ends before its final chunk; the file was cut short"
        case .trailingData: return "the encrypted stream has data after its final chunk"
        case .misuse: return "the encrypted stream was used after it ended or failed"
        }
    }
}

/// Encrypts a stream chunk by chunk with XChaCha20-Poly1305 (libsodium's secretstream).
///
/// Each chunk is authenticated on its own and in order, so a reader can hand out plaintext as
/// it goes, and a stream cut short or reordered fails. The state and the key copy live in
/// memory this object owns and wipes in `deinit`; use one instance from one thread.
public final class SecretStreamEncryptor {
    private let state: UnsafeMutableRawPointer
    private let stateLength: Int
    private var finished = false
    private var typedState: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state> {
        state.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self)
    }
    /// The header to write before the first chunk.
    public let header: [UInt8]

    /// Starts a stream under `key`, which must be `SecretStream.keyLength` bytes.
    public init(key: [UInt8]) throws {
        Sodium.ensureReady()
        guard key.count == SecretStream.keyLength else {
            throw CryptoError.invalidKeyLength(expected: SecretStream.keyLength, actual: key.count)
        }
        stateLength = crypto_secretstream_xchacha20poly1305_statebytes()
        state = UnsafeMutableRawPointer.allocate(byteCount: stateLength, alignment: 64)
        state.bindMemory(to: crypto_secretstream_xchacha20poly1305_state.self, capacity: 1)
        var header = [UInt8](repeating: 0, count: SecretStream.headerLength)
        _ = crypto_secretstream_xchacha20poly1305_init_push(
            state.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self), &header, key)
        self.header = header
    }

    deinit {
        sodium_memzero(state, stateLength)
        state.deallocate()
    }

    /// Encrypts one chunk; `additionalData` is authenticated but not stored, so the reader must
    /// pass the same bytes. The last chunk must have `isFinal` set.
    public func push(_ chunk: [UInt8], additionalData: [UInt8] = [], isFinal: Bool = false) throws -> [UInt8] {
        guard !finished else { throw SecretStreamError.misuse }
        var output = [UInt8](repeating: 0, count: chunk.count + SecretStream.overheadPerChunk)
        var outputLength: UInt64 = 0
        let tag = isFinal ? crypto_secretstream_xchacha20poly1305_tag_final() : 0
        let status = crypto_secretstream_xchacha20poly1305_push(
            typedState, &output, &outputLength, chunk, UInt64(chunk.count), additionalData,
            UInt64(additionalData.count), tag)
        guard status == 0 else { throw SecretStreamError.misuse }
        if isFinal { finished = true }
        return Array(output.prefix(Int(outputLength)))
    }
}

/// Decrypts and authenticates a stream written by `SecretStreamEncryptor`, chunk by chunk.
///
/// A chunk that was changed, a wrong key or chunks out of order throw
/// `CryptoError.authenticationFailed` before any of that chunk's plaintext is returned.
public final class SecretStreamDecryptor {
    private let state: UnsafeMutableRawPointer
    private let stateLength: Int
    private var failed = false
    private var typedState: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state> {
        state.assumingMemoryBound(to: crypto_secretstream_xchacha20poly1305_state.self)
    }
    /// Whether the chunk marked final has been read.
    public private(set) var isFinished = false

    /// Starts reading a stream with its `header` under `key`.
    public init(key: [UInt8], header: [UInt8]) throws {
        Sodium.ensureReady()
        guard key.count == SecretStream.keyLength else {
            throw CryptoError.invalidKeyLength(expected: SecretStream.keyLength, actual: key.count)
        }
        stateLength = crypto_secretstream_xchacha20poly1305_statebytes()
        state = UnsafeMutableRawPointer.allocate(byteCount: stateLength, alignment: 64)
        state.bindMemory(to: crypto_secretstream_xchacha20poly1305_state.self, capacity: 1)
        guard header.count == SecretStream.headerLength,
            crypto_secretstream_xchacha20poly1305_init_pull(typedState, header, key) == 0
        else {
            failed = true
            throw CryptoError.authenticationFailed
        }
    }

    deinit {
        sodium_memzero(state, stateLength)
        state.deallocate()
    }

    /// Decrypts one encrypted chunk and returns its plaintext.
    public func pull(_ chunk: [UInt8], additionalData: [UInt8] = []) throws -> [UInt8] {
        guard !failed else { throw SecretStreamError.misuse }
        guard !isFinished else { throw SecretStreamError.trailingData }
        guard chunk.count >= SecretStream.overheadPerChunk else {
            failed = true
            throw CryptoError.authenticationFailed
        }
        var output = [UInt8](repeating: 0, count: chunk.count - SecretStream.overheadPerChunk)
        var outputLength: UInt64 = 0
        var tag: UInt8 = 0
        let status = crypto_secretstream_xchacha20poly1305_pull(
            typedState, &output, &outputLength, &tag, chunk, UInt64(chunk.count), additionalData,
            UInt64(additionalData.count))
        guard status == 0 else {
            failed = true
            throw CryptoError.authenticationFailed
        }
        if tag == crypto_secretstream_xchacha20poly1305_tag_final() { isFinished = true }
        return Array(output.prefix(Int(outputLength)))
    }
}
