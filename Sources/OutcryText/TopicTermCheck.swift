import OutcryCore

/// Mistakes in a topic's terms that would make it watch nothing, or everything, without a word:
/// found with the same folding and matching the analyzer uses, so a check and a scan agree.
public enum TopicTermCheck {
    /// A term or exclusion with nothing to match once folded: blank, or only punctuation (a
    /// full-width space folds to a space, which every post holds).
    public static func isBlank(_ term: String, normalizer: Normalizer = .shared) -> Bool {
        normalizer.fold(term).unicodeScalars.allSatisfy { s in
            switch s.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format,
                 .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation: true
            default: false
            }
        }
    }

    /// The topic's terms that one of its exclusions always matches too — a post is dropped from
    /// a topic when any exclusion matches it, so such a term never counts — each with the
    /// exclusion found in it.
    public static func shadowedTerms(_ topic: Topic, normalizer: Normalizer = .shared) -> [(term: String, exclusion: String)] {
        let exclusions = topic.exclude.filter { !normalizer.fold($0).isEmpty }
        guard !exclusions.isEmpty else { return [] }
        let folded = exclusions.map(normalizer.fold)
        let matcher = Matcher(patterns: folded)
        return topic.terms.compactMap { term in
            let text = normalizer.fold(term)
            guard let hit = matcher.matches(in: text).first else { return nil }
            return (term, exclusions[hit.pattern])
        }
    }
}
