import RCMSYAML

/// The top-level sections a tenant file may hold.
enum Section: String, CaseIterable {
    case tenant, languages, agreement, parties, calendars, roles
    case documentTypes = "document_types"
    case safeguards, workflow, retention
    case travelDocuments = "travel_documents"

    /// Sections whose entries may be spread over several files, merged by key.
    var mergesByKey: Bool { self == .calendars }

    /// List sections whose items may be spread over several files, concatenated in file order.
    var mergesItems: Bool { [.roles, .documentTypes, .safeguards, .retention, .travelDocuments].contains(self) }
}

/// Gathers the sections of every file of a tenant, reporting a section defined twice.
struct SectionMerger {
    var nodes: [Section: Node] = [:]
    var keyedEntries: [Section: [Node.Pair]] = [:]
    /// Items of list sections gathered from every file.
    var listItems: [Section: [Node]] = [:]
    private var firstKeyMarks: [String: Mark] = [:]

    mutating func add(_ root: Node, diagnostics: inout [Diagnostic]) {
        guard let pairs = root.pairs else {
            diagnostics.append(
                Diagnostic(
                    .error, "type_mismatch", at: root.mark,
                    "a tenant file is a mapping of sections (tenant, languages, workflow, ...), not a \(root.kindName)")
            )
            return
        }
        for pair in pairs {
            guard let name = pair.key.scalar?.value else { continue }
            guard let section = Section(rawValue: name) else {
                let known = Section.allCases.map(\.rawValue)
                var message = "unknown section '\(name)'"
                if let suggestion = closestMatch(to: name, in: known) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; known sections: \(known.joined(separator: ", "))"
                }
                diagnostics.append(Diagnostic(.error, "unknown_key", at: pair.key.mark, message))
                continue
            }
            if section.mergesByKey {
                mergeEntries(of: section, from: pair.value, diagnostics: &diagnostics)
                continue
            }
            if section.mergesItems, let items = pair.value.items {
                if nodes[section] == nil { nodes[section] = pair.value }
                listItems[section, default: []] += items
                continue
            }
            if let existing = nodes[section] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate_section", at: pair.key.mark,
                        "section '\(name)' is already defined at \(existing.mark); define each section once"))
                continue
            }
            nodes[section] = pair.value
        }
    }

    private mutating func mergeEntries(of section: Section, from node: Node, diagnostics: inout [Diagnostic]) {
        guard let pairs = node.pairs else {
            if node.scalar?.isNull != true {
                diagnostics.append(
                    Diagnostic(
                        .error, "type_mismatch", at: node.mark,
                        "'\(section.rawValue)' is a mapping from id to entry, not a \(node.kindName)"))
            }
            return
        }
        for pair in pairs {
            let key = "\(section.rawValue)/\(pair.key.scalar?.value ?? "")"
            if let first = firstKeyMarks[key] {
                diagnostics.append(
                    Diagnostic(
                        .error, "duplicate_key", at: pair.key.mark,
                        "'\(pair.key.scalar?.value ?? "")' in '\(section.rawValue)' is already defined at \(first)"))
                continue
            }
            firstKeyMarks[key] = pair.key.mark
            keyedEntries[section, default: []].append(pair)
        }
    }
}
