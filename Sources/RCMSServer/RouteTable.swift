// The route table: every operation of the API, in the order the OpenAPI document lists them.
//
// To add a route:
//  1. Write its handler in a new file as a static function `(RequestContext) throws ->
//     HTTPResponse` on an enum such as `CaseRoutes`. Read path parameters with
//     `context.parameter("case")`, the body with `context.decode(T.self)`, the caller with
//     `context.requireCaller()`; throw `APIError` for responses other than success. For a route
//     declared `party: .own`, call `context.ensureVisible(owner:shared:objectID:)` on every
//     record before returning or changing it.
//  2. Add one `Route(...)` below: method, path template with `{parameters}`, a unique
//     operation id, the `access` (permission) and `party` rule, and the request and response
//     schemas. Access control runs before the handler, so the handler never sees a caller of
//     another tenant or one without the permission.
// The OpenAPI document is generated from this table; a test checks the two agree.

import RCMSConfig

/// Every route the server serves.
public enum RouteTable {
    public static var all: [Route] {
        operations + sessions + users + configuration + cases + travelDocuments + worklist + web
    }

    static let travelDocuments: [Route] = {
        let base = "/api/v1/tenants/{tenant}/cases/{case}/travel-documents"
        let caseResponses = [
            RouteResponse(404, "No such case or document, or not visible to the caller's party", CommonSchemas.error)
        ]
        let unavailable = RouteResponse(503, "The server runs without travel document keys", CommonSchemas.error)
        return [
            Route(
                .get, "/api/v1/tenants/{tenant}/travel-documents/keys", operationID: "listTravelDocumentKeys",
                summary: "The public keys travel documents of the tenant are signed with, old ones included",
                access: .open,
                responses: [
                    RouteResponse(200, "Keys", .array(TravelDocumentRoutes.keySchema)),
                    RouteResponse(404, "No such tenant", CommonSchemas.error), unavailable,
                ], handler: TravelDocumentRoutes.keys),
            Route(
                .post, "/api/v1/documents/verify", operationID: "verifyTravelDocument",
                summary: "Check a travel document's QR code payload: signature, status and signed fields",
                access: .open, requestBody: TravelDocumentRoutes.verifySchema,
                responses: [
                    RouteResponse(200, "The outcome", TravelDocumentRoutes.verificationSchema),
                    RouteResponse(400, "Not a travel document payload", CommonSchemas.error), unavailable,
                ], handler: TravelDocumentRoutes.verify),
            Route(
                .get, base, operationID: "listTravelDocuments",
                summary: "The travel documents issued for the case, oldest first", access: .tenant(.caseRead),
                party: .any,
                responses: [RouteResponse(200, "Documents", .array(TravelDocumentRoutes.documentSchema))]
                    + caseResponses, handler: TravelDocumentRoutes.list),
            Route(
                .get, "\(base)/{number}/pdf", operationID: "downloadTravelDocumentPDF",
                summary: "The travel document as a one-page PDF with its zone and QR code",
                access: .tenant(.caseRead), party: .any,
                responses: [
                    RouteResponse(200, "application/pdf"),
                    RouteResponse(422, "The machine-readable zone cannot be written", CommonSchemas.error),
                ] + caseResponses, handler: TravelDocumentRoutes.pdf),
            Route(
                .post, "\(base)/{number}/cancel", operationID: "cancelTravelDocument",
                summary: "Cancel a valid travel document with a reason; issuing party only",
                access: .tenant(.caseTransition), party: .any, requestBody: CaseViews.reasonSchema,
                responses: [
                    RouteResponse(200, "Cancelled", TravelDocumentRoutes.documentSchema),
                    RouteResponse(422, "Another party issued it, or it is no longer valid", CommonSchemas.error),
                ] + caseResponses, handler: TravelDocumentRoutes.cancel),
        ]
    }()

    static let cases: [Route] = {
        let base = "/api/v1/tenants/{tenant}/cases"
        let caseResponses = [
            RouteResponse(404, "No such case, or not visible to the caller's party", CommonSchemas.error),
            RouteResponse(422, "Invalid input or unmet conditions, each listed", CommonSchemas.error),
        ]
        return [
            Route(
                .post, base, operationID: "openCase",
                summary: "Open a readmission case with the person's particulars and documents",
                access: .tenant(.caseOpen), party: .any, requestBody: CaseViews.openSchema,
                responses: [RouteResponse(201, "Opened", CaseViews.openedSchema)] + caseResponses,
                handler: CaseRoutes.open),
            Route(
                .get, base, operationID: "listCases",
                summary: "Cases, filtered by state (comma-separated), overdue=true, name in any script; limit, after",
                access: .tenant(.caseRead), party: .any,
                responses: [RouteResponse(200, "Cases", .array(CaseViews.caseSchema))], handler: CaseRoutes.list),
            Route(
                .get, "\(base)/{case}", operationID: "getCase",
                summary: "A case with its person, documents, deadlines, holds, messages and possible transitions",
                access: .tenant(.caseRead), party: .any,
                responses: [RouteResponse(200, "The case", CaseViews.detailSchema)] + caseResponses,
                handler: CaseRoutes.show),
            Route(
                .post, "\(base)/{case}/transitions", operationID: "performTransition",
                summary: "Perform a workflow transition on the case version the caller read",
                access: .tenant(.caseTransition), party: .any, requestBody: CaseViews.transitionSchema,
                responses: [
                    RouteResponse(200, "Done", CaseViews.caseSchema),
                    RouteResponse(409, "The case changed since it was read", CommonSchemas.error),
                ] + caseResponses, handler: CaseRoutes.transition),
            Route(
                .post, "\(base)/{case}/documents", operationID: "addDocument", summary: "Add a document to the case",
                access: .tenant(.documentWrite), party: .any, requestBody: CaseViews.documentSchema,
                responses: [RouteResponse(201, "Added")] + caseResponses, handler: CaseRoutes.addDocument),
            Route(
                .post, "\(base)/{case}/messages", operationID: "sendMessage",
                summary: "Send a message to the other party about the case", access: .tenant(.messageSend),
                party: .any, requestBody: CaseViews.messageSchema,
                responses: [RouteResponse(201, "Sent")] + caseResponses, handler: CaseRoutes.sendMessage),
            Route(
                .post, "\(base)/{case}/interviews", operationID: "scheduleInterview",
                summary: "Record an interview appointment: time, place and interpreter language",
                access: .tenant(.caseTransition), party: .any, requestBody: CaseViews.interviewSchema,
                responses: [RouteResponse(201, "Recorded")] + caseResponses, handler: CaseRoutes.scheduleInterview),
            Route(
                .post, "\(base)/{case}/attestations", operationID: "attestSafeguard",
                summary: "Attest a safeguard with a reference to its evidence", access: .tenant(.safeguardAttest),
                party: .any, requestBody: CaseViews.attestationSchema,
                responses: [RouteResponse(201, "Attested")] + caseResponses, handler: CaseRoutes.attest),
            Route(
                .post, "\(base)/{case}/holds", operationID: "placeHold",
                summary: "Place a hold that blocks every transition into a removal state",
                access: .tenant(.holdPlace), party: .any, requestBody: CaseViews.reasonSchema,
                responses: [RouteResponse(201, "Placed")] + caseResponses, handler: CaseRoutes.placeHold),
            Route(
                .post, "\(base)/{case}/holds/{hold}/lift", operationID: "liftHold",
                summary: "Lift a hold with a reason",
                access: .tenant(.holdLift), party: .any, requestBody: CaseViews.reasonSchema,
                responses: [RouteResponse(200, "Lifted")] + caseResponses, handler: CaseRoutes.liftHold),
            Route(
                .get, "\(base)/{case}/audit", operationID: "caseAuditTrail",
                summary: "The audit entries about the case (ids, field names and digests only)",
                access: .tenant(.auditRead), party: .any,
                responses: [RouteResponse(200, "Entries", .array(CaseViews.auditSchema))] + caseResponses,
                handler: CaseRoutes.auditTrail),
            Route(
                .post, "\(base)/{case}/deadlines/{deadline}/extend", operationID: "extendDeadline",
                summary: "Extend a running deadline, within the maximum the agreement allows, with a reason",
                access: .tenant(.caseTransition), party: .any,
                requestBody: .object(["amount": .integer, "reason": .string], required: ["amount", "reason"]),
                responses: [RouteResponse(200, "Extended")] + caseResponses, handler: CaseRoutes.extendDeadline),
            Route(
                .post, "\(base)/{case}/documents/{document}/attachments", operationID: "uploadAttachment",
                summary: "Upload a file for a document (body: the bytes; query: name, biometric=true|false)",
                access: .tenant(.documentWrite), party: .any,
                responses: [RouteResponse(201, "Stored, encrypted at rest", AttachmentRoutes.uploadedSchema)]
                    + caseResponses, handler: AttachmentRoutes.upload),
            Route(
                .get, "\(base)/{case}/attachments/{attachment}", operationID: "downloadAttachment",
                summary: "Download an attachment; its digest is checked", access: .tenant(.caseRead), party: .any,
                responses: [RouteResponse(200, "The file")] + caseResponses, handler: AttachmentRoutes.download),
            Route(
                .post, "\(base)/{case}/export", operationID: "exportSubject",
                summary: "Everything held about the case's person, for a subject access request",
                access: .tenant(.exportSubject), party: .any,
                responses: [RouteResponse(200, "The export with attachments in base64")] + caseResponses,
                handler: AttachmentRoutes.exportSubject),
        ]
    }()

    static let operations: [Route] = [
        Route(
            .get, "/healthz", operationID: "health", summary: "The process is up", access: .open,
            responses: [RouteResponse(200, "Up", HealthRoutes.statusSchema)], handler: HealthRoutes.health),
        Route(
            .get, "/readyz", operationID: "readiness",
            summary: "The database answers and every tenant has an active configuration", access: .open,
            responses: [
                RouteResponse(200, "Ready", HealthRoutes.statusSchema),
                RouteResponse(503, "Not ready", CommonSchemas.error),
            ], handler: HealthRoutes.readiness),
        Route(
            .get, "/metrics", operationID: "metrics", summary: "Metrics in the Prometheus text format",
            access: .open, responses: [RouteResponse(200, "Metrics as text/plain")], handler: HealthRoutes.metrics),
        Route(
            .get, "/api/v1/openapi.json", operationID: "openAPI", summary: "This API as an OpenAPI 3.1 document",
            access: .open, responses: [RouteResponse(200, "The document")], handler: OpenAPIDocument.serve),
    ]

    static let sessions: [Route] = [
        Route(
            .post, "/api/v1/tenants/{tenant}/sessions", operationID: "createSession",
            summary: "Sign in with login and password; returns a bearer token", access: .open,
            requestBody: SessionRoutes.loginSchema,
            responses: [
                RouteResponse(201, "Signed in", SessionRoutes.sessionSchema),
                RouteResponse(401, "Wrong login or password", CommonSchemas.error),
            ], handler: SessionRoutes.login),
        Route(
            .delete, "/api/v1/tenants/{tenant}/sessions/current", operationID: "deleteSession",
            summary: "Sign out: the token stops working", access: .tenant(nil),
            responses: [RouteResponse(204, "Signed out")], handler: SessionRoutes.logout),
        Route(
            .get, "/api/v1/tenants", operationID: "listTenants", summary: "Tenants the caller can see",
            access: .signedIn, responses: [RouteResponse(200, "Tenant ids", SessionRoutes.tenantListSchema)],
            handler: SessionRoutes.tenants),
    ]

    static let users: [Route] = [
        Route(
            .get, "/api/v1/tenants/{tenant}/users", operationID: "listUsers",
            summary: "Users of the caller's party (all parties for the monitor)", access: .tenant(.userManage),
            party: .own, responses: [RouteResponse(200, "Users", .array(UserRoutes.userSchema))],
            handler: UserRoutes.list),
        Route(
            .post, "/api/v1/tenants/{tenant}/users", operationID: "createUser",
            summary: "Create a user of the caller's party with roles of that party", access: .tenant(.userManage),
            party: .own, requestBody: UserRoutes.createSchema,
            responses: [
                RouteResponse(201, "Created", UserRoutes.userSchema),
                RouteResponse(422, "Party, roles, login or password not acceptable", CommonSchemas.error),
            ], handler: UserRoutes.create),
        Route(
            .get, "/api/v1/tenants/{tenant}/users/{user}", operationID: "getUser", summary: "One user",
            access: .tenant(.userManage), party: .own,
            responses: [RouteResponse(200, "The user", UserRoutes.userSchema)], handler: UserRoutes.show),
    ]

    static let configuration: [Route] = [
        Route(
            .get, "/api/v1/tenants/{tenant}/config", operationID: "getConfiguration",
            summary: "The active configuration: hash, who published it and when, its files",
            access: .tenant(.configRead),
            responses: [RouteResponse(200, "Active version", ConfigRoutes.versionWithFilesSchema)],
            handler: ConfigRoutes.active),
        Route(
            .post, "/api/v1/tenants/{tenant}/config/validate", operationID: "validateConfiguration",
            summary: "Validate a bundle of YAML files; returns positioned diagnostics",
            access: .tenant(.configRead), requestBody: ConfigRoutes.bundleSchema,
            responses: [RouteResponse(200, "Validation report", ConfigRoutes.reportSchema)],
            handler: ConfigRoutes.validate),
        Route(
            .post, "/api/v1/tenants/{tenant}/config/publish", operationID: "publishConfiguration",
            summary: "Validate a bundle and publish it as the active version", access: .tenant(.configPublish),
            requestBody: ConfigRoutes.bundleSchema,
            responses: [
                RouteResponse(200, "Published", ConfigRoutes.versionSchema),
                RouteResponse(422, "The bundle has errors; details are the diagnostics", CommonSchemas.error),
            ], handler: ConfigRoutes.publish),
        Route(
            .get, "/api/v1/tenants/{tenant}/config/versions", operationID: "listConfigurationVersions",
            summary: "Published versions, the active one last", access: .tenant(.configRead),
            responses: [RouteResponse(200, "Versions", .array(ConfigRoutes.versionSchema))],
            handler: ConfigRoutes.versions),
        Route(
            .get, "/api/v1/tenants/{tenant}/config/diff", operationID: "diffConfigurationVersions",
            summary: "Changes in meaning between two published versions", access: .tenant(.configRead),
            query: [
                QueryParameter("from", "content hash of the older version", required: true),
                QueryParameter("to", "content hash of the newer version (default: the active one)"),
            ], responses: [RouteResponse(200, "Changes", ConfigRoutes.diffSchema)], handler: ConfigRoutes.diffVersions),
        Route(
            .post, "/api/v1/tenants/{tenant}/config/diff", operationID: "diffConfigurationBundle",
            summary: "Changes in meaning from the active version to a submitted bundle",
            access: .tenant(.configRead), requestBody: ConfigRoutes.bundleSchema,
            responses: [RouteResponse(200, "Changes", ConfigRoutes.diffSchema)], handler: ConfigRoutes.diffBundle),
    ]

    static let worklist: [Route] = [
        Route(
            .get, "/api/v1/tenants/{tenant}/profile", operationID: "getProfile",
            summary: "The caller with permissions, and the tenant's languages and labels for the admin pages",
            access: .tenant(nil), responses: [RouteResponse(200, "Profile", WorklistRoutes.profileSchema)],
            handler: WorklistRoutes.profile),
        Route(
            .get, "/api/v1/tenants/{tenant}/worklist", operationID: "getWorklist",
            summary: "Open cases with next deadline, holds and missing safeguards; state, overdue=true, name, limit",
            access: .tenant(.caseRead), party: .any,
            responses: [RouteResponse(200, "Worklist", .array(WorklistRoutes.itemSchema))],
            handler: WorklistRoutes.worklist),
        Route(
            .get, "/api/v1/tenants/{tenant}/config/open-cases", operationID: "countOpenCasesByVersion",
            summary: "Open cases per configuration version", access: .tenant(.configRead),
            responses: [RouteResponse(200, "Counts", .array(WorklistRoutes.versionCountSchema))],
            handler: WorklistRoutes.openCasesByVersion),
    ]

    /// The admin web pages; open, because they hold no data: every page reads the API with
    /// the signed-in user's token.
    static let web: [Route] = [
        Route(
            .get, "/", operationID: "webRoot", summary: "The admin web pages: sign-in", access: .open,
            responses: [RouteResponse(200, "HTML")], handler: WebRoutes.index),
        Route(
            .get, "/ui", operationID: "webIndex", summary: "The admin web pages: sign-in", access: .open,
            responses: [RouteResponse(200, "HTML")], handler: WebRoutes.index),
        Route(
            .get, "/ui/{file}", operationID: "webFile", summary: "A page, script or style sheet of the admin pages",
            access: .open, responses: [RouteResponse(200, "The file"), RouteResponse(304, "Not modified")],
            handler: WebRoutes.file),
        Route(
            .get, "/ui/i18n/{file}", operationID: "webTranslation",
            summary: "Interface strings of the admin pages in one language", access: .open,
            responses: [RouteResponse(200, "JSON"), RouteResponse(304, "Not modified")],
            handler: WebRoutes.translation),
    ]
}
