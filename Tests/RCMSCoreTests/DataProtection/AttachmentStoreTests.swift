import Foundation
import RCMSCore
import RCMSTestSupport
import Testing

@Suite("Encrypted attachment store")
struct AttachmentStoreTests {
    let tenant = "de-pk"

    func withStore(_ body: (AttachmentStore, String) throws -> Void) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-att-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try body(AttachmentStore(dataDirectory: root, keyring: AttachmentKeyring(current: .generate())), root)
    }

    @Test(
        "bytes come back as stored, across chunk boundaries",
        arguments: [0, 1, AttachmentStore.chunkLength, AttachmentStore.chunkLength + 1, 200_000])
    func roundTrip(length: Int) throws {
        try withStore { store, _ in
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let stored = try store.write(tenant: tenant, id: 42, bytes: bytes)
            #expect(stored.size == Int64(length))
            #expect(try store.readAll(tenant: tenant, id: 42, expectedDigest: stored.digest) == bytes)
            // Nothing of the plaintext's structure shows: the file is larger and starts with the marker.
            let file = try #require(FileManager.default.contents(atPath: try store.files.path(tenant: tenant, id: 42)))
            #expect(file.count > length)
            #expect(Array(file.prefix(8)) == Array("RCMSAT01".utf8))
        }
    }

    @Test("a stream hands out the last chunk only once the end checks pass")
    func streamHoldsBackLastChunk() throws {
        try withStore { store, _ in
            let bytes = (0..<(2 * AttachmentStore.chunkLength + 10)).map { UInt8(truncatingIfNeeded: $0 &* 13) }
            let stored = try store.write(tenant: tenant, id: 8, bytes: bytes)

            let good = try store.openStream(
                tenant: tenant, id: 8, expectedDigest: stored.digest, expectedSize: stored.size)
            var received: [UInt8] = []
            while let chunk = try good.next() { received += chunk }
            #expect(received == bytes)
            #expect(good.result == stored)
            #expect(try good.next() == nil)

            // A wrong digest or length throws in place of the last chunk, and keeps throwing.
            for (digest, size) in [(String(repeating: "0", count: 64), stored.size), (stored.digest, stored.size - 1)] {
                let stream = try store.openStream(tenant: tenant, id: 8, expectedDigest: digest, expectedSize: size)
                #expect(try stream.next()?.count == AttachmentStore.chunkLength)
                #expect(try stream.next()?.count == AttachmentStore.chunkLength)
                #expect(throws: AttachmentError.digestMismatch(attachmentID: 8)) { _ = try stream.next() }
                #expect(throws: AttachmentError.digestMismatch(attachmentID: 8)) { _ = try stream.next() }
                #expect(stream.result == nil)
            }
        }
    }

    @Test("a wrong key is a clear error, not garbage")
    func wrongKey() throws {
        try withStore { store, root in
            try store.write(tenant: tenant, id: 7, bytes: Array("passport scan".utf8))
            let other = AttachmentStore(dataDirectory: root, keyring: AttachmentKeyring(current: .generate()))
            #expect {
                _ = try other.readAll(tenant: tenant, id: 7)
            } throws: { error in
                guard case AttachmentError.unknownKey(7, let fileKeyID, _) = error else { return false }
                return fileKeyID == store.keyring.current.id
            }
            #expect(throws: AttachmentError.self) { try other.checkKeys(tenant: tenant) }
            #expect(throws: Never.self) { try store.checkKeys(tenant: tenant) }
        }
    }

    @Test("keys parse from base64 and refuse anything else")
    func keyParsing() throws {
        let key = AttachmentKey.generate()
        #expect(try AttachmentKey(base64: key.base64 + "\n") == key)
        #expect(throws: AttachmentError.missingKey) { try AttachmentKey(base64: "  ") }
        #expect(throws: AttachmentError.self) { try AttachmentKey(base64: "not base64 at all!") }
        #expect(throws: AttachmentError.self) { try AttachmentKey(base64: Data(count: 16).base64EncodedString()) }
        #expect(!key.description.contains(key.base64))
    }

    @Test("a flipped byte fails authentication", arguments: [60, 5_000, 70_000])
    func tamperedFile(offset: Int) throws {
        try withStore { store, _ in
            try store.write(tenant: tenant, id: 9, bytes: Array(repeating: 0x41, count: 100_000))
            let path = try store.files.path(tenant: tenant, id: 9)
            var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            bytes[offset] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: AttachmentError.authenticationFailed(attachmentID: 9)) {
                _ = try store.readAll(tenant: tenant, id: 9)
            }
        }
    }

    @Test("a cut file or a file moved to another id does not decrypt")
    func truncatedOrMoved() throws {
        try withStore { store, _ in
            try store.write(tenant: tenant, id: 10, bytes: Array(repeating: 0x42, count: 100_000))
            try store.write(tenant: tenant, id: 11, bytes: Array(repeating: 0x43, count: 10))
            let path = try store.files.path(tenant: tenant, id: 10)
            let bytes = try #require(FileManager.default.contents(atPath: path))
            try bytes.prefix(40 + AttachmentStore.chunkLength + 17).write(to: URL(fileURLWithPath: path))
            #expect(throws: AttachmentError.truncated(attachmentID: 10)) {
                _ = try store.readAll(tenant: tenant, id: 10)
            }

            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: try store.files.path(tenant: tenant, id: 11), toPath: path)
            #expect(throws: AttachmentError.authenticationFailed(attachmentID: 10)) {
                _ = try store.readAll(tenant: tenant, id: 10)
            }
        }
    }

    @Test("rotation re-encrypts under the new key and can run again")
    func rotation() throws {
        try withStore { store, root in
            let bytes = Array("fingerprints".utf8)
            try store.write(tenant: tenant, id: 5, bytes: bytes)
            let newKey = AttachmentKey.generate()
            let rotating = AttachmentStore(
                dataDirectory: root, keyring: AttachmentKeyring(current: newKey, previous: [store.keyring.current]))
            #expect(try rotating.reencrypt(tenant: tenant, id: 5, to: newKey))
            #expect(try !rotating.reencrypt(tenant: tenant, id: 5, to: newKey))
            let after = AttachmentStore(dataDirectory: root, keyring: AttachmentKeyring(current: newKey))
            #expect(try after.readAll(tenant: tenant, id: 5) == bytes)
            #expect(throws: AttachmentError.self) { _ = try store.readAll(tenant: tenant, id: 5) }
        }
    }

    @Test(
        "client file names are cleaned",
        arguments: [
            ("../../etc/passwd", "etc_passwd"), ("C:\\Users\\a\\scan.pdf", "C__Users_a_scan.pdf"),
            ("photo\u{202E}gpj.exe", "photogpj.exe"), ("..", "attachment"), (" .hidden ", "hidden"),
            ("line\nbreak.txt", "linebreak.txt"),
        ])
    func sanitizedNames(input: String, expected: String) {
        let name = AttachmentName.sanitized(input)
        #expect(name == expected)
        #expect(!name.contains("/") && !name.contains("..") && !name.contains("\\"))
    }

    @Test("long names are cut at a character boundary")
    func longNames() {
        let name = AttachmentName.sanitized(String(repeating: "ب", count: 200) + ".jpg")
        #expect(name.utf8.count <= AttachmentName.maxBytes)
        #expect(name.allSatisfy { $0 == "ب" })
    }

    @Test(
        "a traversal name through the engine stores nothing outside the data folder", arguments: TestDatabases.backends)
    func traversalThroughEngine(backend: TestBackend) throws {
        try TestDatabases.with(backend) { storage in
            let fixture = try DataProtectionFixture(storage: storage)
            defer { fixture.removeFiles() }
            let (caseID, passportID) = try fixture.openCase(surname: "Traversa")
            let record = try fixture.engine.addAttachment(
                tenant: fixture.tenant, caseID: caseID, documentID: passportID, originalName: "../../etc/passwd",
                mediaType: "text/plain", biometric: false, bytes: Array("root:x:0:0".utf8), in: fixture.store,
                by: fixture.requesting)
            #expect(record.originalName == "etc_passwd")
            #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root) == ["data"])
            let everything = try FileManager.default.subpathsOfDirectory(atPath: "\(fixture.root)/data")
            #expect(Set(everything) == ["attachments", "attachments/de-pk", "attachments/de-pk/\(record.id)"])

            let read = try fixture.engine.readAttachment(
                tenant: fixture.tenant, caseID: caseID, attachmentID: record.id, from: fixture.store,
                by: fixture.requesting)
            #expect(read.bytes == Array("root:x:0:0".utf8))
            let last = try storage.read(tenant: fixture.tenant) { try $0.lastAuditEntry() }
            #expect(last?.action == DataProtectionAuditAction.attachmentRead.rawValue)
            #expect(last?.digests == [record.digest])
            let objectIDs = last?.objectIDs ?? []
            #expect(objectIDs.allSatisfy { !$0.contains("passwd") })
        }
    }
}
