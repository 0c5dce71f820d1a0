import Foundation
import Testing

@testable import RCMSMRZ

/// One row for the cross-check: `rcms mrz make` options beyond the common ones.
struct CrossCheckCase: Sendable, CustomTestStringConvertible {
    var name: String
    var options: [String: String]

    var testDescription: String { name }
}

/// Runs the zones `rcms mrz make` writes through the checker of the `mrz` package from PyPI.
///
/// The package is installed by `scripts/install-deps.sh test`. Where it is missing the test is
/// skipped on a developer's machine, but fails under CI (`CI` set) so that a run without the
/// second implementation cannot pass unnoticed.
@Suite("cross-check with the mrz package from PyPI")
struct MRZCrossCheckTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("crosscheck/check_zones.py").path

    static let packageImportable: Bool = {
        (try? python(["-c", "import mrz.checker.td1"]).status) == 0
    }()

    static let required = ProcessInfo.processInfo.environment["CI"] != nil

    static let common: [String: String] = [
        "document-code": "P", "issuing-state": "UTO", "surname": "Eriksson", "given-names": "Anna Maria",
        "number": "L898902C3", "nationality": "UTO", "birth": "1974-08-12", "sex": "F", "expiry": "2012-04-15",
    ]

    // No row has a document number over 9 characters: the package reads only the first 9 of
    // them on TD1 (and TD2), so it disagrees with Doc 9303 Part 5 there.
    static let cases: [CrossCheckCase] = [
        CrossCheckCase(name: "td3 specimen", options: ["format": "td3", "optional": "ZE184226B"]),
        CrossCheckCase(name: "td3 no personal number", options: ["format": "td3"]),
        CrossCheckCase(name: "td2 specimen", options: ["format": "td2", "document-code": "I", "number": "D23145890"]),
        CrossCheckCase(name: "td1 specimen", options: ["format": "td1", "document-code": "I", "number": "D23145890"]),
        CrossCheckCase(
            name: "td1 both optional fields",
            options: ["format": "td1", "document-code": "ID", "optional": "A12 B34", "optional2": "X9Y8"]),
        CrossCheckCase(
            name: "td3 cyrillic", options: ["format": "td3", "surname": "Жуковский Щербаков", "given-names": "Пётр"]),
        CrossCheckCase(
            name: "td3 latin table",
            options: ["format": "td3", "surname": "Øster-Åberg", "given-names": "Þórunn Łucja Ñandú", "sex": "X"]),
        CrossCheckCase(
            name: "td3 cut name",
            options: [
                "format": "td3", "surname": "Nilavadhanananda", "given-names": "Chayapa Dejthamrong Krasuang Anan",
            ]),
        CrossCheckCase(
            name: "td2 cut name",
            options: ["format": "td2", "document-code": "I", "surname": "Wolfeschlegelsteinhausen Bergerdorff"]),
        CrossCheckCase(
            name: "td1 cut name",
            options: ["format": "td1", "document-code": "I", "given-names": "Anna Maria Christina Bernadotte"]),
        CrossCheckCase(name: "td3 birth year only", options: ["format": "td3", "birth": "1974"]),
        CrossCheckCase(
            name: "td2 birth month only", options: ["format": "td2", "document-code": "I", "birth": "1974-08"]),
        CrossCheckCase(
            name: "td1 birth unknown", options: ["format": "td1", "document-code": "I", "birth": "unknown"]),
        CrossCheckCase(
            name: "td3 other states",
            options: [
                "format": "td3", "issuing-state": "D", "nationality": "DZA", "number": "C01X00T47", "sex": "M",
                "expiry": "2031-02-28", "birth": "2001-02-28",
            ]),
        CrossCheckCase(
            name: "td2 nine-character number", options: ["format": "td2", "document-code": "I", "number": "AB1234567"]),
    ]

    @Test(.enabled(if: packageImportable || required))
    func zonesPassTheOtherChecker() async throws {
        try #require(
            Self.packageImportable,
            "python3 cannot import the mrz package; run scripts/install-deps.sh test")
        var rows: [[String: Any]] = []
        for row in Self.cases {
            let options = Self.common.merging(row.options) { $1 }
            let arguments = ["mrz", "make"] + options.sorted { $0.key < $1.key }.flatMap { ["--\($0.key)", $0.value] }
            let result = await runRCMS(arguments)
            #expect(result.status == 0, "\(row.name): \(result.error)")
            rows.append([
                "name": row.name, "format": options["format"]!,
                "lines": result.output.split(separator: "\n").map(String.init),
                "truncated": result.error.contains("the name was cut"),
                "partial_birth": MRZDate(options["birth"]!)?.isComplete == false,
            ])
        }
        let file = NSTemporaryDirectory() + "rcms-mrz-crosscheck-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: rows).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }

        let checked = try Self.python([Self.script, file])
        #expect(checked.status == 0, "\(checked.output)")
        #expect(checked.output.hasSuffix("\(Self.cases.count) passed, 0 failed\n"), "\(checked.output)")
        #expect(rows.contains { $0["truncated"] as? Bool == true }, "the table must include a cut name")
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
