import Foundation
import RCMSConfig
import RCMSCore
import Synchronization

/// The cases `generateScaleCases` wrote: the count per tenant, and the closed ones set aside
/// for the retention purge.
struct ScalePopulation {
    var configurations: [TenantConfiguration]
    var casesPerTenant: [String: Int]
    var purgeTenant: String
    /// Number of the purge tenant's cases generated closed.
    var closedCases: Int
    var seconds: Double

    var total: Int { casesPerTenant.values.reduce(0, +) }
}

/// Writes `count` cases spread evenly over `configurations` straight through the Storage
/// protocol, 10,000 cases per transaction: a case row, its person with search keys and, for
/// open cases, a reply deadline. `closed` cases of `purgeTenant`, spread evenly among its open
/// ones, are written closed an hour after creation in January 2026, ready for a retention rule
/// to purge them. With `parallel`, each tenant is written on its own thread, which helps a
/// server database whose statements wait on round trips; SQLite has one writer at a time.
func generateScaleCases(
    storage: any Storage, configurations: [TenantConfiguration], count: Int, purgeTenant: String, closed: Int,
    parallel: Bool = false
) throws -> ScalePopulation {
    let versions = ConfigurationVersions(storage: storage)
    for configuration in configurations { try versions.publish(configuration, by: "bench") }
    var perTenant: [String: Int] = [:]
    for (position, configuration) in configurations.enumerated() {
        perTenant[configuration.id] = count / configurations.count + (position < count % configurations.count ? 1 : 0)
    }
    let closedCount = min(closed, perTenant[purgeTenant] ?? 0)
    let batch = 10_000
    let shares = perTenant

    let elapsed = try seconds {
        let failures = Mutex<[any Error]>([])
        let write: @Sendable (TenantConfiguration) -> Void = { configuration in
            do {
                try writeTenantCases(
                    storage: storage, configuration: configuration, total: shares[configuration.id] ?? 0,
                    closed: configuration.id == purgeTenant ? closedCount : 0, batch: batch)
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: configurations.count) { write(configurations[$0]) }
        } else {
            configurations.forEach(write)
        }
        if let failure = failures.withLock({ $0.first }) { throw failure }
    }
    return ScalePopulation(
        configurations: configurations, casesPerTenant: perTenant, purgeTenant: purgeTenant,
        closedCases: closedCount, seconds: elapsed)
}

/// Writes one tenant's share of the generated cases.
private func writeTenantCases(
    storage: any Storage, configuration: TenantConfiguration, total: Int, closed closedCount: Int, batch: Int
) throws {
    var names = ScaleNames()
    let tenant = configuration.id
    let closedState =
        configuration.workflow.states.first { $0.isClosed && !$0.isTransferred }?.id.value ?? "withdrawn"
    var index = 0
    while index < total {
        try storage.write(tenant: tenant) { transaction in
            for _ in 0..<min(batch, total - index) {
                let id = Int64(index + 1)
                // Spread evenly: the overdue query walks cases in creation order.
                let isClosed = closedCount > 0 && index * closedCount / total != (index + 1) * closedCount / total
                let created = Instant(microsecondsSinceEpoch: 1_767_225_600_000_000 + id * 1_000_000)
                try transaction.insertCase(
                    CaseRecord(
                        id: id, configurationHash: configuration.contentHash,
                        state: isClosed ? closedState : "submitted", createdAt: created,
                        closedAt: isClosed ? created.adding(seconds: 3_600) : nil))
                let person = names.person(tenant: tenant, index: index)
                try transaction.insertPerson(
                    PersonRecord(
                        id: id, caseID: id, surname: person.surname, givenNames: person.givenNames,
                        dateOfBirth: ScaleNames.dateOfBirth(index: index), searchKeys: person.keys))
                if !isClosed {
                    try transaction.insertDeadline(
                        DeadlineRecord(
                            id: id, caseID: id, transitionID: "submit", party: "requested",
                            dueDate: CivilDate(daysSinceEpoch: 20_400 + index % 400), unit: .calendarDays))
                }
                index += 1
            }
        }
    }
}

/// Loads every tenant under `Tenants/`, in name order, and fails if one is invalid.
func bundledConfigurations() throws -> [TenantConfiguration] {
    let names = try FileManager.default.contentsOfDirectory(atPath: "Tenants").filter { !$0.hasPrefix(".") }.sorted()
    return try names.map { name in
        guard let configuration = TenantLoader().load(directory: "Tenants/\(name)").configuration else {
            throw BenchError("Tenants/\(name) is invalid; run rcms config validate")
        }
        return configuration
    }
}
