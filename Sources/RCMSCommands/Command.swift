import Foundation

/// What a command runs with: where it writes and the environment it reads settings from.
public struct CommandContext: Sendable {
    public var console: Console
    public var environment: [String: String]

    public init(console: Console = .standard, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.console = console
        self.environment = environment
    }
}

/// One `rcms` subcommand.
protocol Command: Sendable {
    /// The words that select the command, such as `["config", "validate"]`.
    static var path: [String] { get }
    static var summary: String { get }
    /// Full help: usage line, arguments and options with units.
    static var help: String { get }
    static var valueOptions: Set<String> { get }
    static var flagOptions: Set<String> { get }
    /// Runs the command; returns the exit status (0 success, 1 failure found, 2 usage error).
    static func run(_ arguments: Arguments, context: CommandContext) async throws -> Int32
}

extension Command {
    static var flagOptions: Set<String> { [] }
}

/// Exit statuses shared by every command.
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
}

/// The `rcms` command line.
public enum RCMSCommandLine {
    static var commands: [any Command.Type] {
        [
            ConfigValidateCommand.self,
            ConfigDiffCommand.self,
            TenantInitCommand.self,
            ConfigPublishCommand.self,
            ConfigVersionsCommand.self,
            ConfigMigrateCasesCommand.self,
            AuditVerifyCommand.self,
            UserPasswordCommand.self,
            MigrateCommand.self,
            ServeCommand.self,
            UserAddCommand.self,
            TokenCreateCommand.self,
            MRZCheckCommand.self,
            MRZMakeCommand.self,
            RetentionRunCommand.self,
            ExportSubjectCommand.self,
            KeysNewAttachmentKeyCommand.self,
            KeysRotateAttachmentsCommand.self,
            TravelDocumentKeyCreateCommand.self,
            TravelDocumentKeyRotateCommand.self,
            TravelDocumentKeyListCommand.self,
            DocumentVerifyCommand.self,
        ]
    }

    /// Runs `rcms` with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String], context: CommandContext = CommandContext()) async -> Int32 {
        let console = context.console
        if arguments.isEmpty || arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] {
            console.print(overview)
            return arguments.isEmpty ? ExitStatus.usage : ExitStatus.success
        }
        guard let command = commands.first(where: { Array(arguments.prefix($0.path.count)) == $0.path }) else {
            let group = commands.filter { $0.path.first == arguments[0] }
            if !group.isEmpty {
                if arguments.count == 1 || arguments[1] == "--help" || arguments[1] == "-h" {
                    console.print(groupHelp(arguments[0], group))
                    return arguments.count == 1 ? ExitStatus.usage : ExitStatus.success
                }
                console.printError("error: unknown command 'rcms \(arguments[0]) \(arguments[1])'")
                console.printError(groupHelp(arguments[0], group))
                return ExitStatus.usage
            }
            console.printError("error: unknown command '\(arguments[0])'; run 'rcms --help' for the list of commands")
            return ExitStatus.usage
        }
        let rest = Array(arguments.dropFirst(command.path.count))
        do {
            let parsed = try Arguments(rest, valueOptions: command.valueOptions, flagOptions: command.flagOptions)
            if parsed.wantsHelp {
                console.print(command.help)
                return ExitStatus.success
            }
            return try await command.run(parsed, context: context)
        } catch let error as UsageError {
            console.printError("error: \(error.message)")
            console.printError("run 'rcms \(command.path.joined(separator: " ")) --help' for usage")
            return ExitStatus.usage
        } catch {
            console.printError("error: \(error)")
            return ExitStatus.failure
        }
    }

    static var overview: String {
        var lines = [
            "rcms: readmission case management between a requesting and a requested state",
            "",
            "Usage: rcms <command> [options]",
            "",
            "Commands:",
        ]
        let width = commands.map { $0.path.joined(separator: " ").count }.max() ?? 0
        for command in commands {
            let name = command.path.joined(separator: " ")
            lines.append("  \(name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(command.summary)")
        }
        lines.append("")
        lines.append("Run 'rcms <command> --help' for a command's options.")
        return lines.joined(separator: "\n")
    }

    static func groupHelp(_ group: String, _ commands: [any Command.Type]) -> String {
        var lines = ["Commands of 'rcms \(group)':"]
        for command in commands {
            lines.append("  rcms \(command.path.joined(separator: " "))  \(command.summary)")
        }
        return lines.joined(separator: "\n")
    }
}
