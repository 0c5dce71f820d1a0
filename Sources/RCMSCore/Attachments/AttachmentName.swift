import Foundation

/// Turns a client's file name into metadata that is safe to store and show.
///
/// The bytes are always stored under a server-generated id, so this name never reaches the
/// file system as a path; it is cleaned anyway because it is shown to users and used as a
/// suggested name in exports.
public enum AttachmentName {
    /// Longest kept name, in UTF-8 bytes.
    public static let maxBytes = 120
    /// The name used when nothing usable remains.
    public static let fallback = "attachment"

    /// Returns `name` without path parts, `..`, control or format characters (such as
    /// bidirectional overrides), leading dots and surrounding spaces, at most `maxBytes` long.
    public static func sanitized(_ name: String) -> String {
        let normalized = name.precomposedStringWithCanonicalMapping
        var kept = String.UnicodeScalarView()
        for scalar in normalized.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                continue
            default:
                break
            }
            // Path separators of every platform become a harmless character.
            kept.append(scalar == "/" || scalar == "\\" || scalar == ":" ? "_" : scalar)
        }
        var text = String(kept)
        while text.contains("..") {
            text = text.replacingOccurrences(of: "..", with: ".")
        }
        text = String(text.drop { $0 == "." || $0 == "_" || $0.isWhitespace })
        while let last = text.last, last.isWhitespace || last == "." {
            text.removeLast()
        }

        // Cut at a character boundary so no scalar is split.
        var result = ""
        var bytes = 0
        for character in text {
            let size = character.utf8.count
            if bytes + size > maxBytes { break }
            result.append(character)
            bytes += size
        }
        return result.isEmpty ? fallback : result
    }
}
