/// A value that writes its own JSON with the same bytes as `JSONCoding.encoder`. Keys are
/// sorted by their UTF-8 bytes, absent optionals are left out, and neither whitespace nor
/// escaped slashes appear.
///
/// The synthesized `Encodable` conformance goes through `JSONEncoder`'s generic containers,
/// which took about a tenth of the CPU time of `GET /api/v1/tenants/{tenant}/cases/{id}` in a
/// perf profile of `rcms serve`. JSONWritingTests compares both encodings of every conforming
/// type.
protocol JSONWritable: Encodable {
    func write(to json: inout JSONOutput)
}

/// JSON text being written, as UTF-8 bytes.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object. Its members follow with `field`, and `endObject` closes it.
    mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }

    mutating func endObject() { bytes.append(UInt8(ascii: "}")) }

    /// Writes a member's key, which the caller gives in sorted order and which needs no escape,
    /// with the comma that separates it from the previous member.
    mutating func field(_ key: StaticString) {
        separate(after: UInt8(ascii: "{"))
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// Writes a member whose value is optional, and nothing at all when the value is `nil`, as
    /// synthesized `Encodable` conformances do.
    mutating func field(_ key: StaticString, ifPresent value: String?) {
        guard let value else { return }
        field(key)
        string(value)
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        if utf8.contains(where: Self.needsEscape) {
            for byte in utf8 { appendEscaped(byte) }
        } else {
            bytes.append(contentsOf: utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ value: some BinaryInteger) { bytes.append(contentsOf: String(value).utf8) }

    mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    mutating func array<Element>(_ elements: [Element], _ writeElement: (inout JSONOutput, Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for element in elements {
            separate(after: UInt8(ascii: "["))
            writeElement(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func array(_ elements: [some JSONWritable]) {
        array(elements) { json, element in element.write(to: &json) }
    }

    mutating func array(_ strings: [String]) {
        array(strings) { json, text in json.string(text) }
    }

    /// Writes a dictionary as an object with its keys sorted by their UTF-8 bytes.
    mutating func object(_ dictionary: [String: String]) {
        beginObject()
        for key in dictionary.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            separate(after: UInt8(ascii: "{"))
            string(key)
            bytes.append(UInt8(ascii: ":"))
            string(dictionary[key]!)
        }
        endObject()
    }

    /// Writes the comma before a member or element unless it is the first one, that is unless
    /// the last byte written is the opening bracket.
    private mutating func separate(after opening: UInt8) {
        if bytes.last != opening { bytes.append(UInt8(ascii: ",")) }
    }

    /// Whether a byte of a string must be escaped in JSON.
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends one byte of a string. Quotes and backslashes get a backslash, and control
    /// characters become `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX` with lower-case hex digits.
    /// Every other byte passes unchanged, so multi-byte UTF-8 sequences (0x80 and above) do too.
    private mutating func appendEscaped(_ byte: UInt8) {
        let backslash = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), backslash: bytes.append(contentsOf: [backslash, byte])
        case 0x08: bytes.append(contentsOf: [backslash, UInt8(ascii: "b")])
        case 0x09: bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case 0x0A: bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case 0x0C: bytes.append(contentsOf: [backslash, UInt8(ascii: "f")])
        case 0x0D: bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case ..<0x20:
            let digits = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(contentsOf: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        default: bytes.append(byte)
        }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    func write(to json: inout JSONOutput) { json.array(self) }
}

extension APIErrorDetail: JSONWritable {
    func write(to json: inout JSONOutput) {
        json.beginObject()
        json.field("code")
        json.string(code)
        if let column {
            json.field("column")
            json.integer(column)
        }
        json.field("field", ifPresent: field)
        json.field("file", ifPresent: file)
        if let line {
            json.field("line")
            json.integer(line)
        }
        json.field("message")
        json.string(message)
        json.field("severity", ifPresent: severity)
        json.endObject()
    }
}
