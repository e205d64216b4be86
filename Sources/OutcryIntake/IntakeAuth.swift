import Crypto
import Foundation

/// How a helpdesk proves a push is its own: a bearer token, or an HMAC-SHA256 signature of the
/// raw body (`X-Outcry-Signature: sha256=<hex>`, as GitHub and most helpdesk webhooks sign).
/// Secrets come from the environment; comparisons take constant time.
public enum IntakeAuth: Sendable {
    case token(String)
    case hmac(secret: String)

    public static let signatureHeader = "X-Outcry-Signature"

    /// Nil when the request may pass, else why not (for the log; never the secret or the body).
    public func refusal(authorization: String?, signature: String?, body: [UInt8]) -> String? {
        switch self {
        case .token(let token):
            guard let authorization, authorization.hasPrefix("Bearer ") else { return "no bearer token" }
            return Self.constantTimeEqual(Array(authorization.dropFirst(7).utf8), Array(token.utf8)) ? nil : "wrong token"
        case .hmac(let secret):
            guard let signature, signature.hasPrefix("sha256=") else { return "no \(Self.signatureHeader) header" }
            let expected = Array(Self.sign(body, secret: secret).utf8)
            return Self.constantTimeEqual(Array(signature.lowercased().utf8), expected) ? nil : "bad signature"
        }
    }

    /// The signature header value for a body (tests, and helpdesk integrations written by us).
    public static func sign(_ body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in a.indices { diff |= a[i] ^ b[i] }
        return diff == 0
    }
}
