import Foundation
import RCMSConfig
import Testing

@testable import RCMSCore

/// Tenants for the engine tests, loaded from YAML through the real loader and validator.
enum Fixtures {
    /// A fixed "today", so the loader's current-year holiday check does not depend on the clock.
    static let today = CivilDate(year: 2026, month: 6, day: 1)!

    /// Loads the scaffold of tenant `id` with some files replaced, and fails the test with
    /// every diagnostic when it does not validate.
    static func configuration(
        _ id: String = "be-pk", replacing overrides: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> TenantConfiguration {
        var files = try TenantTemplate.files(for: id)
        for (path, text) in overrides { files[path] = text }
        let bundle = TenantBundle(
            tenantID: id,
            files: files.map { TenantBundle.File(path: $0.key, contents: Array($0.value.utf8)) })
        let result = TenantLoader(today: today).load(bundle: bundle, displayPrefix: "Tenants/\(id)")
        guard let configuration = result.configuration else {
            let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
            Issue.record(
                "tenant \(id) does not load:\n\(errors.joined(separator: "\n"))", sourceLocation: sourceLocation)
            throw FixtureError.invalidTenant(id)
        }
        return configuration
    }

    /// Loads the test workflow: the scaffold's states, plus deemed acceptance on expiry, a
    /// working-day deadline for the travel document and an extension on the reply deadline.
    static func engineConfiguration(sourceLocation: SourceLocation = #_sourceLocation) throws -> TenantConfiguration {
        try configuration(
            "be-pk", replacing: ["workflow.yaml": workflowYAML, "calendars/pk.yaml": pakistanCalendarYAML],
            sourceLocation: sourceLocation)
    }

    static func engine(sourceLocation: SourceLocation = #_sourceLocation) throws -> WorkflowEngine {
        try WorkflowEngine(configuration: engineConfiguration(sourceLocation: sourceLocation))
    }

    /// Writes a calendar file. Each of `holidays` pairs a date with whether it is an estimated lunar date.
    static func calendarYAML(
        key: String, country: String, weekend: [(from: String, days: String)],
        holidays: [(date: String, estimated: Bool)], extraWorkingDays: [String] = []
    ) -> String {
        var text = "calendars:\n  \(key):\n    country: \(country)\n    weekend:\n"
        for rule in weekend {
            text += "      - from: \(rule.from)\n        days: [\(rule.days)]\n"
        }
        text += "    holidays:\n"
        for holiday in holidays {
            text += "      - date: \(holiday.date)\n        name: {en: Holiday}\n"
            if holiday.estimated { text += "        estimated: true\n" }
        }
        text += "    extra_working_days: [\(extraWorkingDays.joined(separator: ", "))]\n"
        return text
    }

    static let pakistanHolidays: [(date: String, estimated: Bool)] = [
        ("2026-02-05", false), ("2026-03-20", true), ("2026-03-21", true), ("2026-03-22", true),
        ("2026-03-23", false), ("2026-05-01", false), ("2026-12-25", false), ("2027-01-01", false),
    ]

    static let pakistanCalendarYAML = calendarYAML(
        key: "pk", country: "PK", weekend: [("1970-01-01", "saturday, sunday")], holidays: pakistanHolidays)

    static let workflowYAML = """
        workflow:
          initial: draft
          states:
            - {id: draft, label: {en: Draft}}
            - {id: submitted, label: {en: Application submitted}}
            - {id: accepted, label: {en: Readmission accepted}}
            - {id: rejected, label: {en: Readmission rejected}, terminal: true, closed: true}
            - {id: travel_document_issued, label: {en: Travel document issued}}
            - {id: removal_scheduled, label: {en: Transfer scheduled}, removal: true}
            - {id: transferred, label: {en: Transferred}, terminal: true, closed: true, transferred: true}
            - {id: withdrawn, label: {en: Withdrawn}, terminal: true, closed: true}
          transitions:
            - id: submit
              label: {en: Submit application}
              from: [draft]
              to: submitted
              party: requesting
              roles: [requesting_officer]
              requires:
                documents: [application_form]
                any_documents: [passport, birth_certificate, fingerprints]
                fields: [person.surname, person.date_of_birth, application_form.reference]
              deadline:
                amount: 60
                unit: calendar_days
                party: requested
                legal_basis: Reply time limit of the agreement
                verified: false
                extension: {max_amount: 6, unit: calendar_days}
                on_expiry: {action: transition, transition: deemed_acceptance}
            - id: deemed_acceptance
              label: {en: Deemed acceptance}
              from: [submitted]
              to: accepted
              system: true
            - id: accept
              label: {en: Accept readmission}
              from: [submitted]
              to: accepted
              party: requested
              roles: [requested_officer]
              deadline:
                amount: 5
                unit: working_days
                party: requested
                legal_basis: Time limit for the travel document
                verified: false
                on_expiry: {action: escalate}
            - id: reject
              label: {en: Reject readmission}
              from: [submitted]
              to: rejected
              party: requested
              roles: [requested_officer]
            - id: issue_travel_document
              label: {en: Issue travel document}
              from: [accepted]
              to: travel_document_issued
              party: requested
              roles: [requested_officer]
              requires:
                documents: [travel_document]
                fields: [travel_document.number, travel_document.expiry_date]
            - id: schedule_removal
              label: {en: Schedule transfer}
              from: [travel_document_issued]
              to: removal_scheduled
              party: requesting
              roles: [requesting_officer]
              safeguards: [no_pending_asylum_claim, no_suspensive_remedy, no_valid_residence_permit,
                           identity_confirmed, informed_consent]
            - id: confirm_transfer
              label: {en: Confirm transfer}
              from: [removal_scheduled]
              to: transferred
              party: requesting
              roles: [requesting_officer]
            - id: withdraw
              label: {en: Withdraw application}
              from: [draft, submitted, accepted, travel_document_issued, removal_scheduled]
              to: withdrawn
              party: requesting
              roles: [requesting_officer]
        """

    // MARK: - Actors and cases

    static let officer = CaseActor.user(id: "u-officer", party: .requesting, roles: ["requesting_officer"])
    static let admin = CaseActor.user(id: "u-admin", party: .requesting, roles: ["requesting_admin"])
    static let requestedOfficer = CaseActor.user(id: "u-pk", party: .requested, roles: ["requested_officer"])
    static let monitor = CaseActor.user(id: "u-monitor", party: .monitor, roles: ["monitor"])

    static let baselineSafeguards = Safeguard.baseline.map(\.id)

    /// Returns a draft with everything `submit` needs.
    static func readyDraft(version: Int64 = 3) -> CaseSnapshot {
        CaseSnapshot(
            id: "c-1", state: "draft", version: version,
            documents: ["application_form": ["reference"], "passport": ["number"]],
            personFields: ["surname", "given_names", "date_of_birth"])
    }

    /// Returns a case whose travel document is issued, with the safeguards given attested.
    static func readyForRemoval(
        voluntary: Bool = false, attested: Set<String> = Set(baselineSafeguards), holds: Int = 0
    ) -> CaseSnapshot {
        CaseSnapshot(
            id: "c-2", state: "travel_document_issued", version: 9, isVoluntaryReturn: voluntary,
            attestedSafeguards: attested, activeHolds: holds)
    }

    /// Parses an instant from ISO 8601 text with an offset.
    static func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text), sourceLocation: sourceLocation)
    }

    static func date(_ text: String) -> CivilDate { CivilDate(text)! }
}

enum FixtureError: Error {
    case invalidTenant(String)
}
