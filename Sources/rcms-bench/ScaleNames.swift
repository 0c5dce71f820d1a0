import RCMSCore

/// Names written in the scripts each bundled tenant meets, and the searches run over them.
///
/// Surnames and given names come from small pools, so folding and transliteration run once per
/// pair rather than once per generated person. The keys are the same ones `PersonRecord`
/// computes for a name entered through the API.
struct ScaleNames {
    struct Pool {
        var surnames: [String]
        var givenNames: [String]
        /// Latin spellings as a travel document prints them, keyed by the name in its own script.
        var transliterations: [String: String]
    }

    /// The pool of each tenant. A tenant missing here gets the pool of de-pk.
    static let pools: [String: Pool] = [
        "at-rs": Pool(
            surnames: ["Petrović", "Петровић", "Јовановић", "Jovanović", "Nikolić", "Huber", "Gruber"],
            givenNames: ["Marko", "Марко", "Милица", "Jelena", "Stefan"],
            transliterations: ["Петровић": "Petrovic", "Јовановић": "Jovanovic", "Марко": "Marko", "Милица": "Milica"]),
        "de-pk": Pool(
            surnames: ["خان", "Khan", "قریشی", "حسین", "Qureshi", "Müller", "Schmidt"],
            givenNames: ["محمد", "Muhammad", "عائشہ", "Imran", "Ayesha"],
            transliterations: [
                "خان": "Khan", "قریشی": "Qureshi", "حسین": "Hussain", "محمد": "Muhammad", "عائشہ": "Ayesha",
            ]),
        "gr-bd": Pool(
            surnames: ["রহমান", "Rahman", "হোসেন", "ইসলাম", "Παπαδόπουλος", "Νικολάου", "Hossain"],
            givenNames: ["করিম", "Karim", "ফাতেমা", "Γιώργος", "Μαρία"],
            transliterations: [
                "রহমান": "Rahman", "হোসেন": "Hossain", "ইসলাম": "Islam", "করিম": "Karim", "ফাতেমা": "Fatema",
            ]),
        "nl-lk": Pool(
            surnames: ["පෙරේරා", "Perera", "සිල්වා", "சிவகுமார்", "கணேசன்", "de Vries", "Jansen"],
            givenNames: ["නිමල්", "Nimal", "ராஜா", "Kumari", "Pieter"],
            transliterations: [
                "පෙරේරා": "Perera", "සිල්වා": "Silva", "சிவகுமார்": "Sivakumar", "கணேசன்": "Ganesan", "නිමල්": "Nimal",
                "ராஜா": "Raja",
            ]),
        "tr-pk": Pool(
            surnames: ["Yılmaz", "Çelik", "Öztürk", "İnce", "خان", "Şahin", "Khan"],
            givenNames: ["Ayşe", "Mehmet", "İbrahim", "محمد", "Işıl"],
            transliterations: ["خان": "Khan", "محمد": "Muhammad"]),
    ]

    /// A surname given to about one person in ten thousand, so a search must find few rows.
    static let rareSurnames: [String: String] = [
        "at-rs": "Зечевић", "de-pk": "ذوالفقار", "gr-bd": "চৌধুরী", "nl-lk": "விஜயகுமார்", "tr-pk": "Karaağaçlı",
    ]
    static let rareTransliterations: [String: String] = [
        "Зечевић": "Zecevic", "ذوالفقار": "Zulfiqar", "চৌধুরী": "Chowdhury", "விஜயகுமார்": "Vijayakumar",
    ]

    /// Searches typed in Latin or in the tenant's own script; each finds people written in the other.
    static let queries: [(tenant: String, text: String)] = [
        ("de-pk", "khan"), ("de-pk", "محمد"), ("gr-bd", "rahman"), ("gr-bd", "papadopoulos"), ("gr-bd", "হোসেন"),
        ("at-rs", "petrovic"), ("at-rs", "Јовановић"), ("nl-lk", "perera"), ("nl-lk", "sivakumar"),
        ("tr-pk", "yilmaz"), ("tr-pk", "IBRAHIM"), ("de-pk", "zulfiqar"), ("gr-bd", "chowdhury"),
    ]
    /// Searches that match no person: the worst case, because every key of the tenant is read.
    static let absentQueries: [(tenant: String, text: String)] = [
        ("de-pk", "xylander"), ("gr-bd", "ξυλουργός"), ("nl-lk", "qwertz"), ("tr-pk", "wxyz"),
    ]

    private var cache: [String: [String]] = [:]

    /// Returns the person of generated case `index` in `tenant`.
    mutating func person(tenant: String, index: Int) -> (surname: String, givenNames: String, keys: [String]) {
        let pool = Self.pools[tenant] ?? Self.pools["de-pk"]!
        var surname = pool.surnames[index % pool.surnames.count]
        if index % 9_973 == 17, let rare = Self.rareSurnames[tenant] { surname = rare }
        let given = pool.givenNames[(index / pool.surnames.count) % pool.givenNames.count]
        let cacheKey = "\(surname)|\(given)"
        if let keys = cache[cacheKey] { return (surname, given, keys) }
        let latin = [
            pool.transliterations[surname] ?? Self.rareTransliterations[surname],
            pool.transliterations[given],
        ]
        let transliterations = latin.contains { $0 != nil } ? [latin[0] ?? surname, latin[1] ?? given] : []
        let keys = NameFolding.searchKeys(surname: surname, givenNames: given, transliterations: transliterations)
        cache[cacheKey] = keys
        return (surname, given, keys)
    }

    /// Returns a partial date of birth: year only, year and month, or a full date, in turn.
    static func dateOfBirth(index: Int) -> PartialDate? {
        let year = 1950 + index % 55
        switch index % 3 {
        case 0: return PartialDate(year: year)
        case 1: return PartialDate(year: year, month: 1 + index % 12)
        default: return PartialDate(year: year, month: 1 + index % 12, day: 1 + index % 28)
        }
    }
}
