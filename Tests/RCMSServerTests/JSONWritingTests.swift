import Foundation
import RCMSCore
import Testing

@testable import RCMSServer

/// Each view written by `JSONWritable` must match `JSONCoding.encoder`'s bytes exactly.
@Suite("Written JSON")
struct JSONWritingTests {
    private func expectSameBytes<T: JSONWritable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) {
        let encoded = (try? JSONCoding.encoder.encode(value)).map { [UInt8]($0) } ?? []
        var written = JSONOutput()
        value.write(to: &written)
        #expect(
            String(decoding: written.bytes, as: UTF8.self) == String(decoding: encoded, as: UTF8.self),
            sourceLocation: sourceLocation)
        #expect(HTTPResponse.json(value).body == encoded, sourceLocation: sourceLocation)
    }

    /// Every ASCII character, a few that other encoders escape, and text in several scripts.
    private static let awkwardText: String = {
        var text = ""
        for value in UInt8(0)..<0x80 { text.unicodeScalars.append(Unicode.Scalar(value)) }
        return text + "\u{2028}\u{2029}\u{FEFF}\u{80}\u{9F} é ü ğ İ ı خان মোহাম্মদ Ελένη Јован 😀 </script>"
    }()

    private static let texts = ["", "plain", "a/b", "quote \" and \\", "line\nbreak\r\ttab", awkwardText]

    /// Keys that sort differently by UTF-8 bytes, by number, by case and by locale.
    private static let keys = ["b", "a", "B", "A", "a10", "a2", "_x", "Z", "z", "é", "e", "a-b", "a_b", "10", "9", "ü"]

    private func dictionary(_ seed: Int) -> [String: String] {
        var result: [String: String] = [:]
        for (index, key) in Self.keys.enumerated() where (index + seed) % 3 != 0 {
            result[key] = Self.texts[(index + seed) % Self.texts.count]
        }
        return result
    }

    private func text(_ seed: Int) -> String { Self.texts[seed % Self.texts.count] }
    private func optionalText(_ seed: Int) -> String? { seed % 2 == 0 ? nil : text(seed) }

    private func caseView(_ seed: Int) -> CaseViews.Case {
        let record = CaseRecord(
            id: 1, configurationHash: "hash", state: "draft", voluntaryReturn: false, createdAt: .now())
        var view = CaseViews.Case(record, configuration: nil, language: "en")
        view.id = text(seed + 1)
        view.state = text(seed + 2)
        view.stateLabel = text(seed + 3)
        view.version = [0, 1, -1, Int64.max, Int64.min][seed % 5]
        view.voluntaryReturn = seed % 2 == 0
        view.configurationVersion = text(seed + 4)
        view.createdAt = text(seed + 5)
        view.updatedAt = text(seed)
        view.closedAt = optionalText(seed)
        view.transferredAt = optionalText(seed + 1)
        return view
    }

    private func detail(_ seed: Int) -> CaseViews.Detail {
        let count = seed % 3
        return CaseViews.Detail(
            case: caseView(seed),
            persons: (0..<count).map {
                CaseViews.Person(
                    surname: text(seed + $0), givenNames: text(seed + $0 + 1), dateOfBirth: optionalText(seed + $0),
                    sex: text($0), nationalityClaimed: optionalText(seed + $0 + 1), particulars: dictionary(seed + $0))
            },
            documents: (0..<count).map {
                CaseViews.Document(
                    id: text($0), type: text(seed), typeLabel: text(seed + 1), fields: dictionary(seed + $0 + 1),
                    attachments: (0..<(seed % 2 + $0)).map {
                        CaseViews.Attachment(
                            id: text($0), name: text(seed + $0), mediaType: "image/jpeg", size: Int64($0) * 1_000_003,
                            biometric: $0 % 2 == 0)
                    })
            },
            deadlines: (0..<count).map {
                CaseViews.Deadline(
                    id: text($0), transition: text(seed), party: "requested", dueDate: "2026-05-04",
                    unit: text(seed + $0), status: "open")
            },
            safeguardsAttested: (0..<count).map { text(seed + $0) },
            holds: (0..<count).map {
                CaseViews.Hold(id: text($0), reason: text(seed + $0), placedAt: text(seed), liftedAt: optionalText($0))
            },
            messages: (0..<count).map {
                CaseViews.Message(id: text($0), senderParty: "requesting", body: text(seed + $0), sentAt: text(seed))
            },
            interviews: (0..<count).map {
                CaseViews.Interview(
                    id: text($0), scheduledAt: text(seed), place: text(seed + $0), interpreterLanguage: "ur")
            },
            transitions: (0..<count).map {
                CaseViews.Transition(
                    id: text($0), label: text(seed + $0), to: text(seed), allowed: $0 % 2 == 0,
                    unmet: (0..<(seed % 3)).map {
                        APIErrorDetail(
                            code: text($0), message: text(seed + $0), field: optionalText($0),
                            file: optionalText($0 + 1), line: $0 % 2 == 0 ? nil : $0 * 7,
                            column: $0 % 2 == 0 ? -3 : nil, severity: optionalText(seed))
                    })
            })
    }

    @Test("case detail views", arguments: 0..<12)
    func details(seed: Int) {
        expectSameBytes(detail(seed))
    }

    @Test("case lists", arguments: 0..<4)
    func lists(seed: Int) {
        expectSameBytes((0..<seed).map { caseView(seed + $0) })
    }

    @Test("deadline view")
    func deadline() {
        expectSameBytes(
            CaseViews.Deadline(
                id: "1", transition: "accept", party: "requested", dueDate: "2026-05-04", unit: "working_days",
                status: "open"))
    }
}
