/// One semantic difference between two versions of a tenant configuration.
public struct ConfigChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable {
        case added, removed, changed

        var symbol: String {
            switch self {
            case .added: return "+"
            case .removed: return "-"
            case .changed: return "~"
            }
        }
    }

    public var kind: Kind
    /// The changed element, such as `state 'accepted'` or `field 'passport.number'`.
    public var subject: String
    /// For a change: what it was and what it is now.
    public var detail: String?

    public init(_ kind: Kind, _ subject: String, _ detail: String? = nil) {
        self.kind = kind
        self.subject = subject
        self.detail = detail
    }

    public var description: String {
        "\(kind.symbol) \(subject)" + (detail.map { ": \($0)" } ?? "")
    }
}

/// Compares two tenant configurations by meaning: states, transitions, deadlines, documents,
/// fields, safeguards, calendars, roles, languages and retention rules. Reordering entries or
/// reformatting the YAML is no change.
public enum ConfigDiff {
    public static func compare(old: TenantDraft, new: TenantDraft) -> [ConfigChange] {
        var changes: [ConfigChange] = []
        let oldLanguages = old.languages?.codes ?? []
        let newLanguages = new.languages?.codes ?? []
        for language in newLanguages where !oldLanguages.contains(language) {
            changes.append(.init(.added, "language '\(language)'"))
        }
        for language in oldLanguages where !newLanguages.contains(language) {
            changes.append(.init(.removed, "language '\(language)'"))
        }

        changes += compareList(
            "state", old.workflow?.states ?? [], new.workflow?.states ?? [], id: \.id.value, summary: describe)
        changes += compareList(
            "transition", old.workflow?.transitions ?? [], new.workflow?.transitions ?? [], id: \.id.value,
            summary: describe)
        changes += compareList("document type", old.documentTypes, new.documentTypes, id: \.id.value, summary: describe)
        for newType in new.documentTypes {
            guard let oldType = old.documentTypes.first(where: { $0.id.value == newType.id.value }) else { continue }
            changes += compareList(
                "field '\(newType.id.value).", oldType.fields, newType.fields, id: \.id.value, summary: describe,
                subjectFormat: { "field '\(newType.id.value).\($0)'" })
        }
        changes += compareList("safeguard", old.safeguards, new.safeguards, id: \.id.value, summary: describe)
        changes += compareList("role", old.roles, new.roles, id: \.id.value, summary: describe)
        changes += compareList("retention rule", old.retention, new.retention, id: \.id.value, summary: describe)

        let oldCalendars = old.calendars.map { (id: $0.key, calendar: $0.value.calendar) }
        let newCalendars = new.calendars.map { (id: $0.key, calendar: $0.value.calendar) }
        changes += compareList("calendar", oldCalendars, newCalendars, id: \.id, summary: { describe($0.calendar) })
        for entry in newCalendars {
            guard let before = old.calendars[entry.id]?.calendar else { continue }
            changes += compareHolidays(calendar: entry.id, old: before, new: entry.calendar)
        }
        changes += compareParties(old: old, new: new)
        if let before = old.workflow?.initial.value, let after = new.workflow?.initial.value, before != after {
            changes.append(.init(.changed, "initial state", "\(before) -> \(after)"))
        }
        return changes
    }

    static func compareList<T>(
        _ kind: String, _ old: [T], _ new: [T], id: (T) -> String, summary: (T) -> String,
        subjectFormat: ((String) -> String)? = nil
    ) -> [ConfigChange] {
        let subject = subjectFormat ?? { "\(kind) '\($0)'" }
        var changes: [ConfigChange] = []
        let oldByID = Dictionary(old.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(new.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first })
        for item in new {
            guard let before = oldByID[id(item)] else {
                changes.append(.init(.added, subject(id(item))))
                continue
            }
            let (was, now) = (summary(before), summary(item))
            if was != now {
                changes.append(.init(.changed, subject(id(item)), changedAspects(was, now)))
            }
        }
        for item in old where newByID[id(item)] == nil {
            changes.append(.init(.removed, subject(id(item))))
        }
        return changes
    }

    /// Only the parts that differ, when a summary is made of `name=value` parts joined by ` | `.
    static func changedAspects(_ was: String, _ now: String) -> String {
        let before = was.components(separatedBy: " | ")
        let after = now.components(separatedBy: " | ")
        guard before.count == after.count, before.count > 1 else { return "\(was) -> \(now)" }
        return zip(before, after).filter { $0 != $1 }.map { "\($0) -> \($1)" }.joined(separator: "; ")
    }

    static func compareParties(old: TenantDraft, new: TenantDraft) -> [ConfigChange] {
        var changes: [ConfigChange] = []
        for side in [PartySide.requesting, .requested] {
            guard let before = old.parties?.party(side), let after = new.parties?.party(side) else { continue }
            let was =
                "country=\(before.country.value) | time_zone=\(before.timeZone.value) | calendar=\(before.calendar.value) | authority={\(labelSummary(before.authority))}"
            let now =
                "country=\(after.country.value) | time_zone=\(after.timeZone.value) | calendar=\(after.calendar.value) | authority={\(labelSummary(after.authority))}"
            if was != now { changes.append(.init(.changed, "\(side.rawValue) party", changedAspects(was, now))) }
        }
        if let before = old.agreement, let after = new.agreement {
            let was =
                "legal_reference=\(before.legalReference) | verified=\(before.verified ?? true) | name={\(labelSummary(before.name))}"
            let now =
                "legal_reference=\(after.legalReference) | verified=\(after.verified ?? true) | name={\(labelSummary(after.name))}"
            if was != now { changes.append(.init(.changed, "agreement", changedAspects(was, now))) }
        }
        if let before = old.languages?.default.value, let after = new.languages?.default.value, before != after {
            changes.append(.init(.changed, "default language", "\(before) -> \(after)"))
        }
        return changes
    }

    static func compareHolidays(calendar: String, old: PartyCalendar, new: PartyCalendar) -> [ConfigChange] {
        let before = Dictionary((old.holidays ?? []).map { ($0.date.value, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary((new.holidays ?? []).map { ($0.date.value, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [ConfigChange] = []
        for date in after.keys.sorted() where before[date] == nil {
            changes.append(.init(.added, "holiday \(date) in calendar '\(calendar)'"))
        }
        for date in before.keys.sorted() where after[date] == nil {
            changes.append(.init(.removed, "holiday \(date) in calendar '\(calendar)'"))
        }
        return changes
    }

    static func labelSummary(_ label: LocalizedText) -> String {
        label.texts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func describe(_ state: WorkflowState) -> String {
        var flags: [String] = []
        if state.isTerminal { flags.append("terminal") }
        if state.isRemoval { flags.append("removal") }
        if state.isClosed { flags.append("closed") }
        if state.isTransferred { flags.append("transferred") }
        return "[\(flags.joined(separator: " "))] label {\(labelSummary(state.label))}"
    }

    static func describe(_ deadline: Deadline?) -> String {
        guard let deadline else { return "no deadline" }
        var text =
            "deadline \(deadline.amount.value) \(deadline.unit.value.rawValue) for \(deadline.party.value.rawValue)"
        if let ext = deadline.extension { text += " (+\(ext.maxAmount.value) \(ext.unit.value.rawValue))" }
        if let expiry = deadline.onExpiry {
            text += " then \(expiry.action.value.rawValue)" + (expiry.transition.map { " \($0.value)" } ?? "")
        }
        return text
    }

    static func describe(_ transition: Transition) -> String {
        let from = transition.from.map(\.value).joined(separator: ",")
        let party = transition.isSystem ? "system" : transition.party?.value.rawValue ?? "?"
        let documents = (transition.requires?.documents ?? []).map(\.value).joined(separator: ",")
        let any = (transition.requires?.anyDocuments ?? []).map(\.value).joined(separator: ",")
        let fields = (transition.requires?.fields ?? []).map(\.value).joined(separator: ",")
        let safeguards = transition.safeguardIDs.sorted().joined(separator: ",")
        return [
            "path=\(from) -> \(transition.to.value)", "party=\(party)",
            "roles=\(transition.roleIDs.joined(separator: ","))",
            "documents={\(documents)}", "any_documents={\(any)}", "fields={\(fields)}", "safeguards={\(safeguards)}",
            describe(transition.deadline) + (transition.deadline.map { " verified=\($0.verified ?? true)" } ?? ""),
            "label={\(labelSummary(transition.label))}",
        ].joined(separator: " | ")
    }

    static func describe(_ type: DocumentType) -> String {
        "evidence=\(type.evidence.value.rawValue) | provided_by=\(type.providedBy.value.rawValue) | retention_class=\(type.effectiveRetentionClass.rawValue) | label={\(labelSummary(type.label))}"
    }

    static func describe(_ field: FieldDefinition) -> String {
        let values = (field.values ?? []).map(\.id.value).joined(separator: ",")
        return
            "\(field.type.value.rawValue)\(field.isRequired ? " required" : "")\(field.isShared ? "" : " not shared")\(values.isEmpty ? "" : " {\(values)}")"
    }

    static func describe(_ safeguard: Safeguard) -> String {
        "applies_to=\(safeguard.scope.rawValue) | attested_by=\(safeguard.attestedBy.map(\.value).joined(separator: ",")) | legal_basis=\(safeguard.legalBasis ?? "") | label={\(labelSummary(safeguard.label))}"
    }

    static func describe(_ role: Role) -> String {
        "party=\(role.party.value.rawValue) | permissions=\(role.permissions.map(\.value.rawValue).sorted().joined(separator: ",")) | label={\(labelSummary(role.label))}"
    }

    static func describe(_ rule: RetentionRule) -> String {
        "\(rule.action.value.rawValue) \(rule.target.value.rawValue) \(rule.afterDays.value) days after \(rule.trigger.value.rawValue) | verified=\(rule.verified ?? true)"
    }

    static func describe(_ calendar: PartyCalendar) -> String {
        calendar.weekend.map { "from \($0.from.value): \($0.days.map(\.value.rawValue).joined(separator: ","))" }
            .joined(separator: "; ")
    }
}
