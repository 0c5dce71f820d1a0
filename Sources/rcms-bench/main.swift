import Foundation
import RCMSConfig
import RCMSCore
import RCMSPostgres
import RCMSSQLite

// rcms-bench: figures for the product beside a raw baseline doing the same work.
// --quick runs small sizes and leaves out http (it needs wrk) unless --http is given.
// scale runs on SQLite, and on PostgreSQL too with --postgres URL and --postgres-scale.

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    Usage: rcms-bench [--quick] [--postgres URL] [--postgres-scale] [--http] [--json FILE]
                      [--cases N] [--scale-cases N] [--purge-cases N] [--postgres-scale-cases N]
                      [--postgres-purge-cases N] [SCENARIO...]
    Scenarios: config, engine-sqlite, engine-postgres, scale, http (default: all that can run).
    scale runs SQLite, and PostgreSQL too with --postgres-scale; scale-sqlite and scale-postgres
    run one backend each.
    Run it from the repository root; docs/benchmarks.md explains each figure.

    """
if arguments.contains("--help") || arguments.contains("-h") {
    print(usage, terminator: "")
    exit(0)
}
let flagOptions: Set<String> = ["--quick", "--postgres-scale", "--http"]
let quick = arguments.contains("--quick")
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let valueOptions = [
    "--postgres", "--json", "--cases", "--scale-cases", "--search-cases", "--postgres-scale-cases", "--purge-cases",
    "--postgres-purge-cases",
]
let optionValues = Set(valueOptions.compactMap { option($0) })
// A mistyped option would otherwise be taken for nothing and start every scenario, which at
// full size runs for an hour.
for (index, argument) in arguments.enumerated() where argument.hasPrefix("-") {
    let isValue = index > 0 && valueOptions.contains(arguments[index - 1])
    guard !isValue, !flagOptions.contains(argument), !valueOptions.contains(argument) else { continue }
    FileHandle.standardError.write(Data("rcms-bench: unknown option '\(argument)'\n\(usage)".utf8))
    exit(2)
}
for name in valueOptions where arguments.last == name {
    FileHandle.standardError.write(Data("rcms-bench: \(name) needs a value\n".utf8))
    exit(2)
}
let requested = arguments.filter { !$0.hasPrefix("--") && !optionValues.contains($0) }
let allScenarios = ["config", "engine-sqlite", "engine-postgres", "scale", "http"]
let scenarios = requested.isEmpty ? allScenarios : requested
let postgresURL = option("--postgres") ?? ProcessInfo.processInfo.environment["RCMS_BENCH_POSTGRES_URL"]
/// Returns the whole number given for the first present option of `names`, or `fallback`.
func count(_ names: [String], default fallback: Int) -> Int {
    guard let name = names.first(where: { option($0) != nil }), let text = option(name) else { return fallback }
    guard let value = Int(text), value >= 0 else {
        FileHandle.standardError.write(Data("rcms-bench: \(name) expects a whole number, got '\(text)'\n".utf8))
        exit(2)
    }
    return value
}
let caseCount = count(["--cases"], default: quick ? 50 : 2_000)
let scaleCases = count(["--scale-cases", "--search-cases"], default: quick ? 5_000 : 1_000_000)
let postgresScaleCases = count(["--postgres-scale-cases"], default: scaleCases)
let purgeCases = count(["--purge-cases"], default: quick ? 1_000 : 100_000)
let postgresPurgeCases = count(["--postgres-purge-cases"], default: purgeCases)
let scaleRounds = quick ? 50 : 200

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
        case "scale-sqlite":
            figures += try scaleSQLiteScenario(work: work, count: scaleCases, purge: purgeCases, rounds: scaleRounds)
        case "scale-postgres":
            guard let postgresURL else {
                print("scale-postgres: skipped; pass --postgres URL or set RCMS_BENCH_POSTGRES_URL")
                continue
            }
            figures += try scalePostgresScenario(
                url: postgresURL, work: work, count: postgresScaleCases, purge: postgresPurgeCases, rounds: scaleRounds)
        case "scale", "search":
            figures += try scaleSQLiteScenario(work: work, count: scaleCases, purge: purgeCases, rounds: scaleRounds)
            if let postgresURL, arguments.contains("--postgres-scale") {
                figures += try scalePostgresScenario(
                    url: postgresURL, work: work, count: postgresScaleCases, purge: postgresPurgeCases,
                    rounds: scaleRounds)
            } else {
                print("scale-postgres: skipped; pass --postgres URL and --postgres-scale (it can take long)")
            }
        case "http":
            if quick && !arguments.contains("--http") {
                print("http: skipped in --quick mode (it needs wrk); add --http to run it")
                continue
            }
            guard WrkRunner(durationSeconds: 1).isAvailable else {
                print("http: skipped; wrk is missing; \(WrkRunner.installHint())")
                continue
            }
            figures += try httpScenario(work: work, durationSeconds: quick ? 3 : 10)
        default:
            print(
                "unknown scenario '\(scenario)'; known: \((allScenarios + ["scale-sqlite", "scale-postgres"]).joined(separator: ", "))"
            )
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
