import RCMSServer
import Testing

@Suite("Token shape")
struct SessionTokenShapeTests {
    private let secret = String(repeating: "0123456789abcdef", count: 4)

    @Test("tenant of a made token")
    func madeToken() {
        let (token, _) = SessionTokens.make(tenant: "de-pk")
        #expect(SessionTokens.tenant(of: token) == "de-pk")
    }

    @Test(
        "tenant prefixes and secrets",
        arguments: [
            ("de-pk.", "de-pk"),
            ("a.b.", "a.b"),
            ("DE-PK.", "DE-PK"),
            ("ünï.", "ünï"),
            ("x\r\ny.", "x\r\ny"),
            (".", nil),
            ("", nil),
        ])
    func prefixes(prefix: String, expected: String?) {
        #expect(SessionTokens.tenant(of: prefix + secret) == expected)
        #expect(SessionTokens.tenant(of: prefix + secret.uppercased()) == expected)
    }

    @Test("malformed secrets are rejected")
    func malformed() {
        #expect(SessionTokens.tenant(of: "de-pk." + secret.dropLast()) == nil)
        #expect(SessionTokens.tenant(of: "de-pk." + secret + "0") == nil)
        #expect(SessionTokens.tenant(of: "de-pk." + secret.dropLast() + "g") == nil)
        #expect(SessionTokens.tenant(of: "de-pk." + secret.dropLast() + "\r") == nil)
        #expect(SessionTokens.tenant(of: "de-pk") == nil)
    }

    @Test("fullwidth hex digits count as hex digits")
    func fullwidth() {
        // Character.isHexDigit accepts the fullwidth forms, and the shape check keeps doing so.
        let fullwidth = String(repeating: "\u{FF10}", count: 64)
        #expect(SessionTokens.tenant(of: "de-pk." + fullwidth) == "de-pk")
    }
}
