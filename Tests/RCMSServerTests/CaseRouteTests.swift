import Foundation
import RCMSCore
import RCMSServer
import RCMSTestSupport
import Testing

@Suite("Case routes over HTTP")
struct CaseRouteTests {
    static let base = "/api/v1/tenants/de-pk/cases"

    /// Officers of Germany and Pakistan drive one case from application to transfer.
    @Test("a de-pk case from application to transfer", arguments: TestDatabases.backends)
    func fullProcedure(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let germany = server.users.token("de-pk", "requesting_officer")
            let pakistan = server.users.token("de-pk", "requested_officer")
            let monitor = server.users.token("de-pk", "monitor")
            func call(_ method: String, _ path: String, _ token: String, _ body: Any? = nil) throws -> RawResponse {
                try RawHTTPClient.json(port: server.port, method, path, token: token, body: body)
            }

            let opened = try call(
                "POST", Self.base, germany,
                [
                    "person": [
                        "surname": "خان", "given_names": "محمد", "transliterated_surname": "Khan",
                        "transliterated_given_names": "Muhammad", "date_of_birth": "1993-07",
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
            let path = "\(Self.base)/\(caseID)"

            // The requested state does not see the draft; the refusal is a 404.
            #expect(try call("GET", path, pakistan).status == 404)

            func version() throws -> Int {
                let shown = try call("GET", path, germany)
                return ((shown.json as? [String: Any])?["case"] as? [String: Any])?["version"] as? Int ?? -1
            }
            func transition(_ id: String, _ token: String) throws -> RawResponse {
                try call("POST", "\(path)/transitions", token, ["transition": id, "expected_version": try version()])
            }

            let refused = try transition("submit", germany)
            #expect(refused.status == 422)
            #expect(refused.text.contains("no_valid_residence_permit"))

            #expect(
                try call(
                    "POST", "\(path)/attestations", germany,
                    ["safeguard": "no_valid_residence_permit", "evidence_reference": "AZR extract 2026-03-01"]
                ).status == 201)
            #expect(try transition("submit", germany).status == 200)

            // Stale version: 409.
            let stale = try call(
                "POST", "\(path)/transitions", pakistan, ["transition": "accept", "expected_version": 1])
            #expect(stale.status == 409)

            #expect(
                try call("POST", "\(path)/messages", pakistan, ["body": "Identity verified against NADRA records."])
                    .status == 201)
            #expect(try transition("accept", pakistan).status == 200)
            #expect(
                try call(
                    "POST", "\(path)/documents", pakistan,
                    [
                        "type": "travel_document",
                        "fields": ["number": "ETD-77812", "issue_date": "2026-04-01", "expiry_date": "2026-10-01"],
                    ]
                ).status == 201)
            #expect(try transition("issue_travel_document", pakistan).status == 200)

            let blocked = try transition("schedule_removal", germany)
            #expect(blocked.status == 422)
            #expect(blocked.text.contains("no_pending_asylum_claim"))
            for safeguard in [
                "no_pending_asylum_claim", "no_suspensive_remedy", "identity_confirmed",
                "best_interests_of_child", "fit_to_travel",
            ] {
                let attested = try call(
                    "POST", "\(path)/attestations", germany, ["safeguard": safeguard, "evidence_reference": "file 7"])
                #expect(attested.status == 201, "\(safeguard): \(attested.text)")
            }

            let hold = try call("POST", "\(path)/holds", monitor, ["reason": "monitor requests medical report"])
            #expect(hold.status == 201)
            #expect(try transition("schedule_removal", germany).status == 422)
            let holdID = try #require((hold.json as? [String: Any])?["id"] as? String)
            #expect(
                try call("POST", "\(path)/holds/\(holdID)/lift", monitor, ["reason": "report received"]).status == 200)

            #expect(try transition("schedule_removal", germany).status == 200)
            let done = try transition("confirm_transfer", germany)
            #expect(done.status == 200)
            #expect((done.json as? [String: Any])?["state"] as? String == "transferred")

            // The unshared file reference stays with Germany.
            let seenByPakistan = try call("GET", path, pakistan)
            #expect(!seenByPakistan.text.contains("BAMF-0042"))
            #expect(try call("GET", path, germany).text.contains("BAMF-0042"))

            let trail = try call("GET", "\(path)/audit", monitor)
            #expect(trail.status == 200)
            #expect(trail.text.contains("case.transfer"))
            #expect(!trail.text.contains("خان"))

            let search = try call("GET", "\(Self.base)?name=khan", germany)
            #expect(search.status == 200)
            #expect(search.text.contains(caseID))
        }
    }

    @Test("a token of another tenant gets 404 on case routes", arguments: TestDatabases.backends)
    func otherTenant(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let foreign = server.users.token("at-rs", "requesting_officer")
            let response = try RawHTTPClient.json(
                port: server.port, "POST", Self.base, token: foreign,
                body: ["person": ["surname": "X", "given_names": "Y"]])
            #expect(response.status == 404)
            let cases = try server.storage.read(tenant: "de-pk") { try $0.listCases(CaseQuery()) }
            #expect(cases.isEmpty)
        }
    }

    @Test("invalid input names each field", arguments: TestDatabases.backends)
    func invalidInput(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let response = try RawHTTPClient.json(
                port: server.port, "POST", Self.base, token: server.users.token("de-pk", "requesting_officer"),
                body: [
                    "person": ["surname": "Khan", "given_names": "M", "date_of_birth": "2025-02-29"],
                    "documents": [["type": "pasport", "fields": [:]]],
                ])
            #expect(response.status == 422)
            #expect(response.text.contains("person.date_of_birth"))
            #expect(response.text.contains("documents[0].type"))
            #expect(!response.text.contains("Khan"), "error messages carry no personal data")
        }
    }
}
