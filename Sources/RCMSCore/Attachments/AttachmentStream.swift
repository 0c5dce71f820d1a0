import Foundation
import RCMSCrypto
import Synchronization

/// The decrypted bytes of one stored attachment, pulled chunk by chunk, so a large file never
/// has to fit in memory.
///
/// Each chunk is authenticated before `next()` returns it. The last chunk is held back until
/// the checks at the end have passed: the chunk carries the final tag, nothing follows it in
/// the file, and the plaintext has the expected length and digest when those were given. A
/// reader that got `nil` from `next()` has therefore received the whole verified plaintext, and
/// one whose `next()` threw never got all of it.
///
/// Calls may come from any thread; a lock makes them take turns. The file closes once the end
/// is reached, after a failure, or when the stream is released.
public final class AttachmentStream: Sendable {
    /// The attachment the bytes belong to.
    public let attachmentID: Int64

    private struct State {
        var handle: FileHandle?
        var reader: ChunkReader?
        var hasher = Blake2b()
        var size: Int64 = 0
        var result: StoredAttachmentBytes?
        var failure: AttachmentError?
    }

    private let expectedDigest: String?
    private let expectedSize: Int64?
    private let state: Mutex<State>

    /// Opens the file of attachment `id` and reads its header.
    ///
    /// Throws when the file is missing, is not an attachment file, or is encrypted under a key
    /// the store does not have.
    init(store: AttachmentStore, tenant: String, id: Int64, expectedDigest: String?, expectedSize: Int64?) throws {
        let path = try store.path(tenant: tenant, id: id)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AttachmentError.fileNotFound(attachmentID: id)
        }
        let reader = try ChunkReader(store: store, handle: handle, tenant: tenant, id: id)
        self.attachmentID = id
        self.expectedDigest = expectedDigest
        self.expectedSize = expectedSize
        self.state = Mutex(State(handle: handle, reader: reader))
    }

    deinit {
        state.withLock { Self.close(&$0) }
    }

    /// The length and digest of the plaintext, once `next()` has returned `nil`.
    public var result: StoredAttachmentBytes? {
        state.withLock { $0.result }
    }

    /// Returns the next chunk of plaintext (at most `AttachmentStore.chunkLength` bytes, empty
    /// only for an empty attachment), or `nil` after the last one.
    ///
    /// Throws `AttachmentError.authenticationFailed` for a changed chunk or bytes after the
    /// final one, `.truncated` for a file that ends before its final chunk, and
    /// `.digestMismatch` when the plaintext's digest or length differs from the expected one.
    /// After a throw, every further call throws the same error.
    public func next() throws -> [UInt8]? {
        try state.withLock { current throws(AttachmentError) -> [UInt8]? in
            if let failure = current.failure { throw failure }
            guard let reader = current.reader else { return nil }
            do {
                return try Self.advance(&current, reader, id: attachmentID, digest: expectedDigest, size: expectedSize)
            } catch {
                let failure = error as? AttachmentError ?? .io(operation: "reading a file", errno: EIO)
                current.failure = failure
                Self.close(&current)
                throw failure
            }
        }
    }

    private static func close(_ state: inout State) {
        state.reader = nil
        try? state.handle?.close()
        state.handle = nil
    }

    /// Reads one chunk; at the final one, checks the end before returning it.
    private static func advance(
        _ state: inout State, _ reader: ChunkReader, id: Int64, digest expectedDigest: String?,
        size expectedSize: Int64?
    ) throws -> [UInt8]? {
        guard let chunk = try reader.next() else {
            close(&state)
            return nil
        }
        state.hasher.update(chunk)
        state.size += Int64(chunk.count)
        guard reader.isAtEnd else {
            // The writer marks the chunk holding the last bytes final, so a chunk that reaches
            // the expected length without that mark means the file contains more than recorded.
            if let expectedSize, state.size >= expectedSize { throw AttachmentError.digestMismatch(attachmentID: id) }
            return chunk
        }
        try reader.requireNothingFollows()
        let digest = state.hasher.finalize().hexString
        if let expectedDigest, expectedDigest != digest { throw AttachmentError.digestMismatch(attachmentID: id) }
        if let expectedSize, expectedSize != state.size { throw AttachmentError.digestMismatch(attachmentID: id) }
        state.result = StoredAttachmentBytes(size: state.size, digest: digest)
        close(&state)
        return chunk
    }
}
