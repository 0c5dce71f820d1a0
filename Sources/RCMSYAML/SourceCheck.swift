/// Checks made on the raw bytes before libyaml sees them, so each problem gets a precise
/// position: the size limit, a byte-order mark, invalid UTF-8 and tabs used for indentation.
enum SourceCheck {
    /// Returns the bytes without a leading UTF-8 byte-order mark.
    static func strippingByteOrderMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return bytes[3...]
        }
        return bytes[...]
    }

    /// Throws at the first byte that is not part of a valid UTF-8 sequence.
    static func validateUTF8(_ bytes: ArraySlice<UInt8>, file: String) throws {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return
            case .error:
                let mark = position(ofByte: offset, in: bytes, file: file)
                throw YAMLError(
                    .invalidUTF8, at: mark,
                    "invalid UTF-8 at byte offset \(offset); save the file as UTF-8")
            }
        }
    }

    /// Throws at the first line whose indentation contains a tab; YAML indents with spaces only.
    static func rejectTabIndentation(_ bytes: ArraySlice<UInt8>, file: String) throws {
        var lineStart = true
        var line = 1
        var column = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
                lineStart = true
            } else if lineStart && byte == UInt8(ascii: "\t") {
                if lineHasContent(bytes, from: index) {
                    throw YAMLError(
                        .tabIndentation, at: Mark(file: file, line: line, column: column, offset: index),
                        "tab character used for indentation; indent with spaces")
                }
                column += 1
            } else if lineStart && byte == UInt8(ascii: " ") {
                column += 1
            } else {
                lineStart = false
                column += 1
            }
            index += 1
        }
    }

    private static func lineHasContent(_ bytes: ArraySlice<UInt8>, from start: Int) -> Bool {
        var index = start
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "\n") {
            let byte = bytes[index]
            if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
                return true
            }
            index += 1
        }
        return false
    }

    /// Line and column (in characters) of a byte offset.
    static func position(ofByte offset: Int, in bytes: ArraySlice<UInt8>, file: String) -> Mark {
        var line = 1
        var column = 1
        var index = bytes.startIndex
        while index < offset && index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return Mark(file: file, line: line, column: column, offset: offset)
    }
}
