import Testing
import OutcryCore
import OutcryText

@Suite struct SentimentTests {
    let classifier = SentimentClassifier()

    /// The features the training script extracted for these texts (its `features()`), so
    /// training and inference cannot drift apart unnoticed.
    @Test(arguments: [
        ("Hello, world 你好吗", ["hello", "world", "world 你", "你", "你 好", "吗", "好", "好 吗"]),
        ("It's a WASTE of money!! 🙄 退货",
         ["a", "a waste", "it's", "it's a", "money", "of", "of money", "waste", "waste of", "货", "退", "退 货"]),
        ("ｆｕｌｌ　ｗｉｄｔｈ", ["full", "full width", "width"]),
    ])
    func featuresMatchTheTrainingScript(_ text: String, _ features: [String]) {
        let folded = Normalizer.shared.fold(text)
        #expect(PolarityFeatures.hashes(folded: folded) == features.map(PolarityFeatures.hash(feature:)).sorted())
    }

    @Test func shippedModelIsLoaded() {
        #expect(PolarityModel.standard.count > 30_000)
    }

    /// Reviews whose words are in no lexicon of ours: the model carries them.
    @Test(arguments: [
        ("质量一般，不怎么样，用了两天就不想用了", true),
        ("包装精美，物超所值，会回购的", false),
        ("Total waste of money, stopped working after a week", true),
        ("Sturdy, well made and exactly as described", false),
    ])
    func modelDecidesWhereTheLexiconIsSilent(_ text: String, _ negative: Bool) {
        #expect(classifier.classify(text).negative == negative)
    }

    @Test func traditionalAndFullWidthClassifyAsSimplified() {
        let simplified = classifier.classify("质量一般，不怎么样，客服也不理人。")
        #expect(classifier.classify("質量一般，不怎麼樣，客服也不理人。") == simplified)
        #expect(classifier.classify("质量一般，不怎么样，客服也不理人．") == simplified)
    }

    @Test func lexiconStillNamesComplaintsAndTerms() {
        let c = classifier.classify("非质量问题不退货？货不对板还不退，我要去12315投诉，求扩散")
        #expect(c.negative && c.complaint)
        #expect(c.terms.contains("12315"))
        #expect(!classifier.classify("京东的快递是真的快，点赞").negative)
        #expect(!classifier.classify("I hate Mondays").complaint)
        #expect(classifier.classify("It stopped working after two days, so I sent it back").complaint)
    }

    /// What follows "but" outweighs what came before (VADER's clause weights) — lexicons alone.
    @Test(arguments: [
        ("外观很好，很喜欢，但是质量太差", true),
        ("质量太差，不过客服很好，很满意", false),
        ("Great screen and I love the colours, but it is useless", true),
        ("The box was awful, but the phone is great", false),
    ])
    func sentimentAfterAContrastWeighsMore(_ text: String, _ negative: Bool) {
        let lexicons = SentimentClassifier(model: nil)
        #expect(lexicons.classify(text).negative == negative)
    }

    /// Food-delivery reviews (外卖) have their own grievances and praise.
    @Test func deliveryReviewsHaveTheirVocabulary() {
        let late = classifier.classify("送错了，还少送了一份饮料，饭都凉了")
        #expect(late.negative && late.complaint)
        #expect(late.terms.contains("送错") && late.terms.contains("凉了"))
        #expect(!classifier.classify("很准时，热乎乎的，很好吃").negative)
        // Words as common outside delivery reviews are not evidence there.
        #expect(!classifier.classify("今天去剪头发了，很开心").negative)
        #expect(!classifier.classify("重温《超时空同居》").complaint)
    }
    /// Defects of other products and of hotel stays speak through the lexicon alone.
    @Test func productAndStayDefectsAreEvidence() {
        let lexicons = SentimentClassifier(model: nil)
        let phone = lexicons.classify("用了三天就死机，经常蓝屏")
        #expect(phone.negative && phone.terms == ["死机", "蓝屏"])
        let milk = lexicons.classify("牛奶胀袋了，还快过期了")
        #expect(milk.complaint && milk.terms == ["胀袋", "快过期"])
        #expect(lexicons.classify("房间很脏，隔音差，太吵").negative)
        let charger = lexicons.classify("The charger is poorly made, do not buy")
        #expect(charger.complaint && charger.terms == ["poorly made", "do not buy"])
    }

    /// A service grievance in English — something of theirs destroyed, a claim denied, money taken
    /// twice — is a complaint, as 赔偿 and 踢皮球 are in Chinese; a call to boycott escalates; a
    /// brand asking for shares is neither (English share requests are not 求扩散).
    @Test func englishServiceGrievances() {
        let lexicons = SentimentClassifier(model: nil)
        let post = "Northwind Air destroyed my friend's wheelchair, denied the claim and offered a voucher. Disgraceful. Please share."
        let c = lexicons.classify(post)
        #expect(c.negative && c.complaint && c.terms.contains("destroyed my") && c.terms.contains("disgraceful"), "\(c)")
        #expect(lexicons.classify("They charged twice and never responded to my emails").complaint)
        #expect(Analyzer(topics: []).analyze("Boycott Northwind until they make this right").escalation)
        let promo = lexicons.classify("We just opened our new store downtown, please share!")
        #expect(!promo.negative && !promo.complaint)
    }

    /// An app that stops working is a grievance with the service: an outage's posts are
    /// complaints, so it can reach warning and critical, not only a watch.
    @Test func outagesAreComplaints() {
        let lexicons = SentimentClassifier(model: nil)
        for post in ["Is the Acme Bank app down? Can't log in", "Your website is down and my payment is not working", "APP又崩了，登录不了", "一直闪退，打不开"] {
            #expect(lexicons.classify(post).complaint, "\(post)")
        }
        #expect(!lexicons.classify("Prices are down this week, great time to buy").complaint)
    }

    /// A brand's own name is not sentiment: 快乐 inside 快乐购 says nothing about the post.
    @Test func aTopicsNameShadowsTheSentimentInsideIt() {
        let topic = Topic(id: "kl", name: "快乐购", terms: ["快乐购"])
        let a = Analyzer(topics: [topic]).analyze("快乐购APP又崩了")
        #expect(a.topics == ["kl"] && a.complaint && !a.terms.contains("快乐"), "\(a)")
        // Outside the name the word still counts.
        #expect(Analyzer(topics: [topic]).analyze("在快乐购买东西很快乐").terms.contains("快乐"))
    }

    /// Taiwan's own words for complaints, refunds and consumer protection, written natively.
    @Test func taiwanUsageIsUnderstood() {
        let lexicons = SentimentClassifier(model: nil)
        let c = lexicons.classify("客訴三次都沒下文，不退費，只好找消保官")
        #expect(c.negative && c.complaint && c.terms.contains("消保官"))
        #expect(Analyzer(topics: []).analyze("客訴三次都沒下文，只好找消保官").escalation)
        #expect(!lexicons.classify("超讚，大推").negative)
    }

    /// A sentiment character inside a word without its sense is not evidence: 出差 is a business
    /// trip, 快递 a courier, 宝贵 valuable, 只好 "had to".
    @Test(arguments: ["出差住了三天", "快递到了", "您的宝贵意见", "只好改天再去", "价格差距不大", "心脏检查"])
    func wordsContainingSentimentCharactersAreNeutral(_ text: String) {
        let lexicons = SentimentClassifier(model: nil)
        #expect(lexicons.classify(text).terms.isEmpty)
    }
}
