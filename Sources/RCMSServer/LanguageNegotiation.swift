import Foundation

/// Picks the tenant language that best fits a request's `Accept-Language` header.
public enum LanguageNegotiation {
    /// Returns the supported language with the highest `q` in `acceptLanguage`, matching
    /// exactly first and then by base language (`sr` for `sr-Latn`, and `ur-PK` for `ur`);
    /// `default` when nothing matches or the header is absent.
    public static func best(acceptLanguage: String?, supported: [String], default fallback: String) -> String {
        guard let acceptLanguage else { return fallback }
        var ranges: [(tag: String, quality: Double, order: Int)] = []
        for (order, part) in acceptLanguage.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first, !tag.isEmpty else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0 { ranges.append((tag.lowercased(), quality, order)) }
        }
        ranges.sort { $0.quality != $1.quality ? $0.quality > $1.quality : $0.order < $1.order }

        for range in ranges {
            if range.tag == "*" { return fallback }
            if let exact = supported.first(where: { $0.lowercased() == range.tag }) { return exact }
            let base = range.tag.split(separator: "-").first.map(String.init) ?? range.tag
            if let related = supported.first(where: {
                let candidate = $0.lowercased()
                return candidate == base || candidate.split(separator: "-").first.map(String.init) == base
            }) {
                return related
            }
        }
        return fallback
    }
}
