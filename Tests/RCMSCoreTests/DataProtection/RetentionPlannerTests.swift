import Foundation
import RCMSConfig
import RCMSCore
import Testing

@Suite("Retention planner")
struct RetentionPlannerTests {
    static let day: Int64 = 86_400
    static let now = Instant(microsecondsSinceEpoch: 1_800_000_000 * 1_000_000)

    static func ago(days: Int64) -> Instant { now.adding(seconds: -days * day) }

    /// Rules of a published configuration, loaded from a small retention section.
    static func rules(afterDays: Int, trigger: String) throws -> [RetentionRule] {
        let yaml = """
            retention:
              - id: rule
                target: case
                action: purge
                trigger: \(trigger)
                after_days: \(afterDays)
                legal_basis: test

            """
        return try DataProtectionFixtureRules.configuration(retention: yaml).retention
    }

    @Test(
        "a case is due once its trigger lies the period back, unless something blocks it",
        arguments: [
            // closed days ago, holds, remedy cleared, open case, expected
            (31, 0, false, false, "due"), (29, 0, false, false, "none"), (31, 1, false, false, "hold"),
            (31, 0, false, true, "none"),
        ])
    func caseClosedRule(closedDaysAgo: Int64, holds: Int, cleared: Bool, stillOpen: Bool, expected: String) throws {
        let rules = try Self.rules(afterDays: 30, trigger: "case_closed")
        let candidate = RetentionCandidate(
            caseID: 1, createdAt: Self.ago(days: 400), closedAt: stillOpen ? nil : Self.ago(days: closedDaysAgo),
            holdsInForce: holds, suspensiveRemedyCleared: cleared)
        let plan = RetentionPlanner.plan(rules: rules, cases: [candidate], now: Self.now)[0]
        switch expected {
        case "due": #expect(plan.due == [1] && plan.skipped.isEmpty)
        case "hold": #expect(plan.skipped == [RetentionSkip(caseID: 1, reason: .holdInForce(count: holds))])
        default: #expect(plan.due.isEmpty && plan.skipped.isEmpty)
        }
    }

    @Test("an open case under a creation rule waits for the suspensive-remedy check")
    func openCaseNeedsRemedyAttestation() throws {
        let rules = try Self.rules(afterDays: 10, trigger: "case_created")
        let pending = RetentionCandidate(caseID: 1, createdAt: Self.ago(days: 11))
        let cleared = RetentionCandidate(caseID: 2, createdAt: Self.ago(days: 11), suspensiveRemedyCleared: true)
        let young = RetentionCandidate(caseID: 3, createdAt: Self.ago(days: 9))
        let plan = RetentionPlanner.plan(rules: rules, cases: [pending, cleared, young], now: Self.now)[0]
        #expect(plan.due == [2])
        #expect(plan.skipped == [RetentionSkip(caseID: 1, reason: .suspensiveRemedyMayBePending)])
    }

    @Test("a zero-day rule reaches a case closed this very instant")
    func zeroDays() throws {
        let rules = try Self.rules(afterDays: 0, trigger: "case_transferred")
        let candidate = RetentionCandidate(
            caseID: 4, createdAt: Self.ago(days: 3), closedAt: Self.now, transferredAt: Self.now)
        #expect(RetentionPlanner.plan(rules: rules, cases: [candidate], now: Self.now)[0].due == [4])
    }
}

/// Builds a configuration from the bundled de-pk tenant with another retention section.
enum DataProtectionFixtureRules {
    static func configuration(retention: String) throws -> TenantConfiguration {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let original = try TenantLoader.readBundle(directory: "\(repository)/Tenants/de-pk")
        let files = original.files.map { file in
            file.path == "retention.yaml" ? TenantBundle.File(path: file.path, contents: Array(retention.utf8)) : file
        }
        let result = TenantLoader().load(bundle: TenantBundle(tenantID: "de-pk", files: files), displayPrefix: "test")
        guard let configuration = result.configuration else {
            throw DataProtectionFixtureError(description: "test tenant does not validate: \(result.diagnostics)")
        }
        return configuration
    }
}
