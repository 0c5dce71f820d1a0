import RCMSYAML

extension TenantValidator {
    /// Checks the `travel_documents` section: ids, issuing party and transition, validity,
    /// zone, codes, number series and labels.
    mutating func checkTravelDocuments() {
        let templates = draft.travelDocuments
        checkUnique(templates.map(\.id), kind: "travel document")
        var seriesOwners: [String: String] = [:]
        var transitionOwners: [String: String] = [:]
        for template in templates {
            let name = "travel document '\(template.id.value)'"
            checkTravelDocumentIssuer(template, name: name)
            checkTravelDocumentValidity(template, name: name)
            checkTravelDocumentCodes(template, name: name)
            checkTravelDocumentSeries(template, name: name, owners: &seriesOwners)
            checkTravelDocumentLabels(template, name: name)
            if let other = transitionOwners[template.transition.value] {
                error(
                    "duplicate_id", at: template.transition.mark,
                    "\(name) is issued by transition '\(template.transition.value)', which already issues travel document '\(other)'; one transition issues one document"
                )
            } else {
                transitionOwners[template.transition.value] = template.id.value
            }
        }
    }

    private mutating func checkTravelDocumentIssuer(_ template: TravelDocumentTemplate, name: String) {
        if template.issuedBy.value == .monitor {
            error(
                "invalid_value", at: template.issuedBy.mark,
                "\(name) is issued by the requesting or requested party, not the monitor")
        }
        guard let workflow = draft.workflow else { return }
        checkReference(
            template.transition, kind: "transition", known: workflow.transitions.map(\.id.value), context: name)
        guard let transition = workflow.transition(template.transition.value) else { return }
        if transition.isSystem {
            error(
                "wrong_party", at: template.transition.mark,
                "\(name) is issued by transition '\(transition.id.value)', which only the system performs; name a transition the \(template.issuedBy.value.rawValue) party performs"
            )
        } else if let party = transition.party, party.value != template.issuedBy.value {
            error(
                "wrong_party", at: template.transition.mark,
                "\(name) is issued by the \(template.issuedBy.value.rawValue) party, but transition '\(transition.id.value)' is performed by the \(party.value.rawValue) party"
            )
        }
    }

    private mutating func checkTravelDocumentValidity(_ template: TravelDocumentTemplate, name: String) {
        let validity = template.validity
        let given = [validity.months != nil, validity.days != nil, validity.singleJourney != nil].filter { $0 }.count
        if given != 1 {
            error(
                "invalid_validity", at: validity.mark,
                "the validity of \(name) needs exactly one of 'months', 'days' or 'single_journey: true'; it has \(given)"
            )
        }
        for amount in [validity.months, validity.days].compactMap({ $0 }) where amount.value <= 0 {
            error(
                "invalid_value", at: amount.mark,
                "the validity of \(name) must be a positive number, not \(amount.value)")
        }
        if let single = validity.singleJourney {
            if !single.value {
                error(
                    "invalid_value", at: single.mark,
                    "write 'single_journey: true', or give 'months' or 'days' instead of 'single_journey: false'")
            } else if template.mrz.value != .none {
                error(
                    "invalid_validity", at: template.mrz.mark,
                    "\(name) is valid for a single journey and has no expiry date, which a \(template.mrz.value.rawValue.uppercased()) zone needs; use 'mrz: none' or a validity in months or days"
                )
            }
        }
    }

    private mutating func checkTravelDocumentCodes(_ template: TravelDocumentTemplate, name: String) {
        let code = template.documentCode.value
        let letters = Array(code)
        let codeIsValid =
            (1...2).contains(letters.count) && letters[0].isASCII && letters[0].isUppercase
            && letters.dropFirst().allSatisfy { ($0.isASCII && $0.isUppercase) || $0 == "<" }
        if !codeIsValid {
            error(
                "invalid_document_code", at: template.documentCode.mark,
                "document code '\(code)' of \(name) must be one or two upper-case letters, the second may be '<', such as PT or I<"
            )
        }

        let state = template.issuingState.value
        guard Codes.alpha3Countries.contains(state) else {
            var message = "issuing state '\(state)' of \(name) is not an ISO 3166-1 alpha-3 code"
            if let alpha3 = Codes.alpha3(forAlpha2: state.uppercased()) {
                message += "; did you mean '\(alpha3)'?"
            } else if Codes.alpha3Countries.contains(state.uppercased()) {
                message += "; write it upper case: '\(state.uppercased())'"
            }
            error("invalid_country", at: template.issuingState.mark, message)
            return
        }
        if let party = draft.parties?.party(template.issuedBy.value),
            let expected = Codes.alpha3(forAlpha2: party.country.value), expected != state
        {
            warning(
                "issuing_state_mismatch", at: template.issuingState.mark,
                "\(name) is issued by the \(template.issuedBy.value.rawValue) party (\(party.country.value)), but its issuing state is '\(state)'; expected '\(expected)'"
            )
        }
    }

    private mutating func checkTravelDocumentSeries(
        _ template: TravelDocumentTemplate, name: String, owners: inout [String: String]
    ) {
        let series = template.series
        let prefix = series.prefix.value
        if prefix.isEmpty || !prefix.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
            error(
                "invalid_series", at: series.prefix.mark,
                "series prefix '\(prefix)' of \(name) must be upper-case letters A-Z and digits, as a zone can carry them"
            )
        }
        if !(1...12).contains(series.width.value) {
            error(
                "invalid_series", at: series.width.mark,
                "series width \(series.width.value) of \(name) must be from 1 to 12 digits")
        }
        // A TD3 zone has 9 characters for the document number. TD1 and TD2 continue a longer
        // number in the optional data, so only TD3 has a hard limit.
        if template.mrz.value == .td3, prefix.count + series.width.value > 9 {
            error(
                "invalid_series", at: series.width.mark,
                "numbers of \(name) have \(prefix.count + series.width.value) characters; a TD3 zone holds 9, so shorten the prefix or the width"
            )
        }
        if let other = owners[prefix] {
            error(
                "duplicate_series", at: series.prefix.mark,
                "series prefix '\(prefix)' of \(name) is already used by travel document '\(other)'; two templates sharing one series would print the same numbers"
            )
        } else {
            owners[prefix] = template.id.value
        }
    }

    private mutating func checkTravelDocumentLabels(_ template: TravelDocumentTemplate, name: String) {
        guard let languages = draft.languages else { return }
        let supported = languages.codes
        var labels = [(template.title, "the title of \(name)")]
        labels += template.labels.all.map { ($0.label, "label '\($0.key)' of \(name)") }
        for (label, owner) in labels {
            let missing = supported.filter { (label.texts[$0] ?? "").allSatisfy(\.isWhitespace) }
            if !missing.isEmpty {
                error(
                    "missing_translation", at: label.mark,
                    "\(owner) has no text in \(missing.map { "'\($0)'" }.joined(separator: ", ")); add a translation for every supported language"
                )
            }
        }
    }
}

extension Codes {
    /// ISO 3166-1 alpha-3 codes by alpha-2 code, officially assigned.
    static let alpha3ByAlpha2: [String: String] = [
        "AD": "AND", "AE": "ARE", "AF": "AFG", "AG": "ATG", "AI": "AIA", "AL": "ALB", "AM": "ARM", "AO": "AGO",
        "AQ": "ATA", "AR": "ARG", "AS": "ASM", "AT": "AUT", "AU": "AUS", "AW": "ABW", "AX": "ALA", "AZ": "AZE",
        "BA": "BIH", "BB": "BRB", "BD": "BGD", "BE": "BEL", "BF": "BFA", "BG": "BGR", "BH": "BHR", "BI": "BDI",
        "BJ": "BEN", "BL": "BLM", "BM": "BMU", "BN": "BRN", "BO": "BOL", "BQ": "BES", "BR": "BRA", "BS": "BHS",
        "BT": "BTN", "BV": "BVT", "BW": "BWA", "BY": "BLR", "BZ": "BLZ", "CA": "CAN", "CC": "CCK", "CD": "COD",
        "CF": "CAF", "CG": "COG", "CH": "CHE", "CI": "CIV", "CK": "COK", "CL": "CHL", "CM": "CMR", "CN": "CHN",
        "CO": "COL", "CR": "CRI", "CU": "CUB", "CV": "CPV", "CW": "CUW", "CX": "CXR", "CY": "CYP", "CZ": "CZE",
        "DE": "DEU", "DJ": "DJI", "DK": "DNK", "DM": "DMA", "DO": "DOM", "DZ": "DZA", "EC": "ECU", "EE": "EST",
        "EG": "EGY", "EH": "ESH", "ER": "ERI", "ES": "ESP", "ET": "ETH", "FI": "FIN", "FJ": "FJI", "FK": "FLK",
        "FM": "FSM", "FO": "FRO", "FR": "FRA", "GA": "GAB", "GB": "GBR", "GD": "GRD", "GE": "GEO", "GF": "GUF",
        "GG": "GGY", "GH": "GHA", "GI": "GIB", "GL": "GRL", "GM": "GMB", "GN": "GIN", "GP": "GLP", "GQ": "GNQ",
        "GR": "GRC", "GS": "SGS", "GT": "GTM", "GU": "GUM", "GW": "GNB", "GY": "GUY", "HK": "HKG", "HM": "HMD",
        "HN": "HND", "HR": "HRV", "HT": "HTI", "HU": "HUN", "ID": "IDN", "IE": "IRL", "IL": "ISR", "IM": "IMN",
        "IN": "IND", "IO": "IOT", "IQ": "IRQ", "IR": "IRN", "IS": "ISL", "IT": "ITA", "JE": "JEY", "JM": "JAM",
        "JO": "JOR", "JP": "JPN", "KE": "KEN", "KG": "KGZ", "KH": "KHM", "KI": "KIR", "KM": "COM", "KN": "KNA",
        "KP": "PRK", "KR": "KOR", "KW": "KWT", "KY": "CYM", "KZ": "KAZ", "LA": "LAO", "LB": "LBN", "LC": "LCA",
        "LI": "LIE", "LK": "LKA", "LR": "LBR", "LS": "LSO", "LT": "LTU", "LU": "LUX", "LV": "LVA", "LY": "LBY",
        "MA": "MAR", "MC": "MCO", "MD": "MDA", "ME": "MNE", "MF": "MAF", "MG": "MDG", "MH": "MHL", "MK": "MKD",
        "ML": "MLI", "MM": "MMR", "MN": "MNG", "MO": "MAC", "MP": "MNP", "MQ": "MTQ", "MR": "MRT", "MS": "MSR",
        "MT": "MLT", "MU": "MUS", "MV": "MDV", "MW": "MWI", "MX": "MEX", "MY": "MYS", "MZ": "MOZ", "NA": "NAM",
        "NC": "NCL", "NE": "NER", "NF": "NFK", "NG": "NGA", "NI": "NIC", "NL": "NLD", "NO": "NOR", "NP": "NPL",
        "NR": "NRU", "NU": "NIU", "NZ": "NZL", "OM": "OMN", "PA": "PAN", "PE": "PER", "PF": "PYF", "PG": "PNG",
        "PH": "PHL", "PK": "PAK", "PL": "POL", "PM": "SPM", "PN": "PCN", "PR": "PRI", "PS": "PSE", "PT": "PRT",
        "PW": "PLW", "PY": "PRY", "QA": "QAT", "RE": "REU", "RO": "ROU", "RS": "SRB", "RU": "RUS", "RW": "RWA",
        "SA": "SAU", "SB": "SLB", "SC": "SYC", "SD": "SDN", "SE": "SWE", "SG": "SGP", "SH": "SHN", "SI": "SVN",
        "SJ": "SJM", "SK": "SVK", "SL": "SLE", "SM": "SMR", "SN": "SEN", "SO": "SOM", "SR": "SUR", "SS": "SSD",
        "ST": "STP", "SV": "SLV", "SX": "SXM", "SY": "SYR", "SZ": "SWZ", "TC": "TCA", "TD": "TCD", "TF": "ATF",
        "TG": "TGO", "TH": "THA", "TJ": "TJK", "TK": "TKL", "TL": "TLS", "TM": "TKM", "TN": "TUN", "TO": "TON",
        "TR": "TUR", "TT": "TTO", "TV": "TUV", "TW": "TWN", "TZ": "TZA", "UA": "UKR", "UG": "UGA", "UM": "UMI",
        "US": "USA", "UY": "URY", "UZ": "UZB", "VA": "VAT", "VC": "VCT", "VE": "VEN", "VG": "VGB", "VI": "VIR",
        "VN": "VNM", "VU": "VUT", "WF": "WLF", "WS": "WSM", "YE": "YEM", "YT": "MYT", "ZA": "ZAF", "ZM": "ZMB",
        "ZW": "ZWE",
    ]

    static let alpha3Countries: Set<String> = Set(alpha3ByAlpha2.values)

    /// Returns the alpha-3 code of an alpha-2 code, or `nil` when it is not one.
    static func alpha3(forAlpha2 code: String) -> String? { alpha3ByAlpha2[code] }
}
