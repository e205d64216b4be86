import OutcryText

/// Turns matched tokens back into the phrases a person would quote: overlapping Chinese bigrams
/// that all matched become one phrase (`质量`, `量问`, `问题` → `质量问题`); words stay words.
enum SharedPhrases {
    /// The `limit` phrases of `folded` whose tokens contributed most, best first.
    static func top(in folded: String, contributions: [String: Double], limit: Int) -> [String] {
        var phrases: [String: Double] = [:]
        var run: [Character] = []
        var runScore = 0.0
        func flush() {
            if run.count >= 2 { phrases[String(run), default: 0] = max(phrases[String(run)] ?? 0, runScore) }
            run.removeAll()
            runScore = 0
        }
        let chars = Array(folded)
        var i = 0
        while i < chars.count {
            let v = chars[i].unicodeScalars.first!.value
            if Tokenizer.isHan(v), i + 1 < chars.count, Tokenizer.isHan(chars[i + 1].unicodeScalars.first!.value),
               let c = contributions[String(chars[i...i + 1])] {
                if run.isEmpty { run.append(chars[i]) }
                run.append(chars[i + 1])
                runScore += c
            } else {
                flush()
            }
            i += 1
        }
        flush()
        // Words, but not English function words: "shares 'your', 'the'" is no evidence to a reader.
        for (token, c) in contributions where !EnglishFunctionWords.all.contains(token)
            && token.unicodeScalars.first.map({ !Tokenizer.isHan($0.value) }) ?? false {
            phrases[token] = max(phrases[token] ?? 0, c)
        }
        var chosen: [String] = []
        for (phrase, _) in phrases.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) where chosen.count < limit {
            if chosen.contains(where: { $0.contains(phrase) }) { continue }
            chosen.append(phrase)
        }
        return chosen
    }
}
