import Foundation
import RCMSConfig
import RCMSCore

/// Read-only views for the admin pages: who the caller is with the tenant's labels, each
/// party's worklist with the next deadline, holds and missing safeguards of every case, and
/// how many open cases each configuration version carries.
enum WorklistRoutes {
    struct Label: Codable {
        var id: String
        var label: String
    }

    struct Language: Codable {
        var code: String
        var rightToLeft: Bool

        enum CodingKeys: String, CodingKey {
            case code
            case rightToLeft = "right_to_left"
        }
    }

    struct Profile: Codable {
        var tenant: String
        var name: String
        var language: String
        var languages: [Language]
        var user: UserRoutes.User
        var permissions: [String]
        var roles: [Label]
        var states: [Label]
        var transitions: [Label]
        var safeguards: [Label]
    }

    struct NextDeadline: Codable {
        var dueDate: String
        var unit: String
        var party: String
        var transition: String
        var transitionLabel: String
        /// Days until the due date in the deadline's unit; negative once it has passed.
        var daysLeft: Int
        var overdue: Bool

        enum CodingKeys: String, CodingKey {
            case unit, party, transition, overdue
            case dueDate = "due_date"
            case transitionLabel = "transition_label"
            case daysLeft = "days_left"
        }
    }

    struct Item: Codable {
        var `case`: CaseViews.Case
        /// Surname and given names of each person of the case, as recorded.
        var persons: [String]
        var nextDeadline: NextDeadline?
        /// Holds in force only.
        var holds: [CaseViews.Hold]
        var missingSafeguards: [Label]

        enum CodingKeys: String, CodingKey {
            case `case`, persons, holds
            case nextDeadline = "next_deadline"
            case missingSafeguards = "missing_safeguards"
        }
    }

    struct VersionCount: Codable {
        var hash: String
        var openCases: Int

        enum CodingKeys: String, CodingKey {
            case hash
            case openCases = "open_cases"
        }
    }

    static let labelSchema = APISchema.named(
        "Label", .object(["id": .string, "label": .string], required: ["id", "label"]))
    static let profileSchema = APISchema.named(
        "Profile",
        .object(
            [
                "tenant": .string, "name": .string, "language": .string,
                "languages": .array(
                    .object(["code": .string, "right_to_left": .boolean], required: ["code", "right_to_left"])),
                "user": UserRoutes.userSchema, "permissions": .array(.string), "roles": .array(labelSchema),
                "states": .array(labelSchema), "transitions": .array(labelSchema), "safeguards": .array(labelSchema),
            ], required: ["tenant", "name", "language", "languages", "user", "permissions"]))
    static let itemSchema = APISchema.named(
        "WorklistItem",
        .object(
            [
                "case": CaseViews.caseSchema,
                "next_deadline": .object(
                    [
                        "due_date": .string, "unit": .string, "party": .string, "transition": .string,
                        "transition_label": .string, "days_left": .integer, "overdue": .boolean,
                    ], required: ["due_date", "unit", "party", "days_left", "overdue"]),
                "persons": .array(.string),
                "holds": .array(
                    .object(
                        ["id": .string, "reason": .string, "placed_at": .string],
                        required: ["id", "reason", "placed_at"]
                    )),
                "missing_safeguards": .array(labelSchema),
            ], required: ["case", "persons", "holds", "missing_safeguards"]))
    static let versionCountSchema = APISchema.named(
        "OpenCasesByVersion",
        .object(["hash": .string, "open_cases": .integer], required: ["hash", "open_cases"]))

    // MARK: Handlers

    /// The caller with their permissions, and the tenant's languages and labels in the
    /// language the request asks for.
    static func profile(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        guard let configuration = try context.environment.activeConfiguration(tenant: caller.tenant),
            let user = try context.environment.storage.read(tenant: caller.tenant, { try $0.fetchUser(caller.userID) })
        else { throw APIError.notFound }
        let language = context.language(for: configuration)
        let fallback = configuration.languages.default.value
        func text(_ label: LocalizedText) -> String { label.text(in: language, fallback: fallback) }

        let profile = Profile(
            tenant: caller.tenant, name: text(configuration.info.name), language: language,
            languages: configuration.languages.codes.map {
                Language(code: $0, rightToLeft: Languages.isRightToLeft($0))
            },
            user: UserRoutes.User(user), permissions: caller.permissions.map(\.rawValue).sorted(),
            roles: caller.roleIDs.compactMap { id in configuration.role(id).map { Label(id: id, label: text($0.label)) }
            },
            states: configuration.workflow.states.map { Label(id: $0.id.value, label: text($0.label)) },
            transitions: configuration.workflow.transitions.map { Label(id: $0.id.value, label: text($0.label)) },
            safeguards: configuration.safeguards.map { Label(id: $0.id.value, label: text($0.label)) })
        return .json(profile)
    }

    /// Open cases with their next deadline, holds and missing safeguards, filtered like
    /// `listCases`. The requested party does not see cases still in the initial state.
    static func worklist(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        let query = context.request.query
        var caseQuery = CaseQuery(limit: min(max(Int(query["limit"] ?? "") ?? 100, 1), 500))
        if let state = query["state"], !state.isEmpty {
            caseQuery.states = state.split(separator: ",").map(String.init)
        }
        if let name = query["name"], !name.isEmpty { caseQuery.name = .contains(name) }
        let utc = TimeZone(identifier: "UTC") ?? .current
        if query["overdue"] == "true" { caseQuery.overdueAsOf = DeadlineCalculator.civilDate(of: Date(), in: utc) }

        let environment = context.environment
        let active = try environment.activeConfiguration(tenant: caller.tenant)
        let items = try environment.storage.read(tenant: caller.tenant) { reader -> [Item] in
            let records = try reader.listCases(caseQuery).filter { record in
                record.closedAt == nil
                    && (caller.party != .requested || record.state != (active?.workflow.initial.value ?? ""))
            }
            return try records.map { record in
                let configuration =
                    (try? environment.versions.version(tenant: caller.tenant, hash: record.configurationHash)) ?? active
                let language = configuration.map { context.language(for: $0) } ?? "en"
                let attested = Set(try reader.attestations(caseID: record.id).map(\.safeguardID))
                return Item(
                    case: CaseViews.Case(record, configuration: configuration, language: language),
                    persons: try reader.persons(caseID: record.id).map { "\($0.surname), \($0.givenNames)" },
                    nextDeadline: try reader.deadlines(caseID: record.id).filter(\.isRunning).min {
                        $0.dueDate < $1.dueDate
                    }.map { nextDeadline($0, configuration: configuration, language: language) },
                    holds: try reader.holds(caseID: record.id).filter(\.isInForce).map {
                        CaseViews.Hold(id: String($0.id), reason: $0.reason, placedAt: $0.placedAt.description)
                    },
                    missingSafeguards: missingSafeguards(
                        record, attested: attested, configuration: configuration, language: language))
            }
        }
        return .json(items)
    }

    /// Open cases per configuration version, so that an administrator publishing a new
    /// version sees how many cases stay on an older one.
    static func openCasesByVersion(_ context: RequestContext) throws -> HTTPResponse {
        let caller = try context.requireCaller()
        var counts: [String: Int] = [:]
        var query = CaseQuery(limit: 500)
        // Bounded: at most 200 pages of 500 cases are counted.
        for _ in 0..<200 {
            let page = try context.environment.storage.read(tenant: caller.tenant) { try $0.listCases(query) }
            for record in page where record.closedAt == nil { counts[record.configurationHash, default: 0] += 1 }
            guard page.count == query.limit, let last = page.last else { break }
            query.after = CaseQuery.Cursor(after: last)
        }
        return .json(counts.sorted { $0.key < $1.key }.map { VersionCount(hash: $0.key, openCases: $0.value) })
    }

    // MARK: Helpers

    static func nextDeadline(
        _ deadline: DeadlineRecord, configuration: TenantConfiguration?, language: String
    ) -> NextDeadline {
        let side = PartySide(rawValue: deadline.party) ?? .requesting
        let party = configuration?.parties.party(side)
        let zone = party.flatMap { TimeZone(identifier: $0.timeZone.value) } ?? TimeZone(identifier: "UTC") ?? .current
        let today = DeadlineCalculator.civilDate(of: Date(), in: zone)
        var calendar: WorkingCalendar?
        if deadline.unit == .workingDays, let partyCalendar = configuration?.calendar(for: side) {
            calendar = WorkingCalendar(partyCalendar)
        }
        let label = configuration?.workflow.transition(deadline.transitionID)?.label.text(
            in: language, fallback: configuration?.languages.default.value ?? "en")
        return NextDeadline(
            dueDate: deadline.dueDate.description, unit: deadline.unit.rawValue, party: deadline.party,
            transition: deadline.transitionID, transitionLabel: label ?? deadline.transitionID,
            daysLeft: daysBetween(today, deadline.dueDate, workingDaysOf: calendar), overdue: deadline.dueDate < today)
    }

    /// Days from `start` to `end`, negative when `end` is earlier; with a calendar, only
    /// working days count. Counting stops after ten years either way.
    static func daysBetween(_ start: CivilDate, _ end: CivilDate, workingDaysOf calendar: WorkingCalendar?) -> Int {
        let span = end.daysSinceEpoch - start.daysSinceEpoch
        guard let calendar, span != 0 else { return span }
        let step = span > 0 ? 1 : -1
        var count = 0
        for offset in 1...min(abs(span), WorkingCalendar.searchLimitInDays) {
            // Counts the days after `start` up to `end`, or after `end` up to `start`.
            let day = span > 0 ? start.adding(days: offset) : end.adding(days: offset)
            if calendar.isWorkingDay(day) { count += 1 }
        }
        return count * step
    }

    /// Safeguards that a transition out of the case's state lists and nobody has attested.
    static func missingSafeguards(
        _ record: CaseRecord, attested: Set<String>, configuration: TenantConfiguration?, language: String
    ) -> [Label] {
        guard let configuration else { return [] }
        let fallback = configuration.languages.default.value
        var seen: Set<String> = []
        var missing: [Label] = []
        for transition in configuration.workflow.transitions
        where !transition.isSystem && transition.from.contains(where: { $0.value == record.state }) {
            for id in transition.safeguardIDs where !attested.contains(id) && seen.insert(id).inserted {
                guard let safeguard = configuration.safeguard(id) else { continue }
                if safeguard.scope == .voluntary && !record.voluntaryReturn { continue }
                missing.append(Label(id: id, label: safeguard.label.text(in: language, fallback: fallback)))
            }
        }
        return missing
    }
}
