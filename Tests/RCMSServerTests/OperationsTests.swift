import Foundation
import RCMSServer
import RCMSTestSupport
import Testing

@Suite("Operations endpoints and the OpenAPI document")
struct OperationsTests {
    @Test("readyz, metrics and openapi.json answer", arguments: TestDatabases.backends)
    func endpoints(backend: TestBackend) throws {
        try TestServer.with(backend) { server in
            let ready = try RawHTTPClient.request(port: server.port, "GET", "/readyz")
            #expect(ready.status == 200)
            #expect((ready.json as? [String: Any])?["tenants"] as? [String] == ["at-rs", "de-pk"])

            server.api.environment.metrics.setGauge("rcms_open_cases", labels: ["tenant": "de-pk"], value: 3)
            let metrics = try RawHTTPClient.request(port: server.port, "GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(metrics.text.contains(#"rcms_http_requests_total{method="GET",route="/readyz",status="200"} 1"#))
            #expect(metrics.text.contains(#"rcms_http_request_duration_seconds_bucket{le="+Inf",route="/readyz"} 1"#))
            #expect(metrics.text.contains(#"rcms_open_cases{tenant="de-pk"} 3"#))
            #expect(metrics.text.contains("# TYPE rcms_overdue_deadlines gauge"))

            let document = try RawHTTPClient.request(port: server.port, "GET", "/api/v1/openapi.json")
            #expect(document.status == 200)
            let root = try #require(document.json as? [String: Any])
            #expect(root["openapi"] as? String == "3.1.0")
        }
    }

    @Test("readyz is 503 while a tenant has no published configuration")
    func notReady() throws {
        try TestDatabases.with(.sqlite) { storage in
            let environment = APIEnvironment(
                storage: storage, tenantIDs: ["de-pk"], logger: Logger(label: "test", sink: CapturingLogSink()),
                databaseKind: "sqlite")
            let response = APIServer(environment: environment).respond(
                to: HTTPRequest(method: "GET", path: "/readyz"))
            #expect(response.status == 503)
            #expect(String(decoding: response.body, as: UTF8.self).contains("not_ready.configuration"))
        }
    }

    @Test("every route is in the OpenAPI document and every documented operation is a route")
    func openAPIMatchesRoutes() throws {
        let document = OpenAPIDocument.make(routes: RouteTable.all)
        let data = try JSONEncoder().encode(document)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(root["paths"] as? [String: [String: Any]])

        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                documented.insert("\(method.uppercased()) \(path)")
                let operation = try #require(operation as? [String: Any])
                // Every path parameter of the template is declared.
                let declared = (operation["parameters"] as? [[String: Any]] ?? []).filter {
                    $0["in"] as? String == "path"
                }
                .compactMap { $0["name"] as? String }
                let inTemplate = path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                    String($0.dropFirst().dropLast())
                }
                #expect(declared == inTemplate, "\(method) \(path)")
            }
        }
        let routes = Set(RouteTable.all.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == routes)
        #expect(Set(RouteTable.all.map(\.operationID)).count == RouteTable.all.count)

        // Every $ref points at a schema under components.
        let text = String(decoding: data, as: UTF8.self)
        let schemas = try #require((root["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let references = text.components(separatedBy: "#/components/schemas/").dropFirst().map {
            String($0.prefix { $0 != "\"" })
        }
        for name in references { #expect(schemas[name] != nil, "missing schema \(name)") }
    }

    @Test(
        "Accept-Language picks the best supported language",
        arguments: [
            ("ur-PK, en;q=0.5", "ur"), ("fr, de;q=0.9, en;q=0.8", "de"), ("en-GB", "en"), ("*", "de"), ("fr", "de"),
            ("en;q=0, ur", "ur"),
        ])
    func languageNegotiation(header: String, expected: String) {
        #expect(
            LanguageNegotiation.best(acceptLanguage: header, supported: ["de", "en", "ur"], default: "de") == expected)
    }
}
