import Foundation
import RCMSServer
import Testing

@Suite("Log lines")
struct LoggerTests {
    /// Logs one event and returns its line without the leading `ts` field, which changes.
    private func line(_ message: String, _ extra: [String: LogValue]) throws -> String {
        let sink = CapturingLogSink()
        Logger(label: "test", sink: sink).info(message, extra)
        let line = try #require(sink.lines.first)
        let prefix = #/^\{"ts":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z",/#
        let match = try #require(line.prefixMatch(of: prefix))
        return "{" + line[match.range.upperBound...]
    }

    @Test("fields in fixed order")
    func order() throws {
        let text = try line(
            "request", ["status": 200, "method": "GET", "cached": .bool(false), "tenant": "de-pk", "zeta": .bool(true)])
        #expect(
            text
                == #"{"level":"info","msg":"request","cached":false,"logger":"test","method":"GET","status":200,"tenant":"de-pk","zeta":true}"#
        )
    }

    @Test("numbers written as %.3f")
    func decimals() throws {
        // 0.0625 and 0.1875 lie exactly halfway between two three-decimal numbers.
        let values: [Double] = [
            0, 1.856, 18.9934, 0.0625, 0.1875, 2.5e-4, 1e-9, 123_456.7895, 1e21, -0.0004, 0.0005, 1.0005, 2.0005,
        ]
        for value in values {
            let text = try line("m", ["d": .double(value)])
            #expect(text == #"{"level":"info","msg":"m","d":\#(String(format: "%.3f", value)),"logger":"test"}"#)
        }
        #expect(try line("m", ["d": .double(.infinity)]).contains(#""d":null"#))
        #expect(try line("m", ["d": .double(.nan)]).contains(#""d":null"#))
    }

    @Test("special characters escaped")
    func escaping() throws {
        let text = try line("say \"hi\"", ["path": "a\\b\nc\rd\te\u{01}f\u{1F}", "name": "Ağa خان"])
        #expect(
            text
                == #"{"level":"info","msg":"say \"hi\"","logger":"test","name":"Ağa خان","path":"a\\b\nc\rd\te\u0001f\u001f"}"#
        )
    }
}
