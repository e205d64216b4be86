import Foundation
import OutcryCore
import OutcryTesting
import OutcryText
import Testing

@Suite struct NormalizerTests {
    let n = Normalizer.shared

    @Test(arguments: [
        ("京東", "京东"), ("ＪＤ．ＣＯＭ", "jd.com"), ("無賴京東　非質量問題不退貨", "无赖京东 非质量问题不退货"),
        ("Comfort U", "comfort u"), ("貨不對板", "货不对板"), ("ÉCOLE", "école"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(n.fold(input) == expected)
    }

    @Test func isIdempotentOnTheDemoData() throws {
        let text = try String(contentsOfFile: OutcryTestsSupport.repo("feeds/demo/posts.jsonl"), encoding: .utf8)
        let sample = String(text.prefix(200_000))
        let once = n.fold(sample)
        #expect(n.fold(once) == once)
    }

    @Test func tableIsLoaded() {
        #expect(n.tableSize > 3000)
        #expect(n.phraseCount > 900)
    }

    @Test(arguments: [
        ("我用滑鼠開啟軟體", "我用鼠标打开软件"), ("計程車司機", "出租车司机"), ("看著天氣，睡不著", "看着天气,睡不着"),
        ("著作權", "著作权"), ("顯著", "显著"), ("显著", "显著"), ("隨身碟", "u盘"), ("什么", "什么"), ("這個影片", "这个视频"), ("ＪＤ的滑鼠", "jd的鼠标"),
    ])
    func foldsTaiwanPhrases(_ input: String, _ expected: String) {
        #expect(n.fold(input) == expected)
    }

    /// Every phrase of the generated table folds to its entry, and folding the result again
    /// changes nothing (the generator drops entries that would not).
    @Test func taiwanPhrasesAreIdempotent() throws {
        let source = try String(contentsOfFile: OutcryTestsSupport.repo("Sources/OutcryText/OpenCC/TaiwanPhrases.swift"), encoding: .utf8)
        var checked = 0
        for line in source.split(separator: "\n") {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: "\t")
            guard parts.count == 2 else { continue }
            let (key, value) = (String(parts[0]), String(parts[1]))
            #expect(n.fold(key) == value, "\(key)")
            #expect(n.fold(value) == value, "\(key) → \(value)")
            #expect(n.fold("在" + key + "里") == n.fold("在") + value + "里", "\(key) in context")
            checked += 1
        }
        #expect(checked == n.phraseCount)
    }
}

@Suite struct MatcherTests {
    @Test func latinTermsRespectWordBoundaries() {
        let m = Matcher(patterns: ["jd", "京东"])
        #expect(m.matches(in: "jdk 11 released").isEmpty)
        #expect(m.matches(in: "ordered on jd.com").map(\.pattern) == [0])
        #expect(m.matches(in: "我在京东买的").map(\.pattern) == [1])
        #expect(m.matches(in: "京东jd").map(\.pattern) == [1, 0])
    }

    @Test func agreesWithTheNaiveOracle() {
        var rng = SplitMix(seed: 42)
        let alphabet = Array("ab 京东无赖jdk.u")
        let patterns = ["a", "ab", "ba", "京东", "东无", "无赖京东", "jd", "u", "k.", "aab", "赖"]
        for _ in 0..<300 {
            let text = String((0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            let fast = Matcher(patterns: patterns).matches(in: text).sorted { ($0.end, $0.pattern) < ($1.end, $1.pattern) }
            #expect(fast == Matcher.naiveMatches(patterns: patterns, in: text), "text: \(text)")
        }
    }
}

@Suite struct AnalyzerTests {
    let analyzer = Analyzer(topics: [
        Topic(id: "jd", name: "京东", terms: ["京东", "JD"], exclude: ["京东方"]),
        Topic(id: "tb", name: "淘宝", terms: ["淘宝"]),
    ])

    @Test(arguments: [
        ("京東這次真的太無賴了", ["jd"]), ("ＪＤ快递", ["jd"]), ("JDK 升级", []), ("京东方面板", []),
        ("京东和淘宝哪个便宜", ["jd", "tb"]),
    ])
    func matchesTopicsAfterNormalization(_ text: String, _ topics: [String]) {
        #expect(analyzer.analyze(text).topics == topics)
    }

    @Test func complaintAndEscalation() {
        let a = analyzer.analyze("非质量问题不退货？货不对板还不退，我要去12315投诉，求扩散")
        #expect(a.complaint)
        #expect(a.escalation)
        #expect(a.polarity > 0)
        #expect(a.terms.contains("12315"))
    }

    @Test func positiveAndNegatedPositive() {
        #expect(analyzer.analyze("京东的快递是真的快，点赞").polarity < 0)
        #expect(analyzer.analyze("This is not good at all").polarity > 0)
        #expect(!analyzer.analyze("质量不错，好评").complaint)
    }

    /// A term listed twice in one category would count twice: every (term, category) is unique.
    /// (A term may sit in two categories on purpose: 维权 is a complaint and an escalation.)
    @Test func theLexiconListsEachTermOncePerCategory() {
        var seen = Set<String>()
        let repeated = Lexicon.standard.entries.filter { !seen.insert($0.category.rawValue + "|" + $0.term).inserted }
        #expect(repeated.isEmpty, "\(repeated.map(\.term))")
    }

    /// Deal and launch talk is flagged beside the sentiment and takes nothing from it: 好价 leaves
    /// 好 its positive say, and a grievance about a sale is still a complaint.
    @Test func promotionTalkIsAFlagBesideTheSentiment() {
        #expect(analyzer.analyze("京东618大促，秒杀抢到了").promotion)
        #expect(analyzer.analyze("Flash sale today: free shipping on everything").promotion)
        #expect(!analyzer.analyze("京东的快递今天到了").promotion)
        let price = analyzer.analyze("机票能拿到好价格")
        #expect(price.promotion && price.polarity < 0 && price.terms == ["好"])
        let grievance = analyzer.analyze("双11买的耳机坏了，要求退货")
        #expect(grievance.promotion && grievance.complaint)
    }

    @Test func englishBreadthFromVADERWithNegation() {
        #expect(EnglishValence.hits(in: "what a lovely surprise").map(\.token) == ["lovely", "surprise"])
        let negated = EnglishValence.hits(in: "the pillow wasn't comfortable")
        #expect(negated.count == 1 && negated[0].valence < 0)
        #expect(analyzer.analyze("Delivery was a nightmare, the box arrived crushed").polarity > 0)
        #expect(analyzer.analyze("Delivery was quick and the pillow is lovely").polarity < 0)
        // General English negativity is not a complaint against a seller.
        #expect(!analyzer.analyze("I hate Mondays").complaint)
        #expect(EnglishValence.tokens("so sad :( </3") == ["so", "sad", ":(", "</3"])
    }

    /// VADER's "no": before a rated word it negates that word rather than counting itself, up
    /// to two words on ("no big problems"), three through "or".
    @Test func noNegatesTheRatedWordAfterIt() {
        let praise = EnglishValence.hits(in: "no complaints at all, and no problems")
        #expect(praise.map(\.token) == ["complaints", "problems"] && praise.allSatisfy { $0.valence > 0 }, "\(praise)")
        #expect(EnglishValence.hits(in: "had no big problems").contains { $0.token == "problems" && $0.valence > 0 })
        #expect(EnglishValence.hits(in: "no fun or happy").allSatisfy { $0.valence < 0 })
        #expect(EnglishValence.hits(in: "no.").map(\.token) == ["no"], "alone it is a no")
        #expect(analyzer.analyze("Comfortable to wear for hours, no complaints at all.").polarity < 0)
    }

    /// VADER's boosters, "kind of" and "least": `very good` is more than `good`, `slightly good`
    /// less; `kind of disappointing` is not kindness; `least helpful` is unhelpful.
    @Test func boostersHedgesAndLeast() {
        func valence(_ text: String) -> Double { EnglishValence.hits(in: text).reduce(0) { $0 + $1.valence } }
        #expect(valence("very good") > valence("good") && valence("slightly good") < valence("good") && valence("slightly good") > 0)
        #expect(valence("extremely bad") < valence("bad"))
        #expect(abs(valence("really very good") - (valence("good") + 0.293 + 0.293 * 0.95)) < 1e-9)
        #expect(EnglishValence.hits(in: "kind of disappointing").map(\.token) == ["disappointing"])
        #expect(EnglishValence.hits(in: "a kind seller").map(\.token) == ["kind"])
        #expect(valence("the least helpful agent") < 0 && valence("at least helpful") > 0)
        #expect(analyzer.analyze("The seller was kind of rude and the least helpful I have met.").polarity > 0)
    }

    /// VADER rates tweet slang; Latin written against Chinese is a product or a code, and a
    /// number is a price or a size.
    @Test func slangIsNotReadIntoChineseTextOrNumbers() {
        #expect(EnglishValence.hits(in: "装了xp系统，开了vip会员，加了qq群").isEmpty)
        #expect(EnglishValence.hits(in: "花了 143 元，身高 187").isEmpty)
        #expect(EnglishValence.hits(in: "京东 lol 真的 wtf").map(\.token) == ["lol", "wtf"])
        #expect(EnglishValence.hits(in: "love it😍 xp").map(\.token) == ["love", "xp"])
    }

}

@Suite struct TokenizerTests {
    @Test func bigramsAndWords() {
        let t = Tokenizer.tokens(Normalizer.shared.fold("无赖京东 Comfort U 7235"))
        #expect(t.map(\.text) == ["无赖", "赖京", "京东", "comfort", "u", "7235"])
        #expect(t.last?.kind == .number)
    }
}
