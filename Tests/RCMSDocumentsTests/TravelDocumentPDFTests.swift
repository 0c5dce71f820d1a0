import Foundation
import RCMSConfig
import RCMSCore
import RCMSDocuments
import RCMSTestSupport
import Testing

/// A person whose names are written in one script, with the Latin spelling their documents use.
struct ScriptCase: CustomTestStringConvertible, Sendable {
    var script: String
    var tenant: String
    var surname: String
    var givenNames: String
    var latin: (surname: String, givenNames: String)?

    var testDescription: String { script }
}

let scriptCases: [ScriptCase] = [
    ScriptCase(
        script: "urdu", tenant: "de-pk", surname: "خان", givenNames: "محمد علی", latin: ("Khan", "Muhammad Ali")),
    ScriptCase(
        script: "bengali", tenant: "de-pk", surname: "রহমান", givenNames: "আব্দুল করিম", latin: ("Rahman", "Abdul Karim")),
    ScriptCase(script: "sinhala", tenant: "nl-lk", surname: "පෙරේරා", givenNames: "නිමල්", latin: ("Perera", "Nimal")),
    ScriptCase(script: "tamil", tenant: "nl-lk", surname: "முருகன்", givenNames: "செல்வம்", latin: ("Murugan", "Selvam")),
    ScriptCase(
        script: "greek", tenant: "de-pk", surname: "Παπαδόπουλος", givenNames: "Νικόλαος",
        latin: ("Papadopoulos", "Nikolaos")),
    ScriptCase(script: "cyrillic", tenant: "de-pk", surname: "Петровић", givenNames: "Јелена", latin: nil),
]

@Suite("Travel document PDF, QR code and verification")
struct TravelDocumentPDFTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let artifacts = "\(root)/artifacts/travel-documents"

    let requesting = EngineUser(id: 1001, party: .requesting, roles: ["requesting_officer"])
    let requested = EngineUser(id: 2001, party: .requested, roles: ["requested_officer"])

    /// Issues a document for a person of `script` in a fresh SQLite database, then hands the
    /// pieces to `body`.
    func withIssuedDocument(
        _ script: ScriptCase,
        _ body: (CaseEngine, TravelDocumentKeyStore, TenantConfiguration, PersonRecord, TravelDocumentRecord) throws ->
            Void
    ) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-pdf-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestDatabases.with(.sqlite) { storage in
            let loaded = TenantLoader().load(directory: "\(Self.root)/Tenants/\(script.tenant)")
            let configuration = try #require(loaded.configuration)
            let keys = TravelDocumentKeyStore(dataDirectory: folder)
            try keys.create(tenant: script.tenant, party: "requested")
            let engine = CaseEngine(storage: storage, travelDocumentKeys: keys)
            try engine.versions.publish(configuration, by: "test")
            let tenant = script.tenant

            let caseID = try engine.openCase(
                tenant: tenant,
                OpenCaseInput(
                    person: PersonInput(
                        surname: script.surname, givenNames: script.givenNames,
                        transliteratedSurname: script.latin?.surname,
                        transliteratedGivenNames: script.latin?.givenNames,
                        dateOfBirth: "1990-05-17", sex: .female, nationalityClaimed: tenant == "de-pk" ? "PK" : "LK"),
                    documents: [
                        DocumentInput(
                            type: "application_form",
                            fields: ["internal_file_reference": "F-9", "application_date": "2026-03-02"]),
                        DocumentInput(type: "passport", fields: ["number": "BX0412345"]),
                    ]),
                by: requesting
            ).record.id
            if tenant == "nl-lk" {
                try storage.write(tenant: tenant) { transaction in
                    let person = try #require(try transaction.persons(caseID: caseID).first)
                    try transaction.setParticular(personID: person.id, fieldID: "photo", value: "attachment:1")
                }
            }
            try engine.attest(
                tenant: tenant, caseID: caseID, safeguard: "no_valid_residence_permit", evidenceReference: "register",
                by: requesting)
            func perform(_ transition: String, _ user: EngineUser) throws {
                let version = try storage.read(tenant: tenant) { try $0.fetchCase(caseID)!.version }
                try engine.perform(
                    tenant: tenant, caseID: caseID, transition: transition, expectedVersion: version, by: user)
            }
            try perform("submit", requesting)
            try perform("accept", requested)
            try engine.addDocument(
                tenant: tenant, caseID: caseID,
                DocumentInput(
                    type: "travel_document",
                    fields: ["number": "X1", "issue_date": "2026-04-01", "expiry_date": "2026-10-01"]),
                by: requested)
            try perform("issue_travel_document", requested)

            let document = try #require(
                try engine.travelDocuments(tenant: tenant, caseID: caseID, for: requested).first)
            let person = try #require(try storage.read(tenant: tenant) { try $0.persons(caseID: caseID).first })
            try body(engine, keys, configuration, person, document)
        }
    }

    @Test(arguments: scriptCases)
    func renderedDocumentScansAndVerifies(_ script: ScriptCase) throws {
        try withIssuedDocument(script) { engine, keys, configuration, person, document in
            let template = try #require(configuration.travelDocumentTemplate(document.templateID))
            let sheet = try TravelDocumentSheet.make(
                document: document, template: template, configuration: configuration, person: person)
            #expect(sheet.zoneLines.count == (template.mrz.value == .td3 ? 2 : 0))
            if let first = sheet.zoneLines.first, let latin = script.latin {
                #expect(first.contains(latin.surname.uppercased()))
            }

            let pdf = try TravelDocumentRenderer.pdf(sheet)
            #expect(pdf.starts(with: Array("%PDF".utf8)))
            try FileManager.default.createDirectory(atPath: Self.artifacts, withIntermediateDirectories: true)
            let base = "\(Self.artifacts)/\(script.script)"
            try Data(pdf).write(to: URL(fileURLWithPath: "\(base).pdf"))
            try run("pdftoppm", ["-png", "-r", "110", "-singlefile", "\(base).pdf", base])
            #expect(FileManager.default.fileExists(atPath: "\(base).png"))

            // The QR code on the page carries the signed payload, which verifies.
            let scanned = try run("zbarimg", ["--raw", "-q", "\(base).png"]).trimmingCharacters(
                in: .whitespacesAndNewlines)
            #expect(scanned == document.payload)
            let verifier = TravelDocumentVerifier(keys: keys, storage: engine.storage, tenants: [script.tenant])
            let check = try verifier.verify(scanned)
            #expect(check.outcome == .valid)
            #expect(check.fields?.number == document.number)
            #expect(check.fields?.surname == script.latin?.surname ?? script.surname)
        }
    }

    @Test func tamperedAndCancelledDocumentsAreRejected() throws {
        try withIssuedDocument(scriptCases[0]) { engine, keys, _, _, document in
            let verifier = TravelDocumentVerifier(keys: keys, storage: engine.storage, tenants: ["de-pk"])

            // Another name in the signed fields, re-encoded: the signature no longer matches.
            let parsed = try TravelDocumentPayload.parse(document.payload)
            let json = String(decoding: parsed.body, as: UTF8.self).replacingOccurrences(of: "Khan", with: "Kahn")
            let parts = document.payload.split(separator: ".")
            let tampered = "\(parts[0]).\(Base64URLText.encode(Array(json.utf8))).\(parts[2])"
            #expect(try verifier.verify(tampered).outcome == .invalidSignature)
            #expect(try verifier.verify(tampered).fields == nil)
            #expect(throws: TravelDocumentError.malformedPayload) { try verifier.verify("RTD1.not-a-payload") }

            try engine.cancelTravelDocument(
                tenant: "de-pk", caseID: document.caseID, number: document.number, reason: "issued in error",
                by: requested)
            #expect(try verifier.verify(document.payload).outcome == .cancelled)
        }
    }

    @Test func missingPhotoPrintsPlaceholder() throws {
        try withIssuedDocument(scriptCases[2]) { _, _, configuration, person, document in
            let template = try #require(configuration.travelDocumentTemplate(document.templateID))
            let sheet = try TravelDocumentSheet.make(
                document: document, template: template, configuration: configuration, person: person,
                photoPNG: Array("not a png".utf8))
            #expect(try TravelDocumentRenderer.pdf(sheet).count > 1000)
        }
    }

    /// Runs a tool of the system and returns what it printed.
    @discardableResult
    func run(_ tool: String, _ arguments: [String]) throws -> String {
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
}

/// Base64url without padding, written here so the test does not share the code it checks.
enum Base64URLText {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
