import Foundation
import RCMSConfig
import Testing

@testable import RCMSCore

@Suite("Engine on the bundled tenants")
struct BundledTenantTests {
    static let tenantsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tenants")

    static let tenantIDs: [String] = {
        let names = try? FileManager.default.contentsOfDirectory(atPath: tenantsDirectory.path)
        return (names ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    static func engine(_ id: String) throws -> WorkflowEngine {
        let result = TenantLoader(today: Fixtures.today).load(
            directory: tenantsDirectory.appendingPathComponent(id).path, displayPrefix: "Tenants/\(id)")
        guard let configuration = result.configuration else {
            let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
            Issue.record("tenant \(id) does not load:\n\(errors.joined(separator: "\n"))")
            throw FixtureError.invalidTenant(id)
        }
        return try WorkflowEngine(configuration: configuration)
    }

    @Test("bundled tenants are found")
    func found() {
        #expect(!Self.tenantIDs.isEmpty)
    }

    @Test("removal needs baseline safeguards", arguments: tenantIDs)
    func removalNeedsSafeguards(id: String) throws {
        let engine = try Self.engine(id)
        let workflow = engine.configuration.workflow
        let removalStates = Set(workflow.states.filter(\.isRemoval).map(\.id.value))
        let entries = workflow.transitions.filter { removalStates.contains($0.to.value) }
        #expect(!entries.isEmpty)

        for transition in entries {
            for from in transition.from.map(\.value) {
                for voluntary in [false, true] {
                    let snapshot = CaseSnapshot(
                        id: "c-1", state: from, version: 1, isVoluntaryReturn: voluntary, activeHolds: 1)
                    let missing = engine.decide(
                        TransitionRequest(
                            snapshot: snapshot, actor: .system, transitionID: transition.id.value, readVersion: 1,
                            instant: WorkflowEngineTests.noon)
                    ).unmetConditions.compactMap { reason -> String? in
                        if case .missingSafeguard(_, let safeguard) = reason { return safeguard }
                        return nil
                    }
                    let expected = Safeguard.baseline.filter { voluntary || $0.scope == .all }.map(\.id)
                    #expect(Set(expected).isSubset(of: Set(missing)), "\(transition.id.value) from \(from)")
                }
            }
        }
    }

    @Test("a hold blocks removal", arguments: tenantIDs)
    func holdBlocksRemoval(id: String) throws {
        let engine = try Self.engine(id)
        let workflow = engine.configuration.workflow
        for transition in workflow.transitions where workflow.state(transition.to.value)?.isRemoval == true {
            let snapshot = CaseSnapshot(
                id: "c-1", state: transition.from[0].value, version: 1,
                attestedSafeguards: Set(transition.safeguardIDs), activeHolds: 1)
            let reasons = engine.decide(
                TransitionRequest(
                    snapshot: snapshot, actor: .system, transitionID: transition.id.value, readVersion: 1,
                    instant: WorkflowEngineTests.noon)
            ).unmetConditions
            #expect(reasons.contains { $0.code == "active_hold" }, "\(transition.id.value)")
        }
    }
}
