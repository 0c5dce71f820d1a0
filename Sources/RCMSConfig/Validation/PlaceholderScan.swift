import RCMSYAML

/// Warns about values still holding a `DECIDE:` placeholder from `rcms tenant init`.
enum PlaceholderScan {
    static let marker = "DECIDE:"

    static func warn(bundle: TenantBundle, displayPrefix: String, limits: YAMLLimits, diagnostics: inout [Diagnostic]) {
        for file in bundle.files {
            guard let root = try? YAMLParser.parse(file.contents, file: "\(displayPrefix)/\(file.path)", limits: limits)
            else { continue }
            var stack = [root]
            while let node = stack.popLast() {
                switch node.kind {
                case .scalar(let scalar) where scalar.value.hasPrefix(marker):
                    diagnostics.append(
                        Diagnostic(
                            .warning, "undecided_value", at: node.mark,
                            "placeholder value still to be decided: replace the text after 'DECIDE:' with the real value"
                        ))
                case .scalar:
                    break
                case .mapping(let pairs):
                    stack += pairs.map(\.value)
                case .sequence(let items):
                    stack += items
                }
            }
        }
    }
}
