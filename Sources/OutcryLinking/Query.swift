import Foundation
import OutcryCore
import OutcryText

/// The spike seen as a search query: weighted tokens and identifiers from its posts.
struct Query {
    var weights: [String: Double] = [:]
    var identifiers = Identifiers()
    var identifierPosts: [String: Int] = [:]

    init(posts: [Post], topTerms: [String], normalizer: Normalizer) {
        var tf: [String: Int] = [:]
        for p in posts {
            var seen = Set<String>()
            for t in Tokenizer.tokens(normalizer.fold(p.text)) where t.kind != .cjkSingle && seen.insert(t.text).inserted {
                tf[t.text, default: 0] += 1
            }
            let ids = Identifiers.extract(p.text)
            for o in ids.orders { identifierPosts[o, default: 0] += 1 }
            for m in ids.models { identifierPosts[m, default: 0] += 1 }
            for h in ids.handles { identifierPosts[h, default: 0] += 1 }
            identifiers.orders.formUnion(ids.orders)
            identifiers.models.formUnion(ids.models)
            identifiers.handles.formUnion(ids.handles)
        }
        // Sublinear: a token in many posts matters more, but not linearly more.
        for (t, c) in tf where QueryTerms.informative(t) { weights[t] = 1 + log(Double(c)) }
        for term in topTerms {
            for t in Tokenizer.tokens(normalizer.fold(term)) where t.kind != .cjkSingle && QueryTerms.informative(t.text) {
                weights[t.text, default: 1] += 1
            }
        }
    }
}

/// Which tokens are worth matching on: not single Latin letters, not bigrams made of function
/// characters (的, 了, 是 …), which every ticket and post share. English function words are
/// matched (BM25 weighs them down): a customer's "your app" is the brand addressed, as the
/// posts address it; they are only not quoted as shared evidence (``SharedPhrases``).
enum QueryTerms {
    static let function: Set<Character> = Set("的了是在我你他她它们这那个就也都和有吗呢吧啊呀么着过被把给对从到与及或而")

    static func informative(_ token: String) -> Bool {
        guard let first = token.unicodeScalars.first else { return false }
        if first.isASCII { return token.count >= 2 }
        return !token.contains(where: { function.contains($0) })
    }
}
