import Foundation
import RCMSYAML

/// Semantic checks over a decoded tenant: codes, translations, references, reachability,
/// deadlines, retention and the baseline safeguards. Every finding is reported; none stops
/// the others.
struct TenantValidator {
    let draft: TenantDraft
    let today: CivilDate
    var diagnostics: [Diagnostic] = []

    init(draft: TenantDraft, today: CivilDate) {
        self.draft = draft
        self.today = today
    }

    mutating func validate() -> [Diagnostic] {
        if draft.hasUnreadableFile {
            warning(
                "checks_skipped", at: fallbackMark,
                "cross-reference checks were skipped because a file could not be read; fix the errors above and validate again"
            )
        }
        checkRequiredSections()
        checkTenantIdentity()
        checkLanguages()
        checkLabels()
        checkParties()
        checkCalendars()
        checkRoles()
        checkDocumentTypes()
        checkSafeguards()
        checkWorkflow()
        checkRetention()
        checkTravelDocuments()
        return diagnostics
    }

    // MARK: Reporting

    mutating func error(_ code: String, at mark: Mark, _ message: String) {
        // Checks that need the whole tenant would only repeat what an unreadable file hides.
        if draft.hasUnreadableFile && Self.completenessCodes.contains(code) { return }
        diagnostics.append(Diagnostic(.error, code, at: mark, message))
    }

    static let completenessCodes: Set<String> = [
        "missing_section", "unknown_reference", "missing_baseline_safeguard", "unreachable_state", "dead_end_state",
        "missing_monitor", "unguarded_removal", "unknown_trigger",
    ]

    mutating func warning(_ code: String, at mark: Mark, _ message: String) {
        diagnostics.append(Diagnostic(.warning, code, at: mark, message))
    }

    /// Reports `reference` unless it is one of `known`, suggesting the closest known name.
    mutating func checkReference(_ reference: Located<String>, kind: String, known: [String], context: String) {
        guard !known.contains(reference.value), !draft.brokenIDs.contains(reference.value) else { return }
        var message = "\(context) names unknown \(kind) '\(reference.value)'"
        if let suggestion = closestMatch(to: reference.value, in: known) {
            message += "; did you mean '\(suggestion)'?"
        } else if known.isEmpty {
            message += "; no \(kind) is defined"
        } else {
            message += "; known: \(known.joined(separator: ", "))"
        }
        error("unknown_reference", at: reference.mark, message)
    }

    /// Reports ids used more than once in one list.
    mutating func checkUnique(_ ids: [Located<String>], kind: String) {
        var seen: [String: Mark] = [:]
        for id in ids {
            if let first = seen[id.value] {
                error(
                    "duplicate_id", at: id.mark,
                    "\(kind) '\(id.value)' is defined twice; the first definition is at line \(first.line) of \(first.file)"
                )
            } else {
                seen[id.value] = id.mark
            }
            if !isIdentifier(id.value) {
                error(
                    "invalid_id", at: id.mark,
                    "\(kind) id '\(id.value)' must be lower-case letters, digits and underscores, starting with a letter"
                )
            }
        }
    }

    func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    var fallbackMark: Mark { Mark(file: draft.primaryFile, line: 1, column: 1) }

    // MARK: Sections and identity

    mutating func checkRequiredSections() {
        let present: [(String, Bool)] = [
            ("tenant", draft.info != nil || draft.sectionMarks["tenant"] != nil),
            ("languages", draft.languages != nil || draft.sectionMarks["languages"] != nil),
            ("agreement", draft.agreement != nil || draft.sectionMarks["agreement"] != nil),
            ("parties", draft.parties != nil || draft.sectionMarks["parties"] != nil),
            ("calendars", !draft.calendars.isEmpty || draft.sectionMarks["calendars"] != nil),
            ("roles", draft.sectionMarks["roles"] != nil),
            ("document_types", draft.sectionMarks["document_types"] != nil),
            ("safeguards", draft.sectionMarks["safeguards"] != nil),
            ("workflow", draft.sectionMarks["workflow"] != nil),
            ("retention", draft.sectionMarks["retention"] != nil),
        ]
        for (name, isPresent) in present where !isPresent {
            error(
                "missing_section", at: fallbackMark,
                "the tenant has no '\(name)' section; add it to one of its files (see docs/tenant-format.md)")
        }
    }

    mutating func checkTenantIdentity() {
        guard let info = draft.info else { return }
        let id = info.id
        if id.value != draft.directoryName {
            error(
                "tenant_id_mismatch", at: id.mark,
                "tenant id '\(id.value)' differs from its folder name '\(draft.directoryName)'; they must be the same")
        }
        let codes = id.value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard codes.count == 2, codes.allSatisfy({ $0.count == 2 && $0 == $0.lowercased() }) else {
            error(
                "invalid_tenant_id", at: id.mark,
                "tenant id '\(id.value)' must be REQUESTING-REQUESTED in lower-case ISO 3166-1 alpha-2 codes, like de-pk"
            )
            return
        }
        guard let parties = draft.parties else { return }
        let expected = "\(parties.requesting.country.value)-\(parties.requested.country.value)".lowercased()
        if id.value != expected {
            error(
                "tenant_id_mismatch", at: id.mark,
                "tenant id '\(id.value)' does not match the parties' countries; expected '\(expected)'")
        }
    }

    mutating func checkLanguages() {
        guard let languages = draft.languages else { return }
        var seen: Set<String> = []
        for code in languages.supported {
            if let problem = Codes.languageTagProblem(code.value) {
                error("invalid_language", at: code.mark, "invalid BCP 47 language code '\(code.value)': \(problem)")
            }
            if !seen.insert(code.value).inserted {
                error("duplicate_id", at: code.mark, "language '\(code.value)' is listed twice")
            }
        }
        if languages.supported.isEmpty {
            error("missing_value", at: languages.default.mark, "no supported language is listed")
        }
        if !languages.codes.contains(languages.default.value) {
            checkReference(languages.default, kind: "language", known: languages.codes, context: "the default language")
        }
    }

    mutating func checkLabels() {
        guard let languages = draft.languages else { return }
        let supported = languages.codes
        for (label, owner) in allLabels() {
            let missing = supported.filter { (label.texts[$0] ?? "").allSatisfy(\.isWhitespace) }
            if !missing.isEmpty {
                error(
                    "missing_translation", at: label.mark,
                    "label of \(owner) has no text in \(missing.map { "'\($0)'" }.joined(separator: ", ")); add a translation for every supported language"
                )
            }
            for language in label.languages where !supported.contains(language) {
                warning(
                    "unused_translation", at: label.mark,
                    "label of \(owner) has text in '\(language)', which is not a supported language")
            }
        }
    }

    /// Returns every label of the tenant with a phrase naming what it belongs to.
    func allLabels() -> [(LocalizedText, String)] {
        var labels: [(LocalizedText, String)] = []
        if let info = draft.info { labels.append((info.name, "tenant '\(info.id.value)'")) }
        if let agreement = draft.agreement { labels.append((agreement.name, "the agreement")) }
        if let parties = draft.parties {
            labels.append((parties.requesting.authority, "the requesting authority"))
            labels.append((parties.requested.authority, "the requested authority"))
        }
        for (id, entry) in draft.calendars.sorted(by: { $0.key < $1.key }) {
            for holiday in entry.calendar.holidays ?? [] {
                labels.append((holiday.name, "holiday \(holiday.date.value) in calendar '\(id)'"))
            }
        }
        for role in draft.roles { labels.append((role.label, "role '\(role.id.value)'")) }
        for type in draft.documentTypes {
            labels.append((type.label, "document type '\(type.id.value)'"))
            for field in type.fields {
                labels.append((field.label, "field '\(type.id.value).\(field.id.value)'"))
                for value in field.values ?? [] {
                    labels.append(
                        (value.label, "value '\(value.id.value)' of field '\(type.id.value).\(field.id.value)'"))
                }
            }
        }
        for safeguard in draft.safeguards { labels.append((safeguard.label, "safeguard '\(safeguard.id.value)'")) }
        if let workflow = draft.workflow {
            for state in workflow.states { labels.append((state.label, "state '\(state.id.value)'")) }
            for transition in workflow.transitions {
                labels.append((transition.label, "transition '\(transition.id.value)'"))
            }
        }
        return labels
    }

    mutating func checkParties() {
        guard let parties = draft.parties else { return }
        let calendarIDs = draft.calendars.keys.sorted()
        for (side, party) in [("requesting", parties.requesting), ("requested", parties.requested)] {
            checkCountry(party.country, context: "the \(side) party")
            if TimeZone(identifier: party.timeZone.value) == nil || !party.timeZone.value.contains("/") {
                error(
                    "invalid_time_zone", at: party.timeZone.mark,
                    "unknown time zone '\(party.timeZone.value)' for the \(side) party; use an IANA zone such as Europe/Berlin"
                )
            }
            checkReference(party.calendar, kind: "calendar", known: calendarIDs, context: "the \(side) party")
        }
        if parties.requesting.country.value == parties.requested.country.value {
            error(
                "same_country", at: parties.requested.country.mark,
                "the requesting and requested parties are the same country '\(parties.requested.country.value)'")
        }
    }

    mutating func checkCountry(_ code: Located<String>, context: String) {
        guard !Codes.countries.contains(code.value) else { return }
        var message = "\(context) has country '\(code.value)', which is not an ISO 3166-1 alpha-2 code"
        if Codes.countries.contains(code.value.uppercased()) {
            message += "; write it upper case: '\(code.value.uppercased())'"
        }
        error("invalid_country", at: code.mark, message)
    }
}
