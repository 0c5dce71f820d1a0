/// Code lists the validator checks against.
enum Codes {
    /// ISO 3166-1 alpha-2 country codes, officially assigned.
    static let countries: Set<String> = Set(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
        BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
        EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
        HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
        LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
        NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
        SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
        TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// ISO 639-1 two-letter language codes.
    static let languages: Set<String> = Set(
        """
        aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de
        dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia
        id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo
        lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl
        ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk
        tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// ISO 639-2/3 codes for languages without a two-letter code that readmission pairs use.
    static let threeLetterLanguages: Set<String> = [
        "ary", "ber", "ckb", "fil", "kab", "prs", "rmn", "rom", "shi", "skr", "syl", "tzm", "zgh",
    ]

    /// ISO 15924 script codes common in the scripts of readmission pairs.
    static let scripts: Set<String> = [
        "Arab", "Armn", "Beng", "Cyrl", "Deva", "Ethi", "Geor", "Grek", "Gujr", "Guru", "Hans", "Hant",
        "Hebr", "Khmr", "Latn", "Mlym", "Mymr", "Sinh", "Taml", "Telu", "Thaa", "Thai", "Tibt",
    ]

    /// Why `code` is not a valid BCP 47 language tag of the forms RCMSKit accepts
    /// (`language[-Script][-REGION]`), or `nil` when it is.
    static func languageTagProblem(_ code: String) -> String? {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let language = parts.first, !language.isEmpty else { return "an empty language code" }
        if code.contains("_") {
            return "subtags are separated by '-', not '_'; write '\(code.replacingOccurrences(of: "_", with: "-"))'"
        }
        if language != language.lowercased() {
            return "language subtag '\(language)' must be lower case"
        }
        if !(languages.contains(language) || threeLetterLanguages.contains(language)) {
            return "'\(language)' is not an ISO 639 language code"
        }
        for part in parts.dropFirst() {
            if part.count == 4 {
                if !scripts.contains(part) {
                    return "'\(part)' is not a known ISO 15924 script code (written like Latn)"
                }
            } else if part.count == 2 {
                if !countries.contains(part) {
                    return "'\(part)' is not an ISO 3166-1 region code (written upper case)"
                }
            } else if part.count == 3 && part.allSatisfy(\.isNumber) {
                continue
            } else {
                return "'\(part)' is not a script or region subtag"
            }
        }
        return nil
    }

    /// Languages written right to left, by primary subtag, or by script subtag `Arab`/`Hebr`.
    static let rightToLeftLanguages: Set<String> = [
        "ar", "fa", "he", "ps", "ur", "yi", "dv", "sd", "ug", "ckb", "prs", "skr",
    ]
}

extension Languages {
    /// Whether a language is written right to left.
    public static func isRightToLeft(_ code: String) -> Bool {
        let parts = code.split(separator: "-").map(String.init)
        if parts.contains("Arab") || parts.contains("Hebr") || parts.contains("Thaa") { return true }
        if parts.contains("Latn") || parts.contains("Cyrl") { return false }
        return Codes.rightToLeftLanguages.contains(parts.first ?? "")
    }
}
