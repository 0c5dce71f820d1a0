import Foundation
import RCMSCore
import RCMSServer
import RCMSTestSupport
import Testing

/// Returns whether an executable named `tool` is on the `PATH`.
func isOnPath(_ tool: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
}

@Suite("Travel document routes over HTTP")
struct TravelDocumentRouteTests {
    static let base = "/api/v1/tenants/de-pk/cases"

    /// The scanning test needs poppler's `pdftoppm` and `zbarimg`. In CI they must be there, so
    /// the test runs and fails without them; elsewhere it is skipped with a hint.
    static let scannersPresent = isOnPath("pdftoppm") && isOnPath("zbarimg")
    static let mustScan = scannersPresent || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    @Test(
        "issue, print, scan, verify, cancel",
        .enabled(if: mustScan, "pdftoppm or zbarimg missing; install them with scripts/install-deps.sh test"),
        arguments: TestDatabases.backends)
    func issueScanVerifyCancel(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let germany = server.users.token("de-pk", "requesting_officer")
            let pakistan = server.users.token("de-pk", "requested_officer")
            func call(_ method: String, _ path: String, _ token: String?, _ body: Any? = nil) throws -> RawResponse {
                try RawHTTPClient.json(port: server.port, method, path, token: token, body: body)
            }
            let caseID = try Self.issueDocument(server)
            let path = "\(Self.base)/\(caseID)/travel-documents"

            // Both parties see the document the requested state issued.
            let listed = try call("GET", path, pakistan)
            #expect(listed.status == 200, "\(listed.text)")
            let documents = try #require(listed.json as? [[String: Any]])
            #expect(documents.count == 1)
            let number = try #require(documents.first?["number"] as? String)
            #expect(number.hasPrefix("PK"))
            #expect(documents.first?["status"] as? String == "valid")
            #expect(documents.first?["signed"] as? Bool == true)
            #expect(try call("GET", path, germany).text.contains(number))

            // The key that signed it is published, without a token.
            let keyID = try #require(documents.first?["key_id"] as? String)
            let keys = try call("GET", "/api/v1/tenants/de-pk/travel-documents/keys", nil)
            #expect(keys.status == 200)
            let published = (keys.json as? [[String: Any]]) ?? []
            #expect(published.map { $0["key_id"] as? String } == [keyID])
            #expect(published.first?["party"] as? String == "requested")

            // The PDF downloads and its QR code carries the payload.
            let pdf = try call("GET", "\(path)/\(number)/pdf", pakistan)
            #expect(pdf.status == 200, "\(pdf.text.prefix(300))")
            #expect(pdf.headers["content-type"] == "application/pdf")
            #expect(pdf.body.starts(with: Array("%PDF".utf8)))
            let scanned = try Self.scanQRCode(pdf.body)
            #expect(scanned == documents.first?["payload"] as? String)

            // A PNG photo attached to the case is printed on the document.
            let detail = try call("GET", "\(Self.base)/\(caseID)", germany)
            let caseDocuments = (detail.json as? [String: Any])?["documents"] as? [[String: Any]] ?? []
            let passport = try #require(caseDocuments.first { $0["type"] as? String == "passport" }?["id"] as? String)
            let pixel = try #require(
                Data(
                    base64Encoded:
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
                ))
            let upload = try RawHTTPClient.request(
                port: server.port, "POST", "\(Self.base)/\(caseID)/documents/\(passport)/attachments?name=photo.png",
                headers: ["Authorization": "Bearer \(germany)", "Content-Type": "image/png"], body: [UInt8](pixel))
            #expect(upload.status == 201, "\(upload.text)")
            let photoID = try #require((upload.json as? [String: Any])?["id"] as? String)
            let withPhoto = try call("GET", "\(path)/\(number)/pdf", pakistan)
            #expect(withPhoto.status == 200)
            let trail = try call("GET", "\(Self.base)/\(caseID)/audit", server.users.token("de-pk", "monitor"))
            let reads = ((trail.json as? [[String: Any]]) ?? []).filter {
                $0["action"] as? String == "attachment.read"
                    && (($0["objects"] as? [String]) ?? []).contains("attachment:\(photoID)")
            }
            #expect(reads.count == 1, "printing read the photo once, audited")

            let verified = try call("POST", "/api/v1/documents/verify", nil, ["payload": scanned])
            #expect(verified.status == 200, "\(verified.text)")
            let answer = try #require(verified.json as? [String: Any])
            #expect(answer["status"] as? String == "valid")
            let fields = try #require(answer["fields"] as? [String: Any])
            #expect(fields["number"] as? String == number)
            #expect(fields["surname"] as? String == "Khan")
            #expect(fields["given_names"] as? String == "Muhammad")
            #expect(fields["date_of_birth"] as? String == "1993-07-14")
            #expect(fields["issuing_state"] as? String == "PAK")
            #expect(fields["key_id"] as? String == keyID)

            // Another surname in the signed part: the signature no longer holds.
            let parts = scanned.split(separator: ".").map(String.init)
            let body = try #require(Self.base64URLDecode(parts[1]))
            let changed = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "Khan", with: "Kahn")
            let tampered = "\(parts[0]).\(Self.base64URLEncode(Array(changed.utf8))).\(parts[2])"
            let rejected = try call("POST", "/api/v1/documents/verify", nil, ["payload": tampered])
            #expect(rejected.status == 200)
            #expect((rejected.json as? [String: Any])?["status"] as? String == "invalid_signature")
            #expect((rejected.json as? [String: Any])?["fields"] == nil)
            let malformed = try call("POST", "/api/v1/documents/verify", nil, ["payload": "RTD1.nonsense"])
            #expect(malformed.status == 400)
            #expect(malformed.errorCode == "malformed_payload")

            // Only the issuing party may cancel, and the verifier then reports the cancellation.
            let wrongParty = try call("POST", "\(path)/\(number)/cancel", germany, ["reason": "wrong person"])
            #expect(wrongParty.status == 422)
            #expect(try call("POST", "\(path)/UNKNOWN1/cancel", pakistan, ["reason": "x"]).status == 404)
            let cancelled = try call("POST", "\(path)/\(number)/cancel", pakistan, ["reason": "issued in error"])
            #expect(cancelled.status == 200, "\(cancelled.text)")
            #expect((cancelled.json as? [String: Any])?["status"] as? String == "cancelled")
            let after = try call("POST", "/api/v1/documents/verify", nil, ["payload": scanned])
            #expect((after.json as? [String: Any])?["status"] as? String == "cancelled")
            #expect(!after.text.contains("issued in error"), "the open answer carries no reason")

            // The log carries outcomes, never the payload or the names in it.
            let log = server.logs.lines.joined(separator: "\n")
            #expect(log.contains("travel document verified"))
            #expect(!log.contains(parts[1]))
            #expect(!log.contains("Khan"))
        }
    }

    @Test("open keys per tenant; unknown tenant 404", arguments: TestDatabases.backends)
    func publishedKeys(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let austria = try RawHTTPClient.json(
                port: server.port, "GET", "/api/v1/tenants/at-rs/travel-documents/keys")
            #expect(austria.status == 200)
            #expect((austria.json as? [Any])?.isEmpty == true, "at-rs issues no travel documents")
            let unknown = try RawHTTPClient.json(
                port: server.port, "GET", "/api/v1/tenants/xx-yy/travel-documents/keys")
            #expect(unknown.status == 404)
            #expect(
                !(try RawHTTPClient.json(port: server.port, "GET", "/api/v1/tenants/de-pk/travel-documents/keys")
                    .text.contains("secret")))
        }
    }

    // MARK: Helpers

    /// Drives a de-pk case over HTTP until Pakistan issues its travel document; returns the case id.
    static func issueDocument(_ server: TestServer) throws -> String {
        let germany = server.users.token("de-pk", "requesting_officer")
        let pakistan = server.users.token("de-pk", "requested_officer")
        func call(_ method: String, _ path: String, _ token: String, _ body: Any? = nil) throws -> RawResponse {
            try RawHTTPClient.json(port: server.port, method, path, token: token, body: body)
        }
        let opened = try call(
            "POST", base, germany,
            [
                "person": [
                    "surname": "خان", "given_names": "محمد", "transliterated_surname": "Khan",
                    "transliterated_given_names": "Muhammad", "date_of_birth": "1993-07-14",
                    "nationality_claimed": "PK",
                ],
                "documents": [
                    [
                        "type": "application_form",
                        "fields": ["internal_file_reference": "BAMF-0042", "application_date": "2026-03-02"],
                    ],
                    ["type": "passport", "fields": ["number": "AB1234567", "kind": "national"]],
                ],
            ])
        #expect(opened.status == 201, "\(opened.text)")
        let caseID = try #require(((opened.json as? [String: Any])?["case"] as? [String: Any])?["id"] as? String)
        let path = "\(base)/\(caseID)"
        func transition(_ id: String, _ token: String) throws {
            let shown = try call("GET", path, germany)
            let version = ((shown.json as? [String: Any])?["case"] as? [String: Any])?["version"] as? Int ?? -1
            let done = try call("POST", "\(path)/transitions", token, ["transition": id, "expected_version": version])
            #expect(done.status == 200, "\(id): \(done.text)")
        }
        let attested = try call(
            "POST", "\(path)/attestations", germany,
            ["safeguard": "no_valid_residence_permit", "evidence_reference": "register extract"])
        #expect(attested.status == 201)
        try transition("submit", germany)
        try transition("accept", pakistan)
        let added = try call(
            "POST", "\(path)/documents", pakistan,
            [
                "type": "travel_document",
                "fields": ["number": "ETD-77812", "issue_date": "2026-04-01", "expiry_date": "2026-10-01"],
            ])
        #expect(added.status == 201)
        try transition("issue_travel_document", pakistan)
        return caseID
    }

    /// Draws the PDF's page as PNG with `pdftoppm` and returns what `zbarimg` reads on it.
    static func scanQRCode(_ pdf: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-td-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = folder.appendingPathComponent("page").path
        try Data(pdf).write(to: URL(fileURLWithPath: "\(base).pdf"))
        try run("pdftoppm", ["-png", "-r", "110", "-singlefile", "\(base).pdf", base])
        return try run("zbarimg", ["--raw", "-q", "\(base).png"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a tool of the system and returns what it printed; a failure fails the test.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) failed; install it with scripts/install-deps.sh test")
        return String(decoding: data, as: UTF8.self)
    }

    /// Base64url without padding, written with Foundation so the test does not reuse the
    /// encoder it checks.
    static func base64URLEncode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func base64URLDecode(_ text: String) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
