/// YAML 1.2 core-schema readings of a scalar.
///
/// Only plain scalars without an explicit tag are typed; quoted and block scalars are always
/// text. YAML 1.1 readings that libyaml users often get by accident (`yes`, `no`, `on`, `off`
/// as booleans, `0049` as octal, `17:30` as a sexagesimal number, dates as timestamps) never
/// apply: a string field keeps the text exactly as written.
extension Scalar {
    /// Whether the scalar can carry a core-schema type: plain style, no tag other than the
    /// core ones.
    public var isTypable: Bool { style == .plain && (tag == nil || tag == "!") }

    /// True for a plain `null`, `Null`, `NULL`, `~` or an empty plain scalar.
    public var isNull: Bool {
        if tag == "tag:yaml.org,2002:null" { return true }
        guard isTypable else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// The boolean for a plain `true` or `false`; every other spelling is not a boolean.
    public var boolValue: Bool? {
        guard isTypable || tag == "tag:yaml.org,2002:bool" else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// Whether the text is a decimal number written with a leading zero, such as `0049`; YAML
    /// 1.1 reads it as octal and 1.2 as decimal, so RCMSKit accepts neither reading.
    public var hasLeadingZero: Bool {
        var digits = Substring(value)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return digits.count > 1 && digits.first == "0" && digits.allSatisfy(\.isASCIIDigit)
    }

    /// The integer for a plain core-schema integer (`42`, `-7`, `0x1F`, `0o17`).
    public var intValue: Int? {
        guard isTypable || tag == "tag:yaml.org,2002:int", !hasLeadingZero else { return nil }
        if value.hasPrefix("0x") { return Int(value.dropFirst(2), radix: 16) }
        if value.hasPrefix("0o") { return Int(value.dropFirst(2), radix: 8) }
        var digits = Substring(value)
        if digits.first == "+" { digits = digits.dropFirst() }
        let body = digits.first == "-" ? digits.dropFirst() : digits
        guard !body.isEmpty, body.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(digits)
    }

    /// The number for a plain core-schema float or integer.
    public var doubleValue: Double? {
        if let int = intValue { return Double(int) }
        guard isTypable || tag == "tag:yaml.org,2002:float", !hasLeadingZero else { return nil }
        switch value {
        case ".inf", ".Inf", ".INF", "+.inf": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let allowed = value.allSatisfy { $0.isASCIIDigit || "+-.eE".contains($0) }
        guard allowed, value.contains(where: \.isASCIIDigit) else { return nil }
        return Double(value)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
