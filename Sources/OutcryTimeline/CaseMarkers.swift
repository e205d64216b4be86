import Foundation
import OutcryCore

/// What names a case in public: model names and order numbers from its tickets, and the spike's
/// emerging terms that its tickets also use (a Chinese case rarely has a Latin model name: `吃出`
/// in "吃出钢丝球"). Lower-cased; bare short numbers are left out; only what the tickets said
/// before the spike began counts. The timeline finds the case's first public post by them.
enum CaseMarkers {
    static func of(chain: [Ticket], spikeTerms: [String], before start: Date) -> Set<String> {
        var out = Set(chain.flatMap { t in latin(t.subject + " " + t.body) })
        let said = chain.map { t in ([t.subject, t.body] + t.events(before: start).map(\.text)).joined(separator: " ").lowercased() }
            .joined(separator: " ")
        for term in spikeTerms where term.count >= 2 && !(term.count < 8 && term.allSatisfy(\.isNumber)) && said.contains(term) {
            out.insert(term)
        }
        return out
    }

    /// Latin model names ("Comfort U": a capitalized word and the next) and order numbers (8+
    /// digits) in ticket text.
    static func latin(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        var words: [String] = []
        for ch in text + " " {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { word.append(ch) } else {
                if !word.isEmpty { words.append(word) }
                word = ""
                if !(ch == " ") { words.append("|") }
            }
        }
        for (i, w) in words.enumerated() where w.first?.isUppercase == true && i + 1 < words.count && words[i + 1] != "|" {
            out.append((w + " " + words[i + 1]).lowercased())
        }
        out += words.filter { $0.count >= 8 && $0.allSatisfy(\.isNumber) }
        return out
    }
}
