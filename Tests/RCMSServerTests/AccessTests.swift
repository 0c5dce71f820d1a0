import Foundation
import RCMSCore
import RCMSServer
import RCMSTestSupport
import Testing

@Suite("Sign-in, tenant and party scoping")
struct AccessTests {
    @Test("login with the right password gives a working token; a wrong one is 401", arguments: TestDatabases.backends)
    func login(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let path = "/api/v1/tenants/de-pk/sessions"
            let wrong = try RawHTTPClient.json(
                port: server.port, "POST", path, body: ["login": "requesting_admin-de-pk", "password": "not it at all"])
            #expect(wrong.status == 401)
            #expect(wrong.errorCode == "auth.invalid_credentials")
            let unknown = try RawHTTPClient.json(
                port: server.port, "POST", path, body: ["login": "nobody", "password": TestUsers.password])
            #expect(unknown.status == 401)
            #expect(unknown.text == wrong.text)

            let right = try RawHTTPClient.json(
                port: server.port, "POST", path,
                body: ["login": "requesting_admin-de-pk", "password": TestUsers.password])
            #expect(right.status == 201)
            let session = try #require(right.json as? [String: Any])
            let token = try #require(session["token"] as? String)
            #expect(token.hasPrefix("de-pk."))
            #expect(session["expires_at"] as? String != nil)

            let tenants = try RawHTTPClient.json(port: server.port, "GET", "/api/v1/tenants", token: token)
            #expect(tenants.status == 200)
            #expect((tenants.json as? [String: Any])?["tenants"] as? [String] == ["de-pk"])

            // Only the hash is stored.
            let stored = try server.storage.read(tenant: "de-pk") { try $0.fetchToken(hash: SessionTokens.hash(token)) }
            #expect(stored != nil)

            let logout = try RawHTTPClient.json(port: server.port, "DELETE", "\(path)/current", token: token)
            #expect(logout.status == 204)
            let after = try RawHTTPClient.json(port: server.port, "GET", "/api/v1/tenants", token: token)
            #expect(after.status == 401)

            // Neither password nor token reaches the log.
            let log = server.logs.lines.joined(separator: "\n")
            #expect(!log.contains(TestUsers.password))
            #expect(!log.contains(token))
            #expect(!log.contains("requesting_admin-de-pk"))
        }
    }

    /// Every tenant route, called with a valid token of the other tenant.
    static var tenantRoutes: [(method: String, path: String, body: Any?)] {
        [
            ("DELETE", "/api/v1/tenants/de-pk/sessions/current", nil),
            ("GET", "/api/v1/tenants/de-pk/users", nil),
            (
                "POST", "/api/v1/tenants/de-pk/users",
                [
                    "login": "new-user", "password": "a long enough password", "party": "requesting",
                    "roles": ["requesting_officer"],
                ]
            ),
            ("GET", "/api/v1/tenants/de-pk/users/1", nil),
            ("GET", "/api/v1/tenants/de-pk/config", nil),
            ("POST", "/api/v1/tenants/de-pk/config/validate", ["files": ["tenant.yaml": "x: 1"]]),
            ("POST", "/api/v1/tenants/de-pk/config/publish", ["files": ["tenant.yaml": "x: 1"]]),
            ("GET", "/api/v1/tenants/de-pk/config/versions", nil),
            ("GET", "/api/v1/tenants/de-pk/config/diff?from=00", nil),
            ("POST", "/api/v1/tenants/de-pk/config/diff", ["files": ["tenant.yaml": "x: 1"]]),
            ("POST", "/api/v1/tenants/de-pk/cases", ["person": ["surname": "X", "given_names": "Y"]]),
            ("GET", "/api/v1/tenants/de-pk/cases", nil),
            ("GET", "/api/v1/tenants/de-pk/cases/1", nil),
            ("POST", "/api/v1/tenants/de-pk/cases/1/transitions", ["transition": "submit", "expected_version": 1]),
            ("POST", "/api/v1/tenants/de-pk/cases/1/documents", ["type": "passport", "fields": ["number": "X"]]),
            ("POST", "/api/v1/tenants/de-pk/cases/1/messages", ["body": "x"]),
            (
                "POST", "/api/v1/tenants/de-pk/cases/1/interviews",
                ["scheduled_at": "2026-05-04T09:30:00Z", "place": "x", "interpreter_language": "ur"]
            ),
            ("POST", "/api/v1/tenants/de-pk/cases/1/attestations", ["safeguard": "x", "evidence_reference": "y"]),
            ("POST", "/api/v1/tenants/de-pk/cases/1/holds", ["reason": "x"]),
            ("POST", "/api/v1/tenants/de-pk/cases/1/holds/1/lift", ["reason": "x"]),
            ("GET", "/api/v1/tenants/de-pk/cases/1/audit", nil),
            ("POST", "/api/v1/tenants/de-pk/cases/1/deadlines/1/extend", ["amount": 2, "reason": "x"]),
            ("POST", "/api/v1/tenants/de-pk/cases/1/documents/1/attachments?name=x", ["x": 1]),
            ("GET", "/api/v1/tenants/de-pk/cases/1/attachments/1", nil),
            ("POST", "/api/v1/tenants/de-pk/cases/1/export", nil),
            ("GET", "/api/v1/tenants/de-pk/cases/1/travel-documents", nil),
            ("GET", "/api/v1/tenants/de-pk/cases/1/travel-documents/PK1/pdf", nil),
            ("POST", "/api/v1/tenants/de-pk/cases/1/travel-documents/PK1/cancel", ["reason": "x"]),
            ("GET", "/api/v1/tenants/de-pk/profile", nil),
            ("GET", "/api/v1/tenants/de-pk/worklist", nil),
            ("GET", "/api/v1/tenants/de-pk/config/open-cases", nil),
        ]
    }

    @Test(
        "a token of another tenant gets 404 on every tenant route, audited, nothing else written",
        arguments: TestDatabases.backends)
    func otherTenant(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            // A test route must not be missed: the table above covers every tenant route.
            let covered = Set(Self.tenantRoutes.map { "\($0.method) \($0.path.split(separator: "?")[0])" })
            let tenantRoutes = RouteTable.all.filter { $0.path.contains("{tenant}") && $0.access != .open }
            #expect(tenantRoutes.count == covered.count)

            let foreign = server.users.token("at-rs", "requesting_admin")
            for call in Self.tenantRoutes {
                let before = try server.snapshot("de-pk")
                let response = try RawHTTPClient.json(
                    port: server.port, call.method, call.path, token: foreign, body: call.body)
                #expect(response.status == 404, "\(call.method) \(call.path)")
                #expect(response.errorCode == "not_found")
                let after = try server.snapshot("de-pk")
                #expect(after.users == before.users)
                #expect(after.versions == before.versions)
                let added = after.audit.dropFirst(before.audit.count)
                #expect(added.count == 1)
                #expect(added.first?.action == "access.refused")
                #expect(added.first?.actor == "user:\(server.users.id("at-rs", "requesting_admin"))@at-rs")
            }
            // The foreign token still works in its own tenant: the refusals ended nothing.
            let own = try RawHTTPClient.json(port: server.port, "GET", "/api/v1/tenants/at-rs/users", token: foreign)
            #expect(own.status == 200)
        }
    }

    @Test("the wrong party or a missing permission gets 404 and an audit entry", arguments: TestDatabases.backends)
    func wrongParty(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let requestedAdmin = server.users.token("de-pk", "requested_admin")
            let officer = server.users.token("de-pk", "requesting_officer")
            let requestingAdminID = server.users.id("de-pk", "requesting_admin")
            let cases: [(token: String, method: String, path: String, body: Any?, reason: String)] = [
                // A user of the requesting party, read by the requested party's administrator.
                (requestedAdmin, "GET", "/api/v1/tenants/de-pk/users/\(requestingAdminID)", nil, "other_party"),
                // A user created for the other party.
                (
                    requestedAdmin, "POST", "/api/v1/tenants/de-pk/users",
                    [
                        "login": "sneaky", "password": "a long enough password", "party": "requesting",
                        "roles": ["requesting_officer"],
                    ], "other_party"
                ),
                // Publishing is for the requesting administrator only in this tenant.
                (requestedAdmin, "POST", "/api/v1/tenants/de-pk/config/publish", ["files": [:]], "missing_permission"),
                (officer, "GET", "/api/v1/tenants/de-pk/users", nil, "missing_permission"),
            ]
            for call in cases {
                let before = try server.snapshot("de-pk")
                let response = try RawHTTPClient.json(
                    port: server.port, call.method, call.path, token: call.token, body: call.body)
                #expect(response.status == 404, "\(call.method) \(call.path)")
                let after = try server.snapshot("de-pk")
                #expect(after.users == before.users)
                #expect(after.versions == before.versions)
                let added = after.audit.dropFirst(before.audit.count)
                #expect(added.map(\.action) == ["access.refused"])
                #expect(added.first?.objectIDs.contains("reason:\(call.reason)") == true)
            }

            // The requested party's administrator lists the requested party's users only.
            let listed = try RawHTTPClient.json(
                port: server.port, "GET", "/api/v1/tenants/de-pk/users", token: requestedAdmin)
            let parties = Set(((listed.json as? [[String: Any]]) ?? []).compactMap { $0["party"] as? String })
            #expect(parties == ["requested"])
        }
    }

    @Test("no token, a malformed token and an expired token are 401", arguments: TestDatabases.backends)
    func unauthenticated(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let userID = server.users.id("de-pk", "requesting_admin")
            let expired = try server.storage.write(tenant: "de-pk") { transaction in
                try SessionTokens.issue(
                    userID: userID, lifetimeSeconds: 60, now: Instant.now().adding(seconds: -3600), in: transaction
                ).token
            }
            for token in [nil, "garbage", "de-pk.\(String(repeating: "0", count: 64))", expired] {
                let response = try RawHTTPClient.json(
                    port: server.port, "GET", "/api/v1/tenants/de-pk/users", token: token)
                #expect(response.status == 401)
                #expect(response.errorCode == "auth.unauthenticated")
            }
        }
    }

    @Test(
        "an administrator creates a user of their party; bad roles are 422 with details",
        arguments: TestDatabases.backends)
    func createUser(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let admin = server.users.token("de-pk", "requesting_admin")
            let path = "/api/v1/tenants/de-pk/users"
            let bad = try RawHTTPClient.json(
                port: server.port, "POST", path, token: admin,
                body: [
                    "login": "officer-2", "password": "short", "party": "requesting",
                    "roles": ["requested_officer", "nope"],
                ])
            #expect(bad.status == 422)
            let details =
                (((bad.json as? [String: Any])?["error"] as? [String: Any])?["details"] as? [[String: Any]]) ?? []
            #expect(
                Set(details.compactMap { $0["code"] as? String }) == [
                    "user.weak_password", "user.role_of_other_party", "user.unknown_role",
                ])

            let good = try RawHTTPClient.json(
                port: server.port, "POST", path, token: admin,
                body: [
                    "login": "officer-2", "password": "a long enough password", "party": "requesting",
                    "roles": ["requesting_officer"],
                ])
            #expect(good.status == 201)
            let login = try RawHTTPClient.json(
                port: server.port, "POST", "/api/v1/tenants/de-pk/sessions",
                body: ["login": "officer-2", "password": "a long enough password"])
            #expect(login.status == 201)

            let again = try RawHTTPClient.json(
                port: server.port, "POST", path, token: admin,
                body: [
                    "login": "officer-2", "password": "a long enough password", "party": "requesting",
                    "roles": ["requesting_officer"],
                ])
            #expect(again.status == 409)
        }
    }
}
