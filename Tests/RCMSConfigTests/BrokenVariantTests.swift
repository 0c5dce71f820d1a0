import Testing

@testable import RCMSConfig

/// A change to one file of a scaffolded tenant and the diagnostic it must produce.
struct BrokenVariant: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    var replace: String
    var with: String
    var code: String
    /// Line the diagnostic must point at, when the variant pins it.
    var line: Int?
    var messageContains: String

    var testDescription: String { name }
}

let brokenVariants: [BrokenVariant] = [
    BrokenVariant(
        name: "country code", file: "tenant.yaml", replace: "country: PK", with: "country: XX",
        code: "invalid_country", line: nil, messageContains: "'XX'"),
    BrokenVariant(
        name: "language code", file: "tenant.yaml", replace: "supported: [en]", with: "supported: [en, english]",
        code: "invalid_language", line: 9, messageContains: "'english'"),
    BrokenVariant(
        name: "missing translation", file: "tenant.yaml", replace: "supported: [en]", with: "supported: [en, de]",
        code: "missing_translation", line: nil, messageContains: "'de'"),
    BrokenVariant(
        name: "unknown state with suggestion", file: "workflow.yaml", replace: "to: accepted", with: "to: acepted",
        code: "unknown_reference", line: nil, messageContains: "did you mean 'accepted'"),
    BrokenVariant(
        name: "unknown role", file: "workflow.yaml", replace: "roles: [requested_officer]\n      requires:",
        with: "roles: [requested_oficer]\n      requires:", code: "unknown_reference", line: nil,
        messageContains: "requested_officer"),
    BrokenVariant(
        name: "unknown document", file: "workflow.yaml", replace: "documents: [travel_document]",
        with: "documents: [travel_documnt]", code: "unknown_reference", line: nil, messageContains: "travel_document"),
    BrokenVariant(
        name: "unknown field", file: "workflow.yaml", replace: "person.date_of_birth", with: "person.birthday",
        code: "unknown_reference", line: nil, messageContains: "person field 'birthday'"),
    BrokenVariant(
        name: "unknown calendar", file: "tenant.yaml", replace: "calendar: pk", with: "calendar: pkk",
        code: "unknown_reference", line: nil, messageContains: "did you mean 'pk'"),
    BrokenVariant(
        name: "unreachable state", file: "workflow.yaml", replace: "      from: [submitted]\n      to: rejected",
        with: "      from: [rejected]\n      to: rejected", code: "unreachable_state", line: nil,
        messageContains: "'rejected'"),
    BrokenVariant(
        name: "dead end state", file: "workflow.yaml", replace: "      label: {en: Withdrawn}\n      terminal: true\n",
        with: "      label: {en: Withdrawn}\n", code: "dead_end_state", line: nil, messageContains: "'withdrawn'"),
    BrokenVariant(
        name: "non-positive deadline", file: "workflow.yaml", replace: "amount: 30", with: "amount: 0",
        code: "invalid_deadline", line: nil, messageContains: "positive"),
    BrokenVariant(
        name: "unknown deadline unit", file: "workflow.yaml", replace: "unit: calendar_days", with: "unit: weeks",
        code: "invalid_value", line: nil, messageContains: "unknown deadline unit 'weeks'"),
    BrokenVariant(
        name: "deadline without legal basis", file: "workflow.yaml",
        replace: "        legal_basis: \"DECIDE: the article setting the reply time limit\"\n", with: "",
        code: "missing_legal_basis", line: nil, messageContains: "legal_basis"),
    BrokenVariant(
        name: "expiry into unknown transition", file: "workflow.yaml", replace: "action: escalate",
        with: "action: transition\n          transition: deemed_acceptance", code: "unknown_reference", line: nil,
        messageContains: "deemed_acceptance"),
    BrokenVariant(
        name: "retention trigger", file: "retention.yaml", replace: "trigger: case_closed\n    after_days: 30",
        with: "trigger: case_archived\n    after_days: 30", code: "invalid_value", line: nil,
        messageContains: "unknown retention trigger"),
    BrokenVariant(
        name: "retention target", file: "retention.yaml", replace: "target: biometric_attachments",
        with: "target: biometrics", code: "invalid_value", line: nil,
        messageContains: "unknown retention target 'biometrics'"),
    BrokenVariant(
        name: "transferred trigger without state", file: "workflow.yaml", replace: "      transferred: true\n",
        with: "", code: "valid_then_retention", line: nil, messageContains: ""),
    BrokenVariant(
        name: "removal without baseline safeguard", file: "workflow.yaml",
        replace: "identity_confirmed, informed_consent]", with: "informed_consent]", code: "unguarded_removal",
        line: nil, messageContains: "identity_confirmed"),
    BrokenVariant(
        name: "dropped baseline safeguard", file: "safeguards.yaml",
        replace: "  - id: no_valid_residence_permit\n", with: "  - id: residence_checked\n",
        code: "missing_baseline_safeguard", line: nil, messageContains: "no_valid_residence_permit"),
    BrokenVariant(
        name: "consent scoped to all", file: "safeguards.yaml", replace: "applies_to: voluntary",
        with: "applies_to: all", code: "baseline_scope", line: nil, messageContains: "voluntary"),
    BrokenVariant(
        name: "role of the wrong party", file: "workflow.yaml",
        replace: "      to: accepted\n      party: requested\n      roles: [requested_officer]",
        with: "      to: accepted\n      party: requested\n      roles: [requesting_officer]", code: "wrong_party_role",
        line: nil,
        messageContains: "requesting party"),
    BrokenVariant(
        name: "no monitor role", file: "tenant.yaml", replace: "    party: monitor", with: "    party: requested",
        code: "missing_monitor", line: nil, messageContains: "monitor"),
    BrokenVariant(
        name: "time zone", file: "tenant.yaml", replace: "time_zone: Asia/Karachi", with: "time_zone: Asia/Karachy",
        code: "invalid_time_zone", line: nil, messageContains: "Asia/Karachy"),
    BrokenVariant(
        name: "impossible date", file: "calendars/pk.yaml", replace: "-01-01", with: "-02-30",
        code: "invalid_value", line: 6, messageContains: "not a date that exists"),
    BrokenVariant(
        name: "yes is not a boolean", file: "workflow.yaml",
        replace: "terminal: true\n      closed: true\n    - id: travel",
        with: "terminal: yes\n      closed: true\n    - id: travel", code: "type_mismatch", line: nil,
        messageContains: "write true or false"),
    BrokenVariant(
        name: "unknown key with suggestion", file: "workflow.yaml", replace: "      removal: true",
        with: "      removel: true", code: "unknown_key", line: nil, messageContains: "did you mean 'removal'"),
    BrokenVariant(
        name: "duplicate key", file: "tenant.yaml", replace: "  default: en\n", with: "  default: en\n  default: fr\n",
        code: "duplicate_key", line: 9, messageContains: "line 8"),
    BrokenVariant(
        name: "tab indentation", file: "retention.yaml", replace: "    action: purge", with: "\taction: purge",
        code: "tab_indentation", line: 6, messageContains: "tab"),
    BrokenVariant(
        name: "leading zero number", file: "workflow.yaml", replace: "amount: 30", with: "amount: 030",
        code: "invalid_value", line: nil, messageContains: "leading zero"),
    BrokenVariant(
        name: "duplicate state id", file: "workflow.yaml", replace: "    - id: accepted", with: "    - id: submitted",
        code: "duplicate_id", line: nil, messageContains: "defined twice"),
    BrokenVariant(
        name: "unknown section", file: "retention.yaml", replace: "retention:", with: "retension:",
        code: "unknown_key", line: nil, messageContains: "did you mean 'retention'"),
    BrokenVariant(
        name: "tenant id mismatch", file: "tenant.yaml", replace: "  id: be-pk", with: "  id: be-bd",
        code: "tenant_id_mismatch", line: 4, messageContains: "folder name"),
]

@Suite("Tenant validation")
struct BrokenVariantTests {
    static func scaffold() throws -> [String: String] {
        try TenantTemplate.files(for: "be-pk")
    }

    static func load(_ files: [String: String]) -> TenantLoadResult {
        let bundle = TenantBundle(
            tenantID: "be-pk", files: files.map { TenantBundle.File(path: $0.key, contents: Array($0.value.utf8)) })
        return TenantLoader().load(bundle: bundle, displayPrefix: "Tenants/be-pk")
    }

    @Test func scaffoldValidatesClean() throws {
        let result = Self.load(try Self.scaffold())
        #expect(result.diagnostics.errorCount == 0, "\(result.diagnostics)")
        #expect(result.configuration != nil)
    }

    @Test(arguments: brokenVariants)
    func brokenVariantIsReported(_ variant: BrokenVariant) throws {
        var files = try Self.scaffold()
        let original = try #require(files[variant.file])
        #expect(original.contains(variant.replace), "the variant's text must exist in the scaffold")
        files[variant.file] = original.replacingOccurrences(of: variant.replace, with: variant.with)
        if variant.code == "valid_then_retention" {
            files["retention.yaml"]! += """
                  - id: purge_messages
                    target: messages
                    action: purge
                    trigger: case_transferred
                    after_days: 365
                    legal_basis: test

                """
            let result = Self.load(files)
            let match = result.diagnostics.first { $0.code == "unknown_trigger" }
            #expect(match != nil, "\(result.diagnostics)")
            return
        }
        let result = Self.load(files)
        #expect(result.diagnostics.hasErrors)
        let matches = result.diagnostics.filter { $0.code == variant.code && $0.severity == .error }
        let match = try #require(
            matches.first { $0.message.contains(variant.messageContains) }, "\(result.diagnostics)")
        #expect(match.mark.file.hasPrefix("Tenants/be-pk/"))
        #expect(match.mark.line > 0)
        #expect(match.mark.column > 0)
        if let line = variant.line {
            #expect(match.mark.line == line, "\(match)")
        }
        #expect(match.description.hasPrefix("\(match.mark.file):\(match.mark.line):\(match.mark.column): error: "))
    }

    @Test func everyMistakeIsReportedAtOnce() throws {
        var files = try Self.scaffold()
        files["workflow.yaml"] = files["workflow.yaml"]!
            .replacingOccurrences(of: "to: accepted", with: "to: acepted")
            .replacingOccurrences(of: "amount: 30", with: "amount: -1")
        files["tenant.yaml"] = files["tenant.yaml"]!.replacingOccurrences(of: "country: PK", with: "country: pk")
        let result = Self.load(files)
        let codes = Set(result.diagnostics.map(\.code))
        #expect(codes.isSuperset(of: ["unknown_reference", "invalid_deadline", "invalid_country"]))
    }

    @Test func sectionSplitAcrossFilesKeepsPositions() throws {
        var files = try Self.scaffold()
        files["calendars/pk.yaml"] = files["calendars/pk.yaml"]!.replacingOccurrences(
            of: "days: [saturday, sunday]", with: "days: [saturday, sundae]")
        let result = Self.load(files)
        let match = try #require(result.diagnostics.first { $0.message.contains("sundae") })
        #expect(match.mark.file == "Tenants/be-pk/calendars/pk.yaml")
        #expect(match.mark.line == 7)
    }

    @Test func contentHashIgnoresReadOrder() throws {
        let files = try Self.scaffold().map { TenantBundle.File(path: $0.key, contents: Array($0.value.utf8)) }
        let forward = TenantBundle(tenantID: "be-pk", files: files)
        let backward = TenantBundle(tenantID: "be-pk", files: files.reversed())
        #expect(forward.contentHash == backward.contentHash)
        #expect(forward.contentHash.count == 64)
    }
}
