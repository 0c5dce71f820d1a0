/// Writes the files of a new tenant that validates clean, with a `DECIDE:` comment wherever a
/// person must supply a fact: authorities, agreement, holidays, deadlines, retention periods.
public enum TenantTemplate {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The files of tenant `id` with labels in `languages` (English first); every label in a
    /// language other than English holds the English text behind a `DECIDE:` marker to translate.
    public static func files(for id: String, languages: [String]) throws -> [String: String] {
        let extra = languages.filter { $0 != "en" }
        for language in extra {
            if let problem = Codes.languageTagProblem(language) {
                throw Problem(description: "invalid language code '\(language)': \(problem)")
            }
        }
        guard !extra.isEmpty else { return try files(for: id) }
        let supported = (["en"] + extra).joined(separator: ", ")
        return try files(for: id).mapValues { text in
            var output = text.replacingOccurrences(of: "supported: [en]", with: "supported: [\(supported)]")
            // Inline labels are written `{en: TEXT}`; each gets one entry per extra language.
            var result = ""
            var rest = Substring(output)
            while let start = rest.range(of: "{en: ") {
                guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
                let english = rest[start.upperBound..<end]
                let bare = english.hasPrefix("\"") ? String(english.dropFirst().dropLast()) : String(english)
                let translations = extra.map { "\($0): \"DECIDE: \(bare.replacingOccurrences(of: "\"", with: "'"))\"" }
                result += rest[..<start.lowerBound] + "{en: \(english), " + translations.joined(separator: ", ") + "}"
                rest = rest[rest.index(after: end)...]
            }
            output = result + rest
            return output
        }
    }

    /// The files of tenant `id` (`requesting-requested`), keyed by path inside the tenant folder.
    public static func files(for id: String) throws -> [String: String] {
        let codes = id.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard codes.count == 2, codes.allSatisfy({ $0.count == 2 && $0 == $0.lowercased() }) else {
            throw Problem(
                description:
                    "invalid tenant id '\(id)': write REQUESTING-REQUESTED as two lower-case ISO 3166-1 alpha-2 codes, for example de-pk"
            )
        }
        let requesting = codes[0].uppercased()
        let requested = codes[1].uppercased()
        for code in [requesting, requested] where !Codes.countries.contains(code) {
            throw Problem(description: "'\(code.lowercased())' in '\(id)' is not an ISO 3166-1 alpha-2 country code")
        }
        guard requesting != requested else {
            throw Problem(description: "the requesting and requested state of '\(id)' are the same country")
        }
        let year = CivilDate.today.year
        return [
            "tenant.yaml": tenantFile(id: id, requesting: requesting, requested: requested),
            "calendars/\(codes[0]).yaml": calendarFile(code: codes[0], country: requesting, year: year),
            "calendars/\(codes[1]).yaml": calendarFile(code: codes[1], country: requested, year: year),
            "documents.yaml": documentsFile,
            "safeguards.yaml": safeguardsFile,
            "workflow.yaml": workflowFile,
            "retention.yaml": retentionFile,
        ]
    }

    static func timeZone(_ country: String) -> (zone: String, known: Bool) {
        if let zone = capitalTimeZones[country] { return (zone, true) }
        return ("Etc/UTC", false)
    }

    /// Time zones of capitals for countries with one zone, or the capital's zone otherwise.
    static let capitalTimeZones: [String: String] = [
        "AF": "Asia/Kabul", "AL": "Europe/Tirane", "AM": "Asia/Yerevan", "AT": "Europe/Vienna", "AZ": "Asia/Baku",
        "BA": "Europe/Sarajevo", "BD": "Asia/Dhaka", "BE": "Europe/Brussels", "BG": "Europe/Sofia",
        "CH": "Europe/Zurich", "CV": "Atlantic/Cape_Verde", "CY": "Asia/Nicosia", "CZ": "Europe/Prague",
        "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "DZ": "Africa/Algiers", "EE": "Europe/Tallinn",
        "EG": "Africa/Cairo", "ER": "Africa/Asmara", "ES": "Europe/Madrid", "ET": "Africa/Addis_Ababa",
        "FI": "Europe/Helsinki", "FR": "Europe/Paris", "GE": "Asia/Tbilisi", "GH": "Africa/Accra",
        "GM": "Africa/Banjul", "GN": "Africa/Conakry", "GR": "Europe/Athens", "HR": "Europe/Zagreb",
        "HU": "Europe/Budapest", "IE": "Europe/Dublin", "IN": "Asia/Kolkata", "IQ": "Asia/Baghdad",
        "IR": "Asia/Tehran", "IS": "Atlantic/Reykjavik", "IT": "Europe/Rome", "LK": "Asia/Colombo",
        "LT": "Europe/Vilnius", "LU": "Europe/Luxembourg", "LV": "Europe/Riga", "MA": "Africa/Casablanca",
        "MD": "Europe/Chisinau", "ME": "Europe/Podgorica", "MK": "Europe/Skopje", "ML": "Africa/Bamako",
        "MT": "Europe/Malta", "NG": "Africa/Lagos", "NL": "Europe/Amsterdam", "NO": "Europe/Oslo",
        "NP": "Asia/Kathmandu", "PK": "Asia/Karachi", "PL": "Europe/Warsaw", "PT": "Europe/Lisbon",
        "RO": "Europe/Bucharest", "RS": "Europe/Belgrade", "SE": "Europe/Stockholm", "SI": "Europe/Ljubljana",
        "SK": "Europe/Bratislava", "SN": "Africa/Dakar", "SO": "Africa/Mogadishu", "SY": "Asia/Damascus",
        "TN": "Africa/Tunis", "TR": "Europe/Istanbul", "UA": "Europe/Kyiv", "GB": "Europe/London",
        "VN": "Asia/Ho_Chi_Minh", "XK": "Europe/Belgrade",
    ]

    static func tenantFile(id: String, requesting: String, requested: String) -> String {
        let (requestingZone, requestingKnown) = timeZone(requesting)
        let (requestedZone, requestedKnown) = timeZone(requested)
        let zoneNote = "  # DECIDE: the IANA time zone whose civil dates count this party's deadlines"
        return """
            # Tenant \(id): \(requesting) asks \(requested) to readmit its nationals.
            # Labels are written once per supported language; add each language you list below.
            tenant:
              id: \(id)
              name: {en: "\(requesting) – \(requested)"}

            languages:
              default: en
              supported: [en]  # DECIDE: add each party's official languages (BCP 47 codes)

            agreement:
              name: {en: "Readmission agreement between \(requesting) and \(requested)"}  # DECIDE: the agreement's title
              legal_reference: "DECIDE: official reference, such as the Official Journal citation"
              verified: false  # set to true once the agreement text has been checked

            parties:
              requesting:
                country: \(requesting)
                authority: {en: "Competent authority of \(requesting)"}  # DECIDE: name the authority
                time_zone: \(requestingZone)\(requestingKnown ? "" : zoneNote)
                calendar: \(requesting.lowercased())
              requested:
                country: \(requested)
                authority: {en: "Competent authority of \(requested)"}  # DECIDE: name the authority
                time_zone: \(requestedZone)\(requestedKnown ? "" : zoneNote)
                calendar: \(requested.lowercased())

            roles:
              - id: requesting_officer
                party: requesting
                label: {en: Case officer (requesting state)}
                permissions: [case.open, case.read, case.transition, document.write, message.send,
                              safeguard.attest, hold.place, hold.lift, export.subject]
              - id: requesting_admin
                party: requesting
                label: {en: Administrator (requesting state)}
                permissions: [case.read, config.read, config.publish, user.manage, audit.read, retention.run]
              - id: requested_officer
                party: requested
                label: {en: Case officer (requested state)}
                permissions: [case.read, case.transition, document.write, message.send]
              - id: requested_admin
                party: requested
                label: {en: Administrator (requested state)}
                permissions: [case.read, config.read, user.manage, audit.read]
              - id: monitor
                party: monitor
                label: {en: Independent forced-return monitor}
                permissions: [case.read, audit.read, hold.place, hold.lift]

            """
    }

    static func calendarFile(code: String, country: String, year: Int) -> String {
        """
        # Working-day calendar of \(country): weekend days and public holidays.
        calendars:
          \(code):
            country: \(country)
            weekend:
              - from: 1970-01-01
                days: [saturday, sunday]  # DECIDE: the official weekend days
            # DECIDE: list the public holidays of \(year); mark lunar dates 'estimated: true'.
            holidays:
              - date: \(year)-01-01
                name: {en: New Year's Day}  # DECIDE: keep only if it is a public holiday here
            extra_working_days: []

        """
    }

    static let documentsFile = """
        # Document types a case may carry, with the evidence each gives of nationality.
        document_types:
          - id: application_form
            label: {en: Readmission application}
            evidence: supporting
            provided_by: requesting
            fields:
              - id: reference
                label: {en: Internal file reference}
                type: code
                required: true
                shared_with_other_party: false
          - id: passport
            label: {en: Passport}
            evidence: proof
            provided_by: requesting
            legal_basis: "DECIDE: the annex listing proof of nationality"
            fields:
              - id: number
                label: {en: Passport number}
                type: code
                required: true
              - id: expiry_date
                label: {en: Expiry date}
                type: date
          - id: birth_certificate
            label: {en: Birth certificate}
            evidence: prima_facie
            provided_by: requesting
            legal_basis: "DECIDE: the annex listing prima facie evidence"
            fields:
              - id: number
                label: {en: Certificate number}
                type: code
          - id: fingerprints
            label: {en: Fingerprints}
            evidence: prima_facie
            provided_by: requesting
            retention_class: biometric
            fields:
              - id: scan
                label: {en: Fingerprint scan}
                type: biometric
                required: true
          - id: travel_document
            label: {en: Travel document}
            evidence: supporting
            provided_by: requested
            fields:
              - id: number
                label: {en: Document number}
                type: code
                required: true
              - id: expiry_date
                label: {en: Expiry date}
                type: date
                required: true

        """

    static let safeguardsFile = """
        # Checks an officer attests, with a reference to the evidence, before a removal.
        # The five baseline safeguards may not be removed; add the tenant's own below them.
        safeguards:
          - id: no_pending_asylum_claim
            label: {en: No asylum claim pending}
            legal_basis: Directive 2008/115/EC, Articles 5 and 9(1)
            attested_by: [requesting_officer]
          - id: no_suspensive_remedy
            label: {en: No remedy with suspensive effect pending}
            legal_basis: Directive 2008/115/EC, Articles 9(1)(b) and 13(2)
            attested_by: [requesting_officer]
          - id: no_valid_residence_permit
            label: {en: No valid residence permit}
            legal_basis: Directive 2008/115/EC, Article 6
            attested_by: [requesting_officer]
          - id: identity_confirmed
            label: {en: Identity and nationality confirmed}
            legal_basis: "DECIDE: the agreement's article on proof of nationality"
            attested_by: [requesting_officer]
          - id: informed_consent
            label: {en: Informed consent to voluntary return recorded}
            legal_basis: Directive 2008/115/EC, Article 7
            attested_by: [requesting_officer]
            applies_to: voluntary

        """

    static let workflowFile = """
        # States of a readmission case and the transitions between them, with time limits.
        workflow:
          initial: draft
          states:
            - id: draft
              label: {en: Draft}
            - id: submitted
              label: {en: Application submitted}
            - id: accepted
              label: {en: Readmission accepted}
            - id: rejected
              label: {en: Readmission rejected}
              terminal: true
              closed: true
            - id: travel_document_issued
              label: {en: Travel document issued}
            - id: removal_scheduled
              label: {en: Transfer scheduled}
              removal: true
            - id: transferred
              label: {en: Transferred}
              terminal: true
              closed: true
              transferred: true
            - id: withdrawn
              label: {en: Withdrawn}
              terminal: true
              closed: true
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
                fields: [person.surname, person.given_names, person.date_of_birth]
              deadline:
                amount: 30  # DECIDE: the agreement's reply time limit
                unit: calendar_days
                party: requested
                legal_basis: "DECIDE: the article setting the reply time limit"
                verified: false
                on_expiry:
                  action: escalate
            - id: accept
              label: {en: Accept readmission}
              from: [submitted]
              to: accepted
              party: requested
              roles: [requested_officer]
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

    static let retentionFile = """
        # How long personal data is kept. No source sets these periods for the tenant;
        # DECIDE: the tenant's legal team sets each period and then marks it verified.
        retention:
          - id: purge_biometrics
            target: biometric_attachments
            action: purge
            trigger: case_closed
            after_days: 30
            legal_basis: Regulation (EU) 2016/679, Articles 5(1)(e) and 9
            verified: false
          - id: anonymise_case
            target: case
            action: anonymise
            trigger: case_closed
            after_days: 1825
            legal_basis: Regulation (EU) 2016/679, Article 5(1)(e)
            verified: false

        """
}
