import Foundation
import Synchronization

/// Where a command writes: standard output and standard error, or buffers in tests.
public final class Console: Sendable {
    private let outputSink: @Sendable (String) -> Void
    private let errorSink: @Sendable (String) -> Void

    public init(output: @escaping @Sendable (String) -> Void, error: @escaping @Sendable (String) -> Void) {
        outputSink = output
        errorSink = error
    }

    /// Writes to the process's standard output and standard error.
    public static let standard = Console(
        output: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        error: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })

    public func print(_ line: String) { outputSink(line) }
    public func printError(_ line: String) { errorSink(line) }
}

/// A console that keeps what commands write, for tests.
public final class CapturingConsole: Sendable {
    private let lines = Mutex<(output: [String], error: [String])>(([], []))

    public init() {}

    public var console: Console {
        Console(
            output: { line in self.lines.withLock { $0.output.append(line) } },
            error: { line in self.lines.withLock { $0.error.append(line) } })
    }

    public var output: String { lines.withLock { $0.output.joined(separator: "\n") } }
    public var error: String { lines.withLock { $0.error.joined(separator: "\n") } }
}
