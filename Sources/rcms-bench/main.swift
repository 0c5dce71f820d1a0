import Foundation
import RCMSConfig
import RCMSCore
import RCMSPostgres
import RCMSSQLite

// rcms-bench: figures for the product beside a raw baseline doing the same work.
// Usage: rcms-bench [--quick] [--postgres URL] [--json FILE] [SCENARIO...]
// Scenarios: engine-sqlite, engine-postgres, config, search (default: all that can run).

let arguments = Array(CommandLine.arguments.dropFirst())
let quick = arguments.contains("--quick")
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let optionValues = Set(["--postgres", "--json", "--cases", "--search-cases"].compactMap { option($0) })
let requested = arguments.filter { !$0.hasPrefix("--") && !optionValues.contains($0) }
let scenarios = requested.isEmpty ? ["config", "engine-sqlite", "engine-postgres", "search"] : requested
let postgresURL = option("--postgres") ?? ProcessInfo.processInfo.environment["RCMS_BENCH_POSTGRES_URL"]
let caseCount = Int(option("--cases") ?? "") ?? (quick ? 50 : 2_000)
let searchCases = Int(option("--search-cases") ?? "") ?? (quick ? 500 : 100_000)

var figures: [Figure] = []
let work = FileManager.default.temporaryDirectory.appendingPathComponent("rcms-bench-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }

let configuration: TenantConfiguration = {
    let result = TenantLoader().load(directory: "Tenants/gr-bd")
    guard let configuration = result.configuration else {
        FileHandle.standardError.write(
            Data("rcms-bench: run it from the repository root (Tenants/gr-bd must load)\n".utf8))
        exit(2)
    }
    return configuration
}()

for scenario in scenarios {
    do {
        switch scenario {
        case "config":
            figures += try configScenario(quick: quick)
        case "engine-sqlite":
            figures += try engineSQLiteScenario(work: work, count: caseCount)
        case "engine-postgres":
            guard let postgresURL else {
                print("engine-postgres: skipped; pass --postgres URL or set RCMS_BENCH_POSTGRES_URL")
                continue
            }
            figures += try enginePostgresScenario(url: postgresURL, count: caseCount)
        case "search":
            figures += try searchScenario(work: work, count: searchCases)
        default:
            print("unknown scenario '\(scenario)'; known: config, engine-sqlite, engine-postgres, search")
            exit(2)
        }
    } catch {
        print("\(scenario): failed: \(error)")
        exit(1)
    }
}

printTable(figures)
if let path = option("--json") {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(figures).write(to: URL(fileURLWithPath: path))
    print("figures written to \(path)")
}
