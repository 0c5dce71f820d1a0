import Foundation
import RCMSConfig
import Testing

@testable import RCMSCommands
@testable import RCMSMRZ

func runRCMS(_ arguments: [String]) async -> (status: Int32, output: String, error: String) {
    let capture = CapturingConsole()
    let status = await RCMSCommandLine.run(
        arguments, context: CommandContext(console: capture.console, environment: [:]))
    return (status, capture.output, capture.error)
}

/// Runs `rcms mrz check` on `input` as if it came on standard input.
func runCheck(_ arguments: [String], input: String) throws -> (status: Int32, output: String, error: String) {
    let capture = CapturingConsole()
    let parsed = try Arguments(
        arguments, valueOptions: MRZCheckCommand.valueOptions, flagOptions: MRZCheckCommand.flagOptions)
    let status = try MRZCheckCommand.run(
        parsed, context: CommandContext(console: capture.console, environment: [:]), input: input)
    return (status, capture.output, capture.error)
}

let erikssonArguments = [
    "mrz", "make", "--format", "td3", "--document-code", "P", "--issuing-state", "UTO", "--surname", "Eriksson",
    "--given-names", "Anna María", "--number", "L898902C3", "--nationality", "UTO", "--birth", "1974-08-12",
    "--sex", "F", "--expiry", "2012-04-15", "--optional", "ZE184226B",
]

@Suite("rcms mrz")
struct CommandTests {
    @Test func makePrintsTheSpecimen() async {
        let result = await runRCMS(erikssonArguments)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == Specimen.all[0].lines.joined(separator: "\n"))
        #expect(result.error.isEmpty)
    }

    @Test func makeWarnsWhenTheNameIsCut() async {
        var arguments = erikssonArguments
        arguments[arguments.firstIndex(of: "Eriksson")!] = "Nilavadhanananda Wolfeschlegelsteinhausen"
        let result = await runRCMS(arguments)
        #expect(result.status == 0)
        #expect(result.error.hasPrefix("warning: the name was cut to fit the TD3 name field"))
    }

    @Test(arguments: [
        (["--format", "td4"], "unknown format 'td4'"),
        (["--birth", "1974-13"], "--birth takes"),
        (["--sex", "Q"], "--sex takes F, M or X"),
        (["--surname", "Παπαδόπουλος"], "mrz_unsupported_script"),
        (["--number", "L898902C3X"], "a TD3 zone holds 9"),
    ])
    func makeRejectsInvalidValues(change: [String], message: String) async {
        var arguments = erikssonArguments
        arguments[arguments.firstIndex(of: change[0])! + 1] = change[1]
        let result = await runRCMS(arguments)
        #expect(result.status == 2)
        #expect(result.error.contains(message), "\(result.error)")
    }

    @Test func makeNamesMissingOptions() async {
        let result = await runRCMS(["mrz", "make", "--format", "td1"])
        #expect(result.status == 2)
        #expect(result.error.contains("missing --document-code, --issuing-state, --surname"))
    }

    @Test(arguments: [["mrz", "make", "--help"], ["mrz", "check", "--help"]])
    func helpDescribesTheCommand(arguments: [String]) async {
        let result = await runRCMS(arguments)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("Usage: rcms \(arguments[0]) \(arguments[1])"))
    }

    @Test func overviewListsBothCommands() async {
        let result = await runRCMS(["mrz", "--help"])
        #expect(result.output.contains("rcms mrz check"))
        #expect(result.output.contains("rcms mrz make"))
    }

    @Test(arguments: Specimen.all)
    func checkPassesTheSpecimen(specimen: Specimen) throws {
        let result = try runCheck(["--today", "2026-11-01"], input: specimen.lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == true)
        #expect(json["format"] as? String == specimen.format.rawValue)
        let fields = try #require(json["fields"] as? [String: Any])
        #expect(fields["surname"] as? String == "ERIKSSON")
        #expect(fields["date_of_birth"] as? String == "1974-08-12")
        #expect((json["checks"] as? [Any])?.count == (specimen.format == .td3 ? 5 : 4))
    }

    @Test func checkFailsOnAWrongDigitAndNamesIt() throws {
        let lines = replacing(Specimen.all[0].lines, line: 1, column: 9, with: "5")
        let result = try runCheck([], input: lines.joined(separator: "\n"))
        #expect(result.status == 1)
        #expect(result.output.contains("\"document number check digit is 5, expected 6\""))
        #expect(result.output.contains("\"valid\" : false"))
    }

    @Test func checkReportsAnUnreadableZone() throws {
        let result = try runCheck([], input: "P<UTOERIKSSON\nL898902C36\n")
        #expect(result.status == 1)
        #expect(result.error.contains("line 1: has 13 characters"))
        #expect(result.output.contains("mrz_line_length"))
    }

    @Test func checkUsesTheDateOfBirthOnFile() throws {
        let zone = try MRZZone.make(
            .td3,
            fields: {
                var fields = Specimen.eriksson
                fields.dateOfBirth = MRZDate(year: 1910, month: 3, day: 1)!
                return fields
            }())
        let plain = try runCheck(["--today", "2026-11-01"], input: zone.text)
        #expect(plain.output.contains("\"date_of_birth\" : \"2010-03-01\""))
        let onFile = try runCheck(["--today", "2026-11-01", "--birth-on-file", "1910-03-01"], input: zone.text)
        #expect(onFile.status == 0)
        #expect(onFile.output.contains("\"date_of_birth\" : \"1910-03-01\""))
        #expect(onFile.output.contains("\"birth_year_rule\" : \"stored_date_of_birth\""))
    }

    @Test(arguments: [
        (["extra"], "takes no arguments"), (["--today", "2026-13-01"], "--today"), ([], "no zone lines"),
    ])
    func checkUsageErrors(arguments: [String], message: String) throws {
        #expect {
            try runCheck(arguments, input: arguments.isEmpty ? "\n\n" : Specimen.all[1].lines.joined(separator: "\n"))
        } throws: { error in
            (error as? UsageError)?.message.contains(message) == true
        }
    }
}
