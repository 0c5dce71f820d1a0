import Foundation
import RCMSCore
import RCMSServer
import RCMSTestSupport
import Testing

@Suite("Attachments, subject export and background jobs over HTTP")
struct AttachmentRouteTests {
    static let base = "/api/v1/tenants/de-pk/cases"

    /// Opens a de-pk case with a passport and returns the case and passport document ids.
    static func openCase(_ server: TestServer) throws -> (caseID: String, passportID: String) {
        let token = server.users.token("de-pk", "requesting_officer")
        let opened = try RawHTTPClient.json(
            port: server.port, "POST", base, token: token,
            body: [
                "person": ["surname": "Qureshi", "given_names": "Imran", "date_of_birth": "1988"],
                "documents": [
                    [
                        "type": "application_form",
                        "fields": ["internal_file_reference": "BAMF-7", "application_date": "2026-03-02"],
                    ],
                    ["type": "passport", "fields": ["number": "PK998877"]],
                ],
            ])
        let caseID = try #require(((opened.json as? [String: Any])?["case"] as? [String: Any])?["id"] as? String)
        let detail = try RawHTTPClient.json(port: server.port, "GET", "\(base)/\(caseID)", token: token)
        let documents = try #require((detail.json as? [String: Any])?["documents"] as? [[String: Any]])
        let passport = try #require(documents.first { $0["type"] as? String == "passport" }?["id"] as? String)
        return (caseID, passport)
    }

    @Test("upload, download, tamper and unsafe names", arguments: TestDatabases.backends)
    func attachments(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let token = server.users.token("de-pk", "requesting_officer")
            let (caseID, passportID) = try Self.openCase(server)
            let content = Array("%PDF-1.4 scan of the passport data page".utf8)
            let upload = try RawHTTPClient.request(
                port: server.port, "POST",
                "\(Self.base)/\(caseID)/documents/\(passportID)/attachments?name=..%2F..%2Fetc%2Fpasswd",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/pdf"], body: content)
            #expect(upload.status == 201, "\(upload.text)")
            let stored = try #require(upload.json as? [String: Any])
            let id = try #require(stored["id"] as? String)
            #expect((stored["name"] as? String)?.contains("/") == false)

            // Only server-generated ids name files, all inside the data directory.
            let files = FileManager.default.subpaths(atPath: server.dataDirectory) ?? []
            #expect(files.contains { $0.hasSuffix(id) })
            #expect(!files.contains { $0.contains("passwd") })
            let onDisk = try #require(files.first { $0.hasSuffix(id) })
            let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(server.dataDirectory)/\(onDisk)")))
            #expect(!String(decoding: raw, as: UTF8.self).contains("passport data page"), "encrypted at rest")

            let detail = try RawHTTPClient.json(port: server.port, "GET", "\(Self.base)/\(caseID)", token: token)
            #expect(detail.text.contains("\"attachments\":[{"), "documents list their attachments")
            #expect(detail.text.contains(id))

            let download = try RawHTTPClient.json(
                port: server.port, "GET", "\(Self.base)/\(caseID)/attachments/\(id)", token: token)
            #expect(download.status == 200)
            #expect(download.body == content)

            var tampered = raw
            tampered[tampered.count - 5] ^= 0x01
            try Data(tampered).write(to: URL(fileURLWithPath: "\(server.dataDirectory)/\(onDisk)"))
            let broken = try RawHTTPClient.json(
                port: server.port, "GET", "\(Self.base)/\(caseID)/attachments/\(id)", token: token)
            #expect(broken.status == 500)
            #expect(broken.errorCode?.hasPrefix("attachment.") == true)
        }
    }

    @Test("subject export is complete and audited", arguments: TestDatabases.backends)
    func export(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let token = server.users.token("de-pk", "requesting_officer")
            let (caseID, passportID) = try Self.openCase(server)
            _ = try RawHTTPClient.request(
                port: server.port, "POST", "\(Self.base)/\(caseID)/documents/\(passportID)/attachments?name=scan.png",
                headers: ["Authorization": "Bearer \(token)", "Content-Type": "image/png"], body: [1, 2, 3, 4])
            let export = try RawHTTPClient.json(
                port: server.port, "POST", "\(Self.base)/\(caseID)/export", token: token)
            #expect(export.status == 200, "\(export.text)")
            #expect(export.text.contains("Qureshi"))
            let object = try #require(export.json as? [String: Any])
            #expect((object["attachments"] as? [String: Any])?.count == 1)
            let trail = try RawHTTPClient.json(
                port: server.port, "GET", "\(Self.base)/\(caseID)/audit",
                token: server.users.token("de-pk", "monitor"))
            #expect(trail.text.contains("subject.export"))
        }
    }

    @Test("the deadline sweep job runs deemed acceptance and sets gauges", arguments: TestDatabases.backends)
    func sweepJob(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let token = server.users.token("de-pk", "requesting_officer")
            let (caseID, _) = try Self.openCase(server)
            _ = try RawHTTPClient.json(
                port: server.port, "POST", "\(Self.base)/\(caseID)/attestations", token: token,
                body: ["safeguard": "no_valid_residence_permit", "evidence_reference": "AZR"])
            let submitted = try RawHTTPClient.json(
                port: server.port, "POST", "\(Self.base)/\(caseID)/transitions", token: token,
                body: ["transition": "submit", "expected_version": 1])
            #expect(submitted.status == 200, "\(submitted.text)")

            let jobs = BackgroundJobs(environment: server.environment, intervals: .init(sweep: 3600, retention: 0))
            jobs.sweepAll(at: Instant.now().adding(seconds: 86_400 * 90))
            let shown = try RawHTTPClient.json(port: server.port, "GET", "\(Self.base)/\(caseID)", token: token)
            let state = ((shown.json as? [String: Any])?["case"] as? [String: Any])?["state"] as? String
            #expect(state == "accepted", "silence past the reply limit is deemed acceptance")

            let metrics = try RawHTTPClient.json(port: server.port, "GET", "/metrics")
            #expect(metrics.text.contains("rcms_open_cases{tenant=\"de-pk\"} 1"))
            #expect(server.logs.lines.contains { $0.contains("\"job\":\"deadline_sweep\"") })
        }
    }
}
