import Foundation
import RCMSConfig
import Testing

@testable import RCMSCore

@Suite("Workflow state machine")
struct WorkflowEngineTests {
    static let noon = Date(timeIntervalSince1970: 1_795_000_000)

    static func request(
        _ transition: String, on snapshot: CaseSnapshot, by actor: CaseActor = Fixtures.officer,
        readVersion: Int64? = nil, at instant: Date = noon
    ) -> TransitionRequest {
        TransitionRequest(
            snapshot: snapshot, actor: actor, transitionID: transition, readVersion: readVersion ?? snapshot.version,
            instant: instant)
    }

    struct RefusalCase: Sendable, CustomTestStringConvertible {
        var name: String
        var request: TransitionRequest
        var expected: [UnmetCondition]
        var testDescription: String { name }
    }

    static let emptyDraft = CaseSnapshot(id: "c-3", state: "draft", version: 1)

    static let refusalCases: [RefusalCase] = [
        RefusalCase(
            name: "unknown transition", request: request("submitt", on: Fixtures.readyDraft()),
            expected: [.unknownTransition(transition: "submitt")]),
        RefusalCase(
            name: "not allowed from the current state",
            request: request("accept", on: Fixtures.readyDraft(), by: Fixtures.requestedOfficer),
            expected: [.notAllowedFromState(transition: "accept", state: "draft", allowedFrom: ["submitted"])]),
        RefusalCase(
            name: "wrong party", request: request("submit", on: Fixtures.readyDraft(), by: Fixtures.requestedOfficer),
            expected: [
                .wrongParty(transition: "submit", required: .requesting, actual: .requested),
                .missingRole(transition: "submit", anyOf: ["requesting_officer"]),
            ]),
        RefusalCase(
            name: "missing role", request: request("submit", on: Fixtures.readyDraft(), by: Fixtures.admin),
            expected: [.missingRole(transition: "submit", anyOf: ["requesting_officer"])]),
        RefusalCase(
            name: "a role claimed for the wrong party does not count",
            request: request(
                "submit", on: Fixtures.readyDraft(),
                by: .user(id: "u-x", party: .requested, roles: ["requesting_officer"])),
            expected: [
                .wrongParty(transition: "submit", required: .requesting, actual: .requested),
                .missingRole(transition: "submit", anyOf: ["requesting_officer"]),
            ]),
        RefusalCase(
            name: "the monitor performs no transition",
            request: request("submit", on: Fixtures.readyDraft(), by: Fixtures.monitor),
            expected: [
                .wrongParty(transition: "submit", required: .requesting, actual: .monitor),
                .missingRole(transition: "submit", anyOf: ["requesting_officer"]),
            ]),
        RefusalCase(
            name: "system-only transition",
            request: request("deemed_acceptance", on: submitted, by: Fixtures.requestedOfficer),
            expected: [.systemOnlyTransition(transition: "deemed_acceptance")]),
        RefusalCase(
            name: "the system does not make an officer's transition",
            request: request("accept", on: submitted, by: .system),
            expected: [.userOnlyTransition(transition: "accept")]),
        RefusalCase(
            name: "missing document and its field",
            request: request("submit", on: without(document: "application_form")),
            expected: [
                .missingDocument(transition: "submit", documentType: "application_form"),
                .missingField(transition: "submit", field: "application_form.reference"),
            ]),
        RefusalCase(
            name: "missing any-of documents", request: request("submit", on: without(document: "passport")),
            expected: [
                .missingAnyDocument(transition: "submit", anyOf: ["passport", "birth_certificate", "fingerprints"])
            ]),
        RefusalCase(
            name: "missing fields, each",
            request: request("submit", on: withPersonFields(["given_names"])),
            expected: [
                .missingField(transition: "submit", field: "person.surname"),
                .missingField(transition: "submit", field: "person.date_of_birth"),
            ]),
        RefusalCase(
            name: "a document present with an empty field",
            request: request(
                "issue_travel_document",
                on: CaseSnapshot(id: "c-4", state: "accepted", version: 2, documents: ["travel_document": ["number"]]),
                by: Fixtures.requestedOfficer),
            expected: [.missingField(transition: "issue_travel_document", field: "travel_document.expiry_date")]),
        RefusalCase(
            name: "missing safeguards on a forced return, each",
            request: request("schedule_removal", on: Fixtures.readyForRemoval(attested: [])),
            expected: [
                "no_pending_asylum_claim", "no_suspensive_remedy", "no_valid_residence_permit", "identity_confirmed",
            ]
            .map { .missingSafeguard(transition: "schedule_removal", safeguard: $0) }),
        RefusalCase(
            name: "an active hold blocks a removal state",
            request: request("schedule_removal", on: Fixtures.readyForRemoval(holds: 2)),
            expected: [.activeHold(transition: "schedule_removal", state: "removal_scheduled", holds: 2)]),
        RefusalCase(
            name: "stale version", request: request("submit", on: Fixtures.readyDraft(version: 4), readVersion: 3),
            expected: [.staleVersion(read: 3, current: 4)]),
        RefusalCase(
            name: "unknown transition and stale version together",
            request: request("fly", on: Fixtures.readyDraft(version: 4), readVersion: 2),
            expected: [.unknownTransition(transition: "fly"), .staleVersion(read: 2, current: 4)]),
        RefusalCase(
            name: "every unmet condition at once",
            request: request("submit", on: emptyDraft, by: Fixtures.admin, readVersion: 0),
            expected: [
                .missingRole(transition: "submit", anyOf: ["requesting_officer"]),
                .missingDocument(transition: "submit", documentType: "application_form"),
                .missingAnyDocument(transition: "submit", anyOf: ["passport", "birth_certificate", "fingerprints"]),
                .missingField(transition: "submit", field: "person.surname"),
                .missingField(transition: "submit", field: "person.date_of_birth"),
                .missingField(transition: "submit", field: "application_form.reference"),
                .staleVersion(read: 0, current: 1),
            ]),
        RefusalCase(
            name: "state, safeguards and hold at once",
            request: request(
                "schedule_removal",
                on: CaseSnapshot(id: "c-5", state: "accepted", version: 5, isVoluntaryReturn: true, activeHolds: 1)),
            expected: [
                .notAllowedFromState(
                    transition: "schedule_removal", state: "accepted", allowedFrom: ["travel_document_issued"])
            ]
                + Fixtures.baselineSafeguards.map { .missingSafeguard(transition: "schedule_removal", safeguard: $0) }
                + [.activeHold(transition: "schedule_removal", state: "removal_scheduled", holds: 1)]),
    ]

    static let submitted = CaseSnapshot(
        id: "c-1", state: "submitted", version: 4,
        openDeadlines: [OpenDeadline(id: "d-1", transitionID: "submit", awaitedState: "submitted")])

    static func without(document: String) -> CaseSnapshot {
        var snapshot = Fixtures.readyDraft()
        snapshot.documents[document] = nil
        return snapshot
    }

    static func withPersonFields(_ fields: Set<String>) -> CaseSnapshot {
        var snapshot = Fixtures.readyDraft()
        snapshot.personFields = fields
        return snapshot
    }

    @Test("refusals list every unmet condition", arguments: refusalCases)
    func refusals(_ testCase: RefusalCase) throws {
        let outcome = try Fixtures.engine().decide(testCase.request)
        #expect(outcome.decision == nil)
        #expect(outcome.unmetConditions == testCase.expected)
    }

    @Test("every reason has a stable code and a message that names ids only", arguments: refusalCases)
    func messages(_ testCase: RefusalCase) throws {
        for reason in try Fixtures.engine().decide(testCase.request).unmetConditions {
            #expect(reason.code.allSatisfy { $0.isLowercase || $0 == "_" })
            #expect(reason.message.contains("'") || reason.code == "stale_version")
            #expect(!reason.message.contains("u-officer"))
            #expect(!reason.message.contains("u-admin"))
        }
    }

    @Test("submitting starts the reply deadline on the requested state's calendar")
    func submit() throws {
        let engine = try Fixtures.engine()
        // Thursday 19 November 2026, 23:30 in Karachi: 18:30 UTC, still the 19th there.
        let instant = try Fixtures.instant("2026-11-19T23:30:00+05:00")
        let decision = try #require(
            engine.decide(Self.request("submit", on: Fixtures.readyDraft(), at: instant)).decision)

        #expect(decision.fromState == "draft")
        #expect(decision.toState == "submitted")
        #expect(decision.previousVersion == 3)
        #expect(decision.newVersion == 4)
        #expect(decision.deadlinesToClose.isEmpty)
        #expect(decision.auditActions == [.caseTransition, .deadlineStart])

        let start = try #require(decision.deadlinesToStart.first)
        #expect(decision.deadlinesToStart.count == 1)
        #expect(start.transitionID == "submit")
        #expect(start.awaitedState == "submitted")
        #expect(start.party == .requested)
        #expect(start.deadline.terms.startDate == Fixtures.date("2026-11-19"))
        #expect(start.deadline.dueDate == Fixtures.date("2027-01-18"))
        #expect(start.deadline.timeZoneIdentifier == "Asia/Karachi")
        #expect(start.onExpiry == .transition)
        #expect(start.expiryTransition == "deemed_acceptance")
        #expect(start.verified == false)
    }

    @Test("accepting meets the reply deadline and starts a working-day one")
    func accept() throws {
        let instant = try Fixtures.instant("2026-12-21T10:00:00+05:00")
        let decision = try #require(
            Fixtures.engine().decide(
                Self.request("accept", on: Self.submitted, by: Fixtures.requestedOfficer, at: instant)
            )
            .decision)
        #expect(decision.deadlinesToClose == [DeadlineClosure(deadlineID: "d-1", outcome: .met)])
        #expect(decision.deadlinesToStart.first?.deadline.dueDate == Fixtures.date("2026-12-29"))
        #expect(decision.auditActions == [.caseTransition, .deadlineMeet, .deadlineStart])
    }

    @Test("deemed acceptance by the system closes the reply deadline as expired")
    func deemedAcceptance() throws {
        let decision = try #require(
            Fixtures.engine().decide(Self.request("deemed_acceptance", on: Self.submitted, by: .system)).decision)
        #expect(decision.toState == "accepted")
        #expect(decision.deadlinesToClose == [DeadlineClosure(deadlineID: "d-1", outcome: .expired)])
        #expect(decision.auditActions == [.caseTransition, .deadlineExpire])
    }

    @Test(
        "entering removal, transfer and closed states is flagged and audited",
        arguments: [
            (
                "schedule_removal", "travel_document_issued", [AuditAction.caseTransition, .caseRemovalEntered], true,
                false
            ),
            ("confirm_transfer", "removal_scheduled", [.caseTransition, .caseTransfer, .caseClose], false, true),
            ("withdraw", "accepted", [.caseTransition, .caseClose], false, true),
        ])
    func stateFlags(transition: String, from state: String, audit: [AuditAction], removal: Bool, closes: Bool) throws {
        var snapshot = Fixtures.readyForRemoval()
        snapshot.state = state
        let decision = try #require(Fixtures.engine().decide(Self.request(transition, on: snapshot)).decision)
        #expect(decision.auditActions == audit)
        #expect(decision.entersRemovalState == removal)
        #expect(decision.closesCase == closes)
        #expect(decision.recordsTransfer == (transition == "confirm_transfer"))
    }

    @Test("available transitions explain what is missing before the click")
    func available() throws {
        let engine = try Fixtures.engine()
        let snapshot = Fixtures.readyForRemoval(attested: ["identity_confirmed"])
        let options = engine.availableTransitions(for: snapshot, actor: Fixtures.officer)
        #expect(options.map(\.transitionID) == ["schedule_removal", "withdraw"])
        #expect(
            options[0].unmetConditions
                == ["no_pending_asylum_claim", "no_suspensive_remedy", "no_valid_residence_permit"].map {
                    .missingSafeguard(transition: "schedule_removal", safeguard: $0)
                })
        #expect(options[1].isAllowed)
    }

    @Test("available transitions by party")
    func availableByParty() throws {
        let engine = try Fixtures.engine()
        let own = engine.availableTransitions(for: Self.submitted, actor: Fixtures.requestedOfficer)
        #expect(own.map(\.transitionID) == ["accept", "reject"])
        #expect(own.allSatisfy { $0.isAllowed })

        let all = engine.availableTransitions(
            for: Self.submitted, actor: Fixtures.requestedOfficer, includingUnauthorised: true)
        #expect(all.map(\.transitionID) == ["deemed_acceptance", "accept", "reject", "withdraw"])
        #expect(all[0].unmetConditions == [.systemOnlyTransition(transition: "deemed_acceptance")])
        #expect(all[3].unmetConditions.map(\.code) == ["wrong_party", "missing_role"])
    }

    @Test("a terminal state offers nothing")
    func terminal() throws {
        let snapshot = CaseSnapshot(id: "c-6", state: "transferred", version: 12)
        #expect(try Fixtures.engine().availableTransitions(for: snapshot, actor: Fixtures.officer).isEmpty)
    }

    @Test("the engine gives the same answer every time it is asked")
    func pure() throws {
        let engine = try Fixtures.engine()
        let request = Self.request("submit", on: Fixtures.readyDraft())
        #expect(engine.decide(request) == engine.decide(request))
    }
}
