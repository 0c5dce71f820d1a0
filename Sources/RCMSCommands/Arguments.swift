import RCMSYAML

/// Parsed command-line arguments: positionals, `--name value` options and `--flag` flags.
public struct Arguments: Sendable {
    public var positionals: [String] = []
    public var options: [String: String] = [:]
    public var flags: Set<String> = []

    /// Parses `raw` given the option names that take a value; anything else starting with `--`
    /// is a flag. `--name=value` works for options too.
    public init(_ raw: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(UsageError) {
        var index = 0
        while index < raw.count {
            let argument = raw[index]
            index += 1
            guard argument.hasPrefix("-"), argument != "-" else {
                positionals.append(argument)
                continue
            }
            if argument == "--" {
                positionals += raw[index...]
                break
            }
            if argument == "-h" || argument == "--help" {
                flags.insert("help")
                continue
            }
            var name = String(argument.drop { $0 == "-" })
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valueOptions.contains(name) {
                if let inlineValue {
                    options[name] = inlineValue
                } else if index < raw.count {
                    options[name] = raw[index]
                    index += 1
                } else {
                    throw UsageError("option --\(name) needs a value")
                }
            } else if flagOptions.contains(name) {
                flags.insert(name)
            } else {
                let known = (valueOptions.union(flagOptions)).sorted().map { "--\($0)" }
                var message = "unknown option '\(argument)'"
                if let suggestion = closestOption(name, in: valueOptions.union(flagOptions)) {
                    message += "; did you mean '--\(suggestion)'?"
                } else if !known.isEmpty {
                    message += "; this command takes \(known.joined(separator: ", "))"
                }
                throw UsageError(message)
            }
        }
    }

    /// The option within two edits of `name`, the closest first.
    private func closestOption(_ name: String, in options: Set<String>) -> String? {
        let best = options.min { editDistance(name, $0) < editDistance(name, $1) }
        return best.flatMap { editDistance(name, $0) <= 2 ? $0 : nil }
    }

    public var wantsHelp: Bool { flags.contains("help") }
}

/// A mistake in how a command was called; the command exits with status 2.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
