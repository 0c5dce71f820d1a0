import Foundation
import RCMSCore
import RCMSCrypto
import RCMSServer
import RCMSTestSupport
import Testing

@Suite("Attachment downloads stream over HTTP")
struct AttachmentStreamingTests {
    static let base = AttachmentRouteTests.base

    /// Uploads `content` as a PDF of the case's passport and returns the stored attachment's id
    /// and digest.
    static func upload(
        _ server: TestServer, caseID: String, passportID: String, content: [UInt8]
    ) throws -> (id: String, digest: String) {
        let upload = try RawHTTPClient.request(
            port: server.port, "POST", "\(base)/\(caseID)/documents/\(passportID)/attachments?name=scan.pdf",
            headers: [
                "Authorization": "Bearer \(server.users.token("de-pk", "requesting_officer"))",
                "Content-Type": "application/pdf",
            ], body: content)
        #expect(upload.status == 201, "\(upload.text)")
        let stored = try #require(upload.json as? [String: Any])
        return (try #require(stored["id"] as? String), try #require(stored["digest"] as? String))
    }

    /// Flips one byte of the stored file of attachment `id`, `offset` bytes from its start.
    static func flipByte(_ server: TestServer, id: String, at offset: Int) throws {
        let files = FileManager.default.subpaths(atPath: server.dataDirectory) ?? []
        let path = "\(server.dataDirectory)/\(try #require(files.first { $0.hasSuffix(id) }))"
        var raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        raw[offset] ^= 0x01
        try Data(raw).write(to: URL(fileURLWithPath: path))
    }

    /// Returns the offset in a stored file of a byte inside encrypted chunk `index`, counted from 0.
    static func offset(inChunk index: Int) -> Int {
        // Marker, key id and stream header come first; each chunk grows by 17 bytes.
        40 + index * (AttachmentStore.chunkLength + 17) + 1000
    }

    @Test("a file larger than the request body limit comes back byte for byte")
    func largeDownload() throws {
        // HTTP uploads stop at 16 MiB unless the server is given a higher limit, as here.
        var options = HTTPServerOptions()
        options.maxBodyBytes = 20 << 20
        try TestServer.with(.sqlite, options: options) { server in
            let (caseID, passportID) = try AttachmentRouteTests.openCase(server)
            let length = (16 << 20) + 3 * AttachmentStore.chunkLength + 1234
            let content = secureRandomBytes(length)
            let (id, digest) = try Self.upload(server, caseID: caseID, passportID: passportID, content: content)
            #expect(digest == Blake2b.hash(content).hexString)

            let token = server.users.token("de-pk", "requesting_officer")
            let download = try RawHTTPClient.json(
                port: server.port, "GET", "\(Self.base)/\(caseID)/attachments/\(id)", token: token)
            #expect(download.status == 200)
            #expect(download.headers["content-length"] == String(length))
            #expect(download.headers["content-type"] == "application/pdf")
            #expect(download.headers["content-disposition"] == "attachment; filename=\"attachment-\(id)\"")
            #expect(download.body.count == length)
            #expect(download.body == content)
            #expect(Blake2b.hash(download.body).hexString == digest)

            // The whole-file reads give the same bytes, and every read is audited.
            let officer = EngineUser(
                id: server.users.id("de-pk", "requesting_officer"), party: .requesting, roles: ["requesting_officer"])
            let store = try #require(server.environment.attachments)
            let whole = try server.environment.engine.readAttachment(
                tenant: "de-pk", caseID: try #require(Int64(caseID)), attachmentID: try #require(Int64(id)),
                from: store, by: officer)
            #expect(whole.bytes == content)
            #expect(try store.readAll(tenant: "de-pk", id: try #require(Int64(id)), expectedDigest: digest) == content)
            let trail = try RawHTTPClient.json(
                port: server.port, "GET", "\(Self.base)/\(caseID)/audit", token: server.users.token("de-pk", "monitor"))
            #expect(trail.text.components(separatedBy: "attachment.read").count - 1 == 2, "\(trail.text)")
        }
    }

    @Test("a file changed in the middle cuts the download short and is logged")
    func tamperedMidStream() throws {
        try TestServer.with(.sqlite) { server in
            let (caseID, passportID) = try AttachmentRouteTests.openCase(server)
            let length = 5 * AttachmentStore.chunkLength + 99
            let content = secureRandomBytes(length)
            let (id, _) = try Self.upload(server, caseID: caseID, passportID: passportID, content: content)
            try Self.flipByte(server, id: id, at: Self.offset(inChunk: 3))

            let token = server.users.token("de-pk", "requesting_officer")
            let download = try RawHTTPClient.json(
                port: server.port, "GET", "\(Self.base)/\(caseID)/attachments/\(id)", token: token)
            #expect(download.status == 200, "the headers were out before the changed chunk")
            #expect(download.headers["content-length"] == String(length))
            #expect(download.body.count < length, "the client sees a short body")
            #expect(download.body.count <= 3 * AttachmentStore.chunkLength, "nothing of the changed chunk")
            #expect(download.body == Array(content.prefix(download.body.count)))

            let requestID = try #require(download.headers["x-request-id"])
            let failures = server.logs.lines.filter { $0.contains("attachment download cut short") }
            #expect(failures.count == 1)
            let line = try #require(failures.first)
            #expect(line.contains("\"request_id\":\"\(requestID)\""))
            #expect(line.contains("\"attachment\":\"\(id)\""))
            #expect(line.contains("\"code\":\"attachment.authentication_failed\""))
            #expect(line.contains("\"bytes_streamed\":\(3 * AttachmentStore.chunkLength)"))
            #expect(line.contains("\"level\":\"error\""))
            #expect(!line.contains("Qureshi"), "no personal data")
            #expect(!line.contains("scan.pdf"), "no file name")

            // A change in the first chunk is found before the response is made, so the status is 500 as before.
            let (otherID, _) = try Self.upload(server, caseID: caseID, passportID: passportID, content: content)
            try Self.flipByte(server, id: otherID, at: Self.offset(inChunk: 0))
            let early = try RawHTTPClient.json(
                port: server.port, "GET", "\(Self.base)/\(caseID)/attachments/\(otherID)", token: token)
            #expect(early.status == 500)
            #expect(early.errorCode == "attachment.authentication_failed")
        }
    }
}
