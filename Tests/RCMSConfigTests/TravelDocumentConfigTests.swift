import Foundation
import Testing

@testable import RCMSConfig

/// A change to de-pk's `travel_documents.yaml` and the diagnostic it must produce there.
struct TravelDocumentVariant: CustomTestStringConvertible, Sendable {
    var name: String
    var replace: String
    var with: String
    var code: String
    /// The text the diagnostic's line must hold, so the position is checked, not just the file.
    var lineHolds: String
    var messageContains: String

    var testDescription: String { name }
}

let travelDocumentVariants: [TravelDocumentVariant] = [
    TravelDocumentVariant(
        name: "unknown transition", replace: "transition: issue_travel_document",
        with: "transition: issue_travel_documnt", code: "unknown_reference", lineHolds: "issue_travel_documnt",
        messageContains: "did you mean 'issue_travel_document'"),
    TravelDocumentVariant(
        name: "transition of the other party", replace: "transition: issue_travel_document",
        with: "transition: schedule_removal", code: "wrong_party", lineHolds: "transition: schedule_removal",
        messageContains: "performed by the requesting party"),
    TravelDocumentVariant(
        name: "system transition", replace: "transition: issue_travel_document",
        with: "transition: deemed_acceptance", code: "wrong_party", lineHolds: "deemed_acceptance",
        messageContains: "only the system performs"),
    TravelDocumentVariant(
        name: "alpha-2 issuing state", replace: "issuing_state: PAK", with: "issuing_state: PK",
        code: "invalid_country", lineHolds: "issuing_state: PK", messageContains: "did you mean 'PAK'"),
    TravelDocumentVariant(
        name: "two validities", replace: "      months: 6\n", with: "      months: 6\n      days: 30\n",
        code: "invalid_validity", lineHolds: "months: 6", messageContains: "exactly one"),
    TravelDocumentVariant(
        name: "no validity", replace: "      months: 6\n", with: "      {}\n", code: "invalid_validity",
        lineHolds: "{}", messageContains: "it has 0"),
    TravelDocumentVariant(
        name: "negative months", replace: "months: 6", with: "months: -1", code: "invalid_value",
        lineHolds: "months: -1", messageContains: "positive"),
    TravelDocumentVariant(
        name: "single journey with a zone", replace: "      months: 6\n", with: "      single_journey: true\n",
        code: "invalid_validity", lineHolds: "mrz: td3", messageContains: "no expiry date"),
    TravelDocumentVariant(
        name: "unknown zone format", replace: "mrz: td3", with: "mrz: td4", code: "invalid_value",
        lineHolds: "mrz: td4", messageContains: "did you mean 'td1'"),
    TravelDocumentVariant(
        name: "document code", replace: "document_code: PT", with: "document_code: P1", code: "invalid_document_code",
        lineHolds: "document_code: P1", messageContains: "upper-case letters"),
    TravelDocumentVariant(
        name: "number too long for TD3", replace: "width: 7", with: "width: 8", code: "invalid_series",
        lineHolds: "width: 8", messageContains: "holds 9"),
    TravelDocumentVariant(
        name: "series prefix", replace: "prefix: PK", with: "prefix: pk-", code: "invalid_series",
        lineHolds: "prefix: pk-", messageContains: "upper-case letters"),
    TravelDocumentVariant(
        name: "missing translation", replace: "        ur: قومیت\n", with: "", code: "missing_translation",
        lineHolds: "Staatsangehörigkeit", messageContains: "'ur'"),
    TravelDocumentVariant(
        name: "unknown key", replace: "    verified: true", with: "    verifed: true", code: "unknown_key",
        lineHolds: "verifed", messageContains: "did you mean 'verified'"),
    TravelDocumentVariant(
        name: "missing key", replace: "    mrz: td3\n", with: "", code: "missing_key", lineHolds: "- id:",
        messageContains: "'mrz'"),
    TravelDocumentVariant(
        name: "monitor issues", replace: "issued_by: requested", with: "issued_by: monitor", code: "invalid_value",
        lineHolds: "issued_by: monitor", messageContains: "not the monitor"),
]

@Suite("travel_documents section")
struct TravelDocumentConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func load(_ tenant: String, editing: (String) -> String = { $0 }) throws -> (TenantLoadResult, String) {
        let bundle = try TenantLoader.readBundle(directory: "\(root)/Tenants/\(tenant)")
        var edited = ""
        let files = bundle.files.map { file -> TenantBundle.File in
            guard file.path == "travel_documents.yaml" else { return file }
            edited = editing(file.text)
            return TenantBundle.File(path: file.path, contents: Array(edited.utf8))
        }
        let result = TenantLoader().load(
            bundle: TenantBundle(tenantID: tenant, files: files), displayPrefix: "Tenants/\(tenant)")
        return (result, edited)
    }

    @Test(arguments: ["de-pk", "nl-lk"])
    func bundledTemplatesValidate(tenant: String) throws {
        let (result, _) = try Self.load(tenant)
        #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
        let template = try #require(result.configuration?.travelDocuments.first)
        #expect(result.configuration?.travelDocumentTemplate(issuedBy: "issue_travel_document")?.id == template.id)
        #expect(template.issuedBy.value == .requested)
        #expect(template.verified == true)
    }

    @Test func pakistanDocumentIsValidSixMonthsWithAZone() throws {
        let (result, _) = try Self.load("de-pk")
        let template = try #require(result.configuration?.travelDocumentTemplate("emergency_travel_document"))
        #expect(template.validity.months?.value == 6)
        #expect(template.mrz.value == .td3)
        #expect(template.series.number(42) == "PK0000042")
    }

    @Test(arguments: travelDocumentVariants)
    func brokenVariantIsPositioned(_ variant: TravelDocumentVariant) throws {
        let (result, text) = try Self.load("de-pk") { text in
            #expect(text.contains(variant.replace), "variant \(variant.name) does not apply")
            return text.replacingOccurrences(of: variant.replace, with: variant.with)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let matching = result.diagnostics.filter { $0.code == variant.code && $0.severity == .error }
        let found = try #require(matching.first, "no \(variant.code) in \(result.diagnostics)")
        #expect(found.mark.file == "Tenants/de-pk/travel_documents.yaml")
        #expect(found.message.contains(variant.messageContains), "\(found.message)")
        #expect(found.mark.line >= 1)
        #expect(found.mark.line <= lines.count)
        if found.mark.line >= 1 && found.mark.line <= lines.count {
            #expect(lines[found.mark.line - 1].contains(variant.lineHolds), "\(found) points at the wrong line")
        }
        #expect(result.configuration == nil)
    }

    @Test func issuingStateOfAnotherCountryIsAWarning() throws {
        let (result, _) = try Self.load("de-pk") {
            $0.replacingOccurrences(of: "issuing_state: PAK", with: "issuing_state: DEU")
        }
        #expect(!result.diagnostics.hasErrors)
        let mismatch = result.diagnostics.first { $0.code == "issuing_state_mismatch" }
        #expect(mismatch?.severity == .warning)
        #expect(mismatch?.message.contains("expected 'PAK'") == true)
    }
}
