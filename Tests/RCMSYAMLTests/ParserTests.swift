import Foundation
import Testing

@testable import RCMSYAML

@Suite("YAML parser")
struct ParserTests {
    func parse(_ text: String, limits: YAMLLimits = .default) throws -> Node? {
        try YAMLParser.parse(Array(text.utf8), file: "test.yaml", limits: limits)
    }

    func parseError(_ text: String, limits: YAMLLimits = .default) -> YAMLError? {
        do {
            _ = try parse(text, limits: limits)
            return nil
        } catch {
            return error as? YAMLError
        }
    }

    @Test func marksAreOneBased() throws {
        let root = try #require(try parse("a: 1\nlist:\n  - x\n  - 'y'\n"))
        #expect(root.mark.line == 1)
        #expect(root.mark.column == 1)
        let list = try #require(root["list"]?.items)
        #expect(list[0].mark.line == 3)
        #expect(list[0].mark.column == 5)
        #expect(list[1].scalar?.style == .singleQuoted)
        #expect(list[1].mark.file == "test.yaml")
    }

    @Test(arguments: [
        ("plain: x", ScalarStyle.plain),
        ("plain: 'x'", .singleQuoted),
        ("plain: \"x\"", .doubleQuoted),
        ("plain: |\n  x\n", .literal),
        ("plain: >\n  x\n", .folded),
    ])
    func scalarStyles(text: String, style: ScalarStyle) throws {
        let root = try #require(try parse(text))
        #expect(root["plain"]?.scalar?.style == style)
    }

    @Test func duplicateKeyNamesBothLines() throws {
        let error = try #require(parseError("a: 1\nb: 2\na: 3\n"))
        #expect(error.code == .duplicateKey)
        #expect(error.mark.line == 3)
        #expect(error.message.contains("line 1"))
    }

    @Test func tabIndentationIsRejectedWithPosition() throws {
        let error = try #require(parseError("a:\n\tb: 1\n"))
        #expect(error.code == .tabIndentation)
        #expect(error.mark.line == 2)
        #expect(error.mark.column == 1)
    }

    @Test func invalidUTF8NamesByteOffset() throws {
        var bytes = Array("name: ok\nother: ".utf8)
        bytes += [0xC3, 0x28]
        do {
            _ = try YAMLParser.parse(bytes, file: "bad.yaml")
            Issue.record("expected an error")
        } catch let error as YAMLError {
            #expect(error.code == .invalidUTF8)
            #expect(error.mark.line == 2)
            #expect(error.message.contains("byte offset 16"))
        }
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("key: value\n".utf8)
        let root = try #require(try YAMLParser.parse(bytes, file: "bom.yaml"))
        #expect(root["key"]?.scalar?.value == "value")
        #expect(root["key"]?.mark.line == 1)
    }

    @Test func aliasBombIsRejectedQuickly() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        let started = Date()
        let error = try #require(parseError(text))
        #expect([.tooManyNodes, .tooManyAliases].contains(error.code))
        // Generous bound: the point is that expansion never happens, not a speed claim.
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func deepNestingIsRejected() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = try #require(parseError(text))
        #expect(error.code == .tooDeep)
    }

    @Test func deepBlockNestingIsRejected() throws {
        var text = ""
        for depth in 0..<200 {
            text += String(repeating: " ", count: depth * 2) + "k\(depth):\n"
        }
        let error = try #require(parseError(text))
        #expect(error.code == .tooDeep)
    }

    @Test func fileSizeLimit() throws {
        let error = try #require(parseError(String(repeating: "a", count: 200), limits: YAMLLimits(maxBytes: 100)))
        #expect(error.code == .fileTooLarge)
    }

    @Test func aliasCountLimit() throws {
        let text = "a: &x 1\nb: [*x, *x, *x]\n"
        let error = try #require(parseError(text, limits: YAMLLimits(maxAliases: 2)))
        #expect(error.code == .tooManyAliases)
        #expect(error.mark.line == 2)
    }

    @Test func syntaxErrorHasPosition() throws {
        let error = try #require(parseError("a: [1, 2\nb: 3\n"))
        #expect(error.code == .syntax)
        #expect(error.mark.line >= 1)
        #expect(error.description.hasPrefix("test.yaml:"))
    }

    @Test func secondDocumentIsRejected() throws {
        let error = try #require(parseError("a: 1\n---\nb: 2\n"))
        #expect(error.code == .multipleDocuments)
    }

    @Test func emptyDocumentIsNil() throws {
        #expect(try parse("") == nil)
        #expect(try parse("# only a comment\n") == nil)
    }
}
