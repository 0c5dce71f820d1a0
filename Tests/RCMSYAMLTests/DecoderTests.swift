import Testing

@testable import RCMSYAML

private struct Settings: Decodable {
    var name: String
    var enabled: Bool?
    var count: Int?
    var code: String?
    var time: String?
    var tags: [String]?
}

private struct Outer: Decodable {
    var inner: Settings
}

@Suite("YAML decoder")
struct DecoderTests {
    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let node = try #require(try YAMLParser.parse(Array(text.utf8), file: "d.yaml"))
        return try YAMLDecoder().decode(type, from: node)
    }

    func decodeError<T: Decodable>(_ type: T.Type, _ text: String) throws -> YAMLError {
        let node = try #require(try YAMLParser.parse(Array(text.utf8), file: "d.yaml"))
        do {
            _ = try YAMLDecoder().decode(type, from: node)
        } catch let error as YAMLError {
            return error
        } catch let errors as YAMLErrors {
            return errors.errors[0]
        }
        Issue.record("expected an error")
        return YAMLError(.syntax, at: node.mark, "")
    }

    @Test(arguments: ["NO", "yes", "on", "off", "Yes", "n"])
    func yaml11BooleansStayText(word: String) throws {
        let settings = try decode(Settings.self, "name: \(word)\n")
        #expect(settings.name == word)
    }

    @Test(arguments: ["yes", "on", "True", "NO", "1"])
    func booleanFieldAcceptsOnlyTrueOrFalse(word: String) throws {
        let error = try decodeError(Settings.self, "name: x\nenabled: \(word)\n")
        #expect(error.code == .typeMismatch)
        #expect(error.mark.line == 2)
        #expect(error.path == ["enabled"])
    }

    @Test func booleanTrueAndFalse() throws {
        #expect(try decode(Settings.self, "name: x\nenabled: true\n").enabled == true)
        #expect(try decode(Settings.self, "name: x\nenabled: false\n").enabled == false)
    }

    @Test func codesKeepTheirText() throws {
        let settings = try decode(Settings.self, "name: x\ncode: 0049\ntime: 17:30\ntags: [2025-02-29, 1e3, 0o17]\n")
        #expect(settings.code == "0049")
        #expect(settings.time == "17:30")
        #expect(settings.tags == ["2025-02-29", "1e3", "0o17"])
    }

    @Test func leadingZeroIsNotANumber() throws {
        let error = try decodeError(Settings.self, "name: x\ncount: 0049\n")
        #expect(error.code == .invalidValue)
        #expect(error.message.contains("leading zero"))
    }

    @Test func quotedNumberIsNotAnInteger() throws {
        let error = try decodeError(Settings.self, "name: x\ncount: \"12\"\n")
        #expect(error.code == .typeMismatch)
    }

    @Test func unknownKeySuggestsClosest() throws {
        let error = try decodeError(Settings.self, "name: x\nenabeld: true\n")
        #expect(error.code == .unknownKey)
        #expect(error.mark.line == 2)
        #expect(error.message.contains("did you mean 'enabled'"))
    }

    @Test func missingKeyCarriesPathAndPosition() throws {
        let error = try decodeError(Outer.self, "inner:\n  enabled: true\n")
        #expect(error.code == .missingKey)
        #expect(error.path == ["inner", "name"])
        #expect(error.mark.line == 2)
    }

    @Test func typeErrorInNestedSequence() throws {
        let error = try decodeError(Outer.self, "inner:\n  name: x\n  tags:\n    - a\n    - {b: 1}\n")
        #expect(error.code == .typeMismatch)
        #expect(error.path == ["inner", "tags", "1"])
        #expect(error.mark.line == 5)
    }

    @Test func everyUnknownKeyIsReported() throws {
        let node = try #require(try YAMLParser.parse(Array("name: x\nfoo: 1\nbar: 2\n".utf8), file: "d.yaml"))
        let (value, errors) = YAMLDecoder().decodeCollectingErrors(Settings.self, from: node)
        #expect(value != nil)
        #expect(errors.count == 2)
        #expect(errors.map(\.mark.line) == [2, 3])
    }

    @Test func recoveringDecodeFindsLaterMistakes() throws {
        struct Holiday: Decodable {
            var date: Int
            var estimated: Bool?
        }
        struct Calendar: Decodable {
            var name: String
            var holidays: [Holiday]
            var weekend: Bool?
        }
        let text = "name: x\nholidays:\n  - date: 0030\n  - date: 4\n    estimated: yes\nweekend: on\n"
        let node = try #require(try YAMLParser.parse(Array(text.utf8), file: "r.yaml"))
        let (value, errors) = YAMLDecoder().decodeRecovering(Calendar.self, from: node)
        #expect(value?.name == "x")
        #expect(value?.holidays.count == 1)
        #expect(errors.map(\.mark.line) == [3, 5, 6])
        #expect(!errors.contains { $0.code == .unknownKey || $0.code == .missingKey })
    }

    @Test func locatedKeepsPosition() throws {
        struct Holder: Decodable { var id: Located<String> }
        let holder = try decode(Holder.self, "\n\nid:   abc\n")
        #expect(holder.id.value == "abc")
        #expect(holder.id.mark.line == 3)
        #expect(holder.id.mark.column == 7)
    }
}
