import Foundation
import RCMSConfig
import RCMSCore
import RCMSPostgres
import RCMSSQLite

/// Generation, the three reads a case worker waits for, and a retention purge over `count`
/// generated cases in one storage backend.
func scaleScenario(
    _ scenario: String, storage: any Storage, count: Int, purge: Int, work: String, rounds: Int,
    parallelGeneration: Bool = false
) throws -> [Figure] {
    _ = try storage.migrate()
    let configurations = try bundledConfigurations()
    let purgeTenant = configurations.contains { $0.id == "de-pk" } ? "de-pk" : configurations[0].id
    let population = try generateScaleCases(
        storage: storage, configurations: configurations, count: count, purgeTenant: purgeTenant, closed: purge,
        parallel: parallelGeneration)
    let total = population.total
    print("\(scenario): generated \(total) cases in \(String(format: "%.1f", population.seconds)) s")
    if let postgres = storage as? PostgresStorage {
        // Gathers the statistics autovacuum would have gathered on a server that has run a while.
        // Right after a bulk load the planner has no statistics on the new rows.
        try postgres.executeMaintenanceSQL("ANALYZE")
    }

    var found: [Double] = []
    var absent: [Double] = []
    var overdue: [Double] = []
    var page: [Double] = []
    var hits = 0
    let tenants = configurations.map(\.id)
    // Bounded in count and in time: at a million cases one round can take seconds.
    let started = Date()
    var done = 0
    for round in 0..<rounds where round < 10 || Date().timeIntervalSince(started) < 90 {
        done += 1
        let query = ScaleNames.queries[round % ScaleNames.queries.count]
        found.append(
            try seconds {
                hits += try storage.read(tenant: query.tenant) {
                    try $0.listCases(CaseQuery(name: .contains(query.text), limit: 50))
                }.count
            })
        let missing = ScaleNames.absentQueries[round % ScaleNames.absentQueries.count]
        absent.append(
            try seconds {
                _ = try storage.read(tenant: missing.tenant) {
                    try $0.listCases(CaseQuery(name: .contains(missing.text), limit: 50))
                }
            })
        let tenant = tenants[round % tenants.count]
        overdue.append(
            try seconds {
                _ = try storage.read(tenant: tenant) {
                    try $0.listCases(CaseQuery(overdueAsOf: CivilDate(year: 2026, month: 6, day: 1)!, limit: 50))
                }
            })
        let id = Int64(1 + (round * 7919) % max(1, population.casesPerTenant[tenant] ?? 1))
        page.append(
            try seconds {
                _ = try storage.read(tenant: tenant) { reader in
                    (
                        try reader.fetchCase(id), try reader.persons(caseID: id), try reader.documents(caseID: id),
                        try reader.deadlines(caseID: id), try reader.holds(caseID: id), try reader.messages(caseID: id)
                    )
                }
            })
    }
    if hits == 0 { throw BenchError("\(scenario): no name search found a case; check ScaleNames.queries") }

    func p99(_ name: String, _ samples: [Double]) -> Figure {
        let value = percentile(samples, 0.99) * 1000
        return Figure(
            scenario: scenario, name: "\(name) p99 (\(done) runs)", value: value, unit: "ms", goal: "< 50 ms",
            met: value < 50)
    }
    var figures = [
        Figure(
            scenario: scenario, name: "generate \(total) cases (5 tenants)", value: population.seconds, unit: "s"),
        Figure(
            scenario: scenario, name: "  rate", value: Double(total) / population.seconds, unit: "cases/s"),
        p99("name search, cross-script", found),
        p99("name search, no match", absent),
        p99("overdue-deadline query", overdue),
        p99("case page", page),
    ]

    let purged = try runImmediatePurge(storage: storage, tenant: purgeTenant, dataDirectory: work)
    if purged.purged != population.closedCases {
        print("\(scenario): the purge removed \(purged.purged) cases, expected \(population.closedCases)")
    }
    figures.append(
        Figure(
            scenario: scenario, name: "retention purge of \(purged.purged) closed cases", value: purged.seconds,
            unit: "s", goal: "< 60 s", met: purged.seconds < 60 && purged.purged == population.closedCases))
    figures.append(
        Figure(
            scenario: scenario, name: "  of which checkpoint or VACUUM", value: purged.cleanupSeconds, unit: "s"))
    return figures
}

func scaleSQLiteScenario(work: String, count: Int, purge: Int, rounds: Int) throws -> [Figure] {
    let storage = try SQLiteStorage(path: "\(work)/scale.sqlite")
    defer { storage.close() }
    var figures = try scaleScenario(
        "scale-sqlite", storage: storage, count: count, purge: purge, work: work, rounds: rounds)
    let megabytes = peakResidentMegabytes()
    figures.append(
        Figure(
            scenario: "scale-sqlite", name: "peak resident memory (bench process)", value: megabytes, unit: "MB",
            goal: "< 300 MB", met: megabytes < 300))
    return figures
}

func scalePostgresScenario(url: String, work: String, count: Int, purge: Int, rounds: Int) throws -> [Figure] {
    let schema = "rcms_scale_\(UInt32.random(in: 0...UInt32.max))"
    let separator = url.contains("?") ? "&" : "?"
    let storage = try PostgresStorage(url: "\(url)\(separator)schema=\(schema)")
    defer {
        try? storage.executeMaintenanceSQL("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
        storage.close()
    }
    return try scaleScenario(
        "scale-postgres", storage: storage, count: count, purge: purge, work: work, rounds: rounds,
        parallelGeneration: true)
}
