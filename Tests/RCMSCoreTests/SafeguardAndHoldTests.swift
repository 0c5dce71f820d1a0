import RCMSConfig
import Testing

@testable import RCMSCore

@Suite("Safeguards and holds")
struct SafeguardAndHoldTests {
    static let baseline = Fixtures.baselineSafeguards

    @Test("each baseline safeguard alone blocks scheduling a voluntary return", arguments: baseline)
    func eachBaselineSafeguardBlocks(safeguard: String) throws {
        let snapshot = Fixtures.readyForRemoval(voluntary: true, attested: Set(Self.baseline).subtracting([safeguard]))
        let outcome = try Fixtures.engine().decide(
            TransitionRequest(
                snapshot: snapshot, actor: Fixtures.officer, transitionID: "schedule_removal", readVersion: 9,
                instant: WorkflowEngineTests.noon))
        #expect(outcome.unmetConditions == [.missingSafeguard(transition: "schedule_removal", safeguard: safeguard)])
    }

    @Test(
        "informed consent is needed for voluntary returns only",
        arguments: [
            (true, false, ["informed_consent"]),
            (true, true, []),
            (false, false, []),
            (false, true, []),
        ])
    func informedConsent(voluntary: Bool, consentAttested: Bool, missing: [String]) throws {
        var attested = Set(Self.baseline)
        if !consentAttested { attested.remove("informed_consent") }
        let snapshot = Fixtures.readyForRemoval(voluntary: voluntary, attested: attested)
        let outcome = try Fixtures.engine().decide(
            TransitionRequest(
                snapshot: snapshot, actor: Fixtures.officer, transitionID: "schedule_removal", readVersion: 9,
                instant: WorkflowEngineTests.noon))
        #expect(
            outcome.unmetConditions == missing.map { .missingSafeguard(transition: "schedule_removal", safeguard: $0) })
        #expect((outcome.decision != nil) == missing.isEmpty)
    }

    struct AttestCase: Sendable, CustomTestStringConvertible {
        var name: String
        var actor: CaseActor
        var evidence: String
        var codes: [String]
        var testDescription: String { name }
    }

    static let attestCases: [AttestCase] = [
        AttestCase(
            name: "requesting officer with evidence", actor: Fixtures.officer, evidence: "REG-2026-114", codes: []),
        AttestCase(name: "without evidence", actor: Fixtures.officer, evidence: " \n", codes: ["missing_evidence"]),
        AttestCase(
            name: "a role not listed in attested_by", actor: Fixtures.admin, evidence: "REG-1", codes: ["not_attester"]),
        AttestCase(
            name: "the requested state", actor: Fixtures.requestedOfficer, evidence: "REG-1", codes: ["not_attester"]),
        AttestCase(
            name: "the monitor", actor: Fixtures.monitor, evidence: "", codes: ["not_attester", "missing_evidence"]),
        AttestCase(name: "the system", actor: .system, evidence: "REG-1", codes: ["system_actor_not_allowed"]),
    ]

    @Test("who may attest each baseline safeguard", arguments: baseline, attestCases)
    func attest(safeguard: String, testCase: AttestCase) throws {
        let rules = SafeguardRules(configuration: try Fixtures.engineConfiguration())
        let outcome = rules.attest(safeguard, on: "c-2", evidenceReference: testCase.evidence, by: testCase.actor)
        #expect(outcome.unmetConditions.map(\.code) == testCase.codes)
        if let attestation = outcome.value {
            #expect(attestation.safeguardID == safeguard)
            #expect(attestation.attestedBy == "u-officer")
            #expect(attestation.roleID == "requesting_officer")
            #expect(attestation.evidenceReference == testCase.evidence)
            #expect(attestation.auditAction == .safeguardAttest)
        }
    }

    @Test("an actor with several roles attests under the one listed")
    func attestWithSeveralRoles() throws {
        let rules = SafeguardRules(configuration: try Fixtures.engineConfiguration())
        let actor = CaseActor.user(id: "u-both", party: .requesting, roles: ["requesting_admin", "requesting_officer"])
        let outcome = rules.attest("identity_confirmed", on: "c-2", evidenceReference: "NADRA-77", by: actor)
        #expect(outcome.value?.roleID == "requesting_officer")
        #expect(outcome.value?.attestedBy == "u-both")
    }

    @Test("an unknown safeguard is refused by name")
    func unknownSafeguard() throws {
        let rules = SafeguardRules(configuration: try Fixtures.engineConfiguration())
        let outcome = rules.attest("no_flight_risk", on: "c-2", evidenceReference: "x", by: Fixtures.officer)
        #expect(outcome.unmetConditions == [.unknownSafeguard(safeguard: "no_flight_risk")])
    }

    struct HoldCase: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: HoldChange.Kind
        var actor: CaseActor
        var reason: String
        var active: Bool = true
        var codes: [String]
        var testDescription: String { name }
    }

    static let holdCases: [HoldCase] = [
        HoldCase(name: "monitor places", kind: .place, actor: Fixtures.monitor, reason: "monitoring visit", codes: []),
        HoldCase(
            name: "requesting officer places", kind: .place, actor: Fixtures.officer, reason: "remedy lodged",
            codes: []),
        HoldCase(
            name: "requesting admin lacks hold.place", kind: .place, actor: Fixtures.admin, reason: "x",
            codes: ["missing_permission"]),
        HoldCase(
            name: "the requested state places no hold", kind: .place, actor: Fixtures.requestedOfficer, reason: "x",
            codes: ["missing_permission"]),
        HoldCase(
            name: "a hold needs a reason", kind: .place, actor: Fixtures.monitor, reason: "", codes: ["missing_reason"]),
        HoldCase(
            name: "the system places no hold", kind: .place, actor: .system, reason: "x",
            codes: ["system_actor_not_allowed"]),
        HoldCase(name: "monitor lifts", kind: .lift, actor: Fixtures.monitor, reason: "concern resolved", codes: []),
        HoldCase(name: "officer lifts", kind: .lift, actor: Fixtures.officer, reason: "remedy dismissed", codes: []),
        HoldCase(
            name: "requested officer lacks hold.lift", kind: .lift, actor: Fixtures.requestedOfficer, reason: "x",
            codes: ["missing_permission"]),
        HoldCase(
            name: "lifting needs a reason", kind: .lift, actor: Fixtures.monitor, reason: "  ",
            codes: ["missing_reason"]),
        HoldCase(
            name: "a lifted hold is not lifted again", kind: .lift, actor: Fixtures.monitor, reason: "x", active: false,
            codes: ["no_active_hold"]),
    ]

    @Test("who may place and lift holds", arguments: holdCases)
    func holds(_ testCase: HoldCase) throws {
        let rules = HoldRules(configuration: try Fixtures.engineConfiguration())
        let outcome =
            testCase.kind == .place
            ? rules.place(on: "c-2", reason: testCase.reason, by: testCase.actor)
            : rules.lift(on: "c-2", reason: testCase.reason, by: testCase.actor, holdIsActive: testCase.active)
        #expect(outcome.unmetConditions.map(\.code) == testCase.codes)
        if let change = outcome.value {
            #expect(change.kind == testCase.kind)
            #expect(change.reason == testCase.reason)
            #expect(change.auditAction == (testCase.kind == .place ? .holdPlace : .holdLift))
        }
    }

    @Test("a hold blocks removal until lifted, and only removal")
    func holdLifecycle() throws {
        let engine = try Fixtures.engine()
        let rules = HoldRules(configuration: engine.configuration)
        var snapshot = Fixtures.readyForRemoval()
        func decide(_ transition: String) -> TransitionOutcome {
            engine.decide(
                TransitionRequest(
                    snapshot: snapshot, actor: Fixtures.officer, transitionID: transition,
                    readVersion: snapshot.version, instant: WorkflowEngineTests.noon))
        }

        #expect(rules.place(on: snapshot.id, reason: "monitoring visit", by: Fixtures.monitor).value != nil)
        snapshot.activeHolds = 1
        #expect(decide("schedule_removal").unmetConditions.map(\.code) == ["active_hold"])
        #expect(decide("withdraw").decision != nil)

        #expect(rules.lift(on: snapshot.id, reason: "concern resolved", by: Fixtures.monitor).value != nil)
        snapshot.activeHolds = 0
        #expect(decide("schedule_removal").decision?.toState == "removal_scheduled")
    }
}
