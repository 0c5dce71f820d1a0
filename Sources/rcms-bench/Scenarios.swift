import Foundation
import RCMSConfig
import RCMSCore
import RCMSPostgres
import RCMSSQLite

/// Loading and validating every bundled tenant, beside PyYAML's C loader parsing the same files.
func configScenario(quick: Bool) throws -> [Figure] {
    let rounds = quick ? 5 : 50
    let tenants = try FileManager.default.contentsOfDirectory(atPath: "Tenants").filter { !$0.hasPrefix(".") }.sorted()
    let loader = TenantLoader()
    var samples: [Double] = []
    for _ in 0..<rounds {
        samples.append(
            seconds {
                for tenant in tenants { _ = loader.load(directory: "Tenants/\(tenant)") }
            })
    }
    let ours = percentile(samples, 0.5) * 1000

    let script = """
        import glob, time, yaml
        files = sorted(glob.glob('Tenants/**/*.yaml', recursive=True))
        texts = [open(f, encoding='utf-8').read() for f in files]
        samples = []
        for _ in range(\(rounds)):
            start = time.perf_counter()
            for text in texts:
                yaml.load(text, Loader=yaml.CSafeLoader)
            samples.append(time.perf_counter() - start)
        samples.sort()
        print(samples[len(samples) // 2] * 1000)
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    process.waitUntilExit()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let pyyaml = Double(output.trimmingCharacters(in: .whitespacesAndNewlines))
    return [
        Figure(
            scenario: "config", name: "load + validate \(tenants.count) tenants (median)", value: ours, unit: "ms",
            baseline: pyyaml, ratio: pyyaml.map { ours / $0 }, goal: "<= 1x PyYAML CLoader parse",
            met: pyyaml.map { ours <= $0 })
    ]
}

func engineSQLiteScenario(work: String, count: Int) throws -> [Figure] {
    let storage = try SQLiteStorage(path: "\(work)/engine.sqlite")
    defer { storage.close() }
    _ = try storage.migrate()
    let (elapsed, transactions) = try runEngineWorkload(storage: storage, configuration: configuration, count: count)
    let rows = try countRows(tables: workloadTables) { table in
        try sqliteCount(storage, table)
    }
    // Each transition also updates the case row; the baseline inserts one row per update too.
    let written = Int(rows) + count * 3
    let raw = try rawSQLiteInserts(path: "\(work)/raw.sqlite", rows: written, transactions: transactions)
    return workloadFigures("engine-sqlite", count: count, elapsed: elapsed, rows: written, raw: raw)
}

func sqliteCount(_ storage: SQLiteStorage, _ table: String) throws -> Int64 {
    try storage.countRows(table: table)
}

func enginePostgresScenario(url: String, count: Int) throws -> [Figure] {
    let schema = "rcms_bench_\(UInt32.random(in: 0...UInt32.max))"
    let separator = url.contains("?") ? "&" : "?"
    let storage = try PostgresStorage(url: "\(url)\(separator)schema=\(schema)")
    defer {
        try? storage.executeMaintenanceSQL("DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE")
        storage.close()
    }
    _ = try storage.migrate()
    let (elapsed, transactions) = try runEngineWorkload(storage: storage, configuration: configuration, count: count)
    let rows = try countRows(tables: workloadTables) { try storage.countRows(table: $0) }
    let written = Int(rows) + count * 3
    let raw = try rawPostgresInserts(url: url, rows: written, transactions: transactions)
    return workloadFigures("engine-postgres", count: count, elapsed: elapsed, rows: written, raw: raw)
}

func workloadFigures(_ scenario: String, count: Int, elapsed: Double, rows: Int, raw: Double) -> [Figure] {
    let ours = Double(rows) / elapsed
    let baseline = Double(rows) / raw
    return [
        Figure(
            scenario: scenario, name: "cases (open, attest, 3 transitions)", value: Double(count) / elapsed,
            unit: "cases/s"),
        Figure(
            scenario: scenario, name: "rows written incl. audit (\(rows) rows)", value: ours, unit: "rows/s",
            baseline: baseline, ratio: ours / baseline, goal: ">= 50% of raw inserts", met: ours / baseline >= 0.5),
    ]
}
