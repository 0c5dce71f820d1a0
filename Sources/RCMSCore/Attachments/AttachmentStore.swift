import Foundation
import RCMSCrypto

/// Where the bytes of a new attachment come from, read in pieces so a large file never has
/// to fit in memory.
public protocol AttachmentByteSource: AnyObject {
    /// Returns up to `maxLength` further bytes; an empty array means the end.
    func read(maxLength: Int) throws -> [UInt8]
}

/// Bytes already in memory, handed out in pieces.
public final class InMemoryByteSource: AttachmentByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public func read(maxLength: Int) throws -> [UInt8] {
        let end = min(bytes.count, offset + maxLength)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// An open file read from its current position, such as an upload spooled to disk.
public final class FileByteSource: AttachmentByteSource {
    private let handle: FileHandle

    /// Opens the file at `path` for reading.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AttachmentError.io(operation: "opening the upload", errno: errno)
        }
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    public func read(maxLength: Int) throws -> [UInt8] {
        [UInt8](try handle.read(upToCount: maxLength) ?? Data())
    }
}

/// What storing an attachment's bytes produced: their length and digest.
public struct StoredAttachmentBytes: Sendable, Hashable {
    /// Plaintext length in bytes.
    public var size: Int64
    /// BLAKE2b-256 of the plaintext, lower-case hex, as `AttachmentRecord.digest` stores it.
    public var digest: String
}

/// Attachment bytes on disk, encrypted at rest, one file per attachment under
/// `DATA/attachments/<tenant>/<id>`.
///
/// File layout: an 8-byte marker `RCMSAT01`, the 8-byte id of the key (see
/// `AttachmentKey.id`), libsodium's 24-byte secret stream header, then chunks of at most
/// `chunkLength` plaintext bytes, each 17 bytes longer once encrypted; the last chunk carries the
/// final tag. Every chunk authenticates the marker, the key id, the tenant and the attachment
/// id, so a file copied over another attachment's file fails to decrypt.
///
/// Files and folders are created readable by the owner only. New files are written to a
/// temporary name, synced and renamed, so a crash never leaves a half-written attachment
/// under its id.
public final class AttachmentStore: Sendable {
    /// Plaintext bytes per encrypted chunk.
    public static let chunkLength = 64 * 1024
    static let marker = Array("RCMSAT01".utf8)
    static let keyIDLength = 8
    static var prefixLength: Int { marker.count + keyIDLength + SecretStream.headerLength }

    /// The data folder; attachments live in its `attachments` sub-folder.
    public let dataDirectory: String
    public let keyring: AttachmentKeyring
    /// Largest accepted plaintext, in bytes.
    public let maxSize: Int64

    public init(dataDirectory: String, keyring: AttachmentKeyring, maxSize: Int64 = 256 * 1024 * 1024) {
        self.dataDirectory = dataDirectory
        self.keyring = keyring
        self.maxSize = maxSize
    }

    /// Paths of the files, for listing and deleting without the key.
    public var files: AttachmentFiles { AttachmentFiles(dataDirectory: dataDirectory) }

    func folder(tenant: String) throws -> String { try files.folder(tenant: tenant) }
    func path(tenant: String, id: Int64) throws -> String { try files.path(tenant: tenant, id: id) }

    // MARK: Writing

    /// Encrypts everything `source` yields into the file of attachment `id` under the current
    /// key and returns the plaintext's length and digest.
    ///
    /// An existing file of the same id is replaced only once the new one is complete.
    @discardableResult
    public func write(
        tenant: String, id: Int64, from source: some AttachmentByteSource
    ) throws
        -> StoredAttachmentBytes
    {
        let folder = try folder(tenant: tenant)
        try Self.createPrivateFolder(folder)
        let temporary = "\(folder)/.incoming-\(RecordID.random())"
        do {
            let result = try Self.encrypt(
                into: temporary, key: keyring.current, context: Self.context(tenant: tenant, id: id), maxSize: maxSize
            ) { try source.read(maxLength: $0) }
            try Self.moveIntoPlace(temporary, path(tenant: tenant, id: id))
            return result
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Encrypts `bytes` into the file of attachment `id`.
    @discardableResult
    public func write(tenant: String, id: Int64, bytes: [UInt8]) throws -> StoredAttachmentBytes {
        try write(tenant: tenant, id: id, from: InMemoryByteSource(bytes))
    }

    // MARK: Reading

    /// Opens attachment `id` for reading its plaintext chunk by chunk.
    ///
    /// When `expectedDigest` or `expectedSize` is given, the stream compares the plaintext with
    /// it at the end. On a mismatch it throws `AttachmentError.digestMismatch` instead of
    /// returning the last chunk (see `AttachmentStream`).
    public func openStream(
        tenant: String, id: Int64, expectedDigest: String? = nil, expectedSize: Int64? = nil
    ) throws -> AttachmentStream {
        try AttachmentStream(
            store: self, tenant: tenant, id: id, expectedDigest: expectedDigest, expectedSize: expectedSize)
    }

    /// Decrypts attachment `id` and hands its plaintext to `sink` chunk by chunk.
    ///
    /// Each chunk is authenticated before it reaches `sink`. When `expectedDigest` is given,
    /// the digest of all the plaintext is compared before the last chunk is handed over, and a
    /// mismatch throws with every chunk but the last already in `sink`, so a streaming reader
    /// must discard what it received.
    @discardableResult
    public func read(
        tenant: String, id: Int64, expectedDigest: String? = nil, into sink: ([UInt8]) throws -> Void
    ) throws -> StoredAttachmentBytes {
        let stream = try openStream(tenant: tenant, id: id, expectedDigest: expectedDigest)
        while let plaintext = try stream.next() {
            try sink(plaintext)
        }
        guard let result = stream.result else { throw AttachmentError.truncated(attachmentID: id) }
        return result
    }

    /// Decrypts attachment `id` into memory.
    public func readAll(tenant: String, id: Int64, expectedDigest: String? = nil) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try read(tenant: tenant, id: id, expectedDigest: expectedDigest) { bytes += $0 }
        return bytes
    }

    /// The id of the key attachment `id` is encrypted under, read from its header.
    public func keyID(tenant: String, id: Int64) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: try path(tenant: tenant, id: id)) else {
            throw AttachmentError.fileNotFound(attachmentID: id)
        }
        defer { try? handle.close() }
        return try Self.readPrefix(handle, id: id).hex
    }

    /// Checks that the first `limit` files of `tenant` are under a configured key, so a wrong
    /// key is reported when a command or server starts rather than at the first download.
    public func checkKeys(tenant: String, limit: Int = 16) throws {
        for id in try files.storedIDs(tenant: tenant).prefix(limit) {
            let fileKeyID = try keyID(tenant: tenant, id: id)
            if keyring.key(id: fileKeyID) == nil {
                throw AttachmentError.unknownKey(attachmentID: id, fileKeyID: fileKeyID, configuredKeyIDs: keyring.ids)
            }
        }
    }

    // MARK: Rotating

    /// Re-encrypts attachment `id` under `newKey`; returns `false` when it already is.
    ///
    /// The old key must be in this store's keyring. The new file replaces the old one only
    /// once it is complete, so an interrupted rotation can simply run again.
    @discardableResult
    public func reencrypt(tenant: String, id: Int64, to newKey: AttachmentKey) throws -> Bool {
        guard try keyID(tenant: tenant, id: id) != newKey.id else { return false }
        let folder = try folder(tenant: tenant)
        let temporary = "\(folder)/.rotating-\(RecordID.random())"
        do {
            // Decrypt into a bounded buffer and encrypt from it, chunk by chunk.
            var pending: [UInt8] = []
            var finished = false
            let path = try path(tenant: tenant, id: id)
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw AttachmentError.fileNotFound(attachmentID: id)
            }
            defer { try? handle.close() }
            let reader = try ChunkReader(store: self, handle: handle, tenant: tenant, id: id)
            _ = try Self.encrypt(
                into: temporary, key: newKey, context: Self.context(tenant: tenant, id: id), maxSize: .max
            ) { wanted in
                while pending.count < wanted && !finished {
                    if let chunk = try reader.next() { pending += chunk } else { finished = true }
                }
                let piece = Array(pending.prefix(wanted))
                pending.removeFirst(piece.count)
                return piece
            }
            try Self.moveIntoPlace(temporary, path)
            return true
        } catch {
            unlink(temporary)
            throw error
        }
    }

    // MARK: File format

    /// The tenant and id every chunk authenticates.
    static func context(tenant: String, id: Int64) -> [UInt8] {
        Array("\u{0}\(tenant)\u{0}\(id)".utf8)
    }

    struct FilePrefix {
        var bytes: [UInt8]
        var streamHeader: [UInt8]
        var hex: String { bytes.hexString }
    }

    /// Reads the marker, key id and stream header from the start of a file.
    static func readPrefix(_ handle: FileHandle, id: Int64) throws -> FilePrefix {
        let prefix = [UInt8](try handle.read(upToCount: prefixLength) ?? Data())
        guard prefix.count == prefixLength, Array(prefix.prefix(marker.count)) == marker else {
            throw AttachmentError.notAnAttachmentFile(attachmentID: id)
        }
        let keyID = Array(prefix[marker.count..<(marker.count + keyIDLength)])
        return FilePrefix(bytes: keyID, streamHeader: Array(prefix[(marker.count + keyIDLength)...]))
    }

    /// Writes a whole encrypted file at `path` from the pieces `next` returns (asked for at most
    /// `chunkLength` bytes each; empty at the end), hashing the plaintext as it goes.
    static func encrypt(
        into path: String, key: AttachmentKey, context: [UInt8], maxSize: Int64,
        next: (Int) throws -> [UInt8]
    ) throws -> StoredAttachmentBytes {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AttachmentError.io(operation: "creating a file", errno: errno) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        defer { try? handle.close() }

        let encryptor = try SecretStreamEncryptor(key: key.bytes)
        let keyID = AttachmentStore.bytes(fromHex: key.id)
        let additionalData = marker + keyID + context
        try handle.write(contentsOf: Data(marker + keyID + encryptor.header))

        let hasher = Blake2b()
        var size: Int64 = 0
        var chunk = try fill(next)
        while true {
            size += Int64(chunk.count)
            if size > maxSize { throw AttachmentError.tooLarge(limitBytes: maxSize) }
            hasher.update(chunk)
            // One chunk of look-ahead shows whether this one is the last.
            let following = chunk.count < chunkLength ? [] : try fill(next)
            let isFinal = following.isEmpty
            try handle.write(
                contentsOf: Data(try encryptor.push(chunk, additionalData: additionalData, isFinal: isFinal)))
            if isFinal { break }
            chunk = following
        }
        try handle.synchronize()
        return StoredAttachmentBytes(size: size, digest: hasher.finalize().hexString)
    }

    /// Collects exactly `chunkLength` bytes from `next`, fewer only at the end.
    private static func fill(_ next: (Int) throws -> [UInt8]) throws -> [UInt8] {
        var chunk: [UInt8] = []
        while chunk.count < chunkLength {
            let piece = try next(chunkLength - chunk.count)
            if piece.isEmpty { break }
            chunk += piece.prefix(chunkLength - chunk.count)
        }
        return chunk
    }

    static func bytes(fromHex hex: String) -> [UInt8] {
        AuditRecorder.bytes(fromHex: hex)
    }

    static func createPrivateFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw AttachmentError.io(operation: "creating the attachment folder", errno: errno)
        }
    }

    static func moveIntoPlace(_ temporary: String, _ path: String) throws {
        guard rename(temporary, path) == 0 else { throw AttachmentError.io(operation: "renaming a file", errno: errno) }
    }
}

/// Reads an attachment file's chunks one at a time, authenticating each, for streams and
/// re-encryption.
final class ChunkReader {
    private let handle: FileHandle
    private let decryptor: SecretStreamDecryptor
    private let additionalData: [UInt8]
    private let id: Int64

    init(store: AttachmentStore, handle: FileHandle, tenant: String, id: Int64) throws {
        self.handle = handle
        self.id = id
        let prefix = try AttachmentStore.readPrefix(handle, id: id)
        guard let key = store.keyring.key(id: prefix.hex) else {
            throw AttachmentError.unknownKey(
                attachmentID: id, fileKeyID: prefix.hex, configuredKeyIDs: store.keyring.ids)
        }
        do {
            decryptor = try SecretStreamDecryptor(key: key.bytes, header: prefix.streamHeader)
        } catch {
            throw AttachmentError.authenticationFailed(attachmentID: id)
        }
        additionalData = AttachmentStore.marker + prefix.bytes + AttachmentStore.context(tenant: tenant, id: id)
    }

    /// Whether the chunk with the final tag has been read.
    var isAtEnd: Bool { decryptor.isFinished }

    /// The next chunk's plaintext, or `nil` after the final one.
    func next() throws -> [UInt8]? {
        if decryptor.isFinished {
            try requireNothingFollows()
            return nil
        }
        let blockLength = AttachmentStore.chunkLength + SecretStream.overheadPerChunk
        let block = [UInt8](try handle.read(upToCount: blockLength) ?? Data())
        if block.isEmpty { throw AttachmentError.truncated(attachmentID: id) }
        do {
            return try decryptor.pull(block, additionalData: additionalData)
        } catch {
            throw AttachmentError.authenticationFailed(attachmentID: id)
        }
    }

    /// Throws when the file has bytes after the final chunk.
    func requireNothingFollows() throws {
        if !(try handle.read(upToCount: 1) ?? Data()).isEmpty {
            throw AttachmentError.authenticationFailed(attachmentID: id)
        }
    }
}
