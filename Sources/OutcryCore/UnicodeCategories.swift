extension Unicode.Scalar.Properties {
    /// Any of Unicode's seven punctuation categories (P*): what text comparison and feature
    /// scans skip, in every script (`，` and `【` as well as `,`).
    public var isPunctuation: Bool {
        switch generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }
}
