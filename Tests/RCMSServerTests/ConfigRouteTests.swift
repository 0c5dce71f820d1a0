import Foundation
import RCMSConfig
import RCMSServer
import RCMSTestSupport
import Testing

@Suite("Configuration routes")
struct ConfigRouteTests {
    /// The bundled de-pk files as the `files` map of a request.
    static var bundledFiles: [String: String] {
        let bundle =
            (try? TenantLoader.readBundle(directory: repositoryRoot.appendingPathComponent("Tenants/de-pk").path))
        return Dictionary((bundle?.files ?? []).map { ($0.path, $0.text) }) { first, _ in first }
    }

    @Test("validate returns positioned diagnostics for a broken bundle", arguments: TestDatabases.backends)
    func validateBroken(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            var files = Self.bundledFiles
            files["workflow.yaml"] = (files["workflow.yaml"] ?? "") + "\nunknown_section: [\n"
            let response = try RawHTTPClient.json(
                port: server.port, "POST", "/api/v1/tenants/de-pk/config/validate",
                token: server.users.token("de-pk", "requesting_admin"), body: ["files": files])
            #expect(response.status == 200)
            let report = try #require(response.json as? [String: Any])
            #expect(report["valid"] as? Bool == false)
            let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
            let error = try #require(diagnostics.first { $0["severity"] as? String == "error" })
            #expect(error["file"] as? String == "de-pk/workflow.yaml")
            #expect((error["line"] as? Int ?? 0) > 1)
            #expect((error["column"] as? Int ?? 0) >= 1)
        }
    }

    @Test("publish refuses a bundle with errors and publishes a good one", arguments: TestDatabases.backends)
    func publish(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let admin = server.users.token("de-pk", "requesting_admin")
            let path = "/api/v1/tenants/de-pk/config/publish"
            var broken = Self.bundledFiles
            broken["tenant.yaml"] = (broken["tenant.yaml"] ?? "").replacingOccurrences(
                of: "id: de-pk", with: "id: xx-pk")
            let before = try server.snapshot("de-pk")
            let refused = try RawHTTPClient.json(port: server.port, "POST", path, token: admin, body: ["files": broken])
            #expect(refused.status == 422)
            #expect(refused.errorCode == "config.invalid")
            let details =
                (((refused.json as? [String: Any])?["error"] as? [String: Any])?["details"] as? [[String: Any]]) ?? []
            let positioned = details.first { $0["file"] as? String == "de-pk/tenant.yaml" }
            #expect(positioned != nil)
            #expect(positioned?["line"] as? Int != nil)
            #expect(try server.snapshot("de-pk").versions == before.versions)

            // A good bundle that differs from the active one: a comment changes the hash, not the meaning.
            var changed = Self.bundledFiles
            changed["tenant.yaml"] = "# reviewed\n" + (changed["tenant.yaml"] ?? "")
            let published = try RawHTTPClient.json(
                port: server.port, "POST", path, token: admin, body: ["files": changed])
            #expect(published.status == 200)
            let version = try #require(published.json as? [String: Any])
            let newHash = try #require(version["hash"] as? String)
            #expect(version["published_by"] as? String == "user:\(server.users.id("de-pk", "requesting_admin"))")

            let versions = try RawHTTPClient.json(
                port: server.port, "GET", "/api/v1/tenants/de-pk/config/versions", token: admin)
            let list = (versions.json as? [[String: Any]]) ?? []
            #expect(list.count == 2)
            #expect(list.last?["hash"] as? String == newHash)
            let oldHash = try #require(list.first?["hash"] as? String)

            let active = try RawHTTPClient.json(port: server.port, "GET", "/api/v1/tenants/de-pk/config", token: admin)
            #expect((active.json as? [String: Any])?["hash"] as? String == newHash)
            #expect(
                ((active.json as? [String: Any])?["files"] as? [String: String])?["tenant.yaml"]?.hasPrefix(
                    "# reviewed") == true)

            let diff = try RawHTTPClient.json(
                port: server.port, "GET", "/api/v1/tenants/de-pk/config/diff?from=\(oldHash)", token: admin)
            #expect(diff.status == 200)
            #expect(((diff.json as? [String: Any])?["changes"] as? [Any])?.isEmpty == true)

            var renamed = Self.bundledFiles
            renamed["tenant.yaml"] = (renamed["tenant.yaml"] ?? "").replacingOccurrences(
                of: "Case officer – Germany", with: "Caseworker – Germany")
            let bundleDiff = try RawHTTPClient.json(
                port: server.port, "POST", "/api/v1/tenants/de-pk/config/diff", token: admin, body: ["files": renamed])
            #expect(bundleDiff.status == 200)
            #expect((((bundleDiff.json as? [String: Any])?["changes"] as? [Any]) ?? []).count >= 1)

            let unknown = try RawHTTPClient.json(
                port: server.port, "GET", "/api/v1/tenants/de-pk/config/diff?from=\(String(repeating: "0", count: 64))",
                token: admin)
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "config.unknown_version")
        }
    }

    @Test("a body that is not JSON is 400 naming the problem", arguments: TestDatabases.backends)
    func badJSON(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let response = try RawHTTPClient.request(
                port: server.port, "POST", "/api/v1/tenants/de-pk/config/validate",
                headers: [
                    "Authorization": "Bearer \(server.users.token("de-pk", "requesting_admin"))",
                    "Content-Type": "application/json",
                ], body: Array(#"{"files": 3}"#.utf8))
            #expect(response.status == 400)
            #expect(response.errorCode == "request.invalid_json")
            #expect(response.text.contains("files"))
        }
    }
}
