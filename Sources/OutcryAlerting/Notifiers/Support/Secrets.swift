import Crypto
import Foundation

/// Reads secrets from the environment at delivery time (so rotating one needs no restart) and
/// signs with them. Error messages name the variable, never its value.
public struct Secrets: Sendable {
    private let lookup: @Sendable (String) -> String?

    public init(_ lookup: @escaping @Sendable (String) -> String? = { ProcessInfo.processInfo.environment[$0] }) {
        self.lookup = lookup
    }

    /// A fixed environment (tests, `alerts test` with overrides).
    public init(_ values: [String: String]) {
        lookup = { values[$0] }
    }

    public enum Missing: Error { case variable(String) }

    public func value(_ variable: String) throws -> String {
        guard let v = lookup(variable), !v.isEmpty else { throw Missing.variable(variable) }
        return v
    }

    public func optional(_ variable: String?) throws -> String? {
        guard let variable else { return nil }
        return try value(variable)
    }

    public static func hmacSHA256(key: Data, message: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}

extension DeliveryOutcome {
    /// An unset secret: the channel stays pending until someone sets it.
    static func missing(_ error: any Error) -> DeliveryOutcome {
        if case Secrets.Missing.variable(let name)? = error as? Secrets.Missing {
            return .failed(retryable: true, message: "environment variable \(name) is not set")
        }
        return .failed(retryable: true, message: "\(error)")
    }
}
